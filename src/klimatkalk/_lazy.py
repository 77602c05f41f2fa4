"""Names that a package exports but loads on first use (pydantic's approach).

``import klimatkalk`` stays light: analysis, report and optional parts load when first used.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping

__all__ = ["lazy_exports"]


def lazy_exports(
    package: str, lazy: Mapping[str, str], eager: Mapping[str, object]
) -> tuple[Callable[[str], object], Callable[[], list[str]]]:
    """Return a module's ``__getattr__`` and ``__dir__`` for names loaded on first use.

    ``lazy`` maps each name to the module that defines it; ``eager`` is the module's globals.
    """

    def getattr_(name: str) -> object:
        module = lazy.get(name)
        if module is None:
            msg = f"module {package!r} has no attribute {name!r}"
            raise AttributeError(msg)
        return getattr(importlib.import_module(module), name)

    def dir_() -> list[str]:
        return sorted([*eager, *lazy])

    return getattr_, dir_
