"""Results: :class:`EmissionsResult` — calculated rows, rejected rows, totals and reconciliation."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Literal

import numpy as np
import numpy.typing as npt
import pandas as pd

from klimatkalk.chunk import CELL_COLUMNS, ChunkResult, FactorLookup, cell_totals, row_frame
from klimatkalk.errors import KlimatkalkError

if TYPE_CHECKING:
    import numpy.typing as npt

    from klimatkalk.factors.compile import CompiledFactors
    from klimatkalk.factors.library import FactorTable

__all__ = ["MASS_UNITS", "CalculatedRows", "EmissionsResult", "ReconciliationError"]

_CELL_COLUMNS = CELL_COLUMNS

_RESULT_COLUMNS = _CELL_COLUMNS | {
    "emissions_kg_co2e",
    "biogenic_co2_kg",
    "factor_value",
    "factor_unit",
    "gas",
    "gwp",
    "factor_year",
    "factor_set",
    "factor_gwp_set",
    "boundary",
    "price_year",
    "price_index_factor",
    "exchange_rate",
    "basic_price_factor",
    "vat_rate",
    "factor_vat_basis",
    "spend_entered_sek",
    "vat_to_factor_basis",
    "spend_in_factor_basis",
    "emissions_low_kg",
    "emissions_high_kg",
}
_RESULT_ALIASES = {
    "metod": "method",
    "kategori": "category",
    "underkategori": "subcategory",
    "faktor_id": "factor_id",
    "källa": "source_id",
    "kalla": "source_id",
}
"""Swedish names of the result's own columns (the input columns' are in ``COLUMN_ALIASES``)."""

MASS_UNITS: dict[str, float] = {"kg": 1.0, "t": 1e-3, "kt": 1e-6}
"""Mass units of CO2e that results can be given in, as multipliers from kg."""


class ReconciliationError(KlimatkalkError, AssertionError):
    """Rows were lost or counted twice between input and result."""


@dataclass(frozen=True)
class CalculatedRows:
    """What :func:`klimatkalk.calculate_emissions` computed, before it becomes a row frame.

    ``chunk`` is the outcome of :func:`klimatkalk.chunk.calculate_chunk`: each calculated
    row's emissions and slot in the factor table. Every factor and catalogue column of a row is
    a function of its (activity, year) cell, so the row frame is built only when asked for, and
    totals by those columns are one ``bincount``.
    """

    frame: pd.DataFrame
    chunk: ChunkResult
    lookup: FactorLookup

    @property
    def keep(self) -> npt.NDArray[np.intp] | None:
        """Calculated input rows; None when all are."""
        return self.chunk.keep

    @property
    def emissions(self) -> npt.NDArray[np.float64]:
        """Kg CO2e of each calculated row."""
        return self.chunk.emissions

    @property
    def cell(self) -> npt.NDArray[np.intp]:
        """Each calculated row's cell ``activity × n_years + year − first_year``."""
        return self.chunk.cell

    @property
    def compiled(self) -> CompiledFactors:
        """The compiled factor table the rows were calculated with."""
        return self.lookup.compiled

    @property
    def cell_is_year(self) -> bool:
        """False when fallback="previous" mapped later years onto the last factor year."""
        return self.chunk.cell_is_year


@dataclass(frozen=True)
class EmissionsResult:
    """The outcome of :func:`klimatkalk.calculate_emissions`.

    Attributes
    ----------
    rows : DataFrame
        Every calculated row: the input columns, ``emissions_kg_co2e`` [kg CO2e], and the
        factor behind it (``factor_id``, ``source_id``, ``factor_value``, ``factor_unit``,
        ``gas``, ``gwp``, ``factor_year``, ``factor_set``, ``boundary``), the aviation
        ``high_altitude_multiplier`` included (1 where none) and the activity's
        ``category``, ``subcategory`` and ``scope``. The index is the input row position.
    rejected : DataFrame
        One line per row that could not be calculated: ``row``, ``column``, ``value``,
        ``reason``, ``message``.
    factors : FactorTable
        The factor set used.
    gwp_set, boundary, fallback : str
        The choices the rows were calculated with.
    high_altitude : bool or float
        The high-altitude choice (see :func:`klimatkalk.calculate_emissions`).
    strict_gwp : bool
        Whether rows with a factor in another or an unstated GWP set were refused.
    n_input : int
        Number of input rows; every one is in ``rows`` or ``rejected``.
    """

    rejected: pd.DataFrame
    factors: FactorTable
    gwp_set: str
    boundary: str
    fallback: str
    n_input: int
    file: str
    parts: CalculatedRows
    high_altitude: bool | float = True
    strict_gwp: bool = False

    @cached_property
    def rows(self) -> pd.DataFrame:
        """Every calculated row: the input columns, emissions and the factor behind them.

        Built on first access (and kept): the calculation itself only computes emissions and
        each row's factor cell.
        """
        return row_frame(self.parts.chunk, self.parts.lookup)

    def __repr__(self) -> str:
        """Rows, rejected rows and the total of each year (never one sum over the years)."""
        from klimatkalk.formatting import format_number, format_t, language

        lang = language()
        n, rejected = len(self.parts.emissions), len(self.rejected)
        years = self.totals("year", unit="kg") if n else pd.DataFrame({"year": []})
        per_year = [
            f"{int(y)}: {format_t(float(kg), lang=lang)[:-2]}"
            for y, kg in zip(years["year"], years.get("emissions_kg_co2e", []), strict=True)
            if not pd.isna(y)
        ]
        latest = len(per_year) > 8  # many years: the latest, labelled
        per_year = per_year[-1:] if latest else per_year
        if lang == "sv":
            head = f"{format_number(n, lang=lang)} rader beräknade, {rejected} avvisade"
            each = "t CO2e senaste år" if latest else "t CO2e per år"
        else:
            head = f"{format_number(n, lang=lang)} rows calculated, {rejected} rejected"
            each = "t CO2e latest year" if latest else "t CO2e per year"
        shown = f"; {each}: " + "; ".join(per_year) if per_year else ""
        return f"<EmissionsResult {head}{shown}; {self.gwp_set}, {self.boundary}>"

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
        asked = [by] if isinstance(by, str) else list(by)
        keys = [self.column_name(k) for k in asked]
        renames = {k: a for k, a in zip(keys, asked, strict=True) if k != a}
        column = f"emissions_{unit}_co2e"
        if not keys:
            return pd.DataFrame({column: [self.total(unit)]})
        if set(keys) <= _CELL_COLUMNS and self.parts.cell_is_year:
            return self._cell_totals(keys, column, MASS_UNITS[unit]).rename(columns=renames)
        values = self.rows["emissions_kg_co2e"] * MASS_UNITS[unit]
        # dropna=False: a row with a blank group value (an empty org_unit) is a group of its own,
        # never silently left out of the totals.
        grouped = values.groupby(
            [self.rows[k] for k in keys], observed=True, sort=True, dropna=False
        ).sum()
        return grouped.rename(column).reset_index().rename(columns=renames)

    def rejected_by_year(self) -> pd.DataFrame:
        """Count the rejected input rows of each year (``<NA>`` where the year did not read).

        Their emissions are in no figure of the result, so a year with rejected rows may look
        lower than it was: a comparison between years should say so.

        Examples
        --------
        >>> import pandas as pd
        >>> import klimatkalk as kk
        >>> res = kk.calculate_emissions(pd.DataFrame({
        ...     "year": [2019, 2019, 2024], "activity": ["diesel", "dieseel", "diesel"],
        ...     "quantity": [100, 100, 100], "unit": ["l", "l", "l"]}))
        >>> res.rejected_by_year()
           year  rejected_rows
        0  2019              1
        """
        found = self.rejected_row_years()
        years = pd.Series(pd.array(found, dtype="Float64")).round().astype("Int64")
        counts = years.value_counts(dropna=False, sort=False).sort_index()
        return pd.DataFrame(
            {"year": counts.index.astype("Int64"), "rejected_rows": counts.to_numpy(np.int64)}
        )

    def rejected_row_years(self) -> npt.NDArray[np.float64]:
        """Return the input year of each rejected row (NaN where it did not read)."""
        positions = self.rejected["row"].to_numpy(dtype=np.int64)
        frame = self.parts.frame
        years = np.full(len(positions), np.nan)
        if len(positions) and "year" in frame:
            values = pd.to_numeric(frame["year"], errors="coerce").to_numpy(
                dtype=np.float64, na_value=np.nan
            )
            inside = (positions >= 0) & (positions < len(frame))
            years[inside] = values[positions[inside]]
        return years

    def rejected_in(self, year: int) -> int:
        """Return the number of rejected input rows of ``year``."""
        counts = self.rejected_by_year()
        found = counts.loc[counts["year"].eq(year).fillna(False).to_numpy(bool), "rejected_rows"]
        return int(found.sum())

    def column_name(self, name: str) -> str:
        """Return the column of :attr:`rows` that ``name`` means (a Swedish alias accepted).

        ``"verksamhet"`` is ``org_unit``, ``"år"`` is ``year``, ``"kategori"`` is ``category``
        (the input headers of :data:`klimatkalk.columns.COLUMN_ALIASES` and the result's own).

        Raises
        ------
        KeyError
            Naming the columns there are.

        Examples
        --------
        >>> import pandas as pd
        >>> import klimatkalk as kk
        >>> res = kk.calculate_emissions(pd.DataFrame({
        ...     "year": [2024], "activity": ["nitrous_oxide"], "quantity": [1], "unit": ["kg"]}))
        >>> res.column_name("Kategori")
        'category'
        """
        from klimatkalk.columns import COLUMN_ALIASES, header_key

        columns = self.parts.frame.columns.union(pd.Index(sorted(_RESULT_COLUMNS)))
        if name in columns:
            return name
        key = header_key(name)
        known = COLUMN_ALIASES.get(key) or _RESULT_ALIASES.get(key)
        if known is not None and known in columns:
            return known
        msg = (
            f"no column {name!r} in the result; group by one of {sorted(map(str, columns))} "
            "(Swedish names such as 'verksamhet', 'år', 'kategori' are accepted)"
        )
        raise KeyError(msg)

    def total(self, unit: Literal["kg", "t", "kt"] = "kg") -> float:
        """Grand total of all calculated rows."""
        return float(self.parts.emissions.sum()) * MASS_UNITS[unit]

    def method_totals(
        self, year: int | None = None, unit: Literal["kg", "t", "kt"] = "t"
    ) -> pd.DataFrame:
        """Purchases by calculation method (GHG Protocol, scope 3 category 1), with the range.

        One row per method present among the purchase rows (of ``year``, or all years):
        ``method``, ``emissions_<unit>_co2e``, ``share`` (a fraction of the purchases),
        ``low_<unit>_co2e`` and ``high_<unit>_co2e``. A row without a range (its factor has
        none) counts at its value in both ends, so the range is that of the ranged rows.

        Examples
        --------
        >>> import pandas as pd
        >>> import klimatkalk as kk
        >>> res = kk.calculate_emissions(pd.DataFrame({"year": [2019], "activity":
        ...     ["purchase_food"], "quantity": [1000], "unit": ["SEK"]}))
        >>> res.method_totals(2019, unit="kg")[["method", "emissions_kg_co2e", "share"]]
                method  emissions_kg_co2e  share
        0  spend-based               54.0    1.0
        """
        rows = self.rows
        rows = rows[rows["category"] == "purchases"]
        if year is not None:
            rows = rows[rows["year"] == year]
        scale = MASS_UNITS[unit]
        value = rows["emissions_kg_co2e"] * scale
        low = rows["emissions_low_kg"].fillna(rows["emissions_kg_co2e"]) * scale
        high = rows["emissions_high_kg"].fillna(rows["emissions_kg_co2e"]) * scale
        frame = pd.DataFrame(
            {
                "method": rows["method"],
                f"emissions_{unit}_co2e": value,
                f"low_{unit}_co2e": low,
                f"high_{unit}_co2e": high,
            }
        )
        table = frame.groupby("method", observed=True, sort=True).sum().reset_index()
        total = table[f"emissions_{unit}_co2e"].sum()
        table.insert(2, "share", table[f"emissions_{unit}_co2e"] / total if total else np.nan)
        return table

    def _cell_totals(self, keys: list[str], column: str, scale: float) -> pd.DataFrame:
        """Totals by cell columns: a bincount over cells, then a group-by of the small table."""
        return cell_totals(self.parts.chunk, self.parts.lookup, keys, column, scale)

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

    def multipliers_used(self) -> pd.DataFrame:
        """Every high-altitude multiplier applied, with its source (empty when none).

        Columns: ``activity``, ``year``, ``multiplier``, ``source_id``, ``source_locator``,
        ``note``, ``publisher``, ``title``, ``source_year``, ``url`` and ``rows``. A multiplier
        given as a number to :func:`klimatkalk.calculate_emissions` has ``source_id``
        ``"user"``.
        """
        compiled = self.parts.compiled
        _, counts = self.parts.chunk.cell_sums
        cells = np.flatnonzero((counts > 0) & (compiled.high_altitude.ravel() != 1.0))
        table = self.factors.high_altitude
        sources = self.factors.sources
        records = []
        for cell in cells:
            a, y = divmod(int(cell), compiled.n_years)
            row = int(compiled.high_altitude_row.ravel()[cell])
            given = self.high_altitude is not True or row < 0
            m = table.iloc[row] if not given else None
            source = sources.get(str(m["source_id"])) if m is not None else None
            records.append(
                {
                    "activity": compiled.activities[a],
                    "year": compiled.first_year + y,
                    "multiplier": float(compiled.high_altitude.ravel()[cell]),
                    "source_id": "user" if m is None else str(m["source_id"]),
                    "source_locator": None if m is None else m["source_locator"],
                    "note": None if m is None else m["note"],
                    "publisher": None if source is None else source.publisher,
                    "title": None if source is None else source.title,
                    "source_year": None if source is None else source.year,
                    "url": None if source is None else source.url,
                    "rows": int(counts[cell]),
                }
            )
        columns = [
            "activity",
            "year",
            "multiplier",
            "source_id",
            "source_locator",
            "note",
            "publisher",
            "title",
            "source_year",
            "url",
            "rows",
        ]
        return pd.DataFrame.from_records(records, columns=columns)

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
