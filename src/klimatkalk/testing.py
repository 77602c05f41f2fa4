"""Assertions for your own tests of factor folders and results (as ``pandas.testing`` does).

Keep a test next to your factor folder so that next year's update cannot change a figure
unnoticed::

    import klimatkalk as kk
    from klimatkalk.testing import assert_factor_change, assert_factor_folder_valid

    def test_my_factor_folder_loads():
        assert_factor_folder_valid(["bundled", "my_factors/"])

    def test_diesel_follows_the_reduktionsplikt():
        assert_factor_change(
            kk.load_factors(), "diesel", 2024, old_year=2023, expected=+0.35, tolerance=0.10,
            reason="reduktionsplikt for diesel cut from 30.5 % to 6 % in 2024",
        )
"""

from __future__ import annotations

from collections.abc import Sequence
from os import PathLike

import numpy as np
import pandas as pd

from klimatkalk.factors.compile import compile_factors
from klimatkalk.factors.library import FactorTable, load_factors
from klimatkalk.results import EmissionsResult

__all__ = [
    "assert_emissions_equal",
    "assert_factor_change",
    "assert_factor_folder_valid",
    "assert_reconciles",
    "factor_value",
]


def assert_factor_folder_valid(
    path: str | PathLike[str] | Sequence[str | PathLike[str]], *, edition: int | None = None
) -> FactorTable:
    """Load a factor folder (or a stack of folders) and fail listing every problem.

    Returns
    -------
    FactorTable
        The loaded set, for further assertions.

    Raises
    ------
    AssertionError
        With every row that does not load (file, line, column, value, reason).
    """
    from klimatkalk.errors import FactorDataError

    try:
        table = load_factors(path, edition=edition)
        compile_factors(table)  # also detects two same-year sources covering one cell
    except FactorDataError as exc:
        raise AssertionError(str(exc)) from None
    return table


def factor_value(
    factors: FactorTable,
    activity: str,
    year: int,
    *,
    boundary: str = "lifecycle",
    gwp_set: str = "AR5GWP100",
) -> tuple[float, str, str]:
    """Return the factor applied to ``activity`` in ``year``: (kg CO2e per unit, id, source).

    Examples
    --------
    >>> import klimatkalk as kk
    >>> value, factor_id, source_id = factor_value(kk.load_factors(), "nitrous_oxide", 2024)
    >>> value  # 1 kg N2O × 265 (AR5 GWP100)
    265.0
    """
    if activity not in factors.activities:
        msg = f"{activity!r} is not in the activity catalogue"
        raise AssertionError(msg)
    found = compile_factors(factors, gwp_set, boundary).cell(activity, year)
    if found is None:
        msg = f"no {boundary} factor for {activity!r} in {year}"
        raise AssertionError(msg)
    row = factors.factors.iloc[found[0]]
    return found[1], str(row["factor_id"]), str(row["source_id"])


def assert_factor_change(
    new: FactorTable,
    activity: str,
    year: int,
    *,
    expected: float,
    tolerance: float,
    reason: str,
    old: FactorTable | None = None,
    old_year: int | None = None,
    boundary: str = "lifecycle",
    gwp_set: str = "AR5GWP100",
) -> float:
    """Assert the relative change of a factor between two editions or two years.

    Compares ``new``'s factor for ``activity`` in ``year`` with ``old``'s (another edition; the
    same set when omitted) in ``old_year`` (the same year when omitted).

    Parameters
    ----------
    expected : float
        Expected relative change, new / old − 1 (``+0.35`` for +35 %).
    tolerance : float
        Allowed absolute deviation of the relative change (``0.10`` for ± 10 percentage points).
    reason : str
        Why the change is expected; shown in the failure message.

    Returns
    -------
    float
        The measured relative change.

    Examples
    --------
    >>> import klimatkalk as kk
    >>> round(assert_factor_change(kk.load_factors(), "nitrous_oxide", 2024, old_year=2019,
    ...       expected=0.0, tolerance=1e-9, reason="a GWP does not change with the year"), 6)
    0.0
    """
    old = new if old is None else old
    old_year = year if old_year is None else old_year
    before, old_id, old_source = factor_value(
        old, activity, old_year, boundary=boundary, gwp_set=gwp_set
    )
    after, new_id, new_source = factor_value(
        new, activity, year, boundary=boundary, gwp_set=gwp_set
    )
    change = after / before - 1 if before else np.inf
    if not abs(change - expected) <= tolerance:
        msg = (
            f"{activity} {year} vs {old_year}: {change:+.1%}, expected {expected:+.1%} ± "
            f"{tolerance:.1%} ({reason}); old {before:.6g} ({old_id}, {old_source}), new "
            f"{after:.6g} ({new_id}, {new_source}) kg CO2e per unit"
        )
        raise AssertionError(msg)
    return float(change)


def assert_reconciles(result: EmissionsResult) -> None:
    """Assert every input row is calculated or rejected exactly once, and totals add up."""
    from klimatkalk.results import ReconciliationError

    try:
        result.reconcile()
    except ReconciliationError as exc:
        raise AssertionError(str(exc)) from None
    total = result.totals(["year", "category"])["emissions_kg_co2e"].sum()
    if not np.isclose(total, result.rows["emissions_kg_co2e"].sum(), rtol=1e-12):
        msg = f"totals {total} differ from the sum of rows"
        raise AssertionError(msg)


def assert_emissions_equal(
    left: EmissionsResult,
    right: EmissionsResult,
    *,
    by: Sequence[str] = ("year", "category"),
    rtol: float = 1e-9,
    check_rejected: bool = True,
) -> None:
    """Assert two results have the same totals by ``by`` (and the same rejected rows).

    Raises
    ------
    AssertionError
        Showing the groups that differ.
    """
    keys = list(by)
    a = left.totals(keys).set_index(keys)["emissions_kg_co2e"]
    b = right.totals(keys).set_index(keys)["emissions_kg_co2e"]
    joined = pd.concat([a.rename("left"), b.rename("right")], axis=1).fillna(0.0)
    close = np.isclose(joined["left"], joined["right"], rtol=rtol, atol=1e-9)
    if not close.all():
        msg = f"emissions differ by {keys}:\n{joined[~close].to_string()}"
        raise AssertionError(msg)
    if check_rejected:
        rows_left = sorted(left.rejected["row"].tolist())
        rows_right = sorted(right.rejected["row"].tolist())
        if rows_left != rows_right:
            msg = f"rejected rows differ: {rows_left[:20]} vs {rows_right[:20]}"
            raise AssertionError(msg)
