"""The cells of one CSV file or worksheet, before any header is found, and the reading limits.

A :class:`Grid` holds every row of the source, notes and header included, one pandas Series per
column position; row ``i`` of the grid is row ``i + 1`` as the user sees it in Excel. The CSV and
xlsx readers produce grids, :mod:`klimatkalk.io.layout` turns a grid into activity rows.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from typing import Final

import pandas as pd

from klimatkalk.errors import ActivityDataError, ErrorReason, Problem

__all__ = ["Grid", "ReadLimits", "column_letter", "too_large"]

MIB: Final = 2**20


@dataclass(frozen=True)
class ReadLimits:
    """Bounds that protect :func:`klimatkalk.read_activities` from huge or malicious files.

    A file beyond a bound is refused with :class:`~klimatkalk.errors.ActivityDataError`
    (reason ``too_large``) before it is read into memory.

    Attributes
    ----------
    max_rows : int
        Rows per CSV file or worksheet, header and notes included.
    max_columns : int
        Columns per CSV file or worksheet.
    max_csv_bytes : int
        Size of a CSV file on disk.
    max_xlsx_uncompressed_bytes : int
        Declared uncompressed size of all members of an xlsx archive together.
    max_xlsx_compression_ratio : float
        Uncompressed / compressed size of an xlsx member (or of the whole archive) larger than
        1 MiB; zip bombs compress far better than spreadsheets do.
    max_xlsx_members : int
        Files inside an xlsx archive.
    header_search_rows : int
        How many rows from the top are searched for the header row.

    Examples
    --------
    >>> ReadLimits(max_rows=10_000).max_rows
    10000
    """

    max_rows: int = 20_000_000
    max_columns: int = 1_000
    max_csv_bytes: int = 2_048 * MIB
    max_xlsx_uncompressed_bytes: int = 200 * MIB
    max_xlsx_compression_ratio: float = 100.0
    max_xlsx_members: int = 10_000
    header_search_rows: int = 50


FormulaLookup = Callable[[], dict[tuple[int, int], str]]
"""The formulas without a saved value in a sheet: (row, column) → formula text, 0-based."""

FieldCounts = Callable[[Collection[int]], dict[int, int]]
"""Given grid row positions, the number of fields each of those CSV records has."""

RecordCells = Callable[[Collection[int]], dict[int, list[str]]]
"""Given grid row positions, the text cells of each of those CSV records."""


@dataclass(frozen=True)
class Grid:
    """Cells of one CSV file or worksheet.

    Attributes
    ----------
    path : str
        The file as given (used in error messages).
    name : str
        The file name (the ``origin_file`` column).
    sheet : str or None
        The worksheet name; ``None`` for CSV.
    columns : list of Series
        One Series per column position, all of the same length: categorical text, or numbers
        where a CSV column was read as numbers (NaN for an empty cell). Missing cells are
        empty text, ``None`` or NaN.
    encoding, delimiter : str or None
        What was detected for a CSV file.
    formulas : callable or None
        Finds formulas without a saved value (xlsx only).
    field_counts : callable or None
        Counts the fields of CSV records (to find short rows).
    head : list of Series or None
        The text cells of the rows above ``first_row`` (notes and the header), when
        ``columns`` hold only the rows below the header: a CSV file read with its header found
        first, so that number columns are read as numbers by pandas' C parser.
    first_row : int
        The row of the first cell of ``columns`` (0 when they hold every row).
    record_cells : callable or None
        The cells of some CSV records as the file has them (for rows whose cells were read as
        numbers).
    hidden_rows : tuple of int
        Rows hidden in the worksheet (0-based), read like the others and named in a note.
    """

    path: str
    name: str
    sheet: str | None
    columns: list[pd.Series]
    encoding: str | None = None
    delimiter: str | None = None
    formulas: FormulaLookup | None = None
    field_counts: FieldCounts | None = None
    notes: tuple[str, ...] = field(default=())
    head: list[pd.Series] | None = None
    first_row: int = 0
    record_cells: RecordCells | None = None
    hidden_rows: tuple[int, ...] = ()

    @property
    def n_rows(self) -> int:
        """Rows in the grid (0 when it has no column)."""
        return self.first_row + (len(self.columns[0]) if self.columns else 0)

    @property
    def where(self) -> str:
        """``file`` or ``file[sheet]`` for messages."""
        return self.path if self.sheet is None else f"{self.path}[{self.sheet}]"


def column_letter(position: int) -> str:
    """Return the Excel column letter of a 0-based column position.

    Examples
    --------
    >>> column_letter(0), column_letter(25), column_letter(26), column_letter(701)
    ('A', 'Z', 'AA', 'ZZ')
    """
    letters = ""
    n = position + 1
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def too_large(file: str, value: object, message: str) -> ActivityDataError:
    """Return the error for a file beyond one of the :class:`ReadLimits`."""
    return ActivityDataError(
        [Problem(file, None, None, value, ErrorReason.TOO_LARGE, message)],
        headline="activity file refused",
    )
