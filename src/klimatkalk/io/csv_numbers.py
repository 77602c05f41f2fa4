"""When pandas' C parser may read a CSV file's number columns for klimatkalk, and how.

pandas' C parser turns text into floats at the speed of the file, but by looser rules than
:mod:`klimatkalk.numbers`: with ``thousands=" "`` it drops every space after a digit
(``"12 34"`` is 1234), and it reads ``"5,"`` as 5. Both are read only where the file holds
no such text: :func:`check_number_bytes` looks at the bytes of the whole file at once (numpy,
no Python per line) and says whether every space after a digit is a thousands separator of
``1 234 567`` and every decimal mark after a digit is followed by one. Where it is not, the
number columns are read as text and parsed by :mod:`klimatkalk.numbers` (slower, the same
result). The decimal mark given to the C parser is the one the first rows show
(:func:`sample_mark`); a column with the other mark is read as text.
"""

from __future__ import annotations

import mmap
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Final

import numpy as np
import numpy.typing as npt
import pandas as pd

from klimatkalk.numbers import parse_numbers

__all__ = ["NumberBytes", "check_number_bytes", "sample_mark"]

_SPACE: Final = 32
_ZERO: Final = 48
_DIGITS: Final = 10
_PIECE_BYTES: Final = 4 << 20  # a file checked in one piece per 4 MiB, up to one per CPU


def sample_mark(texts: list[pd.Series], decimal: str | None) -> tuple[str, bool]:
    """Return the decimal mark for the C parser, and whether the sample groups thousands.

    The mark is the given one, or ``","`` when some sample text is read with an unambiguous
    decimal comma and none with a point (the column's own evidence, as :func:`parse_numbers`
    decides), else ``"."``.

    Examples
    --------
    >>> sample_mark([pd.Series(["1 234,5", "12"])], None), sample_mark([pd.Series(["1,234"])], None)
    ((',', True), ('.', False))
    """
    comma = point = grouped = False
    for column in texts:
        values = column.astype(object).to_numpy()
        parsed = parse_numbers(pd.Series(values, dtype=object), infer_decimal=False)
        ok = [str(v) for v, failed in zip(values, parsed.failed, strict=True) if not failed]
        comma = comma or any("," in t for t in ok)
        point = point or any("." in t for t in ok)
        grouped = grouped or any(" " in t.strip() for t in ok)
    if decimal is not None:
        return decimal, grouped
    return ("," if comma and not point else "."), grouped


@dataclass(frozen=True)
class NumberBytes:
    """What :func:`check_number_bytes` found."""

    as_written: bool
    """Every space after a digit groups thousands and every decimal mark has a digit after it."""
    ambiguous: bool
    """Some number looks like ``1,234`` (a comma, three digits, one to three digits before)."""


def check_number_bytes(file: Path, mark: str) -> NumberBytes:
    r"""Check the spaces and decimal marks after digits in a whole file, in numpy.

    A space after a digit and before a digit or the decimal mark is a thousands separator when
    three digits follow it (and no fourth) and at most three digits stand before it; a
    decimal mark after a digit is followed by a digit.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.csv").write_bytes(b"x;1 234,5;Hus 2\n")
    >>> _ = (folder / "b.csv").write_bytes(b"x;12 34;1,234\n")
    >>> check_number_bytes(folder / "a.csv", ","), check_number_bytes(folder / "b.csv", ",")
    (NumberBytes(as_written=True, ambiguous=False), NumberBytes(as_written=False, ambiguous=True))
    """
    if file.stat().st_size == 0:
        return NumberBytes(as_written=True, ambiguous=False)
    with file.open("rb") as stream, mmap.mmap(stream.fileno(), 0, access=mmap.ACCESS_READ) as mm:
        data = np.frombuffer(mm, dtype=np.uint8)
        # numpy lets other threads run while it scans: a large file is checked in pieces.
        pieces = min(os.cpu_count() or 1, len(data) // _PIECE_BYTES + 1)
        bounds = [len(data) * k // pieces for k in range(pieces + 1)]
        check = partial(_check_span, data, mark=ord(mark))
        if pieces > 1:
            with ThreadPoolExecutor(max_workers=pieces) as pool:
                found = list(pool.map(check, bounds[:-1], bounds[1:]))
        else:
            found = [check(0, len(data))]
        del check
        del data  # release the map before it closes
    return NumberBytes(
        as_written=all(written for written, _ in found),
        ambiguous=any(ambiguous for _, ambiguous in found),
    )


def _check_span(data: npt.NDArray[np.uint8], low: int, high: int, mark: int) -> tuple[bool, bool]:
    """:func:`check_number_bytes` for the spaces and marks at ``low`` ≤ position < ``high``.

    Only the bytes around spaces and marks are looked at (those beyond the span too), not a
    mask of the whole file: the eight bytes from four before each of them are fetched as one
    word (:func:`_digits_around`).
    """
    size = len(data)

    def digit(at: npt.NDArray[np.intp]) -> npt.NDArray[np.bool_]:
        inside = (at >= 0) & (at < size)
        return inside & ((data[np.clip(at, 0, size - 1)] - _ZERO) < _DIGITS)  # uint8 wraps

    span = data[low:high]
    spaces = np.flatnonzero(span == _SPACE) + low
    spaces = spaces[digit(spaces - 1)]
    around = _digits_around(data, spaces)  # column k: a digit at position + k - 4
    after = data[np.minimum(spaces + 1, size - 1)] == mark
    keep = around[:, 5] | after
    spaces, around = spaces[keep], around[keep]
    grouped = (
        around[:, 5]
        & around[:, 6]
        & around[:, 7]
        & ~around[:, 8]
        & ~(around[:, 2] & around[:, 1] & around[:, 0])  # ≤ 3 digits before
    )
    marks = np.flatnonzero(span == mark) + low
    marks = marks[digit(marks - 1)]
    around = _digits_around(data, marks)
    followed = around[:, 5]
    three = followed & around[:, 6] & around[:, 7] & ~around[:, 8]
    del around
    ambiguous = False
    if mark == ord(",") and three.any():
        ends = marks[three]
        one = ~digit(ends - 2)
        two = digit(ends - 2) & ~digit(ends - 3)
        short = one | two | (digit(ends - 3) & ~digit(ends - 4))
        start = ends - np.where(one, 1, np.where(two, 2, 3))  # the first digit
        not_grouped = (start == 0) | (data[np.maximum(start - 1, 0)] != _SPACE)
        nonzero = np.zeros(len(ends), dtype=np.bool_)
        for k in (1, 2, 3):
            nonzero |= (ends - k >= start) & (data[np.maximum(ends - k, 0)] > _ZERO)
        ambiguous = bool((short & not_grouped & nonzero).any())
    return bool(grouped.all() and followed.all()), ambiguous


def _digits_around(data: npt.NDArray[np.uint8], at: npt.NDArray[np.intp]) -> npt.NDArray[np.bool_]:
    """Whether the bytes at ``at - 4`` … ``at + 4`` are digits (False beyond the data).

    The eight bytes from ``at - 4`` are fetched as one unaligned little-endian word, so that
    one gather does the work of eight.

    Examples
    --------
    >>> data = np.frombuffer(b"x1 234,56;", dtype=np.uint8)
    >>> _digits_around(data, np.array([2, 6])).astype(int).tolist()
    [[0, 0, 0, 1, 0, 1, 1, 1, 0], [0, 1, 1, 1, 0, 1, 1, 0, 0]]
    """
    size = len(data)
    inner = (at >= 4) & (at + 4 < size)
    if size < 9 or not inner.all():  # positions near the ends: one byte at a time
        out = np.zeros((len(at), 9), dtype=np.bool_)
        for k in range(9):
            where = at + k - 4
            fits = (where >= 0) & (where < size)
            out[fits, k] = (data[where[fits]] - _ZERO) < _DIGITS
        if size < 9 or not inner.any():
            return out
        middle = np.flatnonzero(inner)
        out[middle] = _digits_around(data, at[middle])
        return out
    words = np.ndarray(shape=(size - 7,), dtype="<u8", buffer=data, strides=(1,))
    found = words[at - 4].view(np.uint8).reshape(-1, 8)
    digits = np.empty((len(at), 9), dtype=np.bool_)
    np.less(found - _ZERO, _DIGITS, out=digits[:, :8])  # uint8 wraps below "0"
    digits[:, 8] = (data[at + 4] - _ZERO) < _DIGITS
    return digits
