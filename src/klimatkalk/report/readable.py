"""Frames for people: Swedish (or English) headings and labels in place of column and value codes.

The frames of the API (``result.rows``, ``ActivityTable.error_report()``, the report tables) have
code column names (``emissions_kg_co2e``, ``origin_row``) and code values (``transport``,
``lifecycle``, ``unit_dimension_mismatch``), which programs need. A file a Swedish analyst opens
shows words instead: :func:`localise_frame` puts the report's labels on any such frame
(headings with units, category, boundary, status, reason and yes/no values);
:func:`readable_rows` and :func:`readable_rejected` do it for the calculated and the rejected
rows that ``klimatkalk calculate -o`` writes. Numbers stay numbers, and codes that identify
something (activity, factor and source ids) stay as they are, with the activity's name beside
its code. Values are translated once per distinct value, never per row.

Examples
--------
>>> import pandas as pd
>>> import klimatkalk as kk
>>> res = kk.calculate_emissions(pd.DataFrame({
...     "year": [2024], "activity": ["diesel"], "quantity": [1000], "unit": ["l"]}),
...     kk.load_factors("tests/fixtures/factors_minimal"))
>>> shown = readable_rows(res.rows, "sv", res.factors.activities)
>>> shown[["Aktivitet", "Benämning", "Kategori"]].iloc[0].tolist()
['diesel', 'Diesel', 'Transporter']
>>> shown["Utsläpp (kg CO2e)"].tolist()  # 1000 l × 2.5 kg CO2e/l
[2500.0]
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from klimatkalk.report._labels import (
    FACTOR_SETS,
    GWP_BASIS_LABELS,
    INPUT_COLUMNS,
    METHOD_LABELS,
    QUALITY_LABELS,
    REASONS,
    STATUS,
    SUBCATEGORY_LABELS,
    TEXT,
    VAT_BASIS_LABELS,
    Lang,
    category_label,
    column_label,
    text,
    translate,
)
from klimatkalk.report._messages import message_text

if TYPE_CHECKING:
    from klimatkalk.factors.activities import Activity

__all__ = ["localise_frame", "readable_rejected", "readable_rows"]


def _boundary(value: object, lang: Lang) -> object:
    return text(value, lang) if isinstance(value, str) and value in TEXT else value


_VALUES: dict[str, Callable[[object, Lang], object]] = {
    "category": lambda v, lang: v if v is None else category_label(v, lang),
    "subcategory": lambda v, lang: translate(SUBCATEGORY_LABELS, v, lang),
    "status": lambda v, lang: translate(STATUS, v, lang),
    "change": lambda v, lang: translate(STATUS, v, lang),
    "reason": lambda v, lang: translate(REASONS, v, lang),
    "column": lambda v, lang: translate(INPUT_COLUMNS, v, lang),
    "boundary": _boundary,
    "factor_set": lambda v, lang: translate(FACTOR_SETS, v, lang),
    "factor_quality": lambda v, lang: translate(QUALITY_LABELS, v, lang),
    "gwp_basis": lambda v, lang: translate(GWP_BASIS_LABELS, v, lang),
    "vat_basis": lambda v, lang: translate(VAT_BASIS_LABELS, v, lang),
    "factor_vat_basis": lambda v, lang: translate(VAT_BASIS_LABELS, v, lang),
    "method": lambda v, lang: translate(METHOD_LABELS, v, lang),
    "own_factor_method": lambda v, lang: translate(METHOD_LABELS, v, lang),
    "message": message_text,
}
"""Columns whose code values have words, and how to say each value."""

_YES_NO = ("on_track", "boundary_fallback", "own_factor_used")
"""Columns of booleans, shown as Ja/Nej (Yes/No)."""


def localise_frame(frame: pd.DataFrame, lang: Lang, **values: object) -> pd.DataFrame:
    """Return ``frame`` with the report's headings and its code values in words.

    ``values`` fill headings with a field (``year``, ``base_year``). A column without a label
    keeps its name (a user's own column); a value without a label stays as it is.

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"category": ["energy"], "boundary": ["lifecycle"],
    ...     "boundary_fallback": [False], "emissions_t_co2e": [1.5], "egen": ["x"]})
    >>> shown = localise_frame(frame, "sv")
    >>> list(shown.columns)  # doctest: +NORMALIZE_WHITESPACE
    ['Kategori', 'Systemgräns', 'Faktor med annan systemgräns', 'Utsläpp (t CO2e)', 'egen']
    >>> shown.to_dict("list")["Kategori"], shown.to_dict("list")["Faktor med annan systemgräns"]
    (['Energi'], ['Nej'])
    """
    out = frame.copy()
    for column, say in _VALUES.items():
        if column in out:
            out[column] = _per_distinct(out[column], _in(say, lang))
    for column in _YES_NO:
        if column in out:
            out[column] = _per_distinct(
                out[column],
                lambda v: text("yes" if v else "no", lang),  # missing stays missing
            )
    labels = {c: column_label(str(c), lang, **values) for c in out.columns}
    return out.rename(columns=labels)


def readable_rows(
    rows: pd.DataFrame, lang: Lang, activities: Mapping[str, Activity] | None = None
) -> pd.DataFrame:
    """Return calculated rows (``result.rows``) for people, the input position as a column.

    Rows that know where they came from (``origin_file`` and ``origin_row``, as read from a
    file) are shown by that place; others get their position in the input as a first column
    (``row``). With ``activities`` (the catalogue, ``result.factors.activities``), the
    activity's name in ``lang`` stands beside its code.
    """
    known = "origin_file" in rows and "origin_row" in rows
    out = rows.reset_index(drop=True) if known else rows.rename_axis("row").reset_index()
    if activities is not None and "activity" in out:
        names = {
            code: (a.label_sv if lang == "sv" else a.label_en) for code, a in activities.items()
        }
        label = _per_distinct(out["activity"], lambda v: names.get(str(v)))
        out.insert(list(out.columns).index("activity") + 1, "activity_label", label)
    return localise_frame(out, lang)


def readable_rejected(report: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """Return rejected and skipped rows (``ActivityTable.error_report()``) for people.

    The reason is said in words, and the message that explains it in ``lang`` where its shape
    is known (the library's own messages are English); a skipped row's reason says it all, and
    its message is left empty.
    """
    out = report.copy()
    if "status" in out and "message" in out:
        skipped = (out["status"] == "skipped").to_numpy(dtype=bool)
        if skipped.any():
            out["message"] = out["message"].astype(object).where(~skipped, None)
    return localise_frame(out, lang)


def _in(say: Callable[[object, Lang], object], lang: Lang) -> Callable[[object], object]:
    return lambda value: say(value, lang)


def _per_distinct(values: pd.Series, say: Callable[[object], object]) -> pd.Series:
    """Apply ``say`` to each distinct value once; missing values stay missing."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    said = np.empty(len(uniques) + 1, dtype=object)
    said[:-1] = [say(u) for u in uniques]
    said[-1] = None
    return pd.Series(said[codes], index=values.index, dtype=object)
