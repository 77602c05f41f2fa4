"""Read a CSV file into a :class:`~klimatkalk._grid.Grid`, in chunks, as categorical text.

pandas' C parser reads 100 000 records at a time as text, and each chunk becomes categoricals
(codes plus the distinct strings) at once, so memory grows with the number of rows times a few
bytes plus the distinct values, not with one Python string per cell. Every cell stays text:
numbers are parsed later by :mod:`klimatkalk.numbers`. Blank lines are kept, so that row ``i``
of the grid is record ``i + 1`` of the file, the row Excel shows it on.
"""

from __future__ import annotations

import os
import re
import warnings
from collections.abc import Callable, Collection
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path
from typing import Any, Final

import numpy as np
import numpy.typing as npt
import pandas as pd
from pandas.api.types import union_categoricals

from klimatkalk.errors import ActivityDataError, ErrorReason, Problem
from klimatkalk.io.csv_dialect import (
    CsvDialect,
    count_fields,
    detect_dialect,
    find_starts,
    record_cells,
)
from klimatkalk.io.csv_numbers import NumberBytes, check_number_bytes
from klimatkalk.io.grid import Grid, ReadLimits, too_large
from klimatkalk.numbers import kind_is, value_kinds

__all__ = ["check_size", "read_csv_body", "read_csv_grid", "read_csv_head"]

CHUNK_ROWS: Final = 100_000
_PARALLEL_ROWS: Final = 200_000  # rows from which text columns are made categorical in threads
_MAX_PIECES: Final = 8  # threads that dictionary-encode pieces of text columns
_EXPECTED_FIELDS: Final = re.compile(r"Expected (\d+) fields in line (\d+), saw (\d+)")


def read_csv_grid(file: Path, limits: ReadLimits, dialect: CsvDialect | None = None) -> Grid:
    """Read every record of a CSV file (header, notes and blank lines included).

    Raises
    ------
    ActivityDataError
        If the file is empty, too large, not decodable, or a record has more fields than the
        first 64 KiB of the file led to expect.
    """
    check_size(file, limits)
    dialect = detect_dialect(file) if dialect is None else dialect
    _check_width(file, dialect, limits)
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
            encoding="utf-8" if dialect.encoding == "utf-8" else dialect.codec,
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


def check_size(file: Path, limits: ReadLimits) -> None:
    """Refuse an empty file or one larger than the limit, before reading it.

    Raises
    ------
    ActivityDataError
        ``too_large`` or ``empty_file``.
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


def _check_width(file: Path, dialect: CsvDialect, limits: ReadLimits) -> None:
    if dialect.width > limits.max_columns:
        raise too_large(
            str(file),
            dialect.width,
            f"{dialect.width} columns; the limit is {limits.max_columns}",
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


def _read_options(dialect: CsvDialect, width: int) -> dict[str, Any]:
    return {
        "sep": dialect.delimiter,
        "header": None,
        "names": list(range(width)),
        "skip_blank_lines": False,
        "engine": "c",
        # pandas drops a UTF-8 BOM itself, and reads "utf-8" without a Python decoder
        "encoding": "utf-8" if dialect.encoding == "utf-8" else dialect.codec,
        "encoding_errors": "strict",
        "quotechar": '"',
    }


def read_csv_head(file: Path, dialect: CsvDialect, limits: ReadLimits, rows: int) -> Grid:
    """Read the first ``rows`` records of a CSV file as text (to find the header in)."""
    _check_width(file, dialect, limits)
    try:
        frame = pd.read_csv(
            file,
            dtype=object,  # plain Python strings: for a few rows, faster than Arrow's
            keep_default_na=False,
            na_filter=False,
            nrows=rows,
            **_read_options(dialect, dialect.width),
        )
    except pd.errors.ParserError as exc:
        raise _parser_error(file, dialect, exc) from None
    except pd.errors.EmptyDataError:
        raise ActivityDataError(
            [Problem(str(file), None, None, None, ErrorReason.EMPTY_FILE, "the file is empty")]
        ) from None
    columns = [pd.Series(pd.Categorical(frame[j])) for j in frame.columns]
    return Grid(
        path=str(file),
        name=file.name,
        sheet=None,
        columns=columns,
        encoding=dialect.encoding,
        delimiter=dialect.delimiter,
        notes=(f"{file.name}: {dialect.describe()}",),
    )


def read_csv_body(
    file: Path,
    dialect: CsvDialect,
    limits: ReadLimits,
    head: Grid,
    first_row: int,
    numbers: Collection[int],
    mark: str,
    *,
    grouped: bool,
) -> Grid:
    """Read the records from ``first_row`` on, the columns at ``numbers`` as numbers.

    One call of pandas' C parser for the whole file, with nothing that keeps pandas from
    splitting it between threads (no dtype per column, no categories that could differ between
    its pieces): text columns come back as (Arrow) strings and become categoricals
    afterwards, several at once; a text column that pandas took for numbers is read again,
    alone, as text. The number columns are float64 or int64 where every cell is a number or
    empty (NaN), text otherwise (then categorical, and parsed per distinct text by
    :mod:`klimatkalk.numbers`). ``mark`` is the decimal mark. With ``grouped`` (the
    first rows show numbers such as ``1 234``) or a decimal comma, spaces group thousands
    where :func:`~klimatkalk.io.csv_numbers.check_number_bytes` finds every one of them in its
    place, and otherwise the number columns are read as text. (Without either, the C parser
    reads a trailing point, ``"5."``, as 5, where :mod:`klimatkalk.numbers` refuses it.)
    Cells that the C parser reads as a number but klimatkalk's rules would not (``inf``, an
    exponent that underflows to 0) are put back as the text the file has, so that they are
    explained, not read. Only for files whose lines are records
    (:attr:`CsvDialect.simple_lines`), so that ``first_row`` is a line number.

    Raises
    ------
    ActivityDataError
        If the file has more rows than the limit (checked once read: the file's size is
        bounded before), or a record has more fields than expected.
    UnicodeDecodeError
        If a byte is not in the encoding (the caller scans the file whole and says which).
    """
    assert dialect.simple_lines
    width = dialect.width
    wanted = {j for j in numbers if j < width}
    check = NumberBytes(as_written=True, ambiguous=False)
    if wanted and (grouped or mark == ","):
        check = check_number_bytes(file, mark)
    options: dict[str, Any] = {"na_values": {j: [""] for j in wanted}}
    if not check.as_written:  # spaces or marks the C parser reads by looser rules: as text
        options["dtype"] = {j: str for j in wanted}
    elif grouped:
        options["thousands"] = " "
    read = partial(
        _read_body, file, dialect, first_row, decimal=mark, keep_default_na=False, **options
    )
    frame = read()
    # Text columns are read without a dtype, so that pandas reads the file in parallel (a
    # dtype per column, or categories that differ between its pieces, makes it read serially,
    # or twice). A column that pandas took for numbers or booleans is read again as text.
    retext = [j for j in range(width) if j not in wanted and not _is_text(frame[j])]
    if retext:
        again = read(usecols=retext, dtype={j: str for j in retext})
        for j in retext:
            frame[j] = again[j]
    notes = head.notes
    if mark == "," and check.as_written and check.ambiguous:
        notes += (
            f"{file}: quantity texts like '1,234' read with the decimal comma that the "
            "column's other values show (pass decimal=',' or '.' to say otherwise)",
        )
    if first_row + len(frame) > limits.max_rows:
        raise too_large(
            str(file),
            first_row + len(frame),
            f"more than {limits.max_rows:,} rows (ReadLimits.max_rows)",
        )
    starts: list[npt.NDArray[np.int64]] = []

    def cells(records: Collection[int]) -> dict[int, list[str]]:
        if starts:  # the offsets of every line, found before
            return record_cells(file, dialect, records, starts[0])
        found, base = find_starts(file, records, lines=first_row + len(frame))
        if found is not None and base == 0:
            starts.append(found)
        return record_cells(file, dialect, records, found, base)

    texts = _categoricals([frame[j] for j in range(width) if j not in wanted])
    columns: list[pd.Series] = []
    for j in range(width):
        if j in wanted:
            columns.append(_number_column(frame[j], j, first_row, cells).reset_index(drop=True))
        else:
            columns.append(texts.pop(0))
    return Grid(
        path=str(file),
        name=file.name,
        sheet=None,
        columns=columns,
        encoding=dialect.encoding,
        delimiter=dialect.delimiter,
        field_counts=partial(_field_counts, file, dialect),
        notes=notes,
        head=head.columns,
        first_row=first_row,
        record_cells=cells,
    )


def _read_body(file: Path, dialect: CsvDialect, first_row: int, **options: Any) -> pd.DataFrame:
    """Read the records from ``first_row`` on with pandas' C parser (in parallel where it can)."""
    try:
        with warnings.catch_warnings():
            # Number columns with text in some pieces come back mixed: handled by the caller.
            warnings.simplefilter("ignore", pd.errors.DtypeWarning)
            frame: pd.DataFrame = pd.read_csv(
                file, skiprows=first_row, **options, **_read_options(dialect, dialect.width)
            )
    except pd.errors.ParserError as exc:
        raise _parser_error(file, dialect, exc) from None
    except pd.errors.EmptyDataError:
        columns = options.get("usecols") or range(dialect.width)
        frame = pd.DataFrame({j: pd.Categorical([]) for j in columns})
    return frame


def _is_text(column: pd.Series) -> bool:
    """Whether pandas read a column as text (not as numbers or booleans)."""
    dtype = column.dtype
    if isinstance(dtype, pd.StringDtype | pd.CategoricalDtype):
        return True
    if not (isinstance(dtype, np.dtype) and dtype.kind == "O"):
        return False
    return bool(pd.api.types.infer_dtype(column, skipna=False) in ("string", "empty"))


def _categoricals(columns: list[pd.Series]) -> list[pd.Series]:
    """Turn text columns into categoricals (sorted categories), several pieces at once.

    A column of Arrow strings (pandas' ``str`` with pyarrow) is dictionary-encoded by Arrow
    piece by piece, the pieces the parallel parser made, side by side in threads (Arrow's C++
    code lets other threads run); the small dictionaries are then unified and sorted, and the
    codes remapped with one small table. Other columns are made categorical by pandas.
    """
    if not columns:
        return []
    workers = min(os.cpu_count() or 1, _MAX_PIECES)
    pieces = [_arrow_pieces(column) for column in columns]
    jobs = [(i, piece) for i, found in enumerate(pieces) if found is not None for piece in found]
    if jobs and (workers < 2 or len(columns[0]) < _PARALLEL_ROWS or len(jobs) < 2):
        workers = 1
    encoded: dict[int, list[Any]] = {i: [] for i, found in enumerate(pieces) if found}
    if workers > 1:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            done = list(pool.map(_dictionary_encode, [piece for _, piece in jobs]))
    else:
        done = [_dictionary_encode(piece) for _, piece in jobs]
    for (i, _), piece in zip(jobs, done, strict=True):
        encoded[i].append(piece)
    out: list[pd.Series] = []
    for i, column in enumerate(columns):
        if i in encoded:
            out.append(_from_dictionaries(encoded[i], len(column)))
        elif isinstance(column.dtype, pd.CategoricalDtype):
            out.append(column.reset_index(drop=True))
        else:
            out.append(pd.Series(pd.Categorical(column)))
    return out


def _arrow_pieces(column: pd.Series) -> list[Any] | None:
    """Return the Arrow arrays behind a column of strings (None for other columns)."""
    if not isinstance(column.dtype, pd.StringDtype) or column.dtype.storage != "pyarrow":
        return None
    to_arrow = getattr(column.array, "__arrow_array__", None)
    if to_arrow is None:  # pragma: no cover - every Arrow-backed string array has it
        return None
    chunked = to_arrow()
    chunks = list(chunked.chunks)
    return chunks if chunks and all(len(c) for c in chunks) else None


def _dictionary_encode(piece: Any) -> Any:
    import pyarrow.compute as pc

    return pc.dictionary_encode(piece)


def _from_dictionaries(parts: list[Any], n: int) -> pd.Series:
    """One categorical from dictionary-encoded pieces: sorted categories, missing as -1."""
    import pyarrow as pa

    if len(parts) > 1:
        parts = pa.chunked_array(parts, type=parts[0].type).unify_dictionaries().chunks
    values = np.asarray(parts[0].dictionary.to_numpy(zero_copy_only=False), dtype=object)
    order = np.argsort(values, kind="stable")  # Python's str order, as pd.Categorical sorts
    width = np.int8 if len(values) < 127 else np.int16 if len(values) < 32_767 else np.int32
    remap: npt.NDArray[np.signedinteger[Any]] = np.empty(len(values) + 1, dtype=width)
    remap[order] = np.arange(len(values), dtype=width)
    remap[-1] = -1
    codes: npt.NDArray[np.signedinteger[Any]] = np.empty(n, dtype=width)
    at = 0
    for part in parts:
        indices = part.indices
        if indices.null_count:
            indices = indices.fill_null(len(values))
        found = indices.to_numpy(zero_copy_only=False)
        np.take(remap, found, out=codes[at : at + len(found)])
        at += len(found)
    assert at == n
    categories = pd.Index(values[order], dtype=pd.StringDtype(storage="pyarrow", na_value=np.nan))
    return pd.Series(pd.Categorical.from_codes(codes, categories=categories, validate=False))


def _number_column(
    column: pd.Series,
    position: int,
    first_row: int,
    cells: Callable[[Collection[int]], dict[int, list[str]]],
) -> pd.Series:
    """Return a number column as read: numbers, or (some text in it) categorical cells.

    Where the C parser made a float that klimatkalk's rules might not (infinite, or 0 from an
    exponent that underflows), the cell gets the file's text back.
    """
    if pd.api.types.is_integer_dtype(column.dtype):
        return column
    if pd.api.types.is_float_dtype(column.dtype):
        values = column.to_numpy(dtype=np.float64)
        rows = np.flatnonzero(np.isinf(values) | (values == 0))  # "inf", "1e999", "1e-999"
        if not len(rows):
            return column
        return _with_texts(column.to_numpy(dtype=object), rows, position, first_row, cells)
    # Text in some chunks of 100 000 rows, numbers in others (pandas parses in chunks).
    array = column.to_numpy(dtype=object)
    floats = np.flatnonzero(kind_is(value_kinds(array), float))
    if len(floats):
        values = array[floats].astype(np.float64)
        rows = floats[np.isinf(values) | (values == 0)]
        if len(rows):
            return _with_texts(array, rows, position, first_row, cells)
    return pd.Series(pd.Categorical(array))


def _with_texts(
    array: npt.NDArray[np.object_],
    rows: npt.NDArray[np.intp],
    position: int,
    first_row: int,
    cells: Callable[[Collection[int]], dict[int, list[str]]],
) -> pd.Series:
    """Put the file's text back into some cells of a column (few: ``inf``, underflows, 0)."""
    found = cells((first_row + rows).tolist())
    array = array.copy()
    for row in rows.tolist():
        record = found.get(first_row + row, [])
        array[row] = record[position] if position < len(record) else ""
    return pd.Series(array, dtype=object)
