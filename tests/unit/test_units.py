import math

import pytest

from klimatkalk.errors import ErrorReason, UnitError
from klimatkalk.units import conversion_factor, parse_activity_unit, parse_factor_unit


@pytest.mark.parametrize(
    ("text", "dimension", "to_canonical"),
    [
        ("l", "volume", 1.0),
        ("liter", "volume", 1.0),
        ("dm3", "volume", 1.0),  # 1 dm3 = 1 l
        ("m3", "volume", 1000.0),  # 1 m3 = 1000 l
        ("m³", "volume", 1000.0),
        ("Nm3", "normal_volume", 1.0),
        ("kWh", "energy", 1.0),
        ("MWh", "energy", 1000.0),
        ("GWh", "energy", 1e6),
        ("GJ", "energy", 1e9 / 3.6e6),  # 1 GJ = 1e9 J / 3.6e6 J per kWh
        ("km", "distance", 1.0),
        ("mil", "distance", 10.0),  # Swedish mil = 10 km
        ("pkm", "distance", 1.0),
        ("g", "mass", 0.001),
        ("t", "mass", 1000.0),  # tonne
        ("SEK", "currency", 1.0),
        ("kr", "currency", 1.0),
        ("tkr", "currency", 1000.0),
        ("kSEK", "currency", 1000.0),
        ("MSEK", "currency", 1e6),
        ("h", "time", 1.0),
    ],
)
def test_activity_units(text: str, dimension: str, to_canonical: float) -> None:
    info = parse_activity_unit(text)
    assert info.dimension == dimension
    assert math.isclose(info.to_canonical, to_canonical, rel_tol=1e-12)


def test_unit_case_and_spaces_are_forgiven_for_known_units() -> None:
    assert parse_activity_unit(" KWH ").to_canonical == 1.0
    assert parse_activity_unit("Liter").dimension == "volume"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("ton", ErrorReason.AMBIGUOUS_UNIT),  # pint: US short ton, 907 kg
        ("tons", ErrorReason.AMBIGUOUS_UNIT),
        ("1,5 l", ErrorReason.UNKNOWN_UNIT),  # pint would read 15 l
        ("1 500 l", ErrorReason.UNKNOWN_UNIT),  # pint would read 500 l
        ("2 l", ErrorReason.UNKNOWN_UNIT),
        ("furlong_per_fortnight", ErrorReason.UNKNOWN_UNIT),
        ("kWh/m2", ErrorReason.UNKNOWN_UNIT),  # not an activity dimension
        ("", ErrorReason.MISSING_VALUE),
        ("°C", ErrorReason.UNKNOWN_UNIT),
    ],
)
def test_refused_units(text: str, reason: ErrorReason) -> None:
    with pytest.raises(UnitError) as info:
        parse_activity_unit(text)
    assert info.value.reason == reason
    assert isinstance(info.value, ValueError)


def test_pint_angular_mil_never_reaches_user_data() -> None:
    # pint's own "mil" is an angular mil (dimensionless); ours is 10 km.
    assert parse_activity_unit("mil").dimension == "distance"


def test_co2e_is_its_own_dimension() -> None:
    # kWh × (kg CO2e / l) can never become kg CO2e ...
    with pytest.raises(UnitError):
        conversion_factor("kWh * (kg * CO2e / l)", "kg * CO2e")
    # ... and a plain mass is not CO2e.
    with pytest.raises(UnitError):
        conversion_factor("kg", "kg * CO2e")
    # while the right pair converts: 1 MWh × 1 kg CO2e/kWh = 1000 kg CO2e
    assert conversion_factor("MWh * (kg * CO2e / kWh)", "kg * CO2e") == 1000.0


@pytest.mark.parametrize(
    ("unit", "gas", "kg_per_canonical"),
    [
        ("kg CO2e / l", "CO2e", 1.0),
        ("g CO2e / kWh", "CO2e", 0.001),
        ("kg CO2e / MWh", "CO2e", 0.001),
        ("t CO2e / m3", "CO2e", 1.0),  # 1000 kg per 1000 l
        ("g CO2e / pkm", "CO2e", 0.001),
        ("kg N2O / kg", "N2O", 1.0),
        ("kg CO2e / kSEK", "CO2e", 0.001),
    ],
)
def test_factor_units(unit: str, gas: str, kg_per_canonical: float) -> None:
    assert math.isclose(parse_factor_unit(unit, gas).to_kg_per_canonical, kg_per_canonical)


@pytest.mark.parametrize(
    ("unit", "gas"),
    [
        ("kg CO2e per l", "CO2e"),
        ("kg N2O / kg", "CO2e"),
        ("kWh CO2e / l", "CO2e"),
        ("kg CO2e / ton", "CO2e"),
    ],
)
def test_bad_factor_units(unit: str, gas: str) -> None:
    with pytest.raises(UnitError):
        parse_factor_unit(unit, gas)


def test_parsing_is_cached_per_distinct_string() -> None:
    parse_activity_unit.cache_clear()
    for _ in range(1000):
        parse_activity_unit("MWh")
    assert parse_activity_unit.cache_info().misses == 1
