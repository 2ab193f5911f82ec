"""Which orders a side may give now, and why not when it may not."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from .orders import ESCORT_LEVELS, ORDER_KINDS, Order, Side
from .scenario import Scenario
from .spec import (
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
from .state import GameState

ECONOMIC_SITES = ("mine", "factory")


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
    return sum(state.fighters[r] for r in state.scenario.route_regions[route_id])


def static_reason(scenario: Scenario, side: Side, order: Order) -> str | None:
    """Why an order can never be given in this scenario (None when it can be, sometimes)."""
    kind = ORDER_KINDS.get(order.kind)
    if kind is None:
        return f"unknown order '{order.kind}'"
    if kind.side != side:
        return f"'{order.kind}' is an order of the {kind.side}"
    spec = scenario.order_specs[side].get(order.kind)
    if spec is None:
        return f"'{order.kind}' is not enabled in this scenario"
    if len(order.args) != len(kind.args):
        return f"'{order.kind}' takes {len(kind.args)} argument(s)"
    for arg_kind, value in zip(kind.args, order.args, strict=True):
        tables: dict[str, Mapping[str, object]] = {
            "corridor": scenario.corridors, "route": scenario.routes, "town": scenario.towns,
            "region": scenario.regions,
        }
        known = tables.get(arg_kind)
        if arg_kind == "level" and value not in ESCORT_LEVELS:
            return f"escort level must be one of {', '.join(ESCORT_LEVELS)}"
        if known is not None and value not in known:
            return f"unknown {arg_kind} '{value}'"
    reserve = scenario.spec.sides.junta.reserve_town
    target = order.target
    if order.kind == "escort" and not scenario.corridor_paths.get(order.args[0]):
        return "this corridor has no road to its destination"
    if order.kind in ("reinforce", "withdraw", "relieve") and target == reserve:
        return "the reserve's own town"
    if order.kind == "attack-site" and scenario.towns[order.args[0]].kind not in ECONOMIC_SITES:
        return "not a mine or factory"
    if order.kind == "siege" and scenario.towns[order.args[0]].kind == "capital":
        return "the capital cannot be besieged as a town; it is strangled through its roads"
    if order.kind == "move" and order.args[1] not in scenario.region_neighbours[order.args[0]]:
        return "the regions are not neighbours"
    return None


def check_order(state: GameState, side: Side, order: Order, *,
                scripted: bool = False) -> str | None:
    """Why `side` may not give `order` now, or None when it may.

    A scripted order (from a scenario event) skips capacity, cost and duplicates.
    """
    if state.over:
        return "the game is over"
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
            return "already ordered this turn"
        if spec.capacity > budget.capacity_left:
            return "no command capacity left this turn"
        if budget.money_left < spec.cost:
            return "not enough money"
        if spec.fuel_m3 and budget.fuel_left < spec.fuel_m3:
            return "not enough fuel in Bamako"
    return _dynamic_reason(state, side, order, spec, scripted)


def _dynamic_reason(state: GameState, side: Side, order: Order, spec: OrderBase,
                    scripted: bool) -> str | None:
    kind, target = order.kind, order.target
    pending = state.pending[side]
    status = state.town_status.get(target or "")
    if (kind in ("escort", "reinforce", "relieve") and not scripted
            and reserve_free(state) < companies_for(spec, order)):
        return "not enough companies in the reserve"
    if kind == "escort" and any(o.kind == "escort" and o.target == target for o in pending):
        return "this corridor already has an escort"
    if kind == "reinforce" and status in ("besieged", "insurgent"):
        return f"the town is {status}; relieve it first"
    if kind == "withdraw":
        if state.garrison[target or ""] <= 0:
            return "no garrison there"
        if status == "besieged":
            return "a besieged garrison cannot withdraw"
    if kind == "relieve" and status not in ("besieged", "insurgent"):
        return "the town is not besieged or held by the insurgency"
    if kind == "airstrike" and sum(o.kind == "airstrike" for o in pending) >= state.helicopters:
        return "no helicopter available"
    if kind == "africa-corps" and state.africa_corps <= 0:
        return "no Africa Corps forces"
    if kind == "rural-fuel-ban" and state.flags.get("rural_fuel_ban"):
        return "the ban is already in force"
    if kind == "close-schools" and state.flags.get("schools_closed"):
        return "schools are already closed"
    if kind == "reopen-schools" and not state.flags.get("schools_closed"):
        return "schools are open"
    if kind == "repair" and state.route_damage.get(target or "", 0) <= 0:
        return "the road is not damaged"
    if isinstance(spec, AmbushOrder | KidnapOrder | CheckpointOrder | SabotageOrder):
        if fighters_near_route(state, target or "") < spec.min_fighters:
            return f"needs {spec.min_fighters} fighters near the road"
        if kind == "checkpoint" and state.checkpoints.get(target or ""):
            return "a checkpoint already stands there"
        if kind == "sabotage" and state.route_damage.get(target or ""):
            return "the road is already cut"
    if isinstance(spec, BlockadeOrder):
        regions = state.scenario.corridor_regions.get(target or "", ())
        if state.blockades.get(target or ""):
            return "a blockade is already declared"
        if not regions or sum(state.fighters[r] for r in regions) < spec.min_fighters:
            return f"needs {spec.min_fighters} fighters along the corridor"
    if isinstance(spec, RaidOrder | SiegeOrder | AttackSiteOrder):
        region = state.scenario.towns[target or ""].region
        if state.fighters[region] < spec.min_fighters:
            return f"needs {spec.min_fighters} fighters in the region"
        if status == "insurgent":
            return "the insurgency already holds it"
        if isinstance(spec, RaidOrder) and state.garrison[target or ""] <= 0:
            return "no garrison to raid"
        if isinstance(spec, SiegeOrder) and status == "besieged":
            return "already besieged"
        if isinstance(spec, AttackSiteOrder) and state.site_damage.get(target or ""):
            return "the site is already out of action"
    if isinstance(spec, StrikeOrder):
        if state.fighters[target or ""] < spec.min_fighters:
            return f"needs {spec.min_fighters} fighters in the region"
        if len(strike_targets(state, target or "", spec.max_sites, spec.reach)) < 2:
            return "needs at least two garrisons within reach"
    if isinstance(spec, TaxOrder) and state.fighters[target or ""] < spec.min_fighters:
        return f"needs {spec.min_fighters} fighters in the region"
    if kind in ("propaganda", "recruit") and state.fighters[target or ""] <= 0:
        return "no fighters in the region"
    if isinstance(spec, MoveOrder) and state.fighters[target or ""] < spec.fighters:
        return f"needs {spec.fighters} fighters to move"
    return None


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
    if state.over:
        return []
    pool = (_candidates(state.scenario, side) if kind is None
            else _candidates_by_kind(state.scenario, side).get(kind, ()))
    budget = _Budget.of(state, side)
    if budget.capacity_left <= 0 and all(
            spec.capacity > 0 for spec in state.scenario.order_specs[side].values()):
        return []  # a shortcut only: an order of capacity 0 stays legal when the rest is used
    return [o for o in pool if _current_reason(state, side, o, False, budget) is None]


def queue_order(state: GameState, side: Side, order: Order) -> None:
    """Add an order to the side's queue; raises IllegalOrder and changes nothing if illegal."""
    reason = check_order(state, side, order)
    if reason is not None:
        raise IllegalOrder(f"{order}: {reason}")
    state.pending[side].append(order)


def unqueue_last(state: GameState, side: Side) -> Order | None:
    """Take back the last queued order (undo)."""
    return state.pending[side].pop() if state.pending[side] else None


def remove_order(state: GameState, side: Side, order: Order) -> bool:
    if order in state.pending[side]:
        state.pending[side].remove(order)
        return True
    return False
