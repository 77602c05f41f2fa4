"""Biogenic CO2 of a factor row: a memo quantity beside the scopes.

The GHG Protocol keeps the CO2 of burning biomass out of scopes 1-3 but asks for it to be
reported beside them. ``biogenic.csv`` gives, for a factor row named by ``(factor_id,
source_id)``, the biogenic CO2 released per activity unit (``kg CO2 / l``): the bio part of a
litre of pump diesel, a litre of HVO100, a kg of biogas. It does not enter any CO2e figure;
result rows carry it as ``biogenic_co2_kg``, and ``result.rows["biogenic_co2_kg"].sum()`` is the
memo total.
"""

from __future__ import annotations

from typing import Annotated, Any

import pandas as pd
from pydantic import Field

from klimatkalk.errors import ErrorReason, Problem, UnitError
from klimatkalk.factors.tables import OptionalStr, RowModel, Slug, Text
from klimatkalk.units import parse_factor_unit

__all__ = ["BIOGENIC_COLUMNS", "BiogenicCO2", "check_biogenic"]


class BiogenicCO2(RowModel):
    """One row of ``biogenic.csv``."""

    factor_id: Slug
    source_id: Slug
    value: Annotated[float, Field(ge=0, allow_inf_nan=False)]
    unit: Text
    source_locator: Text
    note: OptionalStr = None


BIOGENIC_COLUMNS: tuple[str, ...] = (
    "factor_id",
    "source_id",
    "value",
    "unit",
    "kg_per_canonical",
    "file",
    "line",
)


def check_biogenic(
    rows: list[tuple[str, int, BiogenicCO2]], factors: pd.DataFrame, problems: list[Problem]
) -> pd.DataFrame:
    """Validate rows: the factor row exists, the unit is CO2 per the row's kind of quantity."""
    units = {
        (f, s): str(u)
        for f, s, u, g in zip(
            factors["factor_id"], factors["source_id"], factors["unit"], factors["gas"], strict=True
        )
        if g == "CO2e"
    }
    records: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()
    for file, line, b in rows:
        key = (b.factor_id, b.source_id)
        if key not in units or key in seen:
            why = "given twice" if key in seen else "no CO2e factor row with this key"
            problems.append(
                Problem(file, line, "factor_id", b.factor_id, ErrorReason.INVALID_VALUE, why)
            )
            continue
        seen.add(key)
        try:
            unit = parse_factor_unit(b.unit, "CO2")
            row = parse_factor_unit(units[key], "CO2e")
        except UnitError as exc:
            problems.append(Problem(file, line, "unit", b.unit, exc.reason, exc.message))
            continue
        if unit.denominator.dimension != row.denominator.dimension:
            problems.append(
                Problem(
                    file,
                    line,
                    "unit",
                    b.unit,
                    ErrorReason.UNIT_DIMENSION_MISMATCH,
                    f"per {unit.denominator.dimension}, the row per {row.denominator.dimension}",
                )
            )
            continue
        records.append(
            {
                "factor_id": b.factor_id,
                "source_id": b.source_id,
                "value": b.value,
                "unit": b.unit,
                "kg_per_canonical": b.value * unit.to_kg_per_canonical,
                "file": file,
                "line": line,
            }
        )
    return pd.DataFrame.from_records(records, columns=list(BIOGENIC_COLUMNS))
