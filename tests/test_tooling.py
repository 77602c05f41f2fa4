"""mypy (strict) and ruff run as part of the test suite, so the README's one test command
checks types and lint too."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
LINTED = ["src", "tests", "docs", "scripts"]


def _run(name: str, *args: str) -> subprocess.CompletedProcess[str]:
    tool = shutil.which(name, path=str(Path(sys.executable).parent))
    if tool is None:
        pytest.fail(f"{name} is not installed in this environment (pip install -e '.[dev]')")
    return subprocess.run([tool, *args], cwd=ROOT, capture_output=True, text=True, check=False)


@pytest.mark.parametrize(
    "command",
    [
        ("mypy",),
        ("ruff", "check", *LINTED, "notebooks"),  # the notebooks' code cells too (not format)
        ("ruff", "format", "--check", *LINTED),
    ],
    ids=["mypy-strict", "ruff-check", "ruff-format"],
)
def test_tool_is_clean(command: tuple[str, ...]) -> None:
    result = _run(*command)
    assert result.returncode == 0, result.stdout + result.stderr
