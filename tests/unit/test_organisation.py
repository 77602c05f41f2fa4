"""Organisation tree: reading, the roll-up checks, and totals at any level."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import klimatkalk as kk
from klimatkalk.analysis.organisation import compare_org_units, org_totals
from klimatkalk.io.planning import read_org_tree
from klimatkalk.plans import OrganisationError, OrgTree

TREE = pd.DataFrame(
    {
        "Enhet": ["Region", "Vård", "Tandvård", "Akuten", "Primärvård", "Klinik"],
        "Överordnad": ["", "Region", "Region", "Vård", "Vård", "Tandvård"],
        "Nivå": ["region", "förvaltning", "förvaltning", "verksamhet", "verksamhet", "verksamhet"],
    }
)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "org.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_totals_at_each_level_by_hand() -> None:
    # N2O at 265 kg CO2e/kg (AR5): Akuten 10 kg = 2.65 t, Primärvård 20 kg = 5.3 t,
    # Klinik 4 kg = 1.06 t, all in 2024.
    tree = read_org_tree(TREE)
    res = kk.calculate_emissions(
        pd.DataFrame(
            {
                "year": [2024] * 3,
                "activity": ["nitrous_oxide"] * 3,
                "quantity": [10.0, 20.0, 4.0],
                "unit": ["kg"] * 3,
                "org_unit": ["Akuten", "Primärvård", "Klinik"],
            }
        )
    )
    by_level = {
        level: org_totals(res, tree, level).set_index("org_level_unit")["emissions_t_co2e"]
        for level in ("region", "förvaltning", "verksamhet")
    }
    assert by_level["region"].to_dict() == pytest.approx({"Region": 9.01})
    assert by_level["förvaltning"].to_dict() == pytest.approx({"Vård": 7.95, "Tandvård": 1.06})
    assert by_level["verksamhet"]["Primärvård"] == pytest.approx(5.3)
    assert org_totals(res, tree, 1)["emissions_t_co2e"].sum() == pytest.approx(9.01)


def test_comparison_at_the_forvaltning_level() -> None:
    tree = read_org_tree(TREE)
    res = kk.calculate_emissions(
        pd.DataFrame(
            {
                "year": [2019, 2024, 2019, 2024],
                "activity": ["nitrous_oxide"] * 4,
                "quantity": [20.0, 10.0, 4.0, 4.0],
                "unit": ["kg"] * 4,
                "org_unit": ["Akuten", "Akuten", "Klinik", "Klinik"],
            }
        )
    )
    table = compare_org_units(res, tree, "förvaltning", base_year=2019, year=2024)
    change = table.set_index("org_level_unit")["change"]
    # Vård 5.3 → 2.65 t: −50 %; Tandvård 1.06 → 1.06: 0; total 6.36 → 3.71: −2.65/6.36
    assert change.to_dict() == pytest.approx({"Vård": -0.5, "Tandvård": 0.0, "total": -2.65 / 6.36})


@pytest.mark.parametrize(
    ("text", "row", "message"),
    [
        ("enhet,överordnad\nRegion,\nVård,Regionen\n", 3, "orphan"),
        ("enhet,överordnad\nRegion,\nA,B\nB,A\n", 3, "cycle"),
        ("enhet,överordnad\nRegion,\nAnnan region,\n", 3, "exactly one top"),
        ("enhet,överordnad\nRegion,\nVård,Region\nVård,Region\n", 4, "listed twice"),
    ],
    ids=["orphan", "cycle", "two tops", "duplicate"],
)
def test_trees_that_do_not_roll_up_are_refused(
    tmp_path: Path, text: str, row: int, message: str
) -> None:
    with pytest.raises(OrganisationError, match=message) as info:
        read_org_tree(write(tmp_path, text))
    assert info.value.problems[0].row == row


def test_a_unit_in_the_data_missing_from_the_tree() -> None:
    tree = OrgTree.from_parents({"Region": None, "Vård": "Region"})
    res = kk.calculate_emissions(
        pd.DataFrame(
            {
                "year": [2024],
                "activity": ["nitrous_oxide"],
                "quantity": [1.0],
                "unit": ["kg"],
                "org_unit": ["Röntgen"],
            }
        )
    )
    with pytest.raises(OrganisationError, match="1 rows name a unit") as info:
        org_totals(res, tree, 1)
    assert info.value.problems[0].value == "Röntgen"


def test_example_org_tree_covers_the_example_region() -> None:
    tree = kk.load_example_org_tree()
    res = kk.calculate_emissions(kk.load_example_activities())
    totals = org_totals(res, tree, "förvaltning", by=("year",))
    per_year = totals.groupby("year")["emissions_t_co2e"].sum()
    reported = res.totals("year", unit="t").set_index("year")["emissions_t_co2e"]
    assert per_year.to_dict() == pytest.approx({int(y): v for y, v in reported.items()})
    assert set(totals["org_level_unit"]) == set(tree.units_at("förvaltning"))
