"""Target groups (klimatkalk.analysis.groups) and category layouts (klimatkalk.analysis.layouts).

Hand arithmetic: nitrous oxide × 265 (AR5), so 10 kg = 2 650 kg CO2e.
"""

from __future__ import annotations

import tomllib

import pandas as pd
import pytest

import klimatkalk as kk
from klimatkalk.analysis.groups import (
    TargetGroup,
    group_emissions,
    group_status,
    groups_from_mapping,
)
from klimatkalk.analysis.layouts import UNMAPPED, emissions_by_layout, load_layouts

VASTMANLAND = """
[[group]]
key = "energi"
label = "Klimatpåverkan från energianvändning"
subcategories = ["electricity", "district_heating", "district_cooling", "backup_power"]
categories = ["refrigerants"]

[[group]]
key = "inkop"
label = "Klimatpåverkan från inköp"
subcategories = ["nitrous_oxide", "anaesthetic_gases", "medical_co2"]
categories = ["purchases"]
"""


@pytest.fixture(scope="module")
def result() -> kk.EmissionsResult:
    acts = pd.DataFrame(
        {
            "year": [2019, 2024, 2019, 2024, 2024],
            "activity": ["nitrous_oxide", "nitrous_oxide", "desflurane", "desflurane", "diesel"],
            "quantity": [10.0, 8.0, 1.0, 0.0, 100.0],
            "unit": ["kg", "kg", "kg", "kg", "l"],
        }
    )
    return kk.calculate_emissions(acts)


def test_groups_cut_across_categories(result: kk.EmissionsResult) -> None:
    groups = groups_from_mapping(tomllib.loads(VASTMANLAND))
    per_year = group_emissions(result, groups, unit="kg").set_index(["group", "year"])
    # desflurane 1 kg × 1 790 (AR5) + N2O 10 kg × 265 in 2019; 8 × 265 in 2024.
    assert per_year.loc[("inkop", 2019), "emissions_kg_co2e"] == pytest.approx(2650 + 1790)
    assert per_year.loc[("inkop", 2024), "emissions_kg_co2e"] == pytest.approx(2120)
    assert per_year.loc[("energi", 2024), "emissions_kg_co2e"] == 0.0  # diesel is transport


def test_group_status_against_base_year_and_path(result: kk.EmissionsResult) -> None:
    group = TargetGroup("gas", "Gaser", activities=("nitrous_oxide",), base_year=2019)
    s = group_status(result, [group], 2024, unit="kg").iloc[0]
    assert s["change_vs_base"] == pytest.approx(2120 / 2650 - 1)  # −20 %
    assert s["path_kg_co2e"] == pytest.approx(2650 * (1 - 0.5 * 5 / 11))
    assert s["required_change"] == pytest.approx(-0.5 * 5 / 11)
    assert not s["on_track"]  # 2 120 > 2 650 × (1 − 0.227) = 2 047.7
    assert "2030" in s["convention"]


def test_group_without_base_emissions_has_no_path(result: kk.EmissionsResult) -> None:
    group = TargetGroup("el", "El", subcategories=("electricity",))
    s = group_status(result, [group], 2024).iloc[0]
    assert s["on_track"] is None
    assert pd.isna(s["change_vs_base"])


def test_group_file_errors() -> None:
    with pytest.raises(ValueError, match="no members"):
        TargetGroup("x", "X")
    with pytest.raises(ValueError, match="unknown keys"):
        groups_from_mapping({"group": [{"key": "x", "label": "X", "colour": "red"}]})
    with pytest.raises(ValueError, match="same key"):
        groups_from_mapping({"group": [{"key": "x", "label": "X", "categories": ["energy"]}] * 2})
    with pytest.raises(ValueError, match=r"\[\[group\]\]"):
        groups_from_mapping({})


def test_every_bundled_activity_has_a_place_in_the_regions_layout() -> None:
    factors = kk.load_factors()
    acts = pd.DataFrame(
        {
            "year": 2024,
            "activity": list(factors.activities),
            "quantity": 0.0,
            "unit": [
                {"volume": "l", "normal_volume": "Nm3", "mass": "kg", "energy": "kWh",
                 "distance": "km", "currency": "SEK", "time": "h",
                 "passenger_distance": "pkm", "vehicle_distance": "vkm"}[a.dimension]
                for a in factors.activities.values()
            ],
        }
    )  # fmt: skip
    rows = kk.calculate_emissions(acts, factors).rows
    table = emissions_by_layout(kk.calculate_emissions(acts, factors))
    assert table.unmapped.empty, table.unmapped
    assert UNMAPPED not in set(table.table["layout_category"])
    assert len(rows) > 0


def test_layout_keeps_every_tonne_and_laundry_is_its_own_line() -> None:
    res = kk.calculate_emissions(kk.load_example_activities())
    layout = emissions_by_layout(res)
    t = layout.table
    assert t["emissions_t_co2e"].sum() == pytest.approx(res.rows["emissions_kg_co2e"].sum() / 1000)
    y = t[t["year"] == 2024].set_index("layout_category")["emissions_t_co2e"]
    laundry = res.rows[(res.rows["year"] == 2024) & (res.rows["activity"] == "purchase_laundry")]
    assert y["Tvätteritjänster"] == pytest.approx(laundry["emissions_kg_co2e"].sum() / 1000)
    own = emissions_by_layout(res, "klimatkalk").table
    assert own["emissions_t_co2e"].sum() == pytest.approx(t["emissions_t_co2e"].sum())


def test_layout_data_and_unknown_layout() -> None:
    table = load_layouts()
    assert {"Energi", "Transporter", "Inköp"} == set(table["layout_group"])
    assert table["reference"].str.len().gt(0).all()
    res = kk.calculate_emissions(
        pd.DataFrame({"year": [2024], "activity": ["diesel"], "quantity": [1.0], "unit": ["l"]})
    )
    with pytest.raises(ValueError, match="no layout"):
        emissions_by_layout(res, "nope")
    partial = table[table["category"] != "transport"]
    out = emissions_by_layout(res, mappings=partial)
    assert out.unmapped["activity"].tolist() == ["diesel"]
    assert out.table["layout_category"].tolist() == [UNMAPPED]
