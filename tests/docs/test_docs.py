"""The docs: the factor catalogue matches the data, and mkdocs builds in strict mode."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

import klimatkalk as kk

ROOT = Path(__file__).parents[2]


def test_factor_catalogue_is_in_sync_with_the_data(
    load_script: Callable[[Path], ModuleType],
) -> None:
    script = load_script(ROOT / "scripts" / "make_factor_catalogue.py")
    expected = script.render(kk.load_factors())
    assert script.TARGET.read_text(encoding="utf-8") == expected, (
        "docs/reference/factor-catalogue.md is stale: run python scripts/make_factor_catalogue.py"
    )


@pytest.mark.slow
def test_mkdocs_builds_in_strict_mode(tmp_path: Path) -> None:
    mkdocs = shutil.which("mkdocs", path=str(Path(sys.executable).parent))
    assert mkdocs, "mkdocs is not installed (pip install -e '.[dev]')"
    result = subprocess.run(
        [mkdocs, "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=ROOT,
        check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
