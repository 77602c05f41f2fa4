"""Shared fixtures: the hand-arithmetic factor set and named activity examples."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

import pandas as pd
import pytest

import klimatkalk as kk

FIXTURES = Path(__file__).parent / "fixtures"
MINIMAL_FACTORS = FIXTURES / "factors_minimal"


@pytest.fixture(scope="session")
def minimal_factors() -> kk.FactorTable:
    """The fixture factor set (round numbers, see tests/fixtures/factors_minimal)."""
    return kk.load_factors(MINIMAL_FACTORS)


@pytest.fixture(scope="session")
def latest(minimal_factors: kk.FactorTable) -> kk.FactorTable:
    """The fixture factor set, latest edition (2023-2024 diesel revised by the 2024 source)."""
    return minimal_factors


@pytest.fixture(scope="session")
def first_edition() -> kk.FactorTable:
    """The fixture factor set as published up to 2019, before the 2024 revision."""
    return kk.load_factors(MINIMAL_FACTORS, edition=2019)


@pytest.fixture
def factor_folder(tmp_path: Path) -> Path:
    """A writable copy of the minimal factor folder, to break in one place per test."""
    target = tmp_path / "factors"
    shutil.copytree(MINIMAL_FACTORS, target)
    return target


@pytest.fixture
def extra_folder(tmp_path: Path) -> Callable[[dict[str, str]], Path]:
    """Write a factor folder to stack on factors_minimal: ``{relative path: CSV text}``.

    It carries the sources of tests/fixtures/factors_high_altitude unless given its own.
    """

    def write(files: dict[str, str]) -> Path:
        folder = tmp_path / f"extra{len(list(tmp_path.glob('extra*')))}"
        sources = FIXTURES / "factors_high_altitude" / "sources.csv"
        for name, text in {"sources.csv": sources.read_text(encoding="utf-8"), **files}.items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_text(text, encoding="utf-8")
        return folder

    return write


@pytest.fixture
def typical_activities() -> pd.DataFrame:
    """One row of every fixture activity in 2024, in mixed units."""
    return pd.DataFrame(
        {
            "year": [2024, 2024, 2024, 2024, 2024, 2024],
            "activity": [
                "diesel",
                "electricity",
                "flight_domestic",
                "nitrous_oxide",
                "livopan",
                "purchase_food",
            ],
            "quantity": [1000.0, 2.0, 10.0, 3.0, 1.0, 100.0],
            "unit": ["l", "MWh", "mil", "kg", "kg", "kSEK"],
            "org_unit": ["Ambulans", "Sjukhus", "Stab", "Förlossning", "Ambulans", "Kök"],
        }
    )


@pytest.fixture(scope="session")
def load_script() -> Iterator[Callable[[Path], ModuleType]]:
    """Import a script of the repository (``scripts/…``, fixture generators) as a module."""
    loaded: list[str] = []

    def load(path: Path) -> ModuleType:
        spec = importlib.util.spec_from_file_location(path.stem, path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # dataclasses look their module up here
        loaded.append(spec.name)
        spec.loader.exec_module(module)
        return module

    yield load
    for name in loaded:
        sys.modules.pop(name, None)
