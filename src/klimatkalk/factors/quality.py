"""Data quality of factor rows: how each value came about, machine-readable.

``quality.csv`` gives each factor row, named by ``(factor_id, source_id)``, one of
:data:`QUALITIES`:

``measured``
    The emission is the quantity itself (a gas emitted as itself: 1 kg N2O per kg bought).
``reported``
    The publisher's value for the years it is used for, read from the source.
``derived``
    Arithmetic on cited numbers (a blend from a bio share and per-grade bases, a unit
    conversion, a sum of parts); the row's note shows the formula.
``proxy``
    A value for something else standing in (another country's fuel, another fuel, another
    network).
``stretched``
    A value for one year (or period) applied to years it was not published for.

It is a separate file so that released factor rows stay unchanged (append-only): a row's quality
is a statement *about* it. The column shows in ``klimatkalk factors show``, in
:meth:`klimatkalk.results.EmissionsResult.factors_used` and in the report's appendix.
"""

from __future__ import annotations

from typing import Any, Literal

import pandas as pd

from klimatkalk.errors import ErrorReason, Problem
from klimatkalk.factors.tables import OptionalStr, RowModel, Slug

__all__ = ["QUALITIES", "FactorQuality", "Quality", "quality_column"]

Quality = Literal["measured", "reported", "derived", "proxy", "stretched"]
QUALITIES: tuple[str, ...] = ("measured", "reported", "derived", "proxy", "stretched")


class FactorQuality(RowModel):
    """One row of ``quality.csv``."""

    factor_id: Slug
    source_id: Slug
    quality: Quality
    note: OptionalStr = None


def quality_column(
    factors: pd.DataFrame,
    rows: list[tuple[str, int, FactorQuality]],
    problems: list[Problem],
) -> pd.Series:
    """Return each factor row's quality (``None`` where ``quality.csv`` has no entry).

    An entry for a row that does not exist, or two entries for one row, is a problem.
    """
    keys = set(zip(factors["factor_id"], factors["source_id"], strict=True))
    found: dict[tuple[str, str], str] = {}
    seen: dict[tuple[str, str], tuple[str, int]] = {}
    for file, line, q in rows:
        key = (q.factor_id, q.source_id)
        if key not in keys:
            problems.append(
                Problem(
                    file,
                    line,
                    "factor_id",
                    q.factor_id,
                    ErrorReason.INVALID_VALUE,
                    f"no factor row {q.factor_id!r} of source {q.source_id!r}",
                )
            )
            continue
        if key in seen:
            problems.append(
                Problem(
                    file,
                    line,
                    "factor_id",
                    q.factor_id,
                    ErrorReason.INVALID_VALUE,
                    f"quality already given at {seen[key][0]}:{seen[key][1]}",
                )
            )
            continue
        seen[key] = (file, line)
        found[key] = q.quality
    values: list[Any] = [
        found.get((f, s)) for f, s in zip(factors["factor_id"], factors["source_id"], strict=True)
    ]
    return pd.Series(values, index=factors.index, dtype=object)
