"""Report sources: how the factor appendix cites a source, where in it, and how good the value is.

The factor data records where a value was read, including values read second-hand (a
publisher's table as carried in a GitHub repository, or quoted by another project). A published
report cites the publisher, not the intermediary: :func:`citation` takes the intermediary out of
the publisher and title (and drops its URL), and :func:`quality` keeps it in the row's note
("Andrahandsuppgift, läst via …"), after the row's class in ``quality.csv`` (derived, proxy…)
and with the marks the data's notes carry (a copy, to verify). :func:`locator` puts the
surrounding words of a locator into the report's language while text the data quotes from the
source (between quotation marks) keeps its original language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from klimatkalk.report._labels import QUALITY_LABELS, Lang, translate

__all__ = ["Citation", "citation", "locator", "quality"]

_QUOTED_BY: Final = re.compile(r",?\s*\b(?:quoted|carried)\s+by\s+(?P<carrier>.+?)\s*$")
_AS_IN: Final = re.compile(
    r",?\s*\b(?:as\s+)?(?:carried|quoted)\s+in\s+(?P<carrier>[^)]+?)(?=\)|$)", re.IGNORECASE
)
_INTERMEDIARY_HOSTS: Final = ("github.com", "gitlab.com", "raw.githubusercontent.com")


@dataclass(frozen=True)
class Citation:
    """How the appendix cites one source: the publisher's work, and who carried it if anyone."""

    publisher: str
    title: str
    year: str
    url: str | None
    doc_id: str
    carrier: str | None
    carrier_url: str | None

    def text(self) -> str:
        """Return "Publisher (year). Title. Document id", the reference without the link."""
        out = f"{self.publisher} ({self.year}). {self.title}" if self.year else self.publisher
        if self.doc_id and not self.url:
            out += f". {self.doc_id}"
        return out


def citation(publisher: str, title: str, year: str, url: str, doc_id: str) -> Citation:
    """Cite the publisher's work; an intermediary that carried it goes to ``carrier``.

    Examples
    --------
    >>> c = citation("Energimarknadsinspektionen (Ei), quoted by a/b (GitHub)",
    ...     "Residualmix 2024, as quoted in Led-kalkylator research-dossier.md", "2025",
    ...     "https://github.com/a/b", "")
    >>> c.publisher, c.title, c.url, c.carrier
    ('Energimarknadsinspektionen (Ei)', 'Residualmix 2024', None, 'a/b (GitHub)')
    >>> citation("U.S. EPA", "Factors (x.csv, as carried in s/m data/)", "2024",
    ...     "https://github.com/s/m", "doi:10.23719/1531143").url
    'https://doi.org/10.23719/1531143'
    """
    carrier: str | None = None
    found = _QUOTED_BY.search(publisher)
    if found:
        carrier = found["carrier"].strip()
        publisher = publisher[: found.start()].strip()
    found = _AS_IN.search(title)
    if found:
        carrier = carrier or found["carrier"].strip()
        title = (title[: found.start()] + title[found.end() :]).strip()
        title = re.sub(r"\(\s*\)", "", title).strip()
    carrier_url = None
    if carrier is not None and url and any(h in url for h in _INTERMEDIARY_HOSTS):
        carrier_url, url = url, ""
    link = url if url.startswith(("https://", "http://")) else None
    if link is None and doc_id.lower().startswith("doi:"):
        link = "https://doi.org/" + doc_id[4:].strip()
    return Citation(publisher, title, year, link, doc_id, carrier, carrier_url)


# Words around what a locator quotes, in the order they are replaced (longer phrases first).
_LOCATOR_SV: Final[tuple[tuple[str, str], ...]] = (
    ("Sheet with road-vehicle factors", "Blad med faktorer för vägfordon"),
    # DESNZ's flat file: its own row labels are quoted, the words around them Swedish
    (
        "Passenger vehicles, Cars (by size), Large car, Battery Electric Vehicle, km, kg CO2e",
        "'Passenger vehicles, Cars (by size), Large car, Battery Electric Vehicle, km, kg CO2e'",
    ),
    ("Medium car miles", "'Medium car', miles,"),
    ("Cars (by market segment) Sports km", "'Cars (by market segment), Sports', km,"),
    ("biogas share of vehicle gas, SCB statistics", "biogasandel av fordonsgasen, SCB:s statistik"),
    ("Publication page", "Publikationssida"),
    ("First paragraphs", "Inledande stycken"),
    ("Article text", "Artikeltext"),
    ("Flat file", "Platt fil"),
    ("unit litres", "enhet liter"),
    ("validFrom", "giltig från"),
    ("Abstract", "Sammandrag"),
    ("Article", "Artikel"),
    ("summary", "sammanfattning"),
    ("unit", "enhet"),
    ("also", "även"),
    ("all", "alla"),
    ("Parameter values table", "Tabell med parametervärden"),
    ("N2O from product uses: medical applications", "N2O från produktanvändning: medicinsk"),
    ("refrigeration and air conditioning", "kyla och luftkonditionering"),
    ("fuels delivered", "drivmedel levererade"),
    ("proposed wording", "föreslagen lydelse"),
    ("in force", "i kraft från"),
    ("without margins", "utan marginaler"),
    ("with margins", "med marginaler"),
    ("News text", "Nyhetstext"),
    ("each way", "enkel väg"),
    ("HVO bus", "HVO-buss"),
    ("August", "augusti"),
    ("Code", "kod"),
    ("per year", "per år"),
    ("example", "exempel"),
    ("commuting", "pendling"),
    ("days", "dagar"),
    ("Introduction", "Inledning"),
    ("Summary", "Sammanfattning"),
    ("Paragraph", "Stycke"),
    ("paragraph", "stycket"),
    ("headline", "rubrik"),
    ("Section", "Avsnitt"),
    ("section", "avsnitt"),
    ("Sect.", "avsn."),
    ("Ch.", "kap."),
    ("Table", "Tabell"),
    ("Sheet", "Blad"),
    ("Rows", "Rader"),
    ("rows", "rader"),
    ("Row", "Rad"),
    ("row", "rad"),
    ("column", "kolumn"),
    ("quoted", "citerat"),
    ("levels", "nivåer"),
    ("value", "värde"),
    ("margins", "marginaler"),
    ("petrol car", "bensinbil"),
    ("as in", "som i"),
    ("at commit", "vid commit"),
    ("and", "och"),
    ("for", "för"),
    ("in", "i"),
)
_STRUCTURE: Final = re.compile(
    r"\b(?:Table|table|Rows?|rows?|column|Section|section|Sect\.|Sheet|Paragraph|paragraph|"
    r"Summary|Introduction|News text|headline|Vol\.|Ch\.)(?!\w)"
)
_QUOTE: Final = re.compile(r"('[^']*'|\"[^\"]*\"|‘[^’]*’|“[^”]*”)")
_WORDS_SV: Final = re.compile(
    "|".join(r"(?<![\w'])" + re.escape(en) + r"(?![\w'])" for en, _ in _LOCATOR_SV)
)
_SV: Final = dict(_LOCATOR_SV)


def locator(text: str, lang: Lang) -> str:
    """Where in the source, with the surrounding words in ``lang``; quoted text kept as is.

    A part (between semicolons) that has no quotation marks and none of the known locator
    words but a path of three or more comma-separated labels is the publisher's own row name
    (as DESNZ's flat files give them): it is quoted, so the reader sees that it is the
    source's wording.

    Examples
    --------
    >>> locator("Table 'Drivmedel' (fuels delivered 2016), row 'HVO' (476 g CO2e/l)", "sv")
    "Tabell 'Drivmedel' (drivmedel levererade 2016), rad 'HVO' (476 g CO2e/l)"
    >>> locator("Business travel- air, Flights, Domestic", "sv")
    "'Business travel- air, Flights, Domestic'"
    >>> locator("Row 'X' (0.14 kg CO2e/USD; without margins 0.096, margins 0.045)", "sv")
    "Rad 'X' (0.14 kg CO2e/USD; utan marginaler 0.096, marginaler 0.045)"
    >>> locator("Table 'X', row 2", "en")
    "Table 'X', row 2"
    """
    if lang != "sv" or not text:
        return text
    parts = []
    for part in text.split(";"):
        lead = part[: len(part) - len(part.lstrip())]
        body = part.strip()
        if (
            body
            and not _QUOTE.search(body)
            and not _STRUCTURE.search(body)
            and body.count(", ") >= 2
            and body.count("(") == body.count(")")
        ):
            parts.append(f"{lead}'{body}'")
            continue
        pieces = _QUOTE.split(part)
        parts.append(
            "".join(
                p if i % 2 else _WORDS_SV.sub(lambda m: _SV[m.group(0)], p)
                for i, p in enumerate(pieces)
            )
        )
    return ";".join(parts)


_MARKS: Final[tuple[tuple[re.Pattern[str], str, str], ...]] = (
    (re.compile(r"\bCopy of\b"), "kopia av en annan aktivitets faktor", "copy of another factor"),
    (re.compile(r"\bverify\b"), "bör verifieras", "to verify"),
)
"""Marks read from a factor row's note. How the value came about (measured, reported, derived,
proxy, stretched) is not read from the note: ``quality.csv`` classes every row, and the note's
"Derived" contradicted it where a derivation stands in for an unreported year (diesel 2024 is a
proxy, derived from a stand-in bio share)."""


def quality(
    note: str,
    source_note: str,
    carrier: str | None,
    lang: Lang,
    *,
    grade: str | None = None,
) -> str:
    """Return the quality marks of a factor row in ``lang``: its class, second-hand (via whom)….

    ``grade`` is the row's class in ``quality.csv`` (the ``quality`` column of
    ``result.factors_used()``), said as ``klimatkalk factors show`` and the calculated rows say
    it; the note adds second-hand, copy and to-verify marks.

    Examples
    --------
    >>> quality("Derived: 0.2 x 2. Second-hand (quoted by X) - verify", "", None, "sv",
    ...         grade="proxy")
    'ersättningsvärde (proxy); Andrahandsuppgift; bör verifieras'
    >>> quality("", "Second-hand: from a copy", "s/m (GitHub)", "en")
    'Second-hand, read via s/m (GitHub)'
    """
    marks: list[str] = []
    if grade:
        marks.append(str(translate(QUALITY_LABELS, grade, lang)))
    second_hand = "second-hand" in f"{note} {source_note}".lower()
    if carrier is not None:
        marks.append(
            f"Andrahandsuppgift, läst via {carrier}"
            if lang == "sv"
            else f"Second-hand, read via {carrier}"
        )
    elif second_hand:
        marks.append("Andrahandsuppgift" if lang == "sv" else "Second-hand")
    for pattern, sv, en in _MARKS:
        if pattern.search(note):
            marks.append(sv if lang == "sv" else en)
    return "; ".join(marks)
