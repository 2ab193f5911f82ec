"""The board's side panel: Orders, Tracks and Goals, one shown at a time under a tab line.

Textual's `TabbedContent` did this with a widget per tab, an animated underline and their
style sheets, about 30 ms of the board's first frame (issue 13). This is one line of tab
names drawn by one widget (clicked, or ←/→ when it has focus) over a `ContentSwitcher`.
"""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import ContentSwitcher

from ...i18n import N_


class SideTabs(Widget):
    """The tab names on one line, the shown one underlined; a click or ←/→ picks one."""

    DEFAULT_CSS = """
    SideTabs { height: 1; padding: 0 1; }
    SideTabs:focus { background-tint: $foreground 5%; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "step(-1)", N_("Previous tab"), show=False),
        Binding("right", "step(1)", N_("Next tab"), show=False),
    ]
    can_focus = True

    class Picked(Message):
        def __init__(self, pane: str) -> None:
            super().__init__()
            self.pane = pane

    def __init__(self, tabs: list[tuple[str, str]], active: str, *,
                 id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id)
        self.tabs = tabs        # (pane id, label)
        self.active = active

    def show(self, active: str) -> None:
        self.active = active
        self.refresh()

    def render(self) -> Text:
        line = Text(no_wrap=True, overflow="ellipsis")
        for index, (pane, label) in enumerate(self.tabs):
            if index:
                line.append(" │ ", style="dim")
            line.append(label, style="bold underline reverse" if pane == self.active
                        else "")
        return line

    def _pane_at(self, x: int) -> str | None:
        """The tab drawn at column `x` (in cells, as `render` lays them out)."""
        at = 1  # the left padding
        for index, (pane, label) in enumerate(self.tabs):
            if index:
                at += cell_len(" │ ")
            if at <= x < at + cell_len(label):
                return pane
            at += cell_len(label)
        return None

    def on_click(self, event: events.Click) -> None:
        pane = self._pane_at(event.x)
        if pane is not None:
            self.post_message(self.Picked(pane))

    def action_step(self, step: int) -> None:
        ids = [pane for pane, _ in self.tabs]
        here = ids.index(self.active) if self.active in ids else 0
        self.post_message(self.Picked(ids[(here + step) % len(ids)]))


class SidePanel(Vertical):
    """The tabs over their panes; `active` is the shown pane's id. `panes` are (pane id,
    tab label, the pane's widgets), each pane a vertical container with that id."""

    class Activated(Message):
        def __init__(self, pane: str) -> None:
            super().__init__()
            self.pane = pane

    def __init__(self, panes: list[tuple[str, str, list[Widget]]], initial: str, *,
                 id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id)
        self._panes = panes
        self._active = initial

    def compose(self) -> ComposeResult:
        yield SideTabs([(pane, label) for pane, label, _ in self._panes], self._active,
                       id="side-tabs")
        with ContentSwitcher(initial=self._active, id="side-panes"):
            for pane, _, widgets in self._panes:
                with Vertical(id=pane, classes="side-pane"):
                    yield from widgets

    @property
    def active(self) -> str:
        return self._active

    @active.setter
    def active(self, pane: str) -> None:
        if pane == self._active:
            return
        self._active = pane
        self.query_one(ContentSwitcher).current = pane
        self.query_one(SideTabs).show(pane)
        self.post_message(self.Activated(pane))

    @on(SideTabs.Picked)
    def _picked(self, event: SideTabs.Picked) -> None:
        event.stop()
        self.active = event.pane
