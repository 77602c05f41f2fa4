from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from klimatkalk.cli import main

FACTORS = str(Path(__file__).parents[1] / "fixtures" / "factors_minimal")


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "acts.csv"
    path.write_text("år;aktivitet;mängd;enhet\n" + body, encoding="utf-8")
    return path


def test_calculate_prints_totals_and_writes_rows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, "2024;diesel;1 000;l\n2024;nitrous_oxide;2;kg\n")
    out = tmp_path / "out" / "rows.csv"
    code = main(["calculate", str(path), "--factors", FACTORS, "-o", str(out)])
    printed = capsys.readouterr().out
    assert code == 0
    # 1000 l × 2.5 kg/l = 2.5 t; 2 kg × 265 = 0.53 t; total 3.03 t
    assert "3,030 t CO2e" in printed
    rows = pd.read_csv(out)
    assert rows["emissions_kg_co2e"].sum() == pytest.approx(3030.0)
    assert (tmp_path / "out" / "rows_rejected.csv").exists()


def test_calculate_with_rejected_rows_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, "2024;diesel;1;l\n2024;diesel;1;kWh\n")
    assert main(["calculate", str(path), "--factors", FACTORS]) == 1
    assert "unit_dimension_mismatch" in capsys.readouterr().err


def test_unreadable_input_exits_2_with_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "acts.csv"
    path.write_text("year,activity,unit\n2024,diesel,l\n", encoding="utf-8")
    assert main(["calculate", str(path), "--factors", FACTORS]) == 2
    err = capsys.readouterr().err
    assert "quantity" in err and "missing" in err


def test_missing_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["calculate", str(tmp_path / "nope.csv"), "--factors", FACTORS]) == 2
    assert "nope.csv" in capsys.readouterr().err


def test_factors_show_and_list(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["factors", "show", "el", "--factors", FACTORS]) == 0
    shown = capsys.readouterr().out
    assert "50.0 g CO2e / kWh" in shown and "Test publisher (2019)" in shown
    assert main(["factors", "list", "--factors", FACTORS, "--category", "medical_gases"]) == 0
    listed = capsys.readouterr().out
    assert "n2o" in listed and "diesel" not in listed


def test_factors_diff_between_folders(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import shutil

    new = tmp_path / "new"
    shutil.copytree(FACTORS, new)
    csv = new / "factors" / "fixture.csv"
    csv.write_text(
        csv.read_text(encoding="utf-8").replace("el,electricity,50,", "el,electricity,40,"),
        encoding="utf-8",
    )
    assert main(["factors", "diff", FACTORS, str(new)]) == 0
    out = capsys.readouterr().out
    assert "electricity" in out and "-20.0%" in out  # 50 → 40 g/kWh is −20 %


def test_template_reads_back(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import klimatkalk as kk

    path = tmp_path / "indata.xlsx"
    assert main(["template", str(path), "--factors", FACTORS]) == 0
    assert path.exists() and "wrote" in capsys.readouterr().out
    with pytest.raises(kk.ActivityDataError):  # an empty template has no data rows yet
        kk.read_activities(path)


def test_rejected_rows_are_written_with_their_place_in_the_file(tmp_path: Path) -> None:
    path = _write(tmp_path, "2024;diesel;1;l\n2024;diesel;1;kWh\n")
    out = tmp_path / "rows.csv"
    assert main(["calculate", str(path), "--factors", FACTORS, "-o", str(out)]) == 1
    report = pd.read_csv(tmp_path / "rows_rejected.csv")
    # the kWh row is line 3 of the file (header on line 1)
    assert report[["origin_row", "column", "reason"]].to_dict("records") == [
        {"origin_row": 3, "column": "unit", "reason": "unit_dimension_mismatch"}
    ]


def test_report_with_a_factor_update(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, "2023;diesel;1 000;l\n2024;diesel;1 000;l\n2019;diesel;1 000;l\n")
    out = tmp_path / "rapport"
    code = main(
        [
            "report",
            str(path),
            "--year",
            "2024",
            "--factors",
            FACTORS,
            "--compare-edition",
            "2019",
            "-o",
            str(out),
        ]
    )
    assert code == 0
    assert (out / "klimatredovisning_2024_faktoruppdatering.png").exists()
    # 2024: 1000 l × 2.5 kg/l (2024 edition) = 2.5 t
    assert "2024: 2,5 t CO2e" in capsys.readouterr().out


def test_report_combines_several_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    energy = tmp_path / "energi.csv"
    energy.write_text("år;aktivitet;mängd;enhet\n2019;electricity;10 000;kWh\n", encoding="utf-8")
    fuel = tmp_path / "drivmedel.csv"
    fuel.write_text("år;aktivitet;mängd;enhet\n2019;diesel;1 000;l\n", encoding="utf-8")
    out = tmp_path / "rapport"
    args = ["report", str(energy), str(fuel), "--year", "2019", "--factors", FACTORS]
    assert main([*args, "-o", str(out)]) == 0
    # 10 000 kWh × 50 g = 0.5 t; 1000 l diesel 2019 × 2.0 kg/l = 2.0 t; together 2.5 t
    assert "2019: 2,5 t CO2e; 2 rows calculated" in capsys.readouterr().out


def test_report_on_the_example_region_says_it_is_synthetic(tmp_path: Path) -> None:
    out = tmp_path / "rapport"
    assert main(["report", "--year", "2024", "-o", str(out)]) == 0
    html = (out / "klimatredovisning_2024.html").read_text(encoding="utf-8")
    assert "SYNTETISKA DATA" in html
