"""The doctrine filter library: named tests that narrow a priority's candidate orders.

Every filter reads only a side's `View` (fog of war) and the static scenario. Yes/no
filters keep the candidates that pass; threshold filters keep those at or past a value;
keep-the-best filters keep every candidate that ties for the best value. docs/doctrine.md
describes each one.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from ..engine import Order, Scenario, View
from ..engine.model import (
    BestFilter,
    ChoiceFilter,
    DoctrineFilter,
    MaxFilter,
    MinFilter,
    YesNoFilter,
)
from ..engine.orders import ORDER_KINDS

# Fighters that count as a match for one escorting company (for the escort filters).
FIGHTERS_PER_COMPANY = 100


@dataclass
class Context:
    """What a doctrine's filters may look at."""

    view: View
    scenario: Scenario
    odds: Callable[[Order], int | None]
    regions_hit: set[str] = field(default_factory=set)

    @property
    def capital(self) -> str:
        return capital_town(self.scenario)


@cache
def capital_town(scenario: Scenario) -> str:
    return next((t.id for t in scenario.towns.values() if t.kind == "capital"),
                next(iter(scenario.towns)))


@cache
def distances(scenario: Scenario) -> dict[str, int]:
    """Road km from the capital to every town (Dijkstra over all routes)."""
    adjacency: dict[str, list[tuple[str, int]]] = {t: [] for t in scenario.towns}
    for r in scenario.routes.values():
        adjacency[r.from_town].append((r.to_town, r.km))
        adjacency[r.to_town].append((r.from_town, r.km))
    start = capital_town(scenario)
    best = {start: 0}
    queue = [(0, start)]
    while queue:
        dist, town = heapq.heappop(queue)
        if dist > best.get(town, dist):
            continue
        for nxt, km in sorted(adjacency[town]):
            if dist + km < best.get(nxt, 1 << 30):
                best[nxt] = dist + km
                heapq.heappush(queue, (dist + km, nxt))
    return best


@cache
def route_corridor(scenario: Scenario) -> dict[str, str]:
    """Route -> the corridor whose convoy path uses it."""
    return {rid: cid for cid, path in sorted(scenario.corridor_paths.items()) for rid in path}


# ------------------------------------------------------------------ what an order targets

@cache  # what an order targets never changes in a scenario; filters ask it often
def target_towns(order: Order, scenario: Scenario) -> tuple[str, ...]:
    kinds = ORDER_KINDS[order.kind].args
    towns: list[str] = []
    for kind, value in zip(kinds, order.args, strict=False):
        if kind == "town":
            towns.append(value)
        elif kind == "route":
            r = scenario.routes[value]
            towns += [r.from_town, r.to_town]
        elif kind == "corridor":
            for rid in scenario.corridor_paths.get(value, ()):
                r = scenario.routes[rid]
                towns += [r.from_town, r.to_town]
    return tuple(dict.fromkeys(towns))


@cache  # what an order targets never changes in a scenario; filters ask it often
def target_regions(order: Order, scenario: Scenario) -> tuple[str, ...]:
    kinds = ORDER_KINDS[order.kind].args
    if order.kind == "move":
        return (order.args[1],)
    regions: list[str] = []
    for kind, value in zip(kinds, order.args, strict=False):
        if kind == "region":
            regions.append(value)
        elif kind == "town":
            regions.append(scenario.towns[value].region)
        elif kind == "route":
            regions += scenario.route_regions[value]
        elif kind == "corridor":
            regions += scenario.corridor_regions.get(value, ())
    return tuple(dict.fromkeys(regions))


@cache  # what an order targets never changes in a scenario; filters ask it often
def target_corridor(order: Order, scenario: Scenario) -> str | None:
    kinds = ORDER_KINDS[order.kind].args
    if kinds and kinds[0] == "corridor":
        return order.args[0]
    if kinds and kinds[0] == "route":
        return route_corridor(scenario).get(order.args[0])
    return None


def fighters_near(order: Order, ctx: Context) -> int:
    if order.kind == "move":
        return ctx.view.fighters.get(order.args[0], 0)
    return sum(ctx.view.fighters.get(r, 0) for r in target_regions(order, ctx.scenario))


# ------------------------------------------------------------------ metrics

def _garrison(order: Order, ctx: Context) -> int | None:
    if ctx.view.garrison is None:
        return None
    towns = [t for t in target_towns(order, ctx.scenario)]
    return min((ctx.view.garrison[t] for t in towns), default=None)


def _support(order: Order, ctx: Context, table: dict[str, int]) -> int | None:
    regions = target_regions(order, ctx.scenario)
    return sum(table[r] for r in regions) // len(regions) if regions else None


def _distance(order: Order, ctx: Context) -> int | None:
    dist = distances(ctx.scenario)
    towns = target_towns(order, ctx.scenario)
    if not towns:
        regions = target_regions(order, ctx.scenario)
        towns = tuple(t for r in regions for t in ctx.scenario.region_towns[r])
    values = [dist[t] for t in towns if t in dist]
    return min(values) if values else None


def _tankers(order: Order, ctx: Context) -> int | None:
    corridor = target_corridor(order, ctx.scenario)
    return ctx.scenario.corridors[corridor].tankers_per_week if corridor else 0


def _grievance(order: Order, ctx: Context) -> int | None:
    regions = target_regions(order, ctx.scenario)
    return max((ctx.view.grievance[r] for r in regions), default=None)


def _population(order: Order, ctx: Context) -> int | None:
    towns = target_towns(order, ctx.scenario)
    return max((ctx.scenario.towns[t].population for t in towns), default=None)


def _intel(order: Order, ctx: Context) -> int | None:
    if ctx.view.intel is None:
        return None
    regions = target_regions(order, ctx.scenario)
    return max((ctx.view.intel[r] for r in regions), default=None)


Metric = Callable[[Order, Context], int | None]

# name -> (metric, True to keep the highest / False to keep the lowest)
BEST: dict[str, tuple[Metric, bool]] = {
    "most_tankers": (_tankers, True),
    "nearest_to_capital": (_distance, False),
    "farthest_from_capital": (_distance, True),
    "most_grievance": (_grievance, True),
    "most_fighters": (fighters_near, True),
    "fewest_fighters": (fighters_near, False),
    "weakest_garrison": (_garrison, False),
    "strongest_garrison": (_garrison, True),
    "best_odds": (lambda o, c: c.odds(o), True),
    "least_junta_support": (lambda o, c: _support(o, c, c.view.support_junta), False),
    "most_junta_support": (lambda o, c: _support(o, c, c.view.support_junta), True),
    "most_insurgent_support": (lambda o, c: _support(o, c, c.view.support_insurgency), True),
    "largest_population": (_population, True),
    "most_intelligence": (_intel, True),
}

THRESHOLD: dict[str, Metric] = {
    "fighters_at_least": fighters_near,
    "grievance_at_least": _grievance,
    "odds_at_least": lambda o, c: c.odds(o),
    "garrison_at_least": _garrison,
    "garrison_at_most": _garrison,
    "junta_support_at_most": lambda o, c: _support(o, c, c.view.support_junta),
}


# ------------------------------------------------------------------ yes/no tests

def _threatened(corridor: str | None, ctx: Context) -> bool:
    if corridor is None:
        return False
    v = ctx.view
    if v.blockades.get(corridor):
        return True
    return any(v.checkpoints.get(r) or v.route_damage.get(r) or v.ambushed.get(r, -9) >= v.turn - 2
               for r in ctx.scenario.corridor_paths.get(corridor, ()))


def _toward_capital(order: Order, ctx: Context) -> bool:
    if order.kind != "move":
        return True
    dist = distances(ctx.scenario)

    def region_dist(region: str) -> int:
        return min((dist.get(t, 1 << 30) for t in ctx.scenario.region_towns[region]),
                   default=1 << 30)

    return region_dist(order.args[1]) < region_dist(order.args[0])


def _last_escort(order: Order, ctx: Context) -> int:
    """Fighters' worth of the escort seen last turn on the target's corridor (0: none)."""
    corridor = target_corridor(order, ctx.scenario) or ""
    return ctx.view.last_escorts.get(corridor, 0) * FIGHTERS_PER_COMPANY


def _escort_outmatches(order: Order, ctx: Context) -> bool:
    """There was an escort, and it was at least our fighters near the target."""
    escort = _last_escort(order, ctx)
    return escort > 0 and escort >= fighters_near(order, ctx)


YES_NO: dict[str, Callable[[Order, Context], bool]] = {
    "on_corridor": lambda o, c: target_corridor(o, c.scenario) is not None,
    "off_corridor": lambda o, c: target_corridor(o, c.scenario) is None,
    "escort_weaker_than_cells": lambda o, c: _last_escort(o, c) < fighters_near(o, c),
    # Where the cells cannot take on the escort, 004: "They destroy roads and bridges".
    "escort_outmatches_cells": _escort_outmatches,
    "not_capital": lambda o, c: (c.capital not in target_towns(o, c.scenario)
                                 and c.scenario.towns[c.capital].region
                                 not in [a for a in o.args if a in c.scenario.regions]),
    "new_region": lambda o, c: not set(target_regions(o, c.scenario)) & c.regions_hit,
    "no_blockade": lambda o, c: not c.view.blockades.get(target_corridor(o, c.scenario) or ""),
    "threatened_corridor": lambda o, c: _threatened(target_corridor(o, c.scenario), c),
    "besieged": lambda o, c: any(c.view.town_status[t] in ("besieged", "insurgent")
                                 for t in target_towns(o, c.scenario)),
    "undamaged": lambda o, c: not any(c.view.route_damage.get(a) for a in o.args),
    "toward_capital": _toward_capital,
}


def apply_filter(f: DoctrineFilter, candidates: list[Order], ctx: Context) -> list[Order]:
    """The candidates `f` keeps (possibly none: the caller then skips the filter)."""
    match f:
        case YesNoFilter():
            test = YES_NO[f.filter]
            return [o for o in candidates if test(o, ctx)]
        case MinFilter():
            metric = THRESHOLD[f.filter]
            return [o for o in candidates if (v := metric(o, ctx)) is not None and v >= f.min]
        case MaxFilter():
            metric = THRESHOLD[f.filter]
            return [o for o in candidates if (v := metric(o, ctx)) is not None and v <= f.max]
        case ChoiceFilter():
            return [o for o in candidates if _choice(f, o, ctx)]
        case BestFilter():
            metric, highest = BEST[f.filter]
            scored = [(v, o) for o in candidates if (v := metric(o, ctx)) is not None]
            if not scored:
                return []
            best = max(v for v, _ in scored) if highest else min(v for v, _ in scored)
            return [o for v, o in scored if v == best]
    raise TypeError(f"unknown filter {f!r}")


def _choice(f: ChoiceFilter, order: Order, ctx: Context) -> bool:
    if f.filter == "arg_is":
        return len(order.args) > f.arg and order.args[f.arg] in f.values
    towns = target_towns(order, ctx.scenario)
    if f.filter == "town_kind":
        return any(ctx.scenario.towns[t].kind in f.values for t in towns)
    return any(ctx.view.town_status[t] in f.values for t in towns)  # status_is


def describe_filter(f: DoctrineFilter) -> str:
    mark = " (required)" if f.required else ""
    match f:
        case MinFilter():
            return f"{f.filter} {f.min}{mark}"
        case MaxFilter():
            return f"{f.filter} {f.max}{mark}"
        case ChoiceFilter():
            return f"{f.filter} {'/'.join(f.values)}{mark}"
    return f.filter + mark
