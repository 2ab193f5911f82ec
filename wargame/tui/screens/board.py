"""The board: map, details, orders, queue and tracks; the turn loop."""

from __future__ import annotations

import time
import traceback
from pathlib import Path
from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import OptionList

from ...engine.game import Game
from ...i18n import N_, _
from ...saves.format import MAX_REASON_CHARS, clean_text
from ..messages import (
    AdviceReady,
    OrderDescribe,
    OrderPicked,
    OrderUnqueued,
    PlaceSelected,
    TurnResolved,
)
from ..session import OrderRow, Session, describe_order
from ..widgets.details import DetailsPanel, MapLegend
from ..widgets.footer import Footer
from ..widgets.goals import GoalBar, GoalsPanel, session_goals
from ..widgets.guide import GuidePanel, board_guide, wants_continue
from ..widgets.map import MapView
from ..widgets.orders import OrdersPanel
from ..widgets.side import SidePanel
from ..widgets.tracks import TrackBar, TracksPanel, TurnHeader

PANEL_DELAY = 0.04  # seconds after the last cursor move before the side panels follow


class BoardScreen(Screen[None]):
    """The game. Reads the session; changes the game only on the player's intent."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "end_turn", N_("End turn")),
        Binding("u", "undo", N_("Undo")),
        Binding("s", "save", N_("Save")),
        Binding("l", "load", N_("Load")),
        Binding("f1,question_mark", "help", N_("Help"), key_display="?"),
        Binding("q", "quit_game", N_("Quit")),
        Binding("w", "reason", N_("Reason"), show=False),
        Binding("o", "focus_orders", N_("Orders"), show=False),
        Binding("m", "focus_map", N_("Map"), show=False),
        Binding("t", "toggle_tracks", N_("Tracks"), show=False),
        Binding("v", "show_goals", N_("Goals"), show=False),
        Binding("a", "after_action", N_("After-action"), show=False),
        Binding("i", "advise", N_("Advisor")),
        # The tutorial's guide (only when the scenario has one: see check_action).
        Binding("n,enter", "guide_continue", N_("Continue"), show=False),
        Binding("g", "guide_skip", N_("Skip step"), show=False),
        Binding("G", "guide_end", N_("End tutorial"), show=False),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.place: tuple[str, str] = ("town", session.capital())
        self.busy = False
        self._place_timer: Timer | None = None
        self._stale = False
        self.guide = board_guide(session.scenario, session.scenario_path)
        self._auto_highlight: str | None = None   # the order the list highlighted itself
        self._rows: dict[str, OrderRow] = {}
        self.advising = False                     # the advisor is thinking (a worker)

    # ------------------------------------------------------------------ layout
    def compose(self) -> ComposeResult:
        yield TurnHeader(id="turn-header")
        yield TrackBar(id="trackbar")
        yield GoalBar("win", id="goal-win")
        yield GoalBar("loss", id="goal-loss")
        if self.guide is not None:
            yield GuidePanel(id="guide")
        with Horizontal(id="main"):
            yield TracksPanel(id="tracks-wide")
            with Vertical(id="map-column"):
                yield MapView(self.session.scenario, selected=f"t:{self.place[1]}", id="map")
                yield MapLegend(id="legend")
            yield SidePanel([
                ("tab-orders", _("Orders"), [DetailsPanel(id="details"),
                                             OrdersPanel(id="orders")]),
                ("tab-tracks", _("Tracks"), [TracksPanel(id="tracks-narrow")]),
                ("tab-goals", _("Goals"), [GoalsPanel(id="goals")]),
            ], initial="tab-orders", id="side")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_all()
        self.refresh_guide()
        self.query_one(MapView).focus()
        if not self.session.two_players:
            # After the first frame: the warm-up's thread would share the interpreter
            # with drawing it and delay it.
            self.call_after_refresh(self._warm_up)
        app: Any = self.app
        self.call_after_refresh(lambda: app.first_frame("board_first_frame"))

    # ------------------------------------------------------------------ attributes down
    def refresh_all(self) -> None:
        """Show the game as the side at the keyboard sees it (a new turn, a new side)."""
        session = self.session
        self.query_one(MapView).view = session.view()
        self.refresh_tracks()
        self.refresh_place()

    def refresh_tracks(self) -> None:
        self.refresh_header()
        self.query_one(TrackBar).show(self.session)
        for panel in self.query(TracksPanel):
            panel.show(self.session)
        goals = session_goals(self.session)
        for bar in self.query(GoalBar):
            bar.show(goals)
        self.query_one(GoalsPanel).show(self.session)

    def refresh_header(self) -> None:
        status = ""
        if self.busy:
            status = _("JNIM is deciding…") if not self.session.two_players else _("Resolving…")
        elif self.session.over:
            status = _("Game over")
        self.query_one(TurnHeader).show(self.session, status)

    def refresh_place(self) -> None:
        if self.busy:   # the worker is changing the state: read it again when it is done
            return
        kind, ident = self.place
        self.query_one(DetailsPanel).show(self.session, kind, ident)
        self.refresh_orders()

    def refresh_orders(self, keep: str | None = None) -> None:
        session = self.session
        panel = self.query_one(OrdersPanel)
        rows = [] if session.over else session.orders_at(*self.place)
        panel.show(rows, keep)
        queued = session.queued()
        labels = {str(o): describe_order(session.scenario, o) for o in queued}
        used, total = session.capacity()
        money, fuel = session.committed()
        unit = _("bn CFA") if session.side == "junta" else _("m CFA")
        spent = f"{money} {unit}" + (f", {fuel} m³" if fuel else "") if queued else ""
        panel.show_queue(queued, labels, used, total, spent)
        self._rows = {str(row.order): row for row in rows}
        available = panel.query_one("#available", OptionList)
        index = available.highlighted
        self._auto_highlight = (available.get_option_at_index(index).id
                                if index is not None else None)
        for option_list in panel.query("OptionList"):
            option_list.disabled = self.busy or session.over
        self.refresh_header()

    # ------------------------------------------------------------------ messages up
    def on_place_selected(self, message: PlaceSelected) -> None:
        """The map has already redrawn its cursor; the panels follow a moment later, once
        the arrow keys pause, so that moving across the map stays fast."""
        self.place = (message.kind, message.ident)
        if message.kind == "town":
            self.guide_notify("select_town", message.ident)
        if self._place_timer is not None:
            self._place_timer.stop()
        self._place_timer = self.set_timer(PANEL_DELAY, self.refresh_place)

    def on_order_picked(self, message: OrderPicked) -> None:
        if self.busy:
            self.notify(_("Wait: the turn is being resolved."), severity="warning")
            return
        error = self.session.queue(message.order)
        if error:
            self.notify(_("Not possible: {error}").format(error=error), severity="warning")
        else:
            self.notify(_("Queued: {order}").format(
                order=describe_order(self.session.scenario, message.order)),
                        timeout=2)
            self.guide_notify("queue_order", message.order.kind)
        self.refresh_orders(keep=str(message.order))

    def on_order_unqueued(self, message: OrderUnqueued) -> None:
        if self.busy:
            return
        if self.session.remove(message.order):
            self.notify(_("Removed: {order}").format(
                order=describe_order(self.session.scenario, message.order)),
                        timeout=2)
        self.refresh_orders()

    def on_order_describe(self, message: OrderDescribe) -> None:
        from .orderguide import OrderGuideScreen

        self.app.push_screen(OrderGuideScreen(self.session, message.order))

    # ------------------------------------------------------------------ actions
    def action_undo(self) -> None:
        if self.busy:
            return
        order = self.session.undo()
        if order is None:
            self.notify(_("Nothing to undo."), timeout=2)
        else:
            self.notify(_("Undone: {order}").format(
                order=describe_order(self.session.scenario, order)), timeout=2)
        self.refresh_orders()

    def action_focus_orders(self) -> None:
        self.query_one(SidePanel).active = "tab-orders"
        self.query_one("#available").focus()

    def action_focus_map(self) -> None:
        self.query_one(MapView).focus()

    def action_toggle_tracks(self) -> None:
        self._toggle_pane("tab-tracks")

    def action_show_goals(self) -> None:
        self._toggle_pane("tab-goals")

    def _toggle_pane(self, pane: str) -> None:
        """Show `pane`, or the orders again if it is already shown."""
        side = self.query_one(SidePanel)
        side.active = pane if side.active != pane else "tab-orders"

    def action_zoom_in(self) -> None:
        self.query_one(MapView).action_zoom(1)

    def action_zoom_out(self) -> None:
        self.query_one(MapView).action_zoom(-1)

    def action_help(self) -> None:
        self.app.action_help()  # type: ignore[attr-defined]

    def action_reason(self) -> None:
        from .dialogs import ReasonScreen

        turn = self.session.state.turn

        def keep(text: str | None) -> None:
            if text is None:
                return
            reason = clean_text(text, MAX_REASON_CHARS)  # what the save will keep
            if reason:
                self.session.reasons[turn] = reason
                self.notify(_("Reason noted for this turn."), timeout=2)
            else:
                self.session.reasons.pop(turn, None)

        self.app.push_screen(ReasonScreen(self.session.reasons.get(turn, "")), keep)

    def action_after_action(self) -> None:
        from .gameover import AfterActionScreen

        self.app.push_screen(AfterActionScreen(self.session))

    def action_title(self) -> None:
        def go(choice: str | None) -> None:
            if choice == "save":
                self.action_save(then=lambda: self.app.show_title())  # type: ignore[attr-defined]
            elif choice == "discard":
                self.app.show_title()  # type: ignore[attr-defined]

        self._confirm_leave(go, N_("Back to the title screen"))

    def action_quit_game(self) -> None:
        def go(choice: str | None) -> None:
            if choice == "save":
                self.action_save(then=lambda: self.app.exit(0))
            elif choice == "discard":
                self.app.exit(0)

        self._confirm_leave(go, N_("Quit"))

    def _confirm_leave(self, go: Any, verb: str) -> None:
        from .dialogs import QuitScreen

        if self.session.dirty and not self.busy:
            self.app.push_screen(QuitScreen(len(self.session.game.records)
                                            - self.session.saved_turns, verb), go)
        else:
            go("discard")

    def action_save(self, then: Any = None) -> None:
        from .dialogs import SaveScreen

        if self.busy:
            self.notify(_("Wait: the turn is being resolved."), severity="warning")
            return
        session = self.session
        default = (session.last_save.stem if session.last_save is not None
                   and not session.last_save.stem.startswith("autosave")
                   else f"{session.scenario.id}-turn-{session.state.turn}")

        def save(name: str | None) -> None:
            if name is None:
                return
            try:
                path = self.app.save_game(name)  # type: ignore[attr-defined]
            except Exception as exc:  # a save must never crash the game
                self.notify(_("Could not save: {error}").format(error=exc), severity="error",
                            timeout=8)
                return
            self.notify(_("Saved to {path}").format(path=path), timeout=4)
            self.guide_notify("save")
            if then is not None:
                then()

        self.app.push_screen(SaveScreen(default, self.app.saves_folder()), save)  # type: ignore[attr-defined]

    def action_load(self) -> None:
        from .dialogs import LoadScreen

        if self.busy:
            self.notify(_("Wait: the turn is being resolved."), severity="warning")
            return

        def load(path: Path | None) -> None:
            if path is None:
                return
            try:
                self.app.load_game(path)  # type: ignore[attr-defined]
            except Exception as exc:
                self.notify(_("Could not load {name}: {error}").format(name=path.name, error=exc),
                            severity="error", timeout=8)
                return
            self.notify(_("Loaded {name}").format(name=path.name), timeout=3)

        def ask() -> None:
            self.app.push_screen(LoadScreen(self.app.saves_folder()), load)  # type: ignore[attr-defined]

        self._confirm_leave(lambda choice: (self.action_save(then=ask) if choice == "save"
                                            else ask() if choice == "discard" else None),
                            N_("Load another game"))

    # ------------------------------------------------------------------ the advisor
    def action_advise(self) -> None:
        """Ask the advisor (the planning junta) for this turn's orders, in a worker; the
        suggestion is shown beside the queue and applied only if the player says so."""
        session = self.session
        if self.busy or session.over or self.advising:
            self.notify(_("The advisor is busy, or the turn is being resolved."), timeout=2)
            return
        if session.side != "junta":
            self.notify(_("The advisor counsels the junta only."), timeout=3)
            return
        self.advising = True
        self.notify(_("The advisor is weighing the options…"), timeout=2)
        self._advise(session.state.clone())  # a copy: the player may keep giving orders

    @work(thread=True, exclusive=True, group="advisor")
    def _advise(self, state: Any) -> None:
        from ...ai.advisor import advise

        try:
            self.post_message(AdviceReady(advise(state), None))
        except Exception:
            self.post_message(AdviceReady(None, traceback.format_exc()))

    def on_advice_ready(self, message: AdviceReady) -> None:
        from ...ai.advisor import record_advice
        from .advisor import AdvisorScreen

        self.advising = False
        advice = message.advice
        if advice is None or advice.turn != self.session.state.turn:
            if message.error:
                self.notify(_("The advisor failed: {error}").format(
                    error=message.error.strip().splitlines()[-1]), severity="error")
            return
        record_advice(self.session.game, advice)   # the debrief shows it was asked
        self.guide_notify("advise")

        def chosen(apply: bool | None) -> None:
            if not apply:
                return
            errors = self.session.apply_advice(advice.orders)
            for error in errors:
                self.notify(_("Not possible: {error}").format(error=error),
                            severity="warning")
            if not errors:
                self.notify(_("Queued the advisor's orders."), timeout=2)
            self.refresh_orders()

        self.app.push_screen(AdvisorScreen(self.session, advice), chosen)

    # ------------------------------------------------------------------ the turn loop
    @work(thread=True, group="warm-up")
    def _warm_up(self) -> None:
        """Load the insurgency's AI while the player reads the board, so that the first
        end of turn is as quick as the others."""
        from ... import saves  # noqa: F401  (imported now rather than after the turn)
        from ..session import insurgency_ai

        # A decision on a copy of the state: loads the AI and fills its caches; the copy
        # is thrown away, and the game's own state is not touched.
        insurgency_ai(self.session.state.clone(), self.session.difficulty)

    def action_end_turn(self) -> None:
        session = self.session
        if self.busy:
            self.notify(_("The turn is already being resolved."), timeout=2)
            return
        if session.over:
            self.show_game_over()
            return
        app: Any = self.app
        app.timings["end_turn_pressed"] = time.perf_counter()
        if session.two_players and session.side == "junta":
            from .dialogs import HandOverScreen

            session.side = "insurgency"
            self.refresh_all()
            self.app.push_screen(HandOverScreen("insurgency"), self._after_handover)
            return
        self.busy = True
        self.refresh_orders()
        self._resolve(not session.two_players)

    @work(thread=True, exclusive=True, group="turn")
    def _resolve(self, ai: bool) -> None:
        """The insurgency decides (in this thread, so the interface stays responsive),
        then the turn resolves; the result is posted back as a message."""
        start = time.perf_counter()
        decisions: list[Any] = []
        try:
            decisions = self.session.think() if ai else []
            result = self.session.resolve(decisions)
        except Exception:
            self.post_message(TurnResolved(None, decisions, traceback.format_exc()))
            return
        # The autosave writes (and syncs) a copy of the game taken now, after the report
        # is on its way: the disk never delays the report, and the player's next orders
        # cannot change what is being written.
        game = self.session.game
        copy = Game(game.scenario, game.seed, game.state.clone(), list(game.records),
                    list(game.snapshots), [dict(a) for a in game.advice])
        options = self.session.save_kwargs()
        self.post_message(TurnResolved(result, decisions,
                                       elapsed_ms=(time.perf_counter() - start) * 1000))
        self._autosave(copy, options)

    def _autosave(self, game: Game, options: dict[str, Any]) -> None:
        try:
            self.app.autosave(game, options)  # type: ignore[attr-defined]
        except Exception as exc:  # an autosave that fails must not stop the game
            self.app.call_from_thread(self.notify, _("Autosave failed: {error}").format(error=exc),
                                      severity="warning")

    def on_turn_resolved(self, message: TurnResolved) -> None:
        self.busy = False
        session = self.session
        if message.error:
            self.notify(_("The turn could not be resolved: {error}").format(
                error=message.error.strip().splitlines()[-1]), severity="error", timeout=10)
            self.refresh_orders()
            return
        self.guide_notify("end_turn")
        if session.two_players:
            from .dialogs import HandOverScreen

            session.side = "junta"
            self.refresh_all()
            self.app.push_screen(HandOverScreen("junta"), self._after_handover)
            return
        # The report first: the board, hidden under it, is brought up to date when it
        # shows again (on_screen_resume), so the report opens without waiting for it.
        self._stale = True
        self.show_report("junta")

    def on_screen_resume(self) -> None:
        if self._stale:
            self._stale = False
            self.refresh_all()

    def _after_handover(self, _: Any = None) -> None:
        report = self.session.reports[self.session.side]
        if report is not None and report.turn == self.session.state.turn - 1:
            self.show_report(self.session.side)

    def show_report(self, side: str) -> None:
        from .report import ReportScreen

        report = self.session.reports[side]  # type: ignore[index]
        if report is None:
            return

        def closed(_: Any = None) -> None:
            if self.session.over:
                self.show_game_over()

        self.app.push_screen(ReportScreen(self.session, report), closed)
        self.guide_notify("read_report")

    def show_game_over(self) -> None:
        from .gameover import GameOverScreen

        self.app.push_screen(GameOverScreen(self.session))

    @on(SidePanel.Activated)
    def _tab(self, event: SidePanel.Activated) -> None:
        if event.pane == "tab-tracks" and not self.busy:
            for panel in self.query(TracksPanel):
                panel.show(self.session)

    # ------------------------------------------------------------------ the tutorial's guide
    def refresh_guide(self) -> None:
        if self.guide is not None:
            self.query_one(GuidePanel).show(self.guide)
        self.refresh_bindings()

    def guide_notify(self, action: str, target: str | None = None) -> None:
        """Report a player action to the guide (if any); show the next step if it
        advanced. The guide decides; the board only reports."""
        if self.guide is not None and self.guide.notify(action, target):
            self.refresh_guide()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("guide_skip", "guide_end"):
            return self.guide is not None and not self.guide.done
        if action == "guide_continue":
            return wants_continue(self.guide)
        return True

    def action_guide_continue(self) -> None:
        self.guide_notify("continue")

    def action_guide_skip(self) -> None:
        if self.guide is not None:
            self.guide.skip()
            self.refresh_guide()

    def action_guide_end(self) -> None:
        if self.guide is not None:
            while not self.guide.done:
                self.guide.skip()
            self.refresh_guide()

    @on(OptionList.OptionHighlighted, "#available")
    def _order_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """The player moved to an order in the list: its odds are on show. (The highlight
        the list puts on an order by itself when it is refreshed does not count.)"""
        ident = event.option.id
        if ident is None or ident == self._auto_highlight:
            return
        self._auto_highlight = None
        row = self._rows.get(ident)
        if row is not None and row.odds is not None and event.option_list.has_focus:
            self.guide_notify("view_odds", row.order.kind)
