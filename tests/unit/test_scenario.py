"""Measures and scenarios: effects, cost per tonne, gaps and refused measures, by hand.

Fixture factors (tests/fixtures/factors_minimal): diesel 2.5 kg CO2e/l in 2024, electricity
50 g CO2e/kWh, nitrous oxide 1 kg N2O/kg × 265 (AR5) = 265 kg CO2e/kg.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import klimatkalk as kk
from klimatkalk.analysis.scenario import build_scenario
from klimatkalk.errors import ErrorReason
from klimatkalk.io.planning import read_measures
from klimatkalk.plans import Measure, MeasureError


@pytest.fixture
def result(minimal_factors: kk.FactorTable) -> kk.EmissionsResult:
    acts = pd.DataFrame(
        {
            "year": [2019, 2024, 2024, 2024],
            "activity": ["diesel", "diesel", "electricity", "nitrous_oxide"],
            "quantity": [1000.0, 1000.0, 10_000.0, 10.0],
            "unit": ["l", "l", "kWh", "kg"],
        }
    )
    return kk.calculate_emissions(acts, minimal_factors)


def test_percentage_cut_with_ramp(result: kk.EmissionsResult) -> None:
    # 1 000 l diesel × 2.5 kg/l = 2.5 t. −30 % from 2025 ramped over 2 years: 2025 at half
    # (−15 %, 0.375 t), 2026 in full (−30 %, 0.75 t).
    cut = Measure(
        name="cut", kind="change_pct", activity="diesel", value=-0.3, from_year=2025, ramp_years=2
    )
    s = build_scenario(result, [cut], baseline="constant", target_year=2026)
    by_year = s.effects_by_year.set_index("year")["alone_t_co2e"]
    assert by_year[2025] == pytest.approx(0.375)
    assert by_year[2026] == pytest.approx(0.75)
    assert s.effects["alone_t_co2e"].iloc[0] == pytest.approx(0.75)


def test_absolute_change_and_cost_per_tonne(result: kk.EmissionsResult) -> None:
    # −4 MWh electricity a year from 2025: 4 000 kWh × 0.05 kg = 0.2 t a year. 10 000 SEK a year
    # for 2025 and 2026: 20 000 SEK / 0.4 t = 50 000 SEK/t.
    solar = Measure(
        name="solar",
        kind="change_abs",
        activity="electricity",
        value=-4.0,
        unit="MWh",
        from_year=2025,
        cost_sek=10_000.0,
    )
    s = build_scenario(result, [solar], baseline="constant", target_year=2026)
    row = s.effects.iloc[0]
    assert row["alone_t_co2e"] == pytest.approx(0.2)
    assert row["alone_cumulative_t_co2e"] == pytest.approx(0.4)
    assert row["sek_per_t_co2e"] == pytest.approx(50_000.0)


def test_abatement_effect_and_marginal_abatement_order(result: kk.EmissionsResult) -> None:
    # 10 kg N2O × 265 = 2.65 t; 70 % destroyed from 2025 removes 1.855 t a year. At 37 100 SEK a
    # year: 37 100 / 1.855 = 20 000 SEK/t, cheaper than the solar panels' 50 000 SEK/t.
    destroy = Measure(
        name="destroy",
        kind="abatement",
        activity="nitrous_oxide",
        value=0.7,
        from_year=2025,
        cost_sek=37_100.0,
    )
    solar = Measure(
        name="solar",
        kind="change_abs",
        activity="electricity",
        value=-4.0,
        unit="MWh",
        from_year=2025,
        cost_sek=10_000.0,
    )
    s = build_scenario(result, [solar, destroy], baseline="constant", target_year=2026)
    effects = s.effects.set_index("measure")
    assert effects.loc["destroy", "alone_t_co2e"] == pytest.approx(1.855)
    assert effects.loc["destroy", "sek_per_t_co2e"] == pytest.approx(20_000.0)
    mac = s.marginal_abatement()
    assert mac["measure"].tolist() == ["destroy", "solar"]
    assert mac["cumulative_t_co2e"].tolist() == pytest.approx([1.855, 2.055])


def test_in_order_and_alone_differ_when_measures_overlap(result: kk.EmissionsResult) -> None:
    # Two −50 % cuts of the 2.5 t of diesel: alone each removes 1.25 t; in order the second acts
    # on what the first left, 1.25 t, and removes 0.625 t.
    half = [
        Measure(name=f"half {i}", kind="change_pct", activity="diesel", value=-0.5, from_year=2025)
        for i in (1, 2)
    ]
    s = build_scenario(result, half, baseline="constant", target_year=2025)
    assert s.effects["alone_t_co2e"].tolist() == pytest.approx([1.25, 1.25])
    assert s.effects["in_order_t_co2e"].tolist() == pytest.approx([1.25, 0.625])


def test_gap_to_the_path(result: kk.EmissionsResult) -> None:
    # Base 2019: 2.0 t (1 000 l × 2.0 kg/l). Linear path −50 % by 2026: 1.0 t in 2026.
    # 2024: 2.5 + 0.5 + 2.65 = 5.65 t held constant; −30 % diesel removes 0.75 t → 4.9 t.
    cut = Measure(name="cut", kind="change_pct", activity="diesel", value=-0.3, from_year=2025)
    s = build_scenario(result, [cut], baseline="constant", target_year=2026)
    last = s.gap.set_index("year").loc[2026]
    assert last["path_t_co2e"] == pytest.approx(1.0)
    assert last["scenario_t_co2e"] == pytest.approx(4.9)
    assert last["gap_t_co2e"] == pytest.approx(3.9)


def test_switch_moves_quantity_to_another_activity(factor_folder: Path) -> None:
    # A fixture HVO100 at 0.5 kg CO2e/l: moving all 1 000 l of diesel (2.5 kg/l) removes
    # 1 000 × (2.5 − 0.5) = 2 000 kg = 2.0 t.
    with (factor_folder / "activities.csv").open("a", encoding="utf-8") as f:
        f.write("hvo100,HVO100,HVO100,transport,vehicles,1,,volume,\n")
    with (factor_folder / "factors" / "fixture.csv").open("a", encoding="utf-8") as f:
        f.write("hvo,hvo100,0.5,kg CO2e / l,CO2e,,,,2019,2024,test-fuels-2019,row 9,\n")
    factors = kk.load_factors(factor_folder)
    res = kk.calculate_emissions(
        pd.DataFrame({"year": [2024], "activity": ["diesel"], "quantity": [1000.0], "unit": ["l"]}),
        factors,
    )
    switch = Measure(
        name="HVO",
        kind="switch",
        activity="diesel",
        to_activity="hvo100",
        value=1.0,
        from_year=2025,
    )
    s = build_scenario(
        res,
        [switch],
        baseline="constant",
        target_year=2025,
        trajectory=kk.Trajectory.fixed_rate(2024, 2.5),
    )
    assert s.effects["alone_t_co2e"].iloc[0] == pytest.approx(2.0)
    cats = s.emissions[s.emissions["year"] == 2025].set_index("category")
    assert cats.loc["total", "scenario_t_co2e"] == pytest.approx(0.5)


def test_forecast_baseline_follows_the_trend(minimal_factors: kk.FactorTable) -> None:
    # Electricity 12 000 … 7 000 kWh in 2019-2024 at 50 g: 0.60 … 0.35 t, −0.05 t a year. The
    # baseline in 2026 is the trend, 0.35 − 2·0.05 = 0.25 t; −2 MWh from 2026 removes 0.1 t.
    acts = pd.DataFrame(
        {
            "year": range(2019, 2025),
            "activity": ["electricity"] * 6,
            "quantity": [12_000.0, 11_000, 10_000, 9_000, 8_000, 7_000],
            "unit": ["kWh"] * 6,
        }
    )
    res = kk.calculate_emissions(acts, minimal_factors)
    cut = Measure(
        name="cut",
        kind="change_abs",
        activity="electricity",
        value=-2.0,
        unit="MWh",
        from_year=2026,
    )
    s = build_scenario(res, [cut], target_year=2026)
    last = s.gap.set_index("year").loc[2026]
    assert last["baseline_t_co2e"] == pytest.approx(0.25)
    assert last["scenario_t_co2e"] == pytest.approx(0.15)


def test_a_measure_making_a_quantity_negative_names_its_row(
    tmp_path: Path, result: kk.EmissionsResult
) -> None:
    table = tmp_path / "atgarder.csv"
    table.write_text(
        "Åtgärd;Typ;Aktivitet;Värde;Enhet;Från år\n"
        "Solceller;mängd;electricity;−4;MWh;2025\n"
        "För stora solceller;mängd;electricity;−15 000;kWh;2025\n",
        encoding="utf-8",
    )
    measures = read_measures(table, activities=result.factors.activities)
    assert [m.value for m in measures] == [-4.0, -15000.0]
    with pytest.raises(MeasureError) as info:
        build_scenario(result, measures, baseline="constant", target_year=2026)
    (problem,) = info.value.problems
    assert (problem.row, problem.column) == (3, "value")
    assert problem.reason is ErrorReason.NEGATIVE_QUANTITY
    assert problem.file.endswith("atgarder.csv")


def test_unknown_activity_and_bad_values_are_refused_with_rows(tmp_path: Path) -> None:
    table = tmp_path / "atgarder.csv"
    table.write_text(
        "åtgärd,typ,aktivitet,värde,enhet,från år\n"
        "Flyg,procent,flight_domestic,-30,%,2025\n"
        "Okänd,procent,teleportation,-30,%,2025\n"
        "Destruktion,destruktion,nitrous_oxide,120,%,2026\n"
        "Konstig,trolleri,diesel,1,%,2026\n",
        encoding="utf-8",
    )
    with pytest.raises(MeasureError) as info:
        read_measures(table)
    found = {(p.row, p.column, p.reason) for p in info.value.problems}
    assert found == {
        (3, "activity", ErrorReason.UNKNOWN_ACTIVITY),
        (4, "value", ErrorReason.INVALID_VALUE),
        (5, "kind", ErrorReason.INVALID_VALUE),
    }


def test_a_measure_on_an_activity_without_quantity_is_refused(
    result: kk.EmissionsResult,
) -> None:
    flights = Measure(
        name="Flyg", kind="change_pct", activity="flight_domestic", value=-0.3, from_year=2025
    )
    with pytest.raises(MeasureError, match="no quantity of 'flight_domestic'"):
        build_scenario(result, [flights], baseline="constant", target_year=2026)


def test_example_region_measures_and_scenario() -> None:
    res = kk.calculate_emissions(kk.load_example_activities())
    measures = kk.load_example_measures()
    assert len(measures) == 9
    s = build_scenario(res, measures, target_year=2030)
    assert (s.effects["alone_t_co2e"] > 0).all()
    last = s.gap.set_index("year").loc[2030]
    assert last["scenario_t_co2e"] < last["baseline_t_co2e"]


def test_absolute_change_in_plain_km_on_a_person_km_activity() -> None:
    # Bundled catalogue: domestic flights are measured in person-km. −100 km a year (plain km
    # counts as person-km) on 1 000 pkm removes 100/1 000 of the flights' emissions.
    factors = kk.load_factors()
    assert factors.activities["flight_domestic"].dimension == "passenger_distance"
    res = kk.calculate_emissions(
        pd.DataFrame(
            {"year": [2024], "activity": ["flight_domestic"], "quantity": [1000.0], "unit": ["pkm"]}
        ),
        factors,
    )
    fewer = Measure(
        name="fewer",
        kind="change_abs",
        activity="flight_domestic",
        value=-100.0,
        unit="km",
        from_year=2025,
    )
    s = build_scenario(
        res,
        [fewer],
        baseline="constant",
        target_year=2025,
        trajectory=kk.Trajectory.fixed_rate(2024, 1.0),
    )
    assert s.effects["alone_t_co2e"].iloc[0] == pytest.approx(res.total("t") * 0.1)
