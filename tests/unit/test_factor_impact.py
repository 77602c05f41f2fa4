"""Tests for factor_impact: the same activities under an old and a new factor set.

Hand arithmetic uses tests/fixtures/factors_minimal (diesel 2.0 kg CO2e/l 2019–2023 and 3.0 in
2024 in the first edition; the 2024 edition revises 2023–2024 to 2.5; electricity 50 g/kWh; N2O
× 265 AR5 / 273 AR6) and tests/fixtures/factors_update stacked on it (a 2025 source: electricity
2024 revised to 40 g/kWh, petrol 2.5 kg/l; with edition=2024 neither is there).
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
from klimatkalk.analysis.factor_impact import factor_update_impact

FIXTURES = Path(__file__).parents[1] / "fixtures"
MINIMAL = FIXTURES / "factors_minimal"
STACKED = [MINIMAL, FIXTURES / "factors_update"]
PROPERTY = settings(database=None, deadline=None, max_examples=60)


@cache
def _factor_set(edition: int | None) -> kk.FactorTable:
    """One factor set per edition for all property examples (compiled tables are cached)."""
    return kk.load_factors(MINIMAL, edition=edition)


ACTS = pd.DataFrame(
    {
        "year": [2019, 2023, 2024, 2024],
        "activity": ["diesel", "diesel", "diesel", "nitrous_oxide"],
        "quantity": [1000.0, 1000.0, 1000.0, 10.0],
        "unit": ["l", "l", "l", "kg"],
    }
)


def _row(table: pd.DataFrame, year: object, category: object) -> pd.Series:
    hit = table[(table["year"] == year) & (table["category"] == category)]
    assert len(hit) == 1, hit
    return hit.iloc[0]


def test_edition_update_hand_values(first_edition: kk.FactorTable, latest: kk.FactorTable) -> None:
    impact = factor_update_impact(ACTS, first_edition, latest)
    assert list(impact.columns) == [
        "year",
        "category",
        "old_t_co2e",
        "new_t_co2e",
        "change_t_co2e",
        "change_fraction",
        "left_out_rows",
        "left_out_t_co2e",
        "left_out_share",
        "rejected_old",
        "rejected_new",
    ]
    # the base year is in the table, unchanged: 1000 l × 2.0 in both editions
    base = _row(impact, 2019, "transport")
    assert (base["old_t_co2e"], base["new_t_co2e"], base["change_fraction"]) == (2.0, 2.0, 0.0)
    # 2023: 2.0 → 2.5 kg/l: +0.5 t, +25 %
    y2023 = _row(impact, 2023, "transport")
    assert y2023["change_t_co2e"] == pytest.approx(0.5)
    assert y2023["change_fraction"] == pytest.approx(25.0 / 100)
    # 2024: 3.0 → 2.5 kg/l: −0.5 t, −16.7 %; nitrous oxide unchanged (2.65 t)
    y2024 = _row(impact, 2024, "transport")
    assert y2024["change_fraction"] == pytest.approx((-50 / 3) / 100)
    assert _row(impact, 2024, "medical_gases")["change_t_co2e"] == 0.0
    total = _row(impact, 2024, "total")
    assert (total["old_t_co2e"], total["new_t_co2e"]) == pytest.approx((5.65, 5.15))
    assert impact["year"].tolist() == [2019, 2019, 2023, 2023, 2024, 2024, 2024]
    assert impact["rejected_old"].dtype == np.int64
    assert (impact[["rejected_old", "rejected_new"]] == 0).all().all()


def test_gwp_set_only(latest: kk.FactorTable) -> None:
    # 10 kg N2O: × 265 = 2650 kg (AR5) → × 273 = 2730 kg (AR6): +80 kg, +3.0189 %
    impact = factor_update_impact(ACTS, latest, gwp_set_new="AR6GWP100", by="activity", unit="kg")
    n2o = impact[impact["activity"] == "nitrous_oxide"].iloc[0]
    assert n2o["change_kg_co2e"] == pytest.approx(80.0)
    assert n2o["change_fraction"] == pytest.approx((8 / 2.65) / 100)
    diesel = impact[impact["activity"] == "diesel"].iloc[0]
    assert diesel["change_kg_co2e"] == 0.0
    assert impact["activity"].tolist()[-1] == "total"


def test_new_factor_and_revised_factor() -> None:
    old = kk.load_factors(STACKED, edition=2024)
    new = kk.load_factors(STACKED)
    acts = pd.DataFrame(
        {
            "year": [2024, 2024, 2024],
            "activity": ["electricity", "petrol", "diesel"],
            "quantity": [10.0, 100.0, 100.0],
            "unit": ["MWh", "l", "l"],
        }
    )
    impact = factor_update_impact(acts, old, new)
    # electricity 2024: 10 MWh × 50 g/kWh = 0.5 t → × 40 g/kWh = 0.4 t (−20 %)
    energy = _row(impact, 2024, "energy")
    assert (energy["old_t_co2e"], energy["new_t_co2e"]) == pytest.approx((0.5, 0.4))
    assert energy["change_fraction"] == pytest.approx(-20.0 / 100)
    # petrol has no factor in the 2024 edition: rejected there, 100 l × 2.5 = 0.25 t in the new
    transport = _row(impact, 2024, "transport")
    assert transport["rejected_old"] == 1
    assert transport["rejected_new"] == 0
    # like for like: only diesel is calculated by both (100 l × 2.5 = 0.25 t in both)
    assert transport["old_t_co2e"] == pytest.approx(0.25)
    assert transport["new_t_co2e"] == pytest.approx(0.25)
    assert transport["change_t_co2e"] == pytest.approx(0.0)
    # petrol is shown apart: 1 row, 0.25 t, 0.25 / (0.25 + 0.25) = half of transport
    assert transport["left_out_rows"] == 1
    assert transport["left_out_t_co2e"] == pytest.approx(0.25)
    assert transport["left_out_share"] == pytest.approx(0.5)
    assert _row(impact, 2024, "total")["rejected_old"] == 1


def test_a_factor_that_disappears_is_visible() -> None:
    acts = pd.DataFrame(
        {"year": [2024], "activity": ["petrol"], "quantity": [100.0], "unit": ["l"]}
    )
    impact = factor_update_impact(
        acts, kk.load_factors(STACKED), kk.load_factors(STACKED, edition=2024)
    )
    transport = _row(impact, 2024, "transport")
    # a disappearing factor is no reduction: the row is left out, 100 l × 2.5 = 0.25 t
    assert transport["old_t_co2e"] == 0.0
    assert transport["new_t_co2e"] == 0.0
    assert math.isnan(transport["change_fraction"])
    assert transport["left_out_rows"] == 1
    assert transport["left_out_t_co2e"] == pytest.approx(0.25)
    assert transport["left_out_share"] == pytest.approx(1.0)
    assert (transport["rejected_old"], transport["rejected_new"]) == (0, 1)


def test_rejected_rows_without_a_group(latest: kk.FactorTable) -> None:
    acts = pd.concat(
        [
            ACTS,
            pd.DataFrame(
                {
                    "year": [2024, "tjugotjugofyra", 2030],
                    "activity": ["wood_pellets", "diesel", "diesel"],
                    "quantity": [1.0, 1.0, 1.0],
                    "unit": ["kg", "l", "l"],
                }
            ),
        ],
        ignore_index=True,
    )
    impact = factor_update_impact(acts, latest)
    # an activity not in the catalogue has no category
    unknown = impact[(impact["year"] == 2024) & impact["category"].isna()]
    assert unknown[["rejected_old", "rejected_new"]].to_numpy().tolist() == [[1, 1]]
    # a year no factor covers: the group is there, with 0 t and the rejected row
    y2030 = _row(impact, 2030, "transport")
    assert (y2030["old_t_co2e"], y2030["rejected_new"]) == (0.0, 1)
    assert math.isnan(y2030["change_fraction"])
    # an unreadable year has no year
    assert impact[impact["year"].isna()]["rejected_old"].sum() == 2  # the row and its total


def test_grouping_variants(first_edition: kk.FactorTable, latest: kk.FactorTable) -> None:
    total = factor_update_impact(ACTS, first_edition, latest, by=())
    assert list(total.columns)[:2] == ["old_t_co2e", "new_t_co2e"]
    # 2.0 + 2.0 + 3.0 + 2.65 = 9.65 t → 2.0 + 2.5 + 2.5 + 2.65 = 9.65 t
    assert total[["old_t_co2e", "new_t_co2e"]].to_numpy().ravel() == pytest.approx([9.65, 9.65])
    by_category = factor_update_impact(ACTS, first_edition, latest, by="category")
    assert by_category["category"].tolist() == ["transport", "medical_gases", "total"]
    by_year = factor_update_impact(ACTS, first_edition, latest, by="year")
    assert by_year["year"].tolist() == [2019, 2023, 2024]  # the rows are the years' totals


# ------------------------------------------------------------------------------------------
# property: an update that changes nothing has no impact
# ------------------------------------------------------------------------------------------

UNITS = {
    "diesel": ["l", "m3"],
    "electricity": ["kWh", "MWh"],
    "nitrous_oxide": ["kg", "g"],
    "purchase_food": ["SEK", "kSEK"],
    "unknown_thing": ["kg", "t"],
}


@PROPERTY
@given(
    rows=st.lists(
        st.tuples(
            st.integers(2018, 2025),
            st.sampled_from(sorted(UNITS)),
            st.integers(0, 1),
            st.floats(0, 1e7, allow_nan=False, allow_infinity=False),
        ),
        min_size=1,
        max_size=25,
    ),
    gwp_set=st.sampled_from(["AR4GWP100", "AR5GWP100", "AR6GWP100"]),
    by=st.sampled_from([("year", "category"), ("category",), (), ("year", "scope", "unit")]),
)
def test_property_no_change_no_impact(
    rows: list[tuple[int, str, int, float]], gwp_set: str, by: tuple[str, ...]
) -> None:
    acts = pd.DataFrame(
        {
            "year": [r[0] for r in rows],
            "activity": [r[1] for r in rows],
            "quantity": [r[3] for r in rows],
            "unit": [UNITS[r[1]][r[2]] for r in rows],
        }
    )
    factors, same = _factor_set(None), kk.load_factors(MINIMAL)
    impact = factor_update_impact(acts, factors, same, gwp_set_old=gwp_set, by=by, unit="kg")
    assert (impact["change_kg_co2e"] == 0).all()
    assert (impact["old_kg_co2e"] == impact["new_kg_co2e"]).all()
    assert impact["change_fraction"].dropna().eq(0).all()
    assert (impact["rejected_old"] == impact["rejected_new"]).all()
    # every input row is counted once: calculated or rejected
    res = kk.calculate_emissions(acts, factors, gwp_set=gwp_set)
    group_keys = [k for k in by if k != "year"]
    groups = impact[impact[group_keys[0]] != "total"] if group_keys else impact
    assert int(groups["rejected_old"].sum()) == len(res.rejected)
    if not by:
        assert impact["old_kg_co2e"].iloc[0] == pytest.approx(res.total(), rel=1e-12)
