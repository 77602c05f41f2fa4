"""klimatkalk on Dask: the same calculation over a ``dask.dataframe.DataFrame``, past one machine.

Needs the optional extra ``dask`` (``pip install "klimatkalk[dask]"``: Dask, distributed and
pyarrow); ``import klimatkalk`` never imports this module. The calculation is the in-memory
one, :func:`klimatkalk.chunk.calculate_chunk`, applied to each partition after
:meth:`klimatkalk.ActivityTable.from_frame` has cleaned it (Swedish numbers, activity names,
units, missing values), so the rows and their emissions are those of
:func:`klimatkalk.calculate_emissions` on the same data. The compiled factor table is one key of
the task graph: a cluster ships it to each worker once, not once per task.

Rows keep the index they have in the input; a rejected row's ``row`` is that index value. Read
with :func:`read_csv` (one partition per file, with ``origin_file``), the index is the
0-based data row within the file.

Examples
--------
>>> import dask.dataframe as dd
>>> import pandas as pd
>>> import klimatkalk.dask as kkd
>>> frame = pd.DataFrame({"year": [2024, 2024, 2024], "activity": ["nitrous_oxide"] * 3,
...                       "quantity": [1.0, 3.0, 2.0], "unit": ["kg", "kg", "km"]})
>>> result = kkd.calculate_emissions(dd.from_pandas(frame, npartitions=2))
>>> result.totals("year").compute()  # (1 + 3) kg × 265 (AR5 GWP100 of N2O)
   year  emissions_kg_co2e
0  2024             1060.0
>>> result.rejected.compute()[["row", "reason"]].to_dict("records")
[{'row': 2, 'reason': 'unit_dimension_mismatch'}]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import dask.dataframe as dd
import numpy as np
import pandas as pd
import pyarrow as pa
from dask.base import compute
from dask.dataframe.utils import clear_known_categories, has_known_categories
from dask.delayed import delayed

from klimatkalk.activity_data import PROBLEM_COLUMNS, ActivityTable
from klimatkalk.chunk import (
    CELL_COLUMNS,
    FactorLookup,
    calculate_chunk,
    cell_totals,
    factor_lookup,
    row_frame,
)
from klimatkalk.factors.high_altitude import HighAltitude
from klimatkalk.factors.library import FactorTable, load_factors
from klimatkalk.results import MASS_UNITS

__all__ = [
    "DaskEmissionsResult",
    "calculate_emissions",
    "read_csv",
    "read_parquet",
    "write_parquet",
]


@dataclass(frozen=True)
class DaskEmissionsResult:
    """The lazy outcome of :func:`calculate_emissions` on a Dask DataFrame.

    Attributes
    ----------
    rows : dask.dataframe.DataFrame
        Every calculated row, with the columns of :attr:`klimatkalk.EmissionsResult.rows`.
    rejected : dask.dataframe.DataFrame
        One line per row that could not be calculated: ``row`` (the input's index value),
        ``column``, ``value``, ``reason``, ``message`` (and ``origin_file`` when known).
    factors : FactorTable
        The factor set used.
    gwp_set, boundary, fallback : str
        The choices the rows were calculated with.
    high_altitude : bool or float
        The high-altitude choice.
    """

    rows: dd.DataFrame
    rejected: dd.DataFrame
    factors: FactorTable
    gwp_set: str
    boundary: str
    fallback: str
    high_altitude: HighAltitude
    _partitions: tuple[Any, ...] = field(repr=False, default=())  # (delayed part, shared, …)

    def totals(
        self,
        by: str | Sequence[str] = ("year", "category"),
        unit: Literal["kg", "t", "kt"] = "kg",
    ) -> dd.DataFrame:
        """Sum emissions by the given columns, lazily, with Dask's own group-by.

        ``compute()`` gives the table of :meth:`klimatkalk.EmissionsResult.totals` (groups
        sorted, a blank group value a group of its own).
        """
        if unit not in MASS_UNITS:
            msg = f"unit={unit!r}; choose one of {', '.join(MASS_UNITS)}"
            raise ValueError(msg)
        keys = [by] if isinstance(by, str) else list(by)
        if not keys:
            msg = "totals needs at least one column to group by; total() gives the sum"
            raise ValueError(msg)
        column = f"emissions_{unit}_co2e"
        frame = self.rows
        if set(keys) <= CELL_COLUMNS and self._partitions:
            frame = self._cell_partials(keys)  # per partition, no row frame built
        grouped = frame.groupby(keys, observed=True, dropna=False, sort=True)
        sums = grouped["emissions_kg_co2e"].sum(split_out=1) * MASS_UNITS[unit]
        totals: dd.DataFrame = sums.rename(column).reset_index()
        return totals

    def _cell_partials(self, keys: list[str]) -> dd.DataFrame:
        """Each partition's totals by cell columns (a ``bincount``), for Dask to add up."""
        parts, shared, decimal, file = self._partitions
        task = delayed(_partition_totals, pure=True)
        partials = [task(part, shared, decimal, file, keys) for part in parts]
        meta = _cell_partials_meta(keys)
        frame: dd.DataFrame = dd.from_delayed(partials, meta=meta, verify_meta=False)
        return frame

    def total(self, unit: Literal["kg", "t", "kt"] = "kg") -> Any:
        """Return the grand total of all calculated rows, lazily (a Dask scalar)."""
        return self.rows["emissions_kg_co2e"].sum() * MASS_UNITS[unit]

    def compute(self, **kwargs: Any) -> tuple[pd.DataFrame, pd.DataFrame]:
        """Compute rows and rejected rows together (each partition is calculated once)."""
        rows, rejected = compute(self.rows, self.rejected, **kwargs)  # type: ignore[no-untyped-call]
        return rows, rejected


@dataclass(frozen=True)
class _Shared:
    """What every partition needs: the factor lookup and the empty frames of the outputs."""

    lookup: FactorLookup
    rows_meta: pd.DataFrame
    rejected_meta: pd.DataFrame


def calculate_emissions(
    activities: dd.DataFrame,
    factors: FactorTable | None = None,
    *,
    gwp_set: str = "AR5GWP100",
    boundary: Literal["lifecycle", "combustion"] = "lifecycle",
    fallback: Literal["none", "previous"] = "none",
    high_altitude: HighAltitude = True,
    decimal: Literal[",", "."] | None = None,
    file: str = "<dask>",
) -> DaskEmissionsResult:
    """Calculate a Dask DataFrame of activity rows, partition by partition, lazily.

    The arguments are those of :func:`klimatkalk.calculate_emissions`; ``decimal`` and
    ``file`` are passed to :meth:`klimatkalk.ActivityTable.from_frame` for each partition.
    Nothing is computed until the rows, rejected rows or totals are; compute rows and
    rejected rows together with :meth:`DaskEmissionsResult.compute`.

    Raises
    ------
    klimatkalk.errors.ActivityDataError
        At once, if a required column is missing or a header is duplicated.
    """
    factors = load_factors() if factors is None else factors
    lookup = factor_lookup(factors, gwp_set, boundary, fallback, high_altitude)
    sample = _calculate_partition(activities._meta_nonempty, lookup, decimal, file)
    shared = _Shared(
        lookup=lookup,
        rows_meta=sample[0].iloc[:0],
        rejected_meta=sample[1].iloc[:0],
    )
    # One key of the graph holds the factor table; every partition's task refers to it.
    shared_key = delayed(shared, pure=True)
    calculate = delayed(_partition_task, pure=True, nout=2)
    parts = tuple(activities.to_delayed())  # type: ignore[no-untyped-call]
    done = [calculate(part, shared_key, decimal, file) for part in parts]
    # The input's categorical columns have each partition's own categories; the factor columns
    # have the lookup's, the same on every partition (and known to Dask).
    per_partition = [
        c
        for c, dtype in shared.rows_meta.dtypes.items()
        if isinstance(dtype, pd.CategoricalDtype) and c not in lookup.cells.columns
    ]
    rows_meta = clear_known_categories(  # type: ignore[no-untyped-call]
        shared.rows_meta, cols=per_partition
    )
    rejected_meta = clear_known_categories(shared.rejected_meta)  # type: ignore[no-untyped-call]
    rows = dd.from_delayed([d[0] for d in done], meta=rows_meta, verify_meta=False)
    rejected = dd.from_delayed([d[1] for d in done], meta=rejected_meta, verify_meta=False)
    return DaskEmissionsResult(
        rows=rows,
        rejected=rejected,
        factors=factors,
        gwp_set=gwp_set,
        boundary=boundary,
        fallback=fallback,
        high_altitude=high_altitude,
        _partitions=(parts, shared_key, decimal, file),
    )


def _partition_task(
    part: pd.DataFrame, shared: _Shared, decimal: Literal[",", "."] | None, file: str
) -> tuple[pd.DataFrame, pd.DataFrame]:
    if len(part) == 0:
        return shared.rows_meta, shared.rejected_meta
    return _calculate_partition(part, shared.lookup, decimal, file)


def _partition_totals(
    part: pd.DataFrame,
    shared: _Shared,
    decimal: Literal[",", "."] | None,
    file: str,
    keys: list[str],
) -> pd.DataFrame:
    """One partition's kg CO2e by cell columns: the in-memory path's bincount."""
    if len(part) == 0:
        return _cell_partials_meta(keys)
    table = ActivityTable.from_frame(part, file=file, decimal=decimal)
    chunk = calculate_chunk(table, shared.lookup)
    column = "emissions_kg_co2e"
    if chunk.cell_is_year:
        return cell_totals(chunk, shared.lookup, keys, column, 1.0)
    rows = row_frame(chunk, shared.lookup)  # a later year took an earlier year's factor
    grouped = rows.groupby(keys, observed=True, sort=True, dropna=False)[column].sum()
    return grouped.reset_index()


def _cell_partials_meta(keys: list[str]) -> pd.DataFrame:
    """Return the empty frame of a partition's cell totals (categories known per partition)."""
    columns: dict[str, Any] = {k: pd.Series(dtype="category") for k in keys}
    for k in ("year", "scope"):
        if k in columns:
            columns[k] = pd.Series(dtype="Int64" if k == "year" else "int8")
    for k in ("high_altitude_multiplier",):
        if k in columns:
            columns[k] = pd.Series(dtype="float64")
    columns["emissions_kg_co2e"] = pd.Series(dtype="float64")
    meta = pd.DataFrame(columns)
    categorical = [k for k in keys if isinstance(meta[k].dtype, pd.CategoricalDtype)]
    cleared: pd.DataFrame = clear_known_categories(  # type: ignore[no-untyped-call]
        meta, cols=categorical
    )
    return cleared


def _calculate_partition(
    part: pd.DataFrame, lookup: FactorLookup, decimal: Literal[",", "."] | None, file: str
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Clean and calculate one partition: its rows and its rejected rows, by input index."""
    index = part.index
    table = ActivityTable.from_frame(part, file=file, decimal=decimal)
    chunk = calculate_chunk(table, lookup)
    rows = row_frame(chunk, lookup)
    rows.index = index if chunk.keep is None else index[chunk.keep]
    rejected = chunk.rejected
    positions = rejected["row"].to_numpy(dtype=np.intp)
    rejected = rejected.assign(row=index.to_numpy()[positions])
    return rows, rejected.reindex(columns=[*PROBLEM_COLUMNS, *_origin(rejected)])


def _origin(rejected: pd.DataFrame) -> list[str]:
    return [c for c in ("origin_file", "origin_sheet", "origin_row") if c in rejected]


def read_csv(paths: str | Path | Sequence[str | Path], **kwargs: Any) -> dd.DataFrame:
    """Read CSV files of activity rows as a Dask DataFrame, one partition per file.

    Every cell is read as text (``dtype=str``) and ``origin_file`` names each row's file;
    :func:`calculate_emissions` then cleans each partition exactly as
    :meth:`klimatkalk.ActivityTable.from_frame` cleans a frame (Swedish numbers and headers
    included). ``kwargs`` go to :func:`dask.dataframe.read_csv` (``sep=";"``,
    ``encoding="cp1252"`` …); for one file per region and year, no more is needed.
    """
    options: dict[str, Any] = {
        "dtype": str,
        "blocksize": None,
        "include_path_column": "origin_file",
    }
    options.update(kwargs)
    if isinstance(paths, str | Path):
        urlpath: Any = str(paths)
    else:
        urlpath = [str(p) for p in paths]
    frame: dd.DataFrame = dd.read_csv(urlpath, **options)
    return frame


def read_parquet(path: str | Path, **kwargs: Any) -> dd.DataFrame:
    """Read a Parquet file or dataset of activity rows (:func:`dask.dataframe.read_parquet`)."""
    frame: dd.DataFrame = dd.read_parquet(str(path), **kwargs)
    return frame


def write_parquet(result: DaskEmissionsResult, path: str | Path, **kwargs: Any) -> None:
    """Write the calculated rows to a Parquet dataset partitioned by year (``year=2024/``…).

    Each row's input index is written as the column ``row``. ``kwargs`` go to
    :meth:`dask.dataframe.DataFrame.to_parquet`.
    """
    rows = result.rows
    rows.index = rows.index.rename("row")
    # Categories known only per partition: a dictionary with 32-bit indices in every file, so
    # that a partition with more than 127 categories fits the schema too.
    unknown = [
        str(c)
        for c, dtype in rows.dtypes.items()
        if isinstance(dtype, pd.CategoricalDtype) and not has_known_categories(rows[c])  # type: ignore[no-untyped-call]
    ]
    schema = {c: pa.dictionary(pa.int32(), pa.large_string()) for c in unknown}
    options: dict[str, Any] = {"partition_on": ["year"], "write_index": False, "schema": schema}
    options.update(kwargs)
    rows.reset_index().to_parquet(str(path), **options)
