r"""Forecast: a robust trend of the reported years, projected to the target year and beyond.

A board asks *will we make it?* :func:`forecast_emissions` fits a straight line to each group's
yearly emissions (per category, per target group) with an estimator that one odd year cannot
tip over, and projects it forward; the total's trend is the sum of the groups' lines, so that a
published table adds up (without groups, the total has a line of its own).
:func:`forecast_verdicts` turns the projection into the verdict *klarar / klarar inte målet*,
the year the trend crosses the target level (or "not before" the horizon) and the gap in
tonnes. :func:`policy_neutral_emissions` recalculates every year with the base year's factors,
so that a forecast of it shows the trend of the activities alone, without the factor
publishers' help (reduktionsplikt, a cleaner electricity mix).

Two estimators (both from well-kept libraries; install ``klimatkalk[outlook]``):

* ``"theil_sen"`` (default): the median of the slopes between all pairs of years [1]_, with
  ``scipy.stats.theilslopes(method="joint")``; the intercept is the median of
  ``value − slope × year``. Its breakdown point is 29 %: of seven years, two can be anything.
* ``"lad"``: least absolute deviations (median regression) with
  ``statsmodels.QuantReg(q=0.5)`` [2]_, the estimator Klimatkollen uses [3]_.

Where this differs from Klimatkollen [3]_: Klimatkollen fits LAD on every year since 2015 and
then shifts the line so that it passes through the *latest* reported year (``lad_anchored``);
here the line is not shifted by default (``anchor="fit"``), since shifting it puts the whole
weight of the forecast's level on one year, the opposite of robust. ``anchor="latest"``
reproduces Klimatkollen's choice. Both clip the projection at zero.

References
----------
.. [1] P.K. Sen, "Estimates of the regression coefficient based on Kendall's tau", *Journal of
   the American Statistical Association* 63 (1968) 1379–1389; H. Theil, "A rank-invariant
   method of linear and polynomial regression analysis" (1950).
.. [2] R. Koenker and G. Bassett, "Regression quantiles", *Econometrica* 46 (1978) 33–50.
.. [3] Klimatbyrån, municipality-data-pipeline, ``kpis/emissions/trend_calculations.py``
   (https://github.com/Klimatbyran/municipality-data-pipeline): ``statsmodels.QuantReg`` at
   ``q=0.5`` on years centred at the latest year, predictions shifted to the latest value.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final, Literal

import numpy as np
import numpy.typing as npt
import pandas as pd

from klimatkalk.activity_data import ActivityTable
from klimatkalk.analysis.baseline import TOTAL, MassUnit, _as_keys, _scale
from klimatkalk.calculate import calculate_emissions
from klimatkalk.errors import KlimatkalkError
from klimatkalk.results import EmissionsResult

__all__ = [
    "DEFAULT_HORIZON",
    "Forecast",
    "ForecastError",
    "forecast_emissions",
    "forecast_verdicts",
    "policy_neutral_emissions",
    "trend_line",
]

Method = Literal["theil_sen", "lad"]
Anchor = Literal["fit", "latest"]
FloatArray = npt.NDArray[np.float64]

DEFAULT_HORIZON: Final = 2050
"""Last year projected; a trend that has not crossed the target by then says "not before"."""


class ForecastError(KlimatkalkError, ValueError):
    """A forecast cannot be made from the data given (too few years, unknown method…)."""


@dataclass(frozen=True)
class Forecast:
    """Robust trends of yearly emissions, projected to ``horizon``.

    Attributes
    ----------
    by : list of str
        Group columns (empty for the total only).
    method : {"theil_sen", "lad"}
        Estimator.
    anchor : {"fit", "latest"}
        Whether the line was shifted through the latest reported year.
    first_year, latest_year, horizon : int
        Years fitted (``first_year`` … ``latest_year``) and the last year projected.
    unit : {"kg", "t", "kt"}
        Mass unit of CO2e of the value columns.
    table : DataFrame
        One row per group and year from ``first_year`` to ``horizon``: the group columns
        (with a ``total`` group), ``year``, ``actual_<unit>_co2e`` (NaN after the latest
        year) and ``trend_<unit>_co2e`` (the line, clipped at zero; the total's is the sum of
        the groups' lines).
    slopes : DataFrame
        One row per group: ``slope_<unit>_co2e_per_year`` (the total's: the sum of the groups')
        and ``level_<unit>_co2e``, the trend's value in the latest year.
    """

    by: list[str]
    method: Method
    anchor: Anchor
    first_year: int
    latest_year: int
    horizon: int
    unit: MassUnit
    table: pd.DataFrame
    slopes: pd.DataFrame

    def trend(self, year: int, group: str | tuple[str, ...] = TOTAL) -> float:
        """Return the trend value of one group in one year.

        Parameters
        ----------
        year : int
            A year from ``first_year`` to ``horizon``.
        group : str or tuple of str, default "total"
            The group's value (a tuple for several ``by`` columns).

        Returns
        -------
        float
            Emissions on the trend line [``unit`` CO2e].

        Raises
        ------
        ForecastError
            If the group or the year is not in the forecast.
        """
        rows = self._rows(group)
        hit = rows[rows["year"] == year]
        if hit.empty:
            msg = f"year {year} is outside the forecast ({self.first_year}–{self.horizon})"
            raise ForecastError(msg)
        return float(hit[f"trend_{self.unit}_co2e"].iloc[0])

    def _rows(self, group: str | tuple[str, ...]) -> pd.DataFrame:
        values = (group,) if isinstance(group, str) else tuple(group)
        table = self.table
        if not self.by:
            if values != (TOTAL,):
                msg = f"this forecast has only the total, not {group!r}"
                raise ForecastError(msg)
            return table
        if values == (TOTAL,):
            values = (TOTAL,) * len(self.by)
        mask = np.ones(len(table), dtype=bool)
        for key, value in zip(self.by, values, strict=True):
            mask &= (table[key].astype(object) == value).to_numpy()
        if not mask.any():
            msg = f"no group {group!r} in the forecast"
            raise ForecastError(msg)
        return table[mask]


def trend_line(
    years: npt.ArrayLike, values: npt.ArrayLike, method: Method = "theil_sen"
) -> tuple[float, float]:
    """Fit a robust straight line ``value = intercept + slope × year``.

    Parameters
    ----------
    years, values : array_like
        Points (at least two distinct years).
    method : {"theil_sen", "lad"}, default "theil_sen"
        ``scipy.stats.theilslopes`` or ``statsmodels`` median regression.

    Returns
    -------
    tuple of float
        ``(slope, intercept)``.

    Raises
    ------
    ForecastError
        With fewer than two distinct years, or another method.

    Examples
    --------
    Five points with one odd year (2022). The ten pairwise slopes are −10 six times (the
    clean points 2019, 2020, 2021 and 2023 pairwise) and 150/3 = 50, 160/2 = 80, 170 and
    −190 with 2022; sorted, the 5th and 6th are −10, so the slope is −10. The intercept is
    the median of ``value + 10·year``: 20 290 four times and 20 470, so 20 290. The odd year
    moves neither:

    >>> trend_line([2019, 2020, 2021, 2022, 2023], [100, 90, 80, 250, 60])
    (-10.0, 20290.0)
    """
    check_choice("method", method, ("theil_sen", "lad"))
    x = np.asarray(years, dtype=np.float64)
    y = np.asarray(values, dtype=np.float64)
    if len(np.unique(x)) < 2:
        msg = f"a trend needs at least two years, got {sorted(set(x.tolist()))}"
        raise ForecastError(msg)
    if method == "theil_sen":
        from scipy.stats import theilslopes

        fit = theilslopes(y, x, method="joint")
        return float(fit.slope), float(fit.intercept)
    import warnings

    from statsmodels.regression.quantile_regression import QuantReg
    from statsmodels.tools.sm_exceptions import IterationLimitWarning

    centre = float(x.max())
    design = np.column_stack([np.ones_like(x), x - centre])
    with warnings.catch_warnings():
        # IRLS cycles around the exact LAD vertex (a line through two points) without
        # meeting its tolerance; the parameters have settled long before 5 000 iterations.
        warnings.simplefilter("ignore", IterationLimitWarning)
        fitted = QuantReg(y, design).fit(q=0.5, max_iter=5000)
    params = np.asarray(fitted.params, dtype=np.float64)
    slope = float(params[1])
    return slope, float(params[0]) - slope * centre


def forecast_emissions(
    emissions: EmissionsResult | pd.DataFrame,
    by: str | Sequence[str] = (),
    *,
    horizon: int = DEFAULT_HORIZON,
    method: Method = "theil_sen",
    anchor: Anchor = "fit",
    first_year: int | None = None,
    target_groups: Mapping[str, Sequence[str]] | None = None,
    unit: MassUnit = "t",
) -> Forecast:
    """Fit a robust trend to each group's yearly emissions and project it to ``horizon``.

    Parameters
    ----------
    emissions : EmissionsResult or DataFrame
        A result, or yearly totals with ``year``, the ``by`` columns and
        ``emissions_<unit>_co2e`` (as :meth:`EmissionsResult.totals` gives them).
    by : str or sequence of str, default ()
        Columns to forecast by (``"category"``, ``"org_unit"``…); a total is always added.
        Use ``"target_group"`` together with ``target_groups``.
    horizon : int, default 2050
        Last year projected.
    method : {"theil_sen", "lad"}, default "theil_sen"
        Estimator, see the module notes.
    anchor : {"fit", "latest"}, default "fit"
        ``"latest"`` shifts each line through its latest reported value (Klimatkollen).
    first_year : int, optional
        First year fitted (all years of the data by default).
    target_groups : mapping of str to sequence of str, optional
        Target groups by category, e.g. ``{"transporter": ["transport", "business_travel"]}``;
        adds a ``target_group`` column (categories in no group are ``"övrigt"``).
    unit : {"kg", "t", "kt"}, default "t"
        Mass unit of CO2e.

    Returns
    -------
    Forecast

    Raises
    ------
    ForecastError
        If fewer than two years are fitted, a ``by`` column is missing, or a category is in
        two target groups.

    Notes
    -----
    A group absent in a fitted year counts as zero that year (every year of the data is a
    reported year); a blank group value (no verksamhet) is a group of its own. With groups, the
    total's trend is the sum of the groups' trends, each clipped at zero, so that the rows add
    up to the total and the total is the baseline the scenario scales category by category. A
    line fitted to the yearly totals themselves would not be: medians do not add up, and a
    group that reaches zero stops pulling the total down. For that line, leave ``by`` out.

    Examples
    --------
    >>> import pandas as pd
    >>> from klimatkalk.analysis.forecast import forecast_emissions
    >>> totals = pd.DataFrame({"year": [2019, 2020, 2021, 2022, 2023],
    ...                        "emissions_t_co2e": [100.0, 90.0, 80.0, 250.0, 60.0]})
    >>> f = forecast_emissions(totals, horizon=2030)
    >>> f.trend(2030)  # 60 − 10·(2030 − 2023), clipped at zero: 0
    0.0
    >>> f.trend(2025)
    40.0
    """
    keys = _as_keys(by, forbid=("year",))
    check_choice("method", method, ("theil_sen", "lad"))
    check_choice("anchor", anchor, ("fit", "latest"))
    column = f"emissions_{unit}_co2e"
    if isinstance(emissions, EmissionsResult):
        source_keys = [k for k in keys if k != "target_group"]
        if "target_group" in keys and "category" not in source_keys:
            source_keys.append("category")
        totals = emissions.totals(["year", *source_keys], unit=unit)
    else:
        totals = emissions.copy()
    if target_groups is not None:
        totals["target_group"] = _target_group(totals, target_groups)
    missing = [k for k in ["year", *keys, column] if k not in totals.columns]
    if missing:
        msg = f"no column {missing} to forecast by; the columns are {list(totals.columns)}"
        raise ForecastError(msg)
    years_present = sorted({int(y) for y in totals["year"].dropna()})
    start = years_present[0] if first_year is None else first_year
    fitted = [y for y in years_present if y >= start]
    if len(fitted) < 2:
        msg = f"a forecast needs at least two reported years from {start}, got {fitted}"
        raise ForecastError(msg)
    latest = fitted[-1]
    if horizon <= latest:
        msg = f"horizon ({horizon}) must be after the latest reported year ({latest})"
        raise ForecastError(msg)
    totals = totals[totals["year"].isin(fitted)]
    wide = _wide(totals, keys, column, fitted)
    years = np.arange(start, horizon + 1)
    x = np.asarray(fitted, dtype=np.float64)
    total = (TOTAL,) * len(keys)
    lines = {
        group: _line(x, values, years, method, anchor)
        for group, values in wide.items()
        if not keys or group != total
    }
    if keys:  # the sum of the groups' lines, so that the rows of a table add up to the total
        lines = {
            total: (
                sum(slope for slope, _ in lines.values()),
                np.sum([line for _, line in lines.values()], axis=0),
            ),
            **lines,
        }
    tables, slopes = [], []
    for group, (slope, line) in lines.items():
        actual = np.full(len(years), np.nan)
        actual[np.searchsorted(years, x.astype(np.int64))] = wide[group]
        part = pd.DataFrame(
            {"year": years, f"actual_{unit}_co2e": actual, f"trend_{unit}_co2e": line}
        )
        for key, value in zip(keys, group, strict=True):
            part.insert(len(part.columns) - 3, key, [value] * len(part))
        tables.append(part)
        slopes.append(
            {
                **dict(zip(keys, group, strict=True)),
                f"slope_{unit}_co2e_per_year": slope,
                f"level_{unit}_co2e": float(line[latest - start]),
            }
        )
    return Forecast(
        by=keys,
        method=method,
        anchor=anchor,
        first_year=start,
        latest_year=latest,
        horizon=horizon,
        unit=unit,
        table=pd.concat(tables, ignore_index=True),
        slopes=pd.DataFrame(slopes),
    )


def forecast_verdicts(
    forecast: Forecast,
    *,
    base_year: int = 2019,
    target: float | Mapping[str, float] = 0.5,
    target_year: int = 2030,
) -> pd.DataFrame:
    """Give each group's verdict: projected value, meets or misses, crossing year and gap.

    The target level of a group is its base-year emissions × (1 − target).

    Parameters
    ----------
    forecast : Forecast
        From :func:`forecast_emissions`; must include the base year among the fitted years.
    base_year : int, default 2019
        Base year of the target.
    target : float or mapping of str to float, default 0.5
        Reduction against the base year by the target year (``0.5`` = −50 %); a mapping gives
        one per group of the first ``by`` column (groups not in it use ``"total"``'s entry or
        0.5).
    target_year : int, default 2030
        Target year; must be within the forecast.

    Returns
    -------
    DataFrame
        One row per group: the group columns, ``base_<unit>_co2e``, ``target_<unit>_co2e``,
        ``projected_<unit>_co2e`` (the trend in the target year), ``meets`` (bool),
        ``crossing_year`` (first year after the latest reported year whose trend is at or
        below the target level; ``<NA>`` if none up to the horizon), ``gap_<unit>_co2e``
        (projected − target; positive: tonnes still to cut) and ``target_reduction``.

    Raises
    ------
    ForecastError
        If the base year was not fitted, or the target year is outside the forecast.

    Examples
    --------
    >>> import pandas as pd
    >>> from klimatkalk.analysis.forecast import forecast_emissions, forecast_verdicts
    >>> totals = pd.DataFrame({"year": [2019, 2020, 2021, 2022, 2023],
    ...                        "emissions_t_co2e": [100.0, 97.0, 94.0, 91.0, 88.0]})
    >>> v = forecast_verdicts(forecast_emissions(totals), base_year=2019, target=0.5)
    >>> row = v.iloc[0]  # trend 100 − 3·(y − 2019): 67 in 2030, target 50; 50 first in 2036
    >>> float(row["projected_t_co2e"]), bool(row["meets"]), int(row["crossing_year"])
    (67.0, False, 2036)
    >>> float(row["gap_t_co2e"])
    17.0
    """
    unit = forecast.unit
    if not forecast.first_year <= base_year <= forecast.latest_year:
        msg = (
            f"base year {base_year} is not among the fitted years "
            f"{forecast.first_year}–{forecast.latest_year}"
        )
        raise ForecastError(msg)
    if not forecast.latest_year < target_year <= forecast.horizon:
        msg = (
            f"target year {target_year} must be after the latest reported year "
            f"{forecast.latest_year} and at most the horizon {forecast.horizon}"
        )
        raise ForecastError(msg)
    table = forecast.table
    keys = forecast.by
    groups = (
        table.groupby(keys, sort=False, observed=True, dropna=False)
        if keys
        else [((TOTAL,), table)]
    )
    rows = []
    for group, part in groups:
        values = group if isinstance(group, tuple) else (group,)
        label = str(values[0]) if values else TOTAL
        reduction = _reduction(target, label)
        years = part["year"].to_numpy()
        base = float(part.loc[years == base_year, f"actual_{unit}_co2e"].iloc[0])
        trend = part[f"trend_{unit}_co2e"].to_numpy(dtype=np.float64)
        level = base * (1.0 - reduction)
        projected = float(trend[years == target_year][0])
        future = years > forecast.latest_year
        crossed = np.flatnonzero(future & (trend <= level + 1e-9 * max(abs(level), 1.0)))
        rows.append(
            {
                **dict(zip(keys, values, strict=False)),
                f"base_{unit}_co2e": base,
                f"target_{unit}_co2e": level,
                f"projected_{unit}_co2e": projected,
                "meets": projected <= level + 1e-9 * max(abs(level), 1.0),
                "crossing_year": int(years[crossed[0]]) if len(crossed) else pd.NA,
                f"gap_{unit}_co2e": projected - level,
                "target_reduction": reduction,
            }
        )
    out = pd.DataFrame(rows)
    out["crossing_year"] = out["crossing_year"].astype("Int64")
    return out


def policy_neutral_emissions(
    activities: ActivityTable | pd.DataFrame,
    factors: object,
    *,
    base_year: int = 2019,
    gwp_set: str = "AR5GWP100",
    boundary: Literal["lifecycle", "combustion"] = "lifecycle",
    high_altitude: bool | float = True,
    by: str | Sequence[str] = ("year", "category"),
    unit: MassUnit = "t",
) -> pd.DataFrame:
    """Recalculate every year with the factors valid in the base year (factors frozen).

    What remains of a change is what the organisation did with its activities: the
    reduktionsplikt, a cleaner electricity mix or a revised table no longer count. Each row is
    calculated as if its year were ``base_year`` and keeps its own year in the output. A row
    whose activity has no factor for the base year keeps its own year's factor and is counted
    in ``rows_not_frozen``.

    Parameters
    ----------
    activities : ActivityTable or DataFrame
        Activity data of all years.
    factors : FactorTable
        The factor set.
    base_year : int, default 2019
        The year whose factors are applied to every year.
    gwp_set, boundary, high_altitude
        As in :func:`klimatkalk.calculate_emissions`.
    by : str or sequence of str, default ("year", "category")
        Columns to sum by; must include ``"year"``.
    unit : {"kg", "t", "kt"}, default "t"
        Mass unit of CO2e.

    Returns
    -------
    DataFrame
        The ``by`` columns, ``emissions_<unit>_co2e`` (factors frozen) and
        ``rows_not_frozen`` (rows calculated with their own year's factor).

    Examples
    --------
    Nitrous oxide is a gas emitted as itself: freezing the factors changes nothing.

    >>> import pandas as pd
    >>> import klimatkalk as kk
    >>> from klimatkalk.analysis.forecast import policy_neutral_emissions
    >>> acts = pd.DataFrame({"year": [2019, 2024], "activity": ["nitrous_oxide"] * 2,
    ...                      "quantity": [100, 80], "unit": ["kg", "kg"]})
    >>> policy_neutral_emissions(acts, kk.load_factors(), by="year")
       year  emissions_t_co2e  rows_not_frozen
    0  2019              26.5                0
    1  2024              21.2                0
    """
    from klimatkalk.factors.library import FactorTable

    if not isinstance(factors, FactorTable):
        msg = f"factors must be a FactorTable, got {type(factors).__name__}"
        raise TypeError(msg)
    keys = _as_keys(by)
    if "year" not in keys:
        msg = f"by={by!r} must include 'year'"
        raise ForecastError(msg)
    table = (
        activities
        if isinstance(activities, ActivityTable)
        else ActivityTable.from_frame(activities)
    )
    options = {"gwp_set": gwp_set, "boundary": boundary, "high_altitude": high_altitude}
    own = calculate_emissions(table, factors, **options)  # type: ignore[arg-type]
    frozen_frame = table.frame.copy()
    frozen_frame["year"] = np.int64(base_year)
    frozen = calculate_emissions(
        dataclasses.replace(table, frame=frozen_frame),
        factors,
        **options,  # type: ignore[arg-type]
    )
    emissions = pd.Series(
        own.rows["emissions_kg_co2e"].to_numpy(dtype=np.float64), index=own.rows.index
    )
    frozen_values = frozen.rows["emissions_kg_co2e"]
    common = emissions.index.intersection(frozen_values.index)
    not_frozen = pd.Series(1, index=emissions.index, dtype=np.int64)
    emissions.loc[common] = frozen_values.loc[common].to_numpy(dtype=np.float64)
    not_frozen.loc[common] = 0
    rows = own.rows
    emissions *= _own_year_deflation(rows, factors, base_year)
    missing = [k for k in keys if k not in rows.columns]
    if missing:
        msg = f"no column {missing} in the result rows; the columns are {list(rows.columns)}"
        raise ForecastError(msg)
    frame = pd.DataFrame(
        {
            f"emissions_{unit}_co2e": emissions * _scale(unit),
            "rows_not_frozen": not_frozen,
        }
    )
    grouped = frame.groupby([rows[k] for k in keys], observed=True, dropna=False, sort=True)
    return grouped.sum().reset_index()


# --------------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------------


def check_choice(name: str, value: str, choices: Sequence[str]) -> None:
    """Raise a :class:`ForecastError` unless ``value`` is one of ``choices``."""
    if value not in choices:
        msg = f"{name}={value!r}; choose one of {', '.join(choices)}"
        raise ForecastError(msg)


def _line(
    x: FloatArray, values: FloatArray, years: npt.NDArray[np.int64], method: Method, anchor: Anchor
) -> tuple[float, FloatArray]:
    """Fit one group: its slope and its line over ``years``, clipped at zero."""
    slope, intercept = trend_line(x, values, method)
    if anchor == "latest":
        intercept += float(values[-1]) - (intercept + slope * x[-1])
    return slope, np.maximum(intercept + slope * years, 0.0)


def _own_year_deflation(rows: pd.DataFrame, factors: object, base_year: int) -> pd.Series:
    """Per row KPI(base year) / KPI(row year) for spend rows (1 elsewhere or without a KPI)."""
    from klimatkalk.factors.library import FactorTable

    assert isinstance(factors, FactorTable)
    kpi = factors.kpi
    ratio = pd.Series(1.0, index=rows.index)
    if base_year not in kpi:
        return ratio
    spend = [a for a, act in factors.activities.items() if act.dimension == "currency"]
    mask = rows["activity"].astype(object).isin(spend).to_numpy()
    if mask.any():
        years = rows.loc[mask, "year"].astype(int)
        ratio.loc[mask] = years.map(lambda y: kpi[base_year] / kpi[y] if y in kpi else 1.0)
    return ratio


def _target_group(totals: pd.DataFrame, groups: Mapping[str, Sequence[str]]) -> pd.Series:
    if "category" not in totals.columns:
        msg = "target groups are defined by category; the totals have no 'category' column"
        raise ForecastError(msg)
    lookup: dict[str, str] = {}
    for name, categories in groups.items():
        for category in categories:
            if category in lookup:
                msg = (
                    f"category {category!r} is in two target groups: {lookup[category]!r}, {name!r}"
                )
                raise ForecastError(msg)
            lookup[category] = name
    return totals["category"].astype(object).map(lambda c: lookup.get(str(c), "övrigt"))


def _wide(
    totals: pd.DataFrame, keys: list[str], column: str, years: list[int]
) -> dict[tuple[object, ...], FloatArray]:
    """Yearly values per group (zero where a group has no row), the total first."""
    out: dict[tuple[object, ...], FloatArray] = {}
    total = totals.groupby("year")[column].sum().reindex(years, fill_value=0.0)
    out[(TOTAL,) * len(keys)] = total.to_numpy(dtype=np.float64)
    if keys:
        frame = totals.copy()
        for key in keys:
            frame[key] = frame[key].astype(object)
        # dropna=False: a blank group value (no verksamhet) is a group of its own
        for group, part in frame.groupby(keys, sort=True, dropna=False):
            yearly = part.groupby("year")[column].sum().reindex(years, fill_value=0.0)
            out[tuple(group)] = yearly.to_numpy(dtype=np.float64)
    return out


def _reduction(target: float | Mapping[str, float], group: str) -> float:
    if isinstance(target, Mapping):
        value = target.get(group, target.get(TOTAL, 0.5))
    else:
        value = target
    reduction = float(value)
    if not 0.0 < reduction < 1.0:
        msg = (
            f"target for {group!r} must be a fraction between 0 and 1 (0.5 = −50 %), got {value!r}"
        )
        raise ForecastError(msg)
    return reduction
