"""Record the released factor rows, so that a test fails if one is later edited in place.

Run ``python scripts/freeze_released_factors.py`` when a factor-data release is made: it adds
every row of ``emission_factors/factors/*.csv``, ``gwp.csv``, ``blends.csv``,
``high_altitude.csv``, ``withdrawn.csv``, ``components.csv`` and ``biogenic.csv`` that is not yet
recorded to ``tests/factor_data/released_rows.csv`` (key and SHA-256 of the row). Recorded rows are
never rewritten; ``tests/factor_data/test_append_only.py`` checks that each is still there,
unchanged.
"""

from __future__ import annotations

import csv
import hashlib
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "emission_factors"
MANIFEST = ROOT / "tests" / "factor_data" / "released_rows.csv"
KEYS = {
    "gwp.csv": ("species", "gwp_set"),
    "blends.csv": ("blend", "component"),
    "high_altitude.csv": ("activity", "source_id", "valid_from"),
    "withdrawn.csv": ("factor_id", "source_id"),
    "components.csv": ("factor_id", "source_id", "gas"),
    "biogenic.csv": ("factor_id", "source_id"),
}
FACTOR_KEY = ("factor_id", "source_id")


def current_rows() -> Iterator[tuple[str, str, str]]:
    """Yield (file, key, sha256) for every row of the append-only data files."""
    files = sorted((DATA / "factors").glob("*.csv")) + [DATA / name for name in KEYS]
    for path in files:
        key_columns = KEYS.get(path.name, FACTOR_KEY)
        with path.open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                key = "|".join(row[k] for k in key_columns)
                content = "\x1f".join(f"{k}={v}" for k, v in row.items())
                digest = hashlib.sha256(content.encode("utf-8")).hexdigest()
                yield path.relative_to(DATA).as_posix(), key, digest


def read_manifest() -> dict[tuple[str, str], str]:
    """The recorded rows: (file, key) → sha256."""
    if not MANIFEST.exists():
        return {}
    with MANIFEST.open(encoding="utf-8", newline="") as f:
        return {(r["file"], r["key"]): r["sha256"] for r in csv.DictReader(f)}


def main() -> int:
    recorded = read_manifest()
    added = 0
    rows = [(f, k, h) for (f, k), h in recorded.items()]
    for file, key, digest in current_rows():
        if (file, key) not in recorded:
            rows.append((file, key, digest))
            added += 1
    with MANIFEST.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["file", "key", "sha256"])
        writer.writerows(sorted(rows))
    print(f"{added} rows added to {MANIFEST.relative_to(ROOT)} ({len(rows)} recorded)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
