"""Generate the bundled synthetic example region: Region Exempelland — SYNTETISKA DATA.

Writes ``src/klimatkalk/data/example_region.csv`` (the activity data behind
``klimatkalk.load_example_activities()``) and its companion ``example_region.md``. The data are
**synthetic**: a fictional Swedish region of about 250 000 inhabitants, 2019–2025, one row per
month, org unit, site and activity. The numbers are built from the documented assumptions below
and a seeded random generator (``numpy.random.default_rng(SEED)``), so that every run writes the
same bytes; ``tests/unit/test_examples.py`` checks that the shipped file is this script's output.

Run from the repository root::

    .venv/bin/python scripts/make_example_region.py            # rewrite the shipped files
    .venv/bin/python scripts/make_example_region.py -o out.csv  # write elsewhere

Columns: ``year``, ``activity``, ``quantity``, ``unit``, ``org_unit``, ``period`` (month 1–12),
``site`` (building, ward, station or depot; for patient travel the patient's home municipality),
``abated_fraction`` (share of nitrous oxide destroyed; set on delivery-ward rows only),
``comment`` and ``data_note`` (``syntetisk`` on every row). Units are mixed on purpose (l and m3,
kWh and MWh, km, pkm and mil, g, kg and t, SEK and kSEK), as the files a region's analyst
collects are. Rows whose rounded quantity is 0 are not written.

How a stream is built: an annual total (the assumption for 2019 times a yearly index) is spread
over the 12 months by a seasonal profile times log-normal noise, renormalised so that the months
sum to the annual total. Year-on-year ratios of the annual totals (the 2020 travel drops, the
energy trend) therefore hold exactly before rounding.

Assumptions and references ("pf" = ``shared/reference/public_figures.csv``, row named by
organisation, year and indicator; "df" = ``shared/reference/domain-facts.md``, section; the same
table is written to ``example_region.md``):

| # | topic | assumption | reference |
|---|---|---|---|
| 1 | region | Fictional "Region Exempelland", 249 000 inhabitants in 2019 rising to 251 500 in 2025 (`klimatkalk.examples.EXAMPLE_REGION_INHABITANTS`); years 2019–2025; monthly rows | synthetic; of the order of Region Norrbotten and Region Västmanland, whose published figures (pf) anchor the rows below |
| 2 | org units | Akutsjukhuset, Länssjukhuset, Primärvård (8 health centres), Tandvård (6 dental clinics), Ambulanssjukvård (5 stations, helicopter, plane), Kollektivtrafik (2 bus depots), Regionservice (warehouse, central kitchen, regional office, vehicle unit), Patientresor; 7 920 employees | synthetic; categories of a Swedish region's report: df §1a |
| 3 | floor area | 358 000 m2 in total (hospital buildings 260 000 m2, Regionservice 54 000, bus depots 15 000; health centres, dental clinics and ambulance stations drawn from 1 500–3 000, 700–1 500 and 800–1 200 m2) | synthetic (≈ 1.4 m2 per inhabitant) |
| 4 | electricity | 88 kWh/m2 in 2019, −1.2 %/yr (≈ 83.8 kWh/m2 in 2023, 82.8 in 2024); winter peak ±8 % | pf: Region Norrbotten 2023/2024 electricity use per floor area 84 / 83 kWh/m2 |
| 5 | district heating | 118 kWh/m2 in 2019, −1.8 %/yr (≈ 109.7 kWh/m2 in 2023, 107.7 in 2024); heating-season profile | pf: Region Norrbotten 2023/2024 district heating use per floor area 113 / 108 kWh/m2 |
| 6 | total energy | electricity + heat 206 kWh/m2 in 2019, 194 in 2023, 190 in 2024, i.e. falling ≈ 1.5 %/yr | pf: Region Västmanland energy use per floor area 188 (2023) / 185 (2024) kWh/m2 BRA |
| 7 | electricity contracts | Hospitals, Regionservice, ambulance stations and bus depots buy GO-backed renewable electricity (`electricity_renewable_go`); each rented health-centre and dental site is on residual mix (`electricity_residual_mix`) until it switches in 2019, 2021, 2023 or never (drawn) | df §1b (dual scope 2: GO = 0, else residual mix), §2.2 |
| 8 | district-heating networks | Akutsjukhuset and Regionhuset on the Västerås network, Länssjukhuset on the Linköping network, every other site on the Swedish average (real networks stand in for the fictional towns) | df §2.3 (factor per network and year) |
| 9 | district cooling | Hospital buildings only, 15 kWh/m2 per year, summer peak; 2024 +20 % for a warm summer | pf: Region Västmanland 2024 energy-use emissions (a warm summer needed cooling) |
| 10 | backup power | 250 l diesel per hospital building and month for test runs (`diesel_backup_power`) | synthetic; reservkraft is a report category: df §1a |
| 11 | heating oil | Reserve boiler at Länssjukhuset: 12 / 10 / 7 / 3 m3 in 2019–2022, none from 2023, heating season only | synthetic |
| 12 | ambulance fuel | 150 m3 a year (diesel + HVO100, −0.5 %/yr) over 5 stations; HVO100 share 10 → 15 → 25 → 40 → 55 → 60 → 70 % in 2019–2025 | synthetic; direction as pf: Region Västmanland fossil-free share of transport fuels 93 % (2023) / 95 % (2024) |
| 13 | Regionservice vehicles | Petrol 40 m3 (−10 %/yr); diesel + HVO100 55 m3 (−3 %/yr), HVO share 15 → 75 %; E85 6 / 4 / 2 / 0.5 m3 in 2019–2022, none after; vehicle gas 8 t a year; alkylate petrol (`petrol_fossil`) 0.6 m3, April–October | synthetic; df §2.1 (pump blend vs 100 % fossil) |
| 14 | public transport | 14.0 M bus-km in 2019 (index 1.00, 0.97, 0.98, 1.00, 1.01, 1.02, 1.03); shares diesel / HVO100 / biogas / ED95 / electric 6/60/25/2/7 % (2019) → 2/48/28/0/22 % (2025); 0.38 l/km (diesel, HVO100), 0.33 kg/km biogas, 0.65 l/km ED95, 1.3 kWh/km electric; depots 55/45 % | pf: Region Västmanland bus energy use 3.6 (2023) / 4.5 (2024) kWh per vehicle-km; df §1a (renewable fuel in public transport 94 %) |
| 15 | ambulance helicopter | 170 m3 jet fuel in 2019 (≈ 740 flight hours × 230 l/h), summer peak; index 1.00, 0.78, 0.90, 0.98, 1.00, 1.02, 1.03 | pf: Region Norrbotten Miljöredovisning 2020, ambulance helicopter flight hours −22 % vs 2019 |
| 16 | ambulance plane | 220 m3 jet fuel in 2019; index 1.00, 1.01, 1.02, 1.02, 1.03, 1.03, 1.04 | pf: Region Norrbotten Miljöredovisning 2020, ambulance plane flight hours +1 % vs 2019 |
| 17 | business travel 2019 | Per employee: domestic flight 250 pkm, Europe 120 pkm, intercontinental 60 pkm (hospitals and Regionservice only), train 450 pkm, taxi 15 km, bus 40 pkm (org units of 500 employees or more); car 100–800 km by org unit, split petrol/diesel/HVO/electric/PHEV 45/40/3/5/7 % (2019) → 20/17/13/35/15 % (2025) | synthetic; per-vehicle-km car activities as in df §2.4 |
| 18 | 2020 travel drop | Index by year 2019–2025: flights 1.00, 0.20, 0.25, 0.50, 0.60, 0.62, 0.60; train and bus 1.00, 0.10, 0.30, 0.75, 0.90, 0.95, 1.00; car and taxi 1.00, 0.67, 0.75, 0.85, 0.88, 0.88, 0.87; 2020 months front-loaded (pandemic from March) | pf: Region Norrbotten Miljöredovisning 2020, business travel by air −80 %, by train −90 %, by car −33 % vs 2019; recovery after 2020 synthetic |
| 19 | patient travel | 2019: taxi 6.0 M km, own car 7.0 M km (reported in mil), bus 1.6 M pkm, train 1.2 M pkm over 6 home municipalities; 2020: bus −37.5 %, train −35 %, taxi and car −23.75 % (derived so that the total is −26 %; km taken as proportional to trips); after 2020 each mode closes 40, 80, 90, 92, 95 % of its 2020 gap in 2021–2025 | pf: Region Norrbotten Miljöredovisning 2020, reimbursed patient trips −26 % vs 2019 (bus −37.5 %, train −35 %) |
| 20 | medical gases | Nitrous oxide 2 300 kg a year (delivery wards 1 400 kg Akutsjukhuset + 550 kg Länssjukhuset; operating theatres 150 + 80 kg; dental sedation 120 kg); Livopan 260 kg (ambulances); sevoflurane 350 kg (+10 kg/yr); desflurane 65 kg; isoflurane 8 kg; medical CO2 2 500 kg. Under AR5 GWP100 this gives ≈ 3.4 (2019), 2.7 (2023), 2.5 (2024), 2.2 (2025) kg CO2e per inhabitant | pf: Region Norrbotten medical gases per inhabitant 2.7 (2023) / 2.5 (2024) kg CO2e; df §2.6 (GWPs, Livopan 50/50 by mole, ≈ 1 kg N2O per birth) |
| 21 | desflurane phase-out | Index 1.00, 0.70, 0.40, 0.15, 0.03, 0, 0 in 2019–2025 (substituted by sevoflurane, row 20) | df §2.6 (desflurane GWP 1 790 AR5; per-inhabitant indicator falling) |
| 22 | nitrous-oxide destruction | `abated_fraction` at Akutsjukhuset's delivery ward 0, 0, 0, 0.15, 0.20, 0.30, 0.50 in 2019–2025; 0 at Länssjukhuset's | df §2.6 (destruction: emission = purchased − destroyed; up to 90 % collectable) |
| 23 | 2020 surgery | Anaesthetic gases (not delivery-ward N2O) −15 % in 2020, dip April–July | synthetic |
| 24 | refrigerant refills | Refills (kg, small ones in g) drawn per system and year from a Poisson number of events with log-normal size: chillers R134a, AC R410A/R407C/R32, central-kitchen cold rooms R404A until 2021 then R744 from 2022, R290 plug-in cabinets | df §1b (fugitive emissions = refill × GWP), §2.7 |
| 25 | purchases | 2019 spend by org unit and category (MSEK, total ≈ 3.0 bn SEK) in kSEK (Tandvård reports SEK), all seven spend categories; nominal growth per category 2–6 %/yr; medical consumables +30 % in 2020 (protective equipment) easing to +18 % by 2025; IT +15 % in 2020; December peak, July low | df §2.8 (spend-based, KPI deflation), §1a (purchases dominate a region's footprint); pf: Region Västmanland purchases emissions +9 % (2023) / +11 % (2024) vs 2019 |
| 25a | purchases split | IT spend booked as hardware / IT services / telecom 40 / 45 / 15 %; service spend as bought care / business services 50 / 50 % at the hospitals and Ambulanssjukvård, 70 / 30 % in Primärvård, 30 / 70 % in Tandvård, all business services at Regionservice, Patientresor and Kollektivtrafik (the buses' fuel is counted in litres, row 14, so their operation is not counted again per krona) | synthetic; issue 19 (split the category averages into what they describe) |
| 26 | noise | Log-normal monthly noise, σ = 0.04 (energy), 0.08 (fuels), 0.10 (travel, gases), 0.15 (purchases); seed 20192025 | synthetic |
| 27 | units | Hospitals report energy in MWh, small sites in kWh; fuels in l, bus depot Nord and the ambulance plane in m3; flights in km at the hospitals, pkm elsewhere; car mileage in mil at Primärvård, Tandvård and Ambulanssjukvård; patient-travel car in mil; biogas in kg (depot Nord) and t (depot Syd); gases in kg, small ones in g; spend in kSEK, Tandvård in SEK | design.md §3a (units accepted) |
"""  # noqa: E501

from __future__ import annotations

import argparse
import csv
import io
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

SEED = 20192025
YEARS = tuple(range(2019, 2026))
N_YEARS = len(YEARS)
ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = ROOT / "src" / "klimatkalk" / "data"
OUTPUT = DATA_DIR / "example_region.csv"
COLUMNS = (
    "year",
    "activity",
    "quantity",
    "unit",
    "org_unit",
    "period",
    "site",
    "abated_fraction",
    "comment",
    "data_note",
)
DATA_NOTE = "syntetisk"

# Decimals a quantity is rounded to, by unit (at least one is always written).
DECIMALS = {
    "l": 1,
    "m3": 3,
    "kWh": 0,
    "MWh": 3,
    "km": 0,
    "pkm": 0,
    "mil": 1,
    "g": 0,
    "kg": 2,
    "t": 4,
    "SEK": 0,
    "kSEK": 1,
}
# Multiplier from the canonical unit a stream is computed in to the unit it is reported in.
FROM_CANONICAL = {
    "l": 1.0,
    "m3": 1e-3,
    "kWh": 1.0,
    "MWh": 1e-3,
    "km": 1.0,
    "pkm": 1.0,
    "mil": 0.1,
    "g": 1e3,
    "kg": 1.0,
    "t": 1e-3,
    "SEK": 1.0,
    "kSEK": 1e-3,
}

# --- monthly profiles (relative weights, Jan…Dec) ----------------------------------------------
HEAT = (0.150, 0.135, 0.120, 0.085, 0.050, 0.030, 0.025, 0.028, 0.048, 0.080, 0.115, 0.134)
HOT_WATER = 0.25  # share of district heating that is flat over the year
ELECTRICITY = tuple(1 + 0.08 * math.cos(2 * math.pi * m / 12) for m in range(12))
COOLING = (0.2, 0.2, 0.4, 0.6, 1.0, 1.8, 2.4, 2.2, 1.2, 0.5, 0.3, 0.2)
FLAT = (1.0,) * 12
TRAVEL = (1.0, 1.1, 1.1, 1.0, 1.0, 0.8, 0.3, 0.7, 1.2, 1.2, 1.1, 0.7)
TRAVEL_2020 = (1.0, 1.0, 0.5, 0.1, 0.1, 0.1, 0.1, 0.15, 0.2, 0.2, 0.15, 0.1)
PATIENT = (1.0, 1.0, 1.05, 1.0, 1.0, 0.9, 0.7, 0.85, 1.05, 1.05, 1.0, 0.9)
PATIENT_2020 = (1.0, 1.0, 0.8, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.85, 0.8, 0.8)
SURGERY_2020 = (1.0, 1.0, 0.9, 0.6, 0.6, 0.7, 0.8, 0.9, 1.0, 1.0, 0.95, 0.95)
FLIGHT_SEASON = (0.85, 0.85, 0.9, 0.95, 1.05, 1.15, 1.3, 1.2, 1.0, 0.9, 0.9, 0.95)
PURCHASES = (0.9, 0.95, 1.0, 1.0, 1.0, 0.95, 0.6, 0.85, 1.05, 1.05, 1.1, 1.3)
OUTDOOR = (0.0, 0.0, 0.0, 0.6, 1.0, 1.0, 1.0, 1.0, 1.0, 0.6, 0.0, 0.0)
HEATING_SEASON = (1.0, 1.0, 0.8, 0.3, 0.0, 0.0, 0.0, 0.0, 0.0, 0.3, 0.8, 1.0)

SIGMA_ENERGY, SIGMA_FUEL, SIGMA_TRAVEL, SIGMA_GAS, SIGMA_PURCHASE = 0.04, 0.08, 0.10, 0.10, 0.15

# --- 1–3: organisation ---------------------------------------------------------------------------
STAFF = {
    "Akutsjukhuset": 3500,
    "Länssjukhuset": 1700,
    "Primärvård": 1200,
    "Tandvård": 500,
    "Ambulanssjukvård": 300,
    "Kollektivtrafik": 80,
    "Regionservice": 600,
    "Patientresor": 40,
}
TOWNS = (
    "Storstad",
    "Älvby",
    "Ekeby",
    "Granås",
    "Lindvik",
    "Sjöholm",
    "Tallnäs",
    "Björkvik",
    "Åsby",
    "Furuberg",
    "Hagalund",
    "Mossby",
)
N_HEALTH_CENTRES, N_DENTAL_CLINICS, N_AMBULANCE_STATIONS = 8, 6, 5
BUILDINGS = (  # name, org unit, m2, district-heating network, unit of energy rows, hospital
    ("Akutsjukhuset A", "Akutsjukhuset", 60_000, "vasteras", "MWh", True),
    ("Akutsjukhuset B", "Akutsjukhuset", 50_000, "vasteras", "MWh", True),
    ("Akutsjukhuset C", "Akutsjukhuset", 45_000, "vasteras", "MWh", True),
    ("Akutsjukhuset D", "Akutsjukhuset", 25_000, "vasteras", "MWh", True),
    ("Länssjukhuset Huvudbyggnad", "Länssjukhuset", 55_000, "linkoping", "MWh", True),
    ("Länssjukhuset Psykiatri", "Länssjukhuset", 15_000, "linkoping", "kWh", True),
    ("Länssjukhuset Rehab", "Länssjukhuset", 10_000, "linkoping", "kWh", True),
    ("Regionhuset", "Regionservice", 25_000, "vasteras", "MWh", False),
    ("Centralförråd", "Regionservice", 20_000, "sweden", "kWh", False),
    ("Centralkök", "Regionservice", 6_000, "sweden", "kWh", False),
    ("Fordonsenheten", "Regionservice", 3_000, "sweden", "kWh", False),
    ("Bussdepå Nord", "Kollektivtrafik", 8_000, "sweden", "MWh", False),
    ("Bussdepå Syd", "Kollektivtrafik", 7_000, "sweden", "kWh", False),
)

# --- 4–11: energy ----------------------------------------------------------------------------
EL_KWH_PER_M2_2019, EL_TREND = 88.0, -0.012
HEAT_KWH_PER_M2_2019, HEAT_TREND = 118.0, -0.018
COOL_KWH_PER_M2, COOLING_2024 = 15.0, 1.20
BACKUP_L_PER_MONTH = 250.0
HEATING_OIL_M3 = (12.0, 10.0, 7.0, 3.0, 0.0, 0.0, 0.0)
GO_SWITCH_CHOICES = (2019, 2021, 2023, 9999)  # 9999: stays on residual mix
GO_SWITCH_P = (0.3, 0.3, 0.2, 0.2)

# --- 12–16: vehicles, buses, ambulance flights -------------------------------------------------
AMBULANCE_FUEL_L, AMBULANCE_TREND = 150_000.0, -0.005
AMBULANCE_HVO_SHARE = (0.10, 0.15, 0.25, 0.40, 0.55, 0.60, 0.70)
FLEET_PETROL_L, FLEET_PETROL_TREND = 40_000.0, -0.10
FLEET_DIESEL_L, FLEET_DIESEL_TREND = 55_000.0, -0.03
FLEET_HVO_SHARE = (0.15, 0.25, 0.35, 0.45, 0.55, 0.65, 0.75)
FLEET_E85_L = (6000.0, 4000.0, 2000.0, 500.0, 0.0, 0.0, 0.0)
FLEET_VEHICLE_GAS_KG = 8000.0
FLEET_ALKYLATE_L = 600.0
BUS_KM = 14.0e6
BUS_KM_INDEX = (1.00, 0.97, 0.98, 1.00, 1.01, 1.02, 1.03)
# shares of bus-km: diesel, hvo100, biogas, ed95, electric
BUS_SHARES = (
    (0.06, 0.60, 0.25, 0.02, 0.07),
    (0.05, 0.60, 0.26, 0.02, 0.07),
    (0.04, 0.58, 0.27, 0.01, 0.10),
    (0.03, 0.56, 0.28, 0.00, 0.13),
    (0.03, 0.53, 0.28, 0.00, 0.16),
    (0.03, 0.50, 0.28, 0.00, 0.19),
    (0.02, 0.48, 0.28, 0.00, 0.22),
)
BUS_USE = {"diesel": 0.38, "hvo100": 0.38, "biogas": 0.33, "ed95": 0.65, "electric": 1.3}
DEPOT_SHARE = {"Bussdepå Nord": 0.55, "Bussdepå Syd": 0.45}
HELICOPTER_L = 170_000.0
HELICOPTER_INDEX = (1.00, 0.78, 0.90, 0.98, 1.00, 1.02, 1.03)
PLANE_L = 220_000.0
PLANE_INDEX = (1.00, 1.01, 1.02, 1.02, 1.03, 1.03, 1.04)

# --- 17–19: travel ---------------------------------------------------------------------------
PER_EMPLOYEE = {
    "flight_domestic": 250.0,
    "flight_europe": 120.0,
    "flight_intercontinental": 60.0,
    "train": 450.0,
    "taxi": 15.0,
    "bus": 40.0,
}
INTERCONTINENTAL_ORGS = ("Akutsjukhuset", "Länssjukhuset", "Regionservice")
BUS_MIN_STAFF = 500  # smaller org units book no buses
CAR_KM_PER_EMPLOYEE = {
    "Akutsjukhuset": 150.0,
    "Länssjukhuset": 250.0,
    "Primärvård": 600.0,
    "Tandvård": 250.0,
    "Ambulanssjukvård": 100.0,
    "Kollektivtrafik": 800.0,
    "Regionservice": 700.0,
    "Patientresor": 100.0,
}
CARS = ("car_petrol", "car_diesel", "car_hvo", "car_electric", "car_phev")
CAR_SHARES_2019 = (0.45, 0.40, 0.03, 0.05, 0.07)
CAR_SHARES_2025 = (0.20, 0.17, 0.13, 0.35, 0.15)
TRAVEL_INDEX = {
    "flight": (1.00, 0.20, 0.25, 0.50, 0.60, 0.62, 0.60),
    "train": (1.00, 0.10, 0.30, 0.75, 0.90, 0.95, 1.00),
    "car": (1.00, 0.67, 0.75, 0.85, 0.88, 0.88, 0.87),
}
MODE_INDEX = {
    "flight_domestic": "flight",
    "flight_europe": "flight",
    "flight_intercontinental": "flight",
    "train": "train",
    "bus": "train",
    "taxi": "car",
    **dict.fromkeys(CARS, "car"),
}
HOSPITALS = ("Akutsjukhuset", "Länssjukhuset")
MIL_ORGS = ("Primärvård", "Tandvård", "Ambulanssjukvård")
PATIENT_2019 = {
    "patient_travel_taxi": 6.0e6,
    "patient_travel_car": 7.0e6,
    "patient_travel_bus": 1.6e6,
    "patient_travel_train": 1.2e6,
}
PATIENT_TOTAL_2020 = 0.74
PATIENT_2020_FIXED = {"patient_travel_bus": 0.625, "patient_travel_train": 0.65}
PATIENT_GAP_CLOSED = (0.0, 0.0, 0.40, 0.80, 0.90, 0.92, 0.95)
PATIENT_UNITS = {
    "patient_travel_taxi": "km",
    "patient_travel_car": "mil",
    "patient_travel_bus": "pkm",
    "patient_travel_train": "pkm",
}
MUNICIPALITIES = {  # home municipality: (population share, trip-length multiplier)
    "Storstad": (0.40, 0.7),
    "Älvby": (0.18, 1.1),
    "Ekeby": (0.14, 1.2),
    "Granås": (0.12, 1.3),
    "Lindvik": (0.09, 1.4),
    "Sjöholm": (0.07, 1.5),
}

# --- 20–23: medical gases ----------------------------------------------------------------------
DELIVERY_N2O_KG = {"Akutsjukhuset": 1400.0, "Länssjukhuset": 550.0}
DELIVERY_ABATED = {
    "Akutsjukhuset": (0.0, 0.0, 0.0, 0.15, 0.20, 0.30, 0.50),
    "Länssjukhuset": (0.0,) * N_YEARS,
}
THEATRE_GASES_KG = {  # (activity, unit): kg a year in 2019, per hospital
    ("nitrous_oxide", "kg"): {"Akutsjukhuset": 150.0, "Länssjukhuset": 80.0},
    ("sevoflurane", "kg"): {"Akutsjukhuset": 240.0, "Länssjukhuset": 110.0},
    ("desflurane", "g"): {"Akutsjukhuset": 45.0, "Länssjukhuset": 20.0},
    ("isoflurane", "g"): {"Akutsjukhuset": 5.0, "Länssjukhuset": 3.0},
    ("medical_co2", "kg"): {"Akutsjukhuset": 1700.0, "Länssjukhuset": 800.0},
}
SEVOFLURANE_PER_YEAR_KG = 10.0  # region-wide increase, replaces desflurane
DESFLURANE_INDEX = (1.00, 0.70, 0.40, 0.15, 0.03, 0.0, 0.0)
SURGERY_INDEX_2020 = 0.85
DENTAL_N2O_KG = 120.0
LIVOPAN_KG = 260.0

# --- 24: refrigerants (site, activity, unit, events per year, mean kg per refill, years) ------
REFRIGERANT_SYSTEMS = (
    ("Akutsjukhuset A", "refrigerant_r134a", "kg", 1.5, 12.0, (2019, 2025)),
    ("Akutsjukhuset B", "refrigerant_r410a", "kg", 2.0, 4.0, (2019, 2025)),
    ("Akutsjukhuset C", "refrigerant_r407c", "kg", 1.0, 6.0, (2019, 2025)),
    ("Länssjukhuset Huvudbyggnad", "refrigerant_r134a", "kg", 1.0, 10.0, (2019, 2025)),
    ("Länssjukhuset Huvudbyggnad", "refrigerant_r410a", "kg", 1.0, 3.0, (2019, 2025)),
    ("Centralkök", "refrigerant_r404a", "kg", 2.0, 8.0, (2019, 2021)),
    ("Centralkök", "refrigerant_r744", "kg", 1.5, 5.0, (2022, 2025)),
    ("Centralförråd", "refrigerant_r290", "g", 0.8, 0.3, (2019, 2025)),
    ("Vårdcentral Storstad", "refrigerant_r410a", "kg", 0.5, 1.5, (2019, 2022)),
    ("Vårdcentral Storstad", "refrigerant_r32", "kg", 0.5, 1.0, (2023, 2025)),
    ("Vårdcentral Älvby", "refrigerant_r32", "g", 0.6, 0.8, (2021, 2025)),
    ("Regionhuset", "refrigerant_r410a", "kg", 0.8, 3.0, (2019, 2025)),
)

# --- 25: purchases (MSEK in 2019) --------------------------------------------------------------
PURCHASE_CATEGORIES = (
    "purchase_medical_consumables",
    "purchase_pharmaceuticals",
    "purchase_food",
    "purchase_it",
    "purchase_furniture",
    "purchase_services",
    "purchase_laundry",
)
PURCHASES_MSEK_2019 = {  # in the order of PURCHASE_CATEGORIES
    "Akutsjukhuset": (420.0, 520.0, 35.0, 60.0, 12.0, 300.0, 30.0),
    "Länssjukhuset": (200.0, 240.0, 18.0, 30.0, 6.0, 140.0, 15.0),
    "Primärvård": (80.0, 90.0, 0.0, 35.0, 8.0, 120.0, 5.0),
    "Tandvård": (40.0, 5.0, 0.0, 12.0, 4.0, 40.0, 2.0),
    "Ambulanssjukvård": (25.0, 10.0, 0.0, 8.0, 1.0, 30.0, 2.0),
    "Kollektivtrafik": (0.0, 0.0, 0.0, 20.0, 2.0, 40.0, 0.0),
    "Regionservice": (10.0, 0.0, 60.0, 120.0, 20.0, 200.0, 3.0),
    "Patientresor": (0.0, 0.0, 0.0, 3.0, 0.5, 15.0, 0.0),
}
PURCHASE_INDEX = {
    "purchase_medical_consumables": (1.00, 1.30, 1.22, 1.15, 1.15, 1.16, 1.18),
    "purchase_pharmaceuticals": tuple(1.06**i for i in range(N_YEARS)),
    "purchase_food": tuple(1.03**i * (0.97 if i == 1 else 1.0) for i in range(N_YEARS)),
    "purchase_it": tuple(1.05**i * (1.15 if i == 1 else 1.0) for i in range(N_YEARS)),
    "purchase_furniture": tuple(1.02**i for i in range(N_YEARS)),
    "purchase_services": tuple(1.04**i for i in range(N_YEARS)),
    "purchase_laundry": tuple(1.035**i for i in range(N_YEARS)),
}


@dataclass(frozen=True)
class Site:
    """A building with energy use."""

    name: str
    org_unit: str
    area_m2: float
    heat_activity: str
    energy_unit: str  # unit of electricity, heat and cooling rows
    go_from: int  # first year on GO-backed renewable electricity
    hospital: bool = False


@dataclass(frozen=True)
class Row:
    """One output row, quantity in the reported unit (not yet rounded)."""

    year: int
    activity: str
    quantity: float
    unit: str
    org_unit: str
    period: int
    site: str
    abated_fraction: float | None = None
    comment: str = ""


class Builder:
    """Collects rows; every random draw goes through one seeded generator, in a fixed order."""

    def __init__(self, seed: int = SEED) -> None:
        self.rng = np.random.default_rng(seed)
        self.rows: list[Row] = []

    def months(self, total: float, profile: Sequence[float], sigma: float) -> list[float]:
        """Spread an annual total over 12 months: profile × log-normal noise, renormalised."""
        weights = np.asarray(profile, dtype=float) * np.exp(sigma * self.rng.standard_normal(12))
        if weights.sum() <= 0:
            return [0.0] * 12
        return [float(x) for x in total * weights / weights.sum()]

    def stream(
        self,
        *,
        year: int,
        activity: str,
        total: float,
        unit: str,
        org_unit: str,
        site: str,
        profile: Sequence[float],
        sigma: float,
        abated_fraction: float | None = None,
        comment: str = "",
    ) -> None:
        """Add 12 monthly rows whose canonical quantities sum to ``total``."""
        monthly = self.months(total, profile, sigma)
        for month, value in enumerate(monthly, start=1):
            self.rows.append(
                Row(
                    year,
                    activity,
                    value * FROM_CANONICAL[unit],
                    unit,
                    org_unit,
                    month,
                    site,
                    abated_fraction,
                    comment,
                )
            )


def _sites(b: Builder) -> list[Site]:
    sites = [
        Site(name, org, area, f"district_heating_{net}", unit, 2019, hospital)
        for name, org, area, net, unit, hospital in BUILDINGS
    ]
    small = (
        ("Vårdcentral", "Primärvård", N_HEALTH_CENTRES, (1500, 3000), True),
        ("Folktandvården", "Tandvård", N_DENTAL_CLINICS, (700, 1500), True),
        ("Ambulansstation", "Ambulanssjukvård", N_AMBULANCE_STATIONS, (800, 1200), False),
    )
    for prefix, org, n, (low, high), rented in small:
        for town in TOWNS[:n]:
            go_from = int(b.rng.choice(GO_SWITCH_CHOICES, p=GO_SWITCH_P)) if rented else 2019
            area = round(float(b.rng.uniform(low, high)), -1)
            net = "vasteras" if town == TOWNS[0] and org == "Primärvård" else "sweden"
            sites.append(
                Site(f"{prefix} {town}", org, area, f"district_heating_{net}", "kWh", go_from)
            )
    return sites


def _heat_profile() -> tuple[float, ...]:
    total = sum(HEAT)
    return tuple(HOT_WATER / 12 + (1 - HOT_WATER) * h / total for h in HEAT)


def energy(b: Builder, sites: Sequence[Site]) -> None:
    """Rows 4–11: electricity, district heating, cooling, backup power, heating oil."""
    heat_profile = _heat_profile()
    for i, year in enumerate(YEARS):
        for s in sites:
            el = s.area_m2 * EL_KWH_PER_M2_2019 * (1 + EL_TREND) ** i
            el_activity = (
                "electricity_renewable_go" if year >= s.go_from else "electricity_residual_mix"
            )
            heat = s.area_m2 * HEAT_KWH_PER_M2_2019 * (1 + HEAT_TREND) ** i
            streams = [(el_activity, el, ELECTRICITY), (s.heat_activity, heat, heat_profile)]
            if s.hospital:
                cool = s.area_m2 * COOL_KWH_PER_M2 * (COOLING_2024 if year == 2024 else 1.0)
                streams.append(("district_cooling_sweden", cool, COOLING))
            for activity, total, profile in streams:
                b.stream(
                    year=year,
                    activity=activity,
                    total=total,
                    unit=s.energy_unit,
                    org_unit=s.org_unit,
                    site=s.name,
                    profile=profile,
                    sigma=SIGMA_ENERGY,
                )
            if s.hospital:
                b.stream(
                    year=year,
                    activity="diesel_backup_power",
                    total=12 * BACKUP_L_PER_MONTH,
                    unit="l",
                    org_unit=s.org_unit,
                    site=s.name,
                    profile=FLAT,
                    sigma=SIGMA_FUEL,
                    comment="provkörning reservkraft",
                )
        b.stream(
            year=year,
            activity="heating_oil",
            total=HEATING_OIL_M3[i] * 1000,
            unit="m3",
            org_unit="Länssjukhuset",
            site="Länssjukhuset Huvudbyggnad",
            profile=HEATING_SEASON,
            sigma=SIGMA_FUEL,
            comment="reservpanna",
        )


def vehicles(b: Builder) -> None:
    """Rows 12–16: ambulances, Regionservice vehicles, buses, ambulance helicopter and plane."""
    stations = [f"Ambulansstation {t}" for t in TOWNS[:N_AMBULANCE_STATIONS]]
    station_share = np.array([0.34, 0.20, 0.18, 0.15, 0.13])
    for i, year in enumerate(YEARS):
        fuel = AMBULANCE_FUEL_L * (1 + AMBULANCE_TREND) ** i
        hvo = AMBULANCE_HVO_SHARE[i]
        for station, share in zip(stations, station_share, strict=True):
            for activity, part in (("diesel", 1 - hvo), ("hvo100", hvo)):
                b.stream(
                    year=year,
                    activity=activity,
                    total=fuel * share * part,
                    unit="l",
                    org_unit="Ambulanssjukvård",
                    site=station,
                    profile=FLAT,
                    sigma=SIGMA_FUEL,
                    comment="ambulanser",
                )
        diesel = FLEET_DIESEL_L * (1 + FLEET_DIESEL_TREND) ** i
        fleet = (
            ("petrol", FLEET_PETROL_L * (1 + FLEET_PETROL_TREND) ** i, "l", FLAT, ""),
            ("diesel", diesel * (1 - FLEET_HVO_SHARE[i]), "l", FLAT, ""),
            ("hvo100", diesel * FLEET_HVO_SHARE[i], "l", FLAT, ""),
            ("e85", FLEET_E85_L[i], "l", FLAT, ""),
            ("vehicle_gas", FLEET_VEHICLE_GAS_KG, "kg", FLAT, ""),
            ("petrol_fossil", FLEET_ALKYLATE_L, "l", OUTDOOR, "alkylatbensin, arbetsmaskiner"),
        )
        for activity, total, unit, profile, comment in fleet:
            b.stream(
                year=year,
                activity=activity,
                total=total,
                unit=unit,
                org_unit="Regionservice",
                site="Fordonsenheten",
                profile=profile,
                sigma=SIGMA_FUEL,
                comment=comment,
            )
        bus_km = BUS_KM * BUS_KM_INDEX[i]
        d, h, g, e, el = BUS_SHARES[i]
        for depot, share in DEPOT_SHARE.items():
            nord = depot == "Bussdepå Nord"
            volume_unit = "m3" if nord else "l"
            buses = (
                ("diesel", d * BUS_USE["diesel"], volume_unit, ""),
                ("hvo100", h * BUS_USE["hvo100"], volume_unit, ""),
                ("biogas", g * BUS_USE["biogas"], "kg" if nord else "t", ""),
                ("ed95", e * BUS_USE["ed95"], volume_unit, ""),
                ("electricity_renewable_go", el * BUS_USE["electric"], "MWh", "laddning elbussar"),
            )
            for activity, per_km, unit, comment in buses:
                b.stream(
                    year=year,
                    activity=activity,
                    total=bus_km * share * per_km,
                    unit=unit,
                    org_unit="Kollektivtrafik",
                    site=depot,
                    profile=FLAT,
                    sigma=SIGMA_FUEL,
                    comment=comment,
                )
        for site, total, unit in (
            ("Ambulanshelikopter", HELICOPTER_L * HELICOPTER_INDEX[i], "l"),
            ("Ambulansflyg", PLANE_L * PLANE_INDEX[i], "m3"),
        ):
            b.stream(
                year=year,
                activity="jet_fuel",
                total=total,
                unit=unit,
                org_unit="Ambulanssjukvård",
                site=site,
                profile=FLIGHT_SEASON,
                sigma=SIGMA_FUEL,
            )


def _car_shares(i: int) -> list[float]:
    t = i / (N_YEARS - 1)
    return [a + (b - a) * t for a, b in zip(CAR_SHARES_2019, CAR_SHARES_2025, strict=True)]


def business_travel(b: Builder) -> None:
    """Rows 17–18: flights, train, bus, taxi and cars per org unit (travel agency, mileage)."""
    for i, year in enumerate(YEARS):
        for org, staff in STAFF.items():
            streams: list[tuple[str, float]] = [
                (activity, staff * per_employee)
                for activity, per_employee in PER_EMPLOYEE.items()
                if (activity != "flight_intercontinental" or org in INTERCONTINENTAL_ORGS)
                and (activity != "bus" or staff >= BUS_MIN_STAFF)
            ]
            car_km = staff * CAR_KM_PER_EMPLOYEE[org]
            streams += [
                (car, car_km * share) for car, share in zip(CARS, _car_shares(i), strict=True)
            ]
            for activity, base in streams:
                if activity.startswith("flight"):
                    unit = "km" if org in HOSPITALS else "pkm"
                elif activity.startswith("car"):
                    unit = "mil" if org in MIL_ORGS else "km"
                else:
                    unit = "km" if activity == "taxi" else "pkm"
                b.stream(
                    year=year,
                    activity=activity,
                    total=base * TRAVEL_INDEX[MODE_INDEX[activity]][i],
                    unit=unit,
                    org_unit=org,
                    site="",
                    profile=_covid(TRAVEL, TRAVEL_2020, year),
                    sigma=SIGMA_TRAVEL,
                )


def _covid(profile: Sequence[float], shape_2020: Sequence[float], year: int) -> tuple[float, ...]:
    if year != 2020:
        return tuple(profile)
    return tuple(p * s for p, s in zip(profile, shape_2020, strict=True))


def patient_index_2020() -> dict[str, float]:
    """Mode indices for 2020: bus and train as published, taxi and car so that the total is 0.74."""
    fixed = sum(PATIENT_2019[m] * x for m, x in PATIENT_2020_FIXED.items())
    rest = sum(v for m, v in PATIENT_2019.items() if m not in PATIENT_2020_FIXED)
    other = (PATIENT_TOTAL_2020 * sum(PATIENT_2019.values()) - fixed) / rest
    return {m: PATIENT_2020_FIXED.get(m, other) for m in PATIENT_2019}


def patient_travel(b: Builder) -> None:
    """Row 19: reimbursed patient travel by mode and home municipality."""
    index_2020 = patient_index_2020()
    weights = {k: s * m for k, (s, m) in MUNICIPALITIES.items()}
    norm = sum(weights.values())
    for i, year in enumerate(YEARS):
        for mode, base in PATIENT_2019.items():
            gap = 1 - index_2020[mode]
            index = 1.0 if i == 0 else 1 - gap * (1 - PATIENT_GAP_CLOSED[i])
            for municipality, weight in weights.items():
                b.stream(
                    year=year,
                    activity=mode,
                    total=base * index * weight / norm,
                    unit=PATIENT_UNITS[mode],
                    org_unit="Patientresor",
                    site=municipality,
                    profile=_covid(PATIENT, PATIENT_2020, year),
                    sigma=SIGMA_TRAVEL,
                )


def medical_gases(b: Builder) -> None:
    """Rows 20–23: nitrous oxide, Livopan, anaesthetic gases, medical CO2."""
    sevo_total_2019 = sum(THEATRE_GASES_KG[("sevoflurane", "kg")].values())
    for i, year in enumerate(YEARS):
        surgery = SURGERY_INDEX_2020 if year == 2020 else 1.0
        surgery_profile = SURGERY_2020 if year == 2020 else FLAT
        for hospital, kg in DELIVERY_N2O_KG.items():
            b.stream(
                year=year,
                activity="nitrous_oxide",
                total=kg,
                unit="kg",
                org_unit=hospital,
                site=f"{hospital} förlossning",
                profile=FLAT,
                sigma=SIGMA_GAS,
                abated_fraction=DELIVERY_ABATED[hospital][i],
                comment="lustgasdestruktion" if DELIVERY_ABATED[hospital][i] > 0 else "",
            )
        for (activity, unit), per_hospital in THEATRE_GASES_KG.items():
            for hospital, kg in per_hospital.items():
                total = kg * surgery
                if activity == "desflurane":
                    total *= DESFLURANE_INDEX[i]
                if activity == "sevoflurane":
                    total += SEVOFLURANE_PER_YEAR_KG * i * kg / sevo_total_2019
                b.stream(
                    year=year,
                    activity=activity,
                    total=total,
                    unit=unit,
                    org_unit=hospital,
                    site=f"{hospital} operation",
                    profile=surgery_profile,
                    sigma=SIGMA_GAS,
                )
        b.stream(
            year=year,
            activity="nitrous_oxide",
            total=DENTAL_N2O_KG,
            unit="kg",
            org_unit="Tandvård",
            site="Specialisttandvården",
            profile=TRAVEL,  # closed in July like the clinics
            sigma=SIGMA_GAS,
            comment="sedering",
        )
        b.stream(
            year=year,
            activity="livopan",
            total=LIVOPAN_KG,
            unit="kg",
            org_unit="Ambulanssjukvård",
            site="Ambulansstation Storstad",
            profile=FLAT,
            sigma=SIGMA_GAS,
            comment="Livopan 50/50 N2O/O2, alla stationer",
        )


def refrigerants(b: Builder) -> None:
    """Row 24: refrigerant refills, one row per refill event."""
    org_of = {
        "Akutsjukhuset": "Akutsjukhuset",
        "Länssjukhuset": "Länssjukhuset",
        "Vårdcentral": "Primärvård",
    }
    for year in YEARS:
        for site, activity, unit, rate, mean_kg, (first, last) in REFRIGERANT_SYSTEMS:
            n = int(b.rng.poisson(rate))  # drawn every year, so later draws do not shift
            if not first <= year <= last:
                continue
            org = next((o for k, o in org_of.items() if site.startswith(k)), "Regionservice")
            for _ in range(n):
                month = int(b.rng.integers(1, 13))
                kg = mean_kg * float(np.exp(0.5 * b.rng.standard_normal() - 0.125))
                b.rows.append(
                    Row(
                        year,
                        activity,
                        kg * FROM_CANONICAL[unit],
                        unit,
                        org,
                        month,
                        site,
                        comment="påfyllning efter läckage",
                    )
                )


# --- 25a: the spend categories as booked: IT and services split into what they describe ------
IT_SPLIT = (
    ("purchase_it_hardware", 0.40),
    ("purchase_it_services", 0.45),
    ("purchase_telecom", 0.15),
)
SERVICES_SPLIT = {
    "Akutsjukhuset": (("purchase_care", 0.5), ("purchase_business_services", 0.5)),
    "Länssjukhuset": (("purchase_care", 0.5), ("purchase_business_services", 0.5)),
    "Ambulanssjukvård": (("purchase_care", 0.5), ("purchase_business_services", 0.5)),
    "Primärvård": (("purchase_care", 0.7), ("purchase_business_services", 0.3)),
    "Tandvård": (("purchase_care", 0.3), ("purchase_business_services", 0.7)),
}
ALL_BUSINESS = (("purchase_business_services", 1.0),)


def booked_as(category: str, org: str) -> tuple[tuple[str, float], ...]:
    """Row 25a: the activities (and shares) a spend category of an org unit is booked as."""
    if category == "purchase_it":
        return IT_SPLIT
    if category == "purchase_services":
        return SERVICES_SPLIT.get(org, ALL_BUSINESS)
    return ((category, 1.0),)


def purchases(b: Builder) -> None:
    """Rows 25 and 25a: spend per org unit and category, booked as split activities."""
    for i, year in enumerate(YEARS):
        for org, msek in PURCHASES_MSEK_2019.items():
            unit = "SEK" if org == "Tandvård" else "kSEK"
            for category, amount in zip(PURCHASE_CATEGORIES, msek, strict=True):
                if amount <= 0:
                    continue
                for activity, share in booked_as(category, org):
                    b.stream(
                        year=year,
                        activity=activity,
                        total=amount * share * 1e6 * PURCHASE_INDEX[category][i],
                        unit=unit,
                        org_unit=org,
                        site="",
                        profile=PURCHASES,
                        sigma=SIGMA_PURCHASE,
                    )


def build_rows(seed: int = SEED) -> list[Row]:
    """All rows of the example region, sorted (year, period, org_unit, site, activity, unit)."""
    b = Builder(seed)
    sites = _sites(b)
    energy(b, sites)
    vehicles(b)
    business_travel(b)
    patient_travel(b)
    medical_gases(b)
    refrigerants(b)
    purchases(b)
    return sorted(
        b.rows, key=lambda r: (r.year, r.period, r.org_unit, r.site, r.activity, r.unit, r.quantity)
    )


def _format(value: float, unit: str) -> str:
    decimals = DECIMALS[unit]
    return f"{round(value, decimals):.{max(decimals, 1)}f}"


def render_csv(rows: Sequence[Row]) -> str:
    """The CSV text: UTF-8, ``,`` separated, decimal point, ``\\n`` line ends."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for r in rows:
        quantity = _format(r.quantity, r.unit)
        if float(quantity) <= 0:
            continue
        abated = "" if r.abated_fraction is None else f"{r.abated_fraction:.2f}"
        row = (r.year, r.activity, quantity, r.unit, r.org_unit, r.period, r.site, abated)
        writer.writerow((*row, r.comment, DATA_NOTE))
    return out.getvalue()


def assumptions_table() -> str:
    """The assumptions table of this module's docstring (written to example_region.md)."""
    doc = __doc__ or ""
    lines = [line for line in doc.splitlines() if line.startswith("|")]
    return "\n".join(lines) + "\n"


def render_markdown() -> str:
    """The companion ``example_region.md``."""
    return (
        "# Region Exempelland — SYNTETISKA DATA\n\n"
        "`example_region.csv` is **synthetic** activity data of a fictional Swedish region of "
        "about 250 000 inhabitants, 2019–2025, for examples, notebooks, the documentation and "
        "`klimatkalk report` without arguments. It describes no real region. It is generated, "
        "byte for byte, by `scripts/make_example_region.py` (seed "
        f"{SEED}); do not edit it by hand, change the script and run it again.\n\n"
        "Load it with `klimatkalk.examples.load_example_activities()`.\n\n"
        "## Columns\n\n"
        "| column | meaning |\n|---|---|\n"
        "| `year` | activity year |\n"
        "| `activity` | activity code of the bundled catalogue "
        "(`emission_factors/activities.csv`) |\n"
        "| `quantity`, `unit` | amount in mixed units on purpose (l/m3, kWh/MWh, km/pkm/mil, "
        "g/kg/t, SEK/kSEK) |\n"
        "| `org_unit` | verksamhet |\n"
        "| `period` | month 1–12 |\n"
        "| `site` | building, ward, station or depot; for patient travel the patient's home "
        "municipality; empty for business travel and purchases (reported per org unit) |\n"
        "| `abated_fraction` | share of nitrous oxide destroyed (delivery wards only) |\n"
        "| `comment` | free text |\n"
        "| `data_note` | `syntetisk` on every row |\n\n"
        "## Assumptions\n\n"
        "References: *pf* = `public_figures.csv` of the project's shared reference material "
        "(row named by organisation, year and indicator); *df* = `domain-facts.md`, section. "
        "Everything marked *synthetic* is a free choice of plausible size.\n\n"
        f"{assumptions_table()}"
    )


def write(output: Path = OUTPUT, markdown: Path | None = None, seed: int = SEED) -> int:
    """Write the CSV (and, if given, the companion markdown); return the number of data rows."""
    text = render_csv(build_rows(seed))
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_bytes(text.encode("utf-8"))
    if markdown is not None:
        markdown.write_bytes(render_markdown().encode("utf-8"))
    return text.count("\n") - 1


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: write the example region (by default into the package)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("-o", "--output", type=Path, default=OUTPUT, help="CSV file to write")
    parser.add_argument(
        "--markdown",
        type=Path,
        default=None,
        help="companion markdown to write (default: example_region.md beside the default output)",
    )
    args = parser.parse_args(argv)
    markdown = args.markdown
    if markdown is None and args.output == OUTPUT:
        markdown = DATA_DIR / "example_region.md"
    n = write(args.output, markdown)
    size = args.output.stat().st_size
    print(f"wrote {n} rows ({size / 1e6:.2f} MB) to {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
