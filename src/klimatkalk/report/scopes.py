"""The report's scope section: the year's emissions per GHG Protocol scope, electricity both ways.

The GHG Protocol's Scope 2 Guidance asks for purchased electricity market-based (what was bought:
residual mix, guarantees of origin, the supplier's value) *and* location-based (the grid's
average, here the Nordic mix). The total counts each row at its activity's factor, so
electricity bought under a contract or at the residual mix is market-based there, and
electricity given as the Nordic mix (no contract shown) is counted at the mix. The section says
which reading the total holds and what the other gives, with the location-based factor's source.

With the life-cycle boundary, the production of fuels and electricity (upstream, "well to tank")
is in the scope of the activity that uses them; the GHG Protocol puts it in scope 3, category 3.
The section says so, so that a scope figure is not compared with a tank-to-wheel one unawares.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

import pandas as pd

from klimatkalk.formatting import format_number, format_percent
from klimatkalk.report._labels import Lang, in_language
from klimatkalk.report.tables import SUM_ORDER_TOLERANCE, ReportTables, t_decimals

if TYPE_CHECKING:
    from klimatkalk.report._page import PageParts, Section

__all__ = ["ElectricityBothWays", "electricity_both_ways", "scopes_section", "word"]

WORDS: Final[dict[str, tuple[str, str]]] = {
    "heading": ("Utsläpp per scope {year}", "Emissions by scope {year}"),
    "scope": ("Scope (GHG-protokollet)", "Scope (GHG Protocol)"),
    "share": ("Andel (%)", "Share (%)"),
    "total": ("Totalt", "Total"),
    "s1": ("Scope 1: direkta utsläpp", "Scope 1: direct emissions"),
    "s2": ("Scope 2: köpt el, värme och kyla", "Scope 2: purchased electricity, heat and cooling"),
    "s3": ("Scope 3: övriga indirekta utsläpp", "Scope 3: other indirect emissions"),
    "market": ("marknadsbaserat", "market-based"),
    "location": ("platsbaserat", "location-based"),
    "in_total": (
        "Elen ingår i totalen {how}: {in_total} t CO₂e för {mwh} MWh. {Other}, samma el med "
        "{other_basis}, blir den {other} t CO₂e och totalen {other_total} t CO₂e.",
        "Electricity is in the total {how}: {in_total} t CO₂e for {mwh} MWh. {Other}, the same "
        "electricity at {other_basis}, it is {other} t CO₂e and the total {other_total} t CO₂e.",
    ),
    "mixed": (
        "Elen ingår i totalen med {in_total} t CO₂e för {mwh} MWh: {nordic} MWh är angivna som "
        "nordisk elmix utan avtal och räknas där med elmixen, resten med det som köpts, så "
        "siffran är varken helt marknadsbaserad eller helt platsbaserad. Marknadsbaserat blir "
        "elen {market} t CO₂e (totalen {total_market} t CO₂e), platsbaserat {location} t CO₂e "
        "(totalen {total_location} t CO₂e).",
        "Electricity is in the total at {in_total} t CO₂e for {mwh} MWh: {nordic} MWh are given "
        "as the Nordic mix without a contract and are counted at the mix, the rest at what was "
        "bought, so the figure is neither wholly market-based nor wholly location-based. "
        "Market-based it is {market} t CO₂e (total {total_market} t CO₂e), location-based "
        "{location} t CO₂e (total {total_location} t CO₂e).",
    ),
    "basis_market": ("det som köpts", "what was bought"),
    "basis_location": ("nordisk elmix", "the Nordic mix"),
    "both_asked": (
        "GHG-protokollets vägledning för scope 2 begär båda siffrorna; bladet {sheet} i "
        "Excel-filen har dem för varje år.",
        "The GHG Protocol's Scope 2 Guidance asks for both figures; the sheet {sheet} of the "
        "workbook has them for every year.",
    ),
    "factor": (
        "Platsbaserad faktor {year}: {value} {unit} ({source}).",
        "Location-based factor {year}: {value} {unit} ({source}).",
    ),
    "upstream": (
        "Med systemgränsen livscykel ingår bränslenas och elens produktion (uppströmsledet) i "
        "scope 1 och 2 här, i den verksamhet som använder dem; GHG-protokollet redovisar dem i "
        "scope 3, kategori 3. Summan av scopen är densamma.",
        "With the life-cycle boundary, the production of fuels and electricity (upstream) is in "
        "scope 1 and 2 here, with the activity that uses them; the GHG Protocol reports it in "
        "scope 3, category 3. The sum of the scopes is the same.",
    ),
}
"""Every text of the section: key → (Swedish, English)."""


def word(key: str, lang: Lang, **values: object) -> str:
    """Return a text of the scope section in the report's language.

    Examples
    --------
    >>> word("s2", "sv")
    'Scope 2: köpt el, värme och kyla'
    """
    return in_language(WORDS, key, lang, **values)


@dataclass(frozen=True)
class ElectricityBothWays:
    """The reporting year's purchased electricity: as in the total, market- and location-based.

    Attributes
    ----------
    kwh, nordic_kwh : float
        Electricity, and the part of it given as the Nordic mix (no contract shown) [kWh].
    in_total_t, market_t, location_t : float
        The electricity's emissions as counted in the total, market-based and location-based
        [t CO2e].
    location_factor : str
        The location-based factor and its source, as the report shows it ("" when unknown).
    """

    kwh: float
    nordic_kwh: float
    in_total_t: float
    market_t: float
    location_t: float
    location_factor: str

    def counted(self) -> str:
        """Which reading the total holds: ``"market"``, ``"location"`` or ``"mixed"``.

        Examples
        --------
        >>> e = ElectricityBothWays(kwh=2000.0, nordic_kwh=0.0, in_total_t=0.5, market_t=0.5,
        ...     location_t=0.118, location_factor="")
        >>> e.counted()
        'market'
        """
        if _same(self.in_total_t, self.market_t):
            return "market"
        if _same(self.in_total_t, self.location_t):
            return "location"
        return "mixed"


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= SUM_ORDER_TOLERANCE * max(abs(a), abs(b), 1e-12)


def electricity_both_ways(tables: ReportTables) -> ElectricityBothWays | None:
    """Return the reporting year's electricity both ways (``None`` without electricity)."""
    frame = tables.scope2
    if frame is None:
        return None
    year = frame[frame["year"] == tables.year]
    if year.empty or not float(year["electricity_kwh"].iloc[0]):
        return None
    row = year.iloc[0]
    return ElectricityBothWays(
        kwh=float(row["electricity_kwh"]),
        nordic_kwh=float(row["residual_mix_from_location_kwh"]),
        in_total_t=float(row["in_total_t_co2e"]),
        market_t=float(row["market_based_t_co2e"]),
        location_t=float(row["location_based_t_co2e"]),
        location_factor=_factor_text(tables),
    )


def _factor_text(tables: ReportTables) -> str:
    used = tables.scope2_location_factors
    if used is None or used.empty:
        return ""
    lang = tables.lang
    f = used.iloc[0]
    value = float(f["value"])

    def given(v: object) -> bool:
        return v is not None and not (isinstance(v, float) and math.isnan(v)) and bool(str(v))

    source = ", ".join(
        str(v) for v in (f.get("publisher"), f.get("title"), f.get("source_year")) if given(v)
    )
    if given(f.get("source_locator")):
        source = f"{source}; {f['source_locator']}"
    return word(
        "factor",
        lang,
        year=tables.year,
        value=format_number(value, 0 if value.is_integer() else 2, lang=lang),
        unit=str(f["unit"]).replace("CO2e", "CO₂e"),
        source=source,
    )


def _per_scope(tables: ReportTables) -> pd.Series:
    per = tables.categories.groupby("scope", sort=True)["emissions_t_co2e"].sum()
    return per.reindex([1, 2, 3], fill_value=0.0)


def scopes_section(parts: PageParts) -> Section | None:
    """Build the page section (``None`` when no row has a scope)."""
    from klimatkalk.report._page import Section, _Cell, _Paragraph, _Table

    tables, escape, lang = parts.tables, parts.escape, parts.tables.lang
    if tables.categories.empty or "scope" not in tables.categories:
        return None
    per = _per_scope(tables)
    total = tables.total_t
    dec = t_decimals([total])
    rows = [
        [
            _Cell(escape(word(f"s{scope}", lang))),
            _Cell(format_number(float(value), dec, lang=lang)),
            _Cell(format_percent(float(value) / total if total else math.nan, 1, lang=lang)),
        ]
        for scope, value in per.items()
    ]
    rows.append(
        [
            _Cell(escape(word("total", lang))),
            _Cell(format_number(total, dec, lang=lang)),
            _Cell(format_percent(1.0 if total else math.nan, 1, lang=lang)),
        ]
    )
    headers = [word("scope", lang), f"{tables.year} (t CO₂e)", word("share", lang)]
    table = _Table([escape(h) for h in headers], rows, ["l", "r", "r"], total_last=True)
    paragraphs = [_Paragraph(escape(s)) for s in _electricity_sentences(tables, dec)]
    if tables.boundary == "lifecycle":
        paragraphs.append(_Paragraph(escape(word("upstream", lang)), note=True))
    return Section(
        "scopes",
        escape(word("heading", lang, year=tables.year)),
        paragraphs=paragraphs,
        tables=[table],
    )


def _electricity_sentences(tables: ReportTables, dec: int) -> list[str]:
    both = electricity_both_ways(tables)
    if both is None:
        return []
    lang = tables.lang

    def t(value: float) -> str:
        return format_number(value, dec, lang=lang)

    mwh = format_number(both.kwh / 1000.0, 0, lang=lang)
    counted = both.counted()
    if counted == "mixed":
        first = word(
            "mixed",
            lang,
            in_total=t(both.in_total_t),
            mwh=mwh,
            nordic=format_number(both.nordic_kwh / 1000.0, 0, lang=lang),
            market=t(both.market_t),
            total_market=t(tables.total_t - both.in_total_t + both.market_t),
            location=t(both.location_t),
            total_location=t(tables.total_t - both.in_total_t + both.location_t),
        )
    else:
        other = "location" if counted == "market" else "market"
        other_t = both.location_t if other == "location" else both.market_t
        first = word(
            "in_total",
            lang,
            how=word(counted, lang),
            in_total=t(both.in_total_t),
            mwh=mwh,
            Other=word(other, lang).capitalize(),
            other_basis=word(f"basis_{other}", lang),
            other=t(other_t),
            other_total=t(tables.total_t - both.in_total_t + other_t),
        )
    second = word("both_asked", lang, sheet=tables.text("sheet_scope2"))
    if both.location_factor:
        second = f"{second} {both.location_factor}"
    return [first, second]
