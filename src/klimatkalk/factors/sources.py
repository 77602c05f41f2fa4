"""Sources: the publications (one row per edition) that every emission factor cites."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Self

from pydantic import Field, model_validator

from klimatkalk.factors.tables import OptionalStr, RowModel, Slug, Text

__all__ = ["Source"]


class Source(RowModel):
    """One publication edition (a row of ``sources.csv``).

    A source must name its publisher, title and publication year, and carry a ``url`` or a
    ``doc_id`` (report number, ISBN, DOI) so that an auditor can find it.
    """

    source_id: Slug
    publisher: Text
    title: Text
    year: Annotated[int, Field(ge=1900, le=2100)]
    url: OptionalStr = None
    doc_id: OptionalStr = None
    retrieved: date | None = None
    license: OptionalStr = None
    note: OptionalStr = None

    @model_validator(mode="after")
    def _findable(self) -> Self:
        if not self.url and not self.doc_id:
            msg = "a source needs a url or a doc_id"
            raise ValueError(msg)
        return self

    def citation(self) -> str:
        """Return a one-line citation: publisher (year). Title. URL or document id."""
        where = self.url or self.doc_id
        return f"{self.publisher} ({self.year}). {self.title}. {where}"
