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
    site = tmp_path / "site"
    # the tutorials show their results: executed at build, charts inline (issue 20)
    yearly = (site / "notebooks" / "01_yearly_report" / "index.html").read_text(encoding="utf-8")
    assert yearly.count("data:image/png") >= 3, "notebook 01 shows no report charts"
    own = (site / "notebooks" / "03_own_excel_and_factors" / "index.html").read_text("utf-8")
    assert "225" in own and "Förlossning" in own
    # the generated references are on the site
    cli = (site / "reference" / "cli" / "index.html").read_text(encoding="utf-8")
    assert "--organisation" in cli and "--compare-edition" in cli
    api = (site / "reference" / "api" / "index.html").read_text(encoding="utf-8")
    assert "klimatkalk.write_template" in api and "klimatkalk.ReadLimits" in api
