"""The report's purchases section: method mix, spend-based share, range and what spend cannot show.

The rows below are written by hand in the columns of a result row (``method``,
``emissions_low_kg``, ``emissions_high_kg``, ``spend_entered_sek``); every expected figure is
computed from them in the comments.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from klimatkalk.report.purchases import (
    METHODS,
    build_purchases,
    method_label,
    purchase_sheets,
    sentences,
    word,
)

NAN = math.nan


def _rows() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "category": ["purchases"] * 4 + ["transport"],
            "activity": [
                "purchase_services",
                "purchase_pharmaceuticals",
                "food_beef",
                "purchase_laundry",
                "diesel",
            ],
            "method": ["spend-based", "spend-based", "average-data", "supplier-specific", None],
            "spend_entered_sek": [1_000_000.0, 2_000_000.0, NAN, NAN, NAN],
            "emissions_kg_co2e": [31_000.0, 20_000.0, 26_000.0, 4_000.0, 2_500.0],
            "emissions_low_kg": [15_000.0, 10_000.0, NAN, 4_000.0, NAN],
            "emissions_high_kg": [46_000.0, 60_000.0, NAN, 4_000.0, NAN],
        }
    )


LABELS = {"purchase_services": "Inköp, tjänster", "food_beef": "Nötkött"}


def test_totals_shares_and_range() -> None:
    # year 83.5 t; purchases 31 + 20 + 26 + 4 = 81 t, 81/83.5 = 97 %; spend-based 51/81 = 63 %
    # low 15 + 10 + 26 (no range: at its value) + 4 = 55 t; high 46 + 60 + 26 + 4 = 136 t
    p = build_purchases(_rows(), LABELS, 83.5)
    assert p is not None
    assert p.total_t == pytest.approx(81.0)
    assert p.share_of_total == pytest.approx(81 / 83.5)
    assert p.spend_based_share == pytest.approx(51 / 81)
    assert (p.low_t, p.high_t) == pytest.approx((55.0, 136.0))
    methods = p.methods.set_index("method")
    assert list(methods.index) == ["supplier-specific", "average-data", "spend-based", "total"]
    assert methods["emissions_t_co2e"].tolist() == pytest.approx([4.0, 26.0, 51.0, 81.0])
    assert methods["share"].tolist() == pytest.approx([4 / 81, 26 / 81, 51 / 81, 1.0])
    assert methods["low_t_co2e"].tolist() == pytest.approx([4.0, 26.0, 25.0, 55.0])
    assert methods["high_t_co2e"].tolist() == pytest.approx([4.0, 26.0, 106.0, 136.0])


def test_activities_largest_first_with_spend() -> None:
    p = build_purchases(_rows(), LABELS, 83.5)
    assert p is not None
    a = p.activities
    assert a["activity"].tolist() == [
        "purchase_services",
        "food_beef",
        "purchase_pharmaceuticals",
        "purchase_laundry",
    ]
    assert a["activity_label"].tolist()[:2] == ["Inköp, tjänster", "Nötkött"]
    assert a["activity_label"].tolist()[2] == "purchase_pharmaceuticals"  # no label: the code
    spend = a["spend_msek"].to_numpy()
    assert spend[0] == pytest.approx(1.0)  # 1 000 000 SEK
    assert spend[2] == pytest.approx(2.0)
    assert np.isnan(spend[1])  # per kg: no kronor
    assert a["share"].tolist() == pytest.approx([31 / 81, 26 / 81, 20 / 81, 4 / 81])


def test_swedish_sentences() -> None:
    p = build_purchases(_rows(), LABELS, 83.5)
    assert p is not None
    lead, spend, rest, span = sentences(p, "sv")
    assert lead == "Inköpen står för 81 t CO₂e, 97\xa0% av årets utsläpp."
    assert spend.startswith("63\xa0% av inköpens utsläpp är beräknade utgiftsbaserat")  # 62.96
    assert "GHG-protokollets utgiftsbaserade metod för scope 3 kategori 1" in spend
    assert rest == (
        "Resten bygger på leverantörers egna värden (leverantörsspecifik metod) för 5\xa0% och "
        "mängder gånger genomsnittsdata, till exempel per kg livsmedel (genomsnittsdatametod), "
        "för 32\xa0%."
    )
    # 55/81 − 1 = −32.1 %, 136/81 − 1 = +67.9 %
    assert span.startswith(
        "Faktorernas jämförelser ger ett spann på 55–136 t CO₂e för inköpen (−32\xa0% till +68\xa0%"
    )
    limits = word("limits", "sv")
    assert "billigare leverantör av samma vara sjunker siffran fast utsläppen är desamma" in limits
    assert "stiger priserna mer än konsumentprisindex (KPI) stiger siffran" in limits


def test_method_words_in_swedish_and_english() -> None:
    assert [method_label(m, "sv") for m in METHODS] == [
        "leverantörsspecifik",
        "hybrid",
        "genomsnittsdata",
        "utgiftsbaserad",
    ]
    assert [method_label(m, "en") for m in METHODS] == list(METHODS)
    assert method_label("total", "sv") == "Summa inköp"
    assert method_label("something else", "sv") == "ej angiven"


def test_no_range_and_no_method() -> None:
    rows = _rows().drop(columns=["method", "emissions_low_kg", "emissions_high_kg"])
    p = build_purchases(rows, {}, 83.5)
    assert p is not None
    assert p.spend_based_share == 0.0
    assert p.low_t == p.high_t == pytest.approx(81.0)
    assert p.methods["method"].tolist() == ["not_stated", "total"]
    text = sentences(p, "sv")
    assert text[-1] == "Inga faktorer för inköpen har ett angivet spann."
    assert "rader utan angiven metod för 100\xa0%" in text[-2]


def test_no_purchases() -> None:
    rows = _rows()
    assert build_purchases(rows[rows["category"] != "purchases"], {}, 2.5) is None


def test_workbook_sheets_show_words() -> None:
    p = build_purchases(_rows(), LABELS, 83.5)
    assert p is not None
    (name_m, methods, notes), (name_a, activities, _) = purchase_sheets(p, "sv")
    assert (name_m, name_a) == ("Inköp per metod", "Inköp per aktivitet")
    assert methods["method"].tolist() == [
        "leverantörsspecifik",
        "genomsnittsdata",
        "utgiftsbaserad",
        "Summa inköp",
    ]
    assert notes[-1].startswith("Vad utgiftsbaserade siffror inte kan visa.")
    assert activities["method"].tolist()[0] == "utgiftsbaserad"


def test_own_factors_listed_with_their_source() -> None:
    # two laundry rows on one supplier value (0.41 kg CO2e/kg): 1.5 t + 2.5 t = 4 t in one line
    rows = _rows().iloc[[3, 3]].reset_index(drop=True)
    rows["emissions_kg_co2e"] = [1_500.0, 2_500.0]
    rows["own_factor_used"] = [True, True]
    rows["own_factor"] = [0.41, 0.41]
    rows["own_factor_unit"] = ["kg CO2e / kg"] * 2
    rows["own_factor_source"] = ["Tvätteriet AB 2024"] * 2
    p = build_purchases(rows, LABELS, 4.0)
    assert p is not None
    own = p.own_factors.to_dict("records")
    assert len(own) == 1
    assert own[0]["rows"] == 2
    assert own[0]["emissions_t_co2e"] == pytest.approx(4.0)
    assert own[0]["own_factor_source"] == "Tvätteriet AB 2024"
    names = [name for name, _, _ in purchase_sheets(p, "sv")]
    assert names[-1] == "Egna faktorer"
    sheet = purchase_sheets(p, "sv")[-1][1]
    assert sheet["method"].tolist() == ["leverantörsspecifik"]


def test_no_own_factor_sheet_without_own_factors() -> None:
    p = build_purchases(_rows(), LABELS, 83.5)
    assert p is not None
    assert p.own_factors.empty
    assert "Egna faktorer" not in [name for name, _, _ in purchase_sheets(p, "sv")]
