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

import re
import string
from collections.abc import Mapping, Sequence
from typing import Any

from .ledger import Template
from .localtext import LocalText

__all__ = ["Phrase", "from_data", "join", "to_data"]


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


# ------------------------------------------------------------------ saved phrases

# A saved phrase's template may only name its params (no attribute, index or conversion)
# and use a short number format: a save is data from outside, and `str.format` with
# `{x.__class__}` or `{x:999999999}` would read or allocate what it should not.
_SAFE_SPEC = re.compile(r"^[+\- ]?\d{0,2}(?:\.\d{1,2})?[df%]?$")
_IDENT = re.compile(r"^[A-Za-z_]\w{0,40}$")
# Phrases inside phrases, at most (a save's JSON is itself limited to 32 levels, and each
# phrase adds three).
_MAX_DEPTH = 7


class _TooDeep(Exception):
    pass


def to_data(text: str) -> Any:
    """A phrase as JSON data (its template and params, names with their languages), so
    that a save keeps what the interface needs to write it in any language; None for a
    plain string (the save's English text is enough)."""
    if not isinstance(text, Phrase):
        return None
    try:
        return _phrase_data(text, 0)
    except _TooDeep:
        return None


def _phrase_data(phrase: Phrase, depth: int) -> dict[str, Any]:
    if depth > _MAX_DEPTH:
        raise _TooDeep
    template = phrase.phrase_template
    return {"t": list(template) if isinstance(template, tuple) else template,
            "p": {key: _value_data(value, depth)
                  for key, value in phrase.phrase_params.items()}}


def _value_data(value: object, depth: int) -> Any:
    if isinstance(value, Phrase):
        return {"phrase": _phrase_data(value, depth + 1)}
    translations = getattr(value, "translations", None)
    if isinstance(value, str) and translations:
        return {"text": dict(translations)}
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def from_data(data: Any, english: str) -> str:
    """The phrase saved as `data` when it is well formed and writes exactly `english`
    (the sentence saved beside it); else `english` as it is. Never raises."""
    try:
        phrase = _phrase_from(data, 0)
    except (TypeError, ValueError, KeyError, IndexError, AttributeError):
        return english
    return phrase if phrase is not None and str(phrase) == english else english


def _phrase_from(data: Any, depth: int) -> Phrase | None:
    if depth > _MAX_DEPTH or not isinstance(data, dict) or set(data) != {"t", "p"}:
        return None
    raw, params = data["t"], data["p"]
    if isinstance(raw, list) and len(raw) == 3 and all(isinstance(x, str) for x in raw):
        template: Template = (raw[0], raw[1], raw[2])
        texts = raw[:2]
    elif isinstance(raw, str):
        template, texts = raw, [raw]
    else:
        return None
    if not isinstance(params, dict) or not all(_IDENT.match(k) for k in params):
        return None
    for text in texts:
        for _literal, field, spec, conversion in string.Formatter().parse(text):
            if field is None:
                continue
            if field not in params or conversion or not _SAFE_SPEC.match(spec or ""):
                return None
    values = {key: _value_from(value, depth) for key, value in params.items()}
    return Phrase(template, **values)


def _value_from(value: Any, depth: int) -> object:
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, dict) and set(value) == {"phrase"}:
        nested = _phrase_from(value["phrase"], depth + 1)
        if nested is None:
            raise ValueError("a malformed nested phrase")
        return nested
    if isinstance(value, dict) and set(value) == {"text"} and isinstance(value["text"], dict) \
            and all(isinstance(k, str) and isinstance(v, str)
                    for k, v in value["text"].items()):
        return LocalText(value["text"])
    raise ValueError("a value a phrase cannot hold")
