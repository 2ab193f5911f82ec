"""Which orders a side may give now, and why not when it may not."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from .ledger import N_, NP_
from .model import (
    AmbushOrder,
    AttackSiteOrder,
    BlockadeOrder,
    CheckpointOrder,
    EscortOrder,
    KidnapOrder,
    MoveOrder,
    OrderBase,
    RaidOrder,
    ReinforceOrder,
    RelieveOrder,
    SabotageOrder,
    SiegeOrder,
    StrikeOrder,
    TaxOrder,
)
from .orders import ESCORT_LEVELS, ORDER_KINDS, Order, Side
from .phrase import Phrase
from .scenario import Scenario
from .state import GameState

ECONOMIC_SITES = ("mine", "factory")

# A refusal's reason is a `Phrase`: English as a string, translated at the edge. Those
# without params are made once (enumerating legal orders is the bots' inner loop).
_fixed = cache(Phrase)
_UNKNOWN = {"corridor": N_("unknown corridor '{value}'"), "route": N_("unknown route '{value}'"),
            "town": N_("unknown town '{value}'"), "region": N_("unknown region '{value}'")}
_OTHER_SIDE = {"junta": N_("'{kind}' is an order of the junta"),
               "insurgency": N_("'{kind}' is an order of the insurgency")}
# English keeps "needs 1 fighters" as it always wrote it; other languages have both forms.
_NEEDS = {
    "road": NP_("needs {count} fighters near the road", "needs {count} fighters near the road",
                "count"),
    "corridor": NP_("needs {count} fighters along the corridor",
                    "needs {count} fighters along the corridor", "count"),
    "region": NP_("needs {count} fighters in the region", "needs {count} fighters in the region",
                  "count"),
    "move": NP_("needs {count} fighters to move", "needs {count} fighters to move", "count"),
}
_NOT_NOW = {"besieged": N_("the town is besieged; relieve it first"),
            "insurgent": N_("the town is insurgent; relieve it first")}


class IllegalOrder(ValueError):
    """The order is well formed but may not be given now; the message says why."""


def capacity(state: GameState, side: Side) -> int:
    sides = state.scenario.spec.sides
    return sides.junta.command_capacity if side == "junta" else sides.insurgency.command_capacity


def capacity_used(state: GameState, side: Side) -> int:
    specs = state.scenario.order_specs[side]
    return sum(specs[o.kind].capacity for o in state.pending[side])


def money(state: GameState, side: Side) -> int:
    return state.treasury if side == "junta" else state.funds


def committed(state: GameState, side: Side) -> tuple[int, int]:
    """(money, fuel) the side's queued orders will cost."""
    specs = state.scenario.order_specs[side]
    cost = fuel = 0
    for o in state.pending[side]:
        cost += specs[o.kind].cost
        fuel += specs[o.kind].fuel_m3
    return cost, fuel


def reserve_committed(state: GameState) -> int:
    """Companies of the reserve the junta's queued orders take."""
    specs = state.scenario.order_specs["junta"]
    total = 0
    for o in state.pending["junta"]:
        total += companies_for(specs[o.kind], o)
    return total


def companies_for(spec: OrderBase, order: Order) -> int:
    if isinstance(spec, EscortOrder):
        return spec.heavy_companies if order.args[1] == "heavy" else spec.light_companies
    if isinstance(spec, ReinforceOrder | RelieveOrder):
        return spec.companies
    return 0


def reserve_free(state: GameState) -> int:
    junta = state.scenario.spec.sides.junta
    return state.garrison[junta.reserve_town] - junta.min_reserve - reserve_committed(state)


def fighters_near_route(state: GameState, route_id: str) -> int:
    fighters = state.fighters
    total = 0
    for region in state.scenario.route_regions[route_id]:  # one or two: a loop beats sum()
        total += fighters[region]
    return total


def static_reason(scenario: Scenario, side: Side, order: Order) -> str | None:
    """Why an order can never be given in this scenario (None when it can be, sometimes)."""
    kind = ORDER_KINDS.get(order.kind)
    if kind is None:
        return Phrase(N_("unknown order '{kind}'"), kind=order.kind)
    if kind.side != side:
        return Phrase(_OTHER_SIDE[kind.side], kind=order.kind)
    spec = scenario.order_specs[side].get(order.kind)
    if spec is None:
        return Phrase(N_("'{kind}' is not enabled in this scenario"), kind=order.kind)
    if len(order.args) != len(kind.args):
        return Phrase(NP_("'{kind}' takes {count} argument(s)",
                          "'{kind}' takes {count} argument(s)", "count"),
                      kind=order.kind, count=len(kind.args))
    for arg_kind, value in zip(kind.args, order.args, strict=True):
        tables: dict[str, Mapping[str, object]] = {
            "corridor": scenario.corridors, "route": scenario.routes, "town": scenario.towns,
            "region": scenario.regions,
        }
        known = tables.get(arg_kind)
        if arg_kind == "level" and value not in ESCORT_LEVELS:
            return Phrase(N_("escort level must be one of {levels}"),
                          levels=", ".join(ESCORT_LEVELS))
        if known is not None and value not in known:
            return Phrase(_UNKNOWN[arg_kind], value=value)
    reserve = scenario.spec.sides.junta.reserve_town
    target = order.target
    if order.kind == "escort" and not scenario.corridor_paths.get(order.args[0]):
        return _fixed(N_("this corridor has no road to its destination"))
    if order.kind in ("reinforce", "withdraw", "relieve") and target == reserve:
        return _fixed(N_("the reserve's own town"))
    if order.kind == "attack-site" and scenario.towns[order.args[0]].kind not in ECONOMIC_SITES:
        return _fixed(N_("not a mine or factory"))
    if order.kind == "siege" and scenario.towns[order.args[0]].kind == "capital":
        return _fixed(N_("the capital cannot be besieged as a town; it is strangled through "
                         "its roads"))
    if order.kind == "move" and order.args[1] not in scenario.region_neighbours[order.args[0]]:
        return _fixed(N_("the regions are not neighbours"))
    return None


def check_order(state: GameState, side: Side, order: Order, *,
                scripted: bool = False) -> str | None:
    """Why `side` may not give `order` now, or None when it may.

    A scripted order (from a scenario event) skips capacity, cost and duplicates.
    """
    if state.over:
        return _fixed(N_("the game is over"))
    reason = static_reason(state.scenario, side, order)
    if reason is not None:
        return reason
    return _current_reason(state, side, order, scripted, _Budget.of(state, side))


@dataclass(frozen=True, slots=True)
class _Budget:
    """What the side's queue leaves: computed once per enumeration, not once per order."""

    capacity_left: int
    money_left: int
    fuel_left: int

    @classmethod
    def of(cls, state: GameState, side: Side) -> _Budget:
        cost, fuel = committed(state, side)
        return cls(capacity(state, side) - capacity_used(state, side),
                   money(state, side) - cost, state.fuel_stock - fuel)


def _current_reason(state: GameState, side: Side, order: Order, scripted: bool,
                    budget: _Budget) -> str | None:
    """Why a statically valid order may not be given now (capacity, money, the board)."""
    spec = state.scenario.order_specs[side][order.kind]
    if not scripted:
        if order in state.pending[side]:
            return _fixed(N_("already ordered this turn"))
        if spec.capacity > budget.capacity_left:
            return _fixed(N_("no command capacity left this turn"))
        if budget.money_left < spec.cost:
            return _fixed(N_("not enough money"))
        if spec.fuel_m3 and budget.fuel_left < spec.fuel_m3:
            return _fixed(N_("not enough fuel in Bamako"))
    return _dynamic_reason(state, side, order, spec, scripted)


def _dynamic_reason(state: GameState, side: Side, order: Order, spec: OrderBase,
                    scripted: bool) -> str | None:
    spec_type: type = type(spec)  # plain `type`: a record class hashes as a class
    for check in _checks_for(order.kind, spec_type):
        reason = check(state, side, order, spec, scripted)
        if reason is not None:
            return reason
    return None


# The board's conditions on an order, one function each, in the order they are tested:
# an order runs only the checks of its kind (chosen once per kind and spec class by
# `_checks_for`), not a chain of tests for every kind. Enumerating legal orders is the
# bots' inner loop, so this is the engine's hottest path after resolution itself. A check
# that reads its spec's own fields declares the spec's class: `_checks_for` chose the
# check by that class (hence `Any` for the spec in the common signature).
Check = Callable[[GameState, Side, Order, Any, bool], "str | None"]


def _reserve(state: GameState, side: Side, order: Order, spec: OrderBase,
             scripted: bool) -> str | None:
    if not scripted and reserve_free(state) < companies_for(spec, order):
        return _fixed(N_("not enough companies in the reserve"))
    return None


def _escort_taken(state: GameState, side: Side, order: Order, spec: OrderBase,
                  scripted: bool) -> str | None:
    target = order.target
    if any(o.kind == "escort" and o.target == target for o in state.pending[side]):
        return _fixed(N_("this corridor already has an escort"))
    return None


def _reinforce(state: GameState, side: Side, order: Order, spec: OrderBase,
               scripted: bool) -> str | None:
    status = state.town_status.get(order.target or "")
    if status in ("besieged", "insurgent"):
        return _fixed(_NOT_NOW[status])
    return None


def _withdraw(state: GameState, side: Side, order: Order, spec: OrderBase,
              scripted: bool) -> str | None:
    target = order.target or ""
    if state.garrison[target] <= 0:
        return _fixed(N_("no garrison there"))
    if state.town_status.get(target) == "besieged":
        return _fixed(N_("a besieged garrison cannot withdraw"))
    return None


def _relieve(state: GameState, side: Side, order: Order, spec: OrderBase,
             scripted: bool) -> str | None:
    if state.town_status.get(order.target or "") not in ("besieged", "insurgent"):
        return _fixed(N_("the town is not besieged or held by the insurgency"))
    return None


def _airstrike(state: GameState, side: Side, order: Order, spec: OrderBase,
               scripted: bool) -> str | None:
    if sum(o.kind == "airstrike" for o in state.pending[side]) >= state.helicopters:
        return _fixed(N_("no helicopter available"))
    return None


def _africa_corps(state: GameState, side: Side, order: Order, spec: OrderBase,
                  scripted: bool) -> str | None:
    return _fixed(N_("no Africa Corps forces")) if state.africa_corps <= 0 else None


def _fuel_ban(state: GameState, side: Side, order: Order, spec: OrderBase,
              scripted: bool) -> str | None:
    return _fixed(N_("the ban is already in force")) if state.flags.get("rural_fuel_ban") else None


def _close_schools(state: GameState, side: Side, order: Order, spec: OrderBase,
                   scripted: bool) -> str | None:
    return _fixed(N_("schools are already closed")) if state.flags.get("schools_closed") else None


def _reopen_schools(state: GameState, side: Side, order: Order, spec: OrderBase,
                    scripted: bool) -> str | None:
    return _fixed(N_("schools are open")) if not state.flags.get("schools_closed") else None


def _repair(state: GameState, side: Side, order: Order, spec: OrderBase,
            scripted: bool) -> str | None:
    if state.route_damage.get(order.target or "", 0) <= 0:
        return _fixed(N_("the road is not damaged"))
    return None


def _on_road(state: GameState, side: Side, order: Order,
             spec: AmbushOrder | KidnapOrder | CheckpointOrder | SabotageOrder,
             scripted: bool) -> str | None:
    target = order.target or ""
    if fighters_near_route(state, target) < spec.min_fighters:
        return Phrase(_NEEDS["road"], count=spec.min_fighters)
    if order.kind == "checkpoint" and state.checkpoints.get(target):
        return _fixed(N_("a checkpoint already stands there"))
    if order.kind == "sabotage" and state.route_damage.get(target):
        return _fixed(N_("the road is already cut"))
    return None


def _blockade(state: GameState, side: Side, order: Order, spec: BlockadeOrder,
              scripted: bool) -> str | None:
    target = order.target or ""
    regions = state.scenario.corridor_regions.get(target, ())
    if state.blockades.get(target):
        return _fixed(N_("a blockade is already declared"))
    if not regions or sum(state.fighters[r] for r in regions) < spec.min_fighters:
        return Phrase(_NEEDS["corridor"], count=spec.min_fighters)
    return None


def _in_town(state: GameState, side: Side, order: Order,
             spec: RaidOrder | SiegeOrder | AttackSiteOrder, scripted: bool) -> str | None:
    target = order.target or ""
    status = state.town_status.get(target)
    region = state.scenario.towns[target].region
    if state.fighters[region] < spec.min_fighters:
        return Phrase(_NEEDS["region"], count=spec.min_fighters)
    if status == "insurgent":
        return _fixed(N_("the insurgency already holds it"))
    if isinstance(spec, RaidOrder) and state.garrison[target] <= 0:
        return _fixed(N_("no garrison to raid"))
    if isinstance(spec, SiegeOrder) and status == "besieged":
        return _fixed(N_("already besieged"))
    if isinstance(spec, AttackSiteOrder) and state.site_damage.get(target):
        return _fixed(N_("the site is already out of action"))
    return None


def _strike(state: GameState, side: Side, order: Order, spec: StrikeOrder,
            scripted: bool) -> str | None:
    target = order.target or ""
    if state.fighters[target] < spec.min_fighters:
        return Phrase(_NEEDS["region"], count=spec.min_fighters)
    if len(strike_targets(state, target, spec.max_sites, spec.reach)) < 2:
        return _fixed(N_("needs at least two garrisons within reach"))
    return None


def _tax(state: GameState, side: Side, order: Order, spec: TaxOrder,
         scripted: bool) -> str | None:
    if state.fighters[order.target or ""] < spec.min_fighters:
        return Phrase(_NEEDS["region"], count=spec.min_fighters)
    return None


def _fighters_present(state: GameState, side: Side, order: Order, spec: OrderBase,
                      scripted: bool) -> str | None:
    if state.fighters[order.target or ""] <= 0:
        return _fixed(N_("no fighters in the region"))
    return None


def _move(state: GameState, side: Side, order: Order, spec: MoveOrder,
          scripted: bool) -> str | None:
    if state.fighters[order.target or ""] < spec.fighters:
        return Phrase(_NEEDS["move"], count=spec.fighters)
    return None


@cache
def _checks_for(kind: str, spec_type: type) -> tuple[Check, ...]:
    """The checks an order of `kind` (whose spec is a `spec_type`) runs, in the order the
    rules state them: by the order's keyword, then by the kind of its spec."""
    by_kind: list[tuple[bool, Check]] = [
        (kind in ("escort", "reinforce", "relieve"), _reserve),
        (kind == "escort", _escort_taken),
        (kind == "reinforce", _reinforce),
        (kind == "withdraw", _withdraw),
        (kind == "relieve", _relieve),
        (kind == "airstrike", _airstrike),
        (kind == "africa-corps", _africa_corps),
        (kind == "rural-fuel-ban", _fuel_ban),
        (kind == "close-schools", _close_schools),
        (kind == "reopen-schools", _reopen_schools),
        (kind == "repair", _repair),
        (issubclass(spec_type, AmbushOrder | KidnapOrder | CheckpointOrder | SabotageOrder),
         _on_road),
        (issubclass(spec_type, BlockadeOrder), _blockade),
        (issubclass(spec_type, RaidOrder | SiegeOrder | AttackSiteOrder), _in_town),
        (issubclass(spec_type, StrikeOrder), _strike),
        (issubclass(spec_type, TaxOrder), _tax),
        (kind in ("propaganda", "recruit"), _fighters_present),
        (issubclass(spec_type, MoveOrder), _move),
    ]
    return tuple(check for applies, check in by_kind if applies)


def strike_targets(state: GameState, region: str, max_sites: int,
                   reach: str = "region") -> list[str]:
    """The garrisons a simultaneous strike hits. Within a region, the weakest first, then
    by id; with `reach` "neighbours" the strike spreads over the region and its neighbours,
    taking each region's weakest in turn (the region first, then its neighbours by id), so
    that the blows fall far apart (004: 1 July 2025)."""
    scenario = state.scenario
    reserve = scenario.spec.sides.junta.reserve_town
    regions = [region, *scenario.region_neighbours[region]] if reach == "neighbours" \
        else [region]
    pools = []
    for rid in regions:
        towns = [t for t in scenario.region_towns[rid]
                 if state.garrison[t] > 0 and state.town_status[t] != "insurgent"
                 and t != reserve]
        towns.sort(key=lambda t: (state.garrison[t], t))
        pools.append(towns)
    chosen: list[str] = []
    depth = 0
    while len(chosen) < max_sites and any(len(pool) > depth for pool in pools):
        for pool in pools:
            if depth < len(pool) and len(chosen) < max_sites:
                chosen.append(pool[depth])
        depth += 1
    return chosen


@cache
def _candidates(scenario: Scenario, side: Side) -> tuple[Order, ...]:
    """Every order that the scenario could ever allow, in a fixed order."""
    out: list[Order] = []
    values = {
        "corridor": sorted(scenario.corridors), "route": sorted(scenario.routes),
        "town": sorted(scenario.towns), "region": sorted(scenario.regions),
        "level": list(ESCORT_LEVELS),
    }
    for name in scenario.order_specs[side]:
        kind = ORDER_KINDS[name]
        combos: list[tuple[str, ...]] = [()]
        for arg in kind.args:
            combos = [(*c, v) for c in combos for v in values[arg]]
        for args in combos:
            order = Order(name, args)
            if static_reason(scenario, side, order) is None:
                out.append(order)
    return tuple(out)


@cache
def _candidates_by_kind(scenario: Scenario, side: Side) -> dict[str, tuple[Order, ...]]:
    grouped: dict[str, list[Order]] = {}
    for order in _candidates(scenario, side):
        grouped.setdefault(order.kind, []).append(order)
    return {kind: tuple(orders) for kind, orders in grouped.items()}


def candidate_orders(scenario: Scenario, side: Side) -> tuple[Order, ...]:
    return _candidates(scenario, side)


def legal_orders(state: GameState, side: Side, kind: str | None = None) -> list[Order]:
    """Every order `side` may give now (only of `kind` when given), in a stable order."""
    if state.over or _nothing_fits(state, side):
        return []
    budget = _Budget.of(state, side)
    by_kind = _candidates_by_kind(state.scenario, side)
    if kind is not None:
        pool = by_kind.get(kind)  # None for a kind the scenario does not enable
        return [] if pool is None else _legal_of_kind(state, side, kind, pool, budget, False)
    # The candidates come grouped by kind, in `_candidates`' order, so the concatenation
    # is the order of `_candidates` itself.
    out: list[Order] = []
    for name, pool in by_kind.items():
        out += _legal_of_kind(state, side, name, pool, budget, False)
    return out


def has_legal_order(state: GameState, side: Side) -> bool:
    """Whether `side` may give any order now: `bool(legal_orders(state, side))`, stopping
    at the first kind with a legal order (resolution asks this every turn)."""
    if state.over or _nothing_fits(state, side):
        return False
    budget = _Budget.of(state, side)
    return any(_legal_of_kind(state, side, name, pool, budget, True)
               for name, pool in _candidates_by_kind(state.scenario, side).items())


def _nothing_fits(state: GameState, side: Side) -> bool:
    """No command capacity left and no order of capacity 0 (a shortcut only: an order of
    capacity 0 stays legal when the rest is used)."""
    return capacity(state, side) - capacity_used(state, side) <= 0 and all(
        spec.capacity > 0 for spec in state.scenario.order_specs[side].values())


def _legal_of_kind(state: GameState, side: Side, kind: str, pool: tuple[Order, ...],
                   budget: _Budget, first_only: bool) -> list[Order]:
    """The legal orders of `pool`, all of `kind`: what `_current_reason` accepts, with the
    tests that depend only on the kind (capacity, money, fuel) made once for the pool."""
    spec = state.scenario.order_specs[side][kind]
    if (spec.capacity > budget.capacity_left or budget.money_left < spec.cost
            or (spec.fuel_m3 and budget.fuel_left < spec.fuel_m3)):
        return []
    # Only a queued order of the same kind can equal a candidate (fewer comparisons).
    pending = [o for o in state.pending[side] if o.kind == kind]
    spec_type: type = type(spec)  # plain `type`: a record class hashes as a class
    checks = _checks_for(kind, spec_type)
    out: list[Order] = []
    for order in pool:
        if pending and order in pending:
            continue
        for check in checks:
            if check(state, side, order, spec, False) is not None:
                break
        else:
            out.append(order)
            if first_only:
                break
    return out


def queue_order(state: GameState, side: Side, order: Order) -> None:
    """Add an order to the side's queue; raises IllegalOrder and changes nothing if illegal."""
    reason = check_order(state, side, order)
    if reason is not None:
        raise IllegalOrder(Phrase(N_("{order}: {reason}"), order=str(order), reason=reason))
    state.pending[side].append(order)


def unqueue_last(state: GameState, side: Side) -> Order | None:
    """Take back the last queued order (undo)."""
    return state.pending[side].pop() if state.pending[side] else None


def remove_order(state: GameState, side: Side, order: Order) -> bool:
    if order in state.pending[side]:
        state.pending[side].remove(order)
        return True
    return False
