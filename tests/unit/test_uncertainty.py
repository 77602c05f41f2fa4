"""Monte Carlo uncertainty: a known distribution, shared factors, classes and their data."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

import klimatkalk as kk
from klimatkalk.analysis.uncertainty import (
    load_uncertainty_classes,
    lognormal_multipliers,
    monte_carlo,
)

Z975 = 1.959963984540054  # the 97.5th percentile of the standard normal


def classes(factor_rsd: float, activity_rsd: float) -> pd.DataFrame:
    """One factor class for every fixture subcategory and one activity class for all units."""
    subs = "vehicles|electricity|anaesthetic_gases|purchases|business_travel"
    dims = "volume|energy|mass|currency|distance"
    return pd.DataFrame(
        {
            "kind": ["activity", "activity", "factor"],
            "class": ["invoiced", "estimated", "all"],
            "label_sv": ["fakturerad", "uppskattad", "alla"],
            "rsd": [activity_rsd, 0.15, factor_rsd],
            "applies_to": [dims, "", subs],
            "source_id": ["test"] * 3,
            "source_locator": ["test"] * 3,
            "note": [""] * 3,
        }
    )


def test_interval_and_coverage_on_a_known_lognormal(minimal_factors: kk.FactorTable) -> None:
    # 1 000 l diesel × 2.5 kg/l = 2.5 t with only the factor uncertain, RSD 20 %: the total is
    # 2.5·LogNormal(μ, σ) with σ² = ln(1 + 0.2²) = ln 1.04 = 0.039221, σ = 0.198042,
    # μ = −σ²/2 = −0.019610. Its 95 % interval is 2.5·exp(μ ∓ 1.96σ) = 2.5·exp(−0.407765) and
    # 2.5·exp(0.368545) = [1.6628, 3.6141] t.
    res = kk.calculate_emissions(
        pd.DataFrame({"year": [2024], "activity": ["diesel"], "quantity": [1000.0], "unit": ["l"]}),
        minimal_factors,
    )
    mc = monte_carlo(res, draws=100_000, seed=7, classes=classes(0.2, 0.0))
    row = mc.totals[mc.totals["category"] == "total"].iloc[0]
    sigma = math.sqrt(math.log(1.04))
    mu = -(sigma**2) / 2
    low, high = 2.5 * math.exp(mu - Z975 * sigma), 2.5 * math.exp(mu + Z975 * sigma)
    assert (round(low, 4), round(high, 4)) == (1.6628, 3.6141)
    assert row["low_t_co2e"] == pytest.approx(low, rel=0.01)
    assert row["high_t_co2e"] == pytest.approx(high, rel=0.01)
    assert row["mean_t_co2e"] == pytest.approx(2.5, rel=0.005)
    # Coverage: of fresh draws from the known distribution, 95 % fall inside the MC interval.
    fresh = 2.5 * np.random.default_rng(99).lognormal(mu, sigma, 200_000)
    inside = np.mean((fresh >= row["low_t_co2e"]) & (fresh <= row["high_t_co2e"]))
    assert inside == pytest.approx(0.95, abs=0.004)


def test_a_factor_shared_by_both_years_is_sampled_once(minimal_factors: kk.FactorTable) -> None:
    # Electricity uses the same factor row in 2019 and 2024. With exact quantities the change
    # 10 000 → 8 000 kWh is −20 % in every draw, whatever the factor's uncertainty.
    acts = pd.DataFrame(
        {
            "year": [2019, 2024],
            "activity": ["electricity"] * 2,
            "quantity": [10_000.0, 8_000.0],
            "unit": ["kWh"] * 2,
        }
    )
    res = kk.calculate_emissions(acts, minimal_factors)
    exact = monte_carlo(res, draws=5_000, seed=1, classes=classes(0.3, 0.0))
    change = exact.changes[exact.changes["category"] == "total"].iloc[0]
    assert change["change"] == pytest.approx(-0.2)
    assert change["change_low"] == pytest.approx(-0.2)
    assert change["change_high"] == pytest.approx(-0.2)
    assert bool(change["within_noise"]) is False
    # The totals themselves are uncertain (RSD 30 %), and so is the change once the
    # quantities are (RSD 15 % per year, independent): then −20 % is within the noise.
    total_2024 = exact.totals[
        (exact.totals["year"] == 2024) & (exact.totals["category"] == "total")
    ]
    assert total_2024["rsd"].iloc[0] == pytest.approx(0.3, abs=0.02)
    noisy = monte_carlo(res, draws=5_000, seed=1, classes=classes(0.3, 0.15))
    noisy_change = noisy.changes[noisy.changes["category"] == "total"].iloc[0]
    assert noisy_change["change_low"] < -0.2 < noisy_change["change_high"]
    assert bool(noisy_change["within_noise"]) is True
    assert "oförändrad" in noisy.change_text(2024)


def test_seed_reproduces_and_draws_are_vectorised(minimal_factors: kk.FactorTable) -> None:
    res = kk.calculate_emissions(
        pd.DataFrame(
            {
                "year": [2024, 2024],
                "activity": ["diesel", "electricity"],
                "quantity": [1000.0, 10_000.0],
                "unit": ["l", "kWh"],
            }
        ),
        minimal_factors,
    )
    a = monte_carlo(res, draws=3_000, seed=42, chunk=700)
    b = monte_carlo(res, draws=3_000, seed=42, chunk=700)
    np.testing.assert_array_equal(a.samples, b.samples)
    assert a.samples.shape == (3_000, 3)  # energy, transport, total


def test_data_quality_column_swedish_and_unknown(minimal_factors: kk.FactorTable) -> None:
    acts = pd.DataFrame(
        {
            "year": [2024],
            "activity": ["diesel"],
            "quantity": [1000.0],
            "unit": ["l"],
            "data_quality": ["uppskattad"],
        }
    )
    res = kk.calculate_emissions(acts, minimal_factors)
    mc = monte_carlo(res, draws=20_000, seed=3, classes=classes(0.0, 0.0))
    # "uppskattad" = estimated, RSD 15 % in the classes above
    assert mc.totals["rsd"].iloc[-1] == pytest.approx(0.15, abs=0.01)
    bad = kk.calculate_emissions(acts.assign(data_quality=["gissad"]), minimal_factors)
    with pytest.raises(kk.InputRowsError, match="gissad"):
        monte_carlo(bad, draws=10, classes=classes(0.0, 0.0))


def test_lognormal_multipliers_have_mean_one_and_the_rsd() -> None:
    m = lognormal_multipliers([0.05, 0.5], 400_000, np.random.default_rng(0))
    assert m.mean(axis=0) == pytest.approx([1.0, 1.0], abs=0.005)
    assert m.std(axis=0) == pytest.approx([0.05, 0.5], rel=0.02)


def test_bundled_classes_cover_every_subcategory_and_dimension() -> None:
    table = load_uncertainty_classes()
    factors = kk.load_factors()
    catalogue = factors.activity_frame()
    covered = {
        item
        for _, row in table[table["kind"] == "factor"].iterrows()
        for item in row["applies_to"].split("|")
    }
    assert set(catalogue["subcategory"]) <= covered
    dims = {
        item
        for _, row in table[table["kind"] == "activity"].iterrows()
        for item in filter(None, row["applies_to"].split("|"))
    }
    assert set(catalogue["dimension"]) <= dims
    assert set(table["source_id"]) <= set(factors.sources)


class _WithRange:
    """A result whose rows carry a low–high range, as spend rows do (emissions_low/high_kg)."""

    def __init__(self, result: kk.EmissionsResult, low: float, high: float) -> None:
        self.factors = result.factors
        self.file = result.file
        rows = result.rows.copy()
        rows["emissions_low_kg"] = rows["emissions_kg_co2e"] * low
        rows["emissions_high_kg"] = rows["emissions_kg_co2e"] * high
        self.rows = rows


def test_a_factor_range_replaces_the_flat_class(minimal_factors: kk.FactorTable) -> None:
    # 1 000 SEK of food (0.5 kg/SEK₂₀₂₀, KPI 250/400 in 2024) = 312.5 kg, the factor's class
    # RSD 0.5, the spend exact (activity RSD 0). With a range of half to double the value, read
    # as a 95 % interval: σ = ln(2/0.5)/(2·1.96) = 0.35365, RSD = √(e^σ² − 1) = 0.36500.
    res = kk.calculate_emissions(
        pd.DataFrame(
            {"year": [2024], "activity": ["purchase_food"], "quantity": [1000.0], "unit": ["SEK"]}
        ),
        minimal_factors,
    )
    flat = monte_carlo(res, draws=60_000, seed=3, classes=classes(0.5, 0.0))
    ranged = monte_carlo(
        _WithRange(res, 0.5, 2.0),  # type: ignore[arg-type]
        draws=60_000,
        seed=3,
        classes=classes(0.5, 0.0),
    )
    sigma = math.log(4.0) / (2 * Z975)
    assert math.sqrt(math.expm1(sigma**2)) == pytest.approx(0.36500, abs=5e-6)
    total = "category == 'total'"
    assert flat.totals.query(total)["rsd"].iloc[0] == pytest.approx(0.5, abs=0.02)
    row = ranged.totals.query(total).iloc[0]
    assert row["rsd"] == pytest.approx(0.365, abs=0.015)
    # the 95 % interval of that lognormal, around its mean 0.3125 t: exp(μ ∓ 1.96σ)
    mu = -(sigma**2) / 2
    assert row["low_t_co2e"] == pytest.approx(0.3125 * math.exp(mu - Z975 * sigma), rel=0.02)
    assert row["high_t_co2e"] == pytest.approx(0.3125 * math.exp(mu + Z975 * sigma), rel=0.02)
    # a published RSD still wins over the range
    published = monte_carlo(
        _WithRange(res, 0.5, 2.0),  # type: ignore[arg-type]
        draws=60_000,
        seed=3,
        classes=classes(0.5, 0.0),
        factor_rsd={str(res.rows["factor_id"].iloc[0]): 0.1},
    )
    assert published.totals.query(total)["rsd"].iloc[0] == pytest.approx(0.1, abs=0.005)
