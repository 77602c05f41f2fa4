"""The indicator annex of the yearly report: Markdown, HTML and xlsx.

:func:`annex_sections` lays out an :class:`~klimatkalk.analysis.annex.Annex` as the regions print
it, in Swedish by default (English as an option): the table of metrics *Mätetal · Utfall år−1 ·
Utfall år · Utveckling* with footnotes for method changes and gaps, then energy (MWh per carrier,
kWh/m² raw and normal-year corrected), the EED requirement with its convention, the fossil-free
share of transport energy per transport type by both counting methods, the target groups and the
emissions in the regions' tool's layout. :func:`write_annex` writes
``klimatredovisning_<year>_bilaga.md``, ``.html`` and ``.xlsx`` (numbers as numbers;
deterministic bytes, like the report itself).
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal

import pandas as pd

from klimatkalk.formatting import NBSP, format_number, format_percent
from klimatkalk.report._labels import SUBCATEGORY_LABELS, category_label, translate

if TYPE_CHECKING:
    from klimatkalk.analysis.annex import Annex

__all__ = [
    "AnnexSection",
    "Cell",
    "annex_html",
    "annex_markdown",
    "annex_sections",
    "annex_workbook",
    "write_annex",
]

Lang = Literal["sv", "en"]

_CARRIERS: Final = {
    "total": ("Totalt", "Total"),
    "electricity": ("El", "Electricity"),
    "district_heating": ("Fjärrvärme", "District heating"),
    "district_cooling": ("Fjärrkyla", "District cooling"),
    "fuels": ("Bränslen", "Fuels"),
}
_USES: Final = {
    "buildings_operations": ("Lokaler och verksamhet", "Buildings and operations"),
    "transport": ("Transporter", "Transport"),
}
_OTHER_TRANSPORT: Final = ("Övriga transporter", "Other transport")
"""The transport type ``"other"`` (transport no transport-type rule names) as a table row."""
_VERDICTS_EN: Final = {
    "Positiv": "Positive",
    "Oförändrad": "Unchanged",
    "Negativ": "Negative",
    "Ej bedömd": "Not assessed",
    "Uppfyllt": "Met",
    "Ej uppfyllt": "Not met",
}
RULE_TEXT: Final = (
    "Utveckling: Positiv när förändringen mot föregående år går åt det bättre hållet och är "
    "större än mätetalets gräns för oförändrad, Negativ när den går åt andra hållet och är "
    "större än gränsen, annars Oförändrad; Ej bedömd när ett av åren saknar utfall.",
    "Development: Positive when the change against last year goes the better way and is "
    "larger than the metric's threshold for unchanged, Negative when it goes the other way "
    "and is larger than the threshold, else Unchanged; Not assessed when a year has no outcome.",
)


@dataclass(frozen=True)
class Cell:
    """One cell: a text, or a number with how to show it (a year: a number without separator)."""

    value: object
    kind: Literal["text", "number", "percent", "year"] = "text"
    decimals: int = 0
    sign: bool = False

    def text(self, lang: Lang) -> str:
        """Return the cell as the report prints it."""
        v = self.value
        if self.kind == "text":
            return "" if v is None else str(v)
        if v is None or not isinstance(v, int | float) or not math.isfinite(v):
            return "–"
        if self.kind == "year":
            return str(int(v))
        if self.kind == "percent":
            return format_percent(float(v), self.decimals, lang=lang, sign=self.sign)
        text = format_number(float(v), self.decimals, lang=lang)
        return "+" + text if self.sign and v > 0 else text

    def excel(self) -> tuple[object, str | None]:
        """Return the value for a workbook cell and its number format."""
        v = self.value
        if self.kind == "text":
            return (None if v is None else str(v)), None
        if v is None or not isinstance(v, int | float) or not math.isfinite(v):
            return None, None
        if self.kind == "year":
            return int(v), "0"
        decimals = "." + "0" * self.decimals if self.decimals else ""
        return float(v), (f"0{decimals}%" if self.kind == "percent" else f"#,##0{decimals}")


@dataclass(frozen=True)
class AnnexSection:
    """One table of the annex."""

    title: str
    headers: list[str]
    rows: list[list[Cell]]
    notes: list[str] = field(default_factory=list)
    sheet: str = ""
    """A short name for the workbook's sheet (at most 31 characters); the title if empty."""

    def numeric_columns(self) -> list[bool]:
        """Whether each column holds numbers (or percentages) only: those align right."""
        kinds: list[set[str]] = [set() for _ in self.headers]
        for row in self.rows:
            for j, cell in enumerate(row[: len(kinds)]):
                if cell.kind != "text" or cell.value not in (None, ""):
                    kinds[j].add(cell.kind)
        return [bool(k) and not k & {"text", "year"} for k in kinds]  # a year labels its row

    def text_rows(self, lang: Lang) -> list[list[str]]:
        """Return the rows as printed text."""
        return [[c.text(lang) for c in row] for row in self.rows]


def _num(value: object, decimals: int = 0, *, sign: bool = False) -> Cell:
    return Cell(_float(value), "number", decimals, sign)


def _pct(value: object, decimals: int = 1, *, sign: bool = False) -> Cell:
    return Cell(_float(value), "percent", decimals, sign)


def _float(value: object) -> float:
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return math.nan


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [{str(k): v for k, v in row.items()} for row in frame.to_dict("records")]


def annex_sections(annex: Annex, lang: Lang = "sv") -> list[AnnexSection]:
    """Lay the annex out as tables, in report order.

    Parameters
    ----------
    annex : Annex
    lang : {"sv", "en"}, default "sv"
        Language of titles, headers and notes (metric labels are the user's).
    """
    if lang not in ("sv", "en"):
        msg = f"lang={lang!r}: use 'sv' or 'en'"
        raise ValueError(msg)

    def w(sv: str, en: str) -> str:
        return sv if lang == "sv" else en

    sections: list[AnnexSection] = []
    if annex.metrics is not None and len(annex.metrics):
        sections.append(_metric_section(annex, lang, w))
    sections.append(_energy_section(annex, lang, w))
    if annex.per_area is not None:
        sections.append(_area_section(annex, w))
    if annex.eed is not None:
        sections.append(_eed_section(annex, lang, w))
    sections.append(_fossil_section(annex, w))
    if annex.groups is not None and len(annex.groups):
        sections.append(_group_section(annex, lang, w))
        if annex.group_totals is not None and len(annex.group_totals):
            sections.append(_group_total_section(annex, lang, w))
    sections.append(_layout_section(annex, w))
    return sections


Words = Callable[[str, str], str]


def _metric_section(annex: Annex, lang: Lang, w: Words) -> AnnexSection:
    metrics = annex.metrics
    assert metrics is not None
    year = annex.year
    rows: list[list[Cell]] = []
    notes: list[str] = []
    for r in _records(metrics):
        decimals = int(r.get("decimals") or 0)
        marks = []
        group = annex.group_metrics.get(str(r["metric"]))
        own = _group_difference(annex, group, lang, w) if group is not None else ""
        for text in (r["note"], r["gap_reason"], own):
            if isinstance(text, str) and text:
                notes.append(text)
                marks.append(str(len(notes)))
        label = f"{r['label']} ({r['unit']})"
        if marks:
            label += " [" + ", ".join(marks) + "]"
        verdict = str(r["verdict"])
        rows.append(
            [
                Cell(label),
                _num(r["previous_outcome"], decimals),
                _num(r["outcome"], decimals),
                Cell(verdict if lang == "sv" else _VERDICTS_EN.get(verdict, verdict)),
            ]
        )
    numbered = [f"[{i}] {t}" for i, t in enumerate(notes, start=1)]
    return AnnexSection(
        w(f"Indikatorer med mätetal {year}", f"Indicators and metrics {year}"),
        [
            w("Mätetal", "Metric"),
            w(f"Utfall {year - 1}", f"Outcome {year - 1}"),
            w(f"Utfall {year}", f"Outcome {year}"),
            w("Utveckling", "Development"),
        ],
        rows,
        [*numbered, w(*RULE_TEXT)],
        sheet=w("Indikatorer", "Indicators"),
    )


def _transport_type(kind: object, w: Words) -> str:
    """Return a transport type as a table row prints it.

    The user's name with a capital first letter, as the carriers beside it (``kollektivtrafik``
    → ``Kollektivtrafik``); ``other`` in words.
    """
    if kind is None or kind in {"", "other"}:
        return w(*_OTHER_TRANSPORT)
    name = str(kind)
    return name[:1].upper() + name[1:]


def _energy_section(annex: Annex, lang: Lang, w: Words) -> AnnexSection:
    year = annex.year
    e = annex.energy[annex.energy["year"].isin([year - 1, year])].copy()
    e["kind"] = [
        w(*_CARRIERS.get(c, (c, c)))
        if u == "buildings_operations"
        else _transport_type(t, w)  # the use column says Transporter
        for u, c, t in zip(e["use"], e["carrier"], e["transport_type"], strict=True)
    ]
    e["use_text"] = [w(*_USES[u]) for u in e["use"]]
    pivot = (
        e.pivot_table(
            index=["use_text", "kind"],
            columns="year",
            values="energy_kwh",
            aggfunc="sum",
            sort=False,
        )
        / 1000
    )
    rows = [
        [Cell(key[0]), Cell(key[1]), _num(v.get(year - 1)), _num(v.get(year))]
        for key, v in zip(pivot.index, pivot.to_dict("records"), strict=True)
    ]
    totals = e.groupby("year")["energy_kwh"].sum() / 1000
    rows.append(
        [Cell(w("Summa", "Total")), Cell(""), _num(totals.get(year - 1)), _num(totals.get(year))]
    )
    notes = [
        w(
            "Bränslen är räknade om till kWh med värmevärdet för varje bränslekvalitet "
            "(energiinnehållet per liter eller kilo).",
            "Fuels are converted to kWh with the heating value of each grade (the energy "
            "content per litre or kilogram).",
        ),
        w(
            "Tabellen räknar el, fjärrvärme, fjärrkyla och bränslen angivna som energi, volym "
            "eller vikt; resor angivna i km, inköp och gaser är inte energianvändning och ingår "
            "inte.",
            "The table counts electricity, district heating, district cooling and fuels given "
            "as energy, volume or mass; travel given in km, purchases and gases are not energy "
            "use and are not included.",
        ),
    ]
    left_out = _left_out_rows(annex, lang, w)
    if left_out:
        notes.append(left_out)
    return AnnexSection(
        w(f"Energianvändning {year} (MWh)", f"Energy use {year} (MWh)"),
        [
            w("Användning", "Use"),
            w("Energibärare / transportslag", "Carrier / transport type"),
            str(year - 1),
            str(year),
        ],
        rows,
        notes,
        sheet=w("Energi (MWh)", "Energy (MWh)"),
    )


_SHOWN_ROWS: Final = 30
"""How many left-out rows the note names; it counts them all."""


def _left_out_rows(annex: Annex, lang: Lang, w: Words) -> str:
    """Say how many rows the calculation rejected and which: the annex leaves them out too."""
    left = annex.left_out
    if not len(left):
        return ""
    places: dict[str, list[str]] = {}
    for r in _records(left.head(_SHOWN_ROWS)):
        where = str(r["origin_file"])
        if isinstance(r["origin_sheet"], str) and r["origin_sheet"]:
            where += f" ({w('blad', 'sheet')} {r['origin_sheet']})"
        row = r["origin_row"]
        shown = "–" if row is None or (isinstance(row, float) and math.isnan(row)) else str(row)
        places.setdefault(where, []).append(shown)
    listed = "; ".join(
        f"{where} {w('rad', 'row' if len(rows) == 1 else 'rows')} {', '.join(rows)}"
        for where, rows in places.items()
    )
    n = len(left)
    more = n - min(n, _SHOWN_ROWS)
    rest = w(f" och {more} till", f" and {more} more") if more else ""
    count = format_number(n, 0, lang=lang)
    return w(
        f"{count} {'rad' if n == 1 else 'rader'} som beräkningen avvisade räknas inte heller i "
        f"bilagan (energi, EED, fossilfria andelar, utsläpp): {listed}{rest}. Skälen står i "
        "listan över avvisade rader.",
        f"{count} {'row' if n == 1 else 'rows'} the calculation rejected "
        f"{'is' if n == 1 else 'are'} not counted in the annex either (energy, EED, fossil-free "
        f"shares, emissions): {listed}{rest}. The reasons are in the list of rejected rows.",
    )


def _area_section(annex: Annex, w: Words) -> AnnexSection:
    year = annex.year
    per = annex.per_area
    assert per is not None
    kind = str(per["area_type"].iloc[0]) if len(per) else ""
    normal = annex.normal_year
    rows: list[list[Cell]] = []
    notes: list[str] = []
    for carrier in ("total", "electricity", "district_heating", "district_cooling"):
        own = per[per["carrier"] == carrier].set_index("year")
        if not len(own):
            continue
        name = w(*_CARRIERS[carrier])
        unit = f"kWh/m²{NBSP}{kind}" if kind else "kWh/m²"  # the carrier is in the name
        cells = [Cell(f"{name} ({unit})")]
        for y in (year - 1, year):
            cells.append(_num(own["kwh_per_m2"].get(y)))
            reason = own["gap_reason"].get(y) if y in own.index else None
            if isinstance(reason, str) and reason:
                notes.append(f"{y}: {reason}")
        if normal is not None and "kwh_per_m2_normal_year" in normal:
            if carrier == "total":
                sums = normal.groupby("year")["kwh_per_m2_normal_year"].sum()
            else:
                mine = normal[normal["carrier"] == carrier].set_index("year")
                sums = mine["kwh_per_m2_normal_year"]
            cells += [_num(sums.get(year - 1)), _num(sums.get(year))]
        rows.append(cells)
    headers = [w("Energi per m²", "Energy per m²"), str(year - 1), str(year)]
    if kind:
        notes.append(
            w(
                f"Lokaler och verksamhet per m² {kind}.",
                f"Buildings and operations per m² {kind}.",
            )
        )
    if normal is not None:
        headers += [
            w(f"{year - 1} normalårskorr.", f"{year - 1} normal-year corr."),
            w(f"{year} normalårskorr.", f"{year} normal-year corr."),
        ]
        dd = normal.drop_duplicates("year").set_index("year")
        for y in (year - 1, year):
            if y in dd.index:
                g = format_number(_float(dd.loc[y, "degree_days"]))
                gn = format_number(_float(dd.loc[y, "normal_degree_days"]))
                notes.append(
                    w(
                        f"Graddagar {y}: {g} mot normalårets {gn}.",
                        f"Degree days {y}: {g} against a normal year's {gn}.",
                    )
                )
        shares = ", ".join(
            f"{w(*_CARRIERS.get(c, (c, c))).lower()} {format_percent(s)}"
            for c, s in annex.heating_share.items()
        )
        notes.append(
            w(
                f"Normalårskorrigering med graddagar: den temperaturberoende delen ({shares}) "
                "skalas med normalårets graddagar / årets graddagar.",
                f"Normal-year correction with degree days: the temperature-dependent part "
                f"({shares}) is scaled by the normal year's degree days / the year's.",
            )
        )
    return AnnexSection(
        w(f"Energianvändning per m² {year}", f"Energy use per m² {year}"),
        headers,
        rows,
        notes,
        sheet=w("Energi per m²", "Energy per m²"),
    )


def _eed_section(annex: Annex, lang: Lang, w: Words) -> AnnexSection:
    from klimatkalk.analysis.eed import convention_text

    eed = annex.eed
    assert eed is not None
    rows = [
        [
            Cell(int(r["year"]), "year"),
            _num(r["consumption"]),
            _num(r["allowed"]),
            _pct(r["change_vs_reference"], 1, sign=True),
            _pct(r["required_change"], 1, sign=True),
            Cell(r["verdict"] if lang == "sv" else _VERDICTS_EN.get(r["verdict"], r["verdict"])),
        ]
        for r in _records(eed)
        if r["year"] <= annex.year
    ]
    convention = convention_text(annex.eed_convention, lang=lang)
    return AnnexSection(
        w(
            "Energieffektiviseringsdirektivet: offentlig sektor (MWh)",
            "Energy Efficiency Directive: public sector (MWh)",
        ),
        [
            w("År", "Year"),
            w("Slutlig energianvändning", "Final energy consumption"),
            w("Tillåten enligt kravet", "Allowed by the requirement"),
            w("Förändring mot 2021", "Change against 2021"),
            w("Krav mot 2021", "Required against 2021"),
            w("Bedömning", "Verdict"),
        ],
        rows,
        [
            convention
            + w(" (direktiv (EU) 2023/1791 art. 5).", " (Directive (EU) 2023/1791 art. 5)."),
            _quoted_figure(lang, w),
            _left_out_note(annex, eed, w, lang),
            w(
                "Om den årliga minskningen räknas sammansatt eller linjärt är inte verifierat mot "
                "kommissionens rekommendation (EU) 2024/1716; referensåret 2021 är direktivets.",
                "Whether the yearly reduction compounds or is linear is not verified against "
                "Commission Recommendation (EU) 2024/1716; the reference year 2021 is the "
                "Directive's.",
            ),
        ],
        sheet=w("EED offentlig sektor", "EED public sector"),
    )


def _quoted_figure(lang: Lang, w: Words) -> str:
    """Say in one sentence why the 9,9 % some plans quote for five years is not the requirement."""
    from klimatkalk.analysis.eed import EED_RATE, quoted_growth_reading, reduction_after

    def pct(value: float) -> str:
        return format_percent(value, 1, lang=lang)

    quoted = pct(quoted_growth_reading(5))
    growth = format_number(1 + EED_RATE, 3, lang=lang)
    compounded = pct(reduction_after(5, convention="compounded"))
    linear = pct(reduction_after(5, convention="linear"))
    rate = pct(EED_RATE)
    return w(
        f"Den ibland citerade minskningen {quoted} på fem år är {growth}⁵ − 1, alltså en ökning "
        f"med {rate} per år; en minskning med {rate} per år ger {compounded} på fem år räknat "
        f"sammansatt och {linear} räknat linjärt.",
        f"The {quoted} over five years sometimes quoted is {growth}⁵ − 1, a growth of {rate} a "
        f"year; a reduction of {rate} a year gives {compounded} over five years compounded and "
        f"{linear} linear.",
    )


def _left_out_note(annex: Annex, eed: pd.DataFrame, w: Words, lang: Lang) -> str:
    """Say what the EED figure leaves out in the reporting year: the public transport's energy."""
    kind = annex.public_transport
    this_year = eed.loc[eed["year"] == annex.year, "excluded_mwh"]
    mwh = float(this_year.iloc[0]) if len(this_year) else 0.0
    if mwh > 0:
        amount = format_number(mwh, 0, lang=lang)
        return w(
            f"Transportslaget {kind} ingår inte: {amount} MWh {annex.year} "
            "(art. 5.1 tillåter undantag för kollektivtrafik).",
            f"The transport type {kind} is not included: {amount} MWh in {annex.year} "
            "(art. 5(1) allows excluding public transport).",
        )
    return w(
        f"Inget av underlaget {annex.year} är av transportslaget {kind}, så inget är undantaget "
        "(art. 5.1 tillåter undantag för kollektivtrafik).",
        f"Nothing in the {annex.year} data is of the transport type {kind}, so nothing is "
        "left out (art. 5(1) allows excluding public transport).",
    )


def _fossil_section(annex: Annex, w: Words) -> AnnexSection:
    year = annex.year
    ff = annex.fossil_free
    rows = [
        [
            Cell(
                w("Alla transporter", "All transport")
                if r["transport_type"] == "total"
                else _transport_type(r["transport_type"], w)
            ),
            _num(r["energy_kwh"] / 1000),
            _pct(r["fossil_free_share"], 0),
            _pct(r["fossil_free_share_blend_as_fossil"], 0),
            _pct(r["renewable_share"], 0),
        ]
        for r in _records(ff[ff["year"] == year])
    ]
    return AnnexSection(
        w(
            f"Fossilfri andel av transporternas energi {year}",
            f"Fossil-free share of transport energy {year}",
        ),
        [
            w("Transportslag", "Transport type"),
            w("Energi (MWh)", "Energy (MWh)"),
            w("Fossilfri, reduktionsplikt räknad", "Fossil-free, blend counted"),
            w("Fossilfri, inblandning som fossil", "Fossil-free, blend as fossil"),
            w("Förnybar", "Renewable"),
        ],
        rows,
        [
            w(
                "Andel fossilfri energi: reduktionspliktens biodel i pumpbensin och pumpdiesel "
                "räknas som fossilfri; el med ursprungsgarantier som förnybar. Andelen med "
                "inblandningen räknad som fossil redovisas bredvid.",
                "Fossil-free share: the bio share the reduktionsplikt blends into pump petrol "
                "and diesel counts as fossil-free; electricity with guarantees of origin as "
                "renewable. The share with the blend counted as fossil is shown beside it.",
            )
        ],
        sheet=w("Fossilfri andel transporter", "Fossil-free transport"),
    )


def _group_section(annex: Annex, lang: Lang, w: Words) -> AnnexSection:
    groups = annex.groups
    assert groups is not None
    yes, no = w("Ja", "Yes"), w("Nej", "No")
    rows = [
        [
            Cell(str(r["label"])),
            _num(r["base_t_co2e"]),
            _num(r["year_t_co2e"]),
            _pct(r["change_vs_base"], 0, sign=True),
            _pct(r["required_change"], 0, sign=True),
            Cell("–" if r["on_track"] is None else (yes if r["on_track"] else no)),
        ]
        for r in _records(groups)
    ]
    return AnnexSection(
        w(f"Målgrupper {annex.year}", f"Target groups {annex.year}"),
        [
            w("Grupp", "Group"),
            w("Basår (t CO2e)", "Base year (t CO2e)"),
            f"{annex.year} (t CO2e)",
            w("Förändring mot basår", "Change against base year"),
            w("Banan kräver", "Path requires"),
            w("I fas", "On track"),
        ],
        rows,
        [
            *sorted({str(c) for c in groups["convention"].dropna()}),
            *(_group_difference(annex, str(key), lang, w) for key in groups["group"]),
            _groups_source(annex, w),
        ],
        sheet=w("Målgrupper", "Target groups"),
    )


def _t(value: float, lang: Lang) -> str:
    return f"{format_number(value, 1, lang=lang)}{NBSP}t"


def _amounts(frame: pd.DataFrame, years: list[int], lang: Lang, w: Words) -> str:
    """``69,4 t år 2024 och 178,9 t år 2019``: a part's emissions in the years named."""
    per_year = frame.groupby("year")["emissions_t_co2e"].sum()
    shown = [f"{_t(float(per_year.get(y, 0.0)), lang)} {w('år', 'in')} {y}" for y in years]
    return w(" och ", " and ").join(shown)


def _group_difference(annex: Annex, key: str, lang: Lang, w: Words) -> str:
    """Say what a group holds that the report's closest category does not, and the reverse."""
    groups, parts = annex.groups, annex.group_parts
    if groups is None or parts is None:
        return ""
    status = groups[groups["group"] == key]
    if not len(status):
        return ""
    label = str(status["label"].iloc[0])
    base_year = int(status["base_year"].iloc[0])
    years = [annex.year] if base_year == annex.year else [annex.year, base_year]
    own = parts[(parts["group"] == key) & parts["year"].isin(years)]
    if not len(own):
        shown = w(" eller ", " or ").join(str(y) for y in years)
        return w(
            f"Målgruppen {label} har inga beräknade utsläpp {shown}.",
            f"The target group {label} has no calculated emissions in {shown}.",
        )
    closest = category_label(own["category"].iloc[0], lang)
    whole = own[own["part"] == "category"]
    extra = own[own["part"] == "extra"]
    missing = own[own["part"] == "missing"]
    amounts = _amounts(whole, years, lang, w)
    if not len(extra) and not len(missing):
        return w(
            f"Målgruppen {label} är samma som rapportens kategori {closest} ({amounts}).",
            f"The target group {label} is the same as the report's category {closest} ({amounts}).",
        )
    head = w(
        f"Målgruppen {label} är inte rapportens kategori {closest} ({amounts})",
        f"The target group {label} is not the report's category {closest} ({amounts})",
    )
    clauses = []
    if len(extra):
        items = [
            _part_name(frame, lang, w) + f" ({_amounts(frame, years, lang, w)})"
            for _, frame in extra.groupby(
                ["part_category", extra["part_subcategory"].fillna("")], sort=False
            )
        ]
        clauses.append(w("gruppen räknar också ", "the group also counts ") + _join(items, w))
    if len(missing):
        items = [
            _part_name(frame, lang, w, inside=True) + f" ({_amounts(frame, years, lang, w)})"
            for _, frame in missing.groupby(missing["part_subcategory"].fillna(""), sort=False)
        ]
        clauses.append(
            w(f"gruppen räknar inte {_join(items, w)} ur {closest}",
              f"the group leaves out {_join(items, w)} of {closest}")
        )  # fmt: skip
    return f"{head}: {'; '.join(clauses)}."


def _part_name(frame: pd.DataFrame, lang: Lang, w: Words, *, inside: bool = False) -> str:
    """Name a part: ``kategorin Köldmedier``, ``Lustgas ur kategorin Medicinska gaser``."""
    first = frame.iloc[0]
    category = category_label(first["part_category"], lang)
    partly = "" if bool(frame["whole"].all()) else w(" (delvis)", " (partly)")
    sub = first["part_subcategory"]
    if not isinstance(sub, str) or not sub:
        return w(f"kategorin {category}", f"the category {category}") + partly
    name = str(translate(SUBCATEGORY_LABELS, sub, lang))
    if inside:
        return name + partly
    return w(f"{name} ur kategorin {category}", f"{name} of the category {category}") + partly


def _join(items: list[str], w: Words) -> str:
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + w(" och ", " and ") + items[-1]


def _groups_source(annex: Annex, w: Words) -> str:
    """Say where the groups are defined, and that the report's categories are not them."""
    source = annex.groups_source
    if source:
        return w(
            f"Vad varje målgrupp räknar in bestäms i målgruppsfilen {source} (en annan fil anges "
            "med --groups), inte av rapportens kategoriindelning.",
            f"What each target group counts is set in the groups file {source} (another file "
            "is given with --groups), not by the report's categories.",
        )
    return w(
        "Vad varje målgrupp räknar in är regionens eget val, inte rapportens kategoriindelning.",
        "What each target group counts is the region's own choice, not the report's categories.",
    )


def _total_note(overlap: bool, w: Words) -> str:
    if overlap:
        return w(
            "Målgrupperna och det som ingen målgrupp räknar blir, när det som flera grupper "
            "räknar dras av en gång, årets totala utsläpp: alla beräknade rader, samma summa "
            "som rapportens.",
            "The target groups and what no group counts, with what several groups count taken "
            "off once, add up to the year's total emissions: every calculated row, the same "
            "sum as the report's.",
        )
    return w(
        "Ingen rad räknas i mer än en målgrupp; målgrupperna och det som ingen målgrupp räknar "
        "blir tillsammans årets totala utsläpp: alla beräknade rader, samma summa som "
        "rapportens.",
        "No row is counted in more than one target group; the groups and what no group counts "
        "add up to the year's total emissions: every calculated row, the same sum as the "
        "report's.",
    )


def _group_total_section(annex: Annex, lang: Lang, w: Words) -> AnnexSection:
    totals = annex.group_totals
    assert totals is not None
    years = sorted({int(y) for y in totals["year"]})
    rows: list[list[Cell]] = []
    for (kind, key), frame in totals.groupby(["kind", "key"], sort=False):
        if kind == "group":
            name = str(frame["label"].iloc[0])
        elif kind == "outside":
            name = w("Ingen målgrupp: ", "In no target group: ") + category_label(key, lang)
        elif kind == "overlap":
            name = w(
                "Räknat i mer än en målgrupp, dras av",
                "Counted in more than one group, taken off",
            )
        else:
            name = w("Totalt (rapportens totala utsläpp)", "Total (the report's total emissions)")
        per_year = frame.set_index("year")["emissions_t_co2e"]
        rows.append([Cell(name), *(_num(per_year.get(y), 1) for y in years)])
    return AnnexSection(
        w(
            "Målgrupperna och de totala utsläppen (t CO2e)",
            "Target groups and total emissions (t CO2e)",
        ),
        [w("Del", "Part"), *(str(y) for y in years)],
        rows,
        [_total_note(bool((totals["kind"] == "overlap").any()), w)],
        sheet=w("Målgrupper och totalt", "Target groups and total"),
    )


def _layout_section(annex: Annex, w: Words) -> AnnexSection:
    return AnnexSection(
        w(
            f"Utsläpp {annex.year} i Regionernas klimatberäkningsverktygs kategorier",
            f"Emissions {annex.year} in the regions' shared tool's categories",
        ),
        [
            w("Område", "Area"),
            w("Kategori", "Category"),
            w("Utsläpp (t CO2e)", "Emissions (t CO2e)"),
        ],
        [
            *(
                [
                    Cell(str(r["layout_group"])),
                    Cell(str(r["layout_category"])),
                    _num(r["emissions_t_co2e"], 1),
                ]
                for r in _records(annex.layout)
            ),
            [
                Cell(w("Summa", "Total")),
                Cell(""),
                _num(math.fsum(annex.layout["emissions_t_co2e"].to_numpy(dtype=float)), 1),
            ],
        ],
        [
            w(
                "Kategoriindelningen följer de kategorier som regionernas rapporter gjorda med "
                "verktyget redovisar; summan är rapportens totala utsläpp för året.",
                "The categories follow those of the regions' reports made with the tool; the "
                "total is the report's total emissions of the year.",
            )
        ],
        sheet=w("Regionernas verktyg", "Regions' tool"),
    )


def _title(annex: Annex, lang: Lang, title: str | None) -> str:
    if title:
        return title
    return (
        f"Bilaga: indikatorer {annex.year}" if lang == "sv" else f"Annex: indicators {annex.year}"
    )


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def annex_markdown(annex: Annex, *, lang: Lang = "sv", title: str | None = None) -> str:
    """Render the annex as Markdown."""
    lines = [f"# {_md_cell(_title(annex, lang, title))}", ""]
    for s in annex_sections(annex, lang):
        lines += [f"## {_md_cell(s.title)}", ""]
        lines.append("| " + " | ".join(_md_cell(h) for h in s.headers) + " |")
        lines.append("|" + "|".join("---:" if n else "---" for n in s.numeric_columns()) + "|")
        lines += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in s.text_rows(lang)]
        lines.append("")
        lines += [f"{_md_cell(n)}  " for n in s.notes]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def annex_html(annex: Annex, *, lang: Lang = "sv", title: str | None = None) -> str:
    """Render the annex as one self-contained HTML page."""
    heading = _title(annex, lang, title)
    e = html.escape
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(heading)}</title>",
        "<style>body{font-family:sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}"
        ".scroll{overflow-x:auto}table{border-collapse:collapse;margin:1rem 0}"
        "td,th{border-bottom:1px solid #ccc;padding:.2rem .6rem;text-align:left}"
        ".num{text-align:right}"
        ".note{font-size:.9em;color:#444}</style></head><body>",
        f"<h1>{e(heading)}</h1>",
    ]
    for s in annex_sections(annex, lang):
        parts.append(f'<h2>{e(s.title)}</h2><div class="scroll"><table><thead><tr>')
        align = [' class="num"' if n else "" for n in s.numeric_columns()]
        parts += [f"<th{a}>{e(h)}</th>" for a, h in zip(align, s.headers, strict=True)]
        parts.append("</tr></thead><tbody>")
        for row in s.text_rows(lang):
            cells = "".join(f"<td{a}>{e(c)}</td>" for a, c in zip(align, row, strict=False))
            parts.append(f"<tr>{cells}</tr>")
        parts.append("</tbody></table></div>")
        parts += [f'<p class="note">{e(n)}</p>' for n in s.notes]
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def annex_workbook(annex: Annex, *, lang: Lang = "sv") -> bytes:
    """Return the annex's tables as xlsx bytes (numbers as numbers, deterministic)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from klimatkalk.report._xlsx import _FIXED_TIME, _save_deterministic, neutralise

    wb = Workbook()
    wb.remove(wb.active)
    wb.properties.created = wb.properties.modified = _FIXED_TIME
    wb.properties.creator = "klimatkalk"
    for i, s in enumerate(annex_sections(annex, lang), start=1):
        name = f"{i} {s.sheet or s.title}"
        for bad in ":/\\?*[]":
            name = name.replace(bad, "")
        ws = wb.create_sheet(name[:31])
        ws.append([neutralise(h) for h in s.headers])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in s.rows:
            values = [c.excel() for c in row]
            ws.append([neutralise(v) if isinstance(v, str) else v for v, _ in values])
            for cell, (_, fmt) in zip(ws[ws.max_row], values, strict=False):
                if fmt:
                    cell.number_format = fmt
        ws.append([])
        for note in s.notes:
            ws.append([neutralise(note)])
        ws.column_dimensions["A"].width = 60
    return _save_deterministic(wb)


def write_annex(annex: Annex, folder: Path, stem: str, *, lang: Lang = "sv") -> dict[str, str]:
    """Write the annex into ``folder``; return kind → file name (``md``, ``html``, ``xlsx``)."""
    names = {
        "md": f"{stem}_bilaga.md",
        "html": f"{stem}_bilaga.html",
        "xlsx": f"{stem}_bilaga.xlsx",
    }
    markdown = annex_markdown(annex, lang=lang)
    (folder / names["md"]).write_text(markdown, encoding="utf-8", newline="\n")
    (folder / names["html"]).write_text(
        annex_html(annex, lang=lang), encoding="utf-8", newline="\n"
    )
    (folder / names["xlsx"]).write_bytes(annex_workbook(annex, lang=lang))
    return names
