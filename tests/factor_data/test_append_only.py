"""Released factor rows are append-only: editing one in place fails this test."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).parents[2]


def _freeze_script():
    spec = importlib.util.spec_from_file_location(
        "freeze_released_factors", ROOT / "scripts" / "freeze_released_factors.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_released_rows_are_unchanged() -> None:
    script = _freeze_script()
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
