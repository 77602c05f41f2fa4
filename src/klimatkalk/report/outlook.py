"""Report section "Utsikt mot målåret": forecast, paths, measures, uncertainty and organisation.

:func:`build_outlook` computes what the section shows from the report's data: the robust
forecast and its verdict per category, the same forecast with the base year's factors
(policy-neutral), Klimatkollen's Carbon Law path from the reporting year, the planned measures
(scenario, effects, SEK per tonne), Monte Carlo intervals on the change against the base year,
and totals per level of the organisation tree. Pass the result as ``outlook=`` to
:func:`klimatkalk.report.write_report`; :func:`outlook_section` renders it on the page and
:func:`draw_outlook` / :func:`draw_marginal_abatement` draw its charts.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import pandas as pd

from klimatkalk.analysis.baseline import TOTAL
from klimatkalk.analysis.forecast import (
    forecast_emissions,
    forecast_verdicts,
    policy_neutral_emissions,
)
from klimatkalk.analysis.trajectory import CARBON_LAW_RATE, Trajectory
from klimatkalk.formatting import format_number, format_percent
from klimatkalk.report._labels import Lang, category_label, in_language

if TYPE_CHECKING:
    from klimatkalk.activity_data import ActivityTable
    from klimatkalk.analysis.scenario import Scenario
    from klimatkalk.analysis.uncertainty import UncertaintyResult
    from klimatkalk.factors.library import FactorTable
    from klimatkalk.plans import Measure, OrgTree
    from klimatkalk.report._page import PageParts, Section, _Table
    from klimatkalk.report.tables import ReportTables
    from klimatkalk.results import EmissionsResult

__all__ = [
    "OutlookTables",
    "build_outlook",
    "draw_marginal_abatement",
    "draw_outlook",
    "outlook_section",
]

_WORDS: dict[str, tuple[str, str]] = {
    "heading": (
        "Utsikt mot {target_year}: klarar vi målet?",
        "Outlook to {target_year}: will we make it?",
    ),
    "trend": (
        "Trenden ({method} per kategori, robust mot enstaka avvikande år) ger {projected} t "
        "CO₂e år {target_year} mot målet {target} t: {verdict}. Trenden når målnivån "
        "{crossing}; {gap_text}.",
        "The trend ({method} per category, robust to single odd years) gives {projected} t "
        "CO₂e in {target_year} against the target {target} t: {verdict}. The trend reaches the "
        "target level {crossing}; {gap_text}.",
    ),
    "meets": ("klarar målet", "meets the target"),
    "misses": ("klarar inte målet", "misses the target"),
    "crossing_year": ("år {year}", "in {year}"),
    "not_before": ("inte före {horizon}", "not before {horizon}"),
    "gap": (
        "det återstår {gap} t att minska till {target_year}",
        "{gap} t remain to be cut by {target_year}",
    ),
    "margin": ("marginalen är {gap} t", "the margin is {gap} t"),
    "sum_note": (
        "Totalens prognos är summan av kategoriernas prognoser, inte en egen trend för totalen.",
        "The total's forecast is the sum of the categories' forecasts, not a trend of its own.",
    ),
    "rounding_note": (
        "Varje tal är avrundat för sig, så raderna kan avvika något ton från totalen.",
        "Each figure is rounded on its own, so the rows may differ from the total by a tonne "
        "or so.",
    ),
    "neutral": (
        "Med {base_year} års emissionsfaktorer för alla år (policyneutralt) ger trenden "
        "{neutral} t år {target_year}; ändrade emissionsfaktorer står alltså för {diff} t av "
        "prognosen.",
        "With the {base_year} emission factors for every year (policy-neutral) the trend gives "
        "{neutral} t in {target_year}; changed emission factors account for {diff} t of the "
        "forecast.",
    ),
    "carbon_law": (
        "Carbon Law, som Klimatkollen använder sedan 2025 (−{rate} % per år från {year}), ger "
        "{value} t år {target_year}.",
        "Carbon Law, which Klimatkollen uses since 2025 (−{rate} % a year from {year}), gives "
        "{value} t in {target_year}.",
    ),
    "scenario": (
        "Med de planerade åtgärderna ({n} st) blir utsläppen {scenario} t år {target_year} mot "
        "{baseline} t utan dem; gapet till målbanan är då {gap} t.",
        "With the planned measures ({n}) emissions are {scenario} t in {target_year} against "
        "{baseline} t without them; the gap to the path is then {gap} t.",
    ),
    "uncertainty": (
        "Osäkerhet: {draws} Monte Carlo-dragningar med osäkerheter per emissionsfaktor och "
        "datakvalitet (95 % intervall). Förändringen {base_year}–{year}: {change}.",
        "Uncertainty: {draws} Monte Carlo draws with uncertainties per emission factor and data "
        "quality (95 % interval). The change {base_year}–{year}: {change}.",
    ),
    "c_group": ("Kategori", "Category"),
    "c_base": ("Basår {base_year}, t CO₂e", "Base year {base_year}, t CO₂e"),
    "c_target": ("Mål {target_year}, t CO₂e", "Target {target_year}, t CO₂e"),
    "c_projected": ("Prognos {target_year}, t CO₂e", "Forecast {target_year}, t CO₂e"),
    "c_meets": ("Klarar målet", "Meets target"),
    "c_crossing": ("Når målnivån", "Reaches target level"),
    "c_gap": ("Gap, t CO₂e", "Gap, t CO₂e"),
    "c_year": ("År", "Year"),
    "c_baseline": ("Utan åtgärder, t CO₂e", "Without measures, t CO₂e"),
    "c_scenario": ("Med åtgärder, t CO₂e", "With measures, t CO₂e"),
    "c_path": ("Målbana, t CO₂e", "Path, t CO₂e"),
    "c_measure": ("Åtgärd", "Measure"),
    "c_in_order": (
        "Effekt i ordning {target_year}, t CO₂e",
        "Effect in order {target_year}, t CO₂e",
    ),
    "c_alone": ("Effekt ensam {target_year}, t CO₂e", "Effect alone {target_year}, t CO₂e"),
    "c_cost": ("Kostnad, kr per år", "Cost, SEK a year"),
    "c_per_t": ("Kostnad, kr per t CO₂e", "Cost, SEK per t CO₂e"),
    "c_emissions": ("{year}, t CO₂e (95 % intervall)", "{year}, t CO₂e (95 % interval)"),
    "c_change": (
        "Förändring mot {base_year} (95 % intervall)",
        "Change since {base_year} (95 % interval)",
    ),
    "c_assessment": ("Bedömning", "Assessment"),
    "c_unit": ("Enhet ({level})", "Unit ({level})"),
    "c_org_base": ("{base_year}, t CO₂e", "{base_year}, t CO₂e"),
    "c_org_year": ("{year}, t CO₂e", "{year}, t CO₂e"),
    "c_org_change": ("Förändring", "Change"),
    "increase": ("Ökning", "Increase"),
    "decrease": ("Minskning", "Decrease"),
    "unchanged": ("Oförändrad", "Unchanged"),
    "yes": ("Ja", "Yes"),
    "no": ("Nej", "No"),
    "total": ("Totalt", "Total"),
    "p_outlook": (
        "Prognos, åtgärder och målbana till {target_year}",
        "Forecast, measures and path to {target_year}",
    ),
    "p_mac": (
        "Åtgärdskostnad per ton, billigast först",
        "Cost per tonne of the measures, cheapest first",
    ),
    "p_reported": ("Utfall", "Reported"),
    "p_trend": ("Trend", "Trend"),
    "p_neutral": ("Trend med {base_year} års faktorer", "Trend with {base_year} factors"),
    "p_with_measures": ("Med åtgärder", "With measures"),
    "p_path": ("Målbana", "Path"),
    "p_carbon_law": ("Carbon Law", "Carbon Law"),
    "p_cumulative": (
        "Minskning {target_year}, t CO₂e (kumulativt)",
        "Reduction {target_year}, t CO₂e (cumulative)",
    ),
    "p_sek_per_t": ("kr per t CO₂e", "SEK per t CO₂e"),
    "method_ts": ("Theil–Sen", "Theil–Sen"),
    "s_projected": ("Prognos {target_year}", "Forecast {target_year}"),
    "s_target": ("mål", "target"),
    "wrote": ("skrev", "wrote"),
    "method_lad": ("medianregression", "median regression"),
}


def total_verdict(outlook: OutlookTables) -> dict[str, Any]:
    """Return the verdict row of the total as a dict (projected, target, gap, crossing year)."""
    rows = outlook.verdicts[outlook.verdicts["category"].astype(object) == TOTAL]
    return {str(k): v for k, v in rows.to_dict("records")[0].items()}


def crossing_text(outlook: OutlookTables, value: object, lang: Lang) -> str:
    """Return the crossing year as text, or "inte före 2050" when there is none."""
    if value is None or pd.isna(value):  # type: ignore[call-overload]
        return word("not_before", lang, horizon=max(outlook.target_year, 2050))
    return str(int(value))  # type: ignore[call-overload]


def word(key: str, lang: Lang, **values: object) -> str:
    """Return an outlook label in the report's language."""
    return in_language(_WORDS, key, lang, **values)


@dataclass(frozen=True)
class OutlookTables:
    """What the outlook section shows (all in t CO2e).

    Attributes
    ----------
    year, base_year, target_year : int
        Reporting year (the last year forecast from), base year and target year.
    target : float
        Target reduction (``0.5`` = −50 %).
    method : str
        Forecast estimator.
    forecast : DataFrame
        Per category and ``total`` and year up to the target year: ``actual_t_co2e``,
        ``trend_t_co2e`` (:func:`~klimatkalk.analysis.forecast.forecast_emissions`; the
        total's trend is the sum of the categories').
    verdicts : DataFrame
        :func:`~klimatkalk.analysis.forecast.forecast_verdicts` per category and ``total``.
    neutral_trend : DataFrame or None
        The total's trend with the base year's factors, per year (``trend_t_co2e``), summed
        from the categories' trends in the same way.
    carbon_law : Trajectory
        Klimatkollen's Carbon Law path from the reporting year's total.
    path : Trajectory
        The region's own path.
    scenario : Scenario or None
        The planned measures applied (``None`` without measures).
    uncertainty : UncertaintyResult or None
        Monte Carlo intervals (``None`` with ``draws=0``).
    org_level : str or None
        The level of the organisation table.
    organisation : DataFrame or None
        :func:`~klimatkalk.analysis.organisation.compare_org_units` at ``org_level``.
    """

    year: int
    base_year: int
    target_year: int
    target: float
    method: str
    forecast: pd.DataFrame
    verdicts: pd.DataFrame
    neutral_trend: pd.DataFrame | None
    carbon_law: Trajectory
    path: Trajectory
    scenario: Scenario | None = None
    uncertainty: UncertaintyResult | None = None
    org_level: str | None = None
    organisation: pd.DataFrame | None = None


def build_outlook(
    result: EmissionsResult,
    *,
    year: int | None = None,
    base_year: int = 2019,
    target: float = 0.5,
    target_year: int = 2030,
    activities: ActivityTable | None = None,
    factors: FactorTable | None = None,
    measures: Sequence[Measure] = (),
    baseline: Literal["forecast", "constant"] = "forecast",
    method: Literal["theil_sen", "lad"] = "theil_sen",
    org_tree: OrgTree | None = None,
    org_level: str | int = "förvaltning",
    draws: int = 10_000,
    seed: int | None = 0,
) -> OutlookTables:
    """Compute the outlook section of a report.

    Parameters
    ----------
    result : EmissionsResult
        Calculated emissions; only years up to ``year`` are used.
    year : int, optional
        Reporting year (the latest year of the result by default).
    base_year, target, target_year
        The target: −``target`` against ``base_year`` by ``target_year``.
    activities : ActivityTable, optional
        The activity data behind ``result``; with ``factors``, adds the policy-neutral forecast
        (every year with the base year's factors) and lets ``year`` be before the result's
        latest year.
    factors : FactorTable, optional
        The factor set of ``result`` (its own by default).
    measures : sequence of Measure
        Planned measures (no scenario without).
    baseline : {"forecast", "constant"}, default "forecast"
        Baseline of the scenario.
    method : {"theil_sen", "lad"}, default "theil_sen"
        Forecast estimator.
    org_tree : OrgTree, optional
        The organisation; adds a comparison at ``org_level``.
    org_level : str or int, default "förvaltning"
        Level of the organisation comparison.
    draws : int, default 10 000
        Monte Carlo draws (0 leaves the uncertainty out).
    seed : int, optional
        Seed of the Monte Carlo draws (reproducible reports).

    Returns
    -------
    OutlookTables
    """
    from klimatkalk.calculate import calculate_emissions

    factors = result.factors if factors is None else factors
    latest = int(result.rows["year"].max())
    year = latest if year is None else year
    options = {
        "gwp_set": result.gwp_set,
        "boundary": result.boundary,
        "fallback": result.fallback,
        "high_altitude": result.high_altitude,
    }
    if year < latest:
        if activities is None:
            msg = f"the result runs to {latest}; pass activities= to forecast from {year}"
            raise ValueError(msg)
        frame = activities.frame
        activities = dataclasses.replace(activities, frame=frame[frame["year"] <= year])
        result = calculate_emissions(activities, factors, **options)  # type: ignore[arg-type]
    forecast = forecast_emissions(
        result, by="category", horizon=max(target_year, 2050), method=method
    )
    verdicts = forecast_verdicts(
        forecast, base_year=base_year, target=target, target_year=target_year
    )
    table = forecast.table[forecast.table["year"] <= target_year].reset_index(drop=True)
    neutral = None
    if activities is not None:
        frozen = policy_neutral_emissions(
            activities,
            factors,
            base_year=base_year,
            gwp_set=result.gwp_set,
            boundary="combustion" if result.boundary == "combustion" else "lifecycle",
            high_altitude=result.high_altitude,
            by=("year", "category"),
        )
        neutral_forecast = forecast_emissions(  # by category, summed as the forecast above
            frozen.drop(columns="rows_not_frozen"),
            by="category",
            horizon=max(target_year, 2050),
            method=method,
        )
        frozen_table = neutral_forecast.table
        neutral = frozen_table[
            (frozen_table["category"] == TOTAL) & (frozen_table["year"] <= target_year)
        ]
        neutral = neutral.drop(columns="category").reset_index(drop=True)
    totals = result.totals("year", unit="t").set_index("year")["emissions_t_co2e"]
    path = Trajectory.linear(base_year, target_year, target, base_value=float(totals[base_year]))
    carbon_law = Trajectory.fixed_rate(year, float(totals[year]), CARBON_LAW_RATE)
    scenario = None
    if measures:
        from klimatkalk.analysis.scenario import build_scenario

        scenario = build_scenario(
            result,
            measures,
            baseline=baseline,
            target_year=target_year,
            trajectory=path,
            method=method,
        )
    uncertainty = None
    if draws:
        from klimatkalk.analysis.uncertainty import monte_carlo

        uncertainty = monte_carlo(result, draws=draws, seed=seed, base_year=base_year)
    organisation = None
    level_name = None
    if org_tree is not None:
        from klimatkalk.analysis.organisation import compare_org_units

        organisation = compare_org_units(
            result, org_tree, org_level, base_year=base_year, year=year
        )
        level_name = str(org_level)
    return OutlookTables(
        year=year,
        base_year=base_year,
        target_year=target_year,
        target=target,
        method=method,
        forecast=table,
        verdicts=verdicts,
        neutral_trend=neutral,
        carbon_law=carbon_law,
        path=path,
        scenario=scenario,
        uncertainty=uncertainty,
        org_level=level_name,
        organisation=organisation,
    )


# --------------------------------------------------------------------------------------------
# the page section
# --------------------------------------------------------------------------------------------


def outlook_section(parts: PageParts) -> Section | None:
    """Build the page section from ``parts.tables.outlook`` (``None`` without an outlook)."""
    from klimatkalk.report._page import Section, _Paragraph

    outlook: OutlookTables | None = getattr(parts.tables, "outlook", None)
    if outlook is None:
        return None
    lang: Lang = parts.tables.lang
    escape = parts.escape
    o = outlook
    v = total_verdict(o)

    def num(x: object) -> str:
        return format_number(float(x), 0, lang=lang)  # type: ignore[arg-type]

    crossing = crossing_text(o, v["crossing_year"], lang)
    if crossing.isdigit():
        crossing = word("crossing_year", lang, year=crossing)
    gap = float(v["gap_t_co2e"])
    gap_text = (
        word("gap", lang, gap=num(gap), target_year=o.target_year)
        if gap > 0
        else word("margin", lang, gap=num(-gap))
    )
    method = word("method_ts" if o.method == "theil_sen" else "method_lad", lang)
    paragraphs = [
        _Paragraph(
            escape(
                word(
                    "trend",
                    lang,
                    method=method,
                    projected=num(v["projected_t_co2e"]),
                    target_year=o.target_year,
                    target=num(v["target_t_co2e"]),
                    verdict=word("meets" if v["meets"] else "misses", lang),
                    crossing=crossing,
                    gap_text=gap_text,
                )
            ),
            lead=escape(word("meets" if v["meets"] else "misses", lang).capitalize()),
        )
    ]
    if o.neutral_trend is not None:
        neutral = float(
            o.neutral_trend.loc[o.neutral_trend["year"] == o.target_year, "trend_t_co2e"].iloc[0]
        )
        paragraphs.append(
            _Paragraph(
                escape(
                    word(
                        "neutral",
                        lang,
                        base_year=o.base_year,
                        neutral=num(neutral),
                        target_year=o.target_year,
                        diff=num(float(v["projected_t_co2e"]) - neutral),
                    )
                )
            )
        )
    paragraphs.append(
        _Paragraph(
            escape(
                word(
                    "carbon_law",
                    lang,
                    rate=format_number(CARBON_LAW_RATE * 100, 2, lang=lang),
                    year=o.year,
                    value=num(o.carbon_law.value(o.target_year)),
                    target_year=o.target_year,
                )
            ),
            note=True,
        )
    )
    tables = [_verdict_table(o, lang, escape)]
    if o.scenario is not None:
        last = o.scenario.gap[o.scenario.gap["year"] == o.target_year].to_dict("records")[0]
        paragraphs.append(
            _Paragraph(
                escape(
                    word(
                        "scenario",
                        lang,
                        n=len(o.scenario.measures),
                        scenario=num(last["scenario_t_co2e"]),
                        target_year=o.target_year,
                        baseline=num(last["baseline_t_co2e"]),
                        gap=num(last["gap_t_co2e"]),
                    )
                )
            )
        )
        tables += [_scenario_table(o, lang, escape), _measure_table(o, lang, escape)]
    if o.uncertainty is not None:
        from klimatkalk.analysis.uncertainty import format_interval

        row = _change_row(o.uncertainty, o.year, TOTAL)
        change = format_interval(row["change"], row["change_low"], row["change_high"], lang=lang)
        if bool(row["within_noise"]):
            change += f" ({word('unchanged', lang).lower()})"
        paragraphs.append(
            _Paragraph(
                escape(
                    word(
                        "uncertainty",
                        lang,
                        draws=format_number(o.uncertainty.draws, 0, lang=lang),
                        base_year=o.base_year,
                        year=o.year,
                        change=change,
                    )
                )
            )
        )
        tables.append(_uncertainty_table(o, lang, escape))
    if o.organisation is not None:
        tables.append(_org_table(o, lang, escape))
    return Section(
        "outlook",
        escape(word("heading", lang, target_year=o.target_year)),
        paragraphs=paragraphs,
        tables=tables,
    )


Escape = Callable[[str], str]


def _table(
    headers: list[str],
    rows: list[list[str]],
    align: list[str],
    escape: Escape,
    *,
    total_last: bool = False,
    note: str | None = None,
) -> _Table:
    from klimatkalk.report._page import _Cell, _Table

    return _Table(
        [escape(h) for h in headers],
        [[_Cell(escape(c)) for c in r] for r in rows],
        align,
        total_last=total_last,
        note=None if note is None else escape(note),
    )


def _label(category: str, lang: Lang) -> str:
    return word("total", lang) if category == TOTAL else category_label(category, lang)


def _verdict_table(o: OutlookTables, lang: Lang, escape: Escape) -> _Table:
    rows = []
    frame = pd.concat(
        [o.verdicts[o.verdicts["category"] != TOTAL], o.verdicts[o.verdicts["category"] == TOTAL]]
    )
    note = word("sum_note", lang)
    if _rounded_rows_miss_the_total(frame):
        note += " " + word("rounding_note", lang)
    for _, r in frame.iterrows():
        rows.append(
            [
                _label(str(r["category"]), lang),
                format_number(r["base_t_co2e"], 0, lang=lang),
                format_number(r["target_t_co2e"], 0, lang=lang),
                format_number(r["projected_t_co2e"], 0, lang=lang),
                word("yes" if r["meets"] else "no", lang),
                crossing_text(o, r["crossing_year"], lang),
                format_number(r["gap_t_co2e"], 0, lang=lang),
            ]
        )
    headers = [
        word("c_group", lang),
        word("c_base", lang, base_year=o.base_year),
        word("c_target", lang, target_year=o.target_year),
        word("c_projected", lang, target_year=o.target_year),
        word("c_meets", lang),
        word("c_crossing", lang),
        word("c_gap", lang),
    ]
    return _table(
        headers, rows, ["l", "r", "r", "r", "l", "l", "r"], escape, total_last=True, note=note
    )


def _rounded_rows_miss_the_total(frame: pd.DataFrame) -> bool:
    """Whether the categories' whole tonnes, added up, differ from the total's whole tonnes."""
    parts = frame[frame["category"] != TOTAL]
    total = frame[frame["category"] == TOTAL]
    columns = ["base_t_co2e", "target_t_co2e", "projected_t_co2e", "gap_t_co2e"]
    added = parts[columns].to_numpy(dtype=np.float64).round().sum(axis=0)
    return bool((added != total[columns].to_numpy(dtype=np.float64).round()).any())


def _scenario_table(o: OutlookTables, lang: Lang, escape: Escape) -> _Table:
    assert o.scenario is not None
    rows = [
        [
            str(int(r["year"])),
            format_number(r["baseline_t_co2e"], 0, lang=lang),
            format_number(r["scenario_t_co2e"], 0, lang=lang),
            format_number(r["path_t_co2e"], 0, lang=lang),
            format_number(r["gap_t_co2e"], 0, lang=lang),
        ]
        for _, r in o.scenario.gap.iterrows()
    ]
    headers = [word(k, lang) for k in ("c_year", "c_baseline", "c_scenario", "c_path", "c_gap")]
    return _table(headers, rows, ["l", "r", "r", "r", "r"], escape)


def _measure_table(o: OutlookTables, lang: Lang, escape: Escape) -> _Table:
    assert o.scenario is not None
    effects = o.scenario.effects.copy()
    effects["_order"] = effects["sek_per_t_co2e"].fillna(np.inf)
    effects = effects.sort_values("_order", kind="stable")

    def maybe(value: float) -> str:
        return "–" if math.isnan(value) else format_number(value, 0, lang=lang)

    rows = [
        [
            str(r["measure"]),
            format_number(r["in_order_t_co2e"], 1, lang=lang),
            format_number(r["alone_t_co2e"], 1, lang=lang),
            maybe(r["cost_sek"]),
            maybe(r["sek_per_t_co2e"]),
        ]
        for _, r in effects.iterrows()
    ]
    headers = [
        word("c_measure", lang),
        word("c_in_order", lang, target_year=o.target_year),
        word("c_alone", lang, target_year=o.target_year),
        word("c_cost", lang),
        word("c_per_t", lang),
    ]
    return _table(headers, rows, ["l", "r", "r", "r", "r"], escape)


def _change_row(u: UncertaintyResult, year: int, category: str) -> pd.Series:
    hit = u.changes[(u.changes["year"] == year) & (u.changes["category"] == category)]
    return hit.iloc[0]


def _uncertainty_table(o: OutlookTables, lang: Lang, escape: Escape) -> _Table:
    from klimatkalk.analysis.uncertainty import format_interval

    u = o.uncertainty
    assert u is not None
    totals = u.totals[u.totals["year"] == o.year]
    rows = []
    order = [c for c in totals["category"] if c != TOTAL] + [TOTAL]
    for category in order:
        t = totals[totals["category"] == category].iloc[0]
        emissions = (
            f"{format_number(t['emissions_t_co2e'], 0, lang=lang)} "
            f"({format_number(t['low_t_co2e'], 0, lang=lang)} … "
            f"{format_number(t['high_t_co2e'], 0, lang=lang)})"
        )
        hit = u.changes[(u.changes["year"] == o.year) & (u.changes["category"] == category)]
        if hit.empty:
            rows.append([_label(category, lang), emissions, "–", "–"])
            continue
        c = hit.iloc[0]
        assessment = (
            "unchanged" if c["within_noise"] else ("increase" if c["change"] > 0 else "decrease")
        )
        rows.append(
            [
                _label(category, lang),
                emissions,
                format_interval(c["change"], c["change_low"], c["change_high"], lang=lang),
                word(assessment, lang),
            ]
        )
    headers = [
        word("c_group", lang),
        word("c_emissions", lang, year=o.year),
        word("c_change", lang, base_year=o.base_year),
        word("c_assessment", lang),
    ]
    return _table(headers, rows, ["l", "r", "r", "l"], escape, total_last=True)


def _org_table(o: OutlookTables, lang: Lang, escape: Escape) -> _Table:
    frame = o.organisation
    assert frame is not None
    rows = [
        [
            word("total", lang) if r["org_level_unit"] == TOTAL else str(r["org_level_unit"]),
            format_number(r["base_t_co2e"], 0, lang=lang),
            format_number(r["year_t_co2e"], 0, lang=lang),
            "–" if pd.isna(r["change"]) else format_percent(r["change"], 0, lang=lang, sign=True),
        ]
        for _, r in frame.iterrows()
    ]
    headers = [
        word("c_unit", lang, level=o.org_level),
        word("c_org_base", lang, base_year=o.base_year),
        word("c_org_year", lang, year=o.year),
        word("c_org_change", lang),
    ]
    return _table(headers, rows, ["l", "r", "r", "r"], escape, total_last=True)


# --------------------------------------------------------------------------------------------
# charts
# --------------------------------------------------------------------------------------------


def draw_outlook(tables: ReportTables, path: Path) -> Path:
    """Draw reported emissions, the trend, the scenario and the paths to the target year."""
    from klimatkalk.report import plots

    o: OutlookTables | None = getattr(tables, "outlook", None)
    assert o is not None
    lang = tables.lang
    with plots._figure(word("p_outlook", lang, target_year=o.target_year)) as (fig, ax):
        total = o.forecast[o.forecast["category"] == TOTAL]
        ax.plot(total["year"], total["actual_t_co2e"], "o-", label=word("p_reported", lang))
        future = total[total["year"] >= o.year]
        ax.plot(future["year"], future["trend_t_co2e"], "--", label=word("p_trend", lang))
        if o.neutral_trend is not None:
            nt = o.neutral_trend[o.neutral_trend["year"] >= o.year]
            ax.plot(
                nt["year"],
                nt["trend_t_co2e"],
                ":",
                label=word("p_neutral", lang, base_year=o.base_year),
            )
        if o.scenario is not None:
            ax.plot(
                o.scenario.gap["year"],
                o.scenario.gap["scenario_t_co2e"],
                "-",
                label=word("p_with_measures", lang),
            )
        years = list(range(o.base_year, o.target_year + 1))
        ax.plot(
            years, o.path.values(years).to_numpy(), "-", color="0.4", label=word("p_path", lang)
        )
        law = list(range(o.year, o.target_year + 1))
        ax.plot(
            law,
            o.carbon_law.values(law).to_numpy(),
            "-.",
            color="0.6",
            label=word("p_carbon_law", lang),
        )
        ax.set_ylim(bottom=0)
        ax.set_ylabel("t CO₂e")
        ax.legend(fontsize="small")
        plots._save(fig, path)
    return path


def draw_marginal_abatement(tables: ReportTables, path: Path) -> Path:
    """Draw the marginal abatement cost curve: bar width = tonnes, height = SEK per tonne."""
    from klimatkalk.report import plots

    o: OutlookTables | None = getattr(tables, "outlook", None)
    assert o is not None and o.scenario is not None
    lang = tables.lang
    mac = o.scenario.marginal_abatement()
    with plots._figure(word("p_mac", lang)) as (fig, ax):
        left = 0.0
        for number, (_, r) in enumerate(mac.iterrows(), start=1):
            width = max(float(r["alone_t_co2e"]), 0.0)
            height = float(r["sek_per_t_co2e"])
            ax.bar(
                left,
                height,
                width=width,
                align="edge",
                edgecolor="white",
                label=f"{number}. {r['measure']}",
            )
            ax.annotate(
                str(number),
                (left + width / 2, height),
                ha="center",
                va="bottom" if height >= 0 else "top",
                fontsize="small",
            )
            left += width
        ax.margins(y=0.15)
        ax.legend(fontsize="x-small", loc="upper left")
        ax.axhline(0, color="0.3", linewidth=0.8)
        ax.set_xlabel(word("p_cumulative", lang, target_year=o.target_year))
        ax.set_ylabel(word("p_sek_per_t", lang))
        plots._save(fig, path)
    return path
