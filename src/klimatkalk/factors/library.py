"""Emission factors: the row model, validation across files, and :func:`load_factors`.

A factor set is one or more folders in the format of ``emission_factors/README.md``. Every row is
validated when it loads: its source must resolve (and carry publisher, title, year and a url or
document id), its unit must parse and fit the activity's dimension, its gas must have GWPs, and
two rows of the same activity, boundary and source may not cover the same year. Every problem is
reported at once, with file, line, column and value.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path
from typing import Annotated, Any, Literal, Self

import pandas as pd
from pydantic import Field, model_validator

from klimatkalk._resources import data_root
from klimatkalk.errors import ErrorReason, FactorDataError, Problem, UnitError
from klimatkalk.factors.activities import Activity, ActivityCode
from klimatkalk.factors.biogenic import BIOGENIC_COLUMNS, BiogenicCO2, check_biogenic
from klimatkalk.factors.components import COMPONENT_COLUMNS, GasComponent, check_components
from klimatkalk.factors.gwp import GWP_SETS, BlendComponent, GwpTable, GwpValue, Species
from klimatkalk.factors.high_altitude import (
    HIGH_ALTITUDE_COLUMNS,
    HighAltitudeMultiplier,
    check_high_altitude,
)
from klimatkalk.factors.quality import FactorQuality, quality_column
from klimatkalk.factors.sources import Source
from klimatkalk.factors.spend import (
    ActivityVat,
    ExchangeRate,
    SpendBasis,
    SpendData,
    VatRate,
    check_spend_data,
    split_factor_currency,
)
from klimatkalk.factors.tables import (
    DataYear,
    GwpSetName,
    OptionalStr,
    RowModel,
    Slug,
    Text,
    check_validity,
    read_rows,
)
from klimatkalk.factors.withdrawals import (
    WITHDRAWN_COLUMNS,
    Withdrawal,
    check_withdrawals,
    withdrawn_mask,
)
from klimatkalk.units import dimension_fits, parse_factor_unit

__all__ = ["BUNDLED", "EmissionFactor", "FactorTable", "KpiValue", "load_factors"]

BUNDLED = "bundled"
"""Name of the factor set shipped with klimatkalk (``load_factors(path="bundled")``)."""

Boundary = Literal["combustion", "lifecycle"]


class EmissionFactor(RowModel):
    """One emission factor (a row of ``factors/*.csv``)."""

    factor_id: Slug
    activity: ActivityCode
    value: Annotated[float, Field(ge=0, allow_inf_nan=False)]
    unit: Text
    gas: Slug
    gwp_set: GwpSetName | None = None
    boundary: Boundary | None = None
    price_year: DataYear | None = None
    valid_from: DataYear
    valid_to: DataYear
    source_id: Slug
    source_locator: Text
    note: OptionalStr = None

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        check_validity(self.valid_from, self.valid_to)
        if self.gas != "CO2e" and self.gwp_set is not None:
            msg = "gwp_set must be empty for a gas emitted as itself (the user's set applies)"
            raise ValueError(msg)
        return self


class KpiValue(RowModel):
    """Consumer price index of one year (a row of ``kpi.csv``)."""

    year: DataYear
    kpi: Annotated[float, Field(gt=0, allow_inf_nan=False)]
    source_id: Slug
    source_locator: Text
    note: OptionalStr = None


FACTOR_COLUMNS: tuple[str, ...] = (*EmissionFactor.model_fields, "factor_set", "file", "line")
"""Columns of ``FactorTable.factors``, followed by ``source_year``, ``source_dated`` (False for
an undated source, whose year is its retrieval year), ``currency`` (``SEK``, or the
``EUR``/``USD`` a spend factor's unit is per) and ``quality`` (:mod:`~.quality`)."""


@dataclass(frozen=True)
class FactorTable:
    """A validated factor set: factors, catalogue, sources, GWPs and price index.

    Build it with :func:`load_factors`. ``factors`` holds every row of the edition asked for
    (withdrawn rows left out); :meth:`compile` picks one row per activity, boundary and year.
    ``high_altitude`` holds the aviation multipliers (:mod:`klimatkalk.factors.high_altitude`) and
    ``withdrawn`` the rows taken out of use (:mod:`klimatkalk.factors.withdrawals`).

    Examples
    --------
    >>> import klimatkalk as kk
    >>> factors = kk.load_factors()
    >>> "diesel" in factors.activities
    True
    """

    factors: pd.DataFrame
    activities: dict[str, Activity]
    sources: dict[str, Source]
    gwp: GwpTable
    kpi: dict[int, float]
    edition: int | None = None
    sets: tuple[str, ...] = (BUNDLED,)
    high_altitude: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=list(HIGH_ALTITUDE_COLUMNS))
    )
    withdrawn: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=list(WITHDRAWN_COLUMNS))
    )
    components: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=list(COMPONENT_COLUMNS))
    )
    """Gas components of CO2e rows (:mod:`klimatkalk.factors.components`)."""
    biogenic: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=list(BIOGENIC_COLUMNS))
    )
    """Biogenic CO2 per activity unit of rows, a memo quantity (:mod:`~.biogenic`)."""
    spend: SpendData = field(default_factory=SpendData.empty)
    """Currency, price and VAT basis, margins and ranges of spend factors (:mod:`~.spend`)."""
    compiled_cache: dict[tuple[object, ...], object] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    """Lookup tables built by :func:`klimatkalk.factors.compile.compile_factors`, per choice."""

    def __repr__(self) -> str:
        edition = "latest" if self.edition is None else str(self.edition)
        covered = self.coverage()
        covered = covered[covered["factors"] > 0]
        used = set(self.factors["source_id"].astype(str))
        used |= set(self.high_altitude["source_id"].astype(str))
        years = (
            f", years {int(covered['first_year'].min())}–{int(covered['last_year'].max())}"
            if len(covered)
            else ""
        )
        return (
            f"<FactorTable sets={list(self.sets)} edition={edition}: {len(self.factors)} factors"
            f" for {len(covered)} of {len(self.activities)} activities{years},"
            f" from {len(used)} sources>"
        )

    def coverage(self) -> pd.DataFrame:
        """Which activities of the catalogue have a factor in this set, and for which years.

        An early edition holds few factors (``load_factors(edition=2019)``: rows of activities
        without a factor there are rejected, not calculated); check before comparing editions.

        Returns
        -------
        DataFrame
            One row per catalogue activity: ``activity``, ``category``, ``factors`` (rows in
            this set, any boundary), ``first_year`` and ``last_year`` with a factor (``<NA>``
            without one) and ``years`` (how many years a factor covers).

        Examples
        --------
        >>> import klimatkalk as kk
        >>> table = kk.load_factors("tests/fixtures/factors_minimal", edition=2019).coverage()
        >>> # diesel, 2019 sources: 2019–2023 and 2024 (lifecycle), 2019–2024 (tailpipe)
        >>> table[table["activity"] == "diesel"][["factors", "first_year", "last_year", "years"]]
           factors  first_year  last_year  years
        0        3        2019       2024      6
        """
        frame = self.factors
        records = []
        for code, activity in self.activities.items():
            rows = frame[frame["activity"] == code]
            years: set[int] = set()
            for start, end in zip(rows["valid_from"], rows["valid_to"], strict=True):
                years.update(range(int(start), int(end) + 1))
            records.append(
                {
                    "activity": code,
                    "category": activity.category,
                    "factors": len(rows),
                    "first_year": min(years) if years else None,
                    "last_year": max(years) if years else None,
                    "years": len(years),
                }
            )
        table = pd.DataFrame.from_records(
            records, columns=["activity", "category", "factors", "first_year", "last_year", "years"]
        )
        for column in ("first_year", "last_year"):
            table[column] = table[column].astype("Int64")
        return table

    def activity_frame(self) -> pd.DataFrame:
        """Return the activity catalogue as a DataFrame, one row per activity."""
        return pd.DataFrame([a.model_dump() for a in self.activities.values()])

    def sources_frame(self) -> pd.DataFrame:
        """Return the sources as a DataFrame, one row per edition."""
        return pd.DataFrame([s.model_dump() for s in self.sources.values()])


def load_factors(
    path: str | PathLike[str] | Sequence[str | PathLike[str]] | None = None,
    *,
    edition: int | None = None,
) -> FactorTable:
    """Load and validate a factor set.

    Parameters
    ----------
    path : path, sequence of paths, or None
        A factor folder, or several stacked in order: a later folder's factors take precedence
        over an earlier one's for the same activity, boundary and year. ``"bundled"`` names the
        data shipped with klimatkalk; ``None`` means ``"bundled"`` alone. A folder stacked on
        top of another may hold only ``sources.csv`` and ``factors/*.csv``.
    edition : int, optional
        Use only sources published in this year or earlier: what had been published by then,
        as this release reads it. A later release may read the same sources differently (a
        misreading withdrawn, rows added); to reproduce an earlier release's figures exactly,
        install that release (the factor changelog lists what each release changed).

    Returns
    -------
    FactorTable

    Raises
    ------
    FactorDataError
        Listing every row that does not load, with file, line, column and value.

    Examples
    --------
    >>> import klimatkalk as kk
    >>> factors = kk.load_factors()
    >>> factors.sources["ipcc-ar5-wg1-ch8"].year
    2013
    """
    if edition is not None and (not isinstance(edition, int) or isinstance(edition, bool)):
        msg = f"edition must be an integer year, got {edition!r}"
        raise TypeError(msg)
    if path is None:
        paths: list[str | PathLike[str]] = [BUNDLED]
    elif isinstance(path, str | PathLike):
        paths = [path]
    else:
        paths = list(path)
    folders = [(_set_name(p), data_root() if str(p) == BUNDLED else Path(p)) for p in paths]
    return _load(folders, edition)


def _set_name(path: str | PathLike[str]) -> str:
    return BUNDLED if str(path) == BUNDLED else Path(path).name


@dataclass
class _Collected:
    problems: list[Problem] = field(default_factory=list)
    sources: dict[str, tuple[str, int, Source]] = field(default_factory=dict)
    activities: dict[str, tuple[str, int, Activity]] = field(default_factory=dict)
    gwp: dict[tuple[str, str], tuple[str, int, GwpValue]] = field(default_factory=dict)
    species: dict[str, tuple[str, int, Species]] = field(default_factory=dict)
    blends: dict[tuple[str, str], tuple[str, int, BlendComponent]] = field(default_factory=dict)
    kpi: dict[int, tuple[str, int, KpiValue]] = field(default_factory=dict)
    factors: list[tuple[str, str, int, EmissionFactor]] = field(default_factory=list)
    high_altitude: list[tuple[str, str, int, HighAltitudeMultiplier]] = field(default_factory=list)
    withdrawals: list[tuple[str, str, int, Withdrawal]] = field(default_factory=list)
    quality: list[tuple[str, int, FactorQuality]] = field(default_factory=list)
    components: list[tuple[str, int, GasComponent]] = field(default_factory=list)
    biogenic: list[tuple[str, int, BiogenicCO2]] = field(default_factory=list)
    spend_basis: list[tuple[str, int, SpendBasis]] = field(default_factory=list)
    exchange_rates: list[tuple[str, int, ExchangeRate]] = field(default_factory=list)
    vat_rates: list[tuple[str, int, VatRate]] = field(default_factory=list)
    activity_vat: list[tuple[str, int, ActivityVat]] = field(default_factory=list)


def _load(folders: list[tuple[str, Path]], edition: int | None) -> FactorTable:
    c = _Collected()
    for name, folder in folders:
        if not folder.is_dir():
            msg = f"not a folder: {folder}"
            c.problems.append(Problem(str(folder), None, None, None, ErrorReason.EMPTY_FILE, msg))
            continue
        _merge(c, folder / "sources.csv", Source, c.sources, ("source_id",))
        _merge(c, folder / "activities.csv", Activity, c.activities, ("activity",))
        _merge(c, folder / "gwp.csv", GwpValue, c.gwp, ("species", "gwp_set"))
        _merge(c, folder / "species.csv", Species, c.species, ("species",))
        _merge(c, folder / "blends.csv", BlendComponent, c.blends, ("blend", "component"))
        _merge(c, folder / "kpi.csv", KpiValue, c.kpi, ("year",))
        factor_files = sorted((folder / "factors").glob("*.csv"))
        for file in factor_files:
            rows = read_rows(file, EmissionFactor, c.problems)
            c.factors.extend((name, rows.file, line, row) for line, row in rows)
        if (folder / "high_altitude.csv").exists():
            ha = read_rows(folder / "high_altitude.csv", HighAltitudeMultiplier, c.problems)
            c.high_altitude.extend((name, ha.file, line, row) for line, row in ha)
        if (folder / "withdrawn.csv").exists():
            wd = read_rows(folder / "withdrawn.csv", Withdrawal, c.problems)
            c.withdrawals.extend((name, wd.file, line, row) for line, row in wd)
        if (folder / "quality.csv").exists():
            qr = read_rows(folder / "quality.csv", FactorQuality, c.problems)
            c.quality.extend((qr.file, line, row) for line, row in qr)
        if (folder / "components.csv").exists():
            cr = read_rows(folder / "components.csv", GasComponent, c.problems)
            c.components.extend((cr.file, line, row) for line, row in cr)
        if (folder / "biogenic.csv").exists():
            br = read_rows(folder / "biogenic.csv", BiogenicCO2, c.problems)
            c.biogenic.extend((br.file, line, row) for line, row in br)
        _read_optional(folder / "spend_basis.csv", SpendBasis, c.spend_basis, c.problems)
        _read_optional(folder / "exchange_rates.csv", ExchangeRate, c.exchange_rates, c.problems)
        _read_optional(folder / "vat_rates.csv", VatRate, c.vat_rates, c.problems)
        _read_optional(folder / "activity_vat.csv", ActivityVat, c.activity_vat, c.problems)
    for required, store in (("sources.csv", c.sources), ("activities.csv", c.activities)):
        if not store:
            where = ", ".join(str(f) for _, f in folders)
            msg = f"no {required} in {where}" + _layer_hint(folders)
            c.problems.append(Problem(where, None, None, None, ErrorReason.EMPTY_FILE, msg))
    gwp = GwpTable.from_rows(
        (v for _, _, v in c.gwp.values()),
        (s for _, _, s in c.species.values()),
        (b for _, _, b in c.blends.values()),
    )
    _check_references(c, gwp)
    factors = _check_factors(c, gwp)
    factors["quality"] = quality_column(factors, c.quality, c.problems)
    components = check_components(c.components, factors, gwp, c.problems)
    biogenic = check_biogenic(c.biogenic, factors, c.problems)
    spend = check_spend_data(
        basis=c.spend_basis,
        rates=c.exchange_rates,
        vat=c.vat_rates,
        activity_vat=c.activity_vat,
        # .loc with a boolean array: an empty frame's mask would otherwise select columns
        factors=factors.loc[factors["activity"].map(_is_spend(c)).to_numpy(dtype=bool)],
        currency_activities={k for k, v in _is_spend(c).items() if v},
        sources=set(c.sources),
        problems=c.problems,
    )
    source_years = {k: s.year for k, (_, _, s) in c.sources.items()}
    high_altitude = check_high_altitude(
        c.high_altitude, source_years, set(c.activities), c.problems
    )
    keys = set(zip(factors["factor_id"], factors["source_id"], strict=True))
    withdrawn = check_withdrawals(c.withdrawals, source_years, keys, c.problems)
    if c.problems:
        raise FactorDataError(c.problems)
    factors = factors[~withdrawn_mask(factors, withdrawn, edition)]
    if edition is not None:
        if not (factors["source_year"] <= edition).any():
            first = int(factors["source_year"].min()) if len(factors) else None
            msg = f"no factors published up to edition {edition}" + (
                f"; the first edition with factors is {first}" if first is not None else ""
            )
            where = ", ".join(str(f) for _, f in folders)
            raise FactorDataError(
                [Problem(where, None, "edition", edition, ErrorReason.YEAR_NOT_COVERED, msg)], msg
            )
        factors = factors[factors["source_year"] <= edition]
        high_altitude = high_altitude[high_altitude["source_year"] <= edition]
        withdrawn = withdrawn[withdrawn["withdrawn_year"] <= edition]
    factors = factors.reset_index(drop=True)
    return FactorTable(
        factors=factors,
        activities={k: a for k, (_, _, a) in c.activities.items()},
        sources={k: s for k, (_, _, s) in c.sources.items()},
        gwp=gwp,
        kpi={k: v.kpi for k, (_, _, v) in sorted(c.kpi.items())},
        edition=edition,
        sets=tuple(name for name, _ in folders),
        high_altitude=high_altitude.reset_index(drop=True),
        withdrawn=withdrawn.reset_index(drop=True),
        components=components,
        biogenic=biogenic,
        spend=spend,
    )


def _layer_hint(folders: list[tuple[str, Path]]) -> str:
    """Return a hint for a folder of one's own loaded alone (no bundled set beneath it)."""
    if any(name == BUNDLED for name, _ in folders):
        return ""
    listed = ", ".join(repr(str(f)) for _, f in folders)
    return (
        f"; a folder of your own is loaded on top of the bundled set: "
        f"load_factors(['bundled', {listed}]), or --factors bundled --factors <folder>"
    )


def _is_spend(c: _Collected) -> dict[str, bool]:
    return {k: a.dimension == "currency" for k, (_, _, a) in c.activities.items()}


def _read_optional(
    path: Path, model: type[RowModel], store: list[Any], problems: list[Problem]
) -> None:
    """Add the validated rows of an optional file, each with its file and line."""
    if path.exists():
        rows = read_rows(path, model, problems)
        store.extend((rows.file, line, row) for line, row in rows)


def _merge(
    c: _Collected,
    path: Path,
    model: type[RowModel],
    store: dict[Any, tuple[str, int, Any]],
    key: tuple[str, ...],
) -> None:
    """Add the rows of an optional file to ``store``; a conflicting redefinition is a problem."""
    if not path.exists():
        return
    rows = read_rows(path, model, c.problems)
    for line, row in rows:
        k = getattr(row, key[0]) if len(key) == 1 else tuple(getattr(row, n) for n in key)
        if k not in store:
            store[k] = (rows.file, line, row)
            continue
        file, first_line, first = store[k]
        if first == row and file != rows.file:
            continue  # the same row repeated in a stacked folder
        reason = "duplicate of" if first == row else "conflicts with"
        c.problems.append(
            Problem(
                rows.file,
                line,
                key[0],
                k,
                ErrorReason.INVALID_VALUE,
                f"{reason} {file}:{first_line}",
            )
        )


def _check_references(c: _Collected, gwp: GwpTable) -> None:
    def need_source(file: str, line: int, source_id: str) -> None:
        if source_id not in c.sources:
            c.problems.append(
                Problem(
                    file,
                    line,
                    "source_id",
                    source_id,
                    ErrorReason.UNKNOWN_SOURCE,
                    "source_id not in sources.csv",
                )
            )

    for store in (c.gwp, c.species, c.blends, c.kpi):
        for file, line, row in store.values():
            need_source(file, line, row.source_id)
    for message in gwp.blend_problems():
        c.problems.append(
            Problem("blends.csv", None, None, None, ErrorReason.INVALID_VALUE, message)
        )


def _check_factors(c: _Collected, gwp: GwpTable) -> pd.DataFrame:
    records = []
    seen: dict[tuple[str, str], tuple[str, int]] = {}
    # a source row that does not load leaves its factors unsourced: say so, not "not in"
    sources_broken = any(Path(p.file).name == "sources.csv" for p in c.problems)
    unsourced = (
        "source_id not among the sources that load: sources.csv has problems of its own "
        "(listed here)"
        if sources_broken
        else "source_id not in sources.csv: an unsourced factor does not load"
    )
    for set_name, file, line, f in c.factors:
        bad = len(c.problems)

        def problem(column: str, value: object, reason: ErrorReason, message: str) -> None:
            c.problems.append(Problem(file, line, column, value, reason, message))  # noqa: B023

        source = c.sources[f.source_id][2] if f.source_id in c.sources else None
        if source is None:
            problem(
                "source_id",
                f.source_id,
                ErrorReason.UNKNOWN_SOURCE,
                unsourced,
            )
        activity = c.activities[f.activity][2] if f.activity in c.activities else None
        if activity is None:
            problem(
                "activity",
                f.activity,
                ErrorReason.UNKNOWN_ACTIVITY,
                "activity not in activities.csv",
            )
        if f.gas != "CO2e" and not gwp.knows(f.gas):
            problem(
                "gas",
                f.gas,
                ErrorReason.UNKNOWN_GAS,
                "gas is neither CO2e nor a species or blend of species.csv/blends.csv",
            )
        elif f.gas != "CO2e":
            for gwp_set in GWP_SETS:
                try:
                    gwp.value(f.gas, gwp_set)
                except (KeyError, ValueError) as exc:
                    problem("gas", f.gas, ErrorReason.GWP_NOT_AVAILABLE, str(exc))
        unit_text, foreign = split_factor_currency(f.unit)
        try:
            unit = parse_factor_unit(unit_text, f.gas)
            if activity is not None and not dimension_fits(
                unit.denominator.dimension, activity.dimension
            ):
                problem(
                    "unit",
                    f.unit,
                    ErrorReason.UNIT_DIMENSION_MISMATCH,
                    f"per {unit.denominator.dimension}, but {f.activity!r} is measured in "
                    f"{activity.dimension}",
                )
        except UnitError as exc:
            problem("unit", f.unit, exc.reason, exc.message)
        if activity is not None and (activity.dimension == "currency") != (
            f.price_year is not None
        ):
            problem(
                "price_year",
                f.price_year,
                ErrorReason.INVALID_VALUE,
                "price_year is required for spend (currency) factors and only for them",
            )
        key = (f.factor_id, f.source_id)
        if key in seen:
            problem(
                "factor_id",
                f.factor_id,
                ErrorReason.INVALID_VALUE,
                f"(factor_id, source_id) already used at {seen[key][0]}:{seen[key][1]}",
            )
        seen[key] = (file, line)
        if len(c.problems) == bad and source is not None:
            records.append(
                {
                    **f.model_dump(),
                    "factor_set": set_name,
                    "file": file,
                    "line": line,
                    "source_year": source.year,
                    "source_dated": source.dated,
                    "currency": foreign or "SEK",
                }
            )
    frame = pd.DataFrame.from_records(
        records, columns=[*FACTOR_COLUMNS, "source_year", "source_dated", "currency"]
    )
    # A withdrawn row is out of use from its withdrawing edition on: its replacement may cite
    # the same source (a misread corrected) without counting as an overlap.
    withdrawn = {(w.factor_id, w.source_id) for _, _, _, w in c.withdrawals}
    keys = pd.Series(list(zip(frame["factor_id"], frame["source_id"], strict=True)), dtype=object)
    _check_overlaps(frame[~keys.isin(withdrawn).to_numpy()], c.problems)
    return frame.sort_values(
        ["activity", "valid_from", "source_year"], kind="stable", ignore_index=True
    )


def _check_overlaps(frame: pd.DataFrame, problems: list[Problem]) -> None:
    keys = ["factor_set", "activity", "boundary", "source_id"]
    for _, group in frame.groupby(keys, dropna=False, sort=False):
        if len(group) < 2:
            continue
        records: list[dict[str, Any]] = [
            {str(k): v for k, v in r.items()}
            for r in group.sort_values("valid_from").to_dict("records")
        ]
        previous: dict[str, Any] | None = None
        for row in records:
            if previous is not None and int(row["valid_from"]) <= int(previous["valid_to"]):
                problems.append(
                    Problem(
                        str(row["file"]),
                        int(row["line"]),
                        "valid_from",
                        row["valid_from"],
                        ErrorReason.OVERLAPPING_VALIDITY,
                        f"{row['activity']!r} years {row['valid_from']}–{row['valid_to']} "
                        f"overlap {previous['file']}:{previous['line']} "
                        f"({previous['valid_from']}–{previous['valid_to']}) from the same source",
                    )
                )
            if previous is None or int(row["valid_to"]) > int(previous["valid_to"]):
                previous = row
