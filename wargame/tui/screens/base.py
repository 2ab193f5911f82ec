"""What every screen that closes itself shares."""

from __future__ import annotations

from typing import Any

from textual.await_complete import AwaitComplete


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
