from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import klimatkalk as kk
from klimatkalk.errors import ErrorReason, FactorDataError
from klimatkalk.factors.compile import compile_factors


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture changed: {old!r} not in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_minimal_set_loads(minimal_factors: kk.FactorTable) -> None:
    assert len(minimal_factors.factors) == 9
    assert set(minimal_factors.activities) >= {"diesel", "nitrous_oxide", "livopan"}
    assert minimal_factors.sources["ipcc-ar5-wg1-ch8"].year == 2013


# Each case breaks one thing in a copy of the minimal folder: (file, old text, new text,
# expected reason, expected column, expected line).
DEFECTS = {
    "factor_unknown_source": (
        "factors/fixture.csv",
        "el,electricity,50,g CO2e / kWh,CO2e,,,,2019,2024,test-fuels-2019",
        "el,electricity,50,g CO2e / kWh,CO2e,,,,2019,2024,no-such-source",
        ErrorReason.UNKNOWN_SOURCE,
        "source_id",
        6,
    ),
    "factor_unit_does_not_parse": (
        "factors/fixture.csv",
        "50,g CO2e / kWh",
        "50,g CO2e / kWhh",
        ErrorReason.UNKNOWN_UNIT,
        "unit",
        6,
    ),
    "factor_unit_wrong_dimension": (
        "factors/fixture.csv",
        "50,g CO2e / kWh",
        "50,g CO2e / l",
        ErrorReason.UNIT_DIMENSION_MISMATCH,
        "unit",
        6,
    ),
    "factor_gas_token_differs": (
        "factors/fixture.csv",
        "1,kg N2O / kg,N2O",
        "1,kg CO2e / kg,N2O",
        ErrorReason.UNKNOWN_GAS,
        "unit",
        8,
    ),
    "factor_unknown_gas": (
        "factors/fixture.csv",
        "1,kg N2O / kg,N2O",
        "1,kg XYZ / kg,XYZ",
        ErrorReason.UNKNOWN_GAS,
        "gas",
        8,
    ),
    "factor_overlapping_validity": (
        "factors/fixture.csv",
        "3.0,kg CO2e / l,CO2e,AR5GWP100,lifecycle,,2024,2024",
        "3.0,kg CO2e / l,CO2e,AR5GWP100,lifecycle,,2023,2024",
        ErrorReason.OVERLAPPING_VALIDITY,
        "valid_from",
        3,
    ),
    "factor_valid_from_after_valid_to": (
        "factors/fixture.csv",
        "0.2,kg CO2e / pkm,CO2e,,,,2019,2024",
        "0.2,kg CO2e / pkm,CO2e,,,,2024,2019",
        ErrorReason.INVALID_VALUE,
        None,
        7,
    ),
    "factor_negative_value": (
        "factors/fixture.csv",
        "flight,flight_domestic,0.2",
        "flight,flight_domestic,-0.2",
        ErrorReason.INVALID_VALUE,
        "value",
        7,
    ),
    "factor_missing_locator": (
        "factors/fixture.csv",
        "test-fuels-2019,row 5,",
        "test-fuels-2019,,",
        ErrorReason.INVALID_VALUE,
        "source_locator",
        7,
    ),
    "factor_spend_without_price_year": (
        "factors/fixture.csv",
        "kg CO2e / SEK,CO2e,,,2020,",
        "kg CO2e / SEK,CO2e,,,,",
        ErrorReason.INVALID_VALUE,
        "price_year",
        10,
    ),
    "source_without_url_or_doc_id": (
        "sources.csv",
        ",TEST-2019,,,test fixture",
        ",,,,test fixture",
        ErrorReason.INVALID_VALUE,
        None,
        4,
    ),
    "source_without_publisher": (
        "sources.csv",
        "test-fuels-2019,Test publisher",
        "test-fuels-2019,",
        ErrorReason.INVALID_VALUE,
        "publisher",
        4,
    ),
    "activity_bad_scope": (
        "activities.csv",
        "diesel,Diesel,Diesel,transport,vehicles,1",
        "diesel,Diesel,Diesel,transport,vehicles,4",
        ErrorReason.INVALID_VALUE,
        "scope",
        2,
    ),
    "blend_does_not_sum_to_one": (
        "blends.csv",
        "livopan,O2,0.5",
        "livopan,O2,0.4",
        ErrorReason.INVALID_VALUE,
        None,
        None,
    ),
}


@pytest.mark.parametrize("defect", DEFECTS, ids=list(DEFECTS))
def test_broken_factor_data_does_not_load(factor_folder: Path, defect: str) -> None:
    file, old, new, reason, column, line = DEFECTS[defect]
    _edit(factor_folder / file, old, new)
    with pytest.raises(FactorDataError) as info:
        kk.load_factors(factor_folder)
    problems = [p for p in info.value.problems if p.reason == reason]
    assert problems, str(info.value)
    problem = problems[0]
    if column is not None:
        assert problem.column == column
    if line is not None:
        assert problem.row == line
        assert problem.file.endswith(file)
    # the message names file, line and value
    assert str(line or "") in str(info.value)
    assert isinstance(info.value, ValueError) and isinstance(info.value, kk.KlimatkalkError)


def test_all_bad_rows_are_reported_at_once(factor_folder: Path) -> None:
    _edit(factor_folder / "factors/fixture.csv", "test-fuels-2019,row 5,", "nope,row 5,")
    _edit(factor_folder / "factors/fixture.csv", "test-fuels-2019,row 4,", "nope,row 4,")
    with pytest.raises(FactorDataError) as info:
        kk.load_factors(factor_folder)
    lines = {p.row for p in info.value.problems if p.reason == ErrorReason.UNKNOWN_SOURCE}
    assert lines == {6, 7}


def test_unknown_column_is_refused(factor_folder: Path) -> None:
    _edit(factor_folder / "kpi.csv", "year,kpi,", "year,kpi,extra,")
    with pytest.raises(FactorDataError, match="unknown column"):
        kk.load_factors(factor_folder)


def test_edition_selects_what_was_published_then(minimal_factors: kk.FactorTable) -> None:
    old = kk.load_factors(minimal_factors_path(), edition=2019)
    assert "test-fuels-2024" not in set(old.factors["source_id"])
    assert "test-fuels-2024" in set(minimal_factors.factors["source_id"])


def minimal_factors_path() -> Path:
    return Path(__file__).parents[1] / "fixtures" / "factors_minimal"


def test_stacked_folder_takes_precedence(tmp_path: Path) -> None:
    own = tmp_path / "vasteras_el"
    (own / "factors").mkdir(parents=True)
    (own / "sources.csv").write_text(
        "source_id,publisher,title,year,url,doc_id,retrieved,license,note\n"
        "own-supplier-2024,Mälarenergi,Ursprungsmärkning 2024,2024,,ME-2024,,,\n",
        encoding="utf-8",
    )
    (own / "factors" / "el.csv").write_text(
        "factor_id,activity,value,unit,gas,gwp_set,boundary,price_year,valid_from,valid_to,"
        "source_id,source_locator,note\n"
        "el-own,electricity,10,g CO2e / kWh,CO2e,,,,2024,2024,own-supplier-2024,p. 1,\n",
        encoding="utf-8",
    )
    stacked = kk.load_factors([minimal_factors_path(), own])
    res = kk.calculate_emissions(
        kk.ActivityTable.from_frame(
            __import__("pandas").DataFrame(
                {
                    "year": [2023, 2024],
                    "activity": ["electricity"] * 2,
                    "quantity": [1000, 1000],
                    "unit": ["kWh", "kWh"],
                }
            )
        ),
        stacked,
    )
    # 2023: bundled 50 g/kWh × 1000 kWh = 50 kg; 2024: own 10 g/kWh × 1000 kWh = 10 kg
    assert res.rows["emissions_kg_co2e"].tolist() == [50.0, 10.0]
    assert res.rows["factor_set"].tolist() == ["factors_minimal", "vasteras_el"]


def test_an_own_folder_loaded_alone_says_how_to_stack_it(tmp_path: Path) -> None:
    # A folder of one's own (sources.csv and factors/ only), loaded without the bundled set:
    # a typed error that says how to stack it, not a KeyError from an empty factor table.
    own = tmp_path / "vara_faktorer"
    (own / "factors").mkdir(parents=True)
    (own / "sources.csv").write_text(
        "source_id,publisher,title,year,url,doc_id,retrieved,license,note\n"
        "own-supplier-2024,Mälarenergi,Ursprungsmärkning 2024,2024,,ME-2024,,,\n",
        encoding="utf-8",
    )
    (own / "factors" / "el.csv").write_text(
        "factor_id,activity,value,unit,gas,gwp_set,boundary,price_year,valid_from,valid_to,"
        "source_id,source_locator,note\n"
        "el-own,electricity,10,g CO2e / kWh,CO2e,,,,2024,2024,own-supplier-2024,p. 1,\n",
        encoding="utf-8",
    )
    with pytest.raises(FactorDataError) as caught:
        kk.load_factors(own)
    messages = [str(p) for p in caught.value.problems]
    assert any(
        "no activities.csv" in m and "load_factors(['bundled', " in m and "value None" not in m
        for m in messages
    ), messages
    assert any(p.reason is ErrorReason.UNKNOWN_ACTIVITY for p in caught.value.problems)


def test_same_year_sources_covering_the_same_cell_are_ambiguous(factor_folder: Path) -> None:
    _edit(
        factor_folder / "factors/fixture.csv", "test-fuels-2024,row 1,", "test-fuels-2019b,row 1,"
    )
    with (factor_folder / "sources.csv").open("a", encoding="utf-8") as f:
        f.write("test-fuels-2019b,Other,Other 2019,2019,,X,,,\n")
    table = kk.load_factors(factor_folder)
    with pytest.raises(FactorDataError, match="same year"):
        compile_factors(table)


def test_an_undated_source_does_not_win_against_a_dated_edition(factor_folder: Path) -> None:
    # An undated page read in 2026 (year = retrieval year) covering diesel 2023-2024 must not
    # beat the dated 2024 edition (2.5 kg/l): the dated row wins, the undated one fills only
    # what no dated row covers.
    sources = factor_folder / "sources.csv"
    header, *rows = sources.read_text(encoding="utf-8").splitlines()
    undated = "undated-page,Other,An undated page,2026,https://example.org,,,,,retrieval"
    text = "\n".join([f"{header},year_basis", *(f"{r}," for r in rows), undated])
    sources.write_text(text + "\n", encoding="utf-8")
    with (factor_folder / "factors/fixture.csv").open("a", encoding="utf-8") as f:
        f.write(
            "diesel-undated,diesel,9.0,kg CO2e / l,CO2e,,lifecycle,,2023,2025,undated-page,p,\n"
        )
    table = kk.load_factors(factor_folder)
    assert not table.sources["undated-page"].dated
    compiled = compile_factors(table)
    cell_2024 = compiled.cell("diesel", 2024)
    assert cell_2024 is not None and cell_2024[1] == 2.5  # test-fuels-2024 (dated) wins
    cell_2025 = compiled.cell("diesel", 2025)
    assert cell_2025 is not None and cell_2025[1] == 9.0  # only the undated row covers 2025


def test_quality_column_comes_from_quality_csv(factor_folder: Path) -> None:
    (factor_folder / "quality.csv").write_text(
        "factor_id,source_id,quality,note\n"
        "diesel-lca,test-fuels-2019,stretched,one value for 2019-2023\n"
        "n2o,test-fuels-2019,measured,\n",
        encoding="utf-8",
    )
    table = kk.load_factors(factor_folder)
    quality = dict(zip(table.factors["factor_id"], table.factors["quality"], strict=True))
    assert quality["diesel-lca"] == "stretched"
    assert quality["n2o"] == "measured"
    assert quality["el"] is None


def test_quality_for_a_row_that_does_not_exist_is_refused(factor_folder: Path) -> None:
    (factor_folder / "quality.csv").write_text(
        "factor_id,source_id,quality,note\nnope,test-fuels-2019,reported,\n", encoding="utf-8"
    )
    with pytest.raises(FactorDataError) as err:
        kk.load_factors(factor_folder)
    assert err.value.problems[0].column == "factor_id"


def test_unknown_quality_is_refused(factor_folder: Path) -> None:
    (factor_folder / "quality.csv").write_text(
        "factor_id,source_id,quality,note\nel,test-fuels-2019,guessed,\n", encoding="utf-8"
    )
    with pytest.raises(FactorDataError) as err:
        kk.load_factors(factor_folder)
    assert err.value.problems[0].column == "quality"


def test_a_withdrawn_row_may_be_replaced_under_the_same_source(factor_folder: Path) -> None:
    # A misread corrected: the replacement cites the same source; without the withdrawal the
    # two rows would overlap.
    with (factor_folder / "factors/fixture.csv").open("a", encoding="utf-8") as f:
        f.write("el-fixed,electricity,40,g CO2e / kWh,CO2e,,,,2019,2024,test-fuels-2019,row 4,\n")
    with pytest.raises(FactorDataError, match="overlap"):
        kk.load_factors(factor_folder)
    (factor_folder / "withdrawn.csv").write_text(
        "factor_id,source_id,withdrawn_by,reason\nel,test-fuels-2019,test-fuels-2019,misread\n",
        encoding="utf-8",
    )
    table = kk.load_factors(factor_folder)
    cell = compile_factors(table).cell("electricity", 2020)
    assert cell is not None and cell[1] == pytest.approx(0.040)  # 40 g/kWh = 0.040 kg/kWh


def test_factors_show_prints_the_quality(capsys: pytest.CaptureFixture[str]) -> None:
    from klimatkalk.cli import main

    assert main(["factors", "show", "diesel-mk1-combustion-2019"]) == 0
    # quality.csv: the 2019 pump diesel row is derived from reported shares
    assert "kvalitet:    härlett värde" in capsys.readouterr().out


def test_the_other_boundary_is_a_marked_fallback() -> None:
    table = kk.load_factors()
    combustion = compile_factors(table, boundary="combustion")
    a = combustion.activities.index("district_heating_vasteras")
    # Energiföretagen/Malmö: Västerås 2022 54,9 g CO2e/kWh, a VMK (life-cycle) value only.
    cell = combustion.cell("district_heating_vasteras", 2022)
    assert cell is not None and cell[1] == pytest.approx(0.0549)
    assert combustion.boundary_fallback[a, 2022 - combustion.first_year]
    d = combustion.activities.index("diesel")
    assert not combustion.boundary_fallback[d].any()
    strict = compile_factors(table, boundary="combustion", boundary_fallback=False)
    assert strict.cell("district_heating_vasteras", 2022) is None
    # The residual mix is generation emissions: in a life-cycle run it is the fallback.
    lifecycle = compile_factors(table)
    r = lifecycle.activities.index("electricity_residual_mix")
    assert lifecycle.boundary_fallback[r, 2024 - lifecycle.first_year]


def test_gas_components_are_recomputed_with_the_chosen_gwp_set() -> None:
    table = kk.load_factors()
    parts = table.components[table.components["factor_id"] == "diesel-mk1-combustion-2024"]
    kg = dict(zip(parts["gas"], parts["kg_per_canonical"], strict=True))
    # IPCC AR6 Table 7.SM.7: CH4 27.9, N2O 273; AR4 Table 2.14: CH4 25, N2O 298.
    for gwp_set, ch4, n2o in (("AR6GWP100", 27.9, 273.0), ("AR4GWP100", 25.0, 298.0)):
        cell = compile_factors(table, gwp_set, "combustion").cell("diesel", 2024)
        assert cell is not None
        assert cell[1] == pytest.approx(kg["CO2"] + ch4 * kg["CH4"] + n2o * kg["N2O"])


def test_gwp_basis_says_whether_a_value_is_in_the_chosen_set() -> None:
    from klimatkalk.factors.compile import GWP_BASES

    table = kk.load_factors()

    def basis(gwp_set: str, boundary: str, activity: str) -> str:
        compiled = compile_factors(table, gwp_set, boundary)
        a = compiled.activities.index(activity)
        return GWP_BASES[int(compiled.gwp_basis[a, 2024 - compiled.first_year])]

    assert basis("AR6GWP100", "combustion", "diesel") == "recomputed"  # components
    assert basis("AR6GWP100", "combustion", "nitrous_oxide") == "recomputed"  # a gas itself
    # hvo100 combustion: BEIS 2022, published with AR4 GWPs (CH4 25, N2O 298)
    assert basis("AR4GWP100", "combustion", "hvo100") == "chosen_set"
    assert basis("AR6GWP100", "combustion", "hvo100") == "other_set"
    assert basis("AR5GWP100", "lifecycle", "district_heating_vasteras") == "set_not_stated"


def test_result_rows_carry_fallback_quality_and_gwp_basis() -> None:
    acts = pd.DataFrame(
        {
            "year": [2022, 2022],
            "activity": ["district_heating_vasteras", "diesel"],
            "quantity": [1000.0, 10.0],
            "unit": ["kWh", "l"],
        }
    )
    res = kk.calculate_emissions(acts, boundary="combustion")
    assert res.rejected.empty  # the life-cycle-only network is not dropped
    rows = res.rows.set_index("activity")
    assert bool(rows.loc["district_heating_vasteras", "boundary_fallback"])
    assert not bool(rows.loc["diesel", "boundary_fallback"])
    assert rows.loc["district_heating_vasteras", "emissions_kg_co2e"] == pytest.approx(54.9)
    assert rows.loc["diesel", "factor_quality"] == "derived"
    assert rows.loc["diesel", "gwp_basis"] == "recomputed"
    assert rows.loc["district_heating_vasteras", "gwp_basis"] == "set_not_stated"


def test_biogenic_co2_is_a_memo_beside_the_scopes() -> None:
    acts = pd.DataFrame(
        {"year": [2024], "activity": ["hvo100"], "quantity": [100.0], "unit": ["l"]}
    )
    res = kk.calculate_emissions(acts, boundary="combustion")
    row = res.rows.iloc[0]
    # DESNZ 2025 Outside of Scopes, Biodiesel HVO: 2.43 kg CO2 per litre -> 100 l = 243 kg,
    # beside the scope-1 CH4 + N2O (BEIS 2022: 0.03558 kg CO2e per litre -> 3.558 kg).
    assert row["biogenic_co2_kg"] == pytest.approx(243.0)
    assert row["emissions_kg_co2e"] == pytest.approx(3.558)


def test_a_factor_file_as_swedish_excel_saves_it_is_explained(tmp_path: Path) -> None:
    # Semicolons, a decimal comma and cp1252: each said for what it is, with file and line.
    own = tmp_path / "egna"
    (own / "factors").mkdir(parents=True)
    (own / "sources.csv").write_text(
        "source_id;publisher;title;year;url;doc_id;retrieved;license;note\n"
        "x;Region X;Mätning;2024;;M-1;;;\n",
        encoding="utf-8",
    )
    (own / "factors" / "komma.csv").write_text(
        "factor_id,activity,value,unit,gas,gwp_set,boundary,price_year,valid_from,valid_to,"
        "source_id,source_locator,note\n"
        'f1,diesel,"0,045",kg CO2e / l,CO2e,,lifecycle,,2024,2024,x,p. 1,\n',
        encoding="utf-8",
    )
    (own / "factors" / "ansi.csv").write_bytes(
        "factor_id,activity\nf,v\u00e4rme\n".encode("cp1252")
    )
    with pytest.raises(FactorDataError) as caught:
        kk.load_factors([minimal_factors_path(), own])
    said = {(Path(p.file).name, p.row): p.message for p in caught.value.problems}
    assert said[("sources.csv", 1)].startswith("the columns are separated by ';'")
    assert said[("komma.csv", 2)] == "a number with a decimal point (0.045), not a comma"
    assert said[("ansi.csv", 2)].startswith("not UTF-8")


def test_a_factor_citing_a_source_row_that_does_not_load_says_why(tmp_path: Path) -> None:
    own = tmp_path / "egna"
    (own / "factors").mkdir(parents=True)
    (own / "sources.csv").write_text(
        "source_id,publisher,title,year,url,doc_id,retrieved,license,note\n"
        "x,Region X,Mätning,20x4,,M-1,,,\n",  # a year that does not read
        encoding="utf-8",
    )
    (own / "factors" / "egna.csv").write_text(
        "factor_id,activity,value,unit,gas,gwp_set,boundary,price_year,valid_from,valid_to,"
        "source_id,source_locator,note\n"
        "f1,diesel,0.045,kg CO2e / l,CO2e,,lifecycle,,2024,2024,x,p. 1,\n",
        encoding="utf-8",
    )
    with pytest.raises(FactorDataError) as caught:
        kk.load_factors([minimal_factors_path(), own])
    said = {(Path(p.file).name, p.column): p.message for p in caught.value.problems}
    assert ("sources.csv", "year") in said
    assert said[("egna.csv", "source_id")].startswith(
        "source_id not among the sources that load: sources.csv has problems of its own"
    )
