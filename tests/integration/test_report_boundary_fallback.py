"""The report names the boundary fallbacks: a line in Swedish (English as an option) listing the
activities and years counted with the other boundary's factor, in md, html and xlsx."""

from __future__ import annotations

import html as html_lib
import re
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

import klimatkalk as kk
from klimatkalk.report import write_report
from klimatkalk.report.tables import build_report_tables


def activities() -> pd.DataFrame:
    # Västerås district heating has only Energiföretagen's VMK (life-cycle) value, so a
    # combustion run counts it with that value, marked; pump diesel has a combustion row.
    return pd.DataFrame(
        {
            "year": [2019, 2020, 2021, 2024, 2024],
            "activity": ["district_heating_vasteras"] * 4 + ["diesel"],
            "quantity": [1000, 1000, 1000, 1000, 100],
            "unit": ["kWh", "kWh", "kWh", "kWh", "l"],
        }
    )


def texts(folder: Path, files: kk.report.ReportFiles) -> dict[str, str]:
    wb = openpyxl.load_workbook(files.xlsx)
    cells = [str(v) for ws in wb for row in ws.iter_rows(values_only=True) for v in row if v]
    page = html_lib.unescape(re.sub(r"<[^>]+>", " ", files.html.read_text(encoding="utf-8")))
    return {
        "xlsx": "\n".join(cells),
        "html": re.sub(r"\s+", " ", page),
        "md": re.sub(r"\s+", " ", files.markdown.read_text(encoding="utf-8").replace("\\", "")),
    }


def test_a_combustion_report_names_the_activities_and_years_of_the_other_boundary(
    tmp_path: Path,
) -> None:
    result = kk.calculate_emissions(activities(), boundary="combustion")
    assert result.rows["boundary_fallback"].tolist() == [True, True, True, True, False]
    tables = build_report_tables(result, 2024)
    assert tables.boundary_fallbacks is not None
    assert tables.boundary_fallbacks["activity"].tolist() == ["district_heating_vasteras"]
    assert tables.boundary_fallbacks["years"].tolist() == ["2019–2021, 2024"]
    files = write_report(result, 2024, tmp_path / "rapport")
    for kind, text in texts(tmp_path, files).items():
        assert "Fjärrvärme, Västerås" in text, kind
        assert "(2019–2021, 2024)" in text, kind
        assert "systemgränsen livscykel" in text or "andra systemgränsen" in text, kind
    english = write_report(result, 2024, tmp_path / "report", lang="en")
    assert "at the lifecycle boundary was used" in english.markdown.read_text(encoding="utf-8")


@pytest.mark.parametrize("boundary", ["lifecycle", "combustion"])
def test_no_line_without_a_fallback(boundary: str, tmp_path: Path) -> None:
    frame = activities().iloc[4:]  # pump diesel has both boundaries
    result = kk.calculate_emissions(pd.concat([frame.assign(year=2019), frame]), boundary=boundary)
    assert build_report_tables(result, 2024).boundary_fallbacks is None
    files = write_report(result, 2024, tmp_path / "rapport")
    assert "boundary_fallback" not in files.markdown.read_text(encoding="utf-8")


def test_the_report_says_how_much_is_not_in_the_chosen_gwp_set(tmp_path: Path) -> None:
    frame = pd.DataFrame(
        {
            "year": [2021, 2021],
            "activity": ["hvo100", "nitrous_oxide"],
            "quantity": [1000, 2],
            "unit": ["l", "kg"],
        }
    )
    result = kk.calculate_emissions(frame, boundary="combustion", high_altitude=False)
    tables = build_report_tables(result, 2021)
    # BEIS 2022 flat file, Biodiesel HVO, litres: 0.03558 kg CO2e/l in AR4, so 35.58 kg of the
    # total 35.58 + 2 x 265 (N2O, AR5) = 565.58 kg is not in AR5: 6.3 %. (Flights were the
    # example until their combustion rows got gas components, issue 13 §4: now recomputed.)
    assert tables.gwp_outside == pytest.approx((0.03558, 35.58 / 565.58))
    files = write_report(result, 2021, tmp_path / "rapport")
    written = texts(tmp_path, files)
    for kind in ("md", "html"):
        assert "6,3" in written[kind], kind
    # The Excel summary keeps numbers as numbers: the row and its fraction.
    assert "Andel med faktor i annan eller ej angiven GWP-version" in written["xlsx"]
    assert str(round(35.58 / 565.58, 4))[:5] in written["xlsx"]
    strict = kk.calculate_emissions(
        frame, boundary="combustion", high_altitude=False, strict_gwp=True
    )
    tables = build_report_tables(strict, 2021)
    assert tables.gwp_outside is None
    assert tables.strict_gwp
    md = write_report(strict, 2021, tmp_path / "strikt").markdown.read_text(encoding="utf-8")
    assert "GWP: strikt" in md
