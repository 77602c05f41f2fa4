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
import operator
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "Blend",
    "Component",
    "Inputs",
    "blend_per_litre",
    "legal_level_share",
    "load_components",
    "load_inputs",
    "load_shares",
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
    ``grade_lifecycle`` (``grade=…``)
        A grade's life-cycle intensity × heating value, kg CO2e per litre.
    ``formula`` (an arithmetic expression of cited numbers, e.g. ``2.54269 + 0.52817``)

    >>> rederive("formula", "0.246 / 10.1177", Inputs({}, {}, {}))  # doctest: +ELLIPSIS
    0.0243...
    """
    if recipe == "formula":
        return _arithmetic(arguments)
    args = dict(part.split("=", 1) for part in arguments.split(";") if part)
    if recipe == "grade_lifecycle":
        grade = inputs.components[args["grade"]]
        return grade.g_co2e_per_mj * grade.mj_per_l / 1000
    if recipe == "grade_combustion":
        grade = inputs.components[args["grade"]]
        blend = blend_per_litre(grade, [])
        return {"CO2": blend.combustion, "CH4": blend.ch4, "N2O": blend.n2o}[target]
    fuel, year = args["fuel"], int(args["year"])
    if recipe == "pump_blend":
        blend = pump_blend(fuel, year, inputs.components, inputs.shares)
    elif recipe == "legal_level_blend":
        fossil, bio = (inputs.components[name] for name in LEGACY[fuel])
        _, volume = legal_level_share(inputs.levels[(fuel, year)], fossil, bio)
        blend = blend_per_litre(fossil, [(bio, volume)])
    else:
        msg = f"unknown recipe {recipe!r}"
        raise ValueError(msg)
    if args["boundary"] == "lifecycle":
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
    return Inputs(
        components=load_components(folder / "derivations" / "fuel_grades.csv"),
        shares=load_shares(folder / "derivations" / "blend_shares.csv"),
        levels=levels,
    )


def fmt(value: float, decimals: int = 4) -> str:
    """Format a derived value as it is written to the factor files (fixed decimals)."""
    return f"{value:.{decimals}f}"
