"""Network values of district heating against the table they are cited from.

Malmö stad, Miljöbarometern, "Fjärrvärmens växthusgasutsläpp" (table, data: Energiföretagen
Sverige), https://miljobarometern.malmo.se/klimat/utslapp-av-vaxthusgaser/fjarrvarmens-koldioxidutslapp/table/
(read 2026-11-23), g CO2e/kWh, non-labelled heat, VMK climate perspective:

    Malmö 2019 118,9 · 2020 78 · 2021 135 · 2022 119,4
    Lund  2019 9     · 2020 11 · 2021 10  · 2022 11,1
    Göteborg 2019 74 · 2020 48 · 2021 62  · 2022 64,9
    Stockholm 2019 65 · 2020 52 · 2021 46 · 2022 58,2
    Västerås 2019 89 · 2020 52 · 2021 59  · 2022 54,9

2023-2025 are not in the table: the 2022 value is carried forward and marked stretched.
"""

from __future__ import annotations

import pandas as pd
import pytest

import klimatkalk as kk

TABLE = {
    "district_heating_malmo": {2019: 118.9, 2020: 78, 2021: 135, 2022: 119.4},
    "district_heating_lund": {2019: 9, 2020: 11, 2021: 10, 2022: 11.1},
    "district_heating_goteborg": {2019: 74, 2020: 48, 2021: 62, 2022: 64.9},
    "district_heating_stockholm": {2019: 65, 2020: 52, 2021: 46, 2022: 58.2},
    "district_heating_vasteras": {2019: 89, 2020: 52, 2021: 59, 2022: 54.9},
}


@pytest.mark.parametrize("network", sorted(TABLE))
def test_network_values_are_the_cited_table_and_2022_is_carried_forward(network: str) -> None:
    years = list(range(2019, 2026))
    acts = pd.DataFrame({"year": years, "activity": network, "quantity": 1000.0, "unit": "kWh"})
    res = kk.calculate_emissions(acts)  # life-cycle boundary: the VMK value
    assert res.rejected.empty
    got = dict(zip(res.rows["year"].astype(int), res.rows["emissions_kg_co2e"], strict=True))
    for year in years:
        expected = TABLE[network][min(year, 2022)]  # 1 000 kWh × g/kWh = kg
        assert got[year] == pytest.approx(expected), (network, year)
    quality = dict(zip(res.rows["year"].astype(int), res.rows["factor_quality"], strict=True))
    assert {quality[y] for y in (2023, 2024, 2025)} == {"stretched"}
    assert {quality[y] for y in (2019, 2020, 2021)} == {"reported"}
