"""Fossil-free and renewable share of transport energy, per transport type, both methods.

The regions chart the fossil-free share of their transport energy per transport type (public
transport, special transport, pool cars, ambulances…). :func:`transport_energy_shares` extends
:func:`klimatkalk.analysis.indicators.fossil_free_share` (fuels only, one share) to every
transport carrier, electricity included, and gives both counting methods side by side:

- *as reported*: the bio share that the reduktionsplikt blends into pump petrol and diesel
  counts as fossil-free (Region Västmanland's method from its 2024 report: 93 % for 2023);
- *blend counted as fossil*: pump petrol and diesel wholly fossil (the same region's earlier
  method: 80 % for 2023).

Electricity counts by the attribute the analyst chooses: ``"as_contracted"`` (electricity with
guarantees of origin is renewable and fossil-free; residual-mix electricity has the residual
mix's composition of its year from ``emission_factors/residual_mix_composition.csv``, Ei), a
stated share (a float), or ``"residual_mix"`` (all electricity as residual mix). *Fossil-free*
counts nuclear power; *renewable* does not.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Final, Literal

import numpy as np
import pandas as pd

from klimatkalk.analysis.indicators import FOSSIL_FREE_FUELS, _blend_share

__all__ = ["RENEWABLE_ELECTRICITY", "transport_energy_shares"]

RENEWABLE_ELECTRICITY: Final = frozenset({"electricity_renewable_go"})
"""Electricity activities that are renewable by their guarantees of origin."""

ElectricityAttribute = Literal["as_contracted", "residual_mix"] | float


def transport_energy_shares(
    energy: pd.DataFrame,
    *,
    electricity: ElectricityAttribute = "as_contracted",
    residual_mix: pd.DataFrame | None = None,
    blend_shares: pd.DataFrame | None = None,
    fossil_free_fuels: Mapping[str, float] = FOSSIL_FREE_FUELS,
    total: bool = True,
) -> pd.DataFrame:
    """Fossil-free and renewable share of transport energy per year and transport type.

    Parameters
    ----------
    energy : DataFrame
        As :func:`klimatkalk.analysis.energy.energy_use` returns it; the rows of
        ``use == "transport"`` count.
    electricity : "as_contracted", "residual_mix" or float, default "as_contracted"
        How electricity counts (see the module text); a float is a stated fossil-free (and
        renewable) share 0–1.
    residual_mix : DataFrame, optional
        Columns ``year_from``, ``year_to``, ``renewable_share``, ``nuclear_share``; by default
        the bundled ``emission_factors/residual_mix_composition.csv``.
    blend_shares : DataFrame, optional
        Bio share of pump fuels per year (as for
        :func:`~klimatkalk.analysis.indicators.fossil_free_share`); bundled by default.
    fossil_free_fuels : mapping, default :data:`~klimatkalk.analysis.indicators.FOSSIL_FREE_FUELS`
        Pure biofuels and their fossil-free share.
    total : bool, default True
        Add a row ``transport_type="total"`` per year.

    Returns
    -------
    DataFrame
        Per ``year`` and ``transport_type``: ``energy_kwh``, ``fossil_free_kwh``,
        ``renewable_kwh``, ``blend_bio_kwh``, ``fossil_free_share`` (blend as reported),
        ``fossil_free_share_blend_as_fossil``, ``renewable_share`` and
        ``renewable_share_blend_as_fossil``.

    Raises
    ------
    ValueError
        If a year lacks a blend share or a residual-mix composition it needs, or
        ``electricity`` is not a share between 0 and 1.

    Examples
    --------
    Buses: 6 000 kWh HVO100, 3 000 kWh pump diesel with 30 % bio energy, 1 000 kWh electricity
    with guarantees of origin:

    >>> e = pd.DataFrame({"year": 2023, "use": "transport", "transport_type": "buss",
    ...     "carrier": ["fuels", "fuels", "electricity"],
    ...     "activity": ["hvo100", "diesel", "electricity_renewable_go"],
    ...     "energy_kwh": [6000.0, 3000.0, 1000.0]})
    >>> blend = pd.DataFrame({"year": [2023], "fuel": ["diesel"], "bio_share_energy": [0.3]})
    >>> s = transport_energy_shares(e, blend_shares=blend, total=False)
    >>> s[["fossil_free_share", "fossil_free_share_blend_as_fossil"]].round(2).values.tolist()
    [[0.79, 0.7]]
    """
    rows = energy[energy["use"] == "transport"].reset_index(drop=True)
    if isinstance(electricity, float | int) and not isinstance(electricity, bool):
        if not 0 <= float(electricity) <= 1:
            msg = f"electricity={electricity}: a stated share is between 0 and 1"
            raise ValueError(msg)
    elif electricity not in ("as_contracted", "residual_mix"):
        msg = f"electricity={electricity!r}: use 'as_contracted', 'residual_mix' or a share"
        raise ValueError(msg)
    activity = rows["activity"].astype(str).astype("category")
    names = [str(a) for a in activity.cat.categories]
    codes = activity.cat.codes.to_numpy()
    kwh = rows["energy_kwh"].to_numpy(dtype=np.float64)
    is_el = (rows["carrier"] == "electricity").to_numpy(dtype=bool)
    pure = np.array([fossil_free_fuels.get(a, 0.0) for a in names] + [0.0])[codes]
    pure[is_el] = 0.0
    fuel_rows = rows[~is_el].reset_index(drop=True)
    blend = np.zeros(len(rows))
    if len(fuel_rows):
        fuel_cat = fuel_rows["activity"].astype(str).astype("category")
        fuel_names = [str(a) for a in fuel_cat.cat.categories]
        blend[~is_el] = _blend_share(
            fuel_rows,
            fuel_names,
            fuel_cat.cat.codes.to_numpy(),
            fossil_free_fuels,
            None,
            blend_shares,
        )
    el_ff, el_re = _electricity_shares(rows, is_el, electricity, residual_mix)
    out = rows[["year", "transport_type"]].copy()
    out["transport_type"] = out["transport_type"].fillna("other")
    out["energy_kwh"] = kwh
    out["blend_bio_kwh"] = kwh * blend
    out["ff_pure"] = kwh * (pure + el_ff)
    out["re_pure"] = kwh * (pure + el_re)
    parts = [out]
    if total:
        parts.append(out.assign(transport_type="total"))
    grouped = (
        pd.concat(parts, ignore_index=True)
        .groupby(["year", "transport_type"], sort=True)[
            ["energy_kwh", "blend_bio_kwh", "ff_pure", "re_pure"]
        ]
        .sum()
        .reset_index()
    )
    energy_kwh = grouped["energy_kwh"].to_numpy(dtype=np.float64)
    grouped["fossil_free_kwh"] = grouped["ff_pure"] + grouped["blend_bio_kwh"]
    grouped["renewable_kwh"] = grouped["re_pure"] + grouped["blend_bio_kwh"]
    for name, part in (
        ("fossil_free_share", grouped["fossil_free_kwh"]),
        ("fossil_free_share_blend_as_fossil", grouped["ff_pure"]),
        ("renewable_share", grouped["renewable_kwh"]),
        ("renewable_share_blend_as_fossil", grouped["re_pure"]),
    ):
        share = np.full(len(grouped), np.nan)
        np.divide(part.to_numpy(dtype=np.float64), energy_kwh, out=share, where=energy_kwh > 0)
        grouped[name] = share
    return grouped[
        [
            "year",
            "transport_type",
            "energy_kwh",
            "fossil_free_kwh",
            "renewable_kwh",
            "blend_bio_kwh",
            "fossil_free_share",
            "fossil_free_share_blend_as_fossil",
            "renewable_share",
            "renewable_share_blend_as_fossil",
        ]
    ]


def _electricity_shares(
    rows: pd.DataFrame,
    is_el: np.ndarray,
    attribute: ElectricityAttribute,
    residual_mix: pd.DataFrame | None,
) -> tuple[np.ndarray, np.ndarray]:
    """Fossil-free and renewable share of each electricity row (0 for other rows)."""
    ff = np.zeros(len(rows))
    re = np.zeros(len(rows))
    if not is_el.any():
        return ff, re
    if not isinstance(attribute, str):
        ff[is_el] = re[is_el] = float(attribute)
        return ff, re
    go = rows["activity"].isin(list(RENEWABLE_ELECTRICITY)).to_numpy(dtype=bool) & is_el
    if attribute == "as_contracted":
        ff[go] = re[go] = 1.0
        mixed = is_el & ~go
    else:
        mixed = is_el
    if mixed.any():
        table = residual_mix if residual_mix is not None else _bundled_residual_mix()
        years = rows["year"].to_numpy(dtype=np.int64)
        shares = {}  # year → (renewable, nuclear), once per distinct year
        for year in np.unique(years[mixed]):
            hit = table[(table["year_from"] <= year) & (table["year_to"] >= year)]
            if len(hit) != 1:
                msg = (
                    f"no residual-mix composition for {year}: give residual_mix= or a "
                    "stated electricity share"
                )
                raise ValueError(msg)
            shares[int(year)] = (
                float(hit["renewable_share"].iloc[0]),
                float(hit["nuclear_share"].iloc[0]),
            )
        year_of = pd.Series(years[mixed])
        renewable = year_of.map({y: r for y, (r, _) in shares.items()}).to_numpy(np.float64)
        nuclear = year_of.map({y: n for y, (_, n) in shares.items()}).to_numpy(np.float64)
        re[mixed] = renewable
        ff[mixed] = renewable + nuclear
    return ff, re


def _bundled_residual_mix() -> pd.DataFrame:
    from klimatkalk._resources import data_root

    return pd.read_csv(Path(data_root()) / "residual_mix_composition.csv", encoding="utf-8")
