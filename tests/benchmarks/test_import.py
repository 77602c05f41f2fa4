"""``import klimatkalk`` stays light: no plotting, spreadsheet, templating or Dask library."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("matplotlib", "openpyxl", "jinja2", "dask", "distributed")


def test_import_does_not_load_optional_dependencies() -> None:
    code = (
        "import json, sys; import klimatkalk; "
        f"print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r})))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    loaded = json.loads(done.stdout.strip().splitlines()[-1])
    assert loaded == [], f"import klimatkalk loads {loaded}"
