"""Column names of activity data, their Swedish aliases, and how headers are compared."""

from __future__ import annotations

import re
from typing import Final

__all__ = [
    "COLUMN_ALIASES",
    "KNOWN_COLUMNS",
    "PROBLEM_COLUMNS",
    "REQUIRED_COLUMNS",
    "VALIDATED_COLUMNS",
    "header_key",
    "split_header_unit",
]
SKIPPED_COLUMNS: Final = ("origin_file", "origin_sheet", "origin_row", "reason", "text")
"""Columns of :attr:`klimatkalk.ActivityTable.skipped`."""
SOURCE_COLUMNS: Final = ("origin_file", "origin_sheet", "column", "excel_column", "header")
"""Columns of :attr:`klimatkalk.ActivityTable.sources`."""

REQUIRED_COLUMNS: Final = ("year", "activity", "quantity", "unit")
PROBLEM_COLUMNS: Final = ("row", "column", "value", "reason", "message")
VALIDATED_COLUMNS: Final = (*REQUIRED_COLUMNS, "abated_fraction", "vat_basis", "own_factor")
"""Columns whose cells decide whether a row can be calculated."""

COLUMN_ALIASES: Final[dict[str, str]] = {
    "year": "year",
    "år": "year",
    "ar": "year",
    "activity": "activity",
    "aktivitet": "activity",
    "aktivitetskod": "activity",
    "quantity": "quantity",
    "mängd": "quantity",
    "mangd": "quantity",
    "antal": "quantity",
    "kvantitet": "quantity",
    "förbrukning": "quantity",
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
    "vat_basis": "vat_basis",
    "moms": "vat_basis",
    "momsgrund": "vat_basis",
    "own_factor": "own_factor",
    "egen_faktor": "own_factor",
    "own_factor_unit": "own_factor_unit",
    "egen_faktor_enhet": "own_factor_unit",
    "own_factor_source": "own_factor_source",
    "egen_faktor_källa": "own_factor_source",
    "egen_faktor_kalla": "own_factor_source",
    "own_factor_method": "own_factor_method",
    "egen_faktor_metod": "own_factor_method",
}
"""Header spellings (case-insensitive, spaces as ``_``) and the column each one means."""

KNOWN_COLUMNS: Final = tuple(dict.fromkeys(COLUMN_ALIASES.values()))

_UNIT_SUFFIX: Final = re.compile(
    r"^\s*(?P<base>[^()\[\],]+?)\s*(?:\((?P<p>[^()]+)\)|\[(?P<b>[^\[\]]+)\]|,\s*(?P<c>[^,]+))\s*$"
)


def header_key(text: object) -> str:
    """Return the form in which headers are compared: case-folded, spaces as ``_``.

    Examples
    --------
    >>> header_key("  Mängd   (liter) ")
    'mängd_(liter)'
    """
    return "_".join(str(text).split()).casefold()


def split_header_unit(text: str) -> tuple[str, str | None]:
    """Split a header such as ``"Mängd (liter)"`` into its name and the unit it names.

    The unit may be written in parentheses, in brackets or after a comma.

    Examples
    --------
    >>> split_header_unit("Mängd (liter)")
    ('Mängd', 'liter')
    >>> split_header_unit("Förbrukning [kWh]")
    ('Förbrukning', 'kWh')
    >>> split_header_unit("Mängd, m3")
    ('Mängd', 'm3')
    >>> split_header_unit("Mängd")
    ('Mängd', None)
    """
    match = _UNIT_SUFFIX.match(text)
    if match is None:
        return text.strip(), None
    unit = match.group("p") or match.group("b") or match.group("c")
    return match.group("base").strip(), unit.strip() if unit and unit.strip() else None
