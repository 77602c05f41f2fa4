"""Read a CSV file into a :class:`~klimatkalk._grid.Grid`, in chunks, as categorical text.

pandas' C parser reads 100 000 records at a time as text, and each chunk becomes categoricals
(codes plus the distinct strings) at once, so memory grows with the number of rows times a few
bytes plus the distinct values, not with one Python string per cell. Every cell stays text:
numbers are parsed later by :mod:`klimatkalk.numbers`. Blank lines are kept, so that row ``i``
of the grid is record ``i + 1`` of the file, the row Excel shows it on.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from functools import partial
from pathlib import Path
from typing import Final

import pandas as pd
from pandas.api.types import union_categoricals

from klimatkalk.errors import ActivityDataError, ErrorReason, Problem
from klimatkalk.io.csv_dialect import CsvDialect, count_fields, detect_dialect
from klimatkalk.io.grid import Grid, ReadLimits, too_large

__all__ = ["read_csv_grid"]

CHUNK_ROWS: Final = 100_000
_EXPECTED_FIELDS: Final = re.compile(r"Expected (\d+) fields in line (\d+), saw (\d+)")


def read_csv_grid(file: Path, limits: ReadLimits) -> Grid:
    """Read every record of a CSV file (header, notes and blank lines included).

    Raises
    ------
    ActivityDataError
        If the file is empty, too large, not decodable, or a record has more fields than the
        first 64 KiB of the file led to expect.
    """
    size = file.stat().st_size
    if size > limits.max_csv_bytes:
        raise too_large(
            str(file), size, f"{size:,} bytes; the limit is {limits.max_csv_bytes:,} bytes"
        )
    if size == 0:
        raise ActivityDataError(
            [Problem(str(file), None, None, None, ErrorReason.EMPTY_FILE, "the file is empty")]
        )
    dialect = detect_dialect(file)
    if dialect.width > limits.max_columns:
        raise too_large(
            str(file),
            dialect.width,
            f"{dialect.width} columns; the limit is {limits.max_columns}",
        )
    parts: list[list[pd.Categorical]] = [[] for _ in range(dialect.width)]
    n = 0
    try:
        reader = pd.read_csv(
            file,
            sep=dialect.delimiter,
            header=None,
            names=list(range(dialect.width)),
            dtype=str,
            keep_default_na=False,
            na_filter=False,
            skip_blank_lines=False,
            engine="c",
            encoding=dialect.codec,
            quotechar='"',
            chunksize=CHUNK_ROWS,
        )
        with reader:
            for chunk in reader:
                n += len(chunk)
                if n > limits.max_rows:
                    raise too_large(
                        str(file), n, f"more than {limits.max_rows:,} rows (ReadLimits.max_rows)"
                    )
                for position, column in enumerate(chunk.columns):
                    # Categorical per chunk; not dtype="category", which turns the categories
                    # of an all-numeric chunk into int64 and loses the text ("02", "1.50").
                    parts[position].append(pd.Categorical(chunk[column]))
    except pd.errors.ParserError as exc:
        raise _parser_error(file, dialect, exc) from None
    except pd.errors.EmptyDataError:
        raise ActivityDataError(
            [Problem(str(file), None, None, None, ErrorReason.EMPTY_FILE, "the file is empty")]
        ) from None
    columns = [pd.Series(_union(p)) for p in parts]
    return Grid(
        path=str(file),
        name=file.name,
        sheet=None,
        columns=columns,
        encoding=dialect.encoding,
        delimiter=dialect.delimiter,
        field_counts=partial(_field_counts, file, dialect),
        notes=(f"{file.name}: {dialect.describe()}",),
    )


def _union(parts: list[pd.Categorical]) -> pd.Categorical:
    if not parts:
        return pd.Categorical([])
    if len(parts) == 1:
        return parts[0]
    return union_categoricals(parts, ignore_order=True)


def _field_counts(file: Path, dialect: CsvDialect, rows: Collection[int]) -> dict[int, int]:
    return count_fields(file, dialect, rows)


def _parser_error(file: Path, dialect: CsvDialect, exc: Exception) -> ActivityDataError:
    match = _EXPECTED_FIELDS.search(str(exc))
    if match:
        expected, line, saw = (int(g) for g in match.groups())
        return ActivityDataError(
            [
                Problem(
                    str(file),
                    line,
                    None,
                    saw,
                    ErrorReason.INVALID_VALUE,
                    f"{saw} cells, the rows above have at most {expected} "
                    f"({dialect.describe()}); check separators and quotes on this row",
                )
            ]
        )
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    unclosed = re.search(r"EOF inside string starting at row (\d+)", text)
    if unclosed:
        return ActivityDataError(
            [
                Problem(
                    str(file),
                    int(unclosed.group(1)) + 1,
                    None,
                    None,
                    ErrorReason.INVALID_VALUE,
                    'a quoted cell is not closed: a " without its closing " (from this row on)',
                )
            ]
        )
    return ActivityDataError(
        [Problem(str(file), None, None, None, ErrorReason.INVALID_VALUE, f"CSV: {text}")]
    )
