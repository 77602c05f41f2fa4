"""Activity names as analysts write them (issue 13 §6): catalogue labels are names too."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import klimatkalk as kk
from klimatkalk.factors.names import activity_names, resolve_activity_names


@pytest.fixture(scope="module")
def bundled() -> kk.FactorTable:
    return kk.load_factors()


@pytest.mark.parametrize(
    ("written", "code"),
    [
        # label_sv in emission_factors/activities.csv, with and without its parenthesis
        ("Fjärrvärme, Västerås", "district_heating_vasteras"),
        ("Fjärrvärme, Västerås (Mälarenergi)", "district_heating_vasteras"),
        ("Diesel", "diesel"),
        ("Lustgas", "nitrous_oxide"),
        ("  LUSTGAS   (N2O) ", "nitrous_oxide"),
        ("Inköp, livsmedel", "purchase_food"),
        ("diesel", "diesel"),
    ],
)
def test_swedish_labels_name_activities(bundled: kk.FactorTable, written: str, code: str) -> None:
    acts = pd.DataFrame({"year": [2024], "activity": [written], "quantity": [1.0], "unit": ["l"]})
    series = kk.ActivityTable.from_frame(acts).frame["activity"]
    assert resolve_activity_names(series, bundled.activities).tolist() == [code]


def test_a_label_names_the_same_factor_as_the_code(bundled: kk.FactorTable) -> None:
    acts = pd.DataFrame(
        {
            "year": [2024, 2024, 2024, 2024],
            "activity": [
                "nitrous_oxide",
                "Lustgas",
                "district_heating_vasteras",
                "Fjärrvärme, Västerås",
            ],
            "quantity": [1.0, 1.0, 1000.0, 1000.0],
            "unit": ["kg", "kg", "kWh", "kWh"],
        }
    )
    result = kk.calculate_emissions(acts, bundled)
    assert result.rejected.empty, result.rejected
    kg = result.rows["emissions_kg_co2e"].tolist()
    assert kg[0] == kg[1] and kg[2] == kg[3]
    assert result.rows["activity"].tolist() == [
        "nitrous_oxide",
        "nitrous_oxide",
        "district_heating_vasteras",
        "district_heating_vasteras",
    ]


def test_an_unknown_name_gets_did_you_mean(bundled: kk.FactorTable) -> None:
    acts = pd.DataFrame(
        {
            "year": [2024] * 3,
            "activity": ["Lustgaas", "disel", "xyzzy"],
            "quantity": [1.0] * 3,
            "unit": ["kg", "l", "l"],
        }
    )
    rejected = kk.calculate_emissions(acts, bundled).rejected.set_index("row")
    assert (rejected["reason"] == "unknown_activity").all()
    assert "did you mean 'nitrous_oxide'" in rejected.loc[0, "message"]
    assert "did you mean 'diesel'" in rejected.loc[1, "message"]
    assert "did you mean" not in rejected.loc[2, "message"]


def test_a_shortened_label_of_two_activities_names_neither() -> None:
    from klimatkalk.factors.activities import Activity

    def activity(code: str, label: str) -> Activity:
        return Activity.model_validate(
            {
                "activity": code,
                "label_sv": label,
                "label_en": label,
                "category": "energy",
                "subcategory": "x",
                "scope": 2,
                "dimension": "energy",
            }
        )

    names = activity_names(
        {"heat_a": activity("heat_a", "Värme (A)"), "heat_b": activity("heat_b", "Värme (B)")}
    )
    assert names["värme (a)"] == "heat_a" and "värme" not in names


# --- A family's word suggests the family (issue 16) ---------------------------------------------


def test_activity_families_follow_the_catalogue() -> None:
    from klimatkalk.factors.names import activity_families

    activities = kk.load_factors().activities
    families = activity_families(activities)
    assert set(families) == {"electricity", "district_heating", "district_cooling"}
    for family, codes in families.items():  # every activity of the subcategory, and only those
        expected = [c for c, a in activities.items() if a.subcategory == family]
        assert codes == expected and len(codes) >= 2


@pytest.mark.parametrize(
    ("name", "family"),
    [
        ("el", "electricity"),
        ("Elektricitet", "electricity"),
        ("fjärrvärme", "district_heating"),
        ("Fjärrvärme, Kiruna", "district_heating"),
        ("fjärrkyla", "district_cooling"),
    ],
)
def test_a_family_word_suggests_every_activity_of_the_family(name: str, family: str) -> None:
    from klimatkalk.factors.names import activity_families, unknown_activity_message

    activities = kk.load_factors().activities
    said = unknown_activity_message(name, activities)
    codes = activity_families(activities)[family]
    assert all(f"'{code}'" in said for code in codes), said
    others = [c for c in activities if c not in codes]
    assert not any(f"'{code}'" in said for code in others), said


def test_calculate_suggests_the_electricity_activities_in_swedish(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from klimatkalk.cli import main

    path = tmp_path / "el.csv"
    path.write_text("år;aktivitet;mängd;enhet\n2024;el;5;kWh\n2024;diesel;1;l\n", "utf-8")
    assert main(["calculate", str(path)]) == 1
    err = capsys.readouterr().err
    line = next(x for x in err.splitlines() if "'el'" in x)
    assert "menade du 'electricity_nordic_mix' (El, nordisk elmix (platsbaserad))" in line
    assert "'electricity_supplier_specific'" in line and "did you mean" not in line


def test_separating_punctuation_does_not_matter() -> None:
    # "Fjärrvärme, Malmö" (label_sv) as an analyst may also write it: 1 200 MWh × 119,4 g/kWh
    # (Malmö 2022, carried to 2024) = 143,28 t, each way of writing it.
    acts = pd.DataFrame(
        {
            "year": 2024,
            "activity": ["Fjärrvärme, Malmö", "fjärrvärme malmö", "Fjärrvärme – Malmö"],
            "quantity": 1200.0,
            "unit": "MWh",
        }
    )
    res = kk.calculate_emissions(acts)
    assert res.rejected.empty
    assert set(res.rows["activity"]) == {"district_heating_malmo"}
    assert res.rows["emissions_kg_co2e"].tolist() == pytest.approx([143_280.0] * 3)
