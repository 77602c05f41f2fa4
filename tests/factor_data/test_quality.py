"""Every factor row says how its value came about (quality.csv), and undated sources say so."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

import klimatkalk as kk
from klimatkalk.factors.compile import compile_factors

DATA = Path(__file__).resolve().parents[2] / "emission_factors"
QUALITIES = {"measured", "reported", "derived", "proxy", "stretched"}


def read(name: str) -> pd.DataFrame:
    return pd.read_csv(DATA / name, dtype=str, keep_default_na=False, encoding="utf-8")


def test_every_factor_row_has_one_quality() -> None:
    files = sorted((DATA / "factors").glob("*.csv"))
    factors = pd.concat([read(f"factors/{f.name}") for f in files], ignore_index=True)
    quality = read("quality.csv")
    assert set(quality["quality"]) <= QUALITIES
    keys = list(zip(quality["factor_id"], quality["source_id"], strict=True))
    assert len(keys) == len(set(keys)), "a row classified twice"
    rows = set(zip(factors["factor_id"], factors["source_id"], strict=True))
    assert rows == set(keys), {"unclassified": rows - set(keys), "unknown": set(keys) - rows}


def test_quality_reaches_the_factor_table_and_is_never_empty() -> None:
    table = kk.load_factors()
    assert table.factors["quality"].notna().all()
    assert set(table.factors["quality"]) <= QUALITIES


def test_a_value_stretched_over_years_is_marked() -> None:
    # Ei published the 2019 residual mix only (338,53 g CO2/kWh, news 2020-06-22); the row
    # covers 2019-2020, so it is marked stretched.
    quality = read("quality.csv").set_index(["factor_id", "source_id"])["quality"]
    assert quality[("electricity_residual_mix-2019", "ei-residualmix-2019")] == "stretched"


def test_undated_sources_are_marked_as_dated_by_retrieval() -> None:
    # Sources whose stored copy shows no publication date: their year is the retrieval year
    # and must not count as a publication date (compile: dated editions win).
    sources = read("sources.csv").set_index("source_id")
    for undated in (
        "spbi-energiinnehall-densitet-koldioxid",
        "klimatresa-berakningsmetod",
        "klimatsmartsemester-flyg",
        "svenskkollektivtrafik-klimat",
    ):
        assert sources.loc[undated, "year_basis"] == "retrieval", undated
        assert sources.loc[undated, "year"] == sources.loc[undated, "retrieved"][:4]
    assert set(sources["year_basis"]) <= {"", "stated", "inferred", "retrieval"}


def test_nordic_mix_is_one_method_across_the_series() -> None:
    # IVL (SMED Rapport Nr 4 2021): about 90 g CO2e/kWh (2016-2019); IVL 2021-2023 edition
    # (etn.se 2025-09-25): 59 g/kWh, another method. A series that switches from one to the
    # other in 2021 shows -34 % (59/90 - 1) that no region caused: the latest edition must
    # cover the whole series 2019-2025 with one value.
    compiled = compile_factors(kk.load_factors(), boundary="lifecycle")
    values = set()
    for year in range(2019, 2026):
        cell = compiled.cell("electricity_nordic_mix", year)
        assert cell is not None, year
        values.add(round(cell[1] * 1000, 6))  # kg/kWh -> g/kWh
    assert values == {59.0}, values


def test_a_label_claims_a_national_average_only_where_a_factor_is_one() -> None:
    # district_cooling_sweden's only factor is Umeå Energi's network value standing in for a
    # national average that was not found (quality proxy): its label names the stand-in.
    table = kk.load_factors()
    proxies_only = {
        str(activity)
        for activity, quality in table.factors.groupby("activity", observed=True)["quality"]
        if set(quality) == {"proxy"}
    }
    claims = {
        code
        for code, activity in table.activities.items()
        if "svenskt genomsnitt" in activity.label_sv.casefold()
        or "swedish average" in activity.label_en.casefold()
    }
    assert not claims & proxies_only
    cooling = table.activities["district_cooling_sweden"]
    assert (cooling.label_sv, cooling.label_en) == (
        "Fjärrkyla, ersättningsvärde (Umeå Energi)",
        "District cooling, proxy value (Umea Energi)",
    )
