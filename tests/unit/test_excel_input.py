"""Reading the files analysts actually get: fixtures named for their defect, each with its
hand-computed result. Factor values are those of tests/fixtures/factors_minimal: diesel 2024
2.5 kg CO2e/l (the revised edition), electricity 0.05 kg/kWh, domestic flight 0.2 kg/km."""

from __future__ import annotations

import importlib.util
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import openpyxl
import pandas as pd
import pytest

import klimatkalk as kk
from klimatkalk.activity_data import combine_activities
from klimatkalk.errors import ErrorReason
from klimatkalk.io.layout import FORMULA_REASON
from klimatkalk.io.mapping import InputMapping, SheetMapping, load_mapping
from klimatkalk.io.template import TEMPLATE_HEADER, write_template

INPUT = Path(__file__).parents[1] / "fixtures" / "input"
MAPPING = INPUT / "fuelcard_own_labels.toml"


def reasons(error: pytest.ExceptionInfo[kk.ActivityDataError]) -> list[str]:
    return [p.reason.value for p in error.value.problems]


def reconciles(acts: kk.ActivityTable, result: kk.EmissionsResult) -> None:
    """Rows read + rejected + skipped = data rows in the files."""
    assert len(result.rows) + len(result.rejected) + len(acts.skipped) == int(
        acts.inputs["data_rows"].sum()
    )
    assert (acts.inputs["rows"] + acts.inputs["skipped"] == acts.inputs["data_rows"]).all()
    result.reconcile()


# --- CSV dialects ---------------------------------------------------------------------------


def test_cp1252_semicolon_fuel_card(minimal_factors: kk.FactorTable) -> None:
    acts = kk.read_activities(INPUT / "fuelcard_cp1252_semicolon.csv")
    assert (acts.encoding, acts.delimiter) == ("cp1252", ";")
    assert "cp1252, ';'-separated" in acts.notes[0]
    assert acts.frame["quantity"].tolist() == [1234.5, 250.25, 80.0, 12.5]
    assert acts.frame["org_unit"].tolist() == [
        "Ambulans",
        "Förlossning",
        "Hälsocentral Öst",
        "Bussdepån",
    ]
    assert acts.frame["origin_row"].tolist() == [2, 3, 4, 5]
    res = kk.calculate_emissions(acts, minimal_factors)
    # 1234.5 + 250.25 + 80 + 12 500 (12,5 m3) = 14 064.75 l × 2.5 kg/l
    assert res.total() == pytest.approx(14_064.75 * 2.5)
    reconciles(acts, res)


def test_utf8_bom_comma_with_quotes_and_a_line_break_in_a_cell() -> None:
    acts = kk.read_activities(INPUT / "fuelcard_utf8_bom_comma.csv")
    assert (acts.encoding, acts.delimiter) == ("utf-8", ",")
    assert "utf-8 with BOM" in acts.notes[0]
    assert acts.frame["quantity"].sum() == pytest.approx(1234.5 + 1500.75 + 3 + 100)
    assert acts.frame["org_unit"].tolist()[0] == "Ambulans, Norr"
    assert acts.frame["comment"].tolist()[1:3] == ['tankning "extra"', "rad med\nradbrytning"]
    # Six lines in the file, five records: Excel shows the record with the line break as row 4.
    assert acts.frame["origin_row"].tolist() == [2, 3, 4, 5]


def test_utf16_tab_unicode_text(minimal_factors: kk.FactorTable) -> None:
    acts = kk.read_activities(INPUT / "patient_travel_utf16_tab.txt")
    assert (acts.encoding, acts.delimiter) == ("utf-16", "\t")
    res = kk.calculate_emissions(acts, minimal_factors)
    assert res.total() == pytest.approx((1200 + 35 * 10) * 0.2)  # 1 550 km × 0.2 = 310 kg


@pytest.mark.parametrize(
    ("text", "delimiter"),
    [
        ("år;aktivitet;mängd;enhet\n2024;diesel;1,5;l\n2024;diesel;2,5;l\n", ";"),
        ("år\taktivitet\tmängd\tenhet\n2024\tdiesel\t1,5\tl\n", "\t"),
        ('year,activity,quantity,unit,comment\n2024,diesel,1.5,l,"a;b;c;d;e"\n', ","),
        ("Rapport: drivmedel\nyear;activity;quantity;unit\n2024;diesel;1,5;l\n", ";"),
    ],
)
def test_delimiter_detection(tmp_path: Path, text: str, delimiter: str) -> None:
    path = tmp_path / "data.csv"
    path.write_text(text, encoding="utf-8")
    acts = kk.read_activities(path)
    assert acts.delimiter == delimiter
    assert acts.frame["quantity"].iloc[0] == 1.5


def test_mixed_encodings_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "mixed.csv"
    path.write_bytes("år;aktivitet;mängd;enhet\n".encode() + b"2024;diesel;5;l\xe4\n")
    with pytest.raises(kk.ActivityDataError, match="mixes UTF-8") as info:
        kk.read_activities(path)
    assert reasons(info) == ["encoding"]


def test_undecodable_byte_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.csv"
    path.write_bytes(b"year;activity;quantity;unit\n2024;diesel;5;l\n2024;diesel;5;l\x81\n")
    with pytest.raises(kk.ActivityDataError) as info:
        kk.read_activities(path)
    assert (info.value.problems[0].reason, info.value.problems[0].row) == (ErrorReason.ENCODING, 3)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"year;activity\x00;quantity;unit\n", "encoding"),
        (b"PK\x03\x04rest of a zip", "unsupported_format"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "unsupported_format"),
        (b"  \r\n \n", "empty_file"),
    ],
)
def test_files_that_are_no_csv(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "not.csv"
    path.write_bytes(content)
    with pytest.raises(kk.ActivityDataError) as info:
        kk.read_activities(path)
    assert reasons(info) == [reason]


def test_short_row_in_a_quoted_file_is_refused_with_its_record(tmp_path: Path) -> None:
    path = tmp_path / "quoted.csv"
    path.write_text(
        'year,activity,quantity,unit\n2024,diesel,"1",l\n2024,"diesel",2\n', encoding="utf-8"
    )
    with pytest.raises(kk.ActivityDataError) as info:
        kk.read_activities(path)
    assert [(p.row, p.value) for p in info.value.problems] == [(3, 3)]


def test_extra_cells_beyond_the_header_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "extra.csv"
    path.write_text("year;activity;quantity;unit\n2024;diesel;1;l;oops\n", encoding="utf-8")
    with pytest.raises(kk.ActivityDataError, match="5 cells, the header has 4"):
        kk.read_activities(path)


def test_short_optional_cells_and_a_note_line_are_fine(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text(
        "year;activity;quantity;unit;comment\n2024;diesel;1;l\n2024;diesel;2;l;x\n"
        "Exporterad 2025-01-15\n",
        encoding="utf-8",
    )
    acts = kk.read_activities(path)
    assert acts.frame["quantity"].tolist() == [1.0, 2.0]
    assert acts.skipped[["origin_row", "reason"]].values.tolist() == [[4, "note_row"]]


def test_repeated_header_and_blank_lines() -> None:
    acts = kk.read_activities(INPUT / "repeated_header_and_blank_lines.csv")
    assert acts.frame["quantity"].tolist() == [10.0, 5.5]
    assert acts.frame["origin_row"].tolist() == [2, 5]
    assert acts.skipped[["origin_row", "reason"]].values.tolist() == [
        [3, "blank_row"],
        [4, "repeated_header"],
    ]
    # The trailing ";;;" line ends the table: 4 data rows (2–5), not 5.
    assert acts.inputs["data_rows"].tolist() == [4]


# --- xlsx -------------------------------------------------------------------------------------


def test_notes_above_the_header(minimal_factors: kk.FactorTable) -> None:
    acts = kk.read_activities(INPUT / "property_kwh_notes_above_header.xlsx")
    assert acts.inputs["header_row"].tolist() == [4]
    assert acts.frame["origin_row"].tolist() == [5, 6, 7]
    assert set(acts.frame["origin_sheet"]) == {"Fastigheter"}
    assert "Fastighet" in acts.frame  # an unknown column passes through
    res = kk.calculate_emissions(acts, minimal_factors)
    # 120 000 kWh + 450,5 MWh + 35 500 kWh = 606 000 kWh × 0.05 kg/kWh
    assert res.total() == pytest.approx(30_300.0)
    reconciles(acts, res)


def test_totals_subtotals_blank_and_note_rows_are_skipped_visibly(
    minimal_factors: kk.FactorTable,
) -> None:
    acts = kk.read_activities(INPUT / "travel_totals_row.xlsx")
    assert dict(acts.skipped[["origin_row", "reason"]].values.tolist()) == {
        4: "subtotal_row",  # "Delsumma", a SUM with its saved value 2000
        5: "blank_row",
        9: "total_row",  # no label: 200 = 150 + 50, the sum of the rows above
        10: "total_row",  # "Totalt"
        11: "note_row",  # "Källa: …"
    }
    assert acts.skipped.loc[0, "text"] == "Delsumma | 2000 | km"
    res = kk.calculate_emissions(acts, minimal_factors)
    # (1200 + 800) km + (150 + 50) mil = 4 000 km × 0.2 kg/km; "ca 40" is rejected
    assert res.total() == pytest.approx(800.0)
    assert res.rejected[["origin_row", "reason"]].values.tolist() == [[8, "not_a_number"]]
    assert res.rejected["origin_sheet"].tolist() == ["Tjänsteresor"]
    # 4 read + 1 rejected + 5 skipped = the 10 rows below the header
    assert acts.inputs["data_rows"].tolist() == [10]
    reconciles(acts, res)
    report = acts.error_report(res.rejected)
    assert report["origin_row"].tolist() == [4, 5, 8, 9, 10, 11]
    rejected = report[report["status"] == "rejected"].iloc[0]
    assert (rejected["excel_column"], rejected["header"], rejected["value"]) == (
        "C",
        "Mängd",
        "ca 40",
    )


def test_totals_can_be_kept_as_data(minimal_factors: kk.FactorTable) -> None:
    acts = kk.read_activities(INPUT / "travel_totals_row.xlsx", mapping={"skip_totals": False})
    assert set(acts.skipped["reason"]) == {"blank_row", "note_row"}
    res = kk.calculate_emissions(acts, minimal_factors)
    assert sorted(res.rejected["origin_row"]) == [4, 8, 9, 10]  # totals lack an activity
    reconciles(acts, res)


def test_unit_in_the_header(minimal_factors: kk.FactorTable) -> None:
    acts = kk.read_activities(INPUT / "fuel_unit_in_header.xlsx")
    assert acts.frame["unit"].tolist() == ["liter", "liter"]
    assert any("unit 'liter' from the header 'Mängd (liter)'" in n for n in acts.notes)
    res = kk.calculate_emissions(acts, minimal_factors)
    assert res.total() == pytest.approx((1000 + 2500) * 2.5)


def test_mapping_with_own_labels_and_headers(minimal_factors: kk.FactorTable) -> None:
    acts = kk.read_activities(INPUT / "fuelcard_own_labels.xlsx", mapping=MAPPING)
    assert acts.inputs["header_row"].tolist() == [3]
    assert acts.frame["activity"].tolist() == ["diesel", "petrol", "diesel", "adblue"]
    assert acts.frame["quantity"].tolist() == [45.5, 30.0, 60.0, 10.0]
    assert acts.frame["year"].tolist() == [2024] * 4
    assert acts.frame["org_unit"].tolist()[1] == "2020 Förvaltning"
    assert acts.skipped[["origin_row", "reason"]].values.tolist() == [[8, "total_row"]]
    res = kk.calculate_emissions(acts, minimal_factors)
    assert res.total() == pytest.approx((45.5 + 60) * 2.5)  # petrol and AdBlue are unknown here
    assert res.rejected[["origin_row", "reason"]].values.tolist() == [
        [5, "unknown_activity"],
        [7, "unknown_activity"],
    ]
    sources = acts.sources.set_index("column")
    assert sources.loc["quantity", "excel_column"] == "C"
    assert sources.loc["year", "header"] == "mapping: year = 2024"
    reconciles(acts, res)


def test_mapping_as_dict_and_yaml_read_the_same(tmp_path: Path) -> None:
    from_toml = kk.read_activities(INPUT / "fuelcard_own_labels.xlsx", mapping=MAPPING)
    mapping = load_mapping(MAPPING).sheets[0].model_dump()
    from_dict = kk.read_activities(INPUT / "fuelcard_own_labels.xlsx", mapping=mapping)
    pd.testing.assert_frame_equal(from_toml.frame, from_dict.frame)
    if importlib.util.find_spec("yaml") is None:
        pytest.skip("PyYAML is not installed")
    path = tmp_path / "mapping.yaml"
    path.write_text(
        "sheet: Tankningar\nyear: 2024\ncolumns:\n  activity: Produkt\n"
        "  quantity: Volym (liter)\n  org_unit: Kostnadsställe\n"
        "labels:\n  Diesel MK1: diesel\n  Bensin 95 E10: petrol\n",
        encoding="utf-8",
    )
    from_yaml = kk.read_activities(INPUT / "fuelcard_own_labels.xlsx", mapping=path)
    pd.testing.assert_frame_equal(from_toml.frame, from_yaml.frame)


def test_explicit_header_row_and_fixed_unit(tmp_path: Path) -> None:
    path = tmp_path / "el.csv"
    path.write_text("Elförbrukning\nÅr;Typ;kWh\n2024;El;100\n2024;El;50\n", encoding="utf-8")
    acts = kk.read_activities(
        path,
        mapping={
            "header_row": 2,
            "unit": "kWh",
            "columns": {"activity": "Typ", "quantity": "kWh"},
            "labels": {"El": "electricity"},
        },
    )
    assert acts.frame[["activity", "quantity", "unit"]].values.tolist() == [
        ["electricity", 100.0, "kWh"],
        ["electricity", 50.0, "kWh"],
    ]


def test_a_mapped_header_that_is_not_there(tmp_path: Path) -> None:
    path = tmp_path / "data.csv"
    path.write_text("year;activity;quantity;unit\n2024;diesel;1;l\n", encoding="utf-8")
    with pytest.raises(kk.ActivityDataError, match="'Förvaltning'") as info:
        kk.read_activities(path, mapping={"columns": {"org_unit": "Förvaltning"}})
    assert reasons(info) == ["missing_column"]


@pytest.mark.parametrize(
    ("mapping", "match"),
    [
        ({"header_rows": 3}, "Extra inputs are not permitted"),
        ({"year": 2024, "columns": {"year": "År"}}, "both as a fixed value and as a column"),
        ({"labels": {"Diesel": "Diesel MK1"}}, "String should match pattern"),
        ({"columns": {"quantity": "Mängd", "comment": "mängd"}}, "both name the header"),
        ({"sheets": []}, "at least 1 item"),
        ({"columns": {"origin_row": "Rad"}}, "added by the reader"),
    ],
)
def test_invalid_mappings_are_refused_clearly(mapping: dict[str, object], match: str) -> None:
    with pytest.raises(kk.ActivityDataError, match=match) as info:
        load_mapping(mapping)
    assert info.value.headline == "the mapping is invalid"


def test_mapping_files_that_do_not_parse(tmp_path: Path) -> None:
    bad_toml = tmp_path / "m.toml"
    bad_toml.write_text("sheet = [unclosed", encoding="utf-8")
    with pytest.raises(kk.ActivityDataError, match="TOMLDecodeError"):
        load_mapping(bad_toml)
    other = tmp_path / "m.ini"
    other.write_text("[x]", encoding="utf-8")
    with pytest.raises(kk.ActivityDataError, match="toml"):
        load_mapping(other)


def test_yaml_mapping_is_read_safely(tmp_path: Path) -> None:
    if importlib.util.find_spec("yaml") is None:
        pytest.skip("PyYAML is not installed")
    evil = tmp_path / "evil.yaml"
    evil.write_text("sheet: !!python/object/apply:os.getcwd []\n", encoding="utf-8")
    with pytest.raises(kk.ActivityDataError, match="ConstructorError"):
        load_mapping(evil)


def test_two_sheets_are_combined_with_their_origin(minimal_factors: kk.FactorTable) -> None:
    acts = kk.read_activities(INPUT / "two_sheets.xlsx")
    assert acts.frame["origin_sheet"].tolist() == ["Energi", "Energi", "Transport", "Transport"]
    assert acts.frame["origin_row"].tolist() == [2, 3, 2, 3]
    assert any("[Instruktioner]: not read" in n for n in acts.notes)
    assert any("[Listor]: hidden sheet" in n for n in acts.notes)
    res = kk.calculate_emissions(acts, minimal_factors)
    # 1 000 kWh + 2 MWh = 3 000 kWh × 0.05; 100 l diesel × 2.5; 50 mil = 500 km × 0.2
    assert res.total() == pytest.approx(150 + 250 + 100)
    only = kk.read_activities(INPUT / "two_sheets.xlsx", sheet="Transport")
    assert only.frame["activity"].tolist() == ["diesel", "flight_domestic"]
    assert kk.read_activities(INPUT / "two_sheets.xlsx", sheet=2).frame.equals(only.frame)


def test_a_named_sheet_must_have_a_header() -> None:
    with pytest.raises(kk.ActivityDataError, match="no header row") as info:
        kk.read_activities(INPUT / "two_sheets.xlsx", sheet="Instruktioner")
    assert set(reasons(info)) == {"missing_column"}


def test_total_labels_in_other_columns_and_sums_over_subtotals(tmp_path: Path) -> None:
    path = tmp_path / "report.csv"
    path.write_text(
        "verksamhet;år;aktivitet;mängd;enhet\n"
        "Ambulans;2024;diesel;10;l\n"
        "Ambulans;2024;diesel;5;l\n"
        "Summa Ambulans;;;15;l\n"  # a label in the first column
        "Buss;2024;diesel;7,5;l\n"
        ";;;7,5;l\n"  # no label: the sum of the section above
        ";;;22,5;l\n"  # no label: the sum of every row above (10 + 5 + 7,5)
        "Buss;2024;;3;l\n",  # no activity and not a sum: rejected, not skipped
        encoding="utf-8",
    )
    acts = kk.read_activities(path)
    assert acts.skipped[["origin_row", "reason"]].values.tolist() == [
        [4, "total_row"],
        [6, "total_row"],
        [7, "total_row"],
    ]
    assert acts.frame["origin_row"].tolist() == [2, 3, 5, 8]
    assert acts.problems[["row", "column", "reason"]].values.tolist() == [
        [3, "activity", "missing_value"]
    ]


def test_a_sheet_that_is_not_there(tmp_path: Path) -> None:
    with pytest.raises(kk.ActivityDataError, match="the sheets are") as info:
        kk.read_activities(INPUT / "two_sheets.xlsx", sheet="Drivmedel")
    assert "Instruktioner" in str(info.value)


def test_formulas_use_saved_values_and_unsaved_ones_are_reported(
    minimal_factors: kk.FactorTable,
) -> None:
    acts = kk.read_activities(INPUT / "formulas_cached_and_missing.xlsx")
    res = kk.calculate_emissions(acts, minimal_factors)
    assert res.total() == pytest.approx((2000 + 500) * 0.05)  # =1000*2 saved as 2000
    assert res.rejected[["origin_row", "value", "reason"]].values.tolist() == [
        [3, "=B99", FORMULA_REASON.value],
        [4, "#DIV/0!", "invalid_value"],
    ]
    assert "formula_without_value" in res.rejected["message"].iloc[0]
    assert any("1 formula(s) without a saved value in other columns" in n for n in acts.notes)
    reconciles(acts, res)


def test_csv_and_xlsx_combined(minimal_factors: kk.FactorTable) -> None:
    acts = kk.read_activities(
        [INPUT / "fuelcard_cp1252_semicolon.csv", INPUT / "travel_totals_row.xlsx"]
    )
    assert len(acts) == 4 + 5
    assert acts.frame["origin_file"].tolist()[3:5] == [
        "fuelcard_cp1252_semicolon.csv",
        "travel_totals_row.xlsx",
    ]
    assert acts.frame["origin_sheet"].isna().tolist()[:4] == [True] * 4
    res = kk.calculate_emissions(acts, minimal_factors)
    assert res.total() == pytest.approx(14_064.75 * 2.5 + 800)
    assert res.rejected[["origin_file", "origin_row"]].values.tolist() == [
        ["travel_totals_row.xlsx", 8]
    ]
    reconciles(acts, res)
    separately = combine_activities(
        [
            kk.read_activities(INPUT / "fuelcard_cp1252_semicolon.csv"),
            kk.read_activities(INPUT / "travel_totals_row.xlsx"),
        ]
    )
    pd.testing.assert_frame_equal(separately.frame, acts.frame)
    pd.testing.assert_frame_equal(separately.problems, acts.problems)


def test_combine_fills_missing_columns_sensibly() -> None:
    a = kk.ActivityTable.from_frame(
        pd.DataFrame({"year": [2024], "activity": ["n2o"], "quantity": [1], "unit": ["kg"]}).assign(
            abated_fraction=[0.5]
        )
    )
    b = kk.ActivityTable.from_frame(
        pd.DataFrame({"year": [2024], "activity": ["diesel"], "quantity": [2], "unit": ["l"]})
    )
    both = combine_activities([a, b])
    assert both.frame["abated_fraction"].tolist() == [0.5, 0.0]
    assert str(both.frame["year"].dtype) == "Int64"
    assert list(both.frame["activity"].cat.categories) == ["diesel", "n2o"]


def test_no_header_anywhere(tmp_path: Path) -> None:
    path = tmp_path / "notes.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["Bara text"])
    book.save(path)
    with pytest.raises(kk.ActivityDataError) as info:
        kk.read_activities(path)
    assert reasons(info) == ["missing_column"] * 4


# --- template ---------------------------------------------------------------------------------


def test_template_reads_back_without_a_mapping(
    tmp_path: Path, minimal_factors: kk.FactorTable
) -> None:
    path = write_template(tmp_path / "indata.xlsx", minimal_factors, rows=50)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == [  # the categories of the minimal set, in report order
        "Instruktioner",
        "Energi",
        "Transporter",
        "Medicinska gaser",
        "Inköp",
        "Aktiviteter",
        "Listor",
    ]
    energy = book["Energi"]
    assert [c.value for c in energy[1]] == list(TEMPLATE_HEADER)
    checks = {str(dv.sqref): dv for dv in energy.data_validations.dataValidation}
    assert checks["B2:B51"].type == "list" and "Listor" in checks["B2:B51"].formula1
    assert checks["D2:D51"].type == "list"
    assert book["Listor"].sheet_state == "hidden"
    lists = book["Listor"]
    listed = {c.value for col in lists.iter_cols() for c in col if c.value}
    assert {"electricity", "diesel", "nitrous_oxide", "kWh", "mil"} <= listed

    with pytest.raises(kk.ActivityDataError, match="no data rows"):
        kk.read_activities(path)  # an empty template has no rows

    energy.append([2024, "electricity", "1 000", "kWh", "Sjukhus"])
    book["Medicinska gaser"].append([2024, "nitrous_oxide", 2, "kg", "Förlossning"])
    book.save(path)
    acts = kk.read_activities(path)
    assert acts.frame["origin_sheet"].tolist() == ["Energi", "Medicinska gaser"]
    res = kk.calculate_emissions(acts, minimal_factors)
    assert res.total() == pytest.approx(1000 * 0.05 + 2 * 265)  # N2O AR5 GWP100 = 265


def test_template_with_the_bundled_catalogue(tmp_path: Path) -> None:
    path = write_template(tmp_path / "indata.xlsx", rows=10)
    book = openpyxl.load_workbook(path, read_only=True)
    names = book.sheetnames
    book.close()
    assert names[:6] == [
        "Instruktioner",
        "Energi",
        "Transporter",
        "Medicinska gaser",
        "Köldmedier",
        "Inköp",
    ]


# --- limits and malicious files ---------------------------------------------------------------


def test_too_many_columns_csv(tmp_path: Path) -> None:
    path = tmp_path / "wide.csv"
    path.write_text(";".join(f"c{i}" for i in range(1001)) + "\n", encoding="utf-8")
    with pytest.raises(kk.ActivityDataError, match="1001 columns") as info:
        kk.read_activities(path)
    assert reasons(info) == ["too_large"]


def test_too_many_rows_is_configurable(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    path.write_text("year;activity;quantity;unit\n" + "2024;diesel;1;l\n" * 300, encoding="utf-8")
    assert len(kk.read_activities(path)) == 300
    with pytest.raises(kk.ActivityDataError, match="more than 100 rows") as info:
        kk.read_activities(path, limits=kk.ReadLimits(max_rows=100))
    assert reasons(info) == ["too_large"]
    xlsx = tmp_path / "long.xlsx"
    pd.read_csv(path, sep=";").to_excel(xlsx, index=False)
    with pytest.raises(kk.ActivityDataError, match="more than 100 rows"):
        kk.read_activities(xlsx, limits=kk.ReadLimits(max_rows=100))


def test_xlsx_cell_beyond_the_column_limit(tmp_path: Path) -> None:
    path = tmp_path / "far.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["year", "activity", "quantity", "unit"])
    sheet.cell(row=2, column=1500, value="x")
    book.save(path)
    with pytest.raises(kk.ActivityDataError, match="1000 columns") as info:
        kk.read_activities(path)
    assert reasons(info) == ["too_large"]


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_zip_bomb_is_refused_before_parsing_in_bounded_memory(tmp_path: Path) -> None:
    path = _zip(
        tmp_path / "bomb.xlsx",
        {"[Content_Types].xml": b"<Types/>", "xl/worksheets/sheet1.xml": b"0" * 50_000_000},
    )
    assert path.stat().st_size < 200_000
    tracemalloc.start()
    try:
        with pytest.raises(kk.ActivityDataError, match="zip bomb") as info:
            kk.read_activities(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert reasons(info) == ["too_large"]
    assert peak < 5_000_000  # refused from the declared sizes: 50 MB are never inflated


def test_uncompressed_size_limit(tmp_path: Path) -> None:
    limits = kk.ReadLimits(max_xlsx_uncompressed_bytes=1_000)
    with pytest.raises(kk.ActivityDataError, match="MiB uncompressed") as info:
        kk.read_activities(INPUT / "two_sheets.xlsx", limits=limits)
    assert reasons(info) == ["too_large"]


def _patched(source: Path, target: Path, member: str, edit: object) -> Path:
    with zipfile.ZipFile(source) as archive:
        members = {i.filename: archive.read(i.filename) for i in archive.infolist()}
    members[member] = edit(members[member])  # type: ignore[operator]
    return _zip(target, members)


def test_entity_expansion_is_refused(tmp_path: Path) -> None:
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
    )
    path = _patched(
        INPUT / "fuel_unit_in_header.xlsx",
        tmp_path / "laughs.xlsx",
        "xl/worksheets/sheet1.xml",
        lambda xml: laughs + xml.replace(b"Buss", b"&lol2;"),
    )
    with pytest.raises(kk.ActivityDataError, match="document type declaration"):
        kk.read_activities(path)


def test_a_lying_dimension_is_ignored(tmp_path: Path) -> None:
    path = _patched(
        INPUT / "fuel_unit_in_header.xlsx",
        tmp_path / "dimension.xlsx",
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace(b'ref="A1:D3"', b'ref="A1:XFD1048576"'),
    )
    assert b"XFD1048576" in zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml")
    acts = kk.read_activities(path)
    assert acts.frame["quantity"].tolist() == [1000.0, 2500.0]


def test_damaged_and_foreign_workbooks(tmp_path: Path) -> None:
    data = (INPUT / "two_sheets.xlsx").read_bytes()
    truncated = tmp_path / "truncated.xlsx"
    truncated.write_bytes(data[: len(data) // 2])
    with pytest.raises(kk.ActivityDataError, match="not an xlsx"):
        kk.read_activities(truncated)
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(kk.ActivityDataError, match=r"save it as \.xlsx"):
        kk.read_activities(old)
    not_excel = _zip(tmp_path / "other.xlsx", {"readme.txt": b"hello"})
    with pytest.raises(kk.ActivityDataError, match="not an Excel workbook"):
        kk.read_activities(not_excel)
    broken_xml = _patched(
        INPUT / "two_sheets.xlsx",
        tmp_path / "broken.xlsx",
        "xl/workbook.xml",
        lambda xml: xml[:50],
    )
    with pytest.raises(kk.ActivityDataError, match="damaged or not a workbook"):
        kk.read_activities(broken_xml)


def test_missing_file_is_a_file_not_found_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        kk.read_activities(tmp_path / "nope.xlsx")
    with pytest.raises(FileNotFoundError):
        kk.read_activities(tmp_path / "nope.csv")


# --- fixtures -----------------------------------------------------------------------------------


def test_fixtures_are_generated_deterministically(
    tmp_path: Path, load_script: Callable[[Path], ModuleType]
) -> None:
    module = load_script(INPUT / "make_fixtures.py")
    for path in module.write_all(tmp_path):
        assert path.read_bytes() == (INPUT / path.name).read_bytes(), path.name


def test_input_mapping_objects_are_accepted() -> None:
    entry = SheetMapping(sheet="Tankningar", year=2024)
    assert load_mapping(entry) == InputMapping(sheets=[entry])
    assert load_mapping(InputMapping(sheets=[entry])).sheets[0].year == 2024
    with pytest.raises(ValueError, match="not as well as a mapping"):
        kk.read_activities(INPUT / "two_sheets.xlsx", sheet="Energi", mapping=entry)
