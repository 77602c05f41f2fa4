"""Read xlsx worksheets into :class:`~klimatkalk.io.grid.Grid` s with python-calamine.

The archive is checked first (:mod:`klimatkalk.io.xlsx_safety`). python-calamine (Rust) reads
each sheet's cells with the values Excel saved: formulas are never evaluated, and a formula
cell without a saved value reads as empty. What calamine does not tell is found by streaming
the sheet XML once, and only when its bytes hold such things at all: formulas without a saved
value (:func:`formulas_without_value`), Excel error values (``#DIV/0!``, which calamine reads as
empty) and hidden rows (read like the others, and named in a note).

A sheet's declared dimension is ignored (calamine sizes a sheet by its cells); sheets with more
rows than ``max_rows`` or cells beyond ``max_columns`` are refused before their cells become
Python objects.

Any failure inside calamine (a damaged archive, malformed XML) becomes an
:class:`~klimatkalk.errors.ActivityDataError`.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from types import TracebackType
from typing import Any, Final, Self
from xml.etree import ElementTree

import numpy as np
import pandas as pd

from klimatkalk.errors import ActivityDataError, ErrorReason, KlimatkalkError, Problem
from klimatkalk.io.grid import Grid, ReadLimits, column_letter, too_large
from klimatkalk.io.xlsx_safety import check_xlsx_archive
from klimatkalk.numbers import kind_is, value_kinds

__all__ = ["XlsxBook", "formulas_without_value"]

_MAIN_NS: Final = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL_NS: Final = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL_NS: Final = "http://schemas.openxmlformats.org/package/2006/relationships"
_EXACT_INTEGERS: Final = 2.0**53


def _damaged(file: Path, exc: Exception, sheet: str | None = None) -> ActivityDataError:
    where = f" (sheet {sheet!r})" if sheet else ""
    return ActivityDataError(
        [
            Problem(
                str(file),
                None,
                None,
                None,
                ErrorReason.INVALID_VALUE,
                f"the xlsx file is damaged or not a workbook{where}: "
                f"{type(exc).__name__}: {str(exc)[:200]}",
            )
        ]
    )


@contextmanager
def _guarded(file: Path, sheet: str | None = None) -> Iterator[None]:
    """Turn calamine's and the XML parser's errors into ActivityDataError."""
    try:
        yield
    except (KlimatkalkError, FileNotFoundError, PermissionError):
        raise
    except Exception as exc:  # calamine and the XML parser raise many kinds of errors
        raise _damaged(file, exc, sheet) from None


def _sheet_members(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → the archive member of its XML (from workbook.xml and its relations)."""
    # DTDs were refused by check_xlsx_archive: no entity expansion is possible here.
    book = ElementTree.fromstring(archive.read("xl/workbook.xml"))  # noqa: S314
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))  # noqa: S314
    targets = {
        r.get("Id"): r.get("Target", "") for r in rels.iter(f"{{{_PKG_REL_NS}}}Relationship")
    }
    members: dict[str, str] = {}
    for sheet in book.iter(f"{{{_MAIN_NS}}}sheet"):
        target = targets.get(sheet.get(f"{{{_REL_NS}}}id"), "")
        if not target:
            continue
        path = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
        members[str(sheet.get("name"))] = posixpath.normpath(path)
    return members


class XlsxBook:
    """An xlsx workbook opened for reading: sheet names, and each sheet as a grid.

    Use it as a context manager; it closes the file.
    """

    def __init__(self, file: Path, limits: ReadLimits) -> None:
        check_xlsx_archive(file, limits)
        self.file = file
        self.limits = limits
        try:
            from python_calamine import CalamineWorkbook, SheetVisibleEnum
        except ImportError:  # pragma: no cover - the excel extra installs it
            msg = "reading xlsx needs python-calamine: pip install 'klimatkalk[excel]'"
            raise ImportError(msg) from None
        with _guarded(file):
            self._book = CalamineWorkbook.from_path(str(file))
            metadata = list(self._book.sheets_metadata)
            self.sheet_names: list[str] = [str(m.name) for m in metadata]
            self.hidden: set[str] = {
                str(m.name) for m in metadata if m.visible != SheetVisibleEnum.Visible
            }
            with zipfile.ZipFile(file) as archive:
                self._members = _sheet_members(archive)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the workbook."""
        with _guarded(self.file):
            self._book.close()

    def grid(self, name: str) -> Grid:
        """Read one sheet: every row from row 1, one object column per column position.

        Numbers are floats, whole numbers ints (as Excel shows them); empty cells ``""``.

        Raises
        ------
        ActivityDataError
            If the sheet has more rows or columns than the limits allow, or is damaged.
        """
        limits = self.limits
        where = f"{self.file}[{name}]"
        with _guarded(self.file, name):
            sheet = self._book.get_sheet_by_name(name)
            end_row, end_column = sheet.end or (-1, -1)
            if end_row + 1 > limits.max_rows:
                raise too_large(
                    where, end_row + 1, f"more than {limits.max_rows:,} rows (ReadLimits.max_rows)"
                )
            if end_column + 1 > limits.max_columns:
                raise _too_wide(where, sheet, limits.max_columns)
            rows = sheet.to_python(skip_empty_area=False) if sheet.end is not None else []
        member = self._members.get(name)
        found = _scan_sheet(self.file, member)
        errors: dict[int, dict[int, str]] = {}
        for (row, column), text in found.errors.items():
            errors.setdefault(column, {})[row] = text
        columns = [
            _column(values, errors.get(j, {})) for j, values in enumerate(zip(*rows, strict=True))
        ]
        notes: tuple[str, ...] = ()
        if found.hidden_rows:
            shown = ", ".join(str(r + 1) for r in found.hidden_rows[:20])
            more = " …" if len(found.hidden_rows) > 20 else ""
            notes = (
                f"{self.file.name}[{name}]: {len(found.hidden_rows)} hidden row(s) "
                f"({shown}{more}) read like the others; delete them in the file if they are "
                "not data",
            )
        return Grid(
            path=str(self.file),
            name=self.file.name,
            sheet=name,
            columns=columns,
            formulas=partial(formulas_without_value, self.file, member) if found.formulas else None,
            notes=notes,
            hidden_rows=tuple(found.hidden_rows),
        )


def _too_wide(where: str, sheet: Any, limit: int) -> ActivityDataError:
    """Return the error for the first row with a cell beyond the column limit."""
    for i, row in enumerate(sheet.iter_rows()):
        filled = [j for j, v in enumerate(row) if v != ""]
        if filled and filled[-1] >= limit:
            return too_large(
                where,
                f"{column_letter(filled[-1])}{i + 1}",
                f"a cell in column {filled[-1] + 1}; the limit is {limit} columns",
            )
    return too_large(where, None, f"cells beyond column {limit}; the limit is {limit} columns")


def _column(values: tuple[Any, ...], errors: dict[int, str]) -> pd.Series:
    """One column of cells, categorical (one factorize here, none later).

    Whole floats become ints, as Excel shows them (2024, not 2024.0); the error cells get their
    text (``#DIV/0!``). A column with booleans stays object: ``True == 1`` would merge them.
    """
    array = np.empty(len(values), dtype=object)
    array[:] = values
    for row, text in errors.items():
        if row < len(array):
            array[row] = text
    kinds = value_kinds(array)
    is_float = np.asarray(kind_is(kinds, float), dtype=np.bool_)
    if is_float.any():
        numbers = array[is_float].astype(np.float64)
        whole = (np.floor(numbers) == numbers) & (np.abs(numbers) < _EXACT_INTEGERS)
        positions = np.flatnonzero(is_float)[whole]
        array[positions] = numbers[whole].astype(np.int64).astype(object)
    if (kind_is(kinds, bool)).any():
        return pd.Series(array, dtype=object)
    codes, uniques = pd.factorize(array, use_na_sentinel=True)
    categories = pd.Index(np.asarray(uniques, dtype=object), dtype=object)
    return pd.Series(pd.Categorical.from_codes(codes, categories=categories))


_FORMULA_TAG: Final = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s>/]")
_CELL_REF: Final = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d+)$")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


_ERROR_CELL: Final = re.compile(rb"""\bt\s*=\s*["']e["']""")
_ROW_TAG: Final = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row\b([^>]*)>")
_HIDDEN: Final = re.compile(rb"""\bhidden\s*=\s*["'](?:1|true)["']""")
_ROW_NUMBER: Final = re.compile(rb"""\br\s*=\s*["'](\d+)["']""")


@dataclass
class _SheetScan:
    """What one pass over a sheet's XML bytes found (no XML parsing unless needed)."""

    formulas: bool = False
    errors: dict[tuple[int, int], str] = field(default_factory=dict)
    hidden_rows: list[int] = field(default_factory=list)


def _scan_sheet(file: Path, member: str | None) -> _SheetScan:
    """Stream a sheet's XML once: formulas at all, error cells at all, hidden rows (0-based)."""
    scan = _SheetScan()
    if member is None:
        return scan
    has_errors = False
    row = -1
    with _guarded(file), zipfile.ZipFile(file) as archive, archive.open(member) as stream:
        carry = b""
        while chunk := stream.read(1 << 20):
            text = carry + chunk
            cut = text.rfind(b">") + 1  # whole tags only; the rest waits for the next chunk
            text, carry = text[:cut], text[cut:]
            # the regular expressions only where a plain search finds their start (fast)
            scan.formulas = scan.formulas or (
                (b"<f" in text or b":f" in text) and _FORMULA_TAG.search(text) is not None
            )
            has_errors = has_errors or (
                (b'"e"' in text or b"'e'" in text) and _ERROR_CELL.search(text) is not None
            )
            row = _rows(text, row, scan.hidden_rows)
        if has_errors:
            scan.errors = _error_cells(archive, member)
    return scan


def _rows(text: bytes, row: int, hidden: list[int]) -> int:
    """Note the hidden rows among the row tags of some XML; return the last row number.

    A tag per row is looked at only in text that says ``hidden`` at all, or whose last row
    tag has no ``r`` (row number) attribute.
    """
    if b"hidden" not in text:
        last = max(text.rfind(b"<row"), text.rfind(b":row"))
        end = text.find(b">", last) if last >= 0 else -1
        number = _ROW_NUMBER.search(text, last, end) if end >= 0 else None
        if last < 0:
            return row
        if number is not None:
            return int(number.group(1)) - 1
    for match in _ROW_TAG.finditer(text):
        attributes = match.group(1)
        number = _ROW_NUMBER.search(attributes)
        row = int(number.group(1)) - 1 if number else row + 1
        if _HIDDEN.search(attributes):
            hidden.append(row)
    return row


def _error_cells(archive: zipfile.ZipFile, member: str) -> dict[tuple[int, int], str]:
    """Cells holding an Excel error value (``t="e"``): (row, column) → ``#DIV/0!``."""
    found: dict[tuple[int, int], str] = {}
    row, column = -1, -1
    with archive.open(member) as stream:
        # DTDs were refused by check_xlsx_archive: no entity expansion is possible here.
        for event, element in ElementTree.iterparse(stream, events=("start", "end")):  # noqa: S314
            name = _local(element.tag)
            if event == "start":
                if name == "row":
                    given = element.get("r")
                    row = int(given) - 1 if given and given.isdigit() else row + 1
                    column = -1
                continue
            if name == "c":
                row, column = _position(element.get("r"), row, column + 1)
                if element.get("t") == "e":
                    value = next((c.text for c in element if _local(c.tag) == "v"), None)
                    found[(row, column)] = (value or "#N/A").strip()
                element.clear()
            elif name == "row":
                element.clear()
    return found


def _position(ref: str | None, row: int, column: int) -> tuple[int, int]:
    """0-based (row, column) of a cell reference such as ``C4``; the counters where absent."""
    match = _CELL_REF.match(ref or "")
    if match is None:
        return row, column
    letters, digits = match.groups()
    col = 0
    for ch in letters.upper():
        col = col * 26 + ord(ch) - ord("A") + 1
    return int(digits) - 1, col - 1


def formulas_without_value(file: Path, member: str | None) -> dict[tuple[int, int], str]:
    """Cells of a sheet that hold a formula but no saved value: (row, column) → formula.

    The sheet XML is streamed with :func:`xml.etree.ElementTree.iterparse` (each element is
    cleared once read); the reader asks only for sheets whose bytes hold a formula element.
    """
    found: dict[tuple[int, int], str] = {}
    if member is None:
        return found
    with _guarded(file), zipfile.ZipFile(file) as archive:
        row, column = -1, -1
        with archive.open(member) as stream:
            # DTDs were refused by check_xlsx_archive: no entity expansion is possible here.
            events = ElementTree.iterparse(stream, events=("start", "end"))  # noqa: S314
            for event, element in events:
                name = _local(element.tag)
                if event == "start":
                    if name == "row":
                        given = element.get("r")
                        row = int(given) - 1 if given and given.isdigit() else row + 1
                        column = -1
                    continue
                if name == "c":
                    row, column = _position(element.get("r"), row, column + 1)
                    formula = value = None
                    for child in element:
                        kind = _local(child.tag)
                        if kind == "f":
                            formula = child
                        elif kind in ("v", "is"):
                            value = child
                    has_value = value is not None and ((value.text or "").strip() or len(value) > 0)
                    if formula is not None and not has_value:
                        found[(row, column)] = "=" + (formula.text or "(shared formula)")
                    element.clear()
                elif name == "row":
                    element.clear()
    return found
