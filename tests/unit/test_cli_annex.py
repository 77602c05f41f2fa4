"""The annex's tables on the command line (klimatkalk.cli_annex): ``report`` options, ``annex``.

Expected figures are worked out by hand below from the small files of each test.

The region: district heating (DH) and electricity (El), 10 000 m² BRA every year.

=====  ==========  ==========  ========  =====================
year   DH kWh      El kWh      total     degree days / normal
=====  ==========  ==========  ========  =====================
2021   1 000 000   500 000     1 500 MWh  3 960 / 4 000
2023     950 000   490 000     1 440 MWh  3 880 / 4 000
2024     935 000   480 000     1 415 MWh  3 600 / 4 000
=====  ==========  ==========  ========  =====================

- kWh/m² 2024: 1 415 000 / 10 000 = 141.5 (2023: 144.0); −1.74 % > the 1 % threshold and lower
  is better → *Positiv*.
- Normal-year district heating 2024, 80 % temperature-dependent:
  935 000 × (0.2 + 0.8 × 4 000 / 3 600) = 935 000 × 1.08889 = 1 018 111 kWh → 101.8 kWh/m²,
  printed "102" (whole kWh/m²); raw 93.5 → "94".
- EED art. 5 against 2021 (1 500 MWh), three years on: compounded 1 500 × 0.981³ =
  1 500 × 0.944076 = 1 416.1 MWh allowed → 1 415 meets it (*Uppfyllt*); linear
  1 500 × (1 − 3 × 0.019) = 1 414.5 MWh → 1 415 does not (*Ej uppfyllt*).
- Waste (the user's own metric) 12.0 → 11.0 kg: −8.3 % beyond the 2 % threshold → *Positiv*.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from klimatkalk.cli import main

ACTIVITIES = """År;Aktivitet;Mängd;Enhet
2021;district_heating_sweden;1 000 000;kWh
2021;electricity_residual_mix;500 000;kWh
2023;district_heating_sweden;950 000;kWh
2023;electricity_residual_mix;490 000;kWh
2024;district_heating_sweden;935 000;kWh
2024;electricity_residual_mix;480 000;kWh
"""
AREA = "År;Yta (m2);Ytmått\n2021;10 000;BRA\n2023;10 000;BRA\n2024;10 000;BRA\n"
DEGREE_DAYS = (
    "År;Ort;Graddagar;Normalår\n2021;Västerås;3 960;4 000\n2023;Västerås;3 880;4 000\n"
    "2024;Västerås;3 600;4 000\n"
)
METRICS = (
    "Nyckel;Mätetal;Enhet;Riktning;Tröskel;Tröskeltyp;Decimaler;Källa\n"
    "energi;Energianvändning per m²;kWh/m² BRA;lägre;0,01;relativ;1;energy_per_m2:total\n"
    "avfall;Avfall per invånare;kg;lägre;0,02;relativ;1;user\n"
)
VALUES = "Mätetal;År;Värde\navfall;2023;12,0\navfall;2024;11,0\n"


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    texts = {
        "akt.csv": ACTIVITIES,
        "yta.csv": AREA,
        "graddagar.csv": DEGREE_DAYS,
        "matetal.csv": METRICS,
        "utfall.csv": VALUES,
    }
    out = {}
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        out[name.removesuffix(".csv")] = tmp_path / name
    return out


def _all(files: dict[str, Path]) -> list[str]:
    return [
        str(files["akt"]),
        "--area",
        str(files["yta"]),
        "--degree-days",
        str(files["graddagar"]),
        "--heating-share",
        "fjärrvärme=80%",
        "--metrics",
        str(files["matetal"]),
        "--metric-values",
        str(files["utfall"]),
    ]


def test_annex_command_with_own_tables(
    files: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "bilaga"
    assert main(["annex", *_all(files), "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "Energianvändning per m²: 141,5 kWh/m² BRA, Positiv" in printed
    assert "Avfall per invånare: 11,0 kg, Positiv" in printed
    assert "EED 2024: Uppfyllt" in printed
    markdown = (out / "klimatredovisning_2024_bilaga.md").read_text(encoding="utf-8")
    markdown = markdown.replace("\u00a0", " ")  # Swedish numbers and units: no-break spaces
    assert "| Fjärrvärme (kWh/m² BRA) | 95 | 94 | 97 | 102 |" in markdown
    # the carrier is in the row's name, the unit is the area's: 480 000 / 10 000 = 48 kWh/m²
    assert "| El (kWh/m² BRA) | 49 | 48 | 49 | 48 |" in markdown
    assert "kWh/m² El" not in markdown and "kWh/m² Fjärrvärme" not in markdown
    assert "Graddagar 2024: 3 600 mot normalårets 4 000." in markdown
    assert (out / "klimatredovisning_2024_bilaga.xlsx").exists()


def test_eed_convention_option(
    files: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    akt, out = str(files["akt"]), str(tmp_path / "b")
    assert main(["annex", akt, "-o", out]) == 0
    assert "EED 2024: Uppfyllt" in capsys.readouterr().out
    assert main(["annex", akt, "--eed-convention", "linear", "-o", out]) == 0
    assert "EED 2024: Ej uppfyllt" in capsys.readouterr().out
    markdown = (tmp_path / "b" / "klimatredovisning_2024_bilaga.md").read_text(encoding="utf-8")
    assert "linjärt" in markdown
    # the convention is not verified against Recommendation (EU) 2024/1716: the annex says so
    assert "inte verifierat mot kommissionens rekommendation (EU) 2024/1716" in markdown
    # the quoted 9,9 % in one sentence, for a reader with no documentation at hand:
    # 1.019⁵ − 1 = 0.0987 (growth); 1 − 0.981⁵ = 1 − 0.9085 = 0.0915; 5 × 1.9 % = 9.5 %
    assert (
        "Den ibland citerade minskningen 9,9 % på fem år är 1,019⁵ − 1, alltså en ökning med "
        "1,9 % per år; en minskning med 1,9 % per år ger 9,1 % på fem år räknat sammansatt och "
        "9,5 % räknat linjärt."
    ) in markdown.replace("\u00a0", " ")
    assert "dokumentationen" not in markdown


def test_report_takes_the_same_tables(
    files: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "rapport"
    assert main(["report", *_all(files), "--year", "2024", "-o", str(out)]) == 0
    written = capsys.readouterr().out
    assert "klimatredovisning_2024_bilaga.md" in written
    markdown = (out / "klimatredovisning_2024_bilaga.md").read_text(encoding="utf-8")
    markdown = markdown.replace("\u00a0", " ")
    assert "| Energianvändning per m² (kWh/m² BRA) | 144,0 | 141,5 | Positiv |" in markdown


def test_report_of_own_data_without_tables_has_no_annex_unless_asked(
    files: dict[str, Path], tmp_path: Path
) -> None:
    assert main(["report", str(files["akt"]), "-o", str(tmp_path / "a")]) == 0
    assert not list((tmp_path / "a").glob("*bilaga*"))
    assert main(["report", str(files["akt"]), "--annex", "-o", str(tmp_path / "b")]) == 0
    assert len(list((tmp_path / "b").glob("*_bilaga.*"))) == 3


def test_example_region_with_one_table_replaced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    metrics = tmp_path / "matetal.csv"
    metrics.write_text(
        "Nyckel;Mätetal;Enhet;Riktning;Tröskel;Källa\n"
        "ff;Andel fossilfri energi i kollektivtrafiken;%;högre;1;"
        "fossil_free_share:kollektivtrafik\n",
        encoding="utf-8",
    )
    # the example's own metric values belong to its own metrics: they must be replaced too
    assert main(["annex", "--metrics", str(metrics), "-o", str(tmp_path / "x")]) == 2
    assert "not a metric of the metric table" in capsys.readouterr().err
    values = tmp_path / "utfall.csv"
    values.write_text("Mätetal;År;Värde\n", encoding="utf-8")
    code = main(
        ["annex", "--metrics", str(metrics), "--metric-values", str(values), "-o", str(tmp_path)]
    )
    assert code == 0
    lines = [line for line in capsys.readouterr().out.splitlines() if ": " in line]
    assert lines[0].startswith("Andel fossilfri energi i kollektivtrafiken: ")
    assert not any(line.startswith("Avfall") for line in lines)


def _error(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err.startswith("klimatkalk")
    return err


def test_a_bad_cell_names_file_row_column_and_value(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    files["yta"].write_text("År;Yta (m2)\n2024;12 kvm\n", encoding="utf-8")
    assert main(["annex", str(files["akt"]), "--area", str(files["yta"])]) == 2
    err = _error(capsys)
    assert f"{files['yta']}:2: kolumn 'Yta (m2)', värdet '12 kvm'" in err


def test_a_bad_metric_row_is_named(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    files["matetal"].write_text(
        "Nyckel;Mätetal;Enhet;Riktning;Målvärde;Källa\n"
        "avfall;Avfall per invånare;kg;lägre;10;user\n",
        encoding="utf-8",
    )
    assert main(["annex", str(files["akt"]), "--metrics", str(files["matetal"])]) == 2
    err = _error(capsys)
    assert f"{files['matetal']}:2: kolumn 'target_year'" in err
    assert "a target needs a target_year" in err


def test_a_value_row_of_an_undefined_metric_is_named(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    files["utfall"].write_text("Mätetal;År;Värde\navfall;2024;11\nmatsvinn;2024;40\n")
    args = ["annex", str(files["akt"]), "--metrics", str(files["matetal"])]
    assert main([*args, "--metric-values", str(files["utfall"])]) == 2
    assert f"{files['utfall']}:3: kolumn 'metric', värdet 'matsvinn'" in _error(capsys)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('colour = "röd"', "unknown keys ['colour']"),
        ('categories = ["energy"]\nbase_year = "2019"', "base_year must be a whole number"),
        ('categories = "energy"', "categories must be a list of names"),
        ("", "has no members"),
    ],
)
def test_a_bad_groups_file_is_named(
    line: str,
    message: str,
    files: dict[str, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    groups = tmp_path / "grupper.toml"
    groups.write_text(f'[[group]]\nkey = "e"\nlabel = "E"\n{line}\n', encoding="utf-8")
    assert main(["annex", str(files["akt"]), "--groups", str(groups)]) == 2
    err = _error(capsys)
    assert str(groups) in err and message in err


def test_the_annex_names_the_groups_file_and_what_a_group_leaves_out(
    files: dict[str, Path], tmp_path: Path
) -> None:
    groups = tmp_path / "grupper.toml"
    groups.write_text(
        '[[group]]\nkey = "el"\nlabel = "Elens klimatpåverkan"\n'
        'subcategories = ["electricity"]\nbase_year = 2021\n',
        encoding="utf-8",
    )
    out = tmp_path / "b"
    assert main(["annex", str(files["akt"]), "--groups", str(groups), "-o", str(out)]) == 0
    markdown = (out / "klimatredovisning_2024_bilaga.md").read_text(encoding="utf-8")
    # the group is the electricity of the report's Energi; the district heating is in no group
    assert "Målgruppen Elens klimatpåverkan är inte rapportens kategori Energi (" in markdown
    assert "gruppen räknar inte Fjärrvärme (" in markdown
    assert "bestäms i målgruppsfilen grupper.toml (en annan fil anges med --groups)" in markdown
    assert "| Ingen målgrupp: Energi |" in markdown
    assert "| Del | 2021 | 2024 |" in markdown


def test_unused_inputs_are_refused(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    akt = str(files["akt"])
    assert main(["annex", akt, "--degree-days", str(files["graddagar"])]) == 2
    assert "ange även --heating-share BÄRARE=ANDEL och --area FIL" in _error(capsys)
    argv = ["annex", akt, "--degree-days", str(files["graddagar"]), "--lang", "en"]
    assert main(argv) == 2
    assert "--heating-share CARRIER=SHARE and --area FILE" in _error(capsys)
    assert main(["annex", akt, "--metric-values", str(files["utfall"])]) == 2
    assert "ange --metrics FIL (mätetalstabellen)" in _error(capsys)
    assert main(["annex", akt, "--place", "Västerås"]) == 2
    assert "--degree-days" in _error(capsys)


@pytest.mark.parametrize("share", ["fjärrvärme", "ånga=0.5", "el=150%", "el=-0.2"])
def test_a_bad_heating_share_is_a_usage_error(
    share: str, files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["annex", str(files["akt"]), "--heating-share", share]) == 2
    assert "--heating-share" in _error(capsys)


def test_a_missing_table_and_an_unknown_place(
    files: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["annex", str(files["akt"]), "--fleet", str(tmp_path / "fordon.csv")]) == 2
    assert "fordon.csv: filen finns inte" in _error(capsys)
    args = _all(files)[:7]  # activities, area, degree days, heating share
    assert main(["annex", *args, "--place", "Luleå"]) == 2
    assert "no degree days for place 'Luleå'" in _error(capsys)


def test_denominators_file_feeds_an_intensity(
    files: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # kg CO2e per inhabitant: with inhabitants for 2023 and 2024 the metric has a verdict; with
    # 2023 only, 2024 is a gap (Ej bedömd), never a 0 or an infinity.
    metrics = tmp_path / "m.csv"
    metrics.write_text(
        "Nyckel;Mätetal;Enhet;Riktning;Källa\n"
        "per_inv;Utsläpp per invånare;kg/invånare;lägre;intensity:total:invånare\n",
        encoding="utf-8",
    )
    both = tmp_path / "invanare.csv"
    both.write_text("År;Nämnare;Värde\n2023;invånare;100 000\n2024;invånare;100 000\n")
    one = tmp_path / "invanare_2023.csv"
    one.write_text("År;Nämnare;Värde\n2023;invånare;100 000\n")
    args = ["annex", str(files["akt"]), "--metrics", str(metrics), "-o", str(tmp_path)]

    def verdict(denominators: Path) -> str:
        assert main([*args, "--denominators", str(denominators)]) == 0
        out = capsys.readouterr().out.splitlines()
        return next(x for x in out if x.startswith("Utsläpp per invånare"))

    assert verdict(both).endswith(("Positiv", "Negativ", "Oförändrad"))
    assert verdict(one).endswith("Ej bedömd")
    bad = tmp_path / "bad.csv"
    bad.write_text("År;Nämnare;Värde\n2024;invånare;många\n", encoding="utf-8")
    assert main([*args, "--denominators", str(bad)]) == 2
    assert f"{bad}:2: kolumn 'Värde', värdet 'många'" in _error(capsys)


def test_several_bad_cells_are_listed_in_swedish(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    files["yta"].write_text("År;Yta (m2)\n2024;12 kvm\n2025;x\n", encoding="utf-8")
    assert main(["annex", str(files["akt"]), "--area", str(files["yta"])]) == 2
    err = _error(capsys)
    lines = err.strip().splitlines()
    assert lines[0].startswith("klimatkalk: fel: ") and lines[0].endswith(": 2 problem"), err
    assert "problem(s)" not in err and "column" not in err and "value" not in err
    assert f"  - {files['yta']}:2: kolumn 'Yta (m2)', värdet '12 kvm': tecknet" in err
    assert f"  - {files['yta']}:3: kolumn 'Yta (m2)', värdet 'x'" in err
    argv = ["annex", str(files["akt"]), "--area", str(files["yta"]), "--lang", "en"]
    assert main(argv) == 2
    assert "2 problem(s)" in _error(capsys)


def _region_workbook(path: Path) -> Path:
    """An export with a note in row 1, the header in row 2 and deliberate mistakes.

    ======  =====================  ======  =====  ========================================
    row     Aktivitet              Mängd   Enhet  energy 2024
    ======  =====================  ======  =====  ========================================
    3       El, nordisk elmix      1,1     GWh    1 100 000 kWh = 1 100 MWh
    4       Fjärrvärme, Göteborg   3 100   MWh    3 100 MWh
    5       Diesel                 10 000  l      10 000 × 35.5 MJ/l / 3.6 = 98 611 kWh → 99
    6       Diesel                 500     kWh    rejected: diesel is measured in litres
    7       Diesel                 −50     l      rejected: a negative quantity
    8       Lustgas                ca 200  kg     rejected: not a number (and not energy)
    ======  =====================  ======  =====  ========================================

    Summa 2024: 1 100 + 3 100 + 98.611 = 4 298.6 MWh → "4 299".
    """
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Export"
    ws.append(["Utdrag ur ekonomisystemet, Region Testland"])
    ws.append(["År", "Aktivitet", "Mängd", "Enhet", "Verksamhet"])
    for row in [
        (2024, "El, nordisk elmix", 1.1, "GWh", "Akutsjukhuset"),
        (2024, "Fjärrvärme, Göteborg", 3100, "MWh", "Fastighet"),
        (2024, "Diesel", 10000, "l", "Ambulanssjukvård"),
        (2024, "Diesel", 500, "kWh", "Reservkraft"),
        (2024, "Diesel", -50, "l", "Ambulanssjukvård"),
        (2024, "Lustgas", "ca 200", "kg", "Förlossning"),
    ]:
        ws.append(list(row))
    wb.save(path)
    return path


def test_annex_leaves_out_rejected_rows_and_counts_activities_written_by_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    region = _region_workbook(tmp_path / "region.xlsx")
    out = tmp_path / "bilaga"
    # the rejected rows are rejected rows (exit code 1), not an error that writes nothing (2)
    assert main(["annex", str(region), "--annex", "-o", str(out)]) == 1
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err and "fel:" not in captured.err
    assert "3 avvisade rader" in captured.err
    assert "region.xlsx[Export] rad 7, kolumn mängd '-50': negativ mängd" in captured.err
    markdown = (out / "klimatredovisning_2024_bilaga.md").read_text(encoding="utf-8")
    markdown = markdown.replace("\u00a0", " ")
    assert "| Lokaler och verksamhet | El | – | 1 100 |" in markdown
    assert "| Lokaler och verksamhet | Fjärrvärme | – | 3 100 |" in markdown
    assert "| Transporter | Övriga transporter | – | 99 |" in markdown
    assert "| Summa |  | – | 4 299 |" in markdown
    assert "| Övriga transporter | 99 |" in markdown
    assert (
        "3 rader som beräkningen avvisade räknas inte heller i bilagan (energi, EED, fossilfria "
        "andelar, utsläpp): region.xlsx (blad Export) rad 6, 7, 8."
    ) in markdown
    assert "other" not in markdown  # no English category word in the Swedish annex


def test_report_with_annex_writes_the_report_and_the_annex_despite_rejected_rows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    region = _region_workbook(tmp_path / "region.xlsx")
    out = tmp_path / "rapport"
    assert main(["report", str(region), "--annex", "-o", str(out)]) == 1
    assert "Traceback" not in capsys.readouterr().err
    assert (out / "klimatredovisning_2024.md").exists()
    assert (out / "klimatredovisning_2024_bilaga.md").exists()


def test_annex_in_english_names_other_transport_and_the_left_out_rows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    region = _region_workbook(tmp_path / "region.xlsx")
    out = tmp_path / "annex"
    assert main(["annex", str(region), "--annex", "--lang", "en", "-o", str(out)]) == 1
    capsys.readouterr()
    markdown = (out / "klimatredovisning_2024_bilaga.md").read_text(encoding="utf-8")
    assert "| Transport | Other transport | – | 99 |" in markdown
    assert "| Other transport | 99 |" in markdown
    assert "| Total |  | – | 4,299 |" in markdown
    assert (
        "3 rows the calculation rejected are not counted in the annex either (energy, EED, "
        "fossil-free shares, emissions): region.xlsx (sheet Export) rows 6, 7, 8."
    ) in markdown
