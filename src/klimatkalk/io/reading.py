"""Reading activity files: :func:`read_activities`.

CSV and xlsx files as analysts receive them become one :class:`klimatkalk.ActivityTable`: the
dialect and encoding are detected (:mod:`klimatkalk.io.csv_dialect`), the header is found below
notes (:mod:`klimatkalk.io.layout`), the source's own labels are mapped
(:mod:`klimatkalk.io.mapping`) and every row below the header is either read or skipped with its
reason. The readers load on first use, so that ``import klimatkalk`` stays light.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal, TypeAlias

import pandas as pd

from klimatkalk.activity_data import (
    INPUT_COLUMNS,
    ActivityTable,
    combine_activities,
    empty_problems,
)
from klimatkalk.errors import (
    ActivityDataError,
    ErrorReason,
    InputFileNotFoundError,
    KlimatkalkError,
    Problem,
)
from klimatkalk.io.grid import Grid, ReadLimits

if TYPE_CHECKING:
    from klimatkalk.io.layout import Laid
    from klimatkalk.io.mapping import InputMapping, SheetMapping

__all__ = ["ReadLimits", "read_activities"]

_CSV_SUFFIXES: Final = frozenset({".csv", ".txt", ".tsv"})
_XLSX_SUFFIXES: Final = frozenset({".xlsx", ".xlsm"})
_OLD_FORMATS: Final = {
    ".xls": "an old binary Excel workbook; save it as .xlsx",
    ".xlsb": "a binary Excel workbook; save it as .xlsx",
    ".ods": "an OpenDocument spreadsheet; save it as .xlsx",
}

PathArg = str | PathLike[str]
MappingArg: TypeAlias = "InputMapping | SheetMapping | Mapping[str, Any] | str | PathLike[str]"


def read_activities(
    path: PathArg | Sequence[PathArg],
    *,
    mapping: MappingArg | None = None,
    sheet: str | int | None = None,
    decimal: Literal[",", "."] | None = None,
    limits: ReadLimits | None = None,
    vat_basis: Literal["excl", "incl"] | None = None,
) -> ActivityTable:
    r"""Read activity rows from CSV and xlsx files, combined into one table.

    CSV files may be ``;``, ``,`` or tab separated, in UTF-8 (with or without BOM), UTF-16
    with BOM, or cp1252 (Excel's "CSV" on Swedish Windows); what was found is kept in
    :attr:`ActivityTable.encoding`, :attr:`ActivityTable.delimiter` and
    :attr:`ActivityTable.notes`. In an xlsx workbook every visible sheet with a header row is
    read (or the sheets the mapping names), with the values Excel saved for formulas. The
    header is the first row holding the required columns (notes above it are passed over);
    totals, subtotals, blank and note rows are skipped and listed in
    :attr:`ActivityTable.skipped`. Every cell is read as text and numbers are parsed by
    :mod:`klimatkalk.numbers`.

    Parameters
    ----------
    path : path or sequence of paths
        ``.csv``, ``.txt``, ``.tsv``, ``.xlsx`` or ``.xlsm`` files; several are combined.
    mapping : InputMapping, dict or path, optional
        Which sheet, header row and columns to read, fixed values, and the source's labels
        (see :mod:`klimatkalk.io.mapping`); a ``.toml``, ``.yaml`` or ``.json`` file or a dict.
    sheet : str or int, optional
        Read only this sheet (name, or 0-based position); a shortcut for
        ``mapping={"sheet": sheet}``.
    decimal : {",", "."}, optional
        Decimal mark of text numbers (inferred by default).
    limits : ReadLimits, optional
        Bounds on file size, rows and columns (:class:`ReadLimits`).
    vat_basis : {"excl", "incl"}, optional
        Whether amounts in kronor include VAT (moms), for rows whose ``moms`` column is empty
        or without one. Default: ex VAT, as regions' ledgers are.

    Returns
    -------
    ActivityTable

    Raises
    ------
    ActivityDataError
        If a file is empty, too large, damaged, cannot be decoded, has no header row with the
        required columns, has duplicate headers, or no file has data rows. Every problem names
        its file, sheet and row.
    FileNotFoundError
        If a file does not exist.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import klimatkalk as kk
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "fuel.csv").write_text(
    ...     "Drivmedel 2024\nÅr;Aktivitet;Mängd (liter)\n2024;diesel;1 234,5\n"
    ...     "2024;diesel;100\nSumma;;1 334,5\n", encoding="utf-8")
    >>> acts = kk.read_activities(folder / "fuel.csv")
    >>> acts.frame[["quantity", "unit", "origin_row"]].to_dict("list")
    {'quantity': [1234.5, 100.0], 'unit': ['liter', 'liter'], 'origin_row': [3, 4]}
    >>> acts.skipped[["origin_row", "reason"]].to_dict("records")
    [{'origin_row': 5, 'reason': 'total_row'}]
    >>> acts.encoding, acts.delimiter
    ('utf-8', ';')
    """
    from klimatkalk.io.mapping import InputMapping, SheetMapping, load_mapping

    limits = ReadLimits() if limits is None else limits
    spec = None if mapping is None else load_mapping(mapping)
    if sheet is not None:
        if spec is not None:
            msg = "give the sheet in the mapping, not as well as a mapping"
            raise ValueError(msg)
        spec = InputMapping(sheets=[SheetMapping(sheet=sheet)])
    paths = [path] if isinstance(path, str | PathLike) else list(path)
    if not paths:
        msg = "no file given"
        raise ValueError(msg)
    parts: list[ActivityTable] = []
    for item in paths:
        parts.extend(_read_file(Path(item), spec, decimal, limits))
    table = combine_activities(parts)
    if len(table) == 0:
        skipped = f"; {len(table.skipped)} row(s) skipped" if len(table.skipped) else ""
        raise ActivityDataError(
            [
                Problem(
                    table.file, None, None, None, ErrorReason.EMPTY_FILE, "no data rows" + skipped
                )
            ]
        )
    return table if vat_basis is None else table.with_vat_basis(vat_basis)


def _read_file(
    file: Path, spec: InputMapping | None, decimal: Any, limits: ReadLimits
) -> list[ActivityTable]:
    from klimatkalk.io.layout import lay_out
    from klimatkalk.io.mapping import SheetMapping

    if file.is_dir():
        _check_exists(file)  # says it is a folder
    suffix = file.suffix.lower()
    entries = spec.entries_for(file.name) if spec is not None else []
    if suffix in _CSV_SUFFIXES:
        _check_exists(file)
        entry = entries[0] if entries else SheetMapping()
        with _one_encoding_message(file):
            grid = _guard_csv(file, lambda: _csv_grid(file, entry, decimal, limits))
            laid = lay_out(
                grid, entry, decimal=decimal, header_search_rows=limits.header_search_rows
            )
        return [_part(grid, laid, decimal)]
    if suffix in _XLSX_SUFFIXES:
        _check_exists(file)
        return _read_workbook(file, entries, decimal, limits)
    hint = _OLD_FORMATS.get(suffix, "read .csv, .txt, .tsv, .xlsx or .xlsm files")
    raise ActivityDataError(
        [Problem(str(file), None, None, suffix, ErrorReason.UNSUPPORTED_FORMAT, hint)]
    )


def _csv_grid(file: Path, entry: SheetMapping, decimal: Any, limits: ReadLimits) -> Grid:
    """Read a CSV file: its head as text, then (where lines are records) the rest by columns.

    The header is found in the head; the body is then read with the year, quantity and
    abated-fraction columns as numbers by pandas' C parser. A file whose first 64 KiB are
    UTF-8 is read as UTF-8; if a later byte is not, the file is scanned whole and read again
    in the encoding found (or refused with one message that names the encoding problem).
    """
    from klimatkalk.io.csv_dialect import detect_dialect
    from klimatkalk.io.csv_numbers import sample_mark
    from klimatkalk.io.csv_reader import check_size, read_csv_body, read_csv_grid, read_csv_head
    from klimatkalk.io.layout import find_header, number_positions

    check_size(file, limits)
    dialect = detect_dialect(file, whole=False)
    for _attempt in range(2):
        try:
            if not dialect.simple_lines:
                return read_csv_grid(file, limits, dialect)
            search = limits.header_search_rows
            head = read_csv_head(file, dialect, limits, max(search, entry.header_row or 0))
            row = find_header(head, entry, search)
            numbers = number_positions(head, entry, search)
            sample = [head.columns[j].iloc[row + 1 :] for j in numbers.values()]
            mark, grouped = sample_mark(sample, decimal)
            return read_csv_body(
                file, dialect, limits, head, row + 1, numbers.values(), mark, grouped=grouped
            )
        except UnicodeDecodeError:
            if dialect.checked:
                raise
            dialect = detect_dialect(file, whole=True)  # says what the encoding problem is
    raise AssertionError("unreachable")  # pragma: no cover


# cp1252 decodes every byte but five; what it makes of å, ä and ö from DOS (cp437) or Mac
# files is punctuation from 0x80-0x9F, which no header holds.
_MISDECODED: Final = frozenset(bytes(range(0x80, 0xA0)).decode("cp1252", errors="ignore"))


@contextmanager
def _one_encoding_message(file: Path) -> Iterator[None]:
    """Turn "no header" in a file read as cp1252 that is in another encoding into one message."""
    from klimatkalk.io.csv_dialect import detect_dialect
    from klimatkalk.io.layout import HeaderNotFoundError

    try:
        yield
    except HeaderNotFoundError as exc:
        dialect = detect_dialect(file)
        seen = " ".join(str(p.message) for p in exc.problems)
        if dialect.encoding != "cp1252" or not _MISDECODED.intersection(seen):
            raise
        raise ActivityDataError(
            [
                Problem(
                    str(file),
                    None,
                    None,
                    None,
                    ErrorReason.ENCODING,
                    "the file is not UTF-8, and read as cp1252 (Excel's Swedish CSV) its header "
                    "makes no sense; it is in another encoding (DOS or Mac?): save it from "
                    "Excel as 'CSV UTF-8'",
                )
            ]
        ) from None


def _check_exists(file: Path) -> None:
    if not file.exists():
        raise InputFileNotFoundError(file)
    if file.is_dir():
        raise ActivityDataError(
            [
                Problem(
                    str(file),
                    None,
                    None,
                    None,
                    ErrorReason.UNSUPPORTED_FORMAT,
                    "a folder, not a file: name the files in it (folder/*.xlsx)",
                )
            ]
        )


def _guard_csv(file: Path, read: Any) -> Grid:
    try:
        grid: Grid = read()
    except (KlimatkalkError, OSError):
        raise
    except Exception as exc:  # pandas' parser: ParserError, UnicodeError, ValueError, …
        raise ActivityDataError(
            [
                Problem(
                    str(file),
                    None,
                    None,
                    None,
                    ErrorReason.INVALID_VALUE,
                    f"the CSV file cannot be read: {type(exc).__name__}: {str(exc)[:200]}",
                )
            ]
        ) from None
    return grid


def _read_workbook(
    file: Path, entries: list[SheetMapping], decimal: Any, limits: ReadLimits
) -> list[ActivityTable]:
    from klimatkalk.io.layout import HeaderNotFoundError, lay_out
    from klimatkalk.io.xlsx_reader import XlsxBook

    parts: list[ActivityTable] = []
    not_read: list[tuple[str, ActivityDataError]] = []
    notes: list[str] = []
    with XlsxBook(file, limits) as book:
        for name, entry, required in _plan_sheets(file, book.sheet_names, book.hidden, entries):
            if name in book.hidden and not required:
                notes.append(f"{file.name}[{name}]: hidden sheet, not read")
                continue
            grid = book.grid(name)
            try:
                laid = lay_out(
                    grid, entry, decimal=decimal, header_search_rows=limits.header_search_rows
                )
            except HeaderNotFoundError as exc:
                if required:
                    raise
                not_read.append((name, exc))
                notes.append(f"{file.name}[{name}]: not read, {exc.problems[0].message}")
                continue
            parts.append(_part(grid, laid, decimal))
    if not parts:
        if len(not_read) == 1:
            raise not_read[0][1]
        raise ActivityDataError(
            [p for _, exc in not_read for p in exc.problems]
            or [
                Problem(
                    str(file), None, None, None, ErrorReason.EMPTY_FILE, "no visible sheet to read"
                )
            ],
            headline="no sheet has a header row with the required columns",
        )
    parts[0] = replace(parts[0], notes=parts[0].notes + tuple(notes))
    return parts


def _plan_sheets(
    file: Path, names: list[str], hidden: set[str], entries: list[SheetMapping]
) -> list[tuple[str, SheetMapping, bool]]:
    """Which sheets to read with which entry; ``True`` where the sheet must have a header."""
    from klimatkalk.io.mapping import SheetMapping

    plan: list[tuple[str, SheetMapping, bool]] = []
    claimed: set[str] = set()
    for entry in entries:
        if entry.sheet is None:
            continue
        name = _resolve_sheet(file, names, entry.sheet)
        if name not in claimed:
            plan.append((name, entry, True))
            claimed.add(name)
    automatic = [e for e in entries if e.sheet is None]
    if not entries:
        automatic = [SheetMapping()]
    if automatic:
        plan += [(n, automatic[0], False) for n in names if n not in claimed]
    return plan


def _resolve_sheet(file: Path, names: list[str], sheet: str | int) -> str:
    if isinstance(sheet, int):
        if 0 <= sheet < len(names):
            return names[sheet]
    elif sheet in names:
        return sheet
    else:
        folded = [n for n in names if n.casefold().strip() == sheet.casefold().strip()]
        if len(folded) == 1:
            return folded[0]
    raise ActivityDataError(
        [
            Problem(
                str(file),
                None,
                None,
                sheet,
                ErrorReason.MISSING_SHEET,
                f"the workbook has no sheet {sheet!r}; the sheets are {names} "
                "(a position counts from 0)",
            )
        ]
    )


def _part(grid: Grid, laid: Laid, decimal: Any) -> ActivityTable:
    if len(laid.frame):
        table = ActivityTable.from_frame(
            laid.frame,
            file=grid.path,
            decimal=decimal,
            encoding=grid.encoding,
            aliases=False,
            reader_problems=laid.problems,
        )
    else:
        table = ActivityTable(
            frame=laid.frame, problems=empty_problems(), file=grid.path, encoding=grid.encoding
        )
    inputs = pd.DataFrame(
        [
            {
                "origin_file": grid.name,
                "origin_sheet": grid.sheet,
                "header_row": laid.header_row,
                "data_rows": laid.data_rows,
                "rows": len(laid.frame),
                "skipped": len(laid.skipped),
                "encoding": grid.encoding,
                "delimiter": grid.delimiter,
            }
        ],
        columns=list(INPUT_COLUMNS),
    )
    return replace(
        table,
        delimiter=grid.delimiter,
        notes=grid.notes + laid.notes + table.notes,
        skipped=laid.skipped,
        inputs=inputs,
        sources=laid.sources,
    )
