"""The HTML report fits any screen (issue 16): rendered in a real headless Chromium at 1280 px and
at 360 px (a phone), the page is no wider than the window; tables scroll inside their own box and
charts scale with the page.

Chromium's own window has a minimum width (500 px in headless mode), so the page is laid out in
an ``<iframe srcdoc>`` of the exact width: the frame is the page's viewport (its media queries and
``innerWidth`` are the frame's), and a script appended to this test's copy of the page measures
the layout and writes the figures into the outer document, which ``--dump-dom`` prints. The
report itself carries no script.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest

import klimatkalk as kk
from klimatkalk.report import ReportFiles, write_report

BROWSERS = ("chromium", "chromium-headless-shell", "chromium-browser", "google-chrome")
BROWSER = next((p for p in map(shutil.which, BROWSERS) if p), None)

pytestmark = pytest.mark.skipif(
    BROWSER is None,
    reason="no Chromium on this machine (.ci/run installs Debian's chromium package)",
)

_PROBE = """<script>
(function () {
  var doc = document.documentElement;
  var outside = [].slice.call(document.querySelectorAll("body *")).filter(function (e) {
    return e.getBoundingClientRect().right > window.innerWidth + 0.5 && !e.closest(".scroll");
  }).map(function (e) { return e.tagName + "." + e.className; });
  var boxes = [].slice.call(document.querySelectorAll(".scroll")).map(function (e) {
    return {right: e.getBoundingClientRect().right, content: e.scrollWidth, box: e.clientWidth,
            overflow: getComputedStyle(e).overflowX};
  });
  var images = [].slice.call(document.querySelectorAll("img")).map(function (e) {
    return {right: e.getBoundingClientRect().right, alt: e.alt};
  });
  parent.document.body.setAttribute("data-probe", JSON.stringify({
    scrollWidth: doc.scrollWidth, innerWidth: window.innerWidth, outside: outside.slice(0, 10),
    boxes: boxes, images: images}));
})();
</script></body>"""


def _measure(page: Path, width: int, tmp: Path) -> dict[str, object]:
    assert BROWSER is not None
    framed = page.read_text(encoding="utf-8").replace("</body>", _PROBE)
    outer = tmp / f"outer_{width}.html"
    outer.write_text(
        '<!DOCTYPE html><html><head><meta charset="utf-8"></head><body style="margin:0">'
        f'<iframe style="border:0;width:{width}px;height:800px" '
        f'srcdoc="{html.escape(framed, quote=True)}"></iframe></body></html>',
        encoding="utf-8",
    )
    profile = tmp / f"profile_{width}"
    done = subprocess.run(
        [
            BROWSER,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={profile}",
            "--window-size=1400,900",
            "--dump-dom",
            outer.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    found = re.search(r'data-probe="([^"]*)"', done.stdout)
    assert found, f"no measurement from Chromium (exit {done.returncode}): {done.stderr[-2000:]}"
    probe: dict[str, object] = json.loads(html.unescape(found.group(1)))
    return probe


@pytest.fixture(scope="module")
def report(
    minimal_factors: kk.FactorTable, tmp_path_factory: pytest.TempPathFactory
) -> ReportFiles:
    # Long organisational-unit names and many factor rows: the tables are wider than a phone.
    frame = pd.DataFrame(
        {
            "year": [2019, 2019, 2024, 2024, 2024, 2024],
            "activity": ["diesel", "electricity", "diesel", "electricity", "purchase_food", "x"],
            "quantity": [500_000, 4000, 400_000, 3000, 1000, 1],
            "unit": ["l", "MWh", "l", "MWh", "kSEK", "l"],
            "org_unit": [
                "Ambulanssjukvården i norra länsdelen",
                "Centrallasarettet",
                "Ambulanssjukvården i norra länsdelen",
                "Centrallasarettet, fastighetsförvaltning och lokalvård",
                "Kostenheten",
                "Stab",
            ],
        }
    )
    result = kk.calculate_emissions(frame, minimal_factors)
    return write_report(result, 2024, tmp_path_factory.mktemp("browser") / "rapport")


@pytest.mark.parametrize("width", [1280, 360])
def test_page_is_no_wider_than_the_window(report: ReportFiles, width: int, tmp_path: Path) -> None:
    probe = _measure(report.html, width, tmp_path)
    assert probe["innerWidth"] == width
    assert probe["outside"] == []
    assert isinstance(probe["scrollWidth"], int)
    assert probe["scrollWidth"] <= width
    boxes = probe["boxes"]
    assert isinstance(boxes, list)
    assert boxes  # every table sits in a scroll box
    for box in boxes:
        assert box["right"] <= width + 0.5
        assert box["overflow"] == "auto"
    images = probe["images"]
    assert isinstance(images, list)
    assert len(images) == 3
    for image in images:
        assert image["right"] <= width + 0.5  # the chart scales with the page
        assert image["alt"]


def test_a_phone_scrolls_the_wide_appendix_inside_its_box(
    report: ReportFiles, tmp_path: Path
) -> None:
    probe = _measure(report.html, 360, tmp_path)
    boxes = probe["boxes"]
    assert isinstance(boxes, list)
    assert any(box["content"] > box["box"] for box in boxes)  # wider than the phone: scrolls
