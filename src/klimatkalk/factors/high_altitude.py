"""The high-altitude multiplier of aviation (radiative forcing index), as data of its own.

Flights warm more than their CO2 alone: contrails, cirrus and NOx at cruise altitude. Swedish
tools account for this with a multiplier on the CO2 from burning the fuel (Naturvårdsverket's
tool since 2018, Klimatsmart semester 1.7), the UK conversion factors publish it as "with RF".
Publishers disagree on its size (1.7, 1.9, 2.7…), so klimatkalk keeps it out of the factor
value: ``factors/*.csv`` hold flight factors *without* it, ``high_altitude.csv`` holds the
multiplier per activity and year with its own source, and every result row records the
multiplier applied. Activities without a row (helicopters, jet fuel by the litre) get none.

The uplift applies to the CO2 of the combustion part of the factor only, never to fuel
production::

    kg CO2e = quantity × (factor + (multiplier − 1) × CO2 of the combustion factor)

The CO2 is the combustion row's CO2 component (``components.csv``), so CH4 and N2O are not raised,
as the UK "With RF" values are made; a combustion row without components is raised whole (with
``boundary="combustion"`` that is ``quantity × factor × multiplier``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated, Any, Self

import numpy as np
import pandas as pd
from pydantic import Field, model_validator

from klimatkalk.errors import ErrorReason, Problem
from klimatkalk.factors.activities import ActivityCode
from klimatkalk.factors.tables import DataYear, OptionalStr, RowModel, Slug, Text, check_validity

if TYPE_CHECKING:
    import numpy.typing as npt


__all__ = [
    "HIGH_ALTITUDE_COLUMNS",
    "HighAltitude",
    "HighAltitudeMultiplier",
    "check_high_altitude",
    "multiplier_per_cell",
]

HighAltitude = bool | float
"""``True``: the multipliers of the factor set; ``False``: none; a number: that multiplier for
every activity the factor set gives one for (to show the range, e.g. 1.0, 1.7, 1.9)."""


class HighAltitudeMultiplier(RowModel):
    """One row of ``high_altitude.csv``: the multiplier for an activity over some years."""

    activity: ActivityCode
    multiplier: Annotated[float, Field(ge=1, le=5, allow_inf_nan=False)]
    valid_from: DataYear
    valid_to: DataYear
    source_id: Slug
    source_locator: Text
    note: OptionalStr = None

    @model_validator(mode="after")
    def _years(self) -> Self:
        check_validity(self.valid_from, self.valid_to)
        return self


HIGH_ALTITUDE_COLUMNS: tuple[str, ...] = (
    *HighAltitudeMultiplier.model_fields,
    "factor_set",
    "source_year",
    "file",
    "line",
)


def check_high_altitude(
    rows: list[tuple[str, str, int, HighAltitudeMultiplier]],
    source_years: dict[str, int],
    activities: set[str],
    problems: list[Problem],
) -> pd.DataFrame:
    """Validate the loaded multiplier rows and return them as a frame.

    A row must name a catalogued activity and a known source; two rows of one activity, factor
    set and source year may not cover the same year (the choice would be ambiguous).
    """
    records: list[dict[str, Any]] = []
    for set_name, file, line, m in rows:
        ok = True
        if m.source_id not in source_years:
            problems.append(
                Problem(
                    file,
                    line,
                    "source_id",
                    m.source_id,
                    ErrorReason.UNKNOWN_SOURCE,
                    "source_id not in sources.csv: an unsourced multiplier does not load",
                )
            )
            ok = False
        if m.activity not in activities:
            problems.append(
                Problem(
                    file,
                    line,
                    "activity",
                    m.activity,
                    ErrorReason.UNKNOWN_ACTIVITY,
                    "activity not in activities.csv",
                )
            )
            ok = False
        if ok:
            records.append(
                {
                    **m.model_dump(),
                    "factor_set": set_name,
                    "source_year": source_years[m.source_id],
                    "file": file,
                    "line": line,
                }
            )
    claimed: dict[tuple[str, str, int, int], tuple[str, int]] = {}
    for r in records:
        for year in range(r["valid_from"], r["valid_to"] + 1):
            key = (r["factor_set"], r["activity"], r["source_year"], year)
            if key in claimed:
                other = claimed[key]
                problems.append(
                    Problem(
                        r["file"],
                        r["line"],
                        "valid_from",
                        r["valid_from"],
                        ErrorReason.OVERLAPPING_VALIDITY,
                        f"{r['activity']!r} {year} also has a multiplier at {other[0]}:{other[1]} "
                        "from a source of the same year",
                    )
                )
                break
            claimed[key] = (r["file"], r["line"])
    frame = pd.DataFrame.from_records(records, columns=list(HIGH_ALTITUDE_COLUMNS))
    return frame


def multiplier_per_cell(
    frame: pd.DataFrame,
    sets: Sequence[str],
    activities: list[str],
    first_year: int,
    n_years: int,
    high_altitude: HighAltitude,
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.int32]]:
    """Return the multiplier and its row of ``frame`` per (activity, year) cell.

    ``frame`` is a factor table's ``high_altitude`` frame and ``sets`` its stacked folders.

    The rule is that of the factors: the row of the folder stacked last, then of the newest
    source. Cells without a multiplier get 1.0 and row −1. A number for ``high_altitude``
    replaces the multiplier wherever the factor set has one (its row is kept, for the record).
    """
    multiplier = np.ones((len(activities), n_years))
    row = np.full((len(activities), n_years), -1, dtype=np.int32)
    if high_altitude is False:
        return multiplier, row
    set_rank = {name: i for i, name in enumerate(sets)}
    a_index = {a: i for i, a in enumerate(activities)}
    act = [a_index[str(a)] for a in frame["activity"]]
    rank = [set_rank[str(name)] for name in frame["factor_set"]]
    source_year = frame["source_year"].to_numpy(dtype=np.int64)
    lo = frame["valid_from"].to_numpy(dtype=np.int64) - first_year
    hi = frame["valid_to"].to_numpy(dtype=np.int64) - first_year + 1
    value = frame["multiplier"].to_numpy(dtype=np.float64)
    # Lowest priority first, so that the folder stacked last, then the newest source, wins.
    for i in sorted(range(len(frame)), key=lambda i: (rank[i], int(source_year[i]))):
        start, stop = max(int(lo[i]), 0), min(int(hi[i]), n_years)
        if start < stop:
            multiplier[act[i], start:stop] = value[i]
            row[act[i], start:stop] = i
    if high_altitude is not True:
        chosen = float(high_altitude)
        if not 1.0 <= chosen <= 5.0:
            msg = f"high_altitude={high_altitude!r}; give True, False or a multiplier in [1, 5]"
            raise ValueError(msg)
        has_any = (row >= 0).any(axis=1)
        multiplier[has_any, :] = chosen
    return multiplier, row
