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
from typing import TYPE_CHECKING, Final, Literal, NamedTuple

import numpy as np
import pandas as pd

from klimatkalk.analysis.trajectory import Trajectory, TrajectoryStatus
from klimatkalk.errors import KlimatkalkError
from klimatkalk.factors.activities import CATEGORIES
from klimatkalk.formatting import format_change, format_number, format_percent
from klimatkalk.report._labels import (
    CATEGORY_LABELS,
    FACTOR_SETS,
    TEXT,
    Lang,
    category_label,
    column_label,
    text,
    translate,
)
from klimatkalk.report.readable import localise_frame
from klimatkalk.results import MASS_UNITS

if TYPE_CHECKING:
    from klimatkalk.analysis.baseline import BaseYearRecalculation
    from klimatkalk.report.outlook import OutlookTables
    from klimatkalk.report.purchases import PurchasesTables
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
    "gwp",
    "gwp_value_set",
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
        The high-altitude multipliers applied up to the reporting year
        (:meth:`EmissionsResult.multipliers_used`); ``None`` when the data has no flights.
    new_categories : tuple of str
        Categories with emissions in the reporting year but none in the base year.
    like_for_like : tuple of float or None
        Base-year and reporting-year emissions of the categories present in both years
        [t CO2e]; ``None`` when no category is new.
    trend_year : int or None
        The year in which the trend of the emissions reaches the target value, when known.
    outlook : OutlookTables or None
        Forecast, measures, uncertainty and organisation (:mod:`klimatkalk.report.outlook`);
        ``None`` leaves the outlook section out.
    gwp_outside : tuple of float or None
        The reporting year's emissions whose factor is a CO2e value in another GWP set than the
        report's, or in a set its publisher does not state (``gwp_basis``), [t CO2e], and their
        share of the total; ``None`` when there are none.
    strict_gwp : bool
        Whether the calculation refused such factors (``calculate_emissions(strict_gwp=True)``).
    boundary_fallbacks : DataFrame or None
        The activities whose factor is of the other boundary than the report's (the asked one
        has none; ``boundary_fallback`` in the rows), up to the reporting year: ``activity``,
        ``activity_label``, ``years`` (e.g. ``"2019–2024"``), ``boundary`` (of the value used)
        and ``rows``; ``None`` when there are none.
    purchases : PurchasesTables or None
        The reporting year's purchases by method and activity, with the spend factors' range
        (:mod:`klimatkalk.report.purchases`); ``None`` when the year has no purchase rows.

    Everything comes from the years up to the reporting year: a 2024 report shows nothing
    from 2025 (no outcomes, no factors, no rejected rows of later years).
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
    scope2_location_factors: pd.DataFrame | None = None
    """The location-based electricity factor of the year with its source (``factors_used``)."""
    rejected_base: int = 0
    """Rejected input rows of the base year (of the base the comparison uses)."""
    factor_update_base: tuple[float, float] | None = None
    """What the factor update does to the base year: change in t CO2e and as a fraction."""
    factor_update_edition: int | None = None
    """The edition the factor update compares with, when known."""
    audit_rows: pd.DataFrame | None = None
    """The calculated rows of the year and the base year, for people (``readable_rows``)."""
    rejected_later: int = 0
    """Rejected input rows of years after the reporting year (not in the report)."""
    high_altitude: pd.DataFrame | None = None
    new_categories: tuple[str, ...] = ()
    like_for_like: tuple[float, float] | None = None
    trend_year: int | None = None
    outlook: OutlookTables | None = None
    boundary_fallbacks: pd.DataFrame | None = None
    purchases: PurchasesTables | None = None
    gwp_outside: tuple[float, float] | None = None
    strict_gwp: bool = False

    @property
    def has_base(self) -> bool:
        """Whether the data has base-year emissions to compare with."""
        return self.base_comparison is not None and not math.isnan(self.base_total_t)

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
    trend: str | None = None


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
    factor_update_edition: int | None = None,
    trend_year: int | None = None,
    outlook: OutlookTables | None = None,
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
        ``year`` (the reporting year's table; the base year's total change is said in the
        text) and ``rejected_old``/``rejected_new``. ``total`` rows are recomputed.
    factor_update_edition : int, optional
        The edition the previous factors are (``load_factors(edition=…)``), named in the text.
    trend_year : int, optional
        The year in which the emissions' trend meets the target, when a forecast gives it
        (the summary then says so); by default from :func:`trend_meets_target`.

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
    all_rows = result.rows
    years = sorted({int(y) for y in all_rows["year"].dropna()})
    if year not in years:
        msg = f"no calculated rows for {year}; the result has rows for {years or 'no year'}"
        raise ReportError(msg)
    rows = all_rows[(all_rows["year"] <= year).to_numpy(dtype=bool)]  # nothing from later years
    year_rows = rows[(rows["year"] == year).to_numpy(dtype=bool)]
    total_t = _fsum(year_rows["emissions_kg_co2e"]) / 1000.0
    comparison = _base_comparison(result, year, base_year, base)
    base_total_t = (
        float(comparison["base_emissions_t_co2e"].iloc[-1]) if comparison is not None else math.nan
    )
    if trajectory is None and base_total_t > 0:
        trajectory = Trajectory.linear(base_year, target_year, target, base_value=base_total_t)
    by_year = _by_year(rows)
    path = None if trajectory is None else _path(trajectory, by_year, base_year, target_year, year)
    status = None if trajectory is None else trajectory.status(year, total_t)
    if trend_year is None and trajectory is not None:
        trend_year = trend_meets_target(by_year, trajectory, base_year)
    new, like = _new_categories(comparison)
    scope2 = _scope2(result, year)
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
        factor_update_base=(
            None
            if factor_update is None or base_year == year
            else _factor_update_change(factor_update, base_year)
        ),
        factor_update_edition=factor_update_edition,
        rejected=_rejected(result, year),
        audit_rows=_audit_rows(result, rows, {year, base_year}, lang),
        rejected_base=_base_source(result, base).rejected_in(base_year),
        rejected_later=len(result.rejected) - len(_rejected(result, year)),
        factors=_factors(result, rows, lang),
        scope2=scope2,
        scope2_location_factors=(
            None if scope2 is None else _scope2_location_factors(result, year)
        ),
        high_altitude=_high_altitude(result, rows, year),
        new_categories=new,
        like_for_like=like,
        trend_year=trend_year,
        outlook=outlook,
        boundary_fallbacks=_boundary_fallbacks(result, rows, lang),
        purchases=_purchases(result, year_rows, total_t, lang),
        gwp_outside=_gwp_outside(year_rows, total_t),
        strict_gwp=result.strict_gwp,
    )


def _gwp_outside(year_rows: pd.DataFrame, total_t: float) -> tuple[float, float] | None:
    """Return the t CO2e whose factor is CO2e in another or an unstated GWP set, and the share."""
    if "gwp_basis" not in year_rows or total_t == 0:
        return None
    outside = year_rows["gwp_basis"].astype(object).isin(["other_set", "set_not_stated"])
    tonnes = _fsum(year_rows.loc[outside.to_numpy(dtype=bool), "emissions_kg_co2e"]) / 1000.0
    return None if tonnes == 0 else (tonnes, tonnes / total_t)


def _boundary_fallbacks(
    result: EmissionsResult, rows: pd.DataFrame, lang: Lang
) -> pd.DataFrame | None:
    """Return the activities and years counted with the other boundary's factor, or None."""
    if "boundary_fallback" not in rows:
        return None
    marked = rows[rows["boundary_fallback"].to_numpy(dtype=bool)]
    if marked.empty:
        return None
    grouped = marked.groupby("activity", observed=True).agg(
        years=("year", lambda y: tuple(sorted({int(v) for v in y}))),
        boundary=("boundary", lambda b: ", ".join(sorted({str(v) for v in b}))),
        rows=("year", "size"),
    )
    frame = grouped.reset_index()
    labels = {
        code: a.label_sv if lang == "sv" else a.label_en
        for code, a in result.factors.activities.items()
    }
    frame["activity"] = frame["activity"].astype(str)
    frame["activity_label"] = frame["activity"].map(labels).fillna(frame["activity"])
    frame["years"] = [year_ranges(y) for y in frame["years"]]
    columns = ["activity", "activity_label", "years", "boundary", "rows"]
    return frame[columns].sort_values("activity_label", ignore_index=True)


def _boundary_fallback_list(tables: ReportTables) -> str:
    """``Fjärrvärme, Västerås (2019–2024), …``: the activities and years of the fallbacks."""
    frame = tables.boundary_fallbacks
    if frame is None:
        return ""
    return "; ".join(f"{r.activity_label} ({r.years})" for r in frame.itertuples())


def _purchases(
    result: EmissionsResult, year_rows: pd.DataFrame, total_t: float, lang: Lang
) -> PurchasesTables | None:
    """Build the purchases section's tables (``None`` when the year has no purchase rows)."""
    from klimatkalk.report.purchases import build_purchases

    activities = result.factors.activities
    labels = {a: (act.label_sv if lang == "sv" else act.label_en) for a, act in activities.items()}
    return build_purchases(year_rows, labels, total_t)


def trend_meets_target(
    totals: pd.Series | pd.DataFrame, trajectory: Trajectory, base_year: int
) -> int | None:
    """Return the year in which the trend of ``totals`` reaches the path's target, if known.

    ``totals`` is the yearly total (a Series) or the yearly emissions per category (a
    DataFrame, categories as columns); then, as in the forecast, each category has its own
    line, clipped at zero, and the trend of the total is their sum. The hook for the forecast
    of :mod:`klimatkalk.analysis.forecast` (its robust ``trend_line``); without that module,
    or with fewer than three years from the base year on, or a trend that does not reach the
    target within :data:`_TREND_HORIZON` years, the answer is ``None`` and the report leaves
    the sentence out.
    """
    import importlib

    try:
        forecast = importlib.import_module("klimatkalk.analysis.forecast")
    except ImportError:  # the forecast module is not part of this version
        return None
    trend_line = getattr(forecast, "trend_line", None)
    goal_year = trajectory.target_year
    if trend_line is None or goal_year is None:
        return None
    frame = totals.to_frame() if isinstance(totals, pd.Series) else totals
    known = frame[frame.index >= base_year].dropna(how="all")
    if len(known) < 3:
        return None
    years = known.index.to_numpy(dtype=np.float64)
    latest = int(known.index.max())
    ahead = np.arange(latest, latest + _TREND_HORIZON + 1, dtype=np.float64)
    trend = np.zeros(len(ahead))
    try:
        for column in known.columns:
            values = known[column].fillna(0.0).to_numpy(dtype=np.float64)
            slope, intercept = trend_line(years, values)
            trend += np.maximum(float(intercept) + float(slope) * ahead, 0.0)
    except ImportError:  # scipy (the klimatkalk[outlook] extra) is not installed
        return None
    goal = float(trajectory.value(goal_year))
    reached = np.flatnonzero(trend <= goal * (1 + 1e-12))
    if not len(reached) or (len(frame.columns) == 1 and not trend[-1] < trend[0]):
        return None  # not within the horizon, or a single line that does not fall
    return int(ahead[reached[0]])


_TREND_HORIZON: Final = 500  # years after the latest one in which the trend is looked for


def _fsum(values: pd.Series) -> float:
    """Exactly rounded sum: the same last digit whatever the order of the rows."""
    return math.fsum(values.to_numpy(dtype=np.float64))


def _fsum_by(values: pd.Series, keys: list[pd.Series]) -> pd.Series:
    """Exactly rounded sums by group (:func:`math.fsum` per group: order-independent)."""
    return values.groupby(keys, sort=False, observed=True, dropna=False).agg(_fsum)


def _new_categories(
    comparison: pd.DataFrame | None,
) -> tuple[tuple[str, ...], tuple[float, float] | None]:
    """Categories new since the base year, and the totals of the others (like for like)."""
    if comparison is None:
        return (), None
    parts = comparison[comparison["category"] != "total"]
    new = parts["status"] == "new since base year"
    if not new.any():
        return (), None
    same = parts[~new & (parts["status"] != "not in this year")]
    like = (
        math.fsum(same["base_emissions_t_co2e"].to_numpy(dtype=np.float64)),
        math.fsum(same["year_emissions_t_co2e"].to_numpy(dtype=np.float64)),
    )
    return tuple(parts.loc[new, "category"].astype(str)), like


AUDIT_ROWS_LIMIT: Final = 50_000
SUM_ORDER_TOLERANCE: Final = 1e-9  # relative: totals summed in another order, not a gap
"""Most calculated rows the workbook lists (openpyxl writes about 2 000 rows a second)."""


def _audit_rows(
    result: EmissionsResult, rows: pd.DataFrame, years: set[int], lang: Lang
) -> pd.DataFrame:
    """Return the calculated rows of ``years``, every column an auditor needs, for people."""
    from klimatkalk.report.readable import readable_rows

    chosen = rows[rows["year"].isin(sorted(years)).to_numpy(dtype=bool)]
    if len(chosen) > AUDIT_ROWS_LIMIT:  # too many for a workbook sheet: the note says where
        return chosen.iloc[:0]
    return readable_rows(chosen, lang, result.factors.activities)


def _base_source(
    result: EmissionsResult, base: EmissionsResult | BaseYearRecalculation | None
) -> EmissionsResult:
    """Return the result the base-year figures come from."""
    from klimatkalk.analysis.baseline import BaseYearRecalculation

    if base is None:
        return result
    return base.recalculated if isinstance(base, BaseYearRecalculation) else base


def _rejected(result: EmissionsResult, year: int) -> pd.DataFrame:
    """Rejected rows, without those of years after the reporting year."""
    rejected = result.rejected.reset_index(drop=True)
    if rejected.empty or "row" not in rejected:
        return rejected
    later = result.rejected_row_years() > year  # NaN (a year that did not read) stays in
    return rejected[~later].reset_index(drop=True)


def _high_altitude(result: EmissionsResult, rows: pd.DataFrame, year: int) -> pd.DataFrame | None:
    """Multipliers of the years up to the reporting year; ``None`` when no row could carry one."""
    eligible = set(result.factors.high_altitude["activity"])
    if not eligible & set(rows["activity"].astype(str)):
        return None
    used = result.multipliers_used()
    return used[used["year"] <= year].reset_index(drop=True)


def _scope2(result: EmissionsResult, year: int) -> pd.DataFrame | None:
    """Electricity market-based and location-based per year (GHG Protocol dual reporting)."""
    from klimatkalk.analysis.scope2 import LOCATION_BASED_ELECTRICITY, scope2_dual_reporting

    if LOCATION_BASED_ELECTRICITY not in result.factors.activities:
        return None
    electricity = [
        a for a, act in result.factors.activities.items() if act.subcategory == "electricity"
    ]
    from klimatkalk.factors.names import resolve_activity_names

    frame = result.parts.frame  # already validated: pass on only the electricity rows
    codes = resolve_activity_names(frame["activity"], result.factors.activities)
    rows = frame[
        codes.isin(electricity).to_numpy(dtype=bool)
        & (pd.to_numeric(frame["year"], errors="coerce") <= year).to_numpy(dtype=bool)
    ]
    if rows.empty:
        return None
    table = scope2_dual_reporting(
        rows.reset_index(drop=True),
        result.factors,
        gwp_set=result.gwp_set,
        boundary=_boundary(result),
    )
    # the electricity as the total counts it: each row at its own activity's factor
    calculated = result.rows
    electricity_rows = calculated[(calculated["subcategory"] == "electricity").to_numpy(bool)]
    in_total = electricity_rows.groupby("year", observed=True)["emissions_kg_co2e"].sum() / 1000
    after = list(table.columns).index("location_based_t_co2e") + 1
    table.insert(
        after,
        "in_total_t_co2e",
        table["year"].map(in_total.to_dict()).astype(np.float64).fillna(0.0).to_numpy(),
    )
    return table


def _boundary(result: EmissionsResult) -> Literal["lifecycle", "combustion"]:
    return "combustion" if result.boundary == "combustion" else "lifecycle"


def _scope2_location_factors(result: EmissionsResult, year: int) -> pd.DataFrame | None:
    """Return the location-based electricity factor of ``year`` with its source.

    Only called where :func:`_scope2` found electricity (so the location activity exists).
    """
    from klimatkalk.analysis.scope2 import LOCATION_BASED_ELECTRICITY
    from klimatkalk.calculate import calculate_emissions

    probe = pd.DataFrame(
        {
            "year": [year],
            "activity": [LOCATION_BASED_ELECTRICITY],
            "quantity": [1.0],
            "unit": ["kWh"],
        }
    )
    located = calculate_emissions(
        probe, result.factors, gwp_set=result.gwp_set, boundary=_boundary(result)
    )
    used = located.factors_used()
    return used if len(used) else None


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
    return localise_frame(frame, tables.lang, year=tables.year, base_year=tables.base_year)


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
    if tables.like_for_like is not None:
        like_base, like_year = tables.like_for_like
        names = ", ".join(category_label(c, tables.lang) for c in tables.new_categories)
        add("new_categories", names)
        add("change_like", _fraction(like_year, like_base), "%")
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
    if tables.boundary_fallbacks is not None:
        add("boundary_fallback", _boundary_fallback_list(tables))
    if tables.gwp_outside is not None:
        add("gwp_outside", tables.gwp_outside[0], "t CO2e")
        add("gwp_outside_share", tables.gwp_outside[1], "%")
    add("factor_sets", factor_set_names(tables.factor_sets, tables.lang))
    add("rows", tables.n_rows, t("u_rows"))
    add("rejected", len(tables.rejected), t("u_rows"))
    if tables.rejected_base:
        add("rejected_base", tables.rejected_base, t("u_rows"))
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
        values = {
            "change": format_change(_fraction(tables.total_t, tables.base_total_t), lang=lang),
            "change_t": _signed(delta, _delta_decimals(delta, dec), lang),
            "base": format_number(tables.base_total_t, dec, lang=lang),
        }
        if tables.like_for_like is not None:
            like_base, like_year = tables.like_for_like
            names = [category_label(c, lang) for c in tables.new_categories]
            change = t(
                "t_change_new",
                new=_join(names, lang),
                like=format_change(_fraction(like_year, like_base), lang=lang),
                like_t=_signed(
                    like_year - like_base,
                    _delta_decimals(like_year - like_base, t_decimals([like_base, like_year])),
                    lang,
                ),
                **values,
            )
        else:
            change = t("t_change", **values)
    verdict = convention = required = trend = None
    on_track: bool | None = None
    status, path = tables.status, tables.trajectory
    if status is not None and path is not None:
        on_track = status.on_track
        gap_dec = t_decimals([status.gap, status.path_value])
        verdict = t(
            "t_verdict_start"
            if tables.year == tables.base_year and status.gap == 0
            else "t_verdict_on"
            if on_track
            else "t_verdict_off",
            gap=format_number(abs(status.gap), gap_dec, lang=lang),
            path=format_number(status.path_value, gap_dec, lang=lang),
        )
        convention = t("t_convention", convention=path.describe(lang))
        if status.required_annual_reduction is not None:
            required = t(
                "t_required_on" if on_track else "t_required",
                rate=format_percent(status.required_annual_reduction, 1, lang=lang),
            )
        if tables.trend_year is not None:
            trend = t("t_trend_meets", trend_year=tables.trend_year)
    update = None
    if tables.factor_update is not None and len(tables.factor_update):
        total = tables.factor_update.iloc[-1]
        update = t(
            "t_factor_update",
            change_t=_signed(float(total["change_t_co2e"]), dec, lang),
            change=format_percent(float(total["change_fraction"]), 1, lang=lang, sign=True),
        )
        if tables.factor_update_edition is not None:
            update += " " + t("t_factor_update_edition", edition=tables.factor_update_edition)
        if tables.factor_update_base is not None:
            base_t, base_fraction = tables.factor_update_base
            update += " " + t(
                "t_factor_update_base",
                change_t=_signed(base_t, dec, lang),
                change=format_percent(base_fraction, 1, lang=lang, sign=True),
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
    if tables.rejected_base and tables.has_base and tables.year != tables.base_year:
        rejected += " " + t("t_rejected_base", rows=_rows(tables, tables.rejected_base))
    if tables.rejected_later:
        rejected += " " + t("t_rejected_later", rows=_rows(tables, tables.rejected_later))
    method = [
        t(
            "t_method",
            gwp_set=tables.gwp_set,
            boundary=t(tables.boundary) if tables.boundary in TEXT else tables.boundary,
            factor_sets=factor_set_names(tables.factor_sets, tables.lang),
        )
    ]
    if tables.fallback == "previous":
        method.append(t("t_fallback"))
    if tables.gwp_outside is not None:
        tonnes, share = tables.gwp_outside
        method.append(
            t(
                "t_gwp_outside",
                share=format_percent(share, 1, lang=lang),
                tonnes=format_number(tonnes, t_decimals([tonnes]), lang=lang),
                gwp_set=tables.gwp_set,
            )
        )
    elif tables.strict_gwp:
        method.append(t("t_gwp_strict", gwp_set=tables.gwp_set))
    if tables.boundary_fallbacks is not None:
        other = "combustion" if tables.boundary == "lifecycle" else "lifecycle"
        method.append(
            t(
                "t_boundary_fallback",
                activities=_boundary_fallback_list(tables),
                boundary=t(tables.boundary) if tables.boundary in TEXT else tables.boundary,
                other=t(other),
            )
        )
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
        trend=trend,
    )


def _rows(tables: ReportTables, n: int) -> str:
    """``1 rad`` or ``12 rader`` (English: row, rows)."""
    if n == 1:
        return tables.text("n_rows_one")
    return tables.text("n_rows", n=format_number(n, lang=tables.lang))


def _join(names: Sequence[str], lang: Lang) -> str:
    """Join names as ``a``, ``a och b``, ``a, b och c`` (English: ``and``)."""
    word = text("t_and", lang)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + f" {word} {names[-1]}"


def _high_altitude_text(tables: ReportTables) -> str:
    """How flights count the high-altitude effect: each multiplier with its years and source."""
    used = tables.high_altitude
    if used is None or used.empty:
        return tables.text("t_high_altitude_none")
    groups: dict[tuple[float, str], tuple[set[int], set[int]]] = {}
    for r in used.to_dict("records"):
        user = r["source_id"] == "user"
        who = tables.text("t_high_altitude_user") if user else str(r["publisher"])
        years, published = groups.setdefault((float(r["multiplier"]), who), (set(), set()))
        years.add(int(r["year"]))
        if not user and pd.notna(r["source_year"]):
            published.add(int(r["source_year"]))
    parts = [
        tables.text(
            "t_high_altitude_years",
            multiplier=format_number(multiplier, 2, lang=tables.lang),
            years=year_ranges(sorted(years)),
            source=f"{who} {year_ranges(sorted(published))}".strip(),
        )
        for (multiplier, who), (years, published) in sorted(
            groups.items(), key=lambda kv: min(kv[1][0])
        )
    ]
    return tables.text("t_high_altitude", multipliers=_join(parts, tables.lang))


def factor_set_names(names: Sequence[str], lang: Lang) -> str:
    """Factor-set names for the reader (``bundled`` → ``medföljande (klimatkalk)``)."""
    return ", ".join(str(translate(FACTOR_SETS, n, lang)) for n in names)


def _delta_decimals(delta: float, decimals: int) -> int:
    """``decimals``, or more where they would print a change as 0 (−0,010 t, not "0,0 t").

    Examples
    --------
    >>> _delta_decimals(-0.01, 1), _delta_decimals(0.5, 1), _delta_decimals(-571.0, 0)
    (3, 1, 0)
    """
    if delta and round(abs(delta), decimals) == 0:
        return max(decimals, t_decimals([delta]))
    return decimals


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


def _by_year(rows: pd.DataFrame) -> pd.DataFrame:
    category = rows["category"].astype(str)
    sums = _fsum_by(rows["emissions_kg_co2e"], [rows["year"].astype(np.int64), category]) / 1000.0
    totals = sums.rename("emissions_t_co2e").reset_index()
    totals.columns = ["year", "category", "emissions_t_co2e"]
    wide = totals.pivot_table(
        index="year", columns="category", values="emissions_t_co2e", aggfunc="sum", fill_value=0.0
    )
    wide = wide.reindex(columns=_category_order(totals["category"]), fill_value=0.0)
    wide = wide.sort_index()
    wide.index = wide.index.astype(np.int64)
    wide.index.name = "year"
    wide.columns.name = "category"
    return wide.astype(np.float64)


def _categories(year_rows: pd.DataFrame) -> pd.DataFrame:
    keys: list[pd.Series] = [
        year_rows["category"].astype(str).rename("category"),
        year_rows["scope"].astype(np.int64).rename("scope"),
    ]
    grouped = (
        _fsum_by(year_rows["emissions_kg_co2e"], keys)
        .div(1000.0)
        .rename("emissions_t_co2e")
        .reset_index()
    )
    order = {c: i for i, c in enumerate(_category_order(grouped["category"]))}
    grouped["_order"] = grouped["category"].map(order)
    grouped = grouped.sort_values(["_order", "scope"], ignore_index=True).drop(columns="_order")
    total = math.fsum(grouped["emissions_t_co2e"].to_numpy(dtype=np.float64))
    grouped["share"] = grouped["emissions_t_co2e"] / total if total else math.nan
    return grouped


def _org_units(year_rows: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    names = year_rows["org_unit"].astype(object).where(year_rows["org_unit"].notna())
    names = names.fillna(text("missing", lang)).astype(str)
    grouped = (
        _fsum_by(year_rows["emissions_kg_co2e"], [names.rename("org_unit")])
        .div(1000.0)
        .rename("emissions_t_co2e")
        .reset_index()
        .sort_values(["emissions_t_co2e", "org_unit"], ascending=[False, True], ignore_index=True)
    )
    total = math.fsum(grouped["emissions_t_co2e"].to_numpy(dtype=np.float64))
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
    # The path starts at the base year's total summed in another order: a difference of a few
    # ulps is no gap (it printed as "-0" and could turn the base year's verdict to "Nej").
    gap = np.where(np.abs(gap) <= SUM_ORDER_TOLERANCE * np.abs(path), 0.0, gap)
    on_track = pd.array(
        [None if math.isnan(g) else bool(g <= 0.0) for g in gap.tolist()],
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


def _factor_update_change(frame: pd.DataFrame, year: int) -> tuple[float, float] | None:
    """Return the factor update's change of ``year``'s total (t CO2e, fraction), if any."""
    if "year" not in frame or not (frame["year"] == year).any():
        return None
    table = _factor_update(frame, year)
    total = table.iloc[-1]
    old, new = float(total["old_t_co2e"]), float(total["new_t_co2e"])
    return new - old, (new / old - 1.0) if old else math.nan


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
    first += [c for c in ("left_out_rows", "left_out_t_co2e", "left_out_share") if c in out]
    return out[[*first, *(c for c in out.columns if c not in first)]]


def _factors(result: EmissionsResult, rows: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """Return the factors that the report's rows used (none of later years), with the years."""
    keys = ["factor_id", "source_id", "factor_set"]
    used = rows.groupby(keys, observed=True).agg(
        rows=("year", "size"), years=("year", lambda y: tuple(sorted({int(v) for v in y})))
    )
    used = used.reset_index()
    frame = result.factors_used().drop(columns="rows").merge(used, on=keys, how="inner")
    frame = frame.merge(_gwp_used(rows, keys), on=keys, how="left")
    frame["gwp_value_set"] = [result.gwp_set if pd.notna(g) else None for g in frame["gwp"]]
    labels = {
        code: a.label_sv if lang == "sv" else a.label_en
        for code, a in result.factors.activities.items()
    }
    frame["activity_label"] = frame["activity"].map(labels)
    frame["years_used"] = [year_ranges(y) for y in frame.pop("years")]
    frame["overlaps"] = _overlaps(frame)
    _cite_publishers(frame, result, lang)
    columns = [*_FACTOR_COLUMNS, "years_used", "overlaps", "quality", "read_via"]
    return frame[[c for c in columns if c in frame]].reset_index(drop=True)


def _gwp_used(rows: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Return the GWP that turned each factor's kg of a gas into CO2e (none for CO2e factors).

    One value per factor: its gas and the result's GWP set fix it.
    """
    of_gas = rows[rows["gas"].astype(str) != "CO2e"]
    return of_gas.groupby(keys, observed=True)["gwp"].first().reset_index()


def _cite_publishers(frame: pd.DataFrame, result: EmissionsResult, lang: Lang) -> None:
    """Cite the publisher (not an intermediary), mark the quality, locator in ``lang``."""
    from klimatkalk.report._sources import citation, locator, quality

    notes = result.factors.sources_frame().set_index("source_id")["note"]
    publisher, title, url, via, marks = [], [], [], [], []
    for r in frame.to_dict("records"):
        c = citation(
            _str(r.get("publisher")),
            _str(r.get("title")),
            _str(r.get("source_year")),
            _str(r.get("url")),
            _str(r.get("doc_id")),
        )
        publisher.append(c.publisher)
        title.append(c.title)
        url.append(c.url)
        via.append(
            None if c.carrier is None else " ".join(x for x in (c.carrier, c.carrier_url) if x)
        )
        source_note = _str(notes.get(r["source_id"])) if r["source_id"] in notes.index else ""
        grade = _str(r.get("quality")) or None  # quality.csv's class, as factors show says
        marks.append(quality(_str(r.get("note")), source_note, c.carrier, lang, grade=grade))
    frame["publisher"], frame["title"], frame["url"] = publisher, title, url
    frame["read_via"], frame["quality"] = via, marks
    frame["source_locator"] = [locator(_str(v), lang) for v in frame["source_locator"]]


def _str(value: object) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _overlaps(frame: pd.DataFrame) -> list[bool]:
    """Whether a factor row's validity overlaps another used row of the same activity."""
    out = [False] * len(frame)
    spans = frame[["activity", "valid_from", "valid_to"]].to_numpy(dtype=object)
    by_activity: dict[str, list[int]] = {}
    for i, activity in enumerate(spans[:, 0]):
        by_activity.setdefault(str(activity), []).append(i)
    for members in by_activity.values():
        for i in members:
            for j in members:
                if i != j and spans[i, 1] <= spans[j, 2] and spans[j, 1] <= spans[i, 2]:
                    out[i] = True
    return out


def year_ranges(years: Sequence[int]) -> str:
    """Years as ranges: ``(2019, 2020, 2021, 2024)`` → ``"2019–2021, 2024"``.

    Examples
    --------
    >>> year_ranges([2019, 2020, 2021, 2024])
    '2019–2021, 2024'
    >>> year_ranges([2023])
    '2023'
    """
    parts: list[str] = []
    ordered = sorted(set(years))
    start = prev = None
    for y in [*ordered, None]:
        if start is not None and (y is None or y != prev + 1):  # type: ignore[operator]
            parts.append(str(start) if start == prev else f"{start}–{prev}")
            start = None
        if y is not None and start is None:
            start = y
        prev = y
    return ", ".join(parts)
