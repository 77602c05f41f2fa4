"""An xlsx input template for the owners of activity data (``klimatkalk template``).

One sheet per category of the activity catalogue (Energi, Transporter, Medicinska gaser,
Köldmedier, Inköp) with Swedish headers ``År | Aktivitet | Mängd | Enhet | Verksamhet |
Kommentar``; the activity column offers the category's activity codes as a drop-down list, the
unit column the units that fit them, the year and quantity columns accept only numbers. An
*Instruktioner* sheet explains how to fill it in, an *Aktiviteter* sheet lists every code with its
Swedish name, scope and units. A filled template reads back with
:func:`klimatkalk.read_activities` without a mapping: every category sheet is read and combined,
the other sheets are passed over.
"""

from __future__ import annotations

from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import pandas as pd

from klimatkalk.factors.activities import CATEGORIES

if TYPE_CHECKING:
    from klimatkalk.factors.library import FactorTable

__all__ = ["CATEGORY_SHEETS", "TEMPLATE_HEADER", "UNITS_BY_DIMENSION", "write_template"]

TEMPLATE_HEADER: Final = ("År", "Aktivitet", "Mängd", "Enhet", "Verksamhet", "Kommentar")
"""The header of every category sheet (Swedish aliases of year, activity, quantity, unit…)."""

CATEGORY_SHEETS: Final[dict[str, str]] = {
    "energy": "Energi",
    "transport": "Transporter",
    "medical_gases": "Medicinska gaser",
    "refrigerants": "Köldmedier",
    "purchases": "Inköp",
}
"""Sheet name of each category (categories not listed get their code as sheet name)."""

UNITS_BY_DIMENSION: Final[dict[str, tuple[str, ...]]] = {
    "volume": ("l", "m3"),
    "normal_volume": ("Nm3",),
    "mass": ("kg", "g", "t"),
    "energy": ("kWh", "MWh", "GWh", "GJ"),
    "distance": ("km", "mil"),
    "passenger_distance": ("pkm", "km", "mil"),
    "vehicle_distance": ("vkm", "km", "mil"),
    "currency": ("SEK", "kSEK", "MSEK"),
    "time": ("h",),
}
"""Units offered in the template for each activity dimension (others are accepted too)."""

_INSTRUCTIONS: Final = (
    "Indata till klimatredovisningen",
    "",
    "Fyll i en rad per aktivitet och år på fliken för kategorin (Energi, Transporter, …).",
    "År: verksamhetsåret, t.ex. 2024.",
    "Aktivitet: välj en kod ur listan; fliken Aktiviteter visar vad varje kod betyder.",
    "Mängd: ett tal, 0 eller större. Decimalkomma går bra (1 234,5).",
    "Enhet: välj ur listan (t.ex. l, m3, kWh, MWh, km, mil, kg, SEK). Skriv t för ton.",
    "Verksamhet och Kommentar: frivilliga.",
    "",
    "Skriv inga summarader; klimatkalk summerar själv (summarader hoppas över och listas).",
    "Lägg inte till kolumner före År; nya kolumner efter Kommentar följer med i resultatet.",
    "Läs in filen med: klimatkalk calculate <fil>.xlsx  eller  kk.read_activities('<fil>.xlsx')",
)
_LISTS_SHEET: Final = "Listor"
_CATALOGUE_SHEET: Final = "Aktiviteter"
_WIDTHS: Final = (8, 32, 14, 10, 24, 40)


def _units_for(dimensions: list[str]) -> list[str]:
    units: list[str] = []
    for dimension in dimensions:
        for unit in UNITS_BY_DIMENSION.get(dimension, ()):
            if unit not in units:
                units.append(unit)
    return units


def write_template(
    path: str | PathLike[str], factors: FactorTable | None = None, *, rows: int = 2000
) -> Path:
    """Write the xlsx input template.

    Parameters
    ----------
    path : path
        The ``.xlsx`` file to write (its folder is created).
    factors : FactorTable, optional
        The factor set whose activity catalogue the drop-down lists offer; the bundled one
        by default.
    rows : int
        How many rows of each category sheet get the drop-down lists and checks.

    Returns
    -------
    Path
        The file written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import klimatkalk as kk
    >>> from klimatkalk.io.template import write_template
    >>> path = write_template(pathlib.Path(tempfile.mkdtemp()) / "indata.xlsx")
    >>> import openpyxl
    >>> openpyxl.load_workbook(path).sheetnames[:3]
    ['Instruktioner', 'Energi', 'Transporter']
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter, quote_sheetname
    from openpyxl.worksheet.datavalidation import DataValidation

    if factors is None:
        from klimatkalk.factors.library import load_factors

        factors = load_factors()
    catalogue = factors.activity_frame()
    order = {c: i for i, c in enumerate(CATEGORIES)}
    catalogue = catalogue.assign(
        _order=catalogue["category"].map(order).fillna(len(order))
    ).sort_values(["_order"], kind="stable")
    categories = list(dict.fromkeys(catalogue["category"]))

    book = Workbook()
    intro = book.active
    intro.title = "Instruktioner"
    for i, line in enumerate(_INSTRUCTIONS, start=1):
        intro.cell(row=i, column=1, value=line)
    intro["A1"].font = Font(bold=True, size=14)
    intro.column_dimensions["A"].width = 100

    lists = book.create_sheet(_LISTS_SHEET)
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    last = rows + 1
    for index, category in enumerate(categories):
        activities = catalogue[catalogue["category"] == category]
        codes = activities["activity"].astype(str).tolist()
        units = _units_for(list(dict.fromkeys(activities["dimension"].astype(str))))
        code_col, unit_col = 2 * index + 1, 2 * index + 2
        lists.cell(row=1, column=code_col, value=f"{category}: koder")
        lists.cell(row=1, column=unit_col, value=f"{category}: enheter")
        for i, code in enumerate(codes, start=2):
            lists.cell(row=i, column=code_col, value=code)
        for i, unit in enumerate(units, start=2):
            lists.cell(row=i, column=unit_col, value=unit)

        sheet = book.create_sheet(CATEGORY_SHEETS.get(category, category))
        sheet.append(list(TEMPLATE_HEADER))
        for j, width in enumerate(_WIDTHS, start=1):
            sheet.cell(row=1, column=j).font = bold
            sheet.cell(row=1, column=j).fill = fill
            sheet.column_dimensions[get_column_letter(j)].width = width
        sheet.freeze_panes = "A2"

        def listed(column: int, count: int) -> str:
            letter = get_column_letter(column)
            return f"{quote_sheetname(_LISTS_SHEET)}!${letter}$2:${letter}${count + 1}"

        checks: list[tuple[Any, str]] = [
            (
                DataValidation(
                    type="whole",
                    operator="between",
                    formula1="1900",
                    formula2="2100",
                    allow_blank=True,
                    showErrorMessage=True,
                    errorTitle="År",
                    error="Skriv verksamhetsåret, t.ex. 2024.",
                ),
                "A",
            ),
            (
                DataValidation(
                    type="list",
                    formula1=listed(code_col, len(codes)),
                    allow_blank=True,
                    showErrorMessage=True,
                    showInputMessage=True,
                    promptTitle="Aktivitet",
                    prompt="Välj en kod; fliken Aktiviteter visar vad koderna betyder.",
                    errorTitle="Aktivitet",
                    error="Välj en aktivitetskod ur listan.",
                ),
                "B",
            ),
            (
                DataValidation(
                    type="decimal",
                    operator="greaterThanOrEqual",
                    formula1="0",
                    allow_blank=True,
                    showErrorMessage=True,
                    errorTitle="Mängd",
                    error="Mängden är ett tal, 0 eller större.",
                ),
                "C",
            ),
            (
                DataValidation(
                    type="list",
                    formula1=listed(unit_col, len(units)),
                    allow_blank=True,
                    showErrorMessage=True,
                    errorStyle="warning",
                    errorTitle="Enhet",
                    error="Enheten finns inte i listan; kontrollera att den stämmer.",
                ),
                "D",
            ),
        ]
        for check, letter in checks:
            sheet.add_data_validation(check)
            check.add(f"{letter}2:{letter}{last}")
    lists.sheet_state = "hidden"

    _write_catalogue(book.create_sheet(_CATALOGUE_SHEET), catalogue, bold, fill)
    book.move_sheet(_LISTS_SHEET, offset=len(book.sheetnames))
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    book.save(target)
    return target


def _write_catalogue(sheet: Any, catalogue: pd.DataFrame, bold: Any, fill: Any) -> None:
    header = ("Kod", "Benämning", "Kategori", "Scope", "Måttslag", "Enheter att välja")
    sheet.append(list(header))
    for cell in sheet[1]:
        cell.font = bold
        cell.fill = fill
    for row in catalogue.to_dict("records"):
        dimension = str(row["dimension"])
        sheet.append(
            [
                str(row["activity"]),
                str(row["label_sv"]),
                CATEGORY_SHEETS.get(str(row["category"]), str(row["category"])),
                int(row["scope"]),
                dimension,
                ", ".join(UNITS_BY_DIMENSION.get(dimension, ())),
            ]
        )
    for letter, width in zip("ABCDEF", (32, 56, 18, 8, 12, 24), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
