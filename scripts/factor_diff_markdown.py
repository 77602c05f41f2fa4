"""Print ``klimatkalk factors diff`` from a released factor folder to the current one, as Markdown.

Used for docs/reference/factor-changelog.md, the history of the bundled factor data:

    python scripts/factor_diff_markdown.py <git-ref of the previous release> "<section title>"

The previous release's ``emission_factors/`` is taken from git (``git archive``), compared with the
working tree's under AR5 with :func:`klimatkalk.factors.diff.diff_factors`, and printed as a
Markdown section to paste at the top of the changelog page (newest first).
"""

from __future__ import annotations

import io
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import pandas as pd

import klimatkalk as kk
from klimatkalk.factors.diff import diff_factors

ROOT = Path(__file__).resolve().parents[1]


def _cell(value: object) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return str(value).replace("|", "\\|")


def section(old_ref: str, title: str) -> str:
    """Return the Markdown section: what changed from ``old_ref`` to the working tree."""
    archive = subprocess.run(
        ["git", "archive", old_ref, "emission_factors"], cwd=ROOT, capture_output=True, check=True
    ).stdout
    with tempfile.TemporaryDirectory() as tmp:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(tmp, filter="data")
        old = kk.load_factors(Path(tmp) / "emission_factors")
        diff = diff_factors(old, kk.load_factors())
    lines = [
        f"## {title}\n",
        f"`klimatkalk factors diff` from the release at `{old_ref}` to this one (AR5GWP100; "
        "kg CO2e per activity unit; one line per run of years with the same change).\n",
        "| activity | boundary | years | change | old factor | old | new factor | new | unit | Δ |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in diff.to_dict("records"):
        delta = r["relative_change"]
        shown = "" if pd.isna(delta) else f"{delta:+.1%}"
        old_value, new_value = (
            "" if pd.isna(v) else format(v, ".6g")
            for v in (r["old_kg_co2e_per_unit"], r["new_kg_co2e_per_unit"])
        )
        lines.append(
            f"| `{r['activity']}` | {_cell(r['boundary'])} | {r['valid_from']}–{r['valid_to']} | "
            f"{r['change']} | {_cell(r['old_factor_id'])} | {old_value} | "
            f"{_cell(r['new_factor_id'])} | {new_value} | {r['unit']} | {shown} |"
        )
    return "\n".join(lines) + "\n"


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    print(section(sys.argv[1], sys.argv[2]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
