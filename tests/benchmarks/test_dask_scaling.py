"""klimatkalk.dask at 10^7 rows on a local cluster of 1 and 2 worker processes (opt-in: huge).

The rows are written once as a Parquet dataset of 20 files (what a national run reads); each
round reads it, calculates and sums by year and activity on a fresh ``LocalCluster`` of one
thread per worker process. Recorded: wall time per worker count, the speed-up, and each
worker's peak resident memory (``VmHWM`` of /proc, Linux). The in-memory path on the same
rows is the reference. Time is not asserted; the totals are checked against the in-memory ones.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

import klimatkalk as kk

from ._data import categorical_frame

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")
kkd = pytest.importorskip("klimatkalk.dask")

N_ROWS = 10_000_000
N_FILES = 20


def _peak_rss_mib() -> float:
    """The process's peak resident memory (VmHWM; ``ru_maxrss`` would carry the parent's)."""
    for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024  # kB
    return float("nan")


def _warm() -> None:
    import pyarrow.parquet  # noqa: F401

    import klimatkalk.dask  # noqa: F401


def _run(source: Path, workers: int, factors: kk.FactorTable) -> tuple[float, pd.DataFrame, float]:
    with (
        distributed.LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",
            memory_limit="6GiB",
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        client.run(_warm)  # workers up, libraries imported, before the clock starts
        start = time.perf_counter()
        result = kkd.calculate_emissions(kkd.read_parquet(source), factors)
        totals = result.totals(["year", "activity"]).compute()
        seconds = time.perf_counter() - start
        peak = max(client.run(_peak_rss_mib).values())
    return seconds, totals, peak


@pytest.mark.huge
@pytest.mark.filterwarnings("ignore:The inplace keyword:pandas.errors.Pandas4Warning")
def test_dask_scaling_1e7(
    benchmark: Any, record: Any, tmp_path: Path, factor_table: kk.FactorTable
) -> None:
    frame = categorical_frame(N_ROWS)
    source = tmp_path / "activities"
    dd.from_pandas(frame, npartitions=N_FILES).to_parquet(source, write_index=False)

    start = time.perf_counter()
    expected = kk.calculate_emissions(frame, factor_table).totals(["year", "activity"])
    in_memory = time.perf_counter() - start

    figures = benchmark.pedantic(
        lambda: {w: _run(source, w, factor_table) for w in (1, 2)}, rounds=1, iterations=1
    )
    for workers, (seconds, totals, peak) in figures.items():
        ordered = totals.sort_values(["year", "activity"], ignore_index=True)
        np.testing.assert_allclose(
            ordered["emissions_kg_co2e"].to_numpy(),
            expected["emissions_kg_co2e"].to_numpy(),
            rtol=1e-12,
        )
        record(f"workers_{workers}_s", round(seconds, 2))
        record(f"workers_{workers}_peak_rss_mib_per_worker", round(peak))
    record("in_memory_calculate_totals_s", round(in_memory, 2))
    record("speedup_2_vs_1_workers", round(figures[1][0] / figures[2][0], 2))
