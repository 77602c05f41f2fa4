"""mkdocs hook: reference tables generated from the code and the data, so they cannot go stale.

A page asks for a table with a marker line; the hook replaces it when the site is built:

- ``<!-- generated: cli -->``: every ``klimatkalk`` command with its usage and every option,
  from the argparse parsers of :mod:`klimatkalk.cli`;
- ``<!-- generated: api -->``: one mkdocstrings entry per name in ``klimatkalk.__all__``;
- ``<!-- generated: activities -->``: the activity codes of the bundled catalogue with their
  Swedish and English labels, category, subcategory and scope;
- ``<!-- generated: categories -->``: the category codes with the report's Swedish names;
- ``<!-- generated: units -->``: the units each activity accepts, and whether a distance is
  passenger-km or vehicle-km;
- ``<!-- generated: report -->``: the sheets of the report workbook with their columns, and the
  charts, from a report written for the example region.

``tests/docs/test_reference_pages.py`` checks that each table is complete.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable, Iterator
from typing import Any

MARKER = re.compile(r"^<!-- generated: (?P<name>[a-z_]+) -->$", re.M)


def on_page_markdown(markdown: str, **_: Any) -> str:
    """Replace each marker line of a page by its generated table."""

    def replace(match: re.Match[str]) -> str:
        name = match.group("name")
        if name not in GENERATORS:
            msg = f"unknown generated table {name!r}; known: {sorted(GENERATORS)}"
            raise ValueError(msg)
        return GENERATORS[name]()

    return MARKER.sub(replace, markdown)


# ------------------------------------------------------------------------------------------
# command line
# ------------------------------------------------------------------------------------------


def _commands(parser: argparse.ArgumentParser, path: str) -> Iterator[tuple[str, Any]]:
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _commands(sub, f"{path} {name}")


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def cli_markdown() -> str:
    """Every command: its help, usage and options, as the parsers define them (in English).

    The command's own ``--help`` is Swedish unless ``--lang en`` or ``KLIMATKALK_LANG=en``;
    this page shows the English texts, which the parsers hold beside the Swedish ones.
    """
    from klimatkalk.cli import _parser
    from klimatkalk.cli_text import speaking

    with speaking("en"):
        return _cli_markdown(_parser())


def _cli_markdown(parser: argparse.ArgumentParser) -> str:
    parser.prog = "klimatkalk"
    out: list[str] = []
    for path, command in _commands(parser, "klimatkalk"):
        formatter = command._get_formatter()
        level = "###" if path.count(" ") <= 1 else "####"
        out.append(f"{level} `{path}`\n")
        if command.description:
            out.append(_cell(command.description) + "\n")
        usage = command.format_usage().removeprefix("usage: ").strip()
        out.append(f"```text\n{usage}\n```\n")
        rows = []
        for action in command._actions:
            if isinstance(action, argparse._SubParsersAction):
                names = ", ".join(f"`{path} {n}`" for n in action.choices)
                rows.append(("command", names, ""))
                continue
            if action.help == argparse.SUPPRESS or isinstance(action, argparse._HelpAction):
                continue
            name = ", ".join(f"`{o}`" for o in action.option_strings) or f"`{action.dest}`"
            if action.choices is not None and not isinstance(action.choices, dict):
                name += " {" + ", ".join(f"`{c}`" for c in action.choices) + "}"
            help_text = formatter._expand_help(action) if action.help else ""
            default = action.default
            shown = (
                ""
                if default in (None, False, argparse.SUPPRESS) or isinstance(default, list)
                else f"`{default}`"
            )
            rows.append((name, _cell(help_text), shown))
        if rows:
            out.append("| argument | meaning | default |\n|---|---|---|")
            out += [f"| {a} | {b} | {c} |" for a, b, c in rows]
            out.append("")
        if command.epilog:
            out.append(f"```text\n{command.epilog.strip()}\n```\n")
    return "\n".join(out) + "\n"


# ------------------------------------------------------------------------------------------
# API
# ------------------------------------------------------------------------------------------

API_SECTIONS = (
    ("Data in", ("klimatkalk.factors", "klimatkalk.io", "klimatkalk.activity_data")),
    ("Calculation", ("klimatkalk.calculate", "klimatkalk.results")),
    ("Base year, paths, indicators and why a figure moved", ("klimatkalk.analysis",)),
    ("Report", ("klimatkalk.report",)),
    ("Errors", ("klimatkalk.errors",)),
)


def api_entries() -> list[tuple[str, str, str]]:
    """(section, public name, defining module path) for every name in ``klimatkalk.__all__``."""
    import klimatkalk

    entries = []
    for name in klimatkalk.__all__:
        obj = getattr(klimatkalk, name)
        module = getattr(obj, "__module__", "klimatkalk")
        section = next(
            (title for title, prefixes in API_SECTIONS if module.startswith(prefixes)), "Other"
        )
        entries.append((section, name, f"{module}.{name}"))
    return entries


def api_markdown() -> str:
    """One ``:::`` entry per public name, grouped by part of the package."""
    entries = api_entries()
    out: list[str] = []
    for title in [t for t, _ in API_SECTIONS] + ["Other"]:
        names = sorted((n, path) for s, n, path in entries if s == title)
        if not names:
            continue
        out.append(f"## {title}\n")
        for name, path in names:
            out.append(f"::: {path}\n    options:\n      heading: klimatkalk.{name}\n")
    return "\n".join(out) + "\n"


# ------------------------------------------------------------------------------------------
# data: activity codes, categories, units
# ------------------------------------------------------------------------------------------


def _catalogue() -> Any:
    import klimatkalk as kk

    return kk.load_factors().activity_frame()


def activities_markdown() -> str:
    """The activity codes of the bundled catalogue, with their labels."""
    frame = _catalogue()
    out = [
        "| code | Swedish label | English label | category | subcategory | scope |",
        "|---|---|---|---|---|---|",
    ]
    for row in frame.itertuples(index=False):
        out.append(
            f"| `{row.activity}` | {_cell(row.label_sv)} | {_cell(row.label_en)} | "
            f"`{row.category}` | `{row.subcategory}` | {row.scope} |"
        )
    return "\n".join(out) + "\n"


def categories_markdown() -> str:
    """The category codes with the report's Swedish and English names, in report order."""
    from klimatkalk.factors.activities import CATEGORIES
    from klimatkalk.report._labels import category_label

    frame = _catalogue()
    out = ["| code | Swedish | English | subcategories |", "|---|---|---|---|"]
    for code in CATEGORIES:
        chosen = frame.loc[frame["category"] == code, "subcategory"]
        subs = ", ".join(f"`{s}`" for s in dict.fromkeys(chosen))
        out.append(
            f"| `{code}` | {category_label(code, 'sv')} | {category_label(code, 'en')} | {subs} |"
        )
    return "\n".join(out) + "\n"


_COUNTED = re.compile(r"(passenger|vehicle)-km", re.I)


def units_markdown() -> str:
    """The units each activity accepts (by its dimension) and what a distance counts."""
    from klimatkalk.io.template import UNITS_BY_DIMENSION

    frame = _catalogue()
    out = [
        "| code | Swedish label | quantity is | units | a distance counts |",
        "|---|---|---|---|---|",
    ]
    for row in frame.itertuples(index=False):
        units = ", ".join(f"`{u}`" for u in UNITS_BY_DIMENSION.get(row.dimension, ()))
        counted = ""
        if row.dimension == "passenger_distance":  # the catalogue says which kind of km
            counted = "passenger-km (personkm: one km per traveller)"
        elif row.dimension == "vehicle_distance":
            counted = "vehicle-km (fordonskm: one km per vehicle, however many ride)"
        elif row.dimension == "distance":
            found = _COUNTED.search(str(row.note or ""))
            counted = (
                "passenger-km (personkm: one km per traveller)"
                if found and found.group(1).lower() == "passenger"
                else "vehicle-km (fordonskm: one km per vehicle, however many ride)"
                if found
                else "km as stated in the note"
            )
        out.append(
            f"| `{row.activity}` | {_cell(row.label_sv)} | {row.dimension.replace('_', ' ')} | "
            f"{units} | {counted} |"
        )
    return "\n".join(out) + "\n"


def report_markdown() -> str:
    """The sheets of the report workbook with their column headers, and the charts.

    Written for the bundled example region (2024, with ``--compare-edition 2024``), so that
    every optional sheet is there.
    """
    import tempfile
    from pathlib import Path

    from openpyxl import load_workbook

    import klimatkalk as kk

    acts = kk.load_example_activities()
    latest = kk.load_factors()
    result = kk.calculate_emissions(acts, latest)
    update = kk.factor_update_impact(acts, kk.load_factors(edition=2024), latest)
    with tempfile.TemporaryDirectory() as folder:
        files = kk.write_report(result, 2024, folder, factor_update=update)
        paths = [Path(p) for p in files.paths()]
        book = next(p for p in paths if p.suffix == ".xlsx")
        workbook = load_workbook(book, read_only=True)
        out = ["| sheet | columns |", "|---|---|"]
        for sheet in workbook.worksheets:
            header = next(sheet.iter_rows(max_row=1, values_only=True), ())
            names = ", ".join(_cell(str(h)) for h in header if h is not None)
            out.append(f"| {_cell(sheet.title)} | {names} |")
        workbook.close()
        out += ["", "| chart file | shows |", "|---|---|"]
        page = next(p for p in paths if p.suffix == ".md").read_text(encoding="utf-8")
        titles = dict(
            (m.group(2), m.group(1)) for m in re.finditer(r"!\[([^\]]*)\]\(([^)]+\.png)\)", page)
        )
        for path in paths:
            if path.suffix == ".png":
                out.append(f"| `{path.name}` | {_cell(titles.get(path.name, ''))} |")
    return "\n".join(out) + "\n"


GENERATORS: dict[str, Callable[[], str]] = {
    "cli": cli_markdown,
    "api": api_markdown,
    "activities": activities_markdown,
    "categories": categories_markdown,
    "units": units_markdown,
    "report": report_markdown,
}
