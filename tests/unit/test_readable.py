"""What `klimatkalk calculate` prints and writes for people is Swedish (issue 16).

The expected words are the report's labels (src/klimatkalk/report/_labels.py) written out here;
the expected figures are hand arithmetic on the fixture factor set
(tests/fixtures/factors_minimal: diesel 2.5 kg CO2e/l in 2024, N2O GWP 265 in AR5).
"""

from __future__ import annotations

import glob
import re
from pathlib import Path

import pandas as pd
import pytest

from klimatkalk.cli import main
from klimatkalk.report._messages import message_text, note_text
from klimatkalk.report._sources import locator

FACTORS = str(Path(__file__).parents[1] / "fixtures" / "factors_minimal")
ROOT = Path(__file__).parents[2]

# English words of the program's own that a Swedish reader must not see in these outputs.
ENGLISH = (
    "rows", "row", "calculated", "rejected", "skipped", "total", "Total", "wrote", "note",
    "year", "category", "activity", "quantity", "unit", "emissions", "origin_file",
    "origin_sheet", "origin_row", "emissions_kg_co2e", "factor_id", "lifecycle", "bundled",
    "transport", "energy", "medical_gases", "vehicles", "business_travel", "True", "False",
    "unit_dimension_mismatch", "unknown_activity", "not_a_number", "negative_quantity",
    "invalid_year", "missing_value", "the", "is", "of", "not", "a", "did", "you", "mean",
    "value", "missing", "character", "allowed", "separated", "proxy", "stretched", "reported",
    "set_not_stated", "chosen_set", "recomputed", "status", "reason", "message", "column",
)  # fmt: skip
_WORD = re.compile(r"(?<![\w'-])(" + "|".join(re.escape(w) for w in ENGLISH) + r")(?![\w'-])")
_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"")


@pytest.fixture(autouse=True)
def _default_language(monkeypatch: pytest.MonkeyPatch) -> None:
    """No language set by an earlier test or the environment: the default, Swedish."""
    import klimatkalk.formatting

    monkeypatch.setattr(klimatkalk.formatting, "_setting", {})
    monkeypatch.delenv("KLIMATKALK_LANG", raising=False)


BAD = (
    "år;aktivitet;mängd;enhet;verksamhet\n"
    "2024;diesel;1 000;l;Akut\n"  # line 2: 1000 l × 2.5 kg/l = 2.5 t
    "2024;disel;5;l;Akut\n"  # 3: a misspelt activity
    "2024;diesel;12 kr;l;Akut\n"  # 4: not a number
    "2024;diesel;5;kWh;Akut\n"  # 5: a unit of another kind
    "2024;diesel;-5;l;Akut\n"  # 6: negative
    "1850;diesel;5;l;Akut\n"  # 7: a year out of range
    "2024;diesel;;l;Akut\n"  # 8: missing
)


def _english(text: str, codes: set[str] = frozenset()) -> list[str]:
    """English words of ``text`` outside quotation marks, less ``codes`` (ids of things)."""
    text = _QUOTED.sub(" ", text)
    for code in sorted(codes, key=len, reverse=True):
        text = re.sub(r"(?<![\w-])" + re.escape(code) + r"(?![\w-])", " ", text)
    return sorted({m.group(1) for m in _WORD.finditer(text)})


@pytest.fixture
def bad_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str, Path]:
    path = tmp_path / "indata.csv"
    path.write_text(BAD, encoding="utf-8")
    out = tmp_path / "rader.csv"
    code = main(["calculate", str(path), "--factors", FACTORS, "-o", str(out)])
    printed = capsys.readouterr()
    return code, printed.out, printed.err, tmp_path


def test_calculate_prints_swedish(bad_run: tuple[int, str, str, Path]) -> None:
    code, out, _, folder = bad_run
    assert code == 1
    lines = out.splitlines()
    assert lines[0].endswith(
        "indata.csv: 1 rad beräknad, 6 avvisade, 0 överhoppade (AR5GWP100, livscykel)"
    )
    assert lines[1].endswith("indata.csv: teckenkodning utf-8, fälten avgränsade med ';'")
    assert lines[1].startswith("obs: ")
    assert lines[2].split() == ["År", "Kategori", "Utsläpp", "(t", "CO2e)"]
    assert lines[3].split() == ["2024", "Transporter", "2,500"]  # 1000 l × 2.5 kg/l = 2.5 t
    assert "Totalt 2024: 2,500 t CO2e" in out
    assert f"skrev {folder / 'rader.csv'} och {folder / 'rader_avvisade.csv'}" in out
    assert _english(out, {"indata.csv", "rader.csv", "rader_avvisade.csv"}) == []


def test_rejected_rows_on_stderr_are_one_swedish_line_each(
    bad_run: tuple[int, str, str, Path],
) -> None:
    _, _, err, _ = bad_run
    lines = [line.strip() for line in err.strip().splitlines()]
    assert lines[0] == "6 avvisade rader:"
    assert [line.split(": ", 1)[0].split("indata.csv ")[1] for line in lines[1:]] == [
        "rad 3, kolumn aktivitet 'disel'",
        "rad 4, kolumn mängd '12 kr'",
        "rad 5, kolumn enhet 'kWh'",
        "rad 6, kolumn mängd '-5'",
        "rad 7, kolumn år '1850'",
        "rad 8, kolumn mängd",
    ]
    said = [line.split(": ", 1)[1] for line in lines[1:]]
    assert said[0].startswith(
        "okänd aktivitet (finns inte i aktivitetskatalogen): menade du 'diesel'"
    )
    assert said[1] == "inte ett tal: tecknet 'k' (U+006B) får inte stå i ett tal"
    assert said[2] == (
        "enheten passar inte aktiviteten (fel storhet): enheten mäter energi, men aktiviteten "
        "mäts i volym (till exempel l)"
    )
    assert said[3] == "negativ mängd: en mängd är 0 eller mer; för in returer som en egen aktivitet"
    assert said[4] == "ogiltigt år: ett år är ett heltal 1900–2100"
    assert said[5] == "värde saknas"
    assert _english(err, {"indata.csv", "diesel", "diesel_mk3", "car_diesel"}) == []


def test_calculate_csv_has_swedish_headings_and_words(
    bad_run: tuple[int, str, str, Path],
) -> None:
    _, _, _, folder = bad_run
    rows = pd.read_csv(folder / "rader.csv", sep=";", decimal=",", encoding="utf-8-sig")
    assert list(rows.columns[:9]) == [
        "År", "Aktivitet", "Benämning", "Mängd", "Enhet", "Verksamhet", "Fil", "Blad",
        "Rad i filen",
    ]  # fmt: skip
    row = rows.iloc[0]
    assert row["Utsläpp (kg CO2e)"] == pytest.approx(2500.0)  # 1000 l × 2.5 kg/l
    assert (row["Rad i filen"], row["Kategori"], row["Systemgräns"]) == (
        2,
        "Transporter",
        "livscykel",
    )
    assert row["Faktoruppsättning"] == "factors_minimal"  # a user's own folder keeps its name
    assert row["Faktor med annan systemgräns"] == "Nej"
    codes = {*rows["Aktivitet"], *rows["Faktor-id"], *rows["Käll-id"], "factors_minimal"}
    codes |= {str(v) for v in rows["Fil"]}
    assert _english(" ".join(rows.columns), codes) == []
    text = (folder / "rader.csv").read_text(encoding="utf-8-sig")
    assert _english(text.replace(";", " "), codes) == []

    rejected = pd.read_csv(folder / "rader_avvisade.csv", sep=";", encoding="utf-8-sig")
    assert list(rejected.columns) == [
        "Fil", "Blad", "Rad i filen", "Kolumn i Excel", "Rubrik i filen", "Kolumn", "Värde",
        "Status", "Orsak", "Meddelande",
    ]  # fmt: skip
    assert rejected["Status"].tolist() == ["avvisad"] * 6
    assert rejected["Kolumn"].tolist() == ["aktivitet", "mängd", "enhet", "mängd", "år", "mängd"]
    assert rejected["Orsak"].tolist() == [
        "okänd aktivitet (finns inte i aktivitetskatalogen)",
        "inte ett tal",
        "enheten passar inte aktiviteten (fel storhet)",
        "negativ mängd",
        "ogiltigt år",
        "värde saknas",
    ]
    assert rejected["Värde"].tolist()[3] == "-5"  # a number as typed, no apostrophe
    body = (folder / "rader_avvisade.csv").read_text(encoding="utf-8-sig")
    assert (
        _english(body.replace(";", " "), {"indata.csv", "diesel", "diesel_mk3", "car_diesel"}) == []
    )


def test_english_is_an_option(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "indata.csv"
    path.write_text(BAD, encoding="utf-8")
    out = tmp_path / "rows.csv"
    assert main(["calculate", str(path), "--factors", FACTORS, "-o", str(out), "--lang", "en"])
    printed = capsys.readouterr()
    assert "indata.csv: 1 rows calculated, 6 rejected, 0 skipped (AR5GWP100, lifecycle)" in (
        printed.out
    )
    assert "Total 2024: 2.500 t CO2e" in printed.out
    assert "row 5, column unit 'kWh': the unit does not fit the activity" in printed.err
    rows = pd.read_csv(out, sep=";", decimal=",", encoding="utf-8-sig")
    assert rows[["Category", "Boundary"]].iloc[0].tolist() == ["Transport", "lifecycle"]
    assert (tmp_path / "rows_rejected.csv").exists()
    monkeypatch.setenv("KLIMATKALK_LANG", "en")  # the default for every command
    main(["calculate", str(path), "--factors", FACTORS])
    assert "1 rows calculated" in capsys.readouterr().out


def test_machine_csv_keeps_the_codes(tmp_path: Path) -> None:
    path = tmp_path / "indata.csv"
    path.write_text(BAD, encoding="utf-8")
    out = tmp_path / "rows.csv"
    assert main(["calculate", str(path), "--factors", FACTORS, "-o", str(out), "--machine-csv"])
    rows = pd.read_csv(out)
    assert list(rows.columns[:3]) == ["row", "year", "activity"]
    assert rows[["category", "boundary"]].iloc[0].tolist() == ["transport", "lifecycle"]
    rejected = pd.read_csv(tmp_path / "rows_rejected.csv")
    assert rejected["reason"].tolist()[2] == "unit_dimension_mismatch"


def test_examples_and_template_say_skrev(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["examples", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == f"skrev {tmp_path / 'aktiviteter.xlsx'}"


def test_a_workbooks_notes_and_skipped_rows_are_swedish() -> None:
    assert note_text("a.xlsx[Blad1]: header on row 3; the rows above it are notes", "sv") == (
        "a.xlsx[Blad1]: rubrikraden är rad 3; raderna ovanför läses som anteckningar"
    )
    assert note_text("a.xlsx[Blad1]: 2 hidden row(s) (4, 7) read like the others; delete them "
                     "in the file if they are not data", "sv") == (
        "a.xlsx[Blad1]: 2 dolda rader (4, 7) lästa som de andra; ta bort dem i filen om de "
        "inte är data"
    )  # fmt: skip
    assert note_text("x.csv: cp1252, tab-separated", "sv") == (
        "x.csv: teckenkodning cp1252, fälten avgränsade med tabbtecken"
    )


@pytest.mark.parametrize(
    ("message", "swedish"),
    [
        (
            "not in the activity catalogue (see klimatkalk factors list)",
            "se klimatkalk factors list",
        ),
        ("the factor set covers 2019–2025", "faktoruppsättningen gäller 2019–2025"),
        (
            "vehicle-km (vkm, fordonskm) given, but the activity is measured in person-km (pkm, "
            "personkm): give person-km (pkm) or km travelled per person; vehicle-km become "
            "person-km only with an occupancy",
            "fordonskm (vkm) angivet, men aktiviteten mäts i personkm (pkm); omräkning kräver en "
            "beläggning (personer per fordon)",
        ),
        (
            "'mWh': write MWh for megawatt-hours (mWh would be milliwatt-hours)",
            "'mWh': skriv MWh för megawattimmar (mWh vore milliwattimmar)",
        ),
        (
            "both '.' and ',' are used; pass decimal=\",\" or decimal=\".\" to say which is the "
            "decimal mark",
            "både '.' och ',' används; ange decimaltecknet (--decimal comma eller --decimal point)",
        ),
        (
            "target year 2020 must be after the latest reported year 2024 and at most the "
            "horizon 2050",
            "målåret 2020 måste ligga efter det senaste redovisade året 2024 och högst vid "
            "prognosens slutår 2050",
        ),
        (
            "/tmp/r.xlsx is a file; write_report needs a folder",
            "/tmp/r.xlsx är en fil; rapporten skrivs i en mapp (-o MAPP)",
        ),
        (
            "unknown unit 'milj' in 'milj kr'; known units include l, ton (tonne)",
            "okänd enhet 'milj' i 'milj kr'; kända enheter är bland andra l, ton (metriskt ton)",
        ),
        ("an unknown shape stays as it is", "an unknown shape stays as it is"),
    ],
)
def test_messages_in_swedish(message: str, swedish: str) -> None:
    assert message_text(message, "sv") == swedish
    assert message_text(message, "en") == message


# Unit strings the grammar refuses, each for another reason (klimatkalk.units).
REFUSED_UNITS = (
    "mWh", "mj", "mW", "mt", "Mg", "l**9", "l**-9", "kg//l", "/l", "kg l", "kg/", "a" * 61,
    "kg*l*m*s*h", "l$", "foo", "kWh*kg",
)  # fmt: skip
UNIT_ENGLISH = re.compile(
    r"\b(write|would|be|for|unknown|unit|units|known|include|tonne|tonnes|power|to|more|than|"
    r"two|without|between|ends|longer|characters|does|not|parse|at|names|such|as|joined|by|"
    r"with|small|integer|powers|is|any|activity|dimension|hours|joules|watts|megagrams|"
    r"milligrams|megatonnes|volume|mass|energy|distance|currency|time)\b"
)


@pytest.mark.parametrize("unit", REFUSED_UNITS)
def test_a_refused_unit_is_explained_in_swedish(unit: str) -> None:
    from klimatkalk.errors import UnitError
    from klimatkalk.units import parse_activity_unit

    with pytest.raises(UnitError) as refused:
        parse_activity_unit(unit)
    said = str(message_text(refused.value.message, "sv"))
    quoted = re.sub(r"'[^']*'", "", said)  # the unit as given stays as it is
    assert not UNIT_ENGLISH.findall(quoted), said
    assert message_text(refused.value.message, "en") == refused.value.message


def test_unit_grammar_messages_read_naturally() -> None:
    from klimatkalk.errors import UnitError
    from klimatkalk.units import parse_activity_unit

    def sv(unit: str) -> object:
        with pytest.raises(UnitError) as refused:
            parse_activity_unit(unit)
        return message_text(refused.value.message, "sv")

    assert sv("l**9") == "exponenten 9 är inte tillåten (bara 1 till 4)"
    assert sv("mWh") == "'mWh': skriv MWh för megawattimmar (mWh vore milliwattimmar)"
    assert sv("kg l") == "två enheter utan * eller / mellan sig"
    assert "ton (metriskt ton)" in str(sv("foo"))


LOCATOR_ENGLISH = (
    "Abstract", "Article", "Flat", "file", "Publication", "page", "summary", "unit", "litres",
    "also", "all", "and", "of", "the", "with", "from", "for", "by", "row", "rows", "Row", "Rows",
    "Table", "table", "Sheet", "column", "Section", "section", "Paragraph", "paragraph",
    "quoted", "value", "validFrom", "First", "paragraphs", "statistics", "share", "Summary",
    "Introduction", "margins", "without", "days", "example", "headline", "News", "Code",
    "levels", "August",
)  # fmt: skip


def test_every_bundled_locator_reads_swedish_outside_its_quotes() -> None:
    """The appendix's words around a locator's quoted source text (e.g. validFrom) are Swedish."""
    word = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, LOCATOR_ENGLISH)) + r")(?![\w-])")
    found = {}
    for path in sorted(glob.glob(str(ROOT / "emission_factors" / "factors" / "*.csv"))):
        for text in pd.read_csv(path, dtype=str)["source_locator"].dropna():
            shown = _QUOTED.sub(" ", locator(text, "sv"))
            if word.search(shown):
                found[text] = sorted(set(word.findall(shown)))
    assert not found, found
    assert locator(
        "Parameter values table, row 'SE' (52 g_co2e_kwh, validFrom 2021-01-01)", "sv"
    ) == ("Tabell med parametervärden, rad 'SE' (52 g_co2e_kwh, giltig från 2021-01-01)")


def test_skipped_rows_are_named_once_in_swedish(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "indata.csv"
    path.write_text(
        "år;aktivitet;mängd;enhet\n2024;diesel;1 000;l\n\n2024;Summa;1 000;\n", encoding="utf-8"
    )
    out = tmp_path / "rader.csv"
    assert main(["calculate", str(path), "--factors", FACTORS, "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "1 rad beräknad, 0 avvisade, 2 överhoppade" in printed
    assert (
        "överhoppade rader: tomma rader 1 st, summarader (räknas inte två gånger) 1 st" in printed
    )
    rejected = pd.read_csv(tmp_path / "rader_avvisade.csv", sep=";", encoding="utf-8-sig")
    assert rejected["Status"].tolist() == ["överhoppad", "överhoppad"]
    assert rejected["Orsak"].tolist() == ["tom rad", "summarad (räknas inte två gånger)"]
    assert rejected["Meddelande"].isna().all()  # the reason says it; no English detail


def test_factor_commands_speak_swedish_and_english(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["factors", "show", "el", "--factors", FACTORS]) == 0
    shown = capsys.readouterr().out.splitlines()
    assert [line.split(":")[0].strip() for line in shown[1:]] == [
        "värde", "systemgräns", "giltig", "källa", "plats", "fil",
    ]  # fmt: skip
    assert shown[5] == "  plats:       rad 4"  # the fixture's locator "row 4"
    assert main(["factors", "show", "el", "--factors", FACTORS, "--lang", "en"]) == 0
    assert "  value:    50.0 g CO2e / kWh" in capsys.readouterr().out
    assert main(["factors", "list", "--factors", FACTORS, "--activity", "diesel"]) == 0
    header, first = capsys.readouterr().out.splitlines()[:2]
    assert header.split()[:4] == ["Faktor-id", "Aktivitet", "Värde", "Enhet"]
    assert "livscykel" in first or "förbränning" in first


# Words of the messages below that would show they were left in English.
MORE_ENGLISH = re.compile(
    r"\b(empty|workbook|sheet|sheets|folder|file|files|save|read|formula|formulas|fails|"
    r"header|columns|first|exists|already|replaces|target|must|after|latest|horizon|"
    r"needs|old|binary|archive|counts)\b"
)


def _mistakes(folder: Path) -> dict[str, list[str]]:
    """A user's mistakes with files, each as the command line it is made on."""
    import openpyxl

    (folder / "tom.csv").write_text("", encoding="utf-8")
    (folder / "tom.xlsx").write_bytes(b"not a zip archive at all")
    (folder / "gammal.xls").write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 60)
    (folder / "en_mapp").mkdir()
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Export"
    sheet.append(["År", "Aktivitet", "Mängd", "Enhet"])
    sheet.append([2024, "diesel", "=1/0", "l"])
    sheet.append([2024, "diesel", 5, "l"])
    book.save(folder / "fel.xlsx")
    (folder / "atgarder.csv").write_text("Åtgärd;Kategori\nx;y\n", encoding="utf-8")
    data = str(folder / "fel.xlsx")
    return {
        "tom csv": ["calculate", str(folder / "tom.csv")],
        "tom xlsx": ["calculate", str(folder / "tom.xlsx")],
        "xls": ["calculate", str(folder / "gammal.xls")],
        "mapp": ["calculate", str(folder / "en_mapp")],
        "blad": ["calculate", data, "--sheet", "Finns"],
        "formel": ["calculate", data, "--factors", FACTORS],
        "rapport till fil": ["report", data, "--factors", FACTORS, "-o", data],
        "åtgärder": ["scenario", data, "--factors", FACTORS, "-o", str(folder / "s"),
                     "--measures", str(folder / "atgarder.csv")],
    }  # fmt: skip


def test_a_users_file_mistakes_are_said_in_swedish(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Each of these printed an English message in a Swedish run (a QA pass as a new user).
    for name, args in _mistakes(tmp_path).items():
        main(args)
        printed = capsys.readouterr()
        text = printed.err + printed.out
        lines = [line for line in text.splitlines() if "fel" in line or "rad " in line]
        assert lines, (name, text)
        for line in lines:
            bare = _QUOTED.sub(" ", line.replace(str(tmp_path), ""))
            assert not MORE_ENGLISH.findall(bare), (name, line)
    assert main(["examples", str(tmp_path / "ex")]) == 0
    capsys.readouterr()
    main(["examples", str(tmp_path / "ex")])  # a second time: the files exist
    err = capsys.readouterr().err
    assert "finns redan:" in err and "--overwrite ersätter dem" in err
