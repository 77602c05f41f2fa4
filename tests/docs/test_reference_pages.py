"""The generated reference pages are complete: every command option, every public name, every code.

The tables are made by ``docs/_hooks/reference.py`` when the site is built (so they cannot go
stale); these tests check that what it makes lists everything there is, and that the pages ask
for it.
"""

from __future__ import annotations

import argparse
import importlib.util
import re
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest

import klimatkalk as kk

ROOT = Path(__file__).parents[2]
DOCS = ROOT / "docs"


@cache
def hook() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "docs_reference", DOCS / "_hooks" / "reference.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _parsers() -> list[tuple[str, argparse.ArgumentParser]]:
    from klimatkalk.cli import _parser

    found: list[tuple[str, argparse.ArgumentParser]] = []

    def walk(parser: argparse.ArgumentParser, path: str) -> None:
        found.append((path, parser))
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    walk(sub, f"{path} {name}")

    walk(_parser(), "klimatkalk")
    return found


@pytest.mark.parametrize(
    ("page", "marker"),
    [
        ("reference/cli.md", "cli"),
        ("reference/api.md", "api"),
        ("explanation/nomenclature.md", "activities"),
        ("explanation/nomenclature.md", "categories"),
        ("reference/units.md", "units"),
        ("reference/report.md", "report"),
    ],
)
def test_pages_ask_for_their_generated_tables(page: str, marker: str) -> None:
    assert f"<!-- generated: {marker} -->" in (DOCS / page).read_text(encoding="utf-8")


def test_cli_page_lists_every_command_and_option() -> None:
    text = hook().cli_markdown()
    missing = []
    for path, parser in _parsers():
        if f"`{path}`" not in text:
            missing.append(path)
        for action in parser._actions:
            for option in action.option_strings:
                if option not in ("-h", "--help") and f"`{option}`" not in text:
                    missing.append(f"{path} {option}")
    assert not missing, missing
    # the report options the hand-written page lacked (issue 20)
    report = text.split("## `klimatkalk report`")[1].split("## `klimatkalk ")[0]
    for option in ("--organisation", "--title", "--sheet", "--decimal", "--compare-edition"):
        assert f"`{option}`" in report


def test_api_page_lists_everything_in_all() -> None:
    text = hook().api_markdown()
    headings = set(re.findall(r"heading: klimatkalk\.(\w+)", text))
    assert headings == set(kk.__all__)
    for name in ("write_template", "ReadLimits", "combine_activities", "load_mapping"):
        assert name in headings


def test_every_api_entry_resolves_to_its_object() -> None:
    for _section, name, path in hook().api_entries():
        module, _, attribute = path.rpartition(".")
        assert getattr(importlib.import_module(module), attribute) is getattr(kk, name)


def test_nomenclature_lists_every_code_with_its_swedish_label() -> None:
    text = hook().activities_markdown()
    catalogue = kk.load_factors().activity_frame()
    for row in catalogue.itertuples(index=False):
        assert f"| `{row.activity}` | {row.label_sv} |" in text, row.activity
    categories = hook().categories_markdown()
    for code, swedish in (("energy", "Energi"), ("medical_gases", "Medicinska gaser")):
        assert f"| `{code}` | {swedish} |" in categories


def test_units_table_says_passenger_or_vehicle_km_for_every_distance() -> None:
    text = hook().units_markdown()
    catalogue = kk.load_factors().activity_frame()
    lines = {line.split("|")[1].strip(" `"): line for line in text.splitlines()[2:]}
    assert set(lines) == set(catalogue["activity"])
    for row in catalogue.itertuples(index=False):
        if row.dimension == "distance":
            assert "passenger-km" in lines[row.activity] or "vehicle-km" in lines[row.activity]
    assert "passenger-km" in lines["train"] and "vehicle-km" in lines["taxi"]


@pytest.mark.slow
def test_report_reference_lists_the_sheets_and_charts() -> None:
    text = hook().report_markdown()
    for sheet in ("Sammanfattning", "Basår", "Målbana", "Faktoruppdatering", "Emissionsfaktorer"):
        assert f"| {sheet} |" in text
    assert text.count(".png`") >= 3


def test_an_unknown_marker_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown generated table"):
        hook().on_page_markdown("<!-- generated: nothing -->\n")


def test_cli_page_is_the_english_help_of_every_option() -> None:
    from klimatkalk.cli import _parser

    text = " ".join(hook().cli_markdown().split())
    assert "användning" not in text and "flaggor" not in text
    missing = []
    todo = [_parser("en")]
    while todo:
        parser = todo.pop()
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                todo.extend(action.choices.values())
            elif action.help and not isinstance(action, argparse._HelpAction):
                shown = " ".join(str(action.help).replace("%%", "%").split())
                if shown.replace("|", "\\|") not in text:
                    missing.append(f"{parser.prog} {action.dest}")
    assert not missing, missing


def test_cli_page_sample_of_calculate_is_what_it_prints(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The page's sample run of `klimatkalk calculate` on the example workbook, line by line
    (it said 1 329 rows and 75 511,172 t for 2024 long after the example had changed)."""
    from klimatkalk.cli import main

    page = (DOCS / "reference" / "cli.md").read_text(encoding="utf-8")
    sample = page.split("calculate` prints\n\n```text\n", 1)[1].split("\n```", 1)[0]
    monkeypatch.chdir(tmp_path)
    assert main(["examples"]) == 0
    capsys.readouterr()
    assert main(["calculate", "aktiviteter.xlsx", "-o", "rader.csv"]) == 0
    # the thousands separator is a no-break space; the page writes a plain one
    printed = capsys.readouterr().out.replace("\u00a0", " ").splitlines()
    shown = [line for line in sample.splitlines() if line != "…"]
    assert len(shown) >= 4
    assert [line for line in shown if line not in printed] == []
    assert shown[0] == printed[0] and shown[-1] == printed[-1]
    number = re.search(r"with Swedish numbers \(`([^`]+)`\)", page)
    assert number is not None and number[1] in sample
