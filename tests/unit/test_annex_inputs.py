"""Small input tables of the annex (klimatkalk.io.tables, klimatkalk.io.annex_inputs)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pandas as pd
import pytest

from klimatkalk.errors import ActivityDataError, ErrorReason
from klimatkalk.io.annex_inputs import (
    AREA_COLUMNS,
    load_example_annex_inputs,
    read_annex_inputs,
)
from klimatkalk.io.tables import read_table

ROOT = Path(__file__).parents[2]


def test_swedish_headers_numbers_and_notes_above_the_header(tmp_path: Path) -> None:
    path = tmp_path / "yta.csv"
    path.write_text(
        "Lokalyta 2024\n\nÅr;Verksamhet;Byggnad;Yta (m2);Ytmått\n"
        "2024;Sjukhus;Hus A;12 500,5;BRA\n;;;;\n2024;Sjukhus;Hus B;1 000;BRA\n",
        encoding="cp1252",
    )
    t = read_annex_inputs(area=path).area
    assert t is not None
    assert t["area_m2"].tolist() == [12500.5, 1000.0]
    assert t["site"].tolist() == ["Hus A", "Hus B"]
    assert t["origin_row"].tolist() == [4, 6]  # the blank row 5 is the only row left out


def test_bad_cells_are_named_by_file_row_column_and_value(tmp_path: Path) -> None:
    path = tmp_path / "yta.csv"
    path.write_text("År;Yta\n2024;12 kvm\n20x4;-5\n;100\n", encoding="utf-8")
    with pytest.raises(ActivityDataError) as info:
        read_table(path, AREA_COLUMNS, what="floor-area table")
    problems = {(p.row, p.column, p.value, p.reason) for p in info.value.problems}
    assert (2, "Yta", "12 kvm", ErrorReason.NOT_A_NUMBER) in problems
    assert (3, "År", "20x4", ErrorReason.NOT_A_NUMBER) in problems
    assert (3, "Yta", "-5", ErrorReason.INVALID_VALUE) in problems
    assert (4, "År", None, ErrorReason.MISSING_VALUE) in problems
    assert all(p.file == str(path) for p in info.value.problems)


def test_a_missing_required_column_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "graddagar.csv"
    path.write_text("År;Graddagar\n2024;3600\n", encoding="utf-8")
    with pytest.raises(ActivityDataError, match="normal_degree_days"):
        read_annex_inputs(degree_days=path)


def test_metric_words_are_swedish_or_english(tmp_path: Path) -> None:
    path = tmp_path / "matetal.csv"
    path.write_text(
        "Nyckel;Mätetal;Enhet;Riktning;Tröskel;Tröskeltyp\n"
        "a;A;%;högre;1;absolut\nb;B;kg;uppåt;0,02;relativ\n",
        encoding="utf-8",
    )
    with pytest.raises(ActivityDataError) as info:
        read_annex_inputs(metrics=path)
    (problem,) = info.value.problems
    assert (problem.row, problem.column, problem.value) == (3, "direction", "uppåt")


def test_xlsx_tables_are_read_too(tmp_path: Path) -> None:
    path = tmp_path / "fordon.xlsx"
    pd.DataFrame(
        {"År": [2024], "Transportslag": ["kollektivtrafik"], "Fordonskm": [14_280_000]}
    ).to_excel(path, index=False)
    fleet = read_annex_inputs(fleet=path).fleet
    assert fleet is not None
    assert fleet["vehicle_km"].tolist() == [14_280_000.0]


def test_groups_toml_errors_name_the_file(tmp_path: Path) -> None:
    path = tmp_path / "grupper.toml"
    path.write_text("[[group]\nkey = ", encoding="utf-8")
    with pytest.raises(ActivityDataError, match=r"grupper\.toml"):
        read_annex_inputs(groups=path)


def test_example_inputs_load_and_are_marked_synthetic() -> None:
    inputs = load_example_annex_inputs()
    assert inputs.area is not None and inputs.degree_days is not None
    assert inputs.metrics is not None and len(inputs.metrics) >= 10
    assert set(inputs.metrics["direction"]) == {"lower", "higher"}
    assert inputs.heating_share == {"district_heating": 0.75}
    for name in ("example_area.csv", "example_degree_days.csv", "example_fleet.csv"):
        text = (ROOT / "src" / "klimatkalk" / "data" / name).read_text(encoding="utf-8")
        assert "syntetisk" in text


def test_example_area_is_the_generators_sites(
    load_script: Callable[[Path], ModuleType],
) -> None:
    """The floor area per site equals the areas the activity data were generated from."""
    generator = load_script(ROOT / "scripts" / "make_example_region.py")
    sites = generator._sites(generator.Builder(generator.SEED))
    expected = {(s.org_unit, s.name): s.area_m2 for s in sites}
    area = load_example_annex_inputs().area
    assert area is not None
    for year, part in area.groupby("year"):
        got = dict(
            zip(zip(part["org_unit"], part["site"], strict=True), part["area_m2"], strict=True)
        )
        assert got == expected, year


def test_example_bus_km_is_the_generators() -> None:
    # scripts/make_example_region.py: BUS_KM = 14.0e6 × index 1.00, 0.97, 0.98, 1.00, 1.01,
    # 1.02, 1.03 for 2019–2025 (example_region.md, row 14).
    fleet = load_example_annex_inputs().fleet
    assert fleet is not None
    bus = fleet[fleet["transport_type"] == "kollektivtrafik"].set_index("year")["vehicle_km"]
    index = (1.00, 0.97, 0.98, 1.00, 1.01, 1.02, 1.03)
    assert bus.tolist() == [round(14.0e6 * i) for i in index]
