"""EXIOBASE-derived spend factors (issue 19): every input with its citation, every factor by hand.

Inputs are in ``emission_factors/derivations/spend_mrio.csv``; the arithmetic is
:func:`klimatkalk.factors.spend_mrio.mrio_mix`, re-run over every recipe in
``test_derived_rows.py``. Here each input is checked against the figure read at its source, and
each factor and range is recomputed by hand, written out, without the function.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from klimatkalk.factors.spend_mrio import load_mrio_inputs, mrio_mix

DATA = Path(__file__).resolve().parents[2] / "emission_factors"

# EXIOBASE 3.8.2 product multipliers, 2019, kg CO2e (AR5) per EUR of the country's output at
# basic prices, as carried in climatiq/Open-Emission-Factors-DB OpenEmissionFactorsDB.csv at
# commit 677c3beadcb6bf1199b89ff168c4495356ddea65, column kgCO2e-AR5, row by activity_id and
# region (Zenodo record 5589597, CC BY-SA 4.0). Second-hand: the primary M.txt was not opened.
MULTIPLIERS = {
    (
        "Chemicals (not elsewhere specified)",
        "DE",
    ): 0.7087,  # chemicals-type_chemicals_not_elsewhere_specified
    (
        "Chemicals (not elsewhere specified)",
        "NO",
    ): 0.8527,  # chemicals-type_chemicals_not_elsewhere_specified
    (
        "Chemicals (not elsewhere specified)",
        "GB",
    ): 0.3625,  # plastics_rubber-type_chemicals_not_elsewhere_specified
    (
        "Chemicals (not elsewhere specified)",
        "US",
    ): 0.5614,  # plastics_rubber-type_chemicals_not_elsewhere_specified
    ("Rubber and plastic products", "DE"): 0.3243,  # plastics_rubber-type_rubber_plastic_products
    ("Rubber and plastic products", "NO"): 0.6289,
    ("Rubber and plastic products", "GB"): 0.3222,
    ("Rubber and plastic products", "US"): 0.3661,
    # electrical_equipment-type_medical_precision_optical_instruments_watches_clocks
    ("Medical/precision and optical instruments/watches and clocks", "DE"): 0.1604,
    ("Medical/precision and optical instruments/watches and clocks", "NO"): 0.2983,
    ("Medical/precision and optical instruments/watches and clocks", "GB"): 0.2556,
    ("Medical/precision and optical instruments/watches and clocks", "US"): 0.1573,
    # consumer_goods-type_furniture_other_manufactured_goods_not_elsewhere_specified
    ("Furniture/other manufactured goods (not elsewhere specified)", "DE"): 0.2424,
    ("Furniture/other manufactured goods (not elsewhere specified)", "NO"): 0.27,
    ("Furniture/other manufactured goods (not elsewhere specified)", "GB"): 0.2871,
    ("Furniture/other manufactured goods (not elsewhere specified)", "US"): 0.4077,
    # organizational_activity-type_other_services_not_elsewhere_specified
    ("Other services (not elsewhere specified)", "DE"): 0.1465,
    ("Other services (not elsewhere specified)", "NO"): 0.3086,
    ("Other services (not elsewhere specified)", "GB"): 0.0724,
    ("Other services (not elsewhere specified)", "US"): 0.1926,
    (
        "Office machinery and computers",
        "DE",
    ): 0.2121,  # office_equipment-type_office_machinery_computers
    ("Office machinery and computers", "NO"): 0.4342,
    ("Office machinery and computers", "GB"): 0.2625,
    ("Office machinery and computers", "US"): 0.1427,
    (
        "Computer and related services",
        "DE",
    ): 0.1333,  # professional_services-type_computer_related_services
    ("Computer and related services", "NO"): 0.0918,
    ("Computer and related services", "GB"): 0.0848,
    ("Computer and related services", "US"): 0.0699,
    (
        "Post and telecommunication",
        "DE",
    ): 0.0919,  # communication_services-type_post_telecommunication
    ("Post and telecommunication", "NO"): 0.0673,
    ("Post and telecommunication", "GB"): 0.0736,
    ("Post and telecommunication", "US"): 0.0578,
    ("Health and social work", "DE"): 0.1497,  # health_social_care-type_health_social_work
    ("Health and social work", "NO"): 0.039,
    ("Health and social work", "GB"): 0.1316,
    ("Health and social work", "US"): 0.1365,
    # transport_services-type_other_land_transportation_services
    ("Other land transportation services", "DE"): 0.12,
    ("Other land transportation services", "NO"): 0.334,
    ("Other land transportation services", "GB"): 0.0902,
    ("Other land transportation services", "US"): 0.1427,
    ("Other business services", "DE"): 0.1686,  # professional_services-type_other_business_services
    ("Other business services", "NO"): 0.174,
    ("Other business services", "GB"): 0.0858,
    ("Other business services", "US"): 0.0957,
}
# SCB, "Import från våra 30 största handelspartner" (januari-juni), column "Värde januari-juni
# 2020", MSEK: Tyskland 121 502, Norge 66 921, Storbritannien och Nordirland 29 408. The US is a
# comparison only (weight 0). Sum of the weights: 121 502 + 66 921 + 29 408 = 217 831.
WEIGHTS = {"DE": 121502.0, "NO": 66921.0, "GB": 29408.0, "US": 0.0}
TOTAL = 217831.0


def mix(product: str) -> float:
    """The producer mix of one product, by hand: Σ weight × multiplier / Σ weight."""
    m = {c: MULTIPLIERS[(product, c)] for c in ("DE", "NO", "GB")}
    return (121502 * m["DE"] + 66921 * m["NO"] + 29408 * m["GB"]) / TOTAL


CHEM = "Chemicals (not elsewhere specified)"
PLAST = "Rubber and plastic products"
INSTR = "Medical/precision and optical instruments/watches and clocks"
# factor_id → (value by hand, low by hand, high by hand): the range is the cheapest and dearest
# single-country basket among DE, NO, GB and US.
BY_HAND = {
    # 0.7087, 0.8527, 0.3625 weighted: (86 108.5 + 57 063.5 + 10 660.4) / 217 831 = 0.70620
    "purchase_pharmaceuticals-exiobase382-2019": (mix(CHEM), 0.3625, 0.8527),
    # half plastics, half instruments (documented assumption); DE (0.3243 + 0.1604) / 2 lowest,
    # NO (0.6289 + 0.2983) / 2 highest
    "purchase_medical_consumables-exiobase382-2019": (
        0.5 * mix(PLAST) + 0.5 * mix(INSTR),
        (0.3243 + 0.1604) / 2,
        (0.6289 + 0.2983) / 2,
    ),
    "purchase_furniture-exiobase382-2019": (
        mix("Furniture/other manufactured goods (not elsewhere specified)"),
        0.2424,
        0.4077,
    ),
    "purchase_laundry-exiobase382-2019": (
        mix("Other services (not elsewhere specified)"),
        0.0724,
        0.3086,
    ),
    "purchase_it_hardware-exiobase382-2019": (
        mix("Office machinery and computers"),
        0.1427,
        0.4342,
    ),
    "purchase_it_services-exiobase382-2019": (mix("Computer and related services"), 0.0699, 0.1333),
    "purchase_telecom-exiobase382-2019": (mix("Post and telecommunication"), 0.0578, 0.0919),
    "purchase_care-exiobase382-2019": (mix("Health and social work"), 0.039, 0.1497),
    "purchase_public_transport_operation-exiobase382-2019": (
        mix("Other land transportation services"),
        0.0902,
        0.334,
    ),
    "purchase_business_services-exiobase382-2019": (mix("Other business services"), 0.0858, 0.174),
}


def read(name: str) -> pd.DataFrame:
    return pd.read_csv(DATA / name, dtype=str, keep_default_na=False, encoding="utf-8")


def test_every_multiplier_and_weight_is_the_cited_figure() -> None:
    rows = read("derivations/spend_mrio.csv")
    used = set()
    for r in rows.itertuples():
        key = (r.product, r.country)
        used.add(key)
        assert float(r.multiplier) == MULTIPLIERS[key], key
        assert float(r.country_weight) == WEIGHTS[r.country], key
        assert r.source_id == "exiobase-3-8-2-via-climatiq-oefdb"
        assert r.weight_source_id == (
            "" if r.country == "US" else "scb-import-30-storsta-handelspartner-2021"
        )
        assert r.unit == "kg CO2e / EUR"
    assert used == set(MULTIPLIERS)


def test_the_pharmaceuticals_mix_by_hand() -> None:
    # (121 502 × 0.7087 + 66 921 × 0.8527 + 29 408 × 0.3625) / 217 831
    # = (86 108.47 + 57 063.54 + 10 660.40) / 217 831 = 153 832.41 / 217 831 = 0.70620
    assert round(mix(CHEM), 4) == 0.7062


@pytest.mark.parametrize("factor_id", sorted(BY_HAND))
def test_each_derivation_and_its_range_by_hand(factor_id: str) -> None:
    value, low, high = BY_HAND[factor_id]
    derived = mrio_mix(load_mrio_inputs(DATA / "derivations" / "spend_mrio.csv")[factor_id])
    assert derived.value == pytest.approx(value, rel=1e-12)
    assert (derived.low, derived.high) == (pytest.approx(low), pytest.approx(high))


def test_every_cited_source_exists() -> None:
    sources = set(read("sources.csv")["source_id"])
    rows = read("derivations/spend_mrio.csv")
    cited = set(rows["source_id"]) | (set(rows["weight_source_id"]) - {""})
    assert cited <= sources, cited - sources
