"""The README's Python example runs as written."""

from __future__ import annotations

import re
from pathlib import Path

README = Path(__file__).parents[2] / "README.md"


def test_readme_python_example_runs() -> None:
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    assert len(blocks) == 1
    namespace: dict[str, object] = {}
    exec(compile(blocks[0], str(README), "exec"), namespace)
    totals = namespace["t"]
    assert list(totals.index) == list(range(2019, 2026))  # type: ignore[attr-defined]
    assert namespace["res"].rejected.empty  # type: ignore[attr-defined]
