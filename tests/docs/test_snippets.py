"""The docs runner: every page's python, pycon and bash blocks run, in order, in an empty folder.

A reader follows a page from the top in a fresh folder; so does this test. Python blocks of a
page share one namespace (a name is defined on the page that uses it); bash blocks run with
the ``klimatkalk`` command of this environment on the PATH. Files a page reads must come from a
command the page shows (``klimatkalk examples``, ``klimatkalk template``) or from the package.
How to mark a block that must not run: see ``tests/docs/docs_snippets.py``.
"""

from __future__ import annotations

import doctest
import os
import subprocess
import sys
from pathlib import Path

import pytest
from docs_snippets import Block, blocks

ROOT = Path(__file__).parents[2]
DOCS = ROOT / "docs"
PAGES = sorted(
    p for p in DOCS.rglob("*.md") if not {"_hooks", "examples"} & set(p.relative_to(DOCS).parts)
)
MAX_SKIPPED = 12
"""Blocks marked not to run, over all pages: install commands and other machines' shells."""


def _run_python(block: Block, namespace: dict[str, object]) -> None:
    try:
        exec(compile(block.code, block.where, "exec"), namespace)
    except Exception as error:  # name the page and line of the failing block
        msg = f"{block.where}: python block failed: {type(error).__name__}: {error}"
        raise AssertionError(msg) from error


def _run_pycon(block: Block, namespace: dict[str, object]) -> None:
    test = doctest.DocTestParser().get_doctest(block.code, namespace, block.where, None, 0)
    runner = doctest.DocTestRunner(
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE, verbose=False
    )
    failures: list[str] = []
    runner.run(test, out=failures.append, clear_globs=False)
    namespace.update(test.globs)  # DocTest works on a copy: later blocks see its names
    assert not runner.failures, f"{block.where}: doctest failed\n" + "".join(failures)


def _run_bash(block: Block, cwd: Path) -> None:
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    env.pop("KLIMATKALK_LANG", None)
    env["MPLBACKEND"] = "Agg"
    result = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", block.code],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, (
        f"{block.where}: bash block exited {result.returncode}\n{block.code}\n"
        f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    )


@pytest.mark.slow
@pytest.mark.parametrize("page", PAGES, ids=[str(p.relative_to(DOCS)) for p in PAGES])
def test_page_runs_in_an_empty_folder(
    page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("MPLBACKEND", "Agg")
    namespace: dict[str, object] = {"__name__": "__docs__"}
    for block in blocks(page):
        if block.skip is not None or not block.language:
            continue
        if block.language == "python":
            _run_python(block, namespace)
        elif block.language == "pycon":
            _run_pycon(block, namespace)
        else:
            _run_bash(block, tmp_path)


def test_few_blocks_are_marked_not_to_run() -> None:
    skipped = [b.where for p in PAGES for b in blocks(p) if b.skip is not None]
    assert len(skipped) <= MAX_SKIPPED, f"{len(skipped)} blocks skipped: {skipped}"


def test_the_parser_finds_marked_and_indented_blocks(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(
        "Text\n\n```python\nx = 1\n```\n\n"
        "<!-- docs-runner: skip (installs the package) -->\n```bash\npip install x\n```\n\n"
        "1. A step\n\n   ```python\n   y = x + 1\n   ```\n\n```toml\na = 1\n```\n",
        encoding="utf-8",
    )
    found = blocks(page)
    assert [(b.language, b.code, b.skip) for b in found] == [
        ("python", "x = 1\n", None),
        ("bash", "pip install x\n", "installs the package"),
        ("python", "y = x + 1\n", None),
        ("", "a = 1\n", None),
    ]
    assert [b.line for b in found] == [3, 8, 14, 18]
