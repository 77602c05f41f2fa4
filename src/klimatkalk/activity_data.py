"""Activity data: the :class:`ActivityTable` type and :func:`combine_activities`.

Required columns are ``year``, ``activity``, ``quantity`` and ``unit`` (Swedish headers ``år``,
``aktivitet``, ``mängd``, ``enhet`` are accepted too). Optional: ``org_unit`` (``verksamhet``),
``period``, ``comment``, ``abated_fraction`` (the share of a gas destroyed or captured, 0–1),
``vat_basis`` (``moms``: whether an amount in kronor is ``excl`` or ``incl`` VAT; ex VAT when
not given, as regions' ledgers are), a supplier's own factor for the row (``own_factor``,
``own_factor_unit``, ``own_factor_source`` and optionally ``own_factor_method``:
``supplier-specific`` or ``hybrid``) and any other column, which passes through to the result.
Quantities given as Swedish text (``"1 234,5"``) are parsed by :mod:`klimatkalk.numbers`, never
by pint. Text columns become categorical codes once, here.

Files are read as analysts receive them: CSV in any of Excel's dialects, xlsx workbooks with
several sheets, title and note lines above the header, totals rows, units in the header
(``Mängd (liter)``), the source's own labels (:mod:`klimatkalk.io.mapping`). Every row below the
header is accounted for: read (:attr:`ActivityTable.frame`), or skipped with its reason
(:attr:`ActivityTable.skipped`: blank, total, subtotal, note, repeated header). A row whose
year, quantity or abated fraction cannot be read is kept, with its problem recorded in
:attr:`ActivityTable.problems`; :func:`klimatkalk.calculate_emissions` puts it among the rejected
rows, so nothing is silently dropped. :meth:`ActivityTable.error_report` lists both, with file,
sheet, row and column as the user sees them in Excel.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Final, Literal

import numpy as np
import numpy.typing as npt
import pandas as pd

from klimatkalk.columns import (
    COLUMN_ALIASES,
    PROBLEM_COLUMNS,
    REQUIRED_COLUMNS,
    SKIPPED_COLUMNS,
    SOURCE_COLUMNS,
    header_key,
)
from klimatkalk.errors import ActivityDataError, ErrorReason, Problem
from klimatkalk.numbers import parse_numbers

__all__ = [
    "COLUMN_ALIASES",
    "INPUT_COLUMNS",
    "PROBLEM_COLUMNS",
    "REQUIRED_COLUMNS",
    "SKIPPED_COLUMNS",
    "ActivityTable",
    "combine_activities",
    "empty_problems",
]

INPUT_COLUMNS: Final = (
    "origin_file",
    "origin_sheet",
    "header_row",
    "data_rows",
    "rows",
    "skipped",
    "encoding",
    "delimiter",
)
"""Columns of :attr:`ActivityTable.inputs`: one line per CSV file or worksheet read."""

REPORT_COLUMNS: Final = (
    "origin_file",
    "origin_sheet",
    "origin_row",
    "excel_column",
    "header",
    "column",
    "value",
    "status",
    "reason",
    "message",
)
"""Columns of :meth:`ActivityTable.error_report`."""

_SKIP_MESSAGES: Final = {
    "blank_row": "blank row",
    "repeated_header": "the header row repeated",
    "total_row": "a total (Summa, Totalt, Total, or the sum of the rows above): not counted twice",
    "subtotal_row": "a subtotal (Delsumma, Subtotal): not counted twice",
    "note_row": "neither activity nor quantity: read as a note",
}
_MIN_YEAR, _MAX_YEAR = 1900, 2100
MAX_QUANTITY: Final = 1e307
"""The largest quantity read. ``1e308 l`` of diesel would overflow a float once multiplied by
its factor (2.5 kg/l); such a row is refused here, with its reason, rather than in the
calculation. (Rows below it that sum past a float are refused by the calculation.)"""


def _empty(columns: Sequence[str]) -> pd.DataFrame:
    # a copy of one frame made once: building a frame costs ~30 times more than copying it
    return _empty_template(tuple(columns)).copy()


@functools.cache
def _empty_template(columns: tuple[str, ...]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})


def empty_problems() -> pd.DataFrame:
    """Return an empty problems frame (the columns of :attr:`ActivityTable.problems`)."""
    return _empty(PROBLEM_COLUMNS)


def _empty_skipped() -> pd.DataFrame:
    return _empty(SKIPPED_COLUMNS)


def _empty_inputs() -> pd.DataFrame:
    return _empty(INPUT_COLUMNS)


def _empty_sources() -> pd.DataFrame:
    return _empty(SOURCE_COLUMNS)


@dataclass(frozen=True)
class ActivityTable:
    """Validated activity rows, ready for :func:`klimatkalk.calculate_emissions`.

    Attributes
    ----------
    frame : DataFrame
        ``year`` (Int64), ``activity`` and ``unit`` (categorical), ``quantity`` (float64, NaN
        where unreadable) and every other input column. The index is the row position 0…n-1.
        Rows read from files carry ``origin_file``, ``origin_sheet`` (None for CSV) and
        ``origin_row`` (the row number Excel shows).
    problems : DataFrame
        One line per unreadable row: ``row``, ``column``, ``value``, ``reason``, ``message``.
    file : str
        Where the rows came from (``"<frame>"`` for a DataFrame; files joined by ``", "``).
    encoding : str or None
        The text encoding of a CSV file, as detected (``utf-8``, ``utf-16`` or ``cp1252``).
    notes : tuple of str
        What the reader found and decided: dialect, header row, units taken from headers,
        rows skipped, sheets not read.
    delimiter : str or None
        The separator of a CSV file, as detected (``;``, ``,`` or tab).
    skipped : DataFrame
        Rows below the header that are not data: ``origin_file``, ``origin_sheet``,
        ``origin_row``, ``reason`` (``blank_row``, ``total_row``, ``subtotal_row``,
        ``note_row``, ``repeated_header``) and ``text`` (the row's cells).
    inputs : DataFrame
        One line per file or sheet read: ``origin_file``, ``origin_sheet``, ``header_row``,
        ``data_rows`` (rows below the header up to the last non-blank one), ``rows`` (read),
        ``skipped``, ``encoding``, ``delimiter``. ``rows + skipped == data_rows``.
    sources : DataFrame
        Where each column came from: ``origin_file``, ``origin_sheet``, ``column``,
        ``excel_column`` (letter) and ``header`` (the text in the file, or the mapping).
    as_written : DataFrame
        ``activity`` and ``unit`` as written in the input (categorical, index as
        :attr:`frame`'s), for the columns whose cleaning (stripping, lower-casing) changed a
        value: rejected rows show what the user can search for in the file
        (:meth:`written`). Without such a column it is the same as in :attr:`frame`.

    Examples
    --------
    >>> import pandas as pd
    >>> import klimatkalk as kk
    >>> acts = kk.ActivityTable.from_frame(pd.DataFrame({
    ...     "år": [2024, 2024], "aktivitet": ["diesel", "diesel"],
    ...     "mängd": ["1 234,5", "10"], "enhet": ["l", "m3"]}))
    >>> acts.frame["quantity"].tolist()
    [1234.5, 10.0]
    """

    frame: pd.DataFrame
    problems: pd.DataFrame
    file: str = "<frame>"
    encoding: str | None = None
    notes: tuple[str, ...] = field(default=())
    delimiter: str | None = None
    skipped: pd.DataFrame = field(default_factory=_empty_skipped, repr=False)
    inputs: pd.DataFrame = field(default_factory=_empty_inputs, repr=False)
    sources: pd.DataFrame = field(default_factory=_empty_sources, repr=False)
    as_written: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)

    def __len__(self) -> int:
        return len(self.frame)

    def __repr__(self) -> str:
        """Rows, years, activities, unreadable and skipped rows and the file, in one line."""
        from klimatkalk.formatting import format_number, language

        lang = language()
        years = pd.to_numeric(self.frame["year"], errors="coerce").dropna()
        span = f", {int(years.min())}–{int(years.max())}" if len(years) else ""
        n_activities = self.frame["activity"].nunique()
        n, bad, skipped = len(self.frame), len(self.problems), len(self.skipped)
        if lang == "sv":
            counts = (
                f"{format_number(n, lang=lang)} rader{span}, {n_activities} aktiviteter; "
                f"{format_number(bad, lang=lang)} med fel, "
                f"{format_number(skipped, lang=lang)} överhoppade"
            )
        else:
            counts = (
                f"{format_number(n, lang=lang)} rows{span}, {n_activities} activities; "
                f"{format_number(bad, lang=lang)} with problems, "
                f"{format_number(skipped, lang=lang)} skipped"
            )
        return f"<ActivityTable {counts}; {self.file}>"

    @classmethod
    def from_frame(
        cls,
        df: pd.DataFrame,
        *,
        file: str = "<frame>",
        decimal: Literal[",", "."] | None = None,
        encoding: str | None = None,
        aliases: bool = True,
        reader_problems: pd.DataFrame | None = None,
        vat_basis: Literal["excl", "incl"] | None = None,
    ) -> ActivityTable:
        """Validate a DataFrame of activity rows.

        Parameters
        ----------
        df : DataFrame
            Columns as described in the module docstring; Swedish headers are accepted.
        file : str
            Name used in problems and errors.
        decimal : {",", "."}, optional
            Decimal mark of text quantities; by default it is inferred, and ambiguous text
            (``"1,234"``) is refused.
        encoding : str, optional
            Recorded in :attr:`encoding`.
        aliases : bool
            Rename Swedish headers to klimatkalk's names (readers pass ``False``: their
            frame is already named).
        reader_problems : DataFrame, optional
            Problems a reader found in cells (formulas without a saved value…), in the
            layout of :attr:`problems`; they take precedence over what validation finds.
        vat_basis : {"excl", "incl"}, optional
            The VAT basis of amounts in kronor for the rows whose ``vat_basis`` cell is empty
            (or for all rows, without the column). Default: ex VAT.

        Raises
        ------
        ActivityDataError
            If a required column is missing or a header is duplicated. A frame without rows
            is an empty table (a file without data rows is refused by
            :func:`klimatkalk.read_activities`).
        """
        frame = _rename_columns(df, file, aliases=aliases)
        frame = frame.reset_index(drop=True)
        found: list[pd.DataFrame] = []
        if reader_problems is not None and len(reader_problems):
            found.append(reader_problems.loc[:, list(PROBLEM_COLUMNS)])

        plain_years = _plain_years(frame["year"])
        if plain_years is not None:  # whole numbers 1900–2100 already: nothing to parse
            frame["year"] = pd.Series(plain_years, index=frame.index, copy=False)
        else:
            year = parse_numbers(frame["year"])
            year_ok = ~year.failed & (np.mod(year.values, 1) == 0)
            year_ok &= (year.values >= _MIN_YEAR) & (year.values <= _MAX_YEAR)
            found.append(
                _problems(
                    frame,
                    "year",
                    ~year_ok,
                    year.reasons,
                    _dates_said(frame["year"], year.failed, year.messages),
                    ErrorReason.INVALID_YEAR,
                    "a year is a whole number 1900–2100",
                )
            )
            frame["year"] = pd.arrays.IntegerArray(
                np.where(year_ok, year.values, 0).astype(np.int64), ~year_ok
            )
            del year, year_ok  # 25 bytes a row: free them before the next column is parsed

        activity, activity_written = _categorical_and_written(frame["activity"], lower=True)
        found.append(
            _problems(
                frame,
                "activity",
                activity.isna().to_numpy(),
                None,
                None,
                ErrorReason.MISSING_VALUE,
                "the activity is empty",
            )
        )
        frame["activity"] = activity

        inferred_decimal, inferred_cells = None, ""
        if not _plain_quantities(frame["quantity"]):  # float64, finite and ≥ 0 stay as they are
            quantity = parse_numbers(frame["quantity"], decimal=decimal)
            negative = ~quantity.failed & (quantity.values < 0)
            found.append(
                _problems(
                    frame,
                    "quantity",
                    quantity.failed,
                    quantity.reasons,
                    quantity.messages,
                    ErrorReason.NOT_A_NUMBER,
                    "not a number",
                )
            )
            found.append(
                _problems(
                    frame,
                    "quantity",
                    negative,
                    None,
                    None,
                    ErrorReason.NEGATIVE_QUANTITY,
                    "a quantity is 0 or more; enter returns as their own activity",
                )
            )
            huge = ~quantity.failed & (quantity.values > MAX_QUANTITY)
            found.append(
                _problems(
                    frame,
                    "quantity",
                    huge,
                    None,
                    None,
                    ErrorReason.INVALID_VALUE,
                    "a quantity above 10^307 leaves no room for an emission factor before the "
                    "float overflows; check the unit and the decimal mark",
                )
            )
            inferred_decimal = quantity.inferred_decimal
            inferred_cells = _cells_named(frame, "quantity", quantity.inferred_rows)
            frame["quantity"] = np.where(quantity.failed | negative | huge, np.nan, quantity.values)
            del quantity, negative, huge

        unit, unit_written = _categorical_and_written(frame["unit"], lower=False)
        found.append(
            _problems(
                frame,
                "unit",
                unit.isna().to_numpy(),
                None,
                None,
                ErrorReason.MISSING_VALUE,
                "the unit is empty",
            )
        )
        frame["unit"] = unit

        if "abated_fraction" in frame:
            abated = parse_numbers(frame["abated_fraction"], decimal=decimal)
            blank = abated.reasons == ErrorReason.MISSING_VALUE.value  # str compare
            bad = (abated.failed & ~blank) | (abated.values < 0) | (abated.values > 1)
            found.append(
                _problems(
                    frame,
                    "abated_fraction",
                    bad,
                    None,
                    None,
                    ErrorReason.INVALID_VALUE,
                    "a share between 0 and 1",
                )
            )
            frame["abated_fraction"] = np.where(blank, 0.0, np.where(bad, np.nan, abated.values))
        if vat_basis is not None and vat_basis not in ("excl", "incl"):
            msg = f"vat_basis={vat_basis!r}; choose 'excl' or 'incl'"
            raise ValueError(msg)
        if "vat_basis" in frame or vat_basis is not None:
            found.append(_vat_basis_column(frame, vat_basis))
        if "own_factor" in frame:
            found.append(_own_factor_columns(frame, decimal))
        problems = pd.concat(found, ignore_index=True)
        problems = problems.sort_values("row", kind="stable").drop_duplicates("row")
        notes: tuple[str, ...] = ()
        if inferred_decimal is not None:
            mark = "comma" if inferred_decimal == "," else "point"
            notes = (
                f"{file}: quantity texts read with the decimal {mark} that the column's other "
                f"values show ({inferred_cells}; pass decimal=',' or '.' to say otherwise)",
            )
        written = {
            name: column
            for name, column in (("activity", activity_written), ("unit", unit_written))
            if column is not None
        }
        return cls(
            frame=frame,
            problems=problems.reset_index(drop=True),
            file=file,
            encoding=encoding,
            notes=notes,
            as_written=pd.DataFrame(written, index=frame.index, copy=False),
        )

    def written(self, column: str) -> pd.Series:
        """Return ``column`` of :attr:`frame` as written in the input (before cleaning).

        Examples
        --------
        >>> import pandas as pd
        >>> acts = ActivityTable.from_frame(pd.DataFrame({"year": [2024, 2024],
        ...     "activity": [" Diesle", "diesel"], "quantity": [1, 1], "unit": ["l", "l"]}))
        >>> acts.frame["activity"].tolist(), acts.written("activity").tolist()
        (['diesle', 'diesel'], [' Diesle', 'diesel'])
        """
        cleaned = self.frame[column]
        if column not in self.as_written:
            return cleaned
        given = self.as_written[column]
        if given.index.equals(cleaned.index):
            return given
        # rows selected from the table (frame[mask]): matched by index, cleaned where absent
        given = given.reindex(cleaned.index).astype(object)
        return given.where(given.notna(), cleaned.astype(object))

    def with_vat_basis(self, basis: Literal["excl", "incl"]) -> ActivityTable:
        """Return the table with ``basis`` as the VAT basis of rows that do not state one.

        Examples
        --------
        >>> import pandas as pd
        >>> acts = ActivityTable.from_frame(pd.DataFrame({"year": [2024, 2024], "activity":
        ...     ["purchase_food"] * 2, "quantity": [100, 100], "unit": ["SEK"] * 2,
        ...     "moms": ["inkl. moms", ""]}))
        >>> acts.with_vat_basis("excl").frame["vat_basis"].tolist()
        ['incl', 'excl']
        """
        if basis not in ("excl", "incl"):
            msg = f"vat_basis={basis!r}; choose 'excl' or 'incl'"
            raise ValueError(msg)
        frame = self.frame.copy(deep=False)
        if "vat_basis" in frame:
            given = frame["vat_basis"].astype(object)
            bad = set(self.problems.loc[self.problems["column"] == "vat_basis", "row"])
            blank = given.isna().to_numpy() & ~np.isin(np.arange(len(frame)), list(bad))
            filled = np.where(blank, basis, given.to_numpy())
        else:
            filled = np.full(len(frame), basis, dtype=object)
        frame["vat_basis"] = pd.Categorical(filled, categories=["excl", "incl"])
        return dataclasses.replace(self, frame=frame)

    def error_report(self, rejected: pd.DataFrame | None = None) -> pd.DataFrame:
        """Every rejected and skipped row, as the user finds it in the file.

        Parameters
        ----------
        rejected : DataFrame, optional
            ``result.rejected`` of :func:`klimatkalk.calculate_emissions` (which also holds
            unknown activities and units); :attr:`problems` by default.

        Returns
        -------
        DataFrame
            ``origin_file``, ``origin_sheet``, ``origin_row`` (Excel's row number),
            ``excel_column`` (letter), ``header`` (the column's header in the file),
            ``column`` (klimatkalk's name), ``value``, ``status`` (``rejected`` or
            ``skipped``), ``reason`` and ``message``; sorted by file, sheet and row.

        Examples
        --------
        >>> import pandas as pd
        >>> import klimatkalk as kk
        >>> acts = kk.ActivityTable.from_frame(pd.DataFrame({
        ...     "year": [2024, 2024], "activity": ["diesel", "diesel"],
        ...     "quantity": ["12 kr", "5"], "unit": ["l", "l"]}))
        >>> report = acts.error_report()
        >>> report[["origin_row", "column", "value", "reason"]].to_dict("records")
        [{'origin_row': 0, 'column': 'quantity', 'value': '12 kr', 'reason': 'not_a_number'}]
        """
        problems = self.problems if rejected is None else rejected
        rows = problems["row"].to_numpy(dtype=np.intp)
        frame = self.frame

        def origin(name: str, default: Any) -> Any:
            if name in frame:
                return frame[name].to_numpy(dtype=object)[rows]
            return default

        report = pd.DataFrame(
            {
                "origin_file": origin("origin_file", self.file),
                "origin_sheet": origin("origin_sheet", None),
                "origin_row": origin("origin_row", rows),
                "column": problems["column"].to_numpy(dtype=object),
                "value": problems["value"].to_numpy(dtype=object),
                "status": "rejected",
                "reason": problems["reason"].astype(str).to_numpy(dtype=object),
                "message": problems["message"].to_numpy(dtype=object),
            },
            index=pd.RangeIndex(len(problems)),
        )
        if len(self.sources) and len(report):
            keys = ["origin_file", "origin_sheet", "column"]
            lookup = self.sources.astype({k: object for k in keys}).fillna({"origin_sheet": ""})
            report = report.assign(origin_sheet=report["origin_sheet"].fillna(""))
            report = report.merge(lookup, on=keys, how="left")
            report["origin_sheet"] = report["origin_sheet"].replace("", None)
        skipped = self.skipped.assign(
            value=self.skipped["text"],
            status="skipped",
            message=self.skipped["reason"].map(_SKIP_MESSAGES),
        ).drop(columns=["text"])
        parts = [p for p in (report, skipped) if len(p)]
        if not parts:
            return _empty(REPORT_COLUMNS)
        out = pd.concat(parts, ignore_index=True).reindex(columns=list(REPORT_COLUMNS))
        order = np.lexsort(
            (
                pd.to_numeric(out["origin_row"], errors="coerce").to_numpy(),
                out["origin_sheet"].fillna("").astype(str).to_numpy(),
                out["origin_file"].fillna("").astype(str).to_numpy(),
            )
        )
        return out.iloc[order].reset_index(drop=True)


def combine_activities(tables: Sequence[ActivityTable]) -> ActivityTable:
    """Combine activity tables (from several files or sheets) into one.

    Rows keep their origin columns; categorical columns are merged by their categories (no
    row is turned back into text); problems, skipped rows, inputs and notes are concatenated.

    Parameters
    ----------
    tables : sequence of ActivityTable
        At least one table.

    Returns
    -------
    ActivityTable

    Examples
    --------
    >>> import pandas as pd
    >>> import klimatkalk as kk
    >>> a = kk.ActivityTable.from_frame(pd.DataFrame(
    ...     {"year": [2024], "activity": ["diesel"], "quantity": [1], "unit": ["l"]}))
    >>> b = kk.ActivityTable.from_frame(pd.DataFrame(
    ...     {"year": [2024], "activity": ["electricity"], "quantity": ["x"], "unit": ["kWh"]}))
    >>> both = combine_activities([a, b])
    >>> both.frame["activity"].tolist(), both.problems["row"].tolist()
    (['diesel', 'electricity'], [1])
    """
    if not tables:
        msg = "combine_activities needs at least one table"
        raise ValueError(msg)
    return _combine(list(tables))


_SAME_ROWS_KEYS: Final = ("year", "activity", "quantity", "unit", "org_unit")


def _same_rows(tables: list[ActivityTable]) -> tuple[str, ...]:
    """Return notes on tables holding the same rows as an earlier one (a file read twice?).

    Rows are compared as the multiset of (year, activity, quantity, unit, org unit): one hash
    per row, sorted, per table with as many rows as another.
    """
    notes: list[str] = []
    seen: dict[tuple[int, bytes], str] = {}
    for table in tables:
        keys = [k for k in _SAME_ROWS_KEYS if k in table.frame]
        if len(table.frame) == 0 or not any(
            len(t.frame) == len(table.frame) for t in tables if t is not table
        ):
            continue
        hashes = np.sort(pd.util.hash_pandas_object(table.frame[keys], index=False).to_numpy())
        key = (len(keys), hashes.tobytes())
        name = _where_read(table)
        if key in seen:
            notes.append(f"{name}: the same rows as {seen[key]}; read twice? The totals count both")
        else:
            seen[key] = name
    return tuple(notes)


def _where_read(table: ActivityTable) -> str:
    """Return the file (and sheet) a table was read from."""
    frame = table.frame
    if "origin_sheet" in frame and len(frame):
        sheet = frame["origin_sheet"].iloc[0]
        if isinstance(sheet, str) and sheet:
            return f"{table.file}[{sheet}]"
    return table.file


def _combine(tables: list[ActivityTable]) -> ActivityTable:
    if len(tables) == 1:
        return tables[0]
    with_rows = [t for t in tables if len(t.frame)]
    frame = _concat_frames([t.frame for t in with_rows]) if with_rows else tables[0].frame
    offsets = np.cumsum([0] + [len(t.frame) for t in with_rows])[:-1]
    problems = [
        t.problems.assign(row=t.problems["row"].to_numpy(dtype=np.int64) + offset)
        for t, offset in zip(with_rows, offsets, strict=True)
        if len(t.problems)
    ]

    def stack(frames: list[pd.DataFrame], empty: pd.DataFrame) -> pd.DataFrame:
        present = [f for f in frames if len(f)]
        return pd.concat(present, ignore_index=True) if present else empty

    def common(values: list[str | None]) -> str | None:
        found = {v for v in values if v is not None}
        return found.pop() if len(found) == 1 else None

    files = list(dict.fromkeys(t.file for t in tables))
    rewritten = list(dict.fromkeys(c for t in with_rows for c in t.as_written.columns))
    lengths = [len(t.frame) for t in with_rows]
    as_written = pd.DataFrame(
        {
            c: _concat_column(c, [_categorical_written(t, c) for t in with_rows], lengths).array
            for c in rewritten
        },
        index=frame.index,
    )
    return ActivityTable(
        frame=frame,
        problems=stack(problems, empty_problems()),
        file=", ".join(files),
        encoding=common([t.encoding for t in tables]),
        notes=tuple(n for t in tables for n in t.notes) + _same_rows(with_rows),
        delimiter=common([t.delimiter for t in tables]),
        skipped=stack([t.skipped for t in tables], _empty_skipped()),
        inputs=stack([t.inputs for t in tables], _empty_inputs()),
        sources=stack([t.sources for t in tables], _empty_sources()),
        as_written=as_written,
    )


def _categorical_written(table: ActivityTable, column: str) -> pd.Series:
    written = table.written(column)
    return written if isinstance(written.dtype, pd.CategoricalDtype) else written.astype("category")


def _concat_frames(frames: list[pd.DataFrame]) -> pd.DataFrame:
    if len(frames) == 1:
        return frames[0]
    lengths = [len(f) for f in frames]
    columns = list(dict.fromkeys(c for f in frames for c in f.columns))
    return pd.DataFrame(
        {c: _concat_column(c, [f[c] if c in f else None for f in frames], lengths) for c in columns}
    )


def _concat_column(name: str, parts: list[pd.Series | None], lengths: list[int]) -> pd.Series:
    present = [p for p in parts if p is not None]
    if all(isinstance(p.dtype, pd.CategoricalDtype) for p in present):
        seen = list(dict.fromkeys(v for p in present for v in p.cat.categories.tolist()))
        try:
            seen = sorted(seen)
        except TypeError:
            pass
        categories = pd.Index(seen) if seen else pd.Index([], dtype=object)
        codes = []
        for part, n in zip(parts, lengths, strict=True):
            if part is None:
                codes.append(np.full(n, -1, dtype=np.int64))
                continue
            remap = np.append(categories.get_indexer(part.cat.categories), -1)
            codes.append(remap[part.cat.codes.to_numpy(dtype=np.int64)])
        return pd.Series(pd.Categorical.from_codes(np.concatenate(codes), categories=categories))
    dtypes = {str(p.dtype) for p in present}
    dtype: Any = present[0].dtype if len(dtypes) == 1 else object
    fill: Any = None
    if pd.api.types.is_float_dtype(dtype):
        fill = 0.0 if name == "abated_fraction" else np.nan
    elif pd.api.types.is_integer_dtype(dtype) and not isinstance(dtype, np.dtype):
        fill = pd.NA
    elif pd.api.types.is_integer_dtype(dtype):
        dtype, fill = "Int64", pd.NA
    filled = [
        (p if p is not None else pd.Series([fill] * n, dtype=object)).astype(dtype)
        for p, n in zip(parts, lengths, strict=True)
    ]
    return pd.concat(filled, ignore_index=True)


def _rename_columns(df: pd.DataFrame, file: str, *, aliases: bool = True) -> pd.DataFrame:
    names = [str(c).strip() for c in df.columns]
    mapped = [COLUMN_ALIASES.get(header_key(n), n) if aliases else n for n in names]
    problems = []
    for name in sorted({m for m in mapped if mapped.count(m) > 1}):
        given = [n for n, m in zip(names, mapped, strict=True) if m == name]
        problems.append(
            Problem(
                file,
                1,
                name,
                given,
                ErrorReason.DUPLICATE_COLUMN,
                f"{len(given)} columns mean {name!r}: {given}",
            )
        )
    for name in REQUIRED_COLUMNS:
        if name not in mapped:
            problems.append(
                Problem(
                    file,
                    1,
                    name,
                    None,
                    ErrorReason.MISSING_COLUMN,
                    f"required column missing; the columns are {', '.join(map(repr, names))}",
                )
            )
    if problems:
        raise ActivityDataError(problems)
    frame = df.copy(deep=False)  # columns are replaced, never written into
    frame.columns = pd.Index(mapped)
    return frame


def _plain_years(values: pd.Series) -> Any:
    """Return the years as ``Int64`` without parsing (values not copied) if all are 1900–2100.

    Whole float64 years (a CSV year column with an empty cell in a skipped row) are cast. None
    when the column needs :func:`klimatkalk.numbers.parse_numbers` (text, fractions, missing
    or out-of-range years).
    """
    if values.dtype == np.float64:  # a CSV column with an empty cell in a skipped row
        return _whole_float_years(values.to_numpy())
    nullable = isinstance(values.dtype, pd.Int64Dtype)
    if not nullable and not (isinstance(values.dtype, np.dtype) and values.dtype.kind in "iu"):
        return None
    if len(values) == 0 or (nullable and bool(values.isna().any())):
        return None
    data = values.to_numpy(dtype=np.int64)  # a view where the column is int64 already
    if data.min() < _MIN_YEAR or data.max() > _MAX_YEAR:
        return None
    if nullable:
        return values.array
    return pd.arrays.IntegerArray(data, np.zeros(len(data), dtype=bool))


def _whole_float_years(given: npt.NDArray[np.float64]) -> Any:
    """Float years as ``Int64`` if all are whole and 1900–2100, else None."""
    # NaN fails both comparisons; the range is checked before the cast to int64
    if not len(given) or not (given.min() >= _MIN_YEAR and given.max() <= _MAX_YEAR):
        return None
    data = given.astype(np.int64)
    if not np.array_equal(data, given):  # 2024.5
        return None
    return pd.arrays.IntegerArray(data, np.zeros(len(data), dtype=bool))


def _cells_named(frame: pd.DataFrame, column: str, rows: npt.NDArray[np.intp]) -> str:
    """``row 3 '2.500', row 7 '15,976'``: cells by the row the user sees (``origin_row``)."""
    where = frame["origin_row"].to_numpy()[rows] if "origin_row" in frame else rows
    texts = frame[column].to_numpy(dtype=object)[rows]
    return ", ".join(f"row {int(r)} '{t}'" for r, t in zip(where, texts, strict=True))


def _plain_quantities(values: pd.Series) -> bool:
    """Tell whether the column is float64, 0–10^307: kept as it is, not copied."""
    if values.dtype != np.float64 or len(values) == 0:
        return False
    data = values.to_numpy()
    # min and max are NaN when any value is: then the comparison is False.
    return bool(data.min() >= 0) and bool(data.max() <= MAX_QUANTITY)


_VAT_WORDS: Final = {
    "excl": (
        *("excl", "exkl", "ex", "exclvat", "exvat"),
        *("exmoms", "exklmoms", "exklusivemoms", "utanmoms"),
    ),
    "incl": ("incl", "inkl", "inclvat", "inklmoms", "inklusivemoms", "medmoms"),
}
_VAT_KEYS: Final = {w: basis for basis, words in _VAT_WORDS.items() for w in words}
_OWN_METHODS: Final = {
    "supplierspecific": "supplier-specific",
    "leverantörsspecifik": "supplier-specific",
    "hybrid": "hybrid",
}


def _word_key(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalpha())


def _vat_basis_column(frame: pd.DataFrame, default: str | None) -> pd.DataFrame:
    """Normalise ``vat_basis`` to ``excl``/``incl`` (blank: ``default``), per distinct text."""
    if "vat_basis" not in frame:
        frame["vat_basis"] = pd.Categorical([default] * len(frame), categories=["excl", "incl"])
        return _NO_PROBLEMS
    given = _categorical(frame["vat_basis"], lower=True)
    meaning = [_VAT_KEYS.get(_word_key(str(c))) for c in given.cat.categories]
    codes = given.cat.codes.to_numpy()
    lut = np.array([["excl", "incl"].index(m) if m else -2 for m in meaning] + [-1])
    new = lut[codes]  # -1 blank, -2 not understood
    bad = new == -2
    problems = _problems(
        frame,
        "vat_basis",
        bad,
        None,
        None,
        ErrorReason.INVALID_VALUE,
        "write exkl or inkl (moms) for an amount excluding or including VAT",
    )
    if default is not None:
        new[new == -1] = ["excl", "incl"].index(default)
    new[bad] = -1
    frame["vat_basis"] = pd.Categorical.from_codes(new, categories=pd.Index(["excl", "incl"]))
    return problems


def _own_factor_columns(frame: pd.DataFrame, decimal: Literal[",", "."] | None) -> pd.DataFrame:
    """Parse a row's own factor: a number ≥ 0 with its unit and source (and method)."""
    value = parse_numbers(frame["own_factor"], decimal=decimal)
    blank = value.reasons == ErrorReason.MISSING_VALUE.value
    given = ~blank
    bad = given & (value.failed | (value.values < 0))
    found = [
        _problems(
            frame,
            "own_factor",
            bad,
            None,
            None,
            ErrorReason.INVALID_VALUE,
            "an own factor is a number of 0 or more",
        )
    ]
    for column in ("own_factor_unit", "own_factor_source"):
        text = (
            _categorical(frame[column], lower=False)
            if column in frame
            else pd.Series(pd.Categorical([None] * len(frame)), index=frame.index)
        )
        frame[column] = text
        lacking = given & ~bad & text.isna().to_numpy()
        found.append(
            _problems(
                frame,
                column,
                lacking,
                None,
                None,
                ErrorReason.MISSING_VALUE,
                "an own factor needs its unit (kg CO2e / kg) and its source",
            )
        )
        bad |= lacking
    method = _categorical(
        frame["own_factor_method"]
        if "own_factor_method" in frame
        else pd.Series([None] * len(frame), index=frame.index, dtype=object),
        lower=True,
    )
    meaning = [_OWN_METHODS.get(_word_key(str(c))) for c in method.cat.categories]
    names = ["supplier-specific", "hybrid"]
    lut = np.array([names.index(m) if m else -2 for m in meaning] + [-1])
    codes = lut[method.cat.codes.to_numpy()]
    unknown = given & (codes == -2)
    if "own_factor_method" in frame:
        found.append(
            _problems(
                frame,
                "own_factor_method",
                unknown,
                None,
                None,
                ErrorReason.INVALID_VALUE,
                "the method of an own factor is leverantörsspecifik or hybrid",
            )
        )
    bad |= unknown
    codes = np.where(given, np.where(codes < 0, 0, codes), -1)
    frame["own_factor_method"] = pd.Categorical.from_codes(codes, categories=pd.Index(names))
    frame["own_factor"] = np.where(given & ~bad, value.values, np.nan)
    return pd.concat(found, ignore_index=True)


_DATE_TEXT: Final = re.compile(r"\s*\d{4}-\d{1,2}(-\d{1,2})?([ T].*)?")
_DATE_MESSAGE: Final = "a date, not a year: write the year alone (e.g. 2024)"


def _dates_said(
    cells: pd.Series, failed: npt.NDArray[np.bool_], messages: npt.NDArray[np.object_]
) -> npt.NDArray[np.object_]:
    """Return the year messages with a date (a date cell, or text like ``2024-01``) said as one."""
    rows = np.flatnonzero(failed)
    if not len(rows):
        return messages
    codes, uniques = pd.factorize(cells.to_numpy(dtype=object)[rows], use_na_sentinel=True)
    is_date = np.array(
        [
            isinstance(v, datetime.date) or (isinstance(v, str) and bool(_DATE_TEXT.fullmatch(v)))
            for v in uniques
        ]
        + [False],  # a missing cell (code -1)
        dtype=np.bool_,
    )  # once per distinct value
    dates = is_date[codes]
    if not dates.any():
        return messages
    said = messages.copy()
    said[rows[dates]] = _DATE_MESSAGE
    return said


def _categorical(values: pd.Series, *, lower: bool) -> pd.Series:
    """Strip (and lower-case) each distinct value once; blanks become missing."""
    return _categorical_and_written(values, lower=lower)[0]


def _categorical_and_written(
    values: pd.Series, *, lower: bool
) -> tuple[pd.Series, pd.Series | None]:
    """Return the cleaned column and, when cleaning changed a value, the column as written.

    Each distinct value is stripped (and lower-cased) once; blanks become missing. A
    categorical column is cleaned per category: its codes are kept as they are when the
    categories are already clean (sorted, stripped, lower-case where asked, none blank), and
    remapped with one small table otherwise. The column as written is categorical too (the
    input itself, or its distinct values and one code a row).
    """
    if isinstance(values.dtype, pd.CategoricalDtype):
        return _clean_categories(values, lower=lower)
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    cleaned = [_clean_text(u, lower=lower) for u in uniques]
    categories = sorted({c for c in cleaned if c})
    index = {c: i for i, c in enumerate(categories)}
    remap = np.array([index.get(c, -1) for c in cleaned] + [-1], dtype=np.int32)
    clean = pd.Series(
        pd.Categorical.from_codes(remap[codes], categories=pd.Index(categories)),
        index=values.index,
    )
    if not _changed(uniques, cleaned):
        return clean, None
    written = pd.Categorical.from_codes(codes, categories=pd.Index(uniques), validate=False)
    return clean, pd.Series(written, index=values.index)


def _clean_text(value: object, *, lower: bool) -> str:
    text = str(value).strip()
    return text.lower() if lower else text


def _changed(given: Iterable[object], cleaned: Sequence[str]) -> bool:
    """Whether cleaning changed a non-blank value's text."""
    return any(c and str(g) != c for g, c in zip(given, cleaned, strict=True))


def _clean_categories(values: pd.Series, *, lower: bool) -> tuple[pd.Series, pd.Series | None]:
    given = list(values.cat.categories)
    cleaned = [_clean_text(u, lower=lower) for u in given]
    codes = np.asarray(values.array.codes)
    used = _used_categories(codes, len(given))
    cleaned = [c if u else "" for c, u in zip(cleaned, used, strict=True)]  # unused: none
    categories = sorted({c for c in cleaned if c})
    if not values.cat.ordered and cleaned == categories and given == cleaned:
        return values, None  # already clean, every category used: the column as it is
    index = {c: i for i, c in enumerate(categories)}
    remap = np.array([index.get(c, -1) for c in cleaned] + [-1], dtype=np.int32)
    clean = pd.Series(
        pd.Categorical.from_codes(
            remap.take(codes.astype(np.intp)), categories=pd.Index(categories), validate=False
        ),
        index=values.index,
    )
    return clean, values if _changed(given, cleaned) else None


_FEW_CATEGORIES: Final = 16


def _used_categories(codes: npt.NDArray[Any], n: int) -> npt.NDArray[np.bool_]:
    """Which of ``n`` categories some code uses (-1 is missing).

    For a few categories, one comparison of the (small) codes per category is cheaper than
    counting them all through an array of machine integers.

    Examples
    --------
    >>> _used_categories(np.array([0, 2, -1], dtype=np.int8), 3).tolist()
    [True, False, True]
    """
    if n <= _FEW_CATEGORIES:
        return np.array([bool((codes == i).any()) for i in range(n)], dtype=np.bool_)
    return np.bincount(codes.astype(np.intp) + 1, minlength=n + 1)[1:] > 0


_NO_PROBLEMS: Final = pd.DataFrame(
    {
        "row": np.empty(0, dtype=np.intp),
        "column": np.empty(0, dtype=object),
        "value": np.empty(0, dtype=object),
        "reason": np.empty(0, dtype=object),
        "message": np.empty(0, dtype=object),
    }
)


def _problems(
    frame: pd.DataFrame,
    column: str,
    mask: np.ndarray,
    reasons: np.ndarray | None,
    messages: np.ndarray | None,
    default_reason: ErrorReason,
    default_message: str,
) -> pd.DataFrame:
    if not mask.any():
        return _NO_PROBLEMS
    rows = np.flatnonzero(mask)
    reason = np.full(len(rows), default_reason.value, dtype=object)
    message = np.full(len(rows), default_message, dtype=object)
    if reasons is not None and messages is not None:
        codes, given = pd.factorize(reasons[rows], use_na_sentinel=True)  # a few distinct
        texts = np.array([str(getattr(r, "value", r)) for r in given] + [""], dtype=object)
        has = codes >= 0
        reason[has] = texts[codes[has]]
        message[has] = messages[rows][has]
    return pd.DataFrame(
        {
            "row": rows,
            "column": column,
            "value": frame[column].to_numpy()[rows] if len(rows) else [],
            "reason": reason,
            "message": message,
        }
    )
