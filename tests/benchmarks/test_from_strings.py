"""From plain text columns to totals: klimatkalk vs a hand-written pandas merge and a polars join.

Input kinds (see ``_data.string_frame``):

- ``typed``: activity and unit are text; year int64 and quantity float64 (``pd.read_csv``).
- ``text``: all four columns are text, ``.`` decimals (``read_activities``, ``dtype=str``).

klimatkalk: ``ActivityTable.from_frame`` + ``calculate_emissions`` + ``totals(year, category)``.
pandas: cast, merge with a factor frame on activity + year, unit multiplier via a dict ``map``,
multiply, ``groupby`` sum. polars: the same as a lazy join + expressions on a native polars frame
built outside the timing (polars' best case). The hand-written versions validate nothing.
Target (not asserted): klimatkalk faster than both at 10^6 rows.
"""

from __future__ import annotations

import functools
from typing import Any

import numpy as np
import pandas as pd
import pytest

import klimatkalk as kk
from klimatkalk.units import parse_activity_unit

from ._data import (
    ACTIVITY_UNITS,
    benchmark_median,
    combos,
    interleaved_medians,
    polars_frame,
    string_frame,
    synthetic,
)

KINDS = ["typed", "text"]


@functools.cache
def unit_multiplier() -> dict[str, float]:
    """Input unit → the activity's canonical unit (l, kWh, km, kg, SEK)."""
    units = {u for us in ACTIVITY_UNITS.values() for u in us}
    return {u: parse_activity_unit(u).to_canonical for u in sorted(units)}


@functools.cache
def factor_frame() -> pd.DataFrame:
    """activity, year, kg CO2e per canonical unit, category: what a hand-written join needs."""
    frame = combos().frame
    per_canonical = frame[frame["unit"].map(unit_multiplier()) == 1.0]
    per_canonical = per_canonical.drop_duplicates(["activity", "year"])
    return (
        per_canonical[["activity", "year", "kg_per_unit", "category"]]
        .rename(columns={"kg_per_unit": "kg_per_canonical"})
        .reset_index(drop=True)
    )


def expected_total(n: int) -> float:
    data, c = synthetic(n), combos()
    return float(np.dot(data.quantity, c.kg_per_unit[data.code]))


def klimatkalk_totals(df: pd.DataFrame, factors: kk.FactorTable) -> pd.DataFrame:
    table = kk.ActivityTable.from_frame(df)
    return kk.calculate_emissions(table, factors).totals(("year", "category"))


def pandas_totals(
    df: pd.DataFrame, factors: pd.DataFrame, multiplier: dict[str, float]
) -> pd.Series:
    rows = pd.DataFrame(
        {
            "year": df["year"].astype("int64"),
            "activity": df["activity"],
            "quantity": df["quantity"].astype("float64"),
            "unit": df["unit"],
        }
    )
    merged = rows.merge(factors, on=["activity", "year"], how="left")
    merged["emissions_kg_co2e"] = (
        merged["quantity"] * merged["unit"].map(multiplier) * merged["kg_per_canonical"]
    )
    return merged.groupby(["year", "category"])["emissions_kg_co2e"].sum()


def polars_totals(df: Any, factors: Any, multiplier: dict[str, float]) -> Any:
    import polars as pl

    return (
        df.lazy()
        .with_columns(pl.col("year").cast(pl.Int64), pl.col("quantity").cast(pl.Float64))
        .join(factors.lazy(), on=["activity", "year"], how="left")
        .with_columns(
            (
                pl.col("quantity")
                * pl.col("unit").replace_strict(multiplier, return_dtype=pl.Float64)
                * pl.col("kg_per_canonical")
            ).alias("emissions_kg_co2e")
        )
        .group_by(["year", "category"])
        .agg(pl.col("emissions_kg_co2e").sum())
        .collect()
    )


@pytest.fixture(params=KINDS)
def kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def _pandas_args(n: int, kind: str) -> tuple[Any, ...]:
    return string_frame(n, kind), factor_frame(), unit_multiplier()


def _polars_args(n: int, kind: str) -> tuple[Any, ...]:
    import polars as pl

    factors = factor_frame()
    factors_pl = pl.DataFrame({c: factors[c].to_numpy().tolist() for c in factors.columns})
    return polars_frame(n, kind), factors_pl, unit_multiplier()


def test_klimatkalk_from_strings(
    benchmark: Any, record: Any, n_rows: int, kind: str, factor_table: kk.FactorTable
) -> None:
    df = string_frame(n_rows, kind)
    totals = benchmark(klimatkalk_totals, df, factor_table)
    assert np.isclose(totals["emissions_kg_co2e"].sum(), expected_total(n_rows), rtol=1e-9)

    if benchmark_median(benchmark) is not None:
        pandas_args = _pandas_args(n_rows, kind)
        fns = {
            "ours": lambda: klimatkalk_totals(df, factor_table),
            "pandas": lambda: pandas_totals(*pandas_args),
        }
        if _has_polars():
            polars_args = _polars_args(n_rows, kind)
            fns["polars"] = lambda: polars_totals(*polars_args)
        medians = interleaved_medians(fns, repeat=5)
        for name, seconds in medians.items():
            record(f"{name}_median_s", seconds)
        record("ratio_to_pandas", medians["ours"] / medians["pandas"])
        if "polars" in medians:
            record("ratio_to_polars", medians["ours"] / medians["polars"])


def test_pandas_merge_from_strings(benchmark: Any, n_rows: int, kind: str) -> None:
    totals = benchmark(pandas_totals, *_pandas_args(n_rows, kind))
    assert np.isclose(totals.sum(), expected_total(n_rows), rtol=1e-9)


def test_polars_join_from_strings(benchmark: Any, n_rows: int, kind: str) -> None:
    pytest.importorskip("polars")
    totals = benchmark(polars_totals, *_polars_args(n_rows, kind))
    assert np.isclose(totals["emissions_kg_co2e"].sum(), expected_total(n_rows), rtol=1e-9)


def _has_polars() -> bool:
    try:
        import polars  # noqa: F401
    except ImportError:  # pragma: no cover
        return False
    return True
