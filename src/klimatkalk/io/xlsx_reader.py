"""Read xlsx worksheets into :class:`~klimatkalk._grid.Grid` s with openpyxl (read-only mode).

The archive is checked first (:mod:`klimatkalk.io.xlsx_safety`). openpyxl streams each sheet's
XML; cells hold the values Excel saved (``data_only=True``): formulas are never evaluated, and a
formula cell without a saved value reads as empty. Such cells are found by streaming the sheet
XML once more, only when it holds formulas at all (:func:`formulas_without_value`).

A sheet's declared dimension is ignored (it may be wrong or hostile); rows longer than
``max_columns`` or more rows than ``max_rows`` are refused while reading.

Any failure inside openpyxl (a damaged archive, malformed XML, an entity bomb) becomes an
:class:`~klimatkalk.errors.ActivityDataError`.
"""

from __future__ import annotations

import re
import warnings
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from types import TracebackType
from typing import Any, Final, Self
from xml.etree import ElementTree

import pandas as pd

from klimatkalk.errors import ActivityDataError, ErrorReason, KlimatkalkError, Problem
from klimatkalk.io.grid import Grid, ReadLimits, column_letter, too_large
from klimatkalk.io.xlsx_safety import check_xlsx_archive

__all__ = ["XlsxBook", "formulas_without_value"]


@contextmanager
def _guarded(file: Path, sheet: str | None = None) -> Iterator[None]:
    """Silence openpyxl's warnings and turn its errors into ActivityDataError."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            yield
        except (KlimatkalkError, FileNotFoundError, PermissionError):
            raise
        except Exception as exc:  # openpyxl and its XML parser raise many kinds of errors
            where = f" (sheet {sheet!r})" if sheet else ""
            raise ActivityDataError(
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
            ) from None


def _load(file: Path, *, data_only: bool) -> Any:
    import openpyxl

    return openpyxl.load_workbook(file, read_only=True, data_only=data_only, keep_links=False)


class XlsxBook:
    """An xlsx workbook opened for reading: sheet names, and each sheet as a grid.

    Use it as a context manager; it closes the file.
    """

    def __init__(self, file: Path, limits: ReadLimits) -> None:
        check_xlsx_archive(file, limits)
        self.file = file
        self.limits = limits
        with _guarded(file):
            self._book = _load(file, data_only=True)
            sheets = list(self._book.worksheets)
            self.sheet_names: list[str] = [str(ws.title) for ws in sheets]
            self.hidden: set[str] = {
                str(ws.title) for ws in sheets if getattr(ws, "sheet_state", "visible") != "visible"
            }

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
        """Read one sheet: every row from row 1, cells as openpyxl gives them.

        Raises
        ------
        ActivityDataError
            If the sheet has more rows or columns than the limits allow, or is damaged.
        """
        limits = self.limits
        rows: list[tuple[Any, ...]] = []
        with _guarded(self.file, name):
            sheet = self._book[name]
            sheet.reset_dimensions()  # never trust the declared <dimension>
            for i, row in enumerate(sheet.iter_rows(values_only=True)):
                if i >= limits.max_rows:
                    raise too_large(
                        f"{self.file}[{name}]",
                        i + 1,
                        f"more than {limits.max_rows:,} rows (ReadLimits.max_rows)",
                    )
                if len(row) > limits.max_columns:
                    raise too_large(
                        f"{self.file}[{name}]",
                        f"{column_letter(len(row) - 1)}{i + 1}",
                        f"a cell in column {len(row)}; the limit is {limits.max_columns} columns",
                    )
                rows.append(tuple(row))
        width = max((len(r) for r in rows), default=0)
        columns = [
            pd.Series([r[j] if j < len(r) else None for r in rows], dtype=object)
            for j in range(width)
        ]
        return Grid(
            path=str(self.file),
            name=self.file.name,
            sheet=name,
            columns=columns,
            formulas=partial(
                formulas_without_value, self.file, getattr(sheet, "_worksheet_path", None)
            ),
        )


_FORMULA_TAG: Final = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s>/]")
_CELL_REF: Final = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d+)$")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _has_formulas(archive: zipfile.ZipFile, member: str) -> bool:
    """Whether the sheet XML holds a formula element at all (decompression only, no parsing)."""
    tail = b""
    with archive.open(member) as stream:
        while chunk := stream.read(1 << 20):
            if _FORMULA_TAG.search(tail + chunk):
                return True
            tail = chunk[-64:]
    return False


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
    cleared once read), and only when it holds a formula element at all.
    """
    found: dict[tuple[int, int], str] = {}
    if member is None:
        return found
    with _guarded(file), zipfile.ZipFile(file) as archive:
        if not _has_formulas(archive, member):
            return found
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
