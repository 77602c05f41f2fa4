"""Units: the one pint registry of klimatkalk, and cached parsing of unit strings.

The registry adds to pint's defaults what climate accounting in Sweden needs:

- ``CO2e`` is a dimension of its own (``[co2e]``), so ``kWh × (kg CO2e / l)`` can never be
  converted to ``kg CO2e``; ``emitted_gas`` stands for the species a factor emits as itself
  (``kg N2O / kg``) until a GWP set turns it into CO2e.
- ``mil`` in user data is the Swedish mil (10 km). pint's own ``mil`` is an angular mil and never
  reaches pint from user data.
- ``Nm3`` (normal cubic metre) is its own dimension: a gas volume at normal conditions is not a
  geometric ``m3``.
- ``SEK`` (with ``kr``, ``kSEK``/``tkr``, ``MSEK``/``mnkr``) is a currency dimension.
- ``ton`` is refused: pint reads it as a US short ton (907 kg); write ``t`` for a tonne.

User unit strings are parsed once per *distinct* string (:func:`parse_activity_unit` is cached);
numbers never reach pint (``"1,5 l"`` is refused: pint would read it as 15 l).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Final

import numpy as np
import numpy.typing as npt
import pandas as pd

from klimatkalk.errors import ErrorReason, UnitError

if TYPE_CHECKING:
    import pint

__all__ = [
    "CANONICAL_UNITS",
    "DIMENSIONS",
    "FactorUnit",
    "UnitInfo",
    "canonical_quantity",
    "conversion_factor",
    "parse_activity_unit",
    "parse_factor_unit",
    "registry",
]

_DEFINITIONS: Final = (
    "CO2e = [co2e] = CO2eq = CO2_eq",
    "emitted_gas = [emitted_gas]",
    "swedish_mil = 10 * kilometer = mil_se",
    "normal_cubic_meter = [normal_volume] = Nm3",
    "SEK = [currency_sek] = kr",
    "kSEK = 1000 * SEK = tkr",
    "MSEK = 1000000 * SEK = mnkr",
)


@lru_cache(maxsize=1)
def registry() -> pint.UnitRegistry[Any]:
    """Return the single pint registry of klimatkalk, built on first use.

    Building it parses pint's unit definitions (about 0.3 s), so ``import klimatkalk`` does not;
    :data:`ureg` is the same object.
    """
    import pint  # imported here, not at module level, to keep `import klimatkalk` light

    reg: pint.UnitRegistry[Any] = pint.UnitRegistry(on_redefinition="raise", cache_folder=None)
    for definition in _DEFINITIONS:
        reg.define(definition)
    return reg


def __getattr__(name: str) -> object:
    if name == "ureg":
        return registry()
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)


DIMENSIONS: Final[dict[str, str]] = {
    "volume": "[length] ** 3",
    "normal_volume": "[normal_volume]",
    "mass": "[mass]",
    "energy": "[mass] * [length] ** 2 / [time] ** 2",
    "distance": "[length]",
    "currency": "[currency_sek]",
    "time": "[time]",
}
"""Activity dimensions (the ``dimension`` column of ``activities.csv``) and their pint form."""

CANONICAL_UNITS: Final[dict[str, str]] = {
    "volume": "l",
    "normal_volume": "Nm3",
    "mass": "kg",
    "energy": "kWh",
    "distance": "km",
    "currency": "SEK",
    "time": "h",
}
"""The unit each dimension is held in inside the compiled factor table."""

# User spellings (compared case-insensitively) -> pint expression. Anything not here is handed to
# pint as written, so that e.g. ``MJ`` or ``kilowatt_hour`` still work, case-sensitively.
_ALIASES: Final[dict[str, str]] = {
    "l": "l",
    "liter": "l",
    "litre": "l",
    "dm3": "dm**3",
    "dm³": "dm**3",
    "ml": "ml",
    "cl": "cl",
    "m3": "m**3",
    "m³": "m**3",
    "kbm": "m**3",
    "nm3": "Nm3",
    "nm³": "Nm3",
    "g": "g",
    "gram": "g",
    "kg": "kg",
    "kilo": "kg",
    "t": "t",
    "tonne": "t",
    "tonnes": "t",
    "wh": "Wh",
    "kwh": "kWh",
    "mwh": "MWh",
    "gwh": "GWh",
    "mj": "MJ",
    "gj": "GJ",
    "tj": "TJ",
    "m": "m",
    "km": "km",
    "mil": "swedish_mil",
    "pkm": "km",
    "personkm": "km",
    "vkm": "km",
    "fordonskm": "km",
    "sek": "SEK",
    "kr": "SEK",
    "kronor": "SEK",
    "ksek": "kSEK",
    "tkr": "kSEK",
    "msek": "MSEK",
    "mnkr": "MSEK",
    "mkr": "MSEK",
    "h": "h",
    "tim": "h",
    "timmar": "h",
    "min": "min",
}

_REFUSED: Final[dict[str, str]] = {
    "ton": "'ton' is ambiguous (pint reads a US short ton of 907 kg); write 't' for a tonne",
    "tons": "'tons' is ambiguous (short ton or tonne?); write 't' for a tonne",
    "short_ton": "short tons are not used in Swedish data; write 't' for a tonne",
    "long_ton": "long tons are not used in Swedish data; write 't' for a tonne",
}

_HAS_DIGIT_VALUE = re.compile(r"^\s*[-+−]?\d|\d\s*[,.]\s*\d|\s\d")


@dataclass(frozen=True)
class UnitInfo:
    """A parsed activity unit.

    Attributes
    ----------
    text : str
        The unit as the user wrote it.
    pint_unit : str
        The pint expression it maps to.
    dimension : str
        One of :data:`DIMENSIONS`.
    to_canonical : float
        Multiplier from this unit to the dimension's canonical unit (:data:`CANONICAL_UNITS`).
    """

    text: str
    pint_unit: str
    dimension: str
    to_canonical: float


@dataclass(frozen=True)
class FactorUnit:
    """A parsed factor unit ``<mass> <gas> / <activity unit>``.

    Attributes
    ----------
    text : str
        The unit as written in the factor file.
    gas : str
        The gas token (``CO2e`` or a species).
    denominator : UnitInfo
        The activity unit the factor is per.
    to_kg_per_canonical : float
        Multiplier from the factor's unit to kg of gas per canonical activity unit.
    """

    text: str
    gas: str
    denominator: UnitInfo
    to_kg_per_canonical: float


@lru_cache(maxsize=4096)
def parse_activity_unit(text: str) -> UnitInfo:
    """Parse a unit string from activity data, once per distinct string.

    Parameters
    ----------
    text : str
        A unit such as ``"l"``, ``"m3"``, ``"MWh"``, ``"mil"`` or ``"kSEK"``.

    Returns
    -------
    UnitInfo

    Raises
    ------
    UnitError
        If the unit is unknown, ambiguous (``ton``), carries a number, or has no activity
        dimension.

    Examples
    --------
    >>> parse_activity_unit("mil").to_canonical  # Swedish mil: 10 km
    10.0
    >>> parse_activity_unit("m3").dimension, parse_activity_unit("m3").to_canonical
    ('volume', 1000.0)
    """
    stripped = text.strip()
    key = stripped.lower()
    if key in _REFUSED:
        raise UnitError(text, ErrorReason.AMBIGUOUS_UNIT, _REFUSED[key])
    if not stripped:
        raise UnitError(text, ErrorReason.MISSING_VALUE, "the unit is empty")
    if _HAS_DIGIT_VALUE.search(stripped):
        raise UnitError(
            text, ErrorReason.UNKNOWN_UNIT, "a unit may not contain a number; put it in quantity"
        )
    expression = _ALIASES.get(key, stripped)
    unit = _parse_pint_unit(text, expression)
    dimension = _dimension_of(unit)
    if dimension is None:
        raise UnitError(
            text,
            ErrorReason.UNKNOWN_UNIT,
            f"{unit} is not a unit of any activity dimension ({', '.join(DIMENSIONS)})",
        )
    factor = _tidy(float(registry().Quantity(1.0, unit).to(CANONICAL_UNITS[dimension]).magnitude))
    return UnitInfo(text=text, pint_unit=expression, dimension=dimension, to_canonical=factor)


def canonical_quantity(quantity: pd.Series[Any], unit: pd.Series[Any]) -> npt.NDArray[np.float64]:
    """Quantities in their dimension's canonical unit (l, kWh, km, kg, SEK…).

    Each distinct unit string is parsed once; the multipliers are then gathered per row.

    Examples
    --------
    >>> import pandas as pd
    >>> canonical_quantity(pd.Series([2.0, 3.0]), pd.Series(["MWh", "mil"])).tolist()
    [2000.0, 30.0]
    """
    codes, uniques = pd.factorize(unit, use_na_sentinel=True)
    per_unit = np.array([parse_activity_unit(str(u)).to_canonical for u in uniques] + [np.nan])
    values: npt.NDArray[np.float64] = quantity.to_numpy(dtype=np.float64) * per_unit[codes]
    return values


@lru_cache(maxsize=1024)
def parse_factor_unit(text: str, gas: str) -> FactorUnit:
    """Parse a factor unit ``<mass unit> <gas> / <activity unit>``.

    Parameters
    ----------
    text : str
        For example ``"kg CO2e / l"``, ``"g CO2e / kWh"`` or ``"kg N2O / kg"``.
    gas : str
        The factor's ``gas`` column; must equal the gas token in ``text``.

    Returns
    -------
    FactorUnit

    Raises
    ------
    UnitError
        If the unit does not follow the grammar, names another gas, or does not parse.

    Examples
    --------
    >>> parse_factor_unit("g CO2e / kWh", "CO2e").to_kg_per_canonical
    0.001
    >>> parse_factor_unit("kg CO2e / m3", "CO2e").to_kg_per_canonical  # per litre
    0.001
    """
    match = re.fullmatch(r"\s*(\S+)\s+(\S+)\s*/\s*(.+?)\s*", text)
    if match is None:
        raise UnitError(
            text, ErrorReason.UNKNOWN_UNIT, "expected '<mass unit> <gas> / <activity unit>'"
        )
    mass_text, gas_token, denominator_text = match.groups()
    if gas_token != gas:
        raise UnitError(
            text, ErrorReason.UNKNOWN_GAS, f"the unit names gas {gas_token!r}, the row {gas!r}"
        )
    denominator = parse_activity_unit(denominator_text)
    marker = "CO2e" if gas == "CO2e" else "emitted_gas"
    mass = _parse_pint_unit(text, mass_text)
    if _dimension_of(mass) != "mass":
        raise UnitError(text, ErrorReason.UNKNOWN_UNIT, f"{mass_text!r} is not a mass unit")
    expression = f"{mass_text} * {marker} / ({denominator.pint_unit})"
    target = f"kg * {marker} / {CANONICAL_UNITS[denominator.dimension]}"
    multiplier = conversion_factor(expression, target)
    return FactorUnit(text=text, gas=gas, denominator=denominator, to_kg_per_canonical=multiplier)


@lru_cache(maxsize=4096)
def conversion_factor(source: str, target: str) -> float:
    """Multiplier from one pint unit expression to another, computed once per pair.

    Raises
    ------
    UnitError
        If the two are of different dimensions.

    Examples
    --------
    >>> conversion_factor("kWh * (kg * CO2e / MWh)", "kg * CO2e")
    0.001
    >>> conversion_factor("kWh * (kg * CO2e / l)", "kg * CO2e")
    Traceback (most recent call last):
    ...
    klimatkalk.errors.UnitError: unit 'kWh * (kg * CO2e / l)': cannot be converted to kg * CO2e
    """
    try:
        return _tidy(float(registry().Quantity(1.0, source).to(target).magnitude))
    except _pint_errors().DimensionalityError:
        raise UnitError(
            source, ErrorReason.UNIT_DIMENSION_MISMATCH, f"cannot be converted to {target}"
        ) from None


def _parse_pint_unit(text: str, expression: str) -> pint.Unit:
    try:
        return registry().parse_units(expression)
    except (
        _pint_errors().UndefinedUnitError,
        _pint_errors().DefinitionSyntaxError,
        ValueError,
        AttributeError,
    ):
        known = ", ".join(sorted(_ALIASES))
        raise UnitError(
            text, ErrorReason.UNKNOWN_UNIT, f"unknown unit; known units include {known}"
        ) from None
    except Exception as exc:  # pint's tokenizer raises assorted errors on garbage input
        raise UnitError(text, ErrorReason.UNKNOWN_UNIT, f"does not parse ({exc})") from None


def _pint_errors() -> Any:
    import pint.errors

    return pint.errors


def _tidy(multiplier: float) -> float:
    # Unit multipliers are exact decimals: drop pint's round-off (1 m3 = 999.9999999999999 l).
    return float(f"{multiplier:.12g}")


def _dimension_of(unit: pint.Unit) -> str | None:
    reg = registry()
    dimensionality = reg.get_dimensionality(unit)
    for name, spelled in DIMENSIONS.items():
        if dimensionality == reg.get_dimensionality(spelled):
            return name
    return None
