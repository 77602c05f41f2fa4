"""The indicator annex of the example region: built, consistent, written with the report."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

import klimatkalk as kk
from klimatkalk.analysis.annex import Annex, build_annex
from klimatkalk.analysis.metrics import VERDICTS, Metric
from klimatkalk.cli import main
from klimatkalk.errors import ActivityDataError
from klimatkalk.io.annex_inputs import load_example_annex_inputs
from klimatkalk.report import write_report
from klimatkalk.report.annex import annex_markdown


@pytest.fixture(scope="module")
def example() -> tuple[kk.ActivityTable, kk.EmissionsResult]:
    acts = kk.load_example_activities()
    return acts, kk.calculate_emissions(acts)


@pytest.fixture(scope="module")
def annex(example: tuple[kk.ActivityTable, kk.EmissionsResult]) -> Annex:
    acts, res = example
    return build_annex(res, acts, 2024, **load_example_annex_inputs().as_kwargs())


def test_every_metric_has_a_verdict_and_a_rule(annex: Annex) -> None:
    metrics = annex.metrics
    assert metrics is not None
    assert set(metrics["verdict"]) <= set(VERDICTS)
    assert metrics["rule"].map(lambda r: r.endswith(tuple(VERDICTS))).all()
    judged = metrics[metrics["verdict"] != "Ej bedömd"]
    assert judged["outcome"].map(math.isfinite).all()
    gap = metrics.set_index("metric").loc["engangsartiklar"]
    assert gap["verdict"] == "Ej bedömd"
    assert "byte av upphandlat system" in gap["gap_reason"]


def test_energy_per_m2_is_energy_over_area(annex: Annex) -> None:
    per = annex.per_area
    assert per is not None
    area = load_example_annex_inputs().area
    assert area is not None
    total = per[(per["year"] == 2024) & (per["carrier"] == "total")].iloc[0]
    buildings = annex.energy[
        (annex.energy["year"] == 2024) & (annex.energy["use"] == "buildings_operations")
    ]
    expected = buildings["energy_kwh"].sum() / area.loc[area["year"] == 2024, "area_m2"].sum()
    assert total["kwh_per_m2"] == pytest.approx(expected)
    # The generator's electricity: 88 kWh/m² in 2019, −1.2 %/yr → 88 × 0.988⁵ = 82.8 in 2024
    # (example_region.md, row 4); monthly noise is renormalised, so the sum is exact.
    el = per[(per["year"] == 2024) & (per["carrier"] == "electricity")].iloc[0]
    assert el["kwh_per_m2"] == pytest.approx(88 * 0.988**5, rel=1e-3)


def test_bus_charging_is_transport_and_depots_are_buildings(annex: Annex) -> None:
    e = annex.energy[(annex.energy["year"] == 2024) & (annex.energy["carrier"] == "electricity")]
    kinds = set(zip(e["use"], e["transport_type"].fillna(""), strict=True))
    assert ("transport", "kollektivtrafik") in kinds
    assert ("buildings_operations", "") in kinds


def test_bus_kwh_per_km_uses_the_fleet_table(annex: Annex) -> None:
    per_km = annex.kwh_per_km
    assert per_km is not None
    row = per_km.set_index("year").loc[2024]
    assert row["vehicle_km"] == 14_280_000
    assert row["kwh_per_km"] == pytest.approx(row["energy_kwh"] / 14_280_000)


def test_missing_denominator_is_a_gap_not_zero(
    example: tuple[kk.ActivityTable, kk.EmissionsResult],
) -> None:
    acts, res = example
    inputs = load_example_annex_inputs().as_kwargs()
    area = inputs["area"]
    inputs["area"] = area.assign(area_m2=area["area_m2"].where(area["year"] != 2024, 0.0))
    inputs["metrics"] = [
        Metric("e", "Energi per m²", "kWh/m²", "lower", source="energy_per_m2:total")
    ]
    inputs["metric_values"] = None
    out = build_annex(res, acts, 2024, **inputs)
    assert out.metrics is not None
    row = out.metrics.iloc[0]
    assert math.isnan(row["outcome"])
    assert row["verdict"] == "Ej bedömd"
    assert row["gap_reason"] == "2024: lokalytan är 0"


def test_unknown_source_and_values_for_computed_metrics_are_refused(
    example: tuple[kk.ActivityTable, kk.EmissionsResult],
) -> None:
    acts, res = example
    bad = [Metric("x", "X", "st", "lower", source="nope:1")]
    with pytest.raises(ActivityDataError, match="unknown metric source") as info:
        build_annex(res, acts, 2024, metrics=bad)
    (problem,) = info.value.problems
    assert (problem.row, problem.column, problem.value) == (0, "source", "nope:1")
    computed = [Metric("x", "X", "%", "higher", source="fossil_free_share:total")]
    values = pd.DataFrame({"metric": ["x"], "year": [2024], "value": [1.0]})
    with pytest.raises(ActivityDataError, match="notes only") as info:
        build_annex(res, acts, 2024, metrics=computed, metric_values=values)
    (problem,) = info.value.problems
    assert (problem.row, problem.column, problem.value) == (0, "value", 1.0)


def test_annex_table_layout_is_the_regions(annex: Annex) -> None:
    text = annex_markdown(annex)
    assert "| Mätetal | Utfall 2023 | Utfall 2024 | Utveckling |" in text
    assert "kWh/m²\u00a0BRA" in text
    # example_metrics.csv: the carrier in the metric's name, the unit the floor area's
    assert "| Elanvändning i lokaler per m² (kWh/m² BRA) |" in text  # as the file writes it
    assert "| El (kWh/m²\u00a0BRA) |" in text  # the per-m² table
    spaced = text.replace("\u00a0", " ")
    assert "kWh/m² El" not in spaced and "kWh/m² Fjärrvärme" not in spaced
    # running text says things in words: no file paths, no 'see the documentation'
    assert "emission_factors/" not in text and ".csv" not in text
    assert "dokumentationen" not in text
    assert "med värmevärdet för varje bränslekvalitet" in text
    # the transport types (example_transport_types.csv writes them in lower case) as rows,
    # capitalised like the carriers beside them, with no 'Transport:' before them
    assert "| Transporter | Kollektivtrafik |" in text
    assert "\n| Ambulanshelikopter | " in text  # the fossil-free table
    assert "Transport: " not in text
    assert "sammansatt" in text  # the EED convention beside the figure
    assert "Fossilfri, inblandning som fossil" in text
    # the two group metrics' footnotes first (what the group holds beyond the category), then
    # the method note of the fossil-free metric
    assert "| Klimatpåverkan från energianvändning (t CO2e) [1] |" in text
    assert "[1] Målgruppen Klimatpåverkan från energianvändning är inte rapportens kategori" in text
    assert "[3] Från 2024 räknas reduktionspliktens biodel som fossilfri" in text


def test_report_writes_the_annex_deterministically(
    example: tuple[kk.ActivityTable, kk.EmissionsResult], annex: Annex, tmp_path: Path
) -> None:
    _, res = example
    first = write_report(res, 2024, tmp_path / "a", annex=annex)
    second = write_report(res, 2024, tmp_path / "b", annex=annex)
    assert set(first.annex) == {"md", "html", "xlsx"}
    for a, b in zip(first.paths(), second.paths(), strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name
    assert sorted(p.name for p in first.folder.iterdir()) == sorted(p.name for p in first.paths())
    sheets = pd.read_excel(first.annex["xlsx"], sheet_name=None, engine="openpyxl")
    assert len(sheets) >= 6
    # a report of the same year without the annex removes the stale annex files
    again = write_report(res, 2024, tmp_path / "a")
    assert not any("bilaga" in p.name for p in again.folder.iterdir())


def test_cli_report_of_the_example_region_has_the_annex(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["report", "--year", "2024", "-o", str(tmp_path / "rapport")])
    out = capsys.readouterr().out
    assert "klimatredovisning_2024_bilaga.html" in out
    html = (tmp_path / "rapport" / "klimatredovisning_2024_bilaga.html").read_text("utf-8")
    assert "Indikatorer med mätetal 2024" in html


def test_annex_in_english_and_numbers_as_numbers_in_the_workbook(annex: Annex) -> None:
    from io import BytesIO

    from openpyxl import load_workbook

    from klimatkalk.report.annex import annex_workbook

    text = annex_markdown(annex, lang="en")
    assert "| Metric | Outcome 2023 | Outcome 2024 | Development |" in text
    assert "Not assessed" in text and "Ej bedömd" not in text
    assert "compounded" in text
    book = load_workbook(BytesIO(annex_workbook(annex)))
    first = book.worksheets[0]
    assert first["A1"].value == "Mätetal"
    assert isinstance(first["C2"].value, float)  # outcome, a number with a number format
    assert first["C2"].number_format.startswith("#,##0")
    # the EED years are numbers shown without a thousands separator (were text cells)
    eed = book["4 EED offentlig sektor"]
    years = [eed.cell(row=r, column=1) for r in range(2, 5)]
    assert [c.value for c in years] == [2022, 2023, 2024]
    assert all(isinstance(c.value, int) and c.number_format == "0" for c in years)
    assert "| 2024 | " in annex_markdown(annex)  # not "2 024"
    # short sheet names, not titles cut at Excel's 31 characters ("4 Energieffektiviseringsdirekti")
    assert book.sheetnames == [
        "1 Indikatorer", "2 Energi (MWh)", "3 Energi per m²", "4 EED offentlig sektor",
        "5 Fossilfri andel transporter", "6 Målgrupper", "7 Målgrupper och totalt",
        "8 Regionernas verktyg",
    ]  # fmt: skip


def test_kwh_per_vehicle_km_of_any_transport_type_with_gaps(
    example: tuple[kk.ActivityTable, kk.EmissionsResult],
) -> None:
    acts, res = example
    inputs = load_example_annex_inputs().as_kwargs()
    inputs["metrics"] = [
        Metric("b", "Buss", "kWh/km", "lower", source="kwh_per_vehicle_km:kollektivtrafik"),
        Metric("t", "Tjänstefordon", "kWh/km", "lower", source="kwh_per_vehicle_km:tjänstefordon"),
    ]
    inputs["metric_values"] = None
    out = build_annex(res, acts, 2024, **inputs)
    assert out.metrics is not None
    rows = out.metrics.set_index("metric")
    assert rows.loc["b", "verdict"] in VERDICTS[:3]
    # the fleet table has no vehicle-km for service vehicles: a gap with its reason
    assert rows.loc["t", "verdict"] == "Ej bedömd"
    assert rows.loc["t", "gap_reason"] == "2024: inga fordonskilometer för året"


def test_the_eed_figure_says_what_it_leaves_out(
    example: tuple[kk.ActivityTable, kk.EmissionsResult], annex: Annex
) -> None:
    from klimatkalk.formatting import format_number
    from klimatkalk.report.annex import annex_sections

    eed = annex.eed
    assert eed is not None
    energy = annex.energy
    bus = energy[(energy["year"] == 2024) & (energy["transport_type"] == "kollektivtrafik")]
    everything = energy[energy["year"] == 2024]["energy_kwh"].sum()
    row = eed.set_index("year").loc[2024]
    # consumption + what is left out = all final energy of the year (kWh / 1000 = MWh)
    assert row["excluded_mwh"] == pytest.approx(bus["energy_kwh"].sum() / 1000)
    assert row["consumption"] + row["excluded_mwh"] == pytest.approx(everything / 1000)
    assert row["excluded_mwh"] > 0
    (section,) = [s for s in annex_sections(annex) if s.title.startswith("Energieffektivisering")]
    shown = format_number(row["excluded_mwh"], 0)
    assert any(f"kollektivtrafik ingår inte: {shown} MWh 2024" in n for n in section.notes)

    # A transport type that is not in the data: nothing left out, and the note says so.
    acts, res = example
    other = build_annex(
        res, acts, 2024, public_transport="färdtjänst-finns-inte",
        **load_example_annex_inputs().as_kwargs(),
    )  # fmt: skip
    assert other.eed is not None
    assert (other.eed["excluded_mwh"] == 0).all()
    (section,) = [s for s in annex_sections(other) if s.title.startswith("Energieffektivisering")]
    assert any("så inget är undantaget" in n for n in section.notes)


def test_text_columns_align_left_and_numbers_right(annex: Annex) -> None:
    from klimatkalk.report.annex import annex_html

    text = annex_markdown(annex)
    # Mätetal | Utfall 2023 | Utfall 2024 | Utveckling: the verdict is a word, not a number
    assert "| Mätetal | Utfall 2023 | Utfall 2024 | Utveckling |\n|---|---:|---:|---|" in text
    # Användning | Energibärare / transportslag | 2023 | 2024
    energy = "| Användning | Energibärare / transportslag | 2023 | 2024 |\n|---|---|---:|---:|"
    assert energy in text
    page = annex_html(annex)
    assert '<th class="num">Utfall 2024</th>\n<th>Utveckling</th>' in page


def test_the_groups_tie_to_the_reports_categories_and_total(
    annex: Annex, example: tuple[kk.ActivityTable, kk.EmissionsResult]
) -> None:
    from klimatkalk.report.tables import build_report_tables

    _, res = example
    report = build_report_tables(res, 2024, base_year=2019)
    by_year = report.by_year
    series = annex.group_series
    assert series is not None
    group = series.set_index(["group", "year"])["emissions_t_co2e"]
    for y in (2019, 2024):
        # example_groups.toml: energy use = the report's Energi + Köldmedier; purchases = the
        # report's Inköp + Medicinska gaser
        energy = by_year.loc[y, "energy"] + by_year.loc[y, "refrigerants"]
        purchases = by_year.loc[y, "purchases"] + by_year.loc[y, "medical_gases"]
        assert group[("energianvandning", y)] == pytest.approx(energy)
        assert group[("inkop", y)] == pytest.approx(purchases)
    totals = annex.group_totals
    assert totals is not None
    total = totals[totals["kind"] == "total"].set_index("year")["emissions_t_co2e"]
    assert total[2024] == pytest.approx(report.total_t, abs=1e-9)
    assert total[2019] == pytest.approx(report.base_total_t, abs=1e-9)
    outside = totals[totals["kind"] == "outside"]
    assert list(outside["key"].unique()) == ["transport"]  # the groups hold all but transport
    text = annex_markdown(annex)
    assert "gruppen räknar också kategorin Köldmedier" in text
    assert "gruppen räknar också kategorin Medicinska gaser" in text
    assert "målgruppsfilen example_groups.toml" in text
