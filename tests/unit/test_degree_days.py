"""Degree days from daily means (klimatkalk.analysis.degree_days), arithmetic by hand.

Rule (SMHI since 2015, as heat suppliers describe it): G = Σ max(0, 17 − T_day); the normal
year is the mean over the normal period.
"""

from __future__ import annotations

import pandas as pd
import pytest

from klimatkalk.analysis.degree_days import degree_days_from_daily
from klimatkalk.analysis.energy import normal_year_correction


def _year(year: int, temperatures: list[float], place: str | None = None) -> pd.DataFrame:
    days = pd.date_range(f"{year}-01-01", f"{year}-12-31")
    assert len(days) == len(temperatures)
    frame = pd.DataFrame({"date": days, "temperature": temperatures})
    if place is not None:
        frame["place"] = place
    return frame


def test_warm_days_add_nothing_and_the_normal_is_the_mean() -> None:
    # 2021: 365 days at 7 °C → 365 × 10 = 3 650.
    # 2022: 200 days at 1 °C and 165 at 18 °C → 200 × 16 = 3 200 (18 °C adds 0, not −1).
    # 2023: 365 days at 17 °C exactly → 0.  Normal over 2021–2022: (3 650 + 3 200) / 2 = 3 425.
    daily = pd.concat(
        [
            _year(2021, [7.0] * 365),
            _year(2022, [1.0] * 200 + [18.0] * 165),
            _year(2023, [17.0] * 365),
        ]
    )
    table = degree_days_from_daily(daily, normal_years=range(2021, 2023)).set_index("year")
    assert table.loc[2021, "degree_days"] == pytest.approx(3650.0)
    assert table.loc[2022, "degree_days"] == pytest.approx(3200.0)
    assert table.loc[2023, "degree_days"] == 0.0
    assert (table["normal_degree_days"] == 3425.0).all()


def test_a_missing_day_is_a_gap_not_a_smaller_sum() -> None:
    daily = pd.concat([_year(2021, [7.0] * 365), _year(2022, [7.0] * 365).iloc[:-2]])
    table = degree_days_from_daily(daily, normal_years=[2021]).set_index("year")
    assert pd.isna(table.loc[2022, "degree_days"])
    assert table.loc[2022, "gap_reason"] == "2022: 2 dagar saknas"
    assert table.loc[2022, "days"] == 363


def test_the_normal_period_must_be_complete_and_days_unique() -> None:
    daily = pd.concat([_year(2021, [7.0] * 365), _year(2022, [7.0] * 365).iloc[:-1]])
    with pytest.raises(ValueError, match=r"incomplete or missing: \[2022, 2023\]"):
        degree_days_from_daily(daily, normal_years=[2021, 2022, 2023])
    twice = pd.concat([_year(2021, [7.0] * 365), _year(2021, [7.0] * 365).iloc[:1]])
    with pytest.raises(ValueError, match="2021-01-01 comes twice"):
        degree_days_from_daily(twice, normal_years=[2021])
    bad = _year(2021, [7.0] * 365).astype({"temperature": object})
    bad.iloc[10, 1] = "kallt"
    with pytest.raises(ValueError, match="row 10 of the daily series, column temperature"):
        degree_days_from_daily(bad, normal_years=[2021])


def test_places_are_kept_apart_and_feed_the_correction() -> None:
    # Kiruna 2021 at −3 °C: 365 × 20 = 7 300; Lund 2021 at 9 °C: 365 × 8 = 2 920; each its own
    # normal (one-year period). 2022 in Lund at 11 °C: 365 × 6 = 2 190, a warm year.
    daily = pd.concat(
        [
            _year(2021, [-3.0] * 365, "Kiruna"),
            _year(2021, [9.0] * 365, "Lund"),
            _year(2022, [11.0] * 365, "Lund"),
        ]
    )
    table = degree_days_from_daily(daily, normal_years=[2021])
    lund = table[table["place"] == "Lund"].set_index("year")
    assert table.loc[table["place"] == "Kiruna", "degree_days"].tolist() == [7300.0]
    assert lund.loc[2022, "degree_days"] == 2190.0
    assert lund.loc[2022, "normal_degree_days"] == 2920.0
    # 1 000 kWh of heat, 80 % temperature-dependent: 200 + 800 × 2 920 / 2 190 = 1 266.67 kWh.
    energy = pd.DataFrame({"year": [2022], "carrier": ["district_heating"], "energy_kwh": [1000.0]})
    corrected = normal_year_correction(energy, table, {"district_heating": 0.8}, place="Lund")
    assert corrected["energy_normal_year_kwh"].iloc[0] == pytest.approx(200 + 800 * 2920 / 2190)
