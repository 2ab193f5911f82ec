"""Resolving a turn, in phases, and checking the endings."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from . import ops_insurgency, ops_junta, upkeep
from .convoys import run_convoys
from .events import Event
from .ledger import N_, Entry, TurnLedger
from .legality import check_order, has_legal_order
from .model import ConditionTrigger, DateTrigger, Ending
from .orders import SIDES, Order, Side
from .phrase import Phrase
from .scenario import Scenario
from .scripted import fire_event, holds
from .state import GameState, new_state
from .turn import Turn

PHASES = ("events", "junta", "insurgency", "convoys", "economy", "society", "insurgent_upkeep",
          "army", "intelligence", "conditions", "victory")


@dataclass(slots=True)
class TurnResult:
    turn: int
    orders: dict[str, list[str]]
    events: list[Event]
    attacks: dict[str, int] = field(default_factory=dict)
    outcome: str | None = None
    # Every track change, with its cause (built when first read: see TurnLedger).
    ledger: Sequence[Entry] = field(default_factory=list)


def new_game(scenario: Scenario, seed: int) -> GameState:
    """The starting state, with the junta's first intelligence estimate drawn."""
    state = new_state(scenario, seed)
    upkeep.intelligence(Turn(state))
    return state


def resolve_turn(state: GameState, rationales: dict[tuple[str, str], str] | None = None
                 ) -> TurnResult:
    """Resolve the queued orders of both sides and advance to the next turn."""
    if state.over:
        raise ValueError("the game is over")
    idle = not state.pending["junta"] and has_legal_order(state, "junta")
    t = Turn(state, rationales=dict(rationales or {}), junta_idle=idle)
    orders = {side: [str(o) for o in state.pending[side]] for side in ("junta", "insurgency")}
    t.scripted = [(side, Order.parse(text), event) for side, text, event in state.carried_orders]
    state.carried_orders = []
    _dated_events(t)
    for side in SIDES:
        t.phase = side
        _resolve_side(t, side)
    t.phase = "convoys"
    arrived, normal = run_convoys(t)
    t.phase = "economy"
    upkeep.economy(t, arrived, normal)
    t.phase = "society"
    upkeep.society(t)
    t.phase = "insurgent_upkeep"
    upkeep.insurgency(t)
    t.phase = "army"
    upkeep.timers(t)
    upkeep.replacements(t)
    upkeep.recover_towns(t)
    upkeep.army(t)
    t.phase = "intelligence"
    upkeep.intelligence(t)
    t.phase = "conditions"
    _conditional_events(t)
    state.carried_orders = [(side, str(o), event) for side, o, event in t.scripted]
    t.phase = "victory"
    outcome = _check_endings(t)
    state.pending = {"junta": [], "insurgency": []}
    state.turn += 1
    return TurnResult(state.turn - 1, orders, t.events, dict(t.attacks), outcome,
                      TurnLedger(state.turn - 1, t.ledger))


def _dated_events(t: Turn) -> None:
    s = t.state
    for event in s.scenario.spec.events:
        if (isinstance(event.trigger, DateTrigger) and event.id not in s.fired_events
                and s.scenario.turn_of_date(event.trigger.date) <= s.turn):
            fire_event(t, event)


def _conditional_events(t: Turn) -> None:
    s = t.state
    for event in s.scenario.spec.events:
        trigger = event.trigger
        if not isinstance(trigger, ConditionTrigger) or event.id in s.fired_events:
            continue
        if trigger.earliest and s.scenario.turn_of_date(trigger.earliest) > s.turn:
            continue
        if holds(s, trigger.condition):
            fire_event(t, event)


def _resolve_side(t: Turn, side: Side) -> None:
    s = t.state
    specs = s.scenario.order_specs[side]
    handlers = ops_junta.HANDLERS if side == "junta" else ops_insurgency.HANDLERS
    queued = list(s.pending[side])
    s.pending[side] = []
    for order in queued:
        spec = specs[order.kind]
        t.order = str(order)
        source = spec.sources[0] if spec.sources else None
        if side == "junta":
            t.treasury(-spec.cost, "order_cost", N_("cost of the order"), source)
            t.fuel(-spec.fuel_m3, "order_fuel", N_("fuel drawn by the order"), source)
        else:
            t.funds(-spec.cost, "order_cost", N_("cost of the operation"), source)
        handlers[order.kind](t, order, spec)
    t.order = None
    for scripted_side, order, event_id in [x for x in t.scripted if x[0] == side]:
        t.scripted.remove((scripted_side, order, event_id))
        reason = check_order(s, side, order, scripted=True)
        if reason is None and order.kind == "ambush" and any(
                waiting.args == order.args for waiting, _ in t.ambushes):
            # An ambush is sprung in the convoy phase, so legality cannot see one already
            # laid on this road this turn; without this check one of the two was dropped.
            reason = Phrase(N_("an ambush already waits on this road"))
        if reason is not None:
            # The reason is legality's `Phrase`: the interface translates it in turn.
            t.emit("scripted", N_("Scripted '{order}' ({event_id}) did not take place: "
                                  "{reason}."), side=side, order=order,
                   params={"order": str(order), "event_id": event_id, "reason": reason})
            continue
        t.order, t.event = str(order), event_id
        size = s.scenario.scripted_convoys.get((event_id, str(order)))
        if size is not None:
            t.convoy_sizes[order.args[0]] = size
        handlers[order.kind](t, order, specs[order.kind])
        t.order = t.event = None


def _check_endings(t: Turn) -> str | None:
    s = t.state
    victory = s.scenario.spec.victory
    for ending in victory.endings:
        if ending.check == "every_turn" and holds(s, ending.condition):
            return _end(t, ending)
    if s.turn >= s.scenario.turns:
        for ending in victory.endings:
            if ending.check == "final" and holds(s, ending.condition):
                return _end(t, ending)
        return _end(t, victory.default)
    return None


def _end(t: Turn, ending: Ending) -> str:
    t.state.outcome = ending.id
    t.emit("game_over", "{title}. {text}", source=ending.sources[0] if ending.sources else None,
           params={"title": ending.title, "text": ending.explanation})
    return ending.id


def ending_of(state: GameState) -> Ending | None:
    victory = state.scenario.spec.victory
    for ending in (*victory.endings, victory.default):
        if ending.id == state.outcome:
            return ending
    return None
