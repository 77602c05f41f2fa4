"""Small input tables (floor area, degree days, fleet, metrics): :func:`read_table`.

The indicator annex needs a few small tables besides the activity data. They are read by the
same machinery as activity files: CSV in any of the dialects :mod:`klimatkalk.io.csv_dialect`
detects, or the first visible sheet of an xlsx workbook; notes above the header are passed
over, headers may be Swedish (``År``, ``Yta (m2)``) and numbers Swedish (``1 234,5``). Every
cell that cannot be read is reported at once with its file, row (as Excel shows it), column
and value; nothing is dropped silently: blank rows are the only rows left out.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from os import PathLike
from pathlib import Path
from typing import Final, Literal

import numpy as np
import pandas as pd

from klimatkalk.columns import header_key, split_header_unit
from klimatkalk.errors import ActivityDataError, ErrorReason, Problem
from klimatkalk.io.grid import Grid, ReadLimits
from klimatkalk.numbers import parse_numbers

__all__ = ["Column", "read_table"]

Kind = Literal["text", "number", "year"]


@dataclass(frozen=True)
class Column:
    """One column of a small table.

    Attributes
    ----------
    name : str
        The column's name in the returned frame.
    aliases : tuple of str
        Header spellings accepted besides ``name`` (compared case-insensitively, spaces as
        ``_``, a unit in parentheses ignored: ``"Yta (m2)"`` matches ``"yta"``).
    kind : {"text", "number", "year"}
        How the cells are read; a year is a whole number between 1900 and 2100.
    required : bool
        Whether the header must have the column and every row a value in it.
    minimum : float or None
        Smallest allowed number (inclusive), for ``"number"`` columns.
    """

    name: str
    aliases: tuple[str, ...] = ()
    kind: Kind = "text"
    required: bool = True
    minimum: float | None = None

    def matches(self, header: object) -> bool:
        """Whether a header cell names this column."""
        if header is None or (isinstance(header, float) and math.isnan(header)):
            return False
        base, _ = split_header_unit(str(header))
        keys = {header_key(self.name), *(header_key(a) for a in self.aliases)}
        return header_key(base) in keys or header_key(header) in keys


_CSV: Final = frozenset({".csv", ".txt", ".tsv"})
_XLSX: Final = frozenset({".xlsx", ".xlsm"})


def read_table(
    path: str | PathLike[str],
    columns: Sequence[Column],
    *,
    what: str = "table",
    limits: ReadLimits | None = None,
) -> pd.DataFrame:
    r"""Read a small CSV or xlsx table with the given columns.

    Parameters
    ----------
    path : path
        A ``.csv``/``.txt``/``.tsv`` file or an ``.xlsx``/``.xlsm`` workbook (its first visible
        sheet that has the header).
    columns : sequence of Column
        The columns to read; other columns of the file are ignored.
    what : str, default "table"
        What the table is, for error messages (``"floor-area table"``).
    limits : ReadLimits, optional
        Bounds on file size, rows and columns.

    Returns
    -------
    DataFrame
        One row per non-blank data row: the columns by ``name`` (text as ``str`` or ``None``,
        numbers as float, years as int) and ``origin_row``, the row as Excel shows it.

    Raises
    ------
    ActivityDataError
        If the file cannot be read, no header row has the required columns, or cells cannot
        be read; each problem names file, row, column and value.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "yta.csv").write_text(
    ...     "Lokalyta per år\nÅr;Verksamhet;Yta (m2 BRA)\n2024;Akutsjukhuset;12 500,5\n",
    ...     encoding="utf-8")
    >>> cols = [Column("year", ("år",), "year"), Column("org_unit", ("verksamhet",)),
    ...         Column("area_m2", ("yta",), "number", minimum=0)]
    >>> read_table(folder / "yta.csv", cols).to_dict("records")
    [{'year': 2024, 'org_unit': 'Akutsjukhuset', 'area_m2': 12500.5, 'origin_row': 3}]
    """
    limits = ReadLimits() if limits is None else limits
    file = Path(path)
    if not file.exists():
        raise FileNotFoundError(file)
    suffix = file.suffix.lower()
    if suffix in _CSV:
        from klimatkalk.io.csv_reader import read_csv_grid

        grids = [read_csv_grid(file, limits)]
    elif suffix in _XLSX:
        from klimatkalk.io.xlsx_reader import XlsxBook

        with XlsxBook(file, limits) as book:
            grids = [book.grid(n) for n in book.sheet_names if n not in book.hidden]
    else:
        raise ActivityDataError(
            [
                Problem(
                    str(file),
                    None,
                    None,
                    suffix,
                    ErrorReason.UNSUPPORTED_FORMAT,
                    "read .csv, .txt, .tsv, .xlsx or .xlsm files",
                )
            ]
        )
    for grid in grids:
        found = _header(grid, columns, limits.header_search_rows)
        if found is not None:
            return _read_rows(grid, columns, *found)
    names = ", ".join(
        f"{c.aliases[0]} ({c.name})" if c.aliases else c.name for c in columns if c.required
    )
    raise ActivityDataError(
        [
            Problem(
                str(file),
                None,
                None,
                None,
                ErrorReason.MISSING_COLUMN,
                f"no header row with the columns {names} in the first "
                f"{limits.header_search_rows} rows",
            )
        ],
        headline=f"{what} cannot be read",
    )


def frame_table(frame: pd.DataFrame, columns: Sequence[Column], *, what: str) -> pd.DataFrame:
    """Check an in-memory table as :func:`read_table` checks a file (row = 0-based position).

    Examples
    --------
    >>> frame_table(pd.DataFrame({"År": ["2024"], "Yta": ["1 000"]}),
    ...     [Column("year", ("år",), "year"), Column("area_m2", ("yta",), "number")],
    ...     what="area").to_dict("records")
    [{'year': 2024, 'area_m2': 1000.0, 'origin_row': 0}]
    """
    headers = list(frame.columns)
    grid = Grid(
        path=f"<{what}>",
        name=f"<{what}>",
        sheet=None,
        columns=[
            pd.Series([h, *frame.iloc[:, j].tolist()], dtype=object) for j, h in enumerate(headers)
        ],
    )
    found = _header(grid, columns, 1)
    if found is None:
        missing = [c.name for c in columns if c.required and not any(c.matches(h) for h in headers)]
        raise ActivityDataError(
            [
                Problem(f"<{what}>", None, name, None, ErrorReason.MISSING_COLUMN, "required")
                for name in missing
            ],
            headline=f"{what} cannot be used",
        )
    table = _read_rows(grid, columns, *found)
    table["origin_row"] = table["origin_row"] - 2
    return table


def _header(
    grid: Grid, columns: Sequence[Column], search_rows: int
) -> tuple[int, dict[str, int]] | None:
    for row in range(min(search_rows, grid.n_rows)):
        cells = [col.iloc[row] for col in grid.columns]
        positions: dict[str, int] = {}
        for column in columns:
            hits = [j for j, cell in enumerate(cells) if column.matches(cell)]
            if hits:
                positions[column.name] = hits[0]
        if all(c.name in positions for c in columns if c.required):
            return row, positions
    return None


def _blank(value: object) -> bool:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return True
    return not str(value).strip()


def _read_rows(
    grid: Grid, columns: Sequence[Column], header: int, positions: Mapping[str, int]
) -> pd.DataFrame:
    body = {
        name: grid.columns[j].iloc[header + 1 :].reset_index(drop=True)
        for name, j in positions.items()
    }
    headers = {name: str(grid.columns[j].iloc[header]) for name, j in positions.items()}
    n = grid.n_rows - header - 1
    rows = np.arange(n) + header + 2  # as Excel shows them
    filled = np.zeros(n, dtype=bool)
    for series in body.values():
        filled |= ~series.map(_blank).to_numpy(dtype=bool)
    keep = np.flatnonzero(filled)
    out = pd.DataFrame(index=range(len(keep)))
    problems: list[Problem] = []
    for column in columns:
        if column.name not in body:
            out[column.name] = None if column.kind == "text" else np.nan
            continue
        cells = body[column.name].iloc[keep].reset_index(drop=True)
        blank = cells.map(_blank).to_numpy(dtype=bool)
        label = headers[column.name]
        if column.required:
            for i in np.flatnonzero(blank):
                problems.append(
                    Problem(
                        grid.where,
                        int(rows[keep[i]]),
                        label,
                        None,
                        ErrorReason.MISSING_VALUE,
                        f"{column.name} is required",
                    )
                )
        if column.kind == "text":
            out[column.name] = [
                None if b else str(v).strip() for v, b in zip(cells, blank, strict=True)
            ]
            continue
        parsed = parse_numbers(cells.where(~blank, None))
        values = parsed.values.copy()
        bad = parsed.failed & ~blank
        for i in np.flatnonzero(bad):
            problems.append(
                Problem(
                    grid.where,
                    int(rows[keep[i]]),
                    label,
                    cells.iloc[i],
                    parsed.reasons[i] or ErrorReason.NOT_A_NUMBER,
                    str(parsed.messages[i]),
                )
            )
        ok = ~parsed.failed
        if column.kind == "year":
            wrong = ok & ~((np.mod(values, 1) == 0) & (values >= 1900) & (values <= 2100))
            message = "a year is a whole number between 1900 and 2100"
            reason = ErrorReason.INVALID_YEAR
        else:
            low = -np.inf if column.minimum is None else column.minimum
            wrong = ok & ~(np.isfinite(values) & (values >= low))
            message = f"a number ≥ {column.minimum:g}" if column.minimum is not None else "a number"
            reason = ErrorReason.INVALID_VALUE
        for i in np.flatnonzero(wrong):
            problems.append(
                Problem(grid.where, int(rows[keep[i]]), label, cells.iloc[i], reason, message)
            )
        values[wrong] = np.nan
        out[column.name] = values
    if problems:
        raise ActivityDataError(problems, headline="table cannot be read")
    for column in columns:
        if column.kind == "year" and column.name in body:
            out[column.name] = out[column.name].astype("Int64" if not column.required else np.int64)
    out["origin_row"] = rows[keep].astype(np.int64)
    return out
