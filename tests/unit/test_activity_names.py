"""Activity names as analysts write them (issue 13 §6): catalogue labels are names too."""

from __future__ import annotations

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
