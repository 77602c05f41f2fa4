"""Reading activity data as analysts receive it, and writing the input template.

Public: :func:`read_activities`, :class:`ReadLimits`, the mapping of a source's own layout
(:class:`InputMapping`, :class:`SheetMapping`, :func:`load_mapping`), :func:`write_template` and
the bundled example region (:func:`load_example_activities`).

The modules behind them, from the file inwards: :mod:`~klimatkalk.io.csv_dialect` (encoding
and separator), :mod:`~klimatkalk.io.csv_reader` and :mod:`~klimatkalk.io.xlsx_reader` (with
:mod:`~klimatkalk.io.xlsx_safety`) turn a file into a :class:`~klimatkalk.io.grid.Grid` of
text cells; :mod:`~klimatkalk.io.layout` finds the header and the data rows;
:mod:`~klimatkalk.io.reading` makes the :class:`~klimatkalk.ActivityTable`. Mappings, the
template and the example region load on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from klimatkalk._lazy import lazy_exports
from klimatkalk.io.grid import ReadLimits
from klimatkalk.io.reading import read_activities

if TYPE_CHECKING:
    from klimatkalk.io.annex_inputs import load_example_annex_inputs, read_annex_inputs
    from klimatkalk.io.examples import load_example_activities
    from klimatkalk.io.mapping import InputMapping, SheetMapping, load_mapping
    from klimatkalk.io.template import write_template

__all__ = [
    "InputMapping",
    "ReadLimits",
    "SheetMapping",
    "load_example_activities",
    "load_example_annex_inputs",
    "load_mapping",
    "read_activities",
    "read_annex_inputs",
    "write_template",
]

__getattr__, __dir__ = lazy_exports(
    __name__,
    {
        "InputMapping": "klimatkalk.io.mapping",
        "SheetMapping": "klimatkalk.io.mapping",
        "load_mapping": "klimatkalk.io.mapping",
        "write_template": "klimatkalk.io.template",
        "load_example_activities": "klimatkalk.io.examples",
        "load_example_annex_inputs": "klimatkalk.io.annex_inputs",
        "read_annex_inputs": "klimatkalk.io.annex_inputs",
    },
    globals(),
)
