"""The EED public-sector requirement (klimatkalk.analysis.eed), arithmetic by hand.

Directive (EU) 2023/1791 art. 5(1): at least −1.9 % each year compared with 2021.
Region Norrbotten's Hållbarhetsplan 2025–2026 quotes "1,9 % per år från 2025 till 2030 … 9,9 %"
(issue 17), which is 1.019^5 − 1.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from klimatkalk.analysis.eed import (
    EED_RATE,
    EED_REFERENCE_YEAR,
    convention_text,
    eed_path,
    eed_status,
    quoted_growth_reading,
    reduction_after,
)


def test_the_directive_figures() -> None:
    # Directive (EU) 2023/1791, Article 5(1), first subparagraph: "gegenüber dem Jahr 2021
    # jährlich um mindestens 1,9 % gesenkt" (at least 1.9 % each year, compared with 2021);
    # third subparagraph: the baseline is all public bodies' final energy consumption "für das
    # Jahr 2021" (German language version, gesetze.legal, "Artikel 5 RL 2023/1791/EU").
    assert EED_RATE == 0.019
    assert EED_REFERENCE_YEAR == 2021
    assert eed_path(1000.0, [2021, 2022]).tolist() == [1000.0, 981.0]


def test_nine_years_to_2030_compounded_and_linear() -> None:
    # 0.981⁹ = 0.841435956 (0.981⁵ = 0.908542059, × 0.981⁴ = 0.926138694) → −15.86 %;
    # 9 × 1.9 % = 17.1 % (the table of docs/explanation/indicator-annex.md).
    assert reduction_after(9) == pytest.approx(1 - 0.841435956, abs=1e-9)
    assert round(reduction_after(9) * 100, 1) == 15.9
    assert reduction_after(9, convention="linear") == pytest.approx(0.171)


def test_the_unverified_convention_is_said_so() -> None:
    # Recommendation (EU) 2024/1716's section on Article 5 was not available (only the title
    # and first recitals): the module and the docs page must keep saying "not verified".
    import klimatkalk.analysis.eed as eed

    page = Path(__file__).parents[2] / "docs" / "explanation" / "indicator-annex.md"
    assert "not verified" in str(eed.__doc__)
    assert "not verified" in page.read_text(encoding="utf-8")


def test_five_compounded_cuts_of_1_9_percent() -> None:
    # 0.981² = 0.962361; 0.981⁴ = 0.926138694…; 0.981⁵ = 0.908542059… → 9.15 %
    assert reduction_after(5) == pytest.approx(1 - 0.908542059, abs=1e-9)
    assert round(reduction_after(5) * 100, 1) == 9.1


def test_five_linear_cuts_of_1_9_percent_of_2021() -> None:
    assert reduction_after(5, convention="linear") == pytest.approx(0.095)


def test_norrbottens_9_9_percent_is_a_compounded_growth() -> None:
    # Region Norrbotten, Hållbarhetsplan 2025–2026: "1,9 % per år från 2025 till 2030 … 9,9 %".
    # 1.019² = 1.038361; 1.019⁴ = 1.078193566…; 1.019⁵ = 1.098679244… → 9.87 % ≈ 9.9 %.
    assert quoted_growth_reading(5) == pytest.approx(0.098679244, abs=1e-9)
    assert round(quoted_growth_reading(5) * 100, 1) == 9.9
    assert quoted_growth_reading(5) > reduction_after(5, convention="linear") > reduction_after(5)


def test_path_compounded_and_linear_from_2021() -> None:
    path = eed_path(1000.0, range(2021, 2031))
    assert path[2021] == 1000.0
    assert path[2022] == pytest.approx(981.0)
    assert path[2024] == pytest.approx(1000 * 0.981**3)  # 944.076141
    assert path[2030] == pytest.approx(1000 * 0.981**9)
    linear = eed_path(1000.0, [2024, 2030], convention="linear")
    assert linear[2024] == pytest.approx(1000 * (1 - 3 * 0.019))  # 943.0
    assert linear[2030] == pytest.approx(1000 * (1 - 9 * 0.019))  # 829.0


def test_status_verdict_against_the_path() -> None:
    s = eed_status({2021: 1000.0, 2023: 962.0, 2024: 950.0}).set_index("year")
    # 2023 allowed 1000 × 0.981² = 962.361: 962 meets it; 2024 allowed 944.076: 950 does not.
    assert bool(s.loc[2023, "meets"]) and s.loc[2023, "verdict"] == "Uppfyllt"
    assert not bool(s.loc[2024, "meets"]) and s.loc[2024, "verdict"] == "Ej uppfyllt"
    assert s.loc[2024, "change_vs_reference"] == pytest.approx(-0.05)
    assert s.loc[2024, "required_change"] == pytest.approx(0.981**3 - 1)
    assert "sammansatt" in s.loc[2024, "convention"]
    assert "Ej uppfyllt" not in s.loc[2023, "rule"] and "uppfyllt" in s.loc[2023, "rule"]


def test_status_needs_the_reference_year() -> None:
    with pytest.raises(ValueError, match="reference year 2021"):
        eed_status({2022: 1.0})
    with pytest.raises(ValueError, match="convention"):
        eed_path(1.0, [2022], convention="geometric")  # type: ignore[arg-type]


def test_convention_is_printed_in_swedish_by_default() -> None:
    text = convention_text().replace("\u00a0", " ")
    assert text.startswith("EED art. 5: −1,9 % per år jämfört med 2021")
    assert "linjärt" in convention_text("linear")
