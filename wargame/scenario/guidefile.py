"""The guide file's format (`guides/<scenario id>.steps.yaml`): its pydantic models and
its reader. Imported only when a scenario has a guide (`guide.load_guide`), so the board
of any other scenario never imports pydantic."""

from __future__ import annotations

from pathlib import Path

import pydantic
from pydantic import BaseModel, ConfigDict, Field

from ..engine.spec import Name, Text
from .guide import Action, GuideError
from .readfile import FileRefused, read_regular


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, defer_build=True)


class DoneWhen(_Model):
    action: Action = Field(description="The player action that completes the step.")
    town: str | None = Field(default=None, description="select_town: this town only.")
    order: str | None = Field(default=None,
                              description="queue_order, view_odds: this order kind only.")


class Step(_Model):
    id: str = Field(description="Step identifier.")
    title: Name = Field(description="Short title.")
    text: Text = Field(description="What to do and why, shown to the player.")
    done_when: DoneWhen = Field(description="What completes the step.")


class GuideSpec(_Model):
    scenario: str = Field(description="Id of the scenario this guide is for.")
    steps: list[Step] = Field(min_length=1, description="The steps, in order.")


def read_guide(path: Path) -> GuideSpec:
    """Parse and type-check a guide file; raise GuideError with positioned messages."""
    from .errors import pydantic_errors_to_source
    from .yamlload import MAX_BYTES, YamlLoadError, load_yaml

    name = str(path)
    try:
        raw = read_regular(path, MAX_BYTES)
    except FileRefused as exc:
        raise GuideError([f"{name}:1:1: error: file: {exc}"]) from None
    try:
        loaded = load_yaml(raw)
    except YamlLoadError as exc:
        raise GuideError([e.format(name) for e in exc.errors]) from None
    try:
        return GuideSpec.model_validate(loaded.data)
    except pydantic.ValidationError as exc:
        errors = pydantic_errors_to_source(exc, loaded, GuideSpec)
        raise GuideError([e.format(name) for e in errors]) from None
