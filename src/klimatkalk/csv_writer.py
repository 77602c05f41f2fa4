r"""CSV files that klimatkalk writes: for a Swedish Excel by default, for programs on request.

Every CSV klimatkalk writes goes through :func:`write_csv` (or :func:`csv_text`), so that all of
them follow the same two rules:

``style="excel"`` (the default, for people)
    Opens correctly in a Swedish Excel by double click: ``;`` between fields, decimal comma,
    UTF-8 with a byte-order mark (without it Excel reads UTF-8 as Windows-1252: ``Ã¤`` for
    ``ä``), CRLF line ends, and floats rounded to 12 significant digits, so that the round-off
    of binary arithmetic (``218400.00000000003``) never shows. ``-0`` is written as ``0``.
``style="machine"`` (for programs)
    ``,`` between fields, decimal point, UTF-8 without a byte-order mark, LF line ends and
    floats as Python writes them (every digit needed to read the same float back).

In both styles, text that a spreadsheet would run as a formula (a cell starting with ``=``,
``+``, ``-``, ``@``, tab or carriage return) is written behind an apostrophe, as OWASP
recommends [1]_; column names are treated the same way. Numbers are never touched: a negative
number stays a number, and a text cell that is just a number (``"-5"``, ``"-1,5"``) stays as
written. Text columns are cleaned once per distinct value, not per row.

References
----------
.. [1] OWASP, "CSV Injection", https://owasp.org/www-community/attacks/CSV_Injection
"""

from __future__ import annotations

import re
from os import PathLike
from pathlib import Path
from typing import Final, Literal

import numpy as np
import pandas as pd

__all__ = ["CSV_STYLES", "FORMULA_PREFIXES", "CsvStyle", "csv_text", "neutralise", "write_csv"]

CsvStyle = Literal["excel", "machine"]
CSV_STYLES: Final[tuple[CsvStyle, ...]] = ("excel", "machine")

FORMULA_PREFIXES: Final = ("=", "+", "-", "@", "\t", "\r")
"""Leading characters that make a spreadsheet treat a cell as a formula (OWASP)."""

SIGNIFICANT_DIGITS: Final = 12
"""Significant digits of floats in ``style="excel"``: well above any input's precision, well
below binary round-off (about 16 digits)."""

_PLAIN_NUMBER: Final = re.compile(r"[-+]?(?:\d[\d \u00a0]*)?[.,]?\d+(?:[eE][-+]?\d+)?")


def neutralise(text: str) -> str:
    r"""Return ``text`` so that no spreadsheet reads it as a formula.

    Text starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return gets a leading
    apostrophe, unless it is a plain number.

    Examples
    --------
    >>> neutralise('=HYPERLINK("http://x","y")')
    '\'=HYPERLINK("http://x","y")'
    >>> neutralise("-2+3+cmd|' /C calc'!A0")
    "'-2+3+cmd|' /C calc'!A0"
    >>> neutralise("-1,5"), neutralise("Ambulans")
    ('-1,5', 'Ambulans')
    """
    if text.startswith(FORMULA_PREFIXES) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def csv_text(
    frame: pd.DataFrame,
    *,
    style: CsvStyle = "excel",
    index: bool = False,
    index_label: str | None = None,
) -> str:
    """Return ``frame`` as CSV text in ``style``, with LF line ends and no byte-order mark.

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"verksamhet": ["=1+1", "Akut"], "t": [218400.00000000003, -0.0]})
    >>> print(csv_text(frame), end="")
    verksamhet;t
    '=1+1;218400
    Akut;0
    >>> print(csv_text(frame.assign(t=[0.5, 2.25])), end="")
    verksamhet;t
    '=1+1;0,5
    Akut;2,25
    >>> print(csv_text(frame.assign(t=[0.5, 2.25]), style="machine"), end="")
    verksamhet,t
    '=1+1,0.5
    Akut,2.25
    """
    if style not in CSV_STYLES:
        msg = f"style={style!r}; choose one of {', '.join(CSV_STYLES)}"
        raise ValueError(msg)
    excel = style == "excel"
    safe = _safe_frame(frame, excel=excel)
    label = None if index_label is None else neutralise(index_label)
    text: str = safe.to_csv(
        index=index,
        index_label=label,
        sep=";" if excel else ",",
        decimal="," if excel else ".",
        float_format=f"%.{SIGNIFICANT_DIGITS}g" if excel else None,
        lineterminator="\n",
    )
    return text


def write_csv(
    frame: pd.DataFrame,
    path: str | PathLike[str],
    *,
    style: CsvStyle = "excel",
    index: bool = False,
    index_label: str | None = None,
) -> Path:
    r"""Write ``frame`` to ``path`` as CSV in ``style``; return the path.

    Examples
    --------
    >>> import pandas as pd, tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> path = write_csv(pd.DataFrame({"år": [2024], "t": [1.5]}), folder / "ut.csv")
    >>> path.read_bytes()
    b'\xef\xbb\xbf\xc3\xa5r;t\r\n2024;1,5\r\n'
    """
    target = Path(path)
    text = csv_text(frame, style=style, index=index, index_label=index_label)
    encoding = "utf-8-sig" if style == "excel" else "utf-8"
    newline = "\r\n" if style == "excel" else "\n"
    with target.open("w", encoding=encoding, newline=newline) as stream:
        stream.write(text)
    return target


def _safe_frame(frame: pd.DataFrame, *, excel: bool) -> pd.DataFrame:
    """Return a copy of ``frame`` with neutral text, and readable numbers in ``excel`` style."""
    columns: dict[int, pd.Series] = {}
    for i in range(frame.shape[1]):
        values = frame.iloc[:, i]
        if pd.api.types.is_float_dtype(values.dtype):
            columns[i] = values + 0.0 if excel else values  # -0.0 + 0.0 is 0.0
        elif pd.api.types.is_numeric_dtype(values.dtype) or pd.api.types.is_bool_dtype(
            values.dtype
        ):
            columns[i] = values
        else:
            columns[i] = _text_column(values, excel=excel)
    safe = pd.DataFrame(columns, index=frame.index)
    safe.columns = pd.Index([neutralise(str(c)) for c in frame.columns])
    if frame.index.name is not None:
        safe.index = safe.index.rename(neutralise(str(frame.index.name)))
    return safe


def _text_column(values: pd.Series, *, excel: bool) -> pd.Series:
    """Neutralise text and format numbers in a text column, once per distinct value."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    cleaned = np.empty(len(uniques) + 1, dtype=object)
    cleaned[:-1] = [_cell(u, excel=excel) for u in uniques]
    cleaned[-1] = None  # the sentinel -1 picks this: a missing value stays empty
    return pd.Series(cleaned[codes], index=values.index, dtype=object)


def _cell(value: object, *, excel: bool) -> object:
    if isinstance(value, str):
        return neutralise(value)
    if isinstance(value, bool | np.bool_):
        return value
    if isinstance(value, float | np.floating):
        if not excel:
            return repr(float(value))
        text = f"{float(value) + 0.0:.{SIGNIFICANT_DIGITS}g}"
        return text.replace(".", ",")
    if isinstance(value, int | np.integer):
        return str(value)
    return neutralise(str(value))
