"""The high-altitude multiplier: applied to the combustion part of flight factors, recorded.

Fixture: tests/fixtures/factors_high_altitude stacked on factors_minimal. Flight factors there
are 0.10 kg CO2e/pkm at combustion and 0.12 over the life cycle (without the effect); the
multiplier is 1.7 for 2019-2024 (source of 2021), revised to 1.9 for 2024 (source of 2023).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

import klimatkalk as kk
from klimatkalk.errors import ErrorReason, FactorDataError, Problem

FIXTURES = Path(__file__).parents[1] / "fixtures"
STACK = [FIXTURES / "factors_minimal", FIXTURES / "factors_high_altitude"]


@pytest.fixture(scope="module")
def factors() -> kk.FactorTable:
    return kk.load_factors(STACK)


def flights_and_diesel(year: int) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "year": [year, year],
            "activity": ["flight_domestic", "diesel"],
            "quantity": [1000, 100],
            "unit": ["pkm", "l"],
        }
    )


def emissions(result: kk.EmissionsResult) -> list[float]:
    return [round(float(v), 9) for v in result.rows["emissions_kg_co2e"]]


def test_lifecycle_adds_the_uplift_to_the_combustion_part_only(factors: kk.FactorTable) -> None:
    res = kk.calculate_emissions(flights_and_diesel(2020), factors)
    # 1000 pkm × (0.12 + (1.7 − 1) × 0.10) = 190 kg; diesel 100 l × 2.0 = 200 kg, no multiplier
    assert emissions(res) == [190.0, 200.0]
    assert res.rows["high_altitude_multiplier"].tolist() == [1.7, 1.0]


def test_combustion_boundary_multiplies_the_factor(factors: kk.FactorTable) -> None:
    res = kk.calculate_emissions(flights_and_diesel(2020), factors, boundary="combustion")
    # 1000 pkm × 0.10 × 1.7 = 170 kg; diesel 100 l × 2.5 = 250 kg
    assert emissions(res) == [170.0, 250.0]


def test_the_newest_source_sets_the_multiplier(factors: kk.FactorTable) -> None:
    res = kk.calculate_emissions(flights_and_diesel(2024), factors)
    # 2024: 1.9 (source of 2023) → 1000 × (0.12 + 0.9 × 0.10) = 210 kg
    assert emissions(res)[0] == 210.0
    assert res.rows["high_altitude_multiplier"].iat[0] == 1.9


def test_an_earlier_edition_has_the_earlier_multiplier() -> None:
    factors = kk.load_factors(STACK, edition=2022)
    res = kk.calculate_emissions(flights_and_diesel(2024), factors)
    assert res.rows["high_altitude_multiplier"].iat[0] == 1.7  # the 2023 revision is not out


def test_the_effect_can_be_left_out_or_replaced(factors: kk.FactorTable) -> None:
    off = kk.calculate_emissions(flights_and_diesel(2020), factors, high_altitude=False)
    assert emissions(off) == [120.0, 200.0]  # 1000 × 0.12, as the official inventory counts
    assert off.rows["high_altitude_multiplier"].tolist() == [1.0, 1.0]
    two = kk.calculate_emissions(flights_and_diesel(2020), factors, high_altitude=2.0)
    assert emissions(two) == [220.0, 200.0]  # 1000 × (0.12 + 1.0 × 0.10); diesel untouched
    assert two.high_altitude == 2.0


@pytest.mark.parametrize("bad", [0.5, 7.0])
def test_an_implausible_multiplier_is_refused(factors: kk.FactorTable, bad: float) -> None:
    with pytest.raises(ValueError, match="high_altitude"):
        kk.calculate_emissions(flights_and_diesel(2020), factors, high_altitude=bad)


def test_totals_by_multiplier_need_no_row_frame(factors: kk.FactorTable) -> None:
    res = kk.calculate_emissions(flights_and_diesel(2020), factors)
    totals = res.totals("high_altitude_multiplier")
    assert dict(zip(totals.iloc[:, 0], totals.iloc[:, 1], strict=True)) == {1.0: 200.0, 1.7: 190.0}


MULTIPLIER_HEADER = "activity,multiplier,valid_from,valid_to,source_id,source_locator,note\n"


def only_problem(folder: Path) -> Problem:
    with pytest.raises(FactorDataError) as info:
        kk.load_factors([FIXTURES / "factors_minimal", folder])
    (problem,) = info.value.problems
    return problem


def test_without_a_combustion_factor_the_row_is_rejected_not_undercounted(
    extra_folder: Callable[[dict[str, str]], Path],
) -> None:
    folder = extra_folder(
        {
            "high_altitude.csv": MULTIPLIER_HEADER
            + "flight_domestic,1.7,2019,2024,test-rf-2021,row 1,\n",
            "withdrawn.csv": "factor_id,source_id,withdrawn_by,reason\n"
            "flight,test-fuels-2019,test-rf-2021,test\n",
            "factors/flights.csv": "factor_id,activity,value,unit,gas,gwp_set,boundary,"
            "price_year,valid_from,valid_to,source_id,source_locator,note\n"
            "flight-wtw,flight_domestic,0.12,kg CO2e / km,CO2e,,lifecycle,,2019,2024,"
            "test-flights-2022,row 2,\n",
        }
    )
    factors = kk.load_factors([FIXTURES / "factors_minimal", folder])
    res = kk.calculate_emissions(flights_and_diesel(2020), factors)
    assert emissions(res) == [200.0]
    rejected = res.rejected.iloc[0]
    assert (rejected["row"], rejected["reason"]) == (0, ErrorReason.NO_FACTOR.value)
    assert "high-altitude" in rejected["message"]
    res.reconcile()
    plain = kk.calculate_emissions(flights_and_diesel(2020), factors, high_altitude=False)
    assert emissions(plain) == [120.0, 200.0]


def test_a_multiplier_needs_a_source(extra_folder: Callable[[dict[str, str]], Path]) -> None:
    problem = only_problem(
        extra_folder(
            {"high_altitude.csv": MULTIPLIER_HEADER + "flight_domestic,1.7,2019,2024,nobody,r,\n"}
        )
    )
    assert (problem.row, problem.column, problem.value) == (2, "source_id", "nobody")
    assert problem.reason is ErrorReason.UNKNOWN_SOURCE


def test_two_same_year_multipliers_for_one_year_do_not_load(
    extra_folder: Callable[[dict[str, str]], Path],
) -> None:
    problem = only_problem(
        extra_folder(
            {
                "high_altitude.csv": MULTIPLIER_HEADER
                + "flight_domestic,1.7,2019,2024,test-fuels-2019,row 1,\n"
                "flight_domestic,1.9,2024,2025,test-fuels-2019,row 2,\n"
            }
        )
    )
    assert (problem.row, problem.reason) == (3, ErrorReason.OVERLAPPING_VALIDITY)


def test_the_multipliers_used_are_listed_with_their_source(factors: kk.FactorTable) -> None:
    acts = pd.concat([flights_and_diesel(2020), flights_and_diesel(2024)], ignore_index=True)
    used = kk.calculate_emissions(acts, factors).multipliers_used()
    assert used[["activity", "year", "multiplier", "source_id", "rows"]].values.tolist() == [
        ["flight_domestic", 2020, 1.7, "test-rf-2021", 1],
        ["flight_domestic", 2024, 1.9, "test-rf-2023", 1],
    ]
    given = kk.calculate_emissions(acts, factors, high_altitude=1.9).multipliers_used()
    assert set(given["source_id"]) == {"user"}
    none = kk.calculate_emissions(acts, factors, high_altitude=False).multipliers_used()
    assert none.empty


def test_the_report_says_how_flights_count_the_effect(factors: kk.FactorTable) -> None:
    from klimatkalk.report.tables import build_report_tables, report_text

    acts = pd.concat([flights_and_diesel(2019), flights_and_diesel(2024)], ignore_index=True)
    with_effect = kk.calculate_emissions(acts, factors)
    method = " ".join(report_text(build_report_tables(with_effect, 2024)).method)
    assert "höghöjdseffekten" in method
    # fixture: 1.7 from the 2021 source for 2019-2024, revised to 1.9 for 2024 by the 2023 one
    assert "faktor 1,70 för 2019 (Test publisher 2021) och 1,90 för 2024 (Test publisher 2023)" in (
        method
    )
    without = kk.calculate_emissions(acts, factors, high_altitude=False)
    method = " ".join(report_text(build_report_tables(without, 2024)).method)
    assert "utan höghöjdseffekt" in method
    no_flights = kk.calculate_emissions(acts[acts["activity"] == "diesel"], factors)
    method = " ".join(report_text(build_report_tables(no_flights, 2024)).method)
    assert "höghöjd" not in method


@pytest.mark.parametrize(("option", "expected"), [("no", "120"), ("ja", "190"), ("2,0", "220")])
def test_the_command_line_chooses_the_multiplier(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], option: str, expected: str
) -> None:
    from klimatkalk.cli import main

    path = tmp_path / "flights.csv"
    path.write_text("år;aktivitet;mängd;enhet\n2020;flight_domestic;1 000;pkm\n", encoding="utf-8")
    out = tmp_path / "rows.csv"
    stack = [arg for folder in STACK for arg in ("--factors", str(folder))]
    code = main(["calculate", str(path), *stack, "--high-altitude", option, "-o", str(out)])
    assert code == 0, capsys.readouterr().err
    rows = pd.read_csv(out, sep=";", decimal=",", encoding="utf-8-sig")  # a Swedish Excel's CSV
    assert f"{float(rows['Utsläpp (kg CO2e)'].iat[0]):.0f}" == expected


def test_the_command_line_refuses_a_bad_multiplier(capsys: pytest.CaptureFixture[str]) -> None:
    from klimatkalk.cli import main

    assert main(["calculate", "x.csv", "--high-altitude", "lots"]) == 2
    assert "ange ja, nej eller en faktor" in capsys.readouterr().err
    assert main(["calculate", "x.csv", "--high-altitude", "lots", "--lang", "en"]) == 2
    assert "yes, no or a multiplier" in capsys.readouterr().err


def test_factors_show_names_the_multiplier(capsys: pytest.CaptureFixture[str]) -> None:
    from klimatkalk.cli import main

    stack = [arg for folder in STACK for arg in ("--factors", str(folder))]
    assert main(["factors", "show", "flight-ttw", *stack]) == 0
    printed = capsys.readouterr().out
    assert "höghöjdsfaktor 1,7 på förbränningens CO2, 2019–2024" in printed
    assert "höghöjdsfaktor 1,9" in printed


@pytest.mark.parametrize(
    ("year", "activity", "gwp_set", "with_rf"),
    [
        # BEIS 2019 conversion factors, Business travel- air, Domestic, to/from UK, Average
        # passenger, "With RF": 0.25493 kg CO2e/pkm = CO2 0.25355 + CH4 0.00012 + N2O 0.00126
        # (AR4; copy BalthazazarDuc/Database_flatfiles conversion-factors-2019-flat-file-v01-02)
        (2019, "flight_domestic", "AR4GWP100", 0.25493),
        # DESNZ 2025 flat file, IDs 21_316_3160_11_1, 21_316_3162_11_1, 21_316_3168_11_1
        # ("With RF", Average passenger; AR5): 0.22928, 0.12786, 0.15282 kg CO2e/pkm
        (2025, "flight_domestic", "AR5GWP100", 0.22928),
        (2025, "flight_europe", "AR5GWP100", 0.12786),
        (2025, "flight_intercontinental", "AR5GWP100", 0.15282),
    ],
)
def test_bundled_flights_reproduce_the_publishers_with_rf_value(
    year: int, activity: str, gwp_set: str, with_rf: float
) -> None:
    acts = pd.DataFrame(
        {"year": [year], "activity": [activity], "quantity": [1.0], "unit": ["pkm"]}
    )
    res = kk.calculate_emissions(acts, boundary="combustion", gwp_set=gwp_set)
    # The publisher multiplies the CO2 part only, as klimatkalk does where the row has its gas
    # components: the published value to its rounding (each part is rounded to 5 decimals).
    assert res.rows["emissions_kg_co2e"].iat[0] == pytest.approx(with_rf, abs=2e-5)
    assert res.rows["high_altitude_multiplier"].iat[0] == (1.9 if year == 2019 else 1.7)
