"""klimatkalk: unit-aware, sourced and versioned climate accounting for Swedish regions.

>>> import klimatkalk as kk
>>> res = kk.calculate_emissions(kk.ActivityTable.from_frame(__import__("pandas").DataFrame(
...     {"year": [2024], "activity": ["nitrous_oxide"], "quantity": [10], "unit": ["kg"]})))
>>> res.total()  # 10 kg N2O × 265 (AR5 GWP100)
2650.0
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from klimatkalk.activity_data import ActivityTable, ReadLimits, combine_activities, read_activities
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
from klimatkalk.results import EmissionsResult

if TYPE_CHECKING:  # the lazily loaded names, for type checkers and IDEs
    from klimatkalk.baseline import (
        BaseYearRecalculation,
        compare_with_base_year,
        recalculate_base_year,
    )
    from klimatkalk.decomposition import decompose_change
    from klimatkalk.examples import load_example_activities
    from klimatkalk.factor_diff import diff_factors
    from klimatkalk.factor_impact import factor_update_impact
    from klimatkalk.indicators import fossil_free_share, intensity
    from klimatkalk.mapping import InputMapping, SheetMapping, load_mapping
    from klimatkalk.report import write_report
    from klimatkalk.scope2 import scope2_dual_reporting
    from klimatkalk.template import write_template
    from klimatkalk.trajectory import Trajectory, TrajectoryStatus, infer_convention

__version__ = "0.1.0"

# Analysis, report and optional parts load on first use, so that `import klimatkalk` stays
# light (pydantic's approach): name -> module.
_LAZY: dict[str, str] = {
    "BaseYearRecalculation": "klimatkalk.baseline",
    "compare_with_base_year": "klimatkalk.baseline",
    "recalculate_base_year": "klimatkalk.baseline",
    "decompose_change": "klimatkalk.decomposition",
    "load_example_activities": "klimatkalk.examples",
    "diff_factors": "klimatkalk.factor_diff",
    "factor_update_impact": "klimatkalk.factor_impact",
    "fossil_free_share": "klimatkalk.indicators",
    "intensity": "klimatkalk.indicators",
    "Trajectory": "klimatkalk.trajectory",
    "TrajectoryStatus": "klimatkalk.trajectory",
    "infer_convention": "klimatkalk.trajectory",
    "scope2_dual_reporting": "klimatkalk.scope2",
    "InputMapping": "klimatkalk.mapping",
    "SheetMapping": "klimatkalk.mapping",
    "load_mapping": "klimatkalk.mapping",
    "write_report": "klimatkalk.report",
    "write_template": "klimatkalk.template",
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


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        msg = f"module 'klimatkalk' has no attribute {name!r}"
        raise AttributeError(msg)
    return getattr(importlib.import_module(module), name)


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY])
