"""A region's own spend analysis as a factor folder, and a ledger export mapped by CPV code.

The example files are the ones ``klimatkalk examples`` writes (src/klimatkalk/data/examples):
``miljospendanalys/`` (own categories, kg CO2e per SEK of 2024, valid 2024), the ledger
``inkop_cpv_2024.csv`` (SEK excl. VAT, 2024) and the mapping ``inkop_cpv.toml`` (CPV prefixes).
Expected figures are the example table's values times the ledger's amounts, by hand.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

import klimatkalk as kk
from klimatkalk.io.example_files import write_examples
from klimatkalk.io.mapping import SheetMapping, load_mapping


@pytest.fixture(scope="module")
def examples(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("examples")
    write_examples(folder)
    return folder


def _by_row(result: kk.EmissionsResult) -> pd.DataFrame:
    rows = result.rows.set_index("origin_row")
    return rows[["activity", "quantity", "emissions_kg_co2e", "factor_id", "factor_set"]]


def test_own_spend_analysis_and_cpv_ledger(examples: Path) -> None:
    factors = kk.load_factors(["bundled", examples / "miljospendanalys"])
    acts = kk.read_activities(examples / "inkop_cpv_2024.csv", mapping=examples / "inkop_cpv.toml")
    result = kk.calculate_emissions(acts, factors)
    rows = _by_row(result)
    # file row: CPV code → activity (prefix), SEK × kg CO2e/SEK (price year 2024 = the year)
    expected = {
        2: ("msa_lakemedel", 2_400_000 * 0.04),  # 33600000-6, "336*": 96 000 kg
        3: ("msa_sjukvardsmaterial", 350_000 * 0.03),  # 33141110-4, "3314*": 10 500 kg
        4: ("msa_sjukvardsmaterial", 820_000 * 0.03),  # 33140000-3: 24 600 kg
        5: ("msa_livsmedel", 180_000 * 0.05),  # 15100000-9, "15*": 9 000 kg
        6: ("msa_livsmedel", 410_000 * 0.05),  # 15000000-8: 20 500 kg
        7: ("msa_datorer", 260_000 * 0.02),  # 30213000-5, "302*": 5 200 kg
        8: ("msa_mobler", 95_000 * 0.025),  # 39100000-3, "391*": 2 375 kg
    }
    for row, (activity, kg) in expected.items():
        assert rows.loc[row, "activity"] == activity
        assert rows.loc[row, "emissions_kg_co2e"] == pytest.approx(kg)
        assert rows.loc[row, "factor_set"] == "miljospendanalys"
        assert rows.loc[row, "factor_id"] == f"{activity}-2024"
    own = sum(kg for _, kg in expected.values())
    assert own == pytest.approx(168_175.0)
    # 98310000-9 is mapped in full to a bundled activity and takes the bundled factor
    assert rows.loc[9, "activity"] == "purchase_laundry"
    assert rows.loc[9, "factor_set"] == "bundled"
    # 79000000-4 (consultancy) has no label: rejected with its value and file row, not dropped
    rejected = result.rejected
    assert rejected[["value", "reason", "origin_row"]].values.tolist() == [
        ["79000000-4", "unknown_activity", 10]
    ]
    assert len(result.rows) + len(rejected) == 9
    # the own table's rows cite their source
    source = factors.sources["exempelland-miljospendanalys-2024"]
    assert source.publisher == "Region Exempelland"


def test_cli_with_own_folder_and_mapping(examples: Path, tmp_path: Path) -> None:
    out = tmp_path / "ut.csv"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "klimatkalk",
            "calculate",
            str(examples / "inkop_cpv_2024.csv"),
            "--mapping",
            str(examples / "inkop_cpv.toml"),
            "--factors",
            "bundled",
            "--factors",
            str(examples / "miljospendanalys"),
            "--machine-csv",
            "-o",
            str(out),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1, done.stderr  # one row rejected, the result still written
    assert "Traceback" not in done.stderr
    rows = pd.read_csv(out)
    own = rows[rows["factor_set"] == "miljospendanalys"]
    assert own["emissions_kg_co2e"].sum() == pytest.approx(168_175.0)


def test_prefix_labels(tmp_path: Path) -> None:
    path = tmp_path / "cpv.csv"
    path.write_text(
        "CPV;Belopp (SEK)\n33141110-4;100\n33141200-2;200\n33100000-1;300\n4010;400\n",
        encoding="utf-8",
    )
    mapping = {
        "year": 2024,
        "columns": {"activity": "CPV", "quantity": "Belopp (SEK)"},
        # the longest prefix wins; a label in full wins over every prefix
        "labels": {"331*": "a_331", "3314*": "a_3314", "33141110-4": "a_full"},
    }
    acts = kk.read_activities(path, mapping=mapping)
    assert acts.frame["activity"].tolist() == ["a_full", "a_3314", "a_331", "4010"]


def test_account_numbers_in_a_workbook(tmp_path: Path) -> None:
    # a workbook's account column holds numbers (4020.0): they match the labels "4020", "41*"
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in (["Konto", "Belopp (SEK)"], [4020, 1000], [4110, 2000], [4999, 5]):
        sheet.append(row)
    path = tmp_path / "konto.xlsx"
    book.save(path)
    mapping = {
        "year": 2024,
        "columns": {"activity": "Konto", "quantity": "Belopp (SEK)"},
        "labels": {"4020": "purchase_pharmaceuticals", "41*": "purchase_food"},
    }
    acts = kk.read_activities(path, mapping=mapping)
    assert acts.frame["activity"].astype(str).tolist() == [
        "purchase_pharmaceuticals",
        "purchase_food",
        "4999",
    ]


@pytest.mark.parametrize(
    ("labels", "match"),
    [
        ({"33*1*": "x"}, "may only end a label"),
        ({"33**": "x"}, "may only end a label"),
        ({"*": "x"}, "would map every value"),
        ({"kto*": "x", "KTO*": "y"}, "listed twice"),
    ],
)
def test_bad_prefix_labels_are_refused(labels: dict[str, str], match: str) -> None:
    with pytest.raises(kk.ActivityDataError, match=match) as info:
        load_mapping({"labels": labels})
    assert info.value.headline == "the mapping is invalid"


def test_activity_code_is_the_value_when_no_label_matches() -> None:
    mapping = SheetMapping(labels={"15*": "msa_livsmedel"})
    assert mapping.activity_code("15000000-8") == "msa_livsmedel"
    assert mapping.activity_code("Diesel") == "Diesel"


def test_own_folder_errors_name_file_row_column(tmp_path: Path, examples: Path) -> None:
    folder = tmp_path / "egna"
    (folder / "factors").mkdir(parents=True)
    (folder / "sources.csv").write_bytes(
        (examples / "miljospendanalys" / "sources.csv").read_bytes()
    )
    (folder / "activities.csv").write_text(
        "activity,label_sv,label_en,category,subcategory,scope,ghg_category,dimension,note\n"
        "cpv-33600000,Läkemedel,Pharmaceuticals,purchases,goods,3,1,currency,\n",
        encoding="utf-8",
    )
    (folder / "factors" / "egna.csv").write_text(
        "factor_id,activity,value,unit,gas,gwp_set,boundary,price_year,valid_from,valid_to,"
        "source_id,source_locator,note\n"
        "x-2024,cpv_33600000,0.04,kg CO2e / SEK,CO2e,,,2024,2024,2024,"
        "exempelland-miljospendanalys-2024,t 2,\n"
        "y-2024,msa_nothing,0.04,kg CO2e / SEK,CO2e,,,2024,2024,2024,no-such-source,t 2,\n",
        encoding="utf-8",
    )
    with pytest.raises(kk.FactorDataError) as info:
        kk.load_factors(["bundled", folder])
    text = str(info.value)
    # a CPV code with its dash is no activity code; the reader names file, row and value
    assert "activities.csv:2: column 'activity' value 'cpv-33600000'" in text
    assert "egna.csv:2: column 'activity' value 'cpv_33600000'" in text
    assert "egna.csv:3: column 'source_id' value 'no-such-source'" in text
