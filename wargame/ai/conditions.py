"""Doctrine conditions judged on a side's view: a bot never reads what it cannot see.

A condition on a track the side cannot see (the treasury, for the insurgency) is false.
"""

from __future__ import annotations

from ..engine import View
from ..engine.scripted import COMPARE
from ..engine.spec import (
    AllCondition,
    AnyCondition,
    Condition,
    FlagCondition,
    GrievanceCondition,
    NotCondition,
    SupportCondition,
    TownStatusCondition,
    TrackCondition,
)


def view_track(view: View, track: str) -> int | None:
    values: dict[str, int | None] = {
        "fuel_days": view.fuel_days, "fuel_price": view.fuel_price,
        "treasury": view.treasury, "cohesion": view.cohesion, "isolation": view.isolation,
        "tankers_destroyed": view.tankers_destroyed,
        "towns_held": sum(1 for s in view.town_status.values() if s == "insurgent"),
        "insurgent_fighters": sum(view.fighters.values()),
        "insurgent_funds": view.funds, "turn": view.turn,
    }
    return values[track]


def holds_in_view(view: View, cond: Condition) -> bool:
    match cond:
        case TrackCondition():
            value = view_track(view, cond.track)
            return value is not None and COMPARE[cond.op](value, cond.value)
        case SupportCondition():
            table = view.support_junta if cond.side == "junta" else view.support_insurgency
            return COMPARE[cond.op](table[cond.region], cond.value)
        case GrievanceCondition():
            return COMPARE[cond.op](view.grievance[cond.region], cond.value)
        case FlagCondition():
            return view.flags.get(cond.flag, False) == cond.value
        case TownStatusCondition():
            return view.town_status[cond.town] == cond.status
        case AllCondition():
            return all(holds_in_view(view, c) for c in cond.conditions)
        case AnyCondition():
            return any(holds_in_view(view, c) for c in cond.conditions)
        case NotCondition():
            return not holds_in_view(view, cond.condition)
    raise TypeError(f"unknown condition {cond!r}")
