import math
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from klimatkalk.errors import ErrorReason, UnitError
from klimatkalk.units import conversion_factor, parse_activity_unit, parse_factor_unit

FIXTURE = Path(__file__).parents[1] / "fixtures" / "factors_minimal"


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
        ("pkm", "passenger_distance", 1.0),  # person-km
        ("vkm", "vehicle_distance", 1.0),  # vehicle-km: another quantity
        ("fordonskm", "vehicle_distance", 1.0),
        ("personkm", "passenger_distance", 1.0),
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
        ("mWh", ErrorReason.AMBIGUOUS_UNIT),  # milli or mega? refused, never read as MWh
        ("mwh", ErrorReason.AMBIGUOUS_UNIT),
        ("mJ", ErrorReason.AMBIGUOUS_UNIT),
        ("Mg", ErrorReason.AMBIGUOUS_UNIT),
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
        ("kWh / l", "CO2e"),  # the numerator is not a mass
        ("kWh CO2e / l", "CO2e"),
        ("kg CO2e / l*10**10**10", "CO2e"),
        ("kg CO2e / mWh", "CO2e"),
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


# --- issue 16 (hardening) and issue 13 §6: a closed grammar, and units as Swedes mean them ----


def _returns_within(code: str, seconds: float = 60.0) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a fresh interpreter; fail (instead of hanging) after ``seconds``."""
    try:
        return subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            timeout=seconds,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"did not return within {seconds} s: {code}")


def test_a_unit_string_never_hangs_the_process() -> None:
    # pint's expression parser would evaluate 10**10**10 (a number of 10 000 000 000 digits)
    code = (
        "from klimatkalk.units import parse_activity_unit, parse_factor_unit\n"
        "for f in (lambda: parse_activity_unit('l*10**10**10'),"
        " lambda: parse_factor_unit('kg CO2e / l*10**10**10', 'CO2e')):\n"
        "    try:\n        f()\n    except ValueError as e:\n        print('refused:', e)\n"
    )
    done = _returns_within(code)
    assert done.stdout.count("refused:") == 2, done.stderr


@pytest.mark.parametrize(
    "text", ["l*10**10**10", "l*10**10", "kWh**99999999", "l" + "*l" * 10_000, "(l)", "l**2**2"]
)
def test_a_unit_string_cannot_make_the_parser_evaluate_anything(text: str) -> None:
    with pytest.raises(UnitError) as info:
        parse_activity_unit(text)
    assert info.value.reason == ErrorReason.UNKNOWN_UNIT and info.value.message


@pytest.mark.parametrize(
    ("text", "to_canonical"),
    [
        # thousand SEK (tusen kronor) and million SEK (miljoner kronor), never tera/mega-prefix
        # readings of pint: TSEK = 1 000 SEK, not 10**12 SEK
        ("TSEK", 1_000.0),
        ("tkr", 1_000.0),
        ("kSEK", 1_000.0),
        ("MSEK", 1_000_000.0),
        ("mnkr", 1_000_000.0),
        ("Mkr", 1_000_000.0),
    ],
)
def test_swedish_currency_units(text: str, to_canonical: float) -> None:
    info = parse_activity_unit(text)
    assert info.dimension == "currency" and info.to_canonical == to_canonical


@pytest.mark.parametrize(
    ("text", "kg"),
    [
        ("ton", 1_000.0),  # metric tonne
        ("tons", 1_000.0),
        ("tonne", 1_000.0),
        ("kton", 1_000_000.0),  # 1 000 t
        ("kt", 1_000_000.0),  # kilotonne (pint's kt is a knot)
        ("short_ton", 907.18474),  # 2 000 lb × 0.45359237 kg/lb
        ("long_ton", 1016.0469088),  # 2 240 lb × 0.45359237 kg/lb
    ],
)
def test_tons(text: str, kg: float) -> None:
    info = parse_activity_unit(text)
    assert info.dimension == "mass"
    assert math.isclose(info.to_canonical, kg, rel_tol=1e-12)


@pytest.mark.parametrize(
    ("text", "to_canonical"),
    [("m**3", 1000.0), ("m^3", 1000.0), ("m³", 1000.0), ("kW*h", 1.0), ("kW·h", 1.0)],
)
def test_the_grammar_takes_products_and_small_powers(text: str, to_canonical: float) -> None:
    assert math.isclose(parse_activity_unit(text).to_canonical, to_canonical)


def test_a_factor_in_tons_is_per_metric_tonne() -> None:
    # 1 ton CO2e / l = 1 000 kg CO2e / l; 1 kg CO2e / ton = 0.001 kg CO2e per kg
    assert parse_factor_unit("ton CO2e / l", "CO2e").to_kg_per_canonical == 1000.0
    assert parse_factor_unit("kg CO2e / ton", "CO2e").to_kg_per_canonical == 0.001


def test_ten_tsek_of_food_is_ten_thousand_kronor() -> None:
    import pandas as pd

    import klimatkalk as kk

    acts = pd.DataFrame(
        {
            "year": [2024] * 5,
            "activity": ["purchase_food"] * 3 + ["nitrous_oxide"] * 2,
            "quantity": [10, 10_000, 10, 1, 1],
            "unit": ["TSEK", "SEK", "tkr", "t", "ton"],
        }
    )
    result = kk.calculate_emissions(acts, kk.load_factors("tests/fixtures/factors_minimal"))
    kg = result.rows["emissions_kg_co2e"].tolist()
    assert kg[0] == kg[1] == kg[2]  # 10 TSEK = 10 tkr = 10 000 SEK
    assert kg[3] == kg[4]  # ton is the same tonne as t


def test_a_hostile_unit_in_a_file_is_a_rejected_row_or_a_factor_data_error(tmp_path: Path) -> None:
    acts = tmp_path / "acts.csv"
    acts.write_text("år;aktivitet;mängd;enhet\n2024;diesel;1;l*10**10**10\n", encoding="utf-8")
    factors = tmp_path / "factors"
    shutil.copytree(FIXTURE, factors)
    table = factors / "factors" / "fixture.csv"
    text = table.read_text(encoding="utf-8").replace("g CO2e / kWh", "g CO2e / kWh*10**10**10")
    table.write_text(text, encoding="utf-8")
    run = "import sys; from klimatkalk.cli import main; sys.exit(main(sys.argv[1:]))"
    for argv, code, said in (
        ([str(acts), "--factors", str(FIXTURE)], 1, "okänd enhet"),
        ([str(acts), "--factors", str(factors)], 2, "kolumn 'unit', värdet 'g CO2e / kWh*10"),
        ([str(acts), "--factors", str(factors), "--lang", "en"], 2, "does not parse"),
    ):
        done = subprocess.run(
            [sys.executable, "-c", run, "calculate", *argv],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert done.returncode == code and said in done.stderr, done.stderr


def test_vehicle_km_against_a_person_km_factor_is_rejected_with_what_to_give() -> None:
    import pandas as pd

    import klimatkalk as kk

    # issue 13 §6: 1 000 bus vehicle-km were read as 1 000 person-km (26 kg instead of about a
    # tonne). The bus is measured in person-km (emission_factors/activities.csv), cars in
    # vehicle-km; plain km counts as the activity's own kind.
    acts = pd.DataFrame(
        {
            "year": [2024] * 5,
            "activity": ["bus", "bus", "bus", "car_petrol", "car_petrol"],
            "quantity": [1000.0] * 5,
            "unit": ["vkm", "pkm", "km", "pkm", "vkm"],
        }
    )
    result = kk.calculate_emissions(acts)
    rejected = result.rejected.set_index("row")
    assert sorted(rejected.index) == [0, 3]
    assert (rejected["reason"] == "unit_dimension_mismatch").all()
    assert "give person-km (pkm)" in rejected.loc[0, "message"]
    assert "give vehicle-km (vkm)" in rejected.loc[3, "message"]
    kg = result.rows["emissions_kg_co2e"]
    assert kg.loc[1] == kg.loc[2]  # 1 000 pkm = 1 000 km of a bus trip per person


def test_a_factor_per_vehicle_km_does_not_load_for_a_person_km_activity(tmp_path: Path) -> None:
    import klimatkalk as kk

    folder = tmp_path / "own"
    (folder / "factors").mkdir(parents=True)
    (folder / "sources.csv").write_text(
        "source_id,publisher,title,year,url,doc_id,retrieved,license,note\n"
        "own-2024,Own,Own factors,2024,,doc-1,2025-01-01,,\n",
        encoding="utf-8",
    )
    (folder / "factors" / "travel.csv").write_text(
        "factor_id,activity,value,unit,gas,gwp_set,boundary,price_year,valid_from,valid_to,"
        "source_id,source_locator,note\n"
        "bus-own,bus,1.0,kg CO2e / vkm,CO2e,,lifecycle,,2024,2024,own-2024,p. 1,\n",
        encoding="utf-8",
    )
    with pytest.raises(kk.FactorDataError, match="bus"):
        kk.load_factors(["bundled", folder])


def test_an_unknown_part_of_a_unit_is_quoted_with_the_whole_unit() -> None:
    # "milj kr" (miljoner kronor) is two names; the message names the unknown one and the cell.
    with pytest.raises(UnitError) as caught:
        parse_activity_unit("milj kr")
    assert "unknown unit 'milj' in 'milj kr'" in caught.value.message
    with pytest.raises(UnitError) as alone:
        parse_activity_unit("foo")
    assert "unknown unit 'foo';" in alone.value.message
