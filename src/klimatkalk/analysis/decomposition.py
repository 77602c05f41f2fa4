r"""Decomposition: split a change in emissions into activity, factor, GWP and abatement effects.

Between two results (two years, or one year under two factor sets) the emissions of each
activity change because the quantity changed, because the emission factor per unit changed
(a new reduktionsplikt level, a new electricity mix), because the GWP set changed (AR5 → AR6),
or because a larger share of a gas was destroyed. :func:`decompose_change` writes each
activity's emissions as a product

.. math:: E = Q \cdot F \cdot G \cdot A

with :math:`Q` the quantity in the activity's canonical unit, :math:`F` the mass of gas emitted
per canonical unit before abatement (kg CO2e for factors given in CO2e), :math:`G` the GWP applied
and :math:`A` the share not abated, and splits :math:`\Delta E = E_b - E_a` with the additive
LMDI-I [1]_:

.. math:: \Delta E_X = L(E_b, E_a)\,\ln(X_b / X_a),
   \qquad L(x, y) = \frac{x - y}{\ln x - \ln y},\ L(x, x) = x

whose terms add up to :math:`\Delta E` exactly, with no residual. A factor that is zero in
one period (quantity 0, a factor of 0 g/kWh for electricity with guarantees of origin, gas fully
destroyed) takes the whole change, the limit of the LMDI terms as the zero is approached [2]_.
An activity present in only one of the two results is not decomposed: its emissions go to
``added`` or ``removed``.

For spend (purchases in kronor) :math:`Q` is the *real volume*: the kronor entered, ex VAT
(an amount entered incl. VAT is divided by 1 + its rate, as the calculation does), deflated
with the price index of the factor data (``kpi.csv``, SCB's KPI) to one common price year,
:math:`Q = S \cdot I(c) / I(y)`, and :math:`F` is kg CO2e per krona of that price year. The
calculation deflates spend to the factor's price year, so a general rise in prices does not
move the emissions; the decomposition says so by keeping the price level out of both the
activity and the factor effect. How much of the change in kronor was price is shown beside
the effects: ``nominal_spend_effect`` (the kronor entered, :math:`L \ln(S_b/S_a)`) and
``price_effect`` (the price level, :math:`L \ln(d_b/d_a)` with :math:`d = Q/S`), which add
up to the spend rows' ``activity_effect``. The ratios do not depend on the common year
:math:`c`.

References
----------
.. [1] B.W. Ang, "Decomposition analysis for policymaking in energy: which is the preferred
   method?", *Energy Policy* 32(9), 1131–1139 (2004), doi:10.1016/S0301-4215(03)00076-4.
.. [2] B.W. Ang and N. Liu, "Handling zero values in the logarithmic mean Divisia index
   decomposition approach", *Energy Policy* 35(1), 238–246 (2007),
   doi:10.1016/j.enpol.2005.11.001.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

import numpy as np
import numpy.typing as npt
import pandas as pd

from klimatkalk.analysis.baseline import (
    MassUnit,
    _append_totals,
    _as_keys,
    _scale,
    _unify_categories,
    _year_rows,
)
from klimatkalk.factors.compile import compile_factors
from klimatkalk.results import EmissionsResult
from klimatkalk.units import canonical_quantity, parse_activity_unit

__all__ = ["EFFECTS", "SPEND_PARTS", "decompose_change", "logarithmic_mean"]

EFFECTS: Final = (
    "activity_effect",
    "factor_effect",
    "gwp_effect",
    "abatement_effect",
    "added",
    "removed",
)
"""The terms of :func:`decompose_change`, in column order; they sum to ``change``."""

SPEND_PARTS: Final = ("nominal_spend_effect", "price_effect")
"""Two columns after :data:`EFFECTS` that split the spend rows' ``activity_effect`` (real
volume) into the change in kronor entered and the change in the price level; they add up to
the ``activity_effect`` of the spend rows (0 for other rows) and are not further terms."""

FloatArray = npt.NDArray[np.float64]

_CELL_VALUES = ("quantity", "gas_mass", "unabated", "emissions", "spend")


def decompose_change(
    result_a: EmissionsResult,
    result_b: EmissionsResult,
    by: str | Sequence[str] = ("category", "activity"),
    *,
    year_a: int | None = None,
    year_b: int | None = None,
    unit: MassUnit = "t",
) -> pd.DataFrame:
    """Split the change from ``result_a`` to ``result_b`` into additive effects (LMDI-I).

    Parameters
    ----------
    result_a, result_b : EmissionsResult
        The two results; they may be the same result with ``year_a`` and ``year_b`` set.
    by : str or sequence of str, default ("category", "activity")
        Columns of the result rows to report by. The decomposition is always done per
        activity (and per ``by`` group) and summed to the groups, so it is the same whatever
        ``by`` is. Put ``"year"`` in ``by`` only to compare the same years under two factor
        sets.
    year_a, year_b : int, optional
        Use only the rows of this year from ``result_a`` / ``result_b`` (all rows by default).
    unit : {"kg", "t", "kt"}, default "t"
        Mass unit of CO2e in the output columns.

    Returns
    -------
    DataFrame
        One row per group and a ``total`` row (every ``by`` column holds ``"total"``), with
        ``emissions_a_<unit>_co2e``, ``emissions_b_<unit>_co2e``, ``change_<unit>_co2e`` and
        the terms of :data:`EFFECTS`, each ``<term>_<unit>_co2e``:

        - ``activity_effect``: the quantity changed (in the activity's canonical unit, so
          litres and m³ of diesel add up); for spend, the real volume: kronor deflated with
          the factor data's price index to a common price year;
        - ``factor_effect``: the emission factor per unit changed (gas mass per unit, or
          kg CO2e per unit for factors given in CO2e; for spend, kg CO2e per krona of the
          common price year, so a new factor of another price year is compared in the same
          money);
        - ``gwp_effect``: the GWP applied to a gas changed (the ``gwp`` column of the rows);
        - ``abatement_effect``: the share of a gas destroyed changed (``abated_fraction``);
        - ``added`` / ``removed``: emissions of activities present only in ``result_b`` /
          only in ``result_a`` (an activity present in both with quantity 0 in one is an
          activity effect instead).

        The terms sum to ``change`` in every row, to floating-point round-off. After them
        come the two columns of :data:`SPEND_PARTS`, which split the spend rows'
        ``activity_effect`` and are not added to the terms:

        - ``nominal_spend_effect``: the kronor entered changed (prices and volume together);
        - ``price_effect``: the price level changed (the index's change, taken out by
          deflation; negative when prices rose).

        Last, ``rejected_a_rows`` and ``rejected_b_rows``: the input rows of ``result_a`` /
        ``result_b`` (of ``year_a`` / ``year_b`` when given) that could not be calculated. Their
        emissions are in no term: a misspelt activity in the later year shows as ``removed``.

    Raises
    ------
    ValueError
        If a result has no rows for the year asked for, or ``by`` names a missing column.

    Notes
    -----
    Quantities of different activities are never added, so there is no separate "mix" or
    "structure" effect: replacing diesel by HVO shows as a negative activity effect of diesel
    and a positive one of HVO. Rejected rows are in neither result: where
    ``rejected_a_rows`` or ``rejected_b_rows`` is not 0, check ``rejected`` first.

    Real volume is only as real as the index: a price rise above the index (a dearer
    supplier, a product's own price) still shows as volume, and a cheaper supplier as less
    volume, with no change in emissions. Both results' spend is deflated with one index, the
    ``result_b`` factor set's (years it lacks from ``result_a``'s), so a revised index series
    is a factor effect, not volume.

    Examples
    --------
    Nitrous oxide falls from 100 kg in 2019 (reported with AR5, GWP100 265: 26.5 t) to 80 kg
    in 2024 (reported with AR6, 273: 21.84 t). With L = L(21.84, 26.5) = 24.10 t, the change of
    −4.66 t is L·ln(0.8) = −5.38 t of activity and L·ln(273/265) = +0.72 t of GWP effect:

    >>> import pandas as pd
    >>> import klimatkalk as kk
    >>> from klimatkalk.analysis.decomposition import decompose_change
    >>> acts = pd.DataFrame({"year": [2019, 2024], "activity": ["nitrous_oxide"] * 2,
    ...                      "quantity": [100, 80], "unit": ["kg", "kg"]})
    >>> ar5 = kk.calculate_emissions(acts, gwp_set="AR5GWP100")
    >>> ar6 = kk.calculate_emissions(acts, gwp_set="AR6GWP100")
    >>> d = decompose_change(ar5, ar6, by=(), year_a=2019, year_b=2024)
    >>> terms = ["change", "activity_effect", "factor_effect", "gwp_effect"]
    >>> d.loc[0, [f"{t}_t_co2e" for t in terms]].astype(float).round(2)
    change_t_co2e            -4.66
    activity_effect_t_co2e   -5.38
    factor_effect_t_co2e      0.00
    gwp_effect_t_co2e         0.72
    Name: 0, dtype: float64
    """
    keys = _as_keys(by)
    scale = _scale(unit)
    cell_keys = keys if "activity" in keys else [*keys, "activity"]
    index = {**result_a.factors.kpi, **result_b.factors.kpi}
    cells_a = _cells(result_a, year_a, cell_keys, "result_a", index)
    cells_b = _cells(result_b, year_b, cell_keys, "result_b", index)
    _unify_categories([cells_a, cells_b], cell_keys)
    cells = cells_a.merge(cells_b, on=cell_keys, how="outer", suffixes=("_a", "_b"), indicator=True)
    in_a = cells["_merge"].isin(["both", "left_only"]).to_numpy()
    in_b = cells["_merge"].isin(["both", "right_only"]).to_numpy()
    cells = cells.drop(columns="_merge")

    def values(name: str, side: str) -> FloatArray:
        return cells[f"{name}_{side}"].fillna(0.0).to_numpy(dtype=np.float64)

    e_a, e_b = values("emissions", "a"), values("emissions", "b")
    both = in_a & in_b
    x_a, x_b = _factors(cells, "a"), _factors(cells, "b")
    x_a, x_b = _fill_undefined(x_a, x_b)
    effects = np.zeros((len(cells), len(EFFECTS)))
    effects[both, :4] = _lmdi(x_a[both], x_b[both], e_a[both], e_b[both])
    effects[:, 4] = np.where(in_b & ~in_a, e_b, 0.0)
    effects[:, 5] = np.where(in_a & ~in_b, -e_a, 0.0)
    parts = _spend_parts(cells, both, effects[:, 0])

    frame = cells[cell_keys].copy()
    frame["emissions_a"] = e_a
    frame["emissions_b"] = e_b
    frame["change"] = e_b - e_a
    for i, name in enumerate(EFFECTS):
        frame[name] = effects[:, i]
    for i, name in enumerate(SPEND_PARTS):
        frame[name] = parts[:, i]
    value_columns = ["emissions_a", "emissions_b", "change", *EFFECTS, *SPEND_PARTS]
    if keys:
        grouped = frame.groupby(keys, observed=True, dropna=False, sort=False)
        frame = grouped[value_columns].sum().reset_index()
    else:
        frame = frame[value_columns].sum().to_frame().T.astype(np.float64)
    frame = _append_totals(frame, keys, [], value_columns)
    frame[value_columns] = frame[value_columns] * scale
    frame["rejected_a_rows"] = _rejected_rows(result_a, year_a)
    frame["rejected_b_rows"] = _rejected_rows(result_b, year_b)
    return frame.rename(columns={c: f"{c}_{unit}_co2e" for c in value_columns})


def _rejected_rows(result: EmissionsResult, year: int | None) -> int:
    """Rejected input rows of ``year`` (of every year when None)."""
    return len(result.rejected) if year is None else result.rejected_in(year)


def logarithmic_mean(x: FloatArray, y: FloatArray) -> FloatArray:
    r"""Return the logarithmic mean :math:`L(x, y) = (x - y) / \ln(x / y)`, :math:`L(x, x) = x`.

    For ``x / y`` between 0.5 and 2 the logarithm is computed as ``log1p((x − y) / y)``, which
    stays accurate when ``x`` is close to ``y``. Both arguments must be positive.

    Examples
    --------
    >>> import numpy as np
    >>> logarithmic_mean(np.array([2.0, 3.0]), np.array([1.0, 3.0]))  # 1/ln 2 = 1.4427
    array([1.44269504, 3.        ])
    """
    diff = x - y
    out = np.array(x, dtype=np.float64, copy=True)
    unequal = diff != 0
    out[unequal] = diff[unequal] / _log_ratio(x[unequal], y[unequal])
    return out


def _log_ratio(x: FloatArray, y: FloatArray) -> FloatArray:
    """Return ln(x / y) for positive x, y, accurately when x ≈ y and without overflow."""
    with np.errstate(over="ignore", under="ignore", divide="ignore", invalid="ignore"):
        ratio = x / y
        close = (ratio > 0.5) & (ratio < 2.0)
        # x − y is exact for close values, so log1p keeps all digits there; far apart, a ratio
        # that overflows or underflows (subnormal inputs) falls back to ln x − ln y.
        near = np.log1p(np.where(close, (x - y) / y, 0.0))
        usable = np.isfinite(ratio) & (ratio > np.finfo(np.float64).tiny)
        far = np.where(usable, np.log(np.where(usable, ratio, 1.0)), np.log(x) - np.log(y))
    return np.where(close, near, far)


def _cells(
    result: EmissionsResult,
    year: int | None,
    keys: list[str],
    what: str,
    index: dict[int, float],
) -> pd.DataFrame:
    """Sum quantity [canonical unit], gas mass, unabated and emitted kg CO2e per cell.

    For spend rows the quantity is the real volume (kronor × I(c) / I(year), ``index`` the
    price index by year and c its last year) and ``spend`` the kronor entered (0 elsewhere).
    """
    rows = result.rows if year is None else _year_rows(result, year, what)
    missing = [k for k in keys if k not in rows.columns]
    if missing:
        msg = f"no column {missing} in the rows of {what}; the columns are {list(rows.columns)}"
        raise ValueError(msg)
    nominal = canonical_quantity(rows["quantity"], rows["unit"])
    is_spend = _is_spend(rows["unit"])
    nominal = np.where(is_spend, nominal * _ex_vat(rows), nominal)
    spend = np.where(is_spend, nominal, 0.0)
    quantity = np.where(is_spend, nominal * _deflator(rows["year"], is_spend, index, what), nominal)
    emissions = rows["emissions_kg_co2e"].to_numpy(dtype=np.float64)
    unabated = _unabated(result, rows, quantity, emissions)
    gwp = rows["gwp"].to_numpy(dtype=np.float64)
    gas_mass = np.zeros(len(rows))
    np.divide(unabated, gwp, out=gas_mass, where=gwp > 0)
    frame = rows[keys].copy()
    arrays = (quantity, gas_mass, unabated, emissions, spend)
    for name, array in zip(_CELL_VALUES, arrays, strict=True):
        frame[name] = array
    grouped = frame.groupby(keys, observed=True, dropna=False, sort=False)
    return grouped[list(_CELL_VALUES)].sum().reset_index()


def _ex_vat(rows: pd.DataFrame) -> FloatArray:
    """1 / (1 + VAT rate) for amounts entered incl. VAT, else 1: the volume is ex VAT."""
    if "vat_basis" not in rows or "vat_rate" not in rows:
        return np.ones(len(rows))
    incl = (rows["vat_basis"].astype(object) == "incl").to_numpy(dtype=bool)
    rate = pd.to_numeric(rows["vat_rate"], errors="coerce").to_numpy(dtype=np.float64)
    out: FloatArray = np.where(incl & np.isfinite(rate), 1.0 / (1.0 + rate), 1.0)
    return out


def _is_spend(unit: pd.Series[Any]) -> npt.NDArray[np.bool_]:
    """Mark the rows whose unit is a currency (SEK, kSEK, MSEK…)."""
    codes, uniques = pd.factorize(unit, use_na_sentinel=True)
    currency = [parse_activity_unit(str(u)).dimension == "currency" for u in uniques]
    return np.array([*currency, False], dtype=np.bool_)[codes]


def _deflator(
    years: pd.Series[Any], is_spend: npt.NDArray[np.bool_], index: dict[int, float], what: str
) -> FloatArray:
    """I(c) / I(year) per row (c the index's last year); 1 for rows that are not spend."""
    out = np.ones(len(years))
    if not is_spend.any():
        return out
    spend_years = years[is_spend].astype(int)
    lacking = sorted(set(spend_years.unique()) - set(index))
    if lacking:
        # cannot happen for calculated rows (spend without an index value is rejected); a
        # result built by hand could
        msg = f"no price index (kpi.csv) for {lacking} to deflate the spend rows of {what}"
        raise ValueError(msg)
    common = index[max(index)]
    values = spend_years.map(index).to_numpy(dtype=np.float64)
    out[is_spend] = common / values
    return out


def _spend_parts(
    cells: pd.DataFrame, both: npt.NDArray[np.bool_], activity: FloatArray
) -> FloatArray:
    """Split the spend cells' activity effect into nominal spend and price level (columns)."""
    parts = np.zeros((len(cells), len(SPEND_PARTS)))
    q_a, q_b = (cells[f"quantity_{s}"].fillna(0.0).to_numpy(dtype=np.float64) for s in "ab")
    s_a, s_b = (cells[f"spend_{s}"].fillna(0.0).to_numpy(dtype=np.float64) for s in "ab")
    e_a, e_b = (cells[f"emissions_{s}"].fillna(0.0).to_numpy(dtype=np.float64) for s in "ab")
    spend = both & ((s_a > 0) | (s_b > 0))
    priced = spend & (s_a > 0) & (s_b > 0) & (e_a > 0) & (e_b > 0)
    if priced.any():
        d_a, d_b = q_a[priced] / s_a[priced], q_b[priced] / s_b[priced]
        weight = logarithmic_mean(e_b[priced], e_a[priced])
        parts[priced, 1] = weight * _log_ratio(d_b, d_a)
    # spend entered on one side only (or no emissions on one side): all of it is kronor
    parts[spend, 0] = activity[spend] - parts[spend, 1]
    return parts


def _unabated(
    result: EmissionsResult, rows: pd.DataFrame, quantity: FloatArray, emissions: FloatArray
) -> FloatArray:
    """Return kg CO2e before destruction: the compiled factor × canonical quantity."""
    if "abated_fraction" not in rows:
        return emissions
    abated = rows["abated_fraction"].to_numpy(dtype=np.float64)
    if not (abated > 0).any():
        return emissions
    compiled = compile_factors(result.factors, result.gwp_set, result.boundary, result.fallback)
    position = {a: i for i, a in enumerate(compiled.activities)}
    activity = rows["activity"].astype("category")
    a_idx = np.array([position[str(a)] for a in activity.cat.categories], dtype=np.intp)[
        activity.cat.codes.to_numpy()
    ]
    y_idx = rows["year"].to_numpy(dtype=np.int64) - compiled.first_year
    per_unit = compiled.kg_per_canonical[a_idx, y_idx]
    return np.where(abated > 0, quantity * per_unit, emissions)


def _factors(cells: pd.DataFrame, side: str) -> FloatArray:
    """Columns Q, F, G, A of one side (NaN where undefined, e.g. F when Q is 0)."""
    q, m, u, e = (cells[f"{n}_{side}"].to_numpy(dtype=np.float64) for n in _CELL_VALUES[:4])
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        return np.column_stack([q, m / q, u / m, e / u])


def _fill_undefined(x_a: FloatArray, x_b: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Give an undefined factor (0/0) the other side's value, or 1 if both are undefined."""
    a = np.where(np.isfinite(x_a), x_a, x_b)
    b = np.where(np.isfinite(x_b), x_b, a)
    a = np.where(np.isfinite(a), a, b)
    return np.where(np.isfinite(a), a, 1.0), np.where(np.isfinite(b), b, 1.0)


def _lmdi(x_a: FloatArray, x_b: FloatArray, e_a: FloatArray, e_b: FloatArray) -> FloatArray:
    """Additive LMDI-I terms per cell (rows) and factor (columns), zeros handled [2]_."""
    effects = np.zeros(x_a.shape)
    positive = (e_a > 0) & (e_b > 0)
    if positive.any():
        weight = logarithmic_mean(e_b[positive], e_a[positive])
        effects[positive] = weight[:, None] * _log_ratio(x_b[positive], x_a[positive])
    one_zero = (e_a > 0) != (e_b > 0)
    if one_zero.any():
        # The limit of the LMDI terms as the zero factor(s) go to 0 (Ang & Liu 2007): the
        # factors that are zero in the zero period share the whole change equally.
        zero_side = np.where((e_a[one_zero] > 0)[:, None], x_b[one_zero], x_a[one_zero])
        is_zero = zero_side == 0
        is_zero[~is_zero.any(axis=1)] = True  # underflow, no factor exactly 0: share equally
        change = (e_b - e_a)[one_zero]
        effects[one_zero] = change[:, None] * is_zero / is_zero.sum(axis=1, keepdims=True)
    return effects
