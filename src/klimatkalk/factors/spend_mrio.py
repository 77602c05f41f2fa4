"""Spend factors from a multi-regional input–output table: a stated producer mix, re-derivable.

An MRIO model (EXIOBASE, FIGARO…) gives a *product multiplier* per producing country: kg CO2e
per EUR of that country's output of the product at basic prices, with the whole supply chain.
What a Swedish region buys is a basket of products from several countries. A spend factor for
one of klimatkalk's purchase activities is therefore a weighted mean, and the weights are data
(``emission_factors/derivations/spend_mrio.csv``, one row per activity, product and country):

``product_share``
    the product's share of the activity's basket (the same on every row of the product; the
    shares of an activity's products add up to 1);
``country_weight``
    the country's weight in the producer mix of that product (any non-negative numbers: they
    are normalised per product, so a cited import value in MSEK can stand as it is). A weight
    of 0 keeps a country as a comparison only: it enters the range, not the value;
``multiplier``
    the product multiplier of that country, kg CO2e per EUR at basic prices.

With ``s_p`` the product shares, ``w_pc`` the weights and ``m_pc`` the multipliers::

    value = Σ_p s_p × Σ_c w_pc × m_pc / Σ_c w_pc

and the range over the producer countries is the basket bought from one country alone,
``B_c = Σ_p s_p × m_pc``, for every country that has a multiplier for each product of the
basket: ``low = min_c B_c``, ``high = max_c B_c``.

A newer table (another EXIOBASE release, a Swedish row, FIGARO) is a new set of rows under a
new source; :func:`mrio_mix` re-derives every factor from them, and
``tests/factor_data/test_spend_mrio.py`` checks that the shipped factor rows and their ranges
are what the rows give.

Examples
--------
Medical consumables as half rubber and plastic products, half medical instruments, from a
producer mix of two countries weighted 3 : 1, with a third country as a comparison only:

>>> from klimatkalk.factors.spend_mrio import MrioInput, mrio_mix
>>> rows = [
...     MrioInput("x", "plastics", 0.5, "DE", 3.0, 0.32),
...     MrioInput("x", "plastics", 0.5, "NO", 1.0, 0.63),
...     MrioInput("x", "plastics", 0.5, "US", 0.0, 0.37),
...     MrioInput("x", "instruments", 0.5, "DE", 3.0, 0.16),
...     MrioInput("x", "instruments", 0.5, "NO", 1.0, 0.30),
...     MrioInput("x", "instruments", 0.5, "US", 0.0, 0.16),
... ]
>>> mix = mrio_mix(rows)
>>> round(mix.value, 4)  # 0.5 × (3 × 0.32 + 0.63) / 4 + 0.5 × (3 × 0.16 + 0.30) / 4
0.2963
>>> round(mix.low, 3), round(mix.high, 3)  # DE alone (0.32 + 0.16) / 2, NO alone
(0.24, 0.465)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

from pydantic import Field

from klimatkalk.errors import ErrorReason, FactorDataError, Problem
from klimatkalk.factors.tables import OptionalStr, RowModel, Slug, Text, read_rows

__all__ = [
    "MrioInput",
    "MrioMix",
    "MrioRow",
    "load_mrio_inputs",
    "mrio_mix",
]

SHARE_TOLERANCE = 1e-6
"""How far the product shares of one factor may be from adding up to 1."""

Share = Annotated[float, Field(gt=0, le=1, allow_inf_nan=False)]
NonNegative = Annotated[float, Field(ge=0, allow_inf_nan=False)]
Positive = Annotated[float, Field(gt=0, allow_inf_nan=False)]


class MrioRow(RowModel):
    """One row of ``derivations/spend_mrio.csv``: one product of one country in one factor."""

    factor_id: Slug
    activity: Slug
    product: Text
    product_share: Share
    country: Annotated[str, Field(pattern=r"^[A-Z]{2}$")]
    country_weight: NonNegative
    multiplier: Positive
    unit: Annotated[str, Field(pattern=r"^kg CO2e / EUR$")]
    source_id: Slug
    source_locator: Text
    weight_source_id: OptionalStr = None
    weight_locator: OptionalStr = None
    note: OptionalStr = None


@dataclass(frozen=True)
class MrioInput:
    """The numbers of one row that :func:`mrio_mix` uses."""

    factor_id: str
    product: str
    product_share: float
    country: str
    country_weight: float
    multiplier: float
    """kg CO2e per EUR of the country's output at basic prices."""


@dataclass(frozen=True)
class MrioMix:
    """A derived spend factor: the weighted value and its range over producer countries."""

    value: float
    """kg CO2e per EUR at basic prices, weighted with the stated mix."""
    low: float
    """The lowest single-country basket (``min_c B_c``)."""
    high: float
    """The highest single-country basket (``max_c B_c``)."""
    by_country: Mapping[str, float] = field(default_factory=dict)
    """``B_c``: the basket bought from each country alone (countries with every product)."""


def mrio_mix(rows: Sequence[MrioInput]) -> MrioMix:
    """Return the weighted spend factor and its range from the rows of one factor.

    Raises
    ------
    ValueError
        If the rows are empty or name several factors, a product's rows disagree on its share,
        the shares do not add up to 1, a product has no positive weight, a country appears
        twice for one product, or no country has a multiplier for every product.
    """
    if not rows:
        msg = "no MRIO rows"
        raise ValueError(msg)
    factor_ids = {r.factor_id for r in rows}
    if len(factor_ids) != 1:
        msg = f"rows of several factors: {sorted(factor_ids)}"
        raise ValueError(msg)
    (factor_id,) = factor_ids
    products: dict[str, list[MrioInput]] = {}
    for r in rows:
        products.setdefault(r.product, []).append(r)
    shares: dict[str, float] = {}
    for product, part in products.items():
        found = {r.product_share for r in part}
        if len(found) != 1:
            msg = f"{factor_id}: product {product!r} has several shares {sorted(found)}"
            raise ValueError(msg)
        countries = [r.country for r in part]
        if len(set(countries)) != len(countries):
            msg = f"{factor_id}: product {product!r} lists a country twice: {countries}"
            raise ValueError(msg)
        shares[product] = found.pop()
    if abs(sum(shares.values()) - 1.0) > SHARE_TOLERANCE:
        msg = f"{factor_id}: product shares add up to {sum(shares.values())}, not 1"
        raise ValueError(msg)
    value = 0.0
    for product, part in products.items():
        total_weight = sum(r.country_weight for r in part)
        if total_weight <= 0:
            msg = f"{factor_id}: product {product!r} has no country with a positive weight"
            raise ValueError(msg)
        mean = sum(r.country_weight * r.multiplier for r in part) / total_weight
        value += shares[product] * mean
    per_country: dict[str, dict[str, float]] = {}
    for r in rows:
        per_country.setdefault(r.country, {})[r.product] = r.multiplier
    by_country = {
        country: sum(shares[p] * m for p, m in multipliers.items())
        for country, multipliers in sorted(per_country.items())
        if set(multipliers) == set(products)
    }
    if not by_country:
        msg = f"{factor_id}: no country has a multiplier for every product {sorted(products)}"
        raise ValueError(msg)
    return MrioMix(
        value=value,
        low=min(by_country.values()),
        high=max(by_country.values()),
        by_country=by_country,
    )


def load_mrio_inputs(path: Path) -> dict[str, list[MrioInput]]:
    """Read ``spend_mrio.csv``: factor_id → its rows.

    Raises
    ------
    FactorDataError
        Naming file, line, column and value of every row that breaks the format, and every
        factor whose rows do not make a mix (:func:`mrio_mix`).
    """
    problems: list[Problem] = []
    read = read_rows(path, MrioRow, problems)
    by_factor: dict[str, list[MrioInput]] = {}
    first_line: dict[str, int] = {}
    for line, row in read:
        first_line.setdefault(row.factor_id, line)
        by_factor.setdefault(row.factor_id, []).append(
            MrioInput(
                factor_id=row.factor_id,
                product=row.product,
                product_share=row.product_share,
                country=row.country,
                country_weight=row.country_weight,
                multiplier=row.multiplier,
            )
        )
    for factor_id, part in by_factor.items():
        try:
            mrio_mix(part)
        except ValueError as exc:
            problems.append(
                Problem(
                    read.file,
                    first_line[factor_id],
                    "factor_id",
                    factor_id,
                    ErrorReason.INVALID_VALUE,
                    str(exc),
                )
            )
    if problems:
        raise FactorDataError(problems)
    return by_factor
