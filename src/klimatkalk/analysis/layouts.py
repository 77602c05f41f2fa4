"""Category layouts: the emissions table in klimatkalk's categories or in the regions' tool's.

Many regions compute their climate report with the regions' shared tool (*Regionernas
klimatberäkningsverktyg*) and must report in its category layout: *Energi* (el, värme, kyla,
köldmedia, reservkraft), *Transporter* (tjänsteresor, sjukresor, kollektivtrafik, ambulansflyg)
and *Inköp* (lustgas, anestesigaser, medicinsk koldioxid, tvätteritjänster, varor, tjänster,
livsmedel). The tool itself is not public; its layout is taken from the category lists of the
regions' reports that were computed with it, and kept as data in
``emission_factors/category_layouts.csv`` (one row per mapping, with the report it comes from).

A result row takes the layout category of the first matching mapping row, most specific first:
activity, then subcategory, then category. A row no mapping covers is not dropped: it lands in
*Ej mappad* and :func:`emissions_by_layout` lists it in ``unmapped``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Final

import numpy as np
import pandas as pd

from klimatkalk.analysis.baseline import MassUnit, _scale
from klimatkalk.results import EmissionsResult

__all__ = ["KLIMATKALK_LAYOUT", "UNMAPPED", "LayoutTable", "emissions_by_layout", "load_layouts"]

KLIMATKALK_LAYOUT: Final = "klimatkalk"
"""klimatkalk's own layout: the catalogue's category and subcategory."""

UNMAPPED: Final = "Ej mappad"

_COLUMNS: Final = (
    "layout",
    "category",
    "subcategory",
    "activity",
    "layout_group",
    "layout_category",
    "order",
)


@dataclass(frozen=True)
class LayoutTable:
    """Emissions in one layout.

    Attributes
    ----------
    layout : str
    table : DataFrame
        Per ``year``, ``layout_group`` and ``layout_category`` (in the layout's order):
        ``emissions_<unit>_co2e``.
    unmapped : DataFrame
        The activities (``category``, ``subcategory``, ``activity``) that no mapping row
        covers, with their emissions; empty when every row is mapped.
    """

    layout: str
    table: pd.DataFrame
    unmapped: pd.DataFrame


def load_layouts(path: str | Path | None = None) -> pd.DataFrame:
    """Read the layout mappings (by default the bundled ``category_layouts.csv``).

    Examples
    --------
    >>> sorted(set(load_layouts()["layout"]))
    ['regionernas_verktyg']
    """
    if path is None:
        from klimatkalk._resources import data_root

        path = Path(data_root()) / "category_layouts.csv"
    table = pd.read_csv(path, encoding="utf-8", dtype=str, keep_default_na=False)
    missing = [c for c in _COLUMNS if c not in table.columns]
    if missing:
        msg = f"{path}: the layout table lacks columns {missing}"
        raise ValueError(msg)
    table["order"] = pd.to_numeric(table["order"]).astype(np.int64)
    return table


def emissions_by_layout(
    result: EmissionsResult,
    layout: str = "regionernas_verktyg",
    *,
    unit: MassUnit = "t",
    mappings: pd.DataFrame | None = None,
) -> LayoutTable:
    """Emissions per year in a category layout.

    Parameters
    ----------
    result : EmissionsResult
    layout : str, default "regionernas_verktyg"
        A layout of the mapping table, or ``"klimatkalk"`` for the catalogue's own
        categories.
    unit : {"kg", "t", "kt"}, default "t"
    mappings : DataFrame, optional
        The mapping table (:func:`load_layouts`); bundled by default.

    Returns
    -------
    LayoutTable

    Examples
    --------
    >>> import klimatkalk as kk
    >>> res = kk.calculate_emissions(pd.DataFrame({"year": [2024, 2024],
    ...     "activity": ["nitrous_oxide", "purchase_laundry"], "quantity": [10, 1000],
    ...     "unit": ["kg", "SEK"]}))
    >>> t = emissions_by_layout(res).table
    >>> t["layout_category"].tolist()
    ['Lustgas', 'Tvätteritjänster']
    """
    scale = _scale(unit)
    rows = result.rows
    column = f"emissions_{unit}_co2e"
    values = rows["emissions_kg_co2e"].to_numpy(dtype=np.float64) * scale
    n = len(rows)
    if layout == KLIMATKALK_LAYOUT:
        group = rows["category"].astype(str).to_numpy(dtype=object)
        category = rows["subcategory"].astype(str).to_numpy(dtype=object)
        order = np.zeros(n, dtype=np.int64)
    else:
        table = load_layouts() if mappings is None else mappings
        own = table[table["layout"] == layout]
        if not len(own):
            layouts = sorted({*table["layout"], KLIMATKALK_LAYOUT})
            msg = f"no layout {layout!r}; the layouts are {layouts}"
            raise ValueError(msg)
        group = np.full(n, UNMAPPED, dtype=object)
        category = np.full(n, UNMAPPED, dtype=object)
        order = np.full(n, 10_000, dtype=np.int64)
        done = np.zeros(n, dtype=bool)
        act = rows["activity"].astype(str).to_numpy(dtype=object)
        cat = rows["category"].astype(str).to_numpy(dtype=object)
        sub = rows["subcategory"].astype(str).to_numpy(dtype=object)
        for level in ("activity", "subcategory", "category"):
            for m in own.itertuples(index=False):
                if level == "activity" and not m.activity:
                    continue
                if level == "subcategory" and (m.activity or not m.subcategory):
                    continue
                if level == "category" and (m.activity or m.subcategory):
                    continue
                hit = ~done & (cat == m.category)
                if m.subcategory:
                    hit &= sub == m.subcategory
                if m.activity:
                    hit &= act == m.activity
                group[hit], category[hit] = m.layout_group, m.layout_category
                order[hit] = int(str(m.order))
                done |= hit
    frame = pd.DataFrame(
        {
            "year": rows["year"].to_numpy(),
            "layout_group": group,
            "layout_category": category,
            "_order": order,
            column: values,
        }
    )
    out = (
        frame.groupby(["year", "_order", "layout_group", "layout_category"], sort=True)[column]
        .sum()
        .reset_index()
        .drop(columns="_order")
    )
    lost = category == UNMAPPED
    unmapped = (
        pd.DataFrame(
            {
                "category": rows["category"].astype(str).to_numpy()[lost],
                "subcategory": rows["subcategory"].astype(str).to_numpy()[lost],
                "activity": rows["activity"].astype(str).to_numpy()[lost],
                column: values[lost],
            }
        )
        .groupby(["category", "subcategory", "activity"], sort=True)[column]
        .sum()
        .reset_index()
    )
    return LayoutTable(layout=layout, table=out, unmapped=unmapped)
