"""The EU Energy Efficiency Directive's public-sector requirement: path, outcome, verdict.

Directive (EU) 2023/1791, Article 5(1): the total final energy consumption of all public bodies
combined is to be reduced by at least 1.9 % each year, when compared to 2021 [1]_; Commission
Recommendation (EU) 2024/1716 gives the guidelines for interpreting Article 5 [2]_. The
requirement is a percentage "each year" against a fixed reference year, and three readings of
it circulate in Swedish regions' plans:

=============  ==========================================  ===================  ===============
convention     allowed consumption in year ``y``           after 5 years        after 9 (2030)
=============  ==========================================  ===================  ===============
compounded     ``E2021 × (1 − 0.019)^(y − 2021)``          −9.1 %               −15.9 %
linear         ``E2021 × (1 − 0.019 × (y − 2021))``        −9.5 %               −17.1 %
=============  ==========================================  ===================  ===============

and the figure quoted in Region Norrbotten's plan, "1,9 % per år från 2025 till 2030 … 9,9 %",
which is ``1.019^5 − 1``: a *growth* of 1.9 % a year compounded, not a reduction; it overstates
the five-year cut of either reading. :data:`DEFAULT_CONVENTION` is the compounded reading, in
which each year's consumption is 1.9 % below the year before; every result carries the
convention, and :func:`convention_text` prints it beside the figure.

.. note:: What was verified, and what not. The reference year 2021 and the rate are the
   Directive's: Article 5(1), first subparagraph ("reduced by at least 1.9 % each year, when
   compared to 2021") and third subparagraph (the baseline is the final energy consumption of
   all public bodies in 2021), read in the German language version ("gegenüber dem Jahr 2021
   jährlich um mindestens 1,9 % gesenkt"; gesetze.legal, "Artikel 5 RL 2023/1791/EU"). Whether
   the yearly cuts compound is **not verified**: the Directive's wording does not say, and the
   section of Recommendation (EU) 2024/1716 on Article 5 was not available to this project
   (its stored copies reach only the title and first recitals). The default follows the
   wording "each year" read as year on year; check the Recommendation's annex on Article 5
   before relying on the verdict, and choose ``convention="linear"`` if it reads so.

References
----------
.. [1] Directive (EU) 2023/1791 of the European Parliament and of the Council of 13 September
   2023 on energy efficiency (recast), OJ L 231, 20.9.2023, Article 5(1),
   http://data.europa.eu/eli/dir/2023/1791/oj.
.. [2] Commission Recommendation (EU) 2024/1716 of 19 June 2024 setting out guidelines for the
   interpretation of Articles 5, 6 and 7 of Directive (EU) 2023/1791 as regards energy
   consumption in the public sector, OJ L, 2024/1716, 28.6.2024,
   http://data.europa.eu/eli/reco/2024/1716/oj.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final, Literal

import numpy as np
import pandas as pd

from klimatkalk.formatting import format_percent

__all__ = [
    "DEFAULT_CONVENTION",
    "EED_RATE",
    "EED_REFERENCE_YEAR",
    "EedConvention",
    "convention_text",
    "eed_path",
    "eed_status",
    "quoted_growth_reading",
]

EED_RATE: Final = 0.019
"""Directive (EU) 2023/1791 art. 5(1): at least 1.9 % each year."""

EED_REFERENCE_YEAR: Final = 2021
"""Directive (EU) 2023/1791 art. 5(1): "when compared to 2021"."""

EedConvention = Literal["compounded", "linear"]
DEFAULT_CONVENTION: Final[EedConvention] = "compounded"


def reduction_after(
    years: int, rate: float = EED_RATE, convention: EedConvention = "compounded"
) -> float:
    """Total reduction after ``years`` years of the requirement (a fraction).

    Examples
    --------
    >>> round(reduction_after(5), 4), round(reduction_after(5, convention="linear"), 4)
    (0.0915, 0.095)
    """
    _check(convention)
    if convention == "compounded":
        return float(1 - (1 - rate) ** years)
    return float(rate * years)


def quoted_growth_reading(years: int, rate: float = EED_RATE) -> float:
    """``(1 + rate)^years − 1``: the 9.9 % of Region Norrbotten's plan for five years.

    This is not a reading of the directive (it compounds a growth); it is here so that the
    documentation and tests can show where the quoted figure comes from.

    Examples
    --------
    >>> round(quoted_growth_reading(5), 4)
    0.0987
    """
    return float((1 + rate) ** years - 1)


def convention_text(
    convention: EedConvention = DEFAULT_CONVENTION,
    *,
    rate: float = EED_RATE,
    reference_year: int = EED_REFERENCE_YEAR,
    lang: Literal["sv", "en"] = "sv",
) -> str:
    """Return the convention in words, to print beside the figure.

    Examples
    --------
    >>> convention_text().replace("\u00a0", " ")
    'EED art. 5: −1,9 % per år jämfört med 2021, sammansatt (varje år 1,9 % under föregående år)'
    >>> convention_text("linear", lang="en")
    'EED art. 5: −1.9% a year compared with 2021, linear (1.9% of the 2021 level each year)'
    """
    pct = format_percent(rate, 1, lang=lang)
    _check(convention)
    if lang == "sv":
        how = (
            f"sammansatt (varje år {pct} under föregående år)"
            if convention == "compounded"
            else f"linjärt ({pct} av {reference_year} års nivå per år)"
        )
        return f"EED art. 5: −{pct} per år jämfört med {reference_year}, {how}"
    how = (
        f"compounded (each year {pct} below the year before)"
        if convention == "compounded"
        else f"linear ({pct} of the {reference_year} level each year)"
    )
    return f"EED art. 5: −{pct} a year compared with {reference_year}, {how}"


def eed_path(
    reference_value: float,
    years: range | list[int],
    *,
    reference_year: int = EED_REFERENCE_YEAR,
    rate: float = EED_RATE,
    convention: EedConvention = DEFAULT_CONVENTION,
) -> pd.Series:
    """Return the allowed final energy consumption per year under the requirement.

    Parameters
    ----------
    reference_value : float
        Consumption of the reference year (kWh, or any unit; the path is in the same).
    years : range or list of int
        Years of the path.
    reference_year : int, default 2021
    rate : float, default 0.019
    convention : {"compounded", "linear"}, default "compounded"

    Returns
    -------
    Series
        Allowed consumption by year (index ``year``).

    Examples
    --------
    >>> eed_path(1000.0, range(2021, 2024)).round(3).tolist()
    [1000.0, 981.0, 962.361]
    >>> eed_path(1000.0, [2026], convention="linear").round(3).tolist()
    [905.0]
    """
    if not reference_value > 0:
        msg = f"the reference-year consumption must be > 0, not {reference_value}"
        raise ValueError(msg)
    index = pd.Index(list(years), name="year")
    elapsed = np.maximum(index.to_numpy(dtype=np.float64) - reference_year, 0.0)
    _check(convention)
    if convention == "compounded":
        values = reference_value * (1 - rate) ** elapsed
    else:
        values = reference_value * (1 - rate * elapsed)
    return pd.Series(values, index=index, name="allowed")


def eed_status(
    consumption: Mapping[int, float] | pd.Series,
    *,
    reference_year: int = EED_REFERENCE_YEAR,
    rate: float = EED_RATE,
    convention: EedConvention = DEFAULT_CONVENTION,
) -> pd.DataFrame:
    """Each year's final energy consumption against the requirement's path.

    Parameters
    ----------
    consumption : mapping or Series of year → consumption
        Must hold the reference year.
    reference_year, rate, convention
        As for :func:`eed_path`.

    Returns
    -------
    DataFrame
        Per ``year`` after the reference year: ``consumption``, ``allowed``, ``gap``
        (consumption − allowed), ``change_vs_reference`` (fraction), ``required_change``
        (the path's fraction), ``meets`` (consumption ≤ allowed), ``verdict``
        (``"Uppfyllt"``/``"Ej uppfyllt"``), ``rule`` (the rule in words) and ``convention``.

    Examples
    --------
    >>> s = eed_status({2021: 1000.0, 2024: 950.0})
    >>> s[["year", "allowed", "verdict"]].round(1).to_dict("records")
    [{'year': 2024, 'allowed': 944.1, 'verdict': 'Ej uppfyllt'}]
    """
    series = pd.Series(consumption, dtype=np.float64)
    series.index = series.index.astype(np.int64)
    if reference_year not in series.index or not np.isfinite(series[reference_year]):
        msg = f"the consumption has no value for the reference year {reference_year}"
        raise ValueError(msg)
    reference = float(series[reference_year])
    years = sorted(y for y in series.index if y > reference_year)
    path = eed_path(
        reference, years, reference_year=reference_year, rate=rate, convention=convention
    )
    out = pd.DataFrame({"year": years})
    out["consumption"] = series.loc[years].to_numpy()
    out["allowed"] = path.to_numpy()
    out["gap"] = out["consumption"] - out["allowed"]
    out["change_vs_reference"] = out["consumption"] / reference - 1
    out["required_change"] = out["allowed"] / reference - 1
    out["meets"] = out["consumption"] <= out["allowed"]
    out["verdict"] = np.where(out["meets"], "Uppfyllt", "Ej uppfyllt")
    out["rule"] = [
        f"Utfall {format_percent(c, 1, sign=True)} mot {reference_year}; "
        f"kravet är {format_percent(r, 1, sign=True)} ({'uppfyllt' if m else 'ej uppfyllt'})"
        for c, r, m in zip(
            out["change_vs_reference"], out["required_change"], out["meets"], strict=True
        )
    ]
    out["convention"] = convention_text(convention, rate=rate, reference_year=reference_year)
    return out


def _check(convention: object) -> None:
    if convention not in ("compounded", "linear"):
        msg = f"convention {convention!r}: use 'compounded' or 'linear'"
        raise ValueError(msg)
