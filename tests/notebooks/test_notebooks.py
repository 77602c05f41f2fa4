"""Every notebook in notebooks/ runs top to bottom with the public API (pyam's test_tutorials)."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS = sorted((Path(__file__).parents[2] / "notebooks").glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs(path: Path, tmp_path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert not cell.outputs, f"{path.name}: outputs must be stripped"
            assert "klimatkalk._" not in cell.source, f"{path.name}: private import"
    NotebookClient(
        notebook,
        timeout=180,
        kernel_name="python3",
        resources={"metadata": {"path": str(tmp_path)}},
    ).execute()


def test_the_notebooks_are_these() -> None:
    assert [p.stem for p in NOTEBOOKS] == [
        "01_yearly_report",
        "02_factor_update_impact",
        "03_own_excel_and_factors",
        "05_indikatorer",
    ]
