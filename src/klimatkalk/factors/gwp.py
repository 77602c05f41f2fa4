"""GWP sets: GWP100 per species (AR4, AR5, AR6), gas species and blends by composition.

A factor whose ``gas`` is a species (``N2O``, ``sevoflurane``) or a blend (``R404A``,
``livopan``) is turned into CO2e with the GWP set the user chooses. A blend's GWP is the sum of
its components' mass fractions times their GWPs; a blend given by mole fraction (Livopan is
50/50 N2O/O2 *by volume*) is converted to mass fractions with the molar masses first.

References
----------
.. [1] IPCC (2007) AR4 WG1, Table 2.14. .. [2] IPCC (2013) AR5 WG1, Table 8.A.1.
.. [3] IPCC (2021) AR6 WG1, Table 7.SM.7 and Table 7.15.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Annotated, Final, Literal, get_args

from pydantic import Field

from klimatkalk.errors import ErrorReason, KlimatkalkError
from klimatkalk.factors.tables import GwpSetName, OptionalStr, RowModel, Slug, Text

__all__ = [
    "DEFAULT_GWP_SET",
    "GWP_SETS",
    "BlendComponent",
    "GwpNotAvailableError",
    "GwpTable",
    "GwpValue",
    "Species",
    "gwp_set_name",
]

GWP_SETS: Final[tuple[str, ...]] = get_args(GwpSetName)
"""GWP sets klimatkalk knows: ``AR4GWP100``, ``AR5GWP100``, ``AR6GWP100``."""
DEFAULT_GWP_SET: Final = "AR5GWP100"
"""AR5 GWP100: the UNFCCC reporting convention since 2024."""


def gwp_set_name(value: str) -> str:
    """Return the GWP set ``value`` names, in any case, ``AR6`` short for ``AR6GWP100``.

    A name of no known set is returned as it is (the calculation says which sets there are).

    Examples
    --------
    >>> gwp_set_name("ar6gwp100"), gwp_set_name("AR4"), gwp_set_name("AR7")
    ('AR6GWP100', 'AR4GWP100', 'AR7')
    """
    key = str(value).strip().upper()
    for name in GWP_SETS:
        if key in (name, name.removesuffix("GWP100")):
            return name
    return value


_BLEND_TOLERANCE: Final = 1e-3


class GwpValue(RowModel):
    """One GWP100 value of one species in one set (a row of ``gwp.csv``)."""

    species: Slug
    gwp_set: GwpSetName
    value: Annotated[float, Field(ge=0, allow_inf_nan=False)]
    source_id: Slug
    source_locator: Text
    note: OptionalStr = None


class Species(RowModel):
    """A gas a factor may emit as itself (a row of ``species.csv``)."""

    species: Slug
    label_sv: Text
    label_en: Text
    formula: OptionalStr = None
    molar_mass: Annotated[float, Field(gt=0, allow_inf_nan=False)] | None = None
    source_id: Slug
    note: OptionalStr = None


class BlendComponent(RowModel):
    """One component of a blend or gas mixture (a row of ``blends.csv``)."""

    blend: Slug
    component: Slug
    fraction: Annotated[float, Field(gt=0, le=1, allow_inf_nan=False)]
    basis: Literal["mass", "mole"]
    source_id: Slug
    source_locator: Text
    note: OptionalStr = None


class GwpNotAvailableError(KlimatkalkError, KeyError):
    """A gas has no GWP in the requested set."""

    def __init__(self, gas: str, gwp_set: str) -> None:
        self.gas = gas
        self.gwp_set = gwp_set
        self.reason = ErrorReason.GWP_NOT_AVAILABLE
        super().__init__(gas, gwp_set)

    def __str__(self) -> str:
        return f"no {self.gwp_set} value for {self.gas!r} in gwp.csv"


@dataclass(frozen=True)
class GwpTable:
    """GWP values, species and blends, with blend GWPs computed from composition.

    Examples
    --------
    >>> import klimatkalk as kk
    >>> gwp = kk.load_factors().gwp
    >>> gwp.value("N2O", "AR5GWP100")  # IPCC AR5 WG1 Table 8.A.1
    265.0
    """

    values: dict[tuple[str, str], float]
    species: dict[str, Species]
    blends: dict[str, tuple[BlendComponent, ...]] = field(default_factory=dict)

    @classmethod
    def from_rows(
        cls,
        values: Iterable[GwpValue],
        species: Iterable[Species],
        blends: Iterable[BlendComponent],
    ) -> GwpTable:
        """Build the table from validated rows."""
        grouped: dict[str, list[BlendComponent]] = {}
        for component in blends:
            grouped.setdefault(component.blend, []).append(component)
        return cls(
            values={(v.species, v.gwp_set): v.value for v in values},
            species={s.species: s for s in species},
            blends={k: tuple(v) for k, v in grouped.items()},
        )

    def knows(self, gas: str) -> bool:
        """Whether ``gas`` is a species or blend of this table."""
        return gas in self.species or gas in self.blends

    def mass_fractions(self, blend: str) -> dict[str, float]:
        """Mass fraction of each component of ``blend``.

        A mole-basis blend is converted with the components' molar masses:
        w_i = x_i M_i / Σ x_j M_j.
        """
        components = self.blends[blend]
        if all(c.basis == "mass" for c in components):
            return {c.component: c.fraction for c in components}
        weights = {c.component: c.fraction * self._molar_mass(c.component) for c in components}
        total = sum(weights.values())
        return {k: w / total for k, w in weights.items()}

    def value(self, gas: str, gwp_set: str) -> float:
        """GWP100 of a species or blend [kg CO2e / kg] in ``gwp_set``.

        Raises
        ------
        GwpNotAvailableError
            If the gas, or a component of the blend, has no value in that set.
        """
        if gas == "CO2e":
            return 1.0
        if gas in self.blends:
            return sum(
                fraction * self.value(component, gwp_set)
                for component, fraction in self.mass_fractions(gas).items()
            )
        try:
            return self.values[(gas, gwp_set)]
        except KeyError:
            raise GwpNotAvailableError(gas, gwp_set) from None

    def blend_problems(self) -> list[str]:
        """Describe blends whose fractions do not sum to 1 or mix bases or lack molar masses."""
        problems = []
        for blend, components in self.blends.items():
            total = sum(c.fraction for c in components)
            if abs(total - 1.0) > _BLEND_TOLERANCE:
                problems.append(f"blend {blend!r}: fractions sum to {total:.4f}, not 1")
            if len({c.basis for c in components}) > 1:
                problems.append(f"blend {blend!r}: mixes mass and mole fractions")
            for c in components:
                if not self.knows(c.component):
                    problems.append(f"blend {blend!r}: unknown component {c.component!r}")
                elif c.basis == "mole" and self.species[c.component].molar_mass is None:
                    problems.append(f"blend {blend!r}: {c.component!r} has no molar_mass")
        return problems

    def _molar_mass(self, species: str) -> float:
        mass = self.species[species].molar_mass
        if mass is None:
            msg = f"{species!r} has no molar_mass in species.csv"
            raise KlimatkalkError(msg)
        return mass
