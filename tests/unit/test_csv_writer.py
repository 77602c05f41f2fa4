"""CSV for a Swedish Excel and for programs, formulas neutralised (issue 16)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from klimatkalk.csv_writer import csv_text, neutralise, write_csv


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+46 cmd", "'+46 cmd"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("-5", "-5"),  # a number written as text stays as written
        ("-1,5", "-1,5"),
        ("-1 234,5", "-1 234,5"),
        ("Akutsjukhuset", "Akutsjukhuset"),
    ],
)
def test_neutralise(text: str, written: str) -> None:
    assert neutralise(text) == written


def test_excel_style(tmp_path: Path) -> None:
    frame = pd.DataFrame(
        {
            "=bad header": ["=cmd", "Ambulans", None],
            "t": [218400.00000000003, -2.5, -0.0],  # 218 400 with binary round-off
            "n": [1, -2, 3],
            "value": ["1e308", 0.1 + 0.2, -7],  # a text column holding numbers
        }
    )
    path = write_csv(frame, tmp_path / "ut.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines == [
        "'=bad header;t;n;value",
        "'=cmd;218400;1;1e308",
        "Ambulans;-2,5;-2;0,3",  # negative numbers stay numbers; 0.1 + 0.2 is 0,3
        ";0;3;-7",  # -0.0 is 0
    ]
    back = pd.read_csv(path, sep=";", decimal=",", encoding="utf-8-sig")
    assert back["t"].tolist() == [218400.0, -2.5, 0.0]


def test_machine_style_keeps_every_digit(tmp_path: Path) -> None:
    frame = pd.DataFrame({"org": ["@x", "y"], "t": [218400.00000000003, -2.5]})
    path = write_csv(frame, tmp_path / "ut.csv", style="machine")
    raw = path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf") and b"\r\n" not in raw
    back = pd.read_csv(path)
    assert back["t"].tolist() == [218400.00000000003, -2.5]
    assert back["org"].tolist() == ["'@x", "y"]


def test_an_unknown_style_is_refused() -> None:
    with pytest.raises(ValueError, match="style"):
        csv_text(pd.DataFrame({"a": [1]}), style="tsv")  # type: ignore[arg-type]
