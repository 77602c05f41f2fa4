"""mkdocs hook: publish the repository's notebooks/*.ipynb in the docs without copying them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.structure.files import File, Files
from mkdocs_jupyter.plugin import NotebookFile

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"


def on_files(files: Files, config: Any, **_: Any) -> Files:
    """Add each notebook as ``notebooks/<name>.ipynb``, rendered by mkdocs-jupyter.

    Hooks run after the plugins' ``on_files``, so the notebook is wrapped here the way
    mkdocs-jupyter wraps the notebooks it finds in ``docs/``.
    """
    for notebook in sorted(NOTEBOOKS.glob("*.ipynb")):
        source = File(
            f"notebooks/{notebook.name}",
            src_dir=str(ROOT),
            dest_dir=config["site_dir"],
            use_directory_urls=config["use_directory_urls"],
        )
        files.append(NotebookFile(source, **config))
    return files
