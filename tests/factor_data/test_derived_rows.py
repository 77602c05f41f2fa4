"""Derived factor rows are re-derivable: each recipe in derivations/recipes.csv, recomputed
from the input data beside the factor files, gives the released value (to its printed
decimals).

The inputs and the arithmetic are checked here; the cited input values themselves are checked
in test_fuel_inputs.py.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from klimatkalk.factors.derive import load_inputs, rederive

DATA = Path(__file__).resolve().parents[2] / "emission_factors"
PUMP_FUELS = {"diesel", "diesel_backup_power", "petrol"}


def read(name: str) -> pd.DataFrame:
    return pd.read_csv(DATA / name, dtype=str, keep_default_na=False, encoding="utf-8")


def factor_rows() -> pd.DataFrame:
    files = sorted((DATA / "factors").glob("*.csv"))
    return pd.concat([read(f"factors/{f.name}") for f in files], ignore_index=True)


def decimals(text: str) -> int:
    return len(text.split(".", 1)[1]) if "." in text else 0


def test_every_recipe_reproduces_its_released_row() -> None:
    inputs = load_inputs(DATA)
    factors = factor_rows().set_index(["factor_id", "source_id"])
    failures = []
    for r in read("derivations/recipes.csv").itertuples():
        key = (r.factor_id, r.source_id)
        if key not in factors.index:
            failures.append(f"recipe for {key}, which is not a factor row")
            continue
        released = str(factors.loc[key, "value"])
        derived = rederive(r.recipe, r.inputs, inputs)
        tolerance = 0.5 * 10 ** -decimals(released) + 1e-12
        if abs(derived - float(released)) > tolerance:
            failures.append(f"{key}: released {released}, re-derived {derived:.6f} ({r.recipe})")
    assert not failures, "\n".join(failures)


def test_every_pump_fuel_row_has_a_recipe() -> None:
    """Pump diesel and petrol are blends: every released row of theirs must be re-derivable."""
    recipes = set(read("derivations/recipes.csv")[["factor_id", "source_id"]].itertuples(False))
    rows = factor_rows()
    pump = rows[rows["activity"].isin(PUMP_FUELS)]
    missing = [
        (r.factor_id, r.source_id)
        for r in pump.itertuples()
        if (r.factor_id, r.source_id) not in recipes
    ]
    assert not missing, missing


def test_diesel_2019_by_hand() -> None:
    # Energimyndigheten via Miljöbarometern B2E: 2019 FAME 5.8 %, FAME + HVO 23.3 % by volume;
    # Drivkraft Sverige/SPBI: MK1 diesel 2.54 kg CO2/l. Combustion = (1 - 0.233) x 2.54.
    rows = factor_rows().set_index("factor_id")
    assert float(rows.loc["diesel-mk1-combustion-2019", "value"]) == round((1 - 0.233) * 2.54, 4)
    # Life cycle: MK1 35.28 MJ/l x 95.1 g/MJ (fossil), FAME 32.94 MJ/l x 32.3 g/MJ, HVO 34.02
    # MJ/l x 14.0 g/MJ (Energimyndigheten 2016; SPBI heating values), per litre of blend:
    by_hand = (0.767 * 35.28 * 95.1 + 0.058 * 32.94 * 32.3 + 0.175 * 34.02 * 14.0) / 1000
    assert float(rows.loc["diesel-mk1-lifecycle-2019", "value"]) == round(by_hand, 4)
