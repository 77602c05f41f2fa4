from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import klimatkalk as kk
from klimatkalk.errors import ErrorReason

# Fixture factors (tests/fixtures/factors_minimal): diesel lifecycle 2.0 kg/l (2019–2022),
# revised 2.5 kg/l (2023–2024, newer edition); electricity 50 g/kWh; flight 0.2 kg/pkm;
# N2O 1 kg/kg × GWP; livopan 50/50 N2O/O2 by mole; food 0.5 kg/SEK at 2020 prices,
# KPI 2020 = 250, 2024 = 400.


def test_hand_arithmetic(minimal_factors: kk.FactorTable, typical_activities: pd.DataFrame) -> None:
    res = kk.calculate_emissions(typical_activities, minimal_factors)
    expected = [
        1000 * 2.5,  # diesel 2024: 1000 l × 2.5 kg/l (2024 edition)
        2 * 1000 * 0.050,  # 2 MWh = 2000 kWh × 0.050 kg/kWh
        10 * 10 * 0.2,  # 10 mil = 100 km × 0.2 kg/pkm
        3 * 265,  # 3 kg N2O × 265 (AR5 GWP100, IPCC AR5 WG1 Table 8.A.1)
        # 1 kg Livopan: N2O mass fraction 44.013/(44.013+31.998) = 0.579035 → × 265
        44.013 / (44.013 + 31.998) * 265,
        # 100 kSEK 2024 → 2020 prices: 100 000 × 250/400 = 62 500 SEK × 0.5 kg/SEK
        100_000 * 250 / 400 * 0.5,
    ]
    assert res.rows["emissions_kg_co2e"].to_numpy() == pytest.approx(expected, rel=1e-12)
    assert list(res.rows["factor_id"]) == [
        "diesel-lca-rev",
        "el",
        "flight",
        "n2o",
        "livopan",
        "food",
    ]
    assert list(res.rows["scope"]) == [1, 2, 3, 1, 1, 3]
    assert res.rejected.empty
    res.reconcile()


@pytest.mark.parametrize(
    ("gwp_set", "expected"),
    [
        ("AR5GWP100", 10 * 265.0),  # IPCC AR5 WG1 Table 8.A.1
        ("AR6GWP100", 10 * 273.0),  # IPCC AR6 WG1 Table 7.SM.7
        ("AR4GWP100", 10 * 298.0),  # IPCC AR4 WG1 Table 2.14
    ],
)
def test_gwp_set_applies_to_gas_factors(
    minimal_factors: kk.FactorTable, gwp_set: str, expected: float
) -> None:
    acts = pd.DataFrame(
        {"year": [2024], "activity": ["nitrous_oxide"], "quantity": [10], "unit": ["kg"]}
    )
    res = kk.calculate_emissions(acts, minimal_factors, gwp_set=gwp_set)
    assert res.total() == pytest.approx(expected)
    assert res.rows["gwp"].iloc[0] == expected / 10


def test_boundary_choice(minimal_factors: kk.FactorTable) -> None:
    acts = pd.DataFrame({"year": [2020], "activity": ["diesel"], "quantity": [100], "unit": ["l"]})
    lifecycle = kk.calculate_emissions(acts, minimal_factors)
    combustion = kk.calculate_emissions(acts, minimal_factors, boundary="combustion")
    assert lifecycle.total() == 200.0  # 100 l × 2.0 kg/l
    assert combustion.total() == 250.0  # 100 l × 2500 g/l
    assert combustion.rows["factor_id"].iloc[0] == "diesel-ttw"


def test_fallback_previous_records_the_year_used(minimal_factors: kk.FactorTable) -> None:
    acts = pd.DataFrame(
        {"year": [2025], "activity": ["electricity"], "quantity": [1000], "unit": ["kWh"]}
    )
    strict_years = kk.calculate_emissions(acts, minimal_factors)
    assert strict_years.rows.empty
    assert strict_years.rejected["reason"].tolist() == ["year_not_covered"]
    res = kk.calculate_emissions(acts, minimal_factors, fallback="previous")
    assert res.total() == 50.0  # 2024's 50 g/kWh × 1000 kWh
    assert res.rows["factor_year"].tolist() == [2024]


def test_abated_fraction_reduces_gas_emissions(minimal_factors: kk.FactorTable) -> None:
    acts = pd.DataFrame(
        {
            "år": [2024, 2024],
            "aktivitet": ["nitrous_oxide"] * 2,
            "mängd": [100, 100],
            "enhet": ["kg", "kg"],
            "andel_destruerad": ["0,9", ""],
        }
    )
    res = kk.calculate_emissions(acts, minimal_factors)
    # 100 kg × 265 × (1 − 0.9) = 2650; the second row has no abatement: 26 500
    assert res.rows["emissions_kg_co2e"].tolist() == pytest.approx([2650.0, 26500.0])


BAD_ROWS = [
    # (year, activity, quantity, unit, expected reason, expected column)
    (2024, "dieseel", "1", "l", ErrorReason.UNKNOWN_ACTIVITY, "activity"),
    (2024, "diesel", "1", "mWh", ErrorReason.AMBIGUOUS_UNIT, "unit"),  # milli or mega?
    (2024, "diesel", "1", "litres of fuel", ErrorReason.UNKNOWN_UNIT, "unit"),
    (2024, "diesel", "1", "kWh", ErrorReason.UNIT_DIMENSION_MISMATCH, "unit"),
    (2024, "diesel", "-1", "l", ErrorReason.NEGATIVE_QUANTITY, "quantity"),
    (2024, "diesel", "abc", "l", ErrorReason.NOT_A_NUMBER, "quantity"),
    (2024, "diesel", "", "l", ErrorReason.MISSING_VALUE, "quantity"),
    (2024, "diesel", "1,234,5", "l", ErrorReason.AMBIGUOUS_NUMBER, "quantity"),
    (2031, "diesel", "1", "l", ErrorReason.YEAR_NOT_COVERED, "year"),
    ("tjugo", "diesel", "1", "l", ErrorReason.NOT_A_NUMBER, "year"),
    (2024.5, "diesel", "1", "l", ErrorReason.INVALID_YEAR, "year"),
    (2024, "", "1", "l", ErrorReason.MISSING_VALUE, "activity"),
    (2024, "diesel", "1", "", ErrorReason.MISSING_VALUE, "unit"),
]


def test_every_bad_row_is_rejected_with_its_reason(minimal_factors: kk.FactorTable) -> None:
    good = [(2024, "diesel", "10", "l")]
    rows = good + [r[:4] for r in BAD_ROWS]
    acts = pd.DataFrame(rows, columns=["year", "activity", "quantity", "unit"], dtype=object)
    res = kk.calculate_emissions(acts, minimal_factors)
    assert res.rows.index.tolist() == [0]
    assert res.total() == 25.0  # 10 l × 2.5
    got = res.rejected.set_index("row")
    for i, (*_, reason, column) in enumerate(BAD_ROWS, start=1):
        assert got.loc[i, "reason"] == reason.value, (i, got.loc[i].to_dict())
        assert got.loc[i, "column"] == column, (i, got.loc[i].to_dict())
        assert got.loc[i, "message"]
    res.reconcile()


def test_a_rejected_row_shows_its_value_as_written(minimal_factors: kk.FactorTable) -> None:
    """The analyst searches the file for the value: not the lower-cased, trimmed key."""
    written = pd.DataFrame(
        {
            "year": [2024, 2024, 2024],
            "activity": ["Diesle", "DIESEL", " Diesle "],
            "quantity": [1, 1, 1],
            "unit": ["l", " Tonn ", "l"],
        }
    )
    for frame in (written, written.astype({"activity": "category", "unit": "category"})):
        rejected = kk.calculate_emissions(frame, minimal_factors).rejected
        assert rejected[["row", "column", "value"]].values.tolist() == [
            [0, "activity", "Diesle"],
            [1, "unit", " Tonn "],
            [2, "activity", " Diesle "],
        ]
    one = kk.ActivityTable.from_frame(written.iloc[:1])
    both = kk.combine_activities([kk.ActivityTable.from_frame(written.iloc[1:]), one])
    assert kk.calculate_emissions(both, minimal_factors).rejected["value"].tolist() == [
        " Tonn ",
        " Diesle ",
        "Diesle",
    ]


def test_strict_raises_listing_every_bad_row(minimal_factors: kk.FactorTable) -> None:
    acts = pd.DataFrame(
        {
            "year": [2024, 2024, 2024],
            "activity": ["diesel", "x", "diesel"],
            "quantity": [1, 1, -1],
            "unit": ["l", "l", "l"],
        }
    )
    with pytest.raises(kk.InputRowsError) as info:
        kk.calculate_emissions(acts, minimal_factors, strict=True)
    assert [p.row for p in info.value.problems] == [1, 2]
    assert "unknown_activity" in str(info.value) and "negative_quantity" in str(info.value)


def test_missing_column_and_duplicate_header() -> None:
    with pytest.raises(kk.ActivityDataError, match="quantity"):
        kk.ActivityTable.from_frame(
            pd.DataFrame({"year": [2024], "activity": ["diesel"], "unit": ["l"]})
        )
    frame = pd.DataFrame(
        [[2024, 2024, "diesel", 1, "l"]], columns=["year", "år", "activity", "quantity", "unit"]
    )
    with pytest.raises(kk.ActivityDataError, match="duplicate_column"):
        kk.ActivityTable.from_frame(frame)


@pytest.mark.parametrize(
    "empty",
    [
        pd.DataFrame(columns=["år", "aktivitet", "mängd", "enhet"]),
        pd.DataFrame(
            {
                "year": pd.Series([], dtype="int64"),
                "activity": pd.Categorical([]),
                "quantity": pd.Series([], dtype="float64"),
                "unit": pd.Series([], dtype="float64"),
                "org_unit": pd.Series([], dtype=object),
            }
        ),
    ],
)
def test_an_empty_table_gives_an_empty_result(
    minimal_factors: kk.FactorTable, empty: pd.DataFrame
) -> None:
    """A frame with the columns and no rows (a filter that left nothing) is not an error."""
    one = pd.DataFrame({"year": [2024], "activity": ["diesel"], "quantity": [1.0], "unit": ["l"]})
    normal = kk.calculate_emissions(one, minimal_factors)
    for strict in (False, True):
        res = kk.calculate_emissions(empty, minimal_factors, strict=strict, strict_gwp=strict)
        assert len(res.rows) == 0 and len(res.rejected) == 0
        assert list(res.rows.columns[:4]) == ["year", "activity", "quantity", "unit"]
        assert [c for c in res.rows.columns if c != "org_unit"] == list(normal.rows.columns)
        for column in ("year", "quantity", "emissions_kg_co2e", "scope", "factor_value"):
            assert res.rows[column].dtype == normal.rows[column].dtype, column
        assert list(res.rejected.columns) == ["row", "column", "value", "reason", "message"]
        assert res.total() == 0.0
        assert res.totals(by=["year", "category"]).empty
        assert res.rejected_by_year().empty
        res.reconcile()
    assert "0 rader beräknade, 0 avvisade; AR5GWP100" in repr(res)


def test_extra_columns_pass_through(
    minimal_factors: kk.FactorTable, typical_activities: pd.DataFrame
) -> None:
    res = kk.calculate_emissions(typical_activities, minimal_factors)
    assert res.rows["org_unit"].tolist() == typical_activities["org_unit"].tolist()
    totals = res.totals(["org_unit"])
    assert totals["emissions_kg_co2e"].sum() == pytest.approx(res.total())


def test_totals_in_tonnes(
    minimal_factors: kk.FactorTable, typical_activities: pd.DataFrame
) -> None:
    res = kk.calculate_emissions(typical_activities, minimal_factors)
    t = res.totals("category", unit="t")
    assert t["emissions_t_co2e"].sum() == pytest.approx(res.total() / 1000)
    assert res.totals([])["emissions_kg_co2e"].iloc[0] == pytest.approx(res.total())


# --- properties --------------------------------------------------------------------------

EQUIVALENT_UNITS = {
    # activity: [(unit, quantity that equals 1 canonical unit)]
    "diesel": [("l", 1.0), ("m3", 0.001), ("dm3", 1.0)],
    "electricity": [("kWh", 1.0), ("MWh", 0.001), ("GJ", 0.0036)],
    "flight_domestic": [("km", 1.0), ("mil", 0.1), ("pkm", 1.0)],
    "nitrous_oxide": [("kg", 1.0), ("g", 1000.0), ("t", 0.001)],
    "purchase_food": [("SEK", 1.0), ("kSEK", 0.001), ("tkr", 0.001)],
}


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    activity=st.sampled_from(sorted(EQUIVALENT_UNITS)),
    amount=st.floats(min_value=0, max_value=1e9, allow_nan=False),
    year=st.integers(2019, 2024),
)
def test_same_amount_in_any_unit_gives_the_same_co2e(
    minimal_factors: kk.FactorTable, activity: str, amount: float, year: int
) -> None:
    units = EQUIVALENT_UNITS[activity]
    acts = pd.DataFrame(
        {
            "year": [year] * len(units),
            "activity": [activity] * len(units),
            "quantity": [amount * per for _, per in units],
            "unit": [u for u, _ in units],
        }
    )
    values = kk.calculate_emissions(acts, minimal_factors).rows["emissions_kg_co2e"].to_numpy()
    assert len(values) == len(units)
    np.testing.assert_allclose(values, values[0], rtol=1e-9, atol=1e-9)


row_strategy = st.tuples(
    st.integers(2017, 2026),
    st.sampled_from(
        [
            "diesel",
            "electricity",
            "flight_domestic",
            "nitrous_oxide",
            "livopan",
            "purchase_food",
            "unknown",
        ]
    ),
    st.floats(min_value=-10, max_value=1e6, allow_nan=False),
    st.sampled_from(["l", "m3", "kWh", "MWh", "km", "mil", "kg", "g", "SEK", "kSEK", "ton"]),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    rows=st.lists(row_strategy, min_size=1, max_size=40),
    scale=st.floats(0.1, 10),
    seed=st.integers(0, 2**32 - 1),
)
def test_reconciles_is_linear_and_order_independent(
    minimal_factors: kk.FactorTable,
    rows: list[tuple[int, str, float, str]],
    scale: float,
    seed: int,
) -> None:
    acts = pd.DataFrame(rows, columns=["year", "activity", "quantity", "unit"])
    res = kk.calculate_emissions(acts, minimal_factors)
    res.reconcile()  # every row in rows or rejected, exactly once
    assert res.totals(["year", "category"])["emissions_kg_co2e"].sum() == pytest.approx(
        res.rows["emissions_kg_co2e"].sum()
    )
    scaled = kk.calculate_emissions(acts.assign(quantity=acts["quantity"] * scale), minimal_factors)
    assert scaled.total() == pytest.approx(res.total() * scale, rel=1e-9, abs=1e-6)
    order = np.random.default_rng(seed).permutation(len(acts))
    shuffled = kk.calculate_emissions(acts.iloc[order].reset_index(drop=True), minimal_factors)
    assert shuffled.total() == pytest.approx(res.total(), rel=1e-9, abs=1e-6)
    assert math.isclose(len(shuffled.rows), len(res.rows))


def test_totals_keep_rows_with_a_blank_group_value(minimal_factors: kk.FactorTable) -> None:
    acts = pd.DataFrame(
        {
            "year": [2024, 2024],
            "activity": ["nitrous_oxide"] * 2,
            "quantity": [1, 2],
            "unit": ["kg", "kg"],
            "org_unit": ["Förlossning", None],
        }
    )
    res = kk.calculate_emissions(acts, minimal_factors)
    by_unit = res.totals("org_unit")
    # 1 kg × 265 for Förlossning and 2 kg × 265 for the row without an org unit: 795 in all
    assert by_unit["emissions_kg_co2e"].sum() == pytest.approx(3 * 265.0)
    assert len(by_unit) == 2


def test_an_abated_fraction_on_an_activity_that_is_not_a_gas_is_rejected(
    minimal_factors: kk.FactorTable,
) -> None:
    # Nitrous oxide, half destroyed: 100 kg × 265 (AR5) × (1 − 0.5) = 13 250 kg. A diesel row
    # with an abated fraction (a column mapped wrongly?) is rejected, not silently halved; a
    # diesel row with 0 is calculated as it is (1 000 l × 2.5 kg/l = 2 500 kg).
    rows = pd.DataFrame(
        {
            "year": [2024, 2024, 2024],
            "activity": ["nitrous_oxide", "diesel", "diesel"],
            "quantity": [100, 1000, 1000],
            "unit": ["kg", "l", "l"],
            "abated_fraction": [0.5, 0.5, 0.0],
        }
    )
    res = kk.calculate_emissions(rows, minimal_factors)
    assert res.rows["emissions_kg_co2e"].tolist() == pytest.approx([13250.0, 2500.0])
    assert res.rejected[["row", "column", "reason"]].to_dict("records") == [
        {"row": 1, "column": "abated_fraction", "reason": "invalid_value"}
    ]


def test_the_gwp_set_may_be_named_in_any_case_or_short(minimal_factors: kk.FactorTable) -> None:
    rows = pd.DataFrame({"year": [2024], "activity": ["nitrous_oxide"], "quantity": [1],
                         "unit": ["kg"]})  # fmt: skip
    for name in ("ar6gwp100", "AR6", "ar6"):
        res = kk.calculate_emissions(rows, minimal_factors, gwp_set=name)
        assert res.gwp_set == "AR6GWP100"
    with pytest.raises(ValueError, match="choose one of AR4GWP100, AR5GWP100, AR6GWP100"):
        kk.calculate_emissions(rows, minimal_factors, gwp_set="AR7")
