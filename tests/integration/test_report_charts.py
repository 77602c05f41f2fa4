"""The report's charts show what they are about (issue 16, "Charts"): the change chart's axis does
not start at zero when that hides the changes, and the path chart has a legend and labels the
target."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pandas as pd
import pytest
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

import klimatkalk as kk
from klimatkalk.report import build_report_tables
from klimatkalk.report.plots import axis_start, draw_base_year_change, draw_trajectory


@contextmanager
def _axes() -> Iterator[Axes]:
    fig = Figure()
    FigureCanvasAgg(fig)
    yield fig.add_subplot()


def _result(diesel_2019: float, diesel_2024: float, factors: kk.FactorTable) -> kk.EmissionsResult:
    return kk.calculate_emissions(
        pd.DataFrame(
            {
                "year": [2019, 2024],
                "activity": "diesel",
                "quantity": [diesel_2019, diesel_2024],
                "unit": "l",
            }
        ),
        factors,
    )


def test_a_small_change_is_not_hidden_by_an_axis_from_zero(
    minimal_factors: kk.FactorTable,
) -> None:
    # 2019: 40 000 l × 2.0 kg/l = 80 t; 2024: 30 000 l × 2.5 kg/l = 75 t: −5 t (−6 %).
    tables = build_report_tables(_result(40_000, 30_000, minimal_factors), 2024)
    with _axes() as ax:
        draw_base_year_change(ax, tables)
        low, high = ax.get_ylim()
        assert low > 0  # from zero the −5 t step would be 6 % of the axis
        assert 5.0 / (high - low) > 0.3  # the step fills a third of the axis or more
        assert any("axeln börjar vid" in t.get_text() for t in ax.texts)


def test_a_large_change_keeps_the_axis_from_zero(minimal_factors: kk.FactorTable) -> None:
    # 2019: 80 t as above; 2024: 10 000 l × 2.5 = 25 t: −55 t, visible from zero.
    tables = build_report_tables(_result(40_000, 10_000, minimal_factors), 2024)
    with _axes() as ax:
        draw_base_year_change(ax, tables)
        assert ax.get_ylim()[0] == 0.0
        assert not any("axeln" in t.get_text() for t in ax.texts)


@pytest.mark.parametrize(
    ("levels", "start"),
    [
        ([80.0, 75.0], 72.0),  # spread 5: step 1, 75 − 3 = 72
        ([79346.0, 75601.0], 73000.0),  # spread 3 745: step 1 000, 75 601 − 2 247 → 73 000
        ([100.0, 40.0], 0.0),  # spread 60 ≥ 25 % of 100
        ([5.0, -1.0], 0.0),  # a level at or below zero: from zero
        ([2.0, 2.0, 2.0], 0.0),  # no change at all: from zero
    ],
)
def test_axis_start(levels: list[float], start: float) -> None:
    assert axis_start(levels) == pytest.approx(start)


def test_path_chart_has_a_legend_and_labels_the_target(minimal_factors: kk.FactorTable) -> None:
    tables = build_report_tables(_result(40_000, 30_000, minimal_factors), 2024)
    with _axes() as ax:
        draw_trajectory(ax, tables)
        legend = ax.get_legend()
        assert legend is not None
        assert {t.get_text() for t in legend.get_texts()} == {"Målbana", "Utfall"}
        texts = [t.get_text() for t in ax.texts]
        assert "Mål 2030: −50\u00a0% mot 2019" in texts
    english = build_report_tables(_result(40_000, 30_000, minimal_factors), 2024, lang="en")
    with _axes() as ax:
        draw_trajectory(ax, english)
        assert "Target 2030: -50% on 2019" in [t.get_text() for t in ax.texts]
