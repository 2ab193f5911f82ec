"""Help: the keys, the map's symbols, how a turn works."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from ..mapmodel import LEGEND
from ..widgets.goals import goals_content, session_goals
from .base import ClosesOnce

KEYS = (
    ("arrows", "move the map cursor to the nearest town in that direction"),
    ("mouse click", "select a town or a road on the map; click an order to give it"),
    ("r", "select the roads from the selected town one by one"),
    ("+ / -", "zoom the map in and out"),
    ("shift+arrows", "pan the map (the mouse wheel scrolls it too)"),
    ("c", "centre the map on the selection"),
    ("tab / o / m", "move between the map and the lists / go to the orders / back to the map"),
    ("Enter", "give the highlighted order; in the queue, take it back"),
    ("x or Delete", "take back the highlighted queued order"),
    ("u", "undo the last queued order"),
    ("w", "write down your reason for this turn's orders"),
    ("i", "ask the advisor: the planning junta's orders for this turn and why, beside "
          "your queue (y uses them, Esc keeps yours)"),
    ("e", "end the turn: JNIM decides, the turn resolves, the report opens"),
    ("t", "show the tracks and the support per region (in narrow terminals)"),
    ("v", "show the goals: every ending, what it takes and where the game stands"),
    ("a", "after-action report: the game so far, turn by turn"),
    ("s / l", "save the game / load a saved game"),
    ("? or F1", "this help"),
    ("ctrl+p", "command palette: every action of the game, and the themes"),
    ("q", "quit (offers to save unsaved turns)"),
    ("n / g / G", "tutorial: continue / skip the step / end the tutorial"),
)

TURN = (
    "A turn is one week. Queue orders up to your command capacity; each costs money (and "
    "fuel for some), and shows its odds before you give it. Orders that are not possible "
    "now are listed with the reason. Press e: JNIM's AI decides from what it can see, then "
    "the turn resolves in phases (scripted events, orders, convoys, economy, society, the "
    "insurgency, the army, intelligence) and the report shows every event with its odds, "
    "its roll (a roll at or under the odds succeeds), the AI's reason and the article the "
    "rule comes from. Fighter numbers marked ~ are the army's estimate: you never see "
    "JNIM's true strength."
)

GOALS = (
    "The two lines under the tracks say what wins and what loses, from the scenario's "
    "endings: each condition with ✓ if it holds now, ✗ if it does not, ? if it depends "
    "on what you cannot see, and its value now in brackets. 'Lost at once' endings are "
    "tested after every turn; the others after the last one, in the order below: the "
    "first that holds decides. In a narrow terminal the track bar shortens its names: "
    "Treas. is the treasury, Coh. army cohesion, Isol. international isolation."
)


class HelpScreen(ClosesOnce, ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,f1,question_mark,enter", "close", "Close"),
    ]

    def compose(self) -> ComposeResult:
        keys: list[str | tuple[str, str]] = [("Keys", "bold underline"), "\n"]
        for key, what in KEYS:
            keys += [(f"{key:>13}", "bold"), f"  {what}\n"]
        legend: list[str | tuple[str, str]] = ["\n", ("The map", "bold underline"), "\n"]
        for symbol, _style, word in LEGEND:
            legend += [(f"{symbol:>3}", "bold"), f" {word}\n"]
        legend += [("  ★", "bold"), " the capital (while the junta holds it)\n",
                   ("Kati[4]", "bold"), " a town and its garrison, in companies\n",
                   ("fuel 9d", "bold"), " Bamako's fuel stock, in days of normal use\n",
                   "Statuses have both a symbol and a colour; the details panel says them "
                   "in words.\n"]
        goals: list[str | tuple[str, str] | Content] = [
            "\n\n", ("Winning and losing", "bold underline"), "\n", GOALS, "\n\n"]
        session = getattr(self.app, "session", None)
        if session is not None:
            goals.append(goals_content(session_goals(session)))
        else:
            goals.append("Start a game to see its endings here.")
        with VerticalScroll(classes="dialog wide", id="help"):
            yield Static(Content.assemble(*keys, *legend, "\n", ("A turn", "bold underline"),
                                          "\n", TURN, *goals))
        yield Footer()

    def action_close(self) -> None:
        self.dismiss(None)
