"""Report workbook: the yearly report as one xlsx file, written deterministically.

Every table of :class:`~klimatkalk.report.tables.ReportTables` becomes a sheet with a frozen,
filtered header row, the unit in the header (``"Utsläpp (t CO2e)"``), numbers as numbers with
number formats, and sized columns. The workbook's creation and modification times and the zip
entry times are fixed, so the same tables give the same bytes. Text from user data that a
spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``, tab or carriage
return) is written behind an apostrophe, as OWASP recommends [1]_; text that is just a number
(``"-5"``, ``"-1,5"``, a rejected value as the user wrote it) is left readable, as in the CSV
files (:func:`klimatkalk.csv_writer.neutralise`, the one rule for both).

References
----------
.. [1] OWASP, "CSV Injection", https://owasp.org/www-community/attacks/CSV_Injection
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import zipfile
from typing import TYPE_CHECKING, Any, Final

import numpy as np
import pandas as pd

from klimatkalk.csv_writer import FORMULA_PREFIXES
from klimatkalk.csv_writer import neutralise as _neutralise_formula
from klimatkalk.report._labels import category_label
from klimatkalk.report.purchases import purchase_sheets
from klimatkalk.report.tables import ReportTables, localise, summary_rows, t_decimals

if TYPE_CHECKING:
    from openpyxl import Workbook

__all__ = ["FORMULA_PREFIXES", "neutralise", "workbook_bytes"]

PERCENT: Final = "0.0\\ %"
"""Percent with one decimal and a space before the sign (Swedish Excel shows ``0,0 %``)."""
INTEGER: Final = "0"
NUMBER: Final = "#,##0.0#####"
"""Any other number: thousands grouped, up to six decimals (never Excel's General)."""
_FIXED_TIME: Final = dt.datetime(2000, 1, 1)  # workbook times are naive
_ZIP_TIME: Final = (1980, 1, 1, 0, 0, 0)
_EXCEL_MAX_ROWS: Final = 1_048_576
_EXCEL_MAX_TEXT: Final = 32_767
_ILLEGAL_XML: Final = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def neutralise(text: str) -> str:
    r"""Make text safe for a spreadsheet cell: never a formula, no illegal XML characters.

    Text that starts with ``=``, ``+``, ``-``, ``@``, tab or carriage return gets a leading
    apostrophe, so that Excel, LibreOffice and openpyxl read it as text [1]_, unless it is just
    a number: ``"-5"`` is no formula, and stays as it was written.

    Examples
    --------
    >>> neutralise('=HYPERLINK("http://x","y")')
    '\'=HYPERLINK("http://x","y")'
    >>> neutralise("-2+3+cmd|' /C calc'!A0")
    "'-2+3+cmd|' /C calc'!A0"
    >>> neutralise("-5"), neutralise("-1,5"), neutralise("Ambulans")
    ('-5', '-1,5', 'Ambulans')
    """
    return _neutralise_formula(_ILLEGAL_XML.sub("", text)[: _EXCEL_MAX_TEXT - 1])


def workbook_bytes(tables: ReportTables) -> bytes:
    """Return the report workbook as xlsx bytes (deterministic for the same tables).

    Sheets: summary, categories, time series, organisational units (with an ``org_unit``
    column), base year, reduction path, factor update (when given), rejected rows and
    emission factors with their sources. Header rows are frozen and filtered, columns sized,
    and numbers carry number formats with the unit in the header.
    """
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    _summary_sheet(wb, tables)
    for name, frame, notes in _sheets(tables):
        _table_sheet(wb, name, frame, notes, tables)
    wb.properties.creator = "klimatkalk"
    wb.properties.lastModifiedBy = "klimatkalk"
    wb.properties.title = tables.title
    wb.properties.created = _FIXED_TIME
    wb.properties.modified = _FIXED_TIME
    return _save_deterministic(wb)


# --------------------------------------------------------------------------------------------
# sheets
# --------------------------------------------------------------------------------------------


def _sheets(tables: ReportTables) -> list[tuple[str, pd.DataFrame, list[str]]]:
    t = tables.text
    sheets: list[tuple[str, pd.DataFrame, list[str]]] = [
        (t("sheet_categories"), tables.categories, []),
        (t("sheet_series"), _series(tables), []),
    ]
    if tables.org_units is not None:
        sheets.append((t("sheet_org_units"), tables.org_units, []))
    if tables.base_comparison is not None:
        sheets.append((t("sheet_base_year"), tables.base_comparison, []))
    else:
        sheets.append((t("sheet_base_year"), pd.DataFrame(), [t("t_no_base")]))
    if tables.path is not None and tables.trajectory is not None and tables.status is not None:
        verdict = t("on_track") if tables.status.on_track else t("off_track")
        notes = [
            f"{t('s_convention')}: {tables.trajectory.describe(tables.lang)}",
            f"{t('s_verdict')}: {verdict}",
        ]
        sheets.append((t("sheet_path"), tables.path, notes))
    else:
        sheets.append((t("sheet_path"), pd.DataFrame(), [t("no_path")]))
    if tables.factor_update is not None:
        sheets.append((t("sheet_factor_update"), tables.factor_update, []))
    if tables.scope2 is not None:
        sheets.append((t("sheet_scope2"), tables.scope2, [t("t_scope2")]))
    if tables.purchases is not None:
        sheets.extend(purchase_sheets(tables.purchases, tables.lang))
    rejected = tables.rejected
    if (
        tables.lang == "sv" and "message" in rejected
    ):  # the reader's English detail: the reason says it
        rejected = rejected.drop(columns="message")
    if tables.audit_rows is not None and len(tables.audit_rows):
        sheets.append((t("sheet_rows"), tables.audit_rows, [t("t_rows_sheet")]))
    elif tables.audit_rows is not None:  # more rows than a sheet is written for
        sheets.append((t("sheet_rows"), pd.DataFrame(), [t("t_rows_elsewhere")]))
    sheets.append((t("sheet_rejected"), rejected, []))
    sheets.append((t("sheet_factors"), tables.factors, []))
    return sheets


def _series(tables: ReportTables) -> pd.DataFrame:
    wide = tables.by_year.copy()
    wide["total"] = wide.sum(axis=1)
    wide.columns = [f"{category_label(c, tables.lang)} (t CO2e)" for c in wide.columns]
    return wide.reset_index(names="year")


def _summary_sheet(wb: Workbook, tables: ReportTables) -> None:
    from openpyxl.utils import get_column_letter

    t = tables.text
    ws = wb.create_sheet(t("sheet_summary"))
    ws.append([t("item"), t("value"), t("unit")])
    ws.append([neutralise(tables.title), None, None])
    for row in summary_rows(tables):
        value = _cell(row.value)
        percent = row.unit.startswith("%") and isinstance(value, float)
        # the percent format shows the sign: the unit column keeps only what follows it
        unit = row.unit.removeprefix("%").strip() if percent else row.unit
        ws.append([neutralise(row.label), value, neutralise(unit) or None])
        cell = ws.cell(row=ws.max_row, column=2)
        if row.unit == "t CO2e" and isinstance(value, float):
            cell.number_format = _t_format(abs(value))
        elif percent:
            cell.number_format = PERCENT
        elif isinstance(value, int):
            cell.number_format = INTEGER
        elif isinstance(value, float):
            cell.number_format = NUMBER
    _style_header(ws, 3)
    for i, width in enumerate((42, 60, 14), start=1):
        ws.column_dimensions[get_column_letter(i)].width = width


def _table_sheet(
    wb: Workbook, name: str, frame: pd.DataFrame, notes: list[str], tables: ReportTables
) -> None:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(name)
    formats = _formats(frame)
    if len(frame) > _EXCEL_MAX_ROWS - 10:
        notes = [*notes, f"{len(frame) - (_EXCEL_MAX_ROWS - 10)} rows not shown (Excel limit)"]
        frame = frame.iloc[: _EXCEL_MAX_ROWS - 10]
    shown = localise(frame, tables) if len(frame.columns) else frame
    headers = [str(c) for c in shown.columns]
    if headers:
        ws.append([neutralise(h) for h in headers])
    columns = [shown[c].to_numpy(dtype=object) for c in shown.columns]
    for values in zip(*columns, strict=True):
        ws.append([_cell(v) for v in values])
    n_rows = len(shown)
    for j, code in enumerate(frame.columns, start=1):
        fmt = formats.get(str(code))
        if fmt is None and _is_float(frame[code]):
            fmt = NUMBER
        if fmt and n_rows:
            for (cell,) in ws.iter_rows(min_row=2, max_row=n_rows + 1, min_col=j, max_col=j):
                cell.number_format = fmt
        width = _width(headers[j - 1], columns[j - 1])
        ws.column_dimensions[get_column_letter(j)].width = width
    if headers:
        _style_header(ws, len(headers))
        ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{n_rows + 1}"
    start = n_rows + 3 if headers else 1
    for i, note in enumerate(notes):
        cell = ws.cell(row=start + i, column=1, value=neutralise(note))
        cell.font = Font(italic=True)
    if not headers:
        ws.column_dimensions["A"].width = 80


def _style_header(ws: Any, n_columns: int) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    bold, fill = Font(bold=True), PatternFill("solid", start_color="FFEDEDED")
    wrap = Alignment(wrap_text=True, vertical="top")
    for cell in ws[1][:n_columns]:
        cell.font, cell.fill, cell.alignment = bold, fill, wrap
    ws.freeze_panes = "A2"


def _formats(frame: pd.DataFrame) -> dict[str, str]:
    formats: dict[str, str] = {}
    for column in frame.columns:
        name = str(column)
        if name.endswith(("(t CO2e)", "_t_co2e")):
            values = frame[column].to_numpy(dtype=np.float64, na_value=np.nan)
            finite = values[np.isfinite(values)]
            formats[name] = _t_format(float(np.max(np.abs(finite))) if finite.size else 0.0)
        elif name in ("share", "change_fraction", "gap_fraction", "left_out_share"):
            formats[name] = PERCENT
        elif name.endswith("_kwh"):
            formats[name] = "#,##0"
        elif name.endswith("_msek"):  # millions of kronor, one decimal as on the page
            formats[name] = "#,##0.0"
        elif name in (
            "year", "scope", "valid_from", "valid_to", "source_year", "price_year", "rows",
            "row", "origin_row", "rejected_old", "rejected_new", "left_out_rows",
        ):  # fmt: skip
            formats[name] = INTEGER
    return formats


def _is_float(column: pd.Series) -> bool:
    if pd.api.types.is_float_dtype(column.dtype):
        return True
    return column.dtype == object and any(isinstance(v, float) for v in column.head(1000))


def _t_format(largest: float) -> str:
    decimals = t_decimals([largest])
    return "#,##0" if decimals == 0 else "#,##0." + "0" * decimals


def _cell(value: object) -> object:
    """Return a value openpyxl writes as a number, boolean, text (neutralised) or nothing."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, int | np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        return float(value) if math.isfinite(value) else None
    if isinstance(value, dt.date):
        return value.isoformat()
    return neutralise(str(value))


def _width(header: str, values: np.ndarray[Any, Any]) -> float:
    sample = values[:1000]
    longest = max((len(str(v)) for v in sample if v is not None), default=0)
    longest = max(longest, min(len(header), 24))
    return float(min(max(longest + 2, 8), 60))


def _save_deterministic(wb: Workbook) -> bytes:
    """Save through openpyxl's writer (keeping our timestamps), then fix the zip entry times."""
    from openpyxl.writer.excel import ExcelWriter

    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(wb, archive).write_data()
    fixed = io.BytesIO()
    with (
        zipfile.ZipFile(raw) as source,
        zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(info))
    return fixed.getvalue()
