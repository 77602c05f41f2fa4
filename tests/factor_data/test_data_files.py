"""Data tests of the bundled emission-factor library (``emission_factors/``).

The format contract is ``emission_factors/README.md``. These tests read the CSV files with pandas
only (no klimatkalk code), so that a data error is found even when the loader is broken. Every
test collects *all* failing rows and prints them before it fails.

Expected figures come from outside the code; each one has its citation beside it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[2] / "emission_factors"
YEARS = range(2019, 2026)
GWP_SETS = ("AR4GWP100", "AR5GWP100", "AR6GWP100")
BOUNDARIES = {"", "combustion", "lifecycle"}

FACTOR_COLUMNS = [
    "factor_id",
    "activity",
    "value",
    "unit",
    "gas",
    "gwp_set",
    "boundary",
    "price_year",
    "valid_from",
    "valid_to",
    "source_id",
    "source_locator",
    "note",
]
FACTOR_FILES = [
    "factors/district_heating.csv",
    "factors/electricity.csv",
    "factors/fuels.csv",
    "factors/medical_gases.csv",
    "factors/purchases.csv",
    "factors/refrigerants.csv",
    "factors/travel.csv",
]
# Columns of every file, in order (emission_factors/README.md, table "Files"; reduktionsplikt.csv
# as specified for the fossil-free-share indicator).
COLUMNS = {
    "sources.csv": [
        "source_id",
        "publisher",
        "title",
        "year",
        "url",
        "doc_id",
        "retrieved",
        "license",
        "note",
        "year_basis",
    ],
    "activities.csv": [
        "activity",
        "label_sv",
        "label_en",
        "category",
        "subcategory",
        "scope",
        "ghg_category",
        "dimension",
        "note",
        "factor_gap",
    ],
    "gwp.csv": ["species", "gwp_set", "value", "source_id", "source_locator", "note"],
    "species.csv": [
        "species",
        "label_sv",
        "label_en",
        "formula",
        "molar_mass",
        "source_id",
        "note",
    ],
    "blends.csv": [
        "blend",
        "component",
        "fraction",
        "basis",
        "source_id",
        "source_locator",
        "note",
    ],
    "kpi.csv": ["year", "kpi", "source_id", "source_locator", "note"],
    "reduktionsplikt.csv": [
        "year",
        "fuel",
        "reduction_level",
        "bio_share_energy",
        "source_id",
        "source_locator",
        "note",
    ],
    **dict.fromkeys(FACTOR_FILES, FACTOR_COLUMNS),
    "high_altitude.csv": [
        "activity",
        "multiplier",
        "valid_from",
        "valid_to",
        "source_id",
        "source_locator",
        "note",
    ],
    "withdrawn.csv": ["factor_id", "source_id", "withdrawn_by", "reason"],
}
# Activities flown at cruise altitude: they, and only they, carry a high-altitude multiplier
# (README, high_altitude.csv; helicopters and jet fuel by the litre get none).
HIGH_ALTITUDE_ACTIVITIES = {"flight_domestic", "flight_europe", "flight_intercontinental"}
# Units accepted per activity dimension (README, table "dimension").
DENOMINATORS = {
    "volume": {"l", "dm3", "m3", "ml", "cl"},
    "normal_volume": {"Nm3"},
    "mass": {"g", "kg", "t"},
    "energy": {"Wh", "kWh", "MWh", "GWh", "MJ", "GJ", "TJ"},
    "distance": {"m", "km", "mil", "pkm", "vkm"},
    # person-km and vehicle-km are different quantities; km counts as the activity's kind
    "passenger_distance": {"m", "km", "mil", "pkm"},
    "vehicle_distance": {"m", "km", "mil", "vkm"},
    "currency": {
        "SEK",
        "kr",
        "kSEK",
        "tkr",
        "MSEK",
        "mnkr",
        "EUR",
        "USD",
    },  # EUR/USD: spend_basis.csv
    "time": {"h", "min"},
}
CATEGORIES = {"energy", "transport", "medical_gases", "refrigerants", "purchases"}
UNIT = re.compile(r"^(g|kg|t) (\S+) / (\S+)$")


def read(name: str) -> pd.DataFrame:
    """Read a data file as text (no NaN: empty cells stay '')."""
    return pd.read_csv(ROOT / name, dtype=str, keep_default_na=False, encoding="utf-8")


def line(index: object) -> int:
    """CSV line of a frame row (header = line 1)."""
    return int(index) + 2  # type: ignore[call-overload]


def report(failures: list[str], what: str) -> None:
    """Print every failure, then fail once with all of them."""
    for failure in failures:
        print(failure)
    assert not failures, f"{len(failures)} {what}:\n" + "\n".join(failures)


def all_factors() -> pd.DataFrame:
    """Every factor row of the latest edition: withdrawn rows (withdrawn.csv) left out."""
    frames = [read(name).assign(file=name, line=lambda f: f.index + 2) for name in FACTOR_FILES]
    factors = pd.concat(frames, ignore_index=True)
    withdrawn = set(read("withdrawn.csv")[["factor_id", "source_id"]].itertuples(index=False))
    keys = pd.Series(list(zip(factors["factor_id"], factors["source_id"], strict=True)))
    return factors[~keys.isin(withdrawn).to_numpy()].reset_index(drop=True)


def covered_years(rows: pd.DataFrame) -> set[int]:
    return {y for r in rows.itertuples() for y in range(int(r.valid_from), int(r.valid_to) + 1)}


def is_float(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def exempt() -> dict[str, str]:
    """Activities without a bundled factor for some of 2019-2025: activities.csv factor_gap."""
    activities = read("activities.csv")
    return {a.activity: a.factor_gap for a in activities.itertuples() if a.factor_gap.strip()}


def gwp_table() -> dict[tuple[str, str], float]:
    gwp = read("gwp.csv")
    return {(r.species, r.gwp_set): float(r.value) for r in gwp.itertuples()}


def mass_fractions(blend: str) -> dict[str, float]:
    """Mass fractions of a blend; mole-basis blends via species.csv molar masses."""
    blends = read("blends.csv")
    molar = {r.species: float(r.molar_mass) for r in read("species.csv").itertuples()}
    rows = blends[blends["blend"] == blend]
    if set(rows["basis"]) == {"mass"}:
        return {r.component: float(r.fraction) for r in rows.itertuples()}
    weights = {r.component: float(r.fraction) * molar[r.component] for r in rows.itertuples()}
    total = sum(weights.values())
    return {k: w / total for k, w in weights.items()}


def blend_gwp(blend: str, gwp_set: str) -> float:
    gwp = gwp_table()
    return sum(w * gwp[(c, gwp_set)] for c, w in mass_fractions(blend).items())


# --------------------------------------------------------------------------------------------
# Every file
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(COLUMNS), ids=sorted(COLUMNS))
def test_columns_are_exactly_the_specified_ones(name: str) -> None:
    header = list(read(name).columns)
    failures = []
    if header != COLUMNS[name]:
        missing = [c for c in COLUMNS[name] if c not in header]
        extra = [c for c in header if c not in COLUMNS[name]]
        failures.append(f"{name}:1 header {header}; missing {missing}; extra {extra}")
    report(failures, f"header problems in {name}")


@pytest.mark.parametrize("name", sorted(COLUMNS), ids=sorted(COLUMNS))
def test_no_comment_lines_and_no_ragged_rows(name: str) -> None:
    failures = []
    width = len(COLUMNS[name])
    frame = read(name)
    if frame.shape[1] != width:
        failures.append(f"{name}: {frame.shape[1]} columns, expected {width}")
    for index, row in frame.iterrows():
        first = str(row.iloc[0])
        if first.startswith("#") or not first.strip():
            failures.append(f"{name}:{line(index)} first cell {first!r}")
    report(failures, f"bad rows in {name}")


# --------------------------------------------------------------------------------------------
# sources.csv and activities.csv
# --------------------------------------------------------------------------------------------


def test_sources_are_complete_and_unique() -> None:
    sources = read("sources.csv")
    failures = []
    for index, s in sources.iterrows():
        where = f"sources.csv:{line(index)} {s.source_id}"
        for column in ("source_id", "publisher", "title", "year"):
            if not s[column].strip():
                failures.append(f"{where}: empty {column}")
        if not (s.year.isdigit() and 1900 <= int(s.year) <= 2100):
            failures.append(f"{where}: year {s.year!r} is not a publication year")
        if not (s.url.strip() or s.doc_id.strip()):
            failures.append(f"{where}: neither url nor doc_id")
        if s.retrieved and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", s.retrieved):
            failures.append(f"{where}: retrieved {s.retrieved!r} is not an ISO date")
    for source_id in sources["source_id"][sources["source_id"].duplicated()]:
        failures.append(f"sources.csv: duplicate source_id {source_id}")
    report(failures, "incomplete or duplicate sources")


def test_activities_follow_the_catalogue_rules() -> None:
    activities = read("activities.csv")
    failures = []
    for index, a in activities.iterrows():
        where = f"activities.csv:{line(index)} {a.activity}"
        if not re.fullmatch(r"[a-z0-9_]+", a.activity):
            failures.append(f"{where}: code is not [a-z0-9_]+")
        if a.category not in CATEGORIES:
            failures.append(f"{where}: category {a.category!r}")
        if a.scope not in {"1", "2", "3"}:
            failures.append(f"{where}: scope {a.scope!r}")
        if (a.scope == "3") != bool(a.ghg_category):
            failures.append(f"{where}: ghg_category {a.ghg_category!r} with scope {a.scope}")
        if a.ghg_category and not (a.ghg_category.isdigit() and 1 <= int(a.ghg_category) <= 15):
            failures.append(f"{where}: ghg_category {a.ghg_category!r}")
        if a.dimension not in DENOMINATORS:
            failures.append(f"{where}: dimension {a.dimension!r}")
        for column in ("label_sv", "label_en", "subcategory"):
            if not a[column].strip():
                failures.append(f"{where}: empty {column}")
    for code in activities["activity"][activities["activity"].duplicated()]:
        failures.append(f"activities.csv: duplicate activity {code}")
    report(failures, "catalogue problems")


# --------------------------------------------------------------------------------------------
# factors/*.csv
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", FACTOR_FILES, ids=FACTOR_FILES)
def test_factor_rows_are_valid(name: str) -> None:
    factors = read(name)
    sources = read("sources.csv").set_index("source_id")
    activities = read("activities.csv").set_index("activity")
    species = set(read("species.csv")["species"])
    blends = set(read("blends.csv")["blend"])
    failures = []
    for index, f in factors.iterrows():
        where = f"{name}:{line(index)} {f.factor_id}"
        # source resolves and is complete
        if f.source_id not in sources.index:
            failures.append(f"{where}: source_id {f.source_id!r} not in sources.csv")
        else:
            s = sources.loc[f.source_id]
            if not (s.publisher and s.title and s.year.isdigit() and (s.url or s.doc_id)):
                failures.append(f"{where}: source {f.source_id} lacks publisher/title/year/url")
        if not f.source_locator.strip():
            failures.append(f"{where}: empty source_locator")
        # validity
        ok_years = f.valid_from.isdigit() and f.valid_to.isdigit()
        if not ok_years:
            failures.append(f"{where}: valid_from/valid_to {f.valid_from!r}/{f.valid_to!r}")
        elif not 2015 <= int(f.valid_from) <= int(f.valid_to) <= 2030:
            failures.append(
                f"{where}: validity {f.valid_from}-{f.valid_to} outside 2015..2030 or reversed"
            )
        # value
        if not is_float(f.value) or float(f.value) < 0:
            failures.append(f"{where}: value {f.value!r}")
        # unit and gas
        match = UNIT.match(f.unit)
        if match is None:
            failures.append(f"{where}: unit {f.unit!r} does not match '<g|kg|t> <gas> / <unit>'")
        elif match.group(2) != f.gas:
            failures.append(f"{where}: unit names gas {match.group(2)!r}, gas column {f.gas!r}")
        if f.gas != "CO2e" and f.gas not in species and f.gas not in blends:
            failures.append(f"{where}: gas {f.gas!r} is not CO2e, a species or a blend")
        if f.gas == "CO2e" and f.gwp_set not in {"", *GWP_SETS}:
            failures.append(f"{where}: gwp_set {f.gwp_set!r}")
        if f.gas != "CO2e" and f.gwp_set:
            failures.append(f"{where}: gwp_set must be empty for a gas emitted as itself")
        if f.boundary not in BOUNDARIES:
            failures.append(f"{where}: boundary {f.boundary!r}")
        # activity and dimension
        if f.activity not in activities.index:
            failures.append(f"{where}: activity {f.activity!r} not in activities.csv")
        else:
            dimension = activities.loc[f.activity, "dimension"]
            if match is not None and match.group(3) not in DENOMINATORS[dimension]:
                failures.append(
                    f"{where}: per {match.group(3)!r}, but {f.activity} is measured in {dimension}"
                )
            if (dimension == "currency") != bool(f.price_year):
                failures.append(f"{where}: price_year {f.price_year!r} with dimension {dimension}")
        if f.price_year and not (f.price_year.isdigit() and 1990 <= int(f.price_year) <= 2030):
            failures.append(f"{where}: price_year {f.price_year!r}")
    # sorted by activity, valid_from (README and style guide)
    keys = list(zip(factors["activity"], factors["valid_from"].astype(int), strict=True))
    if keys != sorted(keys):
        failures.append(f"{name}: rows are not sorted by activity, valid_from")
    report(failures, f"invalid factor rows in {name}")


def test_factor_key_is_unique() -> None:
    factors = all_factors()
    dup = factors[factors.duplicated(["factor_id", "source_id"], keep=False)]
    failures = [
        f"{r.file}:{r.line} ({r.factor_id}, {r.source_id}) is used twice" for r in dup.itertuples()
    ]
    report(failures, "duplicate (factor_id, source_id)")


def test_no_overlapping_validity_within_activity_boundary_source() -> None:
    factors = all_factors()
    failures = []
    for (activity, boundary, source_id), group in factors.groupby(
        ["activity", "boundary", "source_id"]
    ):
        rows = group.assign(vf=group["valid_from"].astype(int), vt=group["valid_to"].astype(int))
        rows = rows.sort_values("vf")
        previous = None
        for r in rows.itertuples():
            if previous is not None and r.vf <= previous.vt:
                failures.append(
                    f"{r.file}:{r.line} {activity}/{boundary or '-'}/{source_id} "
                    f"{r.vf}-{r.vt} overlaps {previous.file}:{previous.line} "
                    f"{previous.vf}-{previous.vt}"
                )
            if previous is None or r.vt > previous.vt:
                previous = r
    report(failures, "overlapping validities")


def test_every_activity_has_a_factor_for_every_year() -> None:
    """Each activity, each year 2019-2025: a factor row (any boundary), or a reason.

    The reason is activities.csv ``factor_gap`` (e.g. district_heating_lulea: Energiföretagen's
    network value for Luleå Energi was not found; electricity_supplier_specific: user-given).
    """
    factors = all_factors()
    gaps = exempt()
    # Either boundary: the other one is used as a marked fallback (compile, boundary_fallback).
    usable = factors
    failures = []
    for activity in read("activities.csv")["activity"]:
        covered = covered_years(usable[usable["activity"] == activity])
        missing = [year for year in YEARS if year not in covered]
        if activity in gaps:
            if not missing:
                failures.append(
                    f"{activity}: factor_gap ({gaps[activity]}) but fully covered - "
                    "empty its factor_gap"
                )
            continue
        if missing:
            failures.append(
                f"{activity}: no factor for {missing}, and "
                "activities.csv factor_gap does not say why"
            )
    report(failures, "activity-years without a factor")


# --------------------------------------------------------------------------------------------
# high_altitude.csv, withdrawn.csv
# --------------------------------------------------------------------------------------------


def test_high_altitude_rows_are_sourced_and_plausible() -> None:
    rows = read("high_altitude.csv")
    sources = set(read("sources.csv")["source_id"])
    failures = []
    for index, r in rows.iterrows():
        where = f"high_altitude.csv:{line(index)} {r.activity}"
        if r.activity not in HIGH_ALTITUDE_ACTIVITIES:
            failures.append(f"{where}: only flights at cruise altitude get a multiplier")
        # published multipliers range from 1.7 (Lee et al. 2021 as used by Klimatsmart semester)
        # to 2.7 (IPCC 1999 FA1, quoted by Tricorona); 1 means none
        if not is_float(r.multiplier) or not 1.0 <= float(r.multiplier) <= 3.0:
            failures.append(f"{where}: multiplier {r.multiplier!r}")
        if r.source_id not in sources:
            failures.append(f"{where}: source_id {r.source_id!r} not in sources.csv")
        if not r.source_locator.strip():
            failures.append(f"{where}: empty source_locator")
    report(failures, "invalid high-altitude rows")


def test_every_flight_has_a_multiplier_and_a_combustion_factor_each_year() -> None:
    """The multiplier applies to the combustion part, so both must cover 2019-2025."""
    multipliers = read("high_altitude.csv")
    factors = all_factors()
    failures = []
    for activity in sorted(HIGH_ALTITUDE_ACTIVITIES):
        for what, rows in (
            ("multiplier", multipliers[multipliers["activity"] == activity]),
            (
                "combustion factor",
                factors[(factors["activity"] == activity) & (factors["boundary"] == "combustion")],
            ),
        ):
            missing = [y for y in YEARS if y not in covered_years(rows)]
            if missing:
                failures.append(f"{activity}: no {what} for {missing}")
    report(failures, "flights without multiplier or combustion factor")


def test_withdrawals_name_existing_rows_and_a_reason() -> None:
    factors = pd.concat([read(name) for name in FACTOR_FILES], ignore_index=True)
    keys = set(zip(factors["factor_id"], factors["source_id"], strict=True))
    sources = read("sources.csv").set_index("source_id")
    failures = []
    for index, w in read("withdrawn.csv").iterrows():
        where = f"withdrawn.csv:{line(index)} {w.factor_id}"
        if (w.factor_id, w.source_id) not in keys:
            failures.append(f"{where}: no such row of source {w.source_id}")
        if w.withdrawn_by not in sources.index:
            failures.append(f"{where}: withdrawn_by {w.withdrawn_by!r} not in sources.csv")
        if not w.reason.strip():
            failures.append(f"{where}: no reason")
    report(failures, "invalid withdrawals")


# --------------------------------------------------------------------------------------------
# gwp.csv, species.csv, blends.csv
# --------------------------------------------------------------------------------------------


def test_gwp_rows_are_valid() -> None:
    gwp = read("gwp.csv")
    sources = set(read("sources.csv")["source_id"])
    species = set(read("species.csv")["species"])
    failures = []
    for index, r in gwp.iterrows():
        where = f"gwp.csv:{line(index)} {r.species}/{r.gwp_set}"
        if r.species not in species:
            failures.append(f"{where}: species not in species.csv")
        if r.gwp_set not in GWP_SETS:
            failures.append(f"{where}: gwp_set {r.gwp_set!r}")
        if not is_float(r.value) or float(r.value) < 0:
            failures.append(f"{where}: value {r.value!r}")
        if r.source_id not in sources:
            failures.append(f"{where}: source_id {r.source_id!r} not in sources.csv")
        if not r.source_locator.strip():
            failures.append(f"{where}: empty source_locator")
    for key in gwp[gwp.duplicated(["species", "gwp_set"], keep=False)].itertuples():
        failures.append(f"gwp.csv:{line(key.Index)} duplicate {key.species}/{key.gwp_set}")
    report(failures, "invalid GWP rows")


def test_species_and_blend_rows_are_valid() -> None:
    sources = set(read("sources.csv")["source_id"])
    species = read("species.csv")
    blends = read("blends.csv")
    failures = []
    for index, s in species.iterrows():
        where = f"species.csv:{line(index)} {s.species}"
        if not is_float(s.molar_mass) or float(s.molar_mass) <= 0:
            failures.append(f"{where}: molar_mass {s.molar_mass!r}")
        if s.source_id not in sources:
            failures.append(f"{where}: source_id {s.source_id!r} not in sources.csv")
    known = set(species["species"])
    for index, b in blends.iterrows():
        where = f"blends.csv:{line(index)} {b.blend}/{b.component}"
        if b.component not in known:
            failures.append(f"{where}: component not in species.csv")
        if b.basis not in {"mass", "mole"}:
            failures.append(f"{where}: basis {b.basis!r}")
        if b.source_id not in sources:
            failures.append(f"{where}: source_id {b.source_id!r} not in sources.csv")
        if b.blend in known:
            failures.append(f"{where}: blend id is also a species id")
    for blend, group in blends.groupby("blend"):
        total = group["fraction"].astype(float).sum()
        if abs(total - 1.0) > 0.001:
            failures.append(f"blends.csv {blend}: fractions sum to {total:.4f}, not 1 +- 0.001")
        if group["basis"].nunique() != 1:
            failures.append(f"blends.csv {blend}: mixes mass and mole bases")
    report(failures, "invalid species or blend rows")


def test_every_gas_has_gwp_in_ar4_ar5_ar6() -> None:
    """Each species/blend used as a gas (and each species) resolves in all three sets."""
    gwp = gwp_table()
    blends = read("blends.csv")
    gases = set(all_factors()["gas"]) - {"CO2e"}
    gases |= set(read("species.csv")["species"])
    failures = []
    for gas in sorted(gases):
        components = list(blends.loc[blends["blend"] == gas, "component"]) or [gas]
        for gwp_set in GWP_SETS:
            missing = [c for c in components if (c, gwp_set) not in gwp]
            if missing:
                failures.append(f"{gas}: no {gwp_set} value for {missing}")
    report(failures, "gases without a GWP")


# Our species id -> globalwarmingpotentials name, per set. CO2 is not in the package (1 by
# definition); sevoflurane (HFE-347mmz1) and propane are not in it at all; AR4 has no desflurane;
# the fossil/non-fossil CH4 split exists only in AR6 (Table 7.15), so those two are compared with
# the package's CH4 for AR4/AR5 only.
GWP_PACKAGE_NAMES = {
    "N2O": {s: "N2O" for s in GWP_SETS},
    "CH4": {s: "CH4" for s in GWP_SETS},
    "CH4_fossil": {"AR4GWP100": "CH4", "AR5GWP100": "CH4"},
    "CH4_nonfossil": {"AR4GWP100": "CH4", "AR5GWP100": "CH4"},
    "isoflurane": {s: "HCFE235da2" for s in GWP_SETS},
    "desflurane": {"AR5GWP100": "HFE236ea2", "AR6GWP100": "HFE236ea2"},
    "HFC32": {s: "HFC32" for s in GWP_SETS},
    "HFC125": {s: "HFC125" for s in GWP_SETS},
    "HFC134a": {s: "HFC134a" for s in GWP_SETS},
    "HFC143a": {s: "HFC143a" for s in GWP_SETS},
}


def test_gwp_values_match_globalwarmingpotentials() -> None:
    """Cross-check against openclimatedata/globalwarmingpotentials (IPCC tables transcribed)."""
    from globalwarmingpotentials import data  # dict: set -> {species: GWP100}

    gwp = gwp_table()
    failures = []
    compared = 0
    for ours, names in GWP_PACKAGE_NAMES.items():
        for gwp_set, theirs in names.items():
            expected = data[gwp_set].get(theirs)
            if expected is None:
                failures.append(f"package has no {gwp_set} value for {theirs} (mapping stale)")
                continue
            compared += 1
            if (ours, gwp_set) not in gwp:
                failures.append(f"gwp.csv lacks {ours}/{gwp_set} (package: {expected})")
            elif abs(gwp[(ours, gwp_set)] - expected) > 1e-9:
                failures.append(
                    f"{ours}/{gwp_set}: gwp.csv {gwp[(ours, gwp_set)]}, "
                    f"globalwarmingpotentials {theirs} {expected}"
                )
    expected_pairs = sum(len(names) for names in GWP_PACKAGE_NAMES.values())  # 27
    assert compared == expected_pairs, f"only {compared} of {expected_pairs} values compared"
    report(failures, "GWP values differing from globalwarmingpotentials")


def test_livopan_is_50_50_by_mole() -> None:
    # Hand arithmetic: M(N2O) = 2 x 14.007 + 15.999 = 44.013 g/mol, M(O2) = 2 x 15.999 = 31.998
    # g/mol (IUPAC 2021 abridged weights); Livopan 50/50 N2O/O2 by mole (FASS, Livopan AGA;
    # domain-facts 2.6) -> N2O mass fraction 44.013 / (44.013 + 31.998) = 44.013 / 76.011 = 0.5790.
    w = mass_fractions("livopan")["N2O"]
    assert w == pytest.approx(0.5790, abs=5e-5)
    # AR5 GWP of the mixture: 0.5790 x 265 (IPCC AR5 WG1 Table 8.A.1) = 153.4 kg CO2e/kg
    # (domain-facts 2.6: "Per kg of mixture: AR5 153.4").
    assert blend_gwp("livopan", "AR5GWP100") == pytest.approx(153.4, abs=0.1)


# Blend GWPs from composition, domain-facts 2.7 (ASHRAE 34-2019 mass % x IPCC component GWPs):
# R404A = 0.44 R125 + 0.52 R143a + 0.04 R134a; R407C = 0.23 R32 + 0.25 R125 + 0.52 R134a;
# R410A = 0.50 R32 + 0.50 R125.
EXPECTED_BLEND_GWP = {
    ("R404A", "AR4GWP100"): 3922,  # 0.44x3500 + 0.52x4470 + 0.04x1430 = 3921.6
    ("R404A", "AR5GWP100"): 3943,  # 0.44x3170 + 0.52x4800 + 0.04x1300 = 3942.8
    ("R404A", "AR6GWP100"): 4728,  # 0.44x3740 + 0.52x5810 + 0.04x1530 = 4728.0
    ("R407C", "AR4GWP100"): 1774,  # 0.23x675 + 0.25x3500 + 0.52x1430 = 1773.85
    ("R407C", "AR5GWP100"): 1624,  # 0.23x677 + 0.25x3170 + 0.52x1300 = 1624.21
    ("R407C", "AR6GWP100"): 1908,  # 0.23x771 + 0.25x3740 + 0.52x1530 = 1907.93
    ("R410A", "AR4GWP100"): 2088,  # 0.50x675 + 0.50x3500 = 2087.5
    ("R410A", "AR5GWP100"): 1924,  # 0.50x677 + 0.50x3170 = 1923.5
    ("R410A", "AR6GWP100"): 2256,  # 0.50x771 + 0.50x3740 = 2255.5
}


def test_refrigerant_blend_gwps_match_hand_arithmetic() -> None:
    failures = []
    for (blend, gwp_set), expected in EXPECTED_BLEND_GWP.items():
        got = blend_gwp(blend, gwp_set)
        if abs(got - expected) > 1:
            failures.append(f"{blend}/{gwp_set}: {got:.2f}, expected {expected} +- 1")
    report(failures, "blend GWPs off")


# --------------------------------------------------------------------------------------------
# Fuels: the reduktionsplikt
# --------------------------------------------------------------------------------------------


def factor_value(activity: str, boundary: str, year: int) -> float:
    factors = all_factors()
    rows = factors[
        (factors["activity"] == activity)
        & (factors["boundary"] == boundary)
        & (factors["valid_from"].astype(int) <= year)
        & (factors["valid_to"].astype(int) >= year)
    ]
    assert len(rows) == 1, f"{activity}/{boundary}/{year}: {len(rows)} rows"
    return float(rows["value"].iloc[0])


def test_reduktionsplikt_cut_raises_diesel_lifecycle_factor() -> None:
    # domain-facts 2.1: cutting the diesel reduction level from 30.5 % (2023) to 6 % (2024,
    # prop. 2023/24:28) raises the WTW factor by about +35 % (derived estimate, +-10 %);
    # Naturvardsverket's tool reports diesel vehicle factors +40-50 % in 2024.
    ratio = factor_value("diesel", "lifecycle", 2024) / factor_value("diesel", "lifecycle", 2023)
    assert 1.25 <= ratio <= 1.45, ratio


def test_reduktionsplikt_table_covers_2019_2025() -> None:
    rp = read("reduktionsplikt.csv")
    sources = set(read("sources.csv")["source_id"])
    failures = []
    for index, r in rp.iterrows():
        where = f"reduktionsplikt.csv:{line(index)} {r.fuel}/{r.year}"
        for column in ("reduction_level", "bio_share_energy"):
            if not is_float(r[column]) or not 0 <= float(r[column]) <= 1:
                failures.append(f"{where}: {column} {r[column]!r} is not a fraction")
        if r.source_id not in sources:
            failures.append(f"{where}: source_id {r.source_id!r} not in sources.csv")
    for fuel in ("petrol", "diesel"):
        years = sorted(rp.loc[rp["fuel"] == fuel, "year"].astype(int))
        if years != list(YEARS):
            failures.append(f"reduktionsplikt.csv {fuel}: years {years}")
    # Levels in force (prop. 2021/22:243 section 2: 2022 7.8/30.5 %; prop. 2023/24:28: 6 % in
    # 2024).
    level = {(r.fuel, int(r.year)): float(r.reduction_level) for r in rp.itertuples()}
    for key, expected in {
        ("petrol", 2022): 0.078,
        ("diesel", 2022): 0.305,
        ("petrol", 2024): 0.06,
        ("diesel", 2024): 0.06,
    }.items():
        if abs(level.get(key, -1) - expected) > 1e-9:
            failures.append(f"reduktionsplikt.csv {key}: {level.get(key)}, expected {expected}")
    report(failures, "reduktionsplikt table problems")


# --------------------------------------------------------------------------------------------
# kpi.csv
# --------------------------------------------------------------------------------------------


def test_kpi_covers_2015_2025() -> None:
    kpi = read("kpi.csv")
    sources = set(read("sources.csv")["source_id"])
    failures = []
    for index, r in kpi.iterrows():
        where = f"kpi.csv:{line(index)} {r.year}"
        if not is_float(r.kpi) or float(r.kpi) <= 0:
            failures.append(f"{where}: kpi {r.kpi!r}")
        if r.source_id not in sources:
            failures.append(f"{where}: source_id {r.source_id!r} not in sources.csv")
    years = sorted(kpi["year"].astype(int))
    if years != list(range(2015, 2026)):
        failures.append(f"kpi.csv years {years}, expected 2015-2025 once each")
    # SCB, Konsumentprisindex (1980=100), faststallda tal, column Arsmedel: 2019 334.26,
    # 2023 403.70.
    values = dict(zip(kpi["year"].astype(int), kpi["kpi"].astype(float), strict=True))
    for year, expected in {2019: 334.26, 2023: 403.70}.items():
        if values.get(year) != expected:
            failures.append(f"kpi.csv {year}: {values.get(year)}, SCB says {expected}")
    report(failures, "KPI problems")
