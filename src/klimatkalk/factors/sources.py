"""Sources: the publications (one row per edition) that every emission factor cites."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal, Self

from pydantic import Field, model_validator

from klimatkalk.factors.tables import OptionalStr, RowModel, Slug, Text

__all__ = ["Source"]


class Source(RowModel):
    """One publication edition (a row of ``sources.csv``).

    A source must name its publisher, title and publication year, and carry a ``url`` or a
    ``doc_id`` (report number, ISBN, DOI) so that an auditor can find it.

    ``year_basis`` says where ``year`` comes from: ``stated`` (the document's own date; the
    default when blank), ``inferred`` (from its content, e.g. "values for 2022", so 2023) or
    ``retrieval`` (undated: the year it was read). A ``retrieval`` year keeps the edition filter
    conservative, but it is no publication date: an undated source never wins a tie against a
    dated edition covering the same activity and year (:mod:`klimatkalk.factors.compile`).
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
    year_basis: Literal["stated", "inferred", "retrieval"] | None = None

    @property
    def dated(self) -> bool:
        """Whether ``year`` is a publication year (stated or inferred), not a retrieval year."""
        return self.year_basis != "retrieval"

    @model_validator(mode="after")
    def _findable(self) -> Self:
        if not self.url and not self.doc_id:
            msg = "a source needs a url or a doc_id"
            raise ValueError(msg)
        return self

    def citation(self) -> str:
        """Return a one-line citation: publisher (year). Title. URL or document id.

        An undated source shows ``(undated, read <year>)`` instead of a publication year.
        """
        where = self.url or self.doc_id
        return f"{self.publisher} ({self.dated_as()}). {self.title}. {where}"

    def dated_as(self) -> str:
        """Return the publication year as text, or ``undated, read <year>`` if undated."""
        return str(self.year) if self.dated else f"undated, read {self.year}"
