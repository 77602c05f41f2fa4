"""energy_content.csv (fuel heating values) and the fossil-free share computed from the data."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import klimatkalk as kk
from klimatkalk.units import parse_activity_unit

DATA = Path(__file__).parents[2] / "emission_factors"


def test_every_row_is_sourced_and_fits_its_activity() -> None:
    table = pd.read_csv(DATA / "energy_content.csv")
    factors = kk.load_factors()
    for row in table.itertuples():
        assert row.source_id in factors.sources, row
        assert isinstance(row.source_locator, str) and row.source_locator, row
        energy, per = (parse_activity_unit(p.strip()) for p in str(row.unit).split("/"))
        assert energy.dimension == "energy", row
        assert per.dimension == factors.activities[str(row.activity)].dimension, row
    vehicle_fuels = {
        a
        for a, act in factors.activities.items()
        if act.subcategory == "vehicles" and act.dimension in {"volume", "mass"}
    }
    assert vehicle_fuels <= set(table["activity"]), vehicle_fuels - set(table["activity"])


def test_fossil_free_share_counts_the_reduktionsplikt_blend() -> None:
    acts = pd.DataFrame(
        {
            "year": [2024, 2024],
            "activity": ["diesel", "hvo100"],
            "quantity": [100.0, 100.0],
            "unit": ["l", "l"],
        }
    )
    share = kk.fossil_free_share(acts).set_index("year")
    blend = pd.read_csv(DATA / "reduktionsplikt.csv").set_index(["year", "fuel"])
    bio = blend.loc[(2024, "diesel"), "bio_share_energy"]  # 6 % reduktionsplikt in 2024
    # Energimyndigheten (2016): pump diesel 35.5 MJ/l, HVO 34.0 MJ/l.
    expected = (100 * 35.5 * bio + 100 * 34.0) / (100 * 35.5 + 100 * 34.0)
    assert share.loc[2024, "fossil_free_share"] == pytest.approx(expected)
    # counting pump diesel as fully fossil (the method Västmanland used before 2024):
    assert share.loc[2024, "fossil_free_share_excluding_blends"] == pytest.approx(
        34.0 / (35.5 + 34.0)
    )
