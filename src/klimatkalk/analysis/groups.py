"""Target groups: named groups of activities and categories with their own −50 % target.

Regions set targets on groups that cut across the report's categories. Region Västmanland's
*klimatpåverkan från energianvändning* is electricity, heat, cooling, refrigerants and backup
power; *klimatpåverkan från inköp* is nitrous oxide, anaesthetic gases, medical CO2, laundry,
goods, services and food [1]_. A :class:`TargetGroup` names its members by activity code,
category or subcategory of the catalogue; :func:`group_emissions` sums each group per year and
:func:`group_status` compares the reporting year with the group's base year and its path
(:class:`~klimatkalk.analysis.trajectory.Trajectory`).

A group is not one of the report's categories, even when its name sounds like one: Region
Västmanland's energy group counts the refrigerants, which the report shows as a category of their
own. :func:`group_parts` says, from the rows, what each group holds beyond the category it is
closest to and what of that category it leaves out; :func:`group_totals` ties the groups to the
report's total (the groups, what no group holds, what two groups both hold).

Groups are declared in code or in a small TOML file (:func:`groups_from_mapping`)::

    [[group]]
    key = "energianvandning"
    label = "Klimatpåverkan från energianvändning"
    subcategories = ["electricity", "district_heating", "district_cooling", "backup_power"]
    categories = ["refrigerants"]
    base_year = 2019
    target_reduction = 0.5
    target_year = 2030

References
----------
.. [1] Region Västmanland, *Hållbarhetsredovisning 2024* (energy-use emissions −31 % / −29 % and
   purchases emissions +9 % / +11 % against 2019, in 2023 / 2024).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final, Literal

import numpy as np
import pandas as pd

from klimatkalk.analysis.baseline import MassUnit, _scale
from klimatkalk.analysis.trajectory import Trajectory
from klimatkalk.results import EmissionsResult

__all__ = [
    "TargetGroup",
    "group_emissions",
    "group_parts",
    "group_status",
    "group_totals",
    "groups_from_mapping",
]


@dataclass(frozen=True)
class TargetGroup:
    """A named group of activities with its own target.

    Attributes
    ----------
    key : str
        Identifier.
    label : str
        Name in the report.
    activities, categories, subcategories : tuple of str
        Members: a result row belongs to the group when its activity, category or
        subcategory is listed (any of them).
    base_year : int, default 2019
    target_reduction : float, default 0.5
        Reduction against the base year by ``target_year`` (0.5 = −50 %).
    target_year : int, default 2030
    shape : {"linear", "constant_rate"}, default "linear"
        Shape of the path.
    start_year : int, optional
        Year the path starts; the base year by default.
    """

    key: str
    label: str
    activities: tuple[str, ...] = field(default=())
    categories: tuple[str, ...] = field(default=())
    subcategories: tuple[str, ...] = field(default=())
    base_year: int = 2019
    target_reduction: float = 0.5
    target_year: int = 2030
    shape: Literal["linear", "constant_rate"] = "linear"
    start_year: int | None = None

    def __post_init__(self) -> None:
        if not (self.activities or self.categories or self.subcategories):
            msg = f"group {self.key!r} has no members: give activities, categories or subcategories"
            raise ValueError(msg)
        if self.shape not in ("linear", "constant_rate"):
            msg = f"group {self.key!r}: shape must be 'linear' or 'constant_rate'"
            raise ValueError(msg)

    def members(self, rows: pd.DataFrame) -> np.ndarray[Any, np.dtype[np.bool_]]:
        """Which result rows belong to the group."""
        hit = np.zeros(len(rows), dtype=bool)
        for column, names in (
            ("activity", self.activities),
            ("category", self.categories),
            ("subcategory", self.subcategories),
        ):
            if names:
                hit |= rows[column].astype(object).isin(list(names)).to_numpy(dtype=bool)
        return hit

    def trajectory(self, base_value: float) -> Trajectory:
        """Return the group's path in the unit of ``base_value``."""
        make = Trajectory.linear if self.shape == "linear" else Trajectory.constant_rate
        return make(
            self.base_year,
            self.target_year,
            self.target_reduction,
            base_value=base_value,
            start_year=self.start_year,
        )


def groups_from_mapping(data: Mapping[str, Any]) -> list[TargetGroup]:
    """Make groups from a parsed TOML/JSON document with a list ``group``.

    Examples
    --------
    >>> import tomllib
    >>> doc = tomllib.loads('''
    ... [[group]]
    ... key = "inkop"
    ... label = "Klimatpåverkan från inköp"
    ... categories = ["purchases"]
    ... subcategories = ["nitrous_oxide", "anaesthetic_gases", "medical_co2"]
    ... ''')
    >>> groups_from_mapping(doc)[0].subcategories
    ('nitrous_oxide', 'anaesthetic_gases', 'medical_co2')
    """
    entries = data.get("group")
    if not isinstance(entries, list) or not entries:
        msg = "the groups file needs a list [[group]] with at least one group"
        raise ValueError(msg)
    fields = set(TargetGroup.__dataclass_fields__)
    groups = []
    for i, entry in enumerate(entries, start=1):
        if not isinstance(entry, Mapping):
            msg = f"group {i} is not a table"
            raise TypeError(msg)
        unknown = sorted(set(entry) - fields)
        if unknown:
            msg = f"group {i}: unknown keys {unknown}; the keys are {sorted(fields)}"
            raise ValueError(msg)
        kwargs = dict(entry)
        _check_types(i, kwargs)
        for name in ("activities", "categories", "subcategories"):
            if name in kwargs:
                kwargs[name] = tuple(str(v) for v in kwargs[name])
        groups.append(TargetGroup(**kwargs))
    keys = [g.key for g in groups]
    if len(set(keys)) != len(keys):
        msg = f"two groups have the same key: {keys}"
        raise ValueError(msg)
    return groups


def group_emissions(
    result: EmissionsResult, groups: Sequence[TargetGroup], unit: MassUnit = "t"
) -> pd.DataFrame:
    """Emissions of each group per year.

    Returns
    -------
    DataFrame
        ``group``, ``label``, ``year`` and ``emissions_<unit>_co2e``; a group with no rows in a
        year has 0 there (its activities were not there).

    Examples
    --------
    >>> import klimatkalk as kk
    >>> res = kk.calculate_emissions(pd.DataFrame({"year": [2024, 2024],
    ...     "activity": ["nitrous_oxide", "diesel"], "quantity": [10, 0], "unit": ["kg", "l"]}))
    >>> g = TargetGroup("gas", "Medicinska gaser", categories=("medical_gases",))
    >>> group_emissions(res, [g], unit="kg")
      group             label  year  emissions_kg_co2e
    0   gas  Medicinska gaser  2024             2650.0
    """
    scale = _scale(unit)
    rows = result.rows
    column = f"emissions_{unit}_co2e"
    known = rows["year"].notna().to_numpy(dtype=bool)
    year = rows["year"].to_numpy(dtype=np.float64, na_value=np.nan)
    years = pd.Index(np.unique(year[known]).astype(np.int64), name="year")
    values = pd.Series(rows["emissions_kg_co2e"].to_numpy(dtype=np.float64) * scale)
    parts = []
    for group in groups:
        hit = group.members(rows) & known
        per_year = values[hit].groupby(year[hit].astype(np.int64)).sum()
        frame = per_year.reindex(years, fill_value=0.0).rename(column).reset_index()
        parts.append(frame.assign(group=group.key, label=group.label))
    if not parts:
        return pd.DataFrame(columns=["group", "label", "year", column])
    return pd.concat(parts, ignore_index=True)[["group", "label", "year", column]]


def group_status(
    result: EmissionsResult, groups: Sequence[TargetGroup], year: int, unit: MassUnit = "t"
) -> pd.DataFrame:
    """Each group in the reporting year against its base year and its path.

    Returns
    -------
    DataFrame
        Per group: ``group``, ``label``, ``base_year``, ``base_<unit>_co2e``,
        ``year_<unit>_co2e``, ``change_vs_base`` (fraction), ``path_<unit>_co2e``,
        ``required_change`` (the path's change against the base year), ``on_track`` and
        ``convention`` (the path in words); NaN and ``None`` where the base year has no
        emissions for the group.

    Examples
    --------
    >>> import klimatkalk as kk
    >>> res = kk.calculate_emissions(pd.DataFrame({"year": [2019, 2024],
    ...     "activity": ["nitrous_oxide"] * 2, "quantity": [10, 8], "unit": ["kg", "kg"]}))
    >>> g = TargetGroup("gas", "Medicinska gaser", categories=("medical_gases",))
    >>> s = group_status(res, [g], 2024, unit="kg").iloc[0]
    >>> change, required = float(s["change_vs_base"]), float(s["required_change"])
    >>> round(change, 3), round(required, 4), bool(s["on_track"])
    (-0.2, -0.2273, False)
    """
    per_year = group_emissions(result, groups, unit)
    column = f"emissions_{unit}_co2e"
    out = []
    for group in groups:
        own = per_year[per_year["group"] == group.key].set_index("year")[column]
        base = float(own.get(group.base_year, np.nan))
        actual = float(own.get(year, np.nan))
        row: dict[str, object] = {
            "group": group.key,
            "label": group.label,
            "base_year": group.base_year,
            f"base_{unit}_co2e": base,
            f"year_{unit}_co2e": actual,
            "change_vs_base": actual / base - 1 if base > 0 else np.nan,
            f"path_{unit}_co2e": np.nan,
            "required_change": np.nan,
            "on_track": None,
            "convention": None,
        }
        if base > 0 and np.isfinite(actual):
            path = group.trajectory(base)
            status = path.status(year, actual)
            row[f"path_{unit}_co2e"] = status.path_value
            row["required_change"] = -status.required_reduction
            row["on_track"] = status.on_track
            row["convention"] = path.describe("sv")
        out.append(row)
    return pd.DataFrame(out)


PART_KINDS: Final = ("category", "missing", "extra")
"""The parts of :func:`group_parts`: the closest category, less what the group leaves out of it,
plus what the group holds in other categories."""


def group_parts(
    result: EmissionsResult,
    groups: Sequence[TargetGroup],
    years: Sequence[int],
    unit: MassUnit = "t",
) -> pd.DataFrame:
    """How each group differs from the report's category it is closest to, per year.

    The closest category is the one that holds most of the group's emissions over ``years``
    (the report's *Energi* for an energy group). The group is that category (part
    ``"category"``), less the category's rows the group does not hold (part ``"missing"``, per
    subcategory), plus the group's rows in other categories (part ``"extra"``: the whole category
    when the group holds every row of it in ``years``, else per subcategory).

    Parameters
    ----------
    result : EmissionsResult
    groups : sequence of TargetGroup
    years : sequence of int
        The years compared (the groups' base years and the reporting year).
    unit : {"kg", "t", "kt"}, default "t"

    Returns
    -------
    DataFrame
        ``group``, ``label``, ``category`` (the closest category's code), ``part``
        (:data:`PART_KINDS`), ``part_category``, ``part_subcategory`` (``None`` for a whole
        category), ``whole`` (the group holds every row of an extra part, or none of a missing
        part; ``False`` when only some), ``year`` and ``emissions_<unit>_co2e``. Per group and
        year, category − missing + extra is the group's emissions. A group with no rows in
        ``years`` has no rows here.

    Examples
    --------
    Electricity (category ``energy``, 100 000 kWh × 59 g = 5 900 kg CO2e) and R134a (category
    ``refrigerants``, 1 kg × 1 300 = 1 300 kg CO2e) in one group: the closest category is
    ``energy``, and the group holds the refrigerants besides.

    >>> import klimatkalk as kk
    >>> res = kk.calculate_emissions(pd.DataFrame({"year": [2024, 2024],
    ...     "activity": ["electricity_nordic_mix", "refrigerant_r134a"],
    ...     "quantity": [100_000, 1], "unit": ["kWh", "kg"]}))
    >>> g = TargetGroup("e", "Energi och köldmedier", subcategories=("electricity",),
    ...                 categories=("refrigerants",))
    >>> parts = group_parts(res, [g], [2024], unit="kg")
    >>> parts[["category", "part", "part_category", "emissions_kg_co2e"]].round(1)
      category      part part_category  emissions_kg_co2e
    0   energy  category        energy             5900.0
    1   energy     extra  refrigerants             1300.0
    """
    column = f"emissions_{unit}_co2e"
    wanted = sorted({int(y) for y in years})
    rows, year = _rows_of(result, wanted)
    values = rows["emissions_kg_co2e"].to_numpy(dtype=np.float64) * _scale(unit)
    category = _codes(rows["category"])
    subcategory = _codes(rows["subcategory"])
    out: list[dict[str, object]] = []

    def add(
        group: TargetGroup, closest: str, part: str, where: np.ndarray[Any, Any], **what: object
    ) -> None:
        sums = pd.Series(values[where]).groupby(year[where]).sum()
        for y in wanted:
            out.append(
                {"group": group.key, "label": group.label, "category": closest, "part": part}
                | what
                | {"year": y, column: float(sums.get(y, 0.0))}
            )

    for group in groups:
        hit = group.members(rows)
        if not hit.any():
            continue
        held = pd.Series(values[hit]).groupby(category[hit]).sum()
        closest = str(held.idxmax())
        own = category == closest
        add(
            group,
            closest,
            "category",
            own,
            part_category=closest,
            part_subcategory=None,
            whole=True,
        )
        for sub in sorted(set(subcategory[own & ~hit])):
            mine = own & (subcategory == sub)
            add(group, closest, "missing", mine & ~hit, part_category=closest,
                part_subcategory=sub, whole=not (mine & hit).any())  # fmt: skip
        for other in sorted(set(category[hit & ~own])):
            theirs = category == other
            if not (theirs & ~hit).any():
                add(group, closest, "extra", theirs, part_category=other, part_subcategory=None,
                    whole=True)  # fmt: skip
                continue
            for sub in sorted(set(subcategory[theirs & hit])):
                mine = theirs & (subcategory == sub)
                add(group, closest, "extra", mine & hit, part_category=other,
                    part_subcategory=sub, whole=not (mine & ~hit).any())  # fmt: skip
    names = ["group", "label", "category", "part", "part_category", "part_subcategory", "whole",
             "year", column]  # fmt: skip
    frame = pd.DataFrame(out, columns=names)
    sub = frame["part_subcategory"].astype(object)
    frame["part_subcategory"] = sub.where(sub.notna(), None)  # None, not NaN: a whole category
    return frame


TOTAL_KINDS: Final = ("group", "outside", "overlap", "total")
"""The rows of :func:`group_totals`."""


def group_totals(
    result: EmissionsResult,
    groups: Sequence[TargetGroup],
    years: Sequence[int],
    unit: MassUnit = "t",
) -> pd.DataFrame:
    """Tie the groups to the total of every calculated row, per year.

    Parameters
    ----------
    result : EmissionsResult
    groups : sequence of TargetGroup
    years : sequence of int
    unit : {"kg", "t", "kt"}, default "t"

    Returns
    -------
    DataFrame
        ``kind`` (:data:`TOTAL_KINDS`), ``key``, ``label``, ``year`` and
        ``emissions_<unit>_co2e``: each group (key and label the group's); what no group holds,
        per category (``"outside"``, key and label the category's code); what more than one
        group holds, counted once (``"overlap"``, negative, only when there is some); and the
        total of every row of the year (``"total"``, the report's total for the year). Per year
        the groups, the outside and the overlap add up to the total.

    Examples
    --------
    >>> import klimatkalk as kk
    >>> res = kk.calculate_emissions(pd.DataFrame({"year": [2024, 2024],
    ...     "activity": ["nitrous_oxide", "diesel"], "quantity": [10, 100], "unit": ["kg", "l"]}))
    >>> g = TargetGroup("gas", "Gaser", categories=("medical_gases",))
    >>> totals = group_totals(res, [g], [2024], unit="kg")
    >>> totals[["kind", "key"]].to_numpy().tolist()
    [['group', 'gas'], ['outside', 'transport'], ['total', 'total']]
    """
    column = f"emissions_{unit}_co2e"
    wanted = sorted({int(y) for y in years})
    rows, year = _rows_of(result, wanted)
    values = rows["emissions_kg_co2e"].to_numpy(dtype=np.float64) * _scale(unit)
    category = _codes(rows["category"])
    count = np.zeros(len(rows), dtype=np.int64)
    out: list[dict[str, object]] = []

    def add(kind: str, key: str, label: str, where: np.ndarray[Any, Any], weight: Any = 1) -> None:
        weighted = values * weight
        for y in wanted:
            mine = where & (year == y)
            out.append(
                {"kind": kind, "key": key, "label": label, "year": y,
                 column: math.fsum(weighted[mine])}
            )  # fmt: skip

    for group in groups:
        hit = group.members(rows)
        count += hit
        add("group", group.key, group.label, hit)
    outside = count == 0
    for code in sorted(set(category[outside])):
        add("outside", code, code, outside & (category == code))
    if (count > 1).any():
        add("overlap", "overlap", "overlap", count > 1, -(count - 1))
    add("total", "total", "total", np.ones(len(rows), dtype=bool))
    return pd.DataFrame(out, columns=["kind", "key", "label", "year", column])


def _rows_of(
    result: EmissionsResult, years: Sequence[int]
) -> tuple[pd.DataFrame, np.ndarray[Any, np.dtype[np.int64]]]:
    """Return the result rows of ``years`` and their year as integers."""
    rows = result.rows
    year = rows["year"].to_numpy(dtype=np.float64, na_value=np.nan)
    keep = np.isin(year, np.asarray(years, dtype=np.float64))
    return rows[keep], year[keep].astype(np.int64)


def _codes(column: pd.Series) -> np.ndarray[Any, np.dtype[np.str_]]:
    """Return a category or subcategory column as strings (``""`` where empty)."""
    return column.astype(object).where(column.notna(), "").astype(str).to_numpy(dtype=str)


_TEXT: Final = ((str,), "a text")
_YEAR: Final = ((int,), "a whole number")
_NAMES: Final = ((list, tuple), "a list of names")
_TYPES: Final[Mapping[str, tuple[tuple[type, ...], str]]] = {
    "key": _TEXT,
    "label": _TEXT,
    "shape": _TEXT,
    "base_year": _YEAR,
    "target_year": _YEAR,
    "start_year": _YEAR,
    "target_reduction": ((int, float), "a number"),
    "activities": _NAMES,
    "categories": _NAMES,
    "subcategories": _NAMES,
}


def _check_types(i: int, entry: Mapping[str, Any]) -> None:
    """Refuse a group value of the wrong kind (a year not a whole number, members not names)."""
    for name, value in entry.items():
        kinds, want = _TYPES.get(name, ((object,), ""))
        ok = isinstance(value, kinds) and not isinstance(value, bool)
        if ok and kinds == _NAMES[0]:
            ok = all(isinstance(v, str) for v in value)
        if not ok:
            msg = f"group {i}: {name} must be {want}, not {value!r}"
            raise ValueError(msg)
