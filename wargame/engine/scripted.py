"""Typed conditions and effects of scenario events and endings (no expressions, no eval)."""

from __future__ import annotations

import operator
from collections.abc import Callable

from .ledger import N_
from .model import (
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
from .orders import Order, OrderSyntaxError
from .state import GameState
from .turn import Turn
from .view import View

COMPARE: dict[str, Callable[[int, int], bool]] = {
    "lt": operator.lt, "le": operator.le, "gt": operator.gt, "ge": operator.ge,
    "eq": operator.eq,
}

# What a condition reads: the true state, or a side's view of it. Both carry the same
# support, grievance, flag and town tables; only their tracks are read through a function.
Source = GameState | View
TrackReader = Callable[[str], int | None]       # None: a track the reader may not see
LeafCondition = (TrackCondition | SupportCondition | GrievanceCondition | FlagCondition
                 | TownStatusCondition)
LeafValue = int | bool | str


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


def view_track(view: View, track: str, *, estimates: bool = True) -> int | None:
    """A track as a side sees it; None when hidden from it. The junta sees the
    insurgency's fighters only through its estimate: `estimates=False` reads that as
    unknown rather than as the number."""
    match track:
        case "fuel_days" | "fuel_price" | "treasury" | "cohesion" | "isolation" | "turn" \
                | "tankers_destroyed":
            value: int | None = getattr(view, track)
            return value
        case "towns_held":
            return sum(1 for s in view.town_status.values() if s == "insurgent")
        case "insurgent_fighters":
            if view.fighters_are_estimates and not estimates:
                return None
            return sum(view.fighters.values())
        case "insurgent_funds":
            return view.funds
    raise ValueError(f"unknown track {track}")


def leaf_value(source: Source, cond: LeafCondition, track: TrackReader) -> LeafValue | None:
    """What a leaf condition tests, read from the state or a view (None: hidden)."""
    match cond:
        case TrackCondition():
            return track(cond.track)
        case SupportCondition():
            table = source.support_junta if cond.side == "junta" else source.support_insurgency
            return table[cond.region]
        case GrievanceCondition():
            return source.grievance[cond.region]
        case FlagCondition():
            return source.flags.get(cond.flag, False)
        case TownStatusCondition():
            return source.town_status[cond.town]
    raise TypeError(f"unknown condition {cond!r}")


def leaf_holds(cond: LeafCondition, value: LeafValue | None) -> bool | None:
    """Whether a leaf condition holds for the value it tests; None when the value is
    hidden."""
    if value is None:
        return None
    match cond:
        case TrackCondition() | SupportCondition() | GrievanceCondition():
            return COMPARE[cond.op](int(value), cond.value)
        case FlagCondition():
            return value == cond.value
        case TownStatusCondition():
            return value == cond.status
    raise TypeError(f"unknown condition {cond!r}")


def holds_on(source: Source, cond: Condition, track: TrackReader) -> bool:
    """Whether a condition holds; a leaf on a hidden track is false (so `not` of it is
    true)."""
    match cond:
        case AllCondition():
            return all(holds_on(source, c, track) for c in cond.conditions)
        case AnyCondition():
            return any(holds_on(source, c, track) for c in cond.conditions)
        case NotCondition():
            return not holds_on(source, cond.condition, track)
    return leaf_holds(cond, leaf_value(source, cond, track)) is True


def holds(state: GameState, cond: Condition) -> bool:
    return holds_on(state, cond, lambda track: track_value(state, track))


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
                t.emit("scripted", N_("Scripted order '{order}' ignored: {error}"),
                       params={"order": effect.order, "error": exc.args[0]})
                return
            t.scripted.append((effect.side, order, event.id))
        case Message():
            # The scenario's own text (a LocalText): the interface shows its translation.
            t.emit("news", "{text}", source=event.source, params={"text": effect.text})


def fire_event(t: Turn, event: EventSpec) -> None:
    t.state.fired_events[event.id] = t.state.turn
    t.emit("scripted", "{title}. {text}", source=event.source,
           params={"title": event.title, "text": event.text})
    t.event = event.id
    for effect in event.effects:
        apply_effect(t, event, effect)
    t.event = None
