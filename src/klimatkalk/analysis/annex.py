"""The indicator annex (*bilaga: indikatorer med mätetal*) from the activity data and small tables.

:func:`build_annex` puts the parts together for one reporting year:

- energy in kWh per carrier and use (:mod:`~klimatkalk.analysis.energy`), per m², normal-year
  corrected, per vehicle-km;
- the EU Energy Efficiency Directive's public-sector requirement (:mod:`~klimatkalk.analysis.eed`);
- the fossil-free and renewable share of transport energy per transport type, both counting
  methods (:mod:`~klimatkalk.analysis.fossil_free`);
- the target groups (:mod:`~klimatkalk.analysis.groups`);
- the metrics with targets and verdicts (:mod:`~klimatkalk.analysis.metrics`);
- the emissions in the regions' tool's layout (:mod:`~klimatkalk.analysis.layouts`).

A metric's values come from a table of user values (``source = "user"``) or are computed;
the computed sources are listed in :data:`METRIC_SOURCES`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Final

import numpy as np
import pandas as pd

from klimatkalk.activity_data import ActivityTable
from klimatkalk.analysis.annex_checks import check_metric_values
from klimatkalk.analysis.eed import (
    DEFAULT_CONVENTION,
    EED_REFERENCE_YEAR,
    EedConvention,
    eed_status,
)
from klimatkalk.analysis.energy import (
    energy_per_area,
    energy_per_vehicle_km,
    energy_use,
    normal_year_correction,
)
from klimatkalk.analysis.fossil_free import transport_energy_shares
from klimatkalk.analysis.groups import (
    TargetGroup,
    group_emissions,
    group_parts,
    group_status,
    group_totals,
    groups_from_mapping,
)
from klimatkalk.analysis.layouts import emissions_by_layout
from klimatkalk.analysis.metrics import Metric, evaluate_metrics, metrics_from_frame
from klimatkalk.factors.library import FactorTable
from klimatkalk.results import EmissionsResult

__all__ = ["METRIC_SOURCES", "Annex", "build_annex"]

METRIC_SOURCES: Final[Mapping[str, str]] = MappingProxyType(
    {
        "user": "values of the metric-value table",
        "energy_per_m2:<carrier>": "kWh per m² of buildings and operations; carrier total, "
        "electricity, district_heating, district_cooling or fuels",
        "energy_per_m2_normal_year:<carrier>": "the same, heating normal-year corrected",
        "group_emissions:<group>": "t CO2e of a target group",
        "intensity:<category>:<denominator>": "kg CO2e of a category (or total) per denominator",
        "fossil_free_share:<transport type>": "% fossil-free transport energy, blend as reported "
        "(type total for all transport)",
        "fossil_free_share_blend_as_fossil:<transport type>": "% fossil-free, blend counted fossil",
        "renewable_share:<transport type>": "% renewable transport energy",
        "kwh_per_vehicle_km:<transport type>": "kWh per vehicle-km",
        "fleet_share:<transport type>": "% environmental vehicles of the fleet",
    }
)
"""The sources of metric values :func:`build_annex` knows."""

PUBLIC_TRANSPORT: Final = "kollektivtrafik"
"""The default transport type of public transport: left out of the EED figure (art. 5(1) lets
Member States exclude it) and the one whose kWh per vehicle-km the annex shows."""


LEFT_OUT_COLUMNS: Final = (
    "origin_file",
    "origin_sheet",
    "origin_row",
    "column",
    "value",
    "reason",
)
"""The columns of :attr:`Annex.left_out`."""


@dataclass(frozen=True)
class Annex:
    """The indicator annex of one reporting year (all years where a table is a series).

    Attributes
    ----------
    year : int
    energy : DataFrame
        kWh per year, use, transport type, carrier and activity (:func:`energy_use`).
    per_area : DataFrame or None
        kWh/m² per year and carrier (``total`` first), raw (:func:`energy_per_area`).
    normal_year : DataFrame or None
        Buildings' energy per year and carrier with ``energy_normal_year_kwh`` and per m²
        before and after correction.
    eed : DataFrame or None
        Final energy (MWh, public transport excluded) against the EED path; ``excluded_mwh``
        is the public transport's energy left out each year.
    kwh_per_km : DataFrame or None
        Public transport's kWh per vehicle-km per year.
    fossil_free : DataFrame
        Shares per year and transport type, both methods.
    groups : DataFrame or None
        Target groups in the reporting year (:func:`group_status`).
    group_series : DataFrame or None
        Emissions of each group per year.
    group_parts : DataFrame or None
        How each group differs from the report's category closest to it, in the groups' base
        years and the reporting year (:func:`~klimatkalk.analysis.groups.group_parts`).
    group_totals : DataFrame or None
        The groups, what no group holds and what two groups both hold, adding up to the total
        of every calculated row in the same years: the report's total
        (:func:`~klimatkalk.analysis.groups.group_totals`).
    groups_source : str or None
        Where the groups are defined (the groups file's name), for the annex to say.
    group_metrics : dict of str to str
        Metric key → group key, for each metric that is a group's emissions.
    metrics : DataFrame or None
        The evaluated metrics (:func:`evaluate_metrics`).
    metric_values : DataFrame or None
        Every metric's value per year (``metric``, ``year``, ``value``, ``gap_reason``,
        ``note``).
    layout : DataFrame
        The reporting year's emissions in the regions' tool's layout.
    notes : list of str
        Method notes for the footnotes (conventions, heating share, counting methods), Swedish.
    eed_convention : {"compounded", "linear"}
        The reading of the EED requirement used.
    heating_share : dict of str to float
        The temperature-dependent shares used for the normal-year correction.
    public_transport : str
        The transport type left out of the EED figure.
    left_out : DataFrame
        The rows the calculation rejected, which the annex does not count either (all years):
        ``origin_file``, ``origin_sheet``, ``origin_row`` (the row the user sees), ``column``,
        ``value`` and ``reason``, as :meth:`ActivityTable.error_report` gives them.
    """

    year: int
    energy: pd.DataFrame
    per_area: pd.DataFrame | None
    normal_year: pd.DataFrame | None
    eed: pd.DataFrame | None
    kwh_per_km: pd.DataFrame | None
    fossil_free: pd.DataFrame
    groups: pd.DataFrame | None
    group_series: pd.DataFrame | None
    metrics: pd.DataFrame | None
    metric_values: pd.DataFrame | None
    layout: pd.DataFrame
    notes: list[str] = field(default_factory=list)
    eed_convention: EedConvention = DEFAULT_CONVENTION
    heating_share: dict[str, float] = field(default_factory=dict)
    public_transport: str = PUBLIC_TRANSPORT
    left_out: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=list(LEFT_OUT_COLUMNS))
    )
    group_parts: pd.DataFrame | None = None
    group_totals: pd.DataFrame | None = None
    groups_source: str | None = None
    group_metrics: dict[str, str] = field(default_factory=dict)


def build_annex(
    result: EmissionsResult,
    activities: ActivityTable | pd.DataFrame,
    year: int,
    *,
    factors: FactorTable | None = None,
    area: pd.DataFrame | None = None,
    degree_days: pd.DataFrame | None = None,
    heating_share: Mapping[str, float] | None = None,
    place: str | None = None,
    fleet: pd.DataFrame | None = None,
    transport_types: pd.DataFrame | None = None,
    metrics: pd.DataFrame | list[Metric] | None = None,
    metric_values: pd.DataFrame | None = None,
    groups: Mapping[str, Any] | list[TargetGroup] | None = None,
    groups_source: str | None = None,
    denominators: pd.DataFrame | None = None,
    eed_convention: EedConvention = DEFAULT_CONVENTION,
    layout: str = "regionernas_verktyg",
    public_transport: str = PUBLIC_TRANSPORT,
) -> Annex:
    """Compute the indicator annex of ``year``.

    Parameters
    ----------
    result : EmissionsResult
        The calculated emissions (all years).
    activities : ActivityTable or DataFrame
        The activity data the result was calculated from (for energy in kWh). The annex counts
        the rows the calculation counted: a row in ``result.rejected`` is left out of the
        energy too, and listed in :attr:`Annex.left_out`.
    year : int
        Reporting year.
    factors : FactorTable, optional
        For the activity catalogue; the bundled set by default.
    area, degree_days, fleet, transport_types : DataFrame, optional
        The small tables (see :mod:`klimatkalk.io.annex_inputs`).
    heating_share : mapping of str to float, optional
        Carrier → temperature-dependent share, for the normal-year correction (needs
        ``degree_days``).
    place : str, optional
        Which place's degree days to use.
    metrics : DataFrame or list of Metric, optional
        The metrics (a table with :class:`Metric`'s fields, or the objects).
    metric_values : DataFrame, optional
        User values and method notes: ``metric``, ``year``, ``value``, ``gap_reason``,
        ``note``. A computed metric may have rows with a note and no value.
    groups : mapping or list of TargetGroup, optional
        Target groups (a parsed groups TOML, or the objects).
    groups_source : str, optional
        Where the groups are defined, e.g. the groups file's name, which the annex names
        (:func:`~klimatkalk.io.annex_inputs.read_annex_inputs` gives it).
    denominators : DataFrame, optional
        ``year``, ``denominator``, ``value`` for intensities.
    eed_convention : {"compounded", "linear"}, default "compounded"
    layout : str, default "regionernas_verktyg"
    public_transport : str, default "kollektivtrafik"
        The transport type of public transport (as the transport-type rules name it).

    Returns
    -------
    Annex

    Raises
    ------
    ActivityDataError
        If the metric table or the metric-value table has rows that do not make metrics or do
        not fit together (unknown source, value rows of an undefined metric, two values for a
        metric and year, a value for a computed metric); each problem names file, row, column
        and value (a ``ValueError``).
    ValueError
        If a group cannot be made, the degree days do not cover a corrected year, or
        ``result`` was not calculated from ``activities`` (another number of rows).
    """
    metric_list = _metrics(metrics)  # the user's tables first: their errors before any work
    if metric_list:
        check_metric_values(
            metric_list,
            metric_values,
            source_kinds=_COMPUTERS,
            metric_table=metrics if isinstance(metrics, pd.DataFrame) else None,
        )
    group_list = _groups(groups)
    table = (
        activities
        if isinstance(activities, ActivityTable)
        else ActivityTable.from_frame(activities)
    )
    if result.n_input != len(table):
        msg = (
            f"the result was calculated from {result.n_input} rows, the activities have "
            f"{len(table)}: pass the activities the result was calculated from"
        )
        raise ValueError(msg)
    rejected = result.rejected["row"].to_numpy(dtype=np.intp)
    energy = energy_use(table, factors, transport_types=transport_types, exclude=rejected)
    years = sorted(
        {int(y) for y in result.rows["year"].dropna()} | {int(y) for y in energy["year"]}
    )
    notes: list[str] = []
    per_area = None
    normal = None
    per_area_normal = None
    if area is not None:
        kinds = sorted(set(area["area_type"].dropna())) if "area_type" in area else []
        per_area = energy_per_area(energy, area)
        if kinds:
            notes.append(f"Energi per m² avser lokaler och verksamhet per m² {kinds[0]}.")
        if degree_days is not None and heating_share:
            buildings = energy[energy["use"] == "buildings_operations"]
            summed = buildings.groupby(["year", "carrier"], sort=True)["energy_kwh"].sum()
            normal = normal_year_correction(
                summed.reset_index(), degree_days, heating_share, place=place
            )
            corrected = normal.assign(
                use="buildings_operations", energy_kwh=normal["energy_normal_year_kwh"]
            )[["year", "use", "carrier", "energy_kwh"]]
            per_area_normal = energy_per_area(corrected, area)
            shares = ", ".join(
                f"{_CARRIER_SV.get(c, c)} {round(s * 100):.0f} %" for c, s in heating_share.items()
            )
            notes.append(
                "Normalårskorrigering med graddagar: den temperaturberoende delen "
                f"({shares}) skalas med normalårets graddagar / årets graddagar."
            )
    eed = _eed(energy, eed_convention, public_transport)
    if eed is not None:
        notes.append(
            f"{eed['convention'].iloc[0]}; slutlig energianvändning utom {public_transport} "
            "(direktiv (EU) 2023/1791 art. 5)."
        )
    kwh_per_km = None
    if fleet is not None and "vehicle_km" in fleet and fleet["vehicle_km"].notna().any():
        kwh_per_km = energy_per_vehicle_km(energy, fleet, public_transport)
    fossil_free = transport_energy_shares(energy)
    notes.append(
        "Andel fossilfri energi: reduktionspliktens biodel i pumpbensin och pumpdiesel räknas "
        "som fossilfri; el med ursprungsgarantier som förnybar. Andelen med inblandningen "
        "räknad som fossil redovisas bredvid."
    )
    group_table = group_series = parts = totals = None
    if group_list:
        group_table = group_status(result, group_list, year)
        group_series = group_emissions(result, group_list)
        compared = sorted({g.base_year for g in group_list} | {year})
        parts = group_parts(result, group_list, compared)
        totals = group_totals(result, group_list, compared)
    metric_table = values = None
    if metric_list:
        values = _metric_values(
            metric_list,
            metric_values,
            years,
            result=result,
            per_area=per_area,
            per_area_normal=per_area_normal,
            group_series=group_series,
            fossil_free=fossil_free,
            kwh_per_km=kwh_per_km,
            energy=energy,
            fleet=fleet,
            denominators=denominators,
        )
        metric_table = evaluate_metrics(metric_list, values, year)
    layout_table = emissions_by_layout(result, layout).table
    return Annex(
        year=year,
        energy=energy,
        per_area=per_area,
        normal_year=_normal_table(normal, area) if normal is not None else None,
        eed=eed,
        kwh_per_km=kwh_per_km,
        fossil_free=fossil_free,
        groups=group_table,
        group_series=group_series,
        metrics=metric_table,
        metric_values=values,
        layout=layout_table[layout_table["year"] == year].reset_index(drop=True),
        notes=notes,
        eed_convention=eed_convention,
        heating_share=dict(heating_share or {}) if normal is not None else {},
        public_transport=public_transport,
        left_out=_left_out(table, result),
        group_parts=parts,
        group_totals=totals,
        groups_source=groups_source if group_list else None,
        group_metrics={
            m.key: m.source.partition(":")[2]
            for m in metric_list
            if m.source.partition(":")[0] == "group_emissions"
        },
    )


def _left_out(table: ActivityTable, result: EmissionsResult) -> pd.DataFrame:
    """Return the rejected rows as the user finds them in the files (skipped rows are no data)."""
    if not len(result.rejected):
        return pd.DataFrame(columns=list(LEFT_OUT_COLUMNS))
    report = table.error_report(result.rejected)
    rejected = report[report["status"] == "rejected"]
    return rejected[list(LEFT_OUT_COLUMNS)].reset_index(drop=True)


_CARRIER_SV: Final = {
    "electricity": "el",
    "district_heating": "fjärrvärme",
    "district_cooling": "fjärrkyla",
    "fuels": "bränslen",
}


def _eed(
    energy: pd.DataFrame, convention: EedConvention, public_transport: str
) -> pd.DataFrame | None:
    left_out = (energy["transport_type"] == public_transport).to_numpy()
    years = energy["year"].astype(np.int64)
    per_year = energy["energy_kwh"][~left_out].groupby(years[~left_out]).sum() / 1000
    if EED_REFERENCE_YEAR not in per_year.index:
        return None
    status = eed_status(per_year, convention=convention)
    excluded = energy["energy_kwh"][left_out].groupby(years[left_out]).sum() / 1000
    status["excluded_mwh"] = status["year"].map(excluded).fillna(0.0).to_numpy(np.float64)
    return status


def _normal_table(normal: pd.DataFrame, area: pd.DataFrame | None) -> pd.DataFrame:
    out = normal[
        ["year", "carrier", "energy_kwh", "energy_normal_year_kwh", "degree_days",
         "normal_degree_days", "heating_share", "correction_factor"]
    ].copy()  # fmt: skip
    if area is not None:
        total = area.groupby(area["year"].astype(np.int64))["area_m2"].sum()
        m2 = out["year"].map(total)
        ok = m2 > 0
        out["kwh_per_m2"] = (out["energy_kwh"] / m2).where(ok)
        out["kwh_per_m2_normal_year"] = (out["energy_normal_year_kwh"] / m2).where(ok)
    return out


def _groups(groups: Mapping[str, Any] | list[TargetGroup] | None) -> list[TargetGroup]:
    if groups is None:
        return []
    if isinstance(groups, list):
        return groups
    return groups_from_mapping(groups) if groups else []


def _metrics(metrics: pd.DataFrame | list[Metric] | None) -> list[Metric]:
    if metrics is None:
        return []
    if isinstance(metrics, list):
        return metrics
    return metrics_from_frame(metrics)


def _metric_values(
    metrics: list[Metric],
    user: pd.DataFrame | None,
    years: list[int],
    **parts: Any,
) -> pd.DataFrame:
    frames: list[pd.DataFrame] = []
    user_rows = (
        user.drop(columns=[c for c in ("origin_row",) if c in user.columns])
        if user is not None
        else pd.DataFrame(columns=["metric", "year", "value", "gap_reason", "note"])
    )
    for column in ("gap_reason", "note"):
        if column not in user_rows.columns:
            user_rows[column] = None
    for metric in metrics:
        own = user_rows[user_rows["metric"] == metric.key]
        if metric.source == "user":
            frames.append(own[["metric", "year", "value", "gap_reason", "note"]])
            continue
        if own["value"].notna().any():
            msg = (
                f"metric {metric.key!r} is computed ({metric.source}); its rows in the value "
                "table may carry notes only, not values"
            )
            raise ValueError(msg)
        computed = _computed(metric.source, years, **parts)
        computed["metric"] = metric.key
        note = dict(zip(own["year"].astype(int), own["note"], strict=True))
        computed["note"] = computed["year"].map(note)
        frames.append(computed[["metric", "year", "value", "gap_reason", "note"]])
    frames = [f for f in frames if len(f)]
    if not frames:
        return pd.DataFrame(columns=["metric", "year", "value", "gap_reason", "note"])
    out = pd.concat(frames, ignore_index=True)
    out["year"] = out["year"].astype(np.int64)
    return out


def _series(
    values: Mapping[int, float], years: list[int], reasons: Mapping[int, str]
) -> pd.DataFrame:
    rows = []
    for y in years:
        v = values.get(y, math.nan)
        reason = reasons.get(y) if not math.isfinite(v) else None
        rows.append(
            {
                "year": y,
                "value": v,
                "gap_reason": reason or (None if math.isfinite(v) else "inget underlag för året"),
            }
        )
    return pd.DataFrame(rows)


def _computed(source: str, years: list[int], **parts: Any) -> pd.DataFrame:
    kind, _, arg = source.partition(":")
    compute = _COMPUTERS.get(kind)
    if compute is None:
        known = ", ".join(METRIC_SOURCES)
        msg = f"unknown metric source {source!r}; the sources are {known}"
        raise ValueError(msg)
    return compute(kind, arg, years, parts)


def _from_table(
    table: pd.DataFrame, value: str, years: list[int], scale: float = 1.0
) -> pd.DataFrame:
    reasons = (
        {int(y): r for y, r in zip(table["year"], table["gap_reason"], strict=True) if r}
        if "gap_reason" in table
        else {}
    )
    values = dict(zip(table["year"].astype(int), table[value] * scale, strict=True))
    return _series(values, years, reasons)


def _per_m2(kind: str, arg: str, years: list[int], parts: dict[str, Any]) -> pd.DataFrame:
    table = parts["per_area"] if kind == "energy_per_m2" else parts["per_area_normal"]
    if table is None:
        need = "lokalyta" if kind == "energy_per_m2" else "lokalyta, graddagar och värmeandel"
        return _series({}, years, dict.fromkeys(years, f"saknar {need}"))
    return _from_table(table[table["carrier"] == (arg or "total")], "kwh_per_m2", years)


def _group(kind: str, arg: str, years: list[int], parts: dict[str, Any]) -> pd.DataFrame:
    series = parts["group_series"]
    if series is None or arg not in set(series["group"]):
        msg = f"metric source {kind}:{arg}: no target group {arg!r}"
        raise ValueError(msg)
    return _from_table(series[series["group"] == arg], "emissions_t_co2e", years)


def _share(kind: str, arg: str, years: list[int], parts: dict[str, Any]) -> pd.DataFrame:
    table = parts["fossil_free"]
    own = table[table["transport_type"] == (arg or "total")]
    values = dict(zip(own["year"].astype(int), own[kind] * 100, strict=True))
    return _series(values, years, dict.fromkeys(years, f"ingen transportenergi av typen {arg}"))


def _per_km(kind: str, arg: str, years: list[int], parts: dict[str, Any]) -> pd.DataFrame:
    fleet = parts["fleet"]
    if fleet is None or "vehicle_km" not in fleet:
        return _series({}, years, dict.fromkeys(years, "saknar fordonskilometer"))
    table = energy_per_vehicle_km(parts["energy"], fleet, arg)
    reasons = {y: f"ingen energi för transportslaget {arg}" for y in years}
    given = zip(table["year"], table["gap_reason"], strict=True)
    reasons |= {int(y): str(r) for y, r in given if r}
    values = dict(zip(table["year"].astype(int), table["kwh_per_km"], strict=True))
    return _series(values, years, reasons)


def _fleet_share(kind: str, arg: str, years: list[int], parts: dict[str, Any]) -> pd.DataFrame:
    fleet = parts["fleet"]
    if fleet is None:
        return _series({}, years, dict.fromkeys(years, "saknar fordonstabell"))
    own = fleet[fleet["transport_type"] == arg]
    values: dict[int, float] = {}
    reasons: dict[int, str] = {}
    for y, n, env in zip(own["year"], own["vehicles"], own["environmental_vehicles"], strict=True):
        if not n > 0:
            reasons[int(y)] = "antal fordon saknas eller är 0"
        elif not math.isfinite(env):
            reasons[int(y)] = "antal miljöfordon saknas"
        else:
            values[int(y)] = 100 * env / n
    return _series(values, years, reasons)


def _intensity_source(kind: str, arg: str, years: list[int], parts: dict[str, Any]) -> pd.DataFrame:
    category, _, name = arg.partition(":")
    return _intensity(parts["result"], parts["denominators"], category, name, years)


_COMPUTERS: Final = {
    "energy_per_m2": _per_m2,
    "energy_per_m2_normal_year": _per_m2,
    "group_emissions": _group,
    "intensity": _intensity_source,
    "fossil_free_share": _share,
    "fossil_free_share_blend_as_fossil": _share,
    "renewable_share": _share,
    "kwh_per_vehicle_km": _per_km,
    "fleet_share": _fleet_share,
}


def _intensity(
    result: EmissionsResult,
    denominators: pd.DataFrame | None,
    category: str,
    name: str,
    years: list[int],
) -> pd.DataFrame:
    if denominators is None:
        return _series({}, years, dict.fromkeys(years, f"saknar nämnaren {name}"))
    rows = result.rows
    hit = (
        np.ones(len(rows), dtype=bool)
        if category == "total"
        else (rows["category"] == category).to_numpy()
    )
    kg = rows.loc[hit].groupby(rows.loc[hit, "year"].astype(np.int64))["emissions_kg_co2e"].sum()
    own = denominators[denominators["denominator"] == name]
    per = dict(zip(own["year"].astype(int), own["value"].astype(float), strict=True))
    values: dict[int, float] = {}
    reasons: dict[int, str] = {}
    for y in years:
        d = per.get(y, math.nan)
        if not (d > 0):
            reasons[y] = f"nämnaren {name} saknas eller är 0"
        elif y in kg.index:
            values[y] = float(kg[y]) / d
    return _series(values, years, reasons)
