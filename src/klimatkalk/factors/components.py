"""Gas components of a factor row: CO2, CH4, N2O as the publisher gives them.

``components.csv`` splits a ``CO2e`` factor row, named by ``(factor_id, source_id)``, into the
masses of the gases it covers, per activity unit (``kg CH4 / l``). Where a row has components,
its CO2e is recomputed from them with the GWP set of the run, so that a run under AR6 holds no
AR4 or AR5 arithmetic of a publisher; the row's own ``value`` (in its ``gwp_set``) stays as
published, and a data test checks that the components give it back under that set. The
components also say which gases a row covers (``covered_gases``).

A CO2e row without components keeps the publisher's GWP set: a result counts how much of its
total comes from such rows in another set than the one chosen
(:mod:`klimatkalk.factors.compile`, ``gwp_basis``).
"""

from __future__ import annotations

from typing import Annotated, Any

import pandas as pd
from pydantic import Field

from klimatkalk.errors import ErrorReason, Problem, UnitError
from klimatkalk.factors.gwp import GWP_SETS, GwpTable
from klimatkalk.factors.tables import OptionalStr, RowModel, Slug, Text
from klimatkalk.units import parse_factor_unit

__all__ = ["COMPONENT_COLUMNS", "GasComponent", "check_components"]


class GasComponent(RowModel):
    """One row of ``components.csv``: the mass of one gas per activity unit of a factor row."""

    factor_id: Slug
    source_id: Slug
    gas: Slug
    value: Annotated[float, Field(ge=0, allow_inf_nan=False)]
    unit: Text
    source_locator: Text
    note: OptionalStr = None


COMPONENT_COLUMNS: tuple[str, ...] = (
    *GasComponent.model_fields,
    "kg_per_canonical",
    "file",
    "line",
)


def check_components(
    rows: list[tuple[str, int, GasComponent]],
    factors: pd.DataFrame,
    gwp: GwpTable,
    problems: list[Problem],
) -> pd.DataFrame:
    """Validate components: the row exists and is CO2e, the gas has GWPs, the unit fits."""
    index = {
        (f, s): (str(g), str(u))
        for f, s, g, u in zip(
            factors["factor_id"], factors["source_id"], factors["gas"], factors["unit"], strict=True
        )
    }
    records: list[dict[str, Any]] = []
    seen: set[tuple[str, str, str]] = set()
    for file, line, c in rows:
        key = (c.factor_id, c.source_id)

        def problem(column: str, value: object, reason: ErrorReason, message: str) -> None:
            problems.append(Problem(file, line, column, value, reason, message))  # noqa: B023

        if key not in index:
            problem(
                "factor_id",
                c.factor_id,
                ErrorReason.INVALID_VALUE,
                f"no factor row {c.factor_id!r} of source {c.source_id!r}",
            )
            continue
        row_gas, row_unit = index[key]
        if row_gas != "CO2e":
            problem(
                "factor_id",
                c.factor_id,
                ErrorReason.INVALID_VALUE,
                "components split a CO2e row; this row is already one gas",
            )
            continue
        if (c.factor_id, c.source_id, c.gas) in seen:
            problem("gas", c.gas, ErrorReason.INVALID_VALUE, "gas given twice for this row")
            continue
        seen.add((c.factor_id, c.source_id, c.gas))
        if not gwp.knows(c.gas) or any(_no_gwp(gwp, c.gas, s) for s in GWP_SETS):
            problem(
                "gas",
                c.gas,
                ErrorReason.GWP_NOT_AVAILABLE,
                "component gas needs a GWP in every set (species.csv, gwp.csv)",
            )
            continue
        try:
            unit = parse_factor_unit(c.unit, c.gas)
            row = parse_factor_unit(row_unit, "CO2e")
        except UnitError as exc:
            problem("unit", c.unit, exc.reason, exc.message)
            continue
        if unit.denominator.dimension != row.denominator.dimension:
            problem(
                "unit",
                c.unit,
                ErrorReason.UNIT_DIMENSION_MISMATCH,
                f"per {unit.denominator.dimension}, but the row is per {row.denominator.dimension}",
            )
            continue
        records.append(
            {
                **c.model_dump(),
                "kg_per_canonical": c.value * unit.to_kg_per_canonical,
                "file": file,
                "line": line,
            }
        )
    return pd.DataFrame.from_records(records, columns=list(COMPONENT_COLUMNS))


def _no_gwp(gwp: GwpTable, gas: str, gwp_set: str) -> bool:
    try:
        gwp.value(gas, gwp_set)
    except (KeyError, ValueError):
        return True
    return False
