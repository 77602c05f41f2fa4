"""Fossil-free and renewable share of transport energy, both counting methods, by hand.

Ei's residual mix for 2023 (emission_factors/residual_mix_composition.csv): 6.51 % renewable,
14.68 % nuclear, 78.82 % fossil.
"""

from __future__ import annotations

import pandas as pd
import pytest

from klimatkalk.analysis.fossil_free import transport_energy_shares

BLEND = pd.DataFrame({"year": [2023], "fuel": ["diesel"], "bio_share_energy": [0.3]})


def _energy(rows: list[tuple[str, str, str, float]], year: int = 2023) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["transport_type", "carrier", "activity", "energy_kwh"])
    return frame.assign(year=year, use="transport")


def test_both_counting_methods_side_by_side() -> None:
    # Buses: 6 000 kWh HVO100 + 3 000 kWh pump diesel (30 % bio energy) + 1 000 kWh GO el.
    # Blend as reported: (6 000 + 0.3 × 3 000 + 1 000) / 10 000 = 0.79.
    # Blend counted as fossil: (6 000 + 1 000) / 10 000 = 0.70.
    e = _energy(
        [
            ("buss", "fuels", "hvo100", 6000.0),
            ("buss", "fuels", "diesel", 3000.0),
            ("buss", "electricity", "electricity_renewable_go", 1000.0),
        ]
    )
    s = transport_energy_shares(e, blend_shares=BLEND, total=False).iloc[0]
    assert s["fossil_free_share"] == pytest.approx(0.79)
    assert s["fossil_free_share_blend_as_fossil"] == pytest.approx(0.70)
    assert s["renewable_share"] == pytest.approx(0.79)
    assert s["blend_bio_kwh"] == pytest.approx(900.0)


def test_per_transport_type_and_total() -> None:
    e = _energy(
        [
            ("buss", "fuels", "hvo100", 1000.0),
            ("ambulans", "fuels", "diesel", 1000.0),
        ]
    )
    s = transport_energy_shares(e, blend_shares=BLEND).set_index("transport_type")
    assert s.loc["buss", "fossil_free_share"] == pytest.approx(1.0)
    assert s.loc["ambulans", "fossil_free_share"] == pytest.approx(0.3)
    assert s.loc["ambulans", "fossil_free_share_blend_as_fossil"] == 0.0
    assert s.loc["total", "fossil_free_share"] == pytest.approx(1300 / 2000)


def test_residual_mix_electricity_counts_nuclear_as_fossil_free_not_renewable() -> None:
    e = _energy([("buss", "electricity", "electricity_residual_mix", 1000.0)])
    s = transport_energy_shares(e, total=False).iloc[0]
    assert s["fossil_free_share"] == pytest.approx(0.0651 + 0.1468)
    assert s["renewable_share"] == pytest.approx(0.0651)


def test_electricity_attribute_choices() -> None:
    e = _energy([("buss", "electricity", "electricity_renewable_go", 1000.0)])
    as_residual = transport_energy_shares(e, electricity="residual_mix", total=False).iloc[0]
    assert as_residual["renewable_share"] == pytest.approx(0.0651)
    stated = transport_energy_shares(e, electricity=0.5, total=False).iloc[0]
    assert stated["fossil_free_share"] == pytest.approx(0.5)
    with pytest.raises(ValueError, match="between 0 and 1"):
        transport_energy_shares(e, electricity=1.5)


def test_a_year_without_residual_mix_composition_is_an_error() -> None:
    e = _energy([("buss", "electricity", "electricity_residual_mix", 1.0)], year=2022)
    with pytest.raises(ValueError, match="no residual-mix composition for 2022"):
        transport_energy_shares(e)


def test_buildings_energy_is_not_counted() -> None:
    e = _energy([("buss", "fuels", "hvo100", 1.0)])
    other = e.assign(use="buildings_operations", activity="heating_oil", energy_kwh=99.0)
    s = transport_energy_shares(pd.concat([e, other]), total=False)
    assert s["energy_kwh"].tolist() == [1.0]


def test_fossil_free_share_of_fuels_per_transport_type() -> None:
    # indicators.fossil_free_share, extended: grouped by the rules' transport types.
    # 1 000 l HVO100 (buss) and 1 000 l pump diesel (ambulans), both 36 MJ/l, diesel 30 % bio.
    from klimatkalk.analysis.indicators import fossil_free_share

    acts = pd.DataFrame(
        {
            "year": [2023, 2023],
            "activity": ["hvo100", "diesel"],
            "quantity": [1000.0, 1000.0],
            "unit": ["l", "l"],
            "org_unit": ["Kollektivtrafik", "Ambulans"],
        }
    )
    energy = pd.DataFrame(
        {"activity": ["hvo100", "diesel"], "value": [36.0, 36.0], "unit": ["MJ / l"] * 2}
    )
    rules = pd.DataFrame({"transport_type": ["buss"], "org_unit": ["Kollektivtrafik"]})
    out = fossil_free_share(
        acts, blend_shares=BLEND, energy_content=energy, transport_types=rules
    ).set_index("transport_type")
    assert out.loc["buss", "fossil_free_share"] == pytest.approx(1.0)
    assert out.loc["other", "fossil_free_share"] == pytest.approx(0.3)
    assert out.loc["other", "fossil_free_share_excluding_blends"] == 0.0
