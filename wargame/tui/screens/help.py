"""Help: the keys, the map's symbols, how a turn works."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from ...i18n import N_, _
from ...present.tracks import TRACK_TEXTS
from ..mapmodel import LEGEND
from ..widgets.footer import Footer
from ..widgets.goals import goals_content, session_goals
from .base import ClosesOnce

# The keys' names are translated where they are words (arrows, Enter), not single keys.
KEYS = (
    (N_("arrows"), N_("move the map cursor to the nearest town in that direction")),
    (N_("mouse click"), N_("select a town or a road on the map; click an order to give it")),
    ("r", N_("select the roads from the selected town one by one")),
    ("+ / -", N_("zoom the map in and out")),
    (N_("shift+arrows"), N_("pan the map (the mouse wheel scrolls it too)")),
    ("c", N_("centre the map on the selection")),
    (N_("tab / o / m"),
     N_("move between the map and the lists / go to the orders / back to the map")),
    (N_("Enter"), N_("give the highlighted order; in the queue, take it back")),
    (N_("? on an order"), N_("what the highlighted order does, its effect now and its sources "
                             "(in the lists of orders; elsewhere ? opens this help, and F1 "
                             "always does)")),
    (N_("x or Delete"), N_("take back the highlighted queued order")),
    ("u", N_("undo the last queued order")),
    ("w", N_("write down your reason for this turn's orders")),
    ("i", N_("ask the advisor: the planning junta's orders for this turn and why, beside "
             "your queue (y uses them, Esc keeps yours)")),
    ("e", N_("end the turn: JNIM decides, the turn resolves, the report opens")),
    ("t", N_("show the tracks and the support per region (in narrow terminals)")),
    (N_("↑/↓ on tracks"), N_("with the tracks panel focused (tab, or a click): select a track "
                             "or a region to see its history and why it moved last turn")),
    (N_("x (report)"), N_("open every fold of the turn report's causes (Enter opens one)")),
    ("v", N_("show the goals: every ending, what it takes and where the game stands")),
    ("a", N_("after-action report: the game so far, turn by turn")),
    ("s / l", N_("save the game / load a saved game")),
    (N_("? or F1"), N_("this help")),
    ("ctrl+p", N_("command palette: every action of the game, and the themes")),
    ("q", N_("quit (offers to save unsaved turns)")),
    ("n / g / G", N_("tutorial: continue / skip the step / end the tutorial")),
)

TURN = N_(
    "A turn is one week. Queue orders up to your command capacity; each costs money (and "
    "fuel for some), and shows its odds before you give it. Orders that are not possible "
    "now are listed with the reason. Press e: JNIM's AI decides from what it can see, then "
    "the turn resolves in phases (scripted events, orders, convoys, economy, society, the "
    "insurgency, the army, intelligence) and the report shows every event with its odds, "
    "its roll (a roll at or under the odds succeeds), the AI's reason and the article the "
    "rule comes from. Fighter numbers marked ~ are the army's estimate: you never see "
    "JNIM's true strength."
)

GOALS = N_(
    "The two lines under the tracks say what wins and what loses, from the scenario's "
    "endings: each condition with ✓ if it holds now, ✗ if it does not, ? if it depends "
    "on what you cannot see, and its value now in brackets. 'Lost at once' endings are "
    "tested after every turn; the others after the last one, in the order below: the "
    "first that holds decides. In a narrow terminal the track bar shortens its names: "
    "Treas. is the treasury, Coh. army cohesion, Isol. international isolation."
)


class HelpScreen(ClosesOnce, ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,f1,question_mark,enter", "close", N_("Close")),
    ]

    def compose(self) -> ComposeResult:
        keys: list[str | tuple[str, str]] = [(_("Keys"), "bold underline"), "\n"]
        for key, what in KEYS:
            keys += [(f"{_(key):>13}", "bold"), f"  {_(what)}\n"]
        legend: list[str | tuple[str, str]] = ["\n", (_("The map"), "bold underline"), "\n"]
        for symbol, _style, word in LEGEND:
            legend += [(f"{symbol:>3}", "bold"), f" {_(word)}\n"]
        legend += [("  ★", "bold"), " " + _("the capital (while the junta holds it)") + "\n",
                   ("Kati[4]", "bold"), " " + _("a town and its garrison, in companies") + "\n",
                   (_("fuel 9d"), "bold"),
                   " " + _("Bamako's fuel stock, in days of normal use") + "\n",
                   _("Statuses have both a symbol and a colour; the details panel says them "
                     "in words.") + "\n"]
        goals: list[str | tuple[str, str] | Content] = [
            "\n\n", (_("Winning and losing"), "bold underline"), "\n", _(GOALS), "\n\n"]
        session = getattr(self.app, "session", None)
        if session is not None:
            goals.append(goals_content(session_goals(session)))
        else:
            goals.append(_("Start a game to see its endings here."))
        tracks: list[str | tuple[str, str]] = ["\n\n", (_("The tracks"), "bold underline"),
                                               "\n"]
        scenario = session.scenario if session is not None else None
        for text in TRACK_TEXTS:
            tracks += [(_(text.name), "bold"), "  ", _(text.what), "\n  ",
                       (_("Moved by: "), "italic"), _(text.moved_by), "\n  ",
                       (_("Why it matters: "), "italic"), text.why_it_matters(scenario), "\n"]
        with VerticalScroll(classes="dialog wide", id="help"):
            yield Static(Content.assemble(*keys, *legend, "\n", (_("A turn"), "bold underline"),
                                          "\n", _(TURN), *tracks, *goals))
        yield Footer()

    def action_close(self) -> None:
        self.dismiss(None)
