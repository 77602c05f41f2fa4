"""Printed numbers are Swedish by default (space thousands, decimal comma), English on request."""

from __future__ import annotations

import pandas as pd
import pytest

import klimatkalk as kk
from klimatkalk.formatting import (
    NBSP,
    format_auto,
    language,
    pandas_display,
    set_language,
    styled,
)


def _plain(text: str) -> str:
    return text.replace(NBSP, " ")


def test_reprs_are_swedish_by_default_and_english_on_request() -> None:
    res = kk.calculate_emissions(
        pd.DataFrame(
            {"year": [2024], "activity": ["nitrous_oxide"], "quantity": [10_000], "unit": ["kg"]}
        )
    )
    # 10 000 kg × 265 = 2 650 000 kg = 2 650 t
    assert "2024: 2 650" in _plain(repr(res))
    set_language("en")
    try:
        assert "2024: 2,650" in repr(res)
        assert language() == "en"
    finally:
        set_language("sv")


def test_language_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    from klimatkalk import formatting

    monkeypatch.setattr(formatting, "_setting", {})
    monkeypatch.setenv("KLIMATKALK_LANG", "en")
    assert language() == "en"
    with pytest.raises(ValueError, match="'sv'"):
        set_language("de")


def test_tables_without_scientific_notation_or_float_noise() -> None:
    frame = pd.DataFrame({"t": [218400.00000000003, 24000.0, 0.00012345, 1e-14]})
    pandas_display(1, lang="sv")
    try:
        text = str(frame)
    finally:
        pd.reset_option("display.float_format")
    assert "e+" not in text and "e-" not in text
    assert "218 400,0" in text and "24 000,0" in text and "0,000123" in text
    assert "00000000003" not in text
    assert format_auto(1e-14) == "0"


def test_styled_shows_shares_as_percentages() -> None:
    frame = pd.DataFrame({"change_fraction": [-0.3131], "emissions_t_co2e": [75601.458]})
    html = _plain(styled(frame).to_html())
    assert "−31,3 %" in html
    assert "75 601,5" in html


def test_activity_table_and_status_reprs_read_as_swedish() -> None:
    frame = pd.DataFrame(
        {"year": [2019, 2024], "activity": ["diesel"] * 2, "quantity": [1, 2], "unit": ["l"] * 2}
    )
    acts = kk.ActivityTable.from_frame(frame.loc[[0, 1] * 600].reset_index(drop=True))
    assert _plain(repr(acts)) == (
        "<ActivityTable 1 200 rader, 2019–2024, 1 aktiviteter; 0 med fel, 0 överhoppade; <frame>>"
    )
    # linear path 100 → 50 over 2019–2030: 2024 is 5/11 of the way, 100 − 50 × 5/11 = 77.27
    status = kk.Trajectory.linear(2019, 2030, 0.5, base_value=100_000.0).status(2024, 90_000.0)
    text = _plain(repr(status))
    assert text.startswith(
        "<TrajectoryStatus 2024: utfall 90 000, målbana 77 273, avvikelse +12 727"
    )
    assert "inte i linje med målbanan" in text
    set_language("en")
    try:
        assert "actual 90,000, path 77,273" in repr(status) and "not on track" in repr(status)
    finally:
        set_language("sv")


@pytest.mark.parametrize(
    ("fraction", "shown"),
    [
        (-572 / 120_028, "−0,5 %"),  # the example region 2024 against 2019: not "0 %"
        (0.0, "0,0 %"),
        (0.0994, "+9,9 %"),
        (0.0996, "+10 %"),  # one decimal would read 10,0 %: whole percent from there
        (-0.31, "−31 %"),
    ],
)
def test_a_change_keeps_a_decimal_below_ten_percent(fraction: float, shown: str) -> None:
    from klimatkalk.formatting import format_change

    assert format_change(fraction, lang="sv").replace(NBSP, " ") == shown
