"""Reduction trajectories ("målbanor") and the "are we on track?" verdict.

* :mod:`~klimatkalk.analysis.trajectory.shapes` — the paths: :class:`Trajectory` (linear,
  constant rate, carbon budget);
* :mod:`~klimatkalk.analysis.trajectory.status` — where a year stands:
  :class:`TrajectoryStatus`;
* :mod:`~klimatkalk.analysis.trajectory.convention` — which convention reproduces a published
  figure: :func:`infer_convention`.
"""

from klimatkalk.analysis.trajectory.convention import ConventionMatch, infer_convention
from klimatkalk.analysis.trajectory.shapes import CARBON_LAW_RATE, Shape, Trajectory
from klimatkalk.analysis.trajectory.status import TrajectoryStatus

__all__ = [
    "CARBON_LAW_RATE",
    "ConventionMatch",
    "Shape",
    "Trajectory",
    "TrajectoryStatus",
    "infer_convention",
]
