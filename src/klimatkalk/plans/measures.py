"""Measures (åtgärder): what a region plans to change, from which year, at what cost.

A :class:`Measure` changes one activity's quantity from a year on (``change_pct``: −30 % flights;
``change_abs``: −400 MWh electricity a year), moves quantity to another activity (``switch``:
pool cars from diesel to HVO100), or sets the share of a gas destroyed (``abatement``: 70 % of
the nitrous oxide at two delivery wards). It can be ramped in over several years and carry a
yearly cost in SEK. :func:`klimatkalk.io.planning.read_measures` reads a measure table (CSV or
Excel, Swedish headers) and checks every row against the activity catalogue;
:func:`~klimatkalk.analysis.scenario.build_scenario` applies the measures.

The table's columns (Swedish header / English header):

===========================  =================  ===============================================
``åtgärd``                   ``name``           what the measure is called
``typ``                      ``kind``           ``procent`` (change_pct), ``mängd``
                                                (change_abs), ``byte`` (switch), ``destruktion``
                                                (abatement)
``aktivitet``                ``activity``       activity code (``emission_factors/activities.csv``)
``till aktivitet``           ``to_activity``    the activity quantity moves to (``byte`` only)
``värde``                    ``value``          the change: ``-30`` with ``%``, ``-400`` with
                                                ``MWh``, ``70`` with ``%``
``enhet``                    ``unit``           ``%`` or an activity unit (MWh, l, km…)
``från år``                  ``from_year``      first year the measure acts
``upptrappning år``          ``ramp_years``     years until it acts in full (1 by default)
``verksamhet``               ``org_unit``       only this verksamhet (all by default)
``kostnad sek per år``       ``cost_sek``       yearly cost in SEK, investment annualised
===========================  =================  ===============================================
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final, Literal

import numpy as np
import numpy.typing as npt

from klimatkalk.errors import ErrorReason, Problem, _ProblemsError

__all__ = ["KINDS", "Measure", "MeasureError", "MeasureKind"]

MeasureKind = Literal["change_pct", "change_abs", "switch", "abatement"]

KINDS: Final[Mapping[str, MeasureKind]] = {
    "change_pct": "change_pct",
    "procent": "change_pct",
    "ändring procent": "change_pct",
    "change_abs": "change_abs",
    "mängd": "change_abs",
    "ändring mängd": "change_abs",
    "switch": "switch",
    "byte": "switch",
    "bränslebyte": "switch",
    "abatement": "abatement",
    "destruktion": "abatement",
}
"""Measure kinds by the names a table may use (Swedish or English)."""


class MeasureError(_ProblemsError, ValueError):
    """A measure that cannot be applied: unknown activity, a negative quantity, a bad value."""

    headline = "measures cannot be applied"


@dataclass(frozen=True, kw_only=True)
class Measure:
    """One planned measure.

    Attributes
    ----------
    name : str
        What the measure is called in tables and charts.
    kind : {"change_pct", "change_abs", "switch", "abatement"}
        What it changes (see the module notes).
    activity : str
        The activity it acts on.
    value : float
        ``change_pct``: the change as a fraction (``-0.3``); ``change_abs``: the yearly change in
        ``unit``; ``switch``: the share moved (``1.0``) or, with a ``unit``, the amount moved a
        year; ``abatement``: the share destroyed (``0.7``).
    from_year : int
        First year it acts.
    unit : str, optional
        Unit of ``value`` (``change_abs`` and an absolute ``switch``).
    to_activity : str, optional
        Where a ``switch`` moves the quantity to.
    org_unit : str, optional
        Only the rows of this verksamhet.
    ramp_years : int, default 1
        Years until it acts in full: in year ``from_year + k`` it acts at
        ``min(1, (k + 1) / ramp_years)``.
    cost_sek : float, optional
        Yearly cost in SEK (investment annualised plus running cost), for the years it acts.
    origin : str
        Where it came from (``file:row``), for error messages.

    Examples
    --------
    >>> m = Measure(name="Flyg −30 %", kind="change_pct", activity="flight_domestic",
    ...             value=-0.3, from_year=2025, ramp_years=3)
    >>> m.ramp([2024, 2025, 2026, 2027, 2028]).round(3).tolist()
    [0.0, 0.333, 0.667, 1.0, 1.0]
    """

    name: str
    kind: MeasureKind
    activity: str
    value: float
    from_year: int
    unit: str | None = None
    to_activity: str | None = None
    org_unit: str | None = None
    ramp_years: int = 1
    cost_sek: float | None = None
    origin: str = "<code>"

    def __post_init__(self) -> None:
        problems = self.problems()
        if problems:
            raise MeasureError(problems)

    def problems(self, activities: Mapping[str, object] | None = None) -> list[Problem]:
        """Return what is wrong with the measure (empty when it can be applied)."""
        file, _, row_text = self.origin.rpartition(":")
        row = int(row_text) if row_text.isdigit() else None
        file = file or self.origin
        out: list[Problem] = []

        def bad(column: str, value: object, reason: ErrorReason, message: str) -> None:
            out.append(Problem(file, row, column, value, reason, f"{self.name}: {message}"))

        if self.kind not in KINDS.values():
            bad("kind", self.kind, ErrorReason.INVALID_VALUE, f"choose one of {sorted(KINDS)}")
        if not math.isfinite(self.value):
            bad("value", self.value, ErrorReason.NOT_A_NUMBER, "the value must be a number")
        if self.ramp_years < 1:
            bad("ramp_years", self.ramp_years, ErrorReason.INVALID_VALUE, "at least 1 year")
        if self.cost_sek is not None and not math.isfinite(self.cost_sek):
            bad("cost_sek", self.cost_sek, ErrorReason.NOT_A_NUMBER, "the cost must be a number")
        share = self.kind == "abatement" or (self.kind == "switch" and self.unit is None)
        if share and not 0.0 <= self.value <= 1.0:
            bad("value", self.value, ErrorReason.INVALID_VALUE, "a share between 0 and 100 %")
        if self.kind == "change_pct" and self.value < -1.0:
            bad(
                "value",
                self.value,
                ErrorReason.NEGATIVE_QUANTITY,
                "a cut of more than 100 % would make the quantity negative",
            )
        if self.kind == "change_abs" and self.unit is None:
            bad("unit", None, ErrorReason.MISSING_VALUE, "an absolute change needs a unit")
        if self.kind == "switch" and not self.to_activity:
            bad("to_activity", None, ErrorReason.MISSING_VALUE, "a switch needs 'till aktivitet'")
        if self.kind != "switch" and self.to_activity:
            bad("to_activity", self.to_activity, ErrorReason.INVALID_VALUE, "only for byte")
        if activities is not None:
            for column, code in (("activity", self.activity), ("to_activity", self.to_activity)):
                if code is not None and code not in activities:
                    bad(column, code, ErrorReason.UNKNOWN_ACTIVITY, "not in the activity catalogue")
        return out

    def ramp(self, years: npt.ArrayLike) -> npt.NDArray[np.float64]:
        """Return the share of the measure in effect in each year (0 before ``from_year``)."""
        y = np.asarray(years, dtype=np.float64)
        share = np.clip((y - self.from_year + 1.0) / self.ramp_years, 0.0, 1.0)
        return np.where(y < self.from_year, 0.0, share)
