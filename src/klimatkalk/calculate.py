"""Calculation: activity rows × emission factors → kg CO2e, vectorised.

The factor set compiles once into a table ``[activity, unit, year]`` of kg CO2e per input unit
(:mod:`klimatkalk._compile`); pint runs once per distinct unit string. The hot path is one
gather and one multiply over integer codes: no per-row Python, no per-row pint object.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import numpy.typing as npt
import pandas as pd

from klimatkalk._compile import STATUS_REASONS
from klimatkalk.activity_data import PROBLEM_COLUMNS, ActivityTable
from klimatkalk.errors import ErrorReason, InputRowsError, Problem, UnitError
from klimatkalk.factors import FactorTable, load_factors
from klimatkalk.results import EmissionsResult
from klimatkalk.units import UnitInfo, parse_activity_unit

__all__ = ["calculate_emissions"]

# Reasons in the order they are checked: the first that applies to a row is reported.
_UNKNOWN_ACTIVITY, _UNKNOWN_UNIT, _WRONG_DIMENSION = 1, 2, 3


def calculate_emissions(
    activities: ActivityTable | pd.DataFrame,
    factors: FactorTable | None = None,
    *,
    gwp_set: str = "AR5GWP100",
    boundary: Literal["lifecycle", "combustion"] = "lifecycle",
    fallback: Literal["none", "previous"] = "none",
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
    compiled = factors.compile(gwp_set, boundary, fallback)
    frame = table.frame
    n = len(frame)

    a_idx = _category_index(frame["activity"], compiled.activities)
    units, unit_errors = _parse_units(frame["unit"])
    u_idx = frame["unit"].cat.codes.to_numpy().astype(np.intp)
    y_idx = frame["year"].to_numpy(dtype=np.float64, na_value=np.nan) - compiled.first_year
    if fallback == "previous":  # a year after the last factor year takes the last column
        y_idx = np.minimum(y_idx, compiled.n_years - 1)
    year_ok = np.isfinite(y_idx) & (y_idx >= 0) & (y_idx < compiled.n_years)
    y_idx = np.where(year_ok, y_idx, 0).astype(np.intp)

    lookup = compiled.lookup_table(units)
    valid_index = (a_idx >= 0) & (u_idx >= 0)
    a_safe, u_safe = np.maximum(a_idx, 0), np.maximum(u_idx, 0)
    per_unit = lookup[a_safe, u_safe, y_idx]
    per_unit[~valid_index | ~year_ok] = np.nan

    quantity = frame["quantity"].to_numpy(dtype=np.float64)
    emissions = quantity * per_unit
    if "abated_fraction" in frame:
        emissions *= 1.0 - frame["abated_fraction"].to_numpy(dtype=np.float64)

    input_bad = np.zeros(n, dtype=bool)
    input_bad[table.problems["row"].to_numpy(dtype=np.intp)] = True
    accepted = ~input_bad & np.isfinite(emissions)

    rejected = _rejected(
        table,
        compiled_status=compiled.status[a_safe, y_idx],
        accepted=accepted,
        input_bad=input_bad,
        a_idx=a_idx,
        u_idx=u_idx,
        units=units,
        unit_errors=unit_errors,
        dimension_ok=_dimension_ok(compiled.dimension, a_safe, units, u_safe),
        year_ok=year_ok,
        compiled_first_year=compiled.first_year,
        n_years=compiled.n_years,
    )
    if strict and len(rejected):
        raise InputRowsError(
            [
                Problem(
                    table.file,
                    int(r["row"]),
                    str(r["column"]),
                    r["value"],
                    ErrorReason(str(r["reason"])),
                    str(r["message"]),
                )
                for r in rejected.to_dict("records")
            ]
        )

    keep = np.flatnonzero(accepted)
    rows = frame.iloc[keep].copy()
    rows["emissions_kg_co2e"] = emissions[keep]
    factor_row = compiled.factor_row[a_safe[keep], y_idx[keep]]
    _attach_factor_columns(rows, factors, factor_row)
    rows["factor_year"] = compiled.factor_year[a_safe[keep], y_idx[keep]]
    rows["gwp"] = compiled.gwp[a_safe[keep], y_idx[keep]]
    _attach_catalogue_columns(rows, factors, a_idx[keep], compiled.activities)
    return EmissionsResult(
        rows=rows,
        rejected=rejected,
        factors=factors,
        gwp_set=gwp_set,
        boundary=boundary,
        fallback=fallback,
        n_input=n,
        file=table.file,
    )


def _category_index(values: pd.Series, known: list[str]) -> npt.NDArray[np.intp]:
    """Index into ``known`` for each row (-1 where unknown), computed per category."""
    position = {code: i for i, code in enumerate(known)}
    per_category = np.array(
        [position.get(c, -1) for c in values.cat.categories] + [-1], dtype=np.intp
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


def _dimension_ok(
    activity_dimension: npt.NDArray[np.int8],
    a_safe: npt.NDArray[np.intp],
    units: list[UnitInfo | None],
    u_safe: npt.NDArray[np.intp],
) -> npt.NDArray[np.bool_]:
    from klimatkalk.units import DIMENSIONS

    dims = list(DIMENSIONS)
    unit_dim = np.array([dims.index(u.dimension) if u else -1 for u in units] + [-1], dtype=np.int8)
    return np.asarray(activity_dimension[a_safe] == unit_dim[u_safe], dtype=np.bool_)


def _rejected(
    table: ActivityTable,
    *,
    compiled_status: npt.NDArray[np.int8],
    accepted: npt.NDArray[np.bool_],
    input_bad: npt.NDArray[np.bool_],
    a_idx: npt.NDArray[np.intp],
    u_idx: npt.NDArray[np.intp],
    units: list[UnitInfo | None],
    unit_errors: dict[int, UnitError],
    dimension_ok: npt.NDArray[np.bool_],
    year_ok: npt.NDArray[np.bool_],
    compiled_first_year: int,
    n_years: int,
) -> pd.DataFrame:
    """One line per rejected row: the first problem found, in input-column order."""
    frame = table.frame
    bad = np.flatnonzero(~accepted & ~input_bad)
    lines: list[pd.DataFrame] = [table.problems]
    if len(bad):
        activity_unknown = a_idx[bad] < 0
        unit_unknown = ~activity_unknown & (
            (u_idx[bad] < 0) | np.isin(u_idx[bad], list(unit_errors))
        )
        wrong_dim = ~activity_unknown & ~unit_unknown & ~dimension_ok[bad]
        rest = ~activity_unknown & ~unit_unknown & ~wrong_dim
        activity = frame["activity"].to_numpy()[bad]
        unit = frame["unit"].to_numpy()[bad]
        year = frame["year"].to_numpy()[bad]
        column = np.select(
            [activity_unknown, unit_unknown, wrong_dim], ["activity", "unit", "unit"], "year"
        )
        value = np.select([activity_unknown, unit_unknown | wrong_dim], [activity, unit], year)
        reason = np.empty(len(bad), dtype=object)
        message = np.empty(len(bad), dtype=object)
        reason[activity_unknown] = ErrorReason.UNKNOWN_ACTIVITY.value
        message[activity_unknown] = "not in the activity catalogue (klimatkalk factors list)"
        for i in np.flatnonzero(unit_unknown):
            code = int(u_idx[bad[i]])
            err = unit_errors.get(code)
            reason[i] = (err.reason if err else ErrorReason.UNKNOWN_UNIT).value
            message[i] = err.message if err else "unknown unit"
        for i in np.flatnonzero(wrong_dim):
            info = units[int(u_idx[bad[i]])]
            reason[i] = ErrorReason.UNIT_DIMENSION_MISMATCH.value
            message[i] = (
                f"{info.dimension if info else '?'} unit for an activity measured in "
                "another dimension"
            )
        status = compiled_status[bad]
        for i in np.flatnonzero(rest):
            if not year_ok[bad[i]]:
                reason[i] = ErrorReason.YEAR_NOT_COVERED.value
                message[i] = (
                    f"no factors outside {compiled_first_year}–{compiled_first_year + n_years - 1}"
                )
            else:
                code = int(status[i])
                reason[i] = STATUS_REASONS.get(code, ErrorReason.YEAR_NOT_COVERED).value
                message[i] = {
                    1: "no emission factor for this activity, year and boundary "
                    "(fallback='previous' uses an earlier year's)",
                    2: "the factor's gas has no GWP in this GWP set",
                    3: "no price index (kpi.csv) for this year to deflate spend",
                }.get(code, "no usable emission factor")
        lines.append(
            pd.DataFrame(
                {"row": bad, "column": column, "value": value, "reason": reason, "message": message}
            )
        )
    rejected = (
        pd.concat([x for x in lines if len(x)], ignore_index=True)
        if any(len(x) for x in lines)
        else pd.DataFrame(columns=list(PROBLEM_COLUMNS))
    )
    rejected = rejected.sort_values("row", kind="stable", ignore_index=True)
    for origin in ("origin_file", "origin_row"):
        if origin in frame:
            rejected[origin] = frame[origin].to_numpy()[rejected["row"].to_numpy(dtype=np.intp)]
    return rejected


def _attach_factor_columns(
    rows: pd.DataFrame, factors: FactorTable, factor_row: npt.NDArray[np.int32]
) -> None:
    """Add the chosen factor's id, source and unit as categoricals (gathered by code)."""
    table = factors.factors
    for out, column in (
        ("factor_id", "factor_id"),
        ("source_id", "source_id"),
        ("factor_value", "value"),
        ("factor_unit", "unit"),
        ("gas", "gas"),
        ("factor_gwp_set", "gwp_set"),
        ("boundary", "boundary"),
        ("factor_set", "factor_set"),
    ):
        codes, uniques = pd.factorize(table[column], use_na_sentinel=True)
        if column == "value":
            rows[out] = table[column].to_numpy(dtype=np.float64)[factor_row]
            continue
        rows[out] = pd.Categorical.from_codes(codes[factor_row], categories=pd.Index(uniques))


def _attach_catalogue_columns(
    rows: pd.DataFrame, factors: FactorTable, a_idx: npt.NDArray[np.intp], known: list[str]
) -> None:
    catalogue = [factors.activities[a] for a in known]
    for column in ("category", "subcategory"):
        values = [getattr(c, column) for c in catalogue]
        codes, uniques = pd.factorize(pd.Series(values))
        rows[column] = pd.Categorical.from_codes(codes[a_idx], categories=pd.Index(uniques))
    rows["scope"] = np.array([c.scope for c in catalogue], dtype=np.int8)[a_idx]
