"""The languages of a scenario's text: a warning where a language is written in some text
fields and missing in others.

A scenario translated in part shows a French player English in the fields nobody
translated (the game falls back to English there, never to nothing); the warning names
the language, how many fields lack it and the first of them, at the first one's line.
A plain string counts as English.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from ..engine.localtext import DEFAULT_LANGUAGE, LocalText
from ..engine.spec import ScenarioSpec
from .errors import SourceError
from .yamlload import LoadedYaml

PathPart = str | int
SHOWN = 3  # fields named in the message; the rest are counted


def text_fields(value: Any, path: tuple[PathPart, ...] = ()
                ) -> Iterator[tuple[tuple[PathPart, ...], LocalText]]:
    """Every translatable text of a model, with its path in the file."""
    if isinstance(value, LocalText):
        yield path, value
    elif isinstance(value, BaseModel):
        for name, info in type(value).model_fields.items():
            yield from text_fields(getattr(value, name), (*path, info.alias or name))
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from text_fields(item, (*path, index))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from text_fields(item, (*path, key))


def languages_of(text: LocalText) -> frozenset[str]:
    return text.languages or frozenset({DEFAULT_LANGUAGE})


def language_warnings(spec: ScenarioSpec, loaded: LoadedYaml) -> list[SourceError]:
    fields = list(text_fields(spec))
    everywhere = frozenset().union(*(languages_of(t) for _, t in fields)) if fields \
        else frozenset()
    found = []
    for language in sorted(everywhere):
        missing = [path for path, text in fields if language not in languages_of(text)]
        if not missing:
            continue
        line, col = loaded.positions.get(missing[0], (1, 1))
        shown = ", ".join(".".join(map(str, p)) for p in missing[:SHOWN])
        more = f" and {len(missing) - SHOWN} more" if len(missing) > SHOWN else ""
        have = len(fields) - len(missing)
        elsewhere = "" if len(missing) == 1 else \
            f" and in {len(missing) - 1} other fields ({shown}{more})"
        found.append(SourceError(
            line, col, ".".join(map(str, missing[0])),
            f"the '{language}' text is missing here{elsewhere}, though {have} text fields "
            f"have it: players in that language read the default text there",
            severity="warning", code="W0601",
            help=(f"write the field as a mapping of language to text, e.g. "
                  f"{{en: \"...\", {language}: \"...\"}}" if language != DEFAULT_LANGUAGE
                  else "add an English text ('en') to the mapping: English is the "
                       "fallback of every other language",)))
    return found
