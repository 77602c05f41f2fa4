"""Activity data: :class:`ActivityTable` and :func:`read_activities` for CSV and xlsx.

Required columns are ``year``, ``activity``, ``quantity`` and ``unit`` (Swedish headers ``år``,
``aktivitet``, ``mängd``, ``enhet`` are accepted too). Optional: ``org_unit`` (``verksamhet``),
``period``, ``comment``, ``abated_fraction`` (the share of a gas destroyed or captured, 0–1) and
any other column, which passes through to the result. Quantities given as Swedish text
(``"1 234,5"``) are parsed by :mod:`klimatkalk.numbers`, never by pint. Text columns become
categorical codes once, here.

A row whose year, quantity or abated fraction cannot be read is kept, with its problem recorded in
:attr:`ActivityTable.problems`; :func:`klimatkalk.calculate_emissions` puts it among the rejected
rows, so nothing is silently dropped.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path
from typing import Final, Literal

import numpy as np
import pandas as pd

from klimatkalk.errors import ActivityDataError, ErrorReason, Problem
from klimatkalk.numbers import parse_numbers

__all__ = [
    "COLUMN_ALIASES",
    "PROBLEM_COLUMNS",
    "REQUIRED_COLUMNS",
    "ActivityTable",
    "read_activities",
]

REQUIRED_COLUMNS: Final = ("year", "activity", "quantity", "unit")
PROBLEM_COLUMNS: Final = ("row", "column", "value", "reason", "message")

COLUMN_ALIASES: Final[dict[str, str]] = {
    "year": "year",
    "år": "year",
    "ar": "year",
    "activity": "activity",
    "aktivitet": "activity",
    "quantity": "quantity",
    "mängd": "quantity",
    "mangd": "quantity",
    "antal": "quantity",
    "unit": "unit",
    "enhet": "unit",
    "org_unit": "org_unit",
    "verksamhet": "org_unit",
    "period": "period",
    "månad": "period",
    "comment": "comment",
    "kommentar": "comment",
    "abated_fraction": "abated_fraction",
    "andel_destruerad": "abated_fraction",
}
"""Header spellings (case-insensitive, spaces as ``_``) and the column each one means."""

_MIN_YEAR, _MAX_YEAR = 1900, 2100


@dataclass(frozen=True)
class ActivityTable:
    """Validated activity rows, ready for :func:`klimatkalk.calculate_emissions`.

    Attributes
    ----------
    frame : DataFrame
        ``year`` (Int64), ``activity`` and ``unit`` (categorical), ``quantity`` (float64, NaN
        where unreadable) and every other input column. The index is the row position 0…n-1.
    problems : DataFrame
        One line per unreadable row: ``row``, ``column``, ``value``, ``reason``, ``message``.
    file : str
        Where the rows came from (``"<frame>"`` for a DataFrame).
    encoding : str or None
        The text encoding of a CSV file, as detected.

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

    def __len__(self) -> int:
        return len(self.frame)

    @classmethod
    def from_frame(
        cls,
        df: pd.DataFrame,
        *,
        file: str = "<frame>",
        decimal: Literal[",", "."] | None = None,
        encoding: str | None = None,
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

        Raises
        ------
        ActivityDataError
            If a required column is missing, a header is duplicated, or there are no rows.
        """
        frame = _rename_columns(df, file)
        if len(frame) == 0:
            raise ActivityDataError(
                [Problem(file, None, None, None, ErrorReason.EMPTY_FILE, "no data rows")]
            )
        frame = frame.reset_index(drop=True)
        found: list[pd.DataFrame] = []

        year = parse_numbers(frame["year"])
        year_ok = ~year.failed & (np.mod(year.values, 1) == 0)
        year_ok &= (year.values >= _MIN_YEAR) & (year.values <= _MAX_YEAR)
        found.append(
            _problems(
                frame,
                "year",
                ~year_ok,
                year.reasons,
                year.messages,
                ErrorReason.INVALID_YEAR,
                "a year is a whole number 1900–2100",
            )
        )
        frame["year"] = pd.array(np.where(year_ok, year.values, np.nan), dtype="Int64")

        activity = _categorical(frame["activity"], lower=True)
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
        frame["quantity"] = np.where(quantity.failed | negative, np.nan, quantity.values)

        unit = _categorical(frame["unit"], lower=False)
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
        problems = pd.concat(found, ignore_index=True)
        problems = problems.sort_values("row", kind="stable").drop_duplicates("row")
        return cls(
            frame=frame, problems=problems.reset_index(drop=True), file=file, encoding=encoding
        )


def read_activities(
    path: str | PathLike[str],
    *,
    sheet: str | int = 0,
    decimal: Literal[",", "."] | None = None,
) -> ActivityTable:
    """Read activity rows from a CSV or xlsx file.

    CSV files may be ``,``, ``;`` or tab separated, in UTF-8 (with or without BOM) or cp1252
    (Excel's "CSV" export on Swedish Windows); the encoding found is kept in
    :attr:`ActivityTable.encoding`. Every cell is read as text and numbers are parsed by
    :mod:`klimatkalk.numbers`.

    Parameters
    ----------
    path : path
        A ``.csv``, ``.txt`` or ``.xlsx`` file.
    sheet : str or int
        The xlsx sheet (name or position).
    decimal : {",", "."}, optional
        Decimal mark of text numbers (inferred by default).

    Raises
    ------
    ActivityDataError
        If the file is empty, cannot be decoded, lacks a required column or has duplicate
        headers.
    """
    file = Path(path)
    suffix = file.suffix.lower()
    if suffix in {".xlsx", ".xlsm"}:
        frame = _read_xlsx(file, sheet)
        encoding = None
    elif suffix in {".csv", ".txt", ".tsv"}:
        frame, encoding = _read_csv(file)
    else:
        raise ActivityDataError(
            [
                Problem(
                    str(file),
                    None,
                    None,
                    suffix,
                    ErrorReason.UNSUPPORTED_FORMAT,
                    "read .csv, .txt, .tsv or .xlsx files",
                )
            ]
        )
    frame["origin_file"] = file.name
    frame["origin_row"] = np.arange(2, len(frame) + 2)  # the header is row 1
    return ActivityTable.from_frame(frame, file=str(file), decimal=decimal, encoding=encoding)


def _read_csv(file: Path) -> tuple[pd.DataFrame, str]:
    raw = file.read_bytes()
    if not raw.strip():
        raise ActivityDataError(
            [Problem(str(file), None, None, None, ErrorReason.EMPTY_FILE, "the file is empty")]
        )
    try:
        text, encoding = raw.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        try:
            text, encoding = raw.decode("cp1252"), "cp1252"
        except UnicodeDecodeError as exc:
            raise ActivityDataError(
                [
                    Problem(
                        str(file),
                        None,
                        None,
                        repr(raw[exc.start : exc.end]),
                        ErrorReason.ENCODING,
                        "neither UTF-8 nor cp1252; save the file as 'CSV UTF-8' in Excel",
                    )
                ]
            ) from None
    first_line = text.splitlines()[0]
    delimiter = max([";", ",", "\t"], key=first_line.count)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    rows = list(reader)
    header = [h.strip() for h in rows[0]]
    body = [r for r in rows[1:]]
    width = len(header)
    bad = [i for i, r in enumerate(body) if len(r) != width and any(c.strip() for c in r)]
    if bad:
        raise ActivityDataError(
            [
                Problem(
                    str(file),
                    i + 2,
                    None,
                    delimiter.join(body[i]),
                    ErrorReason.INVALID_VALUE,
                    f"{len(body[i])} cells, the header has {width}",
                )
                for i in bad
            ]
        )
    body = [r if len(r) == width else [""] * width for r in body]
    frame = pd.DataFrame(body, columns=pd.Index(header), dtype=object)
    return frame, encoding


def _read_xlsx(file: Path, sheet: str | int) -> pd.DataFrame:
    frame = pd.read_excel(file, sheet_name=sheet, dtype=object, engine="openpyxl")
    if frame.empty and len(frame.columns) == 0:
        raise ActivityDataError(
            [Problem(str(file), None, None, None, ErrorReason.EMPTY_FILE, "the sheet is empty")]
        )
    # pandas renames duplicate headers to "x.1"; undo that so the duplicate is reported.
    frame.columns = pd.Index(
        [
            str(c).split(".")[0] if "." in str(c) and str(c).rsplit(".", 1)[1].isdigit() else str(c)
            for c in frame.columns
        ]
    )
    return frame


def _rename_columns(df: pd.DataFrame, file: str) -> pd.DataFrame:
    names = [str(c).strip() for c in df.columns]
    mapped = [COLUMN_ALIASES.get(n.lower().replace(" ", "_"), n) for n in names]
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
                    f"required column missing; the columns are {names}",
                )
            )
    if problems:
        raise ActivityDataError(problems)
    frame = df.copy()
    frame.columns = pd.Index(mapped)
    return frame


def _categorical(values: pd.Series, *, lower: bool) -> pd.Series:
    """Strip (and lower-case) each distinct value once; blanks become missing."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    cleaned = [str(u).strip() for u in uniques]
    if lower:
        cleaned = [c.lower() for c in cleaned]
    categories = sorted({c for c in cleaned if c})
    index = {c: i for i, c in enumerate(categories)}
    remap = np.array([index.get(c, -1) for c in cleaned] + [-1], dtype=np.int32)
    return pd.Series(
        pd.Categorical.from_codes(remap[codes], categories=pd.Index(categories)),
        index=values.index,
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
    rows = np.flatnonzero(mask)
    reason = pd.Series([default_reason.value] * len(rows), dtype=object)
    message = pd.Series([default_message] * len(rows), dtype=object)
    if reasons is not None and messages is not None and len(rows):
        given = reasons[rows]
        has = np.array([r is not None for r in given], dtype=bool)
        reason = reason.where(~has, pd.Series([r.value if r else None for r in given]))
        message = message.where(~has, pd.Series(messages[rows]))
    return pd.DataFrame(
        {
            "row": rows,
            "column": column,
            "value": frame[column].to_numpy()[rows] if len(rows) else [],
            "reason": reason,
            "message": message,
        }
    )
