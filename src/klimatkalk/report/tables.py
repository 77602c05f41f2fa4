"""Report tables: the frames, labels and sentences of the yearly climate report.

:func:`build_report_tables` turns an :class:`~klimatkalk.results.EmissionsResult` into a
:class:`ReportTables`: plain pandas frames with code column names (``category``,
``emissions_t_co2e``, ``share`` …, percentages as fractions), the base-year comparison, the
reduction path and its verdict. :func:`localise` gives a frame Swedish or English headers with the
unit in brackets (``"Utsläpp (t CO2e)"``) and category names; :func:`summary_rows` and
:func:`report_text` give the key figures and the sentences that the Excel, HTML and Markdown
outputs share. Nothing here imports matplotlib, openpyxl or jinja2.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, NamedTuple

import numpy as np
import pandas as pd

from klimatkalk.activities import CATEGORIES
from klimatkalk.errors import KlimatkalkError
from klimatkalk.formatting import format_number, format_percent
from klimatkalk.trajectory import Trajectory, TrajectoryStatus

if TYPE_CHECKING:
    from klimatkalk.baseline import BaseYearRecalculation
    from klimatkalk.results import EmissionsResult

__all__ = [
    "CATEGORY_LABELS",
    "FACTOR_UPDATE_COLUMNS",
    "Lang",
    "ReportError",
    "ReportTables",
    "ReportText",
    "SummaryRow",
    "build_report_tables",
    "category_label",
    "column_label",
    "localise",
    "report_text",
    "summary_rows",
    "t_decimals",
    "text",
]

Lang = Literal["sv", "en"]
"""Report language."""

CATEGORY_LABELS: dict[str, tuple[str, str]] = {
    "energy": ("Energi", "Energy"),
    "transport": ("Transporter", "Transport"),
    "medical_gases": ("Medicinska gaser", "Medical gases"),
    "refrigerants": ("Köldmedier", "Refrigerants"),
    "purchases": ("Inköp", "Purchases"),
}
"""Category code → (Swedish, English) report name, in report order."""

FACTOR_UPDATE_COLUMNS = ("category", "old_kg_co2e", "new_kg_co2e")
"""Columns a ``factor_update`` frame needs (``year`` optional, see :func:`build_report_tables`)."""

_TEXT: dict[str, tuple[str, str]] = {
    # sheets
    "sheet_summary": ("Sammanfattning", "Summary"),
    "sheet_categories": ("Kategorier", "Categories"),
    "sheet_series": ("Tidsserie", "Time series"),
    "sheet_org_units": ("Verksamheter", "Organisational units"),
    "sheet_base_year": ("Basår", "Base year"),
    "sheet_path": ("Målbana", "Reduction path"),
    "sheet_factor_update": ("Faktoruppdatering", "Factor update"),
    "sheet_rejected": ("Avvisade rader", "Rejected rows"),
    "sheet_factors": ("Emissionsfaktorer", "Emission factors"),
    # titles and headings
    "title": ("Klimatredovisning {year}", "Climate report {year}"),
    "h_summary": ("Sammanfattning", "Summary"),
    "h_categories": ("Utsläpp per kategori {year}", "Emissions by category {year}"),
    "h_org_units": ("Utsläpp per verksamhet {year}", "Emissions by organisational unit {year}"),
    "h_base_year": ("Jämförelse med basåret {base_year}", "Comparison with base year {base_year}"),
    "h_path": ("Målbana", "Reduction path"),
    "h_figures": ("Diagram", "Charts"),
    "h_factor_update": ("Effekt av uppdaterade emissionsfaktorer", "Effect of updated factors"),
    "h_rejected": ("Avvisade rader", "Rejected rows"),
    "h_method": ("Metod", "Method"),
    "h_factors": (
        "Bilaga: emissionsfaktorer och källor",
        "Appendix: emission factors and sources",
    ),
    "total": ("Totalt", "Total"),
    "missing": ("(saknas)", "(missing)"),
    "yes": ("Ja", "Yes"),
    "no": ("Nej", "No"),
    # summary sheet
    "item": ("Uppgift", "Item"),
    "value": ("Värde", "Value"),
    "unit": ("Enhet", "Unit"),
    "s_organisation": ("Organisation", "Organisation"),
    "s_year": ("Redovisningsår", "Reporting year"),
    "s_total": ("Utsläpp {year}", "Emissions {year}"),
    "s_base_year": ("Basår", "Base year"),
    "s_base_total": ("Utsläpp basåret {base_year}", "Emissions in base year {base_year}"),
    "s_change": ("Förändring mot basåret", "Change against the base year"),
    "s_change_pct": ("Förändring mot basåret (%)", "Change against the base year (%)"),
    "s_convention": ("Målbana", "Reduction path"),
    "s_path_value": ("Målbanans värde {year}", "Path value {year}"),
    "s_gap": ("Avvikelse från målbanan", "Gap to the path"),
    "s_verdict": ("Bedömning {year}", "Verdict {year}"),
    "s_required": ("Nödvändig årlig minskning från {year}", "Annual cut needed from {year}"),
    "s_gwp": ("GWP-version", "GWP set"),
    "s_boundary": ("Systemgräns", "Boundary"),
    "s_fallback": ("Regel för år utan faktor", "Rule for years without a factor"),
    "s_factor_sets": ("Faktoruppsättning", "Factor set"),
    "s_rows": ("Beräknade rader {year}", "Calculated rows {year}"),
    "s_rejected": ("Avvisade rader (alla år)", "Rejected rows (all years)"),
    "s_factors": ("Använda emissionsfaktorer", "Emission factors used"),
    "u_rows": ("rader", "rows"),
    "u_factors": ("st", "count"),
    "u_per_year": ("% per år", "% per year"),
    # verdicts and sentences
    "on_track": ("I linje med målbanan", "On track"),
    "off_track": ("Inte i linje med målbanan", "Not on track"),
    "no_path": (
        "Ingen målbana: basåret {base_year} saknar utsläpp i underlaget",
        "No reduction path: the data has no emissions for the base year {base_year}",
    ),
    "t_total": (
        "Utsläppen {year} var {total} t CO₂e.",
        "Emissions in {year} were {total} t CO₂e.",
    ),
    "t_change": (
        "Det är {change} ({change_t} t CO₂e) jämfört med basåret {base_year} ({base} t CO₂e).",
        "That is {change} ({change_t} t CO₂e) against the base year {base_year} "
        "({base} t CO₂e).",
    ),
    "t_no_base": (
        "Underlaget saknar utsläpp för basåret {base_year}.",
        "The data has no emissions for the base year {base_year}.",
    ),
    "t_verdict_on": (
        "Utsläppen ligger i linje med målbanan: {gap} t CO₂e under banans {path} t CO₂e.",
        "Emissions are on track: {gap} t CO₂e below the path's {path} t CO₂e.",
    ),
    "t_verdict_off": (
        "Utsläppen ligger inte i linje med målbanan: {gap} t CO₂e över banans {path} t CO₂e.",
        "Emissions are not on track: {gap} t CO₂e above the path's {path} t CO₂e.",
    ),
    "t_convention": ("Målbana: {convention}.", "Reduction path: {convention}."),
    "t_required": (
        "För att nå målet behöver utsläppen minska med {rate} per år från {year}.",
        "Reaching the target needs a cut of {rate} per year from {year}.",
    ),
    "t_method": (
        "Beräknat med klimatkalk: GWP-version {gwp_set}, systemgräns {boundary}, "
        "faktoruppsättning {factor_sets}. Varje siffra kan spåras till en emissionsfaktor "
        "och dess källa (bilagan och Excel-filen).",
        "Calculated with klimatkalk: GWP set {gwp_set}, boundary {boundary}, factor set "
        "{factor_sets}. Every figure traces to an emission factor and its source (the appendix "
        "and the Excel file).",
    ),
    "t_fallback": (
        "För år utan egen faktor har närmast föregående års faktor använts.",
        "For years without a factor of their own, the latest earlier year's factor was used.",
    ),
    "t_rejected": (
        "{n} rader i underlaget kunde inte beräknas och ingår inte i siffrorna; "
        "de listas med orsak i Excel-filen (bladet {sheet}).",
        "{n} input rows could not be calculated and are not in the figures; they are listed "
        "with the reason in the Excel file (sheet {sheet}).",
    ),
    "t_none_rejected": (
        "Alla rader i underlaget kunde beräknas.",
        "Every input row was calculated.",
    ),
    "t_factor_update": (
        "Uppdaterade emissionsfaktorer ändrar utsläppen {year} med {change_t} t CO₂e "
        "({change}) med samma aktivitetsdata.",
        "Updated emission factors change the {year} emissions by {change_t} t CO₂e "
        "({change}) for the same activity data.",
    ),
    "t_excel": (
        "Alla tabeller finns i {file}.",
        "All tables are in {file}.",
    ),
    # boundaries
    "lifecycle": ("livscykel", "lifecycle"),
    "combustion": ("avgasrör (förbränning)", "combustion (tailpipe)"),
    "fb_none": ("ingen (raden avvisas)", "none (row rejected)"),
    "fb_previous": ("föregående års faktor", "the latest earlier year's factor"),
    # plots
    "p_by_year": ("Utsläpp per kategori och år", "Emissions by category and year"),
    "p_path": ("Utfall och målbana", "Actual emissions and reduction path"),
    "p_waterfall": (
        "Förändring per kategori, {base_year}–{year}",
        "Change by category, {base_year}–{year}",
    ),
    "p_factor_update": (
        "Effekt av uppdaterade emissionsfaktorer",
        "Effect of updated emission factors",
    ),
    "p_t": ("t CO₂e", "t CO₂e"),
    "p_actual": ("Utfall", "Actual"),
    "p_path_line": ("Målbana", "Reduction path"),
    "p_base_year": ("Basår {base_year}", "Base year {base_year}"),
    "p_target": ("Mål {target_year}", "Target {target_year}"),
    "p_old": ("Tidigare faktorer", "Previous factors"),
    "p_new": ("Uppdaterade faktorer", "Updated factors"),
    "p_no_data": ("Inga data", "No data"),
}

_COLUMNS: dict[str, tuple[str, str]] = {
    "year": ("År", "Year"),
    "category": ("Kategori", "Category"),
    "scope": ("Scope", "Scope"),
    "org_unit": ("Verksamhet", "Organisational unit"),
    "emissions_t_co2e": ("Utsläpp (t CO2e)", "Emissions (t CO2e)"),
    "share": ("Andel (%)", "Share (%)"),
    "base_emissions_t_co2e": ("Basår {base_year} (t CO2e)", "Base year {base_year} (t CO2e)"),
    "year_emissions_t_co2e": ("{year} (t CO2e)", "{year} (t CO2e)"),
    "change_t_co2e": ("Förändring (t CO2e)", "Change (t CO2e)"),
    "change_fraction": ("Förändring (%)", "Change (%)"),
    "status": ("Status", "Status"),
    "actual_t_co2e": ("Utfall (t CO2e)", "Actual (t CO2e)"),
    "path_t_co2e": ("Målbana (t CO2e)", "Path (t CO2e)"),
    "gap_t_co2e": ("Avvikelse från målbanan (t CO2e)", "Gap to path (t CO2e)"),
    "gap_fraction": ("Avvikelse från målbanan (%)", "Gap to path (%)"),
    "on_track": ("I linje med målbanan", "On track"),
    "old_t_co2e": ("Tidigare faktorer (t CO2e)", "Previous factors (t CO2e)"),
    "new_t_co2e": ("Uppdaterade faktorer (t CO2e)", "Updated factors (t CO2e)"),
    "factor_id": ("Faktor-id", "Factor id"),
    "activity": ("Aktivitet", "Activity"),
    "activity_label": ("Benämning", "Name"),
    "value": ("Värde", "Value"),
    "unit": ("Enhet", "Unit"),
    "gas": ("Gas", "Gas"),
    "gwp_set": ("GWP-version", "GWP set"),
    "boundary": ("Systemgräns", "Boundary"),
    "price_year": ("Prisår", "Price year"),
    "valid_from": ("Giltig från (år)", "Valid from (year)"),
    "valid_to": ("Giltig till (år)", "Valid to (year)"),
    "source_id": ("Käll-id", "Source id"),
    "publisher": ("Utgivare", "Publisher"),
    "title": ("Titel", "Title"),
    "source_year": ("Utgivningsår", "Year published"),
    "url": ("Webbadress", "URL"),
    "doc_id": ("Dokument-id", "Document id"),
    "source_locator": ("Plats i källan", "Locator"),
    "note": ("Anmärkning", "Note"),
    "factor_set": ("Faktoruppsättning", "Factor set"),
    "rows": ("Antal rader", "Rows"),
    "row": ("Rad (position i indata)", "Row (input position)"),
    "column": ("Kolumn", "Column"),
    "reason": ("Orsak", "Reason"),
    "message": ("Meddelande", "Message"),
    "origin_file": ("Fil", "File"),
    "origin_row": ("Rad i filen", "Row in file"),
}

_STATUS: dict[str, tuple[str, str]] = {
    "in both years": ("i båda åren", "in both years"),
    "new since base year": ("ny sedan basåret", "new since the base year"),
    "not in this year": ("saknas i år", "not in this year"),
    "total": ("totalt", "total"),
}

_FACTOR_COLUMNS = (
    "factor_id",
    "activity",
    "activity_label",
    "value",
    "unit",
    "gas",
    "gwp_set",
    "boundary",
    "price_year",
    "valid_from",
    "valid_to",
    "source_id",
    "publisher",
    "title",
    "source_year",
    "url",
    "doc_id",
    "source_locator",
    "note",
    "factor_set",
    "rows",
)


class ReportError(KlimatkalkError, ValueError):
    """The report cannot be made from this result (e.g. no rows for the reporting year)."""


@dataclass(frozen=True, kw_only=True)
class ReportTables:
    """The contents of one yearly report, before any formatting.

    Emissions are in t CO2e, shares and changes are fractions (``-0.2`` = −20 %); category
    columns hold codes (``"energy"``), which :func:`localise` turns into report names.

    Attributes
    ----------
    year, base_year, target_year : int
        Reporting year, base year and target year.
    lang : {"sv", "en"}
        Report language.
    title : str
        Report title.
    organisation : str or None
        Reporting organisation.
    gwp_set, boundary, fallback : str
        The calculation's choices (from the result).
    factor_sets : tuple of str
        Names of the factor folders used.
    total_t : float
        Emissions of the reporting year [t CO2e].
    base_total_t : float
        Emissions of the base year [t CO2e]; NaN when the base year has no rows.
    trajectory : Trajectory or None
        The reduction path (``None`` without base-year emissions).
    status : TrajectoryStatus or None
        The reporting year against the path.
    n_rows : int
        Calculated rows of the reporting year.
    by_year : DataFrame
        Emissions per year (index) and category (columns, report order) [t CO2e].
    categories : DataFrame
        The reporting year per ``category`` and ``scope``: ``emissions_t_co2e``, ``share``.
    org_units : DataFrame or None
        The reporting year per ``org_unit`` (largest first); ``None`` without that column.
    base_comparison : DataFrame or None
        Per ``category`` and a ``total`` row: ``base_emissions_t_co2e``,
        ``year_emissions_t_co2e``, ``change_t_co2e``, ``change_fraction``, ``status``.
    path : DataFrame or None
        Per ``year`` from the base year to the target year: ``actual_t_co2e``,
        ``path_t_co2e``, ``gap_t_co2e``, ``gap_fraction``, ``on_track``.
    factor_update : DataFrame or None
        Per ``category`` and a ``total`` row: ``old_t_co2e``, ``new_t_co2e``,
        ``change_t_co2e``, ``change_fraction`` for the reporting year.
    rejected : DataFrame
        The result's rejected rows.
    factors : DataFrame
        Every factor used, with its source (columns of :meth:`EmissionsResult.factors_used`
        plus ``activity_label``).
    """

    year: int
    base_year: int
    target_year: int
    lang: Lang
    title: str
    organisation: str | None
    gwp_set: str
    boundary: str
    fallback: str
    factor_sets: tuple[str, ...]
    total_t: float
    base_total_t: float
    trajectory: Trajectory | None
    status: TrajectoryStatus | None
    n_rows: int
    by_year: pd.DataFrame
    categories: pd.DataFrame
    org_units: pd.DataFrame | None
    base_comparison: pd.DataFrame | None
    path: pd.DataFrame | None
    factor_update: pd.DataFrame | None
    rejected: pd.DataFrame
    factors: pd.DataFrame

    def text(self, key: str, **values: object) -> str:
        """Return the label ``key`` in the report's language, formatted with ``values``."""
        return text(key, self.lang, year=self.year, base_year=self.base_year, **values)


class SummaryRow(NamedTuple):
    """One key figure of the summary: label, value (number or text) and unit."""

    key: str
    label: str
    value: float | int | str | None
    unit: str


class ReportText(NamedTuple):
    """The sentences that the HTML and Markdown reports share."""

    headline: str
    change: str
    verdict: str | None
    on_track: bool | None
    convention: str | None
    required: str | None
    factor_update: str | None
    rejected: str
    method: tuple[str, ...]


def build_report_tables(
    result: EmissionsResult,
    year: int,
    *,
    base_year: int = 2019,
    target: float = 0.5,
    target_year: int = 2030,
    trajectory: Trajectory | None = None,
    base: EmissionsResult | BaseYearRecalculation | None = None,
    lang: Lang = "sv",
    title: str | None = None,
    organisation: str | None = None,
    factor_update: pd.DataFrame | None = None,
) -> ReportTables:
    """Collect the tables of the yearly report from a calculated result.

    Parameters
    ----------
    result : EmissionsResult
        Calculated emissions; should hold the reporting year and the base year.
    year : int
        Reporting year.
    base_year : int, default 2019
        Base year of the comparison and of the default path.
    target : float, default 0.5
        Target reduction against the base year (``0.5`` = −50 %) of the default path.
    target_year : int, default 2030
        Year of the target.
    trajectory : Trajectory, optional
        The reduction path in t CO2e; by default
        ``Trajectory.linear(base_year, target_year, target, base_value=<base-year total>)``.
    base : EmissionsResult or BaseYearRecalculation, optional
        Base-year emissions to compare with (e.g. the base year recalculated with current
        factors, :func:`klimatkalk.baseline.recalculate_base_year`); by default the base-year
        rows of ``result``.
    lang : {"sv", "en"}, default "sv"
        Language of labels and text.
    title : str, optional
        Report title; by default "Klimatredovisning <year>" (with ``organisation``).
    organisation : str, optional
        Name of the reporting organisation.
    factor_update : DataFrame, optional
        What a factor update does (e.g. from ``factor_update_impact``): columns ``category``,
        ``old_kg_co2e`` and ``new_kg_co2e`` (emissions under the previous and the updated
        factors), optionally ``year``, of which the reporting year is used.

    Returns
    -------
    ReportTables

    Raises
    ------
    ReportError
        If the result has no calculated rows for ``year``, ``lang`` is unknown, or
        ``factor_update`` lacks a required column.

    Examples
    --------
    1000 l of diesel in 2019 (2 kg CO2e/l) and 2024 (2.5 kg CO2e/l) in the test factor set:

    >>> import pandas as pd
    >>> import klimatkalk as kk
    >>> from klimatkalk.report.tables import build_report_tables
    >>> factors = kk.load_factors("tests/fixtures/factors_minimal")
    >>> res = kk.calculate_emissions(pd.DataFrame({
    ...     "year": [2019, 2024], "activity": ["diesel", "diesel"],
    ...     "quantity": [1000, 1000], "unit": ["l", "l"]}), factors)
    >>> tables = build_report_tables(res, 2024)
    >>> tables.total_t, tables.base_total_t
    (2.5, 2.0)
    >>> tables.status.on_track  # the linear path asks for 2.0 × (1 − 0.5 × 5/11) ≈ 1.55 t
    False
    >>> tables.trajectory.describe()
    'Linjär minskning från 2019 till −50 % år 2030 (start 2019)'
    """
    if lang not in ("sv", "en"):
        msg = f"lang={lang!r}; choose 'sv' or 'en'"
        raise ReportError(msg)
    rows = result.rows
    years = sorted({int(y) for y in rows["year"].dropna()})
    if year not in years:
        msg = f"no calculated rows for {year}; the result has rows for {years or 'no year'}"
        raise ReportError(msg)
    year_rows = rows[rows["year"] == year]
    total_t = float(year_rows["emissions_kg_co2e"].sum()) / 1000.0
    comparison = _base_comparison(result, year, base_year, base)
    base_total_t = (
        float(comparison["base_emissions_t_co2e"].iloc[-1]) if comparison is not None else math.nan
    )
    if trajectory is None and base_total_t > 0:
        trajectory = Trajectory.linear(base_year, target_year, target, base_value=base_total_t)
    by_year = _by_year(result)
    path = None if trajectory is None else _path(trajectory, by_year, base_year, target_year, year)
    status = None if trajectory is None else trajectory.status(year, total_t)
    if title is None:
        title = text("title", lang, year=year)
        if organisation:
            title = f"{title} – {organisation}"
    return ReportTables(
        year=year,
        base_year=base_year,
        target_year=target_year,
        lang=lang,
        title=title,
        organisation=organisation,
        gwp_set=result.gwp_set,
        boundary=result.boundary,
        fallback=result.fallback,
        factor_sets=tuple(result.factors.sets),
        total_t=total_t,
        base_total_t=base_total_t,
        trajectory=trajectory,
        status=status,
        n_rows=len(year_rows),
        by_year=by_year,
        categories=_categories(year_rows),
        org_units=_org_units(year_rows, lang) if "org_unit" in rows else None,
        base_comparison=comparison,
        path=path,
        factor_update=None if factor_update is None else _factor_update(factor_update, year),
        rejected=result.rejected.reset_index(drop=True),
        factors=_factors(result, lang),
    )


def text(key: str, lang: Lang, **values: object) -> str:
    """Return the report label ``key`` in ``lang``, formatted with ``values``.

    Examples
    --------
    >>> text("title", "sv", year=2024)
    'Klimatredovisning 2024'
    >>> text("sheet_factors", "en")
    'Emission factors'
    """
    sv, en = _TEXT[key]
    template = sv if lang == "sv" else en
    return template.format(**values) if values else template


def column_label(column: str, lang: Lang, **values: object) -> str:
    """Return the report header of a column, with its unit (``"Utsläpp (t CO2e)"``).

    Examples
    --------
    >>> column_label("emissions_t_co2e", "sv")
    'Utsläpp (t CO2e)'
    >>> column_label("base_emissions_t_co2e", "en", base_year=2019)
    'Base year 2019 (t CO2e)'
    """
    if column not in _COLUMNS:
        return column
    sv, en = _COLUMNS[column]
    return (sv if lang == "sv" else en).format(**values)


def category_label(category: object, lang: Lang) -> str:
    """Return the report name of a category code (the code itself if unknown).

    Examples
    --------
    >>> category_label("medical_gases", "sv")
    'Medicinska gaser'
    >>> category_label("total", "en")
    'Total'
    """
    code = str(category)
    if code == "total":
        return text("total", lang)
    if code in CATEGORY_LABELS:
        sv, en = CATEGORY_LABELS[code]
        return sv if lang == "sv" else en
    return code


def localise(frame: pd.DataFrame, tables: ReportTables) -> pd.DataFrame:
    """Return ``frame`` with report headers and category, status and yes/no values translated.

    Numbers stay numbers; only labels change.

    Examples
    --------
    >>> import pandas as pd
    >>> import klimatkalk as kk
    >>> from klimatkalk.report.tables import build_report_tables, localise
    >>> res = kk.calculate_emissions(pd.DataFrame({
    ...     "year": [2024], "activity": ["diesel"], "quantity": [1000], "unit": ["l"]}),
    ...     kk.load_factors("tests/fixtures/factors_minimal"))
    >>> tables = build_report_tables(res, 2024, base_year=2024)
    >>> localise(tables.categories, tables)
         Kategori  Scope  Utsläpp (t CO2e)  Andel (%)
    0  Transporter      1               2.5        1.0
    """
    lang = tables.lang
    out = frame.copy()
    if "category" in out:
        out["category"] = [category_label(c, lang) for c in out["category"]]
    if "status" in out:
        out["status"] = [_translate(_STATUS, s, lang) for s in out["status"]]
    if "on_track" in out:
        out["on_track"] = [
            None if pd.isna(v) else text("yes" if v else "no", lang) for v in out["on_track"]
        ]
    labels = {
        c: column_label(str(c), lang, year=tables.year, base_year=tables.base_year)
        for c in out.columns
    }
    return out.rename(columns=labels)


def summary_rows(tables: ReportTables) -> list[SummaryRow]:
    """Return the key figures of the report (the summary sheet), numbers as numbers.

    Examples
    --------
    >>> import pandas as pd
    >>> import klimatkalk as kk
    >>> from klimatkalk.report.tables import build_report_tables, summary_rows
    >>> res = kk.calculate_emissions(pd.DataFrame({
    ...     "year": [2019, 2024], "activity": ["diesel", "diesel"],
    ...     "quantity": [1000, 1000], "unit": ["l", "l"]}),
    ...     kk.load_factors("tests/fixtures/factors_minimal"))
    >>> {r.key: r.value for r in summary_rows(build_report_tables(res, 2024))}["total"]
    2.5
    """
    t = tables.text
    rows: list[SummaryRow] = []

    def add(key: str, value: float | int | str | None, unit: str = "") -> None:
        rows.append(SummaryRow(key, t(f"s_{key}"), value, unit))

    if tables.organisation:
        add("organisation", tables.organisation)
    add("year", tables.year)
    add("total", tables.total_t, "t CO2e")
    add("base_year", tables.base_year)
    base = None if math.isnan(tables.base_total_t) else tables.base_total_t
    add("base_total", base, "t CO2e")
    if base is not None:
        add("change", tables.total_t - base, "t CO2e")
        add("change_pct", _fraction(tables.total_t, base), "%")
    status, path = tables.status, tables.trajectory
    if status is not None and path is not None:
        add("convention", path.describe(tables.lang))
        add("path_value", status.path_value, "t CO2e")
        add("gap", status.gap, "t CO2e")
        add("verdict", t("on_track") if status.on_track else t("off_track"))
        if status.required_annual_reduction is not None:
            add("required", status.required_annual_reduction, t("u_per_year"))
    else:
        add("convention", t("no_path"))
    add("gwp", tables.gwp_set)
    add("boundary", t(tables.boundary) if tables.boundary in _TEXT else tables.boundary)
    add("fallback", t(f"fb_{tables.fallback}"))
    add("factor_sets", ", ".join(tables.factor_sets))
    add("rows", tables.n_rows, t("u_rows"))
    add("rejected", len(tables.rejected), t("u_rows"))
    add("factors", len(tables.factors), t("u_factors"))
    return rows


def report_text(tables: ReportTables, *, excel_file: str | None = None) -> ReportText:
    """Return the sentences of the HTML and Markdown report, numbers formatted for ``lang``.

    Examples
    --------
    >>> import pandas as pd
    >>> import klimatkalk as kk
    >>> from klimatkalk.report.tables import build_report_tables, report_text
    >>> res = kk.calculate_emissions(pd.DataFrame({
    ...     "year": [2019, 2024], "activity": ["diesel", "diesel"],
    ...     "quantity": [1000, 1000], "unit": ["l", "l"]}),
    ...     kk.load_factors("tests/fixtures/factors_minimal"))
    >>> words = report_text(build_report_tables(res, 2024))
    >>> words.headline
    'Utsläppen 2024 var 2,5 t CO₂e.'
    >>> words.change.replace("\\xa0", " ")
    'Det är +25 % (+0,5 t CO₂e) jämfört med basåret 2019 (2,0 t CO₂e).'
    """
    t, lang = tables.text, tables.lang
    dec = t_decimals([tables.total_t, tables.base_total_t])
    headline = t("t_total", total=format_number(tables.total_t, dec, lang=lang))
    if math.isnan(tables.base_total_t):
        change = t("t_no_base")
    else:
        delta = tables.total_t - tables.base_total_t
        change = t(
            "t_change",
            change=format_percent(_fraction(tables.total_t, tables.base_total_t), 0,
                                  lang=lang, sign=True),
            change_t=_signed(delta, dec, lang),
            base=format_number(tables.base_total_t, dec, lang=lang),
        )
    verdict = convention = required = None
    on_track: bool | None = None
    status, path = tables.status, tables.trajectory
    if status is not None and path is not None:
        on_track = status.on_track
        gap_dec = t_decimals([status.gap, status.path_value])
        verdict = t(
            "t_verdict_on" if on_track else "t_verdict_off",
            gap=format_number(abs(status.gap), gap_dec, lang=lang),
            path=format_number(status.path_value, gap_dec, lang=lang),
        )
        convention = t("t_convention", convention=path.describe(lang))
        if status.required_annual_reduction is not None and not on_track:
            required = t(
                "t_required", rate=format_percent(status.required_annual_reduction, 1, lang=lang)
            )
    update = None
    if tables.factor_update is not None and len(tables.factor_update):
        total = tables.factor_update.iloc[-1]
        update = t(
            "t_factor_update",
            change_t=_signed(float(total["change_t_co2e"]), dec, lang),
            change=format_percent(float(total["change_fraction"]), 1, lang=lang, sign=True),
        )
    n_rejected = len(tables.rejected)
    rejected = (
        t("t_rejected", n=format_number(n_rejected, lang=lang), sheet=t("sheet_rejected"))
        if n_rejected
        else t("t_none_rejected")
    )
    method = [
        t(
            "t_method",
            gwp_set=tables.gwp_set,
            boundary=t(tables.boundary) if tables.boundary in _TEXT else tables.boundary,
            factor_sets=", ".join(tables.factor_sets),
        )
    ]
    if tables.fallback == "previous":
        method.append(t("t_fallback"))
    if excel_file is not None:
        method.append(t("t_excel", file=excel_file))
    return ReportText(
        headline=headline,
        change=change,
        verdict=verdict,
        on_track=on_track,
        convention=convention,
        required=required,
        factor_update=update,
        rejected=rejected,
        method=tuple(method),
    )


def t_decimals(values: Sequence[float]) -> int:
    """Decimals to show for amounts in t CO2e: 0 from 100 t, 1 from 1 t, else 3.

    Examples
    --------
    >>> t_decimals([1483.7, 12.0]), t_decimals([2.5]), t_decimals([0.53])
    (0, 1, 3)
    """
    finite = [abs(v) for v in values if not math.isnan(v)]
    largest = max(finite, default=0.0)
    if largest >= 100:
        return 0
    return 1 if largest >= 1 else 3


# --------------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------------


def _translate(labels: dict[str, tuple[str, str]], value: object, lang: Lang) -> object:
    if isinstance(value, str) and value in labels:
        sv, en = labels[value]
        return sv if lang == "sv" else en
    return value


def _fraction(value: float, base: float) -> float:
    return value / base - 1.0 if base else math.nan


def _signed(value: float, decimals: int, lang: Lang) -> str:
    number = format_number(value, decimals, lang=lang)
    return f"+{number}" if value > 0 and number.strip("0,.") else number


def _category_order(categories: object) -> list[str]:
    present = [str(c) for c in pd.unique(pd.Series(categories, dtype=object))]
    known = [c for c in CATEGORIES if c in present]
    return known + sorted(c for c in present if c not in CATEGORIES)


def _by_year(result: EmissionsResult) -> pd.DataFrame:
    totals = result.totals(["year", "category"], unit="t")
    totals["category"] = totals["category"].astype(str)
    wide = totals.pivot_table(
        index="year", columns="category", values="emissions_t_co2e", aggfunc="sum", fill_value=0.0
    )
    wide = wide.reindex(columns=_category_order(totals["category"]), fill_value=0.0)
    wide.index = wide.index.astype(np.int64)
    wide.columns.name = "category"
    return wide.astype(np.float64)


def _categories(year_rows: pd.DataFrame) -> pd.DataFrame:
    grouped = (
        year_rows.groupby(
            [year_rows["category"].astype(str), year_rows["scope"].astype(np.int64)], sort=False
        )["emissions_kg_co2e"]
        .sum()
        .div(1000.0)
        .rename("emissions_t_co2e")
        .reset_index()
    )
    order = {c: i for i, c in enumerate(_category_order(grouped["category"]))}
    grouped["_order"] = grouped["category"].map(order)
    grouped = grouped.sort_values(["_order", "scope"], ignore_index=True).drop(columns="_order")
    total = grouped["emissions_t_co2e"].sum()
    grouped["share"] = grouped["emissions_t_co2e"] / total if total else math.nan
    return grouped


def _org_units(year_rows: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    names = year_rows["org_unit"].astype(object).where(year_rows["org_unit"].notna())
    names = names.fillna(text("missing", lang)).astype(str)
    grouped = (
        year_rows["emissions_kg_co2e"]
        .groupby(names.rename("org_unit"), sort=True)
        .sum()
        .div(1000.0)
        .rename("emissions_t_co2e")
        .reset_index()
        .sort_values(["emissions_t_co2e", "org_unit"], ascending=[False, True], ignore_index=True)
    )
    total = grouped["emissions_t_co2e"].sum()
    grouped["share"] = grouped["emissions_t_co2e"] / total if total else math.nan
    return grouped


def _base_comparison(
    result: EmissionsResult,
    year: int,
    base_year: int,
    base: EmissionsResult | BaseYearRecalculation | None,
) -> pd.DataFrame | None:
    from klimatkalk.baseline import compare_with_base_year

    try:
        table = compare_with_base_year(result, base_year, by=("category",), unit="t", base=base)
    except ValueError:  # no base-year rows
        return None
    table = table[table["year"] == year].drop(columns="year")
    table["category"] = table["category"].astype(str)
    is_total = table["category"] == "total"
    order = {c: i for i, c in enumerate(_category_order(table.loc[~is_total, "category"]))}
    table = pd.concat(
        [
            table[~is_total].assign(_o=table.loc[~is_total, "category"].map(order)).sort_values(
                "_o"
            ).drop(columns="_o"),
            table[is_total],
        ],
        ignore_index=True,
    )
    return pd.DataFrame(
        {
            "category": table["category"],
            "base_emissions_t_co2e": table["base_emissions_t_co2e"].astype(np.float64),
            "year_emissions_t_co2e": table["emissions_t_co2e"].astype(np.float64),
            "change_t_co2e": table["change_t_co2e"].astype(np.float64),
            "change_fraction": table["change_pct"].astype(np.float64) / 100.0,
            "status": table["status"].astype(str),
        }
    )


def _path(
    trajectory: Trajectory, by_year: pd.DataFrame, base_year: int, target_year: int, year: int
) -> pd.DataFrame:
    first = min(trajectory.base_year, base_year)
    years = list(range(first, max(target_year, year) + 1))
    actual = by_year.sum(axis=1).reindex(years).to_numpy(dtype=np.float64)
    path = trajectory.values(years).to_numpy(dtype=np.float64)
    gap = actual - path
    on_track = pd.array(
        [None if math.isnan(a) else bool(a <= p) for a, p in zip(actual, path, strict=True)],
        dtype="boolean",
    )
    return pd.DataFrame(
        {
            "year": np.asarray(years, dtype=np.int64),
            "actual_t_co2e": actual,
            "path_t_co2e": path,
            "gap_t_co2e": gap,
            "gap_fraction": gap / path,
            "on_track": on_track,
        }
    )


def _factor_update(frame: pd.DataFrame, year: int) -> pd.DataFrame:
    missing = [c for c in FACTOR_UPDATE_COLUMNS if c not in frame]
    if missing:
        msg = (
            f"factor_update lacks column(s) {missing}; it needs {list(FACTOR_UPDATE_COLUMNS)} "
            "and optionally 'year'"
        )
        raise ReportError(msg)
    if "year" in frame:
        frame = frame[frame["year"] == year]
    grouped = (
        frame.groupby(frame["category"].astype(str), sort=False)[["old_kg_co2e", "new_kg_co2e"]]
        .sum()
        .div(1000.0)
    )
    grouped = grouped.reindex(_category_order(grouped.index))
    grouped.loc["total"] = grouped.sum()
    out = pd.DataFrame(
        {
            "category": grouped.index.astype(str),
            "old_t_co2e": grouped["old_kg_co2e"].to_numpy(dtype=np.float64),
            "new_t_co2e": grouped["new_kg_co2e"].to_numpy(dtype=np.float64),
        }
    )
    out["change_t_co2e"] = out["new_t_co2e"] - out["old_t_co2e"]
    old = out["old_t_co2e"].to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        out["change_fraction"] = np.where(old != 0, out["change_t_co2e"] / old, np.nan)
    return out


def _factors(result: EmissionsResult, lang: Lang) -> pd.DataFrame:
    used = result.factors_used()
    labels = {
        code: a.label_sv if lang == "sv" else a.label_en
        for code, a in result.factors.activities.items()
    }
    used["activity_label"] = used["activity"].map(labels)
    return used[[c for c in _FACTOR_COLUMNS if c in used]].reset_index(drop=True)
