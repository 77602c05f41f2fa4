"""klimatkalk: unit-aware, sourced and versioned climate accounting for Swedish regions.

>>> import klimatkalk as kk
>>> res = kk.calculate_emissions(kk.ActivityTable.from_frame(__import__("pandas").DataFrame(
...     {"year": [2024], "activity": ["nitrous_oxide"], "quantity": [10], "unit": ["kg"]})))
>>> res.total()  # 10 kg N2O × 265 (AR5 GWP100)
2650.0
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from klimatkalk._lazy import lazy_exports
from klimatkalk.activity_data import ActivityTable, combine_activities
from klimatkalk.calculate import calculate_emissions
from klimatkalk.errors import (
    ActivityDataError,
    ErrorReason,
    FactorDataError,
    InputFileNotFoundError,
    InputRowsError,
    KlimatkalkError,
    NumberFormatError,
    UnitError,
)
from klimatkalk.factors import FactorTable, load_factors
from klimatkalk.io import ReadLimits, read_activities
from klimatkalk.results import EmissionsResult

if TYPE_CHECKING:  # the lazily loaded names, for type checkers and IDEs
    from klimatkalk.analysis.annex import Annex, build_annex
    from klimatkalk.analysis.baseline import (
        BaseYearRecalculation,
        compare_with_base_year,
        recalculate_base_year,
    )
    from klimatkalk.analysis.decomposition import decompose_change
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
    from klimatkalk.factors.diff import diff_factors
    from klimatkalk.io.annex_inputs import load_example_annex_inputs, read_annex_inputs
    from klimatkalk.io.example_plans import load_example_measures, load_example_org_tree
    from klimatkalk.io.examples import load_example_activities
    from klimatkalk.io.mapping import InputMapping, SheetMapping, load_mapping
    from klimatkalk.io.planning import read_measures, read_org_tree
    from klimatkalk.io.template import write_template
    from klimatkalk.plans import Measure, MeasureError, OrganisationError, OrgTree
    from klimatkalk.report import write_report

__version__ = "0.1.0"

# Analysis, report and optional parts load on first use, so that `import klimatkalk` stays
# light (pydantic's approach): name -> module.
_LAZY: dict[str, str] = {
    "Annex": "klimatkalk.analysis.annex",
    "build_annex": "klimatkalk.analysis.annex",
    "energy_use": "klimatkalk.analysis.energy",
    "energy_per_area": "klimatkalk.analysis.energy",
    "normal_year_correction": "klimatkalk.analysis.energy",
    "energy_per_vehicle_km": "klimatkalk.analysis.energy",
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
    "load_example_annex_inputs": "klimatkalk.io.annex_inputs",
    "read_annex_inputs": "klimatkalk.io.annex_inputs",
    "BaseYearRecalculation": "klimatkalk.analysis.baseline",
    "compare_with_base_year": "klimatkalk.analysis.baseline",
    "recalculate_base_year": "klimatkalk.analysis.baseline",
    "decompose_change": "klimatkalk.analysis.decomposition",
    "load_example_activities": "klimatkalk.io.examples",
    "diff_factors": "klimatkalk.factors.diff",
    "factor_update_impact": "klimatkalk.analysis.factor_impact",
    "fossil_free_share": "klimatkalk.analysis.indicators",
    "intensity": "klimatkalk.analysis.indicators",
    "Trajectory": "klimatkalk.analysis.trajectory",
    "TrajectoryStatus": "klimatkalk.analysis.trajectory",
    "infer_convention": "klimatkalk.analysis.trajectory",
    "scope2_dual_reporting": "klimatkalk.analysis.scope2",
    "InputMapping": "klimatkalk.io.mapping",
    "SheetMapping": "klimatkalk.io.mapping",
    "load_mapping": "klimatkalk.io.mapping",
    "write_report": "klimatkalk.report",
    "write_template": "klimatkalk.io.template",
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
    "Measure": "klimatkalk.plans",
    "MeasureError": "klimatkalk.plans",
    "OrgTree": "klimatkalk.plans",
    "OrganisationError": "klimatkalk.plans",
    "read_measures": "klimatkalk.io.planning",
    "read_org_tree": "klimatkalk.io.planning",
    "load_example_measures": "klimatkalk.io.example_plans",
    "load_example_org_tree": "klimatkalk.io.example_plans",
}

__all__ = [
    "ActivityDataError",
    "ActivityTable",
    "Annex",
    "BaseYearRecalculation",
    "EmissionsResult",
    "ErrorReason",
    "FactorDataError",
    "FactorTable",
    "Forecast",
    "InputFileNotFoundError",
    "InputMapping",
    "InputRowsError",
    "KlimatkalkError",
    "Measure",
    "MeasureError",
    "Metric",
    "NumberFormatError",
    "OrgTree",
    "OrganisationError",
    "ReadLimits",
    "Scenario",
    "SheetMapping",
    "TargetGroup",
    "Trajectory",
    "TrajectoryStatus",
    "UncertaintyResult",
    "UnitError",
    "build_annex",
    "build_scenario",
    "calculate_emissions",
    "combine_activities",
    "compare_org_units",
    "compare_with_base_year",
    "decompose_change",
    "diff_factors",
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
    "load_example_activities",
    "load_example_annex_inputs",
    "load_example_measures",
    "load_example_org_tree",
    "load_factors",
    "load_mapping",
    "monte_carlo",
    "normal_year_correction",
    "org_totals",
    "policy_neutral_emissions",
    "read_activities",
    "read_annex_inputs",
    "read_measures",
    "read_org_tree",
    "recalculate_base_year",
    "scope2_dual_reporting",
    "transport_energy_shares",
    "write_report",
    "write_template",
]


__getattr__, __dir__ = lazy_exports(__name__, _LAZY, globals())
