"""``strict_gwp``: a run in one GWP set refuses factors published as CO2e in another set or in
an unstated one, instead of mixing them silently; by default they are used and marked."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import klimatkalk as kk
from klimatkalk.cli import main
from klimatkalk.errors import InputRowsError


def activities() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "year": [2021, 2024, 2024],
            "activity": ["hvo100", "nitrous_oxide", "train"],
            "quantity": [1000, 2, 500],
            "unit": ["l", "kg", "pkm"],
        }
    )


def test_by_default_a_factor_in_another_set_is_used_and_marked() -> None:
    res = kk.calculate_emissions(activities(), boundary="combustion", high_altitude=False)
    rows = res.rows.set_index("activity")
    # BEIS 2022 flat file, Bioenergy, Biofuel, Biodiesel HVO, litres: 0.03558 kg CO2e/l (CH4 and
    # N2O only), AR4 GWP (the publisher's set), so 1 000 l = 35.58 kg. (Flights were the example
    # here until their combustion rows got gas components, issue 13 §4: now recomputed.)
    assert rows.loc["hvo100", "emissions_kg_co2e"] == pytest.approx(35.58)
    assert rows.loc["hvo100", "gwp_basis"] == "other_set"
    by_basis = res.totals("gwp_basis").set_index("gwp_basis")["emissions_kg_co2e"]
    assert by_basis["other_set"] == pytest.approx(35.58)
    assert res.rejected.empty


def test_strict_gwp_rejects_the_mixed_rows_and_keeps_the_rest() -> None:
    res = kk.calculate_emissions(
        activities(), boundary="combustion", high_altitude=False, strict_gwp=True
    )
    assert res.strict_gwp
    assert res.rejected["row"].tolist() == [0]
    problem = res.rejected.iloc[0]
    assert problem["reason"] == "gwp_set_mismatch"
    assert "hvo100-combustion" in problem["message"]
    assert "AR4GWP100" in problem["message"]
    rows = res.rows.set_index("activity")
    # 2 kg N2O x 265 (AR5 GWP100 of N2O, IPCC AR5 WG1 table 8.A.1) = 530 kg
    assert rows.loc["nitrous_oxide", "emissions_kg_co2e"] == 530.0
    # An electric train emits nothing at the vehicle: 0 is 0 in every GWP set, so it stays.
    assert rows.loc["train", "emissions_kg_co2e"] == 0.0
    res.reconcile()


def test_strict_gwp_keeps_a_factor_published_in_the_chosen_set() -> None:
    res = kk.calculate_emissions(
        activities().iloc[:1],
        gwp_set="AR4GWP100",
        boundary="combustion",
        high_altitude=False,
        strict_gwp=True,
    )
    assert res.rejected.empty
    assert res.rows["emissions_kg_co2e"].tolist() == [pytest.approx(35.58)]


def test_strict_gwp_with_unstated_sets_names_them() -> None:
    frame = pd.DataFrame(
        {
            "year": [2022],
            "activity": ["district_heating_vasteras"],
            "quantity": [1000],
            "unit": ["kWh"],
        }
    )
    res = kk.calculate_emissions(frame, strict_gwp=True)
    assert res.rejected["reason"].tolist() == ["gwp_set_mismatch"]
    assert "does not state" in res.rejected["message"].iloc[0]


def test_strict_gwp_with_strict_raises_naming_the_row() -> None:
    with pytest.raises(InputRowsError) as caught:
        kk.calculate_emissions(
            activities(), boundary="combustion", high_altitude=False, strict=True, strict_gwp=True
        )
    assert [p.row for p in caught.value.problems] == [0]


def test_cli_strict_gwp_flag(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "acts.csv"
    activities().to_csv(path, index=False)
    args = ["calculate", str(path), "--boundary", "combustion", "--high-altitude", "no"]
    assert main(args) == 0
    capsys.readouterr()
    assert main([*args, "--strikt-gwp"]) == 1
    err = capsys.readouterr().err
    assert "gwp_set_mismatch" in err or "AR4GWP100" in err


@pytest.mark.parametrize("gwp_set", ["AR4GWP100", "AR5GWP100", "AR6GWP100"])
def test_the_residual_mix_is_co2_only_and_passes_in_every_set(gwp_set: str) -> None:
    # Ei: Nordic residual mix 2023, 524,10 g CO2/kWh at production (CO2 only: GWP 1 in every
    # set), so 1 000 kWh = 524.10 kg in any GWP set, also under strict_gwp.
    frame = pd.DataFrame(
        {
            "year": [2023],
            "activity": ["electricity_residual_mix"],
            "quantity": [1000],
            "unit": ["kWh"],
        }
    )
    res = kk.calculate_emissions(frame, gwp_set=gwp_set, boundary="combustion", strict_gwp=True)
    assert res.rejected.empty
    assert res.rows["emissions_kg_co2e"].tolist() == [pytest.approx(524.10)]
    assert res.rows["gwp_basis"].tolist() == ["recomputed"]
