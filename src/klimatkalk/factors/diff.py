"""Factor diff: what changed between two factor sets, per activity, boundary and year."""

from __future__ import annotations

import numpy as np
import pandas as pd

from klimatkalk.factors.compile import BOUNDARIES, CompiledFactors, compile_factors
from klimatkalk.factors.library import FactorTable
from klimatkalk.units import CANONICAL_UNITS

__all__ = ["diff_factors"]

DIFF_COLUMNS = (
    "activity",
    "boundary",
    "valid_from",
    "valid_to",
    "change",
    "old_factor_id",
    "old_source_id",
    "old_kg_co2e_per_unit",
    "new_factor_id",
    "new_source_id",
    "new_kg_co2e_per_unit",
    "unit",
    "old_value",
    "old_unit",
    "new_value",
    "new_unit",
    "old_high_altitude",
    "new_high_altitude",
    "relative_change",
)


def diff_factors(old: FactorTable, new: FactorTable, *, gwp_set: str = "AR5GWP100") -> pd.DataFrame:
    """Compare the factor each set applies to every activity, boundary and year.

    Values are compared as a calculation applies them: kg CO2e per canonical unit of the
    activity (``kg CO2e / l``, ``/ kWh``, ``/ km``, ``/ kg``, ``/ SEK``…) after the GWP set and
    with the set's high-altitude multiplier on flights, so a unit change alone (g → kg) is not a
    change. Beside them stand the factors as published (``old_value`` and ``old_unit``, as
    ``factors list`` shows them) and the high-altitude multiplier in the value (1 where none).
    Consecutive years with the same pair of factors are merged.

    Parameters
    ----------
    old, new : FactorTable
        For example ``load_factors(edition=2024)`` and ``load_factors()``.
    gwp_set : str
        GWP set for factors given per gas.

    Returns
    -------
    DataFrame
        One row per run of years that is ``added``, ``removed`` or ``changed``, with old and new
        factor id, source, value as applied [kg CO2e per unit], value and unit as published,
        high-altitude multiplier and ``relative_change`` (new / old − 1 of the applied values).

    Examples
    --------
    >>> import klimatkalk as kk
    >>> old, new = kk.load_factors(edition=2023), kk.load_factors()
    >>> set(diff_factors(old, new)["change"]) <= {"added", "removed", "changed"}
    True
    """
    parts = [_diff_boundary(old, new, b, gwp_set) for b in BOUNDARIES]
    frame = (
        pd.concat([p for p in parts if len(p)], ignore_index=True)
        if any(len(p) for p in parts)
        else pd.DataFrame(columns=list(DIFF_COLUMNS))
    )
    # A factor that is not boundary-specific shows up under both boundaries: keep it once.
    key = [c for c in DIFF_COLUMNS if c != "boundary"]
    frame = frame.drop_duplicates(subset=key, keep="first")
    return frame.sort_values(["activity", "boundary", "valid_from"], ignore_index=True)


def _diff_boundary(old: FactorTable, new: FactorTable, boundary: str, gwp_set: str) -> pd.DataFrame:
    a = compile_factors(old, gwp_set, boundary, boundary_fallback=False)
    b = compile_factors(new, gwp_set, boundary, boundary_fallback=False)
    first = min(a.first_year, b.first_year)
    last = max(a.first_year + a.n_years, b.first_year + b.n_years) - 1
    activities = sorted(set(a.activities) | set(b.activities))
    records = []
    for activity in activities:
        run: dict[str, object] | None = None
        for year in range(first, last + 1):
            before = _cell(old, a, activity, year)
            after = _cell(new, b, activity, year)
            change = _kind(before, after)
            if change is None:
                run = None
                continue
            pair = (change, before[:2] if before else None, after[:2] if after else None)
            if run is not None and run["_pair"] == pair and run["valid_to"] == year - 1:
                run["valid_to"] = year
                continue
            run = {
                "_pair": pair,
                "activity": activity,
                "boundary": boundary,
                "valid_from": year,
                "valid_to": year,
                "change": change,
                "old_factor_id": before[0] if before else None,
                "old_source_id": before[1] if before else None,
                "old_kg_co2e_per_unit": before[2] if before else np.nan,
                "new_factor_id": after[0] if after else None,
                "new_source_id": after[1] if after else None,
                "new_kg_co2e_per_unit": after[2] if after else np.nan,
                "unit": _canonical_unit(new if activity in new.activities else old, activity),
                "old_value": before[3] if before else np.nan,
                "old_unit": before[4] if before else None,
                "new_value": after[3] if after else np.nan,
                "new_unit": after[4] if after else None,
                "old_high_altitude": before[5] if before else np.nan,
                "new_high_altitude": after[5] if after else np.nan,
            }
            records.append(run)
    frame = pd.DataFrame.from_records(records, columns=["_pair", *DIFF_COLUMNS[:-1]])
    frame["relative_change"] = frame["new_kg_co2e_per_unit"] / frame["old_kg_co2e_per_unit"] - 1
    return frame.drop(columns="_pair")


_Cell = tuple[str, str, float, float, str, float]
"""Factor id, source, kg CO2e per canonical unit as applied, value and unit as published,
high-altitude multiplier."""


def _cell(table: FactorTable, compiled: CompiledFactors, activity: str, year: int) -> _Cell | None:
    found = compiled.cell(activity, year)
    if found is None:
        return None
    row = table.factors.iloc[found[0]]
    multiplier = float(
        compiled.high_altitude[compiled.activities.index(activity), year - compiled.first_year]
    )
    return (
        str(row["factor_id"]),
        str(row["source_id"]),
        found[1],
        float(row["value"]),
        str(row["unit"]),
        multiplier,
    )


def _kind(before: _Cell | None, after: _Cell | None) -> str | None:
    if before is None and after is None:
        return None
    if before is None:
        return "added"
    if after is None:
        return "removed"
    same_value = np.isclose(before[2], after[2], rtol=1e-12, atol=0, equal_nan=True)
    return None if same_value and before[:2] == after[:2] else "changed"


def _canonical_unit(table: FactorTable, activity: str) -> str:
    return f"kg CO2e / {CANONICAL_UNITS[table.activities[activity].dimension]}"
