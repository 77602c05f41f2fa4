r"""Scenarios: planned measures applied to a baseline, the gap left to the path, cost per tonne.

:func:`build_scenario` starts from the latest reported year. Each *cell* (category, activity and,
where the data has one, verksamhet) keeps its quantity :math:`Q` in the activity's canonical unit,
its emissions per unit before destruction :math:`F` (the year's own factor, high-altitude
multiplier included) and its destroyed share :math:`A`, so that

.. math:: E = Q \cdot F \cdot (1 - A).

The baseline holds :math:`F` and :math:`A` at the latest year's values and either holds
:math:`Q` constant (``baseline="constant"``) or scales each category's quantities with its
forecast (``baseline="forecast"``, :func:`~klimatkalk.analysis.forecast.forecast_emissions`):
:math:`Q(y) = Q_{latest} \cdot T_c(y) / E_{c,latest}`, so that the baseline of a category is
its trend. Measures then change :math:`Q` or :math:`A`, in the order given. The effect of a
measure *in order* is what it removes on top of the measures before it; *alone* is what it
removes from the baseline by itself. They differ when measures overlap (cutting flights first
leaves less for a later switch to act on).

Cost per tonne: the measure's yearly cost summed over the years it acts up to the target
year, divided by the tonnes it removes alone over the same years (SEK/t CO2e). The marginal
abatement table lists the measures cheapest first with their cumulative abatement in the target
year.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt
import pandas as pd

from klimatkalk.analysis.baseline import TOTAL
from klimatkalk.analysis.decomposition import _unabated
from klimatkalk.analysis.trajectory import Trajectory
from klimatkalk.errors import ErrorReason, Problem
from klimatkalk.plans.measures import Measure, MeasureError
from klimatkalk.results import EmissionsResult
from klimatkalk.units import CANONICAL_UNITS, canonical_quantity, parse_activity_unit

__all__ = ["Scenario", "build_scenario"]

FloatArray = npt.NDArray[np.float64]
Baseline = Literal["forecast", "constant"]


@dataclass(frozen=True)
class Scenario:
    """Emissions with and without the planned measures, year by year to the target year.

    Attributes
    ----------
    measures : list of Measure
        The measures, in the order applied.
    baseline_kind : {"forecast", "constant"}
        How the baseline was projected.
    latest_year, target_year : int
        The last reported year (the starting point) and the last year projected.
    trajectory : Trajectory
        The path the gap is measured against [t CO2e].
    emissions : DataFrame
        ``year``, ``category`` (with ``total`` rows), ``baseline_t_co2e``, ``scenario_t_co2e``;
        years from ``latest_year`` (actual) to ``target_year``.
    gap : DataFrame
        Per year: ``baseline_t_co2e``, ``scenario_t_co2e``, ``path_t_co2e`` and
        ``gap_t_co2e`` (scenario − path; positive: still above the path).
    effects : DataFrame
        Per measure (in order): ``measure``, ``kind``, ``activity``, ``from_year``,
        ``in_order_t_co2e`` and ``alone_t_co2e`` (removed in the target year),
        ``alone_cumulative_t_co2e`` (removed alone over the years it acts), ``cost_sek``
        (per year), ``cost_total_sek`` and ``sek_per_t_co2e``.
    effects_by_year : DataFrame
        ``measure``, ``year``, ``in_order_t_co2e``, ``alone_t_co2e``.
    """

    measures: list[Measure]
    baseline_kind: Baseline
    latest_year: int
    target_year: int
    trajectory: Trajectory
    emissions: pd.DataFrame
    gap: pd.DataFrame
    effects: pd.DataFrame
    effects_by_year: pd.DataFrame

    def marginal_abatement(self) -> pd.DataFrame:
        """Return the marginal abatement table: measures with a cost, cheapest per tonne first.

        Returns
        -------
        DataFrame
            ``measure``, ``sek_per_t_co2e``, ``alone_t_co2e`` (in the target year),
            ``cumulative_t_co2e`` (running sum of ``alone_t_co2e``) and ``cost_sek``.
        """
        costed = self.effects.dropna(subset=["sek_per_t_co2e"])
        table = costed.sort_values("sek_per_t_co2e", kind="stable")[
            ["measure", "sek_per_t_co2e", "alone_t_co2e", "cost_sek"]
        ].reset_index(drop=True)
        table.insert(3, "cumulative_t_co2e", table["alone_t_co2e"].cumsum())
        return table


def build_scenario(
    result: EmissionsResult,
    measures: Sequence[Measure],
    *,
    baseline: Baseline = "forecast",
    base_year: int = 2019,
    target: float = 0.5,
    target_year: int = 2030,
    trajectory: Trajectory | None = None,
    method: Literal["theil_sen", "lad"] = "theil_sen",
) -> Scenario:
    """Apply planned measures to a baseline projection of the latest reported year.

    Parameters
    ----------
    result : EmissionsResult
        Calculated emissions of the reported years (the base year included, for the path).
    measures : sequence of Measure
        The measures, applied in this order (from :func:`klimatkalk.io.planning.read_measures`).
    baseline : {"forecast", "constant"}, default "forecast"
        Project each category with its robust trend, or hold the latest year constant.
    base_year : int, default 2019
        Base year of the default path.
    target : float, default 0.5
        Reduction by the target year of the default path (``0.5`` = −50 %).
    target_year : int, default 2030
        Last year projected.
    trajectory : Trajectory, optional
        The path in t CO2e; by default ``Trajectory.linear(base_year, target_year, target,
        base_value=<base-year total>)``.
    method : {"theil_sen", "lad"}, default "theil_sen"
        Estimator of the forecast baseline.

    Returns
    -------
    Scenario

    Raises
    ------
    MeasureError
        If a measure names an activity (or verksamhet) without quantity in the latest year,
        would make a quantity negative, switches between activities of different dimensions,
        or uses a unit that does not fit the activity; the error names the measure's row.

    Examples
    --------
    1 000 l of diesel a year (2.5 kg CO2e/l in the test factors); cut by 30 % from 2025:

    >>> import pandas as pd
    >>> import klimatkalk as kk
    >>> from klimatkalk.plans import Measure
    >>> from klimatkalk.analysis.scenario import build_scenario
    >>> res = kk.calculate_emissions(pd.DataFrame({
    ...     "year": [2019, 2024], "activity": ["diesel", "diesel"],
    ...     "quantity": [1000, 1000], "unit": ["l", "l"]}),
    ...     kk.load_factors("tests/fixtures/factors_minimal"))
    >>> cut = Measure(name="Diesel −30 %", kind="change_pct", activity="diesel",
    ...               value=-0.3, from_year=2025, cost_sek=1500)
    >>> s = build_scenario(res, [cut], baseline="constant", target_year=2026)
    >>> s.effects[["alone_t_co2e", "sek_per_t_co2e"]].round(3)  # 0.3·2.5 t; 3 000 SEK / 1.5 t
       alone_t_co2e  sek_per_t_co2e
    0          0.75          2000.0
    """
    rows = result.rows
    if rows.empty:
        msg = "the result has no calculated rows"
        raise ValueError(msg)
    latest = int(rows["year"].max())
    if target_year <= latest:
        msg = f"target_year ({target_year}) must be after the latest reported year ({latest})"
        raise ValueError(msg)
    if trajectory is None:
        base_rows = rows["year"] == base_year
        if not base_rows.any():
            msg = f"no rows for the base year {base_year}; pass trajectory= or base_year="
            raise ValueError(msg)
        base_total = float(rows.loc[base_rows, "emissions_kg_co2e"].sum()) / 1000.0
        trajectory = Trajectory.linear(base_year, target_year, target, base_value=base_total)
    years = np.arange(latest, target_year + 1)
    cells = _Cells.of(result, latest)
    growth = _growth(result, cells, years, baseline, method)
    for measure in measures:  # add the cells a switch moves quantity into
        cells.add_targets(measure, result, latest)
    added = np.ones((cells.n - len(growth), len(years)))
    q0 = cells.quantity[:, None] * np.vstack([growth, added])
    a0 = np.repeat(cells.abated[:, None], len(years), axis=1)

    def run(selected: Sequence[Measure]) -> FloatArray:
        q, a = q0.copy(), a0.copy()
        for m in selected:
            _apply(m, cells, years, q, a)
        return q * cells.per_unit[:, None] * (1.0 - a) / 1000.0  # t CO2e, cells × years

    base = run([])
    in_order = [base]
    for k in range(len(measures)):
        in_order.append(run(measures[: k + 1]))
    alone = [run([m]) for m in measures]
    scenario = in_order[-1]

    emissions = _by_category(cells, years, base, scenario)
    totals = emissions[emissions["category"] == TOTAL].set_index("year")
    path = trajectory.values(years.tolist())
    gap = pd.DataFrame(
        {
            "year": years,
            "baseline_t_co2e": totals["baseline_t_co2e"].to_numpy(),
            "scenario_t_co2e": totals["scenario_t_co2e"].to_numpy(),
            "path_t_co2e": path.to_numpy(),
        }
    )
    gap["gap_t_co2e"] = gap["scenario_t_co2e"] - gap["path_t_co2e"]
    effects, by_year = _effects(measures, years, base, in_order, alone)
    return Scenario(
        measures=list(measures),
        baseline_kind=baseline,
        latest_year=latest,
        target_year=target_year,
        trajectory=trajectory,
        emissions=emissions,
        gap=gap,
        effects=effects,
        effects_by_year=by_year,
    )


# --------------------------------------------------------------------------------------------
# cells
# --------------------------------------------------------------------------------------------


@dataclass
class _Cells:
    """The latest year's cells: keys, canonical quantity, kg CO2e per unit, destroyed share."""

    keys: pd.DataFrame  # category, activity, org_unit
    quantity: FloatArray
    per_unit: FloatArray
    abated: FloatArray
    dimension: dict[str, str]

    @property
    def n(self) -> int:
        return len(self.quantity)

    @classmethod
    def of(cls, result: EmissionsResult, year: int) -> _Cells:
        rows = result.rows[result.rows["year"] == year]
        quantity = canonical_quantity(rows["quantity"], rows["unit"])
        emissions = rows["emissions_kg_co2e"].to_numpy(dtype=np.float64)
        unabated = _unabated(result, rows, quantity, emissions)
        org = (
            rows["org_unit"].astype(object).fillna("")
            if "org_unit" in rows
            else pd.Series("", index=rows.index, dtype=object)
        )
        frame = pd.DataFrame(
            {
                "category": rows["category"].astype(object).to_numpy(),
                "activity": rows["activity"].astype(object).to_numpy(),
                "org_unit": org.astype(str).to_numpy(),
                "q": quantity,
                "u": unabated,
                "e": emissions,
            }
        )
        grouped = frame.groupby(["category", "activity", "org_unit"], sort=True)[["q", "u", "e"]]
        sums = grouped.sum().reset_index()
        q = sums["q"].to_numpy(dtype=np.float64)
        u = sums["u"].to_numpy(dtype=np.float64)
        e = sums["e"].to_numpy(dtype=np.float64)
        per_unit = np.divide(u, q, out=np.zeros_like(u), where=q > 0)
        abated = np.divide(u - e, u, out=np.zeros_like(u), where=u > 0)
        dims: dict[str, str] = {
            str(a): result.factors.activities[a].dimension for a in sums["activity"].unique()
        }
        return cls(sums[["category", "activity", "org_unit"]], q, per_unit, abated, dims)

    def mask(self, activity: str, org_unit: str | None) -> npt.NDArray[np.bool_]:
        hit = (self.keys["activity"] == activity).to_numpy().copy()
        if org_unit is not None:
            hit &= (self.keys["org_unit"] == org_unit).to_numpy()
        return hit

    def add_targets(self, measure: Measure, result: EmissionsResult, year: int) -> None:
        """Add zero-quantity cells for the activity a switch moves into, where missing."""
        if measure.kind != "switch" or measure.to_activity is None:
            return
        target = measure.to_activity
        source = self.mask(measure.activity, measure.org_unit)
        catalogue = result.factors.activities
        if target not in catalogue:
            raise _error(
                measure,
                "to_activity",
                target,
                ErrorReason.UNKNOWN_ACTIVITY,
                "not in the activity catalogue",
            )
        self.dimension[target] = catalogue[target].dimension
        per_unit = _factor(result, target, year, measure)
        for org in self.keys.loc[source, "org_unit"].unique():
            if self.mask(target, org).any():
                continue
            self.keys = pd.concat(
                [
                    self.keys,
                    pd.DataFrame(
                        {
                            "category": [catalogue[target].category],
                            "activity": [target],
                            "org_unit": [org],
                        }
                    ),
                ],
                ignore_index=True,
            )
            self.quantity = np.append(self.quantity, 0.0)
            self.per_unit = np.append(self.per_unit, per_unit)
            self.abated = np.append(self.abated, 0.0)


def _factor(result: EmissionsResult, activity: str, year: int, measure: Measure) -> float:
    """Return kg CO2e per canonical unit of ``activity`` in ``year`` (the result's factors)."""
    from klimatkalk.factors.compile import compile_factors

    compiled = compile_factors(result.factors, result.gwp_set, result.boundary, result.fallback)
    if activity in compiled.activities:
        col = min(max(year - compiled.first_year, 0), compiled.kg_per_canonical.shape[1] - 1)
        value = float(compiled.kg_per_canonical[compiled.activities.index(activity), col])
        if np.isfinite(value):
            return value
    raise _error(
        measure,
        "to_activity",
        activity,
        ErrorReason.NO_FACTOR,
        f"no emission factor for {year} in the factor set",
    )


def _growth(
    result: EmissionsResult,
    cells: _Cells,
    years: npt.NDArray[np.int64],
    baseline: Baseline,
    method: Literal["theil_sen", "lad"],
) -> FloatArray:
    """Quantity multiplier per cell and year (1 in the latest year)."""
    from klimatkalk.analysis.forecast import check_choice, forecast_emissions

    check_choice("baseline", baseline, ("forecast", "constant"))
    if baseline == "constant":
        return np.ones((cells.n, len(years)))

    forecast = forecast_emissions(
        result, by="category", horizon=int(years[-1]), method=method, unit="t"
    )
    table = forecast.table
    table = table[table["category"].astype(object) != TOTAL]
    trend = table.pivot_table(index="category", columns="year", values="trend_t_co2e")
    actual = table[table["year"] == years[0]].set_index("category")["actual_t_co2e"]
    ratio = trend[years.tolist()].div(actual.where(actual > 0), axis=0).fillna(1.0)
    ratio[years[0]] = 1.0
    per_cell = ratio.reindex(cells.keys["category"].to_numpy()).fillna(1.0)
    out: FloatArray = per_cell.to_numpy(dtype=np.float64)
    return out


# --------------------------------------------------------------------------------------------
# applying a measure
# --------------------------------------------------------------------------------------------


def _apply(
    m: Measure, cells: _Cells, years: npt.NDArray[np.int64], q: FloatArray, a: FloatArray
) -> None:
    """Change quantities ``q`` or destroyed shares ``a`` (cells × years) in place."""
    source = cells.mask(m.activity, m.org_unit)
    if not source.any():
        where = f" at {m.org_unit!r}" if m.org_unit else ""
        raise _error(
            m,
            "activity",
            m.activity,
            ErrorReason.UNKNOWN_ACTIVITY,
            f"no quantity of {m.activity!r}{where} in the latest year {int(years[0])} to act on",
        )
    ramp = m.ramp(years)[None, :]
    if m.kind == "change_pct":
        q[source] *= 1.0 + m.value * ramp
    elif m.kind == "abatement":
        a[source] += (m.value - a[source]) * ramp
    elif m.kind == "change_abs":
        q[source] += _amount(m, cells, q[source]) * ramp
    else:  # switch
        assert m.to_activity is not None
        if cells.dimension[m.to_activity] != cells.dimension[m.activity]:
            raise _error(
                m,
                "to_activity",
                m.to_activity,
                ErrorReason.UNIT_DIMENSION_MISMATCH,
                f"{m.activity!r} is measured in {cells.dimension[m.activity]}, "
                f"{m.to_activity!r} in {cells.dimension[m.to_activity]}",
            )
        moved = (q[source] * m.value if m.unit is None else -_amount(m, cells, q[source])) * ramp
        q[source] -= moved
        orgs = cells.keys.loc[source, "org_unit"].to_numpy()
        for j, org in enumerate(orgs):
            target = np.flatnonzero(cells.mask(m.to_activity, org))[0]
            q[target] += moved[j]
    negative = q < -1e-6  # canonical units (l, kWh, km, kg): far below any reported amount
    if negative.any():
        cell, col = np.argwhere(negative)[0]
        activity = cells.keys["activity"].iloc[cell]
        raise _error(
            m,
            "value",
            m.value,
            ErrorReason.NEGATIVE_QUANTITY,
            f"would make the quantity of {activity!r} negative in {int(years[col])} "
            f"({q[cell, col]:.6g} {CANONICAL_UNITS[cells.dimension[activity]]})",
        )
    np.clip(q, 0.0, None, out=q)


def _amount(m: Measure, cells: _Cells, quantity: FloatArray) -> FloatArray:
    """Return a yearly amount in canonical units, shared out by cell quantity."""
    assert m.unit is not None
    try:
        info = parse_activity_unit(m.unit)
    except ValueError as exc:
        raise _error(m, "unit", m.unit, ErrorReason.UNKNOWN_UNIT, str(exc)) from None
    dimension = cells.dimension[m.activity]
    plain_km = info.dimension == "distance" and dimension.endswith("_distance")  # km is pkm/vkm
    if info.dimension != dimension and not plain_km:
        raise _error(
            m,
            "unit",
            m.unit,
            ErrorReason.UNIT_DIMENSION_MISMATCH,
            f"{m.activity!r} is measured in {dimension}, e.g. {CANONICAL_UNITS[dimension]}",
        )
    total = quantity.sum(axis=0, keepdims=True)
    n = quantity.shape[0]
    share = np.divide(quantity, total, out=np.full_like(quantity, 1.0 / n), where=total > 0)
    result: FloatArray = m.value * info.to_canonical * share
    return result


def _error(
    m: Measure, column: str, value: object, reason: ErrorReason, message: str
) -> MeasureError:
    file, _, row = m.origin.rpartition(":")
    return MeasureError(
        [
            Problem(
                file or m.origin,
                int(row) if row.isdigit() else None,
                column,
                value,
                reason,
                f"{m.name}: {message}",
            )
        ]
    )


# --------------------------------------------------------------------------------------------
# tables
# --------------------------------------------------------------------------------------------


def _by_category(
    cells: _Cells, years: npt.NDArray[np.int64], base: FloatArray, scenario: FloatArray
) -> pd.DataFrame:
    categories = cells.keys["category"].to_numpy()
    parts = []
    for name in pd.unique(categories):
        hit = categories == name
        parts.append(
            pd.DataFrame(
                {
                    "year": years,
                    "category": name,
                    "baseline_t_co2e": base[hit].sum(axis=0),
                    "scenario_t_co2e": scenario[hit].sum(axis=0),
                }
            )
        )
    parts.append(
        pd.DataFrame(
            {
                "year": years,
                "category": TOTAL,
                "baseline_t_co2e": base.sum(axis=0),
                "scenario_t_co2e": scenario.sum(axis=0),
            }
        )
    )
    return pd.concat(parts, ignore_index=True).sort_values(
        ["year"], kind="stable", ignore_index=True
    )


def _effects(
    measures: Sequence[Measure],
    years: npt.NDArray[np.int64],
    base: FloatArray,
    in_order: list[FloatArray],
    alone: list[FloatArray],
) -> tuple[pd.DataFrame, pd.DataFrame]:
    base_total = base.sum(axis=0)
    rows, by_year = [], []
    for k, m in enumerate(measures):
        order_k = in_order[k].sum(axis=0) - in_order[k + 1].sum(axis=0)
        alone_k = base_total - alone[k].sum(axis=0)
        acting = years >= m.from_year
        acting[0] = False  # the latest reported year is history
        cumulative = float(alone_k[acting].sum())
        cost_total = None if m.cost_sek is None else m.cost_sek * int(acting.sum())
        per_t = cost_total / cumulative if cost_total is not None and cumulative > 0 else np.nan
        rows.append(
            {
                "measure": m.name,
                "kind": m.kind,
                "activity": m.activity,
                "from_year": m.from_year,
                "in_order_t_co2e": float(order_k[-1]),
                "alone_t_co2e": float(alone_k[-1]),
                "alone_cumulative_t_co2e": cumulative,
                "cost_sek": np.nan if m.cost_sek is None else m.cost_sek,
                "cost_total_sek": np.nan if cost_total is None else cost_total,
                "sek_per_t_co2e": per_t,
            }
        )
        by_year.append(
            pd.DataFrame(
                {
                    "measure": m.name,
                    "year": years,
                    "in_order_t_co2e": order_k,
                    "alone_t_co2e": alone_k,
                }
            )
        )
    columns = ["measure", "year", "in_order_t_co2e", "alone_t_co2e"]
    effects = pd.DataFrame(rows)
    if effects.empty:
        effects = pd.DataFrame(
            columns=[
                "measure",
                "kind",
                "activity",
                "from_year",
                "in_order_t_co2e",
                "alone_t_co2e",
                "alone_cumulative_t_co2e",
                "cost_sek",
                "cost_total_sek",
                "sek_per_t_co2e",
            ]
        )
    return effects, (
        pd.concat(by_year, ignore_index=True) if by_year else pd.DataFrame(columns=columns)
    )
