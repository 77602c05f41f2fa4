"""read_activities of an xlsx sheet next to ``pandas.read_excel(engine="calamine")`` (issue 15).

One sheet of activity rows (year, activity, quantity, unit, org_unit) under a title line, with
a totals row at the bottom, written with openpyxl in a temporary folder (fixed seed). The
baseline reads the same sheet with pandas' calamine engine (``skiprows=1``): values only, no
safety checks, no layout. klimatkalk checks the archive (zip bomb limits, no DTD), reads the
values with python-calamine, looks for formulas without a saved value, error cells and hidden
rows in the sheet's bytes, and lays the rows out. Both are timed in turn in one run; the ratio
goes to the figures table. Target (not asserted): ≤ 1.5× at 10^5 rows.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import openpyxl
import pandas as pd
import pytest

import klimatkalk as kk

from ._data import benchmark_median, interleaved_medians

SEED = 20_241_116
ACTIVITIES = ["diesel", "petrol", "hvo100", "electricity", "nitrous_oxide"]
UNITS = ["l", "l", "l", "kWh", "kg"]
ORG_UNITS = ["Ambulans", "Buss", "Sjukhus A", "Sjukhus B", "Förlossning", "Kök"]
# Writing 10^5 rows with openpyxl takes half a minute: opt-in (--run-huge).
SIZES = [
    pytest.param(10_000, id="1e4"),
    pytest.param(100_000, id="1e5", marks=pytest.mark.huge),
]


def write_sheet(path: Path, n: int) -> Path:
    rng = np.random.default_rng(SEED + n)
    which = rng.integers(0, len(ACTIVITIES), n).tolist()
    years = rng.integers(2019, 2025, n).tolist()
    quantities = (np.round(10.0 ** rng.uniform(-1.0, 4.0, n), 2)).tolist()
    org = rng.integers(0, len(ORG_UNITS), n).tolist()
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Aktiviteter")
    sheet.append(["Drivmedel och el 2019–2024"])
    sheet.append(["År", "Aktivitet", "Mängd", "Enhet", "Verksamhet"])
    for y, a, q, o in zip(years, which, quantities, org, strict=True):
        sheet.append([y, ACTIVITIES[a], q, UNITS[a], ORG_UNITS[o]])
    sheet.append([None, "Summa", float(np.sum(quantities)), None, None])
    book.save(path)
    return path


@pytest.fixture(scope="module")
def xlsx_files(tmp_path_factory: pytest.TempPathFactory) -> Callable[[int], Path]:
    folder = tmp_path_factory.mktemp("read_xlsx")
    made: dict[int, Path] = {}

    def get(n: int) -> Path:
        if n not in made:
            made[n] = write_sheet(folder / f"activities_{n}.xlsx", n)
        return made[n]

    return get


def baseline(path: Path) -> pd.DataFrame:
    return pd.read_excel(path, engine="calamine", skiprows=1)


@pytest.mark.parametrize("n", SIZES)
def test_read_activities_xlsx(
    benchmark: Any, record: Any, xlsx_files: Callable[[int], Path], n: int
) -> None:
    path = xlsx_files(n)
    acts = benchmark(kk.read_activities, path)

    theirs = baseline(path).iloc[:-1]  # the totals row, which klimatkalk skips
    assert acts.skipped["reason"].tolist() == ["total_row"]
    assert len(acts) == n and len(acts.problems) == 0
    np.testing.assert_array_equal(acts.frame["quantity"], theirs["Mängd"].to_numpy(float))
    assert acts.frame["origin_row"].tolist() == list(range(3, n + 3))

    if benchmark_median(benchmark) is not None:
        medians = interleaved_medians(
            {"ours": lambda: kk.read_activities(path), "calamine": lambda: baseline(path)},
            repeat=5,
        )
        record("ours_median_s", medians["ours"])
        record("calamine_median_s", medians["calamine"])
        record("ratio_to_read_excel_calamine", medians["ours"] / medians["calamine"])


def test_no_python_call_per_row(xlsx_files: Callable[[int], Path]) -> None:
    from .test_read_csv import per_row_calls

    n = 10_000
    path = xlsx_files(n)
    kk.read_activities(path)  # imports and caches out of the profile
    found = per_row_calls(lambda: kk.read_activities(path), n)
    assert found == [], f"Python functions called per row: {found}"
