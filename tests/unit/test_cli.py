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
    assert "Totalt 2024: 3,030 t CO2e" in printed
    assert "2 rader beräknade, 0 avvisade" in printed
    rows = pd.read_csv(out, sep=";", decimal=",", encoding="utf-8-sig")
    assert rows["Utsläpp (kg CO2e)"].sum() == pytest.approx(3030.0)
    assert (tmp_path / "out" / "rows_avvisade.csv").exists()


def test_calculate_with_rejected_rows_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, "2024;diesel;1;l\n2024;diesel;1;kWh\n")
    assert main(["calculate", str(path), "--factors", FACTORS]) == 1
    err = capsys.readouterr().err
    assert "1 avvisad rad:" in err
    assert "acts.csv rad 3, kolumn enhet 'kWh': enheten passar inte aktiviteten" in err


def test_unreadable_input_exits_2_with_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "acts.csv"
    path.write_text("year,activity,unit\n2024,diesel,l\n", encoding="utf-8")
    assert main(["calculate", str(path), "--factors", FACTORS]) == 2
    err = capsys.readouterr().err
    assert "mängd" in err and "en kolumn som krävs saknas" in err


def test_a_file_with_only_a_header_is_refused_in_swedish(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, "")
    assert main(["calculate", str(path), "--factors", FACTORS]) == 2
    err = capsys.readouterr().err
    assert "acts.csv: inga datarader (tom fil)" in err and "Traceback" not in err


def test_missing_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["calculate", str(tmp_path / "nope.csv"), "--factors", FACTORS]) == 2
    assert "nope.csv" in capsys.readouterr().err


def test_factors_show_and_list(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["factors", "show", "el", "--factors", FACTORS]) == 0
    shown = capsys.readouterr().out
    assert "värde:       50,0 g CO2e / kWh" in shown and "Test publisher (2019)" in shown
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
    assert "electricity" in out and "ändrad" in out
    assert "\u221220,0\u00a0%" in out  # 50 → 40 g/kWh is −20 %, Swedish minus and space


def test_factors_diff_stacks_a_folder_of_ones_own_on_the_bundled_set(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A layer (sources.csv and factors/ only, no gwp.csv) with one factor that the bundled set
    # does not have: the diff lists that one as new, and none of the bundled ones as removed.
    layer = tmp_path / "egna"
    (layer / "factors").mkdir(parents=True)
    (layer / "sources.csv").write_text(
        "source_id,publisher,title,year,url,doc_id,retrieved,license,note,year_basis\n"
        "egen-2024,Region X,Egen mätning,2024,https://example.org/m,,2024-12-01,,,\n",
        encoding="utf-8",
    )
    (layer / "factors" / "egna.csv").write_text(
        "factor_id,activity,value,unit,gas,gwp_set,boundary,price_year,valid_from,valid_to,"
        "source_id,source_locator,note\n"
        "diesel-egen-2024,diesel,2.123456789,kg CO2e / l,CO2e,AR5GWP100,lifecycle,,2024,2024,"
        "egen-2024,Tabell 1,\n",
        encoding="utf-8",
    )
    assert main(["factors", "diff", "bundled", str(layer)]) == 0
    out = capsys.readouterr().out
    assert "lagd ovanpå den medföljande" in out
    assert "borttagen" not in out
    assert "diesel-egen-2024" in out and "ändrad" in out
    # the value as published, as factors list shows it (was rounded to six digits in diff)
    assert "2,123456789 kg CO2e / l" in out


def test_a_folder_of_ones_own_given_alone_says_how_to_stack_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # --factors with only one's own folder (no activities.csv beneath it): exit 2 and a Swedish
    # line that says to stack it on the bundled set, no traceback or KeyError.
    layer = tmp_path / "egna"
    (layer / "factors").mkdir(parents=True)
    (layer / "sources.csv").write_text(
        "source_id,publisher,title,year,url,doc_id,retrieved,license,note\n"
        "egen-2024,Region X,Egen mätning,2024,https://example.org/m,,2024-12-01,,\n",
        encoding="utf-8",
    )
    (layer / "factors" / "egna.csv").write_text(
        "factor_id,activity,value,unit,gas,gwp_set,boundary,price_year,valid_from,valid_to,"
        "source_id,source_locator,note\n"
        "diesel-egen-2024,diesel,2.1,kg CO2e / l,CO2e,,lifecycle,,2024,2024,egen-2024,Tabell 1,\n",
        encoding="utf-8",
    )
    assert main(["factors", "list", "--factors", str(layer)]) == 2
    err = capsys.readouterr().err
    assert "activities.csv saknas i" in err
    assert "--factors bundled --factors <mapp>" in err
    assert "aktiviteten finns inte i activities.csv" in err
    assert "Traceback" not in err and "KeyError" not in err


def test_factors_show_lists_the_gases_of_a_row(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["factors", "show", "flight_domestic-desnz-2025-combustion"]) == 0
    shown = capsys.readouterr().out
    # DESNZ 2025 flat file, ID 21_316_3161_11_2: 0.13395 kg CO2e of CO2 per passenger.km;
    # _11_3: 0.00022 kg CO2e of CH4, / 28 (AR5) = 0.00000785714 kg CH4; no exponent printed
    assert "gaser:" in shown and "CO2 0,13395 kg CO2 / km" in shown
    assert "CH4 0,00000785714 kg CH4 / km" in shown and "e-0" not in shown


def test_template_reads_back(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import klimatkalk as kk

    path = tmp_path / "indata.xlsx"
    assert main(["template", str(path), "--factors", FACTORS]) == 0
    assert path.exists() and "skrev" in capsys.readouterr().out
    with pytest.raises(kk.ActivityDataError):  # an empty template has no data rows yet
        kk.read_activities(path)


def test_rejected_rows_are_written_with_their_place_in_the_file(tmp_path: Path) -> None:
    path = _write(tmp_path, "2024;diesel;1;l\n2024;diesel;1;kWh\n")
    out = tmp_path / "rows.csv"
    assert main(["calculate", str(path), "--factors", FACTORS, "-o", str(out)]) == 1
    report = pd.read_csv(tmp_path / "rows_avvisade.csv", sep=";", encoding="utf-8-sig")
    # the kWh row is line 3 of the file (header on line 1)
    assert report[["Rad i filen", "Kolumn", "Orsak"]].to_dict("records") == [
        {
            "Rad i filen": 3,
            "Kolumn": "enhet",
            "Orsak": "enheten passar inte aktiviteten (fel storhet)",
        }
    ]


def test_rejected_rows_show_the_value_as_written_in_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, "2024;Diesle;1;l\n2024;diesel;1;Tonn\n")
    out = tmp_path / "rows.csv"
    assert main(["calculate", str(path), "--factors", FACTORS, "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "acts.csv rad 2, kolumn aktivitet 'Diesle': okänd aktivitet" in err
    assert "acts.csv rad 3, kolumn enhet 'Tonn': okänd enhet" in err
    report = pd.read_csv(tmp_path / "rows_avvisade.csv", sep=";", encoding="utf-8-sig")
    assert report["Värde"].tolist() == ["Diesle", "Tonn"]


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
    # 2024: edition 2019's 3.0 kg/l (diesel-lca-2024) → 2.5 kg/l: 1000 l × −0.5 = −0.5 t,
    # −0.5 / 3.0 = −16.7 %; the base year 2019: 2.0 kg/l in both editions, no change
    text = (out / "klimatredovisning_2024.md").read_text(encoding="utf-8").replace("\xa0", " ")
    assert "ändrar utsläppen 2024 med −0,5 t CO₂e (−16,7 %)" in text
    assert "De tidigare faktorerna är utgåva 2019" in text
    assert "Basåret 2019 ändras med 0,0 t CO₂e (0,0 %) på samma sätt." in text


def test_report_and_scenario_list_the_rejected_rows_they_exit_1_for(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Line 3 (a misspelt activity) is rejected: both commands exit 1 and say which row and why.
    path = _write(tmp_path, "2019;diesel;1 000;l\n2019;disel;5;l\n2024;diesel;800;l\n")
    assert main(["report", str(path), "--year", "2024", "--factors", FACTORS,
                 "-o", str(tmp_path / "r")]) == 1  # fmt: skip
    err = capsys.readouterr().err
    assert "1 avvisad rad:" in err and "acts.csv rad 3, kolumn aktivitet 'disel'" in err
    pytest.importorskip("scipy")
    assert main(["scenario", str(path), "--year", "2024", "--factors", FACTORS, "--draws", "200",
                 "-o", str(tmp_path / "s")]) == 1  # fmt: skip
    printed = capsys.readouterr()
    assert "1 avvisad rad:" in printed.err
    assert "acts.csv rad 3, kolumn aktivitet 'disel'" in printed.err
    # Two reported years (2019, 2024): the printout says the trend rests on few years.
    assert "Obs: prognosen bygger på 2 redovisade år (2019, 2024)" in printed.out


def test_report_combines_several_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    energy = tmp_path / "energi.csv"
    energy.write_text("år;aktivitet;mängd;enhet\n2019;electricity;10 000;kWh\n", encoding="utf-8")
    fuel = tmp_path / "drivmedel.csv"
    fuel.write_text("år;aktivitet;mängd;enhet\n2019;diesel;1 000;l\n", encoding="utf-8")
    out = tmp_path / "rapport"
    args = ["report", str(energy), str(fuel), "--year", "2019", "--factors", FACTORS]
    assert main([*args, "-o", str(out)]) == 0
    # 10 000 kWh × 50 g = 0.5 t; 1000 l diesel 2019 × 2.0 kg/l = 2.0 t; together 2.5 t
    printed = capsys.readouterr().out
    assert "2019: 2,5 t CO2e från 2 rader; alla år: 2 rader beräknade, 0 avvisade" in printed


def test_report_on_the_example_region_says_it_is_synthetic(tmp_path: Path) -> None:
    out = tmp_path / "rapport"
    assert main(["report", "--year", "2024", "-o", str(out)]) == 0
    html = (out / "klimatredovisning_2024.html").read_text(encoding="utf-8")
    assert "SYNTETISKA DATA" in html


# --- Errors a user meets: one line on stderr, exit code 2, never a traceback (issue 16) -------

GOOD = "2024;diesel;1 000;l\n"


def _bad_invocations(tmp_path: Path) -> list[list[str]]:
    """Every subcommand with a bad argument or file."""
    good = _write(tmp_path, GOOD)
    out = str(tmp_path / "rapport")
    missing = str(tmp_path / "nofile.xlsx")
    return [
        ["report", str(good), "--factors", FACTORS, "--target", "nan", "-o", out],
        ["report", str(good), "--factors", FACTORS, "--target", "150", "-o", out],
        ["report", str(good), "--factors", FACTORS, "--target", "-0.5", "-o", out],
        ["report", str(good), "--factors", FACTORS, "--target", "mycket", "-o", out],
        ["report", str(good), "--factors", FACTORS, "--target-year", "2010", "-o", out],
        ["report", str(good), "--edition", "1900", "-o", out],
        ["report", str(good), "--compare-edition", "1900", "-o", out],
        ["report", str(good), "--factors", FACTORS, "--year", "tjugo", "-o", out],
        ["report", missing, "-o", out],
        ["report", str(good), "--mapping", str(tmp_path / "nomap.toml"), "-o", out],
        ["report", str(good), "--lang", "de", "-o", out],
        ["calculate", missing],
        ["calculate", str(good), "--factors", str(tmp_path / "nofolder")],
        ["calculate", str(good), "--gwp-set", "AR9"],
        ["calculate", str(good), "--decimal", "x"],
        ["calculate", str(good), "--edition", "1900"],
        ["calculate", str(good), "--high-altitude", "lots"],
        ["calculate"],
        ["factors", "diff", "1999", "bundled"],
        ["factors", "diff", "1900", "2024"],
        ["factors", "diff", "bundled", "bundled", "--gwp-set", "XYZ"],
        ["factors", "diff", "bundled", str(tmp_path / "nofolder")],
        ["factors", "show", "diesel"],
        ["factors", "show", "no-such-factor"],
        ["factors", "list", "--category", "nonsense"],
        ["factors", "list", "--activity", "disel"],
        ["factors", "list", "--year", "next"],
        ["factors", "list", "--edition", "1900"],
        ["template", str(tmp_path / "t.xlsx"), "--factors", str(tmp_path / "nofolder")],
        ["no-such-command"],
    ]


def test_every_bad_argument_or_file_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    failures = []
    for argv in _bad_invocations(tmp_path):
        code = main(argv)
        err = capsys.readouterr().err
        lines = err.strip().splitlines()
        if code != 2 or len(lines) != 1 or "Traceback" in err or ": fel: " not in lines[0]:
            failures.append(f"{argv}: exit {code}, stderr {err!r}")
    assert not failures, "\n".join(failures)


def test_a_missing_file_says_it_does_not_exist(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nofile.xlsx"
    assert main(["calculate", str(missing), "--factors", FACTORS]) == 2
    err = capsys.readouterr().err
    assert "finns inte" in err and str(missing) in err


@pytest.mark.parametrize("target", ["50", "50 %", "50%", "0.5", "0,5"])
def test_target_in_percent_or_as_a_fraction(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], target: str
) -> None:
    from klimatkalk.cli import _parser

    args = _parser().parse_args(["report", "--target", target])
    assert args.target == 0.5  # 50 % = 0.5 by hand


def test_an_edition_without_factors_is_a_typed_error() -> None:
    import klimatkalk as kk

    with pytest.raises(kk.FactorDataError, match="no factors published up to edition 1999"):
        kk.load_factors(edition=1999)


def test_factors_show_an_activity_lists_its_factor_ids(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["factors", "show", "diesel", "--factors", FACTORS]) == 2
    err = capsys.readouterr().err
    fixture = pd.read_csv(Path(FACTORS) / "factors" / "fixture.csv")
    ids = fixture.loc[fixture["activity"] == "diesel", "factor_id"]
    assert "'diesel' är en aktivitet" in err and all(i in err for i in ids), err


def test_factors_list_takes_the_swedish_category_name(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["factors", "list", "--category", "Energi"]) == 0
    listed = capsys.readouterr().out
    assert "district_heating_vasteras" in listed and "diesel-" not in listed
    assert main(["factors", "list", "--category", "energi", "--activity", "Lustgas"]) == 0
    assert "inga faktorer motsvarar --category energi --activity Lustgas" in capsys.readouterr().out


def test_decimal_choices_are_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "acts.csv"
    path.write_text('år,aktivitet,mängd,enhet\n2024,diesel,"1,5",l\n', encoding="utf-8")
    assert main(["calculate", str(path), "--factors", FACTORS, "--decimal", "comma"]) == 0
    # 1,5 l × 2.5 kg/l = 3.75 kg = 0.00375 t, printed with three decimals
    assert "0,004 t CO2e" in capsys.readouterr().out
    assert main(["calculate", "--help"]) == 0
    assert "{comma,point,auto}" in capsys.readouterr().out


def _all_parsers() -> list[tuple[str, object]]:
    import argparse

    from klimatkalk.cli import _parser

    found: list[tuple[str, object]] = []
    todo = [_parser()]
    while todo:
        parser = todo.pop()
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                todo.extend(action.choices.values())
            elif not isinstance(action, argparse._HelpAction):
                found.append((f"{parser.prog} {action.dest}", action))
    return found


def test_every_option_has_a_help_text() -> None:
    missing = [name for name, action in _all_parsers() if not getattr(action, "help", None)]
    assert not missing, missing


def test_exit_codes_are_in_the_help_and_the_docs(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "0 alla rader beräknade; 1 några rader avvisade" in out and "2 ett användningsfel" in out
    assert main(["--help", "--lang", "en"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "0 every row calculated; 1 some rows rejected" in out and "2 a usage error" in out
    docs = (Path(__file__).parents[2] / "docs" / "reference" / "cli.md").read_text("utf-8")
    assert "Exit codes" in docs and "1 some rows rejected" in docs


# --- CSV written for people (issue 16) ----------------------------------------------------------


def test_calculate_csv_opens_in_a_swedish_excel(tmp_path: Path) -> None:
    path = _write(tmp_path, "2024;diesel;1 000;l\n2024;diesel;1;kWh\n")
    out = tmp_path / "rows.csv"
    assert main(["calculate", str(path), "--factors", FACTORS, "-o", str(out)]) == 1
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 byte-order mark
    text = raw.decode("utf-8-sig")
    header, first = text.splitlines()[:2]
    assert header.startswith("År;Aktivitet;Benämning;Mängd;Enhet;Fil;Blad;Rad i filen;")
    assert ";2500;" in first  # 1000 l × 2.5 kg/l = 2500 kg, no float noise
    rejected = (tmp_path / "rows_avvisade.csv").read_bytes()
    assert rejected.startswith(b"\xef\xbb\xbf") and b";" in rejected.splitlines()[0]


def test_machine_csv_keeps_comma_and_point(tmp_path: Path) -> None:
    path = _write(tmp_path, "2024;diesel;1,5;l\n")
    out = tmp_path / "rows.csv"
    assert (
        main(["calculate", str(path), "--factors", FACTORS, "-o", str(out), "--machine-csv"]) == 0
    )
    rows = pd.read_csv(out)
    assert rows["emissions_kg_co2e"].iat[0] == pytest.approx(3.75)  # 1.5 l × 2.5 kg/l
    assert rows[["row", "category", "boundary"]].iloc[0].tolist() == [0, "transport", "lifecycle"]
    rejected = pd.read_csv(tmp_path / "rows_rejected.csv")
    assert list(rejected.columns[:3]) == ["origin_file", "origin_sheet", "origin_row"]


def test_free_text_that_excel_would_run_is_neutralised(tmp_path: Path) -> None:
    path = tmp_path / "acts.csv"
    path.write_text(
        "år;aktivitet;mängd;enhet;verksamhet\n"
        '2024;diesel;1;l;=HYPERLINK("http://x")\n'
        "2024;diesel;1;kWh;@SUM(A1)\n"
        "2024;+cmd|' /C calc'!A0;1;l;-2+3\n",
        encoding="utf-8",
    )
    out = tmp_path / "rows.csv"
    assert main(["calculate", str(path), "--factors", FACTORS, "-o", str(out)]) == 1
    for written in (out, tmp_path / "rows_avvisade.csv"):
        cells = [
            cell
            for line in written.read_text(encoding="utf-8-sig").splitlines()
            for cell in line.split(";")
        ]
        dangerous = [c for c in cells if c.startswith(("=", "+", "@", "\t", "\r"))]
        dangerous += [
            c for c in cells if c.startswith("-") and not c[1:].replace(",", "").isdigit()
        ]
        assert not dangerous, (written.name, dangerous)


def test_rows_that_sum_past_the_largest_float_are_an_input_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # 10 rows of 1e307 l × 2.5 kg/l = 2.5e308 kg in all, above the largest float (1.8e308):
    # each row is finite, their sum is not.
    path = _write(tmp_path, "2024;diesel;1e307;l\n" * 10)
    assert main(["calculate", str(path), "--factors", FACTORS]) == 2
    err = capsys.readouterr().err
    assert "inf" not in err.replace("info", "") and "för stort värde" in err
    assert "summerar till mer än ett flyttal rymmer" in err


def test_a_missing_optional_package_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An xlsx read without python-calamine installed: what to install, no traceback."""
    import klimatkalk.io.reading

    def without_calamine(*args: object, **kwargs: object) -> None:
        msg = "reading xlsx needs python-calamine: pip install 'klimatkalk[excel]'"
        raise ImportError(msg)

    monkeypatch.setattr(klimatkalk.io.reading, "read_activities", without_calamine)
    book = tmp_path / "aktiviteter.xlsx"
    book.write_bytes(b"")
    assert main(["calculate", str(book)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "Traceback" not in err
    assert "klimatkalk[excel]" in err


# --- Not one row calculated (issue 16) ----------------------------------------------------------


def test_calculate_without_a_calculated_row_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, "2024;no_such_activity;5;l\n2024;diesel;1;kWh\n")
    out = tmp_path / "rows.csv"
    assert main(["calculate", str(path), "--factors", FACTORS, "-o", str(out)]) == 1
    printed = capsys.readouterr()
    assert "Empty DataFrame" not in printed.out
    assert printed.err.strip().splitlines()[-1] == "klimatkalk: Inga rader kunde beräknas."
    assert "2 avvisade rader:" in printed.err  # and why, row by row
    assert (tmp_path / "rows_avvisade.csv").exists()  # the rejected rows are still written
    assert main(["calculate", str(path), "--factors", FACTORS, "--lang", "en"]) == 1
    assert capsys.readouterr().err.strip().endswith("No rows could be calculated.")


@pytest.mark.parametrize("command", ["report", "scenario", "annex"])
def test_a_report_without_a_calculated_row_is_an_error_that_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    path = _write(tmp_path, "2024;no_such_activity;5;l\n")
    argv = [command, str(path), "--factors", FACTORS, "-o", str(tmp_path / "ut")]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err.strip().splitlines()[-1].endswith("Inga rader kunde beräknas.")
    assert "1 avvisad rad:" in err
    assert not (tmp_path / "ut").exists()


# --- argparse in Swedish, help in both languages (issue 16) --------------------------------------


def _helps(lang: str) -> dict[str, str]:
    import argparse

    from klimatkalk.cli import _parser

    found: dict[str, str] = {}
    todo = [_parser(lang)]  # type: ignore[arg-type]
    while todo:
        parser = todo.pop()
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                todo.extend(action.choices.values())
                for choice in action._choices_actions:  # the subcommands' one-line help
                    found[f"{parser.prog} {choice.dest}"] = str(choice.help)
            else:
                found[f"{parser.prog} {action.dest}"] = str(action.help)
    return found


def test_every_option_has_a_swedish_and_an_english_help_text() -> None:
    sv, en = _helps("sv"), _helps("en")
    assert sv.keys() == en.keys()
    same = [name for name in sv if sv[name] == en[name]]
    assert not same, same  # each text exists in both languages
    assert sv["klimatkalk calculate moms"].startswith("om belopp i kronor är med eller utan moms")
    assert en["klimatkalk calculate moms"].startswith("whether amounts in kronor include VAT")


@pytest.mark.parametrize(
    ("argv", "swedish"),
    [
        (["calculate"], "klimatkalk calculate: fel: följande argument krävs: AKTIVITETSFIL"),
        (["calculate", "a.csv", "--bogus"], "klimatkalk calculate: fel: okända argument: --bogus"),
        (["calculate", "a.csv", "--sheet"], "argumentet --sheet: ett värde krävs"),
        (
            ["calculate", "a.csv", "--moms", "ja"],
            "argumentet --moms: ogiltigt val: 'ja' (välj ett av 'exkl', 'inkl')",
        ),
        (["räkna"], "klimatkalk: fel: okänt kommando 'räkna' (välj ett av 'calculate'"),
        (["report", "--year", "tjugo"], "argumentet --year: 'tjugo' är inte ett årtal"),
    ],
)
def test_usage_errors_are_swedish(
    argv: list[str], swedish: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert swedish in err and "(se klimatkalk" in err, err
    assert "error" not in err and "usage" not in err


def test_help_is_swedish_and_english_where_chosen(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("KLIMATKALK_LANG", raising=False)
    assert main(["calculate", "--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("användning: klimatkalk calculate")
    assert "flaggor:" in out and "visa den här hjälpen och avsluta" in out
    assert "--moms {exkl,inkl}" in out and "options:" not in out
    assert main(["calculate", "--help", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: klimatkalk calculate") and "options:" in out
    assert "whether amounts in kronor include VAT" in out
    monkeypatch.setenv("KLIMATKALK_LANG", "en")
    assert main(["calculate"]) == 2
    err = capsys.readouterr().err
    assert "klimatkalk calculate: error: the following arguments are required" in err


def test_calculate_writes_the_format_its_suffix_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """-o x.xlsx is a workbook (was a CSV named .xlsx), its rejected rows an xlsx beside it."""
    path = _write(tmp_path, "2024;diesel;1 000;l\n2024;diesel;1;kWh\n")
    out = tmp_path / "ut" / "rader.xlsx"
    assert main(["calculate", str(path), "--factors", FACTORS, "-o", str(out)]) == 1
    assert f"skrev {out} och {tmp_path / 'ut' / 'rader_avvisade.xlsx'}" in capsys.readouterr().out
    rows = pd.read_excel(out, engine="openpyxl")
    assert rows["Utsläpp (kg CO2e)"].tolist() == [2500.0]  # a number, not text
    rejected = pd.read_excel(tmp_path / "ut" / "rader_avvisade.xlsx", engine="openpyxl")
    assert rejected["Värde"].astype(str).tolist() == ["kWh"]


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["-o", "rader.txt"], "filen har ändelsen '.txt', men klimatkalk skriver här bara .csv"),
        (["-o", "rader"], "filen har ingen filändelse"),
        (["-o", "rader.xlsx", "--machine-csv"], "skriver med --machine-csv bara .csv"),
    ],
)
def test_calculate_refuses_an_output_suffix_it_does_not_write(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], said: str
) -> None:
    path = _write(tmp_path, "2024;diesel;1;l\n")
    argv = [a if not a.startswith("rader") else str(tmp_path / a) for a in argv]
    # a factor folder that does not exist: the suffix is refused before any work is done
    code = main(["calculate", str(path), "--factors", str(tmp_path / "nej"), *argv])
    err = capsys.readouterr().err
    assert code == 2 and said in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == [path]


def test_template_refuses_a_name_that_is_not_xlsx(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["template", str(tmp_path / "mall.csv"), "--factors", FACTORS]) == 2
    err = capsys.readouterr().err
    assert "mall.csv: filen har ändelsen '.csv'" in err and "(t.ex. mall.xlsx)" in err
    assert not (tmp_path / "mall.csv").exists()


def test_factors_list_shows_a_missing_boundary_as_a_dash_as_show_does(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A gas emitted as itself has no boundary: '—' in list and show (list said None)."""
    assert main(["factors", "list", "--category", "Medicinska gaser"]) == 0
    listed = capsys.readouterr().out
    assert "None" not in listed
    line = next(x for x in listed.splitlines() if x.strip().startswith("desflurane-exhaled"))
    assert " desflurane           —  " in line  # the gas, then the boundary
    assert main(["factors", "show", "desflurane-exhaled"]) == 0
    assert "systemgräns: —" in " ".join(capsys.readouterr().out.split())


def test_factors_diff_shows_the_factor_as_list_does_and_the_multiplier_apart(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Residual mix 524,1 g CO2e / kWh and flight 0,19448 kg CO2e / km in diff as in list
    (diff said 0,5241 kg and 0,306074, the multiplier included unsaid); the multiplier and the
    value a calculation uses are columns of their own."""
    assert main(["factors", "diff", "2023", "2024"]) == 0
    lines = capsys.readouterr().out.splitlines()
    header = lines[0]
    assert "Tidigare värde" in header and "Nytt värde" in header
    assert "Höghöjdsfaktor" in header and "Nytt med höghöjdsfaktor" in header
    residual = next(x for x in lines if "electricity_residual_mix-2023-generation" in x)
    assert "524,1 g CO2e / kWh" in residual and "0,5241" not in residual
    flight = next(x for x in lines if "flight_domestic-desnz-2024-lifecycle" in x)
    assert "0,19448 kg CO2e / km" in flight
    assert flight.endswith("1,7   0,306074 kg CO2e / km")
    assert any(x.startswith("Värdena är faktorerna som publicerade") for x in lines)
    assert main(["factors", "list", "--activity", "flight_domestic", "--year", "2024"]) == 0
    assert "0,19448 kg CO2e / km" in capsys.readouterr().out


def test_factor_quality_is_said_alike_by_show_the_rows_and_the_report_annex(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Diesel 2024 is a proxy in quality.csv (a stand-in bio share); the annex said 'härlett
    värde' from the word Derived in the row's note."""
    import klimatkalk as kk
    from klimatkalk.report._labels import QUALITY_LABELS
    from klimatkalk.report._sources import quality

    factors = kk.load_factors()
    row = factors.factors.set_index("factor_id").loc["diesel-mk1-lifecycle-2024"]
    assert row["quality"] == "proxy" and "Derived" in row["note"]
    assert main(["factors", "show", "diesel-mk1-lifecycle-2024"]) == 0
    assert "kvalitet:    ersättningsvärde (proxy)" in capsys.readouterr().out
    rows = pd.DataFrame({"year": [2024], "activity": ["diesel"], "quantity": [1.0], "unit": ["l"]})
    used = kk.calculate_emissions(rows, factors).factors_used()
    (grade,) = used["quality"]
    annex = quality(str(row["note"]), "", None, "sv", grade=grade)
    assert annex.split("; ")[0] == QUALITY_LABELS["proxy"][0] == "ersättningsvärde (proxy)"
    assert "härlett värde" not in quality(str(row["note"]), "", None, "sv")


def _usages(lang: str) -> dict[str, str]:
    """Every (sub)command's usage line in ``lang``, by its path."""
    import argparse

    from klimatkalk.cli import _parser

    found: dict[str, str] = {}
    todo = [("klimatkalk", _parser(lang))]  # type: ignore[arg-type]
    while todo:
        path, parser = todo.pop()
        found[path] = parser.format_help()
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                todo += [(f"{path} {n}", p) for n, p in action.choices.items()]
    return found


def test_help_names_every_value_in_the_language_of_the_run() -> None:
    """Metavars were English or argparse's dest (activities, TARGET, factor_id, old new…)."""
    english = ("activities", "TARGET", "TITLE", "CATEGORY", "ACTIVITY", "factor_id", "FACTOR_ID")
    english += (" old new", "[output]", "[folder]", "ACTIVITIES", "FOLDER", "FILE", "YEAR")
    swedish = _usages("sv")
    for path, text in swedish.items():
        usage = text.split("\n\n")[0]
        assert not [w for w in english if w in usage], (path, usage)
    assert "AKTIVITETSFIL" in swedish["klimatkalk report"].split("\n\n")[0]
    assert "--target ANDEL" in swedish["klimatkalk scenario"]
    assert "FÖRE EFTER" in swedish["klimatkalk factors diff"]
    assert "[FIL]" in swedish["klimatkalk template"] and "[MAPP]" in swedish["klimatkalk examples"]
    english_help = _usages("en")
    assert "[ACTIVITIES ...]" in english_help["klimatkalk annex"]
    assert "--target SHARE" in english_help["klimatkalk report"]
    assert "--category CATEGORY" in english_help["klimatkalk factors list"]
    assert "FACTOR_ID" in english_help["klimatkalk factors show"]
    assert "OLD NEW" in english_help["klimatkalk factors diff"]


def test_help_says_the_rejected_rows_exit_code_only_where_rows_are_read() -> None:
    helps = _usages("sv")
    with_rows = {"klimatkalk", "klimatkalk calculate", "klimatkalk report"}
    with_rows |= {"klimatkalk scenario", "klimatkalk annex"}
    for path, text in helps.items():
        assert ("rader avvisade" in text) == (path in with_rows), path
        assert "returkoder:" in text, path
    assert "none (standard) avvisar raden" in " ".join(helps["klimatkalk calculate"].split())


def test_an_unquoted_name_points_to_the_subcommands_help(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["factors", "list", "--activity", "fjarrvarme", "goteborg"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("klimatkalk factors list: fel: okända argument: goteborg")
    assert '--activity "fjarrvarme goteborg"' in err
    assert err.rstrip().endswith("(se klimatkalk factors list --help)")


def test_factors_diff_refuses_a_folder_that_is_no_factor_set(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An empty folder was stacked on the bundled set and said 'inga skillnader' (exit 0)."""
    (tmp_path / "enmapp").mkdir()
    assert main(["factors", "diff", str(tmp_path / "enmapp"), "bundled"]) == 2
    captured = capsys.readouterr()
    assert "inga skillnader" not in captured.out
    assert "enmapp: mappen är ingen faktormapp: sources.csv saknas" in captured.err
    code = main(["calculate", "x.csv", "--factors", str(tmp_path / "enmapp")])
    assert code == 2 and "sources.csv saknas" in capsys.readouterr().err


def test_an_edition_after_the_newest_is_refused_not_taken_for_the_newest(
    capsys: pytest.CaptureFixture[str],
) -> None:
    import klimatkalk as kk

    newest = int(kk.load_factors().factors["source_year"].max())
    assert main(["factors", "diff", str(newest + 4), "bundled"]) == 2
    captured = capsys.readouterr()
    assert "inga skillnader" not in captured.out
    said = f"utgåva {newest + 4}: ingen sådan utgåva ännu; den senaste i faktoruppsättningen är "
    assert said + str(newest) in captured.err
    assert main(["factors", "list", "--edition", str(newest + 1), "--lang", "en"]) == 2
    assert f"the newest in the factor set is {newest}" in capsys.readouterr().err
    assert main(["factors", "diff", str(newest), "bundled"]) == 0  # the newest itself: fine
    assert "inga skillnader" in capsys.readouterr().out


def test_a_reader_that_stops_reading_keeps_the_exit_code(tmp_path: Path) -> None:
    """calculate … | head -3 exited 0 with rows rejected; now 1, the rows on stderr, no trace."""
    import os
    import subprocess
    import sys

    import klimatkalk

    path = _write(tmp_path, "2024;diesel;1;l\n2024;diesel;1;kWh\n")
    read, write = os.pipe()
    os.close(read)  # the reader is gone before the first line: every write meets a closed pipe
    env = {**os.environ, "PYTHONPATH": str(Path(klimatkalk.__file__).parents[1])}
    argv = ["calculate", str(path), "--factors", FACTORS, "-o", str(tmp_path / "ut.csv")]
    run = subprocess.run(
        [sys.executable, "-m", "klimatkalk", *argv],
        stdout=write,
        stderr=subprocess.PIPE,
        env=env,
        check=False,
        text=True,
    )
    os.close(write)
    assert "Traceback" not in run.stderr and "Exception ignored" not in run.stderr
    assert run.returncode == 1
    assert "1 avvisad rad:" in run.stderr
    assert (tmp_path / "ut_avvisade.csv").exists()  # the run went on past the closed pipe
