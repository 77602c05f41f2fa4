"""The factor data ships inside the wheel (globalwarmingpotentials #32 lost its CSV this way)."""

from __future__ import annotations

import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]


@pytest.mark.slow
def test_wheel_contains_and_loads_the_factor_data(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(dist),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    wheel = next(dist.glob("klimatkalk-*.whl"))
    env = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env)
    python = env / "bin" / "python"
    # The dependencies come from the test environment through a .pth line (its own .pth files,
    # such as the editable install of this checkout, are not processed that way), so klimatkalk
    # itself can only come from the wheel.
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    )
    deps = next(p for p in sys.path if p.endswith("site-packages"))
    Path(site.stdout.strip(), "test_deps.pth").write_text(deps + "\n", encoding="utf-8")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--no-deps",
            "--no-index",
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    code = (
        "import klimatkalk as kk, klimatkalk._resources as r\n"
        "assert 'venv' in kk.__file__, kk.__file__\n"
        "f = kk.load_factors()\n"
        "print(r.data_root())\n"
        "print(len(f.factors), len(f.activities))\n"
        "from klimatkalk.analysis.layouts import load_layouts\n"  # annex data in the wheel
        "assert len(kk.load_example_annex_inputs().area) > 0 and len(load_layouts()) > 0\n"
    )
    run = subprocess.run(
        [str(python), "-c", code], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, run.stderr
    out = run.stdout.splitlines()
    assert "site-packages" in out[0] and out[0].endswith("klimatkalk/emission_factors")
    n_factors, n_activities = map(int, out[1].split())
    assert n_factors > 0 and n_activities > 0
