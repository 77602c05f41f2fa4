"""Reading the factor-data CSV files: strict headers, row models, every problem with its line."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
)

from klimatkalk.errors import ErrorReason, Problem

__all__ = [
    "CsvRows",
    "DataYear",
    "GwpSetName",
    "OptionalStr",
    "RowModel",
    "Slug",
    "Text",
    "check_validity",
    "read_rows",
]


def _blank_to_none(value: object) -> object:
    if isinstance(value, str) and not value.strip():
        return None
    return value


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
"""A required, non-blank text cell."""
OptionalStr = Annotated[str | None, BeforeValidator(_blank_to_none)]
"""A text cell that may be blank (blank becomes ``None``)."""
Slug = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.:\-]*$")]
"""An identifier: letters, digits, ``_ . : -``."""
GwpSetName = Literal["AR4GWP100", "AR5GWP100", "AR6GWP100"]
DataYear = Annotated[int, Field(ge=1990, le=2100)]
"""A year in the factor data (activity year, price year)."""


def check_validity(valid_from: int, valid_to: int) -> None:
    """Refuse a validity range that ends before it starts."""
    if valid_from > valid_to:
        msg = f"valid_from {valid_from} is after valid_to {valid_to}"
        raise ValueError(msg)


class RowModel(BaseModel):
    """Base of the row models: frozen, no unknown fields, blanks are ``None``."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


M = TypeVar("M", bound=RowModel)


class CsvRows(list[tuple[int, M]]):
    """Validated rows of one file, each with its line number (header = line 1)."""

    def __init__(self, file: str, rows: Sequence[tuple[int, M]] = ()) -> None:
        super().__init__(rows)
        self.file = file


def read_rows(path: Path, model: type[M], problems: list[Problem]) -> CsvRows[M]:
    """Read ``path`` as CSV and validate each row with ``model``.

    Problems (unknown or missing columns, cells that fail validation) are appended to
    ``problems`` rather than raised, so that a caller can report every bad row at once.
    """
    file = str(path)
    result: CsvRows[M] = CsvRows(file)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        problems.append(
            Problem(
                file,
                line,
                None,
                None,
                ErrorReason.ENCODING,
                "not UTF-8: save the file as 'CSV UTF-8 (kommaavgränsad)'",
            )
        )
        return result
    reader = csv.reader(text.splitlines())
    header = next(reader, None)
    if header is None:
        problems.append(Problem(file, None, None, None, ErrorReason.EMPTY_FILE, "empty file"))
        return result
    if len(header) == 1 and header[0].count(";") >= 2:  # Swedish Excel's "CSV" (semicolons)
        problems.append(
            Problem(
                file,
                1,
                None,
                None,
                ErrorReason.INVALID_VALUE,
                "the columns are separated by ';': factor files are comma-separated; save the "
                "file as 'CSV UTF-8 (kommaavgränsad)' with a decimal point",
            )
        )
        return result
    header = [h.strip() for h in header]
    expected = list(model.model_fields)
    required = [n for n, f in model.model_fields.items() if f.is_required()]
    missing = [c for c in required if c not in header]
    unknown = [c for c in header if c not in expected]
    duplicated = sorted({c for c in header if header.count(c) > 1})
    for column in missing:
        problems.append(
            Problem(file, 1, column, None, ErrorReason.MISSING_COLUMN, "required column missing")
        )
    for column in unknown:
        problems.append(
            Problem(
                file,
                1,
                column,
                column,
                ErrorReason.INVALID_VALUE,
                f"unknown column; expected {', '.join(expected)}",
            )
        )
    for column in duplicated:
        problems.append(
            Problem(file, 1, column, column, ErrorReason.DUPLICATE_COLUMN, "duplicate column")
        )
    if missing or unknown or duplicated:
        return result
    for line, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            problems.append(
                Problem(
                    file,
                    line,
                    None,
                    ",".join(cells),
                    ErrorReason.INVALID_VALUE,
                    f"{len(cells)} cells, expected {len(header)}",
                )
            )
            continue
        record: dict[str, Any] = {
            h: (c if c.strip() else None) for h, c in zip(header, cells, strict=True)
        }
        try:
            result.append((line, model.model_validate(record)))
        except ValidationError as exc:
            for err in exc.errors():
                field_name = str(err["loc"][0]) if err["loc"] else None
                value = record.get(field_name) if field_name else None
                message = err["msg"]
                if isinstance(value, str) and "," in value and "valid number" in message:
                    message = "a number with a decimal point (0.045), not a comma"
                problems.append(
                    Problem(file, line, field_name, value, ErrorReason.INVALID_VALUE, message)
                )
    return result
