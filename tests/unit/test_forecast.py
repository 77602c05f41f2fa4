"""Forecast: Theil–Sen and LAD trends, verdicts, target groups and the policy-neutral view.

Every expected figure is worked out by hand in the comment beside it.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

import klimatkalk as kk
from klimatkalk.analysis.forecast import (
    ForecastError,
    forecast_emissions,
    forecast_verdicts,
    policy_neutral_emissions,
    trend_line,
)


def totals(values: list[float], first: int = 2019) -> pd.DataFrame:
    return pd.DataFrame({"year": range(first, first + len(values)), "emissions_t_co2e": values})


def test_theil_sen_slope_on_five_points_by_hand() -> None:
    # Years 2020..2024 (x = 0..4), values 50, 47, 45, 41 and an odd 10. The ten pairwise slopes:
    # (0,1) −3, (0,2) −2.5, (0,3) −3, (0,4) −10, (1,2) −2, (1,3) −3, (1,4) −37/3, (2,3) −4,
    # (2,4) −17.5, (3,4) −31. Sorted: −31, −17.5, −12.33, −10, −4, −3, −3, −3, −2.5, −2;
    # the median is (−4 + −3)/2 = −3.5. Intercept: median of y + 3.5x = 50, 50.5, 52, 51.5, 24
    # → 50.5 at x = 0 (2020), so the line is 50.5 − 3.5·(year − 2020).
    slope, intercept = trend_line([2020, 2021, 2022, 2023, 2024], [50, 47, 45, 41, 10])
    assert slope == pytest.approx(-3.5)
    assert intercept + slope * 2020 == pytest.approx(50.5)
    assert intercept + slope * 2024 == pytest.approx(36.5)  # 50.5 − 14
    # Least squares would follow the odd year: Sxy = −86, Sxx = 10 → slope −8.6.
    ols = sum((x - 2) * (y - 38.6) for x, y in enumerate([50, 47, 45, 41, 10])) / 10
    assert ols == pytest.approx(-8.6)


def test_lad_ignores_one_odd_year() -> None:
    # 100 − 5·(year − 2019) for 2019..2025 except 2022 = 200: the median regression line goes
    # through the six points on the line, slope −5; 2030: 100 − 55 = 45.
    values = [100.0, 95.0, 90.0, 200.0, 80.0, 75.0, 70.0]
    forecast = forecast_emissions(totals(values), method="lad", horizon=2030)
    assert forecast.trend(2030) == pytest.approx(45.0, abs=1e-3)
    slope = forecast.slopes["slope_t_co2e_per_year"].iloc[0]
    assert slope == pytest.approx(-5.0, abs=1e-4)


def test_anchor_latest_moves_the_line_through_the_latest_year() -> None:
    # Same five points; Theil–Sen slope −3.5. Klimatkollen's anchoring puts the line through the
    # latest value 10: 2025 → 6.5, 2026 → 3.0, 2027 → −0.5, clipped to 0.
    values = [50.0, 47.0, 45.0, 41.0, 10.0]
    anchored = forecast_emissions(totals(values, 2020), anchor="latest", horizon=2027)
    assert [anchored.trend(y) for y in (2025, 2026, 2027)] == pytest.approx([6.5, 3.0, 0.0])
    fitted = forecast_emissions(totals(values, 2020), horizon=2027)
    assert fitted.trend(2025) == pytest.approx(33.0)  # 50.5 − 3.5·5


def test_verdict_meets_with_crossing_year_and_negative_gap() -> None:
    # 100 − 6·(year − 2019): 2030 → 34, below the target 50 (−50 % of 100): meets, gap −16.
    # Crossing: 100 − 6n ≤ 50 → n ≥ 8.33 → 2028.
    verdict = forecast_verdicts(forecast_emissions(totals([100.0, 94.0, 88.0, 82.0, 76.0])))
    row = verdict.iloc[0]
    assert bool(row["meets"]) is True
    assert row["projected_t_co2e"] == pytest.approx(34.0)
    assert row["gap_t_co2e"] == pytest.approx(-16.0)
    assert int(row["crossing_year"]) == 2028


def test_verdict_not_before_the_horizon() -> None:
    # 100 − 1·n: 2050 → 69 > 50, so no crossing year up to 2050.
    verdict = forecast_verdicts(forecast_emissions(totals([100.0, 99.0, 98.0, 97.0, 96.0])))
    assert verdict["crossing_year"].isna().all()
    assert bool(verdict["meets"].iloc[0]) is False
    assert verdict["gap_t_co2e"].iloc[0] == pytest.approx(89.0 - 50.0)  # 100 − 11 = 89 in 2030


def test_per_category_and_target_group() -> None:
    frame = pd.DataFrame(
        {
            "year": [y for y in range(2019, 2024) for _ in range(2)],
            "category": ["energy", "transport"] * 5,
            "emissions_t_co2e": [50, 50, 48, 49, 46, 48, 44, 47, 42, 46],
        }
    )
    by_category = forecast_emissions(frame, by="category")
    slopes = by_category.slopes.set_index("category")["slope_t_co2e_per_year"]
    # energy −2/yr, transport −1/yr, the total (100, 97, 94, 91, 88) −3/yr
    assert slopes.to_dict() == pytest.approx({"total": -3.0, "energy": -2.0, "transport": -1.0})
    grouped = forecast_emissions(frame, by="target_group", target_groups={"energi": ["energy"]})
    groups = grouped.slopes.set_index("target_group")["slope_t_co2e_per_year"]
    assert groups.to_dict() == pytest.approx({"total": -3.0, "energi": -2.0, "övrigt": -1.0})
    verdicts = forecast_verdicts(by_category, target={"energy": 0.6, "total": 0.5})
    energy = verdicts.set_index("category").loc["energy"]
    # energy: 50 − 2·11 = 28 in 2030, target 50·0.4 = 20 → misses by 8
    assert energy["gap_t_co2e"] == pytest.approx(8.0)
    assert energy["target_reduction"] == 0.6


def test_errors_are_typed() -> None:
    with pytest.raises(ForecastError, match="two reported years"):
        forecast_emissions(totals([100.0]))
    with pytest.raises(ForecastError, match="method"):
        forecast_emissions(totals([100.0, 90.0]), method="ols")  # type: ignore[arg-type]
    with pytest.raises(ForecastError, match="base year"):
        forecast_verdicts(forecast_emissions(totals([100.0, 90.0], 2021)), base_year=2019)
    with pytest.raises(ForecastError, match="two target groups"):
        forecast_emissions(
            pd.DataFrame(
                {"year": [2019, 2020], "category": ["energy"] * 2, "emissions_t_co2e": [1.0, 2.0]}
            ),
            by="target_group",
            target_groups={"a": ["energy"], "b": ["energy"]},
        )


def test_policy_neutral_freezes_factors_at_the_base_year(minimal_factors: kk.FactorTable) -> None:
    # Fixture diesel: 2.0 kg CO2e/l for 2019-2022, revised to 2.5 for 2023-2024. 1 000 l in 2019
    # and in 2024: reported 2.0 t and 2.5 t; with 2019's factor both are 2.0 t.
    acts = pd.DataFrame(
        {
            "year": [2019, 2024],
            "activity": ["diesel"] * 2,
            "quantity": [1000.0, 1000.0],
            "unit": ["l", "l"],
        }
    )
    frozen = policy_neutral_emissions(acts, minimal_factors, base_year=2019, by="year")
    assert frozen["emissions_t_co2e"].tolist() == pytest.approx([2.0, 2.0])
    assert frozen["rows_not_frozen"].tolist() == [0, 0]
    reported = kk.calculate_emissions(acts, minimal_factors).totals("year", unit="t")
    assert reported["emissions_t_co2e"].tolist() == pytest.approx([2.0, 2.5])


def test_example_region_forecast_is_finite_and_below_the_peak() -> None:
    res = kk.calculate_emissions(kk.load_example_activities())
    verdict = forecast_verdicts(forecast_emissions(res, by="category"))
    total = verdict.set_index("category").loc["total"]
    assert math.isfinite(total["projected_t_co2e"])
    # below the highest reported year of the example region (2020, with its protective
    # equipment and IT peaks: example_region.md row 25)
    peak = res.totals("year", unit="t")["emissions_t_co2e"].max()
    assert 0 < total["projected_t_co2e"] < peak


def test_policy_neutral_keeps_the_own_year_price_index(minimal_factors: kk.FactorTable) -> None:
    # Food 0.5 kg CO2e per SEK of 2020 (KPI 250). 1 000 SEK in 2024 (KPI 400) is 1 000·250/400
    # = 625 SEK of 2020 → 312.5 kg, with or without frozen factors: inflation is no factor change.
    acts = pd.DataFrame(
        {
            "year": [2019, 2024],
            "activity": ["purchase_food"] * 2,
            "quantity": [1000.0, 1000.0],
            "unit": ["SEK", "SEK"],
        }
    )
    frozen = policy_neutral_emissions(acts, minimal_factors, by="year", unit="kg")
    # 2019: 1 000·250/200 = 1 250 SEK of 2020 → 625 kg
    assert frozen["emissions_kg_co2e"].tolist() == pytest.approx([625.0, 312.5])


def two_categories(a: list[float], b: list[float]) -> pd.DataFrame:
    years = range(2019, 2019 + len(a))
    return pd.DataFrame(
        {
            "year": [y for y in years for _ in range(2)],
            "category": ["energy", "transport"] * len(a),
            "emissions_t_co2e": [v for pair in zip(a, b, strict=True) for v in pair],
        }
    )


def test_total_is_the_sum_of_the_category_trends() -> None:
    # energy 30, 12, 14, 16, 18 (10 + 2n, odd first year). Pairwise slopes: the six clean pairs
    # among n = 1..4 are 2; with n = 0: −18, −8, −14/3, −3. Sorted, the 5th and 6th are 2, 2:
    # slope 2. Intercept: median of y − 2n = 30, 10, 10, 10, 10 → 10. 2030 (n = 11): 32.
    # transport 40, 49, 38, 37, 36 (40 − n, odd 2020): clean pairs −1 six times; with n = 1:
    # 9, −11, −6, −13/3. Slope −1; intercept median of y + n = 40, 50, 40, 40, 40 → 40. 2030: 29.
    # The table's total in 2030 is 32 + 29 = 61. Fitted to the yearly totals 70, 61, 52, 53, 54
    # alone the slopes would be −9, −9, −17/3, −4, −9, −4, −7/3, 1, 1, 1, median −4, intercept
    # median of y + 4n = 70, 65, 60, 65, 70 → 65, so 65 − 44 = 21 in 2030: a total that is
    # not the sum of its rows.
    frame = two_categories([30.0, 12.0, 14.0, 16.0, 18.0], [40.0, 49.0, 38.0, 37.0, 36.0])
    forecast = forecast_emissions(frame, by="category", horizon=2030)
    assert forecast.trend(2030, "energy") == pytest.approx(32.0)
    assert forecast.trend(2030, "transport") == pytest.approx(29.0)
    assert forecast.trend(2030) == pytest.approx(61.0)
    assert forecast.trend(2019) == pytest.approx(10.0 + 40.0)
    slopes = forecast.slopes.set_index("category")
    assert slopes.loc["total", "slope_t_co2e_per_year"] == pytest.approx(2.0 - 1.0)
    assert slopes.loc["total", "level_t_co2e"] == pytest.approx(18.0 + 36.0)  # 2023: 18 + 36
    # the actual totals stay the reported sums
    actual = forecast.table[forecast.table["category"] == "total"]["actual_t_co2e"]
    assert actual.dropna().tolist() == pytest.approx([70.0, 61.0, 52.0, 53.0, 54.0])
    # without groups the total keeps a line of its own: 21 t in 2030, as worked out above
    assert forecast_emissions(frame, horizon=2030).trend(2030) == pytest.approx(21.0)
    # the verdicts add up too: gaps 32 − 15 and 29 − 20 against the total's 61 − 35
    gaps = forecast_verdicts(forecast).set_index("category")["gap_t_co2e"]
    assert gaps["total"] == pytest.approx(26.0)
    assert gaps["energy"] + gaps["transport"] == pytest.approx(gaps["total"])


def test_total_adds_the_clipped_category_lines() -> None:
    # energy 40, 30, 20, 10, 0 (−10 a year) reaches zero in 2023 and stays there (clipped);
    # transport 10, 20, 30, 40, 50 (+10 a year) is 10 + 10·11 = 120 in 2030. The total is
    # 0 + 120 = 120; a line through the flat yearly totals (50 each year) would say 50.
    frame = two_categories([40.0, 30.0, 20.0, 10.0, 0.0], [10.0, 20.0, 30.0, 40.0, 50.0])
    forecast = forecast_emissions(frame, by="category", horizon=2030)
    assert forecast.trend(2030, "energy") == 0.0
    assert forecast.trend(2030) == pytest.approx(120.0)
    assert forecast.trend(2025) == pytest.approx(0.0 + 70.0)  # transport 10 + 10·6


def test_total_counts_a_group_with_a_blank_name() -> None:
    # A row without verksamhet is a group of its own: unit "a" 10 a year and a blank unit
    # 5 a year give a total of 15, and the blank unit has its verdict row.
    frame = pd.DataFrame(
        {
            "year": [2019, 2019, 2020, 2020, 2021, 2021],
            "org_unit": ["a", None, "a", None, "a", None],
            "emissions_t_co2e": [10.0, 5.0, 10.0, 5.0, 10.0, 5.0],
        }
    )
    forecast = forecast_emissions(frame, by="org_unit", horizon=2030)
    assert forecast.trend(2030) == pytest.approx(15.0)
    verdicts = forecast_verdicts(forecast)
    assert len(verdicts) == 3  # total, a and the blank unit
    assert verdicts["projected_t_co2e"].sum() == pytest.approx(2 * 15.0)
