"""An OptionList whose PageUp and PageDown are safe before its lines are laid out.

Textual 8.2's `OptionList._move_page` looks up the highlighted option's first line in a
table that is filled when the list is rendered; a page key that arrives between an update
of the options and the next render (a fast typist, a key storm) raised KeyError and ended
the game. Until the line exists, a page key does nothing: the next one works.
"""

from __future__ import annotations

from textual._widget_navigation import Direction
from textual.widgets import OptionList


class SafeOptionList(OptionList):
    def _move_page(self, direction: Direction) -> None:
        if (self.highlighted or 0) not in self._index_to_line:
            return
        super()._move_page(direction)
