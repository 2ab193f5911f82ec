"""The end of the game (outcome, why, charts over time) and the after-action report."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Footer, Static

from ...engine import ending_of
from ..news import _date
from ..session import Session
from ..sources import cite
from ..widgets.tracks import BARS
from .base import ClosesOnce

GRADES = {
    "decisive_defeat": "a decisive defeat for the junta", "defeat": "a defeat for the junta",
    "draw": "a draw: neither side prevailed", "victory": "a victory for the junta",
    "decisive_victory": "a decisive victory for the junta",
}

CHARTS = (
    ("bamako_fuel_days", "Fuel in Bamako (days)", None),
    ("junta_support", "Support for the junta in Bamako (%)", None),
    ("cohesion", "Army cohesion", None),
    ("fuel_price_index", "Fuel price index", None),
    ("treasury", "Treasury (bn CFA)", None),
    ("tankers_destroyed", "Tankers destroyed (total)", None),
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
        values = [v for v in values for _ in range(repeat)]
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
    for key, title, _ in CHARTS:
        values = session.history(key)
        if not values:
            continue
        rows = bar_chart(values, 3, width)
        parts += [(title, "bold"), f"  start {values[0]} · lowest {min(values)} · highest "
                  f"{max(values)} · end {values[-1]}\n"]
        for row in rows:
            parts += [(row, "$secondary"), "\n"]
        parts.append("\n")
    return Content.assemble(*parts)


class GameOverScreen(ClosesOnce, Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "new_game", "New game"),
        Binding("s", "save", "Save"),
        Binding("a", "after_action", "After-action report"),
        Binding("b", "board", "Board"),
        Binding("q", "quit", "Quit"),
        Binding("f1,question_mark", "app.help", "Help", key_display="?"),
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
        title = ending.title if ending else (state.outcome or "The game is over")
        parts: list[str | tuple[str, str]] = [
            ("GAME OVER · ", "bold"), (title, "bold reverse"), "\n",
            f"After {turns} turn{'s' if turns != 1 else ''} (to the week of "
            f"{_date(last['date'])}): ",
            (GRADES.get(ending.grade, ending.grade) if ending else "", "bold"), ".\n\n",
            ("Why: ", "bold"), ending.explanation if ending else "", "\n"]
        if ending and ending.sources:
            parts += [("Sources: ", "bold"), "; ".join(cite(s) for s in ending.sources), "\n"]
        parts += ["\n", f"Tankers destroyed {state.tankers_destroyed}, drivers abducted "
                  f"{state.drivers_kidnapped}, towns held by JNIM {len(state.towns_held)}.\n"]
        yield Static(Content.assemble(*parts), id="outcome")
        with VerticalScroll(id="charts-box"):
            yield Static(charts(session), id="charts")
        with Horizontal(classes="buttons"):
            yield Button("New game (n)", id="new_game", variant="primary")
            yield Button("Save (s)", id="save")
            yield Button("After-action report (a)", id="after_action")
            yield Button("Quit (q)", id="quit", variant="error")
        yield Footer()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        getattr(self, f"action_{event.button.id}")()

    def action_new_game(self) -> None:
        self.app.show_title()  # type: ignore[attr-defined]

    def action_save(self) -> None:
        board: Any = self.app.board()  # type: ignore[attr-defined]
        if board is not None:
            board.action_save()

    def action_after_action(self) -> None:
        self.app.push_screen(AfterActionScreen(self.session))

    def action_board(self) -> None:
        self.dismiss(None)

    def action_quit(self) -> None:
        board: Any = self.app.board()  # type: ignore[attr-defined]
        if board is not None:
            board.action_quit_game()
        else:
            self.app.exit(0)


def after_action_text(session: Session) -> Content:
    """Turn by turn: the date, the junta's orders and reason, the chance events it could
    see with their odds and rolls, and the tracks after the turn; then the outcome."""
    game = session.game
    sc = session.scenario
    parts: list[str | tuple[str, str]] = [
        (f"After-action report: {sc.spec.meta.title}", "bold"),
        f" · seed {game.seed} · {len(game.records)} turns played\n\n"]
    side = session.side
    moments: list[str] = []
    for record, snap in zip(game.records, game.snapshots[1:], strict=False):
        date = sc.turn_start(record.turn).isoformat()
        parts += [(f"Turn {record.turn} · week of {date}", "bold underline"), "\n"]
        orders = record.orders.get(side, [])
        parts += [("Orders: ", "bold"), (", ".join(orders) or "none"), "\n"]
        if record.reason:
            parts += [("Reason: ", "bold"), (record.reason, "italic"), "\n"]
        for event in record.events:
            if event.visible_to not in ("all", side) or event.odds is None:
                continue
            verdict = "success" if event.success else "failure"
            parts += [f"  {event.text} ", (f"[odds {event.odds}%, roll {event.roll}: "
                                           f"{verdict}]", "$text-muted"), "\n"]
        parts += [(f"  After the turn: fuel {snap['bamako_fuel_days']} days, price "
                   f"{snap['fuel_price_index']}, support in Bamako "
                   f"{snap['junta_support'].get(session.capital_region(), '?')}%, tankers "
                   f"destroyed {snap['tankers_destroyed']}", "$secondary"), "\n\n"]
        if snap["bamako_fuel_days"] < 7 and not any("fuel" in m for m in moments):
            moments.append(f"turn {record.turn}: Bamako's fuel fell under a week")
    ending = ending_of(session.state)
    if ending is not None:
        parts += [("Outcome: ", "bold"), f"{ending.title}. {ending.explanation}\n"]
    if moments:
        parts += [("Turning points: ", "bold"), "; ".join(moments), "\n"]
    if not game.records:
        parts.append("No turn has been played yet.\n")
    return Content.assemble(*parts)


class AfterActionScreen(ClosesOnce, Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,enter,q", "close", "Back"),
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
