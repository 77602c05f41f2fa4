"""Where a year stands against a path: :class:`TrajectoryStatus`, and the numbers in verdicts."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["TrajectoryStatus", "fmt_num", "fmt_pct", "localise"]

_SV_TABLE = str.maketrans({",": " ", ".": ","})


def localise(text: str, lang: str) -> str:
    """Swap separators for Swedish: ``1,234.5`` becomes ``1 234,5``."""
    return text.translate(_SV_TABLE) if lang == "sv" else text


def fmt_pct(fraction: float, lang: str) -> str:
    """Format a fraction as a percentage number with at most one decimal (no ``%`` sign)."""
    text = f"{fraction * 100:.1f}"
    if text.endswith(".0"):
        text = text[:-2]
    if text == "-0":
        text = "0"
    return localise(text, lang)


def fmt_num(value: float, lang: str) -> str:
    """Format an amount of emissions compactly (thousands separators, 3 significant digits)."""
    text = f"{value:,.0f}" if abs(value) >= 1000 else f"{value:.3g}"
    return localise(text, lang)


@dataclass(frozen=True, kw_only=True)
class TrajectoryStatus:
    """Where one year's actual emissions stand against a :class:`Trajectory`.

    Attributes
    ----------
    year : int
        The reporting year.
    actual : float
        Actual emissions that year, same unit as the trajectory values.
    path_value : float
        The trajectory's value that year.
    gap : float
        ``actual - path_value``; positive means *behind* the path (emissions too high).
    gap_fraction : float
        ``gap / path_value``.
    on_track : bool
        ``actual <= path_value * (1 + tolerance)``.
    tolerance : float
        The tolerance used for ``on_track`` (fraction of the path value).
    actual_reduction : float
        Reduction achieved against the base value, ``1 - actual / base_value``.
    required_reduction : float
        Reduction against the base value that the path requires that year.
    required_annual_reduction : float or None
        Constant annual cut needed from ``actual`` to still reach the target, see
        :meth:`Trajectory.required_annual_reduction`; ``None`` when no years are left
        (``year >= target_year`` for linear and constant-rate paths).
    convention : str
        Short English description of the path, to print next to the verdict.
    """

    year: int
    actual: float
    path_value: float
    gap: float
    gap_fraction: float
    on_track: bool
    tolerance: float
    actual_reduction: float
    required_reduction: float
    required_annual_reduction: float | None
    convention: str

    def __repr__(self) -> str:
        """Return the verdict in one line, in the language set (Swedish by default)."""
        from klimatkalk.formatting import format_number, format_percent, language

        lang = language()
        actual, path = (
            format_number(self.actual, lang=lang),
            format_number(self.path_value, lang=lang),
        )
        gap = format_number(self.gap, lang=lang)
        gap = gap if self.gap <= 0 else f"+{gap}"
        share = format_percent(self.gap_fraction, 1, lang=lang, sign=True)
        rate = self.required_annual_reduction
        if lang == "sv":
            verdict = "i linje med målbanan" if self.on_track else "inte i linje med målbanan"
            need = (
                ""
                if rate is None
                else f"; behöver minska {format_percent(rate, 1, lang=lang)} per år"
            )
            head = f"{self.year}: utfall {actual}, målbana {path}, avvikelse {gap} ({share})"
        else:
            verdict = "on track" if self.on_track else "not on track"
            need = "" if rate is None else f"; needs {format_percent(rate, 1, lang=lang)} a year"
            head = f"{self.year}: actual {actual}, path {path}, gap {gap} ({share})"
        return f"<TrajectoryStatus {head}, {verdict}{need}>"

    @classmethod
    def against(
        cls,
        *,
        year: int,
        actual: float,
        path_value: float,
        base_value: float,
        tolerance: float,
        required_annual_reduction: float | None,
        convention: str,
    ) -> TrajectoryStatus:
        """Compare ``actual`` with a path's value that year (the verdict's arithmetic)."""
        gap = actual - path_value
        return cls(
            year=year,
            actual=actual,
            path_value=path_value,
            gap=gap,
            gap_fraction=gap / path_value,
            on_track=actual <= path_value * (1.0 + tolerance),
            tolerance=tolerance,
            actual_reduction=1.0 - actual / base_value,
            required_reduction=1.0 - path_value / base_value,
            required_annual_reduction=required_annual_reduction,
            convention=convention,
        )
