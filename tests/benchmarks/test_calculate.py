"""calculate_emissions on categorical input, next to the bare-numpy floor on the same data.

The floor is the least work that can produce the numbers: the rows arrive as one precomputed
integer code per (activity, unit, year) and a per-code array of kg CO2e per input unit, so it is
one gather, one multiply and one ``bincount``. klimatkalk does the same arithmetic but also
validates, finds the factor row, attaches its provenance columns and builds the result frame.
Target (issue 15, not asserted: time never is): calculate_emissions + ``totals(["year",
"activity"])`` ≤ 3× the floor at 2·10^6 categorical rows, and ``ActivityTable.from_frame`` of
categorical input close to the floor (it keeps the columns it does not change, uncopied).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

import klimatkalk as kk

from ._data import (
    activity_table,
    benchmark_median,
    categorical_frame,
    combos,
    interleaved_medians,
    rejecting_table,
    synthetic,
)


def numpy_floor(
    quantity: npt.NDArray[np.float64],
    code: npt.NDArray[np.uint8],
    kg_per_unit: npt.NDArray[np.float64],
) -> tuple[npt.NDArray[np.float64], npt.NDArray[Any]]:
    """kg CO2e per row and the total per code: the minimal possible work."""
    emissions = quantity * kg_per_unit[code]
    totals = np.bincount(code, weights=emissions, minlength=len(kg_per_unit))
    return emissions, totals


def _floor_args(n: int) -> tuple[Any, ...]:
    data = synthetic(n)
    return data.quantity, data.code, combos().kg_per_unit


def _record_ratio(record: Any, n_rows: int, ours: Any) -> None:
    """Time ours and the floor in turn (see ``interleaved_medians``) and record the ratio."""
    args = _floor_args(n_rows)
    medians = interleaved_medians(
        {"ours": ours, "floor": lambda: numpy_floor(*args)}, repeat=7 if n_rows < 10_000_000 else 3
    )
    record("ours_median_s", medians["ours"])
    record("floor_median_s", medians["floor"])
    record("ratio_to_numpy_floor", medians["ours"] / medians["floor"])
    record("rows_per_s", n_rows / medians["ours"])


def test_numpy_floor(benchmark: Any, n_rows: int) -> None:
    args = _floor_args(n_rows)
    emissions, totals = benchmark(numpy_floor, *args)
    assert len(emissions) == n_rows
    assert np.isclose(totals.sum(), emissions.sum())


def test_calculate_emissions_categorical(
    benchmark: Any, record: Any, n_rows: int, factor_table: kk.FactorTable
) -> None:
    table = activity_table(n_rows)
    result = benchmark(kk.calculate_emissions, table, factor_table)

    # Same numbers as the floor (a correctness check, not a timing one).
    floor_emissions, _ = numpy_floor(*_floor_args(n_rows))
    assert len(result.rows) == n_rows and len(result.rejected) == 0
    np.testing.assert_allclose(
        result.rows["emissions_kg_co2e"].to_numpy(), floor_emissions, rtol=1e-12
    )

    if benchmark_median(benchmark) is not None:
        _record_ratio(record, n_rows, lambda: kk.calculate_emissions(table, factor_table))


def test_calculate_emissions_and_totals(
    benchmark: Any, record: Any, n_rows: int, factor_table: kk.FactorTable
) -> None:
    """The full trip to a report table: calculate, then totals by year and category."""
    table = activity_table(n_rows)

    def run() -> Any:
        return kk.calculate_emissions(table, factor_table).totals(("year", "category"))

    totals = benchmark(run)
    data, c = synthetic(n_rows), combos()
    assert np.isclose(
        totals["emissions_kg_co2e"].sum(),
        float(np.dot(data.quantity, c.kg_per_unit[data.code])),
        rtol=1e-9,
    )

    if benchmark_median(benchmark) is not None:
        _record_ratio(record, n_rows, run)


def test_calculate_emissions_with_rejected_rows(
    benchmark: Any, record: Any, n_rows: int, factor_table: kk.FactorTable
) -> None:
    """5 % of the rows in a year without factors: the cost of the rejection report."""
    table = rejecting_table(n_rows)
    result = benchmark(kk.calculate_emissions, table, factor_table)
    assert len(result.rows) + len(result.rejected) == n_rows
    assert 0.03 * n_rows < len(result.rejected) < 0.07 * n_rows
    if benchmark_median(benchmark) is not None:
        clean = activity_table(n_rows)
        medians = interleaved_medians(
            {
                "rejecting": lambda: kk.calculate_emissions(table, factor_table),
                "clean": lambda: kk.calculate_emissions(clean, factor_table),
            },
            repeat=5,
        )
        record("ratio_to_clean_input", medians["rejecting"] / medians["clean"])


TARGET_ROWS = 2_000_000  # the size of issue 15's target


def test_calculate_and_totals_by_year_activity_2e6(
    benchmark: Any, record: Any, factor_table: kk.FactorTable
) -> None:
    """Issue 15's target: calculate + totals by year and activity, ≤ 3× the numpy floor."""
    table = activity_table(TARGET_ROWS)

    def run() -> Any:
        return kk.calculate_emissions(table, factor_table).totals(["year", "activity"])

    totals = benchmark(run)
    data, c = synthetic(TARGET_ROWS), combos()
    per_activity_year = (
        pd.DataFrame(
            {
                "year": c.frame["year"].to_numpy()[data.code],
                "activity": c.frame["activity"].to_numpy()[data.code],
                "kg": data.quantity * c.kg_per_unit[data.code],
            }
        )
        .groupby(["year", "activity"])["kg"]
        .sum()
    )
    np.testing.assert_allclose(
        totals["emissions_kg_co2e"].to_numpy(), per_activity_year.to_numpy(), rtol=1e-9
    )
    if benchmark_median(benchmark) is not None:
        _record_ratio(record, TARGET_ROWS, run)


def test_from_frame_categorical_2e6(benchmark: Any, record: Any) -> None:
    """from_frame of clean categorical input: validation only, the columns kept uncopied."""
    frame = categorical_frame(TARGET_ROWS)
    table = benchmark(kk.ActivityTable.from_frame, frame)
    assert np.shares_memory(table.frame["quantity"].to_numpy(), frame["quantity"].to_numpy())
    assert len(table.problems) == 0
    if benchmark_median(benchmark) is not None:
        _record_ratio(record, TARGET_ROWS, lambda: kk.ActivityTable.from_frame(frame))
