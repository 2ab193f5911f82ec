"""The sources catalogue's format (`sources/sources.yaml`), as pydantic models: the
checks, error messages and types. The game reads a catalogue through the records of the
same names in `sources`, filled by a validator built from these models' core schema
(`validators`), so checking a scenario's citations needs no pydantic once that schema is
cached."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ..engine.spec import SourceFile


class Article(BaseModel):
    """One article as the catalogue describes it."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    file: SourceFile
    title: str = Field(min_length=1)
    headline: bool  # whether the title is the copy's own headline
    outlet: str | None
    outlet_note: str = ""
    author: str | None
    kind: str = Field(min_length=1)
    period: str = Field(min_length=1)
    used_for: list[str] = Field(min_length=1)
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")


class CatalogueFile(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)

    format: Literal[1]
    articles: list[Article]
