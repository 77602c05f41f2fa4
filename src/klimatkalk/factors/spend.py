"""The basis of spend factors: currency, price and VAT basis, margins, range, and Swedish VAT.

A spend factor (kg CO2e per krona, euro or dollar) describes one economy at one price level. To
apply it to what a region entered, the amount goes through a chain that every result row shows
(:mod:`klimatkalk.calculate`)::

    entered → VAT basis of the factor → price year of the factor (KPI) → currency of the factor
            → basic price (× (1 − margin share)) → × factor = kg CO2e

Four files of a factor folder hold what the chain needs, as data:

- ``spend_basis.csv``: per spend factor row, its currency, price basis (``basic`` or
  ``purchaser``), VAT basis (``excl``, ``incl`` or ``unknown``), the economy and model it
  describes, the licence of the data it was derived from, the margin share to take off a
  purchaser price before a basic-price factor, and a low–high range from the comparisons.
- ``exchange_rates.csv``: SEK per unit of a currency, annual average of a year.
- ``vat_rates.csv``: the Swedish VAT rate of a VAT class over some years.
- ``activity_vat.csv``: the VAT class of each spend activity.

A later factor folder may restate an exchange rate, a VAT rate or an activity's VAT class of an
earlier one (a user's own folder over the bundled data): the later one is used. Within one file,
a key given twice is an error.

A factor row per EUR or USD is written ``kg CO2e / EUR``; it needs a ``spend_basis.csv`` row in
that currency and an exchange rate for its price year. A spend row without a ``spend_basis.csv``
row (a user's own folder) is taken as SEK, purchaser price, VAT basis unknown (read as ex VAT,
and said so), no range.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Any, Final, Literal, Self

import pandas as pd
from pydantic import Field, model_validator

from klimatkalk.errors import ErrorReason, Problem
from klimatkalk.factors.tables import DataYear, OptionalStr, RowModel, Slug, Text, check_validity

__all__ = [
    "CURRENCIES",
    "SPEND_BASIS_COLUMNS",
    "VAT_BASES",
    "ActivityVat",
    "ExchangeRate",
    "SpendBasis",
    "SpendData",
    "VatRate",
    "check_spend_data",
    "split_factor_currency",
]

CURRENCIES: Final = ("SEK", "EUR", "USD")
"""Currencies a spend factor may be per (activity data is always in SEK)."""

VAT_BASES: Final = ("excl", "incl", "unknown")
"""A factor's VAT basis: per krona excluding moms, including it, or not stated by its source."""

_PER_FOREIGN: Final = re.compile(r"/\s*(EUR|USD)\s*$")

Fraction = Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)]


def split_factor_currency(unit: str) -> tuple[str, str | None]:
    """Return a factor unit per SEK and the foreign currency it was per (``None`` if none).

    Examples
    --------
    >>> split_factor_currency("kg CO2e / EUR")
    ('kg CO2e / SEK', 'EUR')
    >>> split_factor_currency("kg CO2e / SEK")
    ('kg CO2e / SEK', None)
    """
    match = _PER_FOREIGN.search(unit)
    if match is None:
        return unit, None
    return unit[: match.start()] + "/ SEK", match.group(1)


class SpendBasis(RowModel):
    """One row of ``spend_basis.csv``: how a spend factor row is to be applied."""

    factor_id: Slug
    source_id: Slug
    currency: Literal["SEK", "EUR", "USD"]
    price_basis: Literal["basic", "purchaser"]
    vat_basis: Literal["excl", "incl", "unknown"]
    economy: Text
    model: Text
    model_version: OptionalStr = None
    licence: Text
    margin_share: Fraction | None = None
    margin_source_id: OptionalStr = None
    margin_locator: OptionalStr = None
    low: Annotated[float, Field(ge=0, allow_inf_nan=False)] | None = None
    high: Annotated[float, Field(ge=0, allow_inf_nan=False)] | None = None
    range_note: OptionalStr = None
    stretched: bool
    note: OptionalStr = None

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.price_basis == "basic" and self.margin_share is None:
            msg = "a basic-price factor needs margin_share (0 if purchases carry no margin)"
            raise ValueError(msg)
        if self.price_basis == "purchaser" and self.margin_share is not None:
            msg = "margin_share applies to basic-price factors only"
            raise ValueError(msg)
        if self.margin_share and not (self.margin_source_id or self.note):
            msg = "cite the margin share (margin_source_id) or document the assumption in note"
            raise ValueError(msg)
        if (self.low is None) != (self.high is None):
            msg = "give both low and high, or neither"
            raise ValueError(msg)
        if self.low is not None and self.high is not None:
            if self.low > self.high:
                msg = f"low {self.low} is above high {self.high}"
                raise ValueError(msg)
            if not self.range_note:
                msg = "range_note must say which comparisons give low and high"
                raise ValueError(msg)
        if self.vat_basis == "unknown" and not self.note:
            msg = "an unknown VAT basis needs a note saying what the source leaves open"
            raise ValueError(msg)
        return self


class ExchangeRate(RowModel):
    """One row of ``exchange_rates.csv``: SEK per unit of a currency, annual average."""

    year: DataYear
    currency: Literal["EUR", "USD"]
    sek_per_unit: Annotated[float, Field(gt=0, allow_inf_nan=False)]
    source_id: Slug
    source_locator: Text
    note: OptionalStr = None


class VatRate(RowModel):
    """One row of ``vat_rates.csv``: the VAT rate of a class over some years."""

    vat_class: Slug
    rate: Fraction
    valid_from: DataYear
    valid_to: DataYear
    source_id: Slug
    source_locator: Text
    note: OptionalStr = None

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        check_validity(self.valid_from, self.valid_to)
        return self


class ActivityVat(RowModel):
    """One row of ``activity_vat.csv``: the VAT class of a spend activity."""

    activity: Slug
    vat_class: Slug
    note: OptionalStr = None


SPEND_BASIS_COLUMNS: Final = (*SpendBasis.model_fields, "file", "line")


@dataclass(frozen=True)
class SpendData:
    """The validated spend data of a factor set.

    Attributes
    ----------
    basis : DataFrame
        One row per ``(factor_id, source_id)`` of ``spend_basis.csv`` (:data:`SPEND_BASIS_COLUMNS`).
    exchange_rates : dict
        ``(currency, year) → SEK per unit``.
    vat_rates : dict
        ``(vat_class, year) → rate``.
    activity_vat : dict
        ``activity → vat_class``.
    """

    basis: pd.DataFrame
    exchange_rates: dict[tuple[str, int], float]
    vat_rates: dict[tuple[str, int], float]
    activity_vat: dict[str, str]

    @classmethod
    def empty(cls) -> SpendData:
        """No spend data (a factor set without the four files)."""
        return cls(pd.DataFrame(columns=list(SPEND_BASIS_COLUMNS)), {}, {}, {})

    def vat_rate(self, activity: str, year: int) -> float | None:
        """Return the VAT rate of an activity's purchases in a year (``None`` if not known)."""
        vat_class = self.activity_vat.get(activity)
        return None if vat_class is None else self.vat_rates.get((vat_class, year))


def check_spend_data(
    *,
    basis: list[tuple[str, int, SpendBasis]],
    rates: list[tuple[str, int, ExchangeRate]],
    vat: list[tuple[str, int, VatRate]],
    activity_vat: list[tuple[str, int, ActivityVat]],
    factors: pd.DataFrame,
    currency_activities: set[str],
    sources: set[str],
    problems: list[Problem],
) -> SpendData:
    """Validate the spend files against each other and the factor rows.

    ``factors`` needs ``factor_id``, ``source_id``, ``activity``, ``value``, ``price_year``,
    ``currency`` (from the unit), ``file`` and ``line``. Every problem goes to ``problems``.
    """

    def need_source(file: str, line: int, source_id: str | None, column: str) -> None:
        if source_id is not None and source_id not in sources:
            problems.append(
                Problem(
                    file, line, column, source_id, ErrorReason.UNKNOWN_SOURCE, "not in sources.csv"
                )
            )

    # A later folder restates what an earlier one gave (a user's own rate or VAT class wins over
    # the bundled one); within one file a key given twice is an error.
    exchange: dict[tuple[str, int], float] = {}
    rate_file: dict[tuple[str, int], str] = {}
    for file, line, r in rates:
        need_source(file, line, r.source_id, "source_id")
        if rate_file.get((r.currency, r.year)) == file:
            problems.append(
                Problem(file, line, "year", r.year, ErrorReason.INVALID_VALUE, "given twice")
            )
        exchange[(r.currency, r.year)] = r.sek_per_unit
        rate_file[(r.currency, r.year)] = file
    vat_rates: dict[tuple[str, int], float] = {}
    vat_file: dict[tuple[str, int], str] = {}
    for file, line, v in vat:
        need_source(file, line, v.source_id, "source_id")
        for year in range(v.valid_from, v.valid_to + 1):
            vat_file_before = vat_file.get((v.vat_class, year))
            vat_file[(v.vat_class, year)] = file
            if vat_file_before == file:
                problems.append(
                    Problem(
                        file,
                        line,
                        "valid_from",
                        v.valid_from,
                        ErrorReason.OVERLAPPING_VALIDITY,
                        f"{v.vat_class!r} has a rate for {year} already",
                    )
                )
            vat_rates[(v.vat_class, year)] = v.rate
    classes = {c for c, _ in vat_rates}
    by_activity: dict[str, str] = {}
    class_file: dict[str, str] = {}
    for file, line, a in activity_vat:
        if a.activity not in currency_activities:
            why = "not a spend (currency) activity of activities.csv"
        elif a.vat_class not in classes:
            why = f"VAT class {a.vat_class!r} has no rate in vat_rates.csv"
        elif class_file.get(a.activity) == file:
            why = "given twice"
        else:
            by_activity[a.activity] = a.vat_class
            class_file[a.activity] = file
            continue
        problems.append(Problem(file, line, "activity", a.activity, ErrorReason.INVALID_VALUE, why))

    rows = {
        (f, s): (str(c), p, float(v), str(file), int(fl))
        for f, s, c, p, v, file, fl in zip(
            factors["factor_id"],
            factors["source_id"],
            factors["currency"],
            factors["price_year"],
            factors["value"],
            factors["file"],
            factors["line"],
            strict=True,
        )
    }
    records: list[dict[str, Any]] = []
    described: set[tuple[str, str]] = set()
    for file, line, b in basis:
        key = (b.factor_id, b.source_id)
        need_source(file, line, b.margin_source_id, "margin_source_id")
        found = rows.get(key)
        why = ""
        if found is None:
            why = "no factor row with this factor_id and source_id"
        elif key in described:
            why = "given twice"
        elif found[0] != b.currency:
            why = f"the factor's unit is per {found[0]}, not {b.currency}"
        elif b.low is not None and b.high is not None and not b.low <= found[2] <= b.high:
            why = f"the factor's value {found[2]} is outside low–high {b.low}–{b.high}"
        if why:
            problems.append(
                Problem(file, line, "factor_id", b.factor_id, ErrorReason.INVALID_VALUE, why)
            )
            continue
        described.add(key)
        records.append({**b.model_dump(), "file": file, "line": line})
    for (factor_id, _source_id), (currency, price_year, _v, file, line) in rows.items():
        if currency == "SEK":
            continue
        if (factor_id, _source_id) not in described:
            problems.append(
                Problem(
                    file,
                    line,
                    "unit",
                    f"per {currency}",
                    ErrorReason.INVALID_VALUE,
                    f"a factor per {currency} needs a spend_basis.csv row in {currency}",
                )
            )
        elif price_year is not None and (currency, int(price_year)) not in exchange:
            problems.append(
                Problem(
                    file,
                    line,
                    "price_year",
                    price_year,
                    ErrorReason.INVALID_VALUE,
                    f"no {currency} rate for {int(price_year)} in exchange_rates.csv",
                )
            )
    return SpendData(
        basis=pd.DataFrame.from_records(records, columns=list(SPEND_BASIS_COLUMNS)),
        exchange_rates=exchange,
        vat_rates=vat_rates,
        activity_vat=by_activity,
    )
