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
    catalogue) and translated here, per instance, from the class's own English copy (so
    switching language twice never translates a translation).
    """
    merged = type(node)._merged_bindings
    if merged is None:
        return
    translated = BindingsMap()
    for key, bindings in merged.key_to_bindings.items():
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
