"""Transport types (public transport, ambulances, service vehicles…) of activity rows.

The regions report energy and fossil-free shares per transport type. Which rows belong to which
type is the analyst's knowledge, kept in a small table of rules (see
:func:`assign_transport_types`); ``klimatkalk/data/example_transport_types.csv`` is the example
region's.
"""

from __future__ import annotations

from typing import Any, Final

import numpy as np
import pandas as pd

__all__ = ["MATCH_COLUMNS", "assign_transport_types"]

MATCH_COLUMNS: Final = ("org_unit", "site", "activity", "comment")
"""Columns a rule may match on."""


def assign_transport_types(
    frame: pd.DataFrame,
    rules: pd.DataFrame | None,
    transport_rows: np.ndarray[Any, np.dtype[np.bool_]] | None = None,
) -> pd.Series:
    """Return each activity row's transport type from a small table of rules (``None`` if none).

    Parameters
    ----------
    frame : DataFrame
        Activity rows.
    rules : DataFrame or None
        Columns ``transport_type`` and any of ``org_unit``, ``site``, ``activity``,
        ``comment``. A rule matches a row when every value it gives equals the row's (empty
        cells match anything); the first matching rule wins. A rule without ``activity``
        matches only ``transport_rows``, so that a rule for an org unit does not turn its
        buildings' electricity into transport; name the activity (and e.g. the ``comment``
        "laddning elbussar") to count an energy activity as transport.
    transport_rows : array of bool, optional
        Rows whose activity is of category transport; all rows by default.

    Examples
    --------
    >>> rows = pd.DataFrame({"org_unit": ["Kollektivtrafik", "Regionservice"],
    ...                      "activity": ["diesel", "petrol"]})
    >>> rules = pd.DataFrame({"transport_type": ["kollektivtrafik"],
    ...                       "org_unit": ["Kollektivtrafik"]})
    >>> assign_transport_types(rows, rules).tolist()
    ['kollektivtrafik', None]
    """
    out = np.full(len(frame), None, dtype=object)
    if rules is None or not len(rules):
        return pd.Series(out, index=frame.index, dtype=object)
    if "transport_type" not in rules.columns:
        msg = f"transport-type rules need a column transport_type; they have {list(rules.columns)}"
        raise ValueError(msg)
    used = [c for c in MATCH_COLUMNS if c in rules.columns]
    missing = [c for c in used if c not in frame.columns and rules[c].notna().any()]
    if missing:
        msg = f"transport-type rules match on {missing}, which the activity data lacks"
        raise ValueError(msg)
    free = np.ones(len(frame), dtype=bool)
    transport = np.ones(len(frame), dtype=bool) if transport_rows is None else transport_rows
    for rule in rules.itertuples(index=False):
        hit = free.copy()
        if "activity" not in used or _blank(rule.activity):
            hit &= transport
        for column in used:
            value = getattr(rule, column)
            if _blank(value):
                continue
            hit &= frame[column].astype(object).to_numpy() == value
        out[hit] = rule.transport_type
        free &= ~hit
    return pd.Series(out, index=frame.index, dtype=object)


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, float) and np.isnan(value)) or value == ""
