"""Energy use in kWh per carrier, per m² floor area, normal-year corrected, per vehicle-km.

A region's sustainability report prints energy next to emissions: "185 kWh/m² BRA", electricity
and district heating per m² separately, bus energy per vehicle-km. These come from the same
activity table as the emissions:

- :func:`energy_use` — kWh per year, carrier (electricity, district heating, district cooling,
  fuels) and use: *lokaler och verksamhet* (buildings and operations) or *transport* with its
  transport type. Fuels become kWh through the sourced heating values of
  ``emission_factors/energy_content.csv`` (litres of heating oil, diesel, HVO…).
- :func:`energy_per_area` — kWh per m² (BRA or Atemp) from an area table per year (and org
  unit); a year without area gets a gap with its reason, never 0 or infinity.
- :func:`normal_year_correction` — *normalårskorrigering* with degree days (graddagar): the
  temperature-dependent share ``s`` of heating is scaled by normal-year over actual degree days,
  ``E_corr = E·(1 − s) + E·s·G_normal/G_actual``, the degree-day method that Swedish energy
  statistics and heat suppliers use [1]_ [2]_ (the part for hot water does not depend on the
  weather and is left as it is [3]_).
- :func:`energy_per_vehicle_km` — kWh per vehicle-km of a transport type (public transport) from
  its energy and the vehicle-km of a fleet table.

References
----------
.. [1] CIT Energy Management for Energimyndigheten, *Normalårskorrigering av energistatistik*
   (2011), Dnr 17-10-3491.
.. [2] SMHI, "Energi-Index och Graddagar – normalårskorrigering värme" (degree days at the
   +17 °C balance temperature for 310 places),
   https://www.smhi.se/professionella-tjanster/professionella-tjanster/fastighet/normalarskorrigering-varme.
.. [3] Älvsbyns Energi, "Hur fungerar normalkorrigering" (the share that does not depend on
   temperature, tap hot water, is left uncorrected; the rest is scaled by the index ratio),
   https://www.alvsbynsenergi.se/fjarrvarme/normalarskorrigering/hur-fungerar-normalkorrigering/.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Final

import numpy as np
import numpy.typing as npt
import pandas as pd

from klimatkalk.activity_data import ActivityTable
from klimatkalk.analysis.baseline import _as_keys
from klimatkalk.analysis.indicators import energy_rows, resolve_rules
from klimatkalk.analysis.transport_types import assign_transport_types
from klimatkalk.factors.library import FactorTable, load_factors

__all__ = [
    "CARRIERS",
    "ENERGY_DIMENSIONS",
    "USES",
    "energy_per_area",
    "energy_per_vehicle_km",
    "energy_use",
    "normal_year_correction",
]

CARRIERS: Final = ("electricity", "district_heating", "district_cooling", "fuels")
"""Energy carriers, in report order."""

USES: Final = ("buildings_operations", "transport")
"""Uses of energy: *lokaler och verksamhet* and *transport*."""

ENERGY_DIMENSIONS: Final = ("energy", "volume", "normal_volume", "mass")
"""Dimensions of an activity that is a quantity of energy or fuel."""

_SUBCATEGORY_CARRIER: Final = {
    "electricity": "electricity",
    "district_heating": "district_heating",
    "district_cooling": "district_cooling",
}


def energy_use(
    activities: ActivityTable | pd.DataFrame,
    factors: FactorTable | None = None,
    *,
    energy_content: pd.DataFrame | None = None,
    transport_types: pd.DataFrame | None = None,
    by: str | Sequence[str] = "year",
    exclude: npt.ArrayLike | None = None,
) -> pd.DataFrame:
    """Energy use in kWh per year, use, transport type, carrier and activity.

    Counted are the activities of category ``energy`` or ``transport`` whose quantity is
    energy or fuel (:data:`ENERGY_DIMENSIONS`); travel by the km, spend and gases are not
    energy use. An activity may be written by its code or by its name, as for the
    calculation ("El, nordisk elmix" is ``electricity_nordic_mix``). The carrier is the
    activity's subcategory for electricity, district heating and district cooling, else
    ``fuels``. A row is *transport* when its activity is of category ``transport`` or a rule
    of ``transport_types`` matches it (electricity charging buses, for example); every other
    row is *buildings and operations*.

    Parameters
    ----------
    activities : ActivityTable or DataFrame
        Activity data.
    factors : FactorTable, optional
        For the activity catalogue; the bundled set by default.
    energy_content : DataFrame, optional
        Heating values (columns ``activity``, ``value``, ``unit``); by default the bundled
        ``emission_factors/energy_content.csv``.
    transport_types : DataFrame, optional
        Rules giving rows a transport type (:func:`assign_transport_types`).
    by : str or sequence of str, default "year"
        Columns of the activity data to group by; must include ``"year"``.
    exclude : array of int, optional
        Positions of rows to leave out: ``result.rejected["row"]`` counts the rows the
        calculation counted, and no others.

    Returns
    -------
    DataFrame
        The ``by`` columns, ``use``, ``transport_type`` (empty for buildings and operations,
        ``"other"`` for transport that no rule names), ``carrier``, ``activity`` and
        ``energy_kwh``.

    Raises
    ------
    InputRowsError
        If an energy row has an unreadable quantity or year or a unit that does not fit.
    ValueError
        If a fuel lacks a heating value.

    Examples
    --------
    100 l heating oil at 9.95 kWh/l and 2 MWh electricity:

    >>> import pandas as pd
    >>> acts = pd.DataFrame({"year": [2024, 2024],
    ...     "activity": ["heating_oil", "electricity_renewable_go"],
    ...     "quantity": [100, 2], "unit": ["l", "MWh"]})
    >>> energy_use(acts)[["carrier", "energy_kwh"]]
           carrier  energy_kwh
    0  electricity      2000.0
    1        fuels       995.0
    """
    keys = _as_keys(by)
    if "year" not in keys:
        msg = f"by={by!r} must include 'year'"
        raise ValueError(msg)
    factors = load_factors() if factors is None else factors
    catalogue = {
        code: entry
        for code, entry in factors.activities.items()
        if entry.category in {"energy", "transport"} and entry.dimension in ENERGY_DIMENSIONS
    }
    dimension = {code: entry.dimension for code, entry in catalogue.items()}
    rows, names, codes, kwh = energy_rows(
        activities,
        keys,
        dimension,
        energy_content,
        catalogue=factors.activities,
        exclude=exclude,
    )
    carrier = np.array(
        [_SUBCATEGORY_CARRIER.get(catalogue[a].subcategory, "fuels") for a in names] + [""],
        dtype=object,
    )[codes]
    is_transport = np.array(
        [catalogue[a].category == "transport" for a in names] + [False], dtype=bool
    )[codes]
    rules = resolve_rules(transport_types, factors.activities)
    kinds = assign_transport_types(rows, rules, is_transport)
    kind = kinds.to_numpy(dtype=object).copy()
    is_transport |= kind != None  # noqa: E711 (elementwise)
    kind[is_transport & (kind == None)] = "other"  # noqa: E711
    out = rows[keys].copy()
    out["use"] = np.where(is_transport, "transport", "buildings_operations")
    out["transport_type"] = pd.Series(kind, index=out.index, dtype=object)
    out["carrier"] = carrier
    out["activity"] = rows["activity"].astype(str).to_numpy()
    out["energy_kwh"] = kwh
    group = [*keys, "use", "transport_type", "carrier", "activity"]
    out["transport_type"] = out["transport_type"].fillna("")
    result = out.groupby(group, observed=True, sort=True)["energy_kwh"].sum().reset_index()
    result["transport_type"] = pd.Series(
        [None if t == "" else str(t) for t in result["transport_type"]],
        index=result.index,
        dtype=object,
    )
    order = {c: i for i, c in enumerate(CARRIERS)}
    result = result.sort_values(
        [*keys, "use", "carrier"], key=lambda s: s.map(order) if s.name == "carrier" else s
    )
    return result.reset_index(drop=True)


def energy_per_area(
    energy: pd.DataFrame,
    area: pd.DataFrame,
    *,
    by: str | Sequence[str] = "year",
    area_type: str | None = None,
) -> pd.DataFrame:
    """Energy of buildings and operations per m² floor area, in total and per carrier.

    Parameters
    ----------
    energy : DataFrame
        As :func:`energy_use` returns it (only ``use == "buildings_operations"`` counts).
    area : DataFrame
        Columns ``year``, ``area_m2`` and optionally ``area_type`` (``"BRA"``, ``"Atemp"``)
        and the other ``by`` columns (``org_unit``); areas of the same key are summed.
    by : str or sequence of str, default "year"
        Keys of the result; must include ``"year"``.
    area_type : str, optional
        Use only area rows of this type; by default the table must hold a single type.

    Returns
    -------
    DataFrame
        Per key and ``carrier`` (``"total"`` first, then :data:`CARRIERS` present):
        ``energy_kwh``, ``area_m2``, ``kwh_per_m2``, ``area_type`` and ``gap_reason``
        (text where ``kwh_per_m2`` is missing: no area for the year, or area 0).

    Examples
    --------
    >>> e = pd.DataFrame({"year": [2024, 2024, 2025], "use": "buildings_operations",
    ...     "carrier": ["electricity", "district_heating", "electricity"],
    ...     "energy_kwh": [830_000.0, 1_020_000.0, 800_000.0]})
    >>> a = pd.DataFrame({"year": [2024], "area_m2": [10_000.0], "area_type": ["BRA"]})
    >>> t = energy_per_area(e, a)
    >>> t["carrier"].tolist()
    ['total', 'electricity', 'district_heating', 'total', 'electricity']
    >>> t["kwh_per_m2"].tolist()
    [185.0, 83.0, 102.0, nan, nan]
    >>> t["gap_reason"].tolist()[2:4]
    [None, 'ingen lokalyta för året']
    """
    keys = _as_keys(by)
    if "year" not in keys:
        msg = f"by={by!r} must include 'year'"
        raise ValueError(msg)
    table = area.copy()
    for column in ("year", "area_m2"):
        if column not in table.columns:
            msg = f"the area table needs columns year and area_m2; it has {list(table.columns)}"
            raise ValueError(msg)
    if area_type is not None and "area_type" in table.columns:
        table = table[table["area_type"] == area_type]
    types = sorted(set(table["area_type"].dropna())) if "area_type" in table.columns else []
    if len(types) > 1:
        msg = f"the area table mixes area types {types}; choose one with area_type="
        raise ValueError(msg)
    kind = area_type or (types[0] if types else "")
    missing = [k for k in keys if k not in table.columns]
    if missing:
        msg = f"the area table has no column {missing} to match by"
        raise ValueError(msg)
    table["year"] = pd.to_numeric(table["year"]).astype(np.int64)
    areas = table.groupby(keys, sort=True)["area_m2"].sum()
    used = energy[energy["use"] == "buildings_operations"].copy()
    used["year"] = used["year"].astype(np.int64)
    per_carrier = used.groupby([*keys, "carrier"], sort=False)["energy_kwh"].sum()
    total = used.groupby(keys, sort=True)["energy_kwh"].sum()
    parts = [total.reset_index().assign(carrier="total")]
    parts.append(per_carrier.reset_index())
    frame = pd.concat(parts, ignore_index=True)
    order = {c: i for i, c in enumerate(("total", *CARRIERS))}
    frame["_order"] = frame["carrier"].map(order)
    frame = frame.sort_values([*keys, "_order"]).drop(columns="_order").reset_index(drop=True)
    frame = frame.merge(areas.rename("area_m2").reset_index(), on=keys, how="left")
    value = frame["area_m2"].to_numpy(dtype=np.float64)
    ok = np.isfinite(value) & (value > 0)
    per_m2 = np.full(len(frame), np.nan)
    np.divide(frame["energy_kwh"].to_numpy(dtype=np.float64), value, out=per_m2, where=ok)
    frame["kwh_per_m2"] = per_m2
    frame["area_type"] = kind
    reason = np.where(~np.isfinite(value), "ingen lokalyta för året", "lokalytan är 0")
    frame["gap_reason"] = _reasons(ok, reason, frame.index)
    return frame


def normal_year_correction(
    energy: pd.DataFrame,
    degree_days: pd.DataFrame,
    heating_share: Mapping[str, float],
    *,
    place: str | None = None,
) -> pd.DataFrame:
    """Normal-year corrected heating (*normalårskorrigering*) with degree days.

    ``E_corrected = E × (1 − s) + E × s × G_normal / G_actual`` for each carrier in
    ``heating_share`` (``s`` its temperature-dependent share), per year. A warm year
    (fewer degree days than normal) is corrected upwards, so that it does not read as an
    efficiency gain.

    Parameters
    ----------
    energy : DataFrame
        Columns ``year``, ``carrier`` and ``energy_kwh`` (other columns are kept as keys),
        e.g. the buildings-and-operations rows of :func:`energy_use`.
    degree_days : DataFrame
        Columns ``year``, ``degree_days`` (actual), ``normal_degree_days`` and optionally
        ``place``.
    heating_share : mapping of str to float
        Carrier → share of its energy that depends on outdoor temperature (0–1), e.g.
        ``{"district_heating": 0.8}``. Carriers not named are not corrected. There is no
        default: the share is a property of the buildings (hot water, process heat).
    place : str, optional
        Which place's degree days to use when the table has several.

    Returns
    -------
    DataFrame
        The input rows with ``degree_days``, ``normal_degree_days``, ``heating_share``,
        ``correction_factor`` and ``energy_normal_year_kwh`` (equal to ``energy_kwh`` for
        carriers not corrected).

    Raises
    ------
    ValueError
        If a share is outside 0–1, a corrected year has no degree days, or degree days are
        not positive.

    Examples
    --------
    A warm year: 1 000 MWh of district heating, 80 % for space heating, 3 600 degree days
    against a normal 4 000: 200 + 800 × 4000/3600 = 1 088.9 MWh.

    >>> e = pd.DataFrame({"year": [2024], "carrier": ["district_heating"],
    ...                   "energy_kwh": [1_000_000.0]})
    >>> g = pd.DataFrame({"year": [2024], "degree_days": [3600.0],
    ...                   "normal_degree_days": [4000.0]})
    >>> round(normal_year_correction(e, g, {"district_heating": 0.8})
    ...       ["energy_normal_year_kwh"].iloc[0])
    1088889
    """
    for carrier, given in heating_share.items():
        if not 0 <= given <= 1:
            msg = f"heating_share[{carrier!r}] = {given} is not a share between 0 and 1"
            raise ValueError(msg)
    table = degree_days.copy()
    for column in ("year", "degree_days", "normal_degree_days"):
        if column not in table.columns:
            msg = (
                "the degree-day table needs columns year, degree_days, normal_degree_days; "
                f"it has {list(table.columns)}"
            )
            raise ValueError(msg)
    if "place" in table.columns:
        places = sorted(set(table["place"].dropna()))
        if place is not None:
            table = table[table["place"] == place]
            if not len(table):
                msg = f"no degree days for place {place!r}; the places are {places}"
                raise ValueError(msg)
        elif len(places) > 1:
            msg = f"the degree-day table has several places {places}; choose one with place="
            raise ValueError(msg)
    table["year"] = pd.to_numeric(table["year"]).astype(np.int64)
    if table["year"].duplicated().any():
        msg = "the degree-day table has two rows for the same year (and place)"
        raise ValueError(msg)
    values = table[["degree_days", "normal_degree_days"]].to_numpy(dtype=np.float64)
    if not (np.isfinite(values) & (values > 0)).all():
        msg = "degree days must be numbers > 0"
        raise ValueError(msg)
    out = energy.copy()
    out["year"] = out["year"].astype(np.int64)
    out = out.merge(table[["year", "degree_days", "normal_degree_days"]], on="year", how="left")
    shares = out["carrier"].map(dict(heating_share)).astype(np.float64).fillna(0.0)
    corrected = (shares > 0).to_numpy(dtype=bool)
    lacking = sorted(set(out.loc[corrected & out["degree_days"].isna().to_numpy(), "year"]))
    if lacking:
        msg = f"no degree days for the years {lacking}"
        raise ValueError(msg)
    share = shares.to_numpy(dtype=np.float64)
    ratio = np.where(
        corrected,
        out["normal_degree_days"].to_numpy(dtype=np.float64)
        / out["degree_days"].to_numpy(dtype=np.float64),
        1.0,
    )
    out["heating_share"] = share
    out["correction_factor"] = (1 - share) + share * ratio
    out["energy_normal_year_kwh"] = out["energy_kwh"] * out["correction_factor"]
    return out


def energy_per_vehicle_km(
    energy: pd.DataFrame, fleet: pd.DataFrame, transport_type: str
) -> pd.DataFrame:
    """Energy per vehicle-km of one transport type (kWh/km), per year.

    Parameters
    ----------
    energy : DataFrame
        As :func:`energy_use` returns it.
    fleet : DataFrame
        Columns ``year``, ``transport_type`` and ``vehicle_km``.
    transport_type : str
        E.g. ``"kollektivtrafik"``.

    Returns
    -------
    DataFrame
        Per ``year``: ``energy_kwh``, ``vehicle_km``, ``kwh_per_km`` and ``gap_reason``.

    Examples
    --------
    >>> e = pd.DataFrame({"year": [2024, 2025], "transport_type": "kollektivtrafik",
    ...                   "energy_kwh": [45_000_000.0, 1.0]})
    >>> f = pd.DataFrame({"year": [2024], "transport_type": ["kollektivtrafik"],
    ...                   "vehicle_km": [10_000_000.0]})
    >>> out = energy_per_vehicle_km(e, f, "kollektivtrafik")
    >>> out["kwh_per_km"].tolist(), out["gap_reason"].tolist()
    ([4.5, nan], [None, 'inga fordonskilometer för året'])
    """
    rows = energy[energy["transport_type"] == transport_type]
    kwh = rows.groupby(rows["year"].astype(np.int64))["energy_kwh"].sum()
    km_rows = fleet[fleet["transport_type"] == transport_type]
    km = km_rows.groupby(km_rows["year"].astype(np.int64))["vehicle_km"].sum(min_count=1)
    out = pd.DataFrame({"energy_kwh": kwh}).join(km.rename("vehicle_km"), how="left")
    out.index.name = "year"
    out = out.reset_index()
    value = out["vehicle_km"].to_numpy(dtype=np.float64)
    ok = np.isfinite(value) & (value > 0)
    per_km = np.full(len(out), np.nan)
    np.divide(out["energy_kwh"].to_numpy(dtype=np.float64), value, out=per_km, where=ok)
    out["kwh_per_km"] = per_km
    reason = np.where(
        ~np.isfinite(value), "inga fordonskilometer för året", "fordonskilometer är 0"
    )
    out["gap_reason"] = _reasons(ok, reason, out.index)
    return out


def _reasons(ok: np.ndarray, reason: np.ndarray, index: pd.Index) -> pd.Series:
    """``None`` where a value is there, else the reason it is missing."""
    return pd.Series(
        [None if good else str(why) for good, why in zip(ok, reason, strict=True)],
        index=index,
        dtype=object,
    )
