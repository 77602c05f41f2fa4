"""Base year: change against the base year, as reported or with the base year recalculated.

A Swedish region's climate goal is set against a base year (usually 2019: *−50 % by 2030*).
:func:`compare_with_base_year` shows, per year and group, how far emissions have moved from the
base year. Between the base year and today the emission factors and the GWP set are usually
revised (the reduktionsplikt level, the electricity residual mix, AR5 → AR6), so the change mixes
what the organisation did with what the factor publishers did. :func:`recalculate_base_year`
recomputes the base-year activity data with the factor set and GWP set used for the current year
(GHG Protocol base-year recalculation [1]_), shows the difference per group, and flags it when it
reaches the significance threshold (5 % of the base-year inventory by default, the SBTi practice
[2]_). Pass the recalculation as ``base=`` to :func:`compare_with_base_year` for a like-for-like
comparison.

References
----------
.. [1] WRI/WBCSD, *The Greenhouse Gas Protocol: A Corporate Accounting and Reporting Standard*,
   revised edition (2004), ch. 5 "Tracking Emissions Over Time": recalculate the base year for
   structural changes, changes in calculation methodology or emission factors, and errors, when
   the change is significant; define and disclose the significance threshold.
.. [2] Science Based Targets initiative, base-year recalculation: a target is recalculated when
   changes reach 5 % of the base-year inventory (SBTi Corporate Net-Zero Standard, mandatory
   recalculation criteria; see https://community.sciencebasedtargets.org/t/base-year-recalculation/1392).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final, Literal

import numpy as np
import numpy.typing as npt
import pandas as pd

from klimatkalk.activity_data import ActivityTable
from klimatkalk.analysis.comparable import split_rows, verdict
from klimatkalk.analysis.trajectory.arguments import as_year
from klimatkalk.calculate import calculate_emissions
from klimatkalk.factors.activities import CATEGORIES
from klimatkalk.factors.library import FactorTable
from klimatkalk.formatting import format_number, format_percent, language
from klimatkalk.results import MASS_UNITS, EmissionsResult

__all__ = [
    "SIGNIFICANCE_THRESHOLD",
    "BaseYearRecalculation",
    "compare_with_base_year",
    "recalculate_base_year",
]

SIGNIFICANCE_THRESHOLD: Final = 0.05
"""Default significance threshold for base-year recalculation: 5 % of the base-year inventory."""

TOTAL: Final = "total"
"""Group value of the total rows."""

MassUnit = Literal["kg", "t", "kt"]


@dataclass(frozen=True)
class BaseYearRecalculation:
    """The base year as reported next to the base year recalculated with current factors.

    Built by :func:`recalculate_base_year`; pass it as ``base=`` to
    :func:`compare_with_base_year` to compare every year with the recalculated base year.

    Only the base-year rows calculated both ways are compared (*like for like*); rows that one
    side could not calculate (no factor in an early edition) are counted apart, never as a
    change.

    Attributes
    ----------
    base_year : int
        The base year.
    reported : EmissionsResult
        The base year as originally reported (its own factor edition and GWP set).
    recalculated : EmissionsResult
        The base-year activity data recalculated with the current factor set and GWP set.
    table : DataFrame
        Per group and a ``total`` row, over the rows calculated both ways:
        ``reported_<unit>_co2e``, ``recalculated_<unit>_co2e``, ``difference_<unit>_co2e``
        (recalculated − reported), ``difference_fraction`` (of the group's reported value),
        ``share_of_base_year`` (of the reported base-year total); then the rows calculated one
        way only: ``left_out_rows``, ``left_out_<unit>_co2e`` (their emissions on the side that
        calculated them) and ``left_out_share`` (of the group counting every row once);
        ``significant`` (True, False, or ``<NA>`` when the rows left out could decide it, see
        :func:`klimatkalk.analysis.comparable.verdict`) and ``status``. Shares are fractions.
    threshold : float
        The significance threshold as a fraction of the reported base-year total.
    """

    base_year: int
    reported: EmissionsResult
    recalculated: EmissionsResult
    table: pd.DataFrame
    threshold: float

    @property
    def significant(self) -> bool | None:
        """Whether the net change of the base-year inventory reaches the threshold.

        ``None`` when the rows calculated only one way could decide it: see :attr:`reason`.
        """
        value = self.table["significant"].iloc[-1]
        return None if pd.isna(value) else bool(value)

    @property
    def difference_share(self) -> float:
        """Net change of the comparable base-year total as a fraction of the reported total."""
        return float(self.table["share_of_base_year"].iloc[-1])

    @property
    def left_out_rows(self) -> int:
        """Base-year rows calculated only one way (left out of the comparison)."""
        return int(self.table["left_out_rows"].iloc[-1])

    @property
    def left_out_share(self) -> float:
        """The left-out rows' emissions as a fraction of the base year counting every row."""
        return float(self.table["left_out_share"].iloc[-1])

    @property
    def reason(self) -> str | None:
        """Why there is no significance verdict, or None when there is one."""
        return None if self.significant is not None else self._words(language())["reason"]

    def _words(self, lang: str) -> dict[str, str]:
        total = self.table.iloc[-1]
        unit = next(c for c in self.table.columns if c.startswith("left_out_") and "co2e" in c)
        t = float(total[unit]) * (1.0 / MASS_UNITS[unit.split("_")[2]]) / 1000.0
        n = format_number(self.left_out_rows, lang=lang)
        share = format_percent(self.left_out_share, 1, lang=lang)
        tonnes = format_number(t, 0, lang=lang)
        limit = format_percent(self.threshold, lang=lang)
        if lang == "sv":
            return {
                "left": f"{n} rader ({tonnes} t, {share} av basåret) kunde bara beräknas "
                "på ena sidan och ingår inte i jämförelsen",
                "reason": f"{n} rader ({tonnes} t, {share} av basåret) kunde bara beräknas "
                f"på ena sidan och kan ensamma avgöra om ändringen når {limit}",
                "none": "ingen bedömning av signifikans",
                "yes": f"signifikant vid {limit}",
                "no": f"inte signifikant vid {limit}",
                "head": "av det rapporterade basåret, på rader beräknade på båda sidor",
            }
        return {
            "left": f"{n} rows ({tonnes} t, {share} of the base year) were calculated on one "
            "side only and are left out of the comparison",
            "reason": f"{n} rows ({tonnes} t, {share} of the base year) were calculated on "
            f"one side only and could decide on their own whether the change reaches {limit}",
            "none": "no significance verdict",
            "yes": f"significant at {limit}",
            "no": f"not significant at {limit}",
            "head": "of the reported base year, on rows calculated on both sides",
        }

    def __repr__(self) -> str:
        lang = language()
        words = self._words(lang)
        change = format_percent(self.difference_share, 1, lang=lang, sign=True)
        head = words["head"] if self.left_out_rows else words["head"].split(",")[0]
        text = f"<BaseYearRecalculation {self.base_year}: {change} {head}"
        significant = self.significant
        if significant is None:
            return f"{text}; {words['none']}: {words['reason']}>"
        text += f", {words['yes'] if significant else words['no']}"
        if self.left_out_rows:
            text += f"; {words['left']}"
        return text + ">"


def compare_with_base_year(
    result: EmissionsResult,
    base_year: int = 2019,
    by: str | Sequence[str] = ("category",),
    unit: MassUnit = "t",
    *,
    base: EmissionsResult | BaseYearRecalculation | None = None,
) -> pd.DataFrame:
    """Change in emissions against the base year, per year and group.

    Parameters
    ----------
    result : EmissionsResult
        Calculated emissions of one or more years.
    base_year : int, default 2019
        The base year.
    by : str or sequence of str, default ("category",)
        Columns of ``result.rows`` to group by (``"year"`` is always the first key).
    unit : {"kg", "t", "kt"}, default "t"
        Mass unit of CO2e in the output columns.
    base : EmissionsResult or BaseYearRecalculation, optional
        Where the base-year emissions come from: by default the ``base_year`` rows of
        ``result`` itself (the base year as reported); a :class:`BaseYearRecalculation` (or
        any result holding base-year rows) compares like-for-like with a recalculated base year.

    Returns
    -------
    DataFrame
        One row per year and group, then a ``total`` row per year (every ``by`` column holds
        ``"total"``), with ``base_emissions_<unit>_co2e``, ``emissions_<unit>_co2e``,
        ``change_<unit>_co2e`` (emissions − base), ``change_fraction`` (change / base, so
        −0.25 is −25 %; NaN where the base is 0), ``status``: ``"in both years"``, ``"new
        since base year"`` (base 0, change_fraction NaN), ``"not in this year"`` (emissions 0,
        change_fraction −1) or ``"total"`` (the total rows, and every row when ``by`` is
        empty), and ``rejected_rows`` / ``rejected_base_rows``: the input rows of the year /
        of the base year that could not be calculated (:meth:`EmissionsResult.rejected_by_year`).
        Their emissions are in neither column, so a change in a year with rejected rows may be
        a gap in the data rather than a change in emissions: look at ``result.rejected``.

    Raises
    ------
    ValueError
        If the base has no rows for ``base_year``, ``by`` names ``"year"`` or a missing column,
        or ``unit`` is unknown.

    Examples
    --------
    Nitrous oxide (AR5 GWP100 265) and refrigerant R134a (1300) in 2019, nitrous oxide and
    desflurane (1790) in 2024:

    >>> import pandas as pd
    >>> import klimatkalk as kk
    >>> from klimatkalk.analysis.baseline import compare_with_base_year
    >>> acts = pd.DataFrame({
    ...     "year": [2019, 2019, 2024, 2024],
    ...     "activity": ["nitrous_oxide", "refrigerant_r134a", "nitrous_oxide", "desflurane"],
    ...     "quantity": [100, 10, 80, 5], "unit": ["kg", "kg", "kg", "kg"]})
    >>> table = compare_with_base_year(kk.calculate_emissions(acts), by="activity")
    >>> table[table["year"] == 2024][["activity", "base_emissions_t_co2e", "status"]]
                activity  base_emissions_t_co2e               status
    3         desflurane                    0.0  new since base year
    4      nitrous_oxide                   26.5        in both years
    5  refrigerant_r134a                   13.0     not in this year
    6              total                   39.5                total
    >>> table["emissions_t_co2e"].round(3).tolist()[3:]  # 5 kg × 1790; 80 kg × 265
    [8.95, 21.2, 0.0, 30.15]
    >>> table["change_fraction"].round(3).tolist()[3:]  # 21.2 / 26.5 − 1; 30.15 / 39.5 − 1
    [nan, -0.2, -1.0, -0.237]
    """
    base_year = as_year("base_year", base_year)
    asked = _as_keys(by, forbid=("year",))
    keys = [_column_name(result, k) for k in asked]
    scale = _scale(unit)
    if isinstance(base, BaseYearRecalculation):
        base = base.recalculated
    base_rows = _year_rows(result if base is None else base, base_year, "base")
    current = _sum_by(result.rows, ["year", *keys], scale, "emissions")
    if base is None:  # the same sums as the base year's own rows, so that its change is 0
        same = (current["year"] == base_year).to_numpy(dtype=bool, na_value=False)
        reference = (
            current[same].drop(columns="year").rename(columns={"emissions": "base_emissions"})
        )
    else:
        reference = _sum_by(base_rows, keys, scale, "base_emissions")
    years = pd.DataFrame({"year": pd.unique(result.rows["year"])})
    reference = (
        years.merge(reference, how="cross")
        if keys
        else years.assign(base_emissions=float(reference["base_emissions"].iloc[0]))
    )
    _unify_categories([current, reference], keys)
    table = current.merge(reference, on=["year", *keys], how="outer", indicator=True)
    status = _status(
        table.pop("_merge"), "in both years", "new since base year", "not in this year"
    )
    values = ["base_emissions", "emissions"]
    table[values] = table[values].fillna(0.0)
    table["status"] = status if keys else TOTAL
    table = _append_totals(table, ["year", *keys], ["year"], values)
    table["change"] = table["emissions"] - table["base_emissions"]
    table["change_fraction"] = _fraction(table["change"], table["base_emissions"])
    counts = result.rejected_by_year().dropna(subset=["year"])
    per_year = dict(zip(counts["year"].astype(int), counts["rejected_rows"], strict=True))
    table["rejected_rows"] = [int(per_year.get(int(y), 0)) for y in table["year"]]
    table["rejected_base_rows"] = (result if base is None else base).rejected_in(base_year)
    columns = ["year", *keys, *values, "change", "change_fraction", "status"]
    table = table[[*columns, "rejected_rows", "rejected_base_rows"]]
    return table.rename(
        columns={
            "base_emissions": f"base_emissions_{unit}_co2e",
            "emissions": f"emissions_{unit}_co2e",
            "change": f"change_{unit}_co2e",
            **{k: a for k, a in zip(keys, asked, strict=True) if k != a},
        }
    )


def recalculate_base_year(
    base_activities: ActivityTable | pd.DataFrame,
    current: FactorTable | EmissionsResult,
    reported: FactorTable | EmissionsResult,
    *,
    base_year: int = 2019,
    gwp_set: str | None = None,
    reported_gwp_set: str | None = None,
    boundary: Literal["lifecycle", "combustion"] | None = None,
    by: str | Sequence[str] = ("category",),
    threshold: float = SIGNIFICANCE_THRESHOLD,
    unit: MassUnit = "t",
) -> BaseYearRecalculation:
    """Recalculate the base year like-for-like with the current factor set and GWP set.

    Parameters
    ----------
    base_activities : ActivityTable or DataFrame
        Activity data; only the rows of ``base_year`` are used.
    current : FactorTable or EmissionsResult
        The factor set used for the current year, or the current year's result (whose factor
        set, GWP set, boundary and fallback rule are then used).
    reported : FactorTable or EmissionsResult
        The base year as originally reported: its result (the ``base_year`` rows are used), or
        the factor set it was calculated with (e.g. ``load_factors(edition=2019)``).
    base_year : int, default 2019
        The base year.
    gwp_set : str, optional
        GWP set of the recalculation; by default that of ``current`` if it is a result, else
        ``"AR5GWP100"``.
    reported_gwp_set : str, optional
        GWP set of the reported base year when ``reported`` is a factor set; by default
        ``gwp_set``.
    boundary : {"lifecycle", "combustion"}, optional
        By default that of ``current`` if it is a result, else ``"lifecycle"``.
    by : str or sequence of str, default ("category",)
        Columns of the result rows to group the table by.
    threshold : float, default 0.05
        Significance threshold, a fraction of the reported base-year total (SBTi: 5 %).
    unit : {"kg", "t", "kt"}, default "t"
        Mass unit of CO2e in the table.

    Returns
    -------
    BaseYearRecalculation
        ``reported`` and ``recalculated`` results and the comparison ``table``.

    Raises
    ------
    ValueError
        If there are no activity rows or no reported rows for ``base_year``, or an argument is
        out of range.

    Notes
    -----
    A group is flagged ``significant`` when its difference reaches ``threshold`` of the
    *whole* reported base-year inventory (the test the GHG Protocol and SBTi apply); the
    ``total`` row tests the net difference of the inventory, which decides whether to
    recalculate. Rows rejected under one set and not the other change the totals too: compare
    ``reported.rejected`` and ``recalculated.rejected``.

    Examples
    --------
    Changing from AR5 to AR6 alone raises a base year of 100 kg nitrous oxide (GWP100 265 →
    273) and 10 kg R134a (1300 → 1530) by 3.1 t, 7.8 % of 39.5 t: a significant change.

    >>> import pandas as pd
    >>> import klimatkalk as kk
    >>> from klimatkalk.analysis.baseline import recalculate_base_year
    >>> from klimatkalk.formatting import NBSP
    >>> acts = pd.DataFrame({"year": [2019, 2019],
    ...                      "activity": ["nitrous_oxide", "refrigerant_r134a"],
    ...                      "quantity": [100, 10], "unit": ["kg", "kg"]})
    >>> factors = kk.load_factors()
    >>> recalc = recalculate_base_year(acts, factors, factors, gwp_set="AR6GWP100",
    ...                                reported_gwp_set="AR5GWP100")
    >>> recalc.table[["category", "reported_t_co2e", "recalculated_t_co2e", "significant"]]
            category  reported_t_co2e  recalculated_t_co2e  significant
    0  medical_gases             26.5                 27.3        False
    1   refrigerants             13.0                 15.3         True
    2          total             39.5                 42.6         True
    >>> print(repr(recalc).replace(NBSP, " "))  # Swedish by default; set_language("en")
    <BaseYearRecalculation 2019: +7,8 % av det rapporterade basåret, signifikant vid 5 %>
    """
    if not 0.0 < threshold < 1.0:
        msg = f"threshold={threshold!r}; give a fraction between 0 and 1 (0.05 for 5 %)"
        raise ValueError(msg)
    keys = _as_keys(by)
    scale = _scale(unit)
    full = _as_table(base_activities)
    table = _year_activities(full, base_year)
    if isinstance(current, EmissionsResult):
        factors = current.factors
        gwp = gwp_set or current.gwp_set
        bound = boundary or current.boundary
        fallback = current.fallback
    else:
        factors, gwp, fallback = current, gwp_set or "AR5GWP100", "none"
        bound = boundary or "lifecycle"
    recalculated = calculate_emissions(
        table, factors, gwp_set=gwp, boundary=_boundary(bound), fallback=_fallback(fallback)
    )
    if isinstance(reported, EmissionsResult):
        reported_result = reported
    else:
        reported_result = calculate_emissions(
            table,
            reported,
            gwp_set=reported_gwp_set or gwp,
            boundary=_boundary(bound),
            fallback=_fallback(fallback),
        )
    old_rows = _year_rows(reported_result, base_year, "reported")
    new_rows = _year_rows(recalculated, base_year, "recalculated")
    old_both, new_both = _comparable(old_rows, new_rows, reported_result, full, table, base_year)
    parts = [
        _sum_by(old_rows[old_both], keys, scale, "reported"),
        _sum_by(new_rows[new_both], keys, scale, "recalculated"),
        _sum_by(old_rows[~old_both], keys, scale, "left_old"),
        _sum_by(new_rows[~new_both], keys, scale, "left_new"),
        _count_by(old_rows[~old_both], keys, "rows_old"),
        _count_by(new_rows[~new_both], keys, "rows_new"),
        _sum_by(old_rows, keys, scale, "any_old"),
        _sum_by(new_rows, keys, scale, "any_new"),
    ]
    _unify_categories(parts, keys)
    frame = parts[0]
    for part in parts[1:]:
        frame = (
            frame.merge(part, on=keys, how="outer") if keys else pd.concat([frame, part], axis=1)
        )
    values = ["reported", "recalculated", "left_old", "left_new", "rows_old", "rows_new"]
    if keys:  # a group with any row on a side is present on that side
        has_old = frame["any_old"].notna().to_numpy()
        has_new = frame["any_new"].notna().to_numpy()
        labels = np.where(
            has_old & has_new, "in both", np.where(has_old, "only reported", "only recalculated")
        )
        frame["status"] = labels.astype(object)
    else:
        frame["status"] = TOTAL
    frame = frame.drop(columns=["any_old", "any_new"])
    frame[values] = frame[values].fillna(0.0)
    frame = _append_totals(frame, keys, [], values)
    total_reported = float(frame["reported"].iloc[-1])
    total_left = float((frame["left_old"] + frame["left_new"]).iloc[-1])
    frame["difference"] = frame["recalculated"] - frame["reported"]
    frame["difference_fraction"] = _fraction(frame["difference"], frame["reported"])
    frame["share_of_base_year"] = _fraction(
        frame["difference"], pd.Series(total_reported, index=frame.index)
    )
    frame["left_out_rows"] = (frame["rows_old"] + frame["rows_new"]).to_numpy(dtype=np.int64)
    frame["left_out"] = frame["left_old"] + frame["left_new"]
    frame["left_out_share"] = _fraction(
        frame["left_out"], frame["recalculated"] + frame["left_out"]
    )
    frame["significant"] = pd.array(
        [
            verdict(d, total_reported, left, threshold, base_left_out=total_left)
            for d, left in zip(frame["difference"], frame["left_out"], strict=True)
        ],
        dtype="boolean",
    )
    frame = frame[
        [
            *keys,
            "reported",
            "recalculated",
            "difference",
            "difference_fraction",
            "share_of_base_year",
            "left_out_rows",
            "left_out",
            "left_out_share",
            "significant",
            "status",
        ]
    ]
    frame = frame.rename(
        columns={
            "reported": f"reported_{unit}_co2e",
            "recalculated": f"recalculated_{unit}_co2e",
            "difference": f"difference_{unit}_co2e",
            "left_out": f"left_out_{unit}_co2e",
        }
    )
    return BaseYearRecalculation(
        base_year=base_year,
        reported=reported_result,
        recalculated=recalculated,
        table=frame,
        threshold=threshold,
    )


# --------------------------------------------------------------------------------------------
# helpers shared with decomposition, factor_impact and indicators
# --------------------------------------------------------------------------------------------


def _as_table(activities: ActivityTable | pd.DataFrame) -> ActivityTable:
    if isinstance(activities, ActivityTable):
        return activities
    return ActivityTable.from_frame(activities)


def _year_activities(activities: ActivityTable | pd.DataFrame, year: int) -> ActivityTable:
    """Return the activity rows of one year, validated (rows without a readable year drop)."""
    table = _as_table(activities)
    mask = (table.frame["year"] == year).to_numpy(dtype=bool, na_value=False)
    if not mask.any():
        msg = f"no activity rows for year {year}"
        raise ValueError(msg)
    return ActivityTable.from_frame(table.frame[mask], file=table.file)


def _comparable(
    old_rows: pd.DataFrame,
    new_rows: pd.DataFrame,
    reported: EmissionsResult,
    full: ActivityTable,
    year_table: ActivityTable,
    base_year: int,
) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.bool_]]:
    """Mark the reported and recalculated base-year rows that the other side calculated too.

    The recalculation's rows are numbered within the base year's activity rows. A reported
    result calculated from the same activity rows (the base year's, or every year's) is matched
    row by row; one calculated from other data (a result published years ago) by activity: the
    rows of an activity that the other side has no row for are the ones left out.
    """
    frame = reported.parts.frame
    if _same_rows(frame, year_table.frame):
        return _split(old_rows, new_rows)
    if _same_rows(frame, full.frame):
        positions = np.flatnonzero(
            (full.frame["year"] == base_year).to_numpy(dtype=bool, na_value=False)
        )
        where = np.searchsorted(positions, old_rows.index.to_numpy())
        return _split(old_rows.set_axis(where), new_rows)
    old_activity = old_rows["activity"].astype(str)
    new_activity = new_rows["activity"].astype(str)
    return (
        old_activity.isin(set(new_activity)).to_numpy(),
        new_activity.isin(set(old_activity)).to_numpy(),
    )


def _split(
    old_rows: pd.DataFrame, new_rows: pd.DataFrame
) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.bool_]]:
    split = split_rows(old_rows, new_rows)
    return split.a_both, split.b_both


def _same_rows(a: pd.DataFrame, b: pd.DataFrame) -> bool:
    """Whether two activity frames hold the same rows (year and activity, in order)."""
    if len(a) != len(b):
        return False
    return all(
        np.array_equal(a[c].astype(str).to_numpy(), b[c].astype(str).to_numpy())
        for c in ("year", "activity")
    )


def _count_by(rows: pd.DataFrame, keys: list[str], name: str) -> pd.DataFrame:
    """Count rows by ``keys`` (missing key values form a group)."""
    if not keys:
        return pd.DataFrame({name: [float(len(rows))]})
    counts = rows.groupby(keys, observed=True, dropna=False, sort=False).size()
    return counts.rename(name).astype(np.float64).reset_index()


def _as_keys(by: str | Sequence[str], forbid: Sequence[str] = ()) -> list[str]:
    keys = [by] if isinstance(by, str) else list(by)
    if len(set(keys)) != len(keys):
        msg = f"by={by!r} names a column twice"
        raise ValueError(msg)
    for name in forbid:
        if name in keys:
            msg = f"by={by!r}: {name!r} is always a key here; leave it out"
            raise ValueError(msg)
    return keys


def _column_name(result: EmissionsResult, name: str) -> str:
    """Return the result column ``name`` means (a Swedish alias accepted), else ``name``."""
    try:
        return result.column_name(name)
    except KeyError:
        return name  # _sum_by names the columns there are


def _scale(unit: str) -> float:
    if unit not in MASS_UNITS:
        msg = f"unit={unit!r}; choose one of {', '.join(MASS_UNITS)}"
        raise ValueError(msg)
    return MASS_UNITS[unit]


def _boundary(value: str) -> Literal["lifecycle", "combustion"]:
    if value == "combustion":
        return "combustion"
    if value == "lifecycle":
        return "lifecycle"
    msg = f"boundary={value!r}; choose lifecycle or combustion"
    raise ValueError(msg)


def _fallback(value: str) -> Literal["none", "previous"]:
    return "previous" if value == "previous" else "none"


def _year_rows(result: EmissionsResult, year: int, what: str) -> pd.DataFrame:
    rows = result.rows
    mask = (rows["year"] == year).to_numpy(dtype=bool, na_value=False)
    if not mask.any():
        present = sorted({int(y) for y in pd.unique(rows["year"].dropna())})
        msg = f"the {what} result has no calculated rows for {year}; years present: {present}"
        raise ValueError(msg)
    return rows[mask]


def _sum_by(rows: pd.DataFrame, keys: list[str], scale: float, name: str) -> pd.DataFrame:
    """Sum ``emissions_kg_co2e`` × ``scale`` by ``keys`` (missing key values form a group)."""
    missing = [k for k in keys if k not in rows.columns]
    if missing:
        msg = f"no column {missing} in the result rows; the columns are {list(rows.columns)}"
        raise ValueError(msg)
    values = rows["emissions_kg_co2e"].to_numpy(dtype=np.float64) * scale
    if not keys:
        return pd.DataFrame({name: [float(values.sum())]})
    series = pd.Series(values, index=rows.index, name=name)
    grouped = series.groupby([rows[k] for k in keys], observed=True, dropna=False, sort=False)
    return grouped.sum().reset_index()


def _unify_categories(frames: Sequence[pd.DataFrame], keys: Sequence[str]) -> None:
    """Give every categorical key column the same categories in all frames (in place).

    Categories keep their first order of appearance (``category`` is put in the report order of
    :data:`klimatkalk.activities.CATEGORIES`), so that sorting follows it and merging keeps the
    columns categorical.
    """
    for key in keys:
        if not any(isinstance(f[key].dtype, pd.CategoricalDtype) for f in frames):
            continue
        seen: dict[object, None] = {}
        for f in frames:
            column = f[key]
            values = (
                column.cat.categories
                if isinstance(column.dtype, pd.CategoricalDtype)
                else pd.unique(column.dropna())
            )
            seen.update(dict.fromkeys(values))
        order = list(seen)
        if key == "category":  # report order: energy, transport, medical gases…
            rank = {c: i for i, c in enumerate(CATEGORIES)}
            order.sort(key=lambda c: rank.get(str(c), len(rank)))
        categories = pd.Index(order, dtype=object)
        for f in frames:
            f[key] = pd.Categorical(f[key].astype(object), categories=categories)


def _status(merge: pd.Series, both: str, left: str, right: str) -> pd.Series:
    labels = {"both": both, "left_only": left, "right_only": right}
    return pd.Series([labels[str(m)] for m in merge], index=merge.index, dtype=object)


def _append_totals(
    frame: pd.DataFrame, keys: Sequence[str], within: Sequence[str], values: Sequence[str]
) -> pd.DataFrame:
    """Sort ``frame`` by ``keys`` and add a total row per ``within`` group, after its rows.

    The key columns that are not in ``within`` hold ``"total"`` on the total rows; ``values``
    are summed, and a ``status`` column (if present) says ``"total"``. Without such key
    columns the frame is only sorted (its rows already are the totals).
    """
    frame = frame.sort_values(list(keys), kind="stable") if keys else frame
    groups = [k for k in keys if k not in within]
    if not groups:
        return frame.reset_index(drop=True)
    if within:
        grouped = frame.groupby(list(within), dropna=False, observed=True, sort=False)
        totals = grouped[list(values)].sum().reset_index()
    else:
        totals = frame[list(values)].sum().to_frame().T.astype(np.float64)
    frame = frame.copy()
    for key in groups:
        frame[key] = frame[key].astype(object)
        totals[key] = TOTAL
    if "status" in frame:
        totals["status"] = TOTAL
    frame["_total"] = False
    totals["_total"] = True
    out = pd.concat([frame, totals[frame.columns]], ignore_index=True)
    out = out.sort_values([*within, "_total"], kind="stable") if within else out
    return out.drop(columns="_total").reset_index(drop=True)


def _fraction(numerator: pd.Series, denominator: pd.Series) -> pd.Series:
    """Return numerator / denominator (a fraction, as every share in the API); NaN where 0."""
    num = numerator.to_numpy(dtype=np.float64)
    den = denominator.to_numpy(dtype=np.float64)
    out = np.full(len(num), np.nan)
    with np.errstate(over="ignore"):  # a subnormal base gives ±inf, not a warning
        np.divide(num, den, out=out, where=den != 0)
    return pd.Series(out, index=numerator.index)
