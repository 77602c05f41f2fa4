"""The report says the right things, in Swedish: issue 16 ("Numbers and words in Swedish", "The
report is right") and issue 20 (multipliers per year range, no base year, publishers cited).

Expected figures come from hand arithmetic on the fixture factor set
(tests/fixtures/factors_minimal: diesel 2.0 kg CO2e/l to 2022, 2.5 kg CO2e/l in 2023-2024 by
the revision, electricity 50 g CO2e/kWh, food 0.5 kg CO2e/SEK at 2020 prices with KPI 2019: 200,
2020: 250, 2024: 400) or from the bundled factor files named in each test.
"""

from __future__ import annotations

import html as html_lib
import re
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest

import klimatkalk as kk
from klimatkalk.errors import ErrorReason
from klimatkalk.formatting import NBSP
from klimatkalk.report import ReportFiles, build_report_tables, write_report
from klimatkalk.report._labels import REASONS
from klimatkalk.report._sources import citation, locator
from klimatkalk.report.tables import report_text, summary_rows

# Words of the program's own (not a quoted source's) English that a Swedish reader must not see.
ENGLISH = (
    "bundled", "lifecycle", "combustion", "origin_sheet", "origin_file", "origin_row",
    "unknown_activity", "not_a_number", "unknown_unit", "Table", "Sheet", "Section", "Row",
    "row", "rows", "column", "quoted", "Source", "Validity", "Locator", "Note", "Emissions",
    "Total", "Rejected", "Factor", "Year", "Summary", "Second-hand", "Derived", "carried",
    "verify", "Paragraph", "Introduction", "News", "Reduction", "path", "Change", "Share",
    "Category", "Activity", "Value", "Unit", "Quality", "Publisher", "Title", "Proxy",
)  # fmt: skip
_WORD = re.compile(r"(?<![\w-])(" + "|".join(re.escape(w) for w in ENGLISH) + r")(?![\w-])")
_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"")


# ------------------------------------------------------------------------------------ fixtures


@pytest.fixture(scope="module")
def example() -> kk.EmissionsResult:
    """The bundled example region (2019-2025) with two rows that cannot be calculated."""
    frame = kk.load_example_activities().frame
    bad = pd.DataFrame(
        {
            "year": [2024, 2024],
            "activity": ["no_such_activity", "diesel"],
            "quantity": ["5", "x"],
            "unit": ["l", "l"],
            "org_unit": ["Stab", "Stab"],
            "origin_sheet": ["Blad1", "Blad1"],
        }
    )
    return kk.calculate_emissions(pd.concat([frame, bad], ignore_index=True), kk.load_factors())


@pytest.fixture(scope="module")
def swedish(example: kk.EmissionsResult, tmp_path_factory: pytest.TempPathFactory) -> ReportFiles:
    return write_report(example, 2024, tmp_path_factory.mktemp("sv") / "rapport")


def _visible_text(files: ReportFiles, result: kk.EmissionsResult) -> dict[str, str]:
    """The Swedish outputs' text, less what is a code or a source's own wording.

    Left out: identifiers (factor, source and activity codes), URLs, text in quotation marks
    (quoted from a source), the sources' own publisher names and titles, and the xlsx column
    that carries the factor file's note as original text (its header says so).
    """
    used = result.factors_used()
    codes = {
        *used["factor_id"].astype(str),
        *used["source_id"].astype(str),
        *used["activity"].astype(str),
        *result.rows["activity"].astype(str),
    }
    own = {*used["publisher"].dropna().astype(str), *used["title"].dropna().astype(str)}
    tables = build_report_tables(result, 2024)
    own |= {*tables.factors["publisher"].astype(str), *tables.factors["title"].astype(str)}
    wb = openpyxl.load_workbook(files.xlsx)
    cells: list[str] = []
    for ws in wb:
        rows = list(ws.iter_rows(values_only=True))
        header = [str(h) for h in rows[0]] if rows else []
        skip = {i for i, h in enumerate(header) if "originaltext" in h}
        for row in rows:
            cells += [str(v) for i, v in enumerate(row) if v is not None and i not in skip]
    page = html_lib.unescape(re.sub(r"<[^>]+>", "\n", files.html.read_text(encoding="utf-8")))
    page = re.sub(r"<style>.*?</style>", "", page, flags=re.S)
    texts = {
        "xlsx": "\n".join(cells),
        "html": re.sub(r"data:image/png;base64,\S+", "", page),
        "md": files.markdown.read_text(encoding="utf-8").replace("\\", ""),
    }
    out = {}
    for kind, raw in texts.items():
        text = raw
        for name in sorted(own, key=len, reverse=True):
            text = text.replace(name, " ")
        text = re.sub(r"https?://\S+", " ", text)
        text = _QUOTED.sub(" ", text)
        for code in sorted(codes, key=len, reverse=True):
            text = re.sub(r"(?<![\w-])" + re.escape(code) + r"(?![\w-])", " ", text)
        out[kind] = text
    return out


# ------------------------------------------------------------------------------------ 1 Swedish


def test_swedish_outputs_have_no_leftover_english(
    swedish: ReportFiles, example: kk.EmissionsResult
) -> None:
    for kind, text in _visible_text(swedish, example).items():
        found = sorted({m.group(1) for m in _WORD.finditer(text)})
        context = [text[max(m.start() - 40, 0) : m.end() + 40] for m in _WORD.finditer(text)][:5]
        assert not found, f"{kind}: {found} in {context}"


# What the command line says in English when a Swedish run lets it through (argparse's own words,
# the summary's): none of them may reach a Swedish reader either.
CLI_ENGLISH = (
    *ENGLISH, "error", "usage", "options", "required", "invalid", "choice", "choose",
    "unrecognized", "expected", "calculated", "rejected", "skipped", "wrote", "note", "does",
    "exist", "file", "folder", "would", "write", "unknown", "units", "known", "include", "tonne",
    "power", "without", "between", "mean", "did", "catalogue", "published", "edition",
    "activity", "Empty", "DataFrame",
)  # fmt: skip
_CLI_WORD = re.compile(r"(?<![\w-])(" + "|".join(re.escape(w) for w in CLI_ENGLISH) + r")(?![\w-])")
# Columns whose cells are codes or the user's own text, not the program's words.
_CODE_COLUMNS = (
    "Aktivitet", "Faktor-id", "Käll-id", "Fil", "Blad", "Värde", "Rubrik i filen", "Enhet",
    "Faktorns enhet", "Verksamhet", "Kolumn i Excel",
)  # fmt: skip


def _cli_leftovers(text: str) -> list[str]:
    text = _QUOTED.sub(" ", text)  # the values the user typed, quoted
    return [text[max(m.start() - 40, 0) : m.end() + 40] for m in _CLI_WORD.finditer(text)]


def test_calculate_outputs_and_error_lines_have_no_leftover_english(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from klimatkalk.cli import main

    monkeypatch.delenv("KLIMATKALK_LANG", raising=False)
    monkeypatch.chdir(tmp_path)
    assert main(["examples", "."]) == 0
    bad = tmp_path / "fel.csv"
    bad.write_text(
        "år;aktivitet;mängd;enhet\n2024;el;5;kWh\n2024;diesel;3;mWh\n2024;diesel;3;l**9\n"
        "2024;diesel;x;l\n2024;fjärrvärme;1;MWh\n2024;diesel;3;foo\n2024;diesel;3;kg l\n",
        encoding="utf-8",
    )
    ok = tmp_path / "ett_ar.csv"
    ok.write_text("år;aktivitet;mängd;enhet\n2024;diesel;5;l\n", encoding="utf-8")
    out = tmp_path / "rader.csv"
    assert main(["calculate", "aktiviteter.xlsx", str(bad), "-o", str(out)]) == 1
    printed = capsys.readouterr()
    texts = {"stdout": printed.out, "stderr": printed.err}
    for path in (out, tmp_path / "rader_avvisade.csv"):
        frame = pd.read_csv(path, sep=";", dtype=str, encoding="utf-8-sig").fillna("")
        kept = frame.drop(columns=[c for c in _CODE_COLUMNS if c in frame])
        texts[path.name] = "\n".join([" ".join(kept.columns), *kept.astype(str).agg(" ".join, 1)])
    assert "Totalt 2024" in texts["stdout"] and "avvisade rader" in texts["stderr"]
    assert main(["calculate", str(bad)]) == 1  # nothing but rejected rows
    texts["no rows"] = capsys.readouterr().err
    assert "Inga rader kunde beräknas." in texts["no rows"]
    for argv in (
        ["calculate"],
        ["calculate", "nofile.xlsx"],
        ["calculate", str(bad), "--bogus"],
        ["calculate", str(bad), "--sheet"],
        ["calculate", str(bad), "--moms", "ja"],
        ["calculate", str(bad), "--gwp-set", "AR9"],
        ["calculate", str(bad), "--edition", "1900"],
        ["calculate", str(bad), "--factors", "ingen_mapp"],
        ["report", str(bad), "--target", "150"],
        ["report", str(bad), "--year", "tjugo"],
        ["report", str(ok), "--year", "2023", "-o", "rapport"],
        ["scenario", str(ok), "--draws", "0", "-o", "scenario"],
        ["calculate", str(ok), "--mapping", str(bad)],
        ["factors", "show", "diesel"],
        ["factors", "list", "--activity", "disel"],
        ["factors", "list", "--category", "nonsense"],
        ["räkna"],
    ):
        assert main(argv) == 2, argv
        texts[" ".join(argv)] = capsys.readouterr().err
    assert len(texts["rader.csv"]) > 10_000 and "Orsak" in texts["rader_avvisade.csv"]
    assert _cli_leftovers("klimatkalk: error: unrecognized arguments: --x")  # it can fail
    found = {kind: _cli_leftovers(text) for kind, text in texts.items()}
    assert not any(found.values()), {k: v[:5] for k, v in found.items() if v}


def test_rejected_rows_sheet_in_swedish(swedish: ReportFiles) -> None:
    ws = openpyxl.load_workbook(swedish.xlsx)["Avvisade rader"]
    rows = list(ws.iter_rows(values_only=True))
    header = [str(h) for h in rows[0]]
    assert "Blad" in header  # origin_sheet
    assert "Meddelande" not in header  # the reader's English detail is in the English report
    records = [dict(zip(header, r, strict=True)) for r in rows[1:]]
    reasons = {r["Orsak"] for r in records}
    assert reasons == {
        "okänd aktivitet (finns inte i aktivitetskatalogen)",
        "inte ett tal",
    }
    assert {r["Kolumn"] for r in records} == {"aktivitet", "mängd"}


def test_every_rejection_reason_has_a_swedish_text() -> None:
    assert {r.value for r in ErrorReason} <= set(REASONS)


def test_english_report_exists_as_an_option(example: kk.EmissionsResult, tmp_path: Path) -> None:
    files = write_report(example, 2024, tmp_path / "en", lang="en")
    wb = openpyxl.load_workbook(files.xlsx)
    assert wb.sheetnames[0] == "Summary"
    summary = {r[0]: r[1] for r in wb["Summary"].iter_rows(values_only=True)}
    assert summary["Factor set"] == "bundled (klimatkalk)"
    assert summary["Boundary"] == "lifecycle"
    rejected = list(wb["Rejected rows"].iter_rows(values_only=True))
    assert "Message" in rejected[0]
    html = files.html.read_text(encoding="utf-8")
    assert '<html lang="en">' in html
    assert "Emissions in 2024 were" in html


def test_locator_words_are_swedish_and_quotes_stay() -> None:
    # emission_factors/factors/fuels.csv, row hvo100-lifecycle
    given = "Table 'Drivmedel' (fuels delivered 2016), row 'HVO' (476 g CO2e/l, 14 g/MJ)"
    assert locator(given, "sv") == (
        "Tabell 'Drivmedel' (drivmedel levererade 2016), rad 'HVO' (476 g CO2e/l, 14 g/MJ)"
    )
    assert locator("Table 'Row and Table'", "sv") == "Tabell 'Row and Table'"  # quoted: as is
    desnz = "Business travel- air, Flights, Domestic, to/from UK, Average passenger"
    assert locator(desnz, "sv") == f"'{desnz}'"  # the publisher's own row label, quoted
    assert locator(given, "en") == given


# ------------------------------------------------------------------------------------ 2 xlsx


def test_xlsx_numbers_have_formats_units_frozen_headers_and_widths(swedish: ReportFiles) -> None:
    wb = openpyxl.load_workbook(swedish.xlsx)
    for ws in wb:
        assert ws.freeze_panes == "A2", ws.title
        assert ws.column_dimensions["A"].width, ws.title
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, float):
                    assert cell.number_format != "General", (ws.title, cell.coordinate)
    categories = wb["Kategorier"]
    header = [c.value for c in categories[1]]
    assert "Utsläpp (t CO2e)" in header
    assert "Andel (%)" in header
    emissions = categories.cell(row=2, column=header.index("Utsläpp (t CO2e)") + 1)
    share = categories.cell(row=2, column=header.index("Andel (%)") + 1)
    # Excel stores formats in its neutral notation; a Swedish Excel shows these as
    # "# ##0" and "0,0 %".
    assert emissions.number_format == "#,##0"
    assert share.number_format == "0.0\\ %"


def test_totals_do_not_change_when_rows_are_reordered(minimal_factors: kk.FactorTable) -> None:
    # Amounts whose float sum depends on the order: 0.1 + 0.2 + 0.3 l etc. of diesel at
    # 2.5 kg/l, plus large and small rows. The exact total is (0.1+0.2+0.3)*2.5 + 1e6*2.5 + ...
    rng = np.random.default_rng(16)
    quantities = np.concatenate([rng.uniform(0, 1, 500) * 10.0 ** rng.integers(-3, 7, 500)])
    frame = pd.DataFrame(
        {
            "year": 2024,
            "activity": "diesel",
            "quantity": quantities,
            "unit": "l",
            "org_unit": rng.choice(["A", "B"], len(quantities)),
        }
    )
    totals = set()
    units = set()
    for seed in range(6):
        shuffled = frame.sample(frac=1.0, random_state=seed).reset_index(drop=True)
        tables = build_report_tables(kk.calculate_emissions(shuffled, minimal_factors), 2024)
        totals.add(tables.total_t)
        units.add(tuple(tables.org_units["emissions_t_co2e"]))
    assert len(totals) == 1
    assert len(units) == 1
    import math

    exact = math.fsum(q * 2.5 for q in quantities) / 1000  # 2.5 kg CO2e/l, kg → t
    assert totals.pop() == pytest.approx(exact, rel=1e-12)


# ------------------------------------------------------------------------------------ 3 no 2025


def test_a_2024_report_shows_nothing_from_2025(
    swedish: ReportFiles, example: kk.EmissionsResult
) -> None:
    assert 2025 in set(example.rows["year"])  # the example region has 2025 outcomes
    tables = build_report_tables(example, 2024)
    assert tables.by_year.index.max() == 2024
    assert int(tables.path["year"].max()) == 2030
    assert tables.path.loc[tables.path["year"] == 2025, "actual_t_co2e"].isna().all()
    used_up_to_2024 = set(example.rows.loc[example.rows["year"] <= 2024, "factor_id"])
    assert set(tables.factors["factor_id"]) == used_up_to_2024
    assert not tables.factors["factor_id"].str.contains("2025").any()
    series = list(openpyxl.load_workbook(swedish.xlsx)["Tidsserie"].iter_rows(values_only=True))
    assert [r[0] for r in series[1:]] == list(range(2019, 2025))
    appendix = [r for r in openpyxl.load_workbook(swedish.xlsx)["Emissionsfaktorer"].values][1:]
    assert not [r for r in appendix if "2025" in str(r[0])]


def test_rejected_rows_of_the_base_year_and_of_later_years_are_said(
    minimal_factors: kk.FactorTable,
) -> None:
    # Rejected: one 2019 row (misspelt), one 2024 row (a unit of the wrong kind) and one 2031
    # row (no factor for that year). The 2024 report counts the two up to 2024, says that the
    # base year lacks one row, and that one rejected row of a later year is not in it.
    rows = pd.DataFrame(
        [
            (2019, "electricity", 10, "MWh"),
            (2019, "electricitty", 10, "MWh"),
            (2024, "electricity", 10, "MWh"),
            (2024, "electricity", 10, "kg"),
            (2031, "electricity", 10, "MWh"),
        ],
        columns=["year", "activity", "quantity", "unit"],
    )
    tables = build_report_tables(kk.calculate_emissions(rows, minimal_factors), 2024)
    assert (len(tables.rejected), tables.rejected_base, tables.rejected_later) == (2, 1, 1)
    summary = {r.label: r.value for r in summary_rows(tables)}
    assert summary["Avvisade rader t.o.m. 2024"] == 2
    assert summary["Avvisade rader i basåret 2019"] == 1
    sentence = report_text(tables).rejected
    assert "I basåret 2019 kunde 1 rad inte beräknas" in sentence
    assert "Avvisade rader för år efter 2024 (1 rad) ingår inte i rapporten" in sentence


# ------------------------------------------------------------------------------------ 4 caveats


def test_a_category_new_in_the_year_is_not_a_percentage_change(
    minimal_factors: kk.FactorTable, tmp_path: Path
) -> None:
    # 2019: 1 000 l diesel × 2.0 = 2 t. 2024: 1 000 l × 2.5 = 2.5 t, and purchases first
    # recorded: 1 200 kSEK × 250/400 × 0.5 kg/SEK = 375 t. Total 2024 = 377.5 t, 375/377.5 =
    # 99.3 %; like for like (diesel only) 2 → 2.5 t = +25 % (+0.5 t).
    frame = pd.DataFrame(
        {
            "year": [2019, 2024, 2024],
            "activity": ["diesel", "diesel", "purchase_food"],
            "quantity": [1000, 1000, 1200],
            "unit": ["l", "l", "kSEK"],
        }
    )
    result = kk.calculate_emissions(frame, minimal_factors)
    tables = build_report_tables(result, 2024)
    assert tables.new_categories == ("purchases",)
    assert tables.like_for_like == pytest.approx((2.0, 2.5))
    files = write_report(result, 2024, tmp_path / "sv")
    md = files.markdown.read_text(encoding="utf-8")
    assert "| Inköp | 3 | 375 | 99,3 % | – | ny 2024 |" in md.replace(NBSP, " ")
    assert "Inköp är ny 2024" in md
    assert "Jämförbart, med bara kategorier som finns båda åren: +25 % (+0,5 t CO₂e)" in md.replace(
        NBSP, " "
    )
    html = files.html.read_text(encoding="utf-8").replace(NBSP, " ")
    assert ">+25 %</div>" in html  # the like-for-like card beside the headline change
    english = write_report(result, 2024, tmp_path / "en", lang="en")
    en = english.markdown.read_text(encoding="utf-8")
    assert "new in 2024" in en
    assert "Like for like, with only the categories present in both years: +25%" in en


def test_the_change_column_keeps_a_decimal_when_a_change_is_below_ten_percent(
    minimal_factors: kk.FactorTable, tmp_path: Path
) -> None:
    # Diesel: 2019 1 000 l × 2.0 = 2 000 kg, 2024 796 l × 2.5 = 1 990 kg → −0.5 %.
    # Nitrous oxide: 10 kg → 5 kg × 265 (AR5) = 2 650 → 1 325 kg → −50 %.
    # Total: 4 650 → 3 315 kg → −28.7 %. One change below 10 %: one decimal in the column.
    frame = pd.DataFrame(
        {
            "year": [2019, 2019, 2024, 2024],
            "activity": ["diesel", "nitrous_oxide", "diesel", "nitrous_oxide"],
            "quantity": [1000, 10, 796, 5],
            "unit": ["l", "kg", "l", "kg"],
        }
    )
    files = write_report(kk.calculate_emissions(frame, minimal_factors), 2024, tmp_path / "r")
    md = files.markdown.read_text(encoding="utf-8").replace(NBSP, " ")
    # shares: 1 990 / 3 315 = 60,0 %, 1 325 / 3 315 = 40,0 %
    assert "| Transporter | 1 | 2,0 | 60,0 % | 2,0 | −0,5 % |" in md
    assert "| Medicinska gaser | 1 | 1,3 | 40,0 % | 2,6 | −50,0 % |" in md
    assert "| 3,3 | 100,0 % | 4,7 | −28,7 % |" in md
    # the headline figure alone follows format_change: −28,7 % is above 10 %, whole percent
    assert "**−29 %** Förändring mot basåret 2019" in md
    # diesel alone: 2 000 → 1 990 kg is −0,5 %: the headline keeps its decimal, not "0 %"
    diesel = frame[frame["activity"] == "diesel"]
    small = write_report(kk.calculate_emissions(diesel, minimal_factors), 2024, tmp_path / "s")
    text = small.markdown.read_text(encoding="utf-8").replace(NBSP, " ")
    assert "**−0,5 %** Förändring mot basåret 2019" in text
    assert "Det är −0,5 % (−0,010 t CO₂e) jämfört med basåret 2019" in text


# ------------------------------------------------------------------------------------ 6 validity


def test_overlapping_validities_say_which_row_applied(
    minimal_factors: kk.FactorTable, tmp_path: Path
) -> None:
    # Fixture: diesel-lca valid 2019-2023, diesel-lca-rev 2023-2024 (overlap in 2023; the
    # revision applies in 2023 and 2024).
    frame = pd.DataFrame(
        {"year": [2019, 2022, 2023, 2024], "activity": "diesel", "quantity": 1, "unit": "l"}
    )
    result = kk.calculate_emissions(frame, minimal_factors)
    tables = build_report_tables(result, 2024)
    used = dict(zip(tables.factors["factor_id"], tables.factors["years_used"], strict=True))
    assert used == {"diesel-lca": "2019, 2022", "diesel-lca-rev": "2023–2024"}
    files = write_report(result, 2024, tmp_path / "r")
    md = files.markdown.read_text(encoding="utf-8")
    assert "Giltighetsperioderna överlappar för Diesel" in md
    assert "| 2019–2023 | 2019, 2022 |" in md


# ------------------------------------------------------------------------------------ 7 path


def test_path_status_and_needed_reduction_in_the_reports_language(
    swedish: ReportFiles, example: kk.EmissionsResult
) -> None:
    md = swedish.markdown.read_text(encoding="utf-8").replace(NBSP, " ")
    assert "Inte i linje med målbanan" in md or "I linje med målbanan" in md
    assert re.search(r"behöver utsläppen minska med \d+,\d % per år från 2024", md)


# ------------------------------------------------------------------------------------ 8 issue 20


def test_method_states_the_multiplier_of_each_year_range(
    example: kk.EmissionsResult, swedish: ReportFiles
) -> None:
    # emission_factors/high_altitude.csv: 1.9 for 2019-2022 (BEIS), 1.7 from 2023 (DESNZ)
    md = swedish.markdown.read_text(encoding="utf-8")
    assert "faktor 1,90 för 2019–2022" in md
    assert "1,70 för 2023–2024" in md
    assert "2025" not in md.split("Flygresor")[1].split("\n")[0]


def test_no_base_year_leaves_out_the_change_chart_and_the_one_point_path(
    minimal_factors: kk.FactorTable, tmp_path: Path
) -> None:
    frame = pd.DataFrame({"year": [2024], "activity": ["diesel"], "quantity": [1], "unit": ["l"]})
    files = write_report(kk.calculate_emissions(frame, minimal_factors), 2024, tmp_path / "r")
    assert set(files.plots) == {"by_year"}
    html = files.html.read_text(encoding="utf-8")
    assert html.count("data:image/png;base64,") == 1
    assert "diagrammen över förändring och målbana utelämnas" in html


def test_appendix_cites_publishers_not_intermediaries(
    example: kk.EmissionsResult, swedish: ReportFiles
) -> None:
    # emission_factors/sources.csv, epa-useeio-sef-v1-3-via-sungkomp: an EPA table read from a
    # GitHub copy; doi 10.23719/1531143 is the EPA's.
    c = citation(
        "U.S. EPA Office of Research and Development",
        "Supply Chain Greenhouse Gas Emission Factors v1.3 by NAICS-6 (SupplyChainGHGEmission"
        "Factors_v1.3.0_NAICS_CO2e_USD2022.csv, as carried in sungkomp/mcp-csv-agent data/)",
        "2024",
        "https://github.com/sungkomp/mcp-csv-agent",
        "doi:10.23719/1531143",
    )
    assert c.url == "https://doi.org/10.23719/1531143"
    assert "carried" not in c.title
    assert c.carrier == "sungkomp/mcp-csv-agent data/"
    assert c.carrier_url == "https://github.com/sungkomp/mcp-csv-agent"
    # Energimarknadsinspektionen's residual mix as quoted by a GitHub project (sources.csv,
    # ei-residualmix-2024-via-led-kalkylator)
    ei = citation(
        "Energimarknadsinspektionen (Ei), quoted by julius447/Led-kalkylator (GitHub)",
        "Nordisk residualmix 2024 (CO2 g/kWh, calculated by Grexel), as quoted in "
        "Led-kalkylator research-dossier.md section 5 'CO2-faktor'",
        "2025",
        "https://github.com/julius447/Led-kalkylator",
        "",
    )
    assert ei.publisher == "Energimarknadsinspektionen (Ei)"
    assert ei.url is None
    assert ei.carrier == "julius447/Led-kalkylator (GitHub)"
    html = swedish.html.read_text(encoding="utf-8")
    md = swedish.markdown.read_text(encoding="utf-8")
    for text in (html, md):
        assert "as carried in" not in text
        assert "quoted by" not in text
        assert "github.com/sungkomp" not in text
    # The purchases now use EXIOBASE 3.8.2 read in Climatiq's copy (sources.csv,
    # exiobase-3-8-2-via-climatiq-oefdb): the Zenodo record is the link, Climatiq the carrier.
    assert "Andrahandsuppgift, läst via climatiq/Open-Emission-Factors-DB" in html
    assert 'href="https://zenodo.org/record/5589597"' in html


def test_the_summary_says_when_the_trend_meets_the_target(
    minimal_factors: kk.FactorTable, tmp_path: Path
) -> None:
    frame = pd.DataFrame(
        {"year": [2019, 2024], "activity": "diesel", "quantity": [40_000, 30_000], "unit": "l"}
    )
    result = kk.calculate_emissions(frame, minimal_factors)
    files = write_report(result, 2024, tmp_path / "sv", trend_year=2037)
    md = files.markdown.read_text(encoding="utf-8")
    assert "Med nuvarande trend nås målet år 2037." in md
    files = write_report(result, 2024, tmp_path / "en", trend_year=2037, lang="en")
    assert "At the current trend the target is met in 2037." in files.markdown.read_text(
        encoding="utf-8"
    )
    # 80 t in 2019, 75 t in 2024 (40 000 l × 2.0, 30 000 l × 2.5): the linear path asks for
    # 80 × (1 − 0.5 × 5/11) = 61.8 t; off track, so the needed yearly cut is stated.
    sv = (tmp_path / "sv" / "klimatredovisning_2024.md").read_text(encoding="utf-8")
    assert "Utsläppen ligger inte i linje med målbanan" in sv
    assert "behöver utsläppen minska med" in sv


def test_the_trend_hook_finds_the_year_the_trend_meets_the_target(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import sys
    import types

    from klimatkalk.analysis.trajectory import Trajectory
    from klimatkalk.report.tables import trend_meets_target

    # A forecast whose trend line is 80 − 5 × (year − 2019): the linear path's 2030 target is
    # 80 × 0.5 = 40, which the line reaches when year − 2019 = 8, in 2027.
    fake = types.ModuleType("klimatkalk.analysis.forecast")

    def trend_line(years: object, values: object) -> tuple[float, float]:
        return -5.0, 80.0 + 5.0 * 2019

    fake.trend_line = trend_line  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "klimatkalk.analysis.forecast", fake)
    path = Trajectory.linear(2019, 2030, 0.5, base_value=80.0)
    totals = pd.Series([80.0, 75.0, 70.0], index=[2019, 2020, 2021])
    assert trend_meets_target(totals, path, 2019) == 2027
    assert trend_meets_target(totals.iloc[:2], path, 2019) is None  # two years: no trend
    rising = types.ModuleType("klimatkalk.analysis.forecast")
    rising.trend_line = lambda years, values: (1.0, 0.0)  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "klimatkalk.analysis.forecast", rising)
    assert trend_meets_target(totals, path, 2019) is None  # a rising trend never meets it


def test_the_trend_of_the_total_is_the_sum_of_the_categories_lines(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import sys
    import types

    from klimatkalk.analysis.trajectory import Trajectory
    from klimatkalk.report.tables import trend_meets_target

    fake = types.ModuleType("klimatkalk.analysis.forecast")

    def trend_line(years: np.ndarray, values: np.ndarray) -> tuple[float, float]:
        slope, intercept = np.polyfit(years, values, 1)  # the data below lie on lines
        return float(slope), float(intercept)

    fake.trend_line = trend_line  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "klimatkalk.analysis.forecast", fake)
    # A: 60, 40, 20 (−20 a year, 0 from 2022 on); B: 20, 22, 24 (+2 a year). Target −80 % of
    # 80 t = 16 t. The line through the totals 80, 62, 44 (−18 a year) reaches 16 t when
    # 80 − 18 k ≤ 16, k ≥ 3.56: 2023. The categories' lines, A clipped at zero, sum to
    # 0 + 20 + 2 k > 16 from 2022 on: never — the forecast's total says the same.
    by_year = pd.DataFrame(
        {"a": [60.0, 40.0, 20.0], "b": [20.0, 22.0, 24.0]}, index=[2019, 2020, 2021]
    )
    path = Trajectory.linear(2019, 2030, 0.8, base_value=80.0)
    assert trend_meets_target(by_year.sum(axis=1), path, 2019) == 2023
    assert trend_meets_target(by_year, path, 2019) is None
    # Target −50 % = 40 t: 80 − 18 k ≤ 40 at k = 3 (A 0, B 26): 2022 either way
    half = Trajectory.linear(2019, 2030, 0.5, base_value=80.0)
    assert trend_meets_target(by_year, half, 2019) == 2022


def test_the_factor_appendix_says_each_rows_class_from_quality_csv(
    example: kk.EmissionsResult,
) -> None:
    # emission_factors/quality.csv classes diesel-mk1-lifecycle-2024 as proxy (its bio share is
    # a stand-in): the appendix says so first, as `klimatkalk factors show` does.
    factors = build_report_tables(example, 2024).factors.set_index("factor_id")
    assert factors.loc["diesel-mk1-lifecycle-2024", "quality"].startswith(
        "ersättningsvärde (proxy)"
    )


def test_the_workbook_lists_the_rows_every_figure_is_summed_from(swedish: ReportFiles) -> None:
    # An auditor recomputes the year's total and a row from the workbook alone: the sheet
    # "Beräknade rader" holds every row of 2024 and of the base year 2019, with its factor.
    book = openpyxl.load_workbook(swedish.xlsx)
    rows = list(book["Beräknade rader"].iter_rows(values_only=True))
    header, body = rows[0], [r for r in rows[1:] if r[0] is not None and isinstance(r[0], int)]
    col = {name: i for i, name in enumerate(header)}
    assert {r[col["År"]] for r in body} == {2019, 2024}
    summary = {r[0]: r[1] for r in book["Sammanfattning"].iter_rows(values_only=True)}
    total_2024 = sum(r[col["Utsläpp (kg CO2e)"]] for r in body if r[col["År"]] == 2024) / 1000
    assert total_2024 == pytest.approx(summary["Utsläpp 2024"], abs=0.05)
    diesel = next(r for r in body if r[col["Aktivitet"]] == "diesel" and r[col["Enhet"]] == "l")
    # a litre row: quantity × the factor's kg CO2e per litre
    assert diesel[col["Faktorns enhet"]] == "kg CO2e / l"
    expected = diesel[col["Mängd"]] * diesel[col["Faktorvärde"]]
    assert diesel[col["Utsläpp (kg CO2e)"]] == pytest.approx(expected)


def test_the_base_years_own_report_says_the_path_starts_there(
    minimal_factors: kk.FactorTable, tmp_path: Path
) -> None:
    # A report of the base year itself: no "0 t under the path", no change chart "2019–2019".
    rows = pd.DataFrame(
        {"year": [2019], "activity": ["diesel"], "quantity": [1000], "unit": ["l"]}
    )  # 1000 l × 2.0 kg/l = 2.0 t
    result = kk.calculate_emissions(rows, minimal_factors)
    text = report_text(build_report_tables(result, 2019)).verdict
    assert text is not None and text.replace("\xa0", " ").startswith(
        "Basåret 2019 är målbanans startpunkt: 2"
    )
    files = write_report(result, 2019, tmp_path / "r")
    assert "base_year_change" not in files.plots


def test_the_factor_appendix_gives_the_gwp_that_turned_kg_of_gas_into_co2e(
    tmp_path: Path,
) -> None:
    # Bundled factors: nitrous oxide and R404A are given in kg of the gas. AR5 GWP100 of N2O is
    # 265 (AR6: 273); R404A is 44 % HFC-125, 52 % HFC-143a, 4 % HFC-134a by mass:
    # 0.44 × 3170 + 0.52 × 4800 + 0.04 × 1300 = 3942.8 (AR5). Diesel is in CO2e: no GWP.
    frame = pd.DataFrame(
        {
            "year": [2019, 2024, 2024, 2024],
            "activity": ["diesel", "nitrous_oxide", "refrigerant_r404a", "diesel"],
            "quantity": [10, 2, 1, 10],
            "unit": ["l", "kg", "kg", "l"],
        }
    )
    factors = kk.load_factors()
    result = kk.calculate_emissions(frame, factors)
    md = write_report(result, 2024, tmp_path / "sv").markdown.read_text(encoding="utf-8")
    md = md.replace(NBSP, " ")
    header = next(line for line in md.splitlines() if line.startswith("| Faktor-id"))
    assert "| Värde | GWP-värde (GWP-version) | Giltighet (år) |" in header
    lines = {line.split(" | ")[0].strip("| "): line for line in md.splitlines()}
    assert "| 1 kg N2O / kg | 265 (AR5, 100 år) |" in lines["nitrous\\_oxide"]
    assert "| 1 kg R404A / kg | 3 942,8 (AR5, 100 år) |" in lines["refrigerant\\_r404a"]
    diesel = next(v for k, v in lines.items() if k.startswith("diesel-mk1-lifecycle-2024"))
    assert " kg CO2e / l |  | " in diesel

    book = openpyxl.load_workbook(write_report(result, 2024, tmp_path / "xlsx").xlsx)
    sheet = list(book["Emissionsfaktorer"].iter_rows(values_only=True))
    col = {name: i for i, name in enumerate(sheet[0])}
    n2o = next(r for r in sheet if r[0] == "nitrous_oxide")
    assert (n2o[col["GWP-värde"]], n2o[col["GWP-värdets version"]]) == (265, "AR5GWP100")

    ar6 = kk.calculate_emissions(frame, factors, gwp_set="AR6GWP100")
    files = write_report(ar6, 2024, tmp_path / "en", lang="en")
    page = html_lib.unescape(files.html.read_text(encoding="utf-8"))
    assert "273 (AR6, 100 years)" in page
