"""Example: the tests an analyst keeps next to the region's own factor folder.

Copy this file next to your factor folder and run ``pytest``. It runs in klimatkalk's own test
suite on the bundled factors, so the example cannot go stale.
"""

from __future__ import annotations

import klimatkalk as kk
from klimatkalk.testing import assert_factor_change, assert_factor_folder_valid, factor_value


def test_our_factor_folder_loads() -> None:
    # With your own folder: assert_factor_folder_valid(["bundled", "vara_faktorer/"])
    assert_factor_folder_valid("bundled")


def test_diesel_follows_the_reduktionsplikt() -> None:
    # Energimyndigheten / prop. 2023/24:28: the reduktionsplikt for diesel fell from 30.5 % (2023)
    # to 6 % (2024); a litre of pump diesel emits about a third more (domain facts §2.1: ≈ +35 %).
    assert_factor_change(
        kk.load_factors(),
        "diesel",
        2024,
        old_year=2023,
        expected=+0.35,
        tolerance=0.10,
        reason="reduktionsplikt for diesel cut from 30.5 % to 6 % in 2024",
    )


def test_nitrous_oxide_follows_the_gwp_set() -> None:
    # IPCC AR5 WG1 Table 8.A.1: N2O 265; IPCC AR6 WG1 Table 7.15: 273.
    factors = kk.load_factors()
    assert factor_value(factors, "nitrous_oxide", 2024)[0] == 265.0
    assert factor_value(factors, "nitrous_oxide", 2024, gwp_set="AR6GWP100")[0] == 273.0
