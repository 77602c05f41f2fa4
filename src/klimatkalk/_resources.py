"""Where the bundled emission-factor data lives, installed or in a source checkout."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

__all__ = ["data_root"]


def data_root() -> Path:
    """Return the folder of the bundled ``emission_factors``.

    In a wheel the data is ``klimatkalk/emission_factors`` (hatch force-include); in an editable
    install or a source checkout it is the repository's top-level ``emission_factors/``.
    """
    packaged = Path(str(files("klimatkalk"))) / "emission_factors"
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / "emission_factors"
    if checkout.is_dir():
        return checkout
    msg = f"bundled emission factors not found in {packaged} nor {checkout}"
    raise FileNotFoundError(msg)
