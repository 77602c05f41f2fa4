"""The import directions of docs/explanation/architecture.md hold for every module of src/."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "klimatkalk"

BASE = {
    "errors",
    "units",
    "numbers",
    "columns",
    "formatting",
    "csv_writer",
    "_resources",
    "_lazy",
}
SUBPACKAGES = {"io", "factors", "analysis", "report", "plans"}
CALCULATION = {"calculate", "chunk", "results"}

# The table of the architecture page, part -> parts it may import (besides itself).
ALLOWED: dict[str, set[str]] = {
    "base": set(),
    "factors": {"base"},
    "activity_data": {"base"},
    "plans": {"base"},
    "io": {"base", "factors", "activity_data", "plans"},
    "calculation": {"base", "factors", "activity_data"},
    "testing": {"base", "factors", "calculation"},
    "dask": {"base", "factors", "activity_data", "io", "calculation"},
    "analysis": {"base", "factors", "activity_data", "calculation", "plans"},
    "report": {"base", "factors", "activity_data", "calculation", "analysis", "plans"},
    "cli": {
        "base",
        "factors",
        "activity_data",
        "io",
        "calculation",
        "analysis",
        "report",
        "plans",
    },
    "__init__": {
        "base",
        "factors",
        "activity_data",
        "io",
        "calculation",
        "analysis",
        "report",
        "plans",
    },
    "__main__": {"cli"},
}


def part_of(module: str) -> str:
    """Return the architecture part of a dotted module name under ``klimatkalk``."""
    names = module.split(".")
    if len(names) == 1:
        return "__init__"
    top = names[1]
    if top in SUBPACKAGES:
        return top
    if top in BASE:
        return "base"
    if top in CALCULATION:
        return "calculation"
    if top in {"cli_scenario", "cli_annex", "cli_text"}:  # the command line's own modules
        return "cli"
    return top


def imports_of(file: Path) -> list[tuple[int, str]]:
    """Every klimatkalk module that ``file`` imports (type-only and function-level included)."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        found += [(node.lineno, n) for n in names if n.split(".")[0] == "klimatkalk"]
    return found


MODULES = sorted(PACKAGE.rglob("*.py"))


def module_name(file: Path) -> str:
    return ".".join(file.relative_to(SRC).with_suffix("").parts).removesuffix(".__init__")


def test_every_module_belongs_to_a_part() -> None:
    unknown = {module_name(f) for f in MODULES if part_of(module_name(f)) not in ALLOWED}
    assert not unknown, f"add these modules to a part of the architecture page: {unknown}"


@pytest.mark.parametrize("file", MODULES, ids=module_name)
def test_imports_follow_the_allowed_directions(file: Path) -> None:
    part = part_of(module_name(file))
    wrong = [
        f"{file.relative_to(SRC)}:{line} imports {name} ({part_of(name)})"
        for line, name in imports_of(file)
        if part_of(name) not in ALLOWED[part] | {part}
    ]
    assert not wrong, "\n".join(wrong)


def test_factors_package_imports_run_one_way() -> None:
    """Row models → library → compile → diff: no module imports one later in this order."""
    order = ["library", "compile", "diff"]
    for file in (PACKAGE / "factors").glob("*.py"):
        mine = file.stem
        for line, name in imports_of(file):
            other = name.split(".")[-1]
            if mine in order and other in order:
                assert order.index(other) < order.index(mine), f"{file.name}:{line} imports {name}"
            elif mine not in order and mine != "__init__":
                assert other not in order, f"row model {file.name}:{line} imports {name}"


def test_checker_sees_a_wrong_direction(tmp_path: Path) -> None:
    """The check itself can fail: a factor module importing the calculation is caught."""
    bad = tmp_path / "bad.py"
    bad.write_text("from klimatkalk.calculate import calculate_emissions\n", encoding="utf-8")
    ((_line, name),) = imports_of(bad)
    assert part_of(name) not in ALLOWED["factors"]


def test_import_klimatkalk_does_not_load_analysis_or_report() -> None:
    import subprocess
    import sys

    code = (
        "import sys, klimatkalk; "
        "print(sorted(m for m in sys.modules if m.startswith(('klimatkalk.analysis', "
        "'klimatkalk.report', 'klimatkalk.io.mapping', 'klimatkalk.io.template', 'openpyxl', "
        "'matplotlib'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
