"""mkdocs hook: publish notebooks/*.ipynb as docs/tutorials/ without copying them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.structure.files import File, Files

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"


def on_files(files: Files, config: Any, **_: Any) -> Files:
    """Add each notebook as ``tutorials/<name>.ipynb``."""
    for notebook in sorted(NOTEBOOKS.glob("*.ipynb")):
        files.append(
            File.generated(config, f"tutorials/{notebook.name}", abs_src_path=str(notebook))
        )
    return files
