"""Tests for the trajectories: hand-computed values, properties and the Västmanland case."""

from __future__ import annotations

import csv
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from klimatkalk.analysis.trajectory import (
    ConventionMatch,
    Trajectory,
    TrajectoryStatus,
    infer_convention,
)

PUBLIC_FIGURES = Path(__file__).parents[2].parent / "shared" / "reference" / "public_figures.csv"

# No example database: keep the shared working tree free of .hypothesis/ files.
PROPERTY = settings(database=None, deadline=None, max_examples=200)


# ------------------------------------------------------------------------------------------
# hand-computed path values (base 2019, −50 % by 2030, values as fractions of base)
# ------------------------------------------------------------------------------------------


def test_linear_from_base_year() -> None:
    path = Trajectory.linear(2019, 2030, 0.5)
    # 1 − 0.5·5/11 = 1 − 0.227273 = 0.772727
    assert path.value(2024) == pytest.approx(0.7727273, abs=1e-7)
    assert path.required_reduction(2024) == pytest.approx(0.2272727, abs=1e-7)
    # one step = 0.5/11 = 0.0454545 of base per year ("4.55 pp/yr")
    assert path.annual_step == pytest.approx(0.0454545, abs=1e-7)
    assert path.annual_rate is None
    assert path.value(2019) == 1.0
    assert path.value(2030) == 0.5


def test_constant_rate_from_base_year() -> None:
    path = Trajectory.constant_rate(2019, 2030, 0.5)
    # 0.5^(5/11) = exp(5/11 · ln 0.5) = exp(−0.315067) = 0.729740
    assert path.value(2024) == pytest.approx(0.729740, abs=1e-6)
    assert path.required_reduction(2024) == pytest.approx(0.270260, abs=1e-6)  # "27.0 %"
    # annual cut 1 − 0.5^(1/11) = 1 − 0.938931 = 0.061069 ("6.1 %/yr")
    assert path.annual_rate == pytest.approx(0.061069, abs=1e-6)
    assert path.annual_step is None
    # two steps: 0.938931² = 0.881591
    assert path.value(2021) == pytest.approx(0.881591, abs=1e-6)


def test_linear_from_later_start_year() -> None:
    path = Trajectory.linear(2019, 2030, 0.5, start_year=2021)
    # flat at the base value before the start year
    assert path.value(2019) == 1.0
    assert path.value(2020) == 1.0
    assert path.value(2021) == 1.0
    # 1 − 0.5·(2024−2021)/(2030−2021) = 1 − 0.5·3/9 = 0.833333 → 16.7 %
    assert path.value(2024) == pytest.approx(0.833333, abs=1e-6)
    assert path.required_reduction(2024) == pytest.approx(0.166667, abs=1e-6)
    # 0.5/9 = 0.055556 of base per year ("5.56 pp/yr")
    assert path.annual_step == pytest.approx(0.055556, abs=1e-6)


def test_constant_rate_from_later_start_year() -> None:
    path = Trajectory.constant_rate(2019, 2030, 0.5, start_year=2022)
    # 0.5^(2/8) = 0.5^0.25 = 0.840896 → 15.9 %
    assert path.value(2024) == pytest.approx(0.840896, abs=1e-6)
    assert path.required_reduction(2024) == pytest.approx(0.159104, abs=1e-6)
    # annual cut 1 − 0.5^(1/8) = 1 − 0.917004 = 0.082996 ("8.3 %/yr")
    assert path.annual_rate == pytest.approx(0.082996, abs=1e-6)


@pytest.mark.parametrize(
    ("shape", "start_year", "expected"),
    [
        # domain-facts table, r(2024) for later starts
        ("linear", 2020, 0.200),  # 0.5·4/10
        ("linear", 2022, 0.125),  # 0.5·2/8
        ("constant_rate", 2020, 0.242),  # 1 − 0.5^(4/10) = 1 − 0.757858
        ("constant_rate", 2021, 0.206),  # 1 − 0.5^(3/9) = 1 − 0.793701
        ("constant_rate", 2023, 0.094),  # 1 − 0.5^(1/7) = 1 − 0.905724
    ],
)
def test_required_reduction_2024_for_other_start_years(
    shape: str, start_year: int, expected: float
) -> None:
    factory = Trajectory.linear if shape == "linear" else Trajectory.constant_rate
    path = factory(2019, 2030, 0.5, start_year=start_year)
    assert path.required_reduction(2024) == pytest.approx(expected, abs=5e-4)


def test_start_value_and_base_value_in_tonnes() -> None:
    # base 2019 = 2000 t; the path starts 2022 from the actual 2022 level 1800 t; target 1000 t
    path = Trajectory.linear(2019, 2030, 0.5, base_value=2000.0, start_year=2022, start_value=1800)
    assert path.value(2021) == 2000.0  # flat at the base value before the start
    assert path.value(2022) == 1800.0
    # 1800 + (1000 − 1800)·4/8 = 1400
    assert path.value(2026) == pytest.approx(1400.0)
    assert path.required_reduction(2026) == pytest.approx(0.3)  # 1 − 1400/2000
    assert path.annual_step == pytest.approx(100.0)  # 800/8

    geo = Trajectory.constant_rate(2019, 2030, 0.5, base_value=2000.0, start_value=2500.0)
    # 2500·(1000/2500)^(5/11) = 2500·0.4^0.454545 = 2500·0.659353 = 1648.38
    assert geo.value(2024) == pytest.approx(1648.38, abs=0.01)


def test_path_is_flat_at_target_after_target_year() -> None:
    for factory in (Trajectory.linear, Trajectory.constant_rate):
        path = factory(2019, 2030, 0.5, base_value=10.0)
        assert path.value(2030) == 5.0
        assert path.value(2040) == 5.0
        assert path.target_value == 5.0


def test_fractional_years_interpolate() -> None:
    path = Trajectory.linear(2019, 2029, 0.5)
    # 1 − 0.5·2.5/10 = 0.875
    assert path.value(2021.5) == pytest.approx(0.875)


def test_values_returns_named_series() -> None:
    path = Trajectory.linear(2019, 2030, 0.5)
    series = path.values(range(2018, 2032))
    assert isinstance(series, pd.Series)
    assert series.name == "path_t_co2e"
    assert series.index.name == "year"
    assert series.index.tolist() == list(range(2018, 2032))
    assert series.dtype == np.float64
    assert series.loc[2018] == 1.0
    assert series.loc[2024] == pytest.approx(0.772727, abs=1e-6)
    assert series.loc[2031] == 0.5
    for year, value in zip(series.index, series.to_numpy(), strict=True):
        assert value == path.value(int(year))
    assert path.values([]).empty


# ------------------------------------------------------------------------------------------
# budget path
# ------------------------------------------------------------------------------------------


def test_budget_path_values() -> None:
    # E_s = 100 t/yr, B = 1000 t → k = E_s/B = 0.1 per year
    path = Trajectory.budget(base_year=2024, base_value=100.0, budget=1000.0)
    assert path.shape == "budget"
    assert path.carbon_budget == 1000.0
    assert path.target_year is None
    assert path.target_value is None
    assert path.value(2024) == 100.0
    assert path.value(2025) == pytest.approx(90.4837, abs=1e-4)  # 100·e^−0.1
    assert path.value(2030) == pytest.approx(54.8812, abs=1e-4)  # 100·e^−0.6
    assert path.annual_rate == pytest.approx(0.0951626, abs=1e-7)  # 1 − e^−0.1
    assert path.required_reduction(2030) == pytest.approx(0.451188, abs=1e-6)
    # ∫ from 2024 to 2034 = 1000·(1 − e^−1) = 632.1206
    assert path.cumulative(2034) == pytest.approx(632.1206, abs=1e-4)
    assert path.cumulative(2024) == 0.0
    assert path.cumulative(2000) == 0.0


def test_budget_path_with_later_start() -> None:
    # base 2019 = 120; budget 400 from 2024 where emissions are 80 → k = 0.2
    path = Trajectory.budget(
        base_year=2019, base_value=120.0, budget=400.0, start_year=2024, start_value=80.0
    )
    assert path.value(2023) == 120.0  # flat at base before the start
    assert path.value(2026) == pytest.approx(80 * math.exp(-0.4))  # 53.6256
    assert path.annual_rate == pytest.approx(1 - math.exp(-0.2))  # 0.181269
    # required reduction vs base 2019: 1 − 53.6256/120 = 0.553120
    assert path.required_reduction(2026) == pytest.approx(0.553120, abs=1e-6)


def test_budget_remaining_and_exhaustion() -> None:
    path = Trajectory.budget(
        base_year=2019, base_value=120.0, budget=400.0, start_year=2024, start_value=80.0
    )
    actuals = {2023: 90.0, 2024: 80.0, 2025: 75.0}
    # 2023 is before the start year: 400 − 80 − 75 = 245
    assert path.budget_remaining(actuals) == pytest.approx(245.0)
    # 245 t left at 75 t/yr → 3.2667 years after 2025
    assert path.years_until_budget_exhausted(actuals) == pytest.approx(245 / 75)
    overspent = {2024: 200.0, 2025: 250.0}
    assert path.budget_remaining(overspent) == pytest.approx(-50.0)
    assert path.years_until_budget_exhausted(overspent) == 0.0
    assert path.years_until_budget_exhausted({2024: 100.0, 2025: 0.0}) == math.inf
    with pytest.raises(ValueError, match="at least one year"):
        path.years_until_budget_exhausted({})


def test_budget_methods_need_a_budget_path() -> None:
    linear = Trajectory.linear()
    with pytest.raises(ValueError, match="only defined for budget"):
        linear.budget_remaining({2024: 1.0})
    with pytest.raises(ValueError, match="only defined for budget"):
        linear.years_until_budget_exhausted({2024: 1.0})


def test_cumulative_linear_and_constant_rate() -> None:
    linear = Trajectory.linear(2019, 2030, 0.5)
    # trapezoid (1 + 0.5)/2 · 11 = 8.25, then 0.5 per year after 2030
    assert linear.cumulative(2030) == pytest.approx(8.25)
    assert linear.cumulative(2035) == pytest.approx(8.25 + 2.5)
    # half-way: ∫0^5.5 (1 − t/22) dt = 5.5 − 5.5²/44 = 4.8125
    assert linear.cumulative(2024.5) == pytest.approx(4.8125)
    geo = Trajectory.constant_rate(2019, 2030, 0.5)
    # k = ln 2/11; ∫0^11 e^(−kt) dt = (1 − 0.5)/k = 5.5/0.693147 = 7.934823
    assert geo.cumulative(2030) == pytest.approx(7.934823, abs=1e-6)


# ------------------------------------------------------------------------------------------
# required annual reduction and status
# ------------------------------------------------------------------------------------------


def test_required_annual_reduction_by_hand() -> None:
    path = Trajectory.linear(2019, 2030, 0.5)
    # 2024 actual at +1 % (1.01), target 0.5 in 2030, 6 years left:
    # (0.5/1.01) = 0.4950495; ln = −0.7030975; /6 = −0.1171829; exp = 0.8894225
    # → 1 − 0.8894225 = 0.1105775
    assert path.required_annual_reduction(2024, 1.01) == pytest.approx(0.1105775, abs=1e-7)
    # the shape of the path does not matter, only the target
    geo = Trajectory.constant_rate(2019, 2030, 0.5)
    assert geo.required_annual_reduction(2024, 1.01) == path.required_annual_reduction(2024, 1.01)
    # in tonnes: 1000 t base, 800 t in 2026, target 500 t: 1 − (500/800)^(1/4)
    # = 1 − 0.625^0.25 = 1 − 0.889140 = 0.110860
    tonnes = Trajectory.linear(2019, 2030, 0.5, base_value=1000.0)
    assert tonnes.required_annual_reduction(2026, 800.0) == pytest.approx(0.110860, abs=1e-6)


def test_required_annual_reduction_edge_cases() -> None:
    path = Trajectory.linear(2019, 2030, 0.5)
    assert path.required_annual_reduction(2024, 0.5) == 0.0  # at target
    assert path.required_annual_reduction(2024, 0.3) == 0.0  # below target
    # last year before the target: one step of 1 − 0.5/0.6
    assert path.required_annual_reduction(2029, 0.6) == pytest.approx(1 - 0.5 / 0.6)
    with pytest.raises(ValueError, match="before target_year"):
        path.required_annual_reduction(2030, 0.9)
    with pytest.raises(ValueError, match="before target_year"):
        path.required_annual_reduction(2031, 0.9)
    with pytest.raises(ValueError, match="only used by budget"):
        path.required_annual_reduction(2024, 0.9, remaining_budget=3.0)


def test_required_annual_reduction_on_a_constant_rate_path_is_its_rate() -> None:
    path = Trajectory.constant_rate(2019, 2030, 0.5, start_year=2022)
    rate = path.annual_rate
    assert rate is not None
    for year in range(2022, 2030):
        assert path.required_annual_reduction(year, path.value(year)) == pytest.approx(rate)


def test_required_annual_reduction_budget() -> None:
    path = Trajectory.budget(base_year=2024, base_value=100.0, budget=1000.0)
    # on the path the needed rate is the path's rate 1 − e^−0.1
    for year in (2024, 2027, 2040):
        assert path.required_annual_reduction(year, path.value(year)) == pytest.approx(
            1 - math.exp(-0.1)
        )
    # explicit remaining budget: 100 t/yr, 500 t left → 1 − e^(−100/500) = 0.181269
    assert path.required_annual_reduction(2026, 100.0, remaining_budget=500.0) == pytest.approx(
        0.181269, abs=1e-6
    )
    assert path.required_annual_reduction(2026, 100.0, remaining_budget=-1.0) == 1.0
    assert path.required_annual_reduction(2026, 0.0) == 0.0


def test_status_gap_arithmetic() -> None:
    path = Trajectory.linear(2019, 2030, 0.5, base_value=1000.0)
    status = path.status(2024, 800.0)
    assert isinstance(status, TrajectoryStatus)
    assert status.year == 2024
    assert status.actual == 800.0
    # path 1000·(1 − 0.5·5/11) = 772.727; gap 800 − 772.727 = 27.273 t (behind)
    assert status.path_value == pytest.approx(772.727, abs=1e-3)
    assert status.gap == pytest.approx(27.273, abs=1e-3)
    # 27.273/772.727 = 0.035294
    assert status.gap_fraction == pytest.approx(0.035294, abs=1e-6)
    assert status.on_track is False
    assert status.tolerance == 0.0
    assert status.actual_reduction == pytest.approx(0.2)  # 1 − 800/1000
    assert status.required_reduction == pytest.approx(0.227273, abs=1e-6)
    # 1 − (500/800)^(1/6) = 1 − 0.625^(1/6) = 1 − 0.924656 = 0.075344
    assert status.required_annual_reduction == pytest.approx(0.075344, abs=1e-6)
    assert status.convention == "Linear reduction from 2019 to −50 % by 2030 (start 2019)"


def test_status_tolerance_and_ahead() -> None:
    path = Trajectory.linear(2019, 2030, 0.5, base_value=1000.0)
    # 800 ≤ 772.727·1.05 = 811.36 → on track within 5 %
    assert path.status(2024, 800.0, tolerance=0.05).on_track is True
    ahead = path.status(2024, 700.0)
    assert ahead.on_track is True
    assert ahead.gap == pytest.approx(-72.727, abs=1e-3)
    on_path = path.status(2024, path.value(2024))
    assert on_path.on_track is True
    assert on_path.gap == 0.0
    with pytest.raises(ValueError, match="tolerance"):
        path.status(2024, 800.0, tolerance=-0.1)


def test_status_in_and_after_target_year() -> None:
    path = Trajectory.constant_rate(2019, 2030, 0.5)
    status = path.status(2030, 0.55)
    assert status.required_annual_reduction is None
    assert status.on_track is False
    assert status.gap == pytest.approx(0.05)
    assert path.status(2031, 0.45).on_track is True


def test_status_budget_path() -> None:
    path = Trajectory.budget(base_year=2024, base_value=100.0, budget=1000.0)
    status = path.status(2025, 95.0)
    # path 90.484, gap 4.516, not on track
    assert status.path_value == pytest.approx(90.4837, abs=1e-4)
    assert status.gap == pytest.approx(4.5163, abs=1e-4)
    assert status.on_track is False
    # remaining along the path at 2025 = 1000·e^−0.1 = 904.837 → 1 − e^(−95/904.837) = 0.099668
    assert status.required_annual_reduction == pytest.approx(0.099668, abs=1e-6)
    assert status.convention.startswith("Carbon budget 1,000 from 2024")


# ------------------------------------------------------------------------------------------
# descriptions
# ------------------------------------------------------------------------------------------


def test_describe() -> None:
    assert Trajectory.linear().describe() == (
        "Linjär minskning från 2019 till −50 % år 2030 (start 2019)"
    )
    assert Trajectory.linear(start_year=2021).describe("en") == (
        "Linear reduction from 2019 to −50 % by 2030 (start 2021)"
    )
    assert Trajectory.constant_rate(start_year=2022).describe() == (
        "Konstant årlig minskning (8,3 %/år) från 2019 till −50 % år 2030 (start 2022)"
    )
    assert Trajectory.constant_rate(2015, 2045, 0.85).describe("en") == (
        "Constant annual rate (6.1 %/yr) from 2015 to −85 % by 2045 (start 2015)"
    )  # 1 − 0.15^(1/30) = 0.0613
    assert Trajectory.linear(start_year=2022, start_value=0.95).describe() == (
        "Linjär minskning från 2019 till −50 % år 2030 (start 2022 på 95 % av 2019 års nivå)"
    )
    budget = Trajectory.budget(base_year=2024, base_value=12_000.0, budget=150_000.0)
    # 1 − e^(−12000/150000) = 1 − e^−0.08 = 0.0769
    assert budget.describe() == (
        "Koldioxidbudget 150 000 från 2024, exponentiell minskning 7,7 %/år "
        "(basår 2024, start 2024)"
    )
    assert budget.describe("en") == (
        "Carbon budget 150,000 from 2024, exponential decline 7.7 %/yr (base year 2024, start 2024)"
    )
    with pytest.raises(ValueError, match="lang"):
        budget.describe("de")  # type: ignore[arg-type]


# ------------------------------------------------------------------------------------------
# validation
# ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"target_year": 2019}, "target_year"),
        ({"target_year": 2018}, "target_year"),
        ({"start_year": 2030}, "target_year"),
        ({"start_year": 2018}, "start_year"),
        ({"reduction": 0.0}, "reduction"),
        ({"reduction": 1.0}, "reduction"),
        ({"reduction": 50}, "reduction"),
        ({"reduction": math.nan}, "reduction"),
        ({"base_value": 0.0}, "base_value"),
        ({"base_value": -5.0}, "base_value"),
        ({"base_value": math.inf}, "base_value"),
        ({"start_value": 0.0}, "start_value"),
        ({"start_value": 0.5}, "above the target"),
        ({"start_value": 0.4}, "above the target"),
        ({"base_year": 2019.0}, "integer year"),
        ({"start_year": True}, "integer year"),
    ],
)
def test_invalid_linear_and_constant_rate(kwargs: dict[str, object], message: str) -> None:
    for factory in (Trajectory.linear, Trajectory.constant_rate):
        with pytest.raises(ValueError, match=message):
            factory(**kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"budget": 0.0}, "budget"),
        ({"budget": -1.0}, "budget"),
        ({"budget": math.nan}, "budget"),
        ({"base_value": 0.0}, "base_value"),
        ({"start_year": 2018}, "start_year"),
        ({"start_value": -1.0}, "start_value"),
    ],
)
def test_invalid_budget(kwargs: dict[str, object], message: str) -> None:
    args: dict[str, object] = {"base_year": 2019, "base_value": 10.0, "budget": 100.0}
    args.update(kwargs)
    with pytest.raises(ValueError, match=message):
        Trajectory.budget(**args)  # type: ignore[arg-type]


def test_direct_construction_is_validated() -> None:
    with pytest.raises(ValueError, match="shape"):
        Trajectory(shape="straight", base_year=2019, base_value=1.0, start_year=2019, start_value=1)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="no carbon budget"):
        Trajectory(
            shape="linear",
            base_year=2019,
            base_value=1.0,
            start_year=2019,
            start_value=1.0,
            target_year=2030,
            target_reduction=0.5,
            carbon_budget=10.0,
        )
    with pytest.raises(ValueError, match="no target_year"):
        Trajectory(
            shape="budget",
            base_year=2019,
            base_value=1.0,
            start_year=2019,
            start_value=1.0,
            target_year=2030,
            carbon_budget=10.0,
        )
    # numpy scalars are normalised to plain Python numbers
    path = Trajectory.linear(np.int64(2019), np.int64(2030), np.float64(0.5))  # type: ignore[arg-type]
    assert type(path.base_year) is int
    assert type(path.target_reduction) is float


def test_trajectory_is_frozen_and_hashable() -> None:
    path = Trajectory.linear()
    with pytest.raises(AttributeError):
        path.base_year = 2020  # type: ignore[misc]
    assert path == Trajectory.linear(2019, 2030, 0.5)
    assert len({path, Trajectory.linear()}) == 1


# ------------------------------------------------------------------------------------------
# infer_convention
# ------------------------------------------------------------------------------------------


def test_infer_convention_vastmanland() -> None:
    matches = infer_convention(2019, 2030, 0.5, 2024, 0.16)
    assert [(m.shape, m.start_year) for m in matches] == [
        ("constant_rate", 2022),  # 15.9 %, 0.09 pp off
        ("linear", 2021),  # 16.7 %, 0.67 pp off
    ]
    assert matches[0].required_reduction == pytest.approx(0.159104, abs=1e-6)
    assert matches[1].required_reduction == pytest.approx(0.166667, abs=1e-6)
    assert all(isinstance(m, ConventionMatch) for m in matches)
    shape, start, required = matches[0]  # plain tuples
    assert (shape, start) == ("constant_rate", 2022)
    assert required == pytest.approx(0.159, abs=5e-4)


def test_infer_convention_from_base_year_figures() -> None:
    # 22.7 % is the linear path from 2019; 27.0 % the constant-rate path from 2019
    assert [(m.shape, m.start_year) for m in infer_convention(2019, 2030, 0.5, 2024, 0.227)] == [
        ("linear", 2019)
    ]
    assert [(m.shape, m.start_year) for m in infer_convention(2019, 2030, 0.5, 2024, 0.27)] == [
        ("constant_rate", 2019)
    ]
    assert infer_convention(2019, 2030, 0.5, 2024, 0.16, tolerance=0.0) == []


def test_infer_convention_rejects_percent() -> None:
    with pytest.raises(ValueError, match="fraction"):
        infer_convention(2019, 2030, 0.5, 2024, 16)
    with pytest.raises(ValueError, match="tolerance"):
        infer_convention(2019, 2030, 0.5, 2024, 0.16, tolerance=-0.01)


def _vastmanland_rows() -> list[dict[str, str]]:
    if not PUBLIC_FIGURES.is_file():
        pytest.skip(f"reference file {PUBLIC_FIGURES} is not present in this checkout")
    with PUBLIC_FIGURES.open(encoding="utf-8", newline="") as handle:
        return [
            row for row in csv.DictReader(handle) if row["organisation"] == "Region Västmanland"
        ]


def test_acceptance_vastmanland_even_pace_2024() -> None:
    """The published "16 % in 2024 at an even pace" is a path started after 2019."""
    rows = _vastmanland_rows()
    (row,) = [
        r
        for r in rows
        if r["indicator"] == "reduction needed at an even pace" and r["year"] == "2024"
    ]
    assert row["unit"] == "%"
    published = float(row["value"]) / 100  # 16 → 0.16
    matches = infer_convention(2019, 2030, 0.5, 2024, published)
    found = {(m.shape, m.start_year): round(m.required_reduction * 100, 1) for m in matches}
    assert found == {("constant_rate", 2022): 15.9, ("linear", 2021): 16.7}
    # the 2019-start paths do not reproduce it (22.7 % / 27.0 %)
    assert ("linear", 2019) not in found
    assert ("constant_rate", 2019) not in found
    assert round(Trajectory.linear().required_reduction(2024) * 100, 1) == 22.7
    assert round(Trajectory.constant_rate().required_reduction(2024) * 100, 1) == 27.0

    # the same report: total emissions 2024 were +1 % against 2019 → behind on either reading
    (total,) = [
        r for r in rows if r["indicator"] == "total CO2e vs base year 2019" and r["year"] == "2024"
    ]
    actual = 1 + float(total["value"]) / 100  # +1 % → 1.01
    for shape, start in found:
        factory = Trajectory.linear if shape == "linear" else Trajectory.constant_rate
        status = factory(2019, 2030, 0.5, start_year=start).status(2024, actual)
        assert status.on_track is False
        assert status.actual_reduction == pytest.approx(-0.01)
        assert f"(start {start})" in status.convention


# ------------------------------------------------------------------------------------------
# property tests
# ------------------------------------------------------------------------------------------


@st.composite
def target_paths(draw: st.DrawFn) -> Trajectory:
    shape = draw(st.sampled_from(["linear", "constant_rate"]))
    base_year = draw(st.integers(1990, 2030))
    start_year = base_year + draw(st.integers(0, 10))
    target_year = start_year + draw(st.integers(1, 40))
    reduction = draw(st.floats(0.01, 0.99))
    base_value = draw(st.floats(1e-3, 1e7))
    target_value = base_value * (1 - reduction)
    # any start level above the target (also above the base: emissions may have grown)
    start_value = target_value + base_value * draw(st.floats(0.01, 2.0))
    factory = Trajectory.linear if shape == "linear" else Trajectory.constant_rate
    return factory(
        base_year,
        target_year,
        reduction,
        base_value=base_value,
        start_year=start_year,
        start_value=start_value,
    )


@PROPERTY
@given(target_paths())
def test_path_hits_start_and_target(path: Trajectory) -> None:
    assert path.target_year is not None
    assert path.target_reduction is not None
    assert path.value(path.start_year) == pytest.approx(path.start_value, rel=1e-12)
    assert path.value(path.target_year) == pytest.approx(
        path.base_value * (1 - path.target_reduction), rel=1e-12
    )
    assert path.value(path.start_year - 1) == path.base_value


@PROPERTY
@given(target_paths())
def test_path_is_non_increasing_after_start(path: Trajectory) -> None:
    assert path.target_year is not None
    years = range(path.start_year, path.target_year + 5)
    steps = np.diff(path.values(years).to_numpy())
    assert np.all(steps <= 1e-12 * path.start_value)


@PROPERTY
@given(target_paths(), st.data())
def test_required_annual_reduction_reaches_target(path: Trajectory, data: st.DataObject) -> None:
    assert path.target_year is not None
    target = path.target_value
    assert target is not None
    year = data.draw(st.integers(path.base_year - 5, path.target_year - 1))
    latest = target * data.draw(st.floats(1.001, 5.0))
    rate = path.required_annual_reduction(year, latest)
    assert 0.0 < rate < 1.0
    assert latest * (1 - rate) ** (path.target_year - year) == pytest.approx(target, rel=1e-9)


def _simpson(values: np.ndarray, grid: np.ndarray) -> float:
    """Composite Simpson rule on an odd number of equally spaced points."""
    h = grid[1] - grid[0]
    return float(
        h / 3 * (values[0] + 4 * values[1:-1:2].sum() + 2 * values[2:-1:2].sum() + values[-1])
    )


@PROPERTY
@given(
    base_value=st.floats(1e-2, 1e6),
    start_factor=st.floats(0.1, 2.0),
    years_of_budget=st.floats(1.0, 200.0),
    start_offset=st.integers(0, 10),
)
def test_budget_path_integrates_to_budget(
    base_value: float, start_factor: float, years_of_budget: float, start_offset: int
) -> None:
    start_value = base_value * start_factor
    budget = start_value * years_of_budget  # budget = this many years at the start level
    path = Trajectory.budget(
        base_year=2019,
        base_value=base_value,
        budget=budget,
        start_year=2019 + start_offset,
        start_value=start_value,
    )
    k = start_value / budget
    rate = path.annual_rate
    assert rate is not None
    assert rate == pytest.approx(1 - math.exp(-k), rel=1e-12)
    horizon = 40 / k  # e^−40 ≈ 4e−18 of the budget is left after this
    end = path.start_year + horizon
    # closed form: B·(1 − e^(−k·horizon)) = B to double precision
    assert path.cumulative(end) == pytest.approx(budget, rel=1e-12)
    # numeric check on the path's own values: composite Simpson rule on 401 points
    # (h = 0.1/k → relative error ≈ (hk)⁴/180 ≈ 6e−7)
    grid = np.linspace(path.start_year, end, 401)
    values = np.array([path.value(t) for t in grid])
    assert _simpson(values, grid) == pytest.approx(budget, rel=1e-5)
    assert _simpson(values[:201], grid[:201]) == pytest.approx(path.cumulative(grid[200]), rel=1e-5)
    # cumulative is monotone and bounded by the budget
    mid = path.start_year + horizon / 8
    assert 0.0 < path.cumulative(mid) < path.cumulative(end) <= budget * (1 + 1e-12)
    # on the path the needed rate equals the path's rate
    year = path.start_year + 3
    assert path.required_annual_reduction(year, path.value(year)) == pytest.approx(rate, rel=1e-9)


# --------------------------------------------------------------------------------------------
# fixed annual rate ("Carbon Law", Klimatkollen since 2025) and years before the base year
# --------------------------------------------------------------------------------------------


def test_fixed_rate_path_by_hand() -> None:
    # 11.72 %/yr from 2025 at 1 000 t: 2026 → 882.8, 2027 → 882.8·0.8828 = 779.336
    path = Trajectory.fixed_rate(2025, 1000.0)
    assert path.value(2026) == pytest.approx(882.8)
    assert path.value(2027) == pytest.approx(779.33584)
    assert path.annual_rate == pytest.approx(0.1172)
    assert path.target_year is None
    # ∫ from 2025 to 2030 of 1000·0.8828^t dt = 1000·(1 − 0.8828^5)/(−ln 0.8828)
    expected = 1000.0 * (1 - 0.8828**5) / -math.log(0.8828)
    assert path.cumulative(2030) == pytest.approx(expected)
    assert path.required_annual_reduction(2026, 900.0) == pytest.approx(0.1172)


def test_fixed_rate_rejects_a_rate_outside_zero_and_one() -> None:
    with pytest.raises(ValueError, match="rate"):
        Trajectory.fixed_rate(2025, 1000.0, rate=1.2)


@pytest.mark.parametrize(
    "path",
    [
        Trajectory.linear(2019, 2030, 0.5),
        Trajectory.constant_rate(2019, 2030, 0.5),
        Trajectory.fixed_rate(2025, 1.0),
    ],
    ids=["linear", "constant_rate", "fixed_rate"],
)
def test_status_before_the_base_year_raises(path: Trajectory) -> None:
    with pytest.raises(ValueError, match="before the path's base year"):
        path.status(path.base_year - 1, 0.5)
