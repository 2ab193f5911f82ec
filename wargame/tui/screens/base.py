"""What every screen shares: closing once, and key bindings in the player's language."""

from __future__ import annotations

import dataclasses
from typing import Any

from textual.await_complete import AwaitComplete
from textual.binding import BindingsMap
from textual.dom import DOMNode

from ...i18n import _


def translate_bindings(node: DOMNode) -> None:
    """Rewrite `node`'s key bindings' descriptions (the footer, the palette's key list) in
    the current language.

    Textual reads a class's BINDINGS once, when the class is created, which is before
    the language is chosen; the descriptions are written in English (marked `N_` for the
    catalogue) and translated here, per instance. The English bindings (with those
    Textual adds at run time, such as the palette's key) are kept the first time, and
    every later call translates from them: switching language twice never translates a
    translation.
    """
    english: BindingsMap | None = getattr(node, "_english_bindings", None)
    if english is None:
        english = node._bindings.copy()
        node._english_bindings = english  # type: ignore[attr-defined]
    translated = BindingsMap()
    for key, bindings in english.key_to_bindings.items():
        translated.key_to_bindings[key] = [
            dataclasses.replace(b, description=_(b.description) if b.description else "",
                                tooltip=_(b.tooltip) if b.tooltip else "")
            for b in bindings]
    node._bindings = translated


class ClosesOnce:
    """A screen mixin: `dismiss` acts only while the screen is the one shown.

    Keys typed fast queue up: a second Enter or Escape behind the one that closed a
    dialog reaches the dialog after it is gone, and Textual's `dismiss` would then pop
    the screen below it (the board), leaving an empty screen and no way back to the game.
    """

    app: Any

    def dismiss(self, result: Any = None) -> AwaitComplete:
        if self is not self.app.screen:
            return AwaitComplete()
        return super().dismiss(result)  # type: ignore[misc, no-any-return]
