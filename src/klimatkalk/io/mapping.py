"""Input mappings: how an analyst's own spreadsheet maps onto klimatkalk's activity columns.

A mapping says which sheet to read, where its header is, which of its columns hold year,
activity, quantity and unit, which values are the same for the whole sheet, and how the
source's own labels (``"Diesel MK1"``) map to activity codes (``diesel``). It is a TOML file, a
YAML file (read with ``yaml.safe_load`` when PyYAML is installed), a JSON file or a dict, and is
validated by :class:`InputMapping`.

A TOML mapping for one fuel-card export::

    sheet = "Tankningar"            # name, or 0-based position; omit for every sheet
    header_row = 4                  # Excel row of the header; omit to find it
    year = 2024                     # the same year for every row
    [columns]                       # klimatkalk column = the header in the file
    activity = "Produkt"
    quantity = "Volym (liter)"      # the unit in the header is used when there is no unit
    org_unit = "Kostnadsställe"
    [labels]                        # the file's own labels = activity codes
    "Diesel MK1" = "diesel"
    "Bensin 95" = "petrol"

A label that ends in ``*`` is a prefix: ``"3314*" = "cpv_3314"`` maps every code that begins
with ``3314`` (a CPV class, an account range), the longest matching prefix wins and a label
written out in full wins over every prefix.

Several sheets or files take one ``[[sheets]]`` table each; ``file`` (a glob such as
``"drivmedel*.xlsx"``) says which files an entry applies to. A file that no entry applies to is
read as without a mapping.
"""

from __future__ import annotations

import fnmatch
import json
import tomllib
from collections.abc import Mapping
from functools import cached_property
from os import PathLike
from pathlib import Path
from typing import Annotated, Any, Self

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from klimatkalk.columns import header_key
from klimatkalk.errors import ActivityDataError, ErrorReason, Problem

__all__ = ["InputMapping", "SheetMapping", "load_mapping"]

_FIXABLE = ("year", "activity", "unit")
_Name = Annotated[str, Field(min_length=1, max_length=200)]


class SheetMapping(BaseModel):
    """How one sheet (or CSV file) maps onto the activity columns.

    Attributes
    ----------
    file : str
        Glob of the file names this entry applies to (case-insensitive); ``"*"`` by default.
    sheet : str or int or None
        Sheet name, or 0-based position; ``None`` reads every visible sheet that has a header.
        Ignored for CSV files.
    header_row : int or None
        Row of the header as Excel numbers it (1 = first row); ``None`` searches the first rows
        for the first one that holds the required headers or their aliases.
    columns : dict
        klimatkalk column (``year``, ``activity``, ``quantity``, ``unit``, ``org_unit``,
        ``period``, ``comment``, ``abated_fraction`` or a name of your own) → the header text
        in the file. Columns not named here are found by their usual headers (``År``,
        ``Aktivitet``, ``Mängd``, ``Enhet`` …).
    year, activity, unit : optional
        A value that holds for every row of the sheet, instead of a column.
    labels : dict
        The file's own activity labels → activity codes. Compared case-insensitively; values
        not listed are taken as activity codes. A label ending in ``*`` is a prefix
        (``"3314*"``); the longest matching prefix wins, a label in full wins over prefixes.
    skip_totals : bool
        Skip rows recognised as totals or subtotals (listed in ``ActivityTable.skipped``).

    Examples
    --------
    >>> m = SheetMapping(columns={"quantity": "Mängd (liter)"}, year=2024,
    ...                  labels={"Diesel MK1": "diesel"})
    >>> m.label_codes()
    {'diesel_mk1': 'diesel'}
    >>> cpv = SheetMapping(labels={"3314*": "cpv_3314", "331*": "cpv_331",
    ...                            "33141110-4": "bandages"})
    >>> [cpv.activity_code(v) for v in ["33141110-4", "33141200-2", "33100000-1", "4010"]]
    ['bandages', 'cpv_3314', 'cpv_331', '4010']
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    file: _Name = "*"
    sheet: _Name | Annotated[int, Field(ge=0)] | None = None
    header_row: Annotated[int, Field(ge=1, le=1_048_576)] | None = None
    columns: dict[_Name, _Name] = Field(default_factory=dict)
    year: Annotated[int, Field(ge=1900, le=2100)] | None = None
    activity: Annotated[str, Field(pattern=r"^[a-z0-9_]+$")] | None = None
    unit: _Name | None = None
    labels: dict[_Name, Annotated[str, Field(pattern=r"^[a-z0-9_]+$")]] = Field(
        default_factory=dict
    )
    skip_totals: bool = True

    @field_validator("columns")
    @classmethod
    def _distinct_headers(cls, columns: dict[str, str]) -> dict[str, str]:
        seen: dict[str, str] = {}
        for target, header in columns.items():
            if target != target.strip():
                msg = f"column name {target!r} has surrounding spaces"
                raise ValueError(msg)
            if target.startswith("origin_"):
                msg = f"{target!r}: origin_* columns are added by the reader"
                raise ValueError(msg)
            key = header_key(header)
            if key in seen:
                msg = f"{seen[key]!r} and {target!r} both name the header {header!r}"
                raise ValueError(msg)
            seen[key] = target
        return columns

    @field_validator("labels")
    @classmethod
    def _distinct_labels(cls, labels: dict[str, str]) -> dict[str, str]:
        keys = [header_key(k) for k in labels]
        doubled = sorted({k for k in keys if keys.count(k) > 1})
        if doubled:
            msg = f"labels listed twice (case and spaces ignored): {doubled}"
            raise ValueError(msg)
        for key in labels:
            stem = key.strip()
            if "*" in stem.rstrip("*") or stem.endswith("**"):
                msg = f"label {key!r}: '*' may only end a label, once (a prefix such as '3314*')"
                raise ValueError(msg)
            if stem == "*":
                msg = (
                    "label '*' would map every value, unknown ones too; "
                    "list the labels or prefixes ('33*')"
                )
                raise ValueError(msg)
        return labels

    @model_validator(mode="after")
    def _fixed_or_column(self) -> Self:
        for name in _FIXABLE:
            if getattr(self, name) is not None and name in self.columns:
                msg = f"{name!r} is given both as a fixed value and as a column; keep one"
                raise ValueError(msg)
        if self.activity is not None and self.labels:
            msg = "labels map a column of activities; with a fixed activity they are not used"
            raise ValueError(msg)
        return self

    def applies_to(self, file_name: str) -> bool:
        """Whether this entry applies to a file of this name.

        Examples
        --------
        >>> SheetMapping(file="drivmedel*.xlsx").applies_to("Drivmedel_2024.XLSX")
        True
        """
        return fnmatch.fnmatch(file_name.casefold(), self.file.casefold())

    def label_codes(self) -> dict[str, str]:
        """Return the labels keyed as they are compared (case-folded, spaces as ``_``)."""
        return {header_key(k): v for k, v in self.labels.items()}

    def activity_code(self, value: str) -> str:
        """Return the activity code of a value of the file's activity column.

        A label written in full first, then the longest prefix label (``"3314*"``); a value
        that no label matches is returned as it is (it is taken as an activity code).
        """
        key = header_key(value)
        exact, prefixes = self._label_lookup
        if key in exact:
            return exact[key]
        for prefix, code in prefixes:
            if key.startswith(prefix):
                return code
        return value

    @cached_property
    def _label_lookup(self) -> tuple[dict[str, str], list[tuple[str, str]]]:
        codes = self.label_codes()
        exact = {k: v for k, v in codes.items() if not k.endswith("*")}
        prefixes = sorted(
            ((k[:-1], v) for k, v in codes.items() if k.endswith("*")),
            key=lambda kv: -len(kv[0]),
        )
        return exact, prefixes


class InputMapping(BaseModel):
    """A validated mapping: one :class:`SheetMapping` per sheet or file.

    A mapping for a single sheet may be written without the ``sheets`` list.

    Examples
    --------
    >>> m = InputMapping.model_validate({"sheet": "Drivmedel", "unit": "l"})
    >>> m.sheets[0].sheet, m.sheets[0].unit
    ('Drivmedel', 'l')
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    sheets: Annotated[list[SheetMapping], Field(min_length=1)]

    @model_validator(mode="before")
    @classmethod
    def _single_sheet(cls, data: Any) -> Any:
        if isinstance(data, Mapping) and "sheets" not in data:
            return {"sheets": [dict(data)]}
        return data

    def entries_for(self, file_name: str) -> list[SheetMapping]:
        """Return the entries that apply to a file, in mapping order."""
        return [s for s in self.sheets if s.applies_to(file_name)]


def load_mapping(
    source: InputMapping | SheetMapping | Mapping[str, Any] | str | PathLike[str],
) -> InputMapping:
    """Read and validate a mapping.

    Parameters
    ----------
    source : InputMapping, SheetMapping, dict or path
        A mapping object, a dict of the same shape, or a ``.toml``, ``.yaml``/``.yml`` or
        ``.json`` file.

    Returns
    -------
    InputMapping

    Raises
    ------
    ActivityDataError
        If the file cannot be parsed or the mapping is invalid; every problem is listed with
        its place in the mapping (e.g. ``sheets.0.header_row``).
    FileNotFoundError
        If the mapping file does not exist.

    Examples
    --------
    >>> load_mapping({"columns": {"quantity": "Volym (liter)"}, "year": 2024}).sheets[0].year
    2024
    >>> load_mapping({"header_row": 0})
    Traceback (most recent call last):
    ...
    klimatkalk.errors.ActivityDataError: the mapping is invalid: 1 problem(s)
      - <mapping>: column 'sheets.0.header_row' value 0: Input should be greater than or equal to 1 [invalid_value]
    """  # noqa: E501
    if isinstance(source, InputMapping):
        return source
    if isinstance(source, SheetMapping):
        return InputMapping(sheets=[source])
    name = "<mapping>"
    if isinstance(source, str | PathLike):
        path = Path(source)
        name = str(path)
        data = _parse_file(path)
    else:
        data = source
    try:
        return InputMapping.model_validate(data)
    except ValidationError as exc:
        raise ActivityDataError(
            [
                Problem(
                    name,
                    None,
                    ".".join(str(part) for part in error["loc"]) or None,
                    error.get("input"),
                    ErrorReason.INVALID_VALUE,
                    error["msg"].removeprefix("Value error, "),
                )
                for error in exc.errors()
            ],
            headline="the mapping is invalid",
        ) from None


def _parse_file(path: Path) -> object:
    suffix = path.suffix.lower()
    if suffix not in {".toml", ".json", ".yaml", ".yml"}:
        raise _file_error(path, "a mapping is a .toml, .yaml, .yml or .json file")
    text = path.read_bytes()
    if suffix in {".yaml", ".yml"}:
        return _parse_yaml(path, text)
    try:
        decoded = text.decode("utf-8-sig")
        return tomllib.loads(decoded) if suffix == ".toml" else json.loads(decoded)
    except (ValueError, UnicodeDecodeError) as exc:  # TOMLDecodeError, JSONDecodeError
        raise _file_error(path, f"{type(exc).__name__}: {exc}") from None


def _parse_yaml(path: Path, text: bytes) -> object:
    try:
        import yaml  # type: ignore[import-untyped,unused-ignore]
    except ImportError:
        raise _file_error(
            path, "reading YAML needs PyYAML (pip install pyyaml); or write the mapping in TOML"
        ) from None
    try:
        return yaml.safe_load(text.decode("utf-8-sig"))  # never yaml.load: no object tags
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise _file_error(path, f"{type(exc).__name__}: {exc}") from None


def _file_error(path: Path, message: str) -> ActivityDataError:
    return ActivityDataError(
        [Problem(str(path), None, None, None, ErrorReason.INVALID_VALUE, message)],
        headline="the mapping cannot be read",
    )
