"""Activity catalogue: the codes activity data uses, with category, scope and dimension."""

from __future__ import annotations

from typing import Annotated, Literal, Self

from pydantic import Field, StringConstraints, model_validator

from klimatkalk.factors.tables import OptionalStr, RowModel, Text

__all__ = ["CATEGORIES", "Activity", "ActivityCode", "Category"]

Category = Literal["energy", "transport", "medical_gases", "refrigerants", "purchases"]
CATEGORIES: tuple[str, ...] = ("energy", "transport", "medical_gases", "refrigerants", "purchases")
"""The categories of a Swedish region's climate report, in report order."""

ActivityCode = Annotated[str, StringConstraints(pattern=r"^[a-z0-9_]+$")]


class Activity(RowModel):
    """One activity of the catalogue (a row of ``activities.csv``).

    ``factor_gap`` says why the bundled data has no factor for some years 2019–2025 (or none at
    all): a catalogue activity without one fails the data tests unless this column says why.
    """

    activity: ActivityCode
    label_sv: Text
    label_en: Text
    category: Category
    subcategory: Text
    scope: Annotated[int, Field(ge=1, le=3)]
    ghg_category: Annotated[int, Field(ge=1, le=15)] | None = None
    dimension: Literal[
        "volume",
        "normal_volume",
        "mass",
        "energy",
        "distance",
        "currency",
        "time",
        "passenger_distance",
        "vehicle_distance",
    ]
    note: OptionalStr = None
    factor_gap: OptionalStr = None

    @model_validator(mode="after")
    def _scope3_category(self) -> Self:
        if self.ghg_category is not None and self.scope != 3:
            msg = "ghg_category is the scope-3 category number; leave it empty for scope 1 and 2"
            raise ValueError(msg)
        return self
