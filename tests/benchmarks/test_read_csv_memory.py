"""Memory of read_activities on a 10^6-row fuel-card CSV, as a multiple of the file's size.

The CSV is Swedish (``;``, decimal comma, cp1252 would do as well), five columns, about 32 bytes
a row. Two figures, both per byte of the file:

- ``tracemalloc_peak_per_file_byte``: the traced peak during the call (Python objects, numpy
  and pandas buffers). pandas' C tokenizer allocates its buffers with ``malloc``, which
  tracemalloc does not see, so this figure is a floor;
- ``rss_peak_per_file_byte``: the growth of the peak resident set size of a fresh Python
  process while it reads the file (Linux ``VmHWM`` after − ``VmRSS`` before): everything,
  at page grain.

The reader turns 100 000 records at a time into categoricals, so memory grows with rows × a
few bytes plus the distinct values. Measured at the time of writing (32 MB file, ~1 s): 2.4×
(tracemalloc) and 2.9× (RSS) the file size, the resulting table being 0.95×. The bound
asserted (8×) is loose enough to be robust across pandas versions and allocators.

Not measured here (it takes ~9 s): when nearly every quantity is distinct (10^6 distinct
strings), RSS grows to ~8× the file, held by one Python string per distinct value and by
``klimatkalk.numbers.parse_numbers``, which parses each distinct value in Python.
"""

from __future__ import annotations

import gc
import json
import subprocess
import sys
import tracemalloc
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import klimatkalk as kk

N_ROWS = 1_000_000
BOUND = 8.0

# VmHWM (peak RSS of this process image) rather than ru_maxrss, which a child inherits from
# the parent it was forked from (here pytest, which holds the generated lines).
_RSS_SCRIPT = """
import json, sys
import klimatkalk as kk

def status(key):
    with open("/proc/self/status") as f:
        return next(int(l.split()[1]) * 1024 for l in f if l.startswith(key + ":"))

kk.read_activities(sys.argv[1] + ".small.csv")  # warm imports and caches
with open("/proc/self/clear_refs", "w") as f:
    f.write("5")  # reset the peak to the current RSS
before = status("VmRSS")
acts = kk.read_activities(sys.argv[1])
print(json.dumps({"rows": len(acts), "rss_growth_bytes": status("VmHWM") - before}))
"""


@pytest.fixture(scope="module")
def fuel_card_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """10^6 fuel-card rows: 5 activities, 9 500 distinct quantities, 6 org units."""
    rng = np.random.default_rng(20_240_101)
    activities = np.array(["diesel", "petrol", "hvo100", "electricity", "nitrous_oxide"])
    units = np.array(["l", "l", "l", "kWh", "kg"])
    org_units = np.array(["Ambulans", "Buss", "Sjukhus A", "Sjukhus B", "Förlossning", "Kök"])
    which = rng.integers(0, len(activities), N_ROWS)
    cents = rng.integers(500, 10_000, N_ROWS)  # 5,00–99,99 l a fill: 9 500 distinct values
    org = rng.integers(0, len(org_units), N_ROWS)
    lines = [
        f"2024;{activities[a]};{c // 100},{c % 100:02d};{units[a]};{org_units[o]}"
        for a, c, o in zip(which.tolist(), cents.tolist(), org.tolist(), strict=True)
    ]
    path = tmp_path_factory.mktemp("memory") / "fuel_card_1e6.csv"
    header = "År;Aktivitet;Mängd;Enhet;Verksamhet\n"
    path.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    Path(str(path) + ".small.csv").write_text(header + "\n".join(lines[:100]), encoding="utf-8")
    return path


def traced_peak(path: Path) -> dict[str, float]:
    gc.collect()
    tracemalloc.start()
    try:
        before, _ = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        acts = kk.read_activities(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    size = path.stat().st_size
    return {
        "rows": float(len(acts)),
        "file_bytes": float(size),
        "tracemalloc_peak_per_file_byte": (peak - before) / size,
        "table_per_file_byte": float(acts.frame.memory_usage(deep=True).sum()) / size,
    }


def rss_growth(path: Path) -> dict[str, float]:
    if not Path("/proc/self/clear_refs").exists():
        return {}
    done = subprocess.run(
        [sys.executable, "-c", _RSS_SCRIPT, str(path)],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    return {"rss_peak_per_file_byte": figures["rss_growth_bytes"] / path.stat().st_size}


def test_read_csv_memory(benchmark: Any, record: Any, fuel_card_csv: Path) -> None:
    figures = benchmark.pedantic(traced_peak, args=(fuel_card_csv,), rounds=1, iterations=1)
    assert figures["rows"] == N_ROWS
    figures |= rss_growth(fuel_card_csv)
    for key, value in figures.items():
        record(key, round(value, 2))
    assert figures["tracemalloc_peak_per_file_byte"] < BOUND
    assert figures.get("rss_peak_per_file_byte", 0.0) < BOUND
