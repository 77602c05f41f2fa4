"""Metrics (*mätetal*) with targets and verdicts, as in a region's indicator annex.

A metric is a number per year: emissions of a target group, energy per m², a fossil-free share,
an intensity, or a figure the analyst supplies (waste per inhabitant, share of environmental
cars). :class:`Metric` says which direction is better, an optional base year, a target value and
year, and a threshold below which a change counts as *Oförändrad*. :func:`evaluate_metrics`
gives per metric and year the outcome, the change against last year and against the base year,
the value a steady path would need this year, and the verdict with the rule that decided it:

1. No outcome this year or last year → *Ej bedömd*, with the reason.
2. ``|outcome − last year| ≤ threshold`` (relative to last year's outcome, or absolute) →
   *Oförändrad*.
3. Otherwise the change is *Positiv* when it goes the better way (down where lower is better,
   up where higher is better), else *Negativ*.

The verdict is about the development since last year, as the regions' annex column
*Utveckling* is; whether the year is on the steady path to the target is given beside it
(``on_path``). A value whose denominator is missing or zero is a gap with its reason, never a 0
or an infinity.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final, Literal

import numpy as np
import pandas as pd

from klimatkalk.errors import ActivityDataError, ErrorReason, KlimatkalkError, Problem
from klimatkalk.formatting import format_number, format_percent

__all__ = [
    "METRIC_RESULT_COLUMNS",
    "VERDICTS",
    "Metric",
    "MetricDefinitionError",
    "evaluate_metric",
    "evaluate_metrics",
    "metrics_from_frame",
]

Direction = Literal["lower", "higher"]
PathShape = Literal["linear", "constant_rate"]

VERDICTS: Final = ("Positiv", "Oförändrad", "Negativ", "Ej bedömd")
"""The verdicts, Swedish as in the regions' annexes."""

METRIC_RESULT_COLUMNS: Final = (
    "metric",
    "label",
    "unit",
    "goal",
    "year",
    "outcome",
    "previous_outcome",
    "change",
    "change_fraction",
    "base_year",
    "base_outcome",
    "change_vs_base",
    "target_value",
    "target_year",
    "path_value",
    "on_path",
    "verdict",
    "rule",
    "gap_reason",
    "note",
    "decimals",
)


class MetricDefinitionError(KlimatkalkError, ValueError):
    """A metric whose fields do not fit together; ``field`` is the field at fault."""

    def __init__(self, message: str, field: str) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class Metric:
    """One metric of the annex.

    Attributes
    ----------
    key : str
        Identifier (``"energy_per_m2"``).
    label : str
        Name in the report (Swedish), e.g. ``"Energianvändning per m²"``.
    unit : str
        Unit printed beside the value (``"kWh/m² BRA"``, ``"%"``).
    direction : {"lower", "higher"}
        Which way is better.
    base_year : int, optional
        Year the change and the path are counted from.
    target_value : float, optional
        Value to reach by ``target_year`` (same unit as the outcome).
    target_change : float, optional
        Instead of ``target_value``: the target as a change against the base-year outcome
        (``-0.5`` = −50 %).
    target_year : int, optional
        Year of the target.
    threshold : float, default 0.0
        Largest change that counts as *Oförändrad*.
    threshold_kind : {"relative", "absolute"}, default "relative"
        ``relative``: a fraction of last year's outcome (0.01 = 1 %); ``absolute``: in the
        metric's unit (percentage points for a share given in %).
    path : {"linear", "constant_rate"}, default "linear"
        Shape of the steady path from the base-year outcome to the target.
    path_start_year : int, optional
        Year the path starts (flat at the base-year outcome before it); the base year by
        default.
    decimals : int, default 0
        Decimals in the report.
    goal : str, optional
        The goal the metric belongs to (rows are grouped by it in the report).
    source : str, default "user"
        Where the values come from: ``"user"`` (a table of values) or a computed figure
        that :func:`klimatkalk.analysis.annex.build_annex` knows (``"energy_per_m2:total"``,
        ``"group_emissions:<group>"``…).
    """

    key: str
    label: str
    unit: str
    direction: Direction
    base_year: int | None = None
    target_value: float | None = None
    target_year: int | None = None
    target_change: float | None = None
    threshold: float = 0.0
    threshold_kind: Literal["relative", "absolute"] = "relative"
    path: PathShape = "linear"
    path_start_year: int | None = None
    decimals: int = 0
    goal: str | None = None
    source: str = "user"

    def __post_init__(self) -> None:
        if self.direction not in ("lower", "higher"):
            msg = f"metric {self.key!r}: direction is 'lower' or 'higher', not {self.direction!r}"
            raise MetricDefinitionError(msg, "direction")
        if self.threshold_kind not in ("relative", "absolute"):
            msg = f"metric {self.key!r}: threshold_kind must be 'relative' or 'absolute'"
            raise MetricDefinitionError(msg, "threshold_kind")
        if not (math.isfinite(self.threshold) and self.threshold >= 0):
            msg = f"metric {self.key!r}: threshold must be a number ≥ 0, not {self.threshold}"
            raise MetricDefinitionError(msg, "threshold")
        has_target = self.target_value is not None or self.target_change is not None
        if self.target_value is not None and self.target_change is not None:
            msg = f"metric {self.key!r}: give target_value or target_change, not both"
            raise MetricDefinitionError(msg, "target_change")
        if has_target != (self.target_year is not None):
            msg = f"metric {self.key!r}: a target needs a target_year, and a target_year a target"
            raise MetricDefinitionError(msg, "target_year")
        if self.target_change is not None and self.base_year is None:
            msg = f"metric {self.key!r}: target_change is counted from base_year; give one"
            raise MetricDefinitionError(msg, "base_year")
        if self.path not in ("linear", "constant_rate"):
            msg = f"metric {self.key!r}: path must be 'linear' or 'constant_rate'"
            raise MetricDefinitionError(msg, "path")
        start = self.path_start_year
        if start is not None and self.base_year is not None and start < self.base_year:
            msg = f"metric {self.key!r}: path_start_year is before base_year"
            raise MetricDefinitionError(msg, "path_start_year")
        if self.target_year is not None and self.base_year is not None:
            if self.target_year <= (start or self.base_year):
                msg = f"metric {self.key!r}: target_year must be after the path's start"
                raise MetricDefinitionError(msg, "target_year")

    def path_value(self, year: int, base_outcome: float) -> float:
        """Return the value a steady path from the base outcome to the target needs in ``year``.

        Examples
        --------
        Region Västmanland's target, −50 % by 2030 against 2019: a linear path needs −22.7 %
        in 2024, a constant-rate path started in 2022 −15.9 %.

        >>> m = Metric("t", "Utsläpp", "%", "lower", base_year=2019,
        ...            target_value=50.0, target_year=2030)
        >>> round(m.path_value(2024, 100.0), 2)
        77.27
        >>> m2 = Metric("t", "Utsläpp", "%", "lower", base_year=2019, target_value=50.0,
        ...             target_year=2030, path="constant_rate", path_start_year=2022)
        >>> round(m2.path_value(2024, 100.0), 2)
        84.09
        """
        target = self.target_for(base_outcome)
        if self.target_year is None or self.base_year is None or not math.isfinite(target):
            return math.nan
        start = self.path_start_year or self.base_year
        if year <= start:
            return base_outcome
        if year >= self.target_year:
            return target
        t = (year - start) / (self.target_year - start)
        if self.path == "linear":
            return base_outcome + (target - base_outcome) * t
        if base_outcome <= 0 or target <= 0:
            return math.nan  # a constant rate needs positive values
        return float(base_outcome * (target / base_outcome) ** t)

    def target_for(self, base_outcome: float) -> float:
        """Return the target value (``target_value``, or ``target_change`` applied to the base).

        Examples
        --------
        >>> Metric("t", "Utsläpp", "t", "lower", base_year=2019, target_change=-0.5,
        ...        target_year=2030).target_for(1200.0)
        600.0
        """
        if self.target_value is not None:
            return float(self.target_value)
        if self.target_change is not None:
            return float(base_outcome * (1 + self.target_change))
        return math.nan


def evaluate_metric(
    metric: Metric,
    values: Mapping[int, float] | pd.Series,
    year: int,
    *,
    gap_reasons: Mapping[int, str] | None = None,
    notes: Mapping[int, str] | None = None,
) -> dict[str, object]:
    r"""Evaluate one metric in one year (a row of :func:`evaluate_metrics`).

    Parameters
    ----------
    metric : Metric
    values : mapping of year → outcome
        NaN (or a missing year) is a gap.
    year : int
        Reporting year.
    gap_reasons : mapping of year → str, optional
        Why a year has no value (``"ingen lokalyta för året"``).
    notes : mapping of year → str, optional
        Method notes (footnotes), e.g. a change of counting method.

    Returns
    -------
    dict
        The columns of :data:`METRIC_RESULT_COLUMNS`.

    Examples
    --------
    Energy per m² 188 → 185 kWh/m², lower is better, changes within 1 % are *Oförändrad*:

    >>> m = Metric("e", "Energi per m²", "kWh/m²", "lower", threshold=0.01)
    >>> r = evaluate_metric(m, {2023: 188.0, 2024: 185.0}, 2024)
    >>> r["verdict"], round(r["change_fraction"], 4)
    ('Positiv', -0.016)
    >>> r["rule"].replace("\u00a0", " ")
    'Lägre är bättre; förändring mot 2023: −1,6 % (gräns för oförändrad ±1,0 %) → Positiv'
    """
    series = pd.Series(values, dtype=np.float64)
    series.index = series.index.astype(np.int64)
    reasons = dict(gap_reasons or {})
    notes = dict(notes or {})

    def value(y: int | None) -> float:
        if y is None or y not in series.index:
            return math.nan
        return float(series[y])

    outcome, previous = value(year), value(year - 1)
    base_outcome = value(metric.base_year)
    change = outcome - previous
    change_fraction = change / abs(previous) if previous and math.isfinite(previous) else math.nan
    change_vs_base = (
        outcome / base_outcome - 1
        if math.isfinite(base_outcome) and base_outcome != 0
        else math.nan
    )
    path_value = metric.path_value(year, base_outcome) if math.isfinite(base_outcome) else math.nan
    on_path: bool | None = None
    if math.isfinite(path_value) and math.isfinite(outcome):
        on_path = outcome <= path_value if metric.direction == "lower" else outcome >= path_value
    verdict, rule, gap = _verdict(metric, year, outcome, previous, change, change_fraction, reasons)
    method_notes = [notes[y] for y in (year - 1, year) if notes.get(y)]
    return {
        "metric": metric.key,
        "label": metric.label,
        "unit": metric.unit,
        "goal": metric.goal,
        "year": year,
        "outcome": outcome,
        "previous_outcome": previous,
        "change": change,
        "change_fraction": change_fraction,
        "base_year": metric.base_year,
        "base_outcome": base_outcome,
        "change_vs_base": change_vs_base,
        "target_value": metric.target_for(base_outcome),
        "target_year": metric.target_year,
        "path_value": path_value,
        "on_path": on_path,
        "verdict": verdict,
        "rule": rule,
        "gap_reason": gap,
        "note": " ".join(dict.fromkeys(method_notes)) or None,
        "decimals": metric.decimals,
    }


def evaluate_metrics(metrics: Sequence[Metric], values: pd.DataFrame, year: int) -> pd.DataFrame:
    """Evaluate every metric in the reporting year.

    Parameters
    ----------
    metrics : sequence of Metric
    values : DataFrame
        Long table: ``metric``, ``year``, ``value`` (NaN for a gap) and optionally
        ``gap_reason`` and ``note`` (a method note for that year, printed as a footnote).
    year : int
        Reporting year.

    Returns
    -------
    DataFrame
        One row per metric, columns :data:`METRIC_RESULT_COLUMNS`, in the order of
        ``metrics``.

    Raises
    ------
    ValueError
        If a column is missing, two rows give the same metric and year, or a metric's values
        name no metric.

    Examples
    --------
    >>> m = [Metric("ff", "Andel fossilfria drivmedel", "%", "higher", threshold=1.0,
    ...             threshold_kind="absolute")]
    >>> v = pd.DataFrame({"metric": ["ff", "ff"], "year": [2023, 2024], "value": [93.0, 95.0]})
    >>> evaluate_metrics(m, v, 2024)[["label", "previous_outcome", "outcome", "verdict"]]
                            label  previous_outcome  outcome  verdict
    0  Andel fossilfria drivmedel              93.0     95.0  Positiv
    """
    for column in ("metric", "year", "value"):
        if column not in values.columns:
            msg = (
                f"metric values need columns metric, year, value; they have {list(values.columns)}"
            )
            raise ValueError(msg)
    keys = [m.key for m in metrics]
    if len(set(keys)) != len(keys):
        msg = "two metrics have the same key"
        raise ValueError(msg)
    unknown = sorted(set(values["metric"].astype(str)) - set(keys))
    if unknown:
        msg = f"values for metrics that are not defined: {unknown}"
        raise ValueError(msg)
    table = values.copy()
    table["year"] = pd.to_numeric(table["year"]).astype(np.int64)
    if table.duplicated(["metric", "year"]).any():
        msg = "two values for the same metric and year"
        raise ValueError(msg)
    table["value"] = pd.to_numeric(table["value"], errors="coerce").astype(np.float64)
    rows = []
    for metric in metrics:
        own = table[table["metric"] == metric.key]
        rows.append(
            evaluate_metric(
                metric,
                dict(zip(own["year"], own["value"], strict=True)),
                year,
                gap_reasons=_texts(own, "gap_reason"),
                notes=_texts(own, "note"),
            )
        )
    return pd.DataFrame(rows, columns=list(METRIC_RESULT_COLUMNS))


def metrics_from_frame(frame: pd.DataFrame) -> list[Metric]:
    """Make metrics from a table, one row each (the columns are :class:`Metric`'s fields).

    Empty cells take the field's default. Every row that does not make a metric (a target
    without a target year, an unknown direction, a key used twice…) is reported at once: the
    error names the file (``frame.attrs["origin_file"]``, set by the annex-input reader), the
    row (``origin_row``, or the position), the column and the value.

    Raises
    ------
    ActivityDataError
        If rows do not make metrics (a ``ValueError``).
    ValueError
        If the table has a column that is not a field of :class:`Metric`.

    Examples
    --------
    >>> t = pd.DataFrame({"key": ["waste"], "label": ["Avfall per invånare"], "unit": ["kg"],
    ...                   "direction": ["lower"], "threshold": [0.02]})
    >>> metrics_from_frame(t)[0].threshold
    0.02
    >>> try:
    ...     metrics_from_frame(t.assign(direction=["nedåt"]))
    ... except ValueError as error:
    ...     (problem,) = error.problems
    ...     print(problem.file, problem.row, problem.column, problem.value)
    <metric table> 0 direction nedåt
    """
    fields = Metric.__dataclass_fields__
    unknown = [c for c in frame.columns if c not in fields and c != "origin_row"]
    if unknown:
        msg = f"unknown metric columns {unknown}; the columns are {list(fields)}"
        raise ValueError(msg)
    file = str(frame.attrs.get("origin_file", "<metric table>"))
    out = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    ints = {"base_year", "target_year", "path_start_year", "decimals"}
    floats = {"target_value", "target_change", "threshold"}
    for position, record in enumerate(frame.to_dict("records")):
        row = int(record["origin_row"]) if "origin_row" in record else position
        kwargs: dict[str, object] = {}
        for key, value in record.items():
            name = str(key)
            if name == "origin_row" or _empty(value):
                continue
            if name in ints:
                kwargs[name] = round(float(str(value)))
            elif name in floats:
                kwargs[name] = float(value)
            else:
                kwargs[name] = str(value)
        try:
            metric = Metric(**kwargs)  # type: ignore[arg-type]
        except MetricDefinitionError as error:
            value = record.get(error.field)
            problems.append(
                Problem(
                    file,
                    row,
                    error.field,
                    None if _empty(value) else value,
                    ErrorReason.INVALID_VALUE,
                    str(error),
                )
            )
            continue
        except TypeError as error:  # a required field (key, label, unit, direction) is empty
            problems.append(Problem(file, row, None, None, ErrorReason.MISSING_VALUE, f"{error}"))
            continue
        if metric.key in seen:
            problems.append(
                Problem(
                    file,
                    row,
                    "key",
                    metric.key,
                    ErrorReason.INVALID_VALUE,
                    f"the key is used twice (first in row {seen[metric.key]})",
                )
            )
            continue
        seen[metric.key] = row
        out.append(metric)
    if problems:
        raise ActivityDataError(problems, headline="metric table cannot be used")
    return out


# --------------------------------------------------------------------------------------------


def _empty(value: object) -> bool:
    if value is None or value is pd.NA or value == "":
        return True
    return isinstance(value, float) and math.isnan(value)


def _texts(frame: pd.DataFrame, column: str) -> dict[int, str]:
    if column not in frame.columns:
        return {}
    return {
        int(y): str(t) for y, t in zip(frame["year"], frame[column], strict=True) if not _empty(t)
    }


def _verdict(
    metric: Metric,
    year: int,
    outcome: float,
    previous: float,
    change: float,
    change_fraction: float,
    reasons: Mapping[int, str],
) -> tuple[str, str, str | None]:
    better = "Lägre är bättre" if metric.direction == "lower" else "Högre är bättre"
    for y, v in ((year, outcome), (year - 1, previous)):
        if not math.isfinite(v):
            why = reasons.get(y) or "inget utfall"
            return "Ej bedömd", f"{better}; inget utfall för {y} ({why}) → Ej bedömd", f"{y}: {why}"
    if metric.threshold_kind == "relative":
        size = abs(change_fraction) if math.isfinite(change_fraction) else math.inf
        shown = format_percent(change_fraction, 1, sign=True)
        limit = f"±{format_percent(metric.threshold, 1)}"
    else:
        size = abs(change)
        unit = "procentenheter" if metric.unit.strip() == "%" else metric.unit
        shown = format_number(change, max(metric.decimals, 1))
        if change > 0:
            shown = "+" + shown
        shown = f"{shown} {unit}"
        limit = f"±{format_number(metric.threshold, max(metric.decimals, 1))} {unit}"
    if size <= metric.threshold:
        verdict = "Oförändrad"
    elif (change < 0) == (metric.direction == "lower"):
        verdict = "Positiv"
    else:
        verdict = "Negativ"
    rule = (
        f"{better}; förändring mot {year - 1}: {shown} (gräns för oförändrad {limit}) → {verdict}"
    )
    return verdict, rule, None
