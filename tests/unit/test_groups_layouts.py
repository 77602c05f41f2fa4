"""Target groups (klimatkalk.analysis.groups) and category layouts (klimatkalk.analysis.layouts).

Hand arithmetic: nitrous oxide × 265 (AR5), so 10 kg = 2 650 kg CO2e.
"""

from __future__ import annotations

import tomllib

import pandas as pd
import pytest

import klimatkalk as kk
from klimatkalk.analysis.annex import build_annex
from klimatkalk.analysis.groups import (
    TargetGroup,
    group_emissions,
    group_parts,
    group_status,
    group_totals,
    groups_from_mapping,
)
from klimatkalk.analysis.layouts import UNMAPPED, emissions_by_layout, load_layouts
from klimatkalk.report.annex import annex_markdown

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


# A group is not a report category. Two years of a small region (AR5; kg CO2e):
#
#   activity                 category       subcategory        2019                 2024
#   electricity_nordic_mix   energy         electricity        100 000 kWh × 0.059  40 000 kWh
#                                                              = 5 900              = 2 360
#   refrigerant_r134a        refrigerants   refrigerants       2 kg × 1 300 = 2 600 1 kg = 1 300
#   nitrous_oxide            medical_gases  nitrous_oxide      10 kg × 265 = 2 650  8 kg = 2 120
#   desflurane               medical_gases  anaesthetic_gases  1 kg × 1 790 = 1 790 0 kg = 0
#   medical_co2              medical_gases  medical_co2        200 kg × 1 = 200     100 kg = 100
#
# Group "energi" (electricity + the refrigerants category) is the report's Energi (5 900; 2 360)
# plus Köldmedier (2 600; 1 300) = 8 500; 3 660. Group "lustgas" (nitrous oxide only) is the
# report's Medicinska gaser (2 650 + 1 790 + 200 = 4 640; 2 120 + 0 + 100 = 2 220) less the
# anaesthetic gases (1 790; 0) and medical CO2 (200; 100) = 2 650; 2 120. The year's total is
# 5 900 + 2 600 + 2 650 + 1 790 + 200 = 13 140 (2019) and 2 360 + 1 300 + 2 120 + 0 + 100 =
# 5 880 (2024): the groups 8 500 + 2 650 = 11 150 and the gases no group holds 1 790 + 200 =
# 1 990 (2019); 3 660 + 2 120 = 5 780 and 100 (2024).
SMALL = pd.DataFrame(
    {
        "year": [2019] * 5 + [2024] * 5,
        "activity": ["electricity_nordic_mix", "refrigerant_r134a", "nitrous_oxide",
                     "desflurane", "medical_co2"] * 2,
        "quantity": [100_000.0, 2.0, 10.0, 1.0, 200.0, 40_000.0, 1.0, 8.0, 0.0, 100.0],
        "unit": ["kWh", "kg", "kg", "kg", "kg"] * 2,
    }
)  # fmt: skip
ENERGI = TargetGroup(
    "energi", "Energi och köldmedier", subcategories=("electricity",), categories=("refrigerants",)
)
LUSTGAS = TargetGroup("lustgas", "Lustgas", activities=("nitrous_oxide",))


@pytest.fixture(scope="module")
def small() -> kk.EmissionsResult:
    return kk.calculate_emissions(SMALL)


def test_group_parts_say_what_a_group_adds_to_its_category_and_leaves_out(
    small: kk.EmissionsResult,
) -> None:
    parts = group_parts(small, [ENERGI, LUSTGAS], [2019, 2024], unit="kg")
    closest = dict(zip(parts["group"], parts["category"], strict=True))
    assert closest == {"energi": "energy", "lustgas": "medical_gases"}
    got = {
        (r.group, r.part, r.part_subcategory or r.part_category, r.year): r.emissions_kg_co2e
        for r in parts.itertuples()
    }
    assert got == pytest.approx(
        {
            ("energi", "category", "energy", 2019): 5_900.0,
            ("energi", "category", "energy", 2024): 2_360.0,
            ("energi", "extra", "refrigerants", 2019): 2_600.0,
            ("energi", "extra", "refrigerants", 2024): 1_300.0,
            ("lustgas", "category", "medical_gases", 2019): 4_640.0,
            ("lustgas", "category", "medical_gases", 2024): 2_220.0,
            ("lustgas", "missing", "anaesthetic_gases", 2019): 1_790.0,
            ("lustgas", "missing", "anaesthetic_gases", 2024): 0.0,
            ("lustgas", "missing", "medical_co2", 2019): 200.0,
            ("lustgas", "missing", "medical_co2", 2024): 100.0,
        }
    )
    extra = parts[parts["part"] == "extra"]
    assert extra["part_subcategory"].isna().all()  # the refrigerants as a whole category
    assert parts["whole"].all()  # the refrigerants wholly in, the two gases wholly out


def test_a_group_holding_part_of_another_category_names_the_subcategory_partly() -> None:
    # R134a 1 kg = 1 300 and R32 1 kg × 677 (AR5) = 677 are both refrigerants; the group holds
    # only R134a beside electricity (100 000 kWh × 0.059 = 5 900).
    res = kk.calculate_emissions(
        pd.DataFrame(
            {
                "year": [2024] * 3,
                "activity": ["electricity_nordic_mix", "refrigerant_r134a", "refrigerant_r32"],
                "quantity": [100_000.0, 1.0, 1.0],
                "unit": ["kWh", "kg", "kg"],
            }
        )
    )
    group = TargetGroup("e", "E", subcategories=("electricity",), activities=("refrigerant_r134a",))
    extra = group_parts(res, [group], [2024], unit="kg").query("part == 'extra'").iloc[0]
    assert (extra["part_category"], extra["part_subcategory"]) == ("refrigerants", "refrigerants")
    assert extra["emissions_kg_co2e"] == pytest.approx(1_300.0)
    assert not extra["whole"]  # R32 stays outside the group


def test_group_totals_add_up_to_the_total_and_take_off_an_overlap(
    small: kk.EmissionsResult,
) -> None:
    totals = group_totals(small, [ENERGI, LUSTGAS], [2019, 2024], unit="kg")
    got = {(r.kind, r.key, r.year): r.emissions_kg_co2e for r in totals.itertuples()}
    assert got == pytest.approx(
        {
            ("group", "energi", 2019): 8_500.0,
            ("group", "energi", 2024): 3_660.0,
            ("group", "lustgas", 2019): 2_650.0,
            ("group", "lustgas", 2024): 2_120.0,
            ("outside", "medical_gases", 2019): 1_990.0,
            ("outside", "medical_gases", 2024): 100.0,
            ("total", "total", 2019): 13_140.0,
            ("total", "total", 2024): 5_880.0,
        }
    )
    # A third group of the refrigerants counts R134a a second time (2 600; 1 300): taken off.
    kyla = TargetGroup("kyla", "Kyla", categories=("refrigerants",))
    totals = group_totals(small, [ENERGI, LUSTGAS, kyla], [2019, 2024], unit="kg")
    per = totals.groupby(["kind", "year"])["emissions_kg_co2e"].sum()
    assert per[("overlap", 2019)] == pytest.approx(-2_600.0)
    assert per[("overlap", 2024)] == pytest.approx(-1_300.0)
    assert per[("group", 2019)] + per[("outside", 2019)] + per[("overlap", 2019)] == (
        pytest.approx(13_140.0)
    )


def test_the_annex_says_how_each_group_differs_and_ties_to_the_total(
    small: kk.EmissionsResult,
) -> None:
    annex = build_annex(small, SMALL, 2024, groups=[ENERGI, LUSTGAS], groups_source="grupper.toml")
    text = annex_markdown(annex).replace("\u00a0", " ")
    assert (
        "Målgruppen Energi och köldmedier är inte rapportens kategori Energi (2,4 t år 2024 och "
        "5,9 t år 2019): gruppen räknar också kategorin Köldmedier (1,3 t år 2024 och 2,6 t år "
        "2019)."
    ) in text
    assert (
        "Målgruppen Lustgas är inte rapportens kategori Medicinska gaser (2,2 t år 2024 och "
        "4,6 t år 2019): gruppen räknar inte Anestesigaser (0,0 t år 2024 och 1,8 t år 2019) "
        "och Medicinsk koldioxid (0,1 t år 2024 och 0,2 t år 2019) ur Medicinska gaser."
    ) in text
    assert "målgruppsfilen grupper.toml" in text
    assert "| Del | 2019 | 2024 |" in text
    assert "| Energi och köldmedier | 8,5 | 3,7 |" in text
    assert "| Ingen målgrupp: Medicinska gaser | 2,0 | 0,1 |" in text
    assert "| Totalt (rapportens totala utsläpp) | 13,1 | 5,9 |" in text
    assert "| Summa |  | 5,9 |" in text  # the tool-layout table of 2024 ends in the total too
    english = annex_markdown(annex, lang="en").replace("\u00a0", " ")
    assert "the group also counts the category Refrigerants (1.3 t in 2024" in english
