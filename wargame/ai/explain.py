"""Plain sentences for a bot's decisions, built from what the side can see."""

from __future__ import annotations

from ..engine import Order
from ..engine.orders import ORDER_KINDS
from .filters import Context, fighters_near, target_corridor


def _name(ctx: Context, kind: str, value: str) -> str:
    s = ctx.scenario
    if kind == "town":
        return s.towns[value].name
    if kind == "region":
        return s.regions[value].name
    if kind == "route":
        r = s.routes[value]
        return f"the {s.towns[r.from_town].name}–{s.towns[r.to_town].name} road ({r.road})"
    if kind == "corridor":
        return s.corridors[value].name
    return value


def facts(order: Order, ctx: Context, public: bool = False) -> list[str]:
    """Short facts the decision rested on. `public` leaves out the numbers the other side
    must not learn (the insurgency's own fighters), for reports the junta reads."""
    s, v = ctx.scenario, ctx.view
    out: list[str] = []
    corridor = target_corridor(order, s)
    if corridor and order.kind in ("ambush", "kidnap", "checkpoint", "sabotage", "blockade",
                                   "escort", "patrol"):
        tankers = s.corridors[corridor].tankers_per_week
        out.append(f"{tankers} tankers a week use the {s.corridors[corridor].name}")
        if order.side == "insurgency":
            escort = v.last_escorts.get(corridor, 0)
            out.append("no escort was seen last week" if not escort else
                       f"last week's escort was {escort} compan{'y' if escort == 1 else 'ies'}")
    if order.side == "insurgency" and order.kind not in ("tax", "propaganda", "recruit"):
        near = fighters_near(order, ctx)
        if near:
            out.append("our fighters are nearby" if public else
                       f"{near} of our fighters are nearby")
    if order.kind in ("raid", "siege", "relieve", "reinforce") and v.garrison is not None:
        town = order.args[0]
        out.append(f"the garrison has {v.garrison[town]} compan"
                   f"{'y' if v.garrison[town] == 1 else 'ies'}")
    if order.kind in ("propaganda", "recruit", "dialogue", "crackdown", "info-campaign"):
        region = order.args[0]
        out.append(f"grievance there is {v.grievance[region]}")
    if order.kind in ("tax", "recruit") and order.side == "insurgency" and not public:
        out.append(f"{v.fighters.get(order.args[0], 0)} fighters are there")
    if order.side == "junta" and order.kind in ("airstrike", "africa-corps", "crackdown"):
        out.append(f"an estimated {v.fighters.get(order.args[0], 0)} fighters are there")
    if order.kind in ("propaganda",) and v.fuel_days < 7:
        out.append(f"Bamako has {v.fuel_days} days of fuel")
    return out


def sentence(order: Order, ctx: Context, odds: int | None, priority_title: str,
             public: bool = False) -> str:
    kind = ORDER_KINDS[order.kind]
    targets = " ".join(_name(ctx, k, a) for k, a in zip(kind.args, order.args, strict=False)
                       if k != "level")
    head = f"{kind.label}" + (f" on {targets}" if targets else "")
    if order.kind == "move":
        head = (f"Move fighters from {_name(ctx, 'region', order.args[0])} to "
                f"{_name(ctx, 'region', order.args[1])}")
    if order.kind == "escort":
        head += f" ({order.args[1]})"
    detail = ", ".join(facts(order, ctx, public))
    chance = f"; {odds}% to succeed" if odds is not None else ""
    if order.kind == "ambush" and odds is not None:
        chance = f"; {odds}% to succeed before any escort"
    text = head + (f": {detail}" if detail else "") + chance + "."
    return f"{text} Priority: {priority_title}."
