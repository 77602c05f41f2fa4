"""Tests for indicators: intensities and the fossil-free share of transport fuel.

Hand arithmetic uses tests/fixtures/factors_minimal (nitrous oxide × 265 AR5, electricity
50 g/kWh) and, for the fuel catalogue, tests/fixtures/factors_update stacked on it (petrol,
hvo100, e85 per litre, biogas per Nm3). Energy contents and blend shares are hand-made round
numbers, passed as tables.
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

import klimatkalk as kk
from klimatkalk.analysis.indicators import (
    E85_FOSSIL_FREE_SHARE,
    FOSSIL_FREE_FUELS,
    fossil_free_share,
    intensity,
)
from klimatkalk.errors import ActivityDataError, InputRowsError

FIXTURES = Path(__file__).parents[1] / "fixtures"
MINIMAL = FIXTURES / "factors_minimal"
STACKED = [MINIMAL, FIXTURES / "factors_update"]


@pytest.fixture(scope="module")
def fuels_catalogue() -> kk.FactorTable:
    return kk.load_factors(STACKED)


# ------------------------------------------------------------------------------------------
# intensity
# ------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def result(latest: kk.FactorTable) -> kk.EmissionsResult:
    acts = pd.DataFrame(
        {
            "year": [2023, 2024, 2024, 2024],
            "activity": ["nitrous_oxide", "nitrous_oxide", "electricity", "electricity"],
            "quantity": [27.0, 25.0, 60.0, 40.0],
            "unit": ["kg", "kg", "MWh", "MWh"],
            "org_unit": ["Förlossning", "Förlossning", "Sjukhus", "Kök"],
        }
    )
    return kk.calculate_emissions(acts, latest)


def test_medical_gases_per_inhabitant(result: kk.EmissionsResult) -> None:
    # 27 kg × 265 = 7155 kg / 2650 inhabitants = 2.7 kg; 25 kg × 265 / 2650 = 2.5 kg
    # (the size of Region Norrbotten's published 2.7 / 2.5 kg CO2e per inhabitant)
    dens = pd.DataFrame(
        {"year": [2023, 2024], "denominator": "inhabitants", "value": [2650.0, 2650.0]}
    )
    table = intensity(result, dens, by=("year", "category"))
    gases = table[table["category"] == "medical_gases"]
    assert gases["intensity_kg_co2e"].tolist() == pytest.approx([2.7, 2.5])
    assert list(table.columns) == [
        "year",
        "category",
        "denominator",
        "emissions_kg_co2e",
        "denominator_value",
        "intensity_kg_co2e",
    ]


def test_several_denominators_with_units(result: kk.EmissionsResult) -> None:
    dens = pd.DataFrame(
        {
            "year": [2024, 2024, 2023],
            "denominator": ["floor_area", "employees", "floor_area"],
            "value": [1000.0, 200.0, 1000.0],
            "unit": ["m2 BRA", "employees", "m2 BRA"],
        }
    )
    table = intensity(result, dens, unit="t")
    # 2024: 6625 kg N2O + 100 MWh × 50 g/kWh = 5000 kg → 11.625 t
    y2024 = table[table["year"] == 2024].set_index("denominator")
    assert y2024.loc["floor_area", "intensity_t_co2e"] == pytest.approx(11.625 / 1000)
    assert y2024.loc["employees", "intensity_t_co2e"] == pytest.approx(11.625 / 200)
    assert y2024.loc["floor_area", "denominator_unit"] == "m2 BRA"
    # no employees figure for 2023: shown, with NaN
    missing = table[(table["year"] == 2023) & (table["denominator"] == "employees")]
    assert math.isnan(float(missing["intensity_t_co2e"].iloc[0]))


def test_denominators_per_org_unit(result: kk.EmissionsResult) -> None:
    dens = pd.DataFrame(
        {
            "year": [2024, 2024],
            "org_unit": ["Sjukhus", "Kök"],
            "denominator": ["employees", "employees"],
            "value": [100.0, 20.0],
        }
    )
    table = intensity(result, dens, by=("year", "org_unit")).set_index(["year", "org_unit"])
    # Sjukhus: 60 MWh × 50 g/kWh = 3000 kg / 100; Kök: 2000 kg / 20
    assert table.loc[(2024, "Sjukhus"), "intensity_kg_co2e"] == pytest.approx(30.0)
    assert table.loc[(2024, "Kök"), "intensity_kg_co2e"] == pytest.approx(100.0)
    assert math.isnan(table.loc[(2024, "Förlossning"), "intensity_kg_co2e"])


def test_denominator_errors(result: kk.EmissionsResult) -> None:
    with pytest.raises(ActivityDataError, match="required column missing"):
        intensity(result, pd.DataFrame({"year": [2024], "value": [1.0]}))
    bad = pd.DataFrame({"year": [2024, 2024], "denominator": ["a", "b"], "value": [0.0, "x"]})
    with pytest.raises(ActivityDataError) as info:
        intensity(result, bad)
    assert [p.row for p in info.value.problems] == [0, 1]
    twice = pd.DataFrame({"year": [2024, 2024], "denominator": ["a", "a"], "value": [1, 2]})
    with pytest.raises(ActivityDataError, match="a second value"):
        intensity(result, twice)
    ok = pd.DataFrame({"year": [2024], "denominator": ["a"], "value": [1.0]})
    with pytest.raises(ValueError, match="must include 'year'"):
        intensity(result, ok, by="category")


# ------------------------------------------------------------------------------------------
# fossil_free_share
# ------------------------------------------------------------------------------------------

ENERGY = pd.DataFrame(
    {
        "activity": ["diesel", "petrol", "hvo100", "e85", "biogas"],
        "value": [36.0, 32.4, 36.0, 23.4, 10.0],  # 10, 9, 10, 6.5 kWh/l; 10 kWh/Nm3
        "unit": ["MJ / l", "MJ / l", "MJ / l", "MJ / l", "kWh / Nm3"],
    }
)
BLEND = pd.DataFrame(
    {
        "year": [2023, 2023, 2024, 2024],
        "fuel": ["diesel", "petrol", "diesel", "petrol"],
        "reduction_level": [0.305, 0.078, 0.06, 0.06],
        "bio_share_energy": [0.35, 0.10, 0.07, 0.09],
    }
)
FUEL_ACTS = pd.DataFrame(
    {
        "year": [2023] * 7,
        "activity": [
            "diesel",
            "petrol",
            "hvo100",
            "biogas",
            "e85",
            "electricity",  # energy, not transport: not counted
            "flight_domestic",  # transport but km, not fuel: not counted
        ],
        "quantity": [1.0, 1000.0, 2000.0, 1000.0, 1000.0, 100.0, 1000.0],
        "unit": ["m3", "l", "l", "Nm3", "l", "MWh", "km"],
    }
)
# energy [kWh]: diesel 1 m3 = 1000 l × 10 = 10 000; petrol 9000; HVO 20 000; biogas 10 000; E85 6500
ENERGY_KWH = 10_000 + 9_000 + 20_000 + 10_000 + 6_500
PURE_KWH = 20_000 + 10_000 + 6_500 * E85_FOSSIL_FREE_SHARE
BLEND_KWH = 10_000 * 0.35 + 9_000 * 0.10  # 3500 + 900


def test_e85_share() -> None:
    # 15 % petrol at 32.2 MJ/l in E85 of 23.2 MJ/l: 1 − 4.83/23.2 = 0.7918
    assert E85_FOSSIL_FREE_SHARE == pytest.approx(0.7918, abs=1e-4)
    assert FOSSIL_FREE_FUELS["hvo100"] == 1.0


def test_fossil_free_share_hand_values(fuels_catalogue: kk.FactorTable) -> None:
    table = fossil_free_share(FUEL_ACTS, fuels_catalogue, blend_shares=BLEND, energy_content=ENERGY)
    assert list(table.columns) == [
        "year",
        "energy_kwh",
        "pure_biofuel_kwh",
        "blend_bio_kwh",
        "fossil_free_kwh",
        "fossil_free_share",
        "fossil_free_share_excluding_blends",
    ]
    row = table.iloc[0]
    assert row["energy_kwh"] == pytest.approx(ENERGY_KWH)  # 55 500
    assert row["pure_biofuel_kwh"] == pytest.approx(PURE_KWH)  # 35 146.8
    assert row["blend_bio_kwh"] == pytest.approx(BLEND_KWH)  # 4 400
    assert row["fossil_free_share"] == pytest.approx((PURE_KWH + BLEND_KWH) / ENERGY_KWH)
    assert row["fossil_free_share"] == pytest.approx(0.7126, abs=1e-4)
    # counting petrol and diesel as wholly fossil (the older method) gives less: 63.3 %
    assert row["fossil_free_share_excluding_blends"] == pytest.approx(PURE_KWH / ENERGY_KWH)


def test_blend_share_follows_the_year(fuels_catalogue: kk.FactorTable) -> None:
    # the same 1000 l of diesel: 35 % bio in 2023, 7 % in 2024 (reduktionsplikt cut to 6 %)
    acts = pd.DataFrame(
        {"year": [2023, 2024], "activity": ["diesel"] * 2, "quantity": [1000.0] * 2, "unit": "l"}
    )
    table = fossil_free_share(acts, fuels_catalogue, blend_shares=BLEND, energy_content=ENERGY)
    assert table["fossil_free_share"].tolist() == pytest.approx([0.35, 0.07])
    assert table["fossil_free_share_excluding_blends"].tolist() == [0.0, 0.0]


def test_options(fuels_catalogue: kk.FactorTable) -> None:
    # count E85 wholly fossil-free
    whole = {**FOSSIL_FREE_FUELS, "e85": 1.0}
    table = fossil_free_share(
        FUEL_ACTS,
        fuels_catalogue,
        blend_shares=BLEND,
        energy_content=ENERGY,
        fossil_free_fuels=whole,
    )
    assert table["pure_biofuel_kwh"].iloc[0] == pytest.approx(36_500.0)
    # only road diesel and HVO: (3500 + 20 000) / 30 000
    only = fossil_free_share(
        FUEL_ACTS,
        fuels_catalogue,
        blend_shares=BLEND,
        energy_content=ENERGY,
        fuels=["diesel", "hvo100"],
    )
    assert only["fossil_free_share"].iloc[0] == pytest.approx(23_500 / 30_000)
    # a blend table that names petrol "bensin"
    bensin = BLEND.assign(fuel=BLEND["fuel"].replace({"petrol": "bensin"}))
    renamed = fossil_free_share(
        FUEL_ACTS,
        fuels_catalogue,
        blend_shares=bensin,
        energy_content=ENERGY,
        blend_fuel={"petrol": "bensin"},
    )
    assert renamed["blend_bio_kwh"].iloc[0] == pytest.approx(BLEND_KWH)


def test_grouped_by_org_unit(fuels_catalogue: kk.FactorTable) -> None:
    acts = FUEL_ACTS.iloc[:3].assign(org_unit=["Ambulans", "Ambulans", "Buss"])
    table = fossil_free_share(
        acts, fuels_catalogue, blend_shares=BLEND, energy_content=ENERGY, by=("year", "org_unit")
    )
    shares = dict(zip(table["org_unit"], table["fossil_free_share"], strict=True))
    assert shares["Ambulans"] == pytest.approx(BLEND_KWH / 19_000)
    assert shares["Buss"] == 1.0


def test_fossil_free_share_errors(fuels_catalogue: kk.FactorTable) -> None:
    with pytest.raises(ValueError, match=r"no bio share.*\(2025, 'diesel'\)"):
        fossil_free_share(
            FUEL_ACTS.assign(year=2025),
            fuels_catalogue,
            blend_shares=BLEND,
            energy_content=ENERGY,
        )
    with pytest.raises(ValueError, match="fraction between 0 and 1"):
        fossil_free_share(
            FUEL_ACTS,
            fuels_catalogue,
            blend_shares=BLEND.assign(bio_share_energy=35.0),
            energy_content=ENERGY,
        )
    with pytest.raises(ValueError, match=r"no energy content for \['biogas'\]"):
        fossil_free_share(
            FUEL_ACTS, fuels_catalogue, blend_shares=BLEND, energy_content=ENERGY.iloc[:4]
        )
    per_kg = ENERGY.assign(unit=["MJ / kg", "MJ / l", "MJ / l", "MJ / l", "kWh / Nm3"])
    with pytest.raises(ValueError, match="energy content of 'diesel'"):
        fossil_free_share(FUEL_ACTS, fuels_catalogue, blend_shares=BLEND, energy_content=per_kg)
    wrong = FUEL_ACTS.assign(unit=["MWh", "l", "l", "Nm3", "l", "MWh", "km"])
    with pytest.raises(InputRowsError) as info:
        fossil_free_share(wrong, fuels_catalogue, blend_shares=BLEND, energy_content=ENERGY)
    assert [(p.row, p.column) for p in info.value.problems] == [(0, "unit")]
    unreadable = FUEL_ACTS.assign(quantity=["x", 1, 1, 1, 1, 1, 1])
    with pytest.raises(InputRowsError) as info:
        fossil_free_share(unreadable, fuels_catalogue, blend_shares=BLEND, energy_content=ENERGY)
    # the reader's own finding for the cell: its value and reason, not a vaguer one
    [problem] = info.value.problems
    assert (problem.row, problem.column, problem.value) == (0, "quantity", "x")
    assert problem.reason.value == "not_a_number"
    assert info.value.headline == "transport fuel rows cannot be counted"
    with pytest.raises(ValueError, match="not transport fuels"):
        fossil_free_share(FUEL_ACTS, fuels_catalogue, blend_shares=BLEND, fuels=["electricity"])
    with pytest.raises(ValueError, match="must include 'year'"):
        fossil_free_share(FUEL_ACTS, fuels_catalogue, by="org_unit")


def test_bundled_blend_table_is_used_by_default() -> None:
    from klimatkalk._resources import data_root

    bundled = pd.read_csv(data_root() / "reduktionsplikt.csv")
    expected = bundled[(bundled["year"] == 2023) & (bundled["fuel"] == "diesel")]
    acts = pd.DataFrame({"year": [2023], "activity": ["diesel"], "quantity": [1.0], "unit": "l"})
    table = fossil_free_share(acts, energy_content=ENERGY.iloc[:1])
    assert table["fossil_free_share"].iloc[0] == pytest.approx(
        float(expected["bio_share_energy"].iloc[0])
    )
