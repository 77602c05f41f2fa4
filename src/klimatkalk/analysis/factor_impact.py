"""Factor-update impact: what a new factor set or GWP set does to every year's emissions.

When next year's factors arrive (a new residual mix, a new reduktionsplikt level, a corrected
table), the analyst recalculates *the same activity data* with the old and the new set and
attaches the difference per year and category, base year included, to the update.
:func:`factor_update_impact` does that like for like: the change counts only the rows that both
sets calculate. A row that one set cannot calculate (no factor in an early edition, a year it
does not cover, a factor withdrawn) is shown apart, as rows, t CO2e and a share of the total,
instead of as an emission increase or reduction.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import numpy as np
import pandas as pd

from klimatkalk.activity_data import ActivityTable
from klimatkalk.analysis.baseline import (
    MassUnit,
    _append_totals,
    _as_keys,
    _count_by,
    _fraction,
    _scale,
    _sum_by,
    _unify_categories,
)
from klimatkalk.analysis.comparable import split_rows
from klimatkalk.calculate import calculate_emissions
from klimatkalk.factors.library import FactorTable
from klimatkalk.results import EmissionsResult

__all__ = ["factor_update_impact"]

_CATALOGUE_COLUMNS = ("category", "subcategory", "scope")


def factor_update_impact(
    activities: ActivityTable | pd.DataFrame,
    old_factors: FactorTable,
    new_factors: FactorTable | None = None,
    *,
    gwp_set_old: str = "AR5GWP100",
    gwp_set_new: str | None = None,
    by: str | Sequence[str] = ("year", "category"),
    boundary: Literal["lifecycle", "combustion"] = "lifecycle",
    fallback: Literal["none", "previous"] = "none",
    high_altitude: bool | float = True,
    unit: MassUnit = "t",
) -> pd.DataFrame:
    """Recalculate the same activities with an old and a new factor set (or GWP set).

    Parameters
    ----------
    activities : ActivityTable or DataFrame
        The activity data, all years (base year included).
    old_factors : FactorTable
        The factor set in use.
    new_factors : FactorTable, optional
        The updated factor set; ``old_factors`` by default (to see a GWP-set change alone).
    gwp_set_old : str, default "AR5GWP100"
        GWP set used with ``old_factors``.
    gwp_set_new : str, optional
        GWP set used with ``new_factors``; ``gwp_set_old`` by default.
    by : str or sequence of str, default ("year", "category")
        Columns to group by: columns of the activity data, or ``category``, ``subcategory``
        and ``scope`` from the activity catalogue (for rejected rows too).
    boundary : {"lifecycle", "combustion"}, default "lifecycle"
        The boundary, the same for both sets.
    fallback : {"none", "previous"}, default "none"
        The fallback rule for years without a factor, the same for both sets.
    high_altitude : bool or float, default True
        Aviation's high-altitude multiplier, as in :func:`klimatkalk.calculate_emissions`;
        with ``True`` each set applies its own multipliers.
    unit : {"kg", "t", "kt"}, default "t"
        Mass unit of CO2e in the output columns.

    Returns
    -------
    DataFrame
        One row per group, then a ``total`` row per year if ``by`` holds ``"year"`` and
        another column (a grand total if it holds no ``"year"``), with ``old_<unit>_co2e``,
        ``new_<unit>_co2e``, ``change_<unit>_co2e`` (new − old) and ``change_fraction``
        (change / old, a fraction; NaN where old is 0), all over the rows that *both* sets
        calculated; then the rows that only one set calculated, left out of the change:
        ``left_out_rows``, ``left_out_<unit>_co2e`` (their emissions under the set that
        calculated them) and ``left_out_share`` (of the group's emissions counting every row
        once, comparable rows at the new value); and ``rejected_old`` / ``rejected_new``: how
        many input rows each set could not calculate. Rejected rows whose group is unknown (an
        activity not in the catalogue) have a missing group value.

    Examples
    --------
    Moving from AR5 to AR6 GWP100 (the factor set unchanged): nitrous oxide 265 → 273,
    R134a 1300 → 1530:

    >>> import pandas as pd
    >>> import klimatkalk as kk
    >>> from klimatkalk.analysis.factor_impact import factor_update_impact
    >>> acts = pd.DataFrame({"year": [2019, 2019, 2024],
    ...                      "activity": ["nitrous_oxide", "refrigerant_r134a", "nitrous_oxide"],
    ...                      "quantity": [100, 10, 80], "unit": ["kg", "kg", "kg"]})
    >>> impact = factor_update_impact(acts, kk.load_factors(), gwp_set_new="AR6GWP100")
    >>> impact[["year", "category", "old_t_co2e", "new_t_co2e", "change_fraction"]].round(4)
       year       category  old_t_co2e  new_t_co2e  change_fraction
    0  2019  medical_gases        26.5       27.30           0.0302
    1  2019   refrigerants        13.0       15.30           0.1769
    2  2019          total        39.5       42.60           0.0785
    3  2024  medical_gases        21.2       21.84           0.0302
    4  2024          total        21.2       21.84           0.0302
    """
    keys = _as_keys(by)
    scale = _scale(unit)
    table = (
        activities
        if isinstance(activities, ActivityTable)
        else ActivityTable.from_frame(activities)
    )
    new_factors = old_factors if new_factors is None else new_factors
    gwp_set_new = gwp_set_old if gwp_set_new is None else gwp_set_new
    old, new = (
        calculate_emissions(
            table,
            factors,
            gwp_set=gwp_set,
            boundary=boundary,
            fallback=fallback,
            high_altitude=high_altitude,
        )
        for factors, gwp_set in ((old_factors, gwp_set_old), (new_factors, gwp_set_new))
    )
    view = _input_view(table, keys, (new_factors, old_factors))
    old_rows, new_rows = old.rows, new.rows
    split = split_rows(old_rows, new_rows)
    parts = [
        _sum_by(old_rows[split.a_both], keys, scale, "old"),
        _sum_by(new_rows[split.b_both], keys, scale, "new"),
        _sum_by(old_rows[~split.a_both], keys, scale, "left_old"),
        _sum_by(new_rows[~split.b_both], keys, scale, "left_new"),
        _count_by(old_rows[~split.a_both], keys, "rows_old"),
        _count_by(new_rows[~split.b_both], keys, "rows_new"),
        _count_rejected(view, old, keys, "rejected_old"),
        _count_rejected(view, new, keys, "rejected_new"),
    ]
    if keys:
        _unify_categories(parts, keys)
        frame = parts[0]
        for part in parts[1:]:
            frame = frame.merge(part, on=keys, how="outer")
    else:
        frame = pd.concat(parts, axis=1)
    values = ["old", "new", "left_old", "left_new", "rows_old", "rows_new"]
    values += ["rejected_old", "rejected_new"]
    frame[values] = frame[values].fillna(0.0)
    within = ["year"] if "year" in keys else []
    frame = _append_totals(frame, keys, within, values)
    frame["left_out_rows"] = frame["rows_old"] + frame["rows_new"]
    for column in ("rejected_old", "rejected_new", "left_out_rows"):
        frame[column] = frame[column].to_numpy(dtype=np.int64)
    frame["change"] = frame["new"] - frame["old"]
    frame["change_fraction"] = _fraction(frame["change"], frame["old"])
    frame["left_out"] = frame["left_old"] + frame["left_new"]
    frame["left_out_share"] = _fraction(frame["left_out"], frame["new"] + frame["left_out"])
    columns = [*keys, "old", "new", "change", "change_fraction"]
    columns += ["left_out_rows", "left_out", "left_out_share", "rejected_old", "rejected_new"]
    frame = frame[columns]
    return frame.rename(
        columns={
            "old": f"old_{unit}_co2e",
            "new": f"new_{unit}_co2e",
            "change": f"change_{unit}_co2e",
            "left_out": f"left_out_{unit}_co2e",
        }
    )


def _input_view(
    table: ActivityTable, keys: list[str], factor_sets: Sequence[FactorTable]
) -> pd.DataFrame:
    """Return the group columns of every input row: from the activity data or the catalogue."""
    frame = table.frame
    view = pd.DataFrame(index=frame.index)
    activity = frame["activity"].astype("category")
    codes = activity.cat.codes.to_numpy()
    for key in keys:
        if key in frame.columns:
            view[key] = frame[key]
        elif key in _CATALOGUE_COLUMNS:
            lookup: dict[str, object] = {}
            for factors in reversed(factor_sets):  # the first set wins
                lookup.update({a: getattr(c, key) for a, c in factors.activities.items()})
            mapped = np.array(
                [lookup.get(str(a)) for a in activity.cat.categories] + [None], dtype=object
            )
            view[key] = pd.array(mapped[codes], dtype="Int64") if key == "scope" else mapped[codes]
        else:
            view[key] = None
    return view


def _count_rejected(
    view: pd.DataFrame, result: EmissionsResult, keys: list[str], name: str
) -> pd.DataFrame:
    rows = result.rejected["row"].to_numpy(dtype=np.intp)
    if not keys:
        return pd.DataFrame({name: [float(len(rows))]})
    subset = view.iloc[rows]
    counts = subset.groupby(keys, dropna=False, sort=False).size()
    return counts.rename(name).astype(np.float64).reset_index()
