"""Example input files for the how-to guides: what an analyst receives, ready to read.

``klimatkalk examples [FOLDER]`` (or :func:`write_examples`) writes them, so that every page of
the documentation runs as written in an empty folder:

- ``aktiviteter.xlsx``: the bundled synthetic example region (Region Exempelland, 2019–2025)
  as a workbook with Swedish headers, one row per year, activity, unit and organisational unit;
- ``tankkort_2024.xlsx`` and ``drivmedel.toml``: a fuel-card supplier's export, with its own
  headers, product names, a title above the table and a totals row, and the mapping that reads
  it;
- ``inkop_2024.xlsx`` and ``inkop.toml``: a ledger extract of purchases in kSEK excluding VAT,
  one line per account and organisational unit, and the mapping from accounts to activities;
- ``inkop_cpv_2024.csv``, ``inkop_cpv.toml`` and the folder ``miljospendanalys/``: a ledger
  export with CPV codes in SEK, the mapping from CPV codes and prefixes to activities, and a
  region's own spend-analysis table (kg CO2e per SEK per category) as a factor folder to stack
  on the bundled one.

The files are synthetic (*SYNTETISKA DATA*): they describe no real organisation.
"""

from __future__ import annotations

import datetime as dt
from importlib.resources import files
from importlib.resources.abc import Traversable
from os import PathLike
from pathlib import Path
from typing import Final

import numpy as np
import pandas as pd

__all__ = ["EXAMPLE_FILES", "write_examples"]

EXAMPLE_FILES: Final = (
    "aktiviteter.xlsx",
    "tankkort_2024.xlsx",
    "drivmedel.toml",
    "inkop_2024.xlsx",
    "inkop.toml",
    "inkop_cpv_2024.csv",
    "inkop_cpv.toml",
    "miljospendanalys",
)
"""The files :func:`write_examples` writes, in order."""


_PURCHASES: Final = (  # account, kSEK excl. VAT, responsibility
    ("4010 Sjukvårdsartiklar", 18_400, "Akutsjukhuset"),
    ("4010 Sjukvårdsartiklar", 6_200, "Primärvården"),
    ("4020 Läkemedel", 41_300, "Akutsjukhuset"),
    ("4110 Livsmedel", 9_800, "Kostenheten"),
    ("5410 IT-utrustning", 7_150, "Regionservice"),
    ("5420 Möbler", 1_900, "Regionservice"),
    ("6550 Konsulttjänster", 12_600, "Regionledningen"),
    ("4630 Tvätt", 3_300, "Akutsjukhuset"),
)
_FUEL: Final = (  # date, product (the supplier's label), litres, cost centre, amount kr
    (dt.date(2024, 1, 3), "Diesel MK1", 45.5, "1010 Ambulans", 912),
    (dt.date(2024, 2, 11), "Bensin 95 E10", 30, "2020 Förvaltning", 600),
    (dt.date(2024, 3, 7), "Diesel MK1", 60, "1010 Ambulans", 1_200),
    (dt.date(2024, 4, 2), "HVO100", 52.4, "1010 Ambulans", 1_310),
    (dt.date(2024, 5, 20), "Bensin 95 E10", 38.2, "2020 Förvaltning", 764),
    (dt.date(2024, 6, 14), "Diesel MK1", 58.9, "1020 Sjuktransport", 1_178),
)


def write_examples(folder: str | PathLike[str] = ".", *, overwrite: bool = False) -> list[Path]:
    """Write the example input files into ``folder`` (created if missing).

    Parameters
    ----------
    folder : path, default "."
        Where to write :data:`EXAMPLE_FILES`.
    overwrite : bool, default False
        Replace files that exist; by default an existing file is an error.

    Returns
    -------
    list of Path
        The files written.

    Raises
    ------
    FileExistsError
        If a file exists and ``overwrite`` is false (nothing is written then).

    Examples
    --------
    >>> import tempfile
    >>> import klimatkalk as kk
    >>> from klimatkalk.io.example_files import write_examples
    >>> folder = tempfile.mkdtemp()
    >>> names = [p.name for p in write_examples(folder)]
    >>> names[:5]
    ['aktiviteter.xlsx', 'tankkort_2024.xlsx', 'drivmedel.toml', 'inkop_2024.xlsx', 'inkop.toml']
    >>> names[5:]
    ['inkop_cpv_2024.csv', 'inkop_cpv.toml', 'miljospendanalys']
    >>> acts = kk.read_activities(
    ...     f"{folder}/tankkort_2024.xlsx", mapping=f"{folder}/drivmedel.toml")
    >>> len(acts), acts.skipped["reason"].tolist()
    (6, ['total_row'])
    """
    target = Path(folder)
    paths = [target / name for name in EXAMPLE_FILES]
    existing = [str(p) for p in paths if p.exists()]
    if existing and not overwrite:
        msg = f"exists already: {', '.join(existing)} (--overwrite replaces them)"
        raise FileExistsError(msg)
    target.mkdir(parents=True, exist_ok=True)
    _write_activities(paths[0])
    _write_rows(
        paths[1],
        "Tankningar",
        [
            ["Tankningar januari–juni 2024 (SYNTETISKA DATA)"],
            ["Leverantör: Exempelbolaget AB"],
            ["Datum", "Produkt", "Volym (liter)", "Kostnadsställe", "Belopp (kr)"],
            *[list(row) for row in _FUEL],
            ["Summa", None, sum(r[2] for r in _FUEL), None, sum(r[4] for r in _FUEL)],
        ],
    )
    paths[2].write_text(_mapping("drivmedel.toml"), encoding="utf-8")
    _write_rows(
        paths[3],
        "Inköp",
        [
            ["Inköp per konto 2024, kSEK exkl. moms (SYNTETISKA DATA)"],
            ["Konto", "Belopp exkl. moms (kSEK)", "Ansvar"],
            *[list(row) for row in _PURCHASES],
        ],
    )
    paths[4].write_text(_mapping("inkop.toml"), encoding="utf-8")
    for path in paths[5:]:
        _copy(files("klimatkalk").joinpath("data", "examples", path.name), path)
    return paths


def _copy(source: Traversable, target: Path) -> None:
    """Copy a shipped example file, or a folder with everything in it."""
    if source.is_dir():
        target.mkdir(exist_ok=True)
        for child in source.iterdir():
            _copy(child, target / child.name)
    else:
        target.write_bytes(source.read_bytes())


def _mapping(name: str) -> str:
    """Return the mapping shipped in ``klimatkalk/data/examples`` (the docs include it)."""
    return files("klimatkalk").joinpath("data", "examples", name).read_text(encoding="utf-8")


def _write_rows(path: Path, sheet: str, rows: list[list[object]]) -> None:
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = sheet
    for row in rows:
        ws.append(row)
    book.save(path)


def _write_activities(path: Path) -> None:
    """Write the example region summed over months and sites: same emissions, fewer rows."""
    from openpyxl import Workbook

    from klimatkalk.io.examples import load_example_activities

    frame = load_example_activities().frame
    keys = ["year", "activity", "unit", "org_unit", "abated_fraction"]
    summed = (
        frame.groupby(keys, observed=True, dropna=False, sort=True)["quantity"].sum().reset_index()
    )
    summed = summed[summed["quantity"].to_numpy(dtype=np.float64) != 0]
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "Aktiviteter"
    ws.append(["År", "Aktivitet", "Mängd", "Enhet", "Verksamhet", "Andel destruerad"])
    for year, activity, unit, org_unit, abated, quantity in summed.itertuples(index=False):
        ws.append(
            [
                int(year),
                str(activity),
                round(float(quantity), 6),
                str(unit),
                None if pd.isna(org_unit) else str(org_unit),
                None if pd.isna(abated) else float(abated),
            ]
        )
    book.save(path)
