"""From a grid of cells to activity rows: find the header, name the columns, skip what is no data.

Steps, for one CSV file or worksheet (:class:`~klimatkalk._grid.Grid`):

1. **Header.** The mapping's ``header_row``, or the first of the top rows that holds every
   required column (by the mapping's header names or the usual aliases); rows above it are
   notes. A quantity header may carry the unit: ``Mängd (liter)``.
2. **Columns.** Mapped and aliased headers get klimatkalk's names; other columns pass through
   under their own header; fixed values (``year = 2024``) become constant columns.
3. **Rows that are no data** are skipped and listed, never dropped silently: blank rows,
   repeated header rows, totals and subtotals (a label such as *Summa*, *Totalt*, *Delsumma*,
   *Subtotal*, or an empty activity with a quantity equal to the sum of the rows above), and
   note rows (neither activity nor quantity). Trailing blank rows end the table.
4. **Cells that cannot be read as saved** are reported per row: formulas without a saved
   value, Excel error values (``#DIV/0!``). A CSV record with too few or too many fields
   refuses the file, as it usually means a wrong separator or a broken quote.

Every decision is made once per distinct cell value (categorical codes), not once per row.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Final

import numpy as np
import numpy.typing as npt
import pandas as pd

from klimatkalk.columns import (
    COLUMN_ALIASES,
    PROBLEM_COLUMNS,
    REQUIRED_COLUMNS,
    SKIPPED_COLUMNS,
    SOURCE_COLUMNS,
    VALIDATED_COLUMNS,
    header_key,
    split_header_unit,
)
from klimatkalk.errors import ActivityDataError, ErrorReason, Problem
from klimatkalk.io.cells import empty_mask, is_empty, number_like, per_value, text_of
from klimatkalk.io.grid import Grid, column_letter
from klimatkalk.io.mapping import SheetMapping
from klimatkalk.numbers import parse_numbers

__all__ = [
    "FORMULA_REASON",
    "SKIPPED_COLUMNS",
    "SOURCE_COLUMNS",
    "HeaderNotFoundError",
    "Laid",
    "lay_out",
]


FORMULA_REASON: Final[ErrorReason] = ErrorReason.__members__.get(
    "FORMULA_WITHOUT_VALUE", ErrorReason.INVALID_VALUE
)
"""Reason for a formula without a saved value (``formula_without_value`` once it exists)."""

FORMULA_MESSAGE: Final = (
    "formula_without_value: the formula has no saved value and klimatkalk does not evaluate "
    "formulas; open the file in Excel and save it, or paste the values"
)
EXCEL_ERRORS: Final = frozenset(
    {"#N/A", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!"}
)
_TOTAL_RE: Final = re.compile(
    r"^\s*(?:(?P<sub>delsumma|subtotal|sub-total|sub\s+total)"
    r"|(?P<total>totalsumma|summa|s:a|totalt|total|grand\s+total|sum))\b",
    re.IGNORECASE,
)
_NONE, _TOTAL, _SUBTOTAL = 0, 1, 2
_SKIP_REASONS: Final = np.array(
    ["", "blank_row", "repeated_header", "total_row", "subtotal_row", "note_row"], dtype=object
)
_KEPT, _BLANK, _REPEATED, _TOTAL_ROW, _SUBTOTAL_ROW, _NOTE = range(6)
_TEXT_LIMIT: Final = 200
_FEW_BELOW: Final = 8  # categories of skipped bottom rows looked for one by one


class HeaderNotFoundError(ActivityDataError):
    """No header row in a sheet (a sheet that need not be read may be passed over)."""


@dataclass(frozen=True)
class Laid:
    """The activity rows of one grid, ready for :meth:`ActivityTable.from_frame`."""

    frame: pd.DataFrame
    problems: pd.DataFrame
    skipped: pd.DataFrame
    sources: pd.DataFrame
    header_row: int
    data_rows: int
    notes: tuple[str, ...] = field(default=())


@dataclass
class _Match:
    row: int
    positions: dict[str, int]
    header_unit: str | None
    missing: list[str]
    missing_mapped: list[str]
    duplicates: dict[str, list[str]]

    @property
    def complete(self) -> bool:
        return not self.missing and not self.missing_mapped

    @property
    def score(self) -> int:
        return len(self.positions)


def _same_header(header: str) -> Callable[[object], bool]:
    key = header_key(header)

    def same(value: object) -> bool:
        return text_of(value) is not None and header_key(value) == key

    return same


def _repeats_header(cells: pd.Series, header: str) -> npt.NDArray[np.bool_]:
    """Rows whose cell is the header text again (a header never looks like a number)."""
    numeric_header = bool(number_like(np.array([header], dtype=object))[0])
    return per_value(
        cells, _same_header(header), False, bool, numbers=None if numeric_header else False
    )


def _total_kind(value: object) -> int:
    if not isinstance(value, str):
        return _NONE
    match = _TOTAL_RE.match(value)
    if match is None:
        return _NONE
    return _SUBTOTAL if match.group("sub") else _TOTAL


def _match_row(cells: list[str | None], row: int, spec: SheetMapping) -> _Match:
    keys = [header_key(c) if c is not None else None for c in cells]
    bases = [header_key(split_header_unit(c)[0]) if c is not None else None for c in cells]
    wanted = {target: header_key(header) for target, header in spec.columns.items()}
    reserved = set(wanted) | {n for n in ("year", "activity", "unit") if getattr(spec, n)}
    positions: dict[str, int] = {}
    for target, key in wanted.items():
        for j, (k, b) in enumerate(zip(keys, bases, strict=True)):
            if k is not None and key in (k, b) and j not in positions.values():
                positions[target] = j
                break
    taken = set(positions.values())
    duplicates: dict[str, list[str]] = {}
    for j, (k, b) in enumerate(zip(keys, bases, strict=True)):
        if k is None or j in taken:
            continue
        canonical = COLUMN_ALIASES.get(k) or COLUMN_ALIASES.get(b or "")
        if canonical is None or canonical in reserved:
            continue
        if canonical in positions:
            first = cells[positions[canonical]] or ""
            duplicates.setdefault(canonical, [first]).append(cells[j] or "")
            continue
        positions[canonical] = j
    header_unit = None
    if "quantity" in positions:
        header_unit = split_header_unit(cells[positions["quantity"]] or "")[1]
    needed = [
        c for c in REQUIRED_COLUMNS if c not in ("year", "activity", "unit") or not getattr(spec, c)
    ]
    missing = [
        c for c in needed if c not in positions and not (c == "unit" and header_unit is not None)
    ]
    missing_mapped = [t for t in wanted if t not in positions]
    return _Match(row, positions, header_unit, missing, missing_mapped, duplicates)


def _header_cells(grid: Grid, row: int) -> list[str | None]:
    if grid.head is not None and row < grid.first_row:
        return [text_of(column.iloc[row]) for column in grid.head]
    return [text_of(column.iloc[row - grid.first_row]) for column in grid.columns]


def find_header(grid: Grid, spec: SheetMapping, search_rows: int) -> int:
    """Return the row (0-based) of the header of a grid (or of the head of a CSV file).

    Raises
    ------
    HeaderNotFoundError
        If no row within the first ``search_rows`` holds the required columns.
    ActivityDataError
        If columns are duplicated.
    """
    match = _find_header(grid, spec, search_rows)
    _name_columns(grid, match, _header_cells(grid, match.row))
    return match.row


def number_positions(grid: Grid, spec: SheetMapping, search_rows: int) -> dict[str, int]:
    """Column positions of year, quantity and abated_fraction (columns of numbers)."""
    match = _find_header(grid, spec, search_rows)
    return {
        name: j
        for name, j in match.positions.items()
        if name in ("year", "quantity", "abated_fraction")
    }


def _find_header(grid: Grid, spec: SheetMapping, search_rows: int) -> _Match:
    if grid.n_rows == 0:
        raise HeaderNotFoundError(
            [Problem(grid.where, None, None, None, ErrorReason.EMPTY_FILE, "the sheet is empty")]
        )
    if spec.header_row is not None:
        candidates = [spec.header_row - 1] if spec.header_row <= grid.n_rows else []
    else:
        candidates = list(range(min(search_rows, grid.n_rows)))
    best: _Match | None = None
    for row in candidates:
        match = _match_row(_header_cells(grid, row), row, spec)
        if match.complete:
            return match
        if best is None or match.score > best.score:
            best = match
    if best is None:
        message = f"header_row {spec.header_row} is below the last row ({grid.n_rows})"
        raise HeaderNotFoundError(
            [Problem(grid.where, spec.header_row, None, None, ErrorReason.MISSING_COLUMN, message)]
        )
    seen = [c for c in _header_cells(grid, best.row) if c is not None]
    problems = [
        Problem(
            grid.where,
            best.row + 1,
            name,
            None,
            ErrorReason.MISSING_COLUMN,
            f"required column missing; the columns are {', '.join(map(repr, seen))}"
            if spec.header_row is not None or best.score
            else f"no header row with {', '.join(best.missing)} in the first "
            f"{len(candidates)} rows",
        )
        for name in best.missing
    ]
    problems += [
        Problem(
            grid.where,
            best.row + 1,
            target,
            spec.columns[target],
            ErrorReason.MISSING_COLUMN,
            f"the mapping names the header {spec.columns[target]!r} for {target!r}; "
            f"the columns are {seen}",
        )
        for target in best.missing_mapped
    ]
    raise HeaderNotFoundError(problems)


def _name_columns(grid: Grid, match: _Match, cells: list[str | None]) -> list[str | None]:
    """Klimatkalk's name of each column position; None for a column without a header."""
    if match.duplicates:
        raise ActivityDataError(
            [
                Problem(
                    grid.where,
                    match.row + 1,
                    name,
                    given,
                    ErrorReason.DUPLICATE_COLUMN,
                    f"{len(given)} columns mean {name!r}: {given}",
                )
                for name, given in sorted(match.duplicates.items())
            ]
        )
    by_position = {j: name for name, j in match.positions.items()}
    names: list[str | None] = []
    used = set(match.positions)
    for j, cell in enumerate(cells):
        if j in by_position:
            names.append(by_position[j])
            continue
        if cell is None:
            names.append(None)
            continue
        name = cell if cell not in used else f"{cell} ({column_letter(j)})"
        used.add(name)
        names.append(name)
    return names


def _skipped_frame(
    grid: Grid, body: list[pd.Series], rows: npt.NDArray[np.intp], start: int, reasons: list[str]
) -> pd.DataFrame:
    """Return the skipped rows (``rows`` counted from ``start``) with their cells as text."""
    texts = np.full(len(rows), "", dtype=object)
    shown = np.flatnonzero(np.array(reasons, dtype=object) != "blank_row")
    if len(shown):
        records = (start + rows[shown]).tolist()
        if grid.record_cells is not None:  # the file's own text, also of cells read as numbers
            found = grid.record_cells(records)
            cells_of = [found.get(r, []) for r in records]
        else:
            columns = [column.iloc[rows[shown]].tolist() for column in body]
            cells_of = [list(c) for c in zip(*columns, strict=True)]
        for i, cells in zip(shown.tolist(), cells_of, strict=True):
            texts[i] = " | ".join(t for t in map(text_of, cells) if t is not None)[:_TEXT_LIMIT]
    return pd.DataFrame(
        {
            "origin_file": pd.Series([grid.name] * len(rows), dtype=object),
            "origin_sheet": pd.Series([grid.sheet] * len(rows), dtype=object),
            "origin_row": (start + rows + 1).astype(np.int64),
            "reason": pd.Series(reasons, dtype=object),
            "text": pd.Series(texts, dtype=object),
        }
    )


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def _classify(
    grid: Grid,
    body: list[pd.Series],
    spec: SheetMapping,
    match: _Match,
    n: int,
    empties: list[npt.NDArray[np.bool_]],
    decimal: Any,
) -> npt.NDArray[np.int8]:
    """Reason each data row is skipped (``_KEPT`` for a row that is kept)."""
    reason = np.zeros(n, dtype=np.int8)  # _KEPT, or the code of a _SKIP_REASONS entry
    blank = np.ones(n, dtype=bool)
    for column_empty in empties:
        blank &= column_empty[:n]
    if blank.any():
        reason[blank] = _BLANK
    pos = match.positions

    def cells(j: int) -> pd.Series:
        return body[j].iloc[:n]

    def empty(j: int) -> npt.NDArray[np.bool_]:
        return empties[j][:n]

    header = _header_cells(grid, match.row)
    if len(pos) >= 2:
        repeated = np.ones(n, dtype=bool)
        for j in pos.values():
            repeated &= _repeats_header(cells(j), header[j] or "")
            if not repeated.any():
                break
        if repeated.any():
            reason[repeated & (reason == _KEPT)] = _REPEATED
    key_column = pos.get("activity", pos.get("year"))
    key_empty = empty(key_column) if key_column is not None else np.zeros(n, dtype=bool)
    quantity_empty = empty(pos["quantity"]) if "quantity" in pos else np.ones(n, dtype=bool)
    open_rows = reason == _KEPT
    if spec.skip_totals:
        kind = np.zeros(n, dtype=np.int8)
        if "activity" in pos:
            kind = per_value(cells(pos["activity"]), _total_kind, _NONE, np.int8, numbers=_NONE)
        label_columns = {pos[c] for c in ("year", "unit", "org_unit", "period") if c in pos} | {0}
        may_label = key_empty if "activity" in pos else np.ones(n, dtype=bool)
        for j in sorted(label_columns - {pos.get("activity", -1)}):
            if j < len(body):
                other = per_value(cells(j), _total_kind, _NONE, np.int8, numbers=_NONE)
                if other.any():
                    kind = np.where((kind == _NONE) & may_label, other, kind)
        if kind.any():
            reason[open_rows & (kind == _TOTAL)] = _TOTAL_ROW
            reason[open_rows & (kind == _SUBTOTAL)] = _SUBTOTAL_ROW
            open_rows = reason == _KEPT
        if key_column is not None and "quantity" in pos and key_empty.any():
            candidates = np.flatnonzero(open_rows & key_empty & ~quantity_empty)
            if len(candidates):
                _sum_totals(reason, candidates, cells(pos["quantity"]), decimal)
                open_rows = reason == _KEPT
    if key_column is not None and key_empty.any():
        reason[open_rows & key_empty & quantity_empty] = _NOTE
    return reason


def _sum_totals(
    reason: npt.NDArray[np.int8],
    candidates: npt.NDArray[np.intp],
    quantity: pd.Series,
    decimal: Any,
) -> None:
    """Mark candidates whose quantity equals the sum of the data rows above them."""
    values = parse_numbers(quantity.reset_index(drop=True), decimal=decimal).values
    is_candidate = np.zeros(len(reason), dtype=bool)
    is_candidate[candidates] = True
    data = (reason == _KEPT) & ~is_candidate & np.isfinite(values)
    prefix = np.concatenate([[0.0], np.cumsum(np.where(data, values, 0.0))])
    count = np.concatenate([[0], np.cumsum(data)])
    totals = sorted(np.flatnonzero(np.isin(reason, [_TOTAL_ROW, _SUBTOTAL_ROW])).tolist())
    accepted: list[int] = []
    for p in candidates.tolist():
        q = values[p]
        if not np.isfinite(q):
            continue
        before = [t for t in totals if t < p] + [a for a in accepted if a < p]
        last = max(before) if before else -1
        section, rows = prefix[p] - prefix[last + 1], count[p] - count[last + 1]
        grand, all_rows = prefix[p], count[p]
        if (rows and _close(q, section)) or (all_rows and _close(q, grand)):
            reason[p] = _TOTAL_ROW
            accepted.append(p)


def _take(column: pd.Series, rows: npt.NDArray[np.intp], *, trim: bool = True) -> pd.Series:
    """Return the cells of some rows; a categorical keeps only the categories still used.

    ``trim=False`` where every category is known to be used by the column's rows (a column
    read from the first data row on): with every row kept it is returned as it is, and with
    the first rows kept only the categories of the rows below are looked for.
    """
    every = len(rows) == len(column)  # rows is 0, 1, …: no copy
    if every and not trim:
        return column.reset_index(drop=True)
    # rows are increasing: 0, 1, … n - 1 (rows skipped only at the bottom) is a slice, no copy
    prefix = not len(rows) or int(rows[-1]) == len(rows) - 1
    if not isinstance(column.dtype, pd.CategoricalDtype):
        if every or prefix:
            return column.iloc[: len(rows)].reset_index(drop=True)
        return pd.Series(column.to_numpy()[rows])
    codes = column.cat.codes.to_numpy()
    categories = column.cat.categories
    if prefix and not trim:  # every category is used by some row: look only at those below
        used = _used_in_prefix(codes, len(rows), len(categories))
        codes = codes[: len(rows)]
    else:
        codes = codes[: len(rows)] if every or prefix else codes[rows]
        used = np.bincount(codes.astype(np.intp) + 1, minlength=len(categories) + 1)[1:] > 0
    if not used.all():
        remap = np.full(len(categories) + 1, -1, dtype=codes.dtype)
        remap[:-1][used] = np.arange(int(used.sum()), dtype=codes.dtype)
        codes = remap[codes]
        categories = categories[used]
    return pd.Series(pd.Categorical.from_codes(codes, categories=categories))


def _label_code(spec: SheetMapping, value: object) -> object:
    """Map a cell of the activity column by the mapping's labels; a number as it is shown.

    An account number is a number cell in a workbook (4020.0): it matches the label "4020".
    A value that no label matches is returned unchanged.
    """
    if isinstance(value, str):
        return spec.activity_code(value)
    if isinstance(value, bool | np.bool_) or not isinstance(value, int | float | np.number):
        return value
    number = float(value)
    if not math.isfinite(number):
        return value
    text = str(int(number)) if number.is_integer() else repr(number)
    code = spec.activity_code(text)
    return value if code == text else code


def _kept_rows(skip: npt.NDArray[np.intp], n: int) -> npt.NDArray[np.int64]:
    """Return the rows 0 … n - 1 not in ``skip`` (a range where only the last are skipped).

    Examples
    --------
    >>> _kept_rows(np.array([3, 4]), 5).tolist(), _kept_rows(np.array([1]), 3).tolist()
    ([0, 1, 2], [0, 2])
    """
    if not len(skip) or int(skip[0]) == n - len(skip):  # none, or a block at the bottom
        return np.arange(n - len(skip), dtype=np.int64)
    keep = np.ones(n, dtype=np.bool_)
    keep[skip] = False
    return np.flatnonzero(keep).astype(np.int64, copy=False)


def _used_in_prefix(codes: npt.NDArray[Any], n: int, categories: int) -> npt.NDArray[np.bool_]:
    """Which categories the first ``n`` codes use, where every category is used by some code.

    Where the rows below ``n`` (a totals row, notes) hold a few categories, only those are
    looked for among the first ``n``; the others must be there.
    """
    below = np.unique(codes[n:])
    below = below[below >= 0]
    if len(below) > _FEW_BELOW:
        return np.bincount(codes[:n].astype(np.intp) + 1, minlength=categories + 1)[1:] > 0
    used = np.ones(categories, dtype=np.bool_)
    kept = codes[:n]
    for code in below.tolist():
        used[code] = bool((kept == code).any())
    return used


def _constant(value: object, n: int) -> pd.Categorical:
    return pd.Categorical.from_codes(np.zeros(n, dtype=np.int8), categories=pd.Index([value]))


def lay_out(
    grid: Grid,
    spec: SheetMapping,
    *,
    decimal: Any = None,
    header_search_rows: int = 50,
) -> Laid:
    """Turn a grid into named activity rows plus the rows skipped and the cells unreadable.

    Raises
    ------
    HeaderNotFoundError
        If no header row is found (or the sheet is empty).
    ActivityDataError
        For duplicate columns, and for CSV records with too few or too many fields.
    """
    match = _find_header(grid, spec, header_search_rows)
    header = _header_cells(grid, match.row)
    names = _name_columns(grid, match, header)
    start = match.row + 1
    notes: list[str] = []
    where = grid.name if grid.sheet is None else f"{grid.name}[{grid.sheet}]"
    if match.row > 0:
        notes.append(f"{where}: header on row {match.row + 1}; the rows above it are notes")

    if start < grid.first_row:  # pragma: no cover - the CSV reader reads from the header on
        msg = f"the header (row {start}) is above the rows read as data ({grid.first_row + 1})"
        raise AssertionError(msg)
    body = [column.iloc[start - grid.first_row :] for column in grid.columns]
    empties = [empty_mask(column) for column in body]
    blank_all = np.ones(grid.n_rows - start, dtype=bool)
    for column_empty in empties:
        blank_all &= column_empty
    # trailing blank rows end the table: the last row with a cell, found from the bottom
    filled = ~blank_all[::-1]
    end = start + (len(filled) - int(np.argmax(filled)) if filled.any() else 0)

    reason = _classify(grid, body, spec, match, end - start, empties, decimal)
    skip = np.flatnonzero(reason != _KEPT)
    kept = _kept_rows(skip, len(reason))  # counted from the first data row
    if grid.field_counts is not None and len(kept):
        _check_csv_fields(grid, body, empties, match, len(names), start, kept)
    skipped = _skipped_frame(grid, body, skip, start, _SKIP_REASONS[reason[skip]].tolist())
    n = len(kept)

    frame: dict[str, Any] = {}
    sources: list[tuple[str, str, str]] = []
    for j, given in enumerate(names):
        name = given
        if name is None:
            if empties[j][: end - start].all():
                continue
            name = f"column_{column_letter(j)}"
        frame[name] = _take(body[j], kept, trim=grid.head is None)
        sources.append((name, column_letter(j), header[j] or ""))

    if spec.labels and "activity" in frame:
        frame["activity"] = pd.Series(
            per_value(
                frame["activity"],
                lambda v: _label_code(spec, v),
                None,
                object,
            )
        )
        notes.append(f"{where}: activity labels mapped with {len(spec.labels)} mapping label(s)")
    for fixed in ("year", "activity", "unit"):
        value = getattr(spec, fixed)
        if value is not None:
            frame[fixed] = (
                np.full(n, value, dtype=np.int64) if fixed == "year" else _constant(value, n)
            )
            sources.append((fixed, "", f"mapping: {fixed} = {value}"))
    if "unit" not in frame and match.header_unit is not None:
        frame["unit"] = _constant(match.header_unit, n)
        quantity_header = header[match.positions["quantity"]] or ""
        sources.append(("unit", column_letter(match.positions["quantity"]), quantity_header))
        notes.append(f"{where}: unit {match.header_unit!r} from the header {quantity_header!r}")
    elif "unit" in match.positions and match.header_unit is not None:
        notes.append(
            f"{where}: the unit column is used; the unit {match.header_unit!r} in the "
            "quantity header is not"
        )
    frame["origin_file"] = _constant(grid.name, n)
    frame["origin_sheet"] = (
        _constant(grid.sheet, n)
        if grid.sheet is not None
        else pd.Categorical.from_codes(np.full(n, -1, dtype=np.int8), categories=pd.Index([]))
    )
    frame["origin_row"] = (
        np.arange(start + 1, start + 1 + n, dtype=np.int64)
        if not n or int(kept[-1]) == n - 1  # rows 0 … n - 1: one array, not two
        else (start + 1 + kept).astype(np.int64, copy=False)
    )
    out = pd.DataFrame(frame, copy=False)  # the columns as taken, not copied into blocks

    problems = _cell_problems(grid, out, names, start, kept, notes, where)
    source_frame = pd.DataFrame(sources, columns=["column", "excel_column", "header"])
    source_frame.insert(0, "origin_sheet", grid.sheet)
    source_frame.insert(0, "origin_file", grid.name)
    if len(skipped):
        counts = skipped["reason"].value_counts()
        notes.append(
            f"{where}: skipped "
            + ", ".join(
                f"{count} {str(name).replace('_', ' ')}(s)" for name, count in counts.items()
            )
        )
    assert n + len(skipped) == end - start  # every data row is read or skipped
    return Laid(
        frame=out,
        problems=problems,
        skipped=skipped,
        sources=source_frame,
        header_row=match.row + 1,
        data_rows=end - start,
        notes=tuple(notes),
    )


def _check_csv_fields(
    grid: Grid,
    body: list[pd.Series],
    empties: list[npt.NDArray[np.bool_]],
    match: _Match,
    width: int,
    start: int,
    kept: npt.NDArray[np.intp],
) -> None:
    """Refuse CSV records with cells beyond the header, or too short for a column that matters.

    Only rows that are read are checked: a note line at the bottom may be short.
    """
    assert grid.field_counts is not None
    header_fields = grid.field_counts([match.row]).get(match.row, width)
    extra: set[int] = set()
    for j in range(header_fields, len(body)):
        filled = ~empties[j][kept]
        extra.update((start + kept[filled]).tolist())
    used = [match.positions[c] for c in VALIDATED_COLUMNS if c in match.positions]
    last = max(used, default=0)
    short: set[int] = set()
    if used:
        short.update((start + kept[empties[last][kept]]).tolist())
    if not extra and not short:
        return
    counts = grid.field_counts(sorted(extra | short))
    bad = {
        row: count
        for row, count in sorted(counts.items())
        if row in extra or (row in short and count <= last)
    }
    if not bad:
        return
    raise ActivityDataError(
        [
            Problem(
                grid.path,
                row + 1,
                None,
                count,
                ErrorReason.INVALID_VALUE,
                f"{count} cells, the header has {header_fields}; check the separator "
                f"({grid.delimiter!r}) and quotes on this row",
            )
            for row, count in bad.items()
        ]
    )


def _cell_problems(
    grid: Grid,
    frame: pd.DataFrame,
    names: list[str | None],
    start: int,
    kept: npt.NDArray[np.intp],
    notes: list[str],
    where: str,
) -> pd.DataFrame:
    """Excel error values and formulas without a saved value in the columns that matter.

    ``kept`` are the rows read, counted from the first data row, ``start``.
    """
    found: dict[int, tuple[str, object, ErrorReason, str]] = {}
    positions = {name: j for j, name in enumerate(names) if name is not None}
    checked = [c for c in VALIDATED_COLUMNS if c in positions]
    if grid.formulas is not None:
        kept = start + kept  # rows of the grid
        by_position = {positions[c]: c for c in checked}
        elsewhere = 0
        for (row, j), text in sorted(grid.formulas().items()):
            at = int(np.searchsorted(kept, row))
            if at >= len(kept) or kept[at] != row:
                continue  # above the header, or a skipped row
            target = by_position.get(j)
            if target is None:
                elsewhere += 1
            elif is_empty(frame[target].iloc[at]):
                found.setdefault(at, (target, text, FORMULA_REASON, FORMULA_MESSAGE))
        if elsewhere:
            notes.append(
                f"{where}: {elsewhere} formula(s) without a saved value in other columns "
                "read as empty"
            )
    for column in checked:
        values = frame[column]
        if pd.api.types.is_numeric_dtype(values.dtype):  # numbers: no Excel error text
            continue
        error = per_value(
            values,
            lambda v: isinstance(v, str) and v.strip().upper() in EXCEL_ERRORS,
            False,
            bool,
            numbers=False,
        )
        for row in np.flatnonzero(error).tolist():
            value = values.iloc[row]
            found.setdefault(
                row,
                (
                    column,
                    value,
                    ErrorReason.INVALID_VALUE,
                    f"Excel error value {value}: the formula fails in Excel",
                ),
            )
    rows = sorted(found)
    return pd.DataFrame(
        {
            "row": np.array(rows, dtype=np.int64),
            "column": [found[r][0] for r in rows],
            "value": pd.Series([found[r][1] for r in rows], dtype=object),
            "reason": [found[r][2].value for r in rows],
            "message": [found[r][3] for r in rows],
        },
        columns=list(PROBLEM_COLUMNS),
    )
