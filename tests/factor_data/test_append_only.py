"""Released factor rows are append-only: editing one in place fails this test."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).parents[2]


def test_released_rows_are_unchanged(load_script: Callable[[Path], ModuleType]) -> None:
    script = load_script(ROOT / "scripts" / "freeze_released_factors.py")
    recorded = script.read_manifest()
    assert recorded, "tests/factor_data/released_rows.csv is empty"
    current = {(f, k): h for f, k, h in script.current_rows()}
    removed = sorted(key for key in recorded if key not in current)
    edited = sorted(key for key, h in recorded.items() if key in current and current[key] != h)
    assert not removed, f"released rows removed: {removed}"
    assert not edited, (
        f"released rows edited in place: {edited}. Add a new row citing the newer edition "
        "instead (docs/how-to/update-factors.md)."
    )
