"""Plain sentences for a bot's decisions, built from what the side can see."""

from __future__ import annotations

from ..engine import Order
from ..engine.ledger import N_, NP_
from ..engine.orders import ORDER_KINDS
from ..engine.phrase import Phrase, join
from .filters import Context, fighters_near, target_corridor

# Facts whose number may be 1: English kept its one form where it had one.
_TANKERS = NP_("{count} tankers a week use the {corridor}",
               "{count} tankers a week use the {corridor}", "count")
_LAST_ESCORT = NP_("last week's escort was {count} company",
                   "last week's escort was {count} companies", "count")
_NEAR = NP_("{count} of our fighters are nearby", "{count} of our fighters are nearby", "count")
_GARRISON = NP_("the garrison has {count} company", "the garrison has {count} companies",
                "count")
_THERE = NP_("{count} fighters are there", "{count} fighters are there", "count")
_ESTIMATED = NP_("an estimated {count} fighters are there",
                 "an estimated {count} fighters are there", "count")
_FUEL_DAYS = NP_("Bamako has {count} days of fuel", "Bamako has {count} days of fuel", "count")


def _name(ctx: Context, kind: str, value: str) -> str:
    s = ctx.scenario
    if kind == "town":
        return s.towns[value].name
    if kind == "region":
        return s.regions[value].name
    if kind == "route":
        r = s.routes[value]
        return Phrase(N_("the {start}–{end} road ({road})"), start=s.towns[r.from_town].name,
                      end=s.towns[r.to_town].name, road=r.road)
    if kind == "corridor":
        return s.corridors[value].name
    return value


def facts(order: Order, ctx: Context, public: bool = False) -> list[str]:
    """Short facts the decision rested on. `public` leaves out the numbers the other side
    must not learn (the insurgency's own fighters), for reports the junta reads. Each is a
    `Phrase`: English, translated where it is shown."""
    s, v = ctx.scenario, ctx.view
    out: list[str] = []
    corridor = target_corridor(order, s)
    if corridor and order.kind in ("ambush", "kidnap", "checkpoint", "sabotage", "blockade",
                                   "escort", "patrol"):
        tankers = s.corridors[corridor].tankers_per_week
        out.append(Phrase(_TANKERS, count=tankers, corridor=s.corridors[corridor].name))
        if order.side == "insurgency":
            escort = v.last_escorts.get(corridor, 0)
            out.append(Phrase(N_("no escort was seen last week")) if not escort else
                       Phrase(_LAST_ESCORT, count=escort))
    if order.side == "insurgency" and order.kind not in ("tax", "propaganda", "recruit"):
        near = fighters_near(order, ctx)
        if near:
            out.append(Phrase(N_("our fighters are nearby")) if public else
                       Phrase(_NEAR, count=near))
    if order.kind in ("raid", "siege", "relieve", "reinforce") and v.garrison is not None:
        town = order.args[0]
        out.append(Phrase(_GARRISON, count=v.garrison[town]))
    if order.kind in ("propaganda", "recruit", "dialogue", "crackdown", "info-campaign"):
        region = order.args[0]
        out.append(Phrase(N_("grievance there is {value}"), value=v.grievance[region]))
    if order.kind in ("tax", "recruit") and order.side == "insurgency" and not public:
        out.append(Phrase(_THERE, count=v.fighters.get(order.args[0], 0)))
    if order.side == "junta" and order.kind in ("airstrike", "africa-corps", "crackdown"):
        out.append(Phrase(_ESTIMATED, count=v.fighters.get(order.args[0], 0)))
    if order.kind in ("propaganda",) and v.fuel_days < 7:
        out.append(Phrase(_FUEL_DAYS, count=v.fuel_days))
    return out


def sentence(order: Order, ctx: Context, odds: int | None, priority_title: str,
             public: bool = False) -> str:
    """Why a bot chose `order`, for a student: a `Phrase` (English, with its template and
    params), written in the reader's language where it is shown."""
    return _sentence(_head(order, ctx), order, facts(order, ctx, public), odds,
                     priority_title)


def sentences(order: Order, ctx: Context, odds: int | None,
              priority_title: str) -> tuple[str, str]:
    """`sentence` in full and for the other side's eyes (`public`), built once when the
    two say the same (every decision has both: this is on the bots' path)."""
    head = _head(order, ctx)
    found = facts(order, ctx)
    # only the insurgency's own facts are kept from the other side (`facts`)
    shown = facts(order, ctx, public=True) if order.side == "insurgency" else found
    full = _sentence(head, order, found, odds, priority_title)
    return full, (full if shown == found else
                  _sentence(head, order, shown, odds, priority_title))


def _head(order: Order, ctx: Context) -> str:
    kind = ORDER_KINDS[order.kind]
    names = [_name(ctx, k, a) for k, a in zip(kind.args, order.args, strict=False)
             if k != "level"]
    head: str = Phrase(kind.label)
    if names:
        head = Phrase(N_("{order} on {targets}"), order=head,
                      targets=names[0] if len(names) == 1 else join(names, " "))
    if order.kind == "move":
        head = Phrase(N_("Move fighters from {region} to {to_region}"),
                      region=_name(ctx, "region", order.args[0]),
                      to_region=_name(ctx, "region", order.args[1]))
    if order.kind == "escort":
        head = Phrase("{head} ({level})", head=head, level=order.args[1])
    return head


def _sentence(head: str, order: Order, found: list[str], odds: int | None,
              priority_title: str) -> str:
    detail = (Phrase(N_(": {facts}"), facts=found[0] if len(found) == 1 else join(found, ", "))
              if found else "")
    chance = Phrase(N_("; {odds}% to succeed"), odds=odds) if odds is not None else ""
    if order.kind == "ambush" and odds is not None:
        chance = Phrase(N_("; {odds}% to succeed before any escort"), odds=odds)
    # The priority's title is the doctrine's (a scenario text) or the planner's label.
    return Phrase(N_("{head}{detail}{chance}. Priority: {priority}."), head=head,
                  detail=detail, chance=chance, priority=priority_title)
