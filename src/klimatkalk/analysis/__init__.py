"""What the results mean: base year, paths, why a figure moved, factor updates, indicators.

Public: :func:`compare_with_base_year` and :func:`recalculate_base_year`
(:mod:`~klimatkalk.analysis.baseline`), :func:`decompose_change`
(:mod:`~klimatkalk.analysis.decomposition`), :func:`factor_update_impact`
(:mod:`~klimatkalk.analysis.factor_impact`), :func:`intensity` and :func:`fossil_free_share`
(:mod:`~klimatkalk.analysis.indicators`), :func:`scope2_dual_reporting`
(:mod:`~klimatkalk.analysis.scope2`), the trajectories (:mod:`~klimatkalk.analysis.trajectory`)
and the indicator annex: energy (:mod:`~klimatkalk.analysis.energy`), degree days from daily
temperatures (:mod:`~klimatkalk.analysis.degree_days`), the EED requirement
(:mod:`~klimatkalk.analysis.eed`), fossil-free shares per transport type
(:mod:`~klimatkalk.analysis.fossil_free`), target groups (:mod:`~klimatkalk.analysis.groups`),
metrics with verdicts (:mod:`~klimatkalk.analysis.metrics`), category layouts
(:mod:`~klimatkalk.analysis.layouts`), :func:`build_annex` (:mod:`~klimatkalk.analysis.annex`),
the forecast (:mod:`~klimatkalk.analysis.forecast`), scenarios of planned measures
(:mod:`~klimatkalk.analysis.scenario`), Monte Carlo uncertainty
(:mod:`~klimatkalk.analysis.uncertainty`) and totals by organisation level
(:mod:`~klimatkalk.analysis.organisation`). Each module loads on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from klimatkalk._lazy import lazy_exports

if TYPE_CHECKING:
    from klimatkalk.analysis.annex import Annex, build_annex
    from klimatkalk.analysis.baseline import (
        BaseYearRecalculation,
        compare_with_base_year,
        recalculate_base_year,
    )
    from klimatkalk.analysis.decomposition import decompose_change
    from klimatkalk.analysis.degree_days import degree_days_from_daily
    from klimatkalk.analysis.eed import eed_path, eed_status
    from klimatkalk.analysis.energy import (
        energy_per_area,
        energy_per_vehicle_km,
        energy_use,
        normal_year_correction,
    )
    from klimatkalk.analysis.factor_impact import factor_update_impact
    from klimatkalk.analysis.forecast import (
        Forecast,
        forecast_emissions,
        forecast_verdicts,
        policy_neutral_emissions,
    )
    from klimatkalk.analysis.fossil_free import transport_energy_shares
    from klimatkalk.analysis.groups import (
        TargetGroup,
        group_emissions,
        group_status,
        groups_from_mapping,
    )
    from klimatkalk.analysis.indicators import fossil_free_share, intensity
    from klimatkalk.analysis.layouts import emissions_by_layout
    from klimatkalk.analysis.metrics import Metric, evaluate_metrics
    from klimatkalk.analysis.organisation import compare_org_units, org_totals
    from klimatkalk.analysis.scenario import Scenario, build_scenario
    from klimatkalk.analysis.scope2 import scope2_dual_reporting
    from klimatkalk.analysis.trajectory import Trajectory, TrajectoryStatus, infer_convention
    from klimatkalk.analysis.uncertainty import UncertaintyResult, monte_carlo

_LAZY = {
    "Annex": "klimatkalk.analysis.annex",
    "build_annex": "klimatkalk.analysis.annex",
    "energy_use": "klimatkalk.analysis.energy",
    "energy_per_area": "klimatkalk.analysis.energy",
    "normal_year_correction": "klimatkalk.analysis.energy",
    "energy_per_vehicle_km": "klimatkalk.analysis.energy",
    "degree_days_from_daily": "klimatkalk.analysis.degree_days",
    "eed_path": "klimatkalk.analysis.eed",
    "eed_status": "klimatkalk.analysis.eed",
    "transport_energy_shares": "klimatkalk.analysis.fossil_free",
    "TargetGroup": "klimatkalk.analysis.groups",
    "group_emissions": "klimatkalk.analysis.groups",
    "group_status": "klimatkalk.analysis.groups",
    "groups_from_mapping": "klimatkalk.analysis.groups",
    "Metric": "klimatkalk.analysis.metrics",
    "evaluate_metrics": "klimatkalk.analysis.metrics",
    "emissions_by_layout": "klimatkalk.analysis.layouts",
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
    "Forecast": "klimatkalk.analysis.forecast",
    "forecast_emissions": "klimatkalk.analysis.forecast",
    "forecast_verdicts": "klimatkalk.analysis.forecast",
    "policy_neutral_emissions": "klimatkalk.analysis.forecast",
    "Scenario": "klimatkalk.analysis.scenario",
    "build_scenario": "klimatkalk.analysis.scenario",
    "UncertaintyResult": "klimatkalk.analysis.uncertainty",
    "monte_carlo": "klimatkalk.analysis.uncertainty",
    "org_totals": "klimatkalk.analysis.organisation",
    "compare_org_units": "klimatkalk.analysis.organisation",
}

__all__ = [
    "Annex",
    "BaseYearRecalculation",
    "Forecast",
    "Metric",
    "Scenario",
    "TargetGroup",
    "Trajectory",
    "TrajectoryStatus",
    "UncertaintyResult",
    "build_annex",
    "build_scenario",
    "compare_org_units",
    "compare_with_base_year",
    "decompose_change",
    "degree_days_from_daily",
    "eed_path",
    "eed_status",
    "emissions_by_layout",
    "energy_per_area",
    "energy_per_vehicle_km",
    "energy_use",
    "evaluate_metrics",
    "factor_update_impact",
    "forecast_emissions",
    "forecast_verdicts",
    "fossil_free_share",
    "group_emissions",
    "group_status",
    "groups_from_mapping",
    "infer_convention",
    "intensity",
    "monte_carlo",
    "normal_year_correction",
    "org_totals",
    "policy_neutral_emissions",
    "recalculate_base_year",
    "scope2_dual_reporting",
    "transport_energy_shares",
]

__getattr__, __dir__ = lazy_exports(__name__, _LAZY, globals())
