"""Swedish number formatting for reports and the command line: ``1 326 094,5``."""

from __future__ import annotations

import math

__all__ = ["NBSP", "format_number", "format_percent"]

NBSP = "\u00a0"
"""No-break space: the thousands separator, so that a number never breaks across lines."""
MINUS = "\u2212"


def format_number(value: float, decimals: int = 0, *, lang: str = "sv") -> str:
    """Format a number the Swedish way: no-break-space thousands, decimal comma, real minus.

    Parameters
    ----------
    value : float
        The number.
    decimals : int
        Digits after the decimal mark.
    lang : {"sv", "en"}
        ``"en"`` gives ``1,326,094.5``.

    Examples
    --------
    >>> format_number(1326094).replace(NBSP, " ")
    '1 326 094'
    >>> format_number(-2.5, 1)
    '−2,5'
    >>> format_number(1326094.5, 1, lang="en")
    '1,326,094.5'
    """
    if math.isnan(value):
        return "–"
    text = f"{abs(value):,.{decimals}f}"
    if lang == "sv":
        text = text.replace(",", NBSP).replace(".", ",")
    negative = value < 0 and float(text.replace(NBSP, "").replace(",", ".")) != 0
    sign = (MINUS if lang == "sv" else "-") if negative else ""
    return sign + text


def format_percent(
    fraction: float, decimals: int = 0, *, lang: str = "sv", sign: bool = False
) -> str:
    """Format a fraction as a percentage (``0.227`` → ``"22,7 %"`` with ``decimals=1``).

    Examples
    --------
    >>> format_percent(0.227, 1).replace(NBSP, " ")
    '22,7 %'
    >>> format_percent(-0.02, sign=True).replace(NBSP, " ")
    '−2 %'
    """
    if math.isnan(fraction):
        return "–"
    text = format_number(fraction * 100, decimals, lang=lang)
    if sign and fraction > 0 and text.strip("0,." + NBSP):
        text = "+" + text
    return f"{text}{NBSP}%" if lang == "sv" else f"{text}%"
