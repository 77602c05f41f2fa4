"""Questions about the cells of a grid column, asked once per distinct value, not once per row.

A grid column is categorical text (the distinct texts plus an integer code per row), numbers
(a CSV column pandas read as numbers), or object cells (xlsx). :func:`per_value` applies a
function to the distinct values and spreads the answers over the rows with the codes.
Columns of numbers have many distinct values (a quantity column of 10⁶ rows may have as many);
a text that looks like a number is never empty, never a total label, never a header, and
never an Excel error, so such texts get a fixed answer from one vectorised test
(:func:`number_like`) and only the others are looked at in Python.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any, Final

import numpy as np
import numpy.typing as npt
import pandas as pd

from klimatkalk.numbers import kind_is, text_matrix, value_kinds

__all__ = ["empty_mask", "is_empty", "number_like", "per_value", "spread", "text_of"]

_NUMBER_CHARS: Final = "0123456789+-\u2212.,eE \u00a0\u2009\u202f"
_NUMBER_CODES: Final = np.array(sorted({ord(c) for c in _NUMBER_CHARS}), dtype=np.uint32)
_DIGIT_CODES: Final = np.arange(ord("0"), ord("9") + 1, dtype=np.uint32)
_NUMBER_MAX_LENGTH: Final = 40
_FEW: Final = 256  # below this many distinct values, plain Python is as fast
_FEW_ENTRIES: Final = 4  # a second answer spread by comparisons for this many entries
_NUMBER_TYPES: Final = frozenset({int, float, np.float64, np.int64})


def text_of(value: object) -> str | None:
    """Return a cell value as stripped text; None for an empty cell.

    Examples
    --------
    >>> text_of("  diesel "), text_of(""), text_of(float("nan")), text_of(12.5)
    ('diesel', None, None, '12.5')
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    text = str(value).strip()
    return text or None


def is_empty(value: object) -> bool:
    """Whether a cell is empty (None, NaN, or text of spaces only)."""
    return text_of(value) is None


def number_like(uniques: npt.NDArray[np.object_]) -> npt.NDArray[np.bool_]:
    """Which distinct values are numbers or texts made of digits and number marks only.

    Such a text holds at least one digit and nothing but ``0-9 + - − . , e E`` and spaces.

    Examples
    --------
    >>> number_like(np.array(["1 234,5", "Summa", "", "e", 12, None, "-"], dtype=object))
    array([ True, False, False, False,  True, False, False])
    """
    n = len(uniques)
    answer = np.zeros(n, dtype=np.bool_)
    if not n:
        return answer
    kinds = value_kinds(uniques)
    text = np.asarray(kind_is(kinds, str), dtype=np.bool_)
    numeric = kind_is(kinds, int, float, np.float64, np.int64)
    if numeric.any():
        values = uniques[numeric].astype(np.float64)
        answer[numeric] = ~np.isnan(values)
    if text.any():
        codes, lengths, fits = text_matrix(uniques[text], _NUMBER_MAX_LENGTH)
        inside = np.arange(codes.shape[1])[None, :] < lengths[:, None]
        allowed = np.isin(codes, _NUMBER_CODES) | ~inside
        has_digit = (np.isin(codes, _DIGIT_CODES) & inside).any(axis=1)
        answer[text] = fits & allowed.all(axis=1) & has_digit
    return answer


def _distinct(series: pd.Series) -> tuple[npt.NDArray[Any], npt.NDArray[np.object_]] | None:
    """Codes (-1 for missing) and distinct values of a column; None for unhashable cells."""
    if isinstance(series.dtype, pd.CategoricalDtype):
        return (
            series.cat.codes.to_numpy(),  # int8/16/32: -1 picks the last entry of a table
            np.asarray(series.cat.categories.to_numpy(dtype=object), dtype=object),
        )
    try:
        codes, found = pd.factorize(series.to_numpy(dtype=object), use_na_sentinel=True)
    except TypeError:  # unhashable cells
        return None
    return codes, np.asarray(found, dtype=object)


def per_value(
    series: pd.Series,
    function: Callable[[Any], Any],
    missing: Any,
    dtype: Any,
    *,
    numbers: Any = None,
) -> npt.NDArray[Any]:
    """Apply ``function`` once per distinct value and spread the results over the rows.

    ``missing`` is the answer for a missing cell (NaN, None). With ``numbers`` given, values
    that are :func:`number_like` get that answer without a call (the function must give it
    for them too); a column read as numbers gets it for every cell that is not missing.
    """
    numeric = pd.api.types.is_numeric_dtype(series.dtype)
    if numeric and numbers is not None and not pd.api.types.is_bool_dtype(series.dtype):
        result = np.full(len(series), numbers, dtype=dtype)
        absent = series.isna().to_numpy()
        if absent.any():
            result[absent] = missing
        return result
    found = _distinct(series)
    if found is None:
        return np.array([function(v) for v in series.tolist()], dtype=dtype)
    codes, uniques = found
    table = np.empty(len(uniques) + 1, dtype=dtype)
    table[-1] = missing
    ask = np.ones(len(uniques), dtype=np.bool_)
    if numbers is not None and len(uniques) > _FEW:
        skip = number_like(uniques)
        table[:-1][skip] = numbers
        ask = ~skip
    positions = np.flatnonzero(ask)
    table[positions] = [function(v) for v in uniques[positions].tolist()]
    return spread(table, codes)


def spread(table: npt.NDArray[Any], codes: npt.NDArray[Any]) -> npt.NDArray[Any]:
    """Return ``table[codes]`` (a code of -1 picks the last entry).

    A table of numbers or booleans with one answer, or with a second one for a few entries
    (a yes for the few blank or total values), is spread by comparing the codes with those
    entries, which is many times faster than indexing the table.

    Examples
    --------
    >>> codes = np.array([0, 1, -1, 2], dtype=np.int8)
    >>> spread(np.array([False, True, False, False]), codes)
    array([False,  True, False, False])
    >>> spread(np.array([0, 1, 2, 3]), codes).tolist()
    [0, 1, 3, 2]
    """
    if table.dtype.kind in "biu" and len(table):
        other = np.flatnonzero(table != table[0])
        if not len(other):
            return np.full(len(codes), table[0], dtype=table.dtype)
        second = table[other[0]]
        if (table[other] == second).all():  # two answers: the rarer is set where it is
            rare, entries = second, other
            if len(other) > len(table) - len(other):
                rare, entries = table[0], np.flatnonzero(table == table[0])
            if len(entries) <= _FEW_ENTRIES:
                out = np.full(len(codes), table[0] if rare == second else second, table.dtype)
                mask = np.zeros(len(codes), dtype=np.bool_)
                for entry in entries.tolist():
                    mask |= codes == (-1 if entry == len(table) - 1 else entry)
                out[mask] = rare
                return out
    taken: npt.NDArray[Any] = table[codes]
    return taken


def empty_mask(series: pd.Series) -> npt.NDArray[np.bool_]:
    """Whether each cell of a column is empty."""
    return per_value(series, is_empty, True, bool, numbers=False)
