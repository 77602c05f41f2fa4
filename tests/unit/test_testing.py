from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import klimatkalk as kk
from klimatkalk.testing import (
    assert_emissions_equal,
    assert_factor_change,
    assert_factor_folder_valid,
    assert_reconciles,
    factor_value,
)

MINIMAL = Path(__file__).parents[1] / "fixtures" / "factors_minimal"


def test_folder_valid_and_invalid(factor_folder: Path) -> None:
    assert len(assert_factor_folder_valid(MINIMAL).factors) == 9
    (factor_folder / "factors" / "fixture.csv").write_text(
        (factor_folder / "factors" / "fixture.csv")
        .read_text(encoding="utf-8")
        .replace("test-fuels-2019,row 4,", "missing-source,row 4,"),
        encoding="utf-8",
    )
    with pytest.raises(AssertionError, match="missing-source"):
        assert_factor_folder_valid(factor_folder)


def test_factor_change_between_editions(minimal_factors: kk.FactorTable) -> None:
    old = kk.load_factors(MINIMAL, edition=2019)
    # diesel 2023: 2.0 kg/l in the 2019 edition, 2.5 kg/l in the 2024 edition: 2.5/2.0 − 1 = +25 %
    change = assert_factor_change(
        minimal_factors,
        "diesel",
        2023,
        old=old,
        expected=0.25,
        tolerance=1e-12,
        reason="fixture revision",
    )
    assert change == pytest.approx(0.25)
    with pytest.raises(AssertionError, match=r"\+25.0%, expected \+10.0%.*fixture revision"):
        assert_factor_change(
            minimal_factors,
            "diesel",
            2023,
            old=old,
            expected=0.10,
            tolerance=0.01,
            reason="fixture revision",
        )


def test_factor_change_between_years(minimal_factors: kk.FactorTable) -> None:
    # within the 2019 edition: 2024 3.0 kg/l vs 2019 2.0 kg/l = +50 %
    old = kk.load_factors(MINIMAL, edition=2019)
    assert_factor_change(
        old, "diesel", 2024, old_year=2019, expected=0.5, tolerance=1e-12, reason="fixture"
    )
    assert factor_value(old, "diesel", 2024) == (3.0, "diesel-lca-2024", "test-fuels-2019")
    with pytest.raises(AssertionError, match="no lifecycle factor"):
        factor_value(old, "diesel", 2031)


def test_results_equal_and_reconcile(
    minimal_factors: kk.FactorTable, typical_activities: pd.DataFrame
) -> None:
    a = kk.calculate_emissions(typical_activities, minimal_factors)
    b = kk.calculate_emissions(
        typical_activities.iloc[::-1].reset_index(drop=True), minimal_factors
    )
    assert_emissions_equal(a, b)
    assert_reconciles(a)
    c = kk.calculate_emissions(typical_activities, minimal_factors, gwp_set="AR6GWP100")
    with pytest.raises(AssertionError, match="medical_gases"):
        assert_emissions_equal(a, c)
