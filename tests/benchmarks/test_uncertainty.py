"""Monte Carlo uncertainty over the example region: 10^4 draws must stay interactive.

Target (issue 14, not asserted): 10^4 draws over the bundled example region (≈ 22 000 rows,
seven years) in a few seconds on one core. The run without ``--benchmark-disable`` prints the
time; the normal test run executes the body once as a smoke test.
"""

from __future__ import annotations

from typing import Any

import pytest

import klimatkalk as kk
from klimatkalk.analysis.uncertainty import monte_carlo


@pytest.fixture(scope="module")
def example_result() -> kk.EmissionsResult:
    return kk.calculate_emissions(kk.load_example_activities())


@pytest.mark.parametrize("draws", [1_000, 10_000], ids=["1e3", "1e4"])
def test_monte_carlo_example_region(
    benchmark: Any, example_result: kk.EmissionsResult, draws: int
) -> None:
    mc = benchmark.pedantic(
        monte_carlo, args=(example_result,), kwargs={"draws": draws, "seed": 2024}, rounds=1
    )
    assert mc.samples.shape[0] == draws
    benchmark.extra_info["draws"] = draws
