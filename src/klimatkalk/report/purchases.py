"""The report's purchases section: method mix, spend-based share, range, and what spend cannot show.

Purchases are the largest and least certain part of a Swedish region's account. The section
says, for the reporting year, how the purchase emissions were calculated, in the GHG Protocol's
words for scope 3 category 1 [1]_ (*leverantörsspecifik*, *hybrid*, *genomsnittsdata*,
*utgiftsbaserad*), how much of them is spend-based, the low–high range the spend factors'
comparisons give, and in plain Swedish what a spend-based figure cannot show.

:func:`build_purchases` makes the tables (plain frames, t CO2e, shares as fractions) from the
result rows of the year: ``method``, ``emissions_low_kg`` and ``emissions_high_kg`` per row
(:mod:`klimatkalk.calculate`), and ``spend_entered_sek`` for spend rows.
:func:`purchases_section` renders them for the HTML and Markdown page; the workbook takes the
frames as sheets. The texts are in :data:`WORDS` (Swedish, English).

References
----------
.. [1] WRI/WBCSD, *Technical Guidance for Calculating Scope 3 Emissions* (2013), Category 1:
   Purchased goods and services, section 1.1 (supplier-specific, hybrid, average-data and
   spend-based methods).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

import numpy as np
import pandas as pd

from klimatkalk.formatting import format_number, format_percent
from klimatkalk.report._labels import Lang, in_language

if TYPE_CHECKING:
    from klimatkalk.report._page import PageParts, Section, _Table

__all__ = [
    "METHODS",
    "WORDS",
    "PurchasesTables",
    "build_purchases",
    "method_label",
    "purchase_sheets",
    "purchases_section",
    "sentences",
    "word",
]

METHODS: Final = ("supplier-specific", "hybrid", "average-data", "spend-based")
"""The GHG Protocol's calculation methods for purchased goods and services, most specific first
(the values of the ``method`` column of purchase rows)."""

_NOT_STATED: Final = "not_stated"
_CATEGORY: Final = "purchases"

WORDS: Final[dict[str, tuple[str, str]]] = {
    "h_purchases": ("Inköp {year}: metod och osäkerhet", "Purchases {year}: method and range"),
    "supplier-specific": ("leverantörsspecifik", "supplier-specific"),
    "hybrid": ("hybrid", "hybrid"),
    "average-data": ("genomsnittsdata", "average-data"),
    "spend-based": ("utgiftsbaserad", "spend-based"),
    _NOT_STATED: ("ej angiven", "not stated"),
    "lead": (
        "Inköpen står för {total} t CO₂e, {share} av årets utsläpp.",
        "Purchases account for {total} t CO₂e, {share} of the year's emissions.",
    ),
    "spend_share": (
        "{spend_share} av inköpens utsläpp är beräknade utgiftsbaserat: kronor gånger en "
        "genomsnittlig faktor per krona för hela varugruppen (GHG-protokollets utgiftsbaserade "
        "metod för scope 3 kategori 1).",
        "{spend_share} of the purchase emissions are spend-based: kronor times an average factor "
        "per krona for the whole product group (the GHG Protocol's spend-based method for scope "
        "3 category 1).",
    ),
    "rest": (
        "Resten bygger på {methods}.",
        "The rest rests on {methods}.",
    ),
    "rest_supplier-specific": (
        "leverantörers egna värden (leverantörsspecifik metod) för {share}",
        "suppliers' own values (supplier-specific method) for {share}",
    ),
    "rest_hybrid": (
        "en blandning av leverantörsdata och genomsnitt (hybridmetod) för {share}",
        "a mix of supplier data and averages (hybrid method) for {share}",
    ),
    "rest_average-data": (
        "mängder gånger genomsnittsdata, till exempel per kg livsmedel (genomsnittsdatametod), "
        "för {share}",
        "quantities times average data, such as per kg of food (average-data method), for {share}",
    ),
    "rest_not_stated": (
        "rader utan angiven metod för {share}",
        "rows without a stated method for {share}",
    ),
    "and": ("och", "and"),
    "range": (
        "Faktorernas jämförelser ger ett spann på {low}–{high} t CO₂e för inköpen ({low_pct} "
        "till {high_pct} mot beräknat värde), om alla faktorer samtidigt ligger i nedre "
        "respektive övre änden av sina spann. Spannet visar hur mycket valet av faktor betyder, "
        "inte ett statistiskt konfidensintervall.",
        "The factors' comparisons give a range of {low}–{high} t CO₂e for purchases ({low_pct} "
        "to {high_pct} of the calculated value), if every factor lies at the low or the high end "
        "of its range at once. The range shows how much the choice of factor matters; it is not "
        "a statistical confidence interval.",
    ),
    "no_range": (
        "Inga faktorer för inköpen har ett angivet spann.",
        "No purchase factor states a range.",
    ),
    "limits_lead": (
        "Vad utgiftsbaserade siffror inte kan visa.",
        "What spend-based figures cannot show.",
    ),
    "limits": (
        "En utgiftsbaserad siffra räknar kronor, inte varor. Byter regionen till en billigare "
        "leverantör av samma vara sjunker siffran fast utsläppen är desamma, och stiger priserna "
        "mer än konsumentprisindex (KPI) stiger siffran fast ingenting mer köpts. Att välja en "
        "vara med lägre utsläpp syns inte alls om den kostar lika mycket. Kronorna räknas om till "
        "faktorns prisår med KPI, så allmän inflation ökar inte siffran, men en varugrupps egna "
        "prisrörelser gör det. Siffrorna visar var utsläppen finns och i vilken storleksordning; "
        "för att följa förändringar från år till år behövs leverantörsspecifika värden eller "
        "data per kg.",
        "A spend-based figure counts kronor, not goods. When the region switches to a cheaper "
        "supplier of the same product the figure falls with no change in emissions, and when "
        "prices rise faster than the consumer price index (KPI) the figure rises although "
        "nothing more was bought. Choosing a product with lower emissions does not show at all "
        "if it costs the same. Kronor are converted to the factor's price year with KPI, so "
        "general inflation does not raise the figure, but a product group's own price movements "
        "do. The figures show where the emissions are and their order of magnitude; to follow "
        "changes from year to year needs supplier-specific values or data per kg.",
    ),
    "method": ("Metod (GHG-protokollet, scope 3 kat. 1)", "Method (GHG Protocol, scope 3 cat. 1)"),
    "activity": ("Aktivitet", "Activity"),
    "emissions": ("Utsläpp (t CO₂e)", "Emissions (t CO₂e)"),
    "share": ("Andel av inköpen", "Share of purchases"),
    "low": ("Låg (t CO₂e)", "Low (t CO₂e)"),
    "high": ("Hög (t CO₂e)", "High (t CO₂e)"),
    "spend": ("Belopp (mnkr)", "Amount (MSEK)"),
    "total": ("Summa inköp", "Total purchases"),
    "c_spend_share": ("av inköpens utsläpp utgiftsbaserade", "of purchase emissions spend-based"),
    "c_range": ("spann för inköpen", "range for purchases"),
    "sheet_methods": ("Inköp per metod", "Purchases by method"),
    "sheet_activities": ("Inköp per aktivitet", "Purchases by activity"),
    "sheet_own": ("Egna faktorer", "Own factors"),
    "h_own": (
        "Egna faktorer (leverantörsdata) som ersatte katalogens faktor",
        "Own factors (supplier data) that replaced the catalogue's factor",
    ),
    "own_value": ("Faktor", "Factor"),
    "own_unit": ("Enhet", "Unit"),
    "own_source": ("Källa", "Source"),
    "own_rows": ("Rader", "Rows"),
}
"""Every text of the section: key → (Swedish, English)."""


def word(key: str, lang: Lang, **values: object) -> str:
    """Return a text of the purchases section in the report's language.

    Examples
    --------
    >>> word("spend-based", "sv"), word("average-data", "sv"), word("supplier-specific", "en")
    ('utgiftsbaserad', 'genomsnittsdata', 'supplier-specific')
    """
    return in_language(WORDS, key, lang, **values)


@dataclass(frozen=True)
class PurchasesTables:
    """The purchases of the reporting year (t CO2e; shares as fractions).

    Attributes
    ----------
    total_t, low_t, high_t : float
        Purchase emissions, and their sum with every factor at the low / high end of its
        range (rows without a range count at their value).
    share_of_total : float
        Purchases' share of the year's emissions.
    spend_based_share : float
        Share of the purchase emissions calculated spend-based.
    methods : DataFrame
        One row per method present, most specific first, then a ``total`` row: ``method``,
        ``emissions_t_co2e``, ``share`` (of purchases), ``low_t_co2e``, ``high_t_co2e``.
    activities : DataFrame
        One row per purchase activity and method, largest first: ``activity``,
        ``activity_label``, ``method``, ``spend_msek`` (kronor entered, spend rows only),
        ``emissions_t_co2e``, ``share``, ``low_t_co2e``, ``high_t_co2e``.
    own_factors : DataFrame
        The rows' own factors (a supplier's value in place of the catalogue's), one line per
        activity, value, unit, source and method: ``activity``, ``activity_label``,
        ``own_factor``, ``own_factor_unit``, ``own_factor_source``, ``method``, ``rows``,
        ``emissions_t_co2e``. Empty when no row had one.
    """

    total_t: float
    low_t: float
    high_t: float
    share_of_total: float
    spend_based_share: float
    methods: pd.DataFrame
    activities: pd.DataFrame
    own_factors: pd.DataFrame


def build_purchases(
    year_rows: pd.DataFrame, labels: dict[str, str], year_total_t: float
) -> PurchasesTables | None:
    """Return the purchases tables of one year's result rows (``None`` without purchases).

    Parameters
    ----------
    year_rows : DataFrame
        The result rows of the reporting year.
    labels : dict of str to str
        Activity code → the name the report shows.
    year_total_t : float
        The year's total emissions [t CO2e], for the share.

    Returns
    -------
    PurchasesTables or None
    """
    rows = year_rows[(year_rows["category"].astype(str) == _CATEGORY).to_numpy(dtype=bool)]
    if rows.empty:
        return None
    emissions = rows["emissions_kg_co2e"].to_numpy(dtype=np.float64) / 1000.0
    low = _bound(rows, "emissions_low_kg", emissions)
    high = _bound(rows, "emissions_high_kg", emissions)
    method = (
        rows["method"].astype(object).where(rows["method"].notna(), _NOT_STATED).astype(str)
        if "method" in rows
        else pd.Series(_NOT_STATED, index=rows.index)
    )
    method = method.where(method.isin(METHODS), _NOT_STATED)
    spend = (
        pd.to_numeric(rows["spend_entered_sek"], errors="coerce").to_numpy(dtype=np.float64) / 1e6
        if "spend_entered_sek" in rows
        else np.full(len(rows), np.nan)
    )
    frame = pd.DataFrame(
        {
            "activity": rows["activity"].astype(str).to_numpy(),
            "method": method.to_numpy(),
            "spend_msek": spend,
            "emissions_t_co2e": emissions,
            "low_t_co2e": low,
            "high_t_co2e": high,
        }
    )
    total = math.fsum(emissions)
    share = 1.0 / total if total > 0 else math.nan

    per_activity = (
        frame.groupby(["activity", "method"], sort=False)
        .agg(
            spend_msek=("spend_msek", lambda s: s.sum(min_count=1)),
            emissions_t_co2e=("emissions_t_co2e", "sum"),
            low_t_co2e=("low_t_co2e", "sum"),
            high_t_co2e=("high_t_co2e", "sum"),
        )
        .reset_index()
        .sort_values("emissions_t_co2e", ascending=False, kind="stable")
    )
    per_activity.insert(1, "activity_label", [labels.get(a, a) for a in per_activity["activity"]])
    per_activity.insert(5, "share", per_activity["emissions_t_co2e"] * share)

    order = [*METHODS, _NOT_STATED]
    per_method = (
        frame.groupby("method", sort=False)[["emissions_t_co2e", "low_t_co2e", "high_t_co2e"]]
        .sum()
        .reindex([m for m in order if m in set(frame["method"])])
        .reset_index()
    )
    per_method.insert(2, "share", per_method["emissions_t_co2e"] * share)
    low_t, high_t = math.fsum(low), math.fsum(high)
    total_row = pd.DataFrame(
        {
            "method": ["total"],
            "emissions_t_co2e": [total],
            "share": [1.0 if total > 0 else math.nan],
            "low_t_co2e": [low_t],
            "high_t_co2e": [high_t],
        }
    )
    per_method = pd.concat([per_method, total_row], ignore_index=True)
    spend_based = math.fsum(emissions[(method == "spend-based").to_numpy()])
    return PurchasesTables(
        total_t=total,
        low_t=low_t,
        high_t=high_t,
        share_of_total=total / year_total_t if year_total_t > 0 else math.nan,
        spend_based_share=spend_based * share,
        methods=per_method,
        activities=per_activity.reset_index(drop=True),
        own_factors=_own_factors(rows, labels),
    )


_OWN_KEYS: Final = ("activity", "own_factor", "own_factor_unit", "own_factor_source", "method")


def _own_factors(rows: pd.DataFrame, labels: dict[str, str]) -> pd.DataFrame:
    """Return one line per own factor used (empty when none)."""
    columns = [*_OWN_KEYS[:1], "activity_label", *_OWN_KEYS[1:], "rows", "emissions_t_co2e"]
    if "own_factor_used" not in rows or not rows["own_factor_used"].astype(bool).any():
        return pd.DataFrame(columns=columns)
    own = rows[rows["own_factor_used"].astype(bool).to_numpy()]
    frame = pd.DataFrame({k: own[k].astype(object).to_numpy() for k in _OWN_KEYS})
    frame["emissions_t_co2e"] = own["emissions_kg_co2e"].to_numpy(dtype=np.float64) / 1000.0
    table = (
        frame.groupby(list(_OWN_KEYS), sort=False)
        .agg(rows=("emissions_t_co2e", "size"), emissions_t_co2e=("emissions_t_co2e", "sum"))
        .reset_index()
        .sort_values("emissions_t_co2e", ascending=False, kind="stable")
    )
    table.insert(1, "activity_label", [labels.get(a, a) for a in table["activity"]])
    return table.reset_index(drop=True)[columns]


def _bound(rows: pd.DataFrame, column: str, emissions: np.ndarray) -> np.ndarray:
    """Return a row bound in t (the row's emissions where no range is known)."""
    if column not in rows:
        return emissions.copy()
    values = pd.to_numeric(rows[column], errors="coerce").to_numpy(dtype=np.float64) / 1000.0
    return np.where(np.isfinite(values), values, emissions)


def method_label(method: str, lang: Lang) -> str:
    """Return the report name of a method code (or of ``total``)."""
    if method == "total":
        return word("total", lang)
    return word(method if method in WORDS else _NOT_STATED, lang)


def sentences(p: PurchasesTables, lang: Lang) -> list[str]:
    """Return the section's sentences: the lead, the spend-based share, the range, the limits."""

    def t(x: float) -> str:
        return format_number(x, 0, lang=lang)

    out = [
        word("lead", lang, total=t(p.total_t), share=format_percent(p.share_of_total, 0, lang=lang))
    ]
    out.append(
        word("spend_share", lang, spend_share=format_percent(p.spend_based_share, 0, lang=lang))
    )
    others = [
        word(f"rest_{r['method']}", lang, share=format_percent(float(r["share"]), 0, lang=lang))
        for r in p.methods.to_dict("records")
        if r["method"] not in ("spend-based", "total") and float(r["emissions_t_co2e"]) != 0
    ]
    if others:
        listed = (
            others[0]
            if len(others) == 1
            else (", ".join(others[:-1]) + f" {word('and', lang)} {others[-1]}")
        )
        out.append(word("rest", lang, methods=listed))
    if p.high_t > p.low_t:
        out.append(
            word(
                "range",
                lang,
                low=t(p.low_t),
                high=t(p.high_t),
                low_pct=format_percent(p.low_t / p.total_t - 1.0, 0, lang=lang, sign=True),
                high_pct=format_percent(p.high_t / p.total_t - 1.0, 0, lang=lang, sign=True),
            )
        )
    else:
        out.append(word("no_range", lang))
    return out


def purchase_sheets(p: PurchasesTables, lang: Lang) -> list[tuple[str, pd.DataFrame, list[str]]]:
    """Return the workbook's purchases sheets: (name, frame, notes) per method and per activity.

    Method codes are shown as the report's words; the notes are the section's sentences.
    """
    methods = p.methods.copy()
    methods["method"] = [method_label(str(m), lang) for m in methods["method"]]
    activities = p.activities.copy()
    activities["method"] = [method_label(str(m), lang) for m in activities["method"]]
    notes = [*sentences(p, lang), f"{word('limits_lead', lang)} {word('limits', lang)}"]
    sheets = [
        (word("sheet_methods", lang), methods, notes),
        (word("sheet_activities", lang), activities, []),
    ]
    if len(p.own_factors):
        own = p.own_factors.copy()
        own["method"] = [method_label(str(m), lang) for m in own["method"]]
        sheets.append((word("sheet_own", lang), own, [word("h_own", lang)]))
    return sheets


def purchases_section(parts: PageParts) -> Section | None:
    """Build the page section from ``parts.tables.purchases`` (``None`` without purchases)."""
    from klimatkalk.report._page import Section, _Card, _Paragraph

    p: PurchasesTables | None = getattr(parts.tables, "purchases", None)
    if p is None:
        return None
    lang: Lang = parts.tables.lang
    escape = parts.escape
    paragraphs = [_Paragraph(escape(s)) for s in sentences(p, lang)]
    paragraphs.append(
        _Paragraph(escape(word("limits", lang)), lead=escape(word("limits_lead", lang)))
    )
    cards = [
        _Card(
            escape(format_percent(p.spend_based_share, 0, lang=lang)),
            escape(word("c_spend_share", lang)),
            "neutral",
        )
    ]
    if p.high_t > p.low_t:
        low, high = (format_number(x, 0, lang=lang) for x in (p.low_t, p.high_t))
        cards.append(
            _Card(escape(f"{low}–{high} t CO₂e"), escape(word("c_range", lang)), "neutral")
        )
    return Section(
        "purchases",
        escape(word("h_purchases", lang, year=parts.tables.year)),
        paragraphs=paragraphs,
        tables=[
            _method_table(p, lang, escape),
            _activity_table(p, lang, escape),
            *([_own_table(p, lang, escape)] if len(p.own_factors) else []),
        ],
        cards=cards,
    )


def _method_table(p: PurchasesTables, lang: Lang, escape: Callable[[str], str]) -> _Table:
    from klimatkalk.report._page import _Cell, _Table

    rows = [
        [
            _Cell(escape(method_label(str(r["method"]), lang))),
            _Cell(format_number(float(r["emissions_t_co2e"]), 0, lang=lang)),
            _Cell(format_percent(float(r["share"]), 1, lang=lang)),
            _Cell(format_number(float(r["low_t_co2e"]), 0, lang=lang)),
            _Cell(format_number(float(r["high_t_co2e"]), 0, lang=lang)),
        ]
        for r in p.methods.to_dict("records")
    ]
    headers = [word(k, lang) for k in ("method", "emissions", "share", "low", "high")]
    return _Table([escape(h) for h in headers], rows, ["l", "r", "r", "r", "r"], total_last=True)


def _activity_table(p: PurchasesTables, lang: Lang, escape: Callable[[str], str]) -> _Table:
    from klimatkalk.report._page import _Cell, _Table

    rows = [
        [
            _Cell(escape(str(r["activity_label"]))),
            _Cell(escape(method_label(str(r["method"]), lang))),
            _Cell(format_number(float(r["spend_msek"]), 1, lang=lang)),
            _Cell(format_number(float(r["emissions_t_co2e"]), 0, lang=lang)),
            _Cell(format_percent(float(r["share"]), 1, lang=lang)),
            _Cell(format_number(float(r["low_t_co2e"]), 0, lang=lang)),
            _Cell(format_number(float(r["high_t_co2e"]), 0, lang=lang)),
        ]
        for r in p.activities.to_dict("records")
    ]
    headers = [
        word(k, lang) for k in ("activity", "method", "spend", "emissions", "share", "low", "high")
    ]
    return _Table([escape(h) for h in headers], rows, ["l", "l", "r", "r", "r", "r", "r"])


def _own_table(p: PurchasesTables, lang: Lang, escape: Callable[[str], str]) -> _Table:
    from klimatkalk.report._page import _Cell, _Table

    rows = [
        [
            _Cell(escape(str(r["activity_label"]))),
            _Cell(format_number(float(r["own_factor"]), 3, lang=lang)),
            _Cell(escape(str(r["own_factor_unit"]))),
            _Cell(escape(str(r["own_factor_source"]))),
            _Cell(escape(method_label(str(r["method"]), lang))),
            _Cell(format_number(int(r["rows"]), 0, lang=lang)),
            _Cell(format_number(float(r["emissions_t_co2e"]), 1, lang=lang)),
        ]
        for r in p.own_factors.to_dict("records")
    ]
    keys = ("activity", "own_value", "own_unit", "own_source", "method", "own_rows", "emissions")
    return _Table([escape(word(k, lang)) for k in keys], rows, ["l", "r", "l", "l", "l", "r", "r"])
