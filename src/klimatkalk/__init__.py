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
    InputRowsError,
    KlimatkalkError,
    NumberFormatError,
    UnitError,
)
from klimatkalk.factors import FactorTable, load_factors
from klimatkalk.io import ReadLimits, read_activities
from klimatkalk.results import EmissionsResult

if TYPE_CHECKING:  # the lazily loaded names, for type checkers and IDEs
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
    from klimatkalk.factors.diff import diff_factors
    from klimatkalk.io.examples import load_example_activities
    from klimatkalk.io.mapping import InputMapping, SheetMapping, load_mapping
    from klimatkalk.io.template import write_template
    from klimatkalk.report import write_report

__version__ = "0.1.0"

# Analysis, report and optional parts load on first use, so that `import klimatkalk` stays
# light (pydantic's approach): name -> module.
_LAZY: dict[str, str] = {
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
}

__all__ = [
    "ActivityDataError",
    "ActivityTable",
    "BaseYearRecalculation",
    "EmissionsResult",
    "ErrorReason",
    "FactorDataError",
    "FactorTable",
    "InputMapping",
    "InputRowsError",
    "KlimatkalkError",
    "NumberFormatError",
    "ReadLimits",
    "SheetMapping",
    "Trajectory",
    "TrajectoryStatus",
    "UnitError",
    "calculate_emissions",
    "combine_activities",
    "compare_with_base_year",
    "decompose_change",
    "diff_factors",
    "factor_update_impact",
    "fossil_free_share",
    "infer_convention",
    "intensity",
    "load_example_activities",
    "load_factors",
    "load_mapping",
    "read_activities",
    "recalculate_base_year",
    "scope2_dual_reporting",
    "write_report",
    "write_template",
]


__getattr__, __dir__ = lazy_exports(__name__, _LAZY, globals())
