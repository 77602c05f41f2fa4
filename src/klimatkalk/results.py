"""Results: :class:`EmissionsResult` — calculated rows, rejected rows, totals and reconciliation."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import numpy as np
import pandas as pd

from klimatkalk.errors import KlimatkalkError

if TYPE_CHECKING:
    from klimatkalk.factors import FactorTable

__all__ = ["MASS_UNITS", "EmissionsResult", "ReconciliationError"]

MASS_UNITS: dict[str, float] = {"kg": 1.0, "t": 1e-3, "kt": 1e-6}
"""Mass units of CO2e that results can be given in, as multipliers from kg."""


class ReconciliationError(KlimatkalkError, AssertionError):
    """Rows were lost or counted twice between input and result."""


@dataclass(frozen=True)
class EmissionsResult:
    """The outcome of :func:`klimatkalk.calculate_emissions`.

    Attributes
    ----------
    rows : DataFrame
        Every calculated row: the input columns, ``emissions_kg_co2e`` [kg CO2e], and the
        factor behind it (``factor_id``, ``source_id``, ``factor_value``, ``factor_unit``,
        ``gas``, ``gwp``, ``factor_year``, ``factor_set``, ``boundary``) and the activity's
        ``category``, ``subcategory`` and ``scope``. The index is the input row position.
    rejected : DataFrame
        One line per row that could not be calculated: ``row``, ``column``, ``value``,
        ``reason``, ``message``.
    factors : FactorTable
        The factor set used.
    gwp_set, boundary, fallback : str
        The choices the rows were calculated with.
    n_input : int
        Number of input rows; every one is in ``rows`` or ``rejected``.
    """

    rows: pd.DataFrame
    rejected: pd.DataFrame
    factors: FactorTable
    gwp_set: str
    boundary: str
    fallback: str
    n_input: int
    file: str = "<frame>"

    def __repr__(self) -> str:
        total = self.rows["emissions_kg_co2e"].sum() / 1000
        return (
            f"<EmissionsResult {len(self.rows)} rows ({total:,.1f} t CO2e), "
            f"{len(self.rejected)} rejected; {self.gwp_set}, {self.boundary}>"
        )

    def totals(
        self,
        by: str | Sequence[str] = ("year", "category"),
        unit: Literal["kg", "t", "kt"] = "kg",
    ) -> pd.DataFrame:
        """Sum emissions by the given columns.

        Parameters
        ----------
        by : str or sequence of str
            Columns of ``rows`` to group by (empty for the grand total).
        unit : {"kg", "t", "kt"}
            Mass unit of CO2e; the column is named ``emissions_<unit>_co2e``.

        Returns
        -------
        DataFrame
            One row per group present in the data, with the group columns and the sum.

        Examples
        --------
        >>> import pandas as pd
        >>> import klimatkalk as kk
        >>> res = kk.calculate_emissions(pd.DataFrame({
        ...     "year": [2024, 2024], "activity": ["nitrous_oxide", "nitrous_oxide"],
        ...     "quantity": [1, 3], "unit": ["kg", "kg"]}))
        >>> res.totals("year", unit="t")  # 4 kg × 265 = 1060 kg
           year  emissions_t_co2e
        0  2024              1.06
        """
        if unit not in MASS_UNITS:
            msg = f"unit={unit!r}; choose one of {', '.join(MASS_UNITS)}"
            raise ValueError(msg)
        keys = [by] if isinstance(by, str) else list(by)
        column = f"emissions_{unit}_co2e"
        values = self.rows["emissions_kg_co2e"] * MASS_UNITS[unit]
        if not keys:
            return pd.DataFrame({column: [float(values.sum())]})
        # dropna=False: a row with a blank group value (an empty org_unit) is a group of its own,
        # never silently left out of the totals.
        grouped = values.groupby(
            [self.rows[k] for k in keys], observed=True, sort=True, dropna=False
        ).sum()
        return grouped.rename(column).reset_index()

    def total(self, unit: Literal["kg", "t", "kt"] = "kg") -> float:
        """Grand total of all calculated rows."""
        return float(self.rows["emissions_kg_co2e"].sum()) * MASS_UNITS[unit]

    def factors_used(self) -> pd.DataFrame:
        """Every factor row used, with its source: the auditor's table.

        Columns: ``factor_id``, ``activity``, ``value``, ``unit``, ``gas``, ``gwp_set``,
        ``boundary``, ``valid_from``, ``valid_to``, ``source_id``, ``source_locator``,
        ``note``, ``factor_set``, ``publisher``, ``title``, ``source_year``, ``url``,
        ``doc_id`` and ``rows`` (how many result rows used it).
        """
        keys = ["factor_id", "source_id", "factor_set"]
        used = self.rows.groupby(keys, observed=True).size().rename("rows").reset_index()
        frame = self.factors.factors.merge(used, on=keys, how="inner")
        sources = self.factors.sources_frame()[
            ["source_id", "publisher", "title", "year", "url", "doc_id"]
        ].rename(columns={"year": "source_year_published"})
        frame = frame.merge(sources, on="source_id", how="left")
        drop = ["file", "line", "source_year_published"]
        return frame.drop(columns=drop).sort_values(["activity", "valid_from"], ignore_index=True)

    def reconcile(self) -> None:
        """Check that every input row is in ``rows`` or ``rejected``, exactly once.

        Raises
        ------
        ReconciliationError
            If a row is missing or appears in both.
        """
        accepted = self.rows.index.to_numpy(dtype=np.int64)
        rejected = self.rejected["row"].to_numpy(dtype=np.int64)
        seen = np.concatenate([accepted, rejected])
        counts = (
            np.bincount(seen, minlength=self.n_input)
            if len(seen)
            else np.zeros(self.n_input, dtype=np.int64)
        )
        if len(counts) != self.n_input or (counts != 1).any():
            missing = np.flatnonzero(counts[: self.n_input] == 0)[:10].tolist()
            twice = np.flatnonzero(counts > 1)[:10].tolist()
            msg = (
                f"{self.n_input} input rows, {len(accepted)} calculated + {len(rejected)} "
                f"rejected; missing {missing}, twice {twice}"
            )
            raise ReconciliationError(msg)
