"""Swedish-aware parsing of numbers that arrive as text from Excel or CSV files.

Activity quantities often reach klimatkalk as text: ``"1 234,5"`` from a Swedish Excel sheet,
``"1234.5"`` from an English CSV export, ``"−12"`` with a typographic minus sign. This module turns
such text into floats and refuses everything it cannot read with certainty. Numbers in user data
are never parsed by pint or by a bare :func:`float` call: Python's ``float`` accepts ``"1_000"``,
``"nan"``, ``"inf"`` and Arabic-Indic digits, none of which is a quantity.

Rules
-----
* Leading and trailing whitespace is ignored. Empty text is a missing value
  (:attr:`~klimatkalk.errors.ErrorReason.MISSING_VALUE`).
* A number may start with ``+``, ``-`` or U+2212 MINUS SIGN. Other dashes (U+2013 en dash, …)
  are rejected.
* Only ASCII digits ``0``-``9`` are accepted.
* The decimal mark is ``,`` or ``.``. Thousands separators are a space, U+00A0 NO-BREAK SPACE,
  U+2009 THIN SPACE or U+202F NARROW NO-BREAK SPACE, and only between groups of exactly three
  digits (``"1 234 567,5"``). With an explicit ``decimal`` the other mark is also accepted as a
  thousands separator (``"1.234,5"`` with ``decimal=","``, ``"1,234.5"`` with ``decimal="."``).
  All thousands separators of one number must be of one kind (the space variants count as one).
* Scientific notation is accepted: ``"1.5e3"``, ``"1,5E3"``, ``"2e−3"``.
* With ``decimal=None`` (auto mode) a single ``,`` or a single ``.`` is the decimal mark, and
  ``.`` is never a thousands separator. Text that auto mode will not guess at is rejected with
  :attr:`~klimatkalk.errors.ErrorReason.AMBIGUOUS_NUMBER` and a message asking for ``decimal``:

  - a single comma with exactly three digits after it, a non-zero integer part of one to three
    digits and no other separator (``"1,234"``, ``"12,500"``), which reads as 1.234 in Sweden
    and as 1234 in English. ``"0,125"``, ``"1,5"`` and ``"1 234,567"`` are not ambiguous;
  - more than one comma (``"1,234,567"``, ``"1,234,5"``), more than one point
    (``"1.234.567"``) or both a comma and a point (``"1.234,5"``, ``"1,234.5"``). This holds
    even when no choice of ``decimal`` would make the text a number (``"1.2.3"``).

Missing values, booleans, infinities and NaN text (``"inf"``, ``"nan"``) are never numbers.
"""

from __future__ import annotations

import math
import numbers
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Final, Literal, cast

import numpy as np
import numpy.typing as npt
import pandas as pd

from klimatkalk.errors import ErrorReason, NumberFormatError

__all__ = ["ParsedNumbers", "parse_number", "parse_numbers"]

_SPACES: Final = " \u00a0\u2009\u202f"
_SIGNS: Final = "+-\u2212"
_DIGITS: Final = "0123456789"
_SEPARATORS: Final = _SPACES + ",."
_ALLOWED: Final = frozenset(_DIGITS + _SEPARATORS + _SIGNS + "eE")
_DASHES: Final = frozenset("\u2010\u2011\u2012\u2013\u2014\u2015\ufe58\ufe63\uff0d")
_NON_FINITE_WORDS: Final = frozenset({"inf", "infinity", "nan", "snan"})

# sign, mantissa, optional exponent. The mantissa is digit runs separated by single separator
# characters; it may start with a decimal mark (",5") but not end with a separator.
_NUMBER_RE: Final = re.compile(
    r"(?P<sign>[+\-\u2212])?"
    r"(?P<mantissa>[.,]?[0-9]+(?:[ \u00a0\u2009\u202f.,][0-9]+)*)"
    r"(?:[eE](?P<exponent>[+\-\u2212]?[0-9]+))?"
)
_SEPARATOR_RE: Final = re.compile(r"[^0-9]")
_EXPONENT_RE: Final = re.compile(r"[+\-\u2212]?[0-9]+")

_AMBIGUOUS_HINT: Final = 'pass decimal="," or decimal="." to say which is the decimal mark'
_MISSING_MESSAGE: Final = "value is missing"
_BOOLEAN_MESSAGE: Final = "a boolean is not a number"
_TOO_LARGE_MESSAGE: Final = "the value is too large to be represented as a float"

_DecimalMark = Literal[",", "."]


def _fail(text: str, reason: ErrorReason, message: str) -> NumberFormatError:
    return NumberFormatError(text, reason, message)


def _char_name(ch: str) -> str:
    return f"{ch!r} (U+{ord(ch):04X})"


def _check_characters(text: str, body: str) -> None:
    """Raise for the first character that cannot be part of a number."""
    if body.lstrip(_SIGNS).lower() in _NON_FINITE_WORDS:
        raise _fail(text, ErrorReason.NOT_A_NUMBER, "infinity and NaN are not accepted as numbers")
    for ch in body:
        if ch in _ALLOWED:
            continue
        if ch.isdigit():
            message = f"only ASCII digits 0-9 are accepted, not {_char_name(ch)}"
        elif ch in _DASHES:
            message = f"{_char_name(ch)} is not a minus sign; use '-' or '\u2212' (U+2212)"
        else:
            message = f"the character {_char_name(ch)} is not allowed in a number"
        raise _fail(text, ErrorReason.NOT_A_NUMBER, message)


def _shape_message(body: str) -> str:
    """Explain why ``body`` (allowed characters only) does not have the shape of a number."""
    if body.count("e") + body.count("E") > 1:
        return "there is more than one exponent marker 'e'"
    unsigned = body[1:] if body[0] in _SIGNS else body
    mantissa, *rest = re.split(r"[eE]", unsigned, maxsplit=1)
    exponent = rest[0] if rest else None
    checks = (
        (
            not any(ch in _DIGITS for ch in mantissa),
            "there are no digits"
            if exponent is None
            else "there are no digits before the exponent",
        ),
        (any(ch in _SIGNS for ch in mantissa), "a sign may only appear once, at the start"),
        (
            exponent is not None and _EXPONENT_RE.fullmatch(exponent) is None,
            "the exponent must be a whole number, as in '1.5e3' or '2e-3'",
        ),
        (mantissa[-1:] in tuple(_SEPARATORS), "a separator must be followed by a digit"),
        (mantissa[:1] in tuple(_SPACES), "there must be no space after the sign"),
    )
    return next(
        (message for failed, message in checks if failed),
        "separators must stand between digits, one at a time",
    )


def _separator_kind(sep: str) -> str:
    return " " if sep in _SPACES else sep


def _parse_mantissa(
    text: str, mantissa: str, decimal_mark: str | None, thousands: str
) -> tuple[str, str]:
    """Split a validated mantissa into integer digits and fraction digits."""
    groups = _SEPARATOR_RE.split(mantissa)
    seps = _SEPARATOR_RE.findall(mantissa)
    for sep in seps:
        if sep != decimal_mark and sep not in thousands:
            # Only reachable in auto mode, which has already excluded these; kept as a guard.
            raise _fail(text, ErrorReason.NOT_A_NUMBER, f"{sep!r} is not allowed here")
    marks = [i for i, sep in enumerate(seps) if sep == decimal_mark]
    if len(marks) > 1:
        raise _fail(
            text, ErrorReason.NOT_A_NUMBER, f"there is more than one decimal mark {decimal_mark!r}"
        )
    if marks:
        mark = marks[0]
        if mark != len(seps) - 1:
            raise _fail(
                text,
                ErrorReason.NOT_A_NUMBER,
                "thousands separators must not appear after the decimal mark",
            )
        int_groups, fraction = groups[: mark + 1], groups[mark + 1]
        int_seps = seps[:mark]
    else:
        int_groups, fraction, int_seps = groups, "", seps
    if int_seps:
        if len({_separator_kind(sep) for sep in int_seps}) > 1:
            raise _fail(
                text, ErrorReason.NOT_A_NUMBER, "thousands separators of different kinds are mixed"
            )
        if not 1 <= len(int_groups[0]) <= 3 or any(len(g) != 3 for g in int_groups[1:]):
            raise _fail(
                text,
                ErrorReason.NOT_A_NUMBER,
                "thousands separators must group exactly three digits",
            )
    return "".join(int_groups), fraction


def _parse_text(text: str, decimal: _DecimalMark | None) -> float:
    body = text.strip()
    if not body:
        raise _fail(text, ErrorReason.MISSING_VALUE, "value is empty")
    _check_characters(text, body)
    match = _NUMBER_RE.fullmatch(body)
    if match is None:
        raise _fail(text, ErrorReason.NOT_A_NUMBER, _shape_message(body))
    mantissa = match["mantissa"]
    commas, points = mantissa.count(","), mantissa.count(".")
    if decimal is None:
        if commas and points:
            raise _fail(
                text, ErrorReason.AMBIGUOUS_NUMBER, f"both '.' and ',' are used; {_AMBIGUOUS_HINT}"
            )
        if commas > 1:
            raise _fail(
                text, ErrorReason.AMBIGUOUS_NUMBER, f"there are several commas; {_AMBIGUOUS_HINT}"
            )
        if points > 1:
            raise _fail(
                text,
                ErrorReason.AMBIGUOUS_NUMBER,
                "there are several points, and '.' is only read as a thousands separator when "
                'decimal="," is passed',
            )
        decimal_mark: str | None = "," if commas else "." if points else None
        integer, fraction = _parse_mantissa(text, mantissa, decimal_mark, _SPACES)
        if (
            decimal_mark == ","
            and len(fraction) == 3
            and 1 <= len(integer) <= 3
            and int(integer) != 0
            and mantissa == f"{integer},{fraction}"
        ):
            raise _fail(
                text,
                ErrorReason.AMBIGUOUS_NUMBER,
                "the comma could be a decimal comma or a thousands separator; "
                'pass decimal="," or decimal="."',
            )
    else:
        other = "." if decimal == "," else ","
        integer, fraction = _parse_mantissa(text, mantissa, decimal, _SPACES + other)
    exponent = (match["exponent"] or "0").replace("\u2212", "-")
    sign = "-" if match["sign"] in ("-", "\u2212") else ""
    value = float(f"{sign}{integer or '0'}.{fraction or '0'}e{exponent}")
    if math.isinf(value):
        raise _fail(text, ErrorReason.NOT_A_NUMBER, _TOO_LARGE_MESSAGE)
    return value


def _parse_object(value: object, decimal: _DecimalMark | None) -> float:
    """Parse one cell of any type; raise :class:`NumberFormatError` if it is not a number."""
    if isinstance(value, str):
        return _parse_text(value, decimal)
    text = str(value)
    if (
        value is None
        or value is pd.NA
        or value is pd.NaT
        or (isinstance(value, np.datetime64 | np.timedelta64) and np.isnat(value))
        or (isinstance(value, Decimal) and value.is_nan())
    ):
        raise _fail(text, ErrorReason.MISSING_VALUE, _MISSING_MESSAGE)
    if isinstance(value, bool | np.bool_):
        raise _fail(text, ErrorReason.NOT_A_NUMBER, _BOOLEAN_MESSAGE)
    if isinstance(value, numbers.Real | Decimal):
        try:
            result = float(value)
        except OverflowError:
            raise _fail(text, ErrorReason.NOT_A_NUMBER, _TOO_LARGE_MESSAGE) from None
        if math.isnan(result):
            raise _fail(text, ErrorReason.MISSING_VALUE, _MISSING_MESSAGE)
        if math.isinf(result):
            raise _fail(text, ErrorReason.NOT_A_NUMBER, "infinite values are not accepted")
        return result
    raise _fail(
        text, ErrorReason.NOT_A_NUMBER, f"a value of type {type(value).__name__} is not a number"
    )


def _check_decimal(decimal: object) -> None:
    if decimal not in (None, ",", "."):
        raise ValueError(f"decimal must be ',', '.' or None, not {decimal!r}")


def parse_number(text: str | float | int, *, decimal: Literal[",", "."] | None = None) -> float:
    """Parse one number written the Swedish or the English way.

    Parameters
    ----------
    text
        The text to parse, e.g. ``"1 234,5"``. Ints and floats pass through unchanged (as a
        float); NaN is a missing value, infinities and booleans are not numbers.
    decimal
        The decimal mark. ``None`` (the default) reads a single ``,`` or ``.`` as the decimal
        mark and rejects text that could be read both ways. ``","`` also accepts ``.`` as a
        thousands separator and ``"."`` accepts ``,`` as one.

    Returns
    -------
    float
        The finite value.

    Raises
    ------
    NumberFormatError
        With ``reason`` :attr:`~klimatkalk.errors.ErrorReason.MISSING_VALUE` for empty text
        or NaN, :attr:`~klimatkalk.errors.ErrorReason.AMBIGUOUS_NUMBER` for text such as
        ``"1,234"`` that needs ``decimal``, and
        :attr:`~klimatkalk.errors.ErrorReason.NOT_A_NUMBER` otherwise.
    ValueError
        If ``decimal`` is not ``","``, ``"."`` or ``None``.

    Examples
    --------
    >>> parse_number("1 234,5")
    1234.5
    >>> parse_number(" -0,125 ")
    -0.125
    >>> parse_number("1.5e3")
    1500.0
    >>> parse_number("1.234,5", decimal=",")
    1234.5
    >>> parse_number("1,234", decimal=".")
    1234.0
    >>> parse_number("1,234")
    Traceback (most recent call last):
    ...
    klimatkalk.errors.NumberFormatError: '1,234' is not a number: the comma could be a decimal comma or a thousands separator; pass decimal="," or decimal="."
    >>> parse_number("12 34")
    Traceback (most recent call last):
    ...
    klimatkalk.errors.NumberFormatError: '12 34' is not a number: thousands separators must group exactly three digits
    """  # noqa: E501
    _check_decimal(decimal)
    return _parse_object(text, decimal)


@dataclass(frozen=True, eq=False)
class ParsedNumbers:
    """The result of :func:`parse_numbers`: one entry per input row, in input order.

    Attributes
    ----------
    values
        The parsed values; NaN where parsing failed.
    failed
        ``True`` where parsing failed.
    reasons
        The :class:`~klimatkalk.errors.ErrorReason` of each failed row, ``None`` elsewhere.
    messages
        A short English explanation for each failed row, ``None`` elsewhere.

    Examples
    --------
    >>> result = parse_numbers(["1 234,5", "12 kr", None])
    >>> result.values.tolist()
    [1234.5, nan, nan]
    >>> result.failed.tolist()
    [False, True, True]
    >>> [reason.value if reason else None for reason in result.reasons]
    [None, 'not_a_number', 'missing_value']
    >>> result.messages[1]
    "the character 'k' (U+006B) is not allowed in a number"
    """

    values: npt.NDArray[np.float64]
    failed: npt.NDArray[np.bool_]
    reasons: npt.NDArray[np.object_]
    messages: npt.NDArray[np.object_]
    inferred_decimal: Literal[",", "."] | None = None
    """The decimal mark :func:`parse_numbers` inferred for the column's ambiguous texts."""


def _objects(size: int, fill: object) -> npt.NDArray[np.object_]:
    """Return an object array of ``fill``; unlike ``np.full`` it keeps enum members as they are."""
    array = np.empty(size, dtype=object)
    array.fill(fill)
    return array


def _from_numeric(values: npt.NDArray[np.float64], missing: npt.NDArray[np.bool_]) -> ParsedNumbers:
    values = values.copy()
    infinite = np.isinf(values)
    failed = missing | infinite
    values[failed] = np.nan
    reasons = _objects(len(values), None)
    messages = _objects(len(values), None)
    reasons[missing] = ErrorReason.MISSING_VALUE
    messages[missing] = _MISSING_MESSAGE
    reasons[infinite] = ErrorReason.NOT_A_NUMBER
    messages[infinite] = "infinite values are not accepted"
    return ParsedNumbers(values, failed, reasons, messages)


def _from_codes(
    codes: npt.NDArray[np.intp],
    uniques: npt.NDArray[np.object_],
    decimal: _DecimalMark | None,
    boolean_rows: npt.NDArray[np.intp],
) -> ParsedNumbers:
    """Parse each distinct value once and spread the results over the rows by ``codes``.

    Code ``-1`` marks a missing value; it picks the extra last entry of each lookup table.
    ``boolean_rows`` are rows holding a boolean that factorize merged with 0 or 1.
    """
    size = len(uniques) + 1
    u_values = np.full(size, np.nan, dtype=np.float64)
    u_failed = np.ones(size, dtype=np.bool_)
    u_reasons = _objects(size, None)
    u_messages = _objects(size, None)
    u_reasons[-1] = ErrorReason.MISSING_VALUE
    u_messages[-1] = _MISSING_MESSAGE
    u_failed[_parse_plain_decimals(uniques, decimal, u_values)] = False
    for i in np.flatnonzero(u_failed[:-1]).tolist():
        value = uniques[i]
        try:
            u_values[i] = _parse_object(value, decimal)
        except NumberFormatError as err:
            u_reasons[i] = err.reason
            u_messages[i] = err.message
        else:
            u_failed[i] = False
    values, failed = u_values[codes], u_failed[codes]
    reasons, messages = u_reasons[codes], u_messages[codes]
    values[boolean_rows] = np.nan
    failed[boolean_rows] = True
    reasons[boolean_rows] = ErrorReason.NOT_A_NUMBER
    messages[boolean_rows] = _BOOLEAN_MESSAGE
    return ParsedNumbers(values, failed, reasons, messages)


_PLAIN_MAX_LENGTH: Final = 32
_ZERO, _NINE, _DOT, _MINUS = ord("0"), ord("9"), ord("."), ord("-")


def _parse_plain_decimals(
    uniques: npt.NDArray[np.object_], decimal: _DecimalMark | None, out: npt.NDArray[np.float64]
) -> npt.NDArray[np.intp]:
    """Fast path: convert the distinct texts that are plain ASCII decimals in one go.

    ``"12"`` and ``"-3.5"`` (with ``decimal=","`` plain integers only) mean the same under every
    rule of :func:`parse_number`: ASCII digits, at most one point between digits, a leading
    minus. The check runs on the characters as a numpy array, not per text; everything else
    goes to the full parser. Writes the values into ``out`` and returns the positions done.
    """
    is_text = np.asarray(np.frompyfunc(type, 1, 1)(uniques) == str, dtype=np.bool_)  # noqa: E721
    positions = np.flatnonzero(is_text)
    if not len(positions):
        return positions
    texts = uniques[positions]
    lengths = np.fromiter(map(len, texts), dtype=np.intp, count=len(texts))
    short = (lengths > 0) & (lengths <= _PLAIN_MAX_LENGTH)
    positions, texts, lengths = positions[short], texts[short], lengths[short]
    if not len(positions):
        return positions
    chars = np.array(texts.tolist(), dtype=str)
    codes = chars.view(np.uint32).reshape(len(chars), -1)  # padded with NUL
    inside = np.arange(codes.shape[1])[None, :] < lengths[:, None]  # a NUL in the text fails
    digit = (codes >= _ZERO) & (codes <= _NINE)
    dot = codes == _DOT
    minus = codes == _MINUS
    plain = (digit | dot | minus | ~inside).all(axis=1)
    plain &= ~minus[:, 1:].any(axis=1)  # a minus only in front
    plain &= dot.sum(axis=1) <= (0 if decimal == "," else 1)
    start = minus[:, 0].astype(np.intp)
    rows = np.arange(len(codes))
    plain &= digit[rows, np.minimum(start, codes.shape[1] - 1)]  # a digit after the sign
    plain &= digit[rows, lengths - 1]  # and at the end
    values = np.full(len(chars), np.nan)
    values[plain] = chars[plain].astype(np.float64)
    done = plain & np.isfinite(values)  # a 30-digit integer is fine, an overflow is not
    converted: npt.NDArray[np.intp] = positions[done]
    out[converted] = values[done]
    return converted


_BOOL_FREE_KINDS: Final = frozenset(
    {"integer", "floating", "mixed-integer-float", "decimal", "complex", "empty"}
)


def _split_booleans(
    array: npt.NDArray[np.object_],
    codes: npt.NDArray[np.intp],
    uniques: npt.NDArray[np.object_],
) -> tuple[npt.NDArray[np.object_], npt.NDArray[np.intp]]:
    """Undo factorize merging booleans with the numbers 0 and 1 (``True == 1 == 1.0``).

    Returns ``uniques`` with every boolean replaced by the equal int, so that numbers that share
    a code with a boolean parse as numbers, and the rows that hold a boolean. Only rows whose
    distinct value is a boolean or a number equal to 0 or 1 are inspected, and those one by one
    only when they mix booleans with numbers.
    """
    no_rows = np.empty(0, dtype=np.intp)
    risky = [
        i
        for i, value in enumerate(uniques)
        if isinstance(value, bool | np.bool_)
        or (isinstance(value, numbers.Number | Decimal) and value in (0, 1))
    ]
    if not risky:
        return uniques, no_rows
    uniques = uniques.copy()
    for i in risky:
        if isinstance(uniques[i], bool | np.bool_):
            uniques[i] = int(uniques[i])
    rows = np.flatnonzero(np.isin(codes, risky))
    sample = array[rows]
    kind = pd.api.types.infer_dtype(sample, skipna=False)
    if kind in _BOOL_FREE_KINDS:
        return uniques, no_rows
    if kind == "boolean":
        return uniques, rows
    is_bool = np.fromiter(
        (isinstance(v, bool | np.bool_) for v in sample), dtype=np.bool_, count=len(sample)
    )
    return uniques, rows[is_bool]


def _parse_series(series: pd.Series[Any], decimal: _DecimalMark | None) -> ParsedNumbers:
    dtype = series.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        categories = _parse_series(pd.Series(series.cat.categories), decimal)
        codes = series.cat.codes.to_numpy(dtype=np.intp)
        missing_row = ParsedNumbers(
            np.array([np.nan]),
            np.array([True]),
            _objects(1, ErrorReason.MISSING_VALUE),
            _objects(1, _MISSING_MESSAGE),
        )
        merged = {
            name: np.concatenate([getattr(categories, name), getattr(missing_row, name)])[codes]
            for name in ("values", "failed", "reasons", "messages")
        }
        return ParsedNumbers(
            merged["values"], merged["failed"], merged["reasons"], merged["messages"]
        )
    if pd.api.types.is_bool_dtype(dtype):
        missing = series.isna().to_numpy(dtype=np.bool_)
        n = len(series)
        reasons = _objects(n, ErrorReason.NOT_A_NUMBER)
        messages = _objects(n, _BOOLEAN_MESSAGE)
        reasons[missing] = ErrorReason.MISSING_VALUE
        messages[missing] = _MISSING_MESSAGE
        return ParsedNumbers(np.full(n, np.nan), np.ones(n, dtype=np.bool_), reasons, messages)
    if pd.api.types.is_integer_dtype(dtype) or pd.api.types.is_float_dtype(dtype):
        values = series.to_numpy(dtype=np.float64, na_value=np.nan)
        return _from_numeric(values, np.isnan(values))
    array = series.to_numpy(dtype=object)
    no_rows = np.empty(0, dtype=np.intp)
    try:
        codes, found = pd.factorize(array, use_na_sentinel=True)
    except TypeError:
        # Unhashable cells (lists, dicts): no column of numbers, so parse row by row.
        return _from_codes(np.arange(len(array), dtype=np.intp), array, decimal, no_rows)
    uniques = np.asarray(found, dtype=object)
    if isinstance(dtype, pd.StringDtype):
        return _from_codes(codes, uniques, decimal, no_rows)
    uniques, boolean_rows = _split_booleans(array, codes, uniques)
    return _from_codes(codes, uniques, decimal, boolean_rows)


def parse_numbers(
    values: pd.Series[Any] | Sequence[object],
    *,
    decimal: Literal[",", "."] | None = None,
    infer_decimal: bool = True,
) -> ParsedNumbers:
    """Parse a column of numbers, reporting failures per row instead of raising.

    Numeric columns (including pandas' nullable ``Int64`` and ``Float64``) are converted without
    parsing. Text and mixed columns are parsed one distinct value at a time, so the cost grows
    with the number of distinct values, not with the number of rows. The rules are those of
    :func:`parse_number`.

    Parameters
    ----------
    values
        A pandas Series or a sequence (list, tuple, numpy array) of cells: text, numbers,
        ``None`` or NaN.
    decimal
        The decimal mark, as for :func:`parse_number`.
    infer_decimal
        With ``decimal=None``: when some texts are ambiguous (``"15,976"``) and the column's
        other texts use only one decimal mark unambiguously (``"1,5"``, ``"1 234,56"``), read
        the ambiguous ones with that mark too, and say so in
        :attr:`ParsedNumbers.inferred_decimal`. A column that gives no evidence, or evidence
        for both marks, keeps them ambiguous.

    Returns
    -------
    ParsedNumbers
        Values, failure flags, reasons and messages, one per row in input order.

    Raises
    ------
    TypeError
        If ``values`` is a single string.
    ValueError
        If ``decimal`` is not ``","``, ``"."`` or ``None``.

    Examples
    --------
    >>> result = parse_numbers(pd.Series(["2 000", "1,234", "2 000"]))
    >>> result.values.tolist()  # no other text in the column shows which mark "," is
    [2000.0, nan, 2000.0]
    >>> result.reasons[1].value
    'ambiguous_number'
    >>> parse_numbers(["1,234", "1.5"], decimal=".").values.tolist()
    [1234.0, 1.5]

    A column whose other values show the decimal comma (a Swedish Excel export):

    >>> inferred = parse_numbers(["15,976", "2,5", "1 234,56"])
    >>> inferred.values.tolist(), inferred.inferred_decimal
    ([15.976, 2.5, 1234.56], ',')
    """
    _check_decimal(decimal)
    if isinstance(values, str | bytes):
        raise TypeError("parse_numbers expects a column of values, not a single string")
    series = values if isinstance(values, pd.Series) else pd.Series(cast("Sequence[Any]", values))
    result = _parse_series(series, decimal)
    if decimal is None and infer_decimal:
        return _resolve_ambiguous(series, result)
    return result


def _resolve_ambiguous(series: pd.Series[Any], result: ParsedNumbers) -> ParsedNumbers:
    """Read ambiguous texts with the one decimal mark the column's other texts show."""
    ambiguous = result.reasons == ErrorReason.AMBIGUOUS_NUMBER.value  # str comparison
    if not ambiguous.any():
        return result
    parsed_text = pd.unique(series[~result.failed].to_numpy(dtype=object))
    texts = [t for t in parsed_text if isinstance(t, str)]
    comma = any("," in t for t in texts)
    point = any("." in t for t in texts)
    if comma == point:  # no evidence, or both marks: leave them ambiguous
        return result
    mark: Literal[",", "."] = "," if comma else "."
    rows = np.flatnonzero(ambiguous)
    again = _parse_series(series.iloc[rows].reset_index(drop=True), mark)
    values, failed = result.values.copy(), result.failed.copy()
    reasons, messages = result.reasons.copy(), result.messages.copy()
    values[rows], failed[rows] = again.values, again.failed
    reasons[rows], messages[rows] = again.reasons, again.messages
    return ParsedNumbers(values, failed, reasons, messages, inferred_decimal=mark)
