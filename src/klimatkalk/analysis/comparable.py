"""Like for like: compare two calculations only on the rows that both could calculate.

When the same activity rows are calculated twice (an old and a new factor edition, the base
year as reported and as recalculated), a row that one side rejects (no factor in an early
edition, a year that edition does not cover) is not a change in emissions: it is a row that
cannot be compared. :func:`split_rows` separates the rows calculated on both sides from those
calculated on one side only; the comparisons sum the first as the change and show the second
apart (rows, t CO2e and share of the total). :func:`verdict` decides a significance test only
when the rows left out could not decide it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd

__all__ = ["RowSplit", "split_rows", "verdict"]

BoolArray = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class RowSplit:
    """Which calculated rows of two results are comparable (calculated on both sides).

    ``a_both``/``b_both`` mark the rows of ``a``'s and ``b``'s row frames that the other side
    calculated too; the others are calculated on one side only.
    """

    a_both: BoolArray
    b_both: BoolArray

    @property
    def left_out_rows(self) -> int:
        """Rows calculated on one side only."""
        return int((~self.a_both).sum() + (~self.b_both).sum())


def split_rows(a_rows: pd.DataFrame, b_rows: pd.DataFrame) -> RowSplit:
    """Split two row frames of the *same* input rows by whether the other side has the row.

    The index of a result's rows is the input row position, so the same index on both sides
    is the same input row.

    Examples
    --------
    >>> import pandas as pd
    >>> split = split_rows(pd.DataFrame(index=[0, 1, 3]), pd.DataFrame(index=[1, 2, 3]))
    >>> split.a_both.tolist(), split.b_both.tolist(), split.left_out_rows
    ([False, True, True], [True, False, True], 2)
    """
    a_index = a_rows.index.to_numpy()
    b_index = b_rows.index.to_numpy()
    return RowSplit(np.isin(a_index, b_index), np.isin(b_index, a_index))


def verdict(
    difference: float,
    reported: float,
    left_out: float,
    threshold: float,
    *,
    base_left_out: float | None = None,
) -> bool | None:
    """Whether ``difference`` reaches ``threshold`` of the base, or None when undecidable.

    ``difference`` and ``reported`` are sums over the comparable rows; ``left_out`` is the
    emissions of the rows calculated on one side only, whose difference is unknown. Assuming
    that a left-out row's difference is at most its own emissions, the net difference lies in
    ``difference ± left_out`` and the base in ``reported … reported + left_out`` (or
    ``+ base_left_out`` when the base is a larger whole than the group tested, e.g. a category
    tested against the whole inventory):

    - significant when ``|difference| − left_out ≥ threshold × (reported + left_out)``;
    - not significant when ``|difference| + left_out < threshold × reported``;
    - otherwise undecided (``None``): the rows left out could decide it.

    Examples
    --------
    >>> verdict(3.1, 39.5, 0.0, 0.05), verdict(0.8, 39.5, 0.0, 0.05)
    (True, False)
    >>> verdict(-28.5, 40_048.8, 39_325.3, 0.05) is None  # 2 316 rows left out of 2019
    True
    """
    base_extra = left_out if base_left_out is None else base_left_out
    if reported <= 0 and base_extra <= 0:
        return False  # no base to test against: the share is undefined
    gap = abs(difference)
    slack = 1e-9 * max(reported, 1.0)  # "reaches" 5 % at exactly 5 %, despite round-off
    if gap - left_out >= threshold * (reported + base_extra) - slack:
        return True
    if gap + left_out < threshold * reported - slack:
        return False
    return None
