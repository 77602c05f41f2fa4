"""The high-altitude multiplier: applied to the combustion part of flight factors, recorded.

Fixture: tests/fixtures/factors_high_altitude stacked on factors_minimal. Flight factors there
are 0.10 kg CO2e/pkm at combustion and 0.12 over the life cycle (without the effect); the
multiplier is 1.7 for 2019-2024 (source of 2021), revised to 1.9 for 2024 (source of 2023).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import klimatkalk as kk
from klimatkalk.errors import ErrorReason, FactorDataError

FIXTURES = Path(__file__).parents[1] / "fixtures"
STACK = [FIXTURES / "factors_minimal", FIXTURES / "factors_high_altitude"]


@pytest.fixture(scope="module")
def factors() -> kk.FactorTable:
    return kk.load_factors(STACK)


def flights_and_diesel(year: int) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "year": [year, year],
            "activity": ["flight_domestic", "diesel"],
            "quantity": [1000, 100],
            "unit": ["pkm", "l"],
        }
    )


def emissions(result: kk.EmissionsResult) -> list[float]:
    return [round(float(v), 9) for v in result.rows["emissions_kg_co2e"]]


def test_lifecycle_adds_the_uplift_to_the_combustion_part_only(factors: kk.FactorTable) -> None:
    res = kk.calculate_emissions(flights_and_diesel(2020), factors)
    # 1000 pkm × (0.12 + (1.7 − 1) × 0.10) = 190 kg; diesel 100 l × 2.0 = 200 kg, no multiplier
    assert emissions(res) == [190.0, 200.0]
    assert res.rows["high_altitude_multiplier"].tolist() == [1.7, 1.0]


def test_combustion_boundary_multiplies_the_factor(factors: kk.FactorTable) -> None:
    res = kk.calculate_emissions(flights_and_diesel(2020), factors, boundary="combustion")
    # 1000 pkm × 0.10 × 1.7 = 170 kg; diesel 100 l × 2.5 = 250 kg
    assert emissions(res) == [170.0, 250.0]


def test_the_newest_source_sets_the_multiplier(factors: kk.FactorTable) -> None:
    res = kk.calculate_emissions(flights_and_diesel(2024), factors)
    # 2024: 1.9 (source of 2023) → 1000 × (0.12 + 0.9 × 0.10) = 210 kg
    assert emissions(res)[0] == 210.0
    assert res.rows["high_altitude_multiplier"].iat[0] == 1.9


def test_an_earlier_edition_has_the_earlier_multiplier() -> None:
    factors = kk.load_factors(STACK, edition=2022)
    res = kk.calculate_emissions(flights_and_diesel(2024), factors)
    assert res.rows["high_altitude_multiplier"].iat[0] == 1.7  # the 2023 revision is not out


def test_the_effect_can_be_left_out_or_replaced(factors: kk.FactorTable) -> None:
    off = kk.calculate_emissions(flights_and_diesel(2020), factors, high_altitude=False)
    assert emissions(off) == [120.0, 200.0]  # 1000 × 0.12, as the official inventory counts
    assert off.rows["high_altitude_multiplier"].tolist() == [1.0, 1.0]
    two = kk.calculate_emissions(flights_and_diesel(2020), factors, high_altitude=2.0)
    assert emissions(two) == [220.0, 200.0]  # 1000 × (0.12 + 1.0 × 0.10); diesel untouched
    assert two.high_altitude == 2.0


@pytest.mark.parametrize("bad", [0.5, 7.0])
def test_an_implausible_multiplier_is_refused(factors: kk.FactorTable, bad: float) -> None:
    with pytest.raises(ValueError, match="high_altitude"):
        kk.calculate_emissions(flights_and_diesel(2020), factors, high_altitude=bad)


def test_totals_by_multiplier_need_no_row_frame(factors: kk.FactorTable) -> None:
    res = kk.calculate_emissions(flights_and_diesel(2020), factors)
    totals = res.totals("high_altitude_multiplier")
    assert dict(zip(totals.iloc[:, 0], totals.iloc[:, 1], strict=True)) == {1.0: 200.0, 1.7: 190.0}


def test_without_a_combustion_factor_the_row_is_rejected_not_undercounted(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "lifecycle_only"
    (folder / "factors").mkdir(parents=True)
    (folder / "sources.csv").write_text(
        (FIXTURES / "factors_high_altitude" / "sources.csv").read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    (folder / "high_altitude.csv").write_text(
        "activity,multiplier,valid_from,valid_to,source_id,source_locator,note\n"
        "flight_domestic,1.7,2019,2024,test-rf-2021,row 1,\n",
        encoding="utf-8",
    )
    (folder / "withdrawn.csv").write_text(
        "factor_id,source_id,withdrawn_by,reason\nflight,test-fuels-2019,test-rf-2021,test\n",
        encoding="utf-8",
    )
    (folder / "factors" / "flights.csv").write_text(
        "factor_id,activity,value,unit,gas,gwp_set,boundary,price_year,valid_from,valid_to,"
        "source_id,source_locator,note\n"
        "flight-wtw,flight_domestic,0.12,kg CO2e / km,CO2e,,lifecycle,,2019,2024,"
        "test-flights-2022,row 2,\n",
        encoding="utf-8",
    )
    factors = kk.load_factors([FIXTURES / "factors_minimal", folder])
    res = kk.calculate_emissions(flights_and_diesel(2020), factors)
    assert emissions(res) == [200.0]
    rejected = res.rejected.iloc[0]
    assert (rejected["row"], rejected["reason"]) == (0, ErrorReason.NO_FACTOR.value)
    assert "high-altitude" in rejected["message"]
    res.reconcile()
    plain = kk.calculate_emissions(flights_and_diesel(2020), factors, high_altitude=False)
    assert emissions(plain) == [120.0, 200.0]


def test_a_multiplier_needs_a_source(tmp_path: Path) -> None:
    folder = tmp_path / "unsourced"
    folder.mkdir()
    (folder / "high_altitude.csv").write_text(
        "activity,multiplier,valid_from,valid_to,source_id,source_locator,note\n"
        "flight_domestic,1.7,2019,2024,nobody,row 1,\n",
        encoding="utf-8",
    )
    with pytest.raises(FactorDataError) as info:
        kk.load_factors([FIXTURES / "factors_minimal", folder])
    (problem,) = info.value.problems
    assert (problem.row, problem.column, problem.value) == (2, "source_id", "nobody")
    assert problem.reason is ErrorReason.UNKNOWN_SOURCE


def test_two_same_year_multipliers_for_one_year_do_not_load(tmp_path: Path) -> None:
    folder = tmp_path / "ambiguous"
    folder.mkdir()
    (folder / "high_altitude.csv").write_text(
        "activity,multiplier,valid_from,valid_to,source_id,source_locator,note\n"
        "flight_domestic,1.7,2019,2024,test-fuels-2019,row 1,\n"
        "flight_domestic,1.9,2024,2025,test-fuels-2019,row 2,\n",
        encoding="utf-8",
    )
    with pytest.raises(FactorDataError) as info:
        kk.load_factors([FIXTURES / "factors_minimal", folder])
    (problem,) = info.value.problems
    assert (problem.row, problem.reason) == (3, ErrorReason.OVERLAPPING_VALIDITY)
