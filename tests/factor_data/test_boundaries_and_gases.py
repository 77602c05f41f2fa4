"""One boundary per row, and the gases each fuel row covers.

* A row without a boundary is served under both: only where the distinction does not apply, a
  gas emitted as itself (``kg N2O / kg``) or a spend factor. Every other row states it; for
  scope 2 the combustion boundary is generation emissions (Ei's residual mix: "miljöpåverkan
  vid produktionstillfället").
* Every fuel row in use at the combustion boundary covers CO2, CH4 and N2O: through its gas
  components (components.csv), or, for a biofuel whose CO2 is biogenic, CH4 and N2O as the
  publisher gives them (BEIS 2022 "Bioenergy", CO2 outside the scopes).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

DATA = Path(__file__).resolve().parents[2] / "emission_factors"
# Combustion rows of biofuels whose fossil CO2 is nil: the publisher gives CH4 + N2O as one
# CO2e value (BEIS 2022 Bioenergy, AR4), without the gas split.
BIOGENIC_CH4_N2O_ONLY = {"hvo100", "ed95", "biogas"}


def read(name: str) -> pd.DataFrame:
    return pd.read_csv(DATA / name, dtype=str, keep_default_na=False, encoding="utf-8")


def active_factors() -> pd.DataFrame:
    files = sorted((DATA / "factors").glob("*.csv"))
    factors = pd.concat(
        [read(f"factors/{f.name}").assign(file=f.name) for f in files], ignore_index=True
    )
    withdrawn = set(read("withdrawn.csv")[["factor_id", "source_id"]].itertuples(index=False))
    keys = pd.Series(list(zip(factors["factor_id"], factors["source_id"], strict=True)))
    return factors[~keys.isin(withdrawn).to_numpy()].reset_index(drop=True)


def test_a_row_without_boundary_is_a_gas_itself_or_spend() -> None:
    activities = read("activities.csv").set_index("activity")
    factors = active_factors()
    free = factors[factors["boundary"] == ""]
    bad = free[
        (free["gas"] == "CO2e") & (free["activity"].map(activities["dimension"]) != "currency")
    ]
    assert bad.empty, list(bad["factor_id"])


def test_residual_mix_is_generation_emissions() -> None:
    factors = active_factors()
    rows = factors[factors["activity"] == "electricity_residual_mix"]
    assert set(rows["boundary"]) == {"combustion"}
    # Ei, news 2020-06-22: "Miljöpåverkan för den nordiska residualmixen är 338,53 g/CO2 per kWh"
    assert "338.53" in set(rows["value"])


def test_trains_count_nothing_at_the_vehicle() -> None:
    # Klimatresa: electric train 7 g CO2 per pkm (electricity); tank-to-wheel 0, as an
    # electric car (DESNZ 2024 scope 1 battery electric: 0).
    factors = active_factors().set_index("factor_id")
    assert float(factors.loc["train-lifecycle", "value"]) == 0.007
    assert float(factors.loc["train-combustion", "value"]) == 0.0


def test_every_fuel_row_covers_co2_ch4_and_n2o() -> None:
    factors = active_factors()
    fuels = factors[(factors["file"] == "fuels.csv") & (factors["boundary"] == "combustion")]
    components = read("components.csv")
    covered = components.groupby(["factor_id", "source_id"])["gas"].agg(frozenset)
    failures = []
    for r in fuels.itertuples():
        gases = covered.get((r.factor_id, r.source_id), frozenset())
        if gases >= {"CO2", "CH4", "N2O"}:
            continue
        if r.activity in BIOGENIC_CH4_N2O_ONLY and "CH4 and N2O only" in r.note:
            continue
        if r.activity in {"e85", "vehicle_gas"} and "CH4" in r.note and "N2O" in r.note:
            continue  # fossil CO2 plus CH4 and N2O, as the note shows the sum
        failures.append(f"{r.factor_id} ({r.source_id}): covers {sorted(gases) or 'unknown'}")
    assert not failures, "\n".join(failures)


def test_biogenic_co2_is_kept_per_row_for_every_biofuel_in_use() -> None:
    # DESNZ 2025, Outside of Scopes > Biofuel, litres: Biodiesel HVO 2,43; Biodiesel ME (FAME)
    # 2,39; Bioethanol 1,52 kg CO2 per litre; Biomethane (compressed) 2,71 kg CO2 per kg.
    factors = active_factors()
    bio = read("biogenic.csv").set_index(["factor_id", "source_id"])["value"].astype(float)
    for activity in ("hvo100", "biogas", "vehicle_gas", "diesel", "diesel_backup_power", "petrol"):
        rows = factors[factors["activity"] == activity]
        missing = [
            r.factor_id for r in rows.itertuples() if (r.factor_id, r.source_id) not in bio.index
        ]
        assert not missing, (activity, missing)
    hvo = factors[factors["activity"] == "hvo100"]
    assert {bio[(r.factor_id, r.source_id)] for r in hvo.itertuples()} == {2.43}
    # Pump diesel 2019: 5.8 % FAME and 17.5 % HVO by volume (Energimyndigheten):
    # 0.058 x 2.39 + 0.175 x 2.43 = 0.56387 kg biogenic CO2 per litre.
    key = factors[factors["factor_id"] == "diesel-mk1-combustion-2019"].iloc[0]
    assert bio[(key.factor_id, key.source_id)] == round(0.058 * 2.39 + 0.175 * 2.43, 4)
