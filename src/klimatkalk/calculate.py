"""Calculation: activity rows × emission factors → kg CO2e, vectorised.

The factor set compiles once into a table ``[activity, unit, year]`` of kg CO2e per input unit
(:mod:`klimatkalk.factors.compile`); pint runs once per distinct unit string. The arithmetic is
:func:`klimatkalk.chunk.calculate_chunk`, the same function :mod:`klimatkalk.dask` maps over
partitions: integer codes, one gather and one multiply, no per-row Python.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import numpy.typing as npt
import pandas as pd

from klimatkalk.activity_data import ActivityTable
from klimatkalk.chunk import calculate_chunk, factor_lookup
from klimatkalk.errors import ErrorReason, InputRowsError, Problem
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
) -> EmissionsResult:
    """Turn activity rows into kg CO2e with sourced emission factors.

    Parameters
    ----------
    activities : ActivityTable or DataFrame
        The activity rows (a DataFrame is validated with :meth:`ActivityTable.from_frame`).
    factors : FactorTable, optional
        The factor set; the bundled one (:func:`klimatkalk.load_factors`) by default.
    gwp_set : {"AR5GWP100", "AR6GWP100", "AR4GWP100"}
        GWP set for factors given per gas (N2O, anaesthetic gases, refrigerants).
    boundary : {"lifecycle", "combustion"}
        ``lifecycle`` (well-to-wheel, the Swedish tools' convention) or ``combustion``
        (tank-to-wheel, direct emissions only) for factors that distinguish them.
    fallback : {"none", "previous"}
        What to do with a year that has no factor: reject the row (``"none"``), or use the
        latest earlier year's factor and record it in ``factor_year`` (``"previous"``).
    high_altitude : bool or float
        Aviation's high-altitude effect (:mod:`klimatkalk.factors.high_altitude`): ``True``
        applies the factor set's multiplier (``high_altitude.csv``) to the combustion part of flight
        factors, ``False`` none (as the official inventory), a number that multiplier instead.
        Each row records it in ``high_altitude_multiplier``.
    strict : bool
        Raise :class:`klimatkalk.errors.InputRowsError` listing every bad row instead of
        returning them in ``result.rejected``.

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
    lookup = factor_lookup(factors, gwp_set, boundary, fallback, high_altitude)
    chunk = calculate_chunk(table, lookup)
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
