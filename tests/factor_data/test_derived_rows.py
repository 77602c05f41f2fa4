"""Derived factor rows are re-derivable: each recipe in derivations/recipes.csv, recomputed
from the input data beside the factor files, gives the released value (to its printed
decimals).

The inputs and the arithmetic are checked here; the cited input values themselves are checked
in test_fuel_inputs.py.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pandas as pd
import pytest

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


def significant(text: str) -> float:
    """Half a unit of the last printed digit of ``text`` (fixed or scientific notation)."""
    mantissa, _, exponent = text.lower().partition("e")
    return 0.5 * 10 ** (-decimals(mantissa) + (int(exponent) if exponent else 0))


def rounding_tolerance(value: str, n_parts: int) -> float:
    """How far ``n_parts`` published gas parts may sum from the published total ``value``.

    The publisher rounds each gas part (kg CO2e of CO2, of CH4, of N2O) and the total to the
    same decimals, separately: each of the ``n_parts`` parts and the total is off by at most half
    a unit of the last digit, so the parts' sum may miss the total by ``(n_parts + 1)`` half
    units (DESNZ 2025, domestic flight: 0.13395 + 0.00022 + 0.00134 = 0.13551, total 0.13552).
    """
    return (n_parts + 1) * significant(value)


def gives_back(total: float, value: str, n_parts: int) -> bool:
    """Whether components adding up to ``total`` give back the published ``value``."""
    return abs(total - float(value)) <= rounding_tolerance(value, n_parts) + 1e-12


def test_every_recipe_reproduces_its_released_row() -> None:
    """Target ``value``: the row's value; a gas: that gas's line in components.csv; ``low`` or
    ``high``: the range of the spend factor in spend_basis.csv."""
    inputs = load_inputs(DATA)
    factors = factor_rows().set_index(["factor_id", "source_id"])
    components = read("components.csv").set_index(["factor_id", "source_id", "gas"])
    spend_basis = read("spend_basis.csv").set_index(["factor_id", "source_id"])
    failures = []
    for r in read("derivations/recipes.csv").itertuples():
        key = (r.factor_id, r.source_id)
        if key not in factors.index:
            failures.append(f"recipe for {key}, which is not a factor row")
            continue
        if r.target == "value":
            released = str(factors.loc[key, "value"])
        elif r.target in {"low", "high"}:
            released = str(spend_basis.loc[key, r.target])
        else:
            released = str(components.loc[(*key, r.target), "value"])
        derived = rederive(r.recipe, r.inputs, inputs, r.target)
        if abs(derived - float(released)) > significant(released) + 1e-15:
            failures.append(f"{key} {r.target}: released {released}, re-derived {derived:.6g}")
    assert not failures, "\n".join(failures)


def test_components_give_back_the_published_value() -> None:
    """A row's gas components, weighted with its own GWP set, sum to its value (a row of CO2
    only, such as the residual mix's CO2 at production, needs no set)."""
    gwp = read("gwp.csv").set_index(["species", "gwp_set"])["value"].astype(float)
    factors = factor_rows().set_index(["factor_id", "source_id"])
    failures = []
    for (factor_id, source_id), parts in read("components.csv").groupby(["factor_id", "source_id"]):
        row = factors.loc[(factor_id, source_id)]
        co2_only = set(parts["gas"]) == {"CO2"}  # CO2 has GWP 1 in every set
        if not row["gwp_set"] and not co2_only:
            failures.append(f"{factor_id}: components but no gwp_set to check them against")
            continue
        to_row_unit = 1000.0 if row["unit"].startswith("g ") else 1.0
        gwp_set = row["gwp_set"] or "AR5GWP100"
        total = sum(
            float(p.value) * gwp[(p.gas, gwp_set)] * to_row_unit for p in parts.itertuples()
        )
        # Components are the publisher's gas parts, each rounded like the total: see
        # rounding_tolerance (half a unit of the last digit would fail on rounding alone).
        if not gives_back(total, row["value"], len(parts)):
            failures.append(f"{factor_id}: components give {total:.6g}, value {row['value']}")
    assert not failures, "\n".join(failures)


def test_the_rounding_tolerance_still_catches_a_real_mismatch() -> None:
    # Three parts and a total, each rounded to 5 decimals: (3 + 1) x 0.000005 = 0.00002.
    assert rounding_tolerance("0.13552", 3) == pytest.approx(0.00002)
    assert rounding_tolerance("1.98155", 3) == pytest.approx(0.00002)
    assert rounding_tolerance("0.133", 1) == pytest.approx(0.001)
    # DESNZ 2025, domestic flight, without RF: the parts sum to 0.13551, the total is 0.13552.
    assert gives_back(0.13395 + 0.00022 + 0.00134, "0.13552", 3)
    assert gives_back(0.13552 + 0.00002, "0.13552", 3)  # at the edge
    # Off by more than four half units: a misread or wrong GWP, not rounding.
    assert not gives_back(0.13552 + 0.000021, "0.13552", 3)
    assert not gives_back(0.13552 - 0.000021, "0.13552", 3)
    # Parts weighted with the wrong set: BEIS 2019 domestic flight (AR4: CH4 25, N2O 298), CO2
    # 0.13345, CH4 0.00012 and N2O 0.00126 kg CO2e, weighted with AR6 (27.9, 273) give 0.134738,
    # off from the total 0.13483 by 0.00009.
    assert not gives_back(0.13345 + 0.00012 / 25 * 27.9 + 0.00126 / 298 * 273, "0.13483", 3)
    # A dropped gas part fails too (N2O 0.00134 missing).
    assert not gives_back(0.13395 + 0.00022, "0.13552", 2)


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
    # Drivkraft Sverige/SPBI: MK1 diesel 2.54 kg CO2/l. CO2 = (1 - 0.233) x 2.54 = 1.94818.
    # DESNZ 2025, Diesel (100% mineral diesel), litres: CH4 0.00029 and N2O 0.03308 kg CO2e
    # (AR5), so the row in AR5 is 1.94818 + 0.00029 + 0.03308 = 1.98155 kg CO2e/l.
    rows = factor_rows().set_index("factor_id")
    components = read("components.csv").set_index(["factor_id", "gas"])["value"].astype(float)
    assert components[("diesel-mk1-combustion-2019", "CO2")] == round((1 - 0.233) * 2.54, 5)
    assert float(rows.loc["diesel-mk1-combustion-2019", "value"]) == round(
        (1 - 0.233) * 2.54 + 0.00029 + 0.03308, 5
    )
    # Life cycle: MK1 35.28 MJ/l x 95.1 g/MJ (fossil), FAME 32.94 MJ/l x 32.3 g/MJ, HVO 34.02
    # MJ/l x 14.0 g/MJ (Energimyndigheten 2016; SPBI heating values), per litre of blend:
    by_hand = (0.767 * 35.28 * 95.1 + 0.058 * 32.94 * 32.3 + 0.175 * 34.02 * 14.0) / 1000
    assert float(rows.loc["diesel-mk1-lifecycle-2019", "value"]) == round(by_hand, 4)


PER_KM = {"car_diesel", "car_petrol", "taxi", "patient_travel_car", "patient_travel_taxi"}


def active_rows() -> pd.DataFrame:
    rows = factor_rows()
    withdrawn = set(read("withdrawn.csv")[["factor_id", "source_id"]].itertuples(False))
    keep = [(f, s) not in withdrawn for f, s in zip(rows.factor_id, rows.source_id, strict=True)]
    return rows[keep]


def active(activity: str, boundary: str, year: int) -> pd.Series:
    rows = active_rows()
    hit = rows[
        (rows["activity"] == activity)
        & (rows["boundary"] == boundary)
        & (rows["valid_from"].astype(int) <= year)
        & (rows["valid_to"].astype(int) >= year)
    ]
    assert len(hit) == 1, (activity, boundary, year, hit["factor_id"].tolist())
    return hit.iloc[0]


def test_every_car_and_taxi_row_in_use_has_a_recipe_and_no_legal_level() -> None:
    """Cars and taxis follow the delivered bio shares (per_km), like pump fuel: every row in
    use is re-derivable, and none scales with the reduktionsplikt's legal level."""
    recipes = set(read("derivations/recipes.csv")[["factor_id", "source_id"]].itertuples(False))
    rows = active_rows()
    cars = rows[rows["activity"].isin(PER_KM | {"car_phev"})]
    # The published values themselves (2025 life cycle, the PHEV's stretched 0.091) are no
    # derivation.
    published = (cars["boundary"] == "lifecycle") & (
        (cars["valid_from"] == "2025") | (cars["activity"] == "car_phev")
    )
    derived = cars[~published]
    missing = [
        (r.factor_id, r.source_id)
        for r in derived.itertuples()
        if (r.factor_id, r.source_id) not in recipes
    ]
    assert not missing, missing
    assert not cars["note"].str.contains("reduction level|r_20", regex=True).any()


def test_diesel_car_2019_by_hand() -> None:
    # Naturvårdsverket's tool v9: diesel car 0.184 kg CO2e/vkm (well to wheel), taken as a car on
    # 2025 pump diesel: HVO 9.69 % by volume (provisional stand-in, blend_shares.csv), MK1
    # 35.28 MJ/l and 95.1 g/MJ, HVO 34.02 MJ/l and 14.0 g/MJ (SPBI; Energimyndigheten 2016).
    h25 = 0.9031 * 35.28 + 0.0969 * 34.02
    l25 = (0.9031 * 35.28 * 95.1 + 0.0969 * 34.02 * 14.0) / 1000
    energy = 0.184 * h25 / l25  # MJ per vkm, the same in every year
    # 2019 pump diesel as delivered (Energimyndigheten via Miljöbarometern B2E): FAME 5.8 %,
    # HVO 17.5 % by volume; FAME 32.94 MJ/l and 32.3 g/MJ.
    h19 = 0.767 * 35.28 + 0.058 * 32.94 + 0.175 * 34.02
    l19 = (0.767 * 35.28 * 95.1 + 0.058 * 32.94 * 32.3 + 0.175 * 34.02 * 14.0) / 1000
    lifecycle = active("car_diesel", "lifecycle", 2019)
    assert float(lifecycle["value"]) == round(energy * l19 / h19, 4)
    # Tailpipe: (1 - 0.233) x 2.54 kg fossil CO2 per litre of blend (SPBI MK1), per vkm.
    combustion = active("car_diesel", "combustion", 2019)
    co2 = read("components.csv").set_index(["factor_id", "gas"])["value"].astype(float)
    assert co2[(combustion["factor_id"], "CO2")] == pytest.approx(
        energy / h19 * (1 - 0.233) * 2.54, abs=5e-7
    )
    # The legal level (20 %) gave 0.1600; the delivered shares give about +2 %.
    assert float(lifecycle["value"]) != 0.16


def test_petrol_car_moves_with_the_ethanol_share_and_keeps_its_energy_use() -> None:
    # Petrol car 0.17 kg CO2e/vkm (NV tool v9) on 2025 pump petrol (10 % ethanol by volume):
    # E0 32.76 MJ/l, 93.3 g/MJ; ethanol 21.24 MJ/l, 30.8 g/MJ. 2019: 6.3 % ethanol (2018 share
    # reported by Energimyndigheten, ER 2019:14, standing in).
    def per_mj(ethanol: float) -> tuple[float, float]:
        h = (1 - ethanol) * 32.76 + ethanol * 21.24
        return h, ((1 - ethanol) * 32.76 * 93.3 + ethanol * 21.24 * 30.8) / 1000

    h25, l25 = per_mj(0.10)
    h19, l19 = per_mj(0.063)
    energy = 0.17 * h25 / l25
    for activity in ("car_petrol", "taxi", "patient_travel_car", "patient_travel_taxi"):
        assert float(active(activity, "lifecycle", 2019)["value"]) == round(energy * l19 / h19, 4)
        assert float(active(activity, "lifecycle", 2024)["value"]) == 0.17  # 10 % as in 2025
    # The same energy per km in every year: value / (kg CO2e per MJ of the year's blend).
    shares = read("derivations/blend_shares.csv")
    ethanol = shares[shares["fuel"] == "petrol"].set_index("year")["share"].astype(float)
    implied = {
        y: float(active("car_petrol", "lifecycle", y)["value"])
        / (per_mj(ethanol[str(y)])[1] / per_mj(ethanol[str(y)])[0])
        for y in range(2019, 2026)
    }
    assert max(implied.values()) - min(implied.values()) < 2e-3, implied


def test_plug_in_hybrid_burns_the_petrol_share_of_its_km() -> None:
    # NV tool v9: petrol car 0.17, PHEV 0.091, BEV 0.0066 kg CO2e/vkm; petrol share of the
    # PHEV's km (0.091 - 0.0066) / (0.17 - 0.0066) = 0.5165.
    share = (0.091 - 0.0066) / (0.17 - 0.0066)
    for year in (2019, 2024):
        phev = float(active("car_phev", "combustion", year)["value"])
        petrol = float(active("car_petrol", "combustion", year)["value"])
        assert phev == pytest.approx(share * petrol, abs=2e-5)


def test_every_derived_row_in_use_is_re_derivable() -> None:
    """Each row in use that is arithmetic on cited numbers (quality ``derived``, or a note that
    starts with "Derived") has a recipe: from the data inputs (pump blends, per-km cars) or, where
    the inputs are numbers quoted in the note, its formula. Spend factors are left to their own
    recipes (their deflator chain)."""
    recipes = set(read("derivations/recipes.csv")[["factor_id", "source_id"]].itertuples(False))
    quality = read("quality.csv").set_index(["factor_id", "source_id"])["quality"]
    rows = active_rows()
    rows = rows[~rows["activity"].str.startswith("purchase")]
    missing = [
        (r.factor_id, r.source_id)
        for r in rows.itertuples()
        if (quality.get((r.factor_id, r.source_id)) == "derived" or r.note.startswith("Derived"))
        and (r.factor_id, r.source_id) not in recipes
    ]
    assert not missing, missing


def test_e85_and_ed95_by_hand() -> None:
    # Drivkraft Sverige/SPBI: E85 summer (85 % ethanol) 6 300 kWh/m3 and 0,35 kg CO2/l, winter
    # (75 %) 6 650 kWh/m3 and 0,59 kg CO2/l; Energimyndigheten 2016: delivered E85 23.2 MJ/l, so
    # the winter share w = (23.2 - 22.68) / (23.94 - 22.68); BEIS 2022 Scope 1 bioethanol
    # 0.00901 kg CO2e/l, petrol CH4 0.00732 and N2O 0.00671 kg CO2e/l.
    w = (23.2 - 22.68) / (23.94 - 22.68)
    ethanol = 0.85 * (1 - w) + 0.75 * w
    e85 = 0.35 * (1 - w) + 0.59 * w + ethanol * 0.00901 + (1 - ethanol) * (0.00732 + 0.00671)
    assert float(active("e85", "combustion", 2024)["value"]) == round(e85, 3)
    # BEIS 2022 bioethanol 0.42339 kg CO2e/GJ x ED95 21.4 MJ/l (Energimyndigheten 2016).
    assert float(active("ed95", "combustion", 2024)["value"]) == round(0.42339 * 21.4 / 1000, 5)


def test_a_new_input_moves_every_row_that_depends_on_it() -> None:
    """The recipes read the inputs: a revised 2019 HVO share re-derives pump diesel and the
    diesel car of 2019 (and nothing of 2020)."""
    inputs = load_inputs(DATA)
    shares = {k: dict(v) for k, v in inputs.shares.items()}
    shares[("diesel", 2019)]["hvo"] += 0.05  # five points more HVO by volume
    revised = dataclasses.replace(inputs, shares=shares)
    cases = [
        ("pump_blend", "fuel=diesel;year=2019;boundary=lifecycle", True),
        ("per_km_blend", "vehicle=car_diesel;year=2019;boundary=lifecycle", True),
        ("per_km_blend", "vehicle=car_diesel;year=2019;boundary=combustion", True),
        ("per_km_blend", "vehicle=car_diesel;year=2020;boundary=lifecycle", False),
    ]
    for recipe, args, moves in cases:
        before = rederive(recipe, args, inputs)
        after = rederive(recipe, args, revised)
        assert (after < before) if moves else (after == before), (recipe, args, before, after)
