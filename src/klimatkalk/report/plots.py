"""Report plots: the yearly report's charts as PNG files of a fixed pixel size.

Each function draws one chart of a :class:`~klimatkalk.report.tables.ReportTables` and writes
it as PNG. matplotlib is imported inside the functions and used through its object-oriented API
with the Agg canvas: no pyplot, no global backend switch, no figure left open. Every chart is
:data:`FIGSIZE` inches at :data:`DPI` (:data:`PIXELS` pixels), drawn with matplotlib's default
style whatever the user's ``matplotlibrc`` says, and saved without the ``Software`` metadata, so
the same tables give the same bytes.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import numpy as np

from klimatkalk.formatting import format_number, format_percent
from klimatkalk.report._labels import category_label
from klimatkalk.report.tables import ReportTables, t_decimals

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "CATEGORY_COLOURS",
    "DPI",
    "FIGSIZE",
    "PIXELS",
    "PlotFunction",
    "axis_start",
    "draw_base_year_change",
    "draw_trajectory",
    "has_outlook_chart",
    "plot_base_year_change",
    "plot_emissions_by_year",
    "plot_factor_update",
    "plot_marginal_abatement",
    "plot_outlook",
    "plot_trajectory",
]

FIGSIZE: Final = (8.0, 4.5)
"""Figure size [inch]."""
DPI: Final = 150
"""Resolution [dots per inch]."""
PIXELS: Final = (1200, 675)
"""Width and height of every chart [pixel] (``FIGSIZE × DPI``)."""

CATEGORY_COLOURS: Final[dict[str, str]] = {
    "energy": "#E69F00",
    "transport": "#0072B2",
    "medical_gases": "#009E73",
    "refrigerants": "#56B4E9",
    "purchases": "#CC79A7",
}
"""Colour of each category (Okabe–Ito, readable with colour-vision deficiency)."""

PlotFunction = Callable[[ReportTables, Path], Path]
"""The signature every plot function has: draw the tables, write the PNG, return its path."""

_OTHER_COLOURS = ("#999999", "#F0E442", "#000000", "#8C564B")
_UP, _DOWN, _TOTAL, _PATH = "#D55E00", "#009E73", "#6E6E6E", "#333333"

_STYLE: Final[dict[str, Any]] = {
    "font.size": 10,
    "axes.titlesize": 12,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.grid.axis": "y",
    "grid.color": "#DDDDDD",
    "axes.axisbelow": True,
    "legend.frameon": False,
    "savefig.facecolor": "white",
    "figure.facecolor": "white",
}


def plot_emissions_by_year(tables: ReportTables, path: Path) -> Path:
    """Draw emissions per category and year as stacked bars.

    Parameters
    ----------
    tables : ReportTables
        The report (its ``by_year`` frame).
    path : Path
        The PNG file to write.

    Returns
    -------
    Path
        ``path``.
    """
    data = tables.by_year
    with _figure(f"{tables.text('p_by_year')} ({tables.text('p_t')})") as (fig, ax):
        years = data.index.to_numpy(dtype=np.int64)
        bottom = np.zeros(len(years))
        for i, category in enumerate(data.columns):
            values = data[category].to_numpy(dtype=np.float64)
            ax.bar(
                years,
                values,
                bottom=bottom,
                width=0.7,
                label=category_label(category, tables.lang),
                color=_colour(str(category), i),
            )
            bottom += values
        ticks = np.arange(years.min(), years.max() + 1) if len(years) else years
        ax.set_xticks(ticks, [str(y) for y in ticks])
        _swedish_yaxis(ax, tables, bottom)
        if len(data.columns):
            ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=9)
        _save(fig, path)
    return path


def plot_trajectory(tables: ReportTables, path: Path) -> Path:
    """Draw actual emissions against the reduction path, with the base year and target marked.

    Parameters
    ----------
    tables : ReportTables
        The report (its ``path`` frame; without a path only the actual emissions are drawn).
    path : Path
        The PNG file to write.

    Returns
    -------
    Path
        ``path``.
    """
    with _figure(f"{tables.text('p_path')} ({tables.text('p_t')})") as (fig, ax):
        draw_trajectory(ax, tables)
        _save(fig, path)
    return path


def draw_trajectory(ax: Axes, tables: ReportTables) -> None:
    """Draw actual emissions and the path into ``ax``: legend, base year, the labelled target."""
    if tables.path is None:
        totals = tables.by_year.sum(axis=1)
        years = totals.index.to_numpy(dtype=np.int64)
        actual = totals.to_numpy(dtype=np.float64)
        values = actual
    else:
        frame = tables.path
        years = frame["year"].to_numpy(dtype=np.int64)
        actual = frame["actual_t_co2e"].to_numpy(dtype=np.float64)
        target = frame["path_t_co2e"].to_numpy(dtype=np.float64)
        ax.plot(
            years,
            target,
            linestyle="--",
            color=_PATH,
            label=tables.text("p_path_line"),
        )
        ax.axvline(tables.base_year, color=_TOTAL, linestyle=":", linewidth=1)
        ax.annotate(
            tables.text("p_base_year"),
            (tables.base_year, 0),
            xycoords=("data", "axes fraction"),
            xytext=(4, 6),
            textcoords="offset points",
            fontsize=9,
            color=_TOTAL,
        )
        goal_year = None if tables.trajectory is None else tables.trajectory.target_year
        at = np.flatnonzero(years == (goal_year if goal_year is not None else -1))
        if goal_year is not None and len(at):  # budget paths have no target year
            goal = float(target[at[0]])
            start = float(target[0]) if len(target) else math.nan
            cut = goal / start - 1.0 if start else math.nan
            ax.plot([goal_year], [goal], marker="*", markersize=12, color=_PATH, linestyle="")
            ax.annotate(
                tables.text(
                    "p_target_cut",
                    target_year=goal_year,
                    cut=format_percent(cut, 0, lang=tables.lang, sign=True),
                ),
                (goal_year, goal),
                xytext=(-10, -16),
                textcoords="offset points",
                ha="right",
                fontsize=9,
            )
        values = np.concatenate([actual, target])
    known = ~np.isnan(actual)
    ax.plot(
        years[known],
        actual[known],
        marker="o",
        color=CATEGORY_COLOURS["transport"],
        label=tables.text("p_actual"),
    )
    ax.plot(
        [tables.year],
        [tables.total_t],
        marker="o",
        markersize=10,
        markerfacecolor="none",
        color=_UP if tables.status is not None and not tables.status.on_track else _DOWN,
        linestyle="",
    )
    ax.set_xticks(years, [str(y) for y in years], fontsize=9)
    _swedish_yaxis(ax, tables, values, from_zero=True)
    ax.legend(loc="upper right")


def plot_base_year_change(tables: ReportTables, path: Path) -> Path:
    """Draw the change against the base year by category as a waterfall.

    The first bar is the base-year total, each category adds its change (red up, green down)
    and the last bar is the reporting year's total.

    Parameters
    ----------
    tables : ReportTables
        The report (its ``base_comparison`` frame).
    path : Path
        The PNG file to write.

    Returns
    -------
    Path
        ``path``.
    """
    title = f"{tables.text('p_waterfall')} ({tables.text('p_t')})"
    with _figure(title) as (fig, ax):
        draw_base_year_change(ax, tables)
        _save(fig, path)
    return path


def axis_start(levels: Sequence[float] | np.ndarray) -> float:
    """Return where the change chart's value axis starts: 0 unless that hides the changes.

    When the levels the waterfall passes through differ by less than a quarter of the largest,
    the axis starts at a round number a little below the lowest level.

    Examples
    --------
    >>> axis_start([100.0, 60.0, 40.0])  # changes large against the totals: from zero
    0.0
    >>> axis_start([79346.0, 78000.0, 75601.0])  # −5 %: from a round number below 75 601
    73000.0
    """
    values = np.asarray(levels, dtype=np.float64)
    values = values[np.isfinite(values)]
    if not values.size:
        return 0.0
    low, high = float(values.min()), float(values.max())
    spread = high - low
    if low <= 0 or spread <= 0 or spread >= 0.25 * high:  # no change, or visible from zero
        return 0.0
    step = 10.0 ** math.floor(math.log10(max(spread, high * 1e-6)))
    return max(math.floor((low - 0.6 * spread) / step) * step, 0.0)


def draw_base_year_change(ax: Axes, tables: ReportTables) -> None:
    """Draw the waterfall from the base year to the reporting year into ``ax``.

    The value axis starts at :func:`axis_start`; when that is not zero, the chart says so.
    """
    comparison = tables.base_comparison
    if comparison is None:
        _no_data(ax, tables)
        return
    steps = comparison[comparison["category"] != "total"]
    base, final = tables.base_total_t, tables.total_t
    changes = steps["change_t_co2e"].to_numpy(dtype=np.float64)
    starts = base + np.concatenate([[0.0], np.cumsum(changes)[:-1]])
    labels = [
        tables.text("p_base_year"),
        *(category_label(c, tables.lang) for c in steps["category"]),
        str(tables.year),
    ]
    x = np.arange(len(labels))
    heights = np.concatenate([[base], changes, [final]])
    bottoms = np.concatenate([[0.0], starts, [0.0]])
    dec = t_decimals([base, final])
    levels = np.concatenate([[base], starts + changes, [final]])
    bottom = axis_start(levels)
    totals = ax.bar(x[[0, -1]], heights[[0, -1]], color=_TOTAL, width=0.6)
    ax.bar_label(
        totals,
        labels=[format_number(v, dec, lang=tables.lang) for v in (base, final)],
        label_type="center" if bottom == 0 else "edge",
        padding=0 if bottom == 0 else 2,
        fontsize=9,
        color="white" if bottom == 0 else "black",
    )
    steps_bars = ax.bar(
        x[1:-1],
        changes,
        bottom=starts,
        color=[_UP if c > 0 else _DOWN for c in changes],
        width=0.6,
    )
    ax.bar_label(
        steps_bars, labels=[_signed(c, dec, tables) for c in changes], padding=2, fontsize=9
    )
    for i in range(len(x) - 1):  # connectors between the bars
        level = bottoms[i] + heights[i]
        ax.plot([x[i] + 0.3, x[i + 1] - 0.3], [level, level], color=_TOTAL, linewidth=0.8)
    ax.set_xticks(
        x,
        labels,
        fontsize=9,
        rotation=20 if len(labels) > 5 else 0,
        ha="right" if len(labels) > 5 else "center",
    )
    _swedish_yaxis(ax, tables, np.concatenate([bottoms, bottoms + heights]), from_zero=True)
    if bottom > 0:
        top = float(np.nanmax(levels))
        ax.set_ylim(bottom=bottom, top=top + (top - bottom) * 0.12)
        ax.text(
            1.0,
            1.01,
            "≈ " + tables.text("p_axis_break", start=format_number(bottom, lang=tables.lang)),
            transform=ax.transAxes,
            ha="right",
            va="bottom",
            fontsize=8,
            color=_TOTAL,
        )
        ax.plot(  # a break mark on the value axis: it does not start at zero
            [-0.015, 0.015, -0.015, 0.015],
            [0.0, 0.012, 0.024, 0.036],
            transform=ax.transAxes,
            color=_PATH,
            linewidth=1,
            clip_on=False,
        )


def plot_factor_update(tables: ReportTables, path: Path) -> Path:
    """Draw what the factor update changes in the reporting year, per category and in total.

    Parameters
    ----------
    tables : ReportTables
        The report (its ``factor_update`` frame).
    path : Path
        The PNG file to write.

    Returns
    -------
    Path
        ``path``.
    """
    title = f"{tables.text('p_factor_update')} ({tables.text('p_t')})"
    with _figure(title) as (fig, ax):
        frame = tables.factor_update
        if frame is None or frame.empty:
            _no_data(ax, tables)
            _save(fig, path)
            return path
        changes = frame["change_t_co2e"].to_numpy(dtype=np.float64)
        labels = [category_label(c, tables.lang) for c in frame["category"]]
        y = np.arange(len(labels))[::-1]
        colours = [_UP if c > 0 else _DOWN for c in changes]
        colours[-1] = _TOTAL
        bars = ax.barh(y, changes, color=colours, height=0.6)
        dec = t_decimals(list(changes))
        ax.bar_label(bars, labels=[_signed(c, dec, tables) for c in changes], padding=3, fontsize=8)
        ax.axvline(0.0, color=_PATH, linewidth=0.8)
        ax.set_yticks(y, labels)
        ax.grid(axis="y", visible=False)
        ax.grid(axis="x", visible=True)
        limit = float(np.max(np.abs(changes))) if len(changes) else 1.0
        limit = limit * 1.3 if limit > 0 else 1.0
        ax.set_xlim(-limit, limit)
        ax.xaxis.set_major_formatter(_formatter(tables, dec))
        left = int(frame["left_out_rows"].iloc[-1]) if "left_out_rows" in frame else 0
        if left:  # the change counts only rows both sets calculate; say what is left out
            note = tables.text(
                "p_left_out",
                n=format_number(left, lang=tables.lang),
                left_t=format_number(
                    float(frame["left_out_t_co2e"].iloc[-1]), dec, lang=tables.lang
                ),
            )
            ax.set_xlabel(note, fontsize=8)
        _save(fig, path)
    return path


# --------------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------------


@contextmanager
def _figure(title: str) -> Iterator[tuple[Figure, Axes]]:
    """Yield a new figure of fixed size on an Agg canvas, in matplotlib's default style."""
    from matplotlib import style
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    with style.context(["default", _STYLE]):
        fig = Figure(figsize=FIGSIZE, dpi=DPI, layout="constrained")
        FigureCanvasAgg(fig)
        ax = fig.add_subplot()
        ax.set_title(title, loc="left")
        yield fig, ax


def _save(fig: Figure, path: Path) -> None:
    fig.savefig(path, format="png", dpi=DPI, metadata={"Software": None})


def _colour(category: str, i: int) -> str:
    return CATEGORY_COLOURS.get(category, _OTHER_COLOURS[i % len(_OTHER_COLOURS)])


def _signed(value: float, decimals: int, tables: ReportTables) -> str:
    text = format_number(value, decimals, lang=tables.lang)
    return f"+{text}" if value > 0 and text.strip("0,.") else text


def _formatter(tables: ReportTables, decimals: int) -> Any:
    from matplotlib.ticker import FuncFormatter

    def fmt(value: float, _pos: int | None) -> str:
        return format_number(value, decimals, lang=tables.lang)

    return FuncFormatter(fmt)


def _swedish_yaxis(
    ax: Axes, tables: ReportTables, values: Sequence[float] | np.ndarray, *, from_zero: bool = False
) -> None:
    """Tick labels in the report's number format; decimals from the data's magnitude."""
    finite = [float(v) for v in np.asarray(values, dtype=np.float64) if not math.isnan(v)]
    top = max(finite, default=1.0)
    decimals = 0 if top >= 10 else (1 if top >= 1 else 2)
    ax.yaxis.set_major_formatter(_formatter(tables, decimals))
    if from_zero:
        ax.set_ylim(bottom=0.0, top=top * 1.08 if top > 0 else 1.0)


def _no_data(ax: Axes, tables: ReportTables) -> None:
    ax.text(0.5, 0.5, tables.text("p_no_data"), ha="center", va="center", transform=ax.transAxes)
    ax.set_axis_off()


def has_outlook_chart(tables: ReportTables, name: str) -> bool:
    """Whether the report has the outlook chart ``name`` (``outlook`` or ``marginal_abatement``)."""
    outlook = tables.outlook
    if outlook is None:
        return False
    if name == "marginal_abatement":
        return outlook.scenario is not None and not outlook.scenario.marginal_abatement().empty
    return True


def plot_outlook(tables: ReportTables, path: Path) -> Path:
    """Draw the outlook chart: reported, trend, measures and paths (:mod:`.outlook`)."""
    from klimatkalk.report.outlook import draw_outlook

    return draw_outlook(tables, path)


def plot_marginal_abatement(tables: ReportTables, path: Path) -> Path:
    """Draw the marginal abatement cost curve of the planned measures (:mod:`.outlook`)."""
    from klimatkalk.report.outlook import draw_marginal_abatement

    return draw_marginal_abatement(tables, path)
