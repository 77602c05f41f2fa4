r"""Uncertainty: Monte Carlo intervals on totals and on the change against the base year.

Every factor and every activity quantity gets an uncertainty, as a relative standard deviation
(RSD) of a lognormal multiplier with mean 1:

.. math:: m = \exp(\mu + \sigma z), \quad \sigma^2 = \ln(1 + \mathrm{RSD}^2),
   \quad \mu = -\sigma^2 / 2, \quad z \sim N(0, 1)

(positive, mean 1, standard deviation RSD; IPCC's advice for positive quantities with large
uncertainty [1]_). The RSDs come from ``emission_factors/uncertainty.csv``: a *factor class*
by the activity's subcategory (fuel, energy mix, travel, gas, spend-based), overridden by a
value published for a factor where one is given (``factor_rsd``), and an *activity class* per
row (``data_quality`` column: measured, invoiced, estimated, spend-based; by default invoiced for
physical quantities and spend-based for SEK).

A factor that states its own low–high range (the spend factors' comparisons, carried by each
result row as ``emissions_low_kg`` and ``emissions_high_kg``) takes its RSD from that range
instead of the flat class: the range is read as the central 95 % interval of the lognormal,

.. math:: \sigma = \frac{\ln(\mathrm{high}/\mathrm{low})}{2 \cdot 1.96}, \quad
   \mathrm{RSD} = \sqrt{e^{\sigma^2} - 1},

the reading by which the flat spend-based class (RSD 0.5) is "×/÷ 2.5 at 95 %". Only the
range's width is used; the multiplier keeps its mean 1 at the calculated value. A published
``factor_rsd`` still wins over the range.

Sampling follows what is shared:

* one multiplier per **factor row** (``factor_id`` and ``source_id``) and draw, the same in every
  year that uses it: a factor used in the base year and in the latest year moves both, so it
  cancels in the change (it is sampled once, not per year);
* one multiplier per **activity, verksamhet, year and data-quality class** and draw: the error of
  a supplier's statement is systematic within a year and independent between years.

:func:`monte_carlo` draws them all at once (vectorised, in chunks of draws; a seed makes it
reproducible) and returns percentile intervals on each year's total, per category, and on the
change against the base year. A change whose interval contains zero is *within the noise*:
what Swedish regions report as *Oförändrad*.

References
----------
.. [1] IPCC, *Good Practice Guidance and Uncertainty Management in National Greenhouse Gas
   Inventories* (2000), Annex 1 and Ch. 6 (Tier 2 Monte Carlo; lognormal distributions).
.. [2] IPCC, *2006 IPCC Guidelines for National Greenhouse Gas Inventories*, Vol. 1 Ch. 3,
   section 3.2.3 (approach 2, Monte Carlo) and 3.2.1.3 (expert judgement).
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import numpy as np
import numpy.typing as npt
import pandas as pd

from klimatkalk.analysis.baseline import TOTAL
from klimatkalk.errors import ErrorReason, InputRowsError, Problem, _ProblemsError
from klimatkalk.results import EmissionsResult

__all__ = [
    "DATA_QUALITY_ALIASES",
    "UncertaintyClassError",
    "UncertaintyResult",
    "format_interval",
    "load_uncertainty_classes",
    "lognormal_multipliers",
    "monte_carlo",
    "range_rsd",
]

FloatArray = npt.NDArray[np.float64]

DATA_QUALITY_ALIASES: Final[Mapping[str, str]] = {
    "mätt": "measured",
    "uppmätt": "measured",
    "fakturerad": "invoiced",
    "faktura": "invoiced",
    "uppskattad": "estimated",
    "uppskattning": "estimated",
    "utgiftsbaserad": "spend_based",
    "spend-based": "spend_based",
}
"""Swedish (and spelling) variants of the data-quality classes of ``uncertainty.csv``."""

_COLUMNS: Final = (
    "kind",
    "class",
    "label_sv",
    "rsd",
    "applies_to",
    "source_id",
    "source_locator",
    "note",
)


class UncertaintyClassError(_ProblemsError, ValueError):
    """The uncertainty classes do not load (bad RSD, a subcategory in two classes…)."""

    headline = "uncertainty classes do not load"


def load_uncertainty_classes(path: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Load the data-quality classes and their relative standard deviations.

    Parameters
    ----------
    path : path, optional
        A CSV in the format of ``emission_factors/uncertainty.csv`` (the bundled file by
        default).

    Returns
    -------
    DataFrame
        The file's columns, ``rsd`` as float.

    Raises
    ------
    UncertaintyClassError
        If a column is missing, an RSD is not a number ≥ 0, a row lacks a source, or a
        dimension or subcategory is in two classes.

    Examples
    --------
    >>> classes = load_uncertainty_classes()
    >>> classes.set_index(["kind", "class"]).loc[("factor", "spend_based"), "rsd"]
    np.float64(0.5)
    """
    if path is None:
        from klimatkalk._resources import data_root

        file = data_root() / "uncertainty.csv"
    else:
        file = Path(path)
    frame = pd.read_csv(file, dtype=str, keep_default_na=False, encoding="utf-8")
    problems: list[Problem] = []
    missing = [c for c in _COLUMNS if c not in frame.columns]
    if missing:
        raise UncertaintyClassError(
            [
                Problem(str(file), 1, c, None, ErrorReason.MISSING_COLUMN, "required")
                for c in missing
            ]
        )
    rsd = pd.to_numeric(frame["rsd"], errors="coerce")
    seen: dict[tuple[str, str], int] = {}
    for i, row in frame.iterrows():
        line = int(str(i)) + 2

        def bad(column: str, value: object, reason: ErrorReason, message: str) -> None:
            problems.append(Problem(str(file), line, column, value, reason, message))  # noqa: B023

        if row["kind"] not in ("activity", "factor"):
            bad("kind", row["kind"], ErrorReason.INVALID_VALUE, "activity or factor")
        value = rsd.iloc[int(str(i))]
        if not np.isfinite(value) or value < 0:
            bad("rsd", row["rsd"], ErrorReason.NOT_A_NUMBER, "a number ≥ 0")
        if not row["source_id"] or not row["source_locator"]:
            bad("source_id", row["source_id"], ErrorReason.UNKNOWN_SOURCE, "every class is sourced")
        for item in filter(None, row["applies_to"].split("|")):
            key = (row["kind"], item)
            if key in seen:
                bad("applies_to", item, ErrorReason.INVALID_VALUE, f"also on line {seen[key]}")
            seen[key] = line
    if problems:
        raise UncertaintyClassError(problems)
    frame["rsd"] = rsd.astype(np.float64)
    return frame


def lognormal_multipliers(rsd: npt.ArrayLike, draws: int, rng: np.random.Generator) -> FloatArray:
    r"""Draw lognormal multipliers with mean 1 and the given relative standard deviations.

    Parameters
    ----------
    rsd : array_like
        One RSD per quantity (0 gives exactly 1).
    draws : int
        Number of draws.
    rng : numpy.random.Generator
        The random generator.

    Returns
    -------
    ndarray
        Shape ``(draws, len(rsd))``.

    Examples
    --------
    >>> m = lognormal_multipliers([0.0, 0.1], 200_000, np.random.default_rng(1))
    >>> m[:, 0].min(), m[:, 0].max()
    (np.float64(1.0), np.float64(1.0))
    >>> round(float(m[:, 1].mean()), 2), round(float(m[:, 1].std()), 2)
    (1.0, 0.1)
    """
    r = np.asarray(rsd, dtype=np.float64)
    sigma = np.sqrt(np.log1p(r**2))
    z = rng.standard_normal((draws, len(r)))
    out: FloatArray = np.exp(z * sigma - sigma**2 / 2.0)
    return out


@dataclass(frozen=True)
class UncertaintyResult:
    """Monte Carlo intervals of a result.

    Attributes
    ----------
    draws : int
        Number of draws.
    level : float
        Interval level (0.95: the 2.5th to 97.5th percentile).
    base_year : int
        The year changes are counted against.
    totals : DataFrame
        ``year``, ``category`` (with ``total``), ``emissions_t_co2e`` (as calculated),
        ``mean_t_co2e``, ``low_t_co2e``, ``high_t_co2e`` and ``rsd`` (of the draws).
    changes : DataFrame
        ``year``, ``category``, ``change`` (fraction, as calculated), ``change_low``,
        ``change_high`` and ``within_noise`` (the interval contains 0: *Oförändrad*).
    samples : ndarray
        The drawn totals [t CO2e], shape ``(draws, len(totals))``, columns in the order of
        ``totals``.
    """

    draws: int
    level: float
    base_year: int
    totals: pd.DataFrame
    changes: pd.DataFrame
    samples: FloatArray

    def change_text(self, year: int, category: str = TOTAL, lang: str = "sv") -> str:
        """Format one change with its interval: ``+4 % (−3 … +11 %)``, or *Oförändrad*."""
        hit = self.changes[(self.changes["year"] == year) & (self.changes["category"] == category)]
        if hit.empty:
            msg = f"no change for year {year} and category {category!r}"
            raise KeyError(msg)
        row = hit.iloc[0]
        text = format_interval(row["change"], row["change_low"], row["change_high"], lang=lang)
        if bool(row["within_noise"]):
            text += ", oförändrad inom osäkerheten" if lang == "sv" else ", unchanged within noise"
        return text


def format_interval(point: float, low: float, high: float, *, lang: str = "sv") -> str:
    r"""Format a change and its interval as percentages, e.g. ``+4 % (−3 … +11 %)``.

    Examples
    --------
    >>> format_interval(0.04, -0.03, 0.11).replace(chr(0xA0), " ")
    '+4 % (−3 … +11 %)'

    Below 10 % on both sides the figures keep a decimal (not "0 %" for −0,5 %):

    >>> format_interval(-0.0048, -0.031, 0.027).replace(chr(0xA0), " ")
    '−0,5 % (−3,1 … +2,7 %)'
    """
    from klimatkalk.formatting import change_decimals, format_percent

    decimals = change_decimals(point, low, high)

    def pct(value: float) -> str:
        return format_percent(value, decimals, lang=lang, sign=True)

    first = pct(low).replace("\u00a0%", "").replace("%", "")
    return f"{pct(point)} ({first} … {pct(high)})"


def monte_carlo(
    result: EmissionsResult,
    *,
    draws: int = 10_000,
    seed: int | np.random.Generator | None = None,
    base_year: int | None = None,
    level: float = 0.95,
    classes: pd.DataFrame | None = None,
    factor_rsd: Mapping[str, float] | None = None,
    chunk: int = 2_000,
) -> UncertaintyResult:
    """Propagate factor and activity-data uncertainty to intervals by Monte Carlo.

    Parameters
    ----------
    result : EmissionsResult
        Calculated emissions (all years of interest). Rows may carry a ``data_quality``
        column (``measured``/``mätt``, ``invoiced``/``fakturerad``, ``estimated``/
        ``uppskattad``, ``spend_based``/``utgiftsbaserad``).
    draws : int, default 10 000
        Number of draws.
    seed : int or numpy.random.Generator, optional
        Seed for a reproducible run.
    base_year : int, optional
        Year changes are counted against (the first year by default).
    level : float, default 0.95
        Interval level.
    classes : DataFrame, optional
        Uncertainty classes (:func:`load_uncertainty_classes` by default).
    factor_rsd : mapping of str to float, optional
        A published RSD per ``factor_id``, overriding the factor's class.
    chunk : int, default 2 000
        Draws computed at a time (memory: ``chunk`` × cells × 8 bytes).

    Returns
    -------
    UncertaintyResult

    Raises
    ------
    InputRowsError
        If a row's ``data_quality`` is not a known class (naming the row).
    ValueError
        If ``draws`` < 2, ``level`` is not within (0, 1), or the base year has no rows.

    Examples
    --------
    One factor of 10 kg N2O in two years: the GWP (class "gas") is not sampled, the gas mass
    (invoiced, RSD 2.5 %) is sampled per year.

    >>> import pandas as pd
    >>> import klimatkalk as kk
    >>> from klimatkalk.analysis.uncertainty import monte_carlo
    >>> res = kk.calculate_emissions(pd.DataFrame({
    ...     "year": [2019, 2024], "activity": ["nitrous_oxide"] * 2,
    ...     "quantity": [10, 10], "unit": ["kg", "kg"]}))
    >>> mc = monte_carlo(res, draws=20_000, seed=1)
    >>> row = mc.totals.iloc[-1]
    >>> int(row["year"]), round(float(row["emissions_t_co2e"]), 3), round(float(row["rsd"]), 3)
    (2024, 2.65, 0.025)
    >>> bool(mc.changes.iloc[-1]["within_noise"])
    True
    """
    if draws < 2:
        msg = f"draws must be at least 2, got {draws}"
        raise ValueError(msg)
    if not 0.0 < level < 1.0:
        msg = f"level must be between 0 and 1, got {level}"
        raise ValueError(msg)
    rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
    classes = load_uncertainty_classes() if classes is None else classes
    rows = result.rows
    cells = _cells(result, rows, classes, factor_rsd or {})
    years = sorted(int(y) for y in cells["year"].unique())
    base = years[0] if base_year is None else base_year
    if base not in years:
        msg = f"base year {base} has no calculated rows; years: {years}"
        raise ValueError(msg)

    # output groups: (year, category) and (year, total)
    categories = [c for c in pd.unique(cells["category"])]
    out_keys = [(y, c) for y in years for c in [*categories, TOTAL]]
    out_index = {k: i for i, k in enumerate(out_keys)}
    weights = np.zeros((len(cells), len(out_keys)))
    e = cells["emissions_t"].to_numpy(dtype=np.float64)
    cell_year = cells["year"].to_numpy()
    cell_cat = cells["category"].to_numpy()
    for i in range(len(cells)):  # cells are few (year × activity × verksamhet), not rows
        weights[i, out_index[(int(cell_year[i]), cell_cat[i])]] = e[i]
        weights[i, out_index[(int(cell_year[i]), TOTAL)]] = e[i]

    a_codes, a_rsd = _codes(cells, ["year", "activity", "org_unit", "activity_class"], "a_rsd")
    f_codes, f_rsd = _codes(cells, ["factor_key"], "f_rsd")
    samples = np.empty((draws, len(out_keys)))
    for start in range(0, draws, chunk):
        n = min(chunk, draws - start)
        m_a = lognormal_multipliers(a_rsd, n, rng)
        m_f = lognormal_multipliers(f_rsd, n, rng)
        samples[start : start + n] = (m_a[:, a_codes] * m_f[:, f_codes]) @ weights

    alpha = (1.0 - level) / 2.0
    point = weights.sum(axis=0)
    low, high = np.quantile(samples, [alpha, 1.0 - alpha], axis=0)
    mean = samples.mean(axis=0)
    std = samples.std(axis=0, ddof=1)
    totals = pd.DataFrame(
        {
            "year": np.array([k[0] for k in out_keys], dtype=np.int64),
            "category": [k[1] for k in out_keys],
            "emissions_t_co2e": point,
            "mean_t_co2e": mean,
            "low_t_co2e": low,
            "high_t_co2e": high,
            "rsd": np.divide(std, mean, out=np.zeros_like(std), where=mean > 0),
        }
    )
    changes = _changes(out_keys, out_index, samples, point, base, alpha)
    return UncertaintyResult(draws, level, base, totals, changes, samples)


# --------------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------------


def _cells(
    result: EmissionsResult,
    rows: pd.DataFrame,
    classes: pd.DataFrame,
    factor_rsd: Mapping[str, float],
) -> pd.DataFrame:
    """Sum emissions by year, category, activity, verksamhet, activity class and factor row."""
    activities = result.factors.activities
    activity_rsd = {
        r["class"]: float(r["rsd"]) for _, r in classes[classes["kind"] == "activity"].iterrows()
    }
    default_class: dict[str, str] = {}
    for _, r in classes[classes["kind"] == "activity"].iterrows():
        for dim in filter(None, str(r["applies_to"]).split("|")):
            default_class[dim] = str(r["class"])
    factor_class: dict[str, float] = {}
    for _, r in classes[classes["kind"] == "factor"].iterrows():
        for sub in filter(None, str(r["applies_to"]).split("|")):
            factor_class[sub] = float(r["rsd"])

    activity = rows["activity"].astype(object).astype(str)
    codes = pd.unique(activity)
    dims = {a: activities[a].dimension for a in codes}
    subs = {a: activities[a].subcategory for a in codes}
    if "data_quality" in rows:
        given = rows["data_quality"].astype(object).map(_quality_text)
        canon = given.map(_quality_class)
        unknown = canon.notna() & ~canon.isin(list(activity_rsd))
        if unknown.any():
            problems = [
                Problem(
                    result.file,
                    int(i),
                    "data_quality",
                    given[i],
                    ErrorReason.INVALID_VALUE,
                    f"unknown data-quality class; choose one of {sorted(activity_rsd)}",
                )
                for i in rows.index[unknown.to_numpy()][:50]
            ]
            raise InputRowsError(problems, headline="unknown data-quality class")
        default = activity.map(lambda a: default_class.get(dims[a], "estimated"))
        a_class = canon.where(canon.notna(), default)
    else:
        a_class = activity.map(lambda a: default_class.get(dims[a], "estimated"))
    f_sub = activity.map(subs)
    missing_sub = sorted(set(f_sub) - set(factor_class))
    sub_rsd = {s: factor_class.get(s, 0.0) for s in set(f_sub)}
    if missing_sub:  # a subcategory without a class: the widest factor class, not a silent 0
        widest = max(factor_class.values(), default=0.0)
        sub_rsd.update(dict.fromkeys(missing_sub, widest))
    factor_id = rows["factor_id"].astype(object).astype(str)
    f_rsd = f_sub.map(sub_rsd).astype(np.float64)
    ranged = range_rsd(rows)
    f_rsd = ranged.where(ranged.notna(), f_rsd).astype(np.float64)
    if factor_rsd:
        published = factor_id.map(factor_rsd)
        f_rsd = published.where(published.notna(), f_rsd).astype(np.float64)
    org = (
        rows["org_unit"].astype(object).fillna("").astype(str)
        if "org_unit" in rows
        else pd.Series("", index=rows.index)
    )
    frame = pd.DataFrame(
        {
            "year": rows["year"].to_numpy(dtype=np.int64),
            "category": rows["category"].astype(object).to_numpy(),
            "activity": activity.to_numpy(),
            "org_unit": org.to_numpy(),
            "activity_class": a_class.to_numpy(),
            "factor_key": (
                factor_id + "|" + rows["source_id"].astype(object).astype(str)
            ).to_numpy(),
            "a_rsd": a_class.map(activity_rsd).to_numpy(dtype=np.float64),
            "f_rsd": f_rsd.to_numpy(),
            "emissions_t": rows["emissions_kg_co2e"].to_numpy(dtype=np.float64) / 1000.0,
        }
    )
    keys = ["year", "category", "activity", "org_unit", "activity_class", "factor_key"]
    return (
        frame.groupby(keys, sort=True)
        .agg(emissions_t=("emissions_t", "sum"), a_rsd=("a_rsd", "first"), f_rsd=("f_rsd", "max"))
        .reset_index()
    )


_Z95: Final = 1.959963984540054
"""The standard normal's 97.5 % quantile: a 95 % interval is μ ± 1.96 σ."""


def range_rsd(rows: pd.DataFrame) -> pd.Series:
    """Return the RSD each row's low–high range implies (NaN where a row states no range).

    The range (``emissions_low_kg`` to ``emissions_high_kg``) is read as the central 95 %
    interval of a lognormal: σ = ln(high / low) / (2 · 1.96), RSD = √(exp(σ²) − 1).

    Examples
    --------
    A spend factor of 0.03 kg CO2e/SEK with comparisons from 0.015 to 0.06 (×/÷ 2 around it):
    σ = ln 4 / 3.92 = 0.354, RSD = √(e^0.125 − 1) = 0.365.

    >>> import pandas as pd
    >>> rows = pd.DataFrame({"emissions_kg_co2e": [30.0, 5.0], "emissions_low_kg": [15.0, 5.0],
    ...                      "emissions_high_kg": [60.0, 5.0]})
    >>> range_rsd(rows).round(3).tolist()
    [0.365, nan]
    """
    if "emissions_low_kg" not in rows or "emissions_high_kg" not in rows:
        return pd.Series(np.nan, index=rows.index)
    low = pd.to_numeric(rows["emissions_low_kg"], errors="coerce").to_numpy(dtype=np.float64)
    high = pd.to_numeric(rows["emissions_high_kg"], errors="coerce").to_numpy(dtype=np.float64)
    stated = np.isfinite(low) & np.isfinite(high) & (low > 0) & (high > low)
    sigma = np.full(len(rows), np.nan)
    sigma[stated] = np.log(high[stated] / low[stated]) / (2.0 * _Z95)
    return pd.Series(np.sqrt(np.expm1(sigma**2)), index=rows.index)


def _quality_text(value: object, /) -> str | None:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    text = str(value).strip()
    return text or None


def _quality_class(value: str | None, /) -> str | None:
    if value is None:
        return None
    return DATA_QUALITY_ALIASES.get(value.casefold(), value.casefold())


def _codes(
    cells: pd.DataFrame, keys: Sequence[str], rsd: str
) -> tuple[npt.NDArray[np.intp], FloatArray]:
    """Integer code per cell of the sampled quantity ``keys``, and each quantity's RSD."""
    codes, uniques = pd.factorize(pd.MultiIndex.from_frame(cells[list(keys)]))
    values = np.zeros(len(uniques))
    values[codes] = cells[rsd].to_numpy(dtype=np.float64)
    return codes.astype(np.intp), values


def _changes(
    out_keys: list[tuple[int, str]],
    out_index: Mapping[tuple[int, str], int],
    samples: FloatArray,
    point: FloatArray,
    base: int,
    alpha: float,
) -> pd.DataFrame:
    rows = []
    for (year, category), i in out_index.items():
        if year == base:
            continue
        j = out_index.get((base, category))
        if j is None or point[j] <= 0:
            continue
        change = samples[:, i] / samples[:, j] - 1.0
        low, high = np.quantile(change, [alpha, 1.0 - alpha])
        rows.append(
            {
                "year": year,
                "category": category,
                "change": point[i] / point[j] - 1.0,
                "change_low": float(low),
                "change_high": float(high),
                "within_noise": bool(low <= 0.0 <= high),
            }
        )
    del out_keys
    return pd.DataFrame(rows)
