"""Typed conditions and effects of scenario events and endings (no expressions, no eval)."""

from __future__ import annotations

import operator
from collections.abc import Callable

from .ledger import N_
from .orders import Order, OrderSyntaxError
from .spec import (
    AdjustFighters,
    AdjustGrievance,
    AdjustSupport,
    AdjustTrack,
    AllCondition,
    AnyCondition,
    Condition,
    DamageRoute,
    Effect,
    EventSpec,
    FlagCondition,
    GrievanceCondition,
    Message,
    NotCondition,
    ScriptedOrder,
    SetFlag,
    SetTownStatus,
    SupportCondition,
    TownStatusCondition,
    TrackCondition,
)
from .state import GameState
from .turn import Turn

COMPARE: dict[str, Callable[[int, int], bool]] = {
    "lt": operator.lt, "le": operator.le, "gt": operator.gt, "ge": operator.ge,
    "eq": operator.eq,
}


def track_value(state: GameState, track: str) -> int:
    match track:
        case "fuel_days":
            return state.fuel_days
        case "tankers_destroyed":
            return state.tankers_destroyed
        case "towns_held":
            return len(state.towns_held)
        case "insurgent_fighters":
            return state.total_fighters
        case "insurgent_funds":
            return state.funds
        case "turn":
            return state.turn
        case "fuel_price" | "treasury" | "cohesion" | "isolation":
            return int(getattr(state, track))
    raise ValueError(f"unknown track {track}")


def holds(state: GameState, cond: Condition) -> bool:
    match cond:
        case TrackCondition():
            return COMPARE[cond.op](track_value(state, cond.track), cond.value)
        case SupportCondition():
            table = state.support_junta if cond.side == "junta" else state.support_insurgency
            return COMPARE[cond.op](table[cond.region], cond.value)
        case GrievanceCondition():
            return COMPARE[cond.op](state.grievance[cond.region], cond.value)
        case FlagCondition():
            return state.flags.get(cond.flag, False) == cond.value
        case TownStatusCondition():
            return state.town_status[cond.town] == cond.status
        case AllCondition():
            return all(holds(state, c) for c in cond.conditions)
        case AnyCondition():
            return any(holds(state, c) for c in cond.conditions)
        case NotCondition():
            return not holds(state, cond.condition)
    raise TypeError(f"unknown condition {cond!r}")


# The cause of an effect is the event itself: its title, looked up (and translated) at the
# edge from its id.
EVENT_CAUSE = N_("{event}")


def apply_effect(t: Turn, event: EventSpec, effect: Effect) -> None:
    s = t.state
    src = event.source
    why = {"event": event.id}
    match effect:
        case AdjustTrack():
            match effect.track:
                case "fuel_stock":
                    t.fuel(effect.delta, "event", EVENT_CAUSE, src, why)
                case "fuel_price":
                    t.fuel_price(s.fuel_price + effect.delta, "event", EVENT_CAUSE, src, why)
                case "treasury":
                    t.treasury(effect.delta, "event", EVENT_CAUSE, src, why)
                case "cohesion":
                    t.cohesion(effect.delta, "event", EVENT_CAUSE, src, why)
                case "isolation":
                    t.isolation(effect.delta, "event", EVENT_CAUSE, src, why)
                case "insurgent_funds":
                    t.funds(effect.delta, "event", EVENT_CAUSE, src, why)
                case "insurgent_weapons":
                    s.weapons = max(0, s.weapons + effect.delta)
        case AdjustSupport():
            t.support(effect.region, effect.side, effect.delta, "event", EVENT_CAUSE, src, why)
        case AdjustGrievance():
            t.grievance(effect.region, effect.delta, "event", EVENT_CAUSE, src, why)
        case SetFlag():
            s.flags[effect.flag] = effect.value
        case DamageRoute():
            s.route_damage[effect.route] = max(s.route_damage.get(effect.route, 0), effect.turns)
        case SetTownStatus():
            s.town_status[effect.town] = effect.status
            if effect.status == "besieged":
                s.siege_turns.setdefault(effect.town, 0)
        case AdjustFighters():
            t.add_fighters(effect.region, effect.delta, "event", EVENT_CAUSE, src, why)
        case ScriptedOrder():
            try:
                order = Order.parse(effect.order)
            except OrderSyntaxError as exc:  # validated at load time; guard anyway
                t.emit("scripted", f"Scripted order '{effect.order}' ignored: {exc}")
                return
            t.scripted.append((effect.side, order, event.id))
        case Message():
            t.emit("news", effect.text, source=event.source)


def fire_event(t: Turn, event: EventSpec) -> None:
    t.state.fired_events[event.id] = t.state.turn
    t.emit("scripted", f"{event.title}. {event.text}", source=event.source)
    t.event = event.id
    for effect in event.effects:
        apply_effect(t, event, effect)
    t.event = None
