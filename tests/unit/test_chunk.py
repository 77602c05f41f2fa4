"""calculate_chunk: the one calculation, whole or in chunks; from_frame without copies."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import klimatkalk as kk
from klimatkalk import chunk as chunk_module
from klimatkalk.chunk import calculate_chunk, factor_lookup

# Fixture factors (tests/fixtures/factors_minimal): diesel 2.0 kg/l 2019–2022 (2.5 kg/l from
# the revised 2024 source for 2023–2024), electricity 50 g/kWh, N2O 1 kg/kg × GWP 265 (AR5),
# flights 0.2 kg/pkm (1 mil = 10 km).
ROWS = pd.DataFrame(
    {
        "year": [2024, 2019, 2024, 2018, 2024, 2024, 2024, 2024],
        "activity": [
            "diesel",
            "diesel",
            "nitrous_oxide",
            "diesel",
            "unobtainium",
            "electricity",
            "flight_domestic",
            "diesel",
        ],
        "quantity": [10.0, 10.0, 2.0, 1.0, 1.0, 1000.0, 3.0, 4.0],
        "unit": ["l", "m3", "kg", "l", "kg", "kWh", "mil", "kg"],
    }
)
# Hand arithmetic per row; None where the row is rejected (and why).
EXPECTED = [10 * 2.5, 10_000 * 2.0, 2 * 265.0, None, None, 1000 * 0.05, 3 * 10 * 0.2, None]
REASONS = {3: "year_not_covered", 4: "unknown_activity", 7: "unit_dimension_mismatch"}


def check(done: chunk_module.ChunkResult) -> None:
    accepted = [i for i, e in enumerate(EXPECTED) if e is not None]
    assert done.keep is not None and done.keep.tolist() == accepted
    np.testing.assert_allclose(done.emissions, [EXPECTED[i] for i in accepted], rtol=1e-12)
    assert dict(zip(done.rejected["row"], done.rejected["reason"], strict=True)) == REASONS


def test_whole_table_by_hand(minimal_factors: kk.FactorTable) -> None:
    table = kk.ActivityTable.from_frame(ROWS)
    check(calculate_chunk(table, factor_lookup(minimal_factors)))


def test_catalogue_axis_gives_the_same_rows(
    minimal_factors: kk.FactorTable, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Very many activity categories: the other way to the slot, the same numbers."""
    monkeypatch.setattr(chunk_module, "_MAX_INPUT_AXIS_CELLS", 0)
    table = kk.ActivityTable.from_frame(ROWS)
    check(calculate_chunk(table, factor_lookup(minimal_factors)))


def test_chunks_give_the_rows_of_the_whole(minimal_factors: kk.FactorTable) -> None:
    """Two chunks with different categories each: the same emissions as the whole table."""
    lookup = factor_lookup(minimal_factors)
    whole = calculate_chunk(kk.ActivityTable.from_frame(ROWS), lookup)
    parts = [
        calculate_chunk(kk.ActivityTable.from_frame(ROWS.iloc[:3]), lookup),
        calculate_chunk(kk.ActivityTable.from_frame(ROWS.iloc[3:]), lookup),
    ]
    assert parts[0].keep is None and parts[1].keep is not None
    emissions = np.concatenate([p.emissions for p in parts])
    np.testing.assert_array_equal(emissions, whole.emissions)
    np.testing.assert_array_equal(np.concatenate([p.cell for p in parts]), whole.cell)


def test_totals_by_cell_count_a_zero_total_group(minimal_factors: kk.FactorTable) -> None:
    """A group whose rows sum to 0 kg is still a group (its rows exist)."""
    frame = pd.DataFrame(
        {
            "year": [2024, 2023],
            "activity": ["diesel", "diesel"],
            "quantity": [0.0, 2.0],
            "unit": ["l", "l"],
        }
    )
    totals = kk.calculate_emissions(frame, minimal_factors).totals(["year", "activity"])
    assert totals["year"].tolist() == [2023, 2024]
    assert totals["emissions_kg_co2e"].tolist() == [2 * 2.5, 0.0]


def test_fallback_previous_clamps_later_years(minimal_factors: kk.FactorTable) -> None:
    frame = pd.DataFrame(
        {
            "year": [2030, 2010],
            "activity": ["diesel"] * 2,
            "quantity": [1.0, 1.0],
            "unit": ["l"] * 2,
        }
    )
    result = kk.calculate_emissions(frame, minimal_factors, fallback="previous")
    assert result.rows["factor_year"].tolist() == [2024]  # 2024's 2.5 kg/l for 2030
    assert result.rows["emissions_kg_co2e"].tolist() == [2.5]
    assert result.rejected["reason"].tolist() == ["year_not_covered"]
    assert result.totals("year")["year"].tolist() == [2030]


def test_from_frame_keeps_clean_columns_without_copying() -> None:
    quantity = np.array([1.0, 2.5, 0.0])
    year = np.array([2023, 2024, 2024], dtype=np.int64)
    given = pd.DataFrame(
        {
            "year": year,
            "activity": pd.Categorical(["diesel", "electricity", "diesel"]),
            "quantity": quantity,
            "unit": pd.Categorical(["kWh", "l", "l"]),
        }
    )
    frame = kk.ActivityTable.from_frame(given).frame
    assert np.shares_memory(frame["quantity"].to_numpy(), given["quantity"].to_numpy())
    assert np.shares_memory(frame["year"].array._data, given["year"].to_numpy())
    for name in ("activity", "unit"):
        assert np.shares_memory(frame[name].array.codes, given[name].array.codes)
    assert str(frame["year"].dtype) == "Int64"
    assert frame["year"].tolist() == [2023, 2024, 2024]


def test_from_frame_cleans_categories_per_category() -> None:
    """Unclean categories are cleaned once each; blank and out-of-range values still caught."""
    given = pd.DataFrame(
        {
            "year": np.array([2024, 1850, 2024], dtype=np.int64),
            "activity": pd.Categorical([" Diesel", "diesel", "  "]),
            "quantity": [1.0, -1.0, np.inf],
            "unit": pd.Categorical(["l ", "l", "l"]),
        }
    )
    table = kk.ActivityTable.from_frame(given)
    assert table.frame["activity"].tolist()[:2] == ["diesel", "diesel"]
    assert table.frame["activity"].isna().tolist() == [False, False, True]
    assert list(table.frame["activity"].cat.categories) == ["diesel"]
    assert table.frame["unit"].tolist() == ["l", "l", "l"]
    assert given["quantity"].tolist()[1] == -1.0  # the input is left as it was
    problems = dict(zip(table.problems["row"], table.problems["column"], strict=True))
    assert problems == {1: "year", 2: "activity"}
