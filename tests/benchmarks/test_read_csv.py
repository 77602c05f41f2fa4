"""read_activities of a CSV file next to ``pandas.read_csv`` of the same file (issue 15).

Two files of activity rows (year, activity, quantity, unit, org_unit), generated in a temporary
folder with a fixed seed; quantities have two decimals over four orders of magnitude, so that
most are distinct (about 600 000 distinct texts in 10^6 rows):

- ``clean``: ``,``-separated, a header on the first line, ``.`` decimals, as ``DataFrame.to_csv``
  writes it. Baseline: ``pd.read_csv(path)``.
- ``messy``: as a Swedish Excel exports it: ``;``, decimal comma, thousands grouped by spaces
  (``1 234,56``), two note lines above the header, a totals row (``Summa``) at the bottom. Baseline:
  ``pd.read_csv(path, sep=";", skiprows=2, decimal=",", thousands=" ")``, which reads the
  numbers and none of the rest (the totals row becomes data; ``thousands`` accepts any grouping).

Both sides are timed in turn (``interleaved_medians``) in one run; the ratios go to the figures
table. Issue 15's targets, at 10^6 rows (opt-in: ``--run-huge`` with timing on), are asserted:
clean ≤ 1.5×, messy ≤ 3× the baseline. pandas reads a file of 5 MB or more in parallel
threads (pandas ≥ 3.1), so on a machine with fewer free cores than pandas uses the ratio is
higher than on an idle one: measure when the machine is quiet.

``test_ratio_at_1e5`` runs in the default suite: at 10^5 rows (3 MB) pandas reads in one
thread, and the ratio of the fastest of five interleaved calls each is bounded loosely
(``BOUNDS_1E5``), enough to catch a reader that reads the file twice or works per row.
``test_no_python_call_per_row`` profiles one read and asserts that no Python function runs once
per row (the target "no per-row Python").
"""

from __future__ import annotations

import cProfile
import pstats
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

import klimatkalk as kk

from ._data import benchmark_median, interleaved_medians, interleaved_minima

SEED = 20_241_115
# 10^6 rows take about half a minute with the files made and checked: opt-in (--run-huge).
SIZES = [
    pytest.param(100_000, id="1e5"),
    pytest.param(1_000_000, id="1e6", marks=pytest.mark.huge),
]
TARGETS = {"clean": 1.5, "messy": 3.0}  # issue 15, at 10^6 rows
BOUNDS_1E5 = {"clean": 6.0, "messy": 6.0}  # regression bounds at 10^5 rows (see the docstring)
ACTIVITIES = np.array(["diesel", "petrol", "hvo100", "electricity", "nitrous_oxide"])
UNITS = np.array(["l", "l", "l", "kWh", "kg"])
ORG_UNITS = np.array(["Ambulans", "Buss", "Sjukhus A", "Sjukhus B", "Förlossning", "Kök"])


def _columns(n: int) -> dict[str, Any]:
    rng = np.random.default_rng(SEED + n)
    which = rng.integers(0, len(ACTIVITIES), n)
    return {
        "year": rng.integers(2019, 2025, n),
        "activity": ACTIVITIES[which],
        "cents": np.round(10.0 ** rng.uniform(1.0, 6.0, n)).astype(np.int64),  # 0,10–10 000,00
        "unit": UNITS[which],
        "org_unit": ORG_UNITS[rng.integers(0, len(ORG_UNITS), n)],
    }


def _swedish(cents: np.ndarray) -> np.ndarray:
    """``1 234,56`` for 123456 cents (below 10^9 cents), with numpy string operations."""
    whole, part = cents // 100, cents % 100
    text = whole.astype(str)
    big = whole >= 1000
    grouped = np.char.add(
        np.char.add((whole // 1000).astype(str), " "), np.char.zfill((whole % 1000).astype(str), 3)
    )
    text = np.where(big, grouped, text)
    return np.char.add(np.char.add(text, ","), np.char.zfill(part.astype(str), 2))


def write_clean(path: Path, n: int) -> Path:
    c = _columns(n)
    frame = pd.DataFrame(
        {
            "year": c["year"],
            "activity": c["activity"],
            "quantity": c["cents"] / 100,
            "unit": c["unit"],
            "org_unit": c["org_unit"],
        }
    )
    frame.to_csv(path, index=False)
    return path


def write_messy(path: Path, n: int) -> Path:
    c = _columns(n)
    frame = pd.DataFrame(
        {
            "År": c["year"],
            "Aktivitet": c["activity"],
            "Mängd": _swedish(c["cents"]),
            "Enhet": c["unit"],
            "Verksamhet": c["org_unit"],
        }
    )
    total = f"{int(c['cents'].sum()) / 100:,.2f}".replace(",", " ").replace(".", ",")
    with path.open("w", encoding="utf-8") as stream:
        stream.write("Drivmedel och el 2019–2024\nExport från ekonomisystemet\n")
        frame.to_csv(stream, index=False, sep=";")
        stream.write(f";Summa;{total};;\n")
    return path


@pytest.fixture(scope="module")
def csv_files(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str, int], Path]:
    folder = tmp_path_factory.mktemp("read_csv")
    made: dict[tuple[str, int], Path] = {}

    def get(kind: str, n: int) -> Path:
        if (kind, n) not in made:
            write = write_clean if kind == "clean" else write_messy
            made[(kind, n)] = write(folder / f"{kind}_{n}.csv", n)
        return made[(kind, n)]

    return get


BASELINES: dict[str, Callable[[Path], pd.DataFrame]] = {
    "clean": pd.read_csv,
    "messy": lambda path: pd.read_csv(path, sep=";", skiprows=2, decimal=",", thousands=" "),
}
TEXT_COLUMNS = ("activity", "unit", "org_unit")
FLOOR_BOUND = 2.0  # ours against the floor at 10^6 rows: a regression guard, not a target


def read_floor(path: Path) -> pd.DataFrame:
    """The least a reader that keeps the reading rules does: parse, and a code per text cell.

    pandas' C parser with the text columns as ``category`` hashes each cell while it tokenises
    (the fastest of the ways measured to get codes: Arrow's CSV reader with dictionary
    columns, pandas then Arrow's ``dictionary_encode``, polars' ``Categorical``). It knows the
    layout in advance; klimatkalk must find the header, the number columns and the rows that
    are no data, so ``ratio_to_floor`` is what the reading rules cost on top.
    """
    return pd.read_csv(path, dtype=dict.fromkeys(TEXT_COLUMNS, "category"))


@pytest.mark.parametrize("kind", ["clean", "messy"])
@pytest.mark.parametrize("n", SIZES)
def test_read_activities_csv(
    benchmark: Any, record: Any, csv_files: Callable[[str, int], Path], kind: str, n: int
) -> None:
    path = csv_files(kind, n)
    acts = benchmark(kk.read_activities, path)

    # The same rows and numbers as pandas reads (a correctness check, not a timing one).
    theirs = BASELINES[kind](path)
    if kind == "messy":
        theirs = theirs.iloc[:-1]  # the totals row, which klimatkalk skips
        assert acts.skipped["reason"].tolist() == ["total_row"]
    assert len(acts) == n and len(acts.problems) == 0
    np.testing.assert_array_equal(acts.frame["quantity"], theirs.iloc[:, 2].to_numpy(float))
    assert acts.frame["year"].astype(int).tolist() == theirs.iloc[:, 0].astype(int).tolist()

    if benchmark_median(benchmark) is not None:
        sides: dict[str, Callable[[], object]] = {
            "ours": lambda: kk.read_activities(path),
            "pandas": lambda: BASELINES[kind](path),
        }
        if kind == "clean":
            sides["floor"] = lambda: read_floor(path)
        medians = interleaved_medians(sides, repeat=5)
        ratio = medians["ours"] / medians["pandas"]
        record("ours_median_s", medians["ours"])
        record("pandas_median_s", medians["pandas"])
        record("ratio_to_pandas_read_csv", ratio)
        if "floor" in medians:
            record("floor_median_s", medians["floor"])
            record("floor_ratio_to_pandas_read_csv", medians["floor"] / medians["pandas"])
            record("ratio_to_floor", medians["ours"] / medians["floor"])
        if n >= 1_000_000:
            record("target_ratio", TARGETS[kind])
            if "floor" in medians:
                to_floor = medians["ours"] / medians["floor"]
                assert to_floor <= FLOOR_BOUND, f"{kind}: {to_floor:.2f}× the floor"
            assert ratio <= TARGETS[kind], f"{kind}: {ratio:.2f}× pandas.read_csv"


@pytest.mark.parametrize("kind", ["clean", "messy"])
def test_ratio_at_1e5(csv_files: Callable[[str, int], Path], kind: str) -> None:
    path = csv_files(kind, 100_000)
    minima = interleaved_minima(
        {"ours": lambda: kk.read_activities(path), "pandas": lambda: BASELINES[kind](path)},
        repeat=5,
    )
    ratio = minima["ours"] / minima["pandas"]
    assert ratio <= BOUNDS_1E5[kind], f"{kind}: {ratio:.2f}× pandas.read_csv at 10^5 rows"


def per_row_calls(function: Callable[[], object], n: int) -> list[tuple[str, int, float]]:
    """Python functions called at least n/5 times during one call, with their share of time.

    Built-ins (``len``, ``isinstance``…) are left out: cProfile counts each of their calls,
    and the readers call them per column or per distinct value, not per row.
    """
    profile = cProfile.Profile()
    profile.enable()
    function()
    profile.disable()
    stats = pstats.Stats(profile)
    total = max(stats.total_tt, 1e-9)  # type: ignore[attr-defined]
    found = []
    for (file, line, name), (_, calls, tottime, _, _) in stats.stats.items():  # type: ignore[attr-defined]
        if file != "~" and calls >= n // 5:
            found.append((f"{Path(file).name}:{line}({name})", calls, tottime / total))
    return found


@pytest.mark.parametrize("kind", ["clean", "messy"])
def test_no_python_call_per_row(csv_files: Callable[[str, int], Path], kind: str) -> None:
    n = 100_000
    path = csv_files(kind, n)
    kk.read_activities(path)  # imports and caches out of the profile
    found = per_row_calls(lambda: kk.read_activities(path), n)
    assert found == [], f"Python functions called per row: {found}"
