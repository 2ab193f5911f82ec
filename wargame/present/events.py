"""An event's sentence in the reader's language: the rule's template translated, then
filled with the scenario's names in that language (the engine's `Event.text` is English).
Sentences the engine still writes whole are shown as they are."""

from __future__ import annotations

from ..engine.events import Event
from ..engine.ledger import render
from ..i18n import localized, template
from .ledgertext import Names


def event_text(event: Event, names: Names | None = None) -> str:
    if event.template is None:
        return event.text
    # A scenario text among the params (a scripted event's title and text) is picked in
    # the reader's language; numbers stay numbers (a plural form counts them).
    params = {k: localized(v) if hasattr(v, "in_language") else v
              for k, v in (event.params or {}).items()} if event.params else event.params
    return render(template(event.template, params), params, names)
