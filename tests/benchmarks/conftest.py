"""Benchmark options and fixtures: sizes, ``--run-huge``, and the figures table.

The normal test run has ``--benchmark-disable`` in its addopts: each benchmark body then runs
once, as a smoke test. The 10^7-row cases are marked ``huge`` and run only with ``--run-huge``.
Time is never asserted; ratios to the baselines go to ``benchmark.extra_info`` and into a short
table at the end of the run (when benchmarks are enabled).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

import klimatkalk as kk

from ._data import Combos, combos, factors

SIZES = [
    pytest.param(1_000, id="1e3"),
    pytest.param(100_000, id="1e5"),
    pytest.param(1_000_000, id="1e6"),
    pytest.param(10_000_000, id="1e7", marks=pytest.mark.huge),
]


# --- command line --------------------------------------------------------------------------


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--run-huge",
        action="store_true",
        default=False,
        help="also run the 10^7-row benchmarks (marked 'huge')",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--run-huge"):
        return
    skip = pytest.mark.skip(reason="10^7-row benchmark: pass --run-huge to run it")
    for item in items:
        if "huge" in item.keywords:
            item.add_marker(skip)


# --- reporting -----------------------------------------------------------------------------

_SUMMARY: list[tuple[str, str, float | str]] = []


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    if not _SUMMARY:
        return
    terminalreporter.section("klimatkalk benchmark figures")
    for test, key, value in _SUMMARY:
        shown = f"{value:.4g}" if isinstance(value, float) else value
        terminalreporter.write_line(f"{test:<58} {key:<28} {shown}")


@pytest.fixture
def record(benchmark: Any, request: pytest.FixtureRequest) -> Callable[[str, Any], None]:
    """Store a figure in ``benchmark.extra_info`` and in the end-of-run summary table."""

    def put(key: str, value: Any) -> None:
        benchmark.extra_info[key] = value
        if benchmark.enabled or key.endswith("bytes_per_row"):
            _SUMMARY.append((request.node.name, key, value))

    return put


# --- fixtures ------------------------------------------------------------------------------


@pytest.fixture(params=SIZES)
def n_rows(request: pytest.FixtureRequest) -> int:
    return int(request.param)


@pytest.fixture(scope="session")
def factor_table() -> kk.FactorTable:
    return factors()


@pytest.fixture(scope="session")
def combo_table() -> Combos:
    return combos()
