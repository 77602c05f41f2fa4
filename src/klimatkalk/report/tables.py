"""Report tables: the frames, labels and sentences of the yearly climate report.

:func:`build_report_tables` turns an :class:`~klimatkalk.results.EmissionsResult` into a
:class:`ReportTables`: plain pandas frames with code column names (``category``,
``emissions_t_co2e``, ``share`` …, percentages as fractions), the base-year comparison, the
reduction path and its verdict. :func:`localise` gives a frame Swedish or English headers with the
unit in brackets (``"Utsläpp (t CO2e)"``) and category names; :func:`summary_rows` and
:func:`report_text` give the key figures and the sentences that the Excel, HTML and Markdown
outputs share. The label texts themselves live in :mod:`klimatkalk.report._labels` (re-exported
here: :func:`text`, :func:`column_label`, :func:`category_label`). Nothing here imports
matplotlib, openpyxl or jinja2.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, NamedTuple

import numpy as np
import pandas as pd

from klimatkalk.analysis.trajectory import Trajectory, TrajectoryStatus
from klimatkalk.errors import KlimatkalkError
from klimatkalk.factors.activities import CATEGORIES
from klimatkalk.formatting import format_number, format_percent
from klimatkalk.report._labels import (
    CATEGORY_LABELS,
    STATUS,
    TEXT,
    Lang,
    category_label,
    column_label,
    text,
    translate,
)
from klimatkalk.results import MASS_UNITS

if TYPE_CHECKING:
    from klimatkalk.analysis.baseline import BaseYearRecalculation
    from klimatkalk.results import EmissionsResult

__all__ = [
    "CATEGORY_LABELS",
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

_MASS_TO_T: dict[str, float] = {u: MASS_UNITS["t"] / m for u, m in MASS_UNITS.items()}
"""Multiplier from each mass unit to t (derived from :data:`klimatkalk.results.MASS_UNITS`)."""

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
    scope2 : DataFrame or None
        Purchased electricity per ``year``, market-based and location-based
        (:func:`klimatkalk.scope2.scope2_dual_reporting`); ``None`` without electricity rows.
    factor_update : DataFrame or None
        Per ``category`` and a ``total`` row: ``old_t_co2e``, ``new_t_co2e``,
        ``change_t_co2e``, ``change_fraction`` (and ``rejected_old``, ``rejected_new`` when
        given) for the reporting year.
    rejected : DataFrame
        The result's rejected rows.
    factors : DataFrame
        Every factor used, with its source (columns of :meth:`EmissionsResult.factors_used`
        plus ``activity_label``).
    high_altitude : DataFrame or None
        The high-altitude multipliers applied in the reporting year
        (:meth:`EmissionsResult.multipliers_used`); ``None`` when the data has no flights.
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
    scope2: pd.DataFrame | None = None
    high_altitude: pd.DataFrame | None = None

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
        What a factor update does, as :func:`klimatkalk.factor_impact.factor_update_impact`
        returns it: ``category``, ``old_<unit>_co2e`` and ``new_<unit>_co2e`` (the same
        activities under the previous and the updated factors; unit kg, t or kt), optionally
        ``year`` (only the reporting year is used) and ``rejected_old``/``rejected_new``.
        ``total`` rows are recomputed.

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
        scope2=_scope2(result),
        high_altitude=_high_altitude(result, year),
    )


def _high_altitude(result: EmissionsResult, year: int) -> pd.DataFrame | None:
    """Multipliers of the reporting year; ``None`` when no row of it could carry one."""
    eligible = set(result.factors.high_altitude["activity"])
    year_rows = result.rows[result.rows["year"] == year]
    if not eligible & set(year_rows["activity"].astype(str)):
        return None
    used = result.multipliers_used()
    return used[used["year"] == year].reset_index(drop=True)


def _scope2(result: EmissionsResult) -> pd.DataFrame | None:
    """Electricity market-based and location-based per year (GHG Protocol dual reporting)."""
    from klimatkalk.analysis.scope2 import LOCATION_BASED_ELECTRICITY, scope2_dual_reporting

    if LOCATION_BASED_ELECTRICITY not in result.factors.activities:
        return None
    boundary: Literal["lifecycle", "combustion"] = (
        "combustion" if result.boundary == "combustion" else "lifecycle"
    )
    electricity = [
        a for a, act in result.factors.activities.items() if act.subcategory == "electricity"
    ]
    frame = result.parts.frame  # already validated: pass on only the electricity rows
    rows = frame[frame["activity"].isin(electricity).to_numpy(dtype=bool)]
    if rows.empty:
        return None
    return scope2_dual_reporting(
        rows.reset_index(drop=True), result.factors, gwp_set=result.gwp_set, boundary=boundary
    )


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
    >>> shown = localise(tables.categories, tables)
    >>> list(shown.columns)
    ['Kategori', 'Scope', 'Utsläpp (t CO2e)', 'Andel (%)']
    >>> shown["Kategori"].tolist(), shown["Utsläpp (t CO2e)"].tolist()
    (['Transporter'], [2.5])
    """
    lang = tables.lang
    out = frame.copy()
    if "category" in out:
        out["category"] = _objects([category_label(c, lang) for c in out["category"]], out)
    if "status" in out:
        out["status"] = _objects([translate(STATUS, s, lang) for s in out["status"]], out)
    if "on_track" in out:
        out["on_track"] = _objects(
            [None if pd.isna(v) else text("yes" if v else "no", lang) for v in out["on_track"]],
            out,
        )
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
    add("boundary", t(tables.boundary) if tables.boundary in TEXT else tables.boundary)
    add("fallback", t(f"fb_{tables.fallback}"))
    add("factor_sets", ", ".join(tables.factor_sets))
    add("rows", tables.n_rows, t("u_rows"))
    add("rejected", len(tables.rejected), t("u_rows"))
    add("factors", len(tables.factors), t("u_factors"))
    return rows


def report_text(tables: ReportTables, *, excel_file: str | None = None) -> ReportText:
    r"""Return the sentences of the HTML and Markdown report, numbers formatted for ``lang``.

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
    >>> words.change.replace("\xa0", " ")
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
            change=format_percent(
                _fraction(tables.total_t, tables.base_total_t), 0, lang=lang, sign=True
            ),
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
        left_out = int(total.get("left_out_rows", 0))
        if left_out:  # rows only one edition could calculate are not a change: say so
            update += " " + t(
                "t_factor_update_left_out",
                n=format_number(left_out, lang=lang),
                left_t=format_number(float(total["left_out_t_co2e"]), dec, lang=lang),
                share=format_percent(float(total["left_out_share"]), 1, lang=lang),
            )
    n_rejected = len(tables.rejected)
    if n_rejected == 0:
        rejected = t("t_none_rejected")
    elif n_rejected == 1:
        rejected = t("t_rejected_one", sheet=t("sheet_rejected"))
    else:
        rejected = t(
            "t_rejected", n=format_number(n_rejected, lang=lang), sheet=t("sheet_rejected")
        )
    method = [
        t(
            "t_method",
            gwp_set=tables.gwp_set,
            boundary=t(tables.boundary) if tables.boundary in TEXT else tables.boundary,
            factor_sets=", ".join(tables.factor_sets),
        )
    ]
    if tables.fallback == "previous":
        method.append(t("t_fallback"))
    if tables.high_altitude is not None:
        method.append(_high_altitude_text(tables))
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


def _high_altitude_text(tables: ReportTables) -> str:
    """One sentence on how flights count the high-altitude effect, with the source."""
    used = tables.high_altitude
    if used is None or used.empty:
        return tables.text("t_high_altitude_none")
    parts: dict[str, None] = {}  # ordered and without repeats
    for r in used.sort_values(["multiplier", "source_id"]).to_dict("records"):
        citation = (
            tables.text("t_high_altitude_user")
            if r["source_id"] == "user"
            else f"{r['publisher']} {r['source_year']}"
        )
        parts[f"{format_number(float(r['multiplier']), 2, lang=tables.lang)} ({citation})"] = None
    return tables.text("t_high_altitude", multipliers=", ".join(parts))


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


def _objects(values: list[object], like: pd.DataFrame) -> pd.Series:
    return pd.Series(values, index=like.index, dtype=object)


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
    from klimatkalk.analysis.baseline import compare_with_base_year

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
            table[~is_total]
            .assign(_o=table.loc[~is_total, "category"].map(order))
            .sort_values("_o")
            .drop(columns="_o"),
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
            "change_fraction": table["change_fraction"].astype(np.float64),
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
    unit = next(
        (u for u in _MASS_TO_T if f"old_{u}_co2e" in frame and f"new_{u}_co2e" in frame), None
    )
    if unit is None or "category" not in frame:
        msg = (
            "factor_update needs the columns 'category', 'old_<unit>_co2e' and "
            "'new_<unit>_co2e' (unit kg, t or kt), and optionally 'year', as "
            f"factor_update_impact returns them; got {list(frame.columns)}"
        )
        raise ReportError(msg)
    if "year" in frame:
        frame = frame[frame["year"] == year]
    category = frame["category"].astype(object)
    frame = frame[category.notna() & (category.astype(str) != "total")]
    values = {"old_t_co2e": f"old_{unit}_co2e", "new_t_co2e": f"new_{unit}_co2e"}
    left_out = f"left_out_{unit}_co2e"
    if "left_out_rows" in frame and left_out in frame:
        values.update({"left_out_rows": "left_out_rows", "left_out_t_co2e": left_out})
    values.update({c: c for c in ("rejected_old", "rejected_new") if c in frame})
    grouped = (
        frame[list(values.values())]
        .groupby(frame["category"].astype(str), sort=False)
        .sum()
        .rename(columns={v: k for k, v in values.items()})
    )
    masses = [c for c in ("old_t_co2e", "new_t_co2e", "left_out_t_co2e") if c in grouped]
    grouped[masses] *= _MASS_TO_T[unit]
    grouped = grouped.reindex(_category_order(grouped.index))
    grouped.loc["total"] = grouped.sum()
    out = grouped.reset_index(names="category")
    out["change_t_co2e"] = out["new_t_co2e"] - out["old_t_co2e"]
    old = out["old_t_co2e"].to_numpy(dtype=np.float64)
    change = out["change_t_co2e"].to_numpy(dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        out["change_fraction"] = np.where(old != 0, change / old, np.nan)
    if "left_out_t_co2e" in out:  # of the category counting every row once
        left = out["left_out_t_co2e"].to_numpy(dtype=np.float64)
        whole = out["new_t_co2e"].to_numpy(dtype=np.float64) + left
        with np.errstate(divide="ignore", invalid="ignore"):
            out["left_out_share"] = np.where(whole != 0, left / whole, np.nan)
    for column in ("rejected_old", "rejected_new", "left_out_rows"):
        if column in out:
            out[column] = out[column].to_numpy(dtype=np.int64)
    first = ["category", "old_t_co2e", "new_t_co2e", "change_t_co2e", "change_fraction"]
    return out[[*first, *(c for c in out.columns if c not in first)]]


def _factors(result: EmissionsResult, lang: Lang) -> pd.DataFrame:
    used = result.factors_used()
    labels = {
        code: a.label_sv if lang == "sv" else a.label_en
        for code, a in result.factors.activities.items()
    }
    used["activity_label"] = used["activity"].map(labels)
    return used[[c for c in _FACTOR_COLUMNS if c in used]].reset_index(drop=True)
