"""Withdrawn factor rows: out of use from the withdrawing edition on, never deleted."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import klimatkalk as kk
from klimatkalk.errors import ErrorReason, FactorDataError

FIXTURES = Path(__file__).parents[1] / "fixtures"
STACK = [FIXTURES / "factors_minimal", FIXTURES / "factors_high_altitude"]


def keys(table: kk.FactorTable) -> set[tuple[str, str]]:
    return set(zip(table.factors["factor_id"], table.factors["source_id"], strict=True))


def test_a_withdrawn_row_is_out_of_the_latest_edition() -> None:
    table = kk.load_factors(STACK)
    assert ("flight", "test-fuels-2019") not in keys(table)
    (reason,) = table.withdrawn["reason"]
    assert "high-altitude" in reason


def test_an_edition_before_the_withdrawal_still_has_it() -> None:
    # withdrawn by test-rf-2023 (year 2023): the 2022 edition is as it was published
    table = kk.load_factors(STACK, edition=2022)
    assert ("flight", "test-fuels-2019") in keys(table)
    assert table.withdrawn.empty


WITHDRAWN_HEADER = "factor_id,source_id,withdrawn_by,reason\n"


def test_factor_diff_lists_a_withdrawn_row_as_removed(
    extra_folder: Callable[[dict[str, str]], Path],
) -> None:
    from klimatkalk.factors.diff import diff_factors

    folder = extra_folder(
        {"withdrawn.csv": WITHDRAWN_HEADER + "flight,test-fuels-2019,test-rf-2023,test\n"}
    )
    stack = [FIXTURES / "factors_minimal", folder]
    diff = diff_factors(kk.load_factors(stack, edition=2022), kk.load_factors(stack))
    removed = diff[diff["change"] == "removed"]
    assert removed[["activity", "old_factor_id", "valid_from", "valid_to"]].values.tolist() == [
        ["flight_domestic", "flight", 2019, 2024]
    ]


def test_factor_diff_sees_a_revised_multiplier() -> None:
    from klimatkalk.factors.diff import diff_factors

    diff = diff_factors(kk.load_factors(STACK, edition=2022), kk.load_factors(STACK))
    flights = diff[diff["activity"] == "flight_domestic"]
    (change,) = flights[flights["boundary"] == "lifecycle"].itertuples()
    # 2024: 0.12 + 0.7 × 0.10 = 0.19 → 0.12 + 0.9 × 0.10 = 0.21 kg CO2e/pkm, +10.53 %
    assert (change.valid_from, change.valid_to) == (2024, 2024)
    assert change.old_kg_co2e_per_unit == pytest.approx(0.19)
    assert change.new_kg_co2e_per_unit == pytest.approx(0.21)
    assert change.relative_change == pytest.approx(0.21 / 0.19 - 1)


@pytest.mark.parametrize(
    ("row", "column", "value", "reason"),
    [
        ("nothing,test-fuels-2019,test-rf-2023,x", "factor_id", "nothing", "invalid_value"),
        ("flight,test-fuels-2019,nobody,x", "withdrawn_by", "nobody", "unknown_source"),
    ],
)
def test_a_bad_withdrawal_does_not_load(
    extra_folder: Callable[[dict[str, str]], Path], row: str, column: str, value: str, reason: str
) -> None:
    folder = extra_folder({"withdrawn.csv": f"{WITHDRAWN_HEADER}{row}\n"})
    with pytest.raises(FactorDataError) as info:
        kk.load_factors([FIXTURES / "factors_minimal", folder])
    (problem,) = info.value.problems
    assert (problem.row, problem.column, problem.value) == (2, column, value)
    assert problem.reason is ErrorReason(reason)
