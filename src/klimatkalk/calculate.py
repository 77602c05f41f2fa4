"""Calculation: activity rows × emission factors → kg CO2e, vectorised.

The factor set compiles once into a table ``[activity, unit, year]`` of kg CO2e per input unit
(:mod:`klimatkalk.factors.compile`); pint runs once per distinct unit string. The arithmetic is
:func:`klimatkalk.chunk.calculate_chunk`, the same function :mod:`klimatkalk.dask` maps over
partitions: integer codes, one gather and one multiply, no per-row Python.
"""

from __future__ import annotations

import dataclasses
from typing import Literal

import numpy as np
import numpy.typing as npt
import pandas as pd

from klimatkalk.activity_data import PROBLEM_COLUMNS, ActivityTable
from klimatkalk.chunk import ChunkResult, FactorLookup, calculate_chunk, factor_lookup
from klimatkalk.errors import ErrorReason, InputRowsError, Problem
from klimatkalk.factors.gwp import gwp_set_name
from klimatkalk.factors.high_altitude import HighAltitude
from klimatkalk.factors.library import FactorTable, load_factors
from klimatkalk.results import CalculatedRows, EmissionsResult

__all__ = ["calculate_emissions"]


def calculate_emissions(
    activities: ActivityTable | pd.DataFrame,
    factors: FactorTable | None = None,
    *,
    gwp_set: str = "AR5GWP100",
    boundary: Literal["lifecycle", "combustion"] = "lifecycle",
    fallback: Literal["none", "previous"] = "none",
    high_altitude: HighAltitude = True,
    strict: bool = False,
    strict_gwp: bool = False,
) -> EmissionsResult:
    """Turn activity rows into kg CO2e with sourced emission factors.

    Parameters
    ----------
    activities : ActivityTable or DataFrame
        The activity rows (a DataFrame is validated with :meth:`ActivityTable.from_frame`).
    factors : FactorTable, optional
        The factor set; the bundled one (:func:`klimatkalk.load_factors`) by default.
    gwp_set : {"AR5GWP100", "AR6GWP100", "AR4GWP100"}
        GWP set for factors given per gas (N2O, anaesthetic gases, refrigerants); in any case,
        and ``"AR6"`` short for ``"AR6GWP100"``.
    boundary : {"lifecycle", "combustion"}
        ``lifecycle`` (well-to-wheel, the Swedish tools' convention) or ``combustion``
        (tank-to-wheel, direct emissions only) for factors that distinguish them.
    fallback : {"none", "previous"}
        What to do with a year that has no factor: reject the row (``"none"``), or use the
        latest earlier year's factor and record it in ``factor_year`` (``"previous"``).
    high_altitude : bool or float
        Aviation's high-altitude effect (:mod:`klimatkalk.factors.high_altitude`): ``True``
        applies the factor set's multiplier (``high_altitude.csv``) to the CO2 of the combustion
        part of flight factors (the whole combustion value where its gases are not given),
        ``False`` none (as the official inventory), a number that multiplier instead.
        Each row records it in ``high_altitude_multiplier``.
    strict : bool
        Raise :class:`klimatkalk.errors.InputRowsError` listing every bad row instead of
        returning them in ``result.rejected``.
    strict_gwp : bool
        Refuse to mix GWP sets. By default (``False``) a factor that its publisher gives only
        as CO2e in another GWP set than ``gwp_set`` (``gwp_basis`` ``other_set``), or in a set
        it does not state (``set_not_stated``), is used as published and each result row says
        so in ``gwp_basis``: ``result.totals(by="gwp_basis")`` shows how much of the total is
        not in the chosen set. With ``True`` such rows are rejected instead (reason
        ``gwp_set_mismatch``, the factor and its set in the message), so that every kg in the
        result is in ``gwp_set``; a factor of 0 is 0 in every set and is kept.

    Returns
    -------
    EmissionsResult
        ``rows`` (input columns + ``emissions_kg_co2e``, ``factor_id``, ``source_id``,
        ``category``, ``scope`` …), ``rejected`` and ``totals()``.

    Examples
    --------
    100 l of Swedish pump diesel and 2 kg of nitrous oxide in 2024:

    >>> import pandas as pd
    >>> import klimatkalk as kk
    >>> acts = pd.DataFrame({"year": [2024, 2024], "activity": ["diesel", "nitrous_oxide"],
    ...                      "quantity": [100, 2], "unit": ["l", "kg"]})
    >>> res = kk.calculate_emissions(acts)
    >>> float(res.rows.loc[1, "emissions_kg_co2e"])  # 2 kg × 265 (AR5 GWP100 of N2O)
    530.0
    """
    table = (
        activities
        if isinstance(activities, ActivityTable)
        else ActivityTable.from_frame(activities)
    )
    factors = load_factors() if factors is None else factors
    gwp_set = gwp_set_name(gwp_set)  # "ar6gwp100" and "AR6" name AR6GWP100
    lookup = factor_lookup(factors, gwp_set, boundary, fallback, high_altitude)
    chunk = calculate_chunk(table, lookup)
    if strict_gwp:
        chunk = _refuse_mixed_gwp(chunk, lookup, factors, table)
    rejected = chunk.rejected
    if strict and len(rejected):
        where = _where_in_file(table, rejected["row"].to_numpy(dtype=np.intp))
        raise InputRowsError(
            [
                Problem(
                    file,
                    row,
                    str(r["column"]),
                    r["value"],
                    ErrorReason(str(r["reason"])),
                    str(r["message"]),
                )
                for (file, row), r in zip(where, rejected.to_dict("records"), strict=True)
            ]
        )
    return EmissionsResult(
        rejected=rejected,
        factors=factors,
        gwp_set=gwp_set,
        boundary=boundary,
        fallback=fallback,
        high_altitude=high_altitude,
        n_input=chunk.n,
        file=table.file,
        parts=CalculatedRows(frame=chunk.frame, chunk=chunk, lookup=lookup),
        strict_gwp=strict_gwp,
    )


def _refuse_mixed_gwp(
    chunk: ChunkResult, lookup: FactorLookup, factors: FactorTable, table: ActivityTable
) -> ChunkResult:
    """Move the rows whose factor is CO2e in another or an unstated GWP set to the rejected.

    A cell's status is known per factor cell, so the test is one gather per row; the messages
    are built per distinct cell.
    """
    from klimatkalk.factors.compile import GWP_BASES

    compiled = lookup.compiled
    other, unstated = GWP_BASES.index("other_set"), GWP_BASES.index("set_not_stated")
    basis = compiled.gwp_basis.ravel()
    mixed_cell = ((basis == other) | (basis == unstated)) & (compiled.kg_per_canonical.ravel() != 0)
    cell = chunk.cell
    mixed = mixed_cell.take(cell)
    if not mixed.any():
        return chunk
    positions = np.arange(chunk.n) if chunk.keep is None else chunk.keep
    bad_rows = positions[mixed]
    frame = factors.factors
    messages = {}
    for c in np.unique(cell[mixed]):
        row = frame.iloc[int(compiled.factor_row.ravel()[c])]
        published = row["gwp_set"]
        given = (
            f"in {published}"
            if isinstance(published, str) and published
            else "in a GWP set its publisher does not state"
        )
        messages[int(c)] = (
            f"strict_gwp: the factor {row['factor_id']} ({row['source_id']}) is a CO2e value "
            f"{given}, not {compiled.gwp_set}; without strict_gwp it is used as published and "
            "marked in gwp_basis"
        )
    added = pd.DataFrame(
        {
            "row": bad_rows,
            "column": "activity",
            "value": table.written("activity").iloc[bad_rows].to_numpy(dtype=object),
            "reason": ErrorReason.GWP_SET_MISMATCH.value,
            "message": [messages[int(c)] for c in cell[mixed]],
        }
    )
    for origin in ("origin_file", "origin_sheet", "origin_row"):
        if origin in chunk.frame:
            added[origin] = chunk.frame[origin].to_numpy()[bad_rows]
    parts = [x for x in (chunk.rejected, added) if len(x)]
    rejected = pd.concat(parts, ignore_index=True).sort_values(
        "row", kind="stable", ignore_index=True
    )
    if rejected.empty:
        rejected = pd.DataFrame(columns=list(PROBLEM_COLUMNS))
    keep = positions[~mixed]
    return dataclasses.replace(
        chunk,
        keep=keep,
        emissions=chunk.emissions[~mixed],
        slot=chunk.slot[~mixed],
        rejected=rejected,
    )


def _where_in_file(table: ActivityTable, rows: npt.NDArray[np.intp]) -> list[tuple[str, int]]:
    """Each row's file (and sheet) and the row number the user sees there (Excel's, a CSV line).

    Rows read from a file carry ``origin_file``/``origin_sheet``/``origin_row``; rows of an
    in-memory frame are cited by their 0-based position.
    """
    frame = table.frame
    if "origin_row" not in frame:
        return [(table.file, int(r)) for r in rows]
    numbers = pd.to_numeric(frame["origin_row"], errors="coerce").to_numpy()[rows]
    files = (
        frame["origin_file"].astype(object).to_numpy()[rows]
        if "origin_file" in frame
        else [table.file] * len(rows)
    )
    sheets = (
        frame["origin_sheet"].astype(object).to_numpy()[rows]
        if "origin_sheet" in frame
        else [None] * len(rows)
    )
    out = []
    for file, sheet, number, row in zip(files, sheets, numbers, rows, strict=True):
        name = str(file) if isinstance(file, str) and file else table.file
        if isinstance(sheet, str) and sheet:
            name += f" ({sheet})"
        out.append((name, int(number) if np.isfinite(number) else int(row)))
    return out
