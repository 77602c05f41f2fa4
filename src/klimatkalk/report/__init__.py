"""The yearly climate report (klimatredovisning): tables, charts and files.

:func:`write_report` writes the report of one year as Excel, HTML, Markdown and PNG charts;
:func:`build_report_tables` gives the same contents as pandas frames; :func:`neutralise` makes
text from user data safe for a spreadsheet cell. matplotlib, openpyxl and
jinja2 load only when a report is written.

Examples
--------
>>> import pandas as pd
>>> import klimatkalk as kk
>>> from klimatkalk.report import build_report_tables
>>> res = kk.calculate_emissions(pd.DataFrame({
...     "year": [2019, 2024], "activity": ["diesel", "diesel"],
...     "quantity": [1000, 1000], "unit": ["l", "l"]}),
...     kk.load_factors("tests/fixtures/factors_minimal"))
>>> build_report_tables(res, 2024).total_t  # 1000 l × 2.5 kg CO2e/l
2.5
"""

from __future__ import annotations

from klimatkalk.report._xlsx import neutralise
from klimatkalk.report.export import ReportFiles, write_report
from klimatkalk.report.tables import ReportError, ReportTables, build_report_tables

__all__ = [
    "ReportError",
    "ReportFiles",
    "ReportTables",
    "build_report_tables",
    "neutralise",
    "write_report",
]
