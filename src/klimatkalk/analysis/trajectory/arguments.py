"""Argument checks shared by the trajectory modules: years, finite and positive numbers."""

from __future__ import annotations

import math

import numpy as np

__all__ = ["as_finite", "as_positive", "as_year"]


def as_year(name: str, value: object) -> int:
    """Return ``value`` as an ``int`` year or raise a ``ValueError`` naming the argument."""
    if isinstance(value, int | np.integer) and not isinstance(value, bool):
        return int(value)
    raise ValueError(f"{name} must be an integer year, got {value!r}")


def as_positive(name: str, value: object) -> float:
    """Return ``value`` as a finite positive ``float`` or raise a ``ValueError``."""
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a positive number, got {value!r}") from None
    if not math.isfinite(number) or number <= 0.0:
        raise ValueError(f"{name} must be a finite positive number, got {value!r}")
    return number


def as_finite(name: str, value: object) -> float:
    """Return ``value`` as a finite ``float`` or raise a ``ValueError``."""
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a number, got {value!r}") from None
    if not math.isfinite(number):
        raise ValueError(f"{name} must be a finite number, got {value!r}")
    return number
