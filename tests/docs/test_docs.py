"""The docs: the factor catalogue matches the data, and mkdocs builds in strict mode."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import klimatkalk as kk

ROOT = Path(__file__).parents[2]


def _catalogue_script():
    spec = importlib.util.spec_from_file_location(
        "make_factor_catalogue", ROOT / "scripts" / "make_factor_catalogue.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_factor_catalogue_is_in_sync_with_the_data() -> None:
    script = _catalogue_script()
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
