from __future__ import annotations

from pathlib import Path

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


def test_same_year_sources_covering_the_same_cell_are_ambiguous(factor_folder: Path) -> None:
    _edit(
        factor_folder / "factors/fixture.csv", "test-fuels-2024,row 1,", "test-fuels-2019b,row 1,"
    )
    with (factor_folder / "sources.csv").open("a", encoding="utf-8") as f:
        f.write("test-fuels-2019b,Other,Other 2019,2019,,X,,,\n")
    table = kk.load_factors(factor_folder)
    with pytest.raises(FactorDataError, match="same year"):
        compile_factors(table)
