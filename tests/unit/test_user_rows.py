"""Messages cite the row a user sees in the file (issue 20): Excel's row number, not a position."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook

import klimatkalk as kk
from klimatkalk.formatting import set_language


def _workbook(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Drivmedel"
    ws.append(["Drivmedel 2024"])  # Excel row 1: a title
    ws.append([])  # row 2
    ws.append(["år", "aktivitet", "mängd", "enhet"])  # row 3: the header
    ws.append([2024, "diesel", 100, "l"])  # row 4
    ws.append([2024, "no_such_activity", 5, "l"])  # row 5: rejected
    wb.save(path)
    return path


def test_strict_mode_cites_the_excel_row(tmp_path: Path) -> None:
    acts = kk.read_activities(_workbook(tmp_path / "drivmedel.xlsx"))
    with pytest.raises(kk.InputRowsError) as caught:
        kk.calculate_emissions(acts, strict=True)
    problem = caught.value.problems[0]
    assert problem.row == 5  # the row Excel shows, counted by hand above
    assert "drivmedel.xlsx (Drivmedel):5:" in str(caught.value)
    report = acts.error_report(kk.calculate_emissions(acts).rejected)
    assert report["origin_row"].tolist() == [5]  # the rejected-rows file says the same


def test_strict_mode_on_a_frame_cites_the_position() -> None:
    frame = pd.DataFrame({"year": [2024], "activity": ["nope"], "quantity": [1], "unit": ["l"]})
    with pytest.raises(kk.InputRowsError) as caught:
        kk.calculate_emissions(frame, strict=True)
    assert caught.value.problems[0].row == 0


def test_totals_accepts_the_swedish_column_name() -> None:
    frame = pd.DataFrame(
        {
            "år": [2024, 2024],
            "verksamhet": ["Akut", "Akut"],
            "aktivitet": ["nitrous_oxide", "nitrous_oxide"],
            "mängd": [1, 3],
            "enhet": ["kg", "kg"],
        }
    )
    res = kk.calculate_emissions(kk.ActivityTable.from_frame(frame))
    by_alias = res.totals(["år", "verksamhet"], unit="t")
    # 4 kg × 265 (AR5 GWP100) = 1.06 t, under the names the user asked for
    assert by_alias.columns.tolist() == ["år", "verksamhet", "emissions_t_co2e"]
    assert by_alias["emissions_t_co2e"].tolist() == pytest.approx([1.06])


def test_totals_names_the_column_to_use() -> None:
    res = kk.calculate_emissions(
        pd.DataFrame({"year": [2024], "activity": ["nitrous_oxide"], "quantity": [1]}).assign(
            unit="kg"
        )
    )
    assert res.totals("Kategori")["Kategori"].tolist() == ["medical_gases"]
    with pytest.raises(KeyError, match=r"'org_unit'|'category'") as caught:
        res.totals("sektor")
    assert "verksamhet" in str(caught.value)


def test_result_repr_shows_totals_per_year() -> None:
    frame = pd.DataFrame(
        {
            "year": [2019, 2024, 2024],
            "activity": ["nitrous_oxide"] * 3,
            "quantity": [1000, 100, 300],
            "unit": ["kg"] * 3,
        }
    )
    res = kk.calculate_emissions(frame)
    text = repr(res).replace("\u00a0", " ")
    # 1000 kg × 265 = 265 t in 2019; 400 kg × 265 = 106 t in 2024; never the sum 371 t
    assert "t CO2e per år: 2019: 265; 2024: 106;" in text
    assert "371" not in text
    set_language("en")
    try:
        assert "3 rows calculated" in repr(res)
    finally:
        set_language("sv")


def test_cli_calculate_prints_a_total_per_year(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from klimatkalk.cli import main

    data = tmp_path / "lustgas.csv"
    data.write_text(
        "year,activity,quantity,unit\n2019,nitrous_oxide,1000,kg\n2024,nitrous_oxide,400,kg\n",
        encoding="utf-8",
    )
    main(["calculate", str(data)])
    out = capsys.readouterr().out.replace("\u00a0", " ")
    # 1000 kg × 265 = 265 t; 400 kg × 265 = 106 t; the two are never added up
    assert "Totalt 2019: 265,000 t CO2e" in out
    assert "Totalt 2024: 106,000 t CO2e" in out
    assert "371" not in out
