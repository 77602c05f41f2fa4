"""Gas components of the UK flight factors (issue 13 §4, one GWP set per result).

The BEIS/DESNZ "Without RF" average-passenger rows of ``factors/travel.csv`` are CO2e computed by
the publisher with its GWP set (AR4 in 2019-2022, AR5 from 2023). The flat files split each row
into kg CO2e of CO2, of CH4 and of N2O; ``components.csv`` holds them as masses (the CO2e part
divided by the publisher's GWP), so that a run under another set recomputes the rows.

Every expected figure below is read in a copy of the publisher's flat file (cited beside it),
never taken from running the code. The copies:

* BEIS 2019: BalthazazarDuc/Database_flatfiles
  UK_flatfiles/2019-2022/conversion-factors-2019-flat-file-v01-02.csv (commit 39c0220b)
* BEIS 2020: BalthazazarDuc/Database_flatfiles
  Conversion_Factors_2020_-_Flat_file__for_automatic_processing_only_.csv (commit b83adcef)
* BEIS 2022: BalthazazarDuc/Database_flatfiles
  UK_flatfiles/2019-2022/ghg-conversion-factors-2022-flat-format.csv (commit 39c0220b)
* DESNZ 2023: BalthazazarDuc/Database_flatfiles
  UK_flatfiles/2023+/ghg-conversion-factors-2023-flat-file-update.csv (commit 39c0220b)
* DESNZ 2025: Ariaryy/ibm-hackathon-aphelion ghg-conversion-factors-2025-flat-format.csv
  (commit c0b66a06)

The flat files of 2019-2021 label the parts "kg CO2", "kg CH4", "kg N2O", but they are CO2e of
each gas: they sum to the "kg CO2e" row (2019 domestic: 0.13345 + 0.00012 + 0.00126 = 0.13483).
GWPs: AR4 (IPCC AR4 WG1 Table 2.14) CH4 25, N2O 298, as the BEIS 2019-2022 files list for
methane and nitrous oxide in "Refrigerant & other"; AR5 (AR5 WG1 Table 8.A.1) CH4 28, N2O 265,
as the DESNZ 2023-2025 files list; AR6 (AR6 WG1 Table 7.SM.7) CH4 27.9, N2O 273.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import klimatkalk as kk
from klimatkalk.factors.compile import GWP_BASES, compile_factors

DATA = Path(__file__).resolve().parents[2] / "emission_factors"
HAULS = ("flight_domestic", "flight_europe", "flight_intercontinental")
EDITIONS = {
    **{year: ("beis", f"beis-ghg-conversion-factors-{year}") for year in range(2019, 2023)},
    **{year: ("desnz", f"desnz-ghg-conversion-factors-{year}") for year in range(2023, 2026)},
}


def components() -> pd.DataFrame:
    return pd.read_csv(DATA / "components.csv", dtype=str, keep_default_na=False)


def component(factor_id: str, gas: str) -> float:
    rows = components()
    hit = rows[(rows["factor_id"] == factor_id) & (rows["gas"] == gas)]
    assert len(hit) == 1, (factor_id, gas, len(hit))
    return float(hit["value"].iloc[0])


@pytest.mark.parametrize(
    ("factor_id", "gas", "expected"),
    [
        # DESNZ 2025, Business travel- air, Flights, Domestic, to/from UK, Average passenger,
        # Without RF, passenger.km, ID 21_316_3161_11_2: 0.13395 kg CO2e of CO2 per unit
        # (copy: Ariaryy/ibm-hackathon-aphelion, commit c0b66a06).
        ("flight_domestic-desnz-2025-combustion", "CO2", 0.13395),
        # Same row, ID 21_316_3161_11_3: 0.00022 kg CO2e of CH4 per unit, AR5 CH4 28.
        ("flight_domestic-desnz-2025-combustion", "CH4", 0.00022 / 28),
        # DESNZ 2025, Long-haul, to/from UK, Average passenger, Without RF, ID 21_316_3169_11_4:
        # 0.00129 kg CO2e of N2O per unit, AR5 N2O 265 (same copy).
        ("flight_intercontinental-desnz-2025-combustion", "N2O", 0.00129 / 265),
        # DESNZ 2023, Domestic, to/from UK, Average passenger, Without RF, ID 21_316_3161_11_4:
        # 0.00134 kg CO2e of N2O per unit, AR5 N2O 265 (copy: BalthazazarDuc/Database_flatfiles
        # UK_flatfiles/2023+/ghg-conversion-factors-2023-flat-file-update.csv, commit 39c0220b).
        ("flight_domestic-desnz-2023-combustion", "N2O", 0.00134 / 265),
        # BEIS 2022, Long-haul, to/from UK, Average passenger, Without RF, 'kg CO2e of CO2':
        # 0.10111 (no row IDs; line 4228 of BalthazazarDuc/Database_flatfiles
        # UK_flatfiles/2019-2022/ghg-conversion-factors-2022-flat-format.csv, commit 39c0220b).
        ("flight_intercontinental-beis-2022-combustion", "CO2", 0.10111),
        # BEIS 2020, Short-haul, to/from UK, Average passenger, Without RF, 'kg CH4' (CO2e of
        # CH4): 0.00001, AR4 CH4 25 (line 3523 of BalthazazarDuc/Database_flatfiles
        # Conversion_Factors_2020_-_Flat_file__for_automatic_processing_only_.csv, b83adcef).
        ("flight_europe-beis-2020-combustion", "CH4", 0.00001 / 25),
        # BEIS 2019, Domestic, to/from UK, Average passenger, Without RF, 'kg N2O' (CO2e of
        # N2O): 0.00126, AR4 N2O 298 (line 3500 of BalthazazarDuc/Database_flatfiles
        # UK_flatfiles/2019-2022/conversion-factors-2019-flat-file-v01-02.csv, commit 39c0220b).
        ("flight_domestic-beis-2019-combustion", "N2O", 0.00126 / 298),
        # Same file, line 3499, 'kg CO2': 0.13345 (also the CO2 part the travel.csv note
        # quotes: with RF 0.25355 = 0.13345 x 1.9).
        ("flight_domestic-beis-2019-combustion", "CO2", 0.13345),
    ],
)
def test_flight_components_by_hand(factor_id: str, gas: str, expected: float) -> None:
    # The rows print six significant digits.
    assert component(factor_id, gas) == pytest.approx(expected, rel=1e-5)


def test_every_uk_flight_combustion_row_has_co2_ch4_n2o() -> None:
    rows = components()
    missing = []
    for year, (publisher, source_id) in EDITIONS.items():
        for haul in HAULS:
            factor_id = f"{haul}-{publisher}-{year}-combustion"
            mine = rows[(rows["factor_id"] == factor_id) & (rows["source_id"] == source_id)]
            if sorted(mine["gas"]) != ["CH4", "CO2", "N2O"]:
                missing.append((factor_id, sorted(mine["gas"])))
    assert not missing, missing


def test_a_2019_flight_under_ar6_is_recomputed_not_in_another_set() -> None:
    table = kk.load_factors()
    compiled = compile_factors(table, "AR6GWP100", "combustion", high_altitude=False)
    a = compiled.activities.index("flight_domestic")
    y = 2019 - compiled.first_year
    assert GWP_BASES[int(compiled.gwp_basis[a, y])] == "recomputed"
    row = table.factors.iloc[int(compiled.factor_row[a, y])]
    assert row["factor_id"] == "flight_domestic-beis-2019-combustion"
    assert row["gwp_set"] == "AR4GWP100"  # as published; the components make it recomputable
    # BEIS 2019 domestic, without RF (lines 3499, 3498, 3500 of the 2019 copy): CO2 0.13345,
    # CH4 0.00012 and N2O 0.00126 kg CO2e under AR4 (25, 298), weighted with AR6 (27.9, 273).
    ar6 = 0.13345 + 0.00012 / 25 * 27.9 + 0.00126 / 298 * 273
    assert compiled.kg_per_canonical[a, y] == pytest.approx(ar6, rel=1e-5)

    acts = pd.DataFrame(
        {"year": [2019], "activity": ["flight_domestic"], "quantity": [1000], "unit": ["pkm"]}
    )
    res = kk.calculate_emissions(
        acts, gwp_set="AR6GWP100", boundary="combustion", high_altitude=False, strict_gwp=True
    )
    assert res.rejected.empty  # no longer "published in another GWP set"
    assert res.rows["gwp_basis"].tolist() == ["recomputed"]
    assert res.rows["emissions_kg_co2e"].tolist() == [pytest.approx(1000 * ar6, rel=1e-5)]


def test_the_flight_life_cycle_rows_still_keep_their_publishers_set() -> None:
    # The well-to-tank part ("WTT- business travel- air") is published as kg CO2e only, with no
    # split per gas, so the life-cycle rows (direct + WTT) of 2019-2022 stay in AR4.
    compiled = compile_factors(kk.load_factors(), "AR6GWP100", "lifecycle", high_altitude=False)
    a = compiled.activities.index("flight_domestic")
    assert GWP_BASES[int(compiled.gwp_basis[a, 2019 - compiled.first_year])] == "other_set"
