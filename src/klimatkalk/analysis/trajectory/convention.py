"""Working backwards from a published "required reduction in year Y" to the path convention."""

from __future__ import annotations

from typing import NamedTuple

from klimatkalk.analysis.trajectory.arguments import as_finite, as_year
from klimatkalk.analysis.trajectory.shapes import Shape, Trajectory

__all__ = ["ConventionMatch", "infer_convention"]


class ConventionMatch(NamedTuple):
    """A trajectory convention that reproduces a published required reduction.

    Attributes
    ----------
    shape : {"linear", "constant_rate"}
        Path shape.
    start_year : int
        Year the path starts from (flat at the base value before).
    required_reduction : float
        The required reduction this convention gives in the year asked about.
    """

    shape: Shape
    start_year: int
    required_reduction: float


def infer_convention(
    base_year: int,
    target_year: int,
    reduction: float,
    year: int,
    published_required_reduction: float,
    *,
    tolerance: float = 0.01,
) -> list[ConventionMatch]:
    """Find the path conventions that reproduce a published "required reduction in year Y".

    Tries linear and constant-rate paths (start value = base value) with every start year from
    ``base_year`` to ``year - 1`` (and before ``target_year``) and keeps those whose
    :meth:`Trajectory.required_reduction` in ``year`` is within ``tolerance`` of the published
    figure.

    Parameters
    ----------
    base_year : int
        Base year of the goal.
    target_year : int
        Target year of the goal.
    reduction : float
        Target reduction (``0.5`` = −50 %).
    year : int
        Year the published figure refers to.
    published_required_reduction : float
        The published required reduction as a fraction (``0.16`` for 16 %).
    tolerance : float, default 0.01
        Largest accepted absolute difference (``0.01`` = 1 percentage point; a figure
        published in whole percent is only known to ±0.005).

    Returns
    -------
    list of ConventionMatch
        ``(shape, start_year, required_reduction)`` tuples, closest first.

    Raises
    ------
    ValueError
        If the published figure is not a fraction between 0 and 1 (e.g. ``16`` instead of
        ``0.16``), ``tolerance`` is negative, or the goal is invalid.

    Examples
    --------
    Region Västmanland: "the reduction in 2024 should have been 16 %" (base 2019, −50 % 2030).

    >>> for m in infer_convention(2019, 2030, 0.5, 2024, 0.16):
    ...     print(m.shape, m.start_year, round(m.required_reduction, 3))
    constant_rate 2022 0.159
    linear 2021 0.167
    """
    base_year = as_year("base_year", base_year)
    target_year = as_year("target_year", target_year)
    year = as_year("year", year)
    published = as_finite("published_required_reduction", published_required_reduction)
    if not 0.0 <= published <= 1.0:
        raise ValueError(
            "published_required_reduction must be a fraction between 0 and 1 "
            f"(0.16 for 16 %), got {published_required_reduction!r}"
        )
    tol = as_finite("tolerance", tolerance)
    if tol < 0.0:
        raise ValueError(f"tolerance must not be negative, got {tolerance!r}")
    factories = (Trajectory.linear, Trajectory.constant_rate)
    matches: list[ConventionMatch] = []
    for start in range(base_year, min(year, target_year)):
        for factory in factories:
            path = factory(base_year, target_year, reduction, start_year=start)
            required = path.required_reduction(year)
            if abs(required - published) <= tol:
                matches.append(ConventionMatch(path.shape, start, required))
    matches.sort(key=lambda m: abs(m.required_reduction - published))
    return matches
