"""The outlook's forecast table adds up: its total is the sum of the categories' trends.

Fixture factors (tests/fixtures/factors_minimal): electricity 50 g CO2e/kWh and nitrous oxide
1 kg N2O/kg × 265 (AR5), both the same in every year 2019–2024.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import klimatkalk as kk
from klimatkalk.report import write_report
from klimatkalk.report.outlook import (
    OutlookTables,
    _rounded_rows_miss_the_total,
    build_outlook,
)

# energy: 30, 12, 14, 16, 18 t (600 000 kWh × 0.05 kg = 30 t; 20 000 kWh a tonne). Theil–Sen:
# the six pairwise slopes among 2020–2023 are 2; with 2019 they are −18, −8, −14/3, −3; the 5th
# and 6th of the sorted ten are 2 → slope 2; intercept median of y − 2n = 30, 10, 10, 10, 10 →
# 10. 2030 (n = 11): 10 + 22 = 32 t.
ENERGY_T = [30.0, 12.0, 14.0, 16.0, 18.0]
# medical gases: 40, 49, 38, 37, 36 kg N2O = 0.265 t CO2e per kg. In kg: the clean pairs give −1
# six times, those with 2020 give 9, −11, −6, −13/3 → slope −1; intercept median of y + n = 40,
# 50, 40, 40, 40 → 40. 2030: 40 − 11 = 29 kg → 29 × 0.265 = 7.685 t.
N2O_KG = [40.0, 49.0, 38.0, 37.0, 36.0]
PROJECTED_2030 = 32.0 + 29 * 0.265  # 39.685 t, the sum of the two rows


@pytest.fixture(scope="module")
def outlook(minimal_factors: kk.FactorTable) -> tuple[kk.EmissionsResult, OutlookTables]:
    years = range(2019, 2024)
    frame = pd.DataFrame(
        {
            "year": [*years, *years],
            "activity": ["electricity"] * 5 + ["nitrous_oxide"] * 5,
            "quantity": [t * 20_000 for t in ENERGY_T] + N2O_KG,
            "unit": ["kWh"] * 5 + ["kg"] * 5,
        }
    )
    acts = kk.ActivityTable.from_frame(frame)
    result = kk.calculate_emissions(acts, minimal_factors)
    return result, build_outlook(result, activities=acts, factors=minimal_factors, draws=0)


def test_forecast_total_is_the_sum_of_its_rows(
    outlook: tuple[kk.EmissionsResult, OutlookTables],
) -> None:
    _, o = outlook
    projected = o.verdicts.set_index("category")["projected_t_co2e"]
    assert projected["energy"] == pytest.approx(32.0)
    assert projected["medical_gases"] == pytest.approx(29 * 0.265)
    assert projected["total"] == pytest.approx(PROJECTED_2030)


def test_unchanged_factors_account_for_nothing(
    outlook: tuple[kk.EmissionsResult, OutlookTables],
) -> None:
    # Both factors are the same in 2019 and later, so the policy-neutral trend is the forecast
    # itself: factor changes account for 0 t (a line fitted to the totals alone would not be:
    # the 2019 factors change nothing, the method would).
    _, o = outlook
    assert o.neutral_trend is not None
    neutral = o.neutral_trend.set_index("year")["trend_t_co2e"]
    assert neutral[2030] == pytest.approx(PROJECTED_2030)


def test_report_says_which_figure_the_total_is(
    outlook: tuple[kk.EmissionsResult, OutlookTables], tmp_path: Path
) -> None:
    # Whole tonnes: base 30 + 10.6 → 11 = 41, total 40.6 → 41; targets 15 + 5.3 → 5 = 20,
    # total 20.3 → 20; projections 32 + 7.685 → 8 = 40, total 39.685 → 40; gaps 17 + 2.385 → 2
    # = 19, total 19.385 → 19. They add up, so no rounding remark; the sum remark is always there.
    result, o = outlook
    md = write_report(result, 2023, tmp_path, outlook=o).markdown.read_text(encoding="utf-8")
    section = md[md.index("## Utsikt mot 2030") :]
    assert "Theil–Sen per kategori" in section
    assert "| Totalt | 41 | 20 | 40 | Nej |" in section  # 30 + 40 × 0.265 = 40.6 → 41
    assert "Totalens prognos är summan av kategoriernas prognoser" in section
    assert "avrundat" not in section


def test_rounding_remark_only_when_whole_tonnes_do_not_add_up() -> None:
    # 0.4 + 0.4 = 0.8: each row rounds to 0, the total to 1.
    frame = pd.DataFrame(
        {
            "category": ["energy", "transport", "total"],
            "base_t_co2e": [0.4, 0.4, 0.8],
            "target_t_co2e": [0.2, 0.2, 0.4],
            "projected_t_co2e": [1.0, 2.0, 3.0],
            "gap_t_co2e": [0.8, 1.8, 2.6],
        }
    )
    assert _rounded_rows_miss_the_total(frame)
    frame["base_t_co2e"] = [0.2, 0.2, 0.4]  # 0 + 0 = 0, the total 0.4 → 0
    assert not _rounded_rows_miss_the_total(frame)
