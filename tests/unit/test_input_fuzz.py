"""Fuzzing the readers: whatever the bytes, read_activities returns a table whose rows add up,
or raises a typed KlimatkalkError; never another exception."""

from __future__ import annotations

import random
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import klimatkalk as kk

INPUT = Path(__file__).parents[1] / "fixtures" / "input"
FUZZ = settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def read(path: Path, **options: object) -> kk.ActivityTable | None:
    """Read, allowing only typed errors; check the row accounting of what was read."""
    try:
        acts = kk.read_activities(path, **options)  # type: ignore[arg-type]
    except kk.KlimatkalkError:
        return None
    inputs = acts.inputs
    assert (inputs["rows"] + inputs["skipped"] == inputs["data_rows"]).all()
    assert len(acts) == int(inputs["rows"].sum())
    assert len(acts.skipped) == int(inputs["skipped"].sum())
    assert acts.frame["origin_row"].min() > inputs["header_row"].min()
    if len(acts.problems):
        assert acts.problems["row"].between(0, len(acts) - 1).all()
    return acts


@FUZZ
@given(data=st.binary(max_size=3000), suffix=st.sampled_from([".csv", ".txt", ".xlsx"]))
def test_random_bytes(folder: Path, data: bytes, suffix: str) -> None:
    path = folder / f"random{suffix}"
    path.write_bytes(data)
    read(path)


WORDS = [
    "2024",
    "2019",
    "diesel",
    "electricity",
    "1 234,5",
    "1,5",
    "1,234",
    "12.5",
    "-3",
    "l",
    "kWh",
    "mil",
    "ton",
    "",
    " ",
    "Summa",
    "Totalt",
    "Delsumma",
    "år",
    "aktivitet",
    "mängd",
    "enhet",
    "Mängd (liter)",
    "verksamhet",
    '"',
    '""',
    '"a;b"',
    "x,y",
    "ä",
    "#DIV/0!",
    "=SUM(A1)",
]
cells = st.one_of(
    st.sampled_from(WORDS),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=6),
)
years = st.sampled_from(["2024", "2019", "", "Summa", "20 24", "år"])
activities = st.sampled_from(["diesel", "electricity", "", "Totalt", "Delsumma", "aktivitet"])
numbers = st.one_of(
    st.sampled_from(["1 234,5", "1,5", "1,234", "", "x", "−3", "0", "#N/A", "mängd"]),
    st.decimals(-1e6, 1e9, places=2, allow_nan=False).map(str),
)
units = st.sampled_from(["l", "kWh", "mil", "ton", "", "enhet", "m3"])
row_like = st.tuples(years, activities, numbers, units).map(list)
rows = st.lists(st.one_of(row_like, row_like, st.lists(cells, max_size=7)), max_size=12)


@FUZZ
@given(
    header=st.sampled_from(["", "år aktivitet mängd enhet", "year activity quantity unit"]),
    body=rows,
    delimiter=st.sampled_from([";", ",", "\t"]),
    newline=st.sampled_from(["\n", "\r\n", "\r"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]),
)
def test_random_csv_text(
    folder: Path, header: str, body: list[list[str]], delimiter: str, newline: str, encoding: str
) -> None:
    lines = [delimiter.join(header.split())] if header else []
    lines += [delimiter.join(row) for row in body]
    path = folder / "random.csv"
    path.write_bytes(newline.join(lines).encode(encoding, errors="replace"))
    read(path)
    read(path, decimal=",")


grid_rows = st.one_of(
    row_like,
    st.tuples(st.integers(2018, 2026), activities, st.floats(-10, 1e6), units).map(list),
    st.lists(
        st.one_of(
            st.none(),
            st.sampled_from(WORDS),
            st.integers(-10, 3000),
            st.floats(allow_nan=False, allow_infinity=False, width=32),
            st.booleans(),
        ),
        max_size=6,
    ),
)


@settings(FUZZ, max_examples=40)
@given(
    body=st.lists(grid_rows, max_size=10),
    header=st.booleans(),
    mapping=st.sampled_from([None, {"year": 2024}, {"unit": "l", "skip_totals": False}]),
)
def test_random_worksheets(
    folder: Path, body: list[list[object]], header: bool, mapping: dict[str, object] | None
) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    if header:
        sheet.append(["År", "Aktivitet", "Mängd", "Enhet"])
    for row in body:
        sheet.append(row)
    path = folder / "random.xlsx"
    book.save(path)
    read(path, mapping=mapping)


@settings(FUZZ, max_examples=60)
@given(seed=st.integers(0, 2**32 - 1), flips=st.integers(1, 8), cut=st.booleans())
def test_damaged_workbooks(folder: Path, seed: int, flips: int, cut: bool) -> None:
    rng = random.Random(seed)
    data = bytearray(
        (INPUT / rng.choice(["travel_totals_row.xlsx", "two_sheets.xlsx"])).read_bytes()
    )
    for _ in range(flips):
        data[rng.randrange(len(data))] = rng.randrange(256)
    if cut:
        data = data[: rng.randrange(len(data))]
    path = folder / "damaged.xlsx"
    path.write_bytes(bytes(data))
    read(path)
