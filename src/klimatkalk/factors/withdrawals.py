"""Withdrawn factor rows: how an append-only factor set takes a released row out of use.

A released row is never edited or deleted (the editions must stay reproducible). When a row
turns out to be unusable — a value that mixes in what should be separate, a source that was
misread — ``withdrawn.csv`` names it, the source whose edition withdraws it, and why. From that
edition on the row does not load; ``load_factors(edition=…)`` of an earlier year still has it,
and ``klimatkalk factors diff`` lists it as removed.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from klimatkalk.errors import ErrorReason, Problem
from klimatkalk.factors.tables import RowModel, Slug, Text

__all__ = ["WITHDRAWN_COLUMNS", "Withdrawal", "check_withdrawals", "withdrawn_mask"]


class Withdrawal(RowModel):
    """One row of ``withdrawn.csv``."""

    factor_id: Slug
    source_id: Slug
    withdrawn_by: Slug
    reason: Text


WITHDRAWN_COLUMNS: tuple[str, ...] = (
    *Withdrawal.model_fields,
    "withdrawn_year",
    "factor_set",
    "file",
    "line",
)


def check_withdrawals(
    rows: list[tuple[str, str, int, Withdrawal]],
    source_years: dict[str, int],
    factor_keys: set[tuple[str, str]],
    problems: list[Problem],
) -> pd.DataFrame:
    """Validate withdrawals: the row must exist and the withdrawing source must resolve."""
    records: list[dict[str, Any]] = []
    for set_name, file, line, w in rows:
        if (w.factor_id, w.source_id) not in factor_keys:
            problems.append(
                Problem(
                    file,
                    line,
                    "factor_id",
                    w.factor_id,
                    ErrorReason.INVALID_VALUE,
                    f"no factor row {w.factor_id!r} of source {w.source_id!r} to withdraw",
                )
            )
            continue
        if w.withdrawn_by not in source_years:
            problems.append(
                Problem(
                    file,
                    line,
                    "withdrawn_by",
                    w.withdrawn_by,
                    ErrorReason.UNKNOWN_SOURCE,
                    "withdrawn_by is not in sources.csv",
                )
            )
            continue
        records.append(
            {
                **w.model_dump(),
                "withdrawn_year": source_years[w.withdrawn_by],
                "factor_set": set_name,
                "file": file,
                "line": line,
            }
        )
    return pd.DataFrame.from_records(records, columns=list(WITHDRAWN_COLUMNS))


def withdrawn_mask(
    factors: pd.DataFrame, withdrawals: pd.DataFrame, edition: int | None
) -> pd.Series:
    """Mark each factor row withdrawn in ``edition`` (``None``: the latest) with True."""
    active = withdrawals
    if edition is not None:
        active = withdrawals[withdrawals["withdrawn_year"] <= edition]
    keys = pd.MultiIndex.from_frame(active[["factor_id", "source_id"]].astype(str))
    rows = pd.MultiIndex.from_frame(factors[["factor_id", "source_id"]].astype(str))
    return pd.Series(rows.isin(keys), index=factors.index)
