"""What the results mean: base year, paths, why a figure moved, factor updates, indicators.

Public: :func:`compare_with_base_year` and :func:`recalculate_base_year`
(:mod:`~klimatkalk.analysis.baseline`), :func:`decompose_change`
(:mod:`~klimatkalk.analysis.decomposition`), :func:`factor_update_impact`
(:mod:`~klimatkalk.analysis.factor_impact`), :func:`intensity` and :func:`fossil_free_share`
(:mod:`~klimatkalk.analysis.indicators`), :func:`scope2_dual_reporting`
(:mod:`~klimatkalk.analysis.scope2`) and the trajectories (:mod:`~klimatkalk.analysis.trajectory`).
Each module loads on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from klimatkalk._lazy import lazy_exports

if TYPE_CHECKING:
    from klimatkalk.analysis.baseline import (
        BaseYearRecalculation,
        compare_with_base_year,
        recalculate_base_year,
    )
    from klimatkalk.analysis.decomposition import decompose_change
    from klimatkalk.analysis.factor_impact import factor_update_impact
    from klimatkalk.analysis.indicators import fossil_free_share, intensity
    from klimatkalk.analysis.scope2 import scope2_dual_reporting
    from klimatkalk.analysis.trajectory import Trajectory, TrajectoryStatus, infer_convention

_LAZY = {
    "BaseYearRecalculation": "klimatkalk.analysis.baseline",
    "compare_with_base_year": "klimatkalk.analysis.baseline",
    "recalculate_base_year": "klimatkalk.analysis.baseline",
    "decompose_change": "klimatkalk.analysis.decomposition",
    "factor_update_impact": "klimatkalk.analysis.factor_impact",
    "fossil_free_share": "klimatkalk.analysis.indicators",
    "intensity": "klimatkalk.analysis.indicators",
    "scope2_dual_reporting": "klimatkalk.analysis.scope2",
    "Trajectory": "klimatkalk.analysis.trajectory",
    "TrajectoryStatus": "klimatkalk.analysis.trajectory",
    "infer_convention": "klimatkalk.analysis.trajectory",
}

__all__ = [
    "BaseYearRecalculation",
    "Trajectory",
    "TrajectoryStatus",
    "compare_with_base_year",
    "decompose_change",
    "factor_update_impact",
    "fossil_free_share",
    "infer_convention",
    "intensity",
    "recalculate_base_year",
    "scope2_dual_reporting",
]

__getattr__, __dir__ = lazy_exports(__name__, _LAZY, globals())
