"""Compiling a factor set into a dense lookup table (activity × year → kg CO2e per unit).

The selection rule, per activity, boundary and activity year: among the rows whose validity
covers the year and whose boundary is the one asked for (or not boundary-specific), take the row
of the folder stacked last, then of a dated source over an undated one (whose year is only the
year it was read, ``sources.year_basis = retrieval``), then of the newest source. A tie between
two different rows is an error. With ``fallback="previous"`` a year with no row takes the latest
earlier year's row, and the result records which year it used. Aviation's high-altitude
multiplier is added on top of the CO2 from the combustion: the combustion row's CO2 component
where it has one (``components.csv``), else its whole value
(:mod:`klimatkalk.factors.high_altitude`).

Boundaries. A row without a boundary applies under both (a gas emitted as itself, spend). Where
the boundary asked for has no row for an activity and year but the other boundary has, that row
is used and the cell is marked ``boundary_fallback``: a life-cycle value in a combustion run (a
district-heating network that publishes only its VMK value) or a generation value in a life-cycle
run (the residual mix: CO2 at production). Nothing is dropped and nothing is silent: the result
rows carry the mark (``boundary_fallback``) and the report names the activities.

GWP. A CO2e row with gas components (``components.csv``) is recomputed from them with the GWP set
of the run; a gas row (``kg N2O / kg``) is converted with it. A CO2e row without components keeps
its publisher's GWP set: ``gwp_basis`` says per cell whether the value is in the chosen set
(:data:`GWP_BASES`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd

from klimatkalk.errors import ErrorReason, FactorDataError, Problem
from klimatkalk.factors.gwp import GWP_SETS, GwpNotAvailableError
from klimatkalk.factors.high_altitude import HighAltitude, multiplier_per_cell
from klimatkalk.factors.library import FactorTable
from klimatkalk.factors.spend import VAT_BASES, split_factor_currency
from klimatkalk.units import DIMENSIONS, UnitInfo, dimension_fit_table, parse_factor_unit

__all__ = [
    "BOUNDARIES",
    "FALLBACKS",
    "GWP_BASES",
    "METHODS",
    "CompiledFactors",
    "compile_factors",
]

BOUNDARIES = ("lifecycle", "combustion")
FALLBACKS = ("none", "previous")

# Cell status codes of CompiledFactors.status.
OK, NO_FACTOR, NO_GWP, NO_KPI, NO_COMBUSTION, NO_VAT = 0, 1, 2, 3, 4, 5

METHODS = ("supplier-specific", "hybrid", "average-data", "spend-based")
"""The GHG Protocol's methods for purchased goods and services (scope 3 category 1), most
specific first: ``CompiledFactors.method`` and the result rows' ``method`` index into them. A
catalogue factor is ``spend-based`` for a purchase measured in money, ``average-data`` for one
measured in kg, litres…; a row's own factor is ``supplier-specific`` or ``hybrid``."""

GWP_BASES = ("recomputed", "chosen_set", "other_set", "set_not_stated")
"""``CompiledFactors.gwp_basis`` codes 0-3: recomputed under the chosen set (a gas row, or a CO2e
row with gas components); a CO2e value published in the chosen set; in another set; in a set the
publisher does not state."""


@dataclass(frozen=True)
class CompiledFactors:
    """One factor per activity and year, as arrays indexed ``[activity, year - first_year]``.

    Attributes
    ----------
    activities : list of str
        Activity codes, in catalogue order (the first axis).
    first_year : int
        The activity year of column 0.
    kg_per_canonical : ndarray [kg CO2e per canonical unit]
        NaN where the cell has no usable factor (see ``status``).
    factor_row : ndarray of int
        Row of ``FactorTable.factors`` used, or -1.
    factor_year : ndarray of int
        The activity year whose factor was used (earlier than the column's year on fallback).
    gwp : ndarray
        GWP applied (1 for CO2e factors).
    status : ndarray of int8
        0 usable, 1 no factor, 2 no GWP in the set, 3 no price index for the year, 4 a
        high-altitude multiplier but no combustion factor to apply it to, 5 a factor per krona
        including VAT for an activity without a VAT rate (``activity_vat.csv``).
    dimension : ndarray of int8
        Each activity's dimension, as an index into :data:`klimatkalk.units.DIMENSIONS`.
    high_altitude : ndarray
        The high-altitude multiplier included in ``kg_per_canonical`` (1 where none).
    high_altitude_row : ndarray of int
        Row of ``FactorTable.high_altitude`` the multiplier comes from, or -1.
    boundary_fallback : ndarray of bool
        True where the factor is of the other boundary, the asked one having none.
    gwp_basis : ndarray of int8
        Index into :data:`GWP_BASES` (-1 where no factor).
    biogenic_per_kg : ndarray
        Biogenic CO2 (a memo quantity, ``biogenic.csv``) per kg CO2e of the cell's factor: a
        result row's biogenic CO2 is its emissions times this (0 where none).
    price_index_factor, exchange_rate, basic_price_factor : ndarray
        The spend chain of a cell (NaN where the factor is not per money): KPI(price year) /
        KPI(activity year); SEK per unit of the factor's currency in its price year (1 for SEK);
        1 − the margin share for a basic-price factor (1 for a purchaser-price one).
        ``kg_per_canonical`` includes them.
    vat_rate : ndarray
        The VAT rate of the activity's purchases in the year (NaN where not known or not spend).
    vat_factor_ex_vat_input : ndarray
        What an amount entered *ex VAT* is multiplied by to reach the factor's VAT basis: 1 + the
        rate for a factor per krona incl. VAT, else 1 (NaN where not spend). ``kg_per_canonical``
        includes it; an amount entered incl. VAT is divided by 1 + ``vat_rate`` first.
    factor_vat_basis : ndarray of int8
        Index into :data:`klimatkalk.factors.spend.VAT_BASES` (-1 where not spend).
    low_ratio, high_ratio : ndarray
        The factor's low and high ends as fractions of its value (NaN where no range).
    method : ndarray of int8
        Index into :data:`METHODS` for purchases, -1 for other categories.
    """

    activities: list[str]
    first_year: int
    kg_per_canonical: npt.NDArray[np.float64]
    factor_row: npt.NDArray[np.int32]
    factor_year: npt.NDArray[np.int32]
    gwp: npt.NDArray[np.float64]
    status: npt.NDArray[np.int8]
    dimension: npt.NDArray[np.int8]
    high_altitude: npt.NDArray[np.float64]
    high_altitude_row: npt.NDArray[np.int32]
    gwp_set: str
    boundary: str
    fallback: str
    boundary_fallback: npt.NDArray[np.bool_]
    gwp_basis: npt.NDArray[np.int8]
    biogenic_per_kg: npt.NDArray[np.float64]
    price_index_factor: npt.NDArray[np.float64]
    exchange_rate: npt.NDArray[np.float64]
    basic_price_factor: npt.NDArray[np.float64]
    vat_rate: npt.NDArray[np.float64]
    vat_factor_ex_vat_input: npt.NDArray[np.float64]
    factor_vat_basis: npt.NDArray[np.int8]
    low_ratio: npt.NDArray[np.float64]
    high_ratio: npt.NDArray[np.float64]
    method: npt.NDArray[np.int8]

    @property
    def n_years(self) -> int:
        """Number of year columns."""
        return int(self.kg_per_canonical.shape[1])

    def cell(self, activity: str, year: int) -> tuple[int, float] | None:
        """Return the factor row and kg CO2e per canonical unit for one activity and year.

        ``None`` when the activity is not in the catalogue or the year has no factor.
        """
        if activity not in self.activities:
            return None
        a, y = self.activities.index(activity), year - self.first_year
        if not 0 <= y < self.n_years or self.factor_row[a, y] < 0:
            return None
        return int(self.factor_row[a, y]), float(self.kg_per_canonical[a, y])

    def lookup_table(self, units: list[UnitInfo | None]) -> npt.NDArray[np.float64]:
        """Kg CO2e per *input* unit, shaped ``[activity, unit, year]``.

        NaN where the unit is unknown (``None``), of another dimension than the activity, or the
        cell has no factor.
        """
        dims = list(DIMENSIONS)
        unit_dim = np.array([dims.index(u.dimension) if u else -1 for u in units], dtype=np.int8)
        to_canonical = np.array([u.to_canonical if u else np.nan for u in units])
        fits = dimension_fit_table()[self.dimension[:, None], unit_dim[None, :]]  # -1: no fit
        table: npt.NDArray[np.float64] = (
            self.kg_per_canonical[:, None, :] * to_canonical[None, :, None]
        )
        table[~fits] = np.nan
        return table


def compile_factors(
    table: FactorTable,
    gwp_set: str = "AR5GWP100",
    boundary: str = "lifecycle",
    fallback: str = "none",
    high_altitude: HighAltitude = True,
    boundary_fallback: bool = True,
) -> CompiledFactors:
    """Return the dense lookup table of ``table`` for one set of choices (cached on the table).

    Selects one factor row per activity and year and turns it into kg CO2e per unit.
    ``boundary_fallback=False`` leaves a cell empty where only the other boundary has a row.
    """
    key = (gwp_set, boundary, fallback, high_altitude, boundary_fallback)
    cached = table.compiled_cache.get(key)
    if isinstance(cached, CompiledFactors):
        return cached
    compiled = _compile(table, gwp_set, boundary, fallback, high_altitude, boundary_fallback)
    table.compiled_cache[key] = compiled
    return compiled


def _compile(
    table: FactorTable,
    gwp_set: str,
    boundary: str,
    fallback: str,
    high_altitude: HighAltitude,
    allow_boundary_fallback: bool,
) -> CompiledFactors:
    _check_choice("gwp_set", gwp_set, GWP_SETS)
    _check_choice("boundary", boundary, BOUNDARIES)
    _check_choice("fallback", fallback, FALLBACKS)
    activities = list(table.activities)
    frame = table.factors
    years = pd.concat([frame["valid_from"], frame["valid_to"]])
    first = int(years.min()) if len(years) else 2019
    last = int(years.max()) if len(years) else 2019
    n_y = last - first + 1
    row = _select(table, activities, boundary, first, n_y, boundary_free=True)
    other = _select(table, activities, _other(boundary), first, n_y, boundary_free=False)
    boundary_fallback = (row < 0) & (other >= 0) & allow_boundary_fallback
    row = np.where(boundary_fallback, other, row).astype(np.int32)

    factor_year = np.where(row >= 0, np.arange(first, last + 1)[None, :], -1).astype(np.int32)
    if fallback == "previous":
        row, factor_year, boundary_fallback = _fill_forward(row, factor_year, boundary_fallback)

    per_row = _per_row_values(table, gwp_set)
    status = np.where(row >= 0, OK, NO_FACTOR).astype(np.int8)
    safe = np.maximum(row, 0)
    kg = np.where(row >= 0, per_row.kg[safe], np.nan)
    gwp = np.where(row >= 0, per_row.gwp[safe], np.nan)
    status[(row >= 0) & np.isnan(per_row.gwp[safe])] = NO_GWP
    gwp_basis = np.where(row >= 0, _gwp_basis(table, gwp_set)[safe], -1).astype(np.int8)
    deflator = _deflators(table, row, per_row.price_year, first)
    status[(status == OK) & np.isnan(deflator)] = NO_KPI
    chain = _spend_chain(table, activities, row, per_row, first)
    status[(status == OK) & chain.spend & np.isnan(chain.vat_factor)] = NO_VAT
    kg = kg * deflator * np.where(chain.spend, chain.vat_factor * chain.basic / chain.rate, 1.0)
    multiplier, multiplier_row = multiplier_per_cell(
        table.high_altitude, table.sets, activities, first, n_y, high_altitude
    )
    uplifted = multiplier != 1.0
    if uplifted.any():
        combustion = np.where(boundary_fallback, np.nan, kg)
        combustion_row = np.where(boundary_fallback, -1, row)
        if boundary != "combustion":
            plain = compile_factors(
                table, gwp_set, "combustion", fallback, high_altitude=False, boundary_fallback=False
            )
            combustion, combustion_row = plain.kg_per_canonical, plain.factor_row
        # the multiplier is on CO2 (as the publishers apply it): the combustion row's CO2
        # component where it has one, else the whole combustion value
        co2 = _co2_component_per_row(table)[np.maximum(combustion_row, 0)]
        uplift_base = np.where((combustion_row >= 0) & ~np.isnan(co2), co2, combustion)
        kg = np.where(uplifted, kg + (multiplier - 1.0) * uplift_base, kg)
        status[(status == OK) & uplifted & np.isnan(combustion)] = NO_COMBUSTION
    dims = list(DIMENSIONS)
    dimension = np.array(
        [dims.index(table.activities[a].dimension) for a in activities], dtype=np.int8
    )
    biogenic = np.where(row >= 0, _biogenic_per_row(table)[safe], 0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        biogenic_per_kg = np.where((biogenic > 0) & (kg > 0), biogenic / kg, 0.0)
    return CompiledFactors(
        activities=activities,
        first_year=first,
        kg_per_canonical=kg,
        factor_row=row,
        factor_year=factor_year,
        gwp=gwp,
        status=status,
        dimension=dimension,
        high_altitude=multiplier,
        high_altitude_row=multiplier_row,
        gwp_set=gwp_set,
        boundary=boundary,
        fallback=fallback,
        boundary_fallback=boundary_fallback,
        gwp_basis=gwp_basis,
        biogenic_per_kg=biogenic_per_kg,
        price_index_factor=np.where(chain.spend, deflator, np.nan),
        exchange_rate=np.where(chain.spend, chain.rate, np.nan),
        basic_price_factor=np.where(chain.spend, chain.basic, np.nan),
        vat_rate=chain.vat_rate,
        vat_factor_ex_vat_input=np.where(chain.spend, chain.vat_factor, np.nan),
        factor_vat_basis=chain.vat_basis,
        low_ratio=chain.low,
        high_ratio=chain.high,
        method=_methods(table, activities, n_y),
    )


def _other(boundary: str) -> str:
    return "combustion" if boundary == "lifecycle" else "lifecycle"


def _select(
    table: FactorTable,
    activities: list[str],
    boundary: str,
    first: int,
    n_y: int,
    *,
    boundary_free: bool,
) -> npt.NDArray[np.int32]:
    """Pick one row per activity and year among the rows of ``boundary``.

    Rows without a boundary count when ``boundary_free``. Priority: the folder stacked last, a
    dated source over an undated one, the newest source; a tie is an error.
    """
    frame = table.factors
    row = np.full((len(activities), n_y), -1, dtype=np.int32)
    rank = np.full((len(activities), n_y, 3), -1, dtype=np.int64)
    set_rank = {name: i for i, name in enumerate(table.sets)}
    a_index = {a: i for i, a in enumerate(activities)}
    ties: list[Problem] = []
    usable = frame["boundary"] == boundary
    if boundary_free:
        usable |= frame["boundary"].isna()
    for r in np.flatnonzero(usable.to_numpy()):
        f = frame.iloc[r]
        a = a_index[f["activity"]]
        priority = (
            set_rank[f["factor_set"]],
            int(bool(f["source_dated"])),
            int(f["source_year"]),
        )
        for y in range(int(f["valid_from"]) - first, int(f["valid_to"]) - first + 1):
            current = (int(rank[a, y, 0]), int(rank[a, y, 1]), int(rank[a, y, 2]))
            if priority > current:
                rank[a, y] = priority
                row[a, y] = r
            elif priority == current:
                other = frame.iloc[row[a, y]]
                ties.append(
                    Problem(
                        str(f["file"]),
                        int(f["line"]),
                        "source_id",
                        f["source_id"],
                        ErrorReason.OVERLAPPING_VALIDITY,
                        f"{f['activity']!r} {first + y} ({boundary}) is also covered by "
                        f"{other['file']}:{other['line']} from a source of the same year "
                        "(both dated or both undated); say which one applies",
                    )
                )
    if ties:
        raise FactorDataError(ties, "ambiguous emission factors")
    return row


@dataclass(frozen=True)
class _PerRow:
    kg: npt.NDArray[np.float64]  # kg CO2e per canonical unit, before deflation
    gwp: npt.NDArray[np.float64]
    price_year: npt.NDArray[np.float64]
    currency: npt.NDArray[np.object_]


def _per_row_values(table: FactorTable, gwp_set: str) -> _PerRow:
    frame = table.factors
    n = len(frame)
    kg, gwp = np.empty(n), np.empty(n)
    for i, (value, unit, gas) in enumerate(
        zip(frame["value"], frame["unit"], frame["gas"], strict=True)
    ):
        try:
            gwp[i] = table.gwp.value(gas, gwp_set)
        except GwpNotAvailableError:
            gwp[i] = np.nan
        per_sek, _ = split_factor_currency(str(unit))  # the exchange rate comes in the chain
        kg[i] = float(value) * parse_factor_unit(per_sek, gas).to_kg_per_canonical * gwp[i]
    recomputed = _recomputed_from_components(table, gwp_set)
    for i, value in recomputed.items():
        kg[i] = value
    price_year = pd.to_numeric(frame["price_year"], errors="coerce").to_numpy(dtype=np.float64)
    currency = frame["currency"].to_numpy(dtype=object)
    return _PerRow(kg=kg, gwp=gwp, price_year=price_year, currency=currency)


@dataclass(frozen=True)
class _Chain:
    """The spend chain per ``[activity, year]`` cell (see :class:`CompiledFactors`)."""

    spend: npt.NDArray[np.bool_]
    rate: npt.NDArray[np.float64]
    basic: npt.NDArray[np.float64]
    vat_rate: npt.NDArray[np.float64]
    vat_factor: npt.NDArray[np.float64]
    vat_basis: npt.NDArray[np.int8]
    low: npt.NDArray[np.float64]
    high: npt.NDArray[np.float64]


def _spend_chain(
    table: FactorTable,
    activities: list[str],
    row: npt.NDArray[np.int32],
    per_row: _PerRow,
    first: int,
) -> _Chain:
    """Exchange rate, margin, VAT and range of each spend cell, from ``table.spend``."""
    frame = table.factors
    spend_data = table.spend
    n = len(frame)
    rate, basic = np.ones(n), np.ones(n)
    vat_basis = np.full(n, VAT_BASES.index("unknown"), dtype=np.int8)
    low, high = np.full(n, np.nan), np.full(n, np.nan)
    position = {
        (f, s): i
        for i, (f, s) in enumerate(zip(frame["factor_id"], frame["source_id"], strict=True))
    }
    basis = spend_data.basis
    values = frame["value"].to_numpy(dtype=np.float64)
    for f, s, vat, margin, lo, hi in zip(
        basis["factor_id"],
        basis["source_id"],
        basis["vat_basis"],
        basis["margin_share"],
        basis["low"],
        basis["high"],
        strict=True,
    ):
        i = position.get((f, s))
        if i is None:
            continue
        vat_basis[i] = VAT_BASES.index(str(vat))
        if margin is not None and np.isfinite(margin):
            basic[i] = 1.0 - float(margin)
        value = float(values[i])
        if lo is not None and np.isfinite(lo) and value > 0:
            low[i], high[i] = float(lo) / value, float(hi) / value
    for i in range(n):
        currency = per_row.currency[i]
        if currency != "SEK" and np.isfinite(per_row.price_year[i]):
            key = (str(currency), int(per_row.price_year[i]))
            rate[i] = spend_data.exchange_rates.get(key, np.nan)
    is_spend_activity = np.array(
        [table.activities[a].dimension == "currency" for a in activities], dtype=bool
    )
    has = row >= 0
    safe = np.maximum(row, 0)
    spend = has & is_spend_activity[:, None]
    cell_vat = np.full(row.shape, np.nan)
    for a in np.flatnonzero(is_spend_activity):
        for y in range(row.shape[1]):
            found = spend_data.vat_rate(activities[a], first + y)
            if found is not None:
                cell_vat[a, y] = found
    basis_code = np.where(spend, vat_basis[safe], -1).astype(np.int8)
    incl = basis_code == VAT_BASES.index("incl")
    vat_factor = np.where(incl, 1.0 + cell_vat, 1.0)
    return _Chain(
        spend=spend,
        rate=np.where(spend, rate[safe], np.nan),
        basic=np.where(spend, basic[safe], np.nan),
        vat_rate=np.where(is_spend_activity[:, None], cell_vat, np.nan),
        vat_factor=np.where(spend, vat_factor, np.nan),
        vat_basis=basis_code,
        low=np.where(has, low[safe], np.nan),
        high=np.where(has, high[safe], np.nan),
    )


def _methods(table: FactorTable, activities: list[str], n_y: int) -> npt.NDArray[np.int8]:
    """Return the catalogue method of each cell: spend-based or average-data for purchases."""
    codes = [
        (
            METHODS.index("spend-based" if act.dimension == "currency" else "average-data")
            if act.category == "purchases"
            else -1
        )
        for act in (table.activities[a] for a in activities)
    ]
    return np.repeat(np.array(codes, dtype=np.int8)[:, None], n_y, axis=1)


def _row_positions(table: FactorTable) -> dict[tuple[str, str], int]:
    """Return the position of each factor row by its key (``factor_id``, ``source_id``)."""
    keys = zip(table.factors["factor_id"], table.factors["source_id"], strict=True)
    return {(str(f), str(s)): i for i, (f, s) in enumerate(keys)}


def _recomputed_from_components(table: FactorTable, gwp_set: str) -> dict[int, float]:
    """Kg CO2e per canonical unit of each row with gas components, under ``gwp_set``."""
    comps = table.components
    if comps.empty:
        return {}
    position = _row_positions(table)
    out: dict[int, float] = {}
    for f, s, gas, kg in zip(
        comps["factor_id"], comps["source_id"], comps["gas"], comps["kg_per_canonical"], strict=True
    ):
        i = position.get((str(f), str(s)))
        if i is not None:
            out[i] = out.get(i, 0.0) + float(kg) * table.gwp.value(str(gas), gwp_set)
    return out


def _per_row(table: FactorTable, rows: pd.DataFrame, missing: float) -> npt.NDArray[np.float64]:
    """``rows``' ``kg_per_canonical`` placed at their factor rows (``missing`` elsewhere)."""
    out = np.full(len(table.factors), missing)
    if rows.empty:
        return out
    position = _row_positions(table)
    values = zip(rows["factor_id"], rows["source_id"], rows["kg_per_canonical"], strict=True)
    for f, s, kg in values:
        i = position.get((str(f), str(s)))
        if i is not None:
            out[i] = float(kg)
    return out


def _co2_component_per_row(table: FactorTable) -> npt.NDArray[np.float64]:
    """Kg CO2 per canonical unit of each factor row's CO2 component (NaN where it has none)."""
    comps = table.components
    return _per_row(table, comps[comps["gas"] == "CO2"] if len(comps) else comps, np.nan)


def _biogenic_per_row(table: FactorTable) -> npt.NDArray[np.float64]:
    """Biogenic kg CO2 per canonical unit of each factor row (0 where none)."""
    return _per_row(table, table.biogenic, 0.0)


def _gwp_basis(table: FactorTable, gwp_set: str) -> npt.NDArray[np.int8]:
    """Per factor row, the index into :data:`GWP_BASES`."""
    frame = table.factors
    comps = table.components
    with_components = set(zip(comps["factor_id"], comps["source_id"], strict=True))
    keys = zip(frame["factor_id"], frame["source_id"], strict=True)
    has = np.array([k in with_components for k in keys], dtype=bool)
    co2e = (frame["gas"] == "CO2e").to_numpy()
    published = frame["gwp_set"].to_numpy(dtype=object)
    basis = np.full(len(frame), 0, dtype=np.int8)
    basis[co2e & ~has & (published == gwp_set)] = 1
    stated = np.array([isinstance(p, str) for p in published], dtype=bool)
    basis[co2e & ~has & stated & (published != gwp_set)] = 2
    basis[co2e & ~has & ~stated] = 3
    return basis


def _deflators(
    table: FactorTable, row: npt.NDArray[np.int32], price_year: npt.NDArray[np.float64], first: int
) -> npt.NDArray[np.float64]:
    """KPI(price year) / KPI(activity year) for spend factors, 1 elsewhere, NaN if KPI lacks."""
    deflator = np.ones(row.shape)
    if not np.isfinite(price_year).any():
        return deflator
    kpi = table.kpi
    for a, y in zip(*np.nonzero(row >= 0), strict=True):
        p = price_year[row[a, y]]
        if np.isfinite(p):
            year = first + int(y)
            if int(p) in kpi and year in kpi:
                deflator[a, y] = kpi[int(p)] / kpi[year]
            else:
                deflator[a, y] = np.nan
    return deflator


def _fill_forward(
    row: npt.NDArray[np.int32],
    factor_year: npt.NDArray[np.int32],
    flag: npt.NDArray[np.bool_],
) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.int32], npt.NDArray[np.bool_]]:
    """Give each empty cell the latest earlier year's row (and record that year and flag)."""
    n_y = row.shape[1]
    source_col = np.where(row >= 0, np.arange(n_y)[None, :], -1)
    source_col = np.maximum.accumulate(source_col, axis=1)
    take = np.maximum(source_col, 0)
    filled = np.take_along_axis(row, take, axis=1)
    years = np.take_along_axis(factor_year, take, axis=1)
    flags = np.take_along_axis(flag, take, axis=1)
    filled = np.where(source_col >= 0, filled, -1).astype(np.int32)
    years = np.where(source_col >= 0, years, -1).astype(np.int32)
    flags = np.where(source_col >= 0, flags, False)
    return filled, years, flags


def _check_choice(name: str, value: str, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        msg = f"{name}={value!r}; choose one of {', '.join(allowed)}"
        raise ValueError(msg)
