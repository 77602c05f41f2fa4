"""Import time of klimatkalk in a fresh interpreter, next to ``import pandas, pint``.

Each round starts a new Python process, so the figures include interpreter start-up (the same
for both); ``ratio_to_pandas_pint_net`` subtracts a bare ``python -c pass`` from both sides.
The ratio comes from interleaved samples of the two imports (less sensitive to machine load).
Target (not asserted): klimatkalk ≤ 1.2× ``import pandas, pint``.
"""

from __future__ import annotations

import subprocess
import sys
from typing import Any

from ._data import benchmark_median, interleaved_medians

ROUNDS = 7


def fresh_import(statement: str) -> None:
    subprocess.run([sys.executable, "-c", statement], check=True, timeout=120)


def test_import_time_pandas_pint(benchmark: Any) -> None:
    benchmark.pedantic(fresh_import, args=("import pandas, pint",), rounds=ROUNDS, warmup_rounds=1)


def test_import_time_klimatkalk(benchmark: Any, record: Any) -> None:
    benchmark.pedantic(fresh_import, args=("import klimatkalk",), rounds=ROUNDS, warmup_rounds=1)
    if benchmark_median(benchmark) is not None:
        medians = interleaved_medians(
            {
                "klimatkalk": lambda: fresh_import("import klimatkalk"),
                "pandas_pint": lambda: fresh_import("import pandas, pint"),
                "bare": lambda: fresh_import("pass"),
            },
            repeat=ROUNDS,
        )
        ours, baseline, bare = medians["klimatkalk"], medians["pandas_pint"], medians["bare"]
        record("klimatkalk_median_s", ours)
        record("pandas_pint_median_s", baseline)
        record("bare_python_median_s", bare)
        record("ratio_to_pandas_pint", ours / baseline)
        record("ratio_to_pandas_pint_net", (ours - bare) / (baseline - bare))
