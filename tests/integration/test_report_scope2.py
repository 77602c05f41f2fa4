"""The yearly report shows purchased electricity market-based and location-based."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd
import pytest

import klimatkalk as kk


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
