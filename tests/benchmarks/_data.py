"""Synthetic activity data for the benchmarks, and timing helpers.

Every data set is generated deterministically (``numpy.random.default_rng(seed)``) over the
hand-made factor set ``tests/fixtures/factors_minimal``. The rows are drawn from the
(activity, unit, year) combinations that set can calculate (found by asking klimatkalk, so the
list follows the fixture), so every row is accepted and the benchmarks time the hot path, not
the rejection report (``rejecting_table`` is the exception). Builders are cached, so a data set
is generated once per session and never inside a timed function.
"""

from __future__ import annotations

import functools
import statistics
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

import klimatkalk as kk
from klimatkalk.factors.compile import compile_factors

FIXTURE_FACTORS = Path(__file__).resolve().parents[1] / "fixtures" / "factors_minimal"

SEED = 20_240_101

ACTIVITY_UNITS: dict[str, tuple[str, ...]] = {
    "diesel": ("l", "m3"),
    "electricity": ("kWh", "MWh"),
    "flight_domestic": ("km", "mil", "pkm"),
    "nitrous_oxide": ("kg", "g", "t"),
    "livopan": ("kg", "g", "t"),
    "purchase_food": ("SEK", "kSEK"),
}
YEARS = tuple(range(2019, 2025))


def interleaved_medians(
    fns: Mapping[str, Callable[[], object]], *, repeat: int = 7, min_time: float = 0.02
) -> dict[str, float]:
    """Median wall time per call of each function, sampled in turn.

    Ratios between functions are taken from these interleaved samples rather than from two
    separate benchmarks: on a shared machine the load drifts, and interleaving makes the drift
    hit both sides alike. A fast function loops within a sample until it lasts ``min_time``.
    """
    samples = interleaved_samples(fns, repeat=repeat, min_time=min_time)
    return {name: statistics.median(values) for name, values in samples.items()}


def interleaved_minima(
    fns: Mapping[str, Callable[[], object]], *, repeat: int = 7, min_time: float = 0.02
) -> dict[str, float]:
    """The fastest of the interleaved samples of each function (see ``interleaved_medians``).

    On a machine shared with other work, the minimum is the sample least slowed by it.
    """
    samples = interleaved_samples(fns, repeat=repeat, min_time=min_time)
    return {name: min(values) for name, values in samples.items()}


def interleaved_samples(
    fns: Mapping[str, Callable[[], object]], *, repeat: int, min_time: float
) -> dict[str, list[float]]:
    """Wall time per call of each function, ``repeat`` samples each, taken in turn."""
    loops: dict[str, int] = {}
    for name, fn in fns.items():
        fn()  # warm caches (compiled factors, parsed units, allocator)
        start = time.perf_counter()
        fn()
        once = max(time.perf_counter() - start, 1e-9)
        loops[name] = max(1, min(100_000, int(min_time / once) + 1)) if once < min_time else 1
    samples: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(repeat):
        for name, fn in fns.items():
            start = time.perf_counter()
            for _ in range(loops[name]):
                fn()
            samples[name].append((time.perf_counter() - start) / loops[name])
    return samples


def benchmark_median(benchmark: Any) -> float | None:
    """The median of the timed rounds, or None with ``--benchmark-disable``."""
    if benchmark.disabled or benchmark.stats is None:
        return None
    return float(benchmark.stats.stats.median)


# --- data ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Combos:
    """The valid (activity, unit, year) combinations and their factor per input unit."""

    frame: pd.DataFrame  # activity, unit, year, category, kg_per_unit (one row per code)
    kg_per_unit: npt.NDArray[np.float64]  # indexed by combination code
    category_code: npt.NDArray[np.int64]  # indexed by combination code
    categories: list[str]


@dataclass(frozen=True)
class Synthetic:
    """``n`` activity rows as integer codes into :class:`Combos` plus a quantity."""

    code: npt.NDArray[np.uint8]
    quantity: npt.NDArray[np.float64]


@functools.cache
def factors() -> kk.FactorTable:
    table = kk.load_factors(FIXTURE_FACTORS)
    compile_factors(
        table
    )  # the compiled lookup is cached on the table; build it outside the timing
    return table


@functools.cache
def combos() -> Combos:
    """Every (activity, unit, year) of the fixture set that klimatkalk accepts, with its factor."""
    grid = pd.DataFrame(
        [(a, u, y) for a, units in ACTIVITY_UNITS.items() for u in units for y in YEARS],
        columns=["activity", "unit", "year"],
    )
    grid["quantity"] = 1.0
    result = kk.calculate_emissions(grid, factors())
    ok = result.rows
    frame = pd.DataFrame(
        {
            "activity": grid.loc[ok.index, "activity"].to_numpy(),
            "unit": grid.loc[ok.index, "unit"].to_numpy(),
            "year": grid.loc[ok.index, "year"].to_numpy(),
            "category": ok["category"].astype(str).to_numpy(),
            "kg_per_unit": ok["emissions_kg_co2e"].to_numpy(dtype=np.float64),
        }
    )
    categories = sorted(set(frame["category"]))
    category_code = frame["category"].map({c: i for i, c in enumerate(categories)})
    return Combos(
        frame=frame,
        kg_per_unit=frame["kg_per_unit"].to_numpy(),
        category_code=category_code.to_numpy(dtype=np.int64),
        categories=categories,
    )


@functools.lru_cache(maxsize=2)
def synthetic(n: int) -> Synthetic:
    rng = np.random.default_rng(SEED + n)
    code = rng.integers(0, len(combos().frame), size=n, dtype=np.uint8)
    # Quantities with two decimals, spread over four orders of magnitude (many distinct values).
    quantity = np.round(10.0 ** rng.uniform(-1.0, 4.0, size=n), 2)
    return Synthetic(code=code, quantity=quantity)


@functools.lru_cache(maxsize=2)
def categorical_frame(n: int) -> pd.DataFrame:
    """year (int64), activity and unit (categorical), quantity (float64)."""
    data, frame = synthetic(n), combos().frame
    return pd.DataFrame(
        {
            "year": frame["year"].to_numpy(dtype=np.int64)[data.code],
            "activity": pd.Categorical(frame["activity"].to_numpy()[data.code]),
            "unit": pd.Categorical(frame["unit"].to_numpy()[data.code]),
            "quantity": data.quantity,
        }
    )


@functools.lru_cache(maxsize=2)
def activity_table(n: int) -> kk.ActivityTable:
    return kk.ActivityTable.from_frame(categorical_frame(n))


@functools.lru_cache(maxsize=4)
def string_frame(n: int, kind: str) -> pd.DataFrame:
    """Plain text columns, as ``pd.read_csv`` or a spreadsheet would give them.

    ``kind="typed"``: activity and unit are text, year int64 and quantity float64 (what
    ``pd.read_csv`` infers). ``kind="text"``: all four columns are text, quantities with a
    ``.`` decimal mark (what ``read_activities`` and ``dtype=str`` give).
    """
    data, frame = synthetic(n), combos().frame
    activity = frame["activity"].to_numpy(dtype=object)[data.code]
    unit = frame["unit"].to_numpy(dtype=object)[data.code]
    if kind == "typed":
        year: object = frame["year"].to_numpy(dtype=np.int64)[data.code]
        quantity: object = data.quantity
    elif kind == "text":
        year = frame["year"].astype(str).to_numpy(dtype=object)[data.code]
        quantity = data.quantity.astype(str).astype(object)
    else:  # pragma: no cover
        raise ValueError(kind)
    return pd.DataFrame({"year": year, "activity": activity, "quantity": quantity, "unit": unit})


@functools.lru_cache(maxsize=4)
def polars_frame(n: int, kind: str) -> Any:
    import polars as pl

    frame = string_frame(n, kind)
    columns = {}
    for name in frame.columns:
        values = frame[name].to_numpy()
        columns[name] = (
            pl.Series(name, values.tolist(), dtype=pl.String)
            if values.dtype == object
            else pl.Series(name, values)
        )
    return pl.DataFrame(columns)


@functools.lru_cache(maxsize=1)
def rejecting_table(n: int, share: float = 0.05) -> kk.ActivityTable:
    """Like :func:`activity_table`, with ``share`` of the rows in 2018: no factor, rejected."""
    frame = categorical_frame(n).copy()
    rng = np.random.default_rng(SEED - n)
    frame.loc[rng.random(n) < share, "year"] = min(YEARS) - 1
    return kk.ActivityTable.from_frame(frame)
