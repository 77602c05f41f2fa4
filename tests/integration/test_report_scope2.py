"""The yearly report shows purchased electricity market-based and location-based."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

import klimatkalk as kk
from klimatkalk.report import ReportFiles


def test_scope2_sheet(tmp_path: Path) -> None:
    acts = pd.DataFrame(
        {
            "year": [2019, 2023, 2023],
            "activity": [
                "electricity_residual_mix",
                "electricity_residual_mix",
                "electricity_renewable_go",
            ],
            "quantity": [1.0, 1.0, 3.0],
            "unit": ["MWh", "MWh", "MWh"],
        }
    )
    res = kk.calculate_emissions(acts)
    files = kk.write_report(res, 2023, tmp_path / "rapport")
    sheet = openpyxl.load_workbook(files.xlsx)["El scope 2"]
    rows = {r[0]: r for r in sheet.iter_rows(min_row=2, values_only=True) if r[0] in (2019, 2023)}
    # 2023: market-based 1 000 kWh × 524.10 g (Ei residual mix 2023) + 3 000 kWh × 0 (GO)
    assert rows[2023][2] == pytest.approx(1000 * 0.52410 / 1000)
    # location-based: all 4 000 kWh × 59 g/kWh (IVL Nordic mix 2021–2023)
    assert rows[2023][3] == pytest.approx(4000 * 0.059 / 1000)
    assert rows[2023][1] == pytest.approx(4000)


def _report_2023(tmp_path: Path, second: str, quantities: list[float]) -> tuple[ReportFiles, str]:
    """Report 2023 of 1 MWh residual mix in 2019 and 2023 plus ``second`` in 2023."""
    acts = pd.DataFrame(
        {
            "year": [2019, 2023, 2023],
            "activity": ["electricity_residual_mix", "electricity_residual_mix", second],
            "quantity": quantities,
            "unit": ["MWh", "MWh", "MWh"],
        }
    )
    files = kk.write_report(kk.calculate_emissions(acts), 2023, tmp_path / "rapport")
    markdown = files.markdown.read_text(encoding="utf-8")
    start = markdown.index("## Utsläpp per scope")
    return files, markdown[start : markdown.index("\n## ", start + 1)]


def _tonnes(like: float) -> Callable[[float], str]:
    """Format t CO2e as the report does for a total of the size of ``like``."""
    from klimatkalk.formatting import format_number
    from klimatkalk.report.tables import t_decimals

    dec = t_decimals([like])
    return lambda value: format_number(value, dec, lang="sv")


def test_the_report_says_the_total_counts_electricity_market_based(tmp_path: Path) -> None:
    files, text = _report_2023(tmp_path, "electricity_renewable_go", [1.0, 1.0, 3.0])
    market = 1000 * 0.52410 / 1000  # 1 MWh × 524.10 g/kWh (Ei 2023) + 3 MWh × 0 (GO), t
    location = 4000 * 0.059 / 1000  # 4 MWh × 59 g/kWh (Nordic mix), t
    t = _tonnes(market)
    assert f"Elen ingår i totalen marknadsbaserat: {t(market)} t CO₂e för 4 MWh." in text
    # the other reading: the electricity, and the total with it (the total is only electricity)
    assert f"blir den {t(location)} t CO₂e och totalen {t(location)} t CO₂e" in text
    assert "Platsbaserad faktor 2023: 59 g CO₂e / kWh" in text
    assert f"| Scope 2: köpt el, värme och kyla | {t(market)} | 100,0\u00a0% |" in text
    sheet = openpyxl.load_workbook(files.xlsx)["El scope 2"]
    header = [c.value for c in sheet[1]]
    rows = {r[0]: r for r in sheet.iter_rows(min_row=2, values_only=True) if r[0] == 2023}
    assert rows[2023][header.index("I totalen (t CO2e)")] == pytest.approx(market)


def test_electricity_given_as_the_nordic_mix_is_neither_reading(tmp_path: Path) -> None:
    _, text = _report_2023(tmp_path, "electricity_nordic_mix", [1.0, 1.0, 1.0])
    in_total = (524.10 + 59) / 1000  # 1 MWh residual mix + 1 MWh at the Nordic mix, t
    market = 2 * 524.10 / 1000  # both MWh at the residual mix (no contract shown)
    location = 2 * 59 / 1000
    t = _tonnes(in_total)
    assert f"Elen ingår i totalen med {t(in_total)} t CO₂e för 2 MWh: 1 MWh är angivna" in text
    assert "varken helt marknadsbaserad eller helt platsbaserad" in text
    assert f"Marknadsbaserat blir elen {t(market)} t CO₂e (totalen {t(market)} t CO₂e)" in text
    assert f"platsbaserat {t(location)} t CO₂e (totalen {t(location)} t CO₂e)" in text
