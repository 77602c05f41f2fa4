"""The indicator annex of the yearly report: Markdown, HTML and xlsx.

:func:`annex_sections` lays out an :class:`~klimatkalk.analysis.annex.Annex` as the regions print
it, in Swedish: the table of metrics *Mätetal · Utfall år−1 · Utfall år · Utveckling* with
footnotes for method changes and gaps, then energy (kWh per carrier, kWh/m² raw and
normal-year corrected), the EED requirement with its convention, the fossil-free share of
transport energy per transport type by both counting methods, the target groups and the
emissions in the regions' tool's layout. :func:`write_annex` writes
``klimatredovisning_<year>_bilaga.md``, ``.html`` and ``.xlsx`` (deterministic bytes, like the
report itself).
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import pandas as pd

from klimatkalk.formatting import NBSP, format_number, format_percent

if TYPE_CHECKING:
    from klimatkalk.analysis.annex import Annex

__all__ = ["AnnexSection", "annex_markdown", "annex_sections", "write_annex"]

_CARRIERS_SV: Final = {
    "total": "Totalt",
    "electricity": "El",
    "district_heating": "Fjärrvärme",
    "district_cooling": "Fjärrkyla",
    "fuels": "Bränslen",
}
_USES_SV: Final = {"buildings_operations": "Lokaler och verksamhet", "transport": "Transporter"}
RULE_TEXT: Final = (
    "Utveckling: Positiv när förändringen mot föregående år går åt det bättre hållet och är "
    "större än mätetalets gräns för oförändrad, Negativ när den går åt andra hållet och är "
    "större än gränsen, annars Oförändrad; Ej bedömd när ett av åren saknar utfall."
)


@dataclass(frozen=True)
class AnnexSection:
    """One table of the annex, as text cells."""

    title: str
    headers: list[str]
    rows: list[list[str]]
    notes: list[str] = field(default_factory=list)
    frame: pd.DataFrame | None = None  # the numbers, for the workbook


def _n(value: object, decimals: int = 0) -> str:
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "–"
    return format_number(float(value), decimals)  # type: ignore[arg-type]


def _p(value: object, decimals: int = 1, *, sign: bool = False) -> str:
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "–"
    return format_percent(float(value), decimals, sign=sign)  # type: ignore[arg-type]


def annex_sections(annex: Annex) -> list[AnnexSection]:
    """Lay the annex out as tables of formatted Swedish text, in report order."""
    year = annex.year
    sections: list[AnnexSection] = []
    if annex.metrics is not None and len(annex.metrics):
        sections.append(_metric_section(annex))
    sections.append(_energy_section(annex))
    if annex.per_area is not None:
        sections.append(_area_section(annex))
    if annex.eed is not None:
        sections.append(_eed_section(annex))
    sections.append(_fossil_section(annex))
    if annex.groups is not None and len(annex.groups):
        sections.append(_group_section(annex))
    layout = annex.layout
    sections.append(
        AnnexSection(
            f"Utsläpp {year} i Regionernas klimatberäkningsverktygs kategorier",
            ["Område", "Kategori", "Utsläpp (t CO2e)"],
            [
                [str(r["layout_group"]), str(r["layout_category"]), _n(r["emissions_t_co2e"], 1)]
                for r in _records(layout)
            ],
            [
                "Kategoriindelningen följer de kategorier som regionernas rapporter gjorda med "
                "verktyget redovisar (emission_factors/category_layouts.csv)."
            ],
            layout,
        )
    )
    return sections


def _metric_section(annex: Annex) -> AnnexSection:
    metrics = annex.metrics
    assert metrics is not None
    year = annex.year
    rows: list[list[str]] = []
    notes: list[str] = []
    for r in _records(metrics):
        decimals = (
            1 if str(r["unit"]).strip() in ("kWh/km", "kg CO2e/invånare", "kg/invånare") else 0
        )
        marks = []
        for text in (r["note"], r["gap_reason"]):
            if isinstance(text, str) and text:
                notes.append(text)
                marks.append(str(len(notes)))
        label = f"{r['label']} ({r['unit']})"
        if marks:
            label += " [" + ", ".join(marks) + "]"
        rows.append(
            [
                label,
                _n(r["previous_outcome"], decimals),
                _n(r["outcome"], decimals),
                str(r["verdict"]),
            ]
        )
    numbered = [f"[{i}] {t}" for i, t in enumerate(notes, start=1)]
    return AnnexSection(
        f"Indikatorer med mätetal {year}",
        ["Mätetal", f"Utfall {year - 1}", f"Utfall {year}", "Utveckling"],
        rows,
        [*numbered, RULE_TEXT],
        metrics,
    )


def _energy_section(annex: Annex) -> AnnexSection:
    year = annex.year
    e = annex.energy
    e = e[e["year"].isin([year - 1, year])].copy()
    e["kind"] = [
        _CARRIERS_SV.get(c, c) if u == "buildings_operations" else f"Transport: {t or 'övrig'}"
        for u, c, t in zip(e["use"], e["carrier"], e["transport_type"], strict=True)
    ]
    e["use_sv"] = e["use"].map(_USES_SV)
    pivot = (
        e.pivot_table(
            index=["use_sv", "kind"], columns="year", values="energy_kwh", aggfunc="sum", sort=False
        )
        / 1000
    )
    rows = [
        [str(key[0]), str(key[1]), _n(v.get(year - 1, math.nan)), _n(v.get(year, math.nan))]
        for key, v in zip(pivot.index, pivot.to_dict("records"), strict=True)
    ]
    totals = e.groupby("year")["energy_kwh"].sum() / 1000
    rows.append(["Summa", "", _n(totals.get(year - 1, math.nan)), _n(totals.get(year, math.nan))])
    return AnnexSection(
        f"Energianvändning {year} (MWh)",
        ["Användning", "Energibärare / transportslag", f"{year - 1}", f"{year}"],
        rows,
        [
            "Bränslen räknade till kWh med värmevärden per kvalitet "
            "(emission_factors/energy_content.csv)."
        ],
        pivot.reset_index(),
    )


def _area_section(annex: Annex) -> AnnexSection:
    year = annex.year
    per = annex.per_area
    assert per is not None
    kind = str(per["area_type"].iloc[0]) if len(per) else ""
    normal = annex.normal_year
    rows = []
    notes = []
    for carrier in ("total", "electricity", "district_heating", "district_cooling"):
        own = per[(per["carrier"] == carrier)].set_index("year")
        if not len(own):
            continue
        unit = (
            f"kWh/m²{NBSP}{kind}" if carrier == "total" else f"kWh/m²{NBSP}{_CARRIERS_SV[carrier]}"
        )
        cells = [f"{_CARRIERS_SV[carrier]} ({unit})"]
        for y in (year - 1, year):
            value = own["kwh_per_m2"].get(y, math.nan)
            cells.append(_n(value))
            reason = own["gap_reason"].get(y) if y in own.index else "ingen energi för året"
            if isinstance(reason, str) and reason:
                notes.append(f"{y}: {reason}")
        if normal is not None and "kwh_per_m2_normal_year" in normal:
            if carrier == "total":
                sums = normal.groupby("year")["kwh_per_m2_normal_year"].sum()
            else:
                sums = normal[normal["carrier"] == carrier].set_index("year")[
                    "kwh_per_m2_normal_year"
                ]
            cells += [_n(sums.get(year - 1, math.nan)), _n(sums.get(year, math.nan))]
        rows.append(cells)
    headers = ["Energi per m²", f"{year - 1}", f"{year}"]
    if normal is not None:
        headers += [f"{year - 1} normalårskorr.", f"{year} normalårskorr."]
        dd = normal.drop_duplicates("year").set_index("year")
        for y in (year - 1, year):
            if y in dd.index:
                notes.append(
                    f"Graddagar {y}: {_n(dd.loc[y, 'degree_days'])} mot normalårets "
                    f"{_n(dd.loc[y, 'normal_degree_days'])}."
                )
    notes += [n for n in annex.notes if n.startswith(("Energi per m²", "Normalårs"))]
    return AnnexSection(f"Energianvändning per m² {year}", headers, rows, notes, per)


def _eed_section(annex: Annex) -> AnnexSection:
    eed = annex.eed
    assert eed is not None
    rows = [
        [
            str(r["year"]),
            _n(r["consumption"]),
            _n(r["allowed"]),
            _p(r["change_vs_reference"], 1, sign=True),
            _p(r["required_change"], 1, sign=True),
            str(r["verdict"]),
        ]
        for r in _records(eed)
        if r["year"] <= annex.year
    ]
    return AnnexSection(
        "Energieffektiviseringsdirektivet: offentlig sektor (MWh)",
        [
            "År",
            "Slutlig energianvändning",
            "Tillåten enligt kravet",
            "Förändring mot 2021",
            "Krav mot 2021",
            "Bedömning",
        ],
        rows,
        [
            str(eed["convention"].iloc[0])
            + " (konventionen står bredvid siffran; se dokumentationen "
            "om skillnaden mot 9,9 %).",
            "Kollektivtrafiken ingår inte (art. 5.1 tillåter undantag).",
        ],
        eed,
    )


def _fossil_section(annex: Annex) -> AnnexSection:
    year = annex.year
    ff = annex.fossil_free
    own = ff[ff["year"] == year]
    rows = [
        [
            "Alla transporter" if r["transport_type"] == "total" else str(r["transport_type"]),
            _n(r["energy_kwh"] / 1000),
            _p(r["fossil_free_share"], 0),
            _p(r["fossil_free_share_blend_as_fossil"], 0),
            _p(r["renewable_share"], 0),
        ]
        for r in _records(own)
    ]
    notes = [n for n in annex.notes if n.startswith("Andel fossilfri")]
    return AnnexSection(
        f"Fossilfri andel av transporternas energi {year}",
        [
            "Transportslag",
            "Energi (MWh)",
            "Fossilfri, reduktionsplikt räknad",
            "Fossilfri, inblandning som fossil",
            "Förnybar",
        ],
        rows,
        notes,
        ff,
    )


def _group_section(annex: Annex) -> AnnexSection:
    groups = annex.groups
    assert groups is not None
    rows = [
        [
            str(r["label"]),
            _n(r["base_t_co2e"]),
            _n(r["year_t_co2e"]),
            _p(r["change_vs_base"], 0, sign=True),
            _p(r["required_change"], 0, sign=True),
            "–" if r["on_track"] is None else ("Ja" if r["on_track"] else "Nej"),
        ]
        for r in _records(groups)
    ]
    conventions = sorted({str(c) for c in groups["convention"].dropna()})
    return AnnexSection(
        f"Målgrupper {annex.year}",
        [
            "Grupp",
            "Basår (t CO2e)",
            f"{annex.year} (t CO2e)",
            "Förändring mot basår",
            "Banan kräver",
            "I fas",
        ],
        rows,
        conventions,
        groups,
    )


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [{str(k): v for k, v in row.items()} for row in frame.to_dict("records")]


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def annex_markdown(annex: Annex, *, title: str | None = None) -> str:
    """Render the annex as Markdown."""
    title = title or f"Bilaga: indikatorer {annex.year}"
    lines = [f"# {_md_cell(title)}", ""]
    for s in annex_sections(annex):
        lines += [f"## {_md_cell(s.title)}", ""]
        lines.append("| " + " | ".join(_md_cell(h) for h in s.headers) + " |")
        lines.append(
            "|" + "|".join("---" if i == 0 else "---:" for i in range(len(s.headers))) + "|"
        )
        lines += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in s.rows]
        lines.append("")
        lines += [f"{_md_cell(n)}  " for n in s.notes]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def annex_html(annex: Annex, *, title: str | None = None) -> str:
    """Render the annex as one self-contained HTML page."""
    title = title or f"Bilaga: indikatorer {annex.year}"
    e = html.escape
    parts = [
        "<!DOCTYPE html>",
        '<html lang="sv"><head><meta charset="utf-8">',
        f"<title>{e(title)}</title>",
        "<style>body{font-family:sans-serif;max-width:60rem;margin:2rem auto}"
        "table{border-collapse:collapse;margin:1rem 0}td,th{border-bottom:1px solid #ccc;"
        "padding:.2rem .6rem}td+td,th+th{text-align:right}.note{font-size:.9em;color:#444}"
        "</style></head><body>",
        f"<h1>{e(title)}</h1>",
    ]
    for s in annex_sections(annex):
        parts.append(f"<h2>{e(s.title)}</h2><table><thead><tr>")
        parts += [f"<th>{e(h)}</th>" for h in s.headers]
        parts.append("</tr></thead><tbody>")
        for row in s.rows:
            parts.append("<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>")
        parts.append("</tbody></table>")
        parts += [f'<p class="note">{e(n)}</p>' for n in s.notes]
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def annex_workbook(annex: Annex) -> bytes:
    """Return the annex's tables as xlsx bytes (numbers as numbers, deterministic)."""
    from openpyxl import Workbook

    from klimatkalk.report._xlsx import _FIXED_TIME, _cell, _save_deterministic, neutralise

    wb = Workbook()
    wb.remove(wb.active)
    wb.properties.created = wb.properties.modified = _FIXED_TIME
    wb.properties.creator = "klimatkalk"
    for i, s in enumerate(annex_sections(annex), start=1):
        ws = wb.create_sheet(f"{i} {s.title}"[:31].replace(":", "").replace("/", "-"))
        frame = s.frame if s.frame is not None else pd.DataFrame(s.rows, columns=s.headers)
        ws.append([neutralise(str(c)) for c in frame.columns])
        for values in frame.itertuples(index=False):
            ws.append([_cell(v) for v in values])
        for note in s.notes:
            ws.append([])
            ws.append([neutralise(note)])
    return _save_deterministic(wb)


def write_annex(annex: Annex, folder: Path, stem: str) -> dict[str, str]:
    """Write the annex into ``folder``; return kind → file name (``md``, ``html``, ``xlsx``)."""
    names = {
        "md": f"{stem}_bilaga.md",
        "html": f"{stem}_bilaga.html",
        "xlsx": f"{stem}_bilaga.xlsx",
    }
    (folder / names["md"]).write_text(annex_markdown(annex), encoding="utf-8", newline="\n")
    (folder / names["html"]).write_text(annex_html(annex), encoding="utf-8", newline="\n")
    (folder / names["xlsx"]).write_bytes(annex_workbook(annex))
    return names
