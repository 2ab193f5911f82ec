"""Cross-reference checks pydantic cannot do: every id a scenario names must exist."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from ..engine.legality import static_reason
from ..engine.model import Doctrine, ScenarioSpec
from ..engine.orders import ORDER_KINDS, Order, OrderSyntaxError
from ..engine.scenario import Scenario
from ..i18n import N_, _
from .problem import SourceError
from .suggest import did_you_mean
from .yamlload import LoadedYaml

Path = tuple[str | int, ...]

# Stable codes (docs/scenario-authoring.md, "Error codes").
UNKNOWN_REFERENCE = "E0301"
DUPLICATE_ID = "E0302"
UNLISTED_SOURCE = "E0303"
IMPOSSIBLE_ORDER = "E0304"
MAP_RULE = "E0305"
CROSS_BOUND = "E0306"


# One whole sentence per kind of thing: the kind's word cannot be glued into a sentence
# in a language where nouns have genders ("région inconnue", "ville inconnue").
_DUPLICATE = {
    "region": N_("duplicate region id '{id}' (first defined at line {line})"),
    "town": N_("duplicate town id '{id}' (first defined at line {line})"),
    "route": N_("duplicate route id '{id}' (first defined at line {line})"),
    "corridor": N_("duplicate corridor id '{id}' (first defined at line {line})"),
    "event": N_("duplicate event id '{id}' (first defined at line {line})"),
    "unit": N_("duplicate unit id '{id}' (first defined at line {line})"),
    "actor": N_("duplicate actor id '{id}' (first defined at line {line})"),
    "ending": N_("duplicate ending id '{id}' (first defined at line {line})"),
}
_ANOTHER_ID = {
    "region": N_("give this region another id"),
    "town": N_("give this town another id"),
    "route": N_("give this route another id"),
    "corridor": N_("give this corridor another id"),
    "event": N_("give this event another id"),
    "unit": N_("give this unit another id"),
    "actor": N_("give this actor another id"),
    "ending": N_("give this ending another id"),
}
_UNKNOWN = {
    "region": N_("unknown region '{value}'"),
    "town": N_("unknown town '{value}'"),
    "route": N_("unknown route '{value}'"),
    "corridor": N_("unknown corridor '{value}'"),
}
_LISTED = {
    "region": N_("the regions of this scenario: {names}"),
    "town": N_("the towns of this scenario: {names}"),
    "route": N_("the routes of this scenario: {names}"),
    "corridor": N_("the corridors of this scenario: {names}"),
}
_ORDER_OF = {
    "junta": N_("'{order}' is an order of the junta"),
    "insurgency": N_("'{order}' is an order of the insurgency"),
}
_PRIORITY_GIVES = {
    "junta": N_("a junta priority gives junta orders: {orders}"),
    "insurgency": N_("a insurgency priority gives insurgency orders: {orders}"),
}


class _Checker:
    def __init__(self, loaded: LoadedYaml) -> None:
        self.loaded = loaded
        self.errors: list[SourceError] = []

    def error(self, path: Path, message: str, *, key: bool = False, code: str = "",
              help: tuple[str, ...] = ()) -> None:
        table = self.loaded.key_positions if key else self.loaded.positions
        probe = path
        while probe and probe not in table and probe not in self.loaded.positions:
            probe = probe[:-1]
        line, col = table.get(probe) or self.loaded.positions.get(probe, (1, 1))
        dotted = ".".join(str(p) for p in path) or "yaml"
        self.errors.append(SourceError(line, col, dotted, message, code=code, help=help))

    def unique(self, items: list[Any], path: Path, what: str) -> set[str]:
        seen: dict[str, int] = {}
        for i, item in enumerate(items):
            if item.id in seen:
                first = self.loaded.positions.get((*path, seen[item.id], "id"), (0, 0))[0]
                self.error((*path, i, "id"), _(_DUPLICATE[what]).format(id=item.id, line=first),
                           code=DUPLICATE_ID, help=(_(_ANOTHER_ID[what]),))
            else:
                seen[item.id] = i
        return set(seen)

    def known(self, value: str | None, names: set[str], path: Path, what: str, *,
              key: bool = False) -> None:
        if value is not None and value not in names:
            listed = ", ".join(sorted(names)[:16]) + (" ..." if len(names) > 16 else "")
            self.error(path, _(_UNKNOWN[what]).format(value=value) + did_you_mean(value, names),
                       key=key, code=UNKNOWN_REFERENCE,
                       help=(_(_LISTED[what]).format(names=listed),) if names else ())


def check_references(spec: ScenarioSpec, loaded: LoadedYaml) -> list[SourceError]:
    c = _Checker(loaded)
    regions = c.unique(spec.map.regions, ("map", "regions"), "region")
    towns = c.unique(spec.map.towns, ("map", "towns"), "town")
    routes = c.unique(spec.map.routes, ("map", "routes"), "route")
    corridors = c.unique(spec.corridors, ("corridors",), "corridor")
    c.unique(spec.events, ("events",), "event")
    c.unique(spec.sides.junta.units, ("sides", "junta", "units"), "unit")
    c.unique(spec.sides.actors, ("sides", "actors"), "actor")
    c.unique([*spec.victory.endings, spec.victory.default], ("victory", "endings"), "ending")
    for i, town in enumerate(spec.map.towns):
        c.known(town.region, regions, ("map", "towns", i, "region"), "region")
    if not any(t.kind == "capital" for t in spec.map.towns):
        c.error(("map", "towns"), _("no town of kind 'capital' (the rules need one)"),
                code=MAP_RULE, help=(_("set `kind: capital` on the town the convoys supply"),))
    for i, route in enumerate(spec.map.routes):
        c.known(route.from_town, towns, ("map", "routes", i, "from"), "town")
        c.known(route.to_town, towns, ("map", "routes", i, "to"), "town")
        c.known(route.corridor, corridors, ("map", "routes", i, "corridor"), "corridor")
        if route.from_town == route.to_town:
            c.error(("map", "routes", i, "to"), _("a route must join two different towns"),
                    code=MAP_RULE)
    for i, region in enumerate(spec.rules.fuel.shortage_regions):
        c.known(region, regions, ("rules", "fuel", "shortage_regions", i), "region")
    for i, corridor in enumerate(spec.corridors):
        c.known(corridor.entry, towns, ("corridors", i, "entry"), "town")
        c.known(corridor.destination, towns, ("corridors", i, "destination"), "town")
    junta = spec.sides.junta
    for i, unit in enumerate(junta.units):
        c.known(unit.town, towns, ("sides", "junta", "units", i, "town"), "town")
    c.known(junta.reserve_town, towns, ("sides", "junta", "reserve_town"), "town")
    for i, cell in enumerate(spec.sides.insurgency.cells):
        c.known(cell.region, regions, ("sides", "insurgency", "cells", i, "region"), "region")
    for i, actor in enumerate(spec.sides.actors):
        for j, region in enumerate(actor.regions):
            c.known(region, regions, ("sides", "actors", i, "regions", j), "region")
    tracks = spec.tracks
    for table, what, ids in (("support", "region", regions), ("grievance", "region", regions),
                             ("intelligence", "region", regions),
                             ("town_status", "town", towns)):
        for key in getattr(tracks, table):
            c.known(key, ids, ("tracks", table, key), what, key=True)
    for path, name in _all_sources(loaded.data):
        if name not in spec.meta.sources:
            c.error(path, _("source '{name}' is not listed in meta.sources").format(name=name)
                    + did_you_mean(name, set(spec.meta.sources)), code=UNLISTED_SOURCE,
                    help=(_("add it to meta.sources, or cite an article listed there"),))
    _check_bounds(c, spec)
    names = {"region": regions, "town": towns, "route": routes}
    scenario_ok = not c.errors
    scenario = Scenario.from_spec(spec) if scenario_ok else None
    if spec.doctrine is not None:
        _check_doctrine(c, spec, scenario)
    for path, node in _typed_nodes(loaded.data, ()):
        for field, known in names.items():
            if isinstance(node.get(field), str):
                c.known(node[field], known, (*path, field), field)
        if node.get("type") == "scripted_order" and isinstance(node.get("order"), str):
            _check_scripted(c, node, (*path, "order"), scenario)
    return sorted(set(c.errors))


def _check_doctrine(c: _Checker, spec: ScenarioSpec, scenario: Scenario | None) -> None:
    """Every priority names an order of its side that the scenario enables."""
    assert spec.doctrine is not None
    doctrines: list[tuple[str, tuple[str | int, ...], Doctrine]] = [
        ("insurgency", ("doctrine", "insurgency"), spec.doctrine.insurgency)]
    doctrines += [("junta", ("doctrine", "junta", name), d)
                  for name, d in spec.doctrine.junta.items()]
    for side, path, doctrine in doctrines:
        for i, priority in enumerate(doctrine.priorities):
            where = (*path, "priorities", i, "order")
            kind = ORDER_KINDS[priority.order]  # the model checked the name
            if kind.side != side:
                c.error(where, _(_ORDER_OF[kind.side]).format(order=priority.order),
                        code=IMPOSSIBLE_ORDER, help=(_(_PRIORITY_GIVES[side]).format(
                            orders=", ".join(k for k, v in ORDER_KINDS.items()
                                             if v.side == side)),))
            elif scenario is not None and priority.order not in scenario.order_specs[side]:
                c.error(where, _("'{order}' is not enabled in this scenario").format(
                    order=priority.order), code=IMPOSSIBLE_ORDER, help=(
                        _("add it under orders.{side}, or remove this priority").format(
                            side=side),))


def _check_scripted(c: _Checker, node: dict[str, Any], path: Path,
                    scenario: Scenario | None) -> None:
    try:
        order = Order.parse(node["order"])
    except OrderSyntaxError as exc:
        c.error(path, str(exc), code=IMPOSSIBLE_ORDER)
        return
    side = node.get("side")
    if ORDER_KINDS[order.kind].side != side:
        c.error(path, _(_ORDER_OF[ORDER_KINDS[order.kind].side]).format(order=order.kind),
                code=IMPOSSIBLE_ORDER)
        return
    if scenario is not None:
        reason = static_reason(scenario, side, order)
        if reason is not None:
            c.error(path, _("order '{order}' cannot be given: {reason}").format(
                order=order, reason=reason) + _hint_for_unknown(reason, scenario),
                code=IMPOSSIBLE_ORDER)


def _hint_for_unknown(reason: str, scenario: Scenario) -> str:
    """"; did you mean 'x'?" for the engine's "unknown route 'y'" reasons."""
    found = re.match(r"unknown (route|town|region|corridor) '([^']*)'", reason)
    if found is None:
        return ""
    tables: dict[str, Mapping[str, object]] = {
        "route": scenario.routes, "town": scenario.towns, "region": scenario.regions,
        "corridor": scenario.corridors}
    return did_you_mean(found.group(2), set(tables[found.group(1)]))


def _check_bounds(c: _Checker, spec: ScenarioSpec) -> None:
    """Bounds between sections (those inside one section are the models' own)."""
    price, cap = spec.tracks.fuel_price, spec.rules.fuel.price_cap
    if price > cap:
        c.error(("tracks", "fuel_price"), _("the starting fuel price ({price}) is above "
                                            "rules.fuel.price_cap ({cap})").format(
            price=price, cap=cap), code=CROSS_BOUND,
            help=(_("lower tracks.fuel_price or raise rules.fuel.price_cap"),))


def _typed_nodes(data: Any, path: Path) -> Iterator[tuple[Path, dict[str, Any]]]:
    """Every mapping with a `type` key (conditions, effects, triggers) in events and victory."""
    if isinstance(data, dict):
        if isinstance(data.get("type"), str) and path and path[0] in ("events", "victory",
                                                                      "doctrine"):
            yield path, data
        for key, value in data.items():
            yield from _typed_nodes(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _typed_nodes(value, (*path, i))


def _all_sources(data: Any, path: Path = ()) -> Iterator[tuple[Path, str]]:
    """Every article named outside meta.sources (`source:` and `sources:` fields)."""
    if isinstance(data, dict):
        for key, value in data.items():
            sub = (*path, key)
            if path == () and key == "meta":
                continue
            if key == "source" and isinstance(value, str):
                yield sub, value
            elif key == "sources" and isinstance(value, list):
                for i, item in enumerate(value):
                    if isinstance(item, str):
                        yield (*sub, i), item
            else:
                yield from _all_sources(value, sub)
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _all_sources(value, (*path, i))
