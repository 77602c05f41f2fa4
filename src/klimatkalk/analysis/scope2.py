"""Scope 2 dual reporting: purchased electricity both market-based and location-based.

The GHG Protocol Scope 2 Guidance asks organisations in markets with contractual instruments
(guarantees of origin) to report electricity both ways [1]_:

- **market-based**: what the organisation bought — residual mix for electricity without
  guarantees of origin, 0 at production with them, or the supplier's own value; this is how the
  activity rows are coded (``electricity_residual_mix``, ``electricity_renewable_go``,
  ``electricity_supplier_specific``). Rows coded with the grid average
  (``electricity_nordic_mix``) claim no contractual instrument, so the market-based figure
  takes them at the residual mix, as the Guidance's hierarchy does for electricity without
  instruments (their kWh are in ``residual_mix_from_location_kwh``);
- **location-based**: the average emissions of the grid the electricity is drawn from, the
  Nordic production mix (``electricity_nordic_mix``), whatever was bought.

:func:`scope2_dual_reporting` recalculates the same kWh both ways, per year.

References
----------
.. [1] GHG Protocol (2015), *Scope 2 Guidance*, chapter 4 ("dual reporting").
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import pandas as pd

from klimatkalk.activity_data import ActivityTable
from klimatkalk.calculate import calculate_emissions
from klimatkalk.factors.library import FactorTable, load_factors
from klimatkalk.factors.names import resolve_activity_names
from klimatkalk.results import MASS_UNITS, EmissionsResult
from klimatkalk.units import canonical_quantity

__all__ = ["LOCATION_BASED_ELECTRICITY", "scope2_dual_reporting"]

LOCATION_BASED_ELECTRICITY = "electricity_nordic_mix"
"""The activity whose factor is the location-based (grid-average) electricity factor."""
RESIDUAL_MIX_ELECTRICITY = "electricity_residual_mix"
"""The activity whose factor is the residual mix: market-based electricity without instruments."""


def scope2_dual_reporting(
    activities: ActivityTable | pd.DataFrame,
    factors: FactorTable | None = None,
    *,
    by: str | Sequence[str] = "year",
    location_activity: str = LOCATION_BASED_ELECTRICITY,
    gwp_set: str = "AR5GWP100",
    boundary: Literal["lifecycle", "combustion"] = "lifecycle",
    unit: Literal["kg", "t", "kt"] = "t",
) -> pd.DataFrame:
    """Purchased electricity market-based and location-based, side by side.

    Parameters
    ----------
    activities : ActivityTable or DataFrame
        All activity rows; the electricity rows (subcategory ``electricity`` of the catalogue)
        are used.
    factors : FactorTable, optional
        The factor set (the bundled one by default); a supplier-specific factor comes from a
        folder of your own stacked on top.
    by : str or sequence of str
        Columns to report by; ``"year"`` by default.
    location_activity : str
        The activity whose factor is applied to every kWh for the location-based figure.
    unit : {"kg", "t", "kt"}
        Mass unit of the CO2e columns.

    Returns
    -------
    DataFrame
        Empty without electricity rows; else per group: ``electricity_kwh``,
        ``market_based_<unit>_co2e``, ``location_based_<unit>_co2e``,
        ``residual_mix_from_location_kwh`` (kWh coded with ``location_activity``, taken at the
        residual mix in the market-based figure), and the number of electricity rows that
        could not be calculated either way (``rejected_market``, ``rejected_location``).
        Activities may be written by code or by name ("El, nordisk elmix"), as for the
        calculation.

    Examples
    --------
    1 000 kWh with guarantees of origin (0 g/kWh at production) and 1 000 kWh of residual mix in
    2023 (Ei: 524.10 g/kWh):

    >>> import pandas as pd
    >>> import klimatkalk as kk
    >>> acts = pd.DataFrame({"year": [2023, 2023], "quantity": [1000, 1000],
    ...     "activity": ["electricity_renewable_go", "electricity_residual_mix"],
    ...     "unit": ["kWh", "kWh"]})
    >>> table = scope2_dual_reporting(acts, unit="kg")
    >>> float(table.loc[0, "market_based_kg_co2e"])  # 1000 × 0 + 1000 × 0.52410
    524.1
    """
    factors = load_factors() if factors is None else factors
    table = (
        activities
        if isinstance(activities, ActivityTable)
        else ActivityTable.from_frame(activities)
    )
    if location_activity not in factors.activities:
        msg = f"location_activity={location_activity!r} is not in the activity catalogue"
        raise ValueError(msg)
    keys = [by] if isinstance(by, str) else list(by)
    electricity = {a for a, act in factors.activities.items() if act.subcategory == "electricity"}
    codes = resolve_activity_names(table.frame["activity"], factors.activities)
    chosen = codes.isin(sorted(electricity)).to_numpy(dtype=bool)
    frame = table.frame[chosen].assign(activity=codes[chosen])
    columns = [
        "electricity_kwh",
        f"market_based_{unit}_co2e",
        f"location_based_{unit}_co2e",
        "residual_mix_from_location_kwh",
        "rejected_market",
        "rejected_location",
    ]
    if frame.empty:  # no purchased electricity: nothing to report either way
        return pd.DataFrame(columns=[*keys, *columns])
    grid = (frame["activity"] == location_activity).to_numpy(dtype=bool)
    market_rows = frame.reset_index(drop=True)
    if grid.any() and RESIDUAL_MIX_ELECTRICITY in factors.activities:
        market_rows["activity"] = (
            market_rows["activity"].astype(object).where(~grid, RESIDUAL_MIX_ELECTRICITY)
        )
    market = calculate_emissions(
        ActivityTable.from_frame(market_rows), factors, gwp_set=gwp_set, boundary=boundary
    )
    location_rows = frame.assign(activity=location_activity).reset_index(drop=True)
    location = calculate_emissions(
        ActivityTable.from_frame(location_rows), factors, gwp_set=gwp_set, boundary=boundary
    )
    scale = MASS_UNITS[unit]
    parts = [
        _sum(market.rows, keys, "emissions_kg_co2e", f"market_based_{unit}_co2e", scale),
        _sum(location.rows, keys, "emissions_kg_co2e", f"location_based_{unit}_co2e", scale),
        _kwh(location.rows, keys),
        _kwh(location.rows[grid[location.rows.index]], keys).rename(
            "residual_mix_from_location_kwh"
        ),
        _count(market, frame, keys, "rejected_market"),
        _count(location, location_rows, keys, "rejected_location"),
    ]
    out = pd.concat(parts, axis=1).fillna(
        {
            f"market_based_{unit}_co2e": 0.0,
            f"location_based_{unit}_co2e": 0.0,
            "electricity_kwh": 0.0,
            "residual_mix_from_location_kwh": 0.0,
            "rejected_market": 0,
            "rejected_location": 0,
        }
    )
    out = out[columns].reset_index()
    out[["rejected_market", "rejected_location"]] = out[
        ["rejected_market", "rejected_location"]
    ].astype(int)
    return out


def _sum(rows: pd.DataFrame, keys: list[str], column: str, name: str, scale: float) -> pd.Series:
    values = rows[column] * scale
    return values.groupby([rows[k] for k in keys], observed=True, dropna=False).sum().rename(name)


def _kwh(rows: pd.DataFrame, keys: list[str]) -> pd.Series:
    """Electricity in kWh, converted from each row's unit once per distinct unit."""
    kwh = pd.Series(canonical_quantity(rows["quantity"], rows["unit"]), index=rows.index)
    return (
        kwh.groupby([rows[k] for k in keys], observed=True, dropna=False)
        .sum()
        .rename("electricity_kwh")
    )


def _count(result: EmissionsResult, frame: pd.DataFrame, keys: list[str], name: str) -> pd.Series:
    rejected = frame.iloc[result.rejected["row"].to_numpy(dtype=int)]
    return rejected.groupby(keys, observed=True, dropna=False).size().rename(name)
