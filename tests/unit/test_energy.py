"""Energy in kWh, per m², normal-year corrected, per vehicle-km (klimatkalk.analysis.energy).

Heating values are the bundled ones (emission_factors/energy_content.csv): Eo1 9 950 kWh/m3
(SPBI), pump diesel 35.5 MJ/l (Energimyndigheten 2016); 1 kWh = 3.6 MJ. The other figures are
round numbers with the arithmetic written out.
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from klimatkalk.analysis.energy import (
    energy_per_area,
    energy_per_vehicle_km,
    energy_use,
    normal_year_correction,
)
from klimatkalk.analysis.transport_types import assign_transport_types
from klimatkalk.errors import InputRowsError


def _acts(rows: list[tuple[int, str, float, str, str, str]]) -> pd.DataFrame:
    return pd.DataFrame(
        rows, columns=["year", "activity", "quantity", "unit", "org_unit", "comment"]
    )


def test_energy_use_converts_fuels_with_heating_values_and_splits_uses() -> None:
    acts = _acts(
        [
            (2024, "heating_oil", 2, "m3", "Sjukhus", ""),  # 2 000 l × 9.95 = 19 900 kWh
            (2024, "diesel", 360, "l", "Buss", ""),  # 360 × 35.5 / 3.6 = 3 550 kWh
            (2024, "electricity_renewable_go", 3, "MWh", "Sjukhus", ""),
            (2024, "electricity_renewable_go", 2, "MWh", "Buss", "laddning"),
            (2024, "flight_domestic", 1000, "pkm", "Sjukhus", ""),  # not energy use
            (2024, "nitrous_oxide", 10, "kg", "Sjukhus", ""),  # not energy use
        ]
    )
    rules = pd.DataFrame(
        {
            "transport_type": ["buss", "buss"],
            "org_unit": ["Buss", "Buss"],
            "activity": [None, "electricity_renewable_go"],
            "comment": [None, "laddning"],
        }
    )
    e = energy_use(acts, transport_types=rules)
    got = {(r.use, r.transport_type, r.activity): r.energy_kwh for r in e.itertuples()}
    assert got[("buildings_operations", None, "heating_oil")] == pytest.approx(19_900)
    assert got[("buildings_operations", None, "electricity_renewable_go")] == pytest.approx(3000)
    assert got[("transport", "buss", "diesel")] == pytest.approx(360 * 35.5 / 3.6)
    assert got[("transport", "buss", "electricity_renewable_go")] == pytest.approx(2000)
    assert len(got) == 4


def test_a_rule_without_activity_does_not_turn_buildings_into_transport() -> None:
    rows = pd.DataFrame({"org_unit": ["Regionservice", "Regionservice"], "activity": ["x", "y"]})
    rules = pd.DataFrame({"transport_type": ["tjänstefordon"], "org_unit": ["Regionservice"]})
    kinds = assign_transport_types(rows, rules, transport_rows=pd.Series([True, False]).to_numpy())
    assert kinds.tolist() == ["tjänstefordon", None]


def test_unmatched_transport_fuel_is_other() -> None:
    e = energy_use(_acts([(2024, "petrol", 100, "l", "X", "")]))
    assert e["transport_type"].tolist() == ["other"]
    assert e["use"].tolist() == ["transport"]


def test_energy_per_area_as_the_reports_print_it() -> None:
    # 1 850 000 kWh over 10 000 m² BRA = 185 kWh/m² (Region Västmanland 2024 printed 185).
    e = pd.DataFrame(
        {
            "year": [2024, 2024, 2024],
            "use": ["buildings_operations", "buildings_operations", "transport"],
            "carrier": ["electricity", "district_heating", "fuels"],
            "energy_kwh": [830_000.0, 1_020_000.0, 5_000_000.0],
        }
    )
    area = pd.DataFrame({"year": [2024, 2024], "area_m2": [6000.0, 4000.0], "area_type": "BRA"})
    t = energy_per_area(e, area).set_index("carrier")
    assert t.loc["total", "kwh_per_m2"] == pytest.approx(185.0)
    assert t.loc["electricity", "kwh_per_m2"] == pytest.approx(83.0)
    assert t.loc["district_heating", "kwh_per_m2"] == pytest.approx(102.0)
    assert t.loc["total", "area_type"] == "BRA"


def test_missing_or_zero_area_is_a_gap_with_a_reason_never_zero_or_inf() -> None:
    e = pd.DataFrame(
        {
            "year": [2023, 2024],
            "use": "buildings_operations",
            "carrier": "electricity",
            "energy_kwh": [1000.0, 1000.0],
        }
    )
    area = pd.DataFrame({"year": [2024], "area_m2": [0.0]})
    t = energy_per_area(e, area)
    assert t["kwh_per_m2"].isna().all()
    reasons = dict(zip(t["year"], t["gap_reason"], strict=False))
    assert reasons[2023] == "ingen lokalyta för året"
    assert reasons[2024] == "lokalytan är 0"


def test_area_types_must_not_be_mixed() -> None:
    e = pd.DataFrame({"year": [2024], "use": "buildings_operations", "carrier": "electricity",
                      "energy_kwh": [1.0]})  # fmt: skip
    area = pd.DataFrame(
        {"year": [2024, 2024], "area_m2": [1.0, 1.0], "area_type": ["BRA", "Atemp"]}
    )
    with pytest.raises(ValueError, match="mixes area types"):
        energy_per_area(e, area)
    assert energy_per_area(e, area, area_type="Atemp")["kwh_per_m2"].iloc[0] == 1.0


def test_normal_year_correction_by_hand() -> None:
    # 1 000 MWh district heating, 75 % temperature dependent; 3 640 degree days in a year whose
    # normal is 4 000: 250 + 750 × 4000/3640 = 250 + 824.1758 = 1 074.1758 MWh (warm year
    # corrected upwards). Electricity is not corrected.
    e = pd.DataFrame(
        {
            "year": [2024, 2024],
            "carrier": ["district_heating", "electricity"],
            "energy_kwh": [1_000_000.0, 500_000.0],
        }
    )
    g = pd.DataFrame({"year": [2024], "degree_days": [3640.0], "normal_degree_days": [4000.0]})
    out = normal_year_correction(e, g, {"district_heating": 0.75}).set_index("carrier")
    assert out.loc["district_heating", "energy_normal_year_kwh"] == pytest.approx(
        1_074_175.82, abs=0.01
    )
    assert out.loc["district_heating", "correction_factor"] == pytest.approx(
        0.25 + 0.75 * 4000 / 3640
    )
    assert out.loc["electricity", "energy_normal_year_kwh"] == 500_000.0
    assert out.loc["district_heating", "energy_kwh"] == 1_000_000.0  # raw kept beside


def test_a_cold_year_is_corrected_downwards() -> None:
    e = pd.DataFrame({"year": [2021], "carrier": ["district_heating"], "energy_kwh": [100.0]})
    g = pd.DataFrame({"year": [2021], "degree_days": [5000.0], "normal_degree_days": [4000.0]})
    out = normal_year_correction(e, g, {"district_heating": 1.0})
    assert out["energy_normal_year_kwh"].iloc[0] == pytest.approx(80.0)  # 100 × 4000/5000


def test_normal_year_correction_refuses_bad_input() -> None:
    e = pd.DataFrame({"year": [2024], "carrier": ["district_heating"], "energy_kwh": [1.0]})
    g = pd.DataFrame({"year": [2023], "degree_days": [1.0], "normal_degree_days": [1.0]})
    with pytest.raises(ValueError, match="no degree days for the years \\[2024\\]"):
        normal_year_correction(e, g, {"district_heating": 0.5})
    with pytest.raises(ValueError, match="not a share"):
        normal_year_correction(e, g, {"district_heating": 1.5})
    zero = g.assign(year=2024, degree_days=0.0)
    with pytest.raises(ValueError, match="> 0"):
        normal_year_correction(e, zero, {"district_heating": 0.5})
    two = pd.concat(
        [zero.assign(place="A", degree_days=1.0), zero.assign(place="B", degree_days=1.0)]
    )
    with pytest.raises(ValueError, match="several places"):
        normal_year_correction(e, two, {"district_heating": 0.5})
    assert len(normal_year_correction(e, two, {"district_heating": 0.5}, place="B")) == 1


def test_energy_per_vehicle_km_and_its_gap() -> None:
    # Region Västmanland printed 4.5 kWh per bus-km for 2024: e.g. 45 GWh over 10 M vehicle-km.
    e = pd.DataFrame(
        {"year": [2024, 2025], "transport_type": "buss", "energy_kwh": [45_000_000.0, 1.0]}
    )
    fleet = pd.DataFrame({"year": [2024, 2025], "transport_type": "buss", "vehicle_km": [1e7, 0.0]})
    out = energy_per_vehicle_km(e, fleet, "buss").set_index("year")
    assert out.loc[2024, "kwh_per_km"] == pytest.approx(4.5)
    assert math.isnan(out.loc[2025, "kwh_per_km"])
    assert out.loc[2025, "gap_reason"] == "fordonskilometer är 0"


def test_energy_per_area_per_org_unit() -> None:
    e = pd.DataFrame(
        {
            "year": [2024, 2024],
            "org_unit": ["A", "B"],
            "use": "buildings_operations",
            "carrier": "electricity",
            "energy_kwh": [1000.0, 3000.0],
        }
    )
    area = pd.DataFrame({"year": [2024, 2024, 2024], "org_unit": ["A", "B", "B"],
                         "area_m2": [10.0, 10.0, 20.0]})  # fmt: skip
    t = energy_per_area(e, area, by=("year", "org_unit"))
    total = t[t["carrier"] == "total"].set_index("org_unit")["kwh_per_m2"]
    assert total.to_dict() == {"A": 100.0, "B": 100.0}  # 3 000 / (10 + 20)


def test_activities_written_by_name_count_as_the_calculation_counts_them() -> None:
    # The names an analyst writes, as the calculation resolves them (issue 17's QA, clean.csv):
    # 1,1 GWh "El, nordisk elmix" = 1 100 000 kWh and 3 100 MWh "Fjärrvärme, Göteborg" =
    # 3 100 000 kWh were left out when the rows were matched by code only; 360 l "Bensin"
    # (petrol, 31.7 MJ/l) = 360 × 31.7 / 3.6 = 3 170 kWh, matched by a rule that names the
    # activity "Bensin" too.
    acts = _acts(
        [
            (2024, "El, nordisk elmix", 1.1, "GWh", "Sjukhus", ""),
            (2024, "Fjärrvärme, Göteborg", 3100, "MWh", "Sjukhus", ""),
            (2024, "Bensin", 360, "l", "Hemsjukvård", ""),
            (2024, "Lustgas", 10, "kg", "Förlossning", ""),  # a gas: not energy use
        ]
    )
    rules = pd.DataFrame({"transport_type": ["hemsjukvård"], "activity": ["Bensin"]})
    e = energy_use(acts, transport_types=rules)
    got = {(r.use, r.transport_type, r.carrier, r.activity): r.energy_kwh for r in e.itertuples()}
    assert got == {
        ("buildings_operations", None, "electricity", "electricity_nordic_mix"): 1_100_000.0,
        ("buildings_operations", None, "district_heating", "district_heating_goteborg"): (
            3_100_000.0
        ),
        ("transport", "hemsjukvård", "fuels", "petrol"): pytest.approx(3170.0),
    }


def _workbook(path: Path, rows: list[tuple[object, ...]]) -> Path:
    """An xlsx as an analyst's export: a note in row 1, the header in row 2, data from row 3."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Export"
    ws.append(["Utdrag ur ekonomisystemet"])
    ws.append(["År", "Aktivitet", "Mängd", "Enhet", "Verksamhet"])
    for row in rows:
        ws.append(list(row))
    wb.save(path)
    return path


BAD_ROWS: list[tuple[object, ...]] = [
    (2024, "Diesel", 1000, "l", "Ambulans"),  # Excel row 3: 1 000 × 35.5 / 3.6 = 9 861.1 kWh
    (2024, "Diesel", 500, "kWh", "Reservkraft"),  # row 4: diesel is measured in litres
    (2024, "Diesel", -50, "l", "Ambulans"),  # row 5: a negative quantity
    (2024, "El, nordisk elmix", 2, "MWh", "Sjukhus"),  # row 6: 2 000 kWh
]


def test_a_row_that_cannot_be_counted_is_named_as_the_user_sees_it(tmp_path: Path) -> None:
    from klimatkalk.io.reading import read_activities

    table = read_activities([_workbook(tmp_path / "region.xlsx", BAD_ROWS)])
    with pytest.raises(InputRowsError) as info:
        energy_use(table)
    found = [(p.file, p.row, p.column, p.value, p.reason.value) for p in info.value.problems]
    # Excel's rows 4 and 5 (positions 1 and 2), the sheet with the file, the reader's reason
    assert found == [
        ("region.xlsx (Export)", 4, "unit", "kWh", "unit_dimension_mismatch"),
        ("region.xlsx (Export)", 5, "quantity", -50, "negative_quantity"),
    ]
    # the messages are the calculation's, which the command line says in Swedish
    assert info.value.problems[0].message == (
        "the unit is of another kind (energy) than the activity is measured in (volume, e.g. l)"
    )


def test_the_rows_the_calculation_rejected_can_be_left_out(tmp_path: Path) -> None:
    import klimatkalk as kk
    from klimatkalk.io.reading import read_activities

    table = read_activities([_workbook(tmp_path / "region.xlsx", BAD_ROWS)])
    result = kk.calculate_emissions(table)
    assert sorted(result.rejected["row"].tolist()) == [1, 2]
    e = energy_use(table, exclude=result.rejected["row"])
    got = dict(zip(e["activity"], e["energy_kwh"], strict=True))
    assert got == {"electricity_nordic_mix": 2000.0, "diesel": pytest.approx(1000 * 35.5 / 3.6)}


def test_the_annex_counts_the_rows_the_calculation_counted() -> None:
    import klimatkalk as kk
    from klimatkalk.analysis.annex import build_annex

    acts = pd.DataFrame(
        {
            "year": [2024, 2024, 2024],
            "activity": ["diesel", "diesel", "El, nordisk elmix"],
            "quantity": [1000, 500, 2],
            "unit": ["l", "kWh", "MWh"],  # 500 kWh of diesel: the calculation rejects it
        }
    )
    result = kk.calculate_emissions(acts)
    annex = build_annex(result, acts, 2024)
    # 1 000 l × 35.5 MJ/l / 3.6 = 9 861.1 kWh of diesel + 2 MWh = 2 000 kWh of electricity
    assert annex.energy["energy_kwh"].sum() == pytest.approx(1000 * 35.5 / 3.6 + 2000)
    left = annex.left_out
    assert left[["origin_row", "column", "value", "reason"]].to_dict("records") == [
        {"origin_row": 1, "column": "unit", "value": "kWh", "reason": "unit_dimension_mismatch"}
    ]
    with pytest.raises(ValueError, match="calculated from 3 rows, the activities have 2"):
        build_annex(result, acts.iloc[:2], 2024)
