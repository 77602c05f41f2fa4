"""klimatkalk.dask on a local distributed cluster: the in-memory results, partition by partition."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import klimatkalk as kk

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")
kkd = pytest.importorskip("klimatkalk.dask")

# (activity, unit) pairs of the fixture factors, and some that must be rejected.
PAIRS = [
    ("diesel", "l"),
    ("diesel", "m3"),
    ("electricity", "kWh"),
    ("electricity", "MWh"),
    ("flight_domestic", "mil"),
    ("nitrous_oxide", "kg"),
    ("livopan", "g"),
    ("purchase_food", "kSEK"),
    ("unobtainium", "kg"),  # unknown activity
    ("diesel", "kg"),  # unit of another kind
    ("diesel", "furlongs per fortnight"),  # unknown unit
]


@pytest.fixture(scope="module")
def client() -> Iterator[object]:
    """Three workers in this process: small and quick enough for every CI run."""
    with (
        distributed.LocalCluster(
            n_workers=3, threads_per_worker=1, processes=False, dashboard_address=":0"
        ) as cluster,
        distributed.Client(cluster) as connected,
    ):
        yield connected


@pytest.fixture(scope="module")
def activities() -> pd.DataFrame:
    rng = np.random.default_rng(15)
    n = 3_000
    pair = rng.integers(0, len(PAIRS), n)
    year = rng.integers(2018, 2025, n)  # 2018 has no factor in the fixture set
    quantity = np.round(10.0 ** rng.uniform(-1, 4, n), 2)
    return pd.DataFrame(
        {
            "year": year,
            "activity": [PAIRS[p][0] for p in pair],
            "quantity": quantity,
            "unit": [PAIRS[p][1] for p in pair],
            "org_unit": rng.choice(["Akutsjukhuset", "Länstrafiken", "Regionkontoret"], n),
        }
    )


def test_rows_rejected_and_totals_equal_the_in_memory_path(
    client: object, activities: pd.DataFrame, minimal_factors: kk.FactorTable
) -> None:
    expected = kk.calculate_emissions(activities, minimal_factors)
    assert len(expected.rejected) > 100  # the data exercises the rejection path

    result = kkd.calculate_emissions(dd.from_pandas(activities, npartitions=7), minimal_factors)
    rows, rejected = result.compute()

    rows = rows.sort_index()
    assert rows.index.tolist() == expected.rows.index.tolist()
    np.testing.assert_allclose(
        rows["emissions_kg_co2e"].to_numpy(),
        expected.rows["emissions_kg_co2e"].to_numpy(),
        rtol=1e-12,
    )
    for column in ("factor_id", "source_id", "category", "activity", "unit"):
        assert rows[column].astype(str).tolist() == expected.rows[column].astype(str).tolist()
    assert list(rows.columns) == list(expected.rows.columns)

    rejected = rejected.sort_values("row", ignore_index=True)
    assert rejected["row"].tolist() == expected.rejected["row"].tolist()
    assert rejected["reason"].tolist() == expected.rejected["reason"].tolist()
    assert rejected["message"].tolist() == expected.rejected["message"].tolist()

    for by in (["year", "activity"], ["year", "category"], ["org_unit"]):
        ours = result.totals(by).compute().sort_values(by, ignore_index=True)
        theirs = expected.totals(by).sort_values(by, ignore_index=True)
        assert (
            ours[by].astype(str).to_numpy().tolist() == theirs[by].astype(str).to_numpy().tolist()
        )
        np.testing.assert_allclose(
            ours["emissions_kg_co2e"].to_numpy(), theirs["emissions_kg_co2e"].to_numpy(), rtol=1e-12
        )
    assert result.total("t").compute() == pytest.approx(expected.total("t"), rel=1e-12)


def test_factor_table_is_one_key_of_the_graph(
    activities: pd.DataFrame, minimal_factors: kk.FactorTable
) -> None:
    """Broadcast once: one graph key holds the factor table and every partition's task uses it."""
    result = kkd.calculate_emissions(dd.from_pandas(activities, npartitions=12), minimal_factors)
    graph = dict(result.rows.__dask_graph__())
    shared = [k for k in graph if str(k).startswith("_Shared-")]
    tasks = [v for k, v in graph.items() if str(k).startswith("_partition_task-")]
    assert len(shared) == 1
    assert len(tasks) == 12
    assert all(shared[0] in task.dependencies for task in tasks)


def test_csv_files_cleaned_per_partition(
    client: object, tmp_path: Path, minimal_factors: kk.FactorTable
) -> None:
    """Swedish headers, labels and numbers in two files: cleaned as from_frame cleans a file."""
    texts = {
        "a.csv": "år;aktivitet;mängd;enhet\n2024;Diesel;1 234,5;l\n2024; Lustgas ;2;kg\n",
        "b.csv": "år;aktivitet;mängd;enhet\n2023;diesel;10;m3\n2023;electricity;12 kr;kWh\n",
    }
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = kkd.calculate_emissions(
        kkd.read_csv([tmp_path / "a.csv", tmp_path / "b.csv"], sep=";"), minimal_factors
    )
    rows, rejected = result.compute()
    # Fixture factors: diesel 2.5 kg/l in 2023–2024, N2O 1 kg/kg × 265 (AR5).
    assert sorted(rows["emissions_kg_co2e"].tolist()) == [2 * 265.0, 1234.5 * 2.5, 10_000 * 2.5]
    assert rejected["reason"].tolist() == ["not_a_number"]
    assert rejected["value"].tolist() == ["12 kr"]
    assert rejected["origin_file"].astype(str).str.endswith("b.csv").tolist() == [True]
    assert rejected["row"].tolist() == [1]  # the file's second data row


# Dask's Parquet engine (2026.8) calls set_index/reset_index(inplace=True), which pandas 3.1
# deprecates; the warning is Dask's, not klimatkalk's.
@pytest.mark.filterwarnings("ignore:The inplace keyword:pandas.errors.Pandas4Warning")
def test_parquet_by_year_round_trip(
    client: object, tmp_path: Path, activities: pd.DataFrame, minimal_factors: kk.FactorTable
) -> None:
    """Rows written partitioned by year, read back and recalculated: the same totals."""
    source = tmp_path / "activities"
    dd.from_pandas(activities, npartitions=3).to_parquet(source, write_index=False)
    result = kkd.calculate_emissions(kkd.read_parquet(source), minimal_factors)
    out = tmp_path / "rows"
    kkd.write_parquet(result, out)
    assert sorted(p.name for p in out.iterdir() if p.is_dir()) == [
        f"year={y}" for y in range(2019, 2025)
    ]
    written = pd.read_parquet(out)
    expected = kk.calculate_emissions(activities, minimal_factors)
    assert len(written) == len(expected.rows)
    assert written["emissions_kg_co2e"].sum() == pytest.approx(expected.total(), rel=1e-12)
    assert written["row"].nunique() < len(written)  # each source file's own row numbers


def test_factor_lookup_survives_pickling(minimal_factors: kk.FactorTable) -> None:
    """A process cluster ships the lookup pickled: it calculates the same after the trip."""
    import pickle

    from klimatkalk.chunk import calculate_chunk, factor_lookup

    lookup = factor_lookup(minimal_factors)
    table = kk.ActivityTable.from_frame(
        pd.DataFrame({"year": [2024], "activity": ["diesel"], "quantity": [4.0], "unit": ["l"]})
    )
    again = pickle.loads(pickle.dumps(lookup))
    assert calculate_chunk(table, again).emissions.tolist() == [4 * 2.5]


def test_import_klimatkalk_does_not_import_dask() -> None:
    import subprocess
    import sys

    code = "import sys, klimatkalk; print(sorted(m for m in sys.modules if m.startswith('dask')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_totals_with_later_years_on_an_earlier_factor(
    client: object, activities: pd.DataFrame, minimal_factors: kk.FactorTable
) -> None:
    """fallback='previous': 2026 rows take 2024's factor and are still totalled as 2026."""
    later = activities.assign(year=activities["year"].where(activities["year"] != 2018, 2026))
    expected = kk.calculate_emissions(later, minimal_factors, fallback="previous")
    result = kkd.calculate_emissions(
        dd.from_pandas(later, npartitions=5), minimal_factors, fallback="previous"
    )
    ours = result.totals(["year", "activity"]).compute()
    ours = ours.sort_values(["year", "activity"], ignore_index=True)
    theirs = expected.totals(["year", "activity"])
    assert 2026 in ours["year"].tolist()
    assert ours["year"].tolist() == theirs["year"].tolist()
    np.testing.assert_allclose(
        ours["emissions_kg_co2e"].to_numpy(), theirs["emissions_kg_co2e"].to_numpy(), rtol=1e-12
    )
