from __future__ import annotations

import pandas as pd
import pytest

import klimatkalk as kk


def test_dual_reporting_by_hand() -> None:
    acts = pd.DataFrame(
        {
            "year": [2023, 2023, 2023, 2023],
            "activity": [
                "electricity_renewable_go",
                "electricity_residual_mix",
                "electricity_supplier_specific",
                "diesel",
            ],
            "quantity": [1000, 2, 500, 100],
            "unit": ["kWh", "MWh", "kWh", "l"],
        }
    )
    table = kk.scope2_dual_reporting(acts, unit="kg").set_index("year")
    # market-based: GO 1000 kWh × 0 + residual mix 2000 kWh × 0.52410 kg/kWh (Ei, residual
    # mix 2023: 524.10 g CO2/kWh); the supplier-specific row has no bundled factor: rejected.
    assert table.loc[2023, "market_based_kg_co2e"] == pytest.approx(2000 * 0.52410)
    assert table.loc[2023, "rejected_market"] == 1
    # location-based: all 3 500 kWh × 59 g/kWh (IVL Nordic mix 2021–2023 average, as quoted by
    # Elektroniktidningen); diesel is not electricity and is left out.
    assert table.loc[2023, "location_based_kg_co2e"] == pytest.approx(3500 * 0.059)
    assert table.loc[2023, "electricity_kwh"] == pytest.approx(3500)
    assert table.loc[2023, "rejected_location"] == 0


def test_unknown_location_activity() -> None:
    acts = pd.DataFrame(
        {"year": [2023], "activity": ["electricity_residual_mix"], "quantity": [1], "unit": ["kWh"]}
    )
    with pytest.raises(ValueError, match="not in the activity catalogue"):
        kk.scope2_dual_reporting(acts, location_activity="grid")


def test_grid_average_rows_count_at_the_residual_mix_market_based() -> None:
    # 2023: 1 000 kWh written by name as the Nordic mix (no contractual instrument), 1 000 kWh
    # with guarantees of origin. Market-based: the Nordic-mix kWh at Ei's residual mix 2023
    # (524.10 g/kWh) + 0 = 524.1 kg; location-based: 2 000 kWh × 59 g/kWh (IVL's Nordic mix
    # 2021-2023 as reported by ETN, the bundled value) = 118 kg.
    acts = pd.DataFrame(
        {
            "year": [2023, 2023],
            "activity": ["El, nordisk elmix", "electricity_renewable_go"],
            "quantity": [1000, 1000],
            "unit": ["kWh", "kWh"],
        }
    )
    table = kk.scope2_dual_reporting(acts, unit="kg")
    row = table.iloc[0]
    assert row["electricity_kwh"] == 2000.0
    assert row["market_based_kg_co2e"] == pytest.approx(524.1)
    assert row["location_based_kg_co2e"] == pytest.approx(118.0)
    assert row["residual_mix_from_location_kwh"] == 1000.0
