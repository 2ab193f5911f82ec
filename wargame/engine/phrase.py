"""A sentence the engine writes in English and the interface may write in another language.

A `Phrase` is a `str` whose value is the English sentence, carrying the template it was
made from (marked `N_`/`NP_` where it is written, so the catalogues find it) and the
values of its placeholders. Every reader that takes it as a string keeps working, in
English; the interface translates it at the edge with `wargame.i18n.localized`, which
translates the template and fills it with the params, each itself localized (a scenario
name is a `LocalText`, a nested phrase a `Phrase`). The rules never look at the words.

Used where the engine and the AI return words rather than record events: the goal
phrases (`engine.goals`), order refusals (`engine.legality`), the bots' rationales and
road labels. (An event keeps its own template and params: see `engine.events`.)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .ledger import Template

__all__ = ["Phrase", "join"]


class Phrase(str):
    """An English sentence (the `str` value) with its template and params (not to be
    changed: a phrase is a value)."""

    phrase_template: Template
    phrase_params: Mapping[str, object]

    def __new__(cls, template: Template, /, **params: object) -> Phrase:
        # On the bots' path (a reason for every decision): one format, no copies. A name
        # or a nested phrase formats as its English text (`str.__format__`).
        if isinstance(template, tuple):
            singular, plural, count = template
            english = singular if params.get(count) == 1 else plural
        else:
            english = template
        self = super().__new__(cls, english.format_map(params) if params else english)
        self.phrase_template = template
        self.phrase_params = params
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        # Copied and pickled (worker processes): keep the template and params.
        return (_rebuilt, (self.phrase_template, dict(self.phrase_params)))


def _rebuilt(template: Template, params: dict[str, object]) -> Phrase:
    return Phrase(template, **params)


_JOINED: dict[tuple[int, str], tuple[str, tuple[str, ...]]] = {}


def join(parts: Sequence[str], separator: str = "") -> Phrase:
    """Phrases (or names) one after the other: each is translated on its own, the
    separator (punctuation) is not."""
    shape = _JOINED.get((len(parts), separator))
    if shape is None:
        keys = tuple(f"p{i}" for i in range(len(parts)))
        shape = _JOINED[(len(parts), separator)] = (
            separator.join("{" + key + "}" for key in keys), keys)
    template, keys = shape
    return Phrase(template, **dict(zip(keys, parts, strict=True)))
