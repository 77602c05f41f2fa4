"""Import time of klimatkalk in a fresh interpreter, next to ``import pandas, pint``.

Each round starts a new Python process, so the figures include interpreter start-up (the same
for both); ``*_net_s`` subtracts a bare ``python -c pass``. Target (not asserted): klimatkalk
≤ 1.2× ``import pandas, pint``.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from typing import Any

from ._data import benchmark_median

ROUNDS = 7


def fresh_import(statement: str) -> None:
    subprocess.run([sys.executable, "-c", statement], check=True, timeout=120)


def median_wall(statement: str, rounds: int = ROUNDS) -> float:
    fresh_import(statement)  # warm the file-system cache
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        fresh_import(statement)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def test_import_time_pandas_pint(benchmark: Any) -> None:
    benchmark.pedantic(fresh_import, args=("import pandas, pint",), rounds=ROUNDS, warmup_rounds=1)


def test_import_time_klimatkalk(benchmark: Any, record: Any) -> None:
    benchmark.pedantic(fresh_import, args=("import klimatkalk",), rounds=ROUNDS, warmup_rounds=1)
    ours = benchmark_median(benchmark)
    if ours is not None:
        baseline = median_wall("import pandas, pint")
        bare = median_wall("pass")
        record("pandas_pint_median_s", baseline)
        record("bare_python_median_s", bare)
        record("ratio_to_pandas_pint", ours / baseline)
        record("ratio_to_pandas_pint_net", (ours - bare) / (baseline - bare))
