"""Comparisons count only rows calculated on both sides (issue 20, "like with like").

The docs' own example: the bundled example region, base year 2019, the base year "as reported"
with edition 2019 of the factors. Edition 2019 holds 34 factors, so 2 316 of the 3 226
base-year rows have no factor there (issue 20). Before this change those rows counted as
change: "+98.1 %, significant". The expected like-for-like figures are summed here from the
rows both calculations produced, independently of the functions under test.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pandas as pd
import pytest

import klimatkalk as kk
from klimatkalk.analysis.comparable import verdict
from klimatkalk.formatting import set_language


@cache
def _example() -> tuple[kk.ActivityTable, kk.FactorTable, kk.FactorTable]:
    return kk.load_example_activities(), kk.load_factors(edition=2019), kk.load_factors()


def _by_hand(year: int, old: kk.FactorTable) -> tuple[float, float, int, float]:
    """Old and new t over rows both sets calculate; rows and t calculated by one set only."""
    acts, _, latest = _example()
    a = kk.calculate_emissions(acts, old).rows
    b = kk.calculate_emissions(acts, latest).rows
    a, b = a[a["year"] == year], b[b["year"] == year]
    both = a.index.intersection(b.index)
    only_a, only_b = a.index.difference(b.index), b.index.difference(a.index)
    old_t = a.loc[both, "emissions_kg_co2e"].sum() / 1000
    new_t = b.loc[both, "emissions_kg_co2e"].sum() / 1000
    left_t = (
        a.loc[only_a, "emissions_kg_co2e"].sum() + b.loc[only_b, "emissions_kg_co2e"].sum()
    ) / 1000
    return old_t, new_t, len(only_a) + len(only_b), left_t


def test_base_year_recalculation_counts_only_rows_calculated_both_ways() -> None:
    acts, edition_2019, latest = _example()
    recalc = kk.recalculate_base_year(acts, latest, edition_2019, base_year=2019)
    total = recalc.table.iloc[-1]
    old_t, new_t, left_rows, left_t = _by_hand(2019, edition_2019)
    # Issue 20 reported 2 316; issue 13 added the 2019 pump-petrol rows derived from
    # Energimyndigheten's Drivmedel 2018 (ER 2019:14, published 2019), which edition 2019 now
    # calculates: the example's 12 petrol rows of 2019 -> 2 316 - 12 = 2 304. Issue 19 books IT
    # and services split (example_region.md row 25a) on EXIOBASE factors published in 2021,
    # which edition 2019 does not have, where the 2016 category averages it has were used:
    # IT 8 org units x 3 activities x 12 months = 288 rows, services (5 org units x 2 + 3 x 1)
    # x 12 = 156 rows -> 2 304 + 288 + 156 = 2 748.
    assert left_rows == 2748
    assert total["reported_t_co2e"] == pytest.approx(old_t)
    assert total["recalculated_t_co2e"] == pytest.approx(new_t)
    assert recalc.difference_share == pytest.approx((new_t - old_t) / old_t)
    assert abs(recalc.difference_share) < 0.01  # not the +98.1 % of before
    assert recalc.left_out_rows == 2748
    assert total["left_out_t_co2e"] == pytest.approx(left_t)
    assert recalc.left_out_share == pytest.approx(left_t / (new_t + left_t))
    assert int(recalc.table["left_out_rows"].iloc[:-1].sum()) == 2748


def test_no_significance_verdict_when_left_out_rows_could_decide_it() -> None:
    acts, edition_2019, latest = _example()
    recalc = kk.recalculate_base_year(acts, latest, edition_2019, base_year=2019)
    assert recalc.significant is None
    assert recalc.table["significant"].isna().iloc[-1]
    set_language("en")
    try:
        assert "2,748 rows" in (recalc.reason or "")
        text = repr(recalc)
    finally:
        set_language("sv")
    assert "no significance verdict" in text
    assert "significant at" not in text
    assert "2 748 rader" in repr(recalc).replace("\u00a0", " ")


def test_reported_result_is_matched_row_by_row() -> None:
    """A reported result of every year's rows gives the same comparison as its factor set."""
    acts, edition_2019, latest = _example()
    reported = kk.calculate_emissions(acts, edition_2019)
    by_result = kk.recalculate_base_year(acts, latest, reported, base_year=2019)
    by_factors = kk.recalculate_base_year(acts, latest, edition_2019, base_year=2019)
    pd.testing.assert_frame_equal(by_result.table, by_factors.table)


# 888 rows in issue 20's data; issue 13's boundary fallback lets edition 2024 count 96 more
# rows with the other boundary's value (marked boundary_fallback), so 792 are left out. Issue 19's
# split purchases (288 IT + 156 service rows a year, see above) are on factors of 2021: edition
# 2019 leaves 2 544 + 444 = 2 988 out; edition 2024 has them.
@pytest.mark.parametrize(("edition", "left_out"), [(2019, 2988), (2024, 792)])
def test_factor_update_impact_counts_only_rows_both_sets_calculate(
    edition: int, left_out: int
) -> None:
    """Edition 2024 → latest: the 2024 report said +2 420 t (+3,3 %) with 888 rows left out."""
    acts, _, latest = _example()
    old = kk.load_factors(edition=edition)
    impact = kk.factor_update_impact(acts, old, latest)
    total = impact[(impact["year"] == 2024) & (impact["category"] == "total")].iloc[0]
    old_t, new_t, left_rows, left_t = _by_hand(2024, old)
    assert left_rows == left_out
    assert total["old_t_co2e"] == pytest.approx(old_t)
    assert total["new_t_co2e"] == pytest.approx(new_t)
    assert total["change_fraction"] == pytest.approx((new_t - old_t) / old_t)
    assert total["left_out_rows"] == left_out
    assert total["left_out_t_co2e"] == pytest.approx(left_t)
    assert total["left_out_share"] == pytest.approx(left_t / (new_t + left_t))
    # Not +2 420 t: what remains is the factor update itself (issue 13: jet fuel -6 %, pump
    # diesel and petrol from delivered shares), well under 1 % of the total.
    assert abs(total["change_t_co2e"]) < 0.01 * total["old_t_co2e"]


def test_report_states_the_rows_left_out(tmp_path: object) -> None:
    from klimatkalk.report.tables import build_report_tables, report_text

    acts, _, latest = _example()
    impact = kk.factor_update_impact(acts, kk.load_factors(edition=2024), latest)
    res = kk.calculate_emissions(acts, latest)
    words = report_text(build_report_tables(res, 2024, factor_update=impact))
    sentence = (words.factor_update or "").replace("\u00a0", " ")
    assert "792 rader" in sentence
    assert "ingår inte i jämförelsen" in sentence
    assert "+2 420" not in sentence


@pytest.mark.parametrize(
    ("difference", "reported", "left_out", "expected"),
    [
        (3.1, 39.5, 0.0, True),  # 7.8 % ≥ 5 %
        (0.8, 39.5, 0.0, False),  # 2.0 %
        (1.975, 39.5, 0.0, True),  # exactly 5 %: reaches it
        (0.8, 39.5, 0.5, False),  # 0.8 + 0.5 = 1.3 < 1.975: cannot reach 5 %
        (0.8, 39.5, 1.5, None),  # 0.8 + 1.5 = 2.3 ≥ 1.975: could
        (10.0, 39.5, 2.0, True),  # 10 − 2 = 8 ≥ 0.05 × 41.5 = 2.075: stays significant
        (-28.5, 40_048.8, 39_325.3, None),  # the example's base year
    ],
)
def test_verdict_hand_cases(
    difference: float, reported: float, left_out: float, expected: bool | None
) -> None:
    assert verdict(difference, reported, left_out, 0.05) is expected


def test_fractions_not_percent() -> None:
    """change_fraction is a fraction like every share of the API: 21.2 / 26.5 − 1 = −0.2."""
    acts = pd.DataFrame(
        {"year": [2019, 2024], "activity": ["nitrous_oxide"] * 2, "quantity": [100, 80]}
        | {"unit": ["kg", "kg"]}
    )
    table = kk.compare_with_base_year(kk.calculate_emissions(acts), by=())
    assert "change_pct" not in table.columns
    assert table["change_fraction"].to_numpy() == pytest.approx(np.array([0.0, -0.2]))
