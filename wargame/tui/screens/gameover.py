"""The end of the game (outcome, why, charts over time) and the after-action report."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Static

from ...engine import ending_of
from ...i18n import N_, _, format_number, format_week, localized, ngettext
from ...present.events import event_text
from ...present.ledgertext import names_of
from ..news import _date
from ..session import Session
from ..sources import cite
from ..widgets.footer import Footer
from ..widgets.tracks import BARS
from .base import ClosesOnce

# English, marked for the catalogue (N_); translated where shown, in the player's language.
GRADES = {
    "decisive_defeat": N_("a decisive defeat for the junta"),
    "defeat": N_("a defeat for the junta"),
    "draw": N_("a draw: neither side prevailed"), "victory": N_("a victory for the junta"),
    "decisive_victory": N_("a decisive victory for the junta"),
}

CHARTS = (
    ("bamako_fuel_days", N_("Fuel in Bamako (days)"), None),
    ("junta_support", N_("Support for the junta in Bamako (%)"), None),
    ("cohesion", N_("Army cohesion"), None),
    ("fuel_price_index", N_("Fuel price index"), None),
    ("treasury", N_("Treasury (bn CFA)"), None),
    ("tankers_destroyed", N_("Tankers destroyed (total)"), None),
)


def bar_chart(values: list[int], height: int = 4, width: int | None = None) -> list[str]:
    """Rows of a column chart, top first: one column per turn, scaled from 0 to the max."""
    if not values:
        return []
    if width is not None and len(values) > width:
        step = len(values) / width
        values = [values[int(i * step)] for i in range(width)]
    elif width is not None:   # a short game: each turn two or three columns wide
        repeat = max(1, min(3, width // len(values)))
        values = [v for v in values for _copy in range(repeat)]
    top = max(max(values), 1)
    levels = [v * height * (len(BARS)) // top for v in values]
    rows = []
    for r in range(height - 1, -1, -1):
        row = []
        for lv in levels:
            fill = lv - r * len(BARS)
            row.append(" " if fill <= 0 else BARS[-1] if fill >= len(BARS) else BARS[fill - 1])
        rows.append("".join(row))
    return rows


def charts(session: Session, width: int = 60) -> Content:
    parts: list[str | tuple[str, str]] = []
    for key, title, _unused in CHARTS:
        values = session.history(key)
        if not values:
            continue
        rows = bar_chart(values, 3, width)
        parts += [(_(title), "bold"), "  " + _(
            "start {start} · lowest {lowest} · highest {highest} · end {end}").format(
            start=values[0], lowest=min(values), highest=max(values), end=values[-1]) + "\n"]
        for row in rows:
            parts += [(row, "$secondary"), "\n"]
        parts.append("\n")
    return Content.assemble(*parts)


class GameOverScreen(ClosesOnce, Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "new_game", N_("New game")),
        Binding("s", "save", N_("Save")),
        Binding("a", "after_action", N_("After-action report")),
        Binding("b", "board", N_("Board")),
        Binding("q", "quit", N_("Quit")),
        Binding("f1,question_mark", "app.help", N_("Help"), key_display="?"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        session = self.session
        state = session.state
        ending = ending_of(state)
        turns = len(session.game.records)
        last = session.game.snapshots[-1]
        title = localized(ending.title) if ending else (state.outcome or _("The game is over"))
        grade = _(GRADES[ending.grade]) if ending and ending.grade in GRADES else \
            (ending.grade if ending else "")
        parts: list[str | tuple[str, str]] = [
            (_("GAME OVER") + " · ", "bold"), (title, "bold reverse"), "\n",
            ngettext("After {turns} turn (to the week of {date}): ",
                     "After {turns} turns (to the week of {date}): ", turns).format(
                turns=turns, date=_date(last["date"])),
            (grade, "bold"), ".\n\n",
            (_("Why:") + " ", "bold"), localized(ending.explanation) if ending else "", "\n"]
        if ending and ending.sources:
            parts += [(_("Sources:") + " ", "bold"),
                      "; ".join(cite(s) for s in ending.sources), "\n"]
        parts += ["\n", _("Tankers destroyed {tankers}, drivers abducted {drivers}, towns "
                          "held by JNIM {towns}.").format(
            tankers=format_number(state.tankers_destroyed), drivers=state.drivers_kidnapped,
            towns=len(state.towns_held)) + "\n"]
        yield Static(Content.assemble(*parts), id="outcome")
        with VerticalScroll(id="charts-box"):
            yield Static(charts(session), id="charts")
        with Horizontal(classes="buttons"):
            yield Button(_("New game (n)"), id="new_game", variant="primary")
            yield Button(_("Save (s)"), id="save")
            yield Button(_("After-action report (a)"), id="after_action")
            yield Button(_("Quit (q)"), id="quit", variant="error")
        yield Footer()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        getattr(self, f"action_{event.button.id}")()

    def action_new_game(self) -> None:
        self.app.show_title()

    def action_save(self) -> None:
        board: Any = self.app.board()
        if board is not None:
            board.action_save()

    def action_after_action(self) -> None:
        self.app.push_screen(AfterActionScreen(self.session))

    def action_board(self) -> None:
        self.dismiss(None)

    def action_quit(self) -> None:
        board: Any = self.app.board()
        if board is not None:
            board.action_quit_game()
        else:
            self.app.exit(0)


def after_action_text(session: Session) -> Content:
    """Turn by turn: the date, the junta's orders and reason, the chance events it could
    see with their odds and rolls, and the tracks after the turn; then the outcome."""
    game = session.game
    sc = session.scenario
    turns = len(game.records)
    parts: list[str | tuple[str, str]] = [
        (_("After-action report: {title}").format(title=localized(sc.spec.meta.title)),
         "bold"),
        " · " + ngettext("seed {seed} · {turns} turn played", "seed {seed} · {turns} turns played",
                         turns).format(seed=game.seed, turns=turns) + "\n\n"]
    side = session.side
    moments: list[str] = []
    fuel_noted = False  # the first week under a week of fuel is a turning point, once
    for record, snap in zip(game.records, game.snapshots[1:], strict=False):
        date = format_week(sc.turn_start(record.turn))
        parts += [(_("Turn {turn} · week of {date}").format(turn=record.turn, date=date),
                   "bold underline"), "\n"]
        orders = record.orders.get(side, [])
        parts += [(_("Orders:") + " ", "bold"), (", ".join(orders) or _("none")), "\n"]
        if record.reason:
            parts += [(_("Reason:") + " ", "bold"), (record.reason, "italic"), "\n"]
        for event in record.events:
            if event.visible_to not in ("all", side) or event.odds is None:
                continue
            verdict = _("success") if event.success else _("failure")
            text = event_text(event, names_of(session.scenario))
            parts += [f"  {text} ", (_("[odds {odds}%, roll {roll}: {verdict}]").format(
                odds=event.odds, roll=event.roll, verdict=verdict), "$text-muted"), "\n"]
        parts += [("  " + _("After the turn: fuel {days} days, price {price}, support in "
                            "Bamako {support}%, tankers destroyed {tankers}").format(
            days=snap["bamako_fuel_days"], price=snap["fuel_price_index"],
            support=snap["junta_support"].get(session.capital_region(), "?"),
            tankers=format_number(snap["tankers_destroyed"])), "$secondary"), "\n\n"]
        if snap["bamako_fuel_days"] < 7 and not fuel_noted:
            fuel_noted = True
            moments.append(_("turn {turn}: Bamako's fuel fell under a week").format(
                turn=record.turn))
    ending = ending_of(session.state)
    if ending is not None:
        parts += [(_("Outcome:") + " ", "bold"),
                  f"{localized(ending.title)}. {localized(ending.explanation)}\n"]
    if moments:
        parts += [(_("Turning points:") + " ", "bold"), "; ".join(moments), "\n"]
    if not game.records:
        parts.append(_("No turn has been played yet.") + "\n")
    return Content.assemble(*parts)


class AfterActionScreen(ClosesOnce, Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,enter,q", "close", N_("Back")),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="aar-body"):
            yield Static(after_action_text(self.session), id="aar")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#aar-body").focus()

    def action_close(self) -> None:
        self.dismiss(None)
