"""The yearly report: xlsx, HTML, Markdown and PNG, checked against hand arithmetic.

Expected figures come from the fixture factor set (tests/fixtures/factors_minimal, round numbers):
diesel 2.0 kg CO2e/l in 2019 and 2.5 kg CO2e/l in 2024 (the revised edition), electricity
50 g CO2e/kWh, nitrous oxide 1 kg N2O/kg × 265 (AR5 GWP100), food 0.5 kg CO2e/SEK at 2020 prices
deflated with the fixture KPI (2019: 200, 2020: 250, 2024: 400).
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest
from PIL import Image

import klimatkalk as kk
from klimatkalk.analysis.factor_impact import factor_update_impact
from klimatkalk.analysis.trajectory import Trajectory
from klimatkalk.formatting import NBSP, format_number
from klimatkalk.report import ReportError, ReportFiles, neutralise, write_report
from klimatkalk.report import plots as report_plots

INJECTED = '=HYPERLINK("http://x","y")'

# 2024 by hand, kg CO2e:
#   diesel          (1 000 + 399 000) l × 2.5 kg/l         = 1 000 000
#   electricity     3 000 MWh × 50 g/kWh                   =   150 000
#   nitrous oxide   80 kg × 265                            =    21 200
#   food            1 000 kSEK × 250/400 × 0.5 kg/SEK      =   312 500
TOTAL_2024_T = 1483.7
# 2019: 500 000 l × 2.0 + 4 000 MWh × 50 g/kWh + 100 kg × 265 + 1 000 kSEK × 250/200 × 0.5
TOTAL_2019_T = 1000.0 + 200.0 + 26.5 + 625.0


@pytest.fixture(scope="module")
def activities() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "year": [2019, 2019, 2019, 2019, 2021, 2024, 2024, 2024, 2024, 2024, 2024],
            "activity": [
                "diesel", "electricity", "nitrous_oxide", "purchase_food", "diesel",
                "diesel", "diesel", "electricity", "nitrous_oxide", "purchase_food",
                "@SUM(A1)",
            ],
            "quantity": [500_000, 4000, 100, 1000, 450_000, 1000, 399_000, 3000, 80, 1000, 1],
            "unit": ["l", "MWh", "kg", "kSEK", "l", "l", "l", "MWh", "kg", "kSEK", "l"],
            "org_unit": [
                "Ambulans", "Sjukhus", "Förlossning", "Kök", "Ambulans",
                "Ambulans", "Fordon", "Sjukhus", INJECTED, "Kök", "Stab",
            ],
            "comment": ["", "", "", "", "", "", "+cmd", "", "", "", "-1"],
        }
    )  # fmt: skip


@pytest.fixture(scope="module")
def result(activities: pd.DataFrame, minimal_factors: kk.FactorTable) -> kk.EmissionsResult:
    return kk.calculate_emissions(activities, minimal_factors)


@pytest.fixture(scope="module")
def report(result: kk.EmissionsResult, tmp_path_factory: pytest.TempPathFactory) -> ReportFiles:
    folder = tmp_path_factory.mktemp("report") / "rapport"
    return write_report(result, 2024, folder, organisation="Region Test")


def _sheet_rows(path: Path, sheet: str) -> list[tuple[object, ...]]:
    wb = openpyxl.load_workbook(path)
    return list(wb[sheet].iter_rows(values_only=True))


def _as_records(rows: list[tuple[object, ...]]) -> list[dict[str, object]]:
    header = [str(h) for h in rows[0]]
    return [dict(zip(header, r, strict=True)) for r in rows[1:] if any(v is not None for v in r)]


def _number(value: object) -> float:
    assert isinstance(value, int | float), value
    return float(value)


# ------------------------------------------------------------------------------------ files


def test_writes_every_file_into_the_folder(report: ReportFiles) -> None:
    names = sorted(p.name for p in report.folder.iterdir())
    assert names == sorted(p.name for p in report.paths())
    assert report.xlsx.name == "klimatredovisning_2024.xlsx"
    assert set(report.plots) == {"by_year", "trajectory", "base_year_change"}
    assert not list(report.folder.parent.glob(".*.tmp"))  # no staging folder left behind


# ------------------------------------------------------------------------------------ xlsx


def test_workbook_has_the_report_sheets(report: ReportFiles) -> None:
    wb = openpyxl.load_workbook(report.xlsx)
    assert wb.sheetnames == [
        "Sammanfattning", "Kategorier", "Tidsserie", "Verksamheter", "Basår", "Målbana",
        "Inköp per metod", "Inköp per aktivitet", "Beräknade rader", "Avvisade rader",
        "Emissionsfaktorer",
    ]  # fmt: skip
    for ws in wb:
        assert ws.freeze_panes == "A2", ws.title


def test_summary_total_is_the_sum_of_the_rows(
    report: ReportFiles, result: kk.EmissionsResult
) -> None:
    values = {r[0]: r[1] for r in _sheet_rows(report.xlsx, "Sammanfattning")}
    total = values["Utsläpp 2024"]
    assert isinstance(total, float)
    rows = result.rows
    assert total == pytest.approx(rows.loc[rows["year"] == 2024, "emissions_kg_co2e"].sum() / 1000)
    assert total == pytest.approx(TOTAL_2024_T)
    assert values["Utsläpp basåret 2019"] == pytest.approx(TOTAL_2019_T)
    assert values["Förändring mot basåret (%)"] == pytest.approx(TOTAL_2024_T / TOTAL_2019_T - 1)
    assert values["Bedömning 2024"] == "Inte i linje med målbanan"
    assert values["Målbana"] == "Linjär minskning från 2019 till −50 % år 2030 (start 2019)"
    assert values["GWP-version"] == "AR5GWP100"


def test_categories_sheet_has_hand_checked_figures(report: ReportFiles) -> None:
    records = _as_records(_sheet_rows(report.xlsx, "Kategorier"))
    by_category = {r["Kategori"]: r for r in records}
    assert by_category["Transporter"]["Utsläpp (t CO2e)"] == pytest.approx(
        1000.0
    )  # 400 000 l × 2.5
    assert by_category["Transporter"]["Scope"] == 1
    assert by_category["Energi"]["Utsläpp (t CO2e)"] == pytest.approx(150.0)
    assert by_category["Medicinska gaser"]["Utsläpp (t CO2e)"] == pytest.approx(21.2)
    assert by_category["Inköp"]["Utsläpp (t CO2e)"] == pytest.approx(312.5)
    assert sum(_number(r["Andel (%)"]) for r in records) == pytest.approx(1.0)


def test_base_year_and_path_sheets(report: ReportFiles) -> None:
    base = {r["Kategori"]: r for r in _as_records(_sheet_rows(report.xlsx, "Basår"))}
    assert base["Transporter"]["Basår 2019 (t CO2e)"] == pytest.approx(1000.0)  # 500 000 l × 2.0
    assert base["Inköp"]["Förändring (%)"] == pytest.approx(-0.5)  # 625 t → 312.5 t
    assert base["Totalt"]["Förändring (t CO2e)"] == pytest.approx(TOTAL_2024_T - TOTAL_2019_T)
    rows = _sheet_rows(report.xlsx, "Målbana")
    path = {r[0]: r for r in rows[1:] if isinstance(r[0], int)}
    assert sorted(path) == list(range(2019, 2031))
    # linear path: 1 851.5 × (1 − 0.5 × 5/11) in 2024
    assert path[2024][2] == pytest.approx(TOTAL_2019_T * (1 - 0.5 * 5 / 11))
    assert path[2024][5] == "Nej"
    assert path[2020][1] is None  # no data that year
    notes = [str(r[0]) for r in rows if isinstance(r[0], str)]
    assert "Målbana: Linjär minskning från 2019 till −50 % år 2030 (start 2019)" in notes


def test_the_path_starts_at_the_base_year_without_a_rounding_gap() -> None:
    from klimatkalk.analysis import Trajectory
    from klimatkalk.report.tables import _path

    # The base year's categories 0.1 t + 0.2 t sum to 0.30000000000000004 in floating point;
    # the path starts at 0.3, the same total summed another way: that is no gap, and the
    # base year is on its own path.
    by_year = pd.DataFrame({"energy": [0.1, 0.1], "purchases": [0.2, 0.1]}, index=[2019, 2024])
    path = _path(Trajectory.linear(2019, 2030, 0.5, base_value=0.3), by_year, 2019, 2030, 2024)
    first = path.iloc[0]
    assert first["year"] == 2019
    assert first["gap_t_co2e"] == 0.0
    assert bool(first["on_track"]) is True
    # 2024: 0.2 against 0.3 × (1 − 0.5 × 5/11) = 0.23182 — a real gap stays
    later = path.set_index("year").loc[2024]
    assert later["gap_t_co2e"] == pytest.approx(0.2 - 0.3 * (1 - 0.5 * 5 / 11))


def test_summary_units_do_not_repeat_the_percent_sign(report: ReportFiles) -> None:
    rows = {r[0]: r for r in _sheet_rows(report.xlsx, "Sammanfattning")}
    wb = openpyxl.load_workbook(report.xlsx)
    formats = {r[0].value: r[1].number_format for r in wb["Sammanfattning"].iter_rows()}
    # the value cell shows "−31,6 %" itself; "%" again in the unit column read "−31,6 % %"
    assert formats["Förändring mot basåret (%)"] == "0.0\\ %"
    assert rows["Förändring mot basåret (%)"][2] is None
    assert rows["Nödvändig årlig minskning från 2024"][2] == "per år"


def test_purchase_amounts_show_one_decimal(report: ReportFiles) -> None:
    wb = openpyxl.load_workbook(report.xlsx)
    ws = wb["Inköp per aktivitet"]
    header = [c.value for c in ws[1]]
    column = header.index("Belopp (mnkr)")
    amounts = [row[column] for row in ws.iter_rows(min_row=2) if row[column].value is not None]
    assert amounts and {c.number_format for c in amounts} == {"#,##0.0"}


def test_factor_sheet_lists_every_used_factor_with_its_source(
    report: ReportFiles, result: kk.EmissionsResult
) -> None:
    records = _as_records(_sheet_rows(report.xlsx, "Emissionsfaktorer"))
    listed = {r["Faktor-id"]: r for r in records}
    assert set(listed) == set(result.rows["factor_id"].astype(str))
    assert set(listed) == {"diesel-lca", "diesel-lca-rev", "el", "n2o", "food"}
    for factor_id, record in listed.items():
        assert record["Utgivare"] == "Test publisher", factor_id
        assert str(record["Titel"]).startswith("Fixture fuel factors"), factor_id
        assert record["Dokument-id"] in ("TEST-2019", "TEST-2024"), factor_id
        assert record["Plats i källan"], factor_id
    assert listed["diesel-lca-rev"]["Värde"] == 2.5
    assert listed["diesel-lca-rev"]["Enhet"] == "kg CO2e / l"
    assert listed["diesel-lca-rev"]["Käll-id"] == "test-fuels-2024"
    assert (
        listed["diesel-lca-rev"]["Giltig från (år)"],
        listed["diesel-lca-rev"]["Giltig till (år)"],
    ) == (2023, 2024)


def test_formula_text_from_user_data_is_neutralised(report: ReportFiles) -> None:
    wb = openpyxl.load_workbook(report.xlsx)
    cells = [c for ws in wb for row in ws.iter_rows() for c in row if c.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    injected = [c for c in cells if isinstance(c.value, str) and "HYPERLINK" in c.value]
    assert injected
    for cell in injected:
        assert cell.data_type == "s"
        assert cell.value == "'" + INJECTED
    rejected = _as_records(_sheet_rows(report.xlsx, "Avvisade rader"))
    assert [r["Värde"] for r in rejected] == ["'@SUM(A1)"]  # as written in the input
    assert rejected[0]["Orsak"] == "okänd aktivitet (finns inte i aktivitetskatalogen)"
    assert rejected[0]["Kolumn"] == "aktivitet"


@pytest.mark.parametrize(
    "text", ["=1+1", "@SUM(A1)", "\t=1", "\r=1", "=\x00A1", "-2+3+cmd|' /C calc'!A0", "+A1"]
)
def test_neutralised_text_reads_back_as_text(text: str, tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active["A1"] = neutralise(text)
    wb.save(tmp_path / "x.xlsx")
    cell = openpyxl.load_workbook(tmp_path / "x.xlsx").active["A1"]
    assert cell.data_type == "s"
    assert str(cell.value).startswith("'")
    assert "\x00" not in str(cell.value)
    assert neutralise("Ambulans") == "Ambulans"


@pytest.mark.parametrize("text", ["-5", "-1,5", "-1 234,5", "+1", "-2.5e3"])
def test_a_number_written_as_text_is_no_formula_and_stays_readable(
    text: str, tmp_path: Path
) -> None:
    """OWASP's rule is about formulas: "-5" (a rejected value as typed) is not mangled."""
    assert neutralise(text) == text
    wb = openpyxl.Workbook()
    wb.active["A1"] = neutralise(text)
    wb.save(tmp_path / "x.xlsx")
    cell = openpyxl.load_workbook(tmp_path / "x.xlsx").active["A1"]
    assert (cell.data_type, cell.value) == ("s", text)  # text as written, never a formula


def test_org_unit_sheet_sums_to_the_total(report: ReportFiles) -> None:
    records = _as_records(_sheet_rows(report.xlsx, "Verksamheter"))
    assert sum(_number(r["Utsläpp (t CO2e)"]) for r in records) == pytest.approx(TOTAL_2024_T)
    assert records[0]["Verksamhet"] == "Fordon"  # 399 000 l × 2.5 = 997.5 t, the largest


# ------------------------------------------------------------------------------------ HTML, md


def test_html_is_self_contained_with_swedish_numbers(report: ReportFiles) -> None:
    html = report.html.read_text(encoding="utf-8")
    assert html.count('src="data:image/png;base64,') == 3
    assert not re.search(r"<(script|link|iframe)\b", html)
    assert not re.search(r'src="(?!data:)', html)
    assert f"1{NBSP}484 t CO₂e" in html  # 1 483,7 t rounded, no-break-space thousands
    assert format_number(TOTAL_2019_T) in html  # 1 852
    assert "Utsläppen ligger inte i linje med målbanan" in html
    assert "Linjär minskning från 2019 till −50 % år 2030 (start 2019)" in html
    assert "AR5GWP100" in html
    assert "Fixture fuel factors (revised edition)" in html
    assert "&#34;http://x&#34;" in html  # user text escaped, never markup
    assert '<a href="http://x"' not in html


def test_markdown_has_the_same_text_and_links_the_charts(report: ReportFiles) -> None:
    md = report.markdown.read_text(encoding="utf-8")
    html = report.html.read_text(encoding="utf-8")
    headline = f"Utsläppen 2024 var 1{NBSP}484 t CO₂e."
    assert headline in md
    assert headline in html
    for chart in report.plots.values():
        assert f"]({chart.name})" in md
        assert chart.exists()
    assert "data:image" not in md


# ------------------------------------------------------------------------------------ PNG


def test_every_chart_is_a_non_blank_png_of_fixed_size(report: ReportFiles) -> None:
    for name, path in report.plots.items():
        with Image.open(path) as image:
            assert image.format == "PNG", name
            assert image.size == report_plots.PIXELS, name
            pixels = np.asarray(image.convert("RGB"))
        assert (pixels < 250).any(axis=2).mean() > 0.01, name  # more than 1 % drawn


# ------------------------------------------------------------------------------------ behaviour


def test_same_input_gives_the_same_bytes(result: kk.EmissionsResult, tmp_path: Path) -> None:
    first = write_report(result, 2024, tmp_path / "a", organisation="Region Test")
    second = write_report(result, 2024, tmp_path / "b", organisation="Region Test")
    for a, b in zip(first.paths(), second.paths(), strict=True):
        assert a.name == b.name
        assert a.read_bytes() == b.read_bytes(), a.name


def test_failure_leaves_no_report(
    result: kk.EmissionsResult, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_: object) -> Path:
        raise RuntimeError("drawing failed")

    monkeypatch.setattr(report_plots, "plot_trajectory", broken)
    target = tmp_path / "rapport"
    with pytest.raises(RuntimeError, match="drawing failed"):
        write_report(result, 2024, target)
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []  # nor a staging folder


def test_failure_leaves_an_earlier_report_unchanged(
    result: kk.EmissionsResult, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "rapport"
    target.mkdir()
    (target / "notes.txt").write_text("the analyst's own file")
    files = write_report(result, 2024, target)
    before = {p.name: p.read_bytes() for p in target.iterdir()}

    def broken(*_: object) -> Path:
        raise RuntimeError("disk full")

    monkeypatch.setattr(report_plots, "plot_base_year_change", broken)  # after two charts
    with pytest.raises(RuntimeError, match="disk full"):
        write_report(result, 2024, target, lang="en")
    assert {p.name: p.read_bytes() for p in target.iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rapport"]
    assert files.folder == target.resolve()


def test_english_report_with_a_factor_update(
    activities: pd.DataFrame, minimal_factors: kk.FactorTable, tmp_path: Path
) -> None:
    fixture = Path(__file__).parents[1] / "fixtures" / "factors_minimal"
    old = kk.load_factors(fixture, edition=2019)
    impact = factor_update_impact(activities, old, minimal_factors)
    result = kk.calculate_emissions(activities, minimal_factors)
    files = write_report(result, 2024, tmp_path / "report", lang="en", factor_update=impact)
    wb = openpyxl.load_workbook(files.xlsx)
    assert wb.sheetnames == [
        "Summary", "Categories", "Time series", "Organisational units", "Base year",
        "Reduction path", "Factor update", "Purchases by method", "Purchases by activity",
        "Calculated rows", "Rejected rows", "Emission factors",
    ]  # fmt: skip
    update = {r[0]: r for r in wb["Factor update"].iter_rows(min_row=2, values_only=True)}
    # diesel 2024: 3.0 kg/l in the 2019 edition, 2.5 kg/l in the revision; 400 000 l
    assert update["Transport"][1] == pytest.approx(1200.0)
    assert update["Transport"][2] == pytest.approx(1000.0)
    assert update["Total"][3] == pytest.approx(-200.0)
    assert set(files.plots) == {"by_year", "trajectory", "base_year_change", "factor_update"}
    html = files.html.read_text(encoding="utf-8")
    assert html.count("data:image/png;base64,") == 4
    assert "Emissions in 2024 were 1,484 t CO₂e." in html
    assert "Updated emission factors change the 2024 emissions by -200 t CO₂e" in html


def test_custom_trajectory_and_missing_base_year(
    result: kk.EmissionsResult, minimal_factors: kk.FactorTable, tmp_path: Path
) -> None:
    path = Trajectory.constant_rate(2019, 2030, 0.5, base_value=TOTAL_2019_T, start_year=2022)
    files = write_report(result, 2024, tmp_path / "a", trajectory=path)
    summary = {r[0]: r[1] for r in _sheet_rows(files.xlsx, "Sammanfattning")}
    assert summary["Målbana"] == path.describe()
    assert summary["Målbanans värde 2024"] == pytest.approx(path.value(2024))

    only_2024 = kk.calculate_emissions(
        pd.DataFrame({"year": [2024], "activity": ["diesel"], "quantity": [1000], "unit": ["l"]}),
        minimal_factors,
    )
    files = write_report(only_2024, 2024, tmp_path / "b")
    summary = {r[0]: r[1] for r in _sheet_rows(files.xlsx, "Sammanfattning")}
    assert summary["Utsläpp 2024"] == pytest.approx(2.5)  # 1000 l × 2.5 kg/l
    assert summary["Utsläpp basåret 2019"] is None
    assert "saknar utsläpp" in str(summary["Målbana"])
    assert "Underlaget saknar utsläpp för basåret 2019." in files.html.read_text(encoding="utf-8")


def test_bad_arguments_are_refused(result: kk.EmissionsResult, tmp_path: Path) -> None:
    with pytest.raises(ReportError, match="no calculated rows for 2030"):
        write_report(result, 2030, tmp_path / "r")
    with pytest.raises(ReportError, match="lang"):
        write_report(result, 2024, tmp_path / "r", lang="de")  # type: ignore[arg-type]
    with pytest.raises(ReportError, match="factor_update needs"):
        write_report(result, 2024, tmp_path / "r", factor_update=pd.DataFrame({"x": [1]}))
    a_file = tmp_path / "file.txt"
    a_file.write_text("")
    with pytest.raises(ReportError, match="is a file"):
        write_report(result, 2024, a_file)
    assert issubclass(ReportError, kk.KlimatkalkError)
    assert issubclass(ReportError, ValueError)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file.txt"]


def test_workbook_zip_entries_carry_no_wall_clock_time(report: ReportFiles) -> None:
    import zipfile

    with zipfile.ZipFile(io.BytesIO(report.xlsx.read_bytes())) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode()
    assert "2000-01-01T00:00:00Z" in core
