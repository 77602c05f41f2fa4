"""The spend chain's data (issue 19): exchange rate, Swedish VAT rates, each spend factor's basis.

Each expected figure is the one read at the cited source, written out beside it; the MRIO
derivations themselves are in test_mrio_spend_factors.py and test_derived_rows.py.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import klimatkalk as kk

DATA = Path(__file__).resolve().parents[2] / "emission_factors"


def read(name: str) -> pd.DataFrame:
    return pd.read_csv(DATA / name, dtype=str, keep_default_na=False, encoding="utf-8")


def test_the_euro_rate_is_the_federal_reserve_cross_rate_of_2019() -> None:
    # Federal Reserve G.5A Annual, release of 2021-01-04, column 2019: "*EMU MEMBERS EURO 1.1194"
    # (U.S. dollars per euro) and "SWEDEN KRONA 9.4604" (kronor per U.S. dollar).
    # 1.1194 × 9.4604 = 10.58997 → 10.590 SEK per EUR.
    rates = read("exchange_rates.csv").set_index(["currency", "year"])
    row = rates.loc[("EUR", "2019")]
    assert float(row["sek_per_unit"]) == pytest.approx(round(1.1194 * 9.4604, 3), abs=0)
    assert row["source_id"] == "federalreserve-g5a-2021-01"


@pytest.mark.parametrize(
    ("vat_class", "rate", "source_id"),
    [
        # Skatteverket, "Momssats på varor och tjänster": 25 % on almost all goods and services,
        # "Momsen är normalt 12 procent på livsmedel".
        ("standard", 0.25, "skatteverket-momssats-varor-tjanster"),
        ("food", 0.12, "skatteverket-momssats-varor-tjanster"),
        # Rättslig vägledning 2016.4: "Skattesatsen för personbefordran är 6 procent".
        ("passenger_transport", 0.06, "skatteverket-rattslig-vagledning-personbefordran-2016"),
        # Rättslig vägledning 2023.12: medicines delivered to hospitals or on prescription are
        # exempt; 2021.2: health care is exempt.
        ("prescription_medicines", 0.0, "skatteverket-rattslig-vagledning-lakemedel-2023"),
        ("health_care", 0.0, "skatteverket-rattslig-vagledning-sjukvard-2021"),
    ],
)
def test_vat_rates_are_skatteverkets(vat_class: str, rate: float, source_id: str) -> None:
    rows = read("vat_rates.csv").set_index("vat_class")
    assert float(rows.loc[vat_class, "rate"]) == rate
    assert rows.loc[vat_class, "source_id"] == source_id
    assert (rows.loc[vat_class, "valid_from"], rows.loc[vat_class, "valid_to"]) == ("2019", "2025")


def test_each_purchase_activity_has_its_vat_class() -> None:
    classes = read("activity_vat.csv").set_index("activity")["vat_class"].to_dict()
    assert classes["purchase_food"] == "food"
    assert classes["purchase_pharmaceuticals"] == "prescription_medicines"
    assert classes["purchase_care"] == "health_care"
    assert classes["purchase_public_transport_operation"] == "passenger_transport"
    for goods in ("purchase_furniture", "purchase_medical_consumables", "purchase_it_hardware"):
        assert classes[goods] == "standard"
    # The services fallback mixes exempt care (0 %) and passenger transport (6 %): no one rate,
    # so an amount incl. VAT on it is rejected with a reason rather than guessed.
    assert "purchase_services" not in classes


def test_every_spend_factor_in_use_has_its_basis_and_a_range() -> None:
    table = kk.load_factors()
    spend = table.factors[table.factors["activity"].str.startswith("purchase_")]
    basis = table.spend.basis.set_index(["factor_id", "source_id"])
    for r in spend.itertuples():
        b = basis.loc[(r.factor_id, r.source_id)]
        assert b["low"] <= r.value <= b["high"], r.factor_id
        assert b["range_note"], r.factor_id
        assert b["licence"], r.factor_id


def test_no_us_value_is_in_use_for_purchases() -> None:
    # Issue 19: the four USEEIO rows (per US purchaser dollar) are withdrawn, replaced by the
    # EXIOBASE 3.8.2 rows per EUR at basic prices.
    table = kk.load_factors()
    spend = table.factors[table.factors["activity"].str.startswith("purchase_")]
    assert not spend["source_id"].str.contains("useeio").any()
    per_eur = spend[spend["factor_id"].str.endswith("-exiobase382-2019")]
    assert set(per_eur["activity"]) >= {
        "purchase_pharmaceuticals",
        "purchase_medical_consumables",
        "purchase_furniture",
        "purchase_laundry",
    }


def test_exiobase_rows_are_per_euro_at_basic_prices_ex_vat_and_share_alike() -> None:
    basis = read("spend_basis.csv")
    exio = basis[basis["source_id"] == "exiobase-3-8-2-via-climatiq-oefdb"]
    assert len(exio) == 10
    assert set(exio["currency"]) == {"EUR"}
    assert set(exio["price_basis"]) == {"basic"}
    # Basic prices exclude taxes on products, VAT among them.
    assert set(exio["vat_basis"]) == {"excl"}
    assert set(exio["licence"]) == {"CC BY-SA 4.0"}
    # No Swedish margin share was found: 0, as a documented assumption in the note.
    assert set(exio["margin_share"]) == {"0"}
    assert exio["note"].str.contains("documented assumption").all()
    assert set(exio["stretched"]) == {"true"}


def test_the_broad_categories_are_split_and_kept_only_as_fallbacks() -> None:
    activities = read("activities.csv").set_index("activity")
    for split in (
        "purchase_it_hardware",
        "purchase_it_services",
        "purchase_telecom",
        "purchase_care",
        "purchase_public_transport_operation",
        "purchase_business_services",
    ):
        assert activities.loc[split, "dimension"] == "currency"
    for fallback in ("purchase_it", "purchase_services"):
        assert "(reserv: kategorimedel)" in activities.loc[fallback, "label_sv"]
