"""One-off helper: propose a data-quality class for factor rows that have none in quality.csv.

Run ``python scripts/classify_factor_quality.py`` after adding factor rows: it appends a row to
``emission_factors/quality.csv`` for every factor row not yet classified, by rules on the row's
note (see emission_factors/README.md, "quality.csv"). Review the appended rows before committing:
the rules propose, the maintainer decides (edit the new rows, never released ones).
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "emission_factors"
QUALITY = DATA / "quality.csv"
COLUMNS = ["factor_id", "source_id", "quality", "note"]


def classify(row: dict[str, str]) -> tuple[str, str]:
    """Return (quality, reason) for one factor row."""
    note = row["note"] or ""
    if row["gas"] != "CO2e":
        return "measured", "gas emitted as itself: the emission is the quantity bought or leaked"
    if "PROVISIONAL" in note:
        return "proxy", "a stand-in bio share for a year whose delivered share is not reported"
    if re.search(r"\bproxy\b|Norwegian|applied to Swedish|stands? in", note, re.IGNORECASE):
        return "proxy", "the note names a value for something else standing in"
    stretched = re.search(
        r"applied to \d{4}|carried forward|nearest documented|until a newer|used for all years",
        note,
        re.IGNORECASE,
    )
    if stretched and int(row["valid_to"]) > int(row["valid_from"]):
        return "stretched", "the note says the value is applied beyond its own year(s)"
    if re.search(r"\bderived\b", note, re.IGNORECASE):
        return "derived", "arithmetic on cited numbers (formula in the note)"
    return "reported", "the publisher's value for the years it is used for"


def main() -> int:
    known: set[tuple[str, str]] = set()
    if QUALITY.exists():
        with QUALITY.open(encoding="utf-8", newline="") as f:
            known = {(r["factor_id"], r["source_id"]) for r in csv.DictReader(f)}
    new = []
    for path in sorted((DATA / "factors").glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                if (row["factor_id"], row["source_id"]) in known:
                    continue
                quality, reason = classify(row)
                new.append([row["factor_id"], row["source_id"], quality, reason])
    write_header = not QUALITY.exists()
    with QUALITY.open("a", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        if write_header:
            writer.writerow(COLUMNS)
        writer.writerows(new)
    print(f"{len(new)} rows classified in {QUALITY.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
