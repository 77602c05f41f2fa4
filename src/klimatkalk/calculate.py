"""Calculation: activity rows × emission factors → kg CO2e, vectorised.

The factor set compiles once into a table ``[activity, unit, year]`` of kg CO2e per input unit
(:mod:`klimatkalk.factors.compile`); pint runs once per distinct unit string. The hot path is one
gather and one multiply over integer codes: no per-row Python, no per-row pint object.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Literal

import numpy as np
import numpy.typing as npt
import pandas as pd

from klimatkalk.activity_data import PROBLEM_COLUMNS, ActivityTable
from klimatkalk.errors import ActivityDataError, ErrorReason, InputRowsError, Problem, UnitError
from klimatkalk.factors.compile import CompiledFactors, compile_factors
from klimatkalk.factors.high_altitude import HighAltitude
from klimatkalk.factors.library import FactorTable, load_factors
from klimatkalk.factors.names import resolve_activity_names, unknown_activity_message
from klimatkalk.results import CalculatedRows, EmissionsResult
from klimatkalk.units import DIMENSIONS, UnitInfo, parse_activity_unit

if TYPE_CHECKING:
    from klimatkalk.factors.activities import Activity

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
    compiled = compile_factors(factors, gwp_set, boundary, fallback, high_altitude)
    frame = table.frame
    written = frame["activity"]
    codes = resolve_activity_names(written, factors.activities)  # labels name activities too
    if codes is not written:
        frame = frame.assign(activity=codes)
    n = len(frame)

    # Integer codes per row, each with a sentinel one past the end of its axis for an unknown
    # or missing value: the activity and unit remaps are gathers from per-category tables.
    units, unit_errors = _parse_units(frame["unit"])
    n_a, n_u, n_y = len(compiled.activities), len(units), compiled.n_years
    a_idx = _category_index(frame["activity"], compiled.activities)
    u_idx = np.append(np.arange(n_u, dtype=np.int32), np.int32(n_u))[
        frame["unit"].cat.codes.to_numpy()
    ]
    years = frame["year"].to_numpy(dtype=np.int64, na_value=-1)
    y_idx = (years - compiled.first_year).astype(np.int32)
    if fallback == "previous":  # a year after the last factor year takes the last column
        np.minimum(y_idx, n_y - 1, out=y_idx)
    year_ok = (y_idx >= 0) & (y_idx < n_y)
    y_idx[~year_ok] = n_y

    # One gather from the [activity, unit, year] table; the sentinels point at NaN cells.
    lookup = np.full((n_a + 1, n_u + 1, n_y + 1), np.nan)
    lookup[:n_a, :n_u, :n_y] = compiled.lookup_table(units)
    flat = a_idx * np.int32((n_u + 1) * (n_y + 1))
    flat += u_idx * np.int32(n_y + 1)
    flat += y_idx
    emissions = lookup.ravel().take(flat)
    del flat
    emissions *= frame["quantity"].to_numpy(dtype=np.float64)
    if "abated_fraction" in frame:
        emissions *= 1.0 - frame["abated_fraction"].to_numpy(dtype=np.float64)

    input_bad = np.zeros(n, dtype=bool)
    input_bad[table.problems["row"].to_numpy(dtype=np.intp)] = True
    accepted = ~input_bad & np.isfinite(emissions)
    _check_sum_is_finite(emissions, accepted, table.file)

    rejected = _rejected(
        table,
        compiled,
        accepted=accepted,
        input_bad=input_bad,
        a_idx=a_idx,
        u_idx=u_idx,
        y_idx=y_idx,
        year_ok=year_ok,
        units=units,
        unit_errors=unit_errors,
        catalogue=factors.activities,
    )
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

    keep = None if accepted.all() else np.flatnonzero(accepted)
    if keep is not None:
        emissions, a_idx, y_idx = emissions[keep], a_idx[keep], y_idx[keep]
    clamped = fallback == "previous" and bool((years >= compiled.first_year + n_y).any())
    return EmissionsResult(
        rejected=rejected,
        factors=factors,
        gwp_set=gwp_set,
        boundary=boundary,
        fallback=fallback,
        high_altitude=high_altitude,
        n_input=n,
        file=table.file,
        parts=CalculatedRows(
            frame=frame,
            keep=keep,
            emissions=emissions,
            cell=a_idx * n_y + y_idx,
            compiled=compiled,
            cell_is_year=not clamped,
        ),
    )


def _check_sum_is_finite(
    emissions: npt.NDArray[np.float64], accepted: npt.NDArray[np.bool_], file: str
) -> None:
    """Refuse finite rows whose sum is too large for a float (it would print ``inf``)."""
    with np.errstate(over="ignore"):
        magnitude = float(np.sum(np.abs(emissions), where=accepted))
    if not np.isfinite(magnitude):
        msg = (
            "the calculated rows sum to more than a float can hold (about 1.8e308 kg CO2e): "
            "check the quantities and their units"
        )
        raise ActivityDataError([Problem(file, None, "quantity", None, ErrorReason.TOO_LARGE, msg)])


def _category_index(values: pd.Series, known: list[str]) -> npt.NDArray[np.int32]:
    """Index into ``known`` for each row (``len(known)`` where unknown), computed per category."""
    position = {code: i for i, code in enumerate(known)}
    sentinel = len(known)
    per_category = np.array(
        [position.get(c, sentinel) for c in values.cat.categories] + [sentinel], dtype=np.int32
    )
    return per_category[values.cat.codes.to_numpy()]


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
    compiled: CompiledFactors,
    *,
    accepted: npt.NDArray[np.bool_],
    input_bad: npt.NDArray[np.bool_],
    a_idx: npt.NDArray[np.int32],
    u_idx: npt.NDArray[np.int32],
    y_idx: npt.NDArray[np.int32],
    year_ok: npt.NDArray[np.bool_],
    units: list[UnitInfo | None],
    unit_errors: dict[int, UnitError],
    catalogue: Mapping[str, Activity],
) -> pd.DataFrame:
    """One line per rejected row: the first problem found, in input-column order.

    Reasons and messages are looked up per distinct code (activity, unit, cell status), never
    built per row.
    """
    frame = table.frame
    bad = np.flatnonzero(~accepted & ~input_bad)
    lines: list[pd.DataFrame] = [table.problems]
    if len(bad):
        n_a, n_y = len(compiled.activities), compiled.n_years
        a = np.where(a_idx[bad] < n_a, a_idx[bad], -1)  # sentinel -> -1: unknown activity
        u = u_idx[bad]  # the sentinel n_u picks the "empty unit" entry appended below
        y = np.minimum(y_idx[bad], n_y - 1)  # rows without a usable year are marked apart
        dims = list(DIMENSIONS)
        unit_dim = np.array([dims.index(i.dimension) if i else -1 for i in units] + [-1])
        activity_unknown = a < 0
        unit_unknown = ~activity_unknown & (unit_dim[u] < 0)
        wrong_dim = (
            ~activity_unknown
            & ~unit_unknown
            & (compiled.dimension[np.maximum(a, 0)] != unit_dim[u])
        )
        no_year = ~activity_unknown & ~unit_unknown & ~wrong_dim & ~year_ok[bad]
        status = np.where(no_year, -1, compiled.status[np.maximum(a, 0), y])
        has_any: npt.NDArray[np.bool_] = np.asarray((compiled.factor_row >= 0).any(axis=1))
        never = ~has_any[np.maximum(a, 0)]
        # One code per row, then reason and message per code.
        code = np.select(
            [activity_unknown, unit_unknown, wrong_dim, no_year, (status == 1) & never],
            [0, 1, 2, 3, 4],
            default=5 + np.maximum(status, 0),
        )
        last = compiled.first_year + compiled.n_years - 1
        table_rows = {
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
        column = np.empty(len(bad), dtype=object)
        reason = np.empty(len(bad), dtype=object)
        message = np.empty(len(bad), dtype=object)
        for c, (col, why, text) in table_rows.items():
            mask = code == c
            column[mask], reason[mask], message[mask] = col, why, text
        if activity_unknown.any():  # "did you mean …", once per distinct unknown name
            names = frame["activity"].cat
            codes = names.codes.to_numpy()[bad[activity_unknown]]
            distinct, inverse = np.unique(codes, return_inverse=True)
            said = [unknown_activity_message(str(names.categories[c]), catalogue) for c in distinct]
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
    rejected = rejected.sort_values("row", kind="stable", ignore_index=True)
    for origin in ("origin_file", "origin_sheet", "origin_row"):
        if origin in frame:
            rejected[origin] = frame[origin].to_numpy()[rejected["row"].to_numpy(dtype=np.intp)]
    return rejected


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
