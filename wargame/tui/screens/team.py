"""The first screen of a seminar game in the browser: the team's name.

The screen only asks; `join` (given by `wargame serve`) checks the name, opens the team's
folder and replaces this screen with the game, or returns the message to show.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Input, Static

from ...i18n import N_, _

Join = Callable[[str], "str | None"]   # the typed name -> None (joined) or what to fix


class TeamScreen(Screen[None]):
    """Asks for the team's name until `join` accepts one."""

    DEFAULT_CSS = """
    TeamScreen { align: center middle; }
    TeamScreen #team-box { width: 72; height: auto; border: thick $primary;
                           background: $surface; padding: 1 2; }
    TeamScreen #team-name { margin: 1 0; }
    TeamScreen #team-error { color: $error; text-style: bold; height: auto; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [Binding("ctrl+q", "app.quit", N_("Quit"))]

    def __init__(self, join: Join, *, seminar: str = "") -> None:
        super().__init__()
        self.join = join
        self.seminar = seminar

    def compose(self) -> ComposeResult:
        with Vertical(id="team-box"):
            yield Static(Content.assemble(
                ("wargame", "bold"), " · " + _("the siege of Bamako, 2025 · seminar"),
                (f" · {self.seminar}" if self.seminar else "")), id="team-banner")
            yield Static(Content.assemble(
                ("\n" + _("Your team's name"), "bold"), "\n" + _(
                    "The instructor sees it, and your games are saved under it. To come back "
                    "to your game later, give the same name.")),
                id="team-help")
            yield Input(id="team-name", placeholder=_("e.g. Team Niger"))
            yield Static("", id="team-error")

    def on_mount(self) -> None:
        field = self.query_one(Input)
        field.cursor_blink = False
        field.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.query_one("#team-error", Static).update(_("Opening your team's game…"))
        typed = event.value
        self.call_after_refresh(self._join, typed)

    def _join(self, typed: str) -> None:
        problem = self.join(typed)
        if problem is not None and self.is_attached:
            self.query_one("#team-error", Static).update(
                Content.assemble(_("Not possible:") + " ",
                                 problem[:1].upper() + problem[1:] + "."))
            self.query_one(Input).focus()
