"""Swedish number formatting for reports, reprs and the command line: ``1 326 094,5``.

Every printed summary (the reprs of results, factor sets and base-year recalculations, the
command line) formats numbers through this module, in the language set here: Swedish by default
(no-break-space thousands, decimal comma, real minus sign), English as an option::

    import klimatkalk.formatting
    klimatkalk.formatting.set_language("en")   # 1,326,094.5 from now on

or for one run with the environment variable ``KLIMATKALK_LANG=en``. Numbers in the API itself
are plain floats; shares are fractions (``0.227``), formatted as a percentage only when printed
(:func:`format_percent`).
"""

from __future__ import annotations

import math
import os
from typing import Any, Final, Literal

__all__ = [
    "NBSP",
    "change_decimals",
    "format_auto",
    "format_change",
    "format_number",
    "format_percent",
    "format_significant",
    "format_t",
    "language",
    "pandas_display",
    "set_language",
    "styled",
]

NBSP = "\u00a0"
"""No-break space: the thousands separator, so that a number never breaks across lines."""
MINUS = "\u2212"

Lang = Literal["sv", "en"]
LANGUAGES: Final = ("sv", "en")

_setting: dict[str, Lang] = {}


def set_language(lang: str) -> None:
    """Set the language of printed summaries and reprs: ``"sv"`` (default) or ``"en"``.

    Examples
    --------
    >>> set_language("en"); format_number(1234.5, 1)
    '1,234.5'
    >>> set_language("sv"); format_number(1234.5, 1).replace(NBSP, " ")
    '1 234,5'
    """
    _setting["lang"] = _checked(lang)


def language(lang: str | None = None) -> Lang:
    """Return ``lang`` if given, else the language set by :func:`set_language`.

    Without either, ``KLIMATKALK_LANG`` from the environment, else Swedish.
    """
    if lang is not None:
        return _checked(lang)
    if "lang" in _setting:
        return _setting["lang"]
    return _checked(os.environ.get("KLIMATKALK_LANG", "sv") or "sv")


def _checked(lang: str) -> Lang:
    if lang == "sv":
        return "sv"
    if lang == "en":
        return "en"
    msg = f"lang={lang!r}; choose 'sv' (Swedish) or 'en' (English)"
    raise ValueError(msg)


def format_number(value: float, decimals: int = 0, *, lang: str | None = None) -> str:
    """Format a number the Swedish way: no-break-space thousands, decimal comma, real minus.

    Parameters
    ----------
    value : float
        The number.
    decimals : int
        Digits after the decimal mark.
    lang : {"sv", "en"}, optional
        ``"en"`` gives ``1,326,094.5``; by default the language of :func:`set_language`.

    Examples
    --------
    >>> format_number(1326094).replace(NBSP, " ")
    '1 326 094'
    >>> format_number(-2.5, 1)
    '−2,5'
    >>> format_number(1326094.5, 1, lang="en")
    '1,326,094.5'
    """
    lang = language(lang)
    if math.isnan(value):
        return "–"
    if math.isinf(value):
        return ("−" if lang == "sv" else "-") * (value < 0) + "∞"
    text = f"{abs(value):,.{decimals}f}"
    if lang == "sv":
        text = text.replace(",", NBSP).replace(".", ",")
    negative = value < 0 and float(text.replace(NBSP, "").replace(",", ".")) != 0
    sign = (MINUS if lang == "sv" else "-") if negative else ""
    return sign + text


def format_percent(
    fraction: float, decimals: int = 0, *, lang: str | None = None, sign: bool = False
) -> str:
    """Format a fraction as a percentage (``0.227`` → ``"22,7 %"`` with ``decimals=1``).

    Examples
    --------
    >>> format_percent(0.227, 1).replace(NBSP, " ")
    '22,7 %'
    >>> format_percent(-0.02, sign=True).replace(NBSP, " ")
    '−2 %'
    >>> format_percent(0.981, 1, lang="en", sign=True)
    '+98.1%'
    """
    lang = language(lang)
    if math.isnan(fraction):
        return "–"
    text = format_number(fraction * 100, decimals, lang=lang)
    if sign and fraction > 0 and text.strip("0,." + NBSP):
        text = "+" + text
    return f"{text}{NBSP}%" if lang == "sv" else f"{text}%"


def format_change(fraction: float, *, lang: str | None = None) -> str:
    """Format a change as a signed percentage: one decimal below 10 %, whole percent above.

    A change of −0,5 % is not printed as "0 %" next to the tonnes that moved.

    Examples
    --------
    >>> format_change(-0.0048).replace(NBSP, " ")
    '−0,5 %'
    >>> format_change(0.3125).replace(NBSP, " ")
    '+31 %'
    >>> format_change(-0.0999, lang="en")
    '-10%'
    """
    return format_percent(fraction, change_decimals(fraction), lang=lang, sign=True)


_WHOLE_FROM: Final = 0.0995  # from here the one-decimal figure would round to 10,0 % or more


def change_decimals(*fractions: float) -> int:
    """Decimals of percentages shown together: 1 when every (finite) one is below 10 %, else 0.

    Examples
    --------
    >>> change_decimals(-0.005), change_decimals(-0.005, 0.31), change_decimals(float("nan"))
    (1, 0, 0)
    """
    finite = [abs(f) for f in fractions if not math.isnan(f)]
    return 1 if finite and max(finite) < _WHOLE_FROM else 0


def format_t(kg: float, *, lang: str | None = None) -> str:
    """Format a mass given in kg CO2e as tonnes with a sensible number of decimals.

    Whole tonnes from 100 t, one decimal below that, three below 1 t.

    Examples
    --------
    >>> format_t(550_797_100.0).replace(NBSP, " ")
    '550 797 t'
    >>> format_t(2650.0, lang="en")
    '2.65 t'
    """
    t = kg / 1000.0
    decimals = 0 if abs(t) >= 100 else 1 if abs(t) >= 10 else 2 if abs(t) >= 1 else 3
    return f"{format_number(t, decimals, lang=lang)} t"


def format_auto(value: float, decimals: int = 1, *, lang: str | None = None) -> str:
    """Format a number for a table: ``decimals`` digits from 1 up, three significant below.

    So 75 601,5 t keeps one decimal while a factor of 0,0243 kg CO2e/SEK or a fraction of
    −0,313 keeps its significant digits, and float noise never shows.

    Examples
    --------
    >>> values = (218400.00000000003, 0.024312, -0.3131, 0.0, 2.0, 1.2e-13)
    >>> [format_auto(v, lang="en") for v in values]
    ['218,400.0', '0.0243', '-0.313', '0', '2.0', '0']
    """
    if abs(value) < 5e-7 or math.isnan(value) or math.isinf(value):  # round-off shows as 0
        return "0" if abs(value) < 5e-7 else format_number(value, lang=lang)
    if abs(value) >= 1:
        return format_number(value, decimals, lang=lang)
    digits = min(6, 2 - math.floor(math.log10(abs(value))))
    return format_number(value, max(digits, decimals), lang=lang)


def format_significant(value: float, digits: int = 6, *, lang: str | None = None) -> str:
    """Format a factor value with ``digits`` significant digits, no exponent, no float noise.

    Examples
    --------
    >>> format_significant(0.11407225893999999), format_significant(7.857142857e-06)
    ('0,114072', '0,00000785714')
    >>> format_significant(2.123456789, lang="en")
    '2.12346'
    """
    import numpy as np

    text = np.format_float_positional(
        value, precision=digits, unique=False, fractional=False, trim="-"
    )
    if language(lang) != "sv":
        return text
    return text.replace("-", MINUS).replace(".", ",")


def pandas_display(decimals: int = 1, *, lang: str | None = None) -> None:
    """Show DataFrames rounded, without scientific notation, in the language set.

    For notebooks and the docs: ``pd.options.display.float_format`` becomes
    :func:`format_auto` (``decimals`` digits from 1 up, three significant digits below), so
    there is no float noise such as ``218400.00000000003`` and no ``2.4e+04``.

    Examples
    --------
    >>> import pandas as pd
    >>> pandas_display(1, lang="en")
    >>> print(pd.DataFrame({"t": [218400.00000000003, 0.04]}))
              t
    0 218,400.0
    1    0.0400
    >>> pd.reset_option("display.float_format")
    """
    import pandas as pd  # only here: keeps this base module free of pandas

    chosen = language(lang)
    pd.set_option(
        "display.float_format",
        lambda value: format_auto(float(value), decimals, lang=chosen).replace(NBSP, " "),
    )


def styled(frame: Any, decimals: int = 1, *, lang: str | None = None) -> Any:
    """Return a pandas ``Styler`` of ``frame``: shares as percentages, numbers the Swedish way.

    Columns whose name ends in ``_fraction`` or ``_share`` (or is ``share``) are shares and show
    as ``−31,3 %``; other float columns as :func:`format_auto`. The frame itself is unchanged.
    """
    chosen = language(lang)
    formats: dict[str, Any] = {}
    for column in frame.columns:
        name = str(column)
        if frame[column].dtype.kind != "f":
            continue
        if name.endswith(("_fraction", "_share")) or name == "share":
            formats[column] = lambda v: format_percent(float(v), 1, lang=chosen, sign=True)
        else:
            formats[column] = lambda v: format_auto(float(v), decimals, lang=chosen)
    return frame.style.format(formats, na_rep="–")
