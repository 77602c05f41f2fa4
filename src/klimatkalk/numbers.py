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
from dataclasses import dataclass, field
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

_EXAMPLES: Final = 3  # rows read by an inferred decimal mark that a note names
_AMBIGUOUS_HINT: Final = 'pass decimal="," or decimal="." to say which is the decimal mark'
_MISSING_MESSAGE: Final = "value is missing"
_BOOLEAN_MESSAGE: Final = "a boolean is not a number"
_TOO_LARGE_MESSAGE: Final = "the value is too large to be represented as a float"
_TOO_SMALL_MESSAGE: Final = (
    "the value is too small to be represented as a float (it would read as 0)"
)
_ZERO, _NINE, _DOT = ord("0"), ord("9"), ord(".")

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
    if value == 0 and (integer + fraction).strip("0"):
        raise _fail(text, ErrorReason.NOT_A_NUMBER, _TOO_SMALL_MESSAGE)
    return value + 0.0  # -0 is 0


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
        return result + 0.0  # -0 is 0
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
    inferred_rows: npt.NDArray[np.intp] = field(default_factory=lambda: np.empty(0, np.intp))
    """The first rows (up to three, one per distinct text) read by the inferred mark."""


def _objects(size: int, fill: object) -> npt.NDArray[np.object_]:
    """Return an object array of ``fill``; unlike ``np.full`` it keeps enum members as they are."""
    array = np.empty(size, dtype=object)  # numpy fills object arrays with None
    if fill is not None:
        array.fill(fill)
    return array


def _from_numeric(values: npt.NDArray[np.float64], missing: npt.NDArray[np.bool_]) -> ParsedNumbers:
    values = values + 0.0  # a copy, and -0 is 0
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


@dataclass(frozen=True, eq=False)
class _Distinct:
    """Parsed distinct values (one more entry at the end: the missing value, code ``-1``)."""

    values: npt.NDArray[np.float64]
    failed: npt.NDArray[np.bool_]
    reasons: npt.NDArray[np.object_]
    messages: npt.NDArray[np.object_]
    comma: npt.NDArray[np.bool_]  # a text read with "," as its decimal mark
    point: npt.NDArray[np.bool_]  # a text read with "." as its decimal mark
    point3: npt.NDArray[np.bool_]  # "1.234": read as 1.234, but 1234 to a Swede
    inferred: npt.NDArray[np.bool_] = field(default_factory=lambda: np.zeros(0, np.bool_))
    """Texts read by the mark the column's other texts show (set by :func:`_resolve`)."""

    def spread(
        self,
        codes: npt.NDArray[Any],
        boolean_rows: npt.NDArray[np.intp],
        inferred: Literal[",", "."] | None = None,
    ) -> ParsedNumbers:
        values, failed = self.values[codes], self.failed[codes]
        reasons, messages = self.reasons[codes], self.messages[codes]
        if len(boolean_rows):
            values[boolean_rows] = np.nan
            failed[boolean_rows] = True
            reasons[boolean_rows] = ErrorReason.NOT_A_NUMBER
            messages[boolean_rows] = _BOOLEAN_MESSAGE
        rows = np.empty(0, dtype=np.intp)
        if inferred is not None:
            rows = _first_rows(codes, np.flatnonzero(self.inferred), _EXAMPLES)
        return ParsedNumbers(
            values, failed, reasons, messages, inferred_decimal=inferred, inferred_rows=rows
        )


def _parse_distinct(uniques: npt.NDArray[np.object_], decimal: _DecimalMark | None) -> _Distinct:
    """Parse each distinct value once: the common shapes together, the rest one by one."""
    size = len(uniques) + 1
    u_values = np.full(size, np.nan, dtype=np.float64)
    u_failed = np.ones(size, dtype=np.bool_)
    u_reasons = _objects(size, None)
    u_messages = _objects(size, None)
    u_reasons[-1] = ErrorReason.MISSING_VALUE
    u_messages[-1] = _MISSING_MESSAGE
    comma = np.zeros(size, dtype=np.bool_)
    point = np.zeros(size, dtype=np.bool_)
    point3 = np.zeros(size, dtype=np.bool_)
    kinds = value_kinds(uniques)
    numeric = np.flatnonzero(kind_is(kinds, int, float))
    if len(numeric):  # Python ints and floats (xlsx cells): no text to read
        as_float = _as_floats(uniques[numeric])
        finite = np.isfinite(as_float)
        u_values[numeric[finite]] = as_float[finite] + 0.0  # -0 is 0
        u_failed[numeric[finite]] = False
    texts = np.flatnonzero(kind_is(kinds, str))
    if len(texts):
        simple = _parse_simple(uniques[texts], decimal)
        done = texts[simple.done]
        u_values[done] = simple.values[simple.done]
        u_failed[done] = False
        comma[done] = simple.mark[simple.done] == _COMMA_MARK
        point[done] = simple.mark[simple.done] == _POINT_MARK
        point3[done] = simple.point3[simple.done]
    for i in np.flatnonzero(u_failed[:-1]).tolist():
        value = uniques[i]
        try:
            u_values[i] = _parse_object(value, decimal)
        except NumberFormatError as err:
            u_reasons[i] = err.reason
            u_messages[i] = err.message
        else:
            u_failed[i] = False
            if isinstance(value, str) and decimal is None:
                comma[i], point[i] = "," in value, "." in value
    return _Distinct(u_values, u_failed, u_reasons, u_messages, comma, point, point3)


_SIMPLE_MAX_LENGTH: Final = 32
_SIMPLE_MAX_DIGITS: Final = 15  # below 2**53: the digits are exact as an int64 and a float
_ASCII_WHITESPACE: Final = " \t\r\n\x0b\x0c"
_POW10_INT: Final = 10 ** np.arange(_SIMPLE_MAX_DIGITS + 1, dtype=np.int64)
_POW10_FLOAT: Final = _POW10_INT.astype(np.float64)
_SIGN_CODES: Final = np.array([ord(c) for c in _SIGNS], dtype=np.uint32)
_SPACE_CODES: Final = np.array([ord(c) for c in _SPACES], dtype=np.uint32)
_NO_MARK, _COMMA_MARK, _POINT_MARK = 0, 1, 2


def text_matrix(
    texts: npt.NDArray[np.object_], max_length: int
) -> tuple[npt.NDArray[np.uint32], npt.NDArray[np.intp], npt.NDArray[np.bool_]]:
    """Return the code points of short texts as an ``n × width`` matrix (0 past each end).

    Texts longer than ``max_length`` are left out (their rows are all 0); the third array says
    which rows hold their text. One numpy conversion, no Python work per text beyond ``len``.
    """
    lengths = np.fromiter(map(len, texts), dtype=np.intp, count=len(texts))
    fits = lengths <= max_length
    if not fits.all():
        texts = np.where(fits, texts, "")
        lengths = np.where(fits, lengths, 0)
    chars = np.asarray(texts.tolist() if len(texts) else [""], dtype=str)
    codes = chars.view(np.uint32).reshape(len(chars), -1)[: len(texts)]
    return codes, lengths, fits


@dataclass(frozen=True)
class _Simple:
    """What the vectorised pass found for distinct texts (see :func:`_parse_simple`)."""

    done: npt.NDArray[np.bool_]  # read here; the value is in ``values``
    values: npt.NDArray[np.float64]
    mark: npt.NDArray[np.int8]  # the decimal mark each text used (_NO_MARK, _COMMA_MARK, …)
    point3: npt.NDArray[np.bool_]  # "1.234": one point, three decimals, one to three digits


def _parse_simple(texts: npt.NDArray[np.object_], decimal: _DecimalMark | None) -> _Simple:
    """Read the distinct texts that have the common shapes, all at once, without Python loops.

    Handled here: an optional sign, ASCII digits, thousands separators that are spaces between
    groups of exactly three digits, and at most one decimal mark followed by digits
    (``"-1 234,5"``, ``"12.75"``), at most 15 digits. The value is the digits as an int64
    divided by a power of ten: both are exact doubles, so the quotient is correctly rounded,
    the same float as ``float(text)``. Everything else (exponents, points or commas as
    thousands separators, ambiguous texts, mistakes) is left to :func:`_parse_text`, which
    explains what is wrong.
    """
    n = len(texts)
    values = np.full(n, np.nan)
    mark = np.zeros(n, dtype=np.int8)
    point3 = np.zeros(n, dtype=np.bool_)
    none = np.zeros(n, dtype=np.bool_)
    if not n:
        return _Simple(none, values, mark, point3)
    stripped = np.asarray(np.char.strip(texts.astype(str), _ASCII_WHITESPACE), dtype=object)
    codes, lengths, fits = text_matrix(stripped, _SIMPLE_MAX_LENGTH)
    width = codes.shape[1]
    position = np.arange(width)[None, :]
    inside = position < lengths[:, None]
    digit = (codes >= _ZERO) & (codes <= _NINE) & inside
    comma = codes == ord(",")
    point = codes == _DOT
    space = np.isin(codes, _SPACE_CODES)
    signed = np.isin(codes[:, 0], _SIGN_CODES) & (lengths > 0)
    start = signed.astype(np.intp)
    body = inside & (position >= start[:, None])
    ok = fits & (lengths > start)
    ok &= (digit | comma | point | space | ~body).all(axis=1)  # a sign only in front
    n_comma, n_point = comma.sum(axis=1), point.sum(axis=1)
    if decimal is None:
        ok &= (n_comma + n_point) <= 1
    elif decimal == ",":
        ok &= (n_point == 0) & (n_comma <= 1)
    else:
        ok &= (n_comma == 0) & (n_point <= 1)
    has_mark = (n_comma + n_point) == 1
    at = np.where(has_mark, np.argmax(comma | point, axis=1), lengths)  # where the mark is
    fraction = lengths - at - 1
    ok &= ~has_mark | (fraction >= 1)  # "5," is not a number
    in_integer = body & (position < at[:, None])
    spaced: npt.NDArray[np.bool_] = np.asarray((space & in_integer).any(axis=1))
    # Thousands spaces stand exactly where "1 234 567" has them, counted from the mark.
    expected = in_integer & ((at[:, None] - position - 1) % 4 == 3) & (position > start[:, None])
    grouped = ((space & in_integer) == expected).all(axis=1) & ((at - start) % 4 != 0)
    ok &= ~spaced | grouped
    ok &= (space & ~in_integer).sum(axis=1) == 0
    int_digits = (digit & in_integer).sum(axis=1)
    ok &= (int_digits > 0) | has_mark  # ",5" is read, "-" is not
    n_digits = digit.sum(axis=1)
    ok &= (n_digits > 0) & (n_digits <= _SIMPLE_MAX_DIGITS)
    if not ok.any():
        return _Simple(none, values, mark, point3)
    rows = np.flatnonzero(ok)
    sub_digit = digit[rows]
    # digits to the right of each one
    after: npt.NDArray[np.intp] = np.cumsum(sub_digit[:, ::-1], axis=1)[:, ::-1] - sub_digit
    weights = np.where(sub_digit, _POW10_INT[np.minimum(after, _SIMPLE_MAX_DIGITS)], 0)
    number = ((codes[rows].astype(np.int64) - _ZERO) * weights).sum(axis=1)
    scale = _POW10_FLOAT[np.where(has_mark[rows], fraction[rows], 0)]
    negative = signed[rows] & np.isin(codes[rows, 0], _SIGN_CODES[1:])
    magnitude = number.astype(np.float64) / scale
    values[rows] = np.where(negative & (number != 0), -magnitude, magnitude)
    mark[rows] = np.where(n_comma[rows] == 1, _COMMA_MARK, np.where(has_mark[rows], _POINT_MARK, 0))
    # Three decimals after a single mark and a non-zero integer part of one to three digits:
    # "1,234" could be 1234 (ambiguous in auto mode); "1.234" is flagged for the column check.
    int_value = np.where(
        has_mark[rows], np.floor_divide(number, _POW10_INT[np.minimum(fraction[rows], 15)]), 1
    )
    three = (
        has_mark[rows]
        & (fraction[rows] == 3)
        & (int_digits[rows] >= 1)
        & (int_digits[rows] <= 3)
        & (int_value != 0)
        & ~spaced[rows]
    )
    done = ok.copy()
    if decimal is None:
        ambiguous_comma = three & (mark[rows] == _COMMA_MARK)
        done[rows[ambiguous_comma]] = False  # _parse_text says why
        values[rows[ambiguous_comma]] = np.nan
        point3[rows] = three & (mark[rows] == _POINT_MARK)
    return _Simple(done, values, mark, point3)


def kind_is(kinds: npt.NDArray[np.object_], *types: type) -> npt.NDArray[np.bool_]:
    """Return where :func:`value_kinds` found one of ``types`` (compared as objects)."""
    found = np.zeros(len(kinds), dtype=np.bool_)
    for kind in types:
        one = np.empty(1, dtype=object)
        one[0] = kind
        found |= np.asarray(kinds == one, dtype=np.bool_)
    return found


def value_kinds(values: npt.NDArray[np.object_]) -> npt.NDArray[np.object_]:
    """Return the type of each value, in one C loop (``str`` for all when they are text)."""
    if pd.api.types.infer_dtype(values, skipna=False) == "string":
        kinds = np.empty(len(values), dtype=object)
        kinds.fill(str)
        return kinds
    return np.asarray(np.frompyfunc(type, 1, 1)(values), dtype=object)


def _as_floats(values: npt.NDArray[np.object_]) -> npt.NDArray[np.float64]:
    """Python ints and floats as float64; an int too large for a float is infinite."""
    try:
        return values.astype(np.float64)
    except OverflowError:  # an int beyond a float's range
        out = np.empty(len(values), dtype=np.float64)
        for i, value in enumerate(values.tolist()):
            try:
                out[i] = float(value)
            except OverflowError:
                out[i] = math.inf if value > 0 else -math.inf
        return out


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
    kinds = value_kinds(uniques)
    plain = kind_is(kinds, str, float) | (kind_is(kinds, int))
    risky_mask = ~plain  # booleans, Decimals, numpy scalars…: looked at one by one
    numbers_01 = kind_is(kinds, float, int)
    if numbers_01.any():
        where = np.flatnonzero(numbers_01)
        as_float = _as_floats(uniques[where])
        risky_mask[where] = (as_float == 0) | (as_float == 1)
    candidates = np.flatnonzero(risky_mask).tolist()
    risky = [
        i
        for i in candidates
        if isinstance(uniques[i], bool | np.bool_)
        or (isinstance(uniques[i], numbers.Number | Decimal) and uniques[i] in (0, 1))
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


def _parse_series(
    series: pd.Series[Any], decimal: _DecimalMark | None, infer: bool
) -> ParsedNumbers:
    dtype = series.dtype
    no_rows = np.empty(0, dtype=np.intp)
    if isinstance(dtype, pd.CategoricalDtype):
        uniques = np.asarray(series.cat.categories.to_numpy(dtype=object), dtype=object)
        codes = series.cat.codes.to_numpy(dtype=np.intp)
        return _resolve(_parse_distinct(uniques, decimal), uniques, codes, no_rows, decimal, infer)
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
    try:
        codes, found = pd.factorize(array, use_na_sentinel=True)
    except TypeError:
        # Unhashable cells (lists, dicts): no column of numbers, so parse row by row.
        codes = np.arange(len(array), dtype=np.intp)
        return _resolve(_parse_distinct(array, decimal), array, codes, no_rows, decimal, infer)
    uniques = np.asarray(found, dtype=object)
    boolean_rows = no_rows
    if not isinstance(dtype, pd.StringDtype):
        uniques, boolean_rows = _split_booleans(array, codes, uniques)
    parsed = _parse_distinct(uniques, decimal)
    return _resolve(parsed, uniques, codes, boolean_rows, decimal, infer)


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
    return _parse_series(series, decimal, decimal is None and infer_decimal)


def _resolve(
    parsed: _Distinct,
    uniques: npt.NDArray[np.object_],
    codes: npt.NDArray[Any],
    boolean_rows: npt.NDArray[np.intp],
    decimal: _DecimalMark | None,
    infer: bool,
) -> ParsedNumbers:
    """Settle the column's ambiguous texts by the decimal mark its other texts show.

    ``"15,976"`` is read with the one mark the column's unambiguous texts use. ``"1.234"``
    (read as 1.234 on its own) is 1234 in a column whose texts show the decimal comma, and is
    rejected as ambiguous in a column that shows both marks: never silently 1.234 where the
    column is Swedish.
    """
    if decimal is not None or not infer:
        return parsed.spread(codes, boolean_rows)
    used = np.zeros(len(parsed.values), dtype=np.bool_)
    used[np.unique(codes)] = True  # distinct values of the rows (a category may be unused)
    ok = used & ~parsed.failed
    ambiguous = used & (parsed.reasons == ErrorReason.AMBIGUOUS_NUMBER.value)
    suspicious = ok & parsed.point3
    comma = bool((ok & parsed.comma).any())
    point = bool((ok & parsed.point & ~parsed.point3).any())
    if not ambiguous.any() and not (comma and suspicious.any()):
        return parsed.spread(codes, boolean_rows)
    values, failed = parsed.values.copy(), parsed.failed.copy()
    reasons, messages = parsed.reasons.copy(), parsed.messages.copy()
    inferred: Literal[",", "."] | None = None
    if comma != point:
        inferred = "," if comma else "."
        again_rows = np.flatnonzero(ambiguous | (suspicious if comma else False))
        again = _parse_distinct(uniques[again_rows], inferred)
        values[again_rows], failed[again_rows] = again.values[:-1], again.failed[:-1]
        reasons[again_rows], messages[again_rows] = again.reasons[:-1], again.messages[:-1]
    elif comma:  # both marks in the column: "1.234" cannot be told
        rows = np.flatnonzero(suspicious)
        values[rows], failed[rows] = np.nan, True
        reasons[rows] = ErrorReason.AMBIGUOUS_NUMBER
        messages[rows] = (
            "the column has decimal commas as well as points, so the point could be a "
            f"thousands separator; {_AMBIGUOUS_HINT}"
        )
    reread = np.zeros(len(values), dtype=np.bool_)
    if inferred is not None:
        reread[again_rows] = ~failed[again_rows]
    resolved = _Distinct(
        values, failed, reasons, messages, parsed.comma, parsed.point, parsed.point3, reread
    )
    return resolved.spread(codes, boolean_rows, inferred)


def _first_rows(
    codes: npt.NDArray[Any], entries: npt.NDArray[np.intp], limit: int
) -> npt.NDArray[np.intp]:
    """Return the first row of each of the first ``limit`` entries to appear in ``codes``."""
    if not len(entries):
        return np.empty(0, dtype=np.intp)
    rows = np.flatnonzero(np.isin(codes, entries))
    _, first = np.unique(codes[rows], return_index=True)
    return np.sort(rows[first])[:limit].astype(np.intp)
