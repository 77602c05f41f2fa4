"""Tests for klimatkalk.analysis.decomposition: LMDI-I activity / factor / GWP / abatement effects.

Hand arithmetic uses tests/fixtures/factors_minimal: diesel 2.0 kg CO2e/l (2019–2023) and, in the
first edition, 3.0 (2024); the 2024 edition revises 2023–2024 to 2.5. Electricity 50 g/kWh;
nitrous oxide 1 kg N2O/kg × GWP100 265 (AR5) / 273 (AR6). Food 0.5 kg CO2e per SEK of price year
2020, with the fixture's KPI 2019 200, 2020 250, 2024 400. LMDI-I: effect of factor X is
L(E_b, E_a)·ln(X_b/X_a) with L(x, y) = (x − y)/ln(x/y).
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
from klimatkalk.analysis.decomposition import (
    EFFECTS,
    SPEND_PARTS,
    decompose_change,
    logarithmic_mean,
)

MINIMAL = Path(__file__).parents[1] / "fixtures" / "factors_minimal"
PROPERTY = settings(database=None, deadline=None, max_examples=80)


@cache
def _factor_set(edition: int | None) -> kk.FactorTable:
    """One factor set per edition for all property examples (compiled tables are cached)."""
    return kk.load_factors(MINIMAL, edition=edition)


TERMS = [f"{e}_kg_co2e" for e in EFFECTS]


def _acts(rows: list[tuple[int, str, float, str]], **extra: list[object]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["year", "activity", "quantity", "unit"])
    for name, values in extra.items():
        frame[name] = values
    return frame


def _one(table: pd.DataFrame, column: str, value: str) -> pd.Series:
    hit = table[table[column] == value]
    assert len(hit) == 1, hit
    return hit.iloc[0]


def _lm(x: float, y: float) -> float:
    return x if x == y else (x - y) / math.log(x / y)


# ------------------------------------------------------------------------------------------
# hand-computed cases
# ------------------------------------------------------------------------------------------


def test_litres_and_cubic_metres_add_up(latest: kk.FactorTable) -> None:
    # 2019: 500 l + 0.5 m3 = 1000 l; 2020: 1000 dm3 = 1000 l; both at 2.0 kg/l = 2000 kg
    res = kk.calculate_emissions(
        _acts(
            [(2019, "diesel", 500, "l"), (2019, "diesel", 0.5, "m3"), (2020, "diesel", 1000, "dm3")]
        ),
        latest,
    )
    d = decompose_change(res, res, by="activity", year_a=2019, year_b=2020, unit="kg")
    diesel = _one(d, "activity", "diesel")
    assert diesel["emissions_a_kg_co2e"] == pytest.approx(2000.0)
    assert diesel["emissions_b_kg_co2e"] == pytest.approx(2000.0)
    for term in TERMS:
        assert diesel[term] == pytest.approx(0.0, abs=1e-9)


def test_activity_and_factor_effect(first_edition: kk.FactorTable) -> None:
    # 1000 l × 2.0 = 2000 kg (2019) → 0.8 m3 = 800 l × 3.0 = 2400 kg (2024, first edition)
    res = kk.calculate_emissions(
        _acts([(2019, "diesel", 1000, "l"), (2024, "diesel", 0.8, "m3")]), first_edition
    )
    d = decompose_change(res, res, year_a=2019, year_b=2024, unit="kg")
    assert d["activity"].tolist() == ["diesel", "total"]
    assert d["category"].tolist() == ["transport", "total"]
    diesel = d.iloc[0]
    weight = 400 / math.log(2400 / 2000)  # L(2400, 2000) = 2193.9
    assert diesel["change_kg_co2e"] == pytest.approx(400.0)
    assert diesel["activity_effect_kg_co2e"] == pytest.approx(weight * math.log(0.8))  # −489.6
    assert diesel["factor_effect_kg_co2e"] == pytest.approx(weight * math.log(1.5))  # +889.6
    assert diesel["gwp_effect_kg_co2e"] == 0.0
    assert diesel["abatement_effect_kg_co2e"] == 0.0
    assert diesel["activity_effect_kg_co2e"] == pytest.approx(-489.6, abs=0.05)
    assert diesel["factor_effect_kg_co2e"] == pytest.approx(889.6, abs=0.05)


def test_gwp_effect_same_year(latest: kk.FactorTable) -> None:
    # 10 kg N2O in 2024: × 265 = 2650 kg (AR5) → × 273 = 2730 kg (AR6): +80 kg, all GWP
    acts = _acts([(2024, "nitrous_oxide", 10, "kg")])
    ar5 = kk.calculate_emissions(acts, latest, gwp_set="AR5GWP100")
    ar6 = kk.calculate_emissions(acts, latest, gwp_set="AR6GWP100")
    d = decompose_change(ar5, ar6, by=(), unit="kg")
    row = d.iloc[0]
    assert row["change_kg_co2e"] == pytest.approx(80.0)
    assert row["gwp_effect_kg_co2e"] == pytest.approx(80.0)
    assert row["activity_effect_kg_co2e"] == pytest.approx(0.0, abs=1e-9)
    assert row["factor_effect_kg_co2e"] == pytest.approx(0.0, abs=1e-9)


def test_factor_edition_effect_same_year(
    latest: kk.FactorTable, first_edition: kk.FactorTable
) -> None:
    # diesel 2024, 1000 l: 3.0 kg/l (first edition) → 2.5 (revision) = −500 kg, all factor
    acts = _acts([(2024, "diesel", 1000, "l")])
    d = decompose_change(
        kk.calculate_emissions(acts, first_edition),
        kk.calculate_emissions(acts, latest),
        by="year",
        unit="kg",
    )
    assert d["year"].tolist() == [2024, "total"]
    assert d["factor_effect_kg_co2e"].tolist() == pytest.approx([-500.0, -500.0])
    assert d["activity_effect_kg_co2e"].tolist() == pytest.approx([0.0, 0.0], abs=1e-9)


def test_added_and_removed(first_edition: kk.FactorTable) -> None:
    res = kk.calculate_emissions(
        _acts(
            [
                (2019, "nitrous_oxide", 10, "kg"),  # 2650 kg, gone in 2024
                (2019, "electricity", 10, "MWh"),  # 500 kg
                (2024, "electricity", 20, "MWh"),  # 1000 kg: +500 kg of activity
                (2024, "diesel", 100, "l"),  # 300 kg (3.0 kg/l), new in 2024
            ]
        ),
        first_edition,
    )
    d = decompose_change(res, res, by="category", year_a=2019, year_b=2024, unit="kg")
    assert d["category"].tolist() == ["energy", "transport", "medical_gases", "total"]
    energy = _one(d, "category", "energy")
    assert energy["activity_effect_kg_co2e"] == pytest.approx(500.0)  # L(1000, 500)·ln 2
    assert energy["factor_effect_kg_co2e"] == pytest.approx(0.0, abs=1e-9)
    assert _one(d, "category", "transport")["added_kg_co2e"] == pytest.approx(300.0)
    assert _one(d, "category", "medical_gases")["removed_kg_co2e"] == pytest.approx(-2650.0)
    total = _one(d, "category", "total")
    assert total["change_kg_co2e"] == pytest.approx(1300.0 - 3150.0)
    assert sum(total[t] for t in TERMS) == pytest.approx(total["change_kg_co2e"])


def test_zero_quantity_is_an_activity_effect(latest: kk.FactorTable) -> None:
    # diesel present in both years, 0 l in 2019: the whole +250 kg (100 l × 2.5) is activity
    res = kk.calculate_emissions(
        _acts([(2019, "diesel", 0, "l"), (2024, "diesel", 100, "l")]), latest
    )
    d = decompose_change(res, res, by="activity", year_a=2019, year_b=2024, unit="kg")
    diesel = _one(d, "activity", "diesel")
    assert diesel["activity_effect_kg_co2e"] == pytest.approx(250.0)
    for term in TERMS:
        if term != "activity_effect_kg_co2e":
            assert diesel[term] == 0.0


def test_spend_real_volume_price_and_factor(latest: kk.FactorTable) -> None:
    # 2019: 1000 SEK → 2020 prices: 1000 × 250/200 = 1250 SEK₂₀₂₀ × 0.5 = 625 kg
    # 2024: 3000 SEK → 3000 × 250/400 = 1875 SEK₂₀₂₀ × 0.5 = 937.5 kg; change +312.5 kg
    # real volume (any common price year) 1250 → 1875: ×1.5; factor per real krona unchanged;
    # kronor entered ×3, of which the price level ×(400/200) = 2
    res = kk.calculate_emissions(
        _acts([(2019, "purchase_food", 1000, "SEK"), (2024, "purchase_food", 3, "kSEK")]), latest
    )
    row = decompose_change(res, res, by=(), year_a=2019, year_b=2024, unit="kg").iloc[0]
    weight = 312.5 / math.log(937.5 / 625)  # L(937.5, 625) = 770.7
    assert row["change_kg_co2e"] == pytest.approx(312.5)
    assert row["activity_effect_kg_co2e"] == pytest.approx(weight * math.log(1.5))  # +312.5
    assert row["factor_effect_kg_co2e"] == pytest.approx(0.0, abs=1e-9)
    assert row["nominal_spend_effect_kg_co2e"] == pytest.approx(weight * math.log(3))  # +846.7
    assert row["price_effect_kg_co2e"] == pytest.approx(weight * math.log(0.5))  # −534.2
    assert row["nominal_spend_effect_kg_co2e"] == pytest.approx(846.7, abs=0.05)
    assert row["price_effect_kg_co2e"] == pytest.approx(-534.2, abs=0.05)
    assert sum(row[t] for t in TERMS) == pytest.approx(312.5)


def test_spend_prices_only(latest: kk.FactorTable) -> None:
    # 1000 SEK in 2019 and 2000 SEK in 2024: both 1250 SEK₂₀₂₀ = 625 kg; the doubling of the
    # kronor is all price: +625·ln 2 kronor, −625·ln 2 price level, no activity, no factor
    res = kk.calculate_emissions(
        _acts([(2019, "purchase_food", 1000, "SEK"), (2024, "purchase_food", 2000, "SEK")]), latest
    )
    row = decompose_change(res, res, by=(), year_a=2019, year_b=2024, unit="kg").iloc[0]
    assert row["change_kg_co2e"] == pytest.approx(0.0, abs=1e-9)
    for term in TERMS:
        assert row[term] == pytest.approx(0.0, abs=1e-9)
    assert row["nominal_spend_effect_kg_co2e"] == pytest.approx(625 * math.log(2))  # +433.2
    assert row["price_effect_kg_co2e"] == pytest.approx(-625 * math.log(2))


def test_spend_factor_of_another_price_year(latest: kk.FactorTable, tmp_path: Path) -> None:
    # A stacked folder gives food 0.3 kg CO2e per SEK of 2024 for 2024. 2019 under the fixture:
    # 1000 SEK → 625 kg (above). 2024 under the new factor: 3000 SEK₂₀₂₄ × 0.3 = 900 kg.
    # In 2024 money (index 400): real volume 1000 × 400/200 = 2000 → 3000 (×1.5); factor
    # 625/2000 = 0.3125 → 0.3 kg per SEK₂₀₂₄ (×0.96), although 0.3 vs 0.5 reads as ×0.6.
    # L(900, 625) = 275/ln 1.44 = 754.3: activity L·ln 1.5 = +305.8, factor L·ln 0.96 = −30.8.
    folder = tmp_path / "egna"
    (folder / "factors").mkdir(parents=True)
    (folder / "sources.csv").write_text(
        "source_id,publisher,title,year,url,doc_id,retrieved,license,note\n"
        "own-food,Region Test,Egen miljöspendanalys,2024,https://example.org/food,,2026-12-03,,"
        "test value\n",
        encoding="utf-8",
    )
    (folder / "factors" / "own.csv").write_text(
        "factor_id,activity,value,unit,gas,gwp_set,boundary,price_year,valid_from,valid_to,"
        "source_id,source_locator,note\n"
        "own-food-2024,purchase_food,0.3,kg CO2e / SEK,CO2e,,,2024,2024,2024,own-food,row 1,\n",
        encoding="utf-8",
    )
    stacked = kk.load_factors([MINIMAL, folder])
    res_a = kk.calculate_emissions(_acts([(2019, "purchase_food", 1000, "SEK")]), latest)
    res_b = kk.calculate_emissions(_acts([(2024, "purchase_food", 3000, "SEK")]), stacked)
    row = decompose_change(res_a, res_b, by=(), unit="kg").iloc[0]
    weight = 275 / math.log(900 / 625)
    assert row["change_kg_co2e"] == pytest.approx(275.0)
    assert row["activity_effect_kg_co2e"] == pytest.approx(weight * math.log(1.5))
    assert row["factor_effect_kg_co2e"] == pytest.approx(weight * math.log(0.96))
    assert row["activity_effect_kg_co2e"] == pytest.approx(305.8, abs=0.05)
    assert row["factor_effect_kg_co2e"] == pytest.approx(-30.8, abs=0.05)
    assert row["price_effect_kg_co2e"] == pytest.approx(weight * math.log(0.5))  # −522.8


def test_spend_parts_are_zero_for_other_rows(latest: kk.FactorTable) -> None:
    res = kk.calculate_emissions(
        _acts(
            [
                (2019, "diesel", 1000, "l"),
                (2024, "diesel", 800, "l"),
                (2019, "purchase_food", 1000, "SEK"),
                (2024, "purchase_food", 2000, "SEK"),
            ]
        ),
        latest,
    )
    d = decompose_change(res, res, by="activity", year_a=2019, year_b=2024, unit="kg")
    diesel = _one(d, "activity", "diesel")
    assert diesel["nominal_spend_effect_kg_co2e"] == 0.0
    assert diesel["price_effect_kg_co2e"] == 0.0
    total = _one(d, "activity", "total")
    assert total["price_effect_kg_co2e"] == pytest.approx(-625 * math.log(2))


@pytest.mark.parametrize(
    ("abated_a", "abated_b", "expected"),
    [
        (0.0, 0.5, -1325.0),  # 10 kg × 265 = 2650 kg → half destroyed: −1325 kg
        (0.0, 1.0, -2650.0),  # all destroyed: emissions 0, the abatement factor is 0
        (1.0, 0.0, 2650.0),  # destruction stopped
    ],
)
def test_abatement_effect(
    latest: kk.FactorTable, abated_a: float, abated_b: float, expected: float
) -> None:
    acts = _acts(
        [(2019, "nitrous_oxide", 10, "kg"), (2024, "nitrous_oxide", 10, "kg")],
        abated_fraction=[abated_a, abated_b],
    )
    res = kk.calculate_emissions(acts, latest)
    d = decompose_change(res, res, by=(), year_a=2019, year_b=2024, unit="kg")
    row = d.iloc[0]
    assert row["abatement_effect_kg_co2e"] == pytest.approx(expected)
    assert row["activity_effect_kg_co2e"] == pytest.approx(0.0, abs=1e-9)
    assert row["factor_effect_kg_co2e"] == pytest.approx(0.0, abs=1e-9)


def test_abatement_and_activity_offset(latest: kk.FactorTable) -> None:
    # 10 kg, 20 % destroyed: 10 × 265 × 0.8 = 2120 kg; 20 kg, 60 % destroyed: 20 × 265 × 0.4 = 2120
    acts = _acts(
        [(2019, "nitrous_oxide", 10, "kg"), (2024, "nitrous_oxide", 20, "kg")],
        abated_fraction=[0.2, 0.6],
    )
    res = kk.calculate_emissions(acts, latest)
    row = decompose_change(res, res, by=(), year_a=2019, year_b=2024, unit="kg").iloc[0]
    assert row["change_kg_co2e"] == pytest.approx(0.0, abs=1e-9)
    assert row["activity_effect_kg_co2e"] == pytest.approx(2120 * math.log(2))  # +1469.5
    assert row["abatement_effect_kg_co2e"] == pytest.approx(2120 * math.log(0.5))


def test_output_columns_and_unit(latest: kk.FactorTable) -> None:
    res = kk.calculate_emissions(_acts([(2024, "electricity", 1, "MWh")]), latest)
    d = decompose_change(res, res)
    assert list(d.columns) == [
        "category",
        "activity",
        "emissions_a_t_co2e",
        "emissions_b_t_co2e",
        "change_t_co2e",
        *[f"{e}_t_co2e" for e in EFFECTS],
        *[f"{e}_t_co2e" for e in SPEND_PARTS],
        "rejected_a_rows",
        "rejected_b_rows",
    ]
    assert d["emissions_a_t_co2e"].tolist() == pytest.approx([0.05, 0.05])


def test_rejected_rows_of_each_side_are_counted(latest: kk.FactorTable) -> None:
    # 2023: one electricity row; 2024: one electricity row and one misspelt activity. The
    # misspelt row is in no term, so the table says how many rows each side left out.
    res = kk.calculate_emissions(
        _acts(
            [
                (2023, "electricity", 1, "MWh"),
                (2024, "electricity", 1, "MWh"),
                (2024, "electricitty", 5, "MWh"),
            ]
        ),
        latest,
    )
    d = decompose_change(res, res, by=(), year_a=2023, year_b=2024)
    assert d["rejected_a_rows"].tolist() == [0]
    assert d["rejected_b_rows"].tolist() == [1]
    every = decompose_change(res, res, by=())  # no year: every rejected row of the result
    assert every["rejected_a_rows"].tolist() == [1]


def test_errors(latest: kk.FactorTable) -> None:
    res = kk.calculate_emissions(_acts([(2024, "electricity", 1, "MWh")]), latest)
    with pytest.raises(ValueError, match="no calculated rows for 2019"):
        decompose_change(res, res, year_a=2019)
    with pytest.raises(ValueError, match="no column"):
        decompose_change(res, res, by="verksamhet")
    with pytest.raises(ValueError, match="unit="):
        decompose_change(res, res, unit="g")  # type: ignore[arg-type]


# ------------------------------------------------------------------------------------------
# logarithmic mean
# ------------------------------------------------------------------------------------------


def test_logarithmic_mean() -> None:
    x = np.array([2.0, 5.0, 1.0, 1.0 + 1e-12])
    y = np.array([1.0, 5.0, 4.0, 1.0])
    out = logarithmic_mean(x, y)
    assert out[0] == pytest.approx(1 / math.log(2))
    assert out[1] == 5.0
    assert out[2] == pytest.approx(3 / math.log(4))
    assert out[3] == pytest.approx(1.0 + 5e-13, rel=1e-15)  # close values stay accurate
    # far apart: x / y would overflow for a subnormal y; ln x − ln y does not
    far = logarithmic_mean(np.array([1.0]), np.array([1e-320]))
    assert far[0] == pytest.approx(1.0 / (math.log(1.0) - math.log(1e-320)))


@PROPERTY
@given(
    st.floats(1e-6, 1e9, allow_nan=False, allow_infinity=False),
    st.floats(1e-6, 1e9, allow_nan=False, allow_infinity=False),
)
def test_property_logarithmic_mean_bounds(x: float, y: float) -> None:
    value = float(logarithmic_mean(np.array([x]), np.array([y]))[0])
    assert value == pytest.approx(float(logarithmic_mean(np.array([y]), np.array([x]))[0]))
    # geometric mean ≤ L ≤ arithmetic mean
    assert math.sqrt(x * y) * (1 - 1e-12) <= value <= (x + y) / 2 * (1 + 1e-12)


# ------------------------------------------------------------------------------------------
# property: the terms add up to the change, per group and overall
# ------------------------------------------------------------------------------------------

UNITS = {
    "diesel": ["l", "m3", "dm3"],
    "electricity": ["kWh", "MWh", "GJ"],
    "flight_domestic": ["km", "mil"],
    "nitrous_oxide": ["kg", "g"],
    "livopan": ["kg", "t"],
    "purchase_food": ["SEK", "kSEK"],
}

row_strategy = st.tuples(
    st.sampled_from(sorted(UNITS)),
    st.integers(0, 2),
    st.one_of(st.just(0.0), st.floats(1e-3, 1e6, allow_nan=False, allow_infinity=False)),
    st.sampled_from([0.0, 0.0, 0.3, 1.0]),
)
side_strategy = st.tuples(
    st.integers(2019, 2024),
    st.lists(row_strategy, min_size=1, max_size=12),
    st.sampled_from(["AR4GWP100", "AR5GWP100", "AR6GWP100"]),
    st.sampled_from([None, 2019]),
)


def _result(
    side: tuple[int, list[tuple[str, int, float, float]], str, int | None],
) -> kk.EmissionsResult:
    year, rows, gwp_set, edition = side
    acts = pd.DataFrame(
        {
            "year": [year] * len(rows),
            "activity": [r[0] for r in rows],
            "quantity": [r[2] for r in rows],
            "unit": [UNITS[r[0]][r[1] % len(UNITS[r[0]])] for r in rows],
            "abated_fraction": [r[3] for r in rows],
        }
    )
    return kk.calculate_emissions(acts, _factor_set(edition), gwp_set=gwp_set)


@PROPERTY
@given(
    a=side_strategy,
    b=side_strategy,
    by=st.sampled_from([("category", "activity"), ("category",), (), ("scope",), ("unit",)]),
)
def test_property_terms_sum_to_change(
    a: tuple[int, list[tuple[str, int, float, float]], str, int | None],
    b: tuple[int, list[tuple[str, int, float, float]], str, int | None],
    by: tuple[str, ...],
) -> None:
    res_a, res_b = _result(a), _result(b)
    d = decompose_change(res_a, res_b, by=by, unit="kg")
    terms = d[TERMS].to_numpy()
    change = d["change_kg_co2e"].to_numpy()
    scale = (
        d["emissions_a_kg_co2e"].abs().to_numpy()
        + d["emissions_b_kg_co2e"].abs().to_numpy()
        + np.abs(terms).sum(axis=1)
    )
    tolerance = 1e-12 * scale + 1e-9  # float round-off of sums of this size
    np.testing.assert_array_less(np.abs(terms.sum(axis=1) - change), tolerance)
    difference = d["emissions_b_kg_co2e"] - d["emissions_a_kg_co2e"]
    np.testing.assert_array_less(np.abs(change - difference.to_numpy()), tolerance)
    # the total row holds both results' totals and the sum of the group rows
    total = d.iloc[-1]
    assert total["emissions_a_kg_co2e"] == pytest.approx(res_a.total(), rel=1e-12, abs=1e-9)
    assert total["emissions_b_kg_co2e"] == pytest.approx(res_b.total(), rel=1e-12, abs=1e-9)
    if by:
        groups = d.iloc[:-1][TERMS].to_numpy().sum(axis=0)
        np.testing.assert_allclose(
            total[TERMS].to_numpy(dtype=float), groups, rtol=1e-12, atol=1e-9
        )
    # the spend parts add up to the spend rows' activity effect (here: food's)
    if "activity" in by:
        spend = d[d["activity"] == "purchase_food"]
        parts = spend[[f"{p}_kg_co2e" for p in SPEND_PARTS]].to_numpy().sum(axis=1)
        activity = spend["activity_effect_kg_co2e"].to_numpy()
        np.testing.assert_array_less(np.abs(parts - activity), 1e-9 * (1 + np.abs(activity)))
    # no activity present in both results is "added" or "removed"
    shared = set(res_a.rows["activity"].astype(str)) & set(res_b.rows["activity"].astype(str))
    if "activity" in by:
        rows = d[d["activity"].isin(shared)]
        assert (rows["added_kg_co2e"] == 0).all()
        assert (rows["removed_kg_co2e"] == 0).all()
