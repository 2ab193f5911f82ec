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

from ..engine.localtext import DEFAULT_LANGUAGE, LocalText
from ..engine.model import Record, ScenarioSpec
from ..i18n import _, ngettext
from .problem import SourceError
from .yamlload import LoadedYaml

PathPart = str | int
SHOWN = 3  # other fields named in the message; the rest are counted


def text_fields(value: Any, path: tuple[PathPart, ...] = ()
                ) -> Iterator[tuple[tuple[PathPart, ...], LocalText]]:
    """Every translatable text of a model, with its path in the file."""
    if isinstance(value, LocalText):
        yield path, value
    elif isinstance(value, Record):
        for name in value.FIELDS:
            yield from text_fields(getattr(value, name), (*path, value.ALIASES.get(name, name)))
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
        shown = ", ".join(".".join(map(str, p)) for p in missing[1:SHOWN + 1])
        have = len(fields) - len(missing)
        elsewhere = "" if len(missing) == 1 else " " + ngettext(
            "and in {count} other field ({fields}{more})",
            "and in {count} other fields ({fields}{more})", len(missing) - 1).format(
            count=len(missing) - 1, fields=shown,
            more=" " + _("and {count} more").format(count=len(missing) - 1 - SHOWN)
            if len(missing) - 1 > SHOWN else "")
        found.append(SourceError(
            line, col, ".".join(map(str, missing[0])),
            _("the '{language}' text is missing here{elsewhere}, though {have} text fields "
              "have it: players in that language read the default text there").format(
                language=language, elsewhere=elsewhere, have=have),
            severity="warning", code="W0601",
            help=(_("write the field as a mapping of language to text, e.g. "
                    "{{en: \"...\", {language}: \"...\"}}").format(language=language)
                  if language != DEFAULT_LANGUAGE
                  else _("add an English text ('en') to the mapping: English is the "
                         "fallback of every other language"),)))
    return found
