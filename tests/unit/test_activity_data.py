from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import klimatkalk as kk
from klimatkalk.errors import ErrorReason
from klimatkalk.io.layout import FORMULA_REASON

HEADER_SV = "år;aktivitet;mängd;enhet;verksamhet\n"


def test_semicolon_csv_with_swedish_headers_and_numbers(tmp_path: Path) -> None:
    path = tmp_path / "fuelcard_semicolon.csv"
    path.write_text(
        HEADER_SV + "2024;diesel;1\u00a0234,5;l;Ambulans\n2024;diesel;10;m3;Buss\n",
        encoding="utf-8",
    )
    acts = kk.read_activities(path)
    assert acts.frame["quantity"].tolist() == [1234.5, 10.0]
    assert acts.frame["org_unit"].tolist() == ["Ambulans", "Buss"]
    assert acts.frame["origin_row"].tolist() == [2, 3]  # header is line 1
    assert acts.encoding == "utf-8"


def test_cp1252_csv_is_detected_and_stated(tmp_path: Path) -> None:
    path = tmp_path / "fuelcard_cp1252_semicolon.csv"
    path.write_bytes((HEADER_SV + "2024;diesel;5;l;Förlossning\n").encode("cp1252"))
    acts = kk.read_activities(path)
    assert acts.encoding == "cp1252"
    assert acts.frame["org_unit"].tolist() == ["Förlossning"]


def test_utf8_bom_and_comma_csv(tmp_path: Path) -> None:
    path = tmp_path / "travel_bom.csv"
    path.write_bytes(
        "\ufeffyear,activity,quantity,unit\n2024,flight_domestic,12,mil\n".encode("utf-8")
    )
    acts = kk.read_activities(path)
    assert list(acts.frame.columns[:4]) == ["year", "activity", "quantity", "unit"]
    assert acts.frame["quantity"].tolist() == [12.0]


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_text("", encoding="utf-8")
    with pytest.raises(kk.ActivityDataError) as info:
        kk.read_activities(path)
    assert info.value.problems[0].reason == ErrorReason.EMPTY_FILE
    assert "empty.csv" in str(info.value)


def test_header_only_file(tmp_path: Path) -> None:
    path = tmp_path / "header_only.csv"
    path.write_text("year,activity,quantity,unit\n", encoding="utf-8")
    with pytest.raises(kk.ActivityDataError, match="no data rows"):
        kk.read_activities(path)


def test_ragged_row_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "ragged.csv"
    path.write_text(
        "year,activity,quantity,unit\n2024,diesel,1,l\n2024,diesel,1\n", encoding="utf-8"
    )
    with pytest.raises(kk.ActivityDataError) as info:
        kk.read_activities(path)
    assert info.value.problems[0].row == 3


def test_unsupported_format(tmp_path: Path) -> None:
    path = tmp_path / "data.pdf"
    path.write_bytes(b"%PDF")
    with pytest.raises(kk.ActivityDataError, match="unsupported_format"):
        kk.read_activities(path)


def test_xlsx_with_text_and_numbers(tmp_path: Path, minimal_factors: kk.FactorTable) -> None:
    path = tmp_path / "property_kwh.xlsx"
    pd.DataFrame(
        {
            "År": [2024, 2024, 2024],
            "Aktivitet": ["electricity", "electricity", "electricity"],
            "Mängd": [1000, "2 000,5", "=SUM(A1)"],
            "Enhet": ["kWh", "kWh", "kWh"],
        }
    ).to_excel(path, index=False)
    acts = kk.read_activities(path)
    res = kk.calculate_emissions(acts, minimal_factors)
    # 1000 kWh × 0.05 + 2000.5 kWh × 0.05 = 50 + 100.025
    assert res.total() == pytest.approx(150.025)
    # openpyxl stores "=SUM(A1)" as a formula with no cached value: the row is rejected (Excel
    # row 4) as a formula without a saved value, not counted as 0 and not called "missing".
    assert res.rejected["origin_row"].tolist() == [4]
    assert res.rejected["reason"].tolist() == [FORMULA_REASON.value]
    assert res.rejected["value"].tolist() == ["=SUM(A1)"]
    res.reconcile()


def test_duplicate_header_in_csv(tmp_path: Path) -> None:
    path = tmp_path / "dup.csv"
    path.write_text("year,activity,quantity,unit,unit\n2024,diesel,1,l,l\n", encoding="utf-8")
    with pytest.raises(kk.ActivityDataError, match="duplicate"):
        kk.read_activities(path)


def test_categorical_codes_are_made_once() -> None:
    acts = kk.ActivityTable.from_frame(
        pd.DataFrame(
            {
                "year": [2024] * 4,
                "activity": [" Diesel", "diesel", "DIESEL ", "petrol"],
                "quantity": [1, 2, 3, 4],
                "unit": ["l", "l ", "l", "l"],
            }
        )
    )
    assert list(acts.frame["activity"].cat.categories) == ["diesel", "petrol"]
    assert list(acts.frame["unit"].cat.categories) == ["l"]


def test_decimal_comma_inferred_from_the_column(
    tmp_path: Path, minimal_factors: kk.FactorTable
) -> None:
    # A Swedish Excel export: "15,976" alone could be 15.976 or 15 976, but "2,5" in the same
    # column shows the decimal comma.
    path = tmp_path / "fuelcard_three_decimals.csv"
    path.write_text(HEADER_SV + "2024;diesel;15,976;l;A\n2024;diesel;2,5;l;B\n", encoding="utf-8")
    acts = kk.read_activities(path)
    assert acts.frame["quantity"].tolist() == [15.976, 2.5]
    assert any("decimal comma" in note for note in acts.notes)
    res = kk.calculate_emissions(acts, minimal_factors)
    assert res.total() == pytest.approx((15.976 + 2.5) * 2.5)  # 2024 diesel: 2.5 kg CO2e/l


def test_a_missing_column_lists_the_columns_there_are_as_names() -> None:
    # The columns the frame has, quoted one by one (not a Python list with brackets).
    with pytest.raises(kk.ActivityDataError) as caught:
        kk.ActivityTable.from_frame(pd.DataFrame({"year": [2024], "activity": ["d"], "kvant": [1]}))
    messages = [p.message for p in caught.value.problems]
    assert "required column missing; the columns are 'year', 'activity', 'kvant'" in messages


def test_a_date_in_the_year_column_is_said_to_be_a_date() -> None:
    import datetime

    frame = pd.DataFrame(
        {
            "year": ["2024-01", datetime.date(2024, 1, 1), "20x4"],
            "activity": ["diesel"] * 3,
            "quantity": [1, 1, 1],
            "unit": ["l"] * 3,
        }
    )
    messages = kk.ActivityTable.from_frame(frame).problems["message"].tolist()
    assert messages[:2] == ["a date, not a year: write the year alone (e.g. 2024)"] * 2
    assert "is not allowed in a number" in messages[2]  # not a date: the number rule says why


def test_a_file_read_twice_is_noted(tmp_path: Path) -> None:
    # The same rows in two files (here in another order): both are counted, and a note says
    # so; a file with other rows (11 l, not 10) gets no note.
    body = "år;aktivitet;mängd;enhet\n2024;diesel;10;l\n2024;el;5;kWh\n"
    first, copy, other = tmp_path / "a.csv", tmp_path / "kopia.csv", tmp_path / "b.csv"
    first.write_text(body, encoding="utf-8")
    copy.write_text("år;aktivitet;mängd;enhet\n2024;el;5;kWh\n2024;diesel;10;l\n", encoding="utf-8")
    other.write_text(
        "år;aktivitet;mängd;enhet\n2024;diesel;11;l\n2024;el;5;kWh\n", encoding="utf-8"
    )
    acts = kk.read_activities([first, copy, other])
    assert len(acts) == 6
    same = [n for n in acts.notes if "the same rows as" in n]
    assert same == [f"{copy}: the same rows as {first}; read twice? The totals count both"]
