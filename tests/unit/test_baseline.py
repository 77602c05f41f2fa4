"""Tests for klimatkalk.analysis.baseline: base-year comparison and base-year recalculation.

Hand arithmetic uses tests/fixtures/factors_minimal: diesel 2.0 kg CO2e/l (2019–2023, first
edition) and 3.0 (2024, first edition); the 2024 edition revises 2023–2024 to 2.5. Electricity
50 g/kWh; nitrous oxide 1 kg N2O/kg × GWP100 265 (AR5) / 273 (AR6).
"""

from __future__ import annotations

import math
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import klimatkalk as kk
from klimatkalk.analysis.baseline import (
    SIGNIFICANCE_THRESHOLD,
    BaseYearRecalculation,
    compare_with_base_year,
    recalculate_base_year,
)

MINIMAL = Path(__file__).parents[1] / "fixtures" / "factors_minimal"
PROPERTY = settings(database=None, deadline=None, max_examples=60)


@cache
def _factor_set() -> kk.FactorTable:
    """One factor set for all property examples (its compiled tables are cached)."""
    return kk.load_factors(MINIMAL)


ACTS = pd.DataFrame(
    {
        "year": [2019, 2019, 2024, 2024],
        "activity": ["diesel", "nitrous_oxide", "diesel", "electricity"],
        "quantity": [1000.0, 10.0, 1.2, 40.0],
        "unit": ["l", "kg", "m3", "MWh"],
    }
)


def _row(table: pd.DataFrame, year: int, group: str, column: str = "category") -> pd.Series:
    hit = table[(table["year"] == year) & (table[column] == group)]
    assert len(hit) == 1, hit
    return hit.iloc[0]


# ------------------------------------------------------------------------------------------
# compare_with_base_year
# ------------------------------------------------------------------------------------------


def test_compare_hand_values(latest: kk.FactorTable) -> None:
    res = kk.calculate_emissions(ACTS, latest)
    table = compare_with_base_year(res, base_year=2019)
    assert list(table.columns) == [
        "year",
        "category",
        "base_emissions_t_co2e",
        "emissions_t_co2e",
        "change_t_co2e",
        "change_fraction",
        "status",
        "rejected_rows",
        "rejected_base_rows",
    ]
    # 2024 in report order (energy, transport, medical gases), then the total
    assert table[table["year"] == 2024]["category"].tolist() == [
        "energy",
        "transport",
        "medical_gases",
        "total",
    ]
    # transport: 1000 l × 2.0 = 2.0 t (2019) → 1.2 m3 = 1200 l × 2.5 = 3.0 t (2024): +1.0 t, +50 %
    transport = _row(table, 2024, "transport")
    assert transport["base_emissions_t_co2e"] == pytest.approx(2.0)
    assert transport["emissions_t_co2e"] == pytest.approx(3.0)
    assert transport["change_t_co2e"] == pytest.approx(1.0)
    assert transport["change_fraction"] == pytest.approx(50.0 / 100)
    assert transport["status"] == "in both years"
    # energy: none in 2019; 40 MWh × 50 g/kWh = 2.0 t in 2024 → relative change undefined
    energy = _row(table, 2024, "energy")
    assert energy["base_emissions_t_co2e"] == 0.0
    assert energy["emissions_t_co2e"] == pytest.approx(2.0)
    assert math.isnan(energy["change_fraction"])
    assert energy["status"] == "new since base year"
    # medical gases: 10 kg × 265 = 2.65 t in 2019, none in 2024 → −100 %
    gases = _row(table, 2024, "medical_gases")
    assert gases["change_t_co2e"] == pytest.approx(-2.65)
    assert gases["change_fraction"] == pytest.approx(-100.0 / 100)
    assert gases["status"] == "not in this year"
    # total: 4.65 t → 5.0 t: +0.35 t = +7.5269 %
    total = _row(table, 2024, "total")
    assert total["base_emissions_t_co2e"] == pytest.approx(4.65)
    assert total["emissions_t_co2e"] == pytest.approx(5.0)
    assert total["change_fraction"] == pytest.approx(0.35 / 4.65)
    assert total["status"] == "total"


def test_compare_base_year_against_itself_is_zero(latest: kk.FactorTable) -> None:
    table = compare_with_base_year(kk.calculate_emissions(ACTS, latest), base_year=2019)
    base = table[table["year"] == 2019]
    assert base["category"].tolist() == ["transport", "medical_gases", "total"]
    assert (base["change_t_co2e"] == 0).all()
    assert (base["change_fraction"] == 0).all()


def test_compare_units_and_grouping(latest: kk.FactorTable) -> None:
    res = kk.calculate_emissions(ACTS, latest)
    kg = compare_with_base_year(res, by=(), unit="kg")
    assert list(kg.columns) == [
        "year",
        "base_emissions_kg_co2e",
        "emissions_kg_co2e",
        "change_kg_co2e",
        "change_fraction",
        "status",
        "rejected_rows",
        "rejected_base_rows",
    ]
    assert kg["emissions_kg_co2e"].tolist() == pytest.approx([4650.0, 5000.0])
    assert kg["status"].tolist() == ["total", "total"]
    by_two = compare_with_base_year(res, by=("scope", "activity"))
    total_2024 = by_two[(by_two["year"] == 2024) & (by_two["activity"] == "total")]
    assert total_2024["scope"].tolist() == ["total"]
    assert float(total_2024["emissions_t_co2e"].iloc[0]) == pytest.approx(5.0)


def test_compare_keeps_rows_with_a_missing_group_value(latest: kk.FactorTable) -> None:
    acts = ACTS.assign(org_unit=["Ambulans", None, "Ambulans", "Sjukhus"])
    table = compare_with_base_year(kk.calculate_emissions(acts, latest), by="org_unit")
    missing = table[(table["year"] == 2024) & table["org_unit"].isna()]
    assert missing["base_emissions_t_co2e"].tolist() == pytest.approx([2.65])
    assert float(_row(table, 2024, "total", "org_unit")["emissions_t_co2e"]) == pytest.approx(5.0)


def test_compare_errors(latest: kk.FactorTable) -> None:
    res = kk.calculate_emissions(ACTS, latest)
    with pytest.raises(ValueError, match="no calculated rows for 2018"):
        compare_with_base_year(res, base_year=2018)
    with pytest.raises(ValueError, match="always a key"):
        compare_with_base_year(res, by=("year", "category"))
    with pytest.raises(ValueError, match="unit="):
        compare_with_base_year(res, unit="Mt")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="no column"):
        compare_with_base_year(res, by="verksamhet")


# ------------------------------------------------------------------------------------------
# recalculate_base_year
# ------------------------------------------------------------------------------------------

ACTS_2023 = pd.DataFrame(
    {
        "year": [2023, 2023, 2024, 2024],
        "activity": ["diesel", "nitrous_oxide", "diesel", "nitrous_oxide"],
        "quantity": [1000.0, 10.0, 1000.0, 10.0],
        "unit": ["l", "kg", "l", "kg"],
    }
)


def test_recalculate_factor_revision_is_significant(
    latest: kk.FactorTable, first_edition: kk.FactorTable
) -> None:
    recalc = recalculate_base_year(ACTS_2023, latest, first_edition, base_year=2023)
    table = recalc.table
    assert table["category"].tolist() == ["transport", "medical_gases", "total"]
    # diesel 2023: 1000 l × 2.0 (first edition) = 2.0 t vs × 2.5 (revision) = 2.5 t
    transport = table.iloc[0]
    assert transport["reported_t_co2e"] == pytest.approx(2.0)
    assert transport["recalculated_t_co2e"] == pytest.approx(2.5)
    assert transport["difference_t_co2e"] == pytest.approx(0.5)
    assert transport["difference_fraction"] == pytest.approx(25.0 / 100)
    # 0.5 t of the 4.65 t inventory (2.0 + 10 × 0.265) = 10.75 % ≥ 5 %
    assert transport["share_of_base_year"] == pytest.approx(0.5 / 4.65)
    assert bool(transport["significant"])
    gases = table.iloc[1]
    assert gases["difference_t_co2e"] == pytest.approx(0.0)
    assert not bool(gases["significant"])
    assert recalc.significant
    assert recalc.difference_share == pytest.approx(0.5 / 4.65)
    assert recalc.threshold == SIGNIFICANCE_THRESHOLD
    assert "signifikant vid 5\u00a0%" in repr(recalc)
    # only base-year rows were recalculated
    assert set(recalc.recalculated.rows["year"]) == {2023}


def test_recalculate_gwp_change_below_threshold(latest: kk.FactorTable) -> None:
    # N2O 2019: 10 kg × 265 = 2.65 t (AR5) vs × 273 = 2.73 t (AR6): +0.08 t of 4.65 t = 1.72 %
    recalc = recalculate_base_year(
        ACTS, latest, latest, gwp_set="AR6GWP100", reported_gwp_set="AR5GWP100"
    )
    gases = recalc.table[recalc.table["category"] == "medical_gases"].iloc[0]
    assert gases["difference_t_co2e"] == pytest.approx(0.08)
    assert gases["share_of_base_year"] == pytest.approx(0.08 / 4.65)
    assert not recalc.significant
    # the same change with a 1 % threshold is significant
    strict = recalculate_base_year(
        ACTS,
        latest,
        latest,
        gwp_set="AR6GWP100",
        reported_gwp_set="AR5GWP100",
        threshold=0.01,
    )
    assert strict.significant


def test_recalculate_takes_settings_from_results(
    latest: kk.FactorTable, first_edition: kk.FactorTable
) -> None:
    current = kk.calculate_emissions(ACTS_2023, latest, gwp_set="AR6GWP100")
    reported = kk.calculate_emissions(ACTS_2023, first_edition)  # all years, AR5
    recalc = recalculate_base_year(ACTS_2023, current, reported, base_year=2023, by=())
    assert recalc.recalculated.gwp_set == "AR6GWP100"
    assert recalc.reported is reported
    # reported: 2.0 + 2.65 = 4.65 t; recalculated: 2.5 + 2.73 = 5.23 t
    assert recalc.table["reported_t_co2e"].tolist() == pytest.approx([4.65])
    assert recalc.table["recalculated_t_co2e"].tolist() == pytest.approx([5.23])
    assert recalc.table["status"].tolist() == ["total"]


def test_recalculate_boundary(latest: kk.FactorTable) -> None:
    # combustion (tank-to-wheel) diesel: 2500 g/l → 1000 l = 2.5 t
    recalc = recalculate_base_year(ACTS, latest, latest, boundary="combustion", by="activity")
    diesel = recalc.table[recalc.table["activity"] == "diesel"].iloc[0]
    assert diesel["recalculated_t_co2e"] == pytest.approx(2.5)
    assert diesel["reported_t_co2e"] == pytest.approx(2.5)


def test_like_for_like_comparison(latest: kk.FactorTable, first_edition: kk.FactorTable) -> None:
    current = kk.calculate_emissions(ACTS_2023, latest)
    as_reported = kk.calculate_emissions(ACTS_2023, first_edition)
    recalc = recalculate_base_year(ACTS_2023, current, as_reported, base_year=2023)
    reported_view = compare_with_base_year(current, base_year=2023, base=as_reported)
    like_for_like = compare_with_base_year(current, base_year=2023, base=recalc)
    # diesel 2024: 2.5 t; base as reported 2.0 t (+0.5 t), recalculated 2.5 t (no change)
    assert _row(reported_view, 2024, "transport")["change_t_co2e"] == pytest.approx(0.5)
    assert _row(like_for_like, 2024, "transport")["change_t_co2e"] == pytest.approx(0.0)


def test_recalculate_errors(latest: kk.FactorTable) -> None:
    with pytest.raises(ValueError, match="threshold"):
        recalculate_base_year(ACTS, latest, latest, threshold=5)
    with pytest.raises(ValueError, match="no activity rows for year 2018"):
        recalculate_base_year(ACTS, latest, latest, base_year=2018)
    only_2024 = kk.calculate_emissions(ACTS[ACTS["year"] == 2024], latest)
    with pytest.raises(ValueError, match="reported result has no calculated rows"):
        recalculate_base_year(ACTS, latest, only_2024)


def test_recalculation_is_a_frozen_record(latest: kk.FactorTable) -> None:
    recalc = recalculate_base_year(ACTS, latest, latest)
    assert isinstance(recalc, BaseYearRecalculation)
    assert recalc.difference_share == 0.0
    assert not recalc.significant


# ------------------------------------------------------------------------------------------
# properties
# ------------------------------------------------------------------------------------------

UNITS = {
    "diesel": ["l", "m3", "dm3"],
    "electricity": ["kWh", "MWh"],
    "flight_domestic": ["km", "mil"],
    "nitrous_oxide": ["kg", "g", "t"],
    "livopan": ["kg"],
}

activity_rows = st.lists(
    st.tuples(
        st.integers(2019, 2024),
        st.sampled_from(sorted(UNITS)),
        st.integers(0, 2),
        st.floats(0, 1e6, allow_nan=False, allow_infinity=False),
    ),
    min_size=1,
    max_size=30,
)


def _frame(rows: list[tuple[int, str, int, float]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "year": [r[0] for r in rows],
            "activity": [r[1] for r in rows],
            "quantity": [r[3] for r in rows],
            "unit": [UNITS[r[1]][r[2] % len(UNITS[r[1]])] for r in rows],
        }
    )


@PROPERTY
@given(rows=activity_rows, by=st.sampled_from([(), ("category",), ("activity", "scope")]))
def test_property_base_year_itself_has_zero_change(
    rows: list[tuple[int, str, int, float]], by: tuple[str, ...]
) -> None:
    res = kk.calculate_emissions(_frame(rows), _factor_set())
    base_year = int(res.rows["year"].iloc[0])
    table = compare_with_base_year(res, base_year=base_year, by=by, unit="kg")
    base = table[table["year"] == base_year]
    assert (base["change_kg_co2e"] == 0).all()
    assert base["change_fraction"].isna().eq(base["base_emissions_kg_co2e"] == 0).all()
    assert set(base["status"]) <= {"in both years", "total"}
    # every year's total row is the year's total, and change = emissions − base
    totals = res.totals("year")
    for year, expected in zip(totals["year"], totals["emissions_kg_co2e"], strict=True):
        last = table[table["year"] == year].iloc[-1]
        assert last["emissions_kg_co2e"] == pytest.approx(expected, rel=1e-12, abs=1e-9)
    change = table["emissions_kg_co2e"] - table["base_emissions_kg_co2e"]
    np.testing.assert_allclose(table["change_kg_co2e"], change, rtol=0, atol=0)


def _acts(rows: list[tuple[int, str, float, str]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["year", "activity", "quantity", "unit"])


def test_rejected_rows_of_the_year_and_of_the_base_year_are_counted(
    latest: kk.FactorTable,
) -> None:
    # 2019: two electricity rows, one with a misspelt activity (rejected); 2024: one row and one
    # with a unit of the wrong kind (rejected), one of a year no factor covers (2031, rejected).
    rows = _acts(
        [
            (2019, "electricity", 1, "MWh"),
            (2019, "electricitty", 9, "MWh"),
            (2024, "electricity", 1, "MWh"),
            (2024, "electricity", 1, "kg"),
            (2031, "electricity", 1, "MWh"),
        ]
    )
    table = compare_with_base_year(kk.calculate_emissions(rows, latest), by=())
    assert table["year"].tolist() == [2019, 2024]
    assert table["rejected_rows"].tolist() == [1, 1]
    assert table["rejected_base_rows"].tolist() == [1, 1]


def test_a_swedish_column_name_and_a_text_year_are_handled(latest: kk.FactorTable) -> None:
    res = kk.calculate_emissions(_acts([(2019, "electricity", 1, "MWh")]), latest)
    table = compare_with_base_year(res, by="kategori")
    assert "kategori" in table.columns
    with pytest.raises(ValueError, match="base_year must be an integer year, got '2019'"):
        compare_with_base_year(res, base_year="2019")  # type: ignore[arg-type]
