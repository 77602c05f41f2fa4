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
from klimatkalk.factors.compile import GWP_BASES, CompiledFactors, compile_factors
from klimatkalk.factors.high_altitude import HighAltitude
from klimatkalk.factors.library import FactorTable
from klimatkalk.factors.names import resolve_activity_names, unknown_activity_message
from klimatkalk.units import (
    DIMENSIONS,
    UnitInfo,
    dimension_fit_table,
    dimension_mismatch,
    parse_activity_unit,
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
    cell_is_year: bool  # False when fallback="previous" mapped later years onto the last

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
    emissions *= frame["quantity"].to_numpy(dtype=np.float64)
    if "abated_fraction" in frame:
        emissions *= 1.0 - frame["abated_fraction"].to_numpy(dtype=np.float64)

    finite = np.isfinite(emissions)
    problem_rows = table.problems["row"].to_numpy(dtype=np.intp)
    if len(problem_rows):
        finite[problem_rows] = False
    keep = None if finite.all() else np.flatnonzero(finite)
    rejected = (
        _rejected(table, lookup, finite, slot, activity_of_axis, units, unit_errors)
        if keep is not None
        else _with_origin(pd.DataFrame(columns=list(PROBLEM_COLUMNS)), frame)
    )
    if keep is not None:
        emissions, slot = emissions[keep], slot[keep]
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
        cell_is_year=not clamped,
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
    return pd.concat([rows, pd.DataFrame(added, index=rows.index, copy=False)], axis=1)


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
    input_bad[table.problems["row"].to_numpy(dtype=np.intp)] = True
    bad = np.flatnonzero(~accepted & ~input_bad)
    lines: list[pd.DataFrame] = [table.problems]
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
        source = {"activity": frame["activity"], "unit": frame["unit"], "year": frame["year"]}
        value = np.empty(len(bad), dtype=object)
        for col, series in source.items():
            mask = column == col
            value[mask] = series.to_numpy()[bad[mask]]
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
    columns["factor_year"] = compiled.factor_year.ravel().take(cell)
    columns["gwp"] = compiled.gwp.ravel().take(cell)
    columns["high_altitude_multiplier"] = compiled.high_altitude.ravel().take(cell)
    columns["boundary_fallback"] = compiled.boundary_fallback.ravel().take(cell)
    columns["gwp_basis"] = pd.Categorical.from_codes(
        compiled.gwp_basis.ravel().take(cell),
        dtype=pd.CategoricalDtype(pd.Index(GWP_BASES)),
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
