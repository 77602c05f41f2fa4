"""The report's outlook section and ``klimatkalk scenario`` on the example region."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_report_content import _WORD  # the leftover-English words of the Swedish report

import klimatkalk as kk
from klimatkalk.cli import main
from klimatkalk.report import write_report
from klimatkalk.report.outlook import OutlookTables, build_outlook


@pytest.fixture(scope="module")
def outlook() -> tuple[kk.EmissionsResult, OutlookTables]:
    acts = kk.load_example_activities()
    result = kk.calculate_emissions(acts)
    tables = build_outlook(
        result,
        activities=acts,
        measures=kk.load_example_measures(),
        org_tree=kk.load_example_org_tree(),
        draws=1_000,
        seed=1,
    )
    return result, tables


def test_report_has_the_outlook_section_and_charts(
    outlook: tuple[kk.EmissionsResult, OutlookTables], tmp_path: Path
) -> None:
    result, tables = outlook
    files = write_report(result, 2025, tmp_path, outlook=tables)
    md = files.markdown.read_text(encoding="utf-8")
    section = md[md.index("## Utsikt mot 2030") : md.index("## Metod")]
    for text in ("Theil–Sen", "Carbon Law", "Lustgasdestruktion Akutsjukhuset", "Oförändrad",
                 "Hälso- och sjukvårdsförvaltningen", "Mindre matsvinn"):  # fmt: skip
        assert text in section, text
    assert not sorted({m.group(1) for m in _WORD.finditer(section)})
    assert {"outlook", "marginal_abatement"} <= set(files.plots)
    assert "Utsikt mot 2030" in files.html.read_text(encoding="utf-8")


def test_report_without_outlook_has_no_section(
    outlook: tuple[kk.EmissionsResult, OutlookTables], tmp_path: Path
) -> None:
    result, _ = outlook
    files = write_report(result, 2025, tmp_path)
    assert "Utsikt mot" not in files.markdown.read_text(encoding="utf-8")
    assert "outlook" not in files.plots


def test_outlook_from_an_earlier_year_uses_nothing_later(
    outlook: tuple[kk.EmissionsResult, OutlookTables],
) -> None:
    result, _ = outlook
    acts = kk.load_example_activities()
    early = build_outlook(result, year=2023, activities=acts, draws=0)
    assert early.forecast.loc[early.forecast["actual_t_co2e"].notna(), "year"].max() == 2023
    assert early.carbon_law.start_year == 2023


def test_scenario_command_writes_excel_ready_tables(tmp_path: Path) -> None:
    code = main(["scenario", "--draws", "500", "-o", str(tmp_path)])
    assert code == 0
    data = (tmp_path / "atgarder.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM for a Swedish Excel
    header = data.decode("utf-8-sig").splitlines()[0]
    assert header.startswith("Åtgärd;Typ av åtgärd;Aktivitet;Från år;Effekt i ordning 2030")
    forecast = (tmp_path / "prognos.csv").read_text(encoding="utf-8-sig").splitlines()
    assert forecast[0].startswith("Kategori;Basår 2019 (t CO2e);Mål 2030 (t CO2e)")
    assert forecast[1].startswith("Totalt;") and ";Nej;" in forecast[1]
    assert (tmp_path / "organisation.csv").exists()
    # --machine-csv keeps the API's codes for programs
    machine = tmp_path / "maskin"
    assert main(["scenario", "--draws", "0", "--machine-csv", "-o", str(machine)]) == 0
    codes = (machine / "prognos.csv").read_text(encoding="utf-8").splitlines()[0]
    assert codes.startswith("category,base_t_co2e,target_t_co2e,projected_t_co2e")
    # No API code is left in the Excel tables' headings, and no code value in their cells
    # (issue 16: every word a Swedish analyst sees is Swedish).
    values = {"True", "False", "total", "energy", "transport", "purchases", "switch"}
    for table in sorted(machine.glob("*.csv")):
        api = set(table.read_text(encoding="utf-8").splitlines()[0].split(","))
        excel = (tmp_path / table.name).read_text(encoding="utf-8-sig").splitlines()
        assert not api & set(excel[0].split(";")) - {"Aktivitet"}, table.name
        cells = {c for line in excel[1:] for c in line.split(";")}
        assert not cells & values, (table.name, cells & values)


def test_scenario_command_names_the_bad_measure_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    table = tmp_path / "atgarder.csv"
    table.write_text(
        "åtgärd;typ;aktivitet;värde;enhet;från år\n"
        "Flyg;procent;flight_domestic;-30;%;2026\n"
        "Trolleri;procent;teleportation;-30;%;2026\n",
        encoding="utf-8",
    )
    code = main(["scenario", "--measures", str(table), "--draws", "0", "-o", str(tmp_path / "o")])
    err = capsys.readouterr().err
    assert code == 2
    assert "Traceback" not in err
    assert "atgarder.csv:3" in err and "teleportation" in err
