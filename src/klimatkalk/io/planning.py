"""Planning tables: a measure table and an organisation tree, read like activity files.

:func:`read_measures` and :func:`read_org_tree` read CSV or xlsx files (or DataFrames) with
Swedish or English headers through :func:`~klimatkalk.io.tables.read_table` (the same CSV
dialects, workbook reader, Swedish numbers and size limits as activity files), and return the
checked :class:`~klimatkalk.plans.Measure` list and :class:`~klimatkalk.plans.OrgTree`. Every
error names the file and the row the user sees.
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Final

import pandas as pd

from klimatkalk.errors import ErrorReason, Problem
from klimatkalk.io.tables import Column, frame_table, read_table
from klimatkalk.plans.measures import KINDS, Measure, MeasureError
from klimatkalk.plans.organisation import OrganisationError, OrgTree

__all__ = ["MEASURE_COLUMNS", "ORG_COLUMNS", "read_measures", "read_org_tree"]

MEASURE_COLUMNS: Final = (
    Column("name", ("åtgärd", "namn")),
    Column("kind", ("typ",)),
    Column("activity", ("aktivitet",)),
    Column("to_activity", ("till aktivitet", "till"), required=False),
    Column("value", ("värde",), "number"),
    Column("unit", ("enhet",), required=False),
    Column("from_year", ("från år", "från"), "year"),
    Column("ramp_years", ("upptrappning år", "upptrappning"), "number", False, 1.0),
    Column("org_unit", ("verksamhet",), required=False),
    Column("cost_sek", ("kostnad sek per år", "kostnad sek", "kostnad"), "number", False),
)
"""The columns of a measure table (Swedish headers as aliases)."""

ORG_COLUMNS: Final = (
    Column("unit", ("enhet", "organisationsenhet")),
    Column("parent", ("överordnad", "förälder", "tillhör"), required=False),
    Column("level", ("nivå",), required=False),
)
"""The columns of an organisation table: each unit, the unit above it, and its level."""


def read_measures(
    path: str | os.PathLike[str] | pd.DataFrame,
    *,
    activities: Mapping[str, object] | None = None,
) -> list[Measure]:
    """Read a measure table (CSV, xlsx or a DataFrame with Swedish or English headers).

    Parameters
    ----------
    path : path or DataFrame
        The table; see :mod:`klimatkalk.plans.measures` for its columns. ``åtgärd``, ``typ``,
        ``aktivitet``, ``värde`` and ``från år`` are required.
    activities : mapping, optional
        The activity catalogue to check codes against (the bundled one by default).

    Returns
    -------
    list of Measure
        In the order of the table.

    Raises
    ------
    MeasureError
        Listing every bad row (file, row, column, value): an unknown activity or kind, a share
        outside 0–100 %, a cut beyond −100 %, a unit that does not fit the kind.
    ActivityDataError
        If the file cannot be read, lacks a required column or has a cell that is not a number
        where one is needed.

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"Åtgärd": ["Flyg −30 %"], "Typ": ["procent"],
    ...                       "Aktivitet": ["flight_domestic"], "Värde": ["−30"],
    ...                       "Enhet": ["%"], "Från år": [2025]})
    >>> [(m.kind, m.value, m.from_year) for m in read_measures(table)]
    [('change_pct', -0.3, 2025)]
    """
    if activities is None:
        from klimatkalk.factors.library import load_factors

        activities = load_factors().activities
    frame, file = _read(path, MEASURE_COLUMNS, "measure table")
    measures: list[Measure] = []
    problems: list[Problem] = []
    for raw in frame.to_dict("records"):
        record = {str(k): v for k, v in raw.items()}
        origin = f"{file}:{int(record['origin_row'])}"
        try:
            measure = _measure(record, origin)
        except MeasureError as exc:
            problems.extend(exc.problems)
            continue
        found = measure.problems(activities)
        if found:
            problems.extend(found)
        else:
            measures.append(measure)
    if problems:
        raise MeasureError(problems)
    return measures


def read_org_tree(path: str | os.PathLike[str] | pd.DataFrame) -> OrgTree:
    """Read and check an organisation tree (CSV, xlsx or a DataFrame; Swedish headers).

    Parameters
    ----------
    path : path or DataFrame
        Columns ``enhet``, ``överordnad`` (empty for the top) and optionally ``nivå``.

    Returns
    -------
    OrgTree

    Raises
    ------
    OrganisationError
        If a unit is listed twice, or the tree has an orphan, a cycle or not one top; the
        error names the row.

    Examples
    --------
    >>> import pandas as pd
    >>> tree = read_org_tree(pd.DataFrame({
    ...     "Enhet": ["Region", "Vård", "Akuten"], "Överordnad": ["", "Region", "Vård"],
    ...     "Nivå": ["region", "förvaltning", "verksamhet"]}))
    >>> tree.levels(), tree.at_level("Akuten", "förvaltning")
    (['region', 'förvaltning', 'verksamhet'], 'Vård')
    """
    frame, origin = _read(path, ORG_COLUMNS, "organisation table")
    parents: dict[str, str | None] = {}
    levels: dict[str, str | None] = {}
    rows: dict[str, int] = {}
    problems: list[Problem] = []
    for record in frame.to_dict("records"):
        unit = str(record["unit"])
        row = int(record["origin_row"])
        if unit in parents:
            problems.append(
                Problem(
                    origin,
                    row,
                    "unit",
                    unit,
                    ErrorReason.INVALID_VALUE,
                    f"listed twice (first on row {rows[unit]})",
                )
            )
            continue
        parents[unit] = _text(record.get("parent"))
        levels[unit] = _text(record.get("level"))
        rows[unit] = row
    if problems:
        raise OrganisationError(problems)
    return OrgTree.from_parents(parents, levels, origin=origin, rows=rows)


# --------------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------------


def _read(
    path: str | os.PathLike[str] | pd.DataFrame, columns: tuple[Column, ...], what: str
) -> tuple[pd.DataFrame, str]:
    """Return the table's rows (typed by :func:`read_table`) and the file name for messages."""
    if isinstance(path, pd.DataFrame):
        return frame_table(path, columns, what=what), f"<{what}>"
    return read_table(path, columns, what=what), str(Path(path))


def _measure(record: Mapping[str, object], origin: str) -> Measure:
    """One measure from a typed table row; ``%`` values become fractions."""
    file, _, row_text = origin.rpartition(":")
    row = int(row_text)

    def bad(column: str, value: object, reason: ErrorReason, message: str) -> MeasureError:
        return MeasureError([Problem(file, row, column, value, reason, message)])

    kind = KINDS.get(str(record["kind"]).casefold())
    if kind is None:
        raise bad(
            "kind",
            record["kind"],
            ErrorReason.INVALID_VALUE,
            f"unknown kind; choose one of {sorted(KINDS)}",
        )
    unit = _text(record.get("unit"))
    value = float(record["value"])  # type: ignore[arg-type]
    if unit == "%":
        value, unit = value / 100.0, None
    elif unit is not None and kind in ("change_pct", "abatement"):
        raise bad(
            "unit",
            unit,
            ErrorReason.UNIT_DIMENSION_MISMATCH,
            "a percentage change or a destroyed share is given in %",
        )
    ramp = _number(record.get("ramp_years"))
    if ramp is not None and not ramp.is_integer():
        raise bad("ramp_years", ramp, ErrorReason.INVALID_VALUE, "a whole number of years")
    to_activity = _text(record.get("to_activity"))
    return Measure(
        name=str(record["name"]),
        kind=kind,
        activity=str(record["activity"]).casefold(),
        value=value,
        from_year=int(record["from_year"]),  # type: ignore[call-overload]
        unit=unit,
        to_activity=None if to_activity is None else to_activity.casefold(),
        org_unit=_text(record.get("org_unit")),
        ramp_years=1 if ramp is None else int(ramp),
        cost_sek=_number(record.get("cost_sek")),
        origin=origin,
    )


def _number(value: object) -> float | None:
    if value is None:
        return None
    number = float(value)  # type: ignore[arg-type]
    return None if math.isnan(number) else number


def _text(value: object) -> str | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    text = str(value).strip()
    return text or None
