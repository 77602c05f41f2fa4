"""The spend chain (issue 19): every step of a row redone by hand.

The factor folder is written here, so every expected figure is the arithmetic in the comments
applied to the numbers in this file (and, for the price index, to SCB's KPI in ``kpi.csv``).
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

import klimatkalk as kk
from klimatkalk.errors import FactorDataError

SOURCES = (
    "source_id,publisher,title,year,url,doc_id,retrieved,license,note,year_basis\n"
    "test-spend,Test publisher,Spend factors for a test,2024,https://example.org/spend,,"
    "2026-12-04,,,\n"
)
BASIS_HEADER = (
    "factor_id,source_id,currency,price_basis,vat_basis,economy,model,model_version,licence,"
    "margin_share,margin_source_id,margin_locator,low,high,range_note,stretched,note\n"
)
FACTORS_HEADER = (
    "factor_id,activity,value,unit,gas,gwp_set,boundary,price_year,valid_from,valid_to,"
    "source_id,source_locator,note\n"
)


def write_folder(
    folder: Path,
    *,
    factors: str,
    basis: str,
    rates: str = "year,currency,sek_per_unit,source_id,source_locator,note\n"
    "2019,EUR,10.5,test-spend,Table 2,\n",
    vat: str = "vat_class,rate,valid_from,valid_to,source_id,source_locator,note\n"
    "standard,0.25,2019,2025,test-spend,Section 1,\n"
    "reduced_12,0.12,2019,2025,test-spend,Section 2,\n",
    activity_vat: str = "activity,vat_class,note\n"
    "purchase_furniture,standard,\npurchase_food,reduced_12,\n",
) -> Path:
    (folder / "factors").mkdir(parents=True)
    (folder / "sources.csv").write_text(SOURCES, encoding="utf-8")
    (folder / "factors" / "spend.csv").write_text(FACTORS_HEADER + factors, encoding="utf-8")
    (folder / "spend_basis.csv").write_text(BASIS_HEADER + basis, encoding="utf-8")
    (folder / "exchange_rates.csv").write_text(rates, encoding="utf-8")
    (folder / "vat_rates.csv").write_text(vat, encoding="utf-8")
    (folder / "activity_vat.csv").write_text(activity_vat, encoding="utf-8")
    return folder


EUR_FACTOR = (
    "t-furniture-eur,purchase_furniture,0.25,kg CO2e / EUR,CO2e,AR5GWP100,,2019,2019,2025,"
    "test-spend,Table 1,\n"
)
EUR_BASIS = (
    "t-furniture-eur,test-spend,EUR,basic,excl,producer mix,EXIOBASE,3.8.2,CC BY-SA 4.0,"
    "0.2,,,0.2,0.4,low: country A; high: country B,true,documented assumption: margin 20 %\n"
)
SEK_INCL_FACTOR = (
    "t-food-incl,purchase_food,0.05,kg CO2e / SEK,CO2e,,,2019,2019,2025,test-spend,Table 3,\n"
)
SEK_INCL_BASIS = (
    "t-food-incl,test-spend,SEK,purchaser,incl,Swedish public purchases,LCA,,public page,"
    ",,,,,,false,\n"
)


@pytest.fixture
def spend_factors(tmp_path: Path) -> kk.FactorTable:
    folder = write_folder(
        tmp_path / "spend", factors=EUR_FACTOR + SEK_INCL_FACTOR, basis=EUR_BASIS + SEK_INCL_BASIS
    )
    return kk.load_factors(["bundled", folder])


def calculate(factors: kk.FactorTable, **columns: list[object]) -> kk.EmissionsResult:
    return kk.calculate_emissions(kk.ActivityTable.from_frame(pd.DataFrame(columns)), factors)


def test_eur_basic_price_factor_row_by_hand(spend_factors: kk.FactorTable) -> None:
    # 12 500 kr incl. 25 % moms -> 12 500 / 1.25 = 10 000 kr ex moms (factor excl)
    # 2019 is the factor's price year: KPI factor 1
    # 10 000 kr / 10.5 kr per EUR = 952.381 EUR; basic price: x (1 - 0.2) = 761.905 EUR
    # x 0.25 kg CO2e / EUR = 190.476 kg; range 0.2 and 0.4 kg/EUR -> 152.381 and 304.762 kg
    res = calculate(
        spend_factors,
        year=[2019],
        activity=["purchase_furniture"],
        quantity=[12.5],
        unit=["TSEK"],
        moms=["inkl. moms"],
    )
    row = res.rows.iloc[0]
    assert row["spend_entered_sek"] == pytest.approx(12_500)
    assert row["vat_to_factor_basis"] == pytest.approx(1 / 1.25)
    assert row["price_index_factor"] == pytest.approx(1.0)
    assert row["exchange_rate"] == pytest.approx(10.5)
    assert row["basic_price_factor"] == pytest.approx(0.8)
    assert row["spend_in_factor_basis"] == pytest.approx(10_000 / 10.5 * 0.8)
    assert row["emissions_kg_co2e"] == pytest.approx(10_000 / 10.5 * 0.8 * 0.25)
    assert row["emissions_low_kg"] == pytest.approx(10_000 / 10.5 * 0.8 * 0.2)
    assert row["emissions_high_kg"] == pytest.approx(10_000 / 10.5 * 0.8 * 0.4)
    assert row["method"] == "spend-based"
    assert row["factor_vat_basis"] == "excl"
    # the chain redone from its own columns gives the emissions
    redone = (
        row["spend_entered_sek"]
        * row["vat_to_factor_basis"]
        * row["price_index_factor"]
        / row["exchange_rate"]
        * row["basic_price_factor"]
        * row["factor_value"]
    )
    assert redone == pytest.approx(row["emissions_kg_co2e"])


def test_price_index_step_uses_scb_kpi(spend_factors: kk.FactorTable) -> None:
    # 2023 spend in 2019 prices: x KPI(2019) / KPI(2023) = 334.26 / 403.70 (SCB annual averages,
    # kpi.csv); 10 000 kr ex moms -> 10 000 x 334.26 / 403.70 / 10.5 x 0.8 x 0.25 kg
    res = calculate(
        spend_factors, year=[2023], activity=["purchase_furniture"], quantity=[10_000], unit=["kr"]
    )
    row = res.rows.iloc[0]
    assert row["price_index_factor"] == pytest.approx(334.26 / 403.70)
    assert row["vat_to_factor_basis"] == pytest.approx(1.0)
    assert row["emissions_kg_co2e"] == pytest.approx(10_000 * 334.26 / 403.70 / 10.5 * 0.8 * 0.25)


def test_factor_incl_vat_adds_the_vat_to_ex_vat_spend(spend_factors: kk.FactorTable) -> None:
    # 1 000 kr ex moms of food, factor per krona incl. 12 % moms: 1 000 x 1.12 x 0.05 = 56 kg;
    # the same 1 120 kr entered incl. moms gives the same 56 kg
    res = calculate(
        spend_factors,
        year=[2019, 2019],
        activity=["purchase_food", "purchase_food"],
        quantity=[1000, 1120],
        unit=["SEK", "SEK"],
        moms=["exkl", "inkl"],
    )
    rows = res.rows
    assert rows["vat_to_factor_basis"].tolist() == pytest.approx([1.12, 1.0])
    assert rows["emissions_kg_co2e"].tolist() == pytest.approx([56.0, 56.0])
    assert rows["vat_rate"].tolist() == pytest.approx([0.12, 0.12])


def test_file_default_vat_basis_and_row_override(spend_factors: kk.FactorTable) -> None:
    table = kk.ActivityTable.from_frame(
        pd.DataFrame(
            {
                "year": [2019, 2019],
                "activity": ["purchase_furniture"] * 2,
                "quantity": [1250, 1000],
                "unit": ["SEK"] * 2,
                "moms": ["", "exkl"],
            }
        ),
        vat_basis="incl",
    )
    res = kk.calculate_emissions(table, spend_factors)
    # the blank row takes the file's basis (incl: 1 250 / 1.25 = 1 000), the other its own
    assert res.rows["spend_in_factor_basis"].tolist() == pytest.approx([1000 / 10.5 * 0.8] * 2)


def test_own_factor_overrides_the_catalogue_and_says_so(spend_factors: kk.FactorTable) -> None:
    # a laundry's own value, 0.35 kg CO2e per kg of textile: 2 000 kg x 0.35 = 700 kg
    res = calculate(
        spend_factors,
        year=[2024, 2024],
        activity=["purchase_laundry", "purchase_laundry"],
        quantity=[2000, 50_000],
        unit=["kg", "SEK"],
        egen_faktor=["0,35", None],
        egen_faktor_enhet=["kg CO2e / kg", None],
        egen_faktor_källa=["Tvätteri AB klimatdata 2024", None],
    )
    rows = res.rows.set_index("unit")
    own = rows.loc["kg"]
    assert own["emissions_kg_co2e"] == pytest.approx(700.0)
    assert own["method"] == "supplier-specific"
    assert bool(own["own_factor_used"])
    assert own["source_id"] == "Tvätteri AB klimatdata 2024"
    assert pd.isna(own["factor_id"])
    assert own["factor_value"] == pytest.approx(0.35)
    assert math.isnan(own["spend_entered_sek"])
    catalogue = rows.loc["SEK"]
    assert catalogue["method"] == "spend-based"
    assert not bool(catalogue["own_factor_used"])
    # totals by factor id or source go through the rows, not the catalogue's cells
    by_source = res.totals("source_id", unit="kg").set_index("source_id")
    assert by_source.loc["Tvätteri AB klimatdata 2024", "emissions_kg_co2e"] == pytest.approx(700)


def test_own_factor_hybrid_method(spend_factors: kk.FactorTable) -> None:
    res = calculate(
        spend_factors,
        year=[2024],
        activity=["purchase_laundry"],
        quantity=[10],
        unit=["t"],
        own_factor=[300],
        own_factor_unit=["kg CO2e / t"],
        own_factor_source=["Supplier EPD"],
        own_factor_method=["hybrid"],
    )
    assert res.rows["method"].tolist() == ["hybrid"]
    assert res.rows["emissions_kg_co2e"].tolist() == pytest.approx([3000.0])


def test_own_factor_problems_are_rejected_rows_naming_the_column(
    spend_factors: kk.FactorTable,
) -> None:
    res = calculate(
        spend_factors,
        year=[2024, 2024, 2024],
        activity=["purchase_laundry"] * 3,
        quantity=[1, 1, 1],
        unit=["kg", "kg", "kg"],
        own_factor=["0.5", "0.5", "0.5"],
        own_factor_unit=["kg CO2e / kg", "bananas", "kg CO2e / kWh"],
        own_factor_source=[None, "EPD", "EPD"],
    )
    assert len(res.rows) == 0
    rejected = res.rejected.set_index("row")
    assert rejected.loc[0, "column"] == "own_factor_source"
    assert rejected.loc[1, "column"] == "own_factor_unit"
    assert rejected.loc[2, "column"] == "own_factor_unit"
    assert rejected.loc[2, "reason"] == "unit_dimension_mismatch"


def test_unreadable_vat_basis_is_a_rejected_row(spend_factors: kk.FactorTable) -> None:
    res = calculate(
        spend_factors,
        year=[2019],
        activity=["purchase_food"],
        quantity=[100],
        unit=["SEK"],
        moms=["kanske"],
    )
    assert res.rejected[["column", "value"]].to_dict("records") == [
        {"column": "vat_basis", "value": "kanske"}
    ]


def test_incl_vat_without_a_rate_is_rejected_with_its_reason(tmp_path: Path) -> None:
    # The bundled services fallback has no VAT class (it mixes 0 % care and 6 % transport).
    folder = write_folder(
        tmp_path / "spend",
        factors=EUR_FACTOR.replace("purchase_furniture", "purchase_services"),
        basis=EUR_BASIS,
        activity_vat="activity,vat_class,note\n",
    )
    res = calculate(
        kk.load_factors(["bundled", folder]),
        year=[2019, 2019],
        activity=["purchase_services"] * 2,
        quantity=[100, 100],
        unit=["SEK"] * 2,
        moms=["inkl", "exkl"],
    )
    # ex VAT needs no rate (the factor is ex VAT too); incl VAT does
    assert len(res.rows) == 1
    assert res.rejected["column"].tolist() == ["vat_basis"]
    assert "VAT rate" in res.rejected["message"].iloc[0]


def test_method_totals_by_hand(spend_factors: kk.FactorTable) -> None:
    # spend: 1 000 kr food ex moms x 1.12 x 0.05 = 56 kg (no range: 56 at both ends)
    # supplier-specific: 100 kg laundry x 0.5 = 50 kg; nitrous oxide is not a purchase
    res = calculate(
        spend_factors,
        year=[2019, 2019, 2019],
        activity=["purchase_food", "purchase_laundry", "nitrous_oxide"],
        quantity=[1000, 100, 1],
        unit=["SEK", "kg", "kg"],
        own_factor=[None, 0.5, None],
        own_factor_unit=[None, "kg CO2e / kg", None],
        own_factor_source=[None, "EPD", None],
    )
    table = res.method_totals(2019, unit="kg").set_index("method")
    assert table.loc["spend-based", "emissions_kg_co2e"] == pytest.approx(56.0)
    assert table.loc["supplier-specific", "emissions_kg_co2e"] == pytest.approx(50.0)
    assert table.loc["spend-based", "share"] == pytest.approx(56 / 106)
    assert table.loc["spend-based", "low_kg_co2e"] == pytest.approx(56.0)


def test_factor_per_eur_needs_its_basis_row(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "spend", factors=EUR_FACTOR, basis="")
    with pytest.raises(FactorDataError) as caught:
        kk.load_factors(["bundled", folder])
    problem = caught.value.problems[0]
    assert problem.file.endswith("spend.csv")
    assert "spend_basis.csv" in problem.message


def test_factor_per_eur_needs_a_rate_for_its_price_year(tmp_path: Path) -> None:
    # price year 2021: neither this folder (2020) nor the bundled data (2019) has its rate
    folder = write_folder(
        tmp_path / "spend",
        factors=EUR_FACTOR.replace(",2019,2019,2025,", ",2021,2019,2025,"),
        basis=EUR_BASIS,
        rates="year,currency,sek_per_unit,source_id,source_locator,note\n"
        "2020,EUR,10.5,test-spend,Table 2,\n",
    )
    with pytest.raises(FactorDataError) as caught:
        kk.load_factors(["bundled", folder])
    assert "no EUR rate for 2021" in caught.value.problems[0].message


def test_a_later_folder_restates_the_bundled_rate_and_vat_class(tmp_path: Path) -> None:
    # The bundled data gives 10.590 SEK per EUR for 2019 and furniture the standard 25 %; this
    # folder restates 10.5 and puts furniture in its own 12 % class: its values are used.
    folder = write_folder(
        tmp_path / "spend",
        factors=EUR_FACTOR,
        basis=EUR_BASIS,
        activity_vat="activity,vat_class,note\npurchase_furniture,reduced_12,\n",
    )
    res = calculate(
        kk.load_factors(["bundled", folder]),
        year=[2019],
        activity=["purchase_furniture"],
        quantity=[1120],
        unit=["SEK"],
        moms=["inkl"],
    )
    row = res.rows.iloc[0]
    assert row["exchange_rate"] == pytest.approx(10.5)
    assert row["vat_to_factor_basis"] == pytest.approx(1 / 1.12)


@pytest.mark.parametrize(
    ("basis", "words"),
    [
        (EUR_BASIS.replace("0.2,0.4,", "0.3,0.4,"), "outside low–high"),
        (EUR_BASIS.replace(",EUR,basic,", ",USD,basic,"), "per EUR, not USD"),
        (EUR_BASIS.replace(",basic,excl,", ",basic,sometimes,"), "vat_basis"),
        (EUR_BASIS.replace("0.2,,,0.2", ",,,0.2"), "margin_share"),
        (EUR_BASIS.replace("low: country A; high: country B", ""), "range_note"),
    ],
)
def test_bad_spend_basis_rows_do_not_load(tmp_path: Path, basis: str, words: str) -> None:
    folder = write_folder(tmp_path / "spend", factors=EUR_FACTOR, basis=basis)
    with pytest.raises(FactorDataError) as caught:
        kk.load_factors(["bundled", folder])
    text = " ".join(f"{p.column} {p.message}" for p in caught.value.problems)
    assert words in text
    assert any(p.file.endswith("spend_basis.csv") for p in caught.value.problems)


def test_vat_class_years_may_not_overlap(tmp_path: Path) -> None:
    folder = write_folder(
        tmp_path / "spend",
        factors=EUR_FACTOR,
        basis=EUR_BASIS,
        vat="vat_class,rate,valid_from,valid_to,source_id,source_locator,note\n"
        "standard,0.25,2019,2025,test-spend,Section 1,\n"
        "standard,0.2,2025,2025,test-spend,Section 1,\n",
    )
    with pytest.raises(FactorDataError, match=r"has a rate for 2025 already"):
        kk.load_factors(["bundled", folder])


def test_chain_columns_and_messages_in_swedish(spend_factors: kk.FactorTable) -> None:
    from klimatkalk.report.readable import readable_rejected, readable_rows

    res = calculate(
        spend_factors,
        year=[2019, 2019],
        activity=["purchase_furniture", "purchase_food"],
        quantity=[1000, 100],
        unit=["SEK", "SEK"],
        moms=["exkl", "kanske"],
    )
    shown = readable_rows(res.rows, "sv")
    assert shown["Metod (GHG-protokollet, scope 3 kat. 1)"].tolist() == ["utgiftsbaserad"]
    assert shown["Moms i beloppet"].tolist() == ["exkl. moms"]
    assert "Växelkurs (kr per valutaenhet)" in shown.columns
    rejected = readable_rejected(res.rejected, "sv")
    assert rejected["Meddelande"].str.contains("skriv exkl eller inkl").any()


def test_cli_moms_sets_the_files_vat_basis(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from klimatkalk.cli import main

    folder = write_folder(tmp_path / "spend", factors=EUR_FACTOR, basis=EUR_BASIS)
    data = tmp_path / "inkop.csv"
    data.write_text("år;aktivitet;mängd;enhet\n2019;purchase_furniture;12 500;kr\n", "utf-8")
    out = tmp_path / "rader.csv"
    factors = ["--factors", "bundled", "--factors", str(folder)]
    assert main(["calculate", str(data), *factors, "--moms", "inkl", "-o", str(out)]) == 0
    rows = pd.read_csv(out, sep=";", decimal=",", encoding="utf-8-sig")
    # 12 500 kr incl. moms -> 10 000 ex; / 10.5 x 0.8 x 0.25 kg/EUR
    assert rows["Utsläpp (kg CO2e)"].sum() == pytest.approx(10_000 / 10.5 * 0.8 * 0.25)
    assert rows["Moms i beloppet"].tolist() == ["inkl. moms"]


def test_decomposition_volume_is_ex_vat(spend_factors: kk.FactorTable) -> None:
    # 2019: 1 000 kr ex moms; 2020: 1 250 kr incl. 25 % moms = 1 000 kr ex moms. The kronor
    # ex VAT did not change, so the nominal-spend effect is L x ln(1000 / 1000) = 0 and the whole
    # activity effect is the price level (KPI 2019 -> 2020), as the price effect.
    res = calculate(
        spend_factors,
        year=[2019, 2020],
        activity=["purchase_furniture"] * 2,
        quantity=[1000, 1250],
        unit=["SEK", "SEK"],
        moms=["exkl", "inkl"],
    )
    table = kk.decompose_change(res, res, by="activity", year_a=2019, year_b=2020)
    row = table.set_index("activity").loc["purchase_furniture"]
    assert row["nominal_spend_effect_t_co2e"] == pytest.approx(0.0, abs=1e-12)
    assert row["price_effect_t_co2e"] == pytest.approx(row["activity_effect_t_co2e"])


def test_issue13_food_example_shows_its_price_year_and_index(
    spend_factors: kk.FactorTable,
) -> None:
    # issue 13 §5: 2.5 MSEK of food in 2024 at a 2019-price factor. The row shows the price year
    # (2019), the index ratio KPI(2019) / KPI(2024) = 334.26 / 415.01 (kpi.csv) and the amount
    # in 2019 kronor; redone by hand from them.
    res = calculate(
        spend_factors, year=[2024], activity=["purchase_food"], quantity=[2.5], unit=["MSEK"]
    )
    row = res.rows.iloc[0]
    assert row["price_year"] == 2019
    assert row["price_index_factor"] == pytest.approx(334.26 / 415.01)
    in_2019_kronor = 2.5e6 * row["vat_to_factor_basis"] * 334.26 / 415.01
    assert row["spend_in_factor_basis"] == pytest.approx(in_2019_kronor)
    assert row["emissions_kg_co2e"] == pytest.approx(in_2019_kronor * row["factor_value"])
