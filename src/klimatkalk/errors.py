"""Errors: one base class, typed subclasses that also derive from the matching builtin.

Every error that points at user data carries where it happened (``file``, ``row``, ``column``,
``value``) and why (``reason``, an :class:`ErrorReason`), as pandera's ``SchemaError`` does.
Errors that collect several problems (:class:`InputRowsError`, :class:`FactorDataError`) keep
them all in ``problems`` so that a user sees every bad row at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

__all__ = [
    "ActivityDataError",
    "ErrorReason",
    "FactorDataError",
    "InputFileNotFoundError",
    "InputRowsError",
    "KlimatkalkError",
    "NumberFormatError",
    "Problem",
    "UnitError",
]


class ErrorReason(StrEnum):
    """Machine-readable reason for a rejected value (the ``reason`` column of rejected rows)."""

    UNKNOWN_ACTIVITY = "unknown_activity"
    UNKNOWN_UNIT = "unknown_unit"
    AMBIGUOUS_UNIT = "ambiguous_unit"
    UNIT_DIMENSION_MISMATCH = "unit_dimension_mismatch"
    NEGATIVE_QUANTITY = "negative_quantity"
    NOT_A_NUMBER = "not_a_number"
    AMBIGUOUS_NUMBER = "ambiguous_number"
    MISSING_VALUE = "missing_value"
    YEAR_NOT_COVERED = "year_not_covered"
    NO_FACTOR = "no_factor"
    FORMULA_WITHOUT_VALUE = "formula_without_value"
    INVALID_YEAR = "invalid_year"
    MISSING_COLUMN = "missing_column"
    MISSING_SHEET = "missing_sheet"
    DUPLICATE_COLUMN = "duplicate_column"
    EMPTY_FILE = "empty_file"
    ENCODING = "encoding"
    UNKNOWN_SOURCE = "unknown_source"
    INCOMPLETE_SOURCE = "incomplete_source"
    OVERLAPPING_VALIDITY = "overlapping_validity"
    INVALID_VALUE = "invalid_value"
    UNKNOWN_GAS = "unknown_gas"
    GWP_NOT_AVAILABLE = "gwp_not_available"
    GWP_SET_MISMATCH = "gwp_set_mismatch"
    TOO_LARGE = "too_large"
    UNSUPPORTED_FORMAT = "unsupported_format"


@dataclass(frozen=True)
class Problem:
    """One problem in one cell of a file or table.

    ``row`` is the row as the user sees it: the line number of a CSV file (header = line 1) or the
    0-based position in a DataFrame; ``file`` is ``"<frame>"`` for in-memory data.
    """

    file: str
    row: int | None
    column: str | None
    value: object
    reason: ErrorReason
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f":{self.row}"
        col = f" column {self.column!r}" if self.column is not None else ""
        if self.column is None and self.value is None:  # a problem of the whole file
            return f"{where}: {self.message} [{self.reason.value}]"
        return f"{where}:{col} value {self.value!r}: {self.message} [{self.reason.value}]"


class KlimatkalkError(Exception):
    """Base class for every klimatkalk error."""


class _ProblemsError(KlimatkalkError):
    """An error that lists one or more :class:`Problem` s."""

    headline = "invalid data"

    def __init__(self, problems: Sequence[Problem], headline: str | None = None) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        if headline is not None:
            self.headline = headline
        super().__init__(self.problems)

    def __str__(self) -> str:
        shown = self.problems[:50]
        lines = [f"{self.headline}: {len(self.problems)} problem(s)"]
        lines += [f"  - {p}" for p in shown]
        if len(self.problems) > len(shown):
            lines.append(f"  … and {len(self.problems) - len(shown)} more")
        return "\n".join(lines)

    def __reduce__(self) -> tuple[type, tuple[tuple[Problem, ...], str]]:
        return self.__class__, (self.problems, self.headline)


class FactorDataError(_ProblemsError, ValueError):
    """Emission-factor data that does not load (unsourced, bad unit, overlapping validity…)."""

    headline = "emission-factor data does not load"


class InputRowsError(_ProblemsError, ValueError):
    """Activity rows that cannot be calculated (raised with ``strict=True``)."""

    headline = "activity rows rejected"


class ActivityDataError(_ProblemsError, ValueError):
    """An activity file or frame that cannot be read at all (missing column, empty file…)."""

    headline = "activity data cannot be read"


class UnitError(KlimatkalkError, ValueError):
    """A unit string that does not parse, is ambiguous, or has the wrong dimension."""

    def __init__(self, unit: str, reason: ErrorReason, message: str) -> None:
        self.unit = unit
        self.reason = reason
        self.message = message
        super().__init__(unit, reason, message)

    def __str__(self) -> str:
        return f"unit {self.unit!r}: {self.message}"

    def __reduce__(self) -> tuple[type, tuple[str, ErrorReason, str]]:
        return self.__class__, (self.unit, self.reason, self.message)


class NumberFormatError(KlimatkalkError, ValueError):
    """Text that is not a number, or is ambiguous as one (e.g. ``"1,234,5"``)."""

    def __init__(self, text: str, reason: ErrorReason, message: str) -> None:
        self.text = text
        self.reason = reason
        self.message = message
        super().__init__(text, reason, message)

    def __str__(self) -> str:
        return f"{self.text!r} is not a number: {self.message}"

    def __reduce__(self) -> tuple[type, tuple[str, ErrorReason, str]]:
        return self.__class__, (self.text, self.reason, self.message)


class InputFileNotFoundError(KlimatkalkError, FileNotFoundError):
    """An input file that does not exist; ``filename`` is the path as given.

    Examples
    --------
    >>> error = InputFileNotFoundError("nofile.xlsx")
    >>> str(error)
    'nofile.xlsx: the file does not exist (filen finns inte)'
    >>> isinstance(error, FileNotFoundError), error.filename
    (True, 'nofile.xlsx')
    """

    def __init__(self, path: object) -> None:
        super().__init__(2, "the file does not exist (filen finns inte)", str(path))

    def __str__(self) -> str:
        return f"{self.filename}: {self.strerror}"

    def __reduce__(self) -> tuple[type, tuple[str]]:
        return self.__class__, (str(self.filename),)
