"""The calculation of one chunk of rows against a compiled factor table: a pure function.

:func:`calculate_chunk` is all of the arithmetic of :func:`klimatkalk.calculate_emissions`; the
in-memory path calls it once on the whole table, :mod:`klimatkalk.dask` once per partition. It
depends only on the rows and on a :class:`FactorLookup` (the compiled factor table for one set
of choices, with the provenance columns of each of its cells): small, picklable and built once.

Each row gets one integer *slot* in a table ``[activity, unit, year]`` of kg CO2e per input unit,
computed with integer arithmetic on the categorical codes (one gather only when the activity
column has very many categories); the emissions are one gather from that table and one multiply.
Rejected rows are explained per distinct slot, never per row in Python.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Final

import numpy as np
import numpy.typing as npt
import pandas as pd

from klimatkalk.activity_data import PROBLEM_COLUMNS, ActivityTable
from klimatkalk.errors import ActivityDataError, ErrorReason, Problem, UnitError
from klimatkalk.factors.compile import GWP_BASES, METHODS, CompiledFactors, compile_factors
from klimatkalk.factors.high_altitude import HighAltitude
from klimatkalk.factors.library import FactorTable
from klimatkalk.factors.names import resolve_activity_names, unknown_activity_message
from klimatkalk.factors.spend import VAT_BASES
from klimatkalk.units import (
    DIMENSIONS,
    UnitInfo,
    dimension_fit_table,
    dimension_mismatch,
    parse_activity_unit,
    parse_factor_unit,
)

if TYPE_CHECKING:
    from klimatkalk.factors.activities import Activity

__all__ = [
    "CELL_COLUMNS",
    "ChunkResult",
    "FactorLookup",
    "calculate_chunk",
    "cell_totals",
    "factor_lookup",
    "row_frame",
]

CELL_COLUMNS: Final = frozenset(
    {
        "year",
        "activity",
        "category",
        "subcategory",
        "scope",
        "factor_id",
        "source_id",
        "high_altitude_multiplier",
        "factor_quality",
        "boundary_fallback",
        "gwp_basis",
    }
)
"""Columns that depend only on a row's (activity, year) cell: totals by them need no row frame."""

# Above this many cells the lookup's activity axis is the catalogue (one gather per row)
# rather than the input's categories (integer arithmetic only).
_MAX_INPUT_AXIS_CELLS: Final = 1 << 22


@dataclass(frozen=True, eq=False)
class FactorLookup:
    """A compiled factor table for one set of choices, with the provenance of each cell.

    Attributes
    ----------
    compiled : CompiledFactors
        kg CO2e per canonical unit per ``[activity, year]`` cell, and why a cell is empty.
    cells : DataFrame
        One line per cell (activity-major, ``activity × n_years + year − first_year``): the
        columns a calculated row gets from its factor and its activity (``factor_id``,
        ``source_id`` … ``category``, ``subcategory``, ``scope``), text as categoricals.
    catalogue : mapping of str to Activity
        The activity catalogue: its labels name activities too, and it suggests the closest
        names for an unknown one.
    """

    compiled: CompiledFactors
    cells: pd.DataFrame
    catalogue: Mapping[str, Activity]

    @cached_property
    def activity_index(self) -> dict[str, int]:
        """Position of each catalogue activity on the compiled table's first axis."""
        return {code: i for i, code in enumerate(self.compiled.activities)}


def factor_lookup(
    factors: FactorTable,
    gwp_set: str = "AR5GWP100",
    boundary: str = "lifecycle",
    fallback: str = "none",
    high_altitude: HighAltitude = True,
) -> FactorLookup:
    """Return the :class:`FactorLookup` of ``factors`` for one set of choices (cached on it).

    Examples
    --------
    >>> import klimatkalk as kk
    >>> lookup = factor_lookup(kk.load_factors())
    >>> len(lookup.cells) == len(lookup.compiled.activities) * lookup.compiled.n_years
    True
    """
    key = (f"lookup:{gwp_set}", boundary, fallback, high_altitude)
    cached = factors.compiled_cache.get(key)
    if isinstance(cached, FactorLookup):
        return cached
    compiled = compile_factors(factors, gwp_set, boundary, fallback, high_altitude)
    every_cell = np.arange(len(compiled.activities) * compiled.n_years)
    lookup = FactorLookup(
        compiled=compiled,
        cells=pd.DataFrame(_cell_columns(factors, compiled, every_cell)),
        catalogue=factors.activities,
    )
    factors.compiled_cache[key] = lookup
    return lookup


@dataclass(frozen=True)
class ChunkResult:
    """The outcome of :func:`calculate_chunk` for one chunk of ``n`` rows.

    ``slot`` indexes the flattened table of shape ``shape`` = (activity axis, unit axis,
    year axis); ``activity_of_axis`` maps the activity axis to the compiled table's activities
    (``len(activities)`` for an unknown or missing activity). Unit and year axes are the unit
    categories and the compiled years, each with one extra entry: missing unit first, year not
    covered last.
    """

    frame: pd.DataFrame  # the rows as calculated: activity labels resolved to codes
    n: int
    keep: npt.NDArray[np.intp] | None  # calculated rows; None when all are
    emissions: npt.NDArray[np.float64]  # kg CO2e of each calculated row
    slot: npt.NDArray[np.intp]  # each calculated row's slot
    shape: tuple[int, int, int]
    activity_of_axis: npt.NDArray[np.int32]
    n_activities: int
    n_years: int
    rejected: pd.DataFrame
    # False when a cell does not describe every row's factor: fallback="previous" mapped later
    # years onto the last, or rows carry their own factor.
    cell_is_year: bool
    unit_to_canonical: npt.NDArray[np.float64]  # per unit category (NaN: not parsed)
    vat_incl: npt.NDArray[np.bool_] | None  # per calculated row: amount entered incl. VAT
    own: npt.NDArray[np.bool_] | None  # per calculated row: the row's own factor was used

    @cached_property
    def slot_cell(self) -> npt.NDArray[np.intp]:
        """The compiled ``[activity, year]`` cell of each slot (−1 where none)."""
        n_axis, n_units, n_years = self.shape
        slots = np.arange(n_axis * n_units * n_years)
        a = self.activity_of_axis.astype(np.intp)[slots // (n_units * n_years)]
        y = slots % n_years
        ok = (a < self.n_activities) & (y < self.n_years)
        return np.where(ok, a * self.n_years + y, -1)

    @cached_property
    def cell(self) -> npt.NDArray[np.intp]:
        """Each calculated row's compiled cell."""
        return self.slot_cell.take(self.slot)

    @cached_property
    def cell_sums(self) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.int64]]:
        """Kg CO2e and rows per compiled cell: one ``bincount`` per row, then per slot."""
        n_slots = int(np.prod(self.shape))
        sums = np.bincount(self.slot, weights=self.emissions, minlength=n_slots)
        counts = np.bincount(self.slot, minlength=n_slots)
        used = np.flatnonzero(counts)
        n_cells = self.n_activities * self.n_years
        cells = self.slot_cell[used]
        return (
            np.bincount(cells, weights=sums[used], minlength=n_cells).astype(np.float64),
            np.bincount(cells, weights=counts[used], minlength=n_cells).astype(np.int64),
        )


def calculate_chunk(table: ActivityTable, lookup: FactorLookup) -> ChunkResult:
    """Calculate every row of ``table`` with ``lookup``: the one calculation of klimatkalk.

    Pure: the result depends only on the two arguments, so chunks can be calculated anywhere
    (a Dask worker) and give the same numbers as the whole table at once.

    Examples
    --------
    >>> import pandas as pd
    >>> import klimatkalk as kk
    >>> rows = kk.ActivityTable.from_frame(pd.DataFrame({"year": [2024, 2024],
    ...     "activity": ["nitrous_oxide", "nitrous_oxide"], "quantity": [2, 1],
    ...     "unit": ["kg", "km"]}))
    >>> done = calculate_chunk(rows, factor_lookup(kk.load_factors()))
    >>> done.emissions.tolist(), done.rejected["reason"].tolist()  # 2 kg × 265 (AR5)
    ([530.0], ['unit_dimension_mismatch'])
    """
    compiled = lookup.compiled
    frame = table.frame
    written = frame["activity"]
    activity = resolve_activity_names(written, lookup.catalogue)  # labels name activities too
    if activity is not written:
        frame = frame.assign(activity=activity)
    n = len(frame)
    n_a, n_y = len(compiled.activities), compiled.n_years
    unit = frame["unit"]
    units, unit_errors = _parse_units(unit)
    positions = np.array(
        [lookup.activity_index.get(str(c), n_a) for c in activity.cat.categories],
        dtype=np.int32,
    )
    n_units, n_years = len(units) + 1, n_y + 1
    per_activity = n_units * n_years

    # The slot of each row, by integer arithmetic on the codes (a code of −1 is missing).
    # Slots are intp: numpy's gathers and bincount take them without a conversion.
    if (len(positions) + 1) * per_activity <= _MAX_INPUT_AXIS_CELLS:
        activity_of_axis = np.concatenate([[np.int32(n_a)], positions]).astype(np.int32)
        slot = _codes(activity).astype(np.intp)
        slot += 1
    else:  # very many activity categories: the catalogue is the axis, one gather per row
        activity_of_axis = np.arange(n_a + 1, dtype=np.int32)
        lut = np.append(positions, np.int32(n_a)).astype(np.intp)
        slot = lut.take(_codes(activity).astype(np.intp))
    slot *= per_activity
    part = _codes(unit).astype(np.intp)
    part += 1
    part *= n_years
    slot += part
    part[:] = frame["year"].to_numpy(dtype=np.int64, na_value=compiled.first_year - 1)
    part -= compiled.first_year
    clamped = False
    if compiled.fallback == "previous":  # a year after the last factor year takes the last one
        clamped = bool(part.max(initial=-1) >= n_y)
        np.minimum(part, n_y - 1, out=part)
    as_unsigned = part.view(np.uintp)  # a year before the first wraps to a huge number
    np.minimum(as_unsigned, np.uintp(n_y), out=as_unsigned)
    slot += part
    del part, as_unsigned

    # One gather from the [activity, unit, year] table: NaN wherever there is no factor.
    table_values = np.full((len(activity_of_axis), n_units, n_years), np.nan)
    known = activity_of_axis < n_a
    table_values[known, 1:, :n_y] = compiled.lookup_table(units)[activity_of_axis[known]]
    emissions = table_values.ravel().take(slot)
    quantity = frame["quantity"].to_numpy(dtype=np.float64)
    emissions *= quantity
    spend_problems: list[pd.DataFrame] = []
    incl = _vat_incl_rows(frame)
    if incl is not None:  # an amount incl. VAT: divided by 1 + the rate before the chain
        cell_of = _cell_of_slots(slot[incl], activity_of_axis, n_a, n_units, n_years, n_y)
        per_cell = np.where(
            np.isnan(compiled.vat_factor_ex_vat_input), 1.0, 1.0 / (1.0 + compiled.vat_rate)
        ).ravel()
        taken = np.where(cell_of >= 0, per_cell.take(np.maximum(cell_of, 0)), 1.0)
        no_rate = np.isnan(taken) & np.isfinite(emissions[incl])
        emissions[incl] *= taken
        spend_problems.append(
            _problem_rows(
                frame,
                np.flatnonzero(incl)[no_rate],
                "vat_basis",
                ErrorReason.NO_FACTOR,
                "the activity has no VAT rate (activity_vat.csv) to take the VAT off an amount "
                "entered incl. VAT",
            )
        )
    own = None
    if "own_factor" in frame and np.isfinite(frame["own_factor"].to_numpy(dtype=np.float64)).any():
        own, own_emissions, own_problems = _own_factor_emissions(
            frame, slot, activity_of_axis, n_a, n_units, n_years, n_y, units, quantity
        )
        emissions[own] = own_emissions[own]
        spend_problems.append(own_problems)
    if "abated_fraction" in frame:
        abated = frame["abated_fraction"].to_numpy(dtype=np.float64)
        emissions *= 1.0 - abated
        claimed = np.flatnonzero(abated > 0)  # NaN (unreadable) is a problem of its own
        if len(claimed):
            cell = _cell_of_slots(slot[claimed], activity_of_axis, n_a, n_units, n_years, n_y)
            gas = lookup.cells["gas"].to_numpy(dtype=object)
            in_co2e = (cell >= 0) & (gas.take(np.maximum(cell, 0)) == "CO2e")
            spend_problems.append(
                _problem_rows(
                    frame,
                    claimed[in_co2e],
                    "abated_fraction",
                    ErrorReason.INVALID_VALUE,
                    _NOT_A_GAS,
                )
            )

    problems = pd.concat([table.problems, *spend_problems], ignore_index=True)
    problems = problems.sort_values("row", kind="stable").drop_duplicates("row")
    finite = np.isfinite(emissions)
    problem_rows = problems["row"].to_numpy(dtype=np.intp)
    if len(problem_rows):
        finite[problem_rows] = False
    keep = None if finite.all() else np.flatnonzero(finite)
    rejected = (
        _rejected(table, problems, lookup, finite, slot, activity_of_axis, units, unit_errors)
        if keep is not None
        else _with_origin(pd.DataFrame(columns=list(PROBLEM_COLUMNS)), frame)
    )
    if keep is not None:
        emissions, slot = emissions[keep], slot[keep]
        if incl is not None:
            incl = incl[keep]
        if own is not None:
            own = own[keep]
    to_canonical = np.array([u.to_canonical if u else np.nan for u in units], dtype=np.float64)
    _check_sum_is_finite(emissions, table.file)
    return ChunkResult(
        frame=frame,
        n=n,
        keep=keep,
        emissions=emissions,
        slot=slot,
        shape=(len(activity_of_axis), n_units, n_years),
        activity_of_axis=activity_of_axis,
        n_activities=n_a,
        n_years=n_y,
        rejected=rejected,
        cell_is_year=not clamped and (own is None or not own.any()),
        unit_to_canonical=to_canonical,
        vat_incl=incl if incl is not None and incl.any() else None,
        own=own if own is not None and own.any() else None,
    )


def row_frame(chunk: ChunkResult, lookup: FactorLookup) -> pd.DataFrame:
    """Return the calculated rows: input columns, ``emissions_kg_co2e`` and the factor behind.

    Each provenance column is a gather from the lookup's per-cell table (codes for text);
    the input columns are not copied (copy-on-write keeps the input intact).
    """
    rows = chunk.frame if chunk.keep is None else chunk.frame.iloc[chunk.keep]
    cell = chunk.cell
    added: dict[str, object] = {"emissions_kg_co2e": chunk.emissions}
    for name, column in lookup.cells.items():
        if isinstance(column.dtype, pd.CategoricalDtype):
            codes = column.cat.codes.to_numpy().take(cell)
            added[str(name)] = pd.Categorical.from_codes(codes, dtype=column.dtype, validate=False)
        else:
            added[str(name)] = column.to_numpy().take(cell)
    # memo, outside the scopes (GHG Protocol): biogenic CO2 of the bio part of a fuel
    added["biogenic_co2_kg"] = chunk.emissions * lookup.compiled.biogenic_per_kg.ravel().take(cell)
    added.update(_spend_chain_columns(chunk, lookup, rows, cell))
    if chunk.own is not None:
        _mark_own_factor_rows(added, rows, chunk.own)
    return pd.concat([rows, pd.DataFrame(added, index=rows.index, copy=False)], axis=1)


def _spend_chain_columns(
    chunk: ChunkResult, lookup: FactorLookup, rows: pd.DataFrame, cell: npt.NDArray[np.intp]
) -> dict[str, object]:
    """Return the spend chain of each row, to redo it by hand, and its low–high range.

    ``spend_in_factor_basis = spend_entered_sek × vat_to_factor_basis × price_index_factor /
    exchange_rate × basic_price_factor``; the emissions are that times the factor's value.
    NaN for rows that are not spend.
    """
    compiled = lookup.compiled
    vat_factor = compiled.vat_factor_ex_vat_input.ravel().take(cell)
    spend = ~np.isnan(vat_factor)
    unit_codes = np.asarray(rows["unit"].array.codes).astype(np.intp)
    to_canonical = np.append(chunk.unit_to_canonical, np.nan).take(unit_codes)
    entered = np.where(spend, rows["quantity"].to_numpy(dtype=np.float64) * to_canonical, np.nan)
    if chunk.vat_incl is not None:
        rate = compiled.vat_rate.ravel().take(cell)
        vat_factor = np.where(chunk.vat_incl, vat_factor / (1.0 + rate), vat_factor)
    in_basis = (
        entered
        * vat_factor
        * compiled.price_index_factor.ravel().take(cell)
        / compiled.exchange_rate.ravel().take(cell)
        * compiled.basic_price_factor.ravel().take(cell)
    )
    return {
        "spend_entered_sek": entered,
        "vat_to_factor_basis": vat_factor,
        "spend_in_factor_basis": in_basis,
        "emissions_low_kg": chunk.emissions * compiled.low_ratio.ravel().take(cell),
        "emissions_high_kg": chunk.emissions * compiled.high_ratio.ravel().take(cell),
    }


def _mark_own_factor_rows(
    added: dict[str, object], rows: pd.DataFrame, own: npt.NDArray[np.bool_]
) -> None:
    """Rows with their own factor: that factor, its source and method, no catalogue chain."""
    added["own_factor_used"] = own
    method = np.array(pd.Series(added["method"]).astype(object), dtype=object)
    method[own] = rows["own_factor_method"].astype(object).to_numpy()[own]
    added["method"] = pd.Categorical(method, categories=list(METHODS))
    for name, value in (
        ("factor_id", None),
        ("source_id", rows["own_factor_source"]),
        ("factor_value", rows["own_factor"]),
        ("factor_unit", rows["own_factor_unit"]),
        ("factor_set", "own_factor"),
        ("factor_quality", None),
    ):
        column = np.array(pd.Series(added[name]).astype(object), dtype=object)
        given = value.astype(object).to_numpy()[own] if isinstance(value, pd.Series) else value
        column[own] = given
        added[name] = (
            column.astype(np.float64) if name == "factor_value" else pd.Categorical(column)
        )
    for name in (
        "spend_entered_sek",
        "vat_to_factor_basis",
        "spend_in_factor_basis",
        "emissions_low_kg",
        "emissions_high_kg",
        "price_index_factor",
        "exchange_rate",
        "basic_price_factor",
        "vat_rate",
    ):
        if name in added:
            column = np.asarray(added[name], dtype=np.float64).copy()
            column[own] = np.nan
            added[name] = column


def cell_totals(
    chunk: ChunkResult, lookup: FactorLookup, keys: list[str], column: str, scale: float
) -> pd.DataFrame:
    """Sum a chunk's emissions by cell columns (:data:`CELL_COLUMNS`) without a row frame.

    One ``bincount`` per row (:attr:`ChunkResult.cell_sums`), then a group-by of the small
    per-cell table. Valid when ``chunk.cell_is_year`` (no year was mapped onto another).
    """
    compiled = lookup.compiled
    sums, counts = chunk.cell_sums
    present = np.flatnonzero(counts)
    cells = lookup.cells.iloc[present].reset_index(drop=True)
    cells["year"] = pd.array(compiled.first_year + present % compiled.n_years, dtype="Int64")
    cells["activity"] = pd.Categorical(
        np.asarray(compiled.activities, dtype=object)[present // compiled.n_years]
    )
    values = pd.Series(sums[present] * scale, index=cells.index)
    grouped = values.groupby([cells[k] for k in keys], observed=True, sort=True).sum()
    return grouped.rename(column).reset_index()


def _check_sum_is_finite(emissions: npt.NDArray[np.float64], file: str) -> None:
    """Refuse finite rows whose sum is too large for a float (it would print ``inf``).

    Two reductions bound the sum; the exact check runs only when the bound is too large.
    """
    if len(emissions) == 0:
        return
    largest = max(abs(float(emissions.min())), abs(float(emissions.max())))
    if largest * len(emissions) < np.finfo(np.float64).max:
        return
    with np.errstate(over="ignore"):
        magnitude = float(np.sum(np.abs(emissions)))
    if not np.isfinite(magnitude):
        msg = (
            "the calculated rows sum to more than a float can hold (about 1.8e308 kg CO2e): "
            "check the quantities and their units"
        )
        raise ActivityDataError([Problem(file, None, "quantity", None, ErrorReason.TOO_LARGE, msg)])


def _codes(values: pd.Series) -> npt.NDArray[np.signedinteger]:
    """Return the categorical codes of a column, not copied (``.cat.codes`` copies them)."""
    array = values.array
    if not isinstance(array, pd.Categorical):
        msg = f"column {values.name!r} is not categorical: pass it through ActivityTable.from_frame"
        raise TypeError(msg)
    return np.asarray(array.codes)


def _parse_units(values: pd.Series) -> tuple[list[UnitInfo | None], dict[int, UnitError]]:
    """Parse each distinct unit string once."""
    units: list[UnitInfo | None] = []
    errors: dict[int, UnitError] = {}
    for i, text in enumerate(values.cat.categories):
        try:
            units.append(parse_activity_unit(str(text)))
        except UnitError as exc:
            units.append(None)
            errors[i] = exc
    return units, errors


def _rejected(
    table: ActivityTable,
    problems: pd.DataFrame,
    lookup: FactorLookup,
    accepted: npt.NDArray[np.bool_],
    slot: npt.NDArray[np.intp],
    activity_of_axis: npt.NDArray[np.int32],
    units: list[UnitInfo | None],
    unit_errors: dict[int, UnitError],
) -> pd.DataFrame:
    """One line per rejected row: the first problem found, in input-column order.

    Reasons and messages are looked up per distinct code (activity, unit, cell status), never
    built per row.
    """
    compiled = lookup.compiled
    frame = table.frame
    input_bad = np.zeros(len(frame), dtype=bool)
    input_bad[problems["row"].to_numpy(dtype=np.intp)] = True
    bad = np.flatnonzero(~accepted & ~input_bad)
    lines: list[pd.DataFrame] = [problems]
    if len(bad):
        n_a, n_y = len(compiled.activities), compiled.n_years
        n_units, n_years = len(units) + 1, n_y + 1
        axis, rest = np.divmod(slot[bad], n_units * n_years)
        u, y = np.divmod(rest, n_years)
        u -= 1  # the unit axis starts with the missing unit
        u[u < 0] = len(units)  # … which picks the "empty unit" entry appended below
        a_idx = activity_of_axis[axis]
        a = np.where(a_idx < n_a, a_idx, -1)  # sentinel -> -1: unknown activity
        year_ok = y < n_y
        y = np.minimum(y, n_y - 1)  # rows without a usable year are marked apart
        dims = list(DIMENSIONS)
        unit_dim = np.array([dims.index(i.dimension) if i else -1 for i in units] + [-1])
        activity_unknown = a < 0
        unit_unknown = ~activity_unknown & (unit_dim[u] < 0)
        wrong_dim = (
            ~activity_unknown
            & ~unit_unknown
            & ~dimension_fit_table()[compiled.dimension[np.maximum(a, 0)], unit_dim[u]]
        )
        no_year = ~activity_unknown & ~unit_unknown & ~wrong_dim & ~year_ok
        status = np.where(no_year, -1, compiled.status[np.maximum(a, 0), y])
        has_any: npt.NDArray[np.bool_] = np.asarray((compiled.factor_row >= 0).any(axis=1))
        never = ~has_any[np.maximum(a, 0)]
        # One code per row, then reason and message per code.
        code = np.select(
            [activity_unknown, unit_unknown, wrong_dim, no_year, (status == 1) & never],
            [0, 1, 2, 3, 4],
            default=5 + np.maximum(status, 0),
        )
        column = np.empty(len(bad), dtype=object)
        reason = np.empty(len(bad), dtype=object)
        message = np.empty(len(bad), dtype=object)
        for c, (col, why, text) in _reasons(compiled).items():
            mask = code == c
            column[mask], reason[mask], message[mask] = col, why, text
        if wrong_dim.any():  # what to give instead, once per (activity, unit) dimension pair
            pair = compiled.dimension[a[wrong_dim]] * len(dims) + unit_dim[u[wrong_dim]]
            distinct, inverse = np.unique(pair, return_inverse=True)
            said = [dimension_mismatch(dims[p % len(dims)], dims[p // len(dims)]) for p in distinct]
            message[wrong_dim] = np.asarray(said, dtype=object)[inverse]
        if activity_unknown.any():  # "did you mean …", once per distinct unknown name
            names = frame["activity"].cat
            codes = names.codes.to_numpy()[bad[activity_unknown]]
            distinct, inverse = np.unique(codes, return_inverse=True)
            said = [
                unknown_activity_message(str(names.categories[c]), lookup.catalogue)
                for c in distinct
            ]
            message[activity_unknown] = np.asarray(said, dtype=object)[inverse]
        if unit_unknown.any():
            per_unit = np.array(
                [
                    (unit_errors[i].reason.value, unit_errors[i].message)
                    if i in unit_errors
                    else (ErrorReason.UNKNOWN_UNIT.value, "unknown unit")
                    for i in range(len(units))
                ]
                + [(ErrorReason.MISSING_VALUE.value, "the unit is empty")],
                dtype=object,
            )
            column[unit_unknown] = "unit"
            reason[unit_unknown] = per_unit[u[unit_unknown], 0]
            message[unit_unknown] = per_unit[u[unit_unknown], 1]
        # the cells as written in the file, for the user to find them (not the cleaned keys)
        source = {
            "activity": table.written("activity"),
            "unit": table.written("unit"),
            "year": frame["year"],
        }
        value = np.empty(len(bad), dtype=object)
        for col, series in source.items():
            mask = column == col
            value[mask] = series.iloc[bad[mask]].to_numpy(dtype=object)
        lines.append(
            pd.DataFrame(
                {"row": bad, "column": column, "value": value, "reason": reason, "message": message}
            )
        )
    present = [x for x in lines if len(x)]
    rejected = (
        pd.concat(present, ignore_index=True)
        if present
        else pd.DataFrame(columns=list(PROBLEM_COLUMNS))
    )
    return _with_origin(rejected.sort_values("row", kind="stable", ignore_index=True), frame)


def _vat_incl_rows(frame: pd.DataFrame) -> npt.NDArray[np.bool_] | None:
    """Rows whose amount was entered incl. VAT (``None`` when there are none)."""
    if "vat_basis" not in frame:
        return None
    column = frame["vat_basis"]
    if not isinstance(column.dtype, pd.CategoricalDtype) or "incl" not in column.cat.categories:
        return None
    incl = np.asarray(column.array.codes) == column.cat.categories.get_loc("incl")
    return incl if incl.any() else None


_NOT_A_GAS: Final = (
    "abated_fraction is the share of a gas destroyed or captured (nitrous oxide, anaesthetic "
    "gases, refrigerants); this activity's factor is in CO2e, not a gas emitted as itself"
)


def _cell_of_slots(
    slot: npt.NDArray[np.intp],
    activity_of_axis: npt.NDArray[np.int32],
    n_a: int,
    n_units: int,
    n_years: int,
    n_y: int,
) -> npt.NDArray[np.intp]:
    """Return the compiled ``[activity, year]`` cell of each slot (−1: unknown activity/year)."""
    axis, rest = np.divmod(slot, n_units * n_years)
    y = rest % n_years
    a = activity_of_axis.astype(np.intp).take(axis)
    return np.where((a < n_a) & (y < n_y), a * n_y + y, -1)


def _problem_rows(
    frame: pd.DataFrame, rows: npt.NDArray[np.intp], column: str, reason: ErrorReason, text: str
) -> pd.DataFrame:
    """Problem lines (:data:`PROBLEM_COLUMNS`) of ``rows``, all for one reason."""
    values = frame[column].to_numpy()[rows] if column in frame else [None] * len(rows)
    return pd.DataFrame(
        {"row": rows, "column": column, "value": values, "reason": reason.value, "message": text},
        columns=list(PROBLEM_COLUMNS),
    )


def _own_factor_emissions(
    frame: pd.DataFrame,
    slot: npt.NDArray[np.intp],
    activity_of_axis: npt.NDArray[np.int32],
    n_a: int,
    n_units: int,
    n_years: int,
    n_y: int,
    units: list[UnitInfo | None],
    quantity: npt.NDArray[np.float64],
) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.float64], pd.DataFrame]:
    """Emissions of the rows that carry their own factor (a supplier's value).

    The own factor's unit is parsed once per distinct text; it must be per the kind of quantity
    the row is in (a laundry's ``kg CO2e / kg`` for a row in kg, whatever the catalogue
    activity is measured in). The activity must be in the catalogue and the year in the factor
    set's years (they give the row its category and scope).
    """
    value = frame["own_factor"].to_numpy(dtype=np.float64)
    given = np.isfinite(value)
    own_units = frame["own_factor_unit"].cat
    dims = list(DIMENSIONS)
    per_kg: list[float] = []
    own_dim: list[int] = []
    for text in own_units.categories:
        try:
            parsed = parse_factor_unit(str(text), "CO2e")
        except UnitError:  # one message for every bad own unit, below
            per_kg.append(np.nan)
            own_dim.append(-1)
            continue
        per_kg.append(parsed.to_kg_per_canonical)
        own_dim.append(dims.index(parsed.denominator.dimension))
    own_code = np.asarray(own_units.codes).astype(np.intp)
    kg_of = np.append(np.asarray(per_kg, dtype=np.float64), np.nan).take(own_code)
    dim_of = np.append(np.asarray(own_dim, dtype=np.int64), -1).take(own_code)
    row_unit = np.asarray(frame["unit"].array.codes).astype(np.intp)
    unit_dim = np.array([dims.index(u.dimension) if u else -1 for u in units] + [-1])
    to_canonical = np.array([u.to_canonical if u else np.nan for u in units] + [np.nan])
    r_dim = unit_dim.take(row_unit)
    fits = dimension_fit_table()[np.maximum(dim_of, 0), np.maximum(r_dim, 0)]
    fits &= (dim_of >= 0) & (r_dim >= 0)
    cell = _cell_of_slots(slot, activity_of_axis, n_a, n_units, n_years, n_y)
    bad_unit = given & (dim_of < 0)
    wrong_kind = given & ~bad_unit & (r_dim >= 0) & ~fits
    emissions = quantity * to_canonical.take(row_unit) * value * kg_of
    own = given & fits & (cell >= 0)
    problems = [
        _problem_rows(
            frame,
            np.flatnonzero(bad_unit),
            "own_factor_unit",
            ErrorReason.UNKNOWN_UNIT,
            "write the own factor's unit as '<mass> CO2e / <unit>', e.g. kg CO2e / kg",
        ),
        _problem_rows(
            frame,
            np.flatnonzero(wrong_kind),
            "own_factor_unit",
            ErrorReason.UNIT_DIMENSION_MISMATCH,
            "the own factor is per another kind of quantity than the row's unit",
        ),
    ]
    return own, emissions, pd.concat(problems, ignore_index=True)


def _with_origin(rejected: pd.DataFrame, frame: pd.DataFrame) -> pd.DataFrame:
    """Add where each rejected row came from (file, sheet, row), when the rows know it."""
    for origin in ("origin_file", "origin_sheet", "origin_row"):
        if origin in frame:
            rejected[origin] = frame[origin].to_numpy()[rejected["row"].to_numpy(dtype=np.intp)]
    return rejected


def _reasons(compiled: CompiledFactors) -> dict[int, tuple[str, str, str]]:
    """Column, reason and message of each rejection code of :func:`_rejected` but units."""
    last = compiled.first_year + compiled.n_years - 1
    return {
        0: (
            "activity",
            ErrorReason.UNKNOWN_ACTIVITY.value,
            "not in the activity catalogue (see klimatkalk factors list)",
        ),
        2: (
            "unit",
            ErrorReason.UNIT_DIMENSION_MISMATCH.value,
            "the unit is of another kind than the activity is measured in",
        ),
        3: (
            "year",
            ErrorReason.YEAR_NOT_COVERED.value,
            f"the factor set covers {compiled.first_year}–{last}",
        ),
        4: (
            "activity",
            ErrorReason.NO_FACTOR.value,
            f"the factor set has no {compiled.boundary} factor for this activity in any "
            "year: add one in your own factor folder (or choose the other boundary)",
        ),
        6: (
            "year",
            ErrorReason.YEAR_NOT_COVERED.value,
            "no emission factor for this activity, year and boundary "
            "(fallback='previous' uses an earlier year's)",
        ),
        7: (
            "activity",
            ErrorReason.GWP_NOT_AVAILABLE.value,
            "the factor's gas has no GWP in this GWP set",
        ),
        8: (
            "year",
            ErrorReason.YEAR_NOT_COVERED.value,
            "no price index (kpi.csv) for this year to deflate spend",
        ),
        9: (
            "activity",
            ErrorReason.NO_FACTOR.value,
            "the high-altitude multiplier applies to the combustion part of the factor, "
            "and the factor set has no combustion factor for this activity and year "
            "(or pass high_altitude=False)",
        ),
    }


def _cell_columns(
    factors: FactorTable, compiled: CompiledFactors, cell: npt.NDArray[np.intp]
) -> dict[str, object]:
    """Return the chosen factor and the activity's catalogue entry for each cell.

    Each column is one small per-cell table (activity × year) gathered by ``cell``: categorical
    codes for text, values for numbers.
    """
    table = factors.factors
    row_of_cell = compiled.factor_row.ravel()
    has = row_of_cell >= 0
    safe = np.where(has, row_of_cell, 0)
    columns: dict[str, object] = {}
    for out, name in (
        ("factor_id", "factor_id"),
        ("source_id", "source_id"),
        ("factor_value", "value"),
        ("factor_unit", "unit"),
        ("gas", "gas"),
        ("factor_gwp_set", "gwp_set"),
        ("boundary", "boundary"),
        ("factor_set", "factor_set"),
        ("factor_quality", "quality"),
    ):
        if name == "value":
            columns[out] = table[name].to_numpy(dtype=np.float64)[safe].take(cell)
            continue
        codes, uniques = pd.factorize(table[name], use_na_sentinel=True)
        per_cell = np.where(has, codes[safe], -1).astype(np.int16)
        columns[out] = pd.Categorical.from_codes(
            per_cell.take(cell), dtype=pd.CategoricalDtype(pd.Index(uniques)), validate=False
        )
    price_year = pd.to_numeric(table["price_year"], errors="coerce").to_numpy(dtype=np.float64)
    columns["price_year"] = np.where(has, price_year[safe], np.nan).take(cell)
    columns["factor_year"] = compiled.factor_year.ravel().take(cell)
    columns["gwp"] = compiled.gwp.ravel().take(cell)
    columns["high_altitude_multiplier"] = compiled.high_altitude.ravel().take(cell)
    columns["boundary_fallback"] = compiled.boundary_fallback.ravel().take(cell)
    columns["gwp_basis"] = pd.Categorical.from_codes(
        compiled.gwp_basis.ravel().take(cell),
        dtype=pd.CategoricalDtype(pd.Index(GWP_BASES)),
        validate=False,
    )
    for name in ("price_index_factor", "exchange_rate", "basic_price_factor", "vat_rate"):
        columns[name] = getattr(compiled, name).ravel().take(cell)
    columns["factor_vat_basis"] = pd.Categorical.from_codes(
        compiled.factor_vat_basis.ravel().take(cell),
        dtype=pd.CategoricalDtype(pd.Index(VAT_BASES)),
        validate=False,
    )
    columns["method"] = pd.Categorical.from_codes(
        compiled.method.ravel().take(cell),
        dtype=pd.CategoricalDtype(pd.Index(METHODS)),
        validate=False,
    )
    catalogue = [factors.activities[a] for a in compiled.activities]
    activity_of_cell = np.repeat(np.arange(len(catalogue)), compiled.n_years)
    for name in ("category", "subcategory"):
        codes, uniques = pd.factorize(pd.Series([getattr(c, name) for c in catalogue]))
        per_cell = codes.astype(np.int16)[activity_of_cell]
        columns[name] = pd.Categorical.from_codes(
            per_cell.take(cell), dtype=pd.CategoricalDtype(pd.Index(uniques)), validate=False
        )
    scope = np.array([c.scope for c in catalogue], dtype=np.int8)
    columns["scope"] = scope[activity_of_cell].take(cell)
    return columns
