"""Derived factor rows, re-derivable: pump fuel blends from per-grade bases and bio shares.

Swedish pump diesel and petrol are blends: fossil MK1 diesel (or E0 petrol) with FAME, HVO or
ethanol, in shares that change every year with the reduktionsplikt. A blend's factor is not
published; it is derived from

* the fossil grade's CO2 per litre, heating value and life-cycle intensity, and each bio
  component's heating value and life-cycle intensity (``derivations/fuel_grades.csv``), and
* the year's bio shares by volume (``derivations/blend_shares.csv``): the shares actually
  delivered where Energimyndigheten reports them, otherwise a stated stand-in flagged
  ``provisional``.

Per litre of blend, with volume shares ``v_i`` of the bio components and ``1 - Σ v_i`` of the
fossil grade::

    combustion = (1 - Σ v_i) × CO2_fossil                    (kg CO2 per l; biogenic CO2 = 0)
    lifecycle  = ((1 - Σ v_i) × H_fossil × L_fossil + Σ v_i × H_i × L_i) / 1000   (kg CO2e per l)

with ``H`` the heating value (MJ per l) and ``L`` the life-cycle intensity (g CO2e per MJ).

:func:`legal_level_share` gives the stand-in used where no delivered share is published: the
bio energy share a reduction level ``r`` needs if the bio component saves ``s`` of the fossil
reference's emissions (``b = r / s``), turned into a volume share.

Per-km rows of cars and taxis follow the same blends. A per-km value is published for one
year's pump fuel (Naturvårdsverket's tool: a diesel car 0.184 kg CO2e per vehicle-km, well to
wheel, ``derivations/per_km.csv``); it fixes the car's energy use per km,
``E = value × H_blend / lifecycle_blend`` (MJ per km) of that year's blend, and every year's
factor is ``E`` times that year's blend per MJ (:func:`per_km`): the delivered bio shares, not
the legal level, move the per-km factor from year to year.

Spend factors from an input–output table are derived the same way: ``derivations/spend_mrio.csv``
holds each product multiplier, product share and producer-country weight, and the ``mrio_mix``
recipe re-derives the factor and its range with :func:`klimatkalk.factors.spend_mrio.mrio_mix`.

``derivations/recipes.csv`` names, for every derived factor row this module can reproduce, the
recipe and its inputs; ``tests/factor_data/test_derived_rows.py`` re-derives each and compares
it with the released value.

Examples
--------
One litre of pump diesel in 2019: 23.3 % bio by volume, of which 5.8 % FAME and 17.5 % HVO
(Energimyndigheten), MK1 fossil 2.54 kg CO2 per litre (Drivkraft Sverige):

>>> from klimatkalk.factors.derive import Component, blend_per_litre
>>> fossil = Component("diesel_mk1", co2_kg_per_l=2.54, mj_per_l=35.28, g_co2e_per_mj=95.1)
>>> bio = [
...     (Component("fame", 0.0, 32.94, 32.3), 0.058),
...     (Component("hvo", 0.0, 34.02, 14.0), 0.175),
... ]
>>> blend = blend_per_litre(fossil, bio)
>>> round(blend.combustion, 4)  # (1 - 0.233) x 2.54
1.9482
"""

from __future__ import annotations

import ast
import csv
import dataclasses
import operator
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from klimatkalk.factors.spend_mrio import MrioInput, load_mrio_inputs, mrio_mix

__all__ = [
    "Blend",
    "Component",
    "Inputs",
    "PerKm",
    "blend_per_litre",
    "legal_level_share",
    "load_components",
    "load_inputs",
    "load_per_km",
    "load_shares",
    "per_km",
    "pump_blend",
    "rederive",
]


@dataclass(frozen=True)
class Component:
    """A fuel grade or bio component: fossil CO2, heating value and life-cycle intensity."""

    name: str
    co2_kg_per_l: float
    """Fossil CO2 at combustion, kg per litre (0 for a bio component)."""
    mj_per_l: float
    """Heating value, MJ per litre."""
    g_co2e_per_mj: float
    """Life-cycle (well-to-wheel) intensity, g CO2e per MJ."""
    ch4_kg_per_l: float = 0.0
    """CH4 at combustion, kg per litre burnt."""
    n2o_kg_per_l: float = 0.0
    """N2O at combustion, kg per litre burnt."""


@dataclass(frozen=True)
class Blend:
    """Per-litre factors of a blend."""

    combustion: float
    """kg fossil CO2 per litre."""
    ch4: float
    """kg CH4 per litre: the fossil grade's per-litre value, for every litre of the blend."""
    n2o: float
    """kg N2O per litre, as ``ch4``."""
    lifecycle: float
    """kg CO2e per litre, well to wheel."""
    bio_volume_share: float
    mj_per_l: float


def blend_per_litre(fossil: Component, bio: Sequence[tuple[Component, float]]) -> Blend:
    """Return the per-litre factors of ``fossil`` blended with ``bio`` (component, volume share).

    Raises
    ------
    ValueError
        If a share is negative or the shares add up to more than 1.
    """
    shares = [v for _, v in bio]
    if any(v < 0 for v in shares) or sum(shares) > 1:
        msg = f"bio volume shares must be >= 0 and sum to at most 1: {shares}"
        raise ValueError(msg)
    v_bio = sum(shares)
    v_fossil = 1.0 - v_bio
    combustion = v_fossil * fossil.co2_kg_per_l + sum(c.co2_kg_per_l * v for c, v in bio)
    lifecycle_g = v_fossil * fossil.mj_per_l * fossil.g_co2e_per_mj + sum(
        v * c.mj_per_l * c.g_co2e_per_mj for c, v in bio
    )
    mj = v_fossil * fossil.mj_per_l + sum(v * c.mj_per_l for c, v in bio)
    return Blend(
        combustion=combustion,
        ch4=fossil.ch4_kg_per_l,
        n2o=fossil.n2o_kg_per_l,
        lifecycle=lifecycle_g / 1000,
        bio_volume_share=v_bio,
        mj_per_l=mj,
    )


def legal_level_share(reduction: float, fossil: Component, bio: Component) -> tuple[float, float]:
    """Return (energy share, volume share) of ``bio`` that a reduction level needs.

    The reduktionsplikt asks for a life-cycle reduction ``r`` per MJ against the fossil
    reference. A bio component that saves ``s = 1 - L_bio / L_fossil`` needs an energy share
    ``b = r / s``; its volume share is ``b × H_blend / H_bio`` with the blend's heating value
    ``H_blend = 1 / (b / H_bio + (1 - b) / H_fossil)``.

    >>> hvo = Component("hvo", 0.0, 34.0, 14.0)
    >>> mk3 = Component("diesel_mk3", 2.66, 35.9, 95.1)
    >>> energy, volume = legal_level_share(0.20, mk3, hvo)
    >>> round(energy, 4), round(volume, 4)  # 0.20 / (1 - 14.0/95.1); x 35.44 / 34.0
    (0.2345, 0.2444)
    """
    saving = 1.0 - bio.g_co2e_per_mj / fossil.g_co2e_per_mj
    energy = reduction / saving
    h_blend = 1.0 / (energy / bio.mj_per_l + (1.0 - energy) / fossil.mj_per_l)
    return energy, energy * h_blend / bio.mj_per_l


def load_components(path: Path) -> dict[str, Component]:
    """Read ``fuel_grades.csv``: one row per grade and property (long form)."""
    values: dict[str, dict[str, float]] = {}
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            values.setdefault(row["grade"], {})[row["property"]] = float(row["value"])
    return {
        name: Component(
            name,
            co2_kg_per_l=v.get("co2_combustion", 0.0),
            mj_per_l=v["heating_value"],
            g_co2e_per_mj=v.get("lifecycle_intensity", float("nan")),
            ch4_kg_per_l=v.get("ch4_combustion", 0.0),
            n2o_kg_per_l=v.get("n2o_combustion", 0.0),
        )
        for name, v in values.items()
    }


def load_shares(path: Path) -> dict[tuple[str, int], dict[str, float]]:
    """Read ``blend_shares.csv``: (fuel, year) → {component: volume share}."""
    shares: dict[tuple[str, int], dict[str, float]] = {}
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if row["basis"] != "volume":
                msg = f"blend share basis must be 'volume', got {row['basis']!r}"
                raise ValueError(msg)
            key = (row["fuel"], int(row["year"]))
            shares.setdefault(key, {})[row["component"]] = float(row["share"])
    return shares


FOSSIL_GRADE = {"diesel": "diesel_mk1", "petrol": "petrol_e0"}
"""The fossil grade a Swedish pump holds: MK1 diesel, E0 petrol."""


def pump_blend(
    fuel: str,
    year: int,
    components: Mapping[str, Component],
    shares: Mapping[tuple[str, int], Mapping[str, float]],
) -> Blend:
    """Return the per-litre factors of Swedish pump ``fuel`` (diesel, petrol) in ``year``."""
    fossil = components[FOSSIL_GRADE[fuel]]
    bio = [(components[name], v) for name, v in sorted(shares[(fuel, year)].items())]
    return blend_per_litre(fossil, bio)


@dataclass(frozen=True)
class PerKm:
    """A published per-km factor of a vehicle and the pump fuel (and year) it was computed for."""

    vehicle: str
    fuel: str
    """``diesel`` or ``petrol`` (the pump fuel), or empty for a vehicle given only as a value."""
    value: float
    """kg CO2e per vehicle-km, well to wheel."""
    year: int
    """The year whose pump fuel the value stands for."""


def per_km(
    anchor: PerKm,
    year: int,
    components: Mapping[str, Component],
    shares: Mapping[tuple[str, int], Mapping[str, float]],
) -> Blend:
    """Return the per-km factors (a :class:`Blend` per km) of a car on pump fuel in ``year``.

    The car's energy use per km comes from the published value and its year's blend; each
    field of the result is that energy times the year's blend per MJ (``mj_per_l`` is then MJ
    per km and ``bio_volume_share`` the year's).

    >>> from klimatkalk.factors.derive import Component, PerKm, per_km
    >>> grades = {"petrol_e0": Component("petrol_e0", 2.36, 32.76, 93.3),
    ...           "ethanol": Component("ethanol", 0.0, 21.24, 30.8)}
    >>> shares = {("petrol", 2025): {"ethanol": 0.10}, ("petrol", 2019): {"ethanol": 0.063}}
    >>> car = PerKm("car_petrol", "petrol", 0.17, 2025)
    >>> round(per_km(car, 2025, grades, shares).lifecycle, 6)  # the anchor year gives it back
    0.17
    >>> round(per_km(car, 2019, grades, shares).lifecycle, 4)  # less ethanol in 2019
    0.173
    """
    ref = pump_blend(anchor.fuel, anchor.year, components, shares)
    energy = anchor.value * ref.mj_per_l / ref.lifecycle  # MJ per km
    blend = pump_blend(anchor.fuel, year, components, shares)
    per_mj = energy / blend.mj_per_l  # litres of the year's blend per km
    return Blend(
        combustion=blend.combustion * per_mj,
        ch4=blend.ch4 * per_mj,
        n2o=blend.n2o * per_mj,
        lifecycle=blend.lifecycle * per_mj,
        bio_volume_share=blend.bio_volume_share,
        mj_per_l=energy,
    )


def load_per_km(path: Path) -> dict[str, PerKm]:
    """Read ``per_km.csv``: vehicle → its published per-km factor."""
    out: dict[str, PerKm] = {}
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            out[row["vehicle"]] = PerKm(
                row["vehicle"], row["fuel"], float(row["value"]), int(row["year"])
            )
    return out


LEGACY = {
    "diesel": ("legacy_diesel_fossil", "legacy_hvo"),
    "petrol": ("legacy_petrol_fossil", "legacy_ethanol"),
}
"""Inputs of the first edition's pump rows: fossil base and the one bio component assumed."""


@dataclass(frozen=True)
class Inputs:
    """Everything a recipe may read: grades, delivered shares, legal reduction levels."""

    components: Mapping[str, Component]
    shares: Mapping[tuple[str, int], Mapping[str, float]]
    levels: Mapping[tuple[str, int], float]
    vehicles: Mapping[str, PerKm] = dataclasses.field(default_factory=dict)
    mrio: Mapping[str, Sequence[MrioInput]] = dataclasses.field(default_factory=dict)
    """The rows of ``spend_mrio.csv`` by factor_id (:mod:`klimatkalk.factors.spend_mrio`)."""


def rederive(recipe: str, arguments: str, inputs: Inputs, target: str = "value") -> float:
    """Recompute a derived factor value from its recipe (a row of ``recipes.csv``).

    ``target`` is ``value`` (the row's value) or a gas (``CO2``, ``CH4``, ``N2O``): that gas
    component of a combustion row (``components.csv``), kg per litre.

    Recipes:

    ``pump_blend`` (``fuel=…;year=…;boundary=…``)
        :func:`pump_blend` with the year's shares of ``blend_shares.csv``.
    ``legal_level_blend`` (same arguments)
        The first edition's model: the bio share the year's legal level needs
        (:func:`legal_level_share`) of one bio component, blended into a legacy fossil base.
    ``per_km_blend`` (``vehicle=…;year=…;boundary=…``)
        :func:`per_km` of the vehicle of ``per_km.csv`` in the year (kg per km).
    ``phev_per_km`` (``phev=…;petrol=…;electric=…;year=…``)
        The combustion part of a plug-in hybrid's km: the petrol share of its km
        ``(phev − electric) / (petrol − electric)`` of the three cars' published per-km values,
        times :func:`per_km` of the petrol car (the electric km burn nothing).
    ``per_km_grade`` (``vehicle=…;grade=…``)
        The vehicle's energy use per km (:func:`per_km`) on a pure grade (HVO100): energy ×
        the grade's life-cycle intensity, kg CO2e per km.
    ``grade_lifecycle`` (``grade=…``)
        A grade's life-cycle intensity × heating value, kg CO2e per litre.
    ``formula`` (an arithmetic expression of cited numbers, e.g. ``2.54269 + 0.52817``)
    ``mrio_mix`` (``factor=…``)
        :func:`~klimatkalk.factors.spend_mrio.mrio_mix` of that factor's rows of
        ``spend_mrio.csv``: the weighted value (target ``value``), or the ``low`` or ``high`` of
        its range (the factor's ``spend_basis.csv`` row).

    >>> rederive("formula", "0.246 / 10.1177", Inputs({}, {}, {}))  # doctest: +ELLIPSIS
    0.0243...
    """
    if recipe == "formula":
        return _arithmetic(arguments)
    args = dict(part.split("=", 1) for part in arguments.split(";") if part)
    step = _RECIPES.get(recipe)
    if step is None:
        msg = f"unknown recipe {recipe!r}"
        raise ValueError(msg)
    return step(args, inputs, target)


Args = Mapping[str, str]


def _grade_lifecycle(args: Args, inputs: Inputs, target: str) -> float:
    grade = inputs.components[args["grade"]]
    return grade.g_co2e_per_mj * grade.mj_per_l / 1000


def _grade_combustion(args: Args, inputs: Inputs, target: str) -> float:
    return _gas(blend_per_litre(inputs.components[args["grade"]], []), "combustion", target)


def _pump_blend(args: Args, inputs: Inputs, target: str) -> float:
    blend = pump_blend(args["fuel"], int(args["year"]), inputs.components, inputs.shares)
    return _gas(blend, args["boundary"], target)


def _legal_level_blend(args: Args, inputs: Inputs, target: str) -> float:
    fuel = args["fuel"]
    fossil, bio = (inputs.components[name] for name in LEGACY[fuel])
    _, volume = legal_level_share(inputs.levels[(fuel, int(args["year"]))], fossil, bio)
    return _gas(blend_per_litre(fossil, [(bio, volume)]), args["boundary"], target)


def _per_km_blend(args: Args, inputs: Inputs, target: str) -> float:
    car = inputs.vehicles[args["vehicle"]]
    blend = per_km(car, int(args["year"]), inputs.components, inputs.shares)
    return _gas(blend, args["boundary"], target)


def _phev_per_km(args: Args, inputs: Inputs, target: str) -> float:
    v = inputs.vehicles
    petrol, phev, electric = v[args["petrol"]], v[args["phev"]], v[args["electric"]]
    share = (phev.value - electric.value) / (petrol.value - electric.value)
    blend = per_km(petrol, int(args["year"]), inputs.components, inputs.shares)
    return share * _gas(blend, "combustion", target)


def _per_km_grade(args: Args, inputs: Inputs, target: str) -> float:
    car = inputs.vehicles[args["vehicle"]]
    energy = per_km(car, car.year, inputs.components, inputs.shares).mj_per_l
    return energy * inputs.components[args["grade"]].g_co2e_per_mj / 1000


def _mrio_mix(args: Args, inputs: Inputs, target: str) -> float:
    mix = mrio_mix(inputs.mrio[args["factor"]])
    return {"value": mix.value, "low": mix.low, "high": mix.high}[target]


_RECIPES: dict[str, Callable[[Args, Inputs, str], float]] = {
    "mrio_mix": _mrio_mix,
    "grade_lifecycle": _grade_lifecycle,
    "grade_combustion": _grade_combustion,
    "pump_blend": _pump_blend,
    "legal_level_blend": _legal_level_blend,
    "per_km_blend": _per_km_blend,
    "phev_per_km": _phev_per_km,
    "per_km_grade": _per_km_grade,
}


def _gas(blend: Blend, boundary: str, target: str) -> float:
    """Return the life-cycle value, or the combustion row's CO2 (``value``) or one gas."""
    if boundary == "lifecycle":
        return blend.lifecycle
    if target == "value":
        return blend.combustion
    return {"CO2": blend.combustion, "CH4": blend.ch4, "N2O": blend.n2o}[target]


_OPERATORS: dict[type, Callable[[float, float], float]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
}


def _arithmetic(expression: str) -> float:
    """Evaluate + - * / and parentheses over numbers; anything else is refused."""

    def walk(node: ast.AST) -> float:
        if isinstance(node, ast.Expression):
            return walk(node.body)
        if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
            return float(node.value)
        if isinstance(node, ast.BinOp) and type(node.op) in _OPERATORS:
            return _OPERATORS[type(node.op)](walk(node.left), walk(node.right))
        msg = f"not plain arithmetic: {expression!r}"
        raise ValueError(msg)

    return walk(ast.parse(expression, mode="eval"))


def load_inputs(folder: Path) -> Inputs:
    """Read a factor folder's derivation inputs (``derivations/`` and ``reduktionsplikt.csv``)."""
    levels: dict[tuple[str, int], float] = {}
    with (folder / "reduktionsplikt.csv").open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            levels[(row["fuel"], int(row["year"]))] = float(row["reduction_level"])
    vehicles = folder / "derivations" / "per_km.csv"
    mrio = folder / "derivations" / "spend_mrio.csv"
    return Inputs(
        components=load_components(folder / "derivations" / "fuel_grades.csv"),
        shares=load_shares(folder / "derivations" / "blend_shares.csv"),
        levels=levels,
        vehicles=load_per_km(vehicles) if vehicles.exists() else {},
        mrio=load_mrio_inputs(mrio) if mrio.exists() else {},
    )


def fmt(value: float, decimals: int = 4) -> str:
    """Format a derived value as it is written to the factor files (fixed decimals)."""
    return f"{value:.{decimals}f}"
