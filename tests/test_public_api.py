"""The public surface: __all__ resolves, nothing private leaks, the import stays light."""

from __future__ import annotations

import subprocess
import sys

import klimatkalk as kk


def test_every_exported_name_resolves() -> None:
    for name in kk.__all__:
        assert getattr(kk, name) is not None, name
        assert not name.startswith("_")


def test_errors_derive_from_base_and_builtin() -> None:
    for error in (
        kk.FactorDataError,
        kk.InputRowsError,
        kk.ActivityDataError,
        kk.UnitError,
        kk.NumberFormatError,
    ):
        assert issubclass(error, kk.KlimatkalkError)
        assert issubclass(error, ValueError)


def test_import_does_not_load_report_or_plot_libraries() -> None:
    code = (
        "import sys, klimatkalk\n"
        "heavy = [m for m in ('matplotlib', 'openpyxl', 'jinja2') if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == ""
