"""An event's sentence in the reader's language: the rule's template translated, then
filled with the scenario's names in that language (the engine's `Event.text` is English).
Sentences the engine still writes whole are shown as they are."""

from __future__ import annotations

from collections.abc import Mapping

from ..engine.events import Event
from ..engine.ledger import render
from ..i18n import local_numbers, localized, template
from .ledgertext import Names


def _local(params: Mapping[str, object] | None) -> Mapping[str, object] | None:
    """A scenario text among the params (a scripted event's title and text) picked in the
    reader's language, and so is an engine phrase (a refusal's reason, a road's label);
    numbers stay numbers (a plural form counts them)."""
    if not params:
        return params
    return {k: localized(v) if hasattr(v, "in_language") or hasattr(v, "phrase_template")
            else v for k, v in params.items()}


def _one(message: object, params: Mapping[str, object] | None, names: Names | None) -> str:
    if not isinstance(message, (str, tuple)):
        return str(message)
    local = _local(params)
    text = template(message, local)      # the plural form chosen on the numbers themselves
    return render(text, local_numbers(text, local), names)


def event_text(event: Event, names: Names | None = None) -> str:
    if event.template is None:
        return event.text
    if isinstance(event.template, list):     # a sentence and its follow-ups, each translated
        return "".join(_one(part, values, names) for part, values in event.template)
    return _one(event.template, event.params, names)
