"""klimatkalk.factors.spend_mrio: a weighted MRIO spend factor and its range, and bad inputs."""

from __future__ import annotations

from pathlib import Path

import pytest

from klimatkalk.errors import FactorDataError
from klimatkalk.factors.derive import Inputs, rederive
from klimatkalk.factors.spend_mrio import MrioInput, load_mrio_inputs, mrio_mix

HEADER = (
    "factor_id,activity,product,product_share,country,country_weight,multiplier,unit,"
    "source_id,source_locator,weight_source_id,weight_locator,note\n"
)


def row(product: str, share: float, country: str, weight: float, m: float) -> MrioInput:
    return MrioInput("f", product, share, country, weight, m)


def test_one_product_two_countries_by_hand() -> None:
    # (2 × 0.5 + 1 × 0.8) / 3 = 0.6; range over DE 0.5, NO 0.8 and the comparison US 0.2
    mix = mrio_mix(
        [row("p", 1.0, "DE", 2, 0.5), row("p", 1.0, "NO", 1, 0.8), row("p", 1, "US", 0, 0.2)]
    )
    assert mix.value == pytest.approx(0.6)
    assert (mix.low, mix.high) == (0.2, 0.8)
    assert mix.by_country == {"DE": 0.5, "NO": 0.8, "US": 0.2}


def test_two_products_weighted_by_their_shares() -> None:
    # 0.25 × 1.0 + 0.75 × (1 × 0.4 + 3 × 0.2) / 4 = 0.25 + 0.75 × 0.25 = 0.4375
    rows = [
        row("a", 0.25, "DE", 1, 1.0),
        row("b", 0.75, "DE", 1, 0.4),
        row("b", 0.75, "NO", 3, 0.2),
    ]
    mix = mrio_mix(rows)
    assert mix.value == pytest.approx(0.4375)
    # only DE has both products: its basket 0.25 × 1.0 + 0.75 × 0.4 = 0.55 is the whole range
    assert mix.by_country == {"DE": pytest.approx(0.55)}
    assert mix.low == mix.high == pytest.approx(0.55)


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([], "no MRIO rows"),
        ([row("a", 0.5, "DE", 1, 0.1)], "add up to 0.5"),
        ([row("a", 1, "DE", 0, 0.1)], "no country with a positive weight"),
        ([row("a", 1, "DE", 1, 0.1), row("a", 1, "DE", 1, 0.2)], "lists a country twice"),
        ([row("a", 0.5, "DE", 1, 0.1), row("a", 0.4, "NO", 1, 0.2)], "several shares"),
        ([row("a", 0.5, "DE", 1, 0.1), row("b", 0.5, "NO", 1, 0.2)], "no country has a multiplier"),
        ([row("a", 1, "DE", 1, 0.1), MrioInput("g", "a", 1, "NO", 1, 0.2)], "several factors"),
    ],
)
def test_a_mix_that_does_not_add_up_is_refused(rows: list[MrioInput], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        mrio_mix(rows)


def test_the_recipe_gives_value_low_and_high() -> None:
    inputs = Inputs({}, {}, {}, mrio={"f": [row("p", 1, "DE", 1, 0.3), row("p", 1, "US", 0, 0.1)]})
    assert rederive("mrio_mix", "factor=f", inputs) == pytest.approx(0.3)
    assert rederive("mrio_mix", "factor=f", inputs, "low") == pytest.approx(0.1)
    assert rederive("mrio_mix", "factor=f", inputs, "high") == pytest.approx(0.3)


def test_a_bad_file_names_file_line_column_and_value(tmp_path: Path) -> None:
    path = tmp_path / "spend_mrio.csv"
    path.write_text(
        HEADER
        + "x,purchase_x,p,1,DE,1,-0.2,kg CO2e / EUR,s,loc,,,\n"
        + "y,purchase_y,p,0.5,DE,1,0.2,kg CO2e / EUR,s,loc,,,\n",
        encoding="utf-8",
    )
    with pytest.raises(FactorDataError) as caught:
        load_mrio_inputs(path)
    problems = {(p.row, p.column, p.value) for p in caught.value.problems}
    assert (2, "multiplier", "-0.2") in problems
    assert (3, "factor_id", "y") in problems
    assert "add up to 0.5" in str(caught.value)
