"""Metrics with targets and verdicts (klimatkalk.analysis.metrics): the rules, by hand.

Public figures reproduced (shared/reference/public_figures.csv):
- Region Västmanland, Hållbarhetsredovisning 2024, "reduction needed at an even pace" 16 % in
  2024 against a −50 % target by 2030 from 2019: the row's note gives 22.7 % for a linear path
  from 2019, 15.9 % for a constant-rate path from 2022 and 16.7 % for a linear path from 2021.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from klimatkalk.analysis.metrics import (
    METRIC_RESULT_COLUMNS,
    Metric,
    evaluate_metric,
    evaluate_metrics,
    metrics_from_frame,
)

LOWER = Metric("e", "Energi per m²", "kWh/m²", "lower", threshold=0.01)
HIGHER_PP = Metric(
    "f", "Andel fossilfritt", "%", "higher", threshold=1.0, threshold_kind="absolute"
)


@pytest.mark.parametrize(
    ("previous", "outcome", "verdict"),
    [
        (188.0, 185.0, "Positiv"),  # −1.6 % < −1 %: lower is better
        (188.0, 187.0, "Oförändrad"),  # −0.53 %, within ±1 %
        (200.0, 202.0, "Oförändrad"),  # +1.0 % exactly at the threshold
        (200.0, 202.5, "Negativ"),  # +1.25 %
    ],
)
def test_verdict_lower_is_better_relative_threshold(
    previous: float, outcome: float, verdict: str
) -> None:
    r = evaluate_metric(LOWER, {2023: previous, 2024: outcome}, 2024)
    assert r["verdict"] == verdict
    assert r["change"] == pytest.approx(outcome - previous)
    assert r["change_fraction"] == pytest.approx(outcome / previous - 1)
    assert str(r["rule"]).endswith(f"→ {verdict}")
    assert "Lägre är bättre" in str(r["rule"])


@pytest.mark.parametrize(
    ("previous", "outcome", "verdict"),
    [
        (93.0, 95.0, "Positiv"),  # +2 percentage points (Region Västmanland 2023 → 2024)
        (93.0, 93.8, "Oförändrad"),  # +0.8 pp, within ±1 pp
        (95.0, 93.0, "Negativ"),
    ],
)
def test_verdict_higher_is_better_absolute_threshold(
    previous: float, outcome: float, verdict: str
) -> None:
    r = evaluate_metric(HIGHER_PP, {2023: previous, 2024: outcome}, 2024)
    assert r["verdict"] == verdict
    assert "procentenheter" in str(r["rule"])


def test_no_threshold_means_any_change_decides() -> None:
    m = Metric("x", "X", "st", "lower")
    assert evaluate_metric(m, {2023: 10.0, 2024: 10.0}, 2024)["verdict"] == "Oförändrad"
    assert evaluate_metric(m, {2023: 10.0, 2024: 9.99}, 2024)["verdict"] == "Positiv"


def test_a_missing_year_is_not_judged_and_says_why() -> None:
    r = evaluate_metric(LOWER, {2024: 185.0}, 2024, gap_reasons={2023: "ingen lokalyta för året"})
    assert r["verdict"] == "Ej bedömd"
    assert r["gap_reason"] == "2023: ingen lokalyta för året"
    assert "inget utfall för 2023" in str(r["rule"])
    nan = evaluate_metric(LOWER, {2023: 188.0, 2024: math.nan}, 2024)
    assert nan["verdict"] == "Ej bedömd"
    assert math.isnan(float(str(nan["outcome"])))


def test_change_against_the_base_year() -> None:
    m = Metric("g", "Utsläpp", "t", "lower", base_year=2019)
    r = evaluate_metric(m, {2019: 1000.0, 2023: 980.0, 2024: 1010.0}, 2024)
    assert r["change_vs_base"] == pytest.approx(0.01)
    assert r["base_outcome"] == 1000.0


def test_steady_path_values_reproduce_vastmanlands_published_note() -> None:
    # Public figure: Region Västmanland, Hållbarhetsredovisning 2024 (target −50 % by 2030
    # against 2019). Linear from 2019: 0.5 × 5/11 = 22.73 % by 2024.
    linear = Metric("t", "Utsläpp", "t", "lower", base_year=2019, target_change=-0.5,
                    target_year=2030)  # fmt: skip
    assert 1 - linear.path_value(2024, 1.0) == pytest.approx(0.5 * 5 / 11)
    assert round((1 - linear.path_value(2024, 1.0)) * 100, 1) == 22.7
    # Constant rate from 2022: 1 − 0.5^(2/8) = 1 − 0.840896 = 15.9 %.
    geometric = Metric("t", "Utsläpp", "t", "lower", base_year=2019, target_change=-0.5,
                       target_year=2030, path="constant_rate", path_start_year=2022)  # fmt: skip
    assert round((1 - geometric.path_value(2024, 1.0)) * 100, 1) == 15.9
    # Linear from 2021: 0.5 × 3/9 = 16.7 %.
    late = Metric("t", "Utsläpp", "t", "lower", base_year=2019, target_change=-0.5,
                  target_year=2030, path_start_year=2021)  # fmt: skip
    assert round((1 - late.path_value(2024, 1.0)) * 100, 1) == 16.7


def test_on_path_depends_on_direction() -> None:
    m = Metric("f", "Andel", "%", "higher", base_year=2019, target_value=100.0, target_year=2029)
    # Path 80 → 100 over 10 years: 2024 needs 90.
    r = evaluate_metric(m, {2019: 80.0, 2023: 88.0, 2024: 91.0}, 2024)
    assert r["path_value"] == pytest.approx(90.0)
    assert r["on_path"] is True
    r = evaluate_metric(m, {2019: 80.0, 2023: 88.0, 2024: 89.0}, 2024)
    assert r["on_path"] is False


def test_metric_definition_is_checked() -> None:
    with pytest.raises(ValueError, match="direction"):
        Metric("x", "X", "st", "down")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="target_year"):
        Metric("x", "X", "st", "lower", target_value=1.0)
    with pytest.raises(ValueError, match="not both"):
        Metric("x", "X", "st", "lower", base_year=2019, target_value=1.0, target_change=-0.5,
               target_year=2030)  # fmt: skip
    with pytest.raises(ValueError, match="threshold"):
        Metric("x", "X", "st", "lower", threshold=-1.0)


def test_evaluate_metrics_table_and_notes() -> None:
    metrics = [LOWER, HIGHER_PP]
    values = pd.DataFrame(
        {
            "metric": ["e", "e", "f", "f"],
            "year": [2023, 2024, 2023, 2024],
            "value": [188.0, 185.0, 93.0, 95.0],
            "note": [None, None, None, "Ny metod: reduktionsplikten räknas"],
        }
    )
    out = evaluate_metrics(metrics, values, 2024)
    assert list(out.columns) == list(METRIC_RESULT_COLUMNS)
    assert out["verdict"].tolist() == ["Positiv", "Positiv"]
    assert out["note"].tolist()[1] == "Ny metod: reduktionsplikten räknas"
    with pytest.raises(ValueError, match="same metric and year"):
        evaluate_metrics(metrics, pd.concat([values, values]), 2024)
    with pytest.raises(ValueError, match="not defined"):
        evaluate_metrics([LOWER], values, 2024)


def test_metrics_from_a_table() -> None:
    table = pd.DataFrame(
        {
            "key": ["a"],
            "label": ["A"],
            "unit": ["%"],
            "direction": ["higher"],
            "base_year": [2019.0],
            "target_value": [100.0],
            "target_year": [pd.NA],
            "threshold": [None],
        }
    )
    with pytest.raises(ValueError, match="target_year"):
        metrics_from_frame(table)
    table["target_year"] = [2030]
    (metric,) = metrics_from_frame(table)
    assert (metric.base_year, metric.target_year, metric.threshold) == (2019, 2030, 0.0)
    with pytest.raises(ValueError, match="unknown metric columns"):
        metrics_from_frame(table.assign(colour="red"))
