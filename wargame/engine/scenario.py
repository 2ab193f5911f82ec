"""`Scenario`: the static side of a game, compiled once from a validated spec.

It precomputes what the rules look up every turn (corridor paths, region adjacency, the
enabled order catalogue) and is shared by every state of a game, never copied.
"""

from __future__ import annotations

import datetime as dt
import heapq
from dataclasses import dataclass, field
from typing import Any

from .model import Corridor, OrderBase, Region, Route, ScenarioSpec, ScriptedOrder, Town
from .orders import ORDER_KINDS, Side
from .phrase import Phrase


@dataclass(frozen=True, eq=False)
class Scenario:
    spec: ScenarioSpec
    regions: dict[str, Region] = field(default_factory=dict)
    towns: dict[str, Town] = field(default_factory=dict)
    routes: dict[str, Route] = field(default_factory=dict)
    corridors: dict[str, Corridor] = field(default_factory=dict)
    route_regions: dict[str, tuple[str, ...]] = field(default_factory=dict)
    region_towns: dict[str, tuple[str, ...]] = field(default_factory=dict)
    town_routes: dict[str, tuple[str, ...]] = field(default_factory=dict)
    region_neighbours: dict[str, tuple[str, ...]] = field(default_factory=dict)
    corridor_paths: dict[str, tuple[str, ...]] = field(default_factory=dict)
    corridor_regions: dict[str, tuple[str, ...]] = field(default_factory=dict)
    order_specs: dict[Side, dict[str, OrderBase]] = field(default_factory=dict)
    scripted_convoys: dict[tuple[str, str], int] = field(default_factory=dict)  # (event, order)
    # 'Kati–Bamako (RN3)' per route, made once: events, reasons and refusals name roads
    # thousands of times a game.
    route_labels: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_spec(cls, spec: ScenarioSpec) -> Scenario:
        regions = {r.id: r for r in spec.map.regions}
        towns = {t.id: t for t in spec.map.towns}
        routes = {r.id: r for r in spec.map.routes}
        corridors = {c.id: c for c in spec.corridors}
        route_regions = {
            r.id: tuple(sorted({towns[r.from_town].region, towns[r.to_town].region}))
            for r in spec.map.routes
        }
        # One pass over towns and one over routes (not one per region or town): a map ten
        # times larger takes ten times as long to compile, not a hundred.
        towns_in: dict[str, list[str]] = {rid: [] for rid in regions}
        for t in spec.map.towns:
            towns_in.setdefault(t.region, []).append(t.id)
        region_towns = {rid: tuple(towns_in[rid]) for rid in regions}
        routes_at: dict[str, list[str]] = {tid: [] for tid in towns}
        by_corridor: dict[str | None, list[Route]] = {}
        for r in spec.map.routes:
            for end in dict.fromkeys((r.from_town, r.to_town)):  # a loop road counts once
                routes_at.setdefault(end, []).append(r.id)
            by_corridor.setdefault(r.corridor, []).append(r)
        town_routes = {tid: tuple(routes_at[tid]) for tid in towns}
        neighbours: dict[str, set[str]] = {rid: set() for rid in regions}
        for pair in route_regions.values():
            if len(pair) == 2:
                neighbours[pair[0]].add(pair[1])
                neighbours[pair[1]].add(pair[0])
        paths = {c.id: _shortest_path(by_corridor.get(c.id, []), towns, c)
                 for c in spec.corridors}
        corridor_regions = {
            cid: tuple(sorted({reg for rid in path for reg in route_regions[rid]}))
            for cid, path in paths.items()
        }
        order_specs: dict[Side, dict[str, OrderBase]] = {"junta": {}, "insurgency": {}}
        for kind in ORDER_KINDS.values():
            catalogue = spec.orders.junta if kind.side == "junta" else spec.orders.insurgency
            order_spec = getattr(catalogue, kind.field)
            if order_spec is not None and order_spec.enabled:
                order_specs[kind.side][kind.name] = order_spec
        scripted_convoys = {
            (event.id, " ".join(effect.order.split()).lower()): effect.convoy_tankers
            for event in spec.events for effect in event.effects
            if isinstance(effect, ScriptedOrder) and effect.convoy_tankers is not None
        }
        return cls(
            spec=spec,
            regions=regions,
            towns=towns,
            routes=routes,
            corridors=corridors,
            route_regions=route_regions,
            region_towns=region_towns,
            town_routes=town_routes,
            region_neighbours={k: tuple(sorted(v)) for k, v in neighbours.items()},
            corridor_paths=paths,
            corridor_regions=corridor_regions,
            order_specs=order_specs,
            scripted_convoys=scripted_convoys,
            route_labels={r.id: Phrase("{start}–{end} ({road})", start=towns[r.from_town].name,
                                       end=towns[r.to_town].name, road=r.road)
                          for r in spec.map.routes},
        )

    @property
    def id(self) -> str:
        return self.spec.meta.id

    @property
    def turns(self) -> int:
        return self.spec.meta.turns

    def turn_start(self, turn: int) -> dt.date:
        return self.spec.meta.start_date + dt.timedelta(days=(turn - 1) * self.days_per_turn)

    @property
    def days_per_turn(self) -> int:
        return self.spec.meta.days_per_turn

    def turn_of_date(self, date: dt.date) -> int:
        """The turn whose days contain `date` (may be < 1 or > turns)."""
        return (date - self.spec.meta.start_date).days // self.days_per_turn + 1

    def name_of(self, kind: str, ident: str) -> str:
        """The English name of a town, region, route, corridor or event (a ledger cause's
        placeholder); the id itself when it names nothing."""
        if kind == "route" and ident in self.routes:
            return self.route_label(ident)
        if kind == "event":
            return next((e.title for e in self.spec.events if e.id == ident), ident)
        tables: dict[str, dict[str, Any]] = {"town": self.towns, "region": self.regions,
                                             "corridor": self.corridors}
        table = tables.get(kind, {})
        return str(table[ident].name) if ident in table else ident

    def route_label(self, route_id: str) -> str:
        """'Kati–Bamako (RN3)': a `Phrase` whose names the interface writes in the
        reader's language."""
        return self.route_labels[route_id]


def _shortest_path(routes: list[Route], towns: dict[str, Town],
                   corridor: Corridor) -> tuple[str, ...]:
    """Route ids from the corridor's entry to its destination over its own segments (the
    `routes` of the corridor, in file order), by km.

    Ties break on route ids so the path never depends on dict or set order. An empty
    tuple means the corridor has no path (the linter warns; convoys then cannot run).
    """
    adjacency: dict[str, list[tuple[str, str, int]]] = {}
    for r in routes:
        if r.corridor != corridor.id:
            continue
        adjacency.setdefault(r.from_town, []).append((r.to_town, r.id, r.km))
        adjacency.setdefault(r.to_town, []).append((r.from_town, r.id, r.km))
    best: dict[str, tuple[int, tuple[str, ...]]] = {corridor.entry: (0, ())}
    queue: list[tuple[int, tuple[str, ...], str]] = [(0, (), corridor.entry)]
    while queue:
        dist, path, town = heapq.heappop(queue)
        if town == corridor.destination:
            return path
        if best.get(town, (dist, path)) < (dist, path):
            continue
        for nxt, rid, km in sorted(adjacency.get(town, [])):
            cand = (dist + km, (*path, rid))
            if nxt not in best or cand < best[nxt]:
                best[nxt] = cand
                heapq.heappush(queue, (cand[0], cand[1], nxt))
    return ()
