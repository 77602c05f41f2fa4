"""Organisation totals: a result summed and compared at any level of an :class:`OrgTree`.

The tree (verksamhet → förvaltning → region) is read and checked by
:func:`klimatkalk.io.planning.read_org_tree`; :func:`org_totals` sums a result at one of its
levels and :func:`compare_org_units` compares two years there.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from klimatkalk.analysis.baseline import TOTAL, MassUnit, _scale
from klimatkalk.errors import ErrorReason, Problem
from klimatkalk.plans.organisation import OrganisationError, OrgTree
from klimatkalk.results import EmissionsResult

__all__ = ["compare_org_units", "org_totals"]


def org_totals(
    result: EmissionsResult,
    tree: OrgTree,
    level: str | int,
    *,
    by: str | Sequence[str] = ("year",),
    unit: MassUnit = "t",
) -> pd.DataFrame:
    """Sum a result at one level of the organisation tree.

    Parameters
    ----------
    result : EmissionsResult
        Rows with an ``org_unit`` column.
    tree : OrgTree
        The organisation.
    level : str or int
        Level name (``"förvaltning"``) or depth (0 = top).
    by : str or sequence of str, default ("year",)
        Further columns to group by.
    unit : {"kg", "t", "kt"}, default "t"
        Mass unit of CO2e.

    Returns
    -------
    DataFrame
        The ``by`` columns, ``org_level_unit`` and ``emissions_<unit>_co2e``; each unit at the
        level appears once per ``by`` group, with 0 where it has no rows.

    Raises
    ------
    OrganisationError
        If the rows lack ``org_unit`` or name a unit not in the tree.
    """
    keys = [by] if isinstance(by, str) else list(by)
    rows = result.rows
    if "org_unit" not in rows:
        raise OrganisationError(
            [
                Problem(
                    result.file,
                    None,
                    "org_unit",
                    None,
                    ErrorReason.MISSING_COLUMN,
                    "the activity data has no org_unit (verksamhet) column",
                )
            ]
        )
    group = tree.roll_up(rows["org_unit"], level)
    values = rows["emissions_kg_co2e"].to_numpy(dtype=np.float64) * _scale(unit)
    frame = pd.DataFrame({k: rows[k].to_numpy() for k in keys})
    frame["org_level_unit"] = group.to_numpy()
    frame["v"] = values
    summed = frame.groupby([*keys, "org_level_unit"], sort=True)["v"].sum()
    units = list(dict.fromkeys([*tree.units_at(level), *frame["org_level_unit"]]))
    if keys:
        index = pd.MultiIndex.from_product(
            [sorted(pd.unique(frame[k])) for k in keys] + [units], names=[*keys, "org_level_unit"]
        )
    else:
        index = pd.Index(units, name="org_level_unit")
    out = summed.reindex(index, fill_value=0.0).rename(f"emissions_{unit}_co2e")
    return out.reset_index()


def compare_org_units(
    result: EmissionsResult,
    tree: OrgTree,
    level: str | int,
    *,
    base_year: int,
    year: int,
    unit: MassUnit = "t",
) -> pd.DataFrame:
    """Compare two years at one level of the tree (with a ``total`` row).

    Returns
    -------
    DataFrame
        ``org_level_unit``, ``base_<unit>_co2e``, ``year_<unit>_co2e``, ``change_<unit>_co2e``
        and ``change`` (fraction; NaN where the base is 0).

    Examples
    --------
    >>> import pandas as pd
    >>> import klimatkalk as kk
    >>> acts = pd.DataFrame({"year": [2019, 2024, 2024], "activity": ["nitrous_oxide"] * 3,
    ...                      "quantity": [100, 50, 10], "unit": ["kg"] * 3,
    ...                      "org_unit": ["Akuten", "Akuten", "Tandvård"]})
    >>> from klimatkalk.plans import OrgTree
    >>> tree = OrgTree.from_parents({"Region": None, "Vård": "Region", "Akuten": "Vård",
    ...                              "Tandvård": "Region"})
    >>> res = kk.calculate_emissions(acts)
    >>> compare_org_units(res, tree, 1, base_year=2019, year=2024)[
    ...     ["org_level_unit", "base_t_co2e", "year_t_co2e", "change"]]
      org_level_unit  base_t_co2e  year_t_co2e  change
    0           Vård         26.5        13.25    -0.5
    1       Tandvård          0.0         2.65     NaN
    2          total         26.5        15.90    -0.4
    """
    totals = org_totals(result, tree, level, by=("year",), unit=unit)
    column = f"emissions_{unit}_co2e"
    present = set(totals["year"])
    for y in (base_year, year):
        if y not in present:
            msg = f"no rows for {y}; years present: {sorted(present)}"
            raise ValueError(msg)
    wide = totals.pivot_table(
        index="org_level_unit", columns="year", values=column, aggfunc="sum", sort=False
    )
    frame = pd.DataFrame(
        {
            "org_level_unit": list(wide.index),
            f"base_{unit}_co2e": wide[base_year].to_numpy(dtype=np.float64),
            f"year_{unit}_co2e": wide[year].to_numpy(dtype=np.float64),
        }
    )
    total = {
        "org_level_unit": TOTAL,
        f"base_{unit}_co2e": float(frame[f"base_{unit}_co2e"].sum()),
        f"year_{unit}_co2e": float(frame[f"year_{unit}_co2e"].sum()),
    }
    frame = pd.concat([frame, pd.DataFrame([total])], ignore_index=True)
    base = frame[f"base_{unit}_co2e"].to_numpy()
    change = frame[f"year_{unit}_co2e"].to_numpy() - base
    frame[f"change_{unit}_co2e"] = change
    frame["change"] = np.divide(change, base, out=np.full(len(base), np.nan), where=base > 0)
    return frame
