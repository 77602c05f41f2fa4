"""Checks of the annex's metric tables before anything is computed.

A metric table and a metric-value table are the analyst's own files. Before
:func:`~klimatkalk.analysis.annex.build_annex` computes anything, :func:`check_metric_values`
looks at them together and reports every problem at once, each naming the file (the
``origin_file`` attribute the annex-input reader sets), the row as the file shows it
(``origin_row``), the column and the value: a metric whose source is not known, a value row for
a metric the metric table does not define, two values for one metric and year, a value for a
computed metric (whose value rows may only carry notes).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

import pandas as pd

from klimatkalk.analysis.metrics import Metric
from klimatkalk.errors import ActivityDataError, ErrorReason, Problem

__all__ = ["check_metric_values"]


def _rows(frame: pd.DataFrame) -> list[int]:
    """Return the rows as the file shows them (``origin_row``), or the positions."""
    if "origin_row" in frame.columns:
        return [int(r) for r in frame["origin_row"]]
    return list(range(len(frame)))


def _file(frame: pd.DataFrame | None, default: str) -> str:
    return default if frame is None else str(frame.attrs.get("origin_file", default))


def check_metric_values(
    metrics: Sequence[Metric],
    values: pd.DataFrame | None,
    *,
    source_kinds: Collection[str],
    metric_table: pd.DataFrame | None = None,
) -> None:
    """Refuse metric definitions and value rows that do not fit together.

    Parameters
    ----------
    metrics : sequence of Metric
        The metrics (from ``metric_table``, or made in code).
    values : DataFrame, optional
        The metric-value table: ``metric``, ``year``, ``value`` and optionally ``origin_row``.
    source_kinds : collection of str
        The computed sources known (the part before the first ``:``); ``"user"`` is always
        known.
    metric_table : DataFrame, optional
        The table the metrics were made from, for the rows of the metric file.

    Raises
    ------
    ActivityDataError
        With one problem per bad cell: file, row, column and value.

    Examples
    --------
    >>> m = [Metric("avfall", "Avfall per invånare", "kg", "lower")]
    >>> v = pd.DataFrame({"metric": ["avfall", "matsvinn"], "year": [2024, 2024],
    ...                   "value": [11.7, 42.0], "origin_row": [2, 3]})
    >>> v.attrs["origin_file"] = "utfall.csv"
    >>> try:
    ...     check_metric_values(m, v, source_kinds=[])
    ... except ValueError as error:
    ...     print(error.problems[0])
    utfall.csv:3: column 'metric' value 'matsvinn': not a metric of the metric table; \
the metrics are ['avfall'] [invalid_value]
    """
    problems: list[Problem] = []
    by_key = {m.key: m for m in metrics}
    metric_file = _file(metric_table, "<metric table>")
    metric_rows: dict[str, int] = {}
    if metric_table is not None and "key" in metric_table.columns:
        metric_rows = dict(zip(metric_table["key"].astype(str), _rows(metric_table), strict=True))
    known = {"user", *source_kinds}
    for position, metric in enumerate(metrics):
        kind = metric.source.partition(":")[0]
        if kind not in known:
            problems.append(
                Problem(
                    metric_file,
                    metric_rows.get(metric.key, position),
                    "source",
                    metric.source,
                    ErrorReason.INVALID_VALUE,
                    f"metric {metric.key!r}: unknown metric source; 'user' or one of "
                    f"{sorted(known)} followed by ':' and its argument",
                )
            )
    if values is not None and len(values):
        value_file = _file(values, "<metric-value table>")
        seen: dict[tuple[str, int], int] = {}
        has_value = values["value"].notna() if "value" in values.columns else None
        for i, (key, year, row) in enumerate(
            zip(values["metric"].astype(str), values["year"], _rows(values), strict=True)
        ):
            found = by_key.get(key)
            if found is None:
                problems.append(
                    Problem(
                        value_file,
                        row,
                        "metric",
                        key,
                        ErrorReason.INVALID_VALUE,
                        f"not a metric of the metric table; the metrics are {sorted(by_key)}",
                    )
                )
                continue
            pair = (key, int(year))
            if pair in seen:
                problems.append(
                    Problem(
                        value_file,
                        row,
                        "year",
                        int(year),
                        ErrorReason.INVALID_VALUE,
                        f"a second row for metric {key!r} and {int(year)} (first in row "
                        f"{seen[pair]})",
                    )
                )
                continue
            seen[pair] = row
            if found.source != "user" and has_value is not None and bool(has_value.iloc[i]):
                problems.append(
                    Problem(
                        value_file,
                        row,
                        "value",
                        values["value"].iloc[i],
                        ErrorReason.INVALID_VALUE,
                        f"metric {key!r} is computed ({found.source}); its rows here may "
                        "carry notes only, not values",
                    )
                )
    if problems:
        raise ActivityDataError(problems, headline="metric tables do not fit together")
