"""Degree days (*graddagar*) from daily mean temperatures, for the normal-year correction.

SMHI's daily mean temperature per station (*Temperatur, dygnsvärde*) is open data under
Creative Commons Attribution 4.0; SMHI's degree days themselves are not. Since 1 January 2015
SMHI counts degree days as 17 °C minus the day's mean temperature, summed over the days below
17 °C, without the monthly thresholds it used before, and the normal year as a mean over a
normal period (1981–2010 from 2015). That description is second-hand, from heat suppliers'
pages (Norrtälje Energi, "Graddagar"; Härnösand Energi & Miljö, "Förklaring graddagar"); see
the docs' *Where degree days come from*.

:func:`degree_days_from_daily` applies that rule to a region's own daily series: degree days per
year and the normal year's as the mean over the years of the normal period. A year with a
missing day is a gap with its reason, never a smaller sum; the normal period must be complete.
The result has the columns of the degree-day table (``year``, ``place``, ``degree_days``,
``normal_degree_days``) and goes straight into
:func:`~klimatkalk.analysis.energy.normal_year_correction` and ``build_annex``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

import numpy as np
import pandas as pd

__all__ = ["SMHI_BASE_TEMPERATURE", "degree_days_from_daily"]

SMHI_BASE_TEMPERATURE: Final = 17.0
"""°C; SMHI's balance temperature for degree days (second-hand, see the module)."""


def degree_days_from_daily(
    daily: pd.DataFrame,
    *,
    normal_years: Sequence[int],
    base_temperature: float = SMHI_BASE_TEMPERATURE,
) -> pd.DataFrame:
    """Return degree days per year (and place) and the normal year's, from daily means.

    ``G_year = Σ max(0, base − T_day)`` over the year's days; ``G_normal`` is the mean of
    ``G_year`` over ``normal_years``.

    Parameters
    ----------
    daily : DataFrame
        ``date`` (dates or ISO text), ``temperature`` (daily mean, °C) and optionally
        ``place`` (station or town; one series each).
    normal_years : sequence of int
        The years of the normal period (e.g. ``range(1981, 2011)``); each must be complete.
    base_temperature : float, default 17.0
        The balance temperature.

    Returns
    -------
    DataFrame
        Per ``year`` (and ``place``): ``degree_days`` (NaN for an incomplete year),
        ``normal_degree_days``, ``days`` (days with a temperature) and ``gap_reason``.

    Raises
    ------
    ValueError
        If a column is missing, a date or temperature cannot be read, a day comes twice, or a
        year of the normal period is not complete.

    Examples
    --------
    Every day of 2023 at 5 °C is 365 × (17 − 5) = 4 380 degree days; 2024 (a leap year) with
    183 days at −3 °C and 183 days at 20 °C is 183 × 20 = 3 660 (a warm day adds nothing):

    >>> days23 = pd.date_range("2023-01-01", "2023-12-31")
    >>> days24 = pd.date_range("2024-01-01", "2024-12-31")
    >>> daily = pd.DataFrame({"date": days23.append(days24),
    ...                       "temperature": [5.0] * 365 + [-3.0] * 183 + [20.0] * 183})
    >>> degree_days_from_daily(daily, normal_years=[2023, 2024])[
    ...     ["year", "degree_days", "normal_degree_days"]].to_dict("records")
    [{'year': 2023, 'degree_days': 4380.0, 'normal_degree_days': 4020.0}, \
{'year': 2024, 'degree_days': 3660.0, 'normal_degree_days': 4020.0}]
    """
    for column in ("date", "temperature"):
        if column not in daily.columns:
            msg = f"the daily series needs columns date and temperature; it has {list(daily)}"
            raise ValueError(msg)
    dates = pd.to_datetime(daily["date"], errors="coerce")
    temperature = pd.to_numeric(daily["temperature"], errors="coerce").astype(np.float64)
    bad = dates.isna() | ~np.isfinite(temperature)
    if bad.any():
        row = int(np.flatnonzero(bad.to_numpy())[0])
        column = "date" if dates.isna().iloc[row] else "temperature"
        value = daily[column].iloc[row]
        msg = f"row {row} of the daily series, column {column}: {value!r} cannot be read"
        raise ValueError(msg)
    place = daily["place"].astype(str) if "place" in daily.columns else None
    frame = pd.DataFrame(
        {
            "place": place if place is not None else "",
            "date": dates.dt.normalize(),
            "year": dates.dt.year.astype(np.int64),
            "dd": np.maximum(base_temperature - temperature, 0.0),
        }
    )
    twice = frame.duplicated(["place", "date"])
    if twice.any():
        row = int(np.flatnonzero(twice.to_numpy())[0])
        msg = f"row {row} of the daily series: {frame['date'].iloc[row].date()} comes twice"
        raise ValueError(msg)
    out = frame.groupby(["place", "year"], sort=True).agg(
        degree_days=("dd", "sum"), days=("dd", "size")
    )
    out = out.reset_index()
    years = out["year"].to_numpy(dtype=np.int64)
    leap = (years % 4 == 0) & ((years % 100 != 0) | (years % 400 == 0))
    missing = 365 + leap.astype(np.int64) - out["days"].to_numpy(dtype=np.int64)
    complete = missing == 0
    reasons = pd.Series(None, index=out.index, dtype=object)
    reasons[~complete] = [
        f"{y}: {m} dagar saknas" for y, m in zip(years[~complete], missing[~complete], strict=True)
    ]
    out["gap_reason"] = reasons
    out["degree_days"] = out["degree_days"].where(complete)
    wanted = sorted({int(y) for y in normal_years})
    if not wanted:
        msg = "normal_years is empty: give the years of the normal period"
        raise ValueError(msg)
    normals: dict[str, float] = {}
    for key, own in out.groupby("place", sort=True):
        name = str(key)
        period = own[own["year"].isin(wanted)]
        short = sorted(set(wanted) - set(period.loc[period["degree_days"].notna(), "year"]))
        if short:
            where = f" for {name}" if name else ""
            msg = (
                f"the normal period {wanted[0]}–{wanted[-1]}{where} needs every day of every "
                f"year; incomplete or missing: {short}"
            )
            raise ValueError(msg)
        normals[name] = float(period["degree_days"].mean())
    out["normal_degree_days"] = out["place"].map(normals).astype(np.float64)
    columns = ["year", "place", "degree_days", "normal_degree_days", "days", "gap_reason"]
    if place is None:
        columns.remove("place")
    return out[columns].reset_index(drop=True)
