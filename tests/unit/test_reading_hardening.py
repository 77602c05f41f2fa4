"""Reading files as an attacker or a confused user would (issue 16), and the fast CSV path.

Each case was found by trying it on the reader before the fix: hidden xlsx rows read without
a word, a DOS-encoded file answered with a cascade of missing columns, ``1.234`` in a Swedish
column read as one point two three four, ``1e308`` passed on to overflow in the calculation,
``-0`` kept its sign, ``1e-400`` read as 0, a missing sheet reported as a missing column, a
missing file as a bare ``FileNotFoundError``.
"""

from __future__ import annotations

import math
import warnings
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest

import klimatkalk as kk
from klimatkalk.errors import ErrorReason, InputFileNotFoundError

HEADER = "år;aktivitet;mängd;enhet\n"


def _csv(tmp_path: Path, body: str, name: str = "data.csv") -> Path:
    path = tmp_path / name
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def _rejected(acts: kk.ActivityTable) -> list[tuple[int, str, str]]:
    report = acts.error_report()
    return [
        (int(r.origin_row), str(r.value), str(r.reason))
        for r in report.itertuples()
        if r.status == "rejected"
    ]


# --- hidden rows ----------------------------------------------------------------------------


def test_hidden_xlsx_rows_are_read_and_named_in_a_note(tmp_path: Path) -> None:
    path = tmp_path / "hidden.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Drivmedel"
    for row in (
        ["År", "Aktivitet", "Mängd", "Enhet"],
        [2024, "diesel", 10, "l"],
        [2024, "diesel", 20, "l"],
        [2024, "diesel", 30, "l"],
    ):
        sheet.append(row)
    sheet.row_dimensions[3].hidden = True
    book.save(path)
    acts = kk.read_activities(path)
    assert acts.frame["quantity"].tolist() == [10.0, 20.0, 30.0]  # read like the others
    hidden = [n for n in acts.notes if "hidden row" in n]
    assert hidden == [
        "hidden.xlsx[Drivmedel]: 1 hidden row(s) (3) read like the others; delete them in the "
        "file if they are not data"
    ]


# --- encodings ------------------------------------------------------------------------------


def test_a_dos_encoded_file_gets_one_message_naming_the_encoding(tmp_path: Path) -> None:
    path = tmp_path / "dos.csv"
    path.write_bytes((HEADER + "2024;diesel;5;l\n").encode("cp437"))  # å → 0x86, ä → 0x84
    with pytest.raises(kk.ActivityDataError) as info:
        kk.read_activities(path)
    problems = info.value.problems
    assert [p.reason for p in problems] == [ErrorReason.ENCODING]
    assert "not UTF-8" in problems[0].message
    assert "CSV UTF-8" in problems[0].message


def test_a_cp1252_byte_after_the_sample_is_read_as_cp1252(tmp_path: Path) -> None:
    rows = "2024;diesel;5;l\n" * 6_000  # about 96 KiB of ASCII before the first å
    path = tmp_path / "late.csv"
    path.write_bytes((HEADER.replace("å", "a") + rows + "2024;diesel;7;l\n").encode("cp1252"))
    path.write_bytes(path.read_bytes() + "2024;gödsel;1;kg\n".encode("cp1252"))
    acts = kk.read_activities(path)
    assert acts.encoding == "cp1252"
    assert acts.frame["activity"].iloc[-1] == "gödsel"
    assert len(acts) == 6_002


def test_a_non_utf8_byte_after_the_sample_of_a_utf8_file_is_one_message(tmp_path: Path) -> None:
    rows = "2024;diesel;5;l\n" * 6_000
    path = tmp_path / "late_mixed.csv"
    path.write_bytes((HEADER + rows).encode("utf-8") + b"2024;diesel;5;l\xe4\n")
    with pytest.raises(kk.ActivityDataError, match="mixes UTF-8") as info:
        kk.read_activities(path)
    assert [p.reason for p in info.value.problems] == [ErrorReason.ENCODING]


# --- numbers --------------------------------------------------------------------------------


def test_a_point_in_a_decimal_comma_column_is_a_thousands_separator(tmp_path: Path) -> None:
    # "2,5" shows the decimal comma: "1.234" is one thousand two hundred and thirty-four.
    acts = kk.read_activities(_csv(tmp_path, "2024;diesel;1.234;l\n2024;diesel;2,5;l\n"))
    assert acts.frame["quantity"].tolist() == [1234.0, 2.5]
    assert any("decimal comma" in n for n in acts.notes)


def test_a_point_in_a_column_with_both_marks_is_rejected(tmp_path: Path) -> None:
    acts = kk.read_activities(
        _csv(tmp_path, "2024;diesel;1.234;l\n2024;diesel;2,5;l\n2024;diesel;0.5;l\n")
    )
    assert acts.frame["quantity"].tolist()[1:] == [2.5, 0.5]
    assert _rejected(acts) == [(2, "1.234", "ambiguous_number")]


def test_a_point_alone_is_still_a_decimal_point(tmp_path: Path) -> None:
    acts = kk.read_activities(_csv(tmp_path, "2024;diesel;1.234;l\n2024;diesel;3;l\n"))
    assert acts.frame["quantity"].tolist() == [1.234, 3.0]


@pytest.mark.parametrize("separator", [";", ","])
def test_huge_and_overflowing_quantities_are_rejected_without_warnings(
    tmp_path: Path, separator: str, minimal_factors: kk.FactorTable
) -> None:
    lines = ["year,activity,quantity,unit", "2024,diesel,1e308,l", "2024,diesel,1e999,l"]
    lines += ["2024,diesel,inf,l", "2024,diesel,5,l"]
    path = tmp_path / "huge.csv"
    path.write_text("\n".join(line.replace(",", separator) for line in lines) + "\n")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no numpy overflow warning anywhere
        acts = kk.read_activities(path)
        result = kk.calculate_emissions(acts, minimal_factors)
    report = acts.error_report()
    assert report["origin_row"].tolist() == [2, 3, 4]
    assert report["reason"].tolist() == ["invalid_value", "not_a_number", "not_a_number"]
    messages = report["message"].tolist()
    assert "above 10^307" in messages[0]
    assert "too large" in messages[1]
    assert "infinity" in messages[2]
    assert result.total() == pytest.approx(5 * 2.5)  # diesel 2.5 kg/l in the fixture set


def test_minus_zero_is_zero_and_underflow_is_rejected(tmp_path: Path) -> None:
    acts = kk.read_activities(
        _csv(tmp_path, "2024;diesel;-0;l\n2024;diesel;-0,0;l\n2024;diesel;1e-400;l\n")
    )
    values = acts.frame["quantity"].tolist()
    assert values[:2] == [0.0, 0.0]
    assert not any(math.copysign(1.0, v) < 0 for v in values[:2])
    assert math.isnan(values[2])
    report = acts.error_report()
    assert report["origin_row"].tolist() == [4]
    assert "too small" in report["message"].iloc[0]


def test_underflow_in_a_column_of_plain_numbers_is_rejected(tmp_path: Path) -> None:
    # The C parser reads "1e-400" as 0.0: the reader looks at the text of every 0 it gets.
    path = tmp_path / "plain.csv"
    path.write_text("year,activity,quantity,unit\n2024,diesel,1e-400,l\n2024,diesel,0,l\n")
    acts = kk.read_activities(path)
    assert acts.frame["quantity"].iloc[1] == 0.0
    assert _rejected(acts) == [(2, "1e-400", "not_a_number")]


# --- sheets and files -----------------------------------------------------------------------


def test_a_missing_sheet_is_a_missing_sheet(tmp_path: Path) -> None:
    path = tmp_path / "book.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "Drivmedel"
    book.active.append(["År", "Aktivitet", "Mängd", "Enhet"])
    book.create_sheet("El")
    book.save(path)
    with pytest.raises(kk.ActivityDataError) as info:
        kk.read_activities(path, sheet="Nope")
    (problem,) = info.value.problems
    assert problem.reason == ErrorReason.MISSING_SHEET
    assert problem.value == "Nope"
    assert "['Drivmedel', 'El']" in problem.message


def test_a_missing_file_names_its_path(tmp_path: Path) -> None:
    for name in ("nofile.xlsx", "nofile.csv"):
        with pytest.raises(InputFileNotFoundError) as info:
            kk.read_activities(tmp_path / name)
        assert isinstance(info.value, FileNotFoundError)
        assert isinstance(info.value, kk.KlimatkalkError)
        assert str(info.value) == f"{tmp_path / name}: the file does not exist (filen finns inte)"


# --- the fast CSV path reads what the all-text path reads -----------------------------------


MESSY = [
    "Drivmedel 2024",
    "",
    "år;aktivitet;mängd;enhet;verksamhet",
    "2024;diesel;10;l;Buss",
    "2024;diesel;1 234,5;l;Buss",
    "",
    "2024;diesel;inf;l;Buss",
    "2024;diesel;1e-400;l;Kök",
    "2024;diesel;0;l;Kök",
    "2024;diesel;-3;l;Kök",
    "2024;diesel;12 kr;l;Kök",
    "år;aktivitet;mängd;enhet;verksamhet",
    "2024;el;2,5;kWh;Kök",
    "Summa;;1 252;;",
    "2024;;;;",
    "",
]


@pytest.mark.parametrize("variant", ["lines", "numbers_only", "dot"])
def test_fast_path_reads_what_the_text_path_reads(tmp_path: Path, variant: str) -> None:
    lines = list(MESSY)
    if variant == "numbers_only":  # every quantity a plain number: read as float64 by pandas
        lines = [ln for ln in lines if "kr" not in ln and " 234" not in ln and "2,5" not in ln]
        lines = [ln.replace("Summa;;1 252", "Summa;;10") for ln in lines]
    if variant == "dot":
        lines = [ln.replace("2,5", "2.5").replace("1 234,5", "1234.5") for ln in lines]
        lines = [ln.replace("Summa;;1 252", "Summa;;1252") for ln in lines]
    fast = tmp_path / "fast.csv"
    fast.write_text("\n".join(lines) + "\n", encoding="utf-8")
    text = tmp_path / "text.csv"  # a quote anywhere: read whole as text, as before
    text.write_text("\n".join([*lines[:-1], '"x";;;;']) + "\n", encoding="utf-8")
    a, b = kk.read_activities(fast), kk.read_activities(text)
    assert len(b) == len(a)
    for column in ("year", "activity", "unit", "org_unit", "origin_row"):
        assert a.frame[column].astype(object).tolist() == b.frame[column].astype(object).tolist()
    np.testing.assert_array_equal(a.frame["quantity"], b.frame["quantity"])
    last = b.skipped.iloc[-1]  # the quoted line: a note
    assert (last["reason"], last["text"]) == ("note_row", "x")
    skipped_b = b.skipped.iloc[:-1].reset_index(drop=True)
    assert a.skipped.drop(columns="origin_file").equals(skipped_b.drop(columns="origin_file"))
    assert a.problems.astype(str).equals(b.problems.astype(str))
    assert len(a.problems) == {"lines": 4, "numbers_only": 3, "dot": 4}[variant]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 234,5", 1234.5),
        ("12 345 678,25", 12_345_678.25),
        ("12 34", None),  # pandas' thousands=" " would read 1234
        ("1234 567", None),
        ("1 234 ,5", None),
        ("5,", None),  # pandas' decimal="," would read 5
    ],
)
def test_spaces_and_marks_are_read_by_klimatkalks_rules(
    tmp_path: Path, text: str, expected: float | None
) -> None:
    body = "".join(f"2024;diesel;{q};l\n" for q in ("2,5", "1 000,25", text))
    acts = kk.read_activities(_csv(tmp_path, body))
    quantity = acts.frame["quantity"].tolist()
    assert quantity[:2] == [2.5, 1000.25]
    if expected is None:
        assert math.isnan(quantity[2])
        assert _rejected(acts) == [(4, text, "not_a_number")]
    else:
        assert quantity[2] == expected


def test_numbers_and_text_in_different_chunks_of_a_long_file(tmp_path: Path) -> None:
    # pandas parses 100 000-odd rows at a time: the first chunks hold only numbers (read as
    # floats, with "1e-400" and "inf" among them), a later one text too.
    rows = ["2024;diesel;1,5;l"] * 150_000
    rows[10] = "2024;diesel;1e-400;l"
    rows[20] = "2024;diesel;inf;l"
    rows[140_000] = "2024;diesel;12 kr;l"
    rows[140_001] = "2024;diesel;1e-400;l"
    rows.append(";Summa;;")
    acts = kk.read_activities(_csv(tmp_path, "\n".join(rows) + "\n"))
    assert len(acts) == 150_000
    assert acts.skipped["reason"].tolist() == ["total_row"]
    assert _rejected(acts) == [
        (12, "1e-400", "not_a_number"),
        (22, "inf", "not_a_number"),
        (140_002, "12 kr", "not_a_number"),
        (140_003, "1e-400", "not_a_number"),
    ]
    assert np.nansum(acts.frame["quantity"]) == pytest.approx(1.5 * (150_000 - 4))


def test_a_file_pandas_reads_in_parallel_pieces(tmp_path: Path) -> None:
    # Over 5 MB: pandas splits the body between threads. Text columns are read without a
    # dtype, so a column of digits ("0123") comes back as numbers and is read again as text; a
    # value only in the last rows ("Kök") and a totals row at the bottom are in the last piece.
    # The note in the middle is over 10 000 lines from both ends, the totals row near the end.
    n = 320_000
    rows = [f"2024;diesel;{1 + i % 7} 234,5;l;Buss;0{i % 3}23" for i in range(n)]
    rows[-5:] = [f"2024;el;2,5;kWh;Kök;0{k}00" for k in range(5)]
    rows.insert(150_000, "Anteckning: byte av leverantör;;;;;")
    rows.append(";Summa;;;;")
    path = tmp_path / "large.csv"
    path.write_text(
        "Export\når;aktivitet;mängd;enhet;verksamhet;konto\n" + "\n".join(rows) + "\n",
        encoding="utf-8",
    )
    assert path.stat().st_size > 6 * 2**20
    acts = kk.read_activities(path)
    assert len(acts) == n and len(acts.problems) == 0
    frame = acts.frame
    assert frame["konto"].astype(str).tolist()[:4] == ["0023", "0123", "0223", "0023"]
    assert frame["konto"].astype(str).tolist()[-2:] == ["0300", "0400"]
    assert frame["org_unit"].value_counts().to_dict() == {"Buss": n - 5, "Kök": 5}
    assert frame["activity"].value_counts().to_dict() == {"diesel": n - 5, "el": 5}
    assert frame["year"].dtype == "Int64"
    # row i of the data is on line i + 3 (below the note: + 4)
    assert frame["origin_row"].iloc[[0, 149_999, 150_000, -1]].tolist() == [
        3,
        150_002,
        150_004,
        n + 3,
    ]
    expected = sum(1000 * (1 + i % 7) + 234.5 for i in range(n - 5)) + 5 * 2.5
    assert frame["quantity"].sum() == pytest.approx(expected, rel=1e-12)
    skipped = acts.skipped[["origin_row", "reason", "text"]].to_dict("records")
    assert skipped == [
        {"origin_row": 150_003, "reason": "note_row", "text": "Anteckning: byte av leverantör"},
        {"origin_row": n + 4, "reason": "total_row", "text": "Summa"},
    ]


@pytest.mark.parametrize("mark", [",", "."])
def test_number_bytes_checked_in_pieces_as_in_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mark: str
) -> None:
    # The check of spaces and marks looks at bytes beyond its piece: a number cut in two by a
    # piece boundary is judged as a whole. Every cut of each text is tried.
    from klimatkalk.io import csv_numbers

    texts = ["x;1 234,5;12 34\n", "x;1234 567;1,234\n", "x;5,;1 234 567,25\n", "a;1,234;b 1\n"]
    path = tmp_path / "n.csv"
    for text in texts:
        path.write_text(text, encoding="ascii")
        whole = csv_numbers.check_number_bytes(path, mark)
        for cut in range(1, len(text)):
            pieces = [(0, cut), (cut, len(text))]
            found = [
                csv_numbers._check_span(
                    np.frombuffer(text.encode(), np.uint8), lo, hi, mark=ord(mark)
                )
                for lo, hi in pieces
            ]
            assert (all(f[0] for f in found), any(f[1] for f in found)) == (
                whole.as_written,
                whole.ambiguous,
            ), (text, cut)
    monkeypatch.setattr(csv_numbers, "_PIECE_BYTES", 4)
    monkeypatch.setattr(csv_numbers.os, "cpu_count", lambda: 3)
    for text in texts:
        path.write_text(text, encoding="ascii")
        monkeypatch.setattr(csv_numbers, "_PIECE_BYTES", 4)
        split = csv_numbers.check_number_bytes(path, mark)
        monkeypatch.setattr(csv_numbers, "_PIECE_BYTES", 1 << 30)
        assert split == csv_numbers.check_number_bytes(path, mark), text


def test_digits_around_spaces_and_marks_as_byte_by_byte() -> None:
    # The bytes around a position are fetched as one word; near the ends byte by byte.
    from klimatkalk.io.csv_numbers import _digits_around

    rng = np.random.default_rng(15)
    alphabet = np.frombuffer(b"0123456789 ,.;x\n", dtype=np.uint8)
    for size in [0, 1, 5, 8, 9, 10, 17, 40, 300]:
        data = alphabet[rng.integers(0, len(alphabet), size)]
        at = np.arange(size, dtype=np.intp)
        expected = np.array(
            [
                [0 <= a + k < size and 48 <= data[a + k] <= 57 for k in range(-4, 5)]
                for a in at.tolist()
            ],
            dtype=bool,
        ).reshape(size, 9)
        np.testing.assert_array_equal(_digits_around(data, at), expected)


@pytest.mark.parametrize("storage", ["pyarrow", "python", "object"])
def test_text_columns_become_the_categoricals_pandas_makes(storage: str) -> None:
    # Arrow strings are dictionary-encoded piece by piece; the result is what pd.Categorical
    # makes of the column: sorted categories, the same codes, missing cells as -1.
    from klimatkalk.io import csv_reader

    pytest.importorskip("pyarrow")
    values = ["b", None, "a", "", "b", "Ö", "z", "a"] * 40_000
    dtype = object if storage == "object" else pd.StringDtype(storage, na_value=np.nan)
    pieces = pd.Series(values, dtype=dtype)
    if storage == "pyarrow":  # several pieces, as pandas' parallel reader makes them
        pieces = pd.concat([pieces.iloc[:100_000], pieces.iloc[100_000:]], ignore_index=True)
    columns = [pieces, pd.Series(["x", "y"] * 160_000, dtype=dtype)]
    for made, column in zip(csv_reader._categoricals(columns), columns, strict=True):
        expected = pd.Series(pd.Categorical(column))
        assert made.dtype == expected.dtype
        assert made.cat.categories.dtype == expected.cat.categories.dtype
        np.testing.assert_array_equal(made.cat.codes, expected.cat.codes)
        assert made.cat.codes.dtype == expected.cat.codes.dtype


def test_whole_float_years_are_years_and_fractions_are_not() -> None:
    acts = kk.ActivityTable.from_frame(
        pd.DataFrame(
            {
                "year": [2024.0, 2023.0, 2024.5],
                "activity": ["diesel"] * 3,
                "quantity": [1.0, 2.0, 3.0],
                "unit": ["l"] * 3,
            }
        )
    )
    assert acts.frame["year"].dtype == "Int64"
    assert acts.frame["year"].iloc[:2].tolist() == [2024, 2023]
    assert acts.problems[["row", "column", "reason"]].to_dict("records") == [
        {"row": 2, "column": "year", "reason": "invalid_year"}
    ]
    whole = kk.ActivityTable.from_frame(
        pd.DataFrame({"year": [2024.0], "activity": ["diesel"], "quantity": [1.0], "unit": ["l"]})
    )
    assert whole.frame["year"].tolist() == [2024] and len(whole.problems) == 0
