"""Units: a closed unit grammar, the one pint registry of klimatkalk, cached parsing.

A unit string is parsed by klimatkalk's own grammar, never handed to pint's expression parser:
unit names from a closed vocabulary (with the prefixes each one takes), joined by ``*``, ``·``
or ``/``, each optionally to a small integer power (``m3``, ``m**3``, ``m^3``, ``m³``). Numbers,
parentheses and names outside the vocabulary are refused, so that no unit string can make the
process evaluate anything (``l*10**10**10`` is an unknown unit, at once). Only the expression
built from vocabulary names reaches pint.

The vocabulary and registry add to pint's defaults what climate accounting in Sweden needs:

- ``CO2e`` is a dimension of its own (``[co2e]``), so ``kWh × (kg CO2e / l)`` can never be
  converted to ``kg CO2e``; ``emitted_gas`` stands for the species a factor emits as itself
  (``kg N2O / kg``) until a GWP set turns it into CO2e.
- ``mil`` in user data is the Swedish mil (10 km). pint's own ``mil`` is an angular mil and never
  reaches pint from user data.
- ``Nm3`` (normal cubic metre) is its own dimension: a gas volume at normal conditions is not a
  geometric ``m3``.
- ``SEK`` (with ``kr``, ``kSEK``/``TSEK``/``tkr`` thousand, ``MSEK``/``mnkr``/``Mkr`` million)
  is a currency dimension; ``TSEK`` is *tusen* SEK, never tera-SEK.
- ``ton`` (``tons``, ``tonne``) is a metric tonne, as every Swedish analyst means it, ``kton``
  and ``kt`` 1 000 tonnes; American and British tons only under their explicit names
  ``short_ton`` (907.18474 kg) and ``long_ton`` (1 016.0469088 kg).
- Prefixes are case-sensitive where the case decides a factor of 10⁹: ``MWh`` is megawatt-hours,
  ``mWh`` (and ``mwh``) is refused rather than guessed; ``KWH`` is still kWh.

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
    "DISTANCE_KINDS",
    "FactorUnit",
    "UnitInfo",
    "canonical_quantity",
    "conversion_factor",
    "dimension_fit_table",
    "dimension_fits",
    "dimension_mismatch",
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
    "passenger_distance": "[length]",
    "vehicle_distance": "[length]",
}
"""Activity dimensions (the ``dimension`` column of ``activities.csv``) and their pint form.

``passenger_distance`` (person-km, ``pkm``) and ``vehicle_distance`` (vehicle-km, ``vkm``) are
lengths to pint but different quantities: 1 000 bus vehicle-km carry some 20 times the
passengers of 1 000 person-km. They never stand for each other (:func:`dimension_fits`)."""

DISTANCE_KINDS: Final[dict[str, str]] = {
    "passenger_distance": "person-km (pkm, personkm)",
    "vehicle_distance": "vehicle-km (vkm, fordonskm)",
}
"""The two kinds of distance an activity can be measured in, as a reader would name them."""

CANONICAL_UNITS: Final[dict[str, str]] = {
    "volume": "l",
    "normal_volume": "Nm3",
    "mass": "kg",
    "energy": "kWh",
    "distance": "km",
    "currency": "SEK",
    "time": "h",
    "passenger_distance": "km",
    "vehicle_distance": "km",
}
"""The unit each dimension is held in inside the compiled factor table (km: pkm or vkm)."""


def _prefixed(base: str, pint_base: str, prefixes: str) -> dict[str, str]:
    """Return ``base`` with each of the SI ``prefixes`` (one letter each), case as written."""
    names = {"k": "kilo", "M": "mega", "G": "giga", "T": "tera", "P": "peta", "h": "hecto"}
    names |= {"d": "deci", "c": "centi", "m": "milli"}
    return {p + base: names[p] + pint_base for p in prefixes} | {base: pint_base}


# The closed vocabulary of unit names, case as written -> a pint unit name. A unit string is a
# product of these (``*``, ``/``, ``·``, small integer powers); nothing else reaches pint. Which
# prefix a name takes is chosen per unit: no milli-watt-hours (``mWh`` is refused, never MWh),
# and ``TSEK`` is thousand SEK (tusen), not tera-SEK.
_NAMES: Final[dict[str, str]] = {
    # volume
    **_prefixed("l", "liter", "mcdh"),
    **_prefixed("L", "liter", "mcdh"),
    "liter": "liter",
    "litre": "liter",
    "kbm": "meter ** 3",
    "Nm3": "Nm3",
    # length (m3, dm3, km2 … are a length and a power)
    **_prefixed("m", "meter", "kcdm"),
    "mil": "swedish_mil",
    # energy and power
    **_prefixed("Wh", "watt_hour", "kMGT"),
    **_prefixed("J", "joule", "kMGTP"),
    **_prefixed("W", "watt", "kMGT"),
    # mass: ton is a metric tonne; American and British tons only by their explicit names
    **_prefixed("g", "gram", "mk"),
    **_prefixed("t", "metric_ton", "kM"),
    "gram": "gram",
    "kilo": "kilogram",
    "ton": "metric_ton",
    "tons": "metric_ton",
    "tonne": "metric_ton",
    "tonnes": "metric_ton",
    "ton_metric": "metric_ton",
    "kton": "kilometric_ton",
    "Mton": "megametric_ton",
    "short_ton": "short_ton",
    "long_ton": "long_ton",
    # currency: k/T (tusen) is thousand, M/mn is million
    "SEK": "SEK",
    "kr": "SEK",
    "kronor": "SEK",
    "kSEK": "kSEK",
    "TSEK": "kSEK",
    "tkr": "kSEK",
    "MSEK": "MSEK",
    "mnkr": "MSEK",
    "Mkr": "MSEK",
    "mkr": "MSEK",
    # time
    "h": "hour",
    "tim": "hour",
    "timmar": "hour",
    "min": "minute",
    "s": "second",
    # gas markers of factor units
    "CO2e": "CO2e",
    "emitted_gas": "emitted_gas",
}

_DISTANCE_KINDS: Final[dict[str, str]] = {
    "pkm": "passenger_distance",
    "personkm": "passenger_distance",
    "vkm": "vehicle_distance",
    "fordonskm": "vehicle_distance",
}
"""Person- and vehicle-km: a whole unit each (never combined with others), and their dimension."""

# Lower-case spellings accepted whatever their case, where no other case means something else.
_ANY_CASE: Final[dict[str, str]] = {
    name.lower(): name
    for name in (
        "l",
        "ml",
        "cl",
        "dl",
        "hl",
        "liter",
        "litre",
        "kbm",
        "Nm3",
        "km",
        "mil",
        "kWh",
        "GWh",
        "TWh",
        "Wh",
        "kJ",
        "GJ",
        "TJ",
        "kW",
        "g",
        "kg",
        "gram",
        "kilo",
        "t",
        "kt",
        "ton",
        "tons",
        "tonne",
        "tonnes",
        "kton",
        "short_ton",
        "long_ton",
        "SEK",
        "kr",
        "kronor",
        "kSEK",
        "TSEK",
        "tkr",
        "MSEK",
        "mnkr",
        "mkr",
        "h",
        "tim",
        "timmar",
        "min",
    )
} | {name: name for name in _DISTANCE_KINDS}

_CASE_MATTERS: Final[dict[str, str]] = {
    "mwh": "write MWh for megawatt-hours (mWh would be milliwatt-hours)",
    "mj": "write MJ for megajoules (mJ would be millijoules)",
    "mw": "write MW for megawatts (mW would be milliwatts)",
    "mt": "write Mt or Mton for megatonnes, or t for tonnes",
    "mg": "write mg for milligrams (Mg would be megagrams: write t)",
}
"""Spellings whose case decides a factor of 10⁹: refused unless written exactly."""

_TOKEN: Final = re.compile(
    r"\s*(?:(?P<name>[^\W\d²³][^\W²³]*)(?:\s*(?:\*\*|\^)\s*(?P<power>[-−]?\d+)"
    r"|(?P<sup>[²³]))?|(?P<op>[*/·]))\s*"
)
_MAX_FACTORS: Final = 4
_MAX_POWER: Final = 4
_MAX_LENGTH: Final = 60

_HAS_DIGIT_VALUE = re.compile(r"^\s*[-+−]?\d|\d\s*[,.]\s*\d|\s\d")


def _name_to_pint(text: str, name: str) -> str:
    """Return the pint name of a vocabulary name; UnitError for any other name."""
    if name in _NAMES:
        return _NAMES[name]
    key = name.lower()
    if key in _ANY_CASE and _ANY_CASE[key] in _NAMES:
        return _NAMES[_ANY_CASE[key]]
    if key in _CASE_MATTERS:
        raise UnitError(text, ErrorReason.AMBIGUOUS_UNIT, f"{name!r}: {_CASE_MATTERS[key]}")
    within = f" in {text.strip()!r}" if text.strip() != name else ""
    raise UnitError(
        text,
        ErrorReason.UNKNOWN_UNIT,
        f"unknown unit {name!r}{within}; known units include {', '.join(_KNOWN_SHOWN)}",
    )


_KNOWN_SHOWN: Final = (
    "l, m3, Nm3, kg, t, ton (tonne), kWh, MWh, GJ, km, mil, pkm, vkm, SEK, kSEK/TSEK/tkr, "
    "MSEK/mnkr, h".split(", ")
)


def _unit_expression(text: str) -> str:
    """Parse ``text`` by the unit grammar into a pint expression of vocabulary names only.

    The grammar: a unit name, optionally to a small integer power (``m3``, ``m**3``, ``m^3``,
    ``m³``), joined by ``*``, ``·`` or ``/``. Numbers, parentheses and anything else are
    refused, so that no string can make pint evaluate an expression (``l*10**10**10``).
    """
    stripped = text.strip()
    if len(stripped) > _MAX_LENGTH:
        raise UnitError(text, ErrorReason.UNKNOWN_UNIT, f"longer than {_MAX_LENGTH} characters")
    if stripped.lower() in _DISTANCE_KINDS:
        return "kilometer"
    parts: list[str] = []
    position, expect_name, divide, factors = 0, True, False, 0
    while position < len(stripped):
        match = _TOKEN.match(stripped, position)
        if match is None or match.end() == position:
            raise UnitError(
                text,
                ErrorReason.UNKNOWN_UNIT,
                f"does not parse at {stripped[position:]!r}: a unit is names such as kWh, m3 "
                "or kg, joined by * or /, with small integer powers",
            )
        position = match.end()
        if match["op"] is not None:
            if expect_name:
                raise UnitError(text, ErrorReason.UNKNOWN_UNIT, f"{match['op']!r} without a unit")
            expect_name, divide = True, match["op"] == "/"
            continue
        if not expect_name:
            raise UnitError(text, ErrorReason.UNKNOWN_UNIT, "two units without * or / between")
        name, power_text = match["name"], match["power"] or ""
        if _raised(name) and not power_text and not match["sup"]:
            name, power_text = name[:-1], name[-1]  # m3, dm3, km2: a length and a power
        if match["sup"]:
            power_text = "2" if match["sup"] == "²" else "3"
        power = int(power_text.replace("−", "-")) if power_text else 1
        if power == 0 or abs(power) > _MAX_POWER:
            raise UnitError(text, ErrorReason.UNKNOWN_UNIT, f"power {power} (1 to {_MAX_POWER})")
        factors += 1
        if factors > _MAX_FACTORS:
            raise UnitError(text, ErrorReason.UNKNOWN_UNIT, f"more than {_MAX_FACTORS} units")
        pint_name = _name_to_pint(text, name)
        power = -power if divide else power
        parts.append(f"({pint_name}) ** {power}" if power != 1 else f"({pint_name})")
        expect_name = False
    if expect_name:
        raise UnitError(text, ErrorReason.UNKNOWN_UNIT, "ends without a unit")
    return " * ".join(parts)


def _raised(name: str) -> bool:
    """Whether ``name`` is a vocabulary name with a power 2 or 3 written after it (``m3``)."""
    known = name in _NAMES or name.lower() in _ANY_CASE
    return not known and name[-1] in "23" and len(name) > 1


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
    if not stripped:
        raise UnitError(text, ErrorReason.MISSING_VALUE, "the unit is empty")
    if _HAS_DIGIT_VALUE.search(stripped):
        raise UnitError(
            text, ErrorReason.UNKNOWN_UNIT, "a unit may not contain a number; put it in quantity"
        )
    expression = _unit_expression(text)
    unit = _parse_pint_unit(text, expression)
    dimension = _DISTANCE_KINDS.get(stripped.lower()) or _dimension_of(unit)
    if dimension is None:
        raise UnitError(
            text,
            ErrorReason.UNKNOWN_UNIT,
            f"{unit} is not a unit of any activity dimension ({', '.join(DIMENSIONS)})",
        )
    factor = _tidy(float(registry().Quantity(1.0, unit).to(CANONICAL_UNITS[dimension]).magnitude))
    return UnitInfo(text=text, pint_unit=expression, dimension=dimension, to_canonical=factor)


def dimension_fits(unit_dimension: str, activity_dimension: str) -> bool:
    """Tell whether a quantity in ``unit_dimension`` fits an activity in ``activity_dimension``.

    The same dimension fits. A plain distance (``km``, ``mil``) fits an activity measured in
    person-km or vehicle-km: it counts as what the activity measures. Person-km and vehicle-km
    never fit each other (converting needs an occupancy).

    Examples
    --------
    >>> dimension_fits("distance", "passenger_distance")  # 100 km of a train trip
    True
    >>> dimension_fits("vehicle_distance", "passenger_distance")  # bus vkm against a pkm factor
    False
    """
    if unit_dimension == activity_dimension:
        return True
    if unit_dimension == "distance" and activity_dimension in DISTANCE_KINDS:
        return True
    return activity_dimension == "distance" and unit_dimension in DISTANCE_KINDS


def dimension_fit_table() -> npt.NDArray[np.bool_]:
    """:func:`dimension_fits` as a table ``[activity dimension, unit dimension]``.

    Indexed by positions in :data:`DIMENSIONS`, with one more row and column (the last) for
    an unknown dimension, which fits nothing.
    """
    names = list(DIMENSIONS)
    table = np.zeros((len(names) + 1, len(names) + 1), dtype=bool)
    for a, activity in enumerate(names):
        for u, unit in enumerate(names):
            table[a, u] = dimension_fits(unit, activity)
    return table


_INSTEAD: Final[dict[str, str]] = {
    "passenger_distance": "give person-km (pkm) or km travelled per person; vehicle-km become "
    "person-km only with an occupancy",
    "vehicle_distance": "give vehicle-km (vkm) or km driven; person-km become vehicle-km only "
    "with an occupancy",
}


def dimension_mismatch(unit_dimension: str, activity_dimension: str) -> str:
    """Say why a unit does not fit the activity, and what to give instead.

    Examples
    --------
    >>> text = dimension_mismatch("vehicle_distance", "passenger_distance")
    >>> text.split(":")[0]
    'vehicle-km (vkm, fordonskm) given, but the activity is measured in person-km (pkm, personkm)'
    >>> "give person-km (pkm)" in text
    True
    """
    if unit_dimension in DISTANCE_KINDS and activity_dimension in DISTANCE_KINDS:
        return (
            f"{DISTANCE_KINDS[unit_dimension]} given, but the activity is measured in "
            f"{DISTANCE_KINDS[activity_dimension]}: {_INSTEAD[activity_dimension]}"
        )
    return (
        f"the unit is of another kind ({unit_dimension}) than the activity is measured in "
        f"({activity_dimension}, e.g. {CANONICAL_UNITS.get(activity_dimension, '?')})"
    )


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
    mass_expression = _unit_expression(mass_text)
    mass = _parse_pint_unit(text, mass_expression)
    if _dimension_of(mass) != "mass":
        raise UnitError(
            text,
            ErrorReason.UNKNOWN_UNIT,
            f"{mass_text!r} is not a mass unit: a factor gives a mass of CO2e or of a gas",
        )
    expression = f"({mass_expression}) * {marker} / ({denominator.pint_unit})"
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
    """Parse an expression built by :func:`_unit_expression` (vocabulary names, small powers)."""
    try:
        return registry().parse_units(expression)
    except Exception as exc:  # a vocabulary name pint does not know: a bug, said plainly
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
