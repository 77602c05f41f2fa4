"""Report page: the yearly report as one self-contained HTML page and as Markdown.

Both are rendered from the jinja2 templates in ``templates/`` with the same context: the
sentences of :func:`~klimatkalk.report.tables.report_text`, key-figure cards, the tables as
formatted text (Swedish number format by default) and the charts. The HTML embeds the PNGs as
base64 data URIs and is autoescaped; the Markdown refers to the PNG files and escapes
Markdown's special characters. Neither carries a date.
"""

from __future__ import annotations

import base64
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

import numpy as np
import pandas as pd

from klimatkalk.formatting import (
    change_decimals,
    format_change,
    format_number,
    format_percent,
    format_significant,
)
from klimatkalk.report import plots
from klimatkalk.report._labels import Lang, category_label, column_label, gwp_set_label
from klimatkalk.report.tables import ReportTables, ReportText, report_text, t_decimals

__all__ = ["SECTIONS", "PageParts", "Section", "SectionFunction", "render_pages"]

_MD_SPECIAL: Final = re.compile(r"([\\`*_\[\]<>|#])")
_ORG_UNITS_SHOWN: Final = 20


@dataclass(frozen=True)
class _Cell:
    text: str
    href: str | None = None


@dataclass(frozen=True)
class _Table:
    headers: list[str]
    rows: list[list[_Cell]]
    align: list[str]
    total_last: bool = False
    note: str | None = None


@dataclass(frozen=True)
class _Card:
    value: str
    label: str
    tone: str


@dataclass(frozen=True)
class _Figure:
    alt: str
    file: str
    data_uri: str
    width: int
    height: int


@dataclass(frozen=True)
class _Paragraph:
    """One paragraph: an optional bold lead, the text, and whether it is a side note."""

    text: str
    lead: str | None = None
    note: bool = False


@dataclass(frozen=True)
class Section:
    """One section of the page: a heading and its cards, paragraphs, tables and charts.

    The page is the list :data:`SECTIONS` of functions that build sections, in order; a
    function returns ``None`` to leave its section out. A new section is a new function in
    that list (see :func:`render_pages`).
    """

    key: str
    heading: str
    paragraphs: list[_Paragraph] = field(default_factory=list)
    tables: list[_Table] = field(default_factory=list)
    figures: list[_Figure] = field(default_factory=list)
    cards: list[_Card] = field(default_factory=list)


@dataclass(frozen=True)
class PageParts:
    """What a section function gets: the report, its sentences, charts and the escaper."""

    tables: ReportTables
    words: ReportText
    figures: list[_Figure]
    escape: Callable[[str], str]


SectionFunction = Callable[[PageParts], "Section | None"]


def render_pages(
    tables: ReportTables, folder: Path, charts: dict[str, str], xlsx: str
) -> tuple[str, str]:
    """Render the HTML page and the Markdown text of the report.

    Parameters
    ----------
    tables : ReportTables
        The report.
    folder : Path
        The folder that holds the chart files (read to embed them in the HTML).
    charts : dict of str to str
        Chart file name → caption, in report order.
    xlsx : str
        File name of the workbook, named in the text.

    Returns
    -------
    tuple of str
        The HTML and the Markdown.
    """
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("klimatkalk.report", "templates"),
        autoescape=jinja2.select_autoescape(["html"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    words = report_text(tables, excel_file=xlsx)
    html = env.get_template("report.html").render(
        _context(tables, words, folder, charts, escape=str)
    )
    markdown = env.get_template("report.md").render(
        _context(tables, words, folder, charts, escape=_md)
    )
    return html, _tidy_markdown(markdown)


def _context(
    tables: ReportTables,
    words: ReportText,
    folder: Path,
    charts: dict[str, str],
    *,
    escape: Callable[[str], str],
) -> dict[str, object]:
    figures = [
        _Figure(
            alt=escape(caption),
            file=file,
            data_uri="data:image/png;base64,"
            + base64.b64encode((folder / file).read_bytes()).decode("ascii"),
            width=plots.PIXELS[0] // 2,
            height=plots.PIXELS[1] // 2,
        )
        for file, caption in charts.items()
    ]
    parts = PageParts(tables, _escape_words(words, escape), figures, escape)
    sections = [s for s in (build(parts) for build in SECTIONS) if s is not None]
    return {
        "lang": tables.lang,
        "title": escape(tables.title),
        "organisation": (
            escape(tables.organisation)
            if tables.organisation and tables.organisation not in tables.title
            else None
        ),
        "sections": sections,
    }


def _heading(parts: PageParts, key: str) -> str:
    return parts.escape(parts.tables.text(f"h_{key}"))


def _summary_section(parts: PageParts) -> Section:
    w = parts.words
    paragraphs = [_Paragraph(f"{w.headline} {w.change}")]
    if w.verdict:
        rest = " ".join(x for x in (w.required, w.trend) if x)
        paragraphs.append(_Paragraph(rest, lead=w.verdict))
    if w.convention:
        paragraphs.append(_Paragraph(w.convention, note=True))
    if w.factor_update:
        paragraphs.append(_Paragraph(w.factor_update))
    return Section(
        "summary",
        _heading(parts, "summary"),
        paragraphs=paragraphs,
        cards=_cards(parts.tables, parts.escape),
    )


def _categories_section(parts: PageParts) -> Section:
    return Section(
        "categories",
        _heading(parts, "categories"),
        tables=[_category_table(parts.tables, parts.escape)],
    )


def _scopes_section(parts: PageParts) -> Section | None:
    from klimatkalk.report.scopes import scopes_section

    return scopes_section(parts)


def _figures_section(parts: PageParts) -> Section | None:
    if not parts.figures:
        return None
    note = []
    if not parts.tables.has_base:
        note = [_Paragraph(parts.escape(parts.tables.text("t_no_base_charts")), note=True)]
    return Section("figures", _heading(parts, "figures"), paragraphs=note, figures=parts.figures)


def _org_units_section(parts: PageParts) -> Section | None:
    table = _org_unit_table(parts.tables, parts.escape)
    if table is None:
        return None
    return Section("org_units", _heading(parts, "org_units"), tables=[table])


def _purchases_section(parts: PageParts) -> Section | None:
    if parts.tables.purchases is None:
        return None
    from klimatkalk.report.purchases import purchases_section

    return purchases_section(parts)


def _factor_update_section(parts: PageParts) -> Section | None:
    table = _factor_update_table(parts.tables, parts.escape)
    if table is None:
        return None
    return Section("factor_update", _heading(parts, "factor_update"), tables=[table])


def _method_section(parts: PageParts) -> Section:
    paragraphs = [_Paragraph(m) for m in parts.words.method]
    paragraphs.append(_Paragraph(parts.words.rejected))
    return Section("method", _heading(parts, "method"), paragraphs=paragraphs)


def _factors_section(parts: PageParts) -> Section:
    tables, escape = parts.tables, parts.escape
    paragraphs = []
    overlapping = tables.factors[tables.factors.get("overlaps", False) == True]  # noqa: E712
    if len(overlapping):
        names = sorted(
            {_text(a) for a in overlapping["activity_label"].fillna(overlapping["activity"])}
        )
        paragraphs.append(
            _Paragraph(
                escape(
                    tables.text(
                        "t_years_applied",
                        activities=", ".join(names),
                        column=column_label("years_used", tables.lang),
                    )
                ),
                note=True,
            )
        )
    return Section(
        "factors",
        _heading(parts, "factors"),
        paragraphs=paragraphs,
        tables=[_factor_table(tables, escape)],
    )


def _outlook_section(parts: PageParts) -> Section | None:
    if parts.tables.outlook is None:
        return None
    from klimatkalk.report.outlook import outlook_section

    return outlook_section(parts)


SECTIONS: list[SectionFunction] = [
    _summary_section,
    _categories_section,
    _scopes_section,
    _figures_section,
    _org_units_section,
    _purchases_section,
    _factor_update_section,
    _outlook_section,
    _method_section,
    _factors_section,
]
"""The page's sections in order; each function returns a :class:`Section` or ``None``."""


def _escape_words(words: ReportText, escape: Callable[[str], str]) -> ReportText:
    def maybe(text: str | None) -> str | None:
        return None if text is None else escape(text)

    return ReportText(
        headline=escape(words.headline),
        change=escape(words.change),
        verdict=maybe(words.verdict),
        on_track=words.on_track,
        convention=maybe(words.convention),
        required=maybe(words.required),
        factor_update=maybe(words.factor_update),
        rejected=escape(words.rejected),
        method=tuple(escape(m) for m in words.method),
        trend=maybe(words.trend),
    )


def _cards(tables: ReportTables, escape: Callable[[str], str]) -> list[_Card]:
    t, lang = tables.text, tables.lang
    dec = t_decimals([tables.total_t, tables.base_total_t])
    cards = [
        _Card(
            escape(f"{format_number(tables.total_t, dec, lang=lang)} t CO₂e"),
            escape(t("s_total")),
            "neutral",
        )
    ]
    if not math.isnan(tables.base_total_t) and tables.base_total_t:
        change = tables.total_t / tables.base_total_t - 1.0
        cards.append(
            _Card(
                escape(format_change(change, lang=lang)),
                escape(t("s_change") + f" {tables.base_year}"),
                "good" if change < 0 else "bad",
            )
        )
    if tables.like_for_like is not None:
        like_base, like_year = tables.like_for_like
        like = like_year / like_base - 1.0 if like_base else math.nan
        cards.append(
            _Card(
                escape(format_change(like, lang=lang)),
                escape(t("c_change_like")),
                "good" if like < 0 else "bad",
            )
        )
    if tables.status is not None:
        on = tables.status.on_track
        cards.append(
            _Card(
                escape(t("yes") if on else t("no")),
                escape(t("on_track")),
                "good" if on else "bad",
            )
        )
    return cards


def _category_table(tables: ReportTables, escape: Callable[[str], str]) -> _Table:
    t, lang = tables.text, tables.lang
    cats = tables.categories
    per = cats.groupby("category", sort=False).agg(
        scope=("scope", lambda s: ", ".join(str(v) for v in sorted(set(s)))),
        emissions=("emissions_t_co2e", "sum"),
        share=("share", "sum"),
    )
    comparison = tables.base_comparison
    base = (
        comparison.set_index("category")
        if comparison is not None
        else pd.DataFrame(columns=["base_emissions_t_co2e", "change_fraction"])
    )
    order = list(per.index) + [c for c in base.index if c not in per.index and c != "total"]
    dec = t_decimals([tables.total_t, tables.base_total_t])
    # one decimal in the whole column when a change is below 10 % (not "0 %" for −0,5 %)
    changes = [float(v) for v in base.get("change_fraction", pd.Series(dtype=float))]
    decimals = max((change_decimals(v) for v in changes), default=0)
    rows: list[list[_Cell]] = []
    for category in [*order, "total"]:
        if category == "total":
            scope, emissions, share = "", tables.total_t, 1.0 if tables.total_t else math.nan
        elif category in per.index:
            scope = str(per.loc[category, "scope"])
            emissions = float(per.loc[category, "emissions"])
            share = float(per.loc[category, "share"])
        else:
            scope, emissions, share = "", 0.0, 0.0
        base_value = (
            float(base.loc[category, "base_emissions_t_co2e"])
            if category in base.index and category not in tables.new_categories
            else math.nan
        )
        change = (
            float(base.loc[category, "change_fraction"]) if category in base.index else math.nan
        )
        change_text = format_percent(change, decimals, lang=lang, sign=True)
        if category in tables.new_categories:
            change_text = t("new_in")
        rows.append(
            [
                _Cell(escape(category_label(category, lang))),
                _Cell(scope),
                _Cell(format_number(emissions, dec, lang=lang)),
                _Cell(format_percent(share, 1, lang=lang)),
                _Cell(format_number(base_value, dec, lang=lang)),
                _Cell(escape(change_text)),
            ]
        )
    headers = [
        column_label("category", lang),
        column_label("scope", lang),
        f"{tables.year} (t CO₂e)",
        column_label("share", lang),
        t("p_base_year") + " (t CO₂e)",
        column_label("change_fraction", lang),
    ]
    return _Table(
        [escape(h) for h in headers], rows, ["l", "l", "r", "r", "r", "r"], total_last=True
    )


def _org_unit_table(tables: ReportTables, escape: Callable[[str], str]) -> _Table | None:
    frame = tables.org_units
    if frame is None:
        return None
    lang = tables.lang
    dec = t_decimals([float(frame["emissions_t_co2e"].abs().max())] if len(frame) else [0.0])
    note = None
    if len(frame) > _ORG_UNITS_SHOWN:
        note = escape(tables.text("t_shown", n=_ORG_UNITS_SHOWN, total=len(frame)))
        frame = frame.head(_ORG_UNITS_SHOWN)
    rows = [
        [
            _Cell(escape(str(name))),
            _Cell(format_number(float(value), dec, lang=lang)),
            _Cell(format_percent(float(share), 1, lang=lang)),
        ]
        for name, value, share in zip(
            frame["org_unit"].to_numpy(dtype=object),
            frame["emissions_t_co2e"].to_numpy(dtype=np.float64),
            frame["share"].to_numpy(dtype=np.float64),
            strict=True,
        )
    ]
    headers = [column_label(c, lang) for c in ("org_unit", "emissions_t_co2e", "share")]
    return _Table([escape(_co2(h)) for h in headers], rows, ["l", "r", "r"], note=note)


def _factor_update_table(tables: ReportTables, escape: Callable[[str], str]) -> _Table | None:
    frame = tables.factor_update
    if frame is None:
        return None
    lang = tables.lang
    columns = ["category", "old_t_co2e", "new_t_co2e", "change_t_co2e", "change_fraction"]
    left_out = "left_out_rows" in frame and bool(frame["left_out_rows"].to_numpy().any())
    if left_out:  # rows only one set could calculate: shown apart, not in the change
        columns += ["left_out_rows", "left_out_t_co2e"]
    dec = t_decimals(list(frame["old_t_co2e"]) + list(frame["new_t_co2e"]))
    rows = []
    for r in frame.to_dict("records"):
        row = [
            _Cell(escape(category_label(r["category"], lang))),
            _Cell(format_number(float(r["old_t_co2e"]), dec, lang=lang)),
            _Cell(format_number(float(r["new_t_co2e"]), dec, lang=lang)),
            _Cell(_signed(float(r["change_t_co2e"]), dec, lang)),
            _Cell(format_percent(float(r["change_fraction"]), 1, lang=lang, sign=True)),
        ]
        if left_out:
            row.append(_Cell(format_number(int(r["left_out_rows"]), lang=lang)))
            row.append(_Cell(format_number(float(r["left_out_t_co2e"]), dec, lang=lang)))
        rows.append(row)
    headers = [escape(_co2(column_label(c, lang))) for c in columns]
    return _Table(headers, rows, ["l"] + ["r"] * (len(columns) - 1), total_last=True)


def _factor_table(tables: ReportTables, escape: Callable[[str], str]) -> _Table:
    lang = tables.lang
    # the GWP that turned kg of a gas into CO2e, where a factor is in kg of a gas
    with_gwp = "gwp" in tables.factors and bool(tables.factors["gwp"].notna().any())
    rows: list[list[_Cell]] = []
    for r in tables.factors.to_dict("records"):
        source = (
            f"{_text(r.get('publisher'))} ({_text(r.get('source_year'))}). {_text(r.get('title'))}"
        )
        url = _text(r.get("url"))
        href = url if url.startswith(("https://", "http://")) else None
        if not href and _text(r.get("doc_id")):
            source += f". {_text(r.get('doc_id'))}"
        valid = f"{_text(r.get('valid_from'))}–{_text(r.get('valid_to'))}"
        cells = [
            _Cell(escape(_text(r.get("factor_id")))),
            _Cell(escape(_text(r.get("activity_label")) or _text(r.get("activity")))),
            _Cell(escape(f"{_number(r.get('value'), lang)} {_text(r.get('unit'))}")),
            _Cell(valid),
            _Cell(escape(_text(r.get("years_used")))),
            _Cell(escape(source), href=_md_url(href) if href and escape is _md else href),
            _Cell(escape(_text(r.get("source_locator")))),
            _Cell(escape(_text(r.get("quality")))),
        ]
        if with_gwp:
            cells.insert(3, _Cell(escape(_gwp_applied(r.get("gwp"), r.get("gwp_value_set"), lang))))
        rows.append(cells)
    columns = [
        "factor_id", "activity", "value", "validity", "years_used", "citation",
        "source_locator", "quality",
    ]  # fmt: skip
    if with_gwp:
        columns.insert(3, "gwp_applied")
    headers = [column_label(c, lang) for c in columns]
    return _Table([escape(h) for h in headers], rows, ["l"] * len(headers))


def _gwp_applied(gwp: object, gwp_set: object, lang: Lang) -> str:
    """``265 (AR5, 100 år)``: a GWP with its set; empty for a factor in CO2e."""
    if not isinstance(gwp, int | float | np.number) or math.isnan(float(gwp)):
        return ""
    significant = format_significant(float(gwp), 6, lang="en")  # no float noise
    decimals = len(significant.partition(".")[2])
    value = format_number(float(gwp), decimals, lang=lang)
    return f"{value} ({gwp_set_label(_text(gwp_set), lang)})"


def _signed(value: float, decimals: int, lang: Lang) -> str:
    text = format_number(value, decimals, lang=lang)
    return f"+{text}" if value > 0 and text.strip("0,.") else text


def _co2(label: str) -> str:
    """Write CO2e with a subscript two, for the page (the workbook keeps plain ``CO2e``)."""
    return label.replace("CO2e", "CO₂e")


def _text(value: object) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _number(value: object, lang: Lang) -> str:
    if not isinstance(value, int | float | np.number):
        return _text(value)
    text = f"{float(value):.6g}"
    return text.replace(".", ",") if lang == "sv" else text


def _md(text: str) -> str:
    """Escape text for a Markdown paragraph or table cell."""
    return _MD_SPECIAL.sub(r"\\\1", text.replace("\r", " ").replace("\n", " "))


def _md_url(url: str) -> str:
    return url.replace(" ", "%20").replace("(", "%28").replace(")", "%29")


def _tidy_markdown(text: str) -> str:
    """Collapse runs of blank lines that the template's conditionals leave."""
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
