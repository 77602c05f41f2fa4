"""Fuels as sold in Sweden: the cited inputs of the pump-fuel blends and the fuel grades.

Every expected figure below is read from its publisher (citation beside it); the tests read the
data files with pandas only.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

DATA = Path(__file__).resolve().parents[2] / "emission_factors"
YEARS = range(2019, 2026)


def read(name: str) -> pd.DataFrame:
    return pd.read_csv(DATA / name, dtype=str, keep_default_na=False, encoding="utf-8")


def grade(name: str, prop: str) -> float:
    g = read("derivations/fuel_grades.csv")
    rows = g[(g["grade"] == name) & (g["property"] == prop)]
    assert len(rows) == 1, (name, prop)
    return float(rows["value"].iloc[0])


def active_factors() -> pd.DataFrame:
    files = sorted((DATA / "factors").glob("*.csv"))
    factors = pd.concat([read(f"factors/{f.name}") for f in files], ignore_index=True)
    withdrawn = set(read("withdrawn.csv")[["factor_id", "source_id"]].itertuples(index=False))
    keys = pd.Series(list(zip(factors["factor_id"], factors["source_id"], strict=True)))
    return factors[~keys.isin(withdrawn).to_numpy()].reset_index(drop=True)


def value(activity: str, boundary: str, year: int) -> float:
    f = active_factors()
    rows = f[
        (f["activity"] == activity)
        & (f["boundary"] == boundary)
        & (f["valid_from"].astype(int) <= year)
        & (f["valid_to"].astype(int) >= year)
    ]
    assert len(rows) == 1, (activity, boundary, year, list(rows["factor_id"]))
    return float(rows["value"].iloc[0])


# Drivkraft Sverige (formerly SPBI), "Energiinnehåll, densitet och koldioxidemission",
# https://spbi.se/uppslagsverk/fakta/berakningsfaktorer/energiinnehall-densitet-och-koldioxidemission/
# columns kWh/m3 and kg CO2/liter.
SPBI = {
    "diesel_mk1": (9800, 2.54),  # "Diesel – Mk1 9 800 815 2,54"
    "diesel_mk3": (9950, 2.66),  # "Diesel – Mk3 (EU diesel, EN 590) 9 950 840 2,66"
    "petrol_e0": (9100, 2.36),  # "Motorbensin utan etanol 9 100 750 2,36"
    "eo1": (9950, 2.66),  # "Eldningsolja 1 9 950 840 2,66"
    "jet_a1": (9600, 2.52),  # "Flygfotogen, JET A1 9 600 800 2,52"
}
SPBI_BIO_KWH = {"hvo": 9450, "fame": 9150, "ethanol": 5900}  # HVO, FAME, Etanol rows


@pytest.mark.parametrize("name", sorted(SPBI))
def test_grade_values_are_drivkraft_sverige_table_values(name: str) -> None:
    kwh_per_m3, co2 = SPBI[name]
    assert grade(name, "co2_combustion") == co2
    assert grade(name, "heating_value") == pytest.approx(kwh_per_m3 * 3.6 / 1000)


@pytest.mark.parametrize("name", sorted(SPBI_BIO_KWH))
def test_bio_heating_values_are_drivkraft_sverige_table_values(name: str) -> None:
    assert grade(name, "heating_value") == pytest.approx(SPBI_BIO_KWH[name] * 3.6 / 1000)


def test_life_cycle_intensities_are_energimyndighetens_2016_table() -> None:
    # Energimyndigheten, Växthusgasutsläpp - drivmedel levererade 2016, g CO2e/MJ:
    # Diesel MK3 95,1; Bensin MK2 93,3; HVO 14; FAME 32,3; ED95 30,8.
    assert grade("diesel_mk3", "lifecycle_intensity") == 95.1
    assert grade("diesel_mk1", "lifecycle_intensity") == 95.1  # MK3 value as proxy (row note)
    assert grade("petrol_e0", "lifecycle_intensity") == 93.3
    assert grade("hvo", "lifecycle_intensity") == 14.0
    assert grade("fame", "lifecycle_intensity") == 32.3
    assert grade("ethanol", "lifecycle_intensity") == 30.8


def test_diesel_shares_are_energimyndighetens_reported_shares() -> None:
    # Miljöbarometern B2E "Förnybar andel i låginblandad diesel" (data: Energimyndigheten),
    # volym-%: FAME 2019 5,8 · 2020 5,5 · 2021 4,7 · 2022 4,8; FAME + HVO 2019 23,3 · 2020 24,4
    # · 2021 26,8 · 2022 33,6.
    reported = {2019: (5.8, 23.3), 2020: (5.5, 24.4), 2021: (4.7, 26.8), 2022: (4.8, 33.6)}
    s = read("derivations/blend_shares.csv")
    d = s[s["fuel"] == "diesel"]
    for year, (fame, total) in reported.items():
        rows = d[d["year"] == str(year)]
        assert set(rows["status"]) == {"reported"}, year
        shares = dict(zip(rows["component"], rows["share"].astype(float), strict=True))
        assert shares["fame"] == pytest.approx(fame / 100)
        assert shares["fame"] + shares["hvo"] == pytest.approx(total / 100)


def test_every_year_has_shares_and_unreported_years_are_provisional() -> None:
    s = read("derivations/blend_shares.csv")
    assert set(s["basis"]) == {"volume"}
    assert set(s["status"]) <= {"reported", "provisional"}
    for fuel in ("diesel", "petrol"):
        assert sorted(set(s.loc[s["fuel"] == fuel, "year"].astype(int))) == list(YEARS), fuel
    provisional = s[s["status"] == "provisional"]
    assert all(n.startswith("Provisional") for n in provisional["note"])
    # The factor rows built on a provisional share say so in their note.
    f = active_factors()
    pump = f[f["activity"].isin(["diesel", "diesel_backup_power", "petrol"])]
    for r in provisional.itertuples():
        rows = pump[pump["activity"].str.startswith(r.fuel) & (pump["valid_from"] == r.year)]
        assert len(rows) and all("PROVISIONAL" in n for n in rows["note"]), (r.fuel, r.year)


def test_petrol_never_holds_more_than_ten_percent_ethanol() -> None:
    # Drivkraft Sverige/SPBI: "Enligt gällande lag är det idag tillåtet att blanda i upp till
    # 10vol% etanol i motorbensin"; E10 at Swedish pumps from 1 August 2021.
    s = read("derivations/blend_shares.csv")
    petrol = s[s["fuel"] == "petrol"]
    per_year = petrol.assign(share=petrol["share"].astype(float)).groupby("year")["share"].sum()
    assert (per_year <= 0.10 + 1e-12).all(), per_year[per_year > 0.10]


def test_legal_levels_are_the_law_as_decided() -> None:
    level = {
        (r.fuel, int(r.year)): float(r.reduction_level)
        for r in read("reduktionsplikt.csv").itertuples()
    }
    # Prop. 2021/22:243, section 2, 5 § table: 2020 4,2/21; 2022 7,8/30,5; 2023 7,8/30,5.
    assert level[("petrol", 2020)] == 0.042
    assert level[("diesel", 2020)] == 0.21
    for year in (2022, 2023):
        assert level[("petrol", year)] == 0.078
        assert level[("diesel", year)] == 0.305
    # Prop. 2023/24:28: 6 % for petrol and diesel 2024-2026.
    assert level[("petrol", 2024)] == level[("diesel", 2024)] == 0.06
    # 2025: 6 % Jan-Jun, 10 % from 1 July 2025 (prop. 2024/25:131, SFS 2025:576):
    # time-weighted (6 + 10) / 2 = 8 %.
    assert level[("petrol", 2025)] == level[("diesel", 2025)] == (0.06 + 0.10) / 2
    sources = read("sources.csv").set_index("source_id")
    rp = read("reduktionsplikt.csv")
    assert set(rp.loc[rp["year"] == "2025", "source_id"]) == {"regeringen-prop-2024-25-131"}
    assert "Regeringen" in sources.loc["regeringen-prop-2024-25-131", "publisher"]


def test_no_legal_level_cites_an_encyclopaedia() -> None:
    # SFS 2017:1233 (Svensk författningssamling, utfärdad 30 November 2017, in force 1 January
    # 2020): 5 § "minst 4,2 procent för bensin" and "minst 21 procent för dieselbränsle";
    # footnote 2 "Senaste lydelse av 5 § 2017:1232": the 2019 level is that of SFS 2017:1232.
    sources = read("sources.csv").set_index("source_id")
    rp = read("reduktionsplikt.csv")
    cited = sources.loc[sorted(set(rp["source_id"]))]
    assert not cited["publisher"].str.contains("wikipedia", case=False).any()
    assert not cited["note"].str.contains("encyclop", case=False).any()
    sfs = sources.loc["sfs-2017-1233"]
    assert sfs["doc_id"] == "SFS 2017:1233"
    assert "Svensk författningssamling" in sfs["publisher"]
    for r in rp[rp["year"] == "2019"].itertuples():
        assert r.source_id == "sfs-2017-1233"
        assert "2017:1232" in r.source_locator
        assert "UNVERIFIED" in r.note  # the figures of SFS 2017:1232 itself were not read
    level = {(r.fuel, int(r.year)): float(r.reduction_level) for r in rp.itertuples()}
    assert (level[("petrol", 2020)], level[("diesel", 2020)]) == (0.042, 0.21)


def test_swedish_grades_are_kept_apart() -> None:
    # Drivkraft Sverige/SPBI: MK1 2,54, MK3 2,66, E0 petrol 2,36, Eo1 2,66 kg CO2/l: the CO2
    # component of each grade's combustion row (CH4 and N2O come on top, DESNZ 2025).
    co2 = read("components.csv")
    co2 = co2[co2["gas"] == "CO2"].set_index("factor_id")["value"].astype(float)
    for activity, expected in {
        "diesel_fossil": 2.54,
        "diesel_mk3": 2.66,
        "petrol_fossil": 2.36,
        "heating_oil": 2.66,
    }.items():
        f = active_factors()
        rows = f[(f["activity"] == activity) & (f["boundary"] == "combustion")]
        assert len(rows) == 1, activity
        assert co2[rows["factor_id"].iloc[0]] == expected, activity
        assert float(rows["value"].iloc[0]) > expected  # + CH4 and N2O


def test_jet_fuel_is_the_desnz_aviation_turbine_fuel_factor() -> None:
    # DESNZ GHG conversion factors 2025, Fuels > Liquid fuels > Aviation turbine fuel, litres:
    # kg CO2e 2,54269 = CO2 2,51973 + CH4 0,00176 + N2O 0,02120 (AR5); WTT 0,52817.
    assert 2.51973 + 0.00176 + 0.02120 == pytest.approx(2.54269)
    for year in YEARS:
        assert value("jet_fuel", "combustion", year) == 2.54269
        assert value("jet_fuel", "lifecycle", year) == pytest.approx(2.54269 + 0.52817)


def test_no_factor_in_use_cites_an_encyclopaedia() -> None:
    sources = read("sources.csv").set_index("source_id")
    encyclopaedias = set(sources.index[sources["publisher"].str.contains("Wikipedia")])
    cited = active_factors()
    bad = cited[cited["source_id"].isin(encyclopaedias)]
    assert bad.empty, list(bad["factor_id"])
