"""Emission factors: the data model, its files' loaders, compilation, GWP and editions' diff.

Public: :func:`load_factors` and :class:`FactorTable` (:mod:`~klimatkalk.factors.library`),
:class:`EmissionFactor`, :func:`diff_factors`.

The data files and their row models: :mod:`~klimatkalk.factors.tables` (shared row checks),
:mod:`~klimatkalk.factors.activities` (the catalogue), :mod:`~klimatkalk.factors.sources`,
:mod:`~klimatkalk.factors.gwp`, :mod:`~klimatkalk.factors.high_altitude` and
:mod:`~klimatkalk.factors.withdrawals`. :mod:`~klimatkalk.factors.library` loads them into a
:class:`FactorTable`; :mod:`~klimatkalk.factors.compile` turns one into the dense lookup table
the calculation uses; :mod:`~klimatkalk.factors.diff` compares two. Imports run one way:
row models → library → compile → diff.
"""

from __future__ import annotations

from klimatkalk.factors.diff import diff_factors
from klimatkalk.factors.library import BUNDLED, EmissionFactor, FactorTable, load_factors

__all__ = ["BUNDLED", "EmissionFactor", "FactorTable", "diff_factors", "load_factors"]
