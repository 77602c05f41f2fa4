"""Reduction trajectories ("målbanor") and the "are we on track?" verdict.

Swedish regions and municipalities typically have a goal such as *−50 % by 2030 against base
year 2019* and report each year whether they are "i linje med målet". Whether a given year is on
track depends entirely on the *shape* of the path assumed between the base year and the target
year, and on the year the path *starts*. Reports seldom state either, so the same figures give
different verdicts. This module makes the convention explicit:

* :meth:`Trajectory.linear` — equal absolute steps ("jämn takt" read as a straight line);
* :meth:`Trajectory.constant_rate` — equal percentage steps (geometric path);
* :meth:`Trajectory.budget` — an exponential path that spends a cumulative carbon budget
  (Klimatkollen's "Paris path" until 2025);
* :meth:`Trajectory.fixed_rate` — a fixed annual cut from the latest reported year with no
  target year (the "Carbon Law", 11.72 %/yr, that Klimatkollen uses since 2025).

Every verdict (:class:`TrajectoryStatus`) carries the convention as text, so a report can print
it next to the number. :func:`infer_convention` works backwards from a published "required
reduction in year Y" to the conventions that reproduce it.

Notation used in the docstrings: base year :math:`b` with base value :math:`E_0`, start year
:math:`s` with start value :math:`E_s` (defaults :math:`s = b`, :math:`E_s = E_0`), target year
:math:`T` and target reduction :math:`R`, so the target value is :math:`E_T = E_0 (1 - R)`.
Before the start year every path is flat at :math:`E_0`; after the target year the linear and
constant-rate paths stay flat at :math:`E_T`.

References
----------
.. [1] WRI/WBCSD, *The Greenhouse Gas Protocol: A Corporate Accounting and Reporting Standard*,
   revised edition (2004), ch. 5 "Tracking Emissions Over Time" and ch. 11 "Setting a GHG
   Target".
.. [2] Science Based Targets initiative, *Foundations of Science-based Target Setting* (2019):
   absolute contraction approach, a linear reduction of a fixed share of base-year emissions
   per year (4.2 %/yr for 1.5 °C).
.. [3] Klimatbyrån, Klimatkollen, ``data/issues/emissions/emission_data_calculations.py``
   (https://github.com/Klimatbyran/klimatkollen): carbon budget and exponential Paris path.
.. [4] Klimatbyrån, municipality-data-pipeline, ``kpis/emissions/carbon_law_calculations.py``
   and README (https://github.com/Klimatbyran/municipality-data-pipeline):
   ``CARBON_LAW_REDUCTION_RATE = 0.1172`` applied yearly from the current year to 2050;
   Klimatkollen, "Carbon Law – a new method for comparing municipalities' climate
   emissions" (2025-09-02).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal, get_args

import numpy as np
import numpy.typing as npt
import pandas as pd

from klimatkalk.analysis.trajectory.arguments import as_finite, as_positive, as_year
from klimatkalk.analysis.trajectory.status import TrajectoryStatus, fmt_num, fmt_pct

__all__ = ["CARBON_LAW_RATE", "Shape", "Trajectory"]

Shape = Literal["linear", "constant_rate", "budget", "fixed_rate"]
"""The shape of a trajectory."""

_SHAPES: tuple[str, ...] = get_args(Shape)

CARBON_LAW_RATE = 0.1172
"""Klimatkollen's Carbon Law cut per year since 2025 (``CARBON_LAW_REDUCTION_RATE``, [4]_)."""

FloatArray = npt.NDArray[np.float64]


# --------------------------------------------------------------------------------------------
# the trajectory
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Trajectory:
    r"""An emission reduction path from a base year towards a target or within a budget.

    Build one with :meth:`linear`, :meth:`constant_rate` or :meth:`budget`; constructing the
    dataclass directly is possible and validated the same way.

    Attributes
    ----------
    shape : {"linear", "constant_rate", "budget", "fixed_rate"}
        Path shape.
    base_year : int
        Base year :math:`b`; the target reduction is counted against its emissions.
    base_value : float
        Base-year emissions :math:`E_0` (e.g. t CO2e); ``1.0`` makes values fractions of base.
    start_year : int
        Year :math:`s \ge b` the path starts from. Before it the path is flat at ``base_value``.
    start_value : float
        Emissions :math:`E_s` at the start year.
    target_year : int or None
        Target year :math:`T > s` (``None`` for budget paths).
    target_reduction : float or None
        Target reduction :math:`R` against the base value, ``0 < R < 1`` (``0.5`` = −50 %);
        ``None`` for budget paths.
    carbon_budget : float or None
        Cumulative budget :math:`B` from the start year on, same unit as the values times one
        year (budget paths only). Named ``carbon_budget`` rather than ``budget`` because
        :meth:`budget` is the factory.
    fixed_annual_rate : float or None
        Fixed annual cut :math:`r` of a ``fixed_rate`` path (``0.1172`` = 11.72 %/yr).

    Notes
    -----
    With :math:`E_T = E_0 (1 - R)` and :math:`E(t) = E_0` for :math:`t < s`:

    * linear: :math:`E(t) = E_s + (E_T - E_s)\,\frac{t - s}{T - s}` for
      :math:`s \le t \le T`, and :math:`E_T` after :math:`T`;
    * constant rate: :math:`E(t) = E_s (E_T / E_s)^{(t - s)/(T - s)}` for :math:`s \le t \le T`,
      and :math:`E_T` after; the annual cut is :math:`1 - (E_T / E_s)^{1/(T - s)}`;
    * budget: :math:`E(t) = E_s \exp(-(E_s / B)(t - s))` for :math:`t \ge s`, whose integral
      from :math:`s` to infinity is :math:`B`; the annual cut is :math:`1 - \exp(-E_s / B)`;
    * fixed rate: :math:`E(t) = E_s (1 - r)^{t - s}` for :math:`t \ge s`, with no target year.

    Examples
    --------
    >>> path = Trajectory.linear(2019, 2030, 0.5)
    >>> round(path.value(2024), 5)
    0.77273
    >>> round(path.required_reduction(2024), 3)
    0.227
    >>> path.describe()
    'Linjär minskning från 2019 till −50 % år 2030 (start 2019)'
    """

    shape: Shape
    base_year: int
    base_value: float
    start_year: int
    start_value: float
    target_year: int | None = None
    target_reduction: float | None = None
    carbon_budget: float | None = None
    fixed_annual_rate: float | None = None

    # ---------------------------------------------------------------- validation

    def __post_init__(self) -> None:
        if self.shape not in _SHAPES:
            raise ValueError(f"shape must be one of {_SHAPES}, got {self.shape!r}")
        base_year = as_year("base_year", self.base_year)
        base_value = as_positive("base_value", self.base_value)
        start_year = as_year("start_year", self.start_year)
        start_value = as_positive("start_value", self.start_value)
        if start_year < base_year:
            raise ValueError(
                f"start_year ({start_year}) must not be before base_year ({base_year})"
            )
        normalised: dict[str, object] = {
            "base_year": base_year,
            "base_value": base_value,
            "start_year": start_year,
            "start_value": start_value,
        }
        if self.shape != "fixed_rate" and self.fixed_annual_rate is not None:
            raise ValueError(f"a {self.shape} trajectory has no fixed_annual_rate")
        if self.shape in ("budget", "fixed_rate"):
            if self.target_year is not None or self.target_reduction is not None:
                raise ValueError(f"a {self.shape} trajectory has no target_year or reduction")
        if self.shape == "fixed_rate":
            if self.carbon_budget is not None:
                raise ValueError("a fixed_rate trajectory has no carbon budget")
            rate = as_finite("rate", self.fixed_annual_rate)
            if not 0.0 < rate < 1.0:
                raise ValueError(
                    "rate must be a fraction strictly between 0 and 1 (0.1172 means "
                    f"−11.72 % a year), got {self.fixed_annual_rate!r}"
                )
            normalised["fixed_annual_rate"] = rate
        elif self.shape == "budget":
            normalised["carbon_budget"] = as_positive("budget", self.carbon_budget)
        else:
            if self.carbon_budget is not None:
                raise ValueError(f"a {self.shape} trajectory has no carbon budget")
            target_year = as_year("target_year", self.target_year)
            if target_year <= start_year:
                raise ValueError(
                    f"target_year ({target_year}) must be after start_year ({start_year})"
                )
            reduction = as_finite("reduction", self.target_reduction)
            if not 0.0 < reduction < 1.0:
                raise ValueError(
                    "reduction must be a fraction strictly between 0 and 1 "
                    f"(0.5 means −50 %), got {self.target_reduction!r}"
                )
            target_value = base_value * (1.0 - reduction)
            if start_value <= target_value:
                raise ValueError(
                    f"start_value ({start_value}) must be above the target value "
                    f"base_value·(1 − reduction) = {target_value}; the path would not reduce"
                )
            normalised["target_year"] = target_year
            normalised["target_reduction"] = reduction
        for name, value in normalised.items():  # store plain ints/floats (e.g. from numpy)
            object.__setattr__(self, name, value)

    # ---------------------------------------------------------------- factories

    @classmethod
    def linear(
        cls,
        base_year: int = 2019,
        target_year: int = 2030,
        reduction: float = 0.5,
        *,
        base_value: float = 1.0,
        start_year: int | None = None,
        start_value: float | None = None,
    ) -> Trajectory:
        r"""Equal absolute steps from the start value to the target value.

        .. math:: E(t) = E_s + (E_0 (1 - R) - E_s)\,\frac{t - s}{T - s}, \quad s \le t \le T

        This is the common reading of "i jämn takt" and, started at the base year, SBTi's
        absolute contraction approach [2]_.

        Parameters
        ----------
        base_year : int, default 2019
            Base year; the reduction is counted against its emissions.
        target_year : int, default 2030
            Year the target value is reached.
        reduction : float, default 0.5
            Target reduction against the base value (``0.5`` = −50 %).
        base_value : float, default 1.0
            Base-year emissions; with ``1.0`` values are fractions of the base.
        start_year : int, optional
            Year the path starts from; defaults to ``base_year``. The path is flat at
            ``base_value`` before it.
        start_value : float, optional
            Emissions at the start year; defaults to ``base_value``.

        Returns
        -------
        Trajectory

        Raises
        ------
        ValueError
            Unless ``target_year > start_year >= base_year``, ``0 < reduction < 1``, values
            are positive and ``start_value`` is above the target value.

        References
        ----------
        .. [2] SBTi, *Foundations of Science-based Target Setting* (2019), absolute
           contraction approach.

        Examples
        --------
        >>> path = Trajectory.linear(2019, 2030, 0.5)
        >>> round(path.value(2024), 5)  # 1 − 0.5·5/11
        0.77273
        >>> late = Trajectory.linear(2019, 2030, 0.5, start_year=2021)
        >>> round(late.required_reduction(2024), 4)  # 0.5·3/9
        0.1667
        """
        return cls(
            shape="linear",
            base_year=base_year,
            base_value=base_value,
            start_year=base_year if start_year is None else start_year,
            start_value=base_value if start_value is None else start_value,
            target_year=target_year,
            target_reduction=reduction,
        )

    @classmethod
    def constant_rate(
        cls,
        base_year: int = 2019,
        target_year: int = 2030,
        reduction: float = 0.5,
        *,
        base_value: float = 1.0,
        start_year: int | None = None,
        start_value: float | None = None,
    ) -> Trajectory:
        r"""Equal percentage steps (a geometric path) from the start value to the target value.

        .. math:: E(t) = E_s \left(\frac{E_0 (1 - R)}{E_s}\right)^{(t - s)/(T - s)},
           \quad s \le t \le T

        with the constant annual cut :math:`1 - (E_0 (1 - R) / E_s)^{1/(T - s)}`.

        Parameters
        ----------
        base_year : int, default 2019
            Base year; the reduction is counted against its emissions.
        target_year : int, default 2030
            Year the target value is reached.
        reduction : float, default 0.5
            Target reduction against the base value (``0.5`` = −50 %).
        base_value : float, default 1.0
            Base-year emissions; with ``1.0`` values are fractions of the base.
        start_year : int, optional
            Year the path starts from; defaults to ``base_year``. The path is flat at
            ``base_value`` before it.
        start_value : float, optional
            Emissions at the start year; defaults to ``base_value``.

        Returns
        -------
        Trajectory

        Raises
        ------
        ValueError
            Unless ``target_year > start_year >= base_year``, ``0 < reduction < 1``, values
            are positive and ``start_value`` is above the target value.

        Examples
        --------
        >>> path = Trajectory.constant_rate(2019, 2030, 0.5)
        >>> round(path.value(2024), 5)  # 0.5**(5/11)
        0.72974
        >>> round(path.annual_rate, 4)  # 1 − 0.5**(1/11)
        0.0611
        >>> late = Trajectory.constant_rate(2019, 2030, 0.5, start_year=2022)
        >>> round(late.required_reduction(2024), 4)  # 1 − 0.5**(2/8)
        0.1591
        """
        return cls(
            shape="constant_rate",
            base_year=base_year,
            base_value=base_value,
            start_year=base_year if start_year is None else start_year,
            start_value=base_value if start_value is None else start_value,
            target_year=target_year,
            target_reduction=reduction,
        )

    @classmethod
    def budget(
        cls,
        *,
        base_year: int,
        base_value: float,
        budget: float,
        start_year: int | None = None,
        start_value: float | None = None,
    ) -> Trajectory:
        r"""Build an exponential path that spends a carbon budget (Klimatkollen's convention).

        .. math:: E(t) = E_s \exp\!\left(-\frac{E_s}{B}(t - s)\right), \quad t \ge s,
           \qquad \int_s^\infty E(t)\,dt = B

        The annual cut is constant, :math:`1 - \exp(-E_s / B)`. There is no target year: the
        path approaches zero and its integral equals the budget. Klimatkollen [3]_ uses this
        path with a municipal budget (national budget × grandfathered share of past emissions)
        and starts it at the current year and level.

        Parameters
        ----------
        base_year : int
            Base year (used for :meth:`required_reduction` and before the start year).
        base_value : float
            Base-year emissions.
        budget : float
            Cumulative budget :math:`B` from ``start_year`` on, in the unit of the values times
            one year (e.g. t CO2e when values are t CO2e per year).
        start_year : int, optional
            Year the budget applies from; defaults to ``base_year``.
        start_value : float, optional
            Emissions at the start year; defaults to ``base_value``.

        Returns
        -------
        Trajectory

        Raises
        ------
        ValueError
            Unless ``start_year >= base_year`` and values and budget are positive.

        References
        ----------
        .. [3] Klimatbyrån, Klimatkollen, ``data/issues/emissions/emission_data_calculations.py``,
           ``calculate_paris_path``.

        Examples
        --------
        >>> path = Trajectory.budget(base_year=2024, base_value=100.0, budget=1000.0)
        >>> round(path.annual_rate, 4)  # 1 − exp(−100/1000)
        0.0952
        >>> round(path.value(2025), 2)  # 100·exp(−0.1)
        90.48
        >>> round(path.cumulative(2100), 1)  # 1000·(1 − exp(−7.6))
        999.5
        """
        return cls(
            shape="budget",
            base_year=base_year,
            base_value=base_value,
            start_year=base_year if start_year is None else start_year,
            start_value=base_value if start_value is None else start_value,
            carbon_budget=budget,
        )

    @classmethod
    def fixed_rate(
        cls,
        start_year: int,
        start_value: float,
        rate: float = CARBON_LAW_RATE,
        *,
        base_year: int | None = None,
        base_value: float | None = None,
    ) -> Trajectory:
        r"""Build a path with a fixed annual cut from the latest reported year ("Carbon Law").

        .. math:: E(t) = E_s (1 - r)^{t - s}, \quad t \ge s

        There is no target year: the path halves about every five years at the default rate.
        Klimatkollen [4]_ compares Swedish municipalities with this path since 2025, with
        :math:`r = 11.72\,\%` (``CARBON_LAW_REDUCTION_RATE``) from the current year's level to
        2050; before that it used :meth:`budget` paths.

        Parameters
        ----------
        start_year : int
            Year the path starts from, usually the latest reported year.
        start_value : float
            Emissions at the start year.
        rate : float, default 0.1172
            Annual cut as a fraction, ``0 < rate < 1``.
        base_year : int, optional
            Base year (for :meth:`required_reduction`); defaults to ``start_year``.
        base_value : float, optional
            Base-year emissions; defaults to ``start_value``.

        Returns
        -------
        Trajectory

        Raises
        ------
        ValueError
            Unless ``start_year >= base_year``, values are positive and ``0 < rate < 1``.

        References
        ----------
        .. [4] Klimatbyrån, municipality-data-pipeline, ``carbon_law_calculations.py``.

        Examples
        --------
        >>> path = Trajectory.fixed_rate(2025, 100.0)
        >>> round(path.value(2026), 2), round(path.value(2030), 2)  # 100·0.8828, 100·0.8828**5
        (88.28, 53.62)
        >>> path.describe()
        'Fast årlig minskning 11,7 %/år från 2025 (Carbon Law), utan målår (basår 2025, start 2025)'
        """
        return cls(
            shape="fixed_rate",
            base_year=start_year if base_year is None else base_year,
            base_value=start_value if base_value is None else base_value,
            start_year=start_year,
            start_value=start_value,
            fixed_annual_rate=rate,
        )

    # ---------------------------------------------------------------- derived quantities

    @property
    def target_value(self) -> float | None:
        """Target-year value ``base_value * (1 - target_reduction)``; ``None`` for budgets."""
        if self.target_reduction is None:
            return None
        return self.base_value * (1.0 - self.target_reduction)

    @property
    def annual_rate(self) -> float | None:
        r"""Constant annual percentage cut of the path, or ``None`` for a linear path.

        Constant rate: :math:`1 - (E_T / E_s)^{1/(T - s)}`; budget: :math:`1 - \exp(-E_s / B)`.

        Examples
        --------
        >>> path = Trajectory.constant_rate(2019, 2030, 0.5, start_year=2022)
        >>> round(path.annual_rate, 4)  # 1 − 0.5**(1/8)
        0.083
        >>> Trajectory.linear().annual_rate is None
        True
        """
        if self.shape == "constant_rate":
            return 1.0 - float((self._target() / self.start_value) ** (1.0 / self._span()))
        if self.shape == "budget":
            return -math.expm1(-self._decay())
        if self.shape == "fixed_rate":
            return self.fixed_annual_rate
        return None

    @property
    def annual_step(self) -> float | None:
        """Absolute reduction per year of a linear path, or ``None`` for the other shapes.

        Examples
        --------
        >>> round(Trajectory.linear(2019, 2030, 0.5).annual_step, 5)  # 0.5/11
        0.04545
        """
        if self.shape != "linear":
            return None
        return (self.start_value - self._target()) / self._span()

    def _target(self) -> float:
        value = self.target_value
        assert value is not None
        return value

    def _span(self) -> int:
        assert self.target_year is not None
        return self.target_year - self.start_year

    def _decay(self) -> float:
        """Return the continuous decay constant (per year) of a budget or fixed-rate path."""
        if self.shape == "fixed_rate":
            assert self.fixed_annual_rate is not None
            return -math.log1p(-self.fixed_annual_rate)
        assert self.carbon_budget is not None
        return self.start_value / self.carbon_budget

    # ---------------------------------------------------------------- values

    def _path(self, years: FloatArray) -> FloatArray:
        """Vectorised path values for an array of (possibly fractional) years."""
        elapsed = years - self.start_year
        if self.shape in ("budget", "fixed_rate"):
            on_path = self.start_value * np.exp(-self._decay() * np.maximum(elapsed, 0.0))
        else:
            target = self._target()
            progress = np.clip(elapsed / self._span(), 0.0, 1.0)
            if self.shape == "linear":
                on_path = self.start_value + (target - self.start_value) * progress
            else:
                on_path = self.start_value * (target / self.start_value) ** progress
            on_path = np.where(progress >= 1.0, target, on_path)
        result: FloatArray = np.where(years < self.start_year, self.base_value, on_path)
        return result

    def value(self, year: float) -> float:
        """Return the path value in ``year`` (fractional years interpolate along the path).

        Parameters
        ----------
        year : int or float
            Year.

        Returns
        -------
        float
            Emissions on the path, same unit as ``base_value``.

        Examples
        --------
        >>> path = Trajectory.linear(2019, 2030, 0.5, start_year=2021)
        >>> path.value(2020), round(path.value(2024), 4), path.value(2030), path.value(2035)
        (1.0, 0.8333, 0.5, 0.5)
        """
        return float(self._path(np.asarray([as_finite("year", year)], dtype=np.float64))[0])

    def values(self, years: Iterable[int]) -> pd.Series[float]:
        """Return path values for several years as a Series.

        Parameters
        ----------
        years : iterable of int
            Years.

        Returns
        -------
        pandas.Series
            Float values named ``"path_t_co2e"``, indexed by ``year``.

        Examples
        --------
        >>> Trajectory.linear(2019, 2030, 0.5).values(range(2019, 2031, 5)).round(4)
        year
        2019    1.0000
        2024    0.7727
        2029    0.5455
        Name: path_t_co2e, dtype: float64
        """
        index = np.asarray([as_year("year", y) for y in years], dtype=np.int64)
        data = self._path(index.astype(np.float64))
        return pd.Series(data, index=pd.Index(index, name="year"), name="path_t_co2e")

    def required_reduction(self, year: float) -> float:
        """Return the cumulative reduction against the base value that the path requires.

        ``1 - value(year) / base_value``.

        Parameters
        ----------
        year : int or float
            Year.

        Returns
        -------
        float
            Fraction, e.g. ``0.227`` for a 22.7 % reduction.

        Examples
        --------
        >>> round(Trajectory.constant_rate(2019, 2030, 0.5).required_reduction(2024), 3)
        0.27
        """
        return 1.0 - self.value(year) / self.base_value

    def cumulative(self, until_year: float) -> float:
        r"""Return the emissions along the path from the start year to ``until_year``.

        The continuous integral :math:`\int_s^{u} E(t)\,dt` (zero for :math:`u \le s`). For a
        budget path this is :math:`B (1 - \exp(-(E_s / B)(u - s)))`, which tends to :math:`B`.

        Parameters
        ----------
        until_year : int or float
            Upper limit :math:`u` of the integral, as a point in time (``2030`` is the start
            of 2030).

        Returns
        -------
        float
            Emissions, in the unit of the values times one year.

        Notes
        -----
        Summing the path's annual values instead of integrating gives more: for the budget
        path, :math:`\sum_{n \ge 0} E_s e^{-kn} = E_s / (1 - e^{-k}) \approx B + E_s / 2`.
        Klimatkollen [3]_ defines the path by the integral, as here, and consumes the budget
        with annual sums of actual emissions (see :meth:`budget_remaining`).

        References
        ----------
        .. [3] Klimatbyrån, Klimatkollen, ``data/issues/emissions/emission_data_calculations.py``.

        Examples
        --------
        >>> path = Trajectory.linear(2019, 2030, 0.5)
        >>> round(path.cumulative(2030), 2)  # (1 + 0.5)/2 · 11
        8.25
        """
        u = as_finite("until_year", until_year)
        elapsed = u - self.start_year
        if elapsed <= 0.0:
            return 0.0
        es = self.start_value
        if self.shape == "budget":
            assert self.carbon_budget is not None
            return -self.carbon_budget * math.expm1(-self._decay() * elapsed)
        if self.shape == "fixed_rate":
            k = self._decay()
            return -es * math.expm1(-k * elapsed) / k
        span, target = self._span(), self._target()
        within = min(elapsed, float(span))
        after = max(elapsed - span, 0.0)
        if self.shape == "linear":
            slope = (target - es) / span
            area = es * within + slope * within**2 / 2.0
        else:
            k = -math.log(target / es) / span
            area = -es * math.expm1(-k * within) / k
        return area + target * after

    # ---------------------------------------------------------------- budgets

    def _require_budget(self, method: str) -> float:
        if self.carbon_budget is None:
            raise ValueError(f"{method} is only defined for budget trajectories")
        return self.carbon_budget

    def budget_remaining(self, actuals: Mapping[int, float]) -> float:
        r"""Return the budget left after the actual emissions of the years given.

        :math:`B - \sum_{y \ge s} A_y`: every year from the start year on consumes its annual
        emissions (Klimatkollen's convention [3]_); years before the start year are ignored.
        The result is negative when the budget is overspent.

        Parameters
        ----------
        actuals : mapping of int to float
            Actual annual emissions by year.

        Returns
        -------
        float
            Remaining budget.

        Raises
        ------
        ValueError
            If the trajectory is not a budget path or a value is not finite.

        References
        ----------
        .. [3] Klimatbyrån, Klimatkollen, ``data/issues/emissions/emission_data_calculations.py``,
           ``calculate_municipality_budgets``.

        Examples
        --------
        >>> path = Trajectory.budget(base_year=2024, base_value=100.0, budget=1000.0)
        >>> path.budget_remaining({2023: 120.0, 2024: 100.0, 2025: 95.0})
        805.0
        """
        budget = self._require_budget("budget_remaining")
        spent = sum(
            as_finite(f"actuals[{year}]", value)
            for year, value in actuals.items()
            if as_year("actuals year", year) >= self.start_year
        )
        return budget - spent

    def years_until_budget_exhausted(self, actuals: Mapping[int, float]) -> float:
        """Return how many years the remaining budget lasts if emissions stay at the latest level.

        ``budget_remaining(actuals) / actuals[latest year]``, counted from the end of the
        latest year given (or from the start year if that is later). A deliberately simple
        rule: it assumes no further reductions. ``0.0`` when the budget is spent, ``inf``
        when the latest emissions are zero or negative.

        Parameters
        ----------
        actuals : mapping of int to float
            Actual annual emissions by year (at least one).

        Returns
        -------
        float
            Years.

        Raises
        ------
        ValueError
            If the trajectory is not a budget path or ``actuals`` is empty.

        Examples
        --------
        >>> path = Trajectory.budget(base_year=2024, base_value=100.0, budget=1000.0)
        >>> round(path.years_until_budget_exhausted({2024: 100.0, 2025: 95.0}), 3)  # 805/95
        8.474
        """
        self._require_budget("years_until_budget_exhausted")
        if not actuals:
            raise ValueError("actuals must contain at least one year")
        remaining = self.budget_remaining(actuals)
        latest = as_finite("latest actual", actuals[max(actuals)])
        if remaining <= 0.0:
            return 0.0
        if latest <= 0.0:
            return math.inf
        return remaining / latest

    # ---------------------------------------------------------------- verdicts

    def required_annual_reduction(
        self,
        latest_year: int,
        latest_value: float,
        *,
        remaining_budget: float | None = None,
    ) -> float:
        r"""Return the constant annual cut needed from the latest actual value.

        Linear and constant-rate paths: the geometric rate that takes ``latest_value`` to the
        target value in the target year,

        .. math:: 1 - \left(\frac{E_0 (1 - R)}{A_y}\right)^{1/(T - y)},

        and ``0.0`` when the latest value is already at or below the target value.

        Budget paths: the rate of a fresh exponential path from the latest value that spends
        the remaining budget :math:`B_y` (as Klimatkollen's "needed change" [3]_),
        :math:`1 - \exp(-A_y / B_y)`. Unless ``remaining_budget`` is given, :math:`B_y` is
        what the path itself leaves at ``latest_year``, :math:`B - \int_s^y E(t)\,dt`, so
        a value on the path needs exactly the path's rate. ``1.0`` when the budget is spent,
        ``0.0`` when the latest value is zero or negative.

        Parameters
        ----------
        latest_year : int
            Year :math:`y` of the latest actual value.
        latest_value : float
            Latest actual emissions :math:`A_y`.
        remaining_budget : float, optional
            Budget paths only: the budget left for ``latest_year`` and later, e.g.
            :meth:`budget_remaining` of the actuals *before* ``latest_year``.

        Returns
        -------
        float
            Annual cut as a fraction (``0.083`` = 8.3 % per year).

        Raises
        ------
        ValueError
            If ``latest_year >= target_year`` (no years left), or ``remaining_budget`` is
            given for a path without a budget.

        References
        ----------
        .. [3] Klimatbyrån, Klimatkollen, ``data/issues/emissions/emission_data_calculations.py``,
           ``calculate_needed_change_percent``.

        Examples
        --------
        Emissions at +1 % against 2019 in 2024, −50 % by 2030:

        >>> path = Trajectory.linear(2019, 2030, 0.5)
        >>> round(path.required_annual_reduction(2024, 1.01), 4)  # 1 − (0.5/1.01)**(1/6)
        0.1106
        """
        year = as_year("latest_year", latest_year)
        latest = as_finite("latest_value", latest_value)
        if self.shape == "fixed_rate":
            if remaining_budget is not None:
                raise ValueError("remaining_budget is only used by budget paths, not fixed_rate")
            assert self.fixed_annual_rate is not None
            return self.fixed_annual_rate
        if self.shape == "budget":
            budget = self._require_budget("required_annual_reduction")
            if remaining_budget is None:
                remaining = budget - self.cumulative(year)
            else:
                remaining = as_finite("remaining_budget", remaining_budget)
            if latest <= 0.0:
                return 0.0
            if remaining <= 0.0:
                return 1.0
            return -math.expm1(-latest / remaining)
        if remaining_budget is not None:
            raise ValueError(f"remaining_budget is only used by budget paths, not {self.shape}")
        assert self.target_year is not None
        if year >= self.target_year:
            raise ValueError(
                f"latest_year ({year}) must be before target_year ({self.target_year}); "
                "no years are left to reduce in"
            )
        target = self._target()
        if latest <= target:
            return 0.0
        return 1.0 - float((target / latest) ** (1.0 / (self.target_year - year)))

    def status(self, year: int, actual: float, *, tolerance: float = 0.0) -> TrajectoryStatus:
        """Compare one year's actual emissions with the path.

        Parameters
        ----------
        year : int
            Reporting year.
        actual : float
            Actual emissions that year, same unit as ``base_value``.
        tolerance : float, default 0.0
            Allowed excess over the path as a fraction of the path value: the year is on track
            when ``actual <= path_value * (1 + tolerance)``.

        Returns
        -------
        TrajectoryStatus

        Raises
        ------
        ValueError
            If ``year`` is before the base year (a path says nothing there), ``tolerance`` is
            negative or the inputs are not finite.

        Examples
        --------
        Region Västmanland 2024: emissions +1 % against 2019.

        >>> path = Trajectory.constant_rate(2019, 2030, 0.5, start_year=2022)
        >>> st = path.status(2024, 1.01)
        >>> st.on_track, round(st.gap, 4), round(st.required_reduction, 3)
        (False, 0.1691, 0.159)
        >>> st.convention
        'Constant annual rate (8.3 %/yr) from 2019 to −50 % by 2030 (start 2022)'
        """
        year = as_year("year", year)
        if year < self.base_year:
            raise ValueError(
                f"year {year} is before the path's base year {self.base_year}; "
                "a path gives no verdict before its base year"
            )
        actual = as_finite("actual", actual)
        tol = as_finite("tolerance", tolerance)
        if tol < 0.0:
            raise ValueError(f"tolerance must not be negative, got {tolerance!r}")
        no_years_left = self.target_year is not None and year >= self.target_year
        return TrajectoryStatus.against(
            year=year,
            actual=actual,
            path_value=self.value(year),
            base_value=self.base_value,
            tolerance=tol,
            required_annual_reduction=(
                None if no_years_left else self.required_annual_reduction(year, actual)
            ),
            convention=self.describe("en"),
        )

    # ---------------------------------------------------------------- text

    def describe(self, lang: Literal["sv", "en"] = "sv") -> str:
        """Describe the convention in one line, Swedish by default.

        Parameters
        ----------
        lang : {"sv", "en"}, default "sv"
            Language.

        Returns
        -------
        str

        Raises
        ------
        ValueError
            For another language.

        Examples
        --------
        >>> Trajectory.linear(2019, 2030, 0.5).describe()
        'Linjär minskning från 2019 till −50 % år 2030 (start 2019)'
        >>> Trajectory.linear(2019, 2030, 0.5).describe("en")
        'Linear reduction from 2019 to −50 % by 2030 (start 2019)'
        >>> Trajectory.constant_rate(2019, 2030, 0.5, start_year=2022).describe()
        'Konstant årlig minskning (8,3 %/år) från 2019 till −50 % år 2030 (start 2022)'
        >>> Trajectory.budget(base_year=2019, base_value=100.0, budget=1000.0,
        ...                   start_year=2024, start_value=90.0).describe()
        'Koldioxidbudget 1 000 från 2024, exponentiell minskning 8,6 %/år (basår 2019, start 2024 på 90 % av 2019 års nivå)'
        """  # noqa: E501
        if lang not in ("sv", "en"):
            raise ValueError(f"lang must be 'sv' or 'en', got {lang!r}")
        sv = lang == "sv"
        start = f"start {self.start_year}"
        if self.start_value != self.base_value:
            level = fmt_pct(self.start_value / self.base_value, lang)
            start += (
                f" på {level} % av {self.base_year} års nivå"
                if sv
                else f" at {level} % of the {self.base_year} level"
            )
        rate = self.annual_rate
        rate_text = "" if rate is None else fmt_pct(rate, lang)
        if self.shape == "fixed_rate":
            if sv:
                return (
                    f"Fast årlig minskning {rate_text} %/år från {self.start_year} (Carbon Law), "
                    f"utan målår (basår {self.base_year}, {start})"
                )
            return (
                f"Fixed annual cut {rate_text} %/yr from {self.start_year} (Carbon Law), "
                f"no target year (base year {self.base_year}, {start})"
            )
        if self.shape == "budget":
            budget = fmt_num(self._require_budget("describe"), lang)
            if sv:
                return (
                    f"Koldioxidbudget {budget} från {self.start_year}, exponentiell minskning "
                    f"{rate_text} %/år (basår {self.base_year}, {start})"
                )
            return (
                f"Carbon budget {budget} from {self.start_year}, exponential decline "
                f"{rate_text} %/yr (base year {self.base_year}, {start})"
            )
        assert self.target_reduction is not None
        target = fmt_pct(self.target_reduction, lang)
        if sv:
            kind = (
                "Linjär minskning"
                if self.shape == "linear"
                else f"Konstant årlig minskning ({rate_text} %/år)"
            )
            return f"{kind} från {self.base_year} till −{target} % år {self.target_year} ({start})"
        kind = (
            "Linear reduction"
            if self.shape == "linear"
            else f"Constant annual rate ({rate_text} %/yr)"
        )
        return f"{kind} from {self.base_year} to −{target} % by {self.target_year} ({start})"
