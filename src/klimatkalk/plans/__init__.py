"""Plans: what a region intends to do and how it is organised.

* :mod:`~klimatkalk.plans.measures` — :class:`Measure`: a planned change of an activity
  (a cut, a switch of fuel, a share of gas destroyed) from a year, with its cost;
* :mod:`~klimatkalk.plans.organisation` — :class:`OrgTree`: verksamhet → förvaltning →
  region, checked to roll up once.

Both are read from tables by :mod:`klimatkalk.io.planning` and used by
:mod:`klimatkalk.analysis.scenario` and :mod:`klimatkalk.analysis.organisation`.
"""

from klimatkalk.plans.measures import KINDS, Measure, MeasureError, MeasureKind
from klimatkalk.plans.organisation import OrganisationError, OrgTree

__all__ = ["KINDS", "Measure", "MeasureError", "MeasureKind", "OrgTree", "OrganisationError"]
