"""Regenerate the screenshots of the HTML report at 1280 px and 360 px for the docs.

Writes the bundled example region's 2024 report into a temporary folder, lays its HTML page out
in headless Chromium (Debian's ``chromium`` package) at a desktop width of 1280 px and a phone
width of 360 px, and saves the top of each as PNG in ``docs/images/``::

    .venv/bin/python scripts/report_screenshots.py

Chromium's own window is at least 500 px wide in headless mode, so the page is shown in an
``<iframe srcdoc>`` of the exact width (the frame is the page's viewport) and the screenshot is
cropped to it.
"""

from __future__ import annotations

import argparse
import html
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHOTS = {"report_1280.png": (1280, 1600), "report_360.png": (360, 2200)}
"""File name → (width, height) of the screenshot [pixel]."""
BROWSERS = ("chromium", "chromium-headless-shell", "chromium-browser", "google-chrome")


def screenshot(page: Path, width: int, height: int, out: Path, browser: str) -> None:
    """Lay ``page`` out at ``width`` px and save the top ``height`` px as PNG in ``out``."""
    from PIL import Image

    with tempfile.TemporaryDirectory() as tmp:
        outer = Path(tmp) / "outer.html"
        outer.write_text(
            '<!DOCTYPE html><html><head><meta charset="utf-8"></head>'
            '<body style="margin:0;background:white">'
            f'<iframe style="border:0;width:{width}px;height:{height}px" '
            f'srcdoc="{html.escape(page.read_text(encoding="utf-8"), quote=True)}"></iframe>'
            "</body></html>",
            encoding="utf-8",
        )
        raw = Path(tmp) / "raw.png"
        subprocess.run(
            [
                browser,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--hide-scrollbars",
                f"--user-data-dir={Path(tmp) / 'profile'}",
                f"--window-size={max(width, 500)},{height}",
                f"--screenshot={raw}",
                outer.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        with Image.open(raw) as image:
            image.crop((0, 0, width, height)).save(out, optimize=True)


def main(argv: list[str] | None = None) -> int:
    """Write the report and its screenshots; return the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "images")
    args = parser.parse_args(argv)
    browser = next((p for p in map(shutil.which, BROWSERS) if p), None)
    if browser is None:
        print("no Chromium found: apt-get install chromium", file=sys.stderr)
        return 2
    import klimatkalk as kk
    from klimatkalk.io.examples import EXAMPLE_REGION_NAME
    from klimatkalk.report import write_report

    result = kk.calculate_emissions(kk.load_example_activities(), kk.load_factors())
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        files = write_report(result, 2024, Path(tmp) / "rapport", organisation=EXAMPLE_REGION_NAME)
        for name, (width, height) in SHOTS.items():
            screenshot(files.html, width, height, args.out / name, browser)
            print(f"wrote {args.out / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
