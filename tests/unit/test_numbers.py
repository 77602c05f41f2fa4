"""Tests for klimatkalk.numbers: Swedish-aware parsing of numbers written as text."""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Any, Literal

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import klimatkalk as kk
import klimatkalk.numbers as numbers_module
from klimatkalk.errors import ErrorReason, KlimatkalkError, NumberFormatError
from klimatkalk.numbers import ParsedNumbers, parse_number, parse_numbers
from klimatkalk.report._messages import note_text

NBSP = "\u00a0"
THIN = "\u2009"
NNBSP = "\u202f"
MINUS = "\u2212"
EN_DASH = "\u2013"
SPACES = [" ", NBSP, THIN, NNBSP]

NOT_A_NUMBER = ErrorReason.NOT_A_NUMBER
AMBIGUOUS = ErrorReason.AMBIGUOUS_NUMBER
MISSING = ErrorReason.MISSING_VALUE

Mark = Literal[",", "."] | None

# --------------------------------------------------------------------------------------------
# Tables
# --------------------------------------------------------------------------------------------

ACCEPTED: list[tuple[str | float | int, Mark, float]] = [
    # plain integers, whitespace and signs
    ("0", None, 0.0),
    ("42", None, 42.0),
    ("007", None, 7.0),
    ("  42  ", None, 42.0),
    ("\t7\n", None, 7.0),
    (f"{NBSP}7{NBSP}", None, 7.0),
    ("+5", None, 5.0),
    ("-5", None, -5.0),
    (f"{MINUS}5", None, -5.0),
    (f"{MINUS}1 234,5", None, -1234.5),
    # decimal comma and decimal point in auto mode
    ("1,5", None, 1.5),
    ("12,5", None, 12.5),
    ("0,5", None, 0.5),
    ("0,125", None, 0.125),
    ("00,125", None, 0.125),
    ("-0,125", None, -0.125),
    ("1,2345", None, 1.2345),
    ("1,23", None, 1.23),
    ("1234,567", None, 1234.567),
    (",5", None, 0.5),
    ("-,5", None, -0.5),
    ("1.5", None, 1.5),
    ("1.234", None, 1.234),
    ("12.500", None, 12.5),
    (".5", None, 0.5),
    # thousands separators
    ("1 234", None, 1234.0),
    ("12 345", None, 12345.0),
    ("123 456", None, 123456.0),
    ("1 234,5", None, 1234.5),
    ("1 234 567,5", None, 1234567.5),
    ("1 234,567", None, 1234.567),
    ("1 234.5", None, 1234.5),
    (f"1{NBSP}234", None, 1234.0),
    (f"1{THIN}234", None, 1234.0),
    (f"1{NNBSP}234,25", None, 1234.25),
    (f"1{NBSP}234 567", None, 1234567.0),
    # scientific notation
    ("1.5e3", None, 1500.0),
    ("1,5E3", None, 1500.0),
    ("2e-3", None, 0.002),
    (f"2e{MINUS}3", None, 0.002),
    ("1E+2", None, 100.0),
    ("1e0", None, 1.0),
    ("1 234e3", None, 1234000.0),
    ("-1,5e-2", None, -0.015),
    # explicit decimal comma: "." is a thousands separator
    ("1.234,5", ",", 1234.5),
    ("1.234.567", ",", 1234567.0),
    ("1.234.567,89", ",", 1234567.89),
    ("1,234", ",", 1.234),
    ("12,500", ",", 12.5),
    ("1 234,5", ",", 1234.5),
    ("1.234", ",", 1234.0),
    ("1,5e3", ",", 1500.0),
    # explicit decimal point: "," is a thousands separator
    ("1,234.5", ".", 1234.5),
    ("1,234", ".", 1234.0),
    ("12,500", ".", 12500.0),
    ("1,234,567.25", ".", 1234567.25),
    ("1 234.5", ".", 1234.5),
    ("1.5", ".", 1.5),
    ("1.5e3", ".", 1500.0),
    # numbers that are already numbers
    (3, None, 3.0),
    (2.5, None, 2.5),
    (-0.25, ",", -0.25),
]

REJECTED: list[tuple[object, Mark, ErrorReason]] = [
    # not numbers at all
    ("abc", None, NOT_A_NUMBER),
    ("12 kr", None, NOT_A_NUMBER),
    ("kr 12", None, NOT_A_NUMBER),
    ("12%", None, NOT_A_NUMBER),
    ("0x10", None, NOT_A_NUMBER),
    ("1_000", None, NOT_A_NUMBER),
    ("inf", None, NOT_A_NUMBER),
    ("-inf", None, NOT_A_NUMBER),
    ("Infinity", None, NOT_A_NUMBER),
    ("nan", None, NOT_A_NUMBER),
    ("NaN", None, NOT_A_NUMBER),
    ("-nan", None, NOT_A_NUMBER),
    # signs
    ("--1", None, NOT_A_NUMBER),
    ("+-1", None, NOT_A_NUMBER),
    ("1-", None, NOT_A_NUMBER),
    ("1-2", None, NOT_A_NUMBER),
    ("- 5", None, NOT_A_NUMBER),
    ("+", None, NOT_A_NUMBER),
    (f"{EN_DASH}1", None, NOT_A_NUMBER),
    ("\u20141", None, NOT_A_NUMBER),
    # digits other than ASCII 0-9
    ("１２", None, NOT_A_NUMBER),
    ("\u0661\u0662", None, NOT_A_NUMBER),
    ("\u0967", None, NOT_A_NUMBER),
    ("1²", None, NOT_A_NUMBER),
    # exponents
    ("1e", None, NOT_A_NUMBER),
    ("1e+", None, NOT_A_NUMBER),
    ("e3", None, NOT_A_NUMBER),
    ("1e3e3", None, NOT_A_NUMBER),
    ("1e1.5", None, NOT_A_NUMBER),
    ("1 e3", None, NOT_A_NUMBER),
    ("1e400", None, NOT_A_NUMBER),
    # separators in the wrong places
    ("12 34", None, NOT_A_NUMBER),
    ("1 23", None, NOT_A_NUMBER),
    ("1 2345", None, NOT_A_NUMBER),
    ("1234 567", None, NOT_A_NUMBER),
    ("1  234", None, NOT_A_NUMBER),
    ("1\t234", None, NOT_A_NUMBER),
    ("5.", None, NOT_A_NUMBER),
    ("5,", None, NOT_A_NUMBER),
    (",", None, NOT_A_NUMBER),
    ("1,5 000", None, NOT_A_NUMBER),
    ("\ufeff1", None, NOT_A_NUMBER),
    ("1.5", ",", NOT_A_NUMBER),
    ("1,2,3", ",", NOT_A_NUMBER),
    ("1,234.5", ",", NOT_A_NUMBER),
    ("1 234.567,5", ",", NOT_A_NUMBER),
    ("1,5", ".", NOT_A_NUMBER),
    ("1.234,5", ".", NOT_A_NUMBER),
    ("1.2.3", ".", NOT_A_NUMBER),
    # ambiguous in auto mode
    ("1,234", None, AMBIGUOUS),
    ("12,500", None, AMBIGUOUS),
    ("999,999", None, AMBIGUOUS),
    ("-1,234", None, AMBIGUOUS),
    (f"{MINUS}1,234", None, AMBIGUOUS),
    ("1,234e3", None, AMBIGUOUS),
    ("1,234,5", None, AMBIGUOUS),
    ("1,234,567", None, AMBIGUOUS),
    ("1.234.567", None, AMBIGUOUS),
    ("1.2.3", None, AMBIGUOUS),
    ("1.234,5", None, AMBIGUOUS),
    ("1,234.5", None, AMBIGUOUS),
    ("1 234.567,5", None, AMBIGUOUS),
    # missing
    ("", None, MISSING),
    ("   ", None, MISSING),
    (NBSP, None, MISSING),
    ("\n", ",", MISSING),
    (None, None, MISSING),
    (float("nan"), None, MISSING),
    (pd.NA, None, MISSING),
    (Decimal("NaN"), None, MISSING),
    # values that are not numbers even though Python thinks so
    (True, None, NOT_A_NUMBER),
    (np.False_, None, NOT_A_NUMBER),
    (float("inf"), None, NOT_A_NUMBER),
    (float("-inf"), None, NOT_A_NUMBER),
    (10**400, None, NOT_A_NUMBER),
    (1 + 2j, None, NOT_A_NUMBER),
    (b"12", None, NOT_A_NUMBER),
]


def _label(value: object) -> str:
    return ascii(value)


@pytest.mark.parametrize(
    ("text", "decimal", "expected"), ACCEPTED, ids=[_label(a[0]) for a in ACCEPTED]
)
def test_accepted(text: str | float | int, decimal: Mark, expected: float) -> None:
    result = parse_number(text, decimal=decimal)
    assert type(result) is float
    assert result == expected
    assert math.copysign(1.0, result) == math.copysign(1.0, expected)


@pytest.mark.parametrize(
    ("text", "decimal", "reason"), REJECTED, ids=[_label(r[0]) for r in REJECTED]
)
def test_rejected(text: Any, decimal: Mark, reason: ErrorReason) -> None:
    with pytest.raises(NumberFormatError) as info:
        parse_number(text, decimal=decimal)
    err = info.value
    assert err.reason is reason
    assert isinstance(err.message, str)
    assert err.message
    assert isinstance(err.text, str)


def test_error_is_a_value_error_and_keeps_the_text() -> None:
    with pytest.raises(NumberFormatError, match="group exactly three digits") as info:
        parse_number(" 12 34 ")
    assert isinstance(info.value, ValueError)
    assert isinstance(info.value, KlimatkalkError)
    assert info.value.text == " 12 34 "
    assert info.value.message == "thousands separators must group exactly three digits"


@pytest.mark.parametrize("text", ["1,234", "12,500", "1,234,567", "1.234,5", "1.234.567"])
def test_ambiguous_message_tells_how_to_resolve(text: str) -> None:
    with pytest.raises(NumberFormatError) as info:
        parse_number(text)
    assert 'decimal=","' in info.value.message


def test_ambiguous_comma_message_offers_both_choices() -> None:
    with pytest.raises(NumberFormatError) as info:
        parse_number("12,500")
    assert 'decimal="," or decimal="."' in info.value.message


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("abc", "'a'"),
        ("1_000", "'_'"),
        ("１２", "ASCII digits"),
        (f"{EN_DASH}1", "not a minus sign"),
        ("inf", "infinity and NaN"),
        ("1e", "exponent"),
        ("1e400", "too large"),
        ("1,5 000", "after the decimal mark"),
        (f"1 234{NBSP}567.890,5", "thousands separators of different kinds"),
    ],
)
def test_messages_name_the_problem(text: str, fragment: str) -> None:
    with pytest.raises(NumberFormatError) as info:
        parse_number(text, decimal=",")
    assert fragment in info.value.message


def test_invalid_decimal_argument() -> None:
    with pytest.raises(ValueError, match="decimal must be"):
        parse_number("1", decimal=";")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="decimal must be"):
        parse_numbers(["1"], decimal="")  # type: ignore[arg-type]


def test_public_api() -> None:
    assert sorted(numbers_module.__all__) == ["ParsedNumbers", "parse_number", "parse_numbers"]


# --------------------------------------------------------------------------------------------
# parse_numbers on columns
# --------------------------------------------------------------------------------------------


def _reasons(result: ParsedNumbers) -> list[ErrorReason | None]:
    reasons = list(result.reasons)
    # members themselves, not their string values: ErrorReason is a str subclass
    assert all(r is None or type(r) is ErrorReason for r in reasons)
    return reasons


def _check_shapes(result: ParsedNumbers, n: int) -> None:
    assert result.values.dtype == np.float64
    assert result.failed.dtype == np.bool_
    assert result.reasons.dtype == object
    assert result.messages.dtype == object
    for array in (result.values, result.failed, result.reasons, result.messages):
        assert array.shape == (n,)
    assert np.array_equal(np.isnan(result.values), result.failed)
    assert all((m is None) == (not f) for m, f in zip(result.messages, result.failed, strict=True))


def test_text_column() -> None:
    column = pd.Series(
        ["1 234,5", "12 kr", None, "", "1,234", "0,5", "1 234,5"], index=range(7, 0, -1)
    )
    result = parse_numbers(column, infer_decimal=False)
    _check_shapes(result, 7)
    assert result.values[[0, 5, 6]].tolist() == [1234.5, 0.5, 1234.5]
    assert result.failed.tolist() == [False, True, True, True, True, False, False]
    assert _reasons(result) == [None, NOT_A_NUMBER, MISSING, MISSING, AMBIGUOUS, None, None]
    # By default the column's own texts decide: "1 234,5" and "0,5" show the decimal comma, so
    # "1,234" is one point two three four.
    inferred = parse_numbers(column)
    assert inferred.inferred_decimal == ","
    assert inferred.values[4] == 1.234
    assert inferred.failed.tolist() == [False, True, True, True, False, False, False]
    assert inferred.inferred_rows.tolist() == [4]  # the one text read by the inferred mark


def test_the_rows_read_by_an_inferred_mark_are_named() -> None:
    # "2.500" and "15,976" are read by the comma that "0,5" shows; "2.500" twice, named once,
    # at its first row. The note names each with the row the user sees (origin_row in a file,
    # the position in a DataFrame).
    column = ["0,5", "2.500", "7", "2.500", "15,976"]
    result = parse_numbers(column)
    assert result.values.tolist() == [0.5, 2500.0, 7.0, 2500.0, 15.976]
    assert result.inferred_rows.tolist() == [1, 4]
    acts = kk.ActivityTable.from_frame(
        pd.DataFrame(
            {"year": [2024] * 5, "activity": ["diesel"] * 5, "quantity": column, "unit": ["l"] * 5}
        )
    )
    assert "(row 1 '2.500', row 4 '15,976'; pass decimal=" in acts.notes[0]
    assert note_text(acts.notes[0], "sv").endswith(
        "(rad 1 '2.500', rad 4 '15,976'; --decimal comma eller --decimal point säger något annat)"
    )


@pytest.mark.parametrize(
    ("column", "expected", "mark"),
    [
        (["15,976", "2,5"], [15.976, 2.5], ","),  # "2,5" shows the decimal comma
        (["15,976", "2.5"], [15976.0, 2.5], "."),  # "2.5" shows the decimal point
        (["15,976", "2,5", "3.5"], [np.nan, 2.5, 3.5], None),  # both marks: stays ambiguous
        (["15,976", "2 000"], [np.nan, 2000.0], None),  # no evidence: stays ambiguous
    ],
)
def test_decimal_mark_inferred_from_the_column(
    column: list[str], expected: list[float], mark: str | None
) -> None:
    result = parse_numbers(column)
    np.testing.assert_array_equal(result.values, expected)
    assert result.inferred_decimal == mark


def test_text_column_with_explicit_decimal() -> None:
    result = parse_numbers(["1,234", "1,234.5", "1.5"], decimal=".")
    assert result.values.tolist() == [1234.0, 1234.5, 1.5]
    result = parse_numbers(["1.234", "1.234,5", "1,5"], decimal=",")
    assert result.values.tolist() == [1234.0, 1234.5, 1.5]


@pytest.mark.parametrize("dtype", [object, "string", "str", "category"])
def test_text_dtypes(dtype: Any) -> None:
    column = pd.Series(["1,5", None, "x", "1,5", "2 000"], dtype=dtype)
    result = parse_numbers(column)
    _check_shapes(result, 5)
    assert result.values[[0, 3, 4]].tolist() == [1.5, 1.5, 2000.0]
    assert _reasons(result) == [None, MISSING, NOT_A_NUMBER, None, None]


@pytest.mark.parametrize(
    "dtype", ["int64", "int8", "uint64", "Int64", "UInt8", "float64", "float32", "Float64"]
)
def test_numeric_dtypes_pass_through(dtype: str) -> None:
    column = pd.Series([1, 2, 3], dtype=dtype)
    result = parse_numbers(column)
    _check_shapes(result, 3)
    assert result.values.tolist() == [1.0, 2.0, 3.0]
    assert _reasons(result) == [None, None, None]


@pytest.mark.parametrize("dtype", ["Int64", "Float64", "float64"])
def test_numeric_missing(dtype: str) -> None:
    result = parse_numbers(pd.Series([1, None, 3], dtype=dtype))
    _check_shapes(result, 3)
    assert _reasons(result) == [None, MISSING, None]
    assert result.values[[0, 2]].tolist() == [1.0, 3.0]


def test_numeric_infinity_is_not_a_number() -> None:
    result = parse_numbers(pd.Series([1.5, np.inf, -np.inf, np.nan]))
    _check_shapes(result, 4)
    assert _reasons(result) == [None, NOT_A_NUMBER, NOT_A_NUMBER, MISSING]


def test_numeric_column_does_not_modify_input() -> None:
    column = pd.Series([1.5, np.inf])
    parse_numbers(column)
    assert column.tolist() == [1.5, np.inf]


@pytest.mark.parametrize("dtype", ["bool", "boolean"])
def test_boolean_dtypes(dtype: str) -> None:
    column = pd.Series([True, False], dtype=dtype)
    result = parse_numbers(column)
    _check_shapes(result, 2)
    assert _reasons(result) == [NOT_A_NUMBER, NOT_A_NUMBER]
    assert _reasons(parse_numbers(pd.Series([True, None], dtype="boolean"))) == [
        NOT_A_NUMBER,
        MISSING,
    ]


def test_mixed_object_column() -> None:
    column = pd.Series(
        [1.5, "2,5", None, np.nan, 3, "x", np.float32(0.5), Decimal("1.25")], dtype=object
    )
    result = parse_numbers(column)
    _check_shapes(result, 8)
    assert result.values[[0, 1, 4, 6, 7]].tolist() == [1.5, 2.5, 3.0, 0.5, 1.25]
    assert _reasons(result) == [None, None, MISSING, MISSING, None, NOT_A_NUMBER, None, None]


def test_booleans_are_not_merged_with_zero_and_one() -> None:
    # True == 1 == 1.0 and they hash alike, so a naive factorize would merge them
    for values in ([1, True, 1.0, False, 0], [True, 1, np.float64(1.0), np.False_, 0.0]):
        result = parse_numbers(pd.Series(values, dtype=object))
        _check_shapes(result, 5)
        is_bool = [isinstance(v, bool | np.bool_) for v in values]
        assert _reasons(result) == [NOT_A_NUMBER if b else None for b in is_bool]
        assert result.failed.tolist() == is_bool
        assert result.values[~result.failed].tolist() == [1.0, 1.0, 0.0]


def test_sequences() -> None:
    assert parse_numbers(["1,5", 2]).values.tolist() == [1.5, 2.0]
    assert parse_numbers(("1,5", None)).failed.tolist() == [False, True]
    assert parse_numbers(np.array(["1,5", "2"])).values.tolist() == [1.5, 2.0]  # type: ignore[arg-type]
    assert parse_numbers([1.5, None]).failed.tolist() == [False, True]
    empty = parse_numbers([])
    _check_shapes(empty, 0)


def test_other_dtypes_are_not_numbers() -> None:
    result = parse_numbers(pd.Series([pd.Timestamp("2024-01-01"), pd.NaT]))
    assert _reasons(result) == [NOT_A_NUMBER, MISSING]


def test_unhashable_cells_are_not_numbers() -> None:
    result = parse_numbers(pd.Series([[1], "1,5", {"a": 1}, None, True], dtype=object))
    _check_shapes(result, 5)
    assert _reasons(result) == [NOT_A_NUMBER, None, NOT_A_NUMBER, MISSING, NOT_A_NUMBER]
    assert result.values[1] == 1.5


def test_single_string_is_not_a_column() -> None:
    with pytest.raises(TypeError):
        parse_numbers("1 234")


@pytest.mark.parametrize("dtype", [object, "string", None])
def test_parses_each_distinct_value_once(monkeypatch: pytest.MonkeyPatch, dtype: Any) -> None:
    calls: list[object] = []
    original = numbers_module._parse_object

    def counting(value: object, decimal: Literal[",", "."] | None) -> float:
        calls.append(value)
        return original(value, decimal)

    monkeypatch.setattr(numbers_module, "_parse_object", counting)
    distinct = ["1 234,5", "12 kr", f"{MINUS}0,5"]
    n = 100_000
    column = pd.Series(np.resize(np.array(distinct, dtype=object), n), dtype=dtype)
    result = parse_numbers(column)
    # Each distinct text at most once (the common shapes are read together, vectorised,
    # without a call per text); "12 kr" is explained by the full parser.
    assert len(calls) == len(set(calls))
    assert set(map(str, calls)) <= set(distinct)
    assert "12 kr" in calls
    _check_shapes(result, n)
    assert result.values[0] == 1234.5
    assert result.values[2] == -0.5
    assert result.failed.tolist() == [i % 3 == 1 for i in range(n)]
    assert all(reason is NOT_A_NUMBER for reason in result.reasons[1::3])
    assert all(reason is None for reason in result.reasons[0::3])


# --------------------------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------------------------

DECIMALS = st.sampled_from([None, ",", "."])
NUMBERISH = st.text(
    alphabet=st.sampled_from(
        list("0123456789") * 3 + [*SPACES, "+", "-", MINUS, EN_DASH, "e", "E", ",", ".", "_"]
    ),
    max_size=14,
)


def _outcome(value: object, decimal: Mark) -> float | NumberFormatError:
    try:
        return parse_number(value, decimal=decimal)  # type: ignore[arg-type]
    except NumberFormatError as err:
        return err


@settings(max_examples=200, deadline=None)
@given(text=st.one_of(st.text(), NUMBERISH), decimal=DECIMALS)
def test_any_text_only_raises_number_format_error(text: str, decimal: Mark) -> None:
    outcome = _outcome(text, decimal)
    if isinstance(outcome, float):
        assert math.isfinite(outcome)
        assert any(ch in "0123456789" for ch in text)
    else:
        assert outcome.reason in {NOT_A_NUMBER, AMBIGUOUS, MISSING}
        assert (outcome.reason is MISSING) == (text.strip() == "")


@settings(max_examples=200, deadline=None)
@given(text=NUMBERISH)
def test_auto_mode_agrees_with_an_explicit_mode(text: str) -> None:
    outcome = _outcome(text, None)
    if isinstance(outcome, float):
        mark: Literal[",", "."] = "," if "," in text else "."
        assert parse_number(text, decimal=mark) == outcome


@st.composite
def _swedish(draw: st.DrawFn) -> tuple[str, float, bool]:
    integer = draw(st.integers(0, 10**15))
    fraction = draw(st.text(alphabet="0123456789", max_size=4))
    separator = draw(st.sampled_from(SPACES))
    minus = draw(st.sampled_from(["", "-", MINUS]))
    text = minus + f"{integer:,}".replace(",", separator) + ("," + fraction if fraction else "")
    expected = float(f"{'-' if minus else ''}{integer}.{fraction or '0'}")
    ambiguous = 0 < integer < 1000 and len(fraction) == 3
    return text, expected, ambiguous


@settings(max_examples=200, deadline=None)
@given(case=_swedish())
def test_swedish_round_trip(case: tuple[str, float, bool]) -> None:
    text, expected, ambiguous = case
    assert parse_number(text, decimal=",") == expected
    padded = f"  {text}{NBSP}"
    if ambiguous:
        with pytest.raises(NumberFormatError) as info:
            parse_number(padded)
        assert info.value.reason is AMBIGUOUS
    else:
        assert parse_number(padded) == expected


@settings(max_examples=100, deadline=None)
@given(
    integer=st.integers(0, 10**12), fraction=st.text(alphabet="0123456789", min_size=1, max_size=4)
)
def test_english_round_trip_with_decimal_point(integer: int, fraction: str) -> None:
    text = f"{integer:,}.{fraction}"
    assert parse_number(text, decimal=".") == float(f"{integer}.{fraction}")


@settings(max_examples=200, deadline=None)
@given(value=st.floats(allow_nan=False, allow_infinity=False))
def test_repr_of_any_float_round_trips(value: float) -> None:
    assert parse_number(repr(value)) == value
    assert parse_number(repr(value).replace(".", ","), decimal=",") == value
    assert parse_number(value) == value


CELLS = st.one_of(
    NUMBERISH,
    st.sampled_from(["1 234,5", "1,234", "1.234,5", "", " ", "abc", "0,5", "1,5e3"]),
    st.floats(),
    st.integers(-(10**20), 10**20),
    st.booleans(),
    st.none(),
)


@settings(max_examples=150, deadline=None)
@given(cells=st.lists(CELLS, max_size=25), decimal=DECIMALS)
def test_parse_numbers_matches_parse_number(cells: list[object], decimal: Mark) -> None:
    for column in (pd.Series(cells, dtype=object), cells):
        result = parse_numbers(column, decimal=decimal, infer_decimal=False)
        _check_shapes(result, len(cells))
        for i, cell in enumerate(cells):
            outcome = _outcome(cell, decimal)
            if isinstance(outcome, float):
                assert not result.failed[i]
                assert result.values[i] == outcome
                assert result.reasons[i] is None
            else:
                assert result.failed[i]
                assert result.reasons[i] is outcome.reason
                assert result.messages[i] == outcome.message


@settings(max_examples=30, deadline=None)
@given(
    cells=st.lists(st.sampled_from(["1 234,5", "x", "", "0,5", "1,234"]), min_size=1, max_size=5),
    repeat=st.integers(1, 2000),
)
def test_parse_numbers_on_repeated_values(cells: list[str], repeat: int) -> None:
    column = pd.Series(cells * repeat)
    result = parse_numbers(column)
    single = parse_numbers(cells)
    assert np.array_equal(result.values, np.tile(single.values, repeat), equal_nan=True)
    assert list(result.reasons) == list(single.reasons) * repeat
