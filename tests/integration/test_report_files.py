"""Report files (issue 16, "Files"): writing into an existing folder is atomic, and the staging
folder goes away when the process is stopped with SIGTERM."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pandas as pd
import pytest

import klimatkalk as kk
from klimatkalk.report import export, write_report


@pytest.fixture(scope="module")
def result(minimal_factors: kk.FactorTable) -> kk.EmissionsResult:
    frame = pd.DataFrame(
        {"year": [2019, 2024], "activity": "diesel", "quantity": [1000, 800], "unit": "l"}
    )
    return kk.calculate_emissions(frame, minimal_factors)


def test_a_failed_move_into_an_existing_folder_leaves_the_old_report(
    result: kk.EmissionsResult, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "rapport"
    target.mkdir()
    (target / "notes.txt").write_text("the analyst's own file")
    write_report(result, 2024, target)
    before = {p.name: p.read_bytes() for p in target.iterdir()}
    real = os.replace
    calls = {"n": 0}

    def third_move_fails(src: object, dst: object) -> None:
        calls["n"] += 1
        if calls["n"] == 5:  # xlsx aside, xlsx in, html aside, html in, then md aside fails
            raise OSError("disk full")
        real(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(export.os, "replace", third_move_fails)
    with pytest.raises(OSError, match="disk full"):
        write_report(result, 2024, target, lang="en")  # other bytes than the Swedish report
    monkeypatch.undo()
    assert calls["n"] >= 5
    assert {p.name: p.read_bytes() for p in target.iterdir()} == before  # no mix
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rapport"]  # no staging left


def test_a_new_report_replaces_the_old_one_whole(
    result: kk.EmissionsResult, tmp_path: Path
) -> None:
    target = tmp_path / "rapport"
    first = write_report(result, 2024, target)
    swedish = first.html.read_bytes()
    second = write_report(result, 2024, target, lang="en")
    assert second.html.read_bytes() != swedish
    assert b'lang="en"' in second.html.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rapport"]


_SLOW_REPORT = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    import pandas as pd
    import klimatkalk as kk
    from klimatkalk.report import plots, write_report

    folder = Path(sys.argv[1])
    factors = kk.load_factors(sys.argv[2])
    res = kk.calculate_emissions(pd.DataFrame({
        "year": [2019, 2024], "activity": "diesel", "quantity": [1000, 800], "unit": "l"}),
        factors)

    def slow(tables, path):
        (folder.parent / "started").write_text("drawing")
        time.sleep(60)
        return path

    plots.plot_trajectory = slow
    write_report(res, 2024, folder)
    """
)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM is a POSIX signal")
def test_sigterm_removes_the_staging_folder(tmp_path: Path) -> None:
    fixture = Path(__file__).parents[1] / "fixtures" / "factors_minimal"
    work = tmp_path / "out"
    work.mkdir()
    script = tmp_path / "slow_report.py"
    script.write_text(_SLOW_REPORT)
    proc = subprocess.Popen([sys.executable, str(script), str(work / "rapport"), str(fixture)])
    try:
        deadline = time.monotonic() + 60
        while not (work / "started").exists():
            assert proc.poll() is None, "the report process ended before drawing"
            assert time.monotonic() < deadline, "the report process never started drawing"
            time.sleep(0.05)
        staged = [p for p in work.iterdir() if p.name.endswith(".tmp")]
        assert staged, "a staging folder exists while the report is written"
        proc.send_signal(signal.SIGTERM)
        code = proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert code == -signal.SIGTERM  # ended by the signal, as without the handler
    assert sorted(p.name for p in work.iterdir()) == ["started"]  # no staging, no report


@pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM is a POSIX signal")
def test_a_programs_own_sigterm_handler_runs_after_the_clean_up(
    result: kk.EmissionsResult, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from klimatkalk.report import ReportError, plots

    calls: list[int] = []

    def own_handler(signum: int, _frame: object) -> None:
        calls.append(signum)

    def terminated_while_drawing(_tables: object, path: Path) -> Path:
        os.kill(os.getpid(), signal.SIGTERM)
        return path

    previous = signal.signal(signal.SIGTERM, own_handler)
    try:
        monkeypatch.setattr(plots, "plot_trajectory", terminated_while_drawing)
        with pytest.raises(ReportError, match="stopped by SIGTERM"):
            write_report(result, 2024, tmp_path / "rapport")
        assert signal.getsignal(signal.SIGTERM) is own_handler  # put back
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert calls == [signal.SIGTERM]
    assert list(tmp_path.iterdir()) == []  # no staging folder, no report
