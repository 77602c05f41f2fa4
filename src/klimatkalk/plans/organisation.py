"""Organisation: verksamhet → förvaltning → region, and totals at any level of the tree.

Regions report by verksamhet (the ``org_unit`` column of activity data) and consolidate upwards.
An :class:`OrgTree` is read from a parent table (each unit and the unit above it, optionally the
level's name) and checked: every unit rolls up to the one top exactly once, with no orphan (a
parent that is not a unit) and no cycle. :func:`org_totals` sums a result at any level, and
:func:`compare_org_units` compares two years there.

The table's columns: ``enhet`` (``unit``), ``överordnad`` (``parent``, empty for the top) and,
optionally, ``nivå`` (``level``: ``region``, ``förvaltning``, ``verksamhet``…).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from klimatkalk.errors import ErrorReason, Problem, _ProblemsError

__all__ = ["OrgTree", "OrganisationError"]


class OrganisationError(_ProblemsError, ValueError):
    """An organisation tree that does not roll up (orphan, cycle, two tops) or does not fit."""

    headline = "the organisation tree does not roll up"


@dataclass(frozen=True)
class OrgTree:
    """A checked organisation hierarchy.

    Attributes
    ----------
    parent : dict of str to str or None
        Each unit's parent (``None`` for the top).
    level : dict of str to str or None
        Each unit's level name, where the table gives one.
    root : str
        The top unit.

    Examples
    --------
    >>> tree = OrgTree.from_parents({"Region": None, "Vård": "Region", "Akuten": "Vård"})
    >>> tree.ancestors("Akuten")
    ['Akuten', 'Vård', 'Region']
    >>> tree.at_level("Akuten", 1), tree.depth("Akuten")
    ('Vård', 2)
    """

    parent: dict[str, str | None]
    level: dict[str, str | None]
    root: str
    origin: str = "<code>"

    @classmethod
    def from_parents(
        cls,
        parents: Mapping[str, str | None],
        levels: Mapping[str, str | None] | None = None,
        *,
        origin: str = "<code>",
        rows: Mapping[str, int] | None = None,
    ) -> OrgTree:
        """Build and check a tree from unit → parent (``None`` or ``""`` for the top).

        Raises
        ------
        OrganisationError
            If a parent is not a unit (orphan), the parents form a cycle, or there is not
            exactly one top.
        """
        parent = {str(u): (str(p) if p else None) for u, p in parents.items()}
        rows = rows or {}
        problems: list[Problem] = []

        def bad(unit: str, column: str, value: object, message: str) -> None:
            problems.append(
                Problem(origin, rows.get(unit), column, value, ErrorReason.INVALID_VALUE, message)
            )

        for unit, up in parent.items():
            if up is not None and up not in parent:
                bad(unit, "parent", up, f"{unit!r} has a parent that is not a unit (orphan)")
            if up == unit:
                bad(unit, "parent", up, f"{unit!r} is its own parent")
        roots = [u for u, p in parent.items() if p is None]
        if len(roots) != 1:
            where = roots[1] if len(roots) > 1 else next(iter(parent), "")
            bad(where, "parent", None, f"the tree needs exactly one top, found {roots}")
        if not problems:
            for unit, first in parent.items():
                seen = [unit]
                up = first
                while up is not None:
                    if up in seen:
                        cycle = " → ".join([*seen[seen.index(up) :], up])
                        bad(unit, "parent", first, f"cycle: {cycle}")
                        break
                    seen.append(up)
                    up = parent[up]
        if problems:
            unique = list(dict.fromkeys(problems))
            raise OrganisationError(unique)
        level = {u: (levels or {}).get(u) or None for u in parent}
        return cls(parent, level, roots[0], origin)

    def ancestors(self, unit: str) -> list[str]:
        """Return the unit and every unit above it, up to the top."""
        if unit not in self.parent:
            msg = f"{unit!r} is not in the organisation tree"
            raise OrganisationError(
                [Problem(self.origin, None, "unit", unit, ErrorReason.INVALID_VALUE, msg)]
            )
        chain = [unit]
        up = self.parent[unit]
        while up is not None:
            chain.append(up)
            up = self.parent[up]
        return chain

    def depth(self, unit: str) -> int:
        """Return the unit's depth (0 for the top)."""
        return len(self.ancestors(unit)) - 1

    def levels(self) -> list[str]:
        """Return the level names, top first (from the table's ``nivå`` column)."""
        by_depth: dict[int, str] = {}
        for unit, name in self.level.items():
            if name:
                by_depth.setdefault(self.depth(unit), name)
        return [by_depth[d] for d in sorted(by_depth)]

    def at_level(self, unit: str, level: str | int) -> str:
        """Return the unit's ancestor at a level (a level name or a depth).

        A unit above the level is its own group (emissions booked on a förvaltning itself stay
        with it when asking for verksamheter).
        """
        chain = self.ancestors(unit)
        if isinstance(level, int):
            depth = len(chain) - 1
            return chain[max(depth - level, 0)]
        for candidate in chain:
            if self.level.get(candidate) == level:
                return candidate
        names = self.levels()
        if level not in names:
            msg = f"no level {level!r}; the levels are {names}"
            raise OrganisationError(
                [Problem(self.origin, None, "level", level, ErrorReason.INVALID_VALUE, msg)]
            )
        return chain[0]

    def units_at(self, level: str | int) -> list[str]:
        """Return the units at a level, in table order."""
        if isinstance(level, int):
            return [u for u in self.parent if self.depth(u) == level]
        return [u for u, name in self.level.items() if name == level]

    def roll_up(self, units: pd.Series, level: str | int) -> pd.Series:
        """Map a column of units (e.g. ``org_unit``) to their ancestors at ``level``.

        Raises
        ------
        OrganisationError
            If a unit in the data is not in the tree (listing each with its count of rows).
        """
        values = units.astype(object).fillna("").astype(str)
        distinct = pd.unique(values)
        unknown = [u for u in distinct if u not in self.parent]
        if unknown:
            counts = values[values.isin(unknown)].value_counts()
            raise OrganisationError(
                [
                    Problem(
                        self.origin,
                        None,
                        "org_unit",
                        u,
                        ErrorReason.INVALID_VALUE,
                        f"{int(counts[u])} rows name a unit that is not in the tree",
                    )
                    for u in unknown
                ],
                headline="units in the data are missing from the organisation tree",
            )
        mapping = {u: self.at_level(u, level) for u in distinct}
        return values.map(mapping)
