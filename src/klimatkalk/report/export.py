"""Report export: :func:`write_report` writes the yearly report as xlsx, HTML, Markdown and PNG.

One folder receives ``klimatredovisning_<year>.xlsx`` (every table, numbers as numbers,
:mod:`klimatkalk.report._xlsx`), ``klimatredovisning_<year>.html`` (one self-contained page,
charts embedded) and ``klimatredovisning_<year>.md`` (the same text, charts as files; both
:mod:`klimatkalk.report._page`), and the charts as ``klimatredovisning_<year>_*.png``
(:mod:`klimatkalk.report.plots`).

The write is atomic: every file is made in a staging folder next to the target and moved into
place only when all succeeded, so a failure leaves no half-written report. Into an existing
folder the files are swapped one by one with the earlier report's files kept aside, and put
back if any move fails, so the folder holds either the old report or the new one, never a
mix. The staging folder is removed whatever happens, also when the process is stopped with
SIGTERM (a handler turns the signal into an exception while the report is written, cleans up,
then ends the process as the signal would have). It is deterministic:
the same input gives the same bytes (fixed workbook and zip timestamps, PNGs without software
metadata, no dates in HTML or Markdown).
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Final

from klimatkalk.report import _page, _xlsx, plots
from klimatkalk.report._labels import Lang
from klimatkalk.report.tables import ReportError, build_report_tables

if TYPE_CHECKING:
    import pandas as pd

    from klimatkalk.analysis.annex import Annex
    from klimatkalk.analysis.baseline import BaseYearRecalculation
    from klimatkalk.analysis.trajectory import Trajectory
    from klimatkalk.report.outlook import OutlookTables
    from klimatkalk.results import EmissionsResult

__all__ = ["ReportFiles", "write_report"]

# (name, file suffix, plot function name in klimatkalk.report.plots, caption key)
_PLOTS: Final = (
    ("by_year", "utslapp_per_ar", "plot_emissions_by_year", "p_by_year"),
    ("trajectory", "malbana", "plot_trajectory", "p_path"),
    ("base_year_change", "forandring_mot_basar", "plot_base_year_change", "p_waterfall"),
    ("factor_update", "faktoruppdatering", "plot_factor_update", "p_factor_update"),
    ("outlook", "utsikt", "plot_outlook", "p_outlook"),
    ("marginal_abatement", "atgardskostnad", "plot_marginal_abatement", "p_mac"),
)


@dataclass(frozen=True)
class ReportFiles:
    """The files :func:`write_report` wrote.

    Attributes
    ----------
    folder : Path
        The report folder.
    xlsx, html, markdown : Path
        The workbook, the web page and the Markdown text.
    plots : dict of str to Path
        The charts by name: ``by_year``, ``trajectory``, ``base_year_change`` and, with a
        factor update, ``factor_update``.
    annex : dict of str to Path
        With an indicator annex: its ``md``, ``html`` and ``xlsx`` files.
    """

    folder: Path
    xlsx: Path
    html: Path
    markdown: Path
    plots: dict[str, Path] = field(default_factory=dict)
    annex: dict[str, Path] = field(default_factory=dict)

    def paths(self) -> list[Path]:
        """Return every written file: workbook, HTML, Markdown, the charts, then the annex."""
        return [self.xlsx, self.html, self.markdown, *self.plots.values(), *self.annex.values()]


def write_report(
    result: EmissionsResult,
    year: int,
    path: str | os.PathLike[str],
    *,
    base_year: int = 2019,
    target: float = 0.5,
    target_year: int = 2030,
    trajectory: Trajectory | None = None,
    base: EmissionsResult | BaseYearRecalculation | None = None,
    lang: Lang = "sv",
    title: str | None = None,
    factor_update: pd.DataFrame | None = None,
    factor_update_edition: int | None = None,
    organisation: str | None = None,
    annex: Annex | None = None,
    trend_year: int | None = None,
    outlook: OutlookTables | None = None,
) -> ReportFiles:
    """Write the yearly climate report (klimatredovisning) into a folder.

    Parameters
    ----------
    result : EmissionsResult
        Calculated emissions; should hold the reporting year and the base year (and the
        years between, for the time series).
    year : int
        Reporting year.
    path : path
        The report folder; created if missing. Files of an earlier report of the same year
        are replaced; other files in the folder are left alone.
    base_year : int, default 2019
        Base year of the comparison and of the default path.
    target : float, default 0.5
        Target reduction against the base year (``0.5`` = −50 %).
    target_year : int, default 2030
        Year of the target; the path table and chart run to it.
    trajectory : Trajectory, optional
        The reduction path, in t CO2e; by default
        ``Trajectory.linear(base_year, target_year, target, base_value=<base-year total>)``.
    base : EmissionsResult or BaseYearRecalculation, optional
        Base-year emissions to compare with, e.g. the base year recalculated like-for-like
        (:func:`klimatkalk.baseline.recalculate_base_year`); by default the base-year rows of
        ``result``.
    lang : {"sv", "en"}, default "sv"
        Language of the report.
    title : str, optional
        Title; by default "Klimatredovisning <year>" (with ``organisation``).
    factor_update : DataFrame, optional
        The effect of a factor update, as
        :func:`klimatkalk.factor_impact.factor_update_impact` returns it; adds a table, a
        sheet and a chart.
    factor_update_edition : int, optional
        The edition ``factor_update`` compares with, named in the report's text.
    organisation : str, optional
        Name of the reporting organisation.
    annex : Annex, optional
        The indicator annex (:func:`klimatkalk.analysis.annex.build_annex`); written as
        ``klimatredovisning_<year>_bilaga.md``, ``.html`` and ``.xlsx``
        (:mod:`klimatkalk.report.annex`).
    trend_year : int, optional
        The year in which the emissions' trend meets the target, from a forecast; the
        summary then says so (by default from the forecast module when it is available, see
        :func:`klimatkalk.report.tables.trend_meets_target`).
    outlook : OutlookTables, optional
        Forecast, measures, uncertainty and organisation levels
        (:func:`klimatkalk.report.outlook.build_outlook`); adds the section "Utsikt mot
        målåret" and its charts.

    Returns
    -------
    ReportFiles
        The written paths.

    Raises
    ------
    ReportError
        If the result has no rows for ``year``, ``lang`` is unknown, ``factor_update`` lacks
        a column, or ``path`` is an existing file.

    Examples
    --------
    >>> import tempfile
    >>> import pandas as pd
    >>> import klimatkalk as kk
    >>> from klimatkalk.report import write_report
    >>> factors = kk.load_factors("tests/fixtures/factors_minimal")
    >>> res = kk.calculate_emissions(pd.DataFrame({
    ...     "year": [2019, 2024], "activity": ["diesel", "diesel"],
    ...     "quantity": [1000, 1000], "unit": ["l", "l"]}), factors)
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     files = write_report(res, 2024, f"{tmp}/rapport")
    ...     sorted(p.name for p in files.paths())
    ['klimatredovisning_2024.html', 'klimatredovisning_2024.md', 'klimatredovisning_2024.xlsx', 'klimatredovisning_2024_forandring_mot_basar.png', 'klimatredovisning_2024_malbana.png', 'klimatredovisning_2024_utslapp_per_ar.png']
    """  # noqa: E501
    tables = build_report_tables(
        result,
        year,
        base_year=base_year,
        target=target,
        target_year=target_year,
        trajectory=trajectory,
        base=base,
        lang=lang,
        title=title,
        organisation=organisation,
        factor_update=factor_update,
        factor_update_edition=factor_update_edition,
        trend_year=trend_year,
        outlook=outlook,
    )
    folder = Path(path).resolve()
    if folder.exists() and not folder.is_dir():
        msg = f"{folder} is a file; write_report needs a folder"
        raise ReportError(msg)
    stem = f"klimatredovisning_{year}"
    with _sigterm_cleans_up(), _staging(folder) as staging:
        charts: dict[str, str] = {}  # name → file
        captions: dict[str, str] = {}  # file → caption
        for name, suffix, function, caption in _PLOTS:
            if name == "factor_update" and tables.factor_update is None:
                continue
            if name in ("outlook", "marginal_abatement") and not plots.has_outlook_chart(
                tables, name
            ):
                continue
            if name in ("trajectory", "base_year_change") and not tables.has_base:
                continue  # no base year: no change to draw, and a path of one point
            if name == "base_year_change" and tables.year == tables.base_year:
                continue  # the base year's own report: no change from itself to draw
            file = f"{stem}_{suffix}.png"
            draw: plots.PlotFunction = getattr(plots, function)  # looked up now: patchable
            draw(tables, staging / file)
            charts[name] = file
            captions[file] = tables.text(caption)
        xlsx = f"{stem}.xlsx"
        (staging / xlsx).write_bytes(_xlsx.workbook_bytes(tables))
        html, markdown = _page.render_pages(tables, staging, captions, xlsx)
        (staging / f"{stem}.html").write_text(html, encoding="utf-8", newline="\n")
        (staging / f"{stem}.md").write_text(markdown, encoding="utf-8", newline="\n")
        written = [xlsx, f"{stem}.html", f"{stem}.md", *charts.values()]
        annex_files: dict[str, str] = {}
        if annex is not None:
            from klimatkalk.report.annex import write_annex

            annex_files = write_annex(annex, staging, stem, lang=lang)
            written += annex_files.values()
        ours = {f"{stem}_{suffix}.png" for _, suffix, _, _ in _PLOTS}
        ours |= {f"{stem}_bilaga.{kind}" for kind in ("md", "html", "xlsx")}
        _publish(staging, folder, written, stale=ours - set(written))
    return ReportFiles(
        folder=folder,
        xlsx=folder / xlsx,
        html=folder / f"{stem}.html",
        markdown=folder / f"{stem}.md",
        plots={name: folder / file for name, file in charts.items()},
        annex={kind: folder / file for kind, file in annex_files.items()},
    )


# --------------------------------------------------------------------------------------------
# atomic write
# --------------------------------------------------------------------------------------------


@contextmanager
def _staging(folder: Path) -> Iterator[Path]:
    """Make a fresh folder next to ``folder``; remove it afterwards whatever happens."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = folder.parent / f".{folder.name}.{secrets.token_hex(6)}.tmp"
    staging.mkdir()
    try:
        yield staging
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _publish(staging: Path, folder: Path, names: Sequence[str], stale: set[str]) -> None:
    """Move the staged files into ``folder``: one rename if it is new, else a swap with rollback.

    Into an existing folder, each earlier file of this report is first moved aside into the
    staging folder, then the new one moved in; if any move fails, the new files are removed
    and the earlier ones put back before the error goes on.
    """
    if not folder.exists():
        staging.rename(folder)
        return
    aside = staging / ".earlier"
    aside.mkdir()
    new = set(names)
    done: list[tuple[str, bool]] = []  # (name, an earlier file was moved aside)
    try:
        for name in [*names, *sorted(stale)]:
            target = folder / name
            had = target.exists()
            if had:
                os.replace(target, aside / name)
            done.append((name, had))
            if name in new:
                os.replace(staging / name, target)
    except BaseException:
        for name, had in reversed(done):
            if name in new:
                (folder / name).unlink(missing_ok=True)
            if had:
                os.replace(aside / name, folder / name)
        raise


class _Terminated(BaseException):
    """SIGTERM arrived while a report was being written."""


@contextmanager
def _sigterm_cleans_up() -> Iterator[None]:
    """Turn SIGTERM into an exception while writing, so that staging folders are removed.

    After the clean-up the process ends as SIGTERM would have ended it; where the program had
    its own handler, that handler runs and :class:`ReportError` says the report was stopped.
    Only in the main thread, and only when SIGTERM is not ignored.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.getsignal(signal.SIGTERM)
    if previous is signal.SIG_IGN:
        yield
        return

    def raise_terminated(signum: int, _frame: FrameType | None) -> None:
        raise _Terminated(signum)

    signal.signal(signal.SIGTERM, raise_terminated)
    try:
        yield
    except _Terminated:
        signal.signal(signal.SIGTERM, previous)
        if callable(previous):  # the program's own handler decides what SIGTERM means
            previous(signal.SIGTERM, None)
            msg = "writing the report was stopped by SIGTERM; no file of it was written"
            raise ReportError(msg) from None
        os.kill(os.getpid(), signal.SIGTERM)  # the default: end the process by the signal
        raise SystemExit(128 + signal.SIGTERM) from None
    finally:
        signal.signal(signal.SIGTERM, previous)
