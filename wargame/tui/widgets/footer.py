"""The footer of every screen: Textual's, recomposed only when the keys it shows change.

Textual's `Footer` rebuilds all its keys (a widget each, styled anew) every time the
screen's bindings are updated, which happens at every change of focus even when the keys
shown stay the same: six times in the board's first half second, 20-35 ms each, two of
them before the first frame (issue 13). This one compares what it would show with what it
shows and rebuilds only on a difference; what it shows is unchanged.
"""

from __future__ import annotations

from typing import Any

from textual.screen import Screen
from textual.widgets import Footer as TextualFooter


class Footer(TextualFooter):
    _shown: tuple[Any, ...] | None = None

    def _keys(self) -> tuple[Any, ...]:
        """Everything `compose` reads to build the keys, as a comparable value: the
        bindings it shows, and the command palette's (shown apart, whether or not its
        binding is)."""
        app = self.app
        active = self.screen.active_bindings
        keys = tuple(
            (binding.key, binding.action, binding.description, binding.key_display,
             id(binding.group), enabled, tooltip, app.get_key_display(binding))
            for (_node, binding, enabled, tooltip) in active.values() if binding.show)
        palette = active.get(app.COMMAND_PALETTE_BINDING)
        shown = None if palette is None else (
            palette.binding.key, palette.binding.action, palette.binding.description,
            palette.binding.tooltip, palette.enabled, app.get_key_display(palette.binding))
        return (keys, shown, self.compact, self.show_command_palette,
                app.ENABLE_COMMAND_PALETTE)

    def compose(self) -> Any:
        self._shown = self._keys() if self._bindings_ready else None
        yield from super().compose()

    def bindings_changed(self, screen: Screen[Any]) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen:
            self.call_after_refresh(self._recompose_if_changed)

    async def _recompose_if_changed(self) -> None:
        if self.is_attached and self._keys() != self._shown:
            await self.recompose()
