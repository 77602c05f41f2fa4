"""Write the per-km factor rows of cars and taxis from the pump-fuel blends (issue 13).

The per-km factors of cars and taxis move from year to year with the pump fuel. Each row is
derived by :func:`klimatkalk.factors.derive.per_km` from the published per-km value of
``emission_factors/derivations/per_km.csv`` (the energy use per km it implies) and the year's
blend of ``derivations/blend_shares.csv`` (the bio shares actually delivered, or a stated
provisional stand-in). Run once per edition of those inputs::

    python scripts/derive_per_km_rows.py

It appends the rows to ``factors/travel.csv`` with their gas components (``components.csv``),
biogenic CO2 (``biogenic.csv``), data-quality class (``quality.csv``) and recipe
(``derivations/recipes.csv``), and withdraws (``withdrawn.csv``) the rows of the same activity and
source that it replaces. Rows already present are left alone (the data are append-only).
``tests/factor_data/test_derived_rows.py`` then re-derives every row from its recipe.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from klimatkalk.factors.derive import load_inputs, per_km, pump_blend

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "emission_factors"
SOURCE = "naturvardsverket-klimatberakningsverktyget-v9-2025"
YEARS = range(2019, 2026)
AR5 = {"CH4": 28.0, "N2O": 265.0}
SECOND_HAND = "Second-hand (NV tool v9 values quoted in the project reference, xlsx not opened)"


@dataclass(frozen=True)
class Activity:
    code: str
    vehicle: str
    quality: str
    proxy: str  # the proxy sentence of the note, or ""


ACTIVITIES = [
    Activity("car_diesel", "car_diesel", "derived", ""),
    Activity("car_petrol", "car_petrol", "derived", ""),
    Activity("taxi", "car_petrol", "proxy", "Proxy: taxi per vehicle-km = petrol car. "),
    Activity(
        "patient_travel_car",
        "car_petrol",
        "proxy",
        "Proxy: patient's own car, fuel unknown -> petrol car. ",
    ),
    Activity(
        "patient_travel_taxi",
        "car_petrol",
        "proxy",
        "Copy of 'taxi' (proxy: petrol car). ",
    ),
]
LOCATOR = {
    "car_diesel": "Sheet with road-vehicle factors, row 'car, diesel' (quoted: 0.184 kg CO2e/vkm)",
    "car_petrol": "Sheet with road-vehicle factors, row 'car, petrol' (quoted: 0.17 kg CO2e/vkm)",
}
QUALITY_NOTE = {
    "derived": "arithmetic on cited numbers (formula in the note)",
    "proxy": "the note names a value for something else standing in",
}


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def append(path: Path, rows: list[list[str]]) -> None:
    if not rows:
        return
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    text = path.read_text(encoding="utf-8")
    path.write_text(text + ("" if text.endswith("\n") else "\n") + buf.getvalue(), "utf-8")


def append_sorted(path: Path, rows: list[list[str]]) -> None:
    """Add factor rows and keep the file sorted by activity, valid_from (stable)."""
    with path.open(encoding="utf-8", newline="") as f:
        table = list(csv.reader(f))
    header, body = table[0], table[1:] + rows
    activity, valid_from = header.index("activity"), header.index("valid_from")
    body.sort(key=lambda r: (r[activity], int(r[valid_from])))
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows([header, *body])
    path.write_text(buf.getvalue(), encoding="utf-8")


def shares_text(inputs_shares: dict[str, float]) -> str:
    return ", ".join(f"{name} {100 * v:.2f} %" for name, v in sorted(inputs_shares.items()))


def main() -> None:
    inputs = load_inputs(DATA)
    status = {
        (r["fuel"], int(r["year"])): r["status"]
        for r in read(DATA / "derivations" / "blend_shares.csv")
    }
    pump_bio = {
        (r["factor_id"]): float(r["value"])
        for r in read(DATA / "biogenic.csv")
        if r["factor_id"].startswith(("diesel-mk1-combustion-", "petrol-e0-combustion-"))
    }
    travel = DATA / "factors" / "travel.csv"
    existing = {(r["factor_id"], r["source_id"]) for r in read(travel)}
    withdrawn = {(r["factor_id"], r["source_id"]) for r in read(DATA / "withdrawn.csv")}
    factors, comps, bio, quality, recipes, withdraw = [], [], [], [], [], []
    for act in ACTIVITIES:
        car = inputs.vehicles[act.vehicle]
        ref = pump_blend(car.fuel, car.year, inputs.components, inputs.shares)
        energy = car.value * ref.mj_per_l / ref.lifecycle
        grade = "MK1 diesel" if car.fuel == "diesel" else "E0 petrol"
        anchor_shares = shares_text(inputs.shares[(car.fuel, car.year)])
        for year in YEARS:
            blend = pump_blend(car.fuel, year, inputs.components, inputs.shares)
            km = per_km(car, year, inputs.components, inputs.shares)
            provisional = status[(car.fuel, year)] == "provisional"
            flag = (
                f"PROVISIONAL: the {year} bio shares are a stated stand-in "
                "(derivations/blend_shares.csv), not delivered shares. "
                if provisional
                else ""
            )
            basis = (
                f"Derived (klimatkalk.factors.derive.per_km; recipe in derivations/recipes.csv): "
                f"energy use E = {car.value} kg CO2e/vkm (NV tool v9, car on {car.year} pump "
                f"{car.fuel}) x {ref.mj_per_l:.3f} MJ/l / {ref.lifecycle:.4f} kg CO2e/l "
                f"({car.year} pump {car.fuel}, {grade} with {anchor_shares} by volume) = "
                f"{energy:.4f} MJ/vkm; {year} pump {car.fuel}: "
                f"{shares_text(inputs.shares[(car.fuel, year)])} by volume, "
                f"{blend.mj_per_l:.3f} MJ/l"
            )
            lc_id = f"{act.code}-blend-lifecycle-{year}"
            cb_id = f"{act.code}-blend-combustion-{year}"
            published = (f"{act.code}-{year}", SOURCE) in existing and year == car.year
            if published:  # the anchor year's row is the published value itself: kept
                pass
            elif (lc_id, SOURCE) not in existing:
                lc_value = f"{km.lifecycle:.4f}"
                note = (
                    f"{flag}{act.proxy}{basis}, {blend.lifecycle:.4f} kg CO2e/l -> "
                    f"{energy:.4f} x {blend.lifecycle:.4f} / {blend.mj_per_l:.3f} = {lc_value} "
                    "kg CO2e/vkm. The same energy use per km in every year is assumed; the "
                    "delivered bio shares (not the reduktionsplikt's legal level) move the "
                    f"factor. {SECOND_HAND}; WTW, GWP AR5 (the tool's)"
                )
                factors.append(
                    [
                        lc_id,
                        act.code,
                        lc_value,
                        "kg CO2e / km",
                        "CO2e",
                        "AR5GWP100",
                        "lifecycle",
                        "",
                        str(year),
                        str(year),
                        SOURCE,
                        LOCATOR[act.vehicle] + "; derivations/blend_shares.csv",
                        note,
                    ]
                )
                quality.append([lc_id, SOURCE, act.quality, QUALITY_NOTE[act.quality]])
                recipes.append(
                    [
                        lc_id,
                        SOURCE,
                        "per_km_blend",
                        f"vehicle={act.vehicle};year={year};boundary=lifecycle",
                        "value",
                    ]
                )
            if (cb_id, SOURCE) not in existing:
                parts = {
                    "CO2": f"{km.combustion:.6f}",
                    "CH4": f"{km.ch4:.4e}",
                    "N2O": f"{km.n2o:.4e}",
                }
                total = float(parts["CO2"]) + sum(AR5[g] * float(parts[g]) for g in AR5)
                cb_value = f"{total:.5f}"
                note = (
                    f"{flag}{act.proxy}{basis}; per vkm {energy:.4f} / {blend.mj_per_l:.3f} = "
                    f"{energy / blend.mj_per_l:.5f} l of the blend: fossil CO2 "
                    f"{blend.combustion:.5f} kg/l -> {parts['CO2']} kg CO2, CH4 {parts['CH4']} "
                    f"and N2O {parts['N2O']} kg per vkm (the fossil grade's per-litre values, "
                    "DESNZ 2025, derivations/fuel_grades.csv; in components.csv) = "
                    f"{cb_value} kg CO2e/vkm with AR5 GWPs (recomputed with the run's set). "
                    "Tank-to-wheel: biogenic CO2 of the bio part is a memo (biogenic.csv). "
                    f"{SECOND_HAND}"
                )
                factors.append(
                    [
                        cb_id,
                        act.code,
                        cb_value,
                        "kg CO2e / km",
                        "CO2e",
                        "AR5GWP100",
                        "combustion",
                        "",
                        str(year),
                        str(year),
                        SOURCE,
                        LOCATOR[act.vehicle] + "; derivations/blend_shares.csv, fuel_grades.csv",
                        note,
                    ]
                )
                for gas, value in parts.items():
                    comps.append(
                        [
                            cb_id,
                            SOURCE,
                            gas,
                            value,
                            f"kg {gas} / km",
                            "derivations/per_km.csv, blend_shares.csv, fuel_grades.csv",
                            f"Derived (klimatkalk.factors.derive.per_km): {gas} per vkm of the "
                            f"{year} pump {car.fuel}",
                        ]
                    )
                    recipes.append(
                        [
                            cb_id,
                            SOURCE,
                            "per_km_blend",
                            f"vehicle={act.vehicle};year={year};boundary=combustion",
                            gas,
                        ]
                    )
                pump = "diesel-mk1" if car.fuel == "diesel" else "petrol-e0"
                per_l = pump_bio[f"{pump}-combustion-{year}"]
                bio_km = per_l * energy / blend.mj_per_l
                bio.append(
                    [
                        cb_id,
                        SOURCE,
                        f"{bio_km:.5f}",
                        "kg CO2 / km",
                        f"biogenic.csv row {pump}-combustion-{year}",
                        f"Derived: {per_l} kg biogenic CO2 per litre of the {year} pump {car.fuel} "
                        f"x {energy / blend.mj_per_l:.5f} l per vkm = {bio_km:.5f} kg per vkm",
                    ]
                )
                quality.append([cb_id, SOURCE, act.quality, QUALITY_NOTE[act.quality]])
        for y in YEARS:
            old = f"{act.code}-{y}"
            replaced = [f"{act.code}-combustion-{y}"] + ([old] if y != car.year else [])
            for fid in replaced:
                if (fid, SOURCE) in existing and (fid, SOURCE) not in withdrawn:
                    withdraw.append(
                        [
                            fid,
                            SOURCE,
                            SOURCE,
                            "Scaled the per-km factor with the reduktionsplikt's legal level; "
                            "replaced by the row of the same year derived from the delivered bio "
                            f"shares ({act.code}-blend-*, klimatkalk.factors.derive.per_km)",
                        ]
                    )
    # Plug-in hybrid: the petrol share of its km times the petrol car's combustion part.
    v = inputs.vehicles
    share = (v["car_phev"].value - v["car_electric"].value) / (
        v["car_petrol"].value - v["car_electric"].value
    )
    for year in YEARS:
        fid = f"car_phev-blend-combustion-{year}"
        if (fid, SOURCE) in existing:
            continue
        km = per_km(v["car_petrol"], year, inputs.components, inputs.shares)
        parts = {
            "CO2": f"{share * km.combustion:.6f}",
            "CH4": f"{share * km.ch4:.4e}",
            "N2O": f"{share * km.n2o:.4e}",
        }
        total = float(parts["CO2"]) + sum(AR5[g] * float(parts[g]) for g in AR5)
        note = (
            (
                "PROVISIONAL: petrol shares of the year are a stated stand-in. "
                if status[("petrol", year)] == "provisional"
                else ""
            )
            + "Derived, assumption documented: a PHEV km is taken as either a petrol-car km or "
            "a BEV km (NV tool v9 2025 values: car petrol 0.17, PHEV 0.091, BEV 0.0066 kg "
            "CO2e/vkm, WTW, derivations/per_km.csv): petrol share of the km (0.091 - 0.0066) / "
            f"(0.17 - 0.0066) = {share:.4f}; the electric km burn nothing. Combustion = "
            f"{share:.4f} x the petrol car's per-km combustion gases of {year} "
            "(klimatkalk.factors.derive.per_km, delivered or stated petrol shares): CO2 "
            f"{parts['CO2']}, CH4 {parts['CH4']}, N2O {parts['N2O']} kg per vkm = "
            f"{total:.5f} kg CO2e/vkm with AR5 GWPs. No source gives the utility factor behind "
            f"NV's PHEV value - verify. {SECOND_HAND}"
        )
        factors.append(
            [
                fid,
                "car_phev",
                f"{total:.5f}",
                "kg CO2e / km",
                "CO2e",
                "AR5GWP100",
                "combustion",
                "",
                str(year),
                str(year),
                SOURCE,
                "Rows 'car, plug-in hybrid' (0.091), 'car, petrol' (0.17), 'car, battery electric' "
                "(0.0066 kg CO2e/vkm); derivations/per_km.csv",
                note,
            ]
        )
        for gas, value in parts.items():
            comps.append(
                [
                    fid,
                    SOURCE,
                    gas,
                    value,
                    f"kg {gas} / km",
                    "derivations/per_km.csv",
                    f"Derived (phev_per_km): {gas} per vkm, {year}",
                ]
            )
            recipes.append(
                [
                    fid,
                    SOURCE,
                    "phev_per_km",
                    f"phev=car_phev;petrol=car_petrol;electric=car_electric;year={year}",
                    gas,
                ]
            )
        quality.append([fid, SOURCE, "derived", QUALITY_NOTE["derived"]])
        per_l = pump_bio[f"petrol-e0-combustion-{year}"]
        litres = km.mj_per_l / pump_blend("petrol", year, inputs.components, inputs.shares).mj_per_l
        bio_km = share * per_l * litres
        bio.append(
            [
                fid,
                SOURCE,
                f"{bio_km:.5f}",
                "kg CO2 / km",
                f"biogenic.csv row petrol-e0-combustion-{year}",
                f"Derived: {share:.4f} (petrol share of the km) x {per_l} kg biogenic CO2 per l "
                f"of the {year} pump petrol x {litres:.5f} l per petrol-car vkm = {bio_km:.5f} kg",
            ]
        )
        old = f"car_phev-combustion-{year}"
        if (old, SOURCE) in existing and (old, SOURCE) not in withdrawn:
            withdraw.append(
                [
                    old,
                    SOURCE,
                    SOURCE,
                    "Followed the petrol car's combustion share scaled with the legal level; "
                    f"replaced by {fid} (delivered bio shares, CO2, CH4 and N2O)",
                ]
            )
    append_sorted(travel, factors)
    append(DATA / "components.csv", comps)
    append(DATA / "biogenic.csv", bio)
    append(DATA / "quality.csv", quality)
    append(DATA / "derivations" / "recipes.csv", recipes)
    append(DATA / "withdrawn.csv", withdraw)
    print(f"{len(factors)} factor rows, {len(withdraw)} withdrawn")


if __name__ == "__main__":
    main()
