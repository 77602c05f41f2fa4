"""Indicators: emission intensities and the fossil-free share of transport fuel.

Two key figures of a Swedish region's report sit next to the totals:

- :func:`intensity` — kg CO2e per inhabitant, per m² heated floor area (BRA), per employee or
  per patient visit, from a small table of denominators the analyst keeps (Öppna jämförelser
  reports medical gases in kg CO2e per inhabitant [1]_).
- :func:`fossil_free_share` — the share of fossil-free fuel in the energy of the transport fuels,
  counting the bio share the reduktionsplikt blends into pump petrol and diesel each year
  (Region Västmanland reported 93 % for 2023 counted this way, where counting petrol and diesel
  as wholly fossil had given 80 % [2]_). A fuel that is neither a pure biofuel of
  :data:`FOSSIL_FREE_FUELS` nor in the blend table counts as fossil: give a vehicle-gas mix or
  electricity for vehicles its share in ``fossil_free_fuels`` (or a vehicle-gas row per year
  in the blend table) if you count them.

References
----------
.. [1] SKR and Regionernas miljöchefer, *Öppna jämförelser – Miljöarbetet i regionerna*
   (2022), indicator "klimatpåverkan från medicinska gaser, kg CO2e per invånare",
   https://rapporter.skr.se/oppna-jamforelser---miljoarbetet-2022-i-regionerna.html.
.. [2] Region Västmanland, *Hållbarhetsredovisning 2024*, "andel fossilfria drivmedel".
.. [3] Energimyndigheten, "Växthusgasutsläpp från drivmedel" (2016): energy content E85
   23.2 MJ/l, petrol without bio component 32.2 MJ/l,
   https://www.energimyndigheten.se/fornybart/hallbarhetskriterier/drivmedelslagen/vaxthusgasutslapp/.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import Any, Final

import numpy as np
import numpy.typing as npt
import pandas as pd

from klimatkalk.activity_data import ActivityTable
from klimatkalk.analysis.baseline import MassUnit, _as_keys, _scale, _sum_by
from klimatkalk.errors import ActivityDataError, ErrorReason, InputRowsError, Problem, UnitError
from klimatkalk.factors.activities import Activity
from klimatkalk.factors.library import FactorTable, load_factors
from klimatkalk.factors.names import resolve_activity_names
from klimatkalk.results import EmissionsResult
from klimatkalk.units import dimension_mismatch, parse_activity_unit

__all__ = [
    "E85_FOSSIL_FREE_SHARE",
    "FOSSIL_FREE_FUELS",
    "FUEL_DIMENSIONS",
    "fossil_free_share",
    "intensity",
]

E85_FOSSIL_FREE_SHARE: Final = 1.0 - 0.15 * 32.2 / 23.2
"""Ethanol's share of the energy of E85 (≈ 0.79): 15 % by volume is petrol at 32.2 MJ/l in a
fuel of 23.2 MJ/l [3]_. The petrol part counts as fossil."""

FOSSIL_FREE_FUELS: Final[Mapping[str, float]] = MappingProxyType(
    {
        "hvo100": 1.0,
        "b100": 1.0,
        "ed95": 1.0,
        "biogas": 1.0,
        "e85": E85_FOSSIL_FREE_SHARE,
    }
)
"""Pure biofuels and the share of their energy counted fossil-free (activity code → share)."""

FUEL_DIMENSIONS: Final = ("volume", "normal_volume", "mass", "energy")
"""Dimensions of a transport activity measured as fuel (km, SEK and hours are not fuel)."""


def intensity(
    result: EmissionsResult,
    denominators: pd.DataFrame,
    by: str | Sequence[str] = "year",
    unit: MassUnit = "kg",
) -> pd.DataFrame:
    """Emissions per inhabitant, per m² floor area, per employee… for each year.

    Parameters
    ----------
    result : EmissionsResult
        Calculated emissions.
    denominators : DataFrame
        Long table, one row per year and denominator: ``year``, ``denominator`` (a name such
        as ``"inhabitants"``, ``"floor_area_m2_bra"``, ``"employees"``, ``"patient_visits"``)
        and ``value`` (> 0); optionally ``unit`` (a label such as ``"m2 BRA"``) and columns
        of ``by`` other than ``year`` (e.g. ``org_unit`` for per-unit employees), which are
        then matched too.
    by : str or sequence of str, default "year"
        Columns of ``result.rows`` to group the emissions by; must include ``"year"``.
    unit : {"kg", "t", "kt"}, default "kg"
        Mass unit of CO2e.

    Returns
    -------
    DataFrame
        One row per emission group and denominator name: the ``by`` columns,
        ``denominator``, ``denominator_unit`` (if given), ``emissions_<unit>_co2e``,
        ``denominator_value`` and ``intensity_<unit>_co2e`` (per one unit of the
        denominator). Value and intensity are NaN where the table has no value for the group.

    Raises
    ------
    ActivityDataError
        If the denominator table lacks a column, has a value that is not a positive number,
        or gives two values for the same year, denominator and group.

    Examples
    --------
    26.5 t CO2e of nitrous oxide (100 kg × AR5 GWP 265) in a region of 10 000 inhabitants:

    >>> import pandas as pd
    >>> import klimatkalk as kk
    >>> from klimatkalk.analysis.indicators import intensity
    >>> res = kk.calculate_emissions(pd.DataFrame({
    ...     "year": [2024], "activity": ["nitrous_oxide"], "quantity": [100], "unit": ["kg"]}))
    >>> dens = pd.DataFrame({"year": [2024, 2024], "denominator": ["inhabitants", "employees"],
    ...                      "value": [10_000, 500]})
    >>> intensity(res, dens)[["denominator", "intensity_kg_co2e"]]
       denominator  intensity_kg_co2e
    0  inhabitants               2.65
    1    employees              53.00
    """
    keys = _as_keys(by)
    if "year" not in keys:
        msg = f"by={by!r} must include 'year': denominators are given per year"
        raise ValueError(msg)
    scale = _scale(unit)
    table = _check_denominators(denominators, keys)
    match = [k for k in keys if k in table.columns]
    emissions = _sum_by(result.rows, keys, scale, "emissions")
    labels = ["denominator", "denominator_unit"] if "denominator_unit" in table else ["denominator"]
    names = table[labels].drop_duplicates()
    frame = emissions.merge(names, how="cross")
    for key in match:  # align dtypes (Int64 year, categorical keys) for the merge
        if key == "year":
            table[key] = table[key].astype(frame[key].dtype)
        else:
            frame[key] = frame[key].astype(object)
            table[key] = table[key].astype(object)
    frame = frame.merge(table[[*match, *labels, "value"]], on=[*match, *labels], how="left")
    frame = frame.rename(columns={"value": "denominator_value"})
    frame["intensity"] = frame["emissions"] / frame["denominator_value"]
    frame = frame[[*keys, *labels, "emissions", "denominator_value", "intensity"]]
    return frame.rename(
        columns={
            "emissions": f"emissions_{unit}_co2e",
            "intensity": f"intensity_{unit}_co2e",
        }
    )


def fossil_free_share(
    activities: ActivityTable | pd.DataFrame,
    factors: FactorTable | None = None,
    *,
    blend_shares: pd.DataFrame | None = None,
    energy_content: pd.DataFrame | None = None,
    fossil_free_fuels: Mapping[str, float] = FOSSIL_FREE_FUELS,
    blend_fuel: Mapping[str, str] | None = None,
    fuels: Collection[str] | None = None,
    by: str | Sequence[str] = "year",
    transport_types: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Share of fossil-free energy in transport fuel, counting the reduktionsplikt blend.

    The transport fuels are the activities of category ``transport`` in the catalogue whose
    dimension is a fuel quantity (:data:`FUEL_DIMENSIONS`). Each row's energy [kWh] is its
    quantity × the fuel's energy content, and its fossil-free part is that energy times

    - the share in ``fossil_free_fuels`` for a pure biofuel (HVO100, B100, ED95 and biogas
      wholly; E85 its ethanol share, :data:`E85_FOSSIL_FREE_SHARE`);
    - the year's ``bio_share_energy`` of the blend table for a blended fuel (pump petrol and
      diesel under the reduktionsplikt);
    - 0 for any other fuel.

    Parameters
    ----------
    activities : ActivityTable or DataFrame
        Activity data.
    factors : FactorTable, optional
        For the activity catalogue (category and dimension); the bundled set by default.
    blend_shares : DataFrame, optional
        Columns ``year``, ``fuel`` and ``bio_share_energy`` (a fraction 0–1 of the fuel's
        energy that is bio); other columns are ignored. By default the bundled
        ``emission_factors/reduktionsplikt.csv``.
    energy_content : DataFrame, optional
        Columns ``activity``, ``value`` and ``unit`` (``"MJ / l"``, ``"kWh / Nm3"``,
        ``"MJ / kg"``) for every fuel measured in volume or mass; by default the bundled
        ``emission_factors/energy_content.csv``. Fuels measured in kWh need none.
    fossil_free_fuels : mapping of str to float, default :data:`FOSSIL_FREE_FUELS`
        Activity code → share of its energy counted fossil-free. It takes precedence over the
        blend table; add, for example, electricity for vehicles here if you count it.
    blend_fuel : mapping of str to str, optional
        Activity code → ``fuel`` of the blend table, for activities whose code differs from
        the fuel's name; by default an activity whose code is a ``fuel`` of the table is
        blended.
    fuels : collection of str, optional
        Count only these activities (e.g. leave out ``jet_fuel`` for road fuels only); by
        default every transport fuel of the catalogue.
    by : str or sequence of str, default "year"
        Columns of the activity data to group by; must include ``"year"``.
    transport_types : DataFrame, optional
        Rules that give rows a transport type
        (:func:`~klimatkalk.analysis.transport_types.assign_transport_types`); the result is
        then also grouped by ``transport_type`` (``"other"`` where no rule matches). For the
        shares of all transport energy, electricity included, see
        :func:`klimatkalk.analysis.fossil_free.transport_energy_shares`.

    Returns
    -------
    DataFrame
        The ``by`` columns (and ``transport_type``), ``energy_kwh``, ``pure_biofuel_kwh``,
        ``blend_bio_kwh``, ``fossil_free_kwh`` (their sum), ``fossil_free_share``
        (fossil-free / energy) and
        ``fossil_free_share_excluding_blends`` (pure biofuels only: petrol and diesel counted
        wholly fossil, the older method).

    Raises
    ------
    InputRowsError
        If a transport fuel row has no readable year or quantity or a unit that does not fit.
    ValueError
        If a fuel lacks an energy content, a blended fuel lacks a bio share for a year, or a
        table is malformed.

    Examples
    --------
    1000 l diesel with 30 % bio energy and 500 l HVO100, at 10 kWh/l each (round numbers):

    >>> import pandas as pd
    >>> import klimatkalk as kk
    >>> from klimatkalk.analysis.indicators import fossil_free_share
    >>> acts = pd.DataFrame({"year": [2023, 2023], "activity": ["diesel", "hvo100"],
    ...                      "quantity": [1000, 500], "unit": ["l", "l"]})
    >>> blend = pd.DataFrame({"year": [2023], "fuel": ["diesel"], "bio_share_energy": [0.3]})
    >>> energy = pd.DataFrame({"activity": ["diesel", "hvo100"], "value": [36.0, 36.0],
    ...                        "unit": ["MJ / l", "MJ / l"]})
    >>> share = fossil_free_share(acts, blend_shares=blend, energy_content=energy)
    >>> share[["year", "fossil_free_share", "fossil_free_share_excluding_blends"]].round(4)
       year  fossil_free_share  fossil_free_share_excluding_blends
    0  2023             0.5333                              0.3333
    """
    keys = _as_keys(by)
    if "year" not in keys:
        msg = f"by={by!r} must include 'year': blend shares are given per year"
        raise ValueError(msg)
    factors = load_factors() if factors is None else factors
    dimension = {
        code: entry.dimension
        for code, entry in factors.activities.items()
        if entry.category == "transport"
        and entry.subcategory == "vehicles"  # road vehicles: aviation fuel is reported apart
        and entry.dimension in FUEL_DIMENSIONS
    }
    if fuels is not None:
        unknown = sorted(set(fuels) - set(dimension))
        if unknown:
            msg = f"fuels={unknown} are not transport fuels of the activity catalogue"
            raise ValueError(msg)
        dimension = {a: d for a, d in dimension.items() if a in fuels}
    rows, names, codes, kwh = energy_rows(
        activities,
        keys,
        dimension,
        energy_content,
        catalogue=factors.activities,
        headline="transport fuel rows cannot be counted",
    )
    if transport_types is not None:
        from klimatkalk.analysis.transport_types import assign_transport_types

        rows = rows.copy()
        kinds = assign_transport_types(rows, resolve_rules(transport_types, factors.activities))
        rows["transport_type"] = kinds.where(kinds.notna(), "other").astype(object)
        keys = [*keys, "transport_type"]
    pure = np.array([fossil_free_fuels.get(a, 0.0) for a in names] + [0.0])[codes]
    blended = _blend_share(rows, names, codes, fossil_free_fuels, blend_fuel, blend_shares)
    out = rows[keys].copy()
    out["energy_kwh"] = kwh
    out["pure_biofuel_kwh"] = kwh * pure
    out["blend_bio_kwh"] = kwh * blended
    values = ["energy_kwh", "pure_biofuel_kwh", "blend_bio_kwh"]
    grouped = out.groupby(keys, observed=True, dropna=False, sort=True)[values].sum()
    result = grouped.reset_index()
    result["fossil_free_kwh"] = result["pure_biofuel_kwh"] + result["blend_bio_kwh"]
    energy = result["energy_kwh"].to_numpy(dtype=np.float64)
    for name, part in (
        ("fossil_free_share", "fossil_free_kwh"),
        ("fossil_free_share_excluding_blends", "pure_biofuel_kwh"),
    ):
        share = np.full(len(result), np.nan)
        np.divide(result[part].to_numpy(dtype=np.float64), energy, out=share, where=energy > 0)
        result[name] = share
    return result


# --------------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------------


def energy_rows(
    activities: ActivityTable | pd.DataFrame,
    keys: Sequence[str],
    dimension: Mapping[str, str],
    energy_content: pd.DataFrame | None,
    *,
    catalogue: Mapping[str, Activity] | None = None,
    exclude: npt.ArrayLike | None = None,
    headline: str = "activity rows rejected",
) -> tuple[pd.DataFrame, list[str], npt.NDArray[np.integer[Any]], npt.NDArray[np.float64]]:
    """Select the rows of the activities in ``dimension`` and compute their energy in kWh.

    With ``catalogue`` an activity written by its name ("El, nordisk elmix", "Fjärrvärme,
    Göteborg") counts as its code, as in the calculation; rows at the positions in ``exclude``
    (the rows the calculation rejected) are left out. A row that cannot be counted raises
    :class:`InputRowsError` with ``headline``, each problem at the row the user sees (the Excel
    row or CSV line, the sheet with the file) with the reason the reader found.

    Returns the rows (activity codes resolved), the activity names, each row's code into the
    names, and the kWh.
    """
    table = (
        activities
        if isinstance(activities, ActivityTable)
        else ActivityTable.from_frame(activities)
    )
    frame = table.frame
    missing = [k for k in keys if k not in frame.columns]
    if missing:
        msg = f"no column {missing} in the activity data; the columns are {list(frame.columns)}"
        raise ValueError(msg)
    if catalogue is not None:
        resolved = resolve_activity_names(frame["activity"], catalogue)
        if resolved is not frame["activity"]:
            frame = frame.assign(activity=resolved)
    wanted = np.array(frame["activity"].isin(list(dimension)), dtype=bool)
    if exclude is not None:
        left_out = np.asarray(exclude, dtype=np.intp)
        wanted[left_out[(left_out >= 0) & (left_out < len(frame))]] = False
    rows = frame[wanted]
    activity = rows["activity"].astype(str).astype("category")
    codes = activity.cat.codes.to_numpy()
    names = [str(a) for a in activity.cat.categories]
    kwh = rows["quantity"].to_numpy(dtype=np.float64) * _to_canonical(
        rows, dimension, table, np.flatnonzero(wanted), headline
    )
    per_kwh = _kwh_per_canonical(dimension, set(names), energy_content)
    kwh *= np.array([per_kwh[a] for a in names] + [np.nan])[codes]
    return rows, names, codes, kwh


def resolve_rules(
    rules: pd.DataFrame | None, catalogue: Mapping[str, Activity]
) -> pd.DataFrame | None:
    """Transport-type rules with each ``activity`` written by its name turned into its code.

    A rule for "Diesel" or "El, nordisk elmix" then matches the rows the calculation counts as
    ``diesel`` and ``electricity_nordic_mix``.
    """
    if rules is None or "activity" not in rules.columns or not len(rules):
        return rules
    written = rules["activity"]
    given = written.notna() & (written.astype(str).str.strip() != "")
    if not given.any():
        return rules
    names = resolve_activity_names(written[given].astype(str).astype("category"), catalogue)
    out = rules.copy()
    out["activity"] = written.astype(object)
    out.loc[given, "activity"] = names.astype(str).to_numpy(dtype=object)
    return out


def _check_denominators(denominators: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    where = "<denominators>"
    table = denominators.rename(columns={"unit": "denominator_unit"}).reset_index(drop=True)
    problems = [
        Problem(where, None, column, None, ErrorReason.MISSING_COLUMN, "required column missing")
        for column in ("year", "denominator", "value")
        if column not in table.columns
    ]
    if problems:
        raise ActivityDataError(problems, "denominator table cannot be read")
    value = pd.to_numeric(table["value"], errors="coerce").to_numpy(dtype=np.float64)
    year = pd.to_numeric(table["year"], errors="coerce").to_numpy(dtype=np.float64)
    for row in np.flatnonzero(~(np.isfinite(value) & (value > 0))):
        problems.append(
            Problem(
                where,
                int(row),
                "value",
                table["value"].iloc[row],
                ErrorReason.INVALID_VALUE,
                "a denominator is a number > 0",
            )
        )
    for row in np.flatnonzero(~(np.isfinite(year) & (np.mod(year, 1) == 0))):
        problems.append(
            Problem(
                where,
                int(row),
                "year",
                table["year"].iloc[row],
                ErrorReason.INVALID_YEAR,
                "a year is a whole number",
            )
        )
    match = [k for k in keys if k in table.columns]
    labels = ["denominator", "denominator_unit"] if "denominator_unit" in table else ["denominator"]
    for row in np.flatnonzero(table.duplicated([*match, "denominator"], keep="first")):
        problems.append(
            Problem(
                where,
                int(row),
                "denominator",
                table["denominator"].iloc[row],
                ErrorReason.INVALID_VALUE,
                f"a second value for the same {', '.join(match)} and denominator",
            )
        )
    if problems:
        raise ActivityDataError(problems, "denominator table cannot be used")
    table = table[[*match, *labels]].copy()
    table["year"] = year.astype(np.int64)
    table["value"] = value
    return table


def _to_canonical(
    rows: pd.DataFrame,
    fuels: Mapping[str, str],
    table: ActivityTable,
    positions: npt.NDArray[np.intp],
    headline: str,
) -> npt.NDArray[np.float64]:
    """Multiplier to each row's canonical unit; every unreadable row is reported at once.

    ``positions`` are the rows' positions in ``table``: a problem names the file (and sheet)
    and the row the user sees there, and the value and reason the reader recorded for the cell
    (a negative quantity, a formula without a value…) where it recorded one.
    """
    units = rows["unit"].astype(object).astype("category")
    parsed: list[tuple[float, str, UnitError | None]] = []
    for text in units.cat.categories:
        try:
            info = parse_activity_unit(str(text))
            parsed.append((info.to_canonical, info.dimension, None))
        except UnitError as error:
            parsed.append((np.nan, "", error))
    parsed.append((np.nan, "", None))  # code -1: no unit
    codes = units.cat.codes.to_numpy()
    factor = np.array([p[0] for p in parsed])[codes]
    unit_dim = np.array([p[1] for p in parsed], dtype=object)[codes]
    expected = rows["activity"].astype(object).map(fuels).to_numpy(dtype=object)
    bad_unit = ~np.isfinite(factor) | (unit_dim != expected)
    bad_quantity = ~bad_unit & ~np.isfinite(rows["quantity"].to_numpy(dtype=np.float64))
    bad_year = ~bad_unit & ~bad_quantity & rows["year"].isna().to_numpy(dtype=bool)
    bad = np.flatnonzero(bad_unit | bad_quantity | bad_year)
    if not len(bad):
        return factor
    from klimatkalk.calculate import _where_in_file

    found = {(int(r["row"]), str(r["column"])): r for r in table.problems.to_dict("records")}
    places = _where_in_file(table, positions[bad])
    problems: list[Problem] = []
    for i, (file, line) in zip(bad, places, strict=True):
        position = int(positions[i])
        column = "unit" if bad_unit[i] else "quantity" if bad_quantity[i] else "year"
        read = found.get((position, column))
        if read is not None:  # the reader's own finding: its value, reason and message
            value = read["value"]
            problems.append(
                Problem(
                    file,
                    line,
                    column,
                    None if _blank(value) else value,
                    ErrorReason(str(read["reason"])),
                    str(read["message"]),
                )
            )
        elif bad_unit[i]:
            unit = rows["unit"].iloc[i]
            unparsed = parsed[codes[i]][2]
            if unparsed is not None:
                reason, message = unparsed.reason, unparsed.message
            elif _blank(unit):
                reason, message = ErrorReason.MISSING_VALUE, "value is missing"
            else:
                reason = ErrorReason.UNIT_DIMENSION_MISMATCH
                message = dimension_mismatch(str(unit_dim[i]), str(expected[i]))
            problems.append(
                Problem(file, line, "unit", None if _blank(unit) else unit, reason, message)
            )
        elif bad_quantity[i]:
            problems.append(
                Problem(file, line, "quantity", None, ErrorReason.MISSING_VALUE, "value is missing")
            )
        else:
            problems.append(
                Problem(
                    file,
                    line,
                    "year",
                    None,
                    ErrorReason.INVALID_YEAR,
                    "a year is a whole number 1900–2100",
                )
            )
    raise InputRowsError(problems, headline)


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, float) and np.isnan(value))


def _kwh_per_canonical(
    fuels: Mapping[str, str], used: set[str], energy_content: pd.DataFrame | None
) -> dict[str, float]:
    """Return kWh per canonical unit of every fuel used (1 for fuels measured in energy)."""
    out = {a: 1.0 for a in used if fuels[a] == "energy"}
    need = sorted(a for a in used if a not in out)
    if not need:
        return out
    table = energy_content if energy_content is not None else _bundled("energy_content.csv")
    for column in ("activity", "value", "unit"):
        if column not in table.columns:
            msg = f"energy_content needs columns activity, value, unit; it has {list(table)}"
            raise ValueError(msg)
    if table["activity"].duplicated().any():
        msg = "energy_content has two rows for the same activity"
        raise ValueError(msg)
    value_of = dict(zip(table["activity"].astype(str), table["value"], strict=True))
    unit_of = dict(zip(table["activity"].astype(str), table["unit"].astype(str), strict=True))
    lacking = [a for a in need if a not in value_of]
    if lacking:
        msg = f"no energy content for {lacking}: add rows (activity, value, unit 'MJ / l')"
        raise ValueError(msg)
    for a in need:
        value, text = value_of[a], unit_of[a]
        energy_text, _, per_text = text.partition("/")
        energy, per = (
            parse_activity_unit(energy_text.strip()),
            parse_activity_unit(per_text.strip()),
        )
        if energy.dimension != "energy" or per.dimension != fuels[a]:
            msg = (
                f"energy content of {a!r} in {text!r}: give energy per unit of "
                f"{fuels[a]} (e.g. 'MJ / l')"
            )
            raise ValueError(msg)
        out[a] = float(value) * energy.to_canonical / per.to_canonical
    return out


def _blend_share(
    rows: pd.DataFrame,
    names: list[str],
    codes: npt.NDArray[np.integer[Any]],
    fossil_free_fuels: Mapping[str, float],
    blend_fuel: Mapping[str, str] | None,
    blend_shares: pd.DataFrame | None,
) -> npt.NDArray[np.float64]:
    """Each row's bio share of energy from the blend table (0 for unblended fuels)."""
    share = np.zeros(len(rows))
    if not len(rows):
        return share
    table = blend_shares if blend_shares is not None else _bundled("reduktionsplikt.csv")
    for column in ("year", "fuel", "bio_share_energy"):
        if column not in table.columns:
            msg = f"blend shares need columns year, fuel, bio_share_energy; they have {list(table)}"
            raise ValueError(msg)
    values = pd.to_numeric(table["bio_share_energy"], errors="coerce").to_numpy(np.float64)
    if not (np.isfinite(values) & (values >= 0) & (values <= 1)).all():
        msg = "bio_share_energy must be a fraction between 0 and 1 (0.3 for 30 %)"
        raise ValueError(msg)
    blend = pd.DataFrame(
        {
            "year": pd.to_numeric(table["year"]).astype(np.int64),
            "fuel": table["fuel"].astype(str),
            "share": values,
        }
    )
    if blend.duplicated(["year", "fuel"]).any():
        msg = "the blend table has two rows for the same year and fuel"
        raise ValueError(msg)
    fuel_names = set(blend["fuel"])
    mapping = dict(blend_fuel or {})
    fuel_of = [
        None if a in fossil_free_fuels else mapping.get(a, a if a in fuel_names else None)
        for a in names
    ]
    fuel = np.array([*fuel_of, None], dtype=object)[codes]
    blended = np.flatnonzero(fuel != None)  # noqa: E711 (elementwise comparison)
    if not len(blended):
        return share
    wanted = pd.DataFrame(
        {"year": rows["year"].to_numpy(dtype=np.int64)[blended], "fuel": fuel[blended].astype(str)}
    )
    found = wanted.merge(blend, on=["year", "fuel"], how="left")["share"].to_numpy()
    absent = wanted[np.isnan(found)].drop_duplicates()
    if len(absent):
        pairs = sorted(zip(absent["year"].tolist(), absent["fuel"].tolist(), strict=True))
        msg = f"no bio share in the blend table for (year, fuel) {pairs}"
        raise ValueError(msg)
    share[blended] = found
    return share


def _bundled(name: str) -> pd.DataFrame:
    from klimatkalk._resources import data_root

    path = Path(data_root()) / name
    if not path.is_file():
        msg = f"{path} is not there; pass the table as an argument"
        raise FileNotFoundError(msg)
    return pd.read_csv(path, encoding="utf-8")
