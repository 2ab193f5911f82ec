"""The details of the selected town or route, and the map's legend."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from ...i18n import _, ngettext
from ...present.ledgertext import signed
from ..mapmodel import (
    LEGEND,
    ROUTE_MARK_AMBUSH,
    ROUTE_MARK_CHECKPOINT,
    ROUTE_MARK_DAMAGED,
    STATUS_SYMBOL,
    STATUS_WORD,
    route_state,
)
from ..session import Session
from ..sources import short

Part = str | tuple[str, str]
STATUS_COLOUR = {"government": "$primary", "contested": "$warning", "besieged": "$accent",
                 "insurgent": "$error"}


class DetailsPanel(Static):
    """What the side at the keyboard knows of the selected place."""

    DEFAULT_CSS = """
    DetailsPanel { padding: 0 1; height: 8; overflow-y: auto; }
    """

    def show(self, session: Session, kind: str, ident: str) -> None:
        if kind == "route":
            self.update(Content.assemble(*route_details(session, ident)), layout=False)
        else:
            self.update(Content.assemble(*town_details(session, ident)), layout=False)


def town_details(session: Session, town_id: str) -> list[Part]:
    sc = session.scenario
    view = session.view()
    town = sc.towns[town_id]
    region = sc.regions[town.region]
    status = view.town_status.get(town_id, "government")
    parts: list[Part] = [(town.name, "bold"),
                         f" — {town.kind.replace('_', ' ')}, {region.name}\n",
                         (f"{STATUS_SYMBOL[status]} {STATUS_WORD[status]}",
                          STATUS_COLOUR[status] + " bold")]
    if view.garrison is not None:
        garrison = view.garrison.get(town_id, 0)
        parts.append(f" · garrison {garrison} compan{'y' if garrison == 1 else 'ies'}")
    if town.kind == "capital":
        parts.append(f" · fuel {view.fuel_days} days ({view.fuel_stock} m³)")
    fighters = view.fighters.get(town.region, 0)
    if view.fighters_are_estimates:
        intel = (view.intel or {}).get(town.region, 0)
        parts.append(f"\nJNIM in the region ~{fighters} (estimate, intelligence {intel})")
    else:
        parts.append(f"\nOur fighters in the region: {fighters}")
    parts.append(f"\nSupport: junta {view.support_junta[town.region]}%, JNIM "
                 f"{view.support_insurgency[town.region]}%, grievance "
                 f"{view.grievance[town.region]}")
    parts += support_causes(session, town.region)
    roads = []
    for rid, route in sc.routes.items():
        if town_id in (route.from_town, route.to_town):
            other = route.to_town if route.from_town == town_id else route.from_town
            roads.append(f"{route_marks(session, rid)}{sc.towns[other].name} {route.km} km")
    if roads:
        parts.append("\nRoads (r): " + ", ".join(roads))
    if town.note:
        parts += ["\n", (town.note, "italic")]
    if town.sources:
        parts.append(" · sources " + ", ".join(short(s) for s in town.sources))
    return parts


def support_causes(session: Session, region: str) -> list[Part]:
    """Why the junta's support in the region moved last turn: its two largest causes."""
    group = next((g for g in session.last_groups()
                  if (g.track, g.region) == ("junta_support", region) and g.change), None)
    if group is None:
        return []
    causes = list(group.causes + group.folded)
    text = ", ".join(f"{signed(c.delta)} {c.text}" for c in causes[:2])
    more = len(causes) - 2
    if more > 0:
        text += ", " + ngettext("{n} more", "{n} more", more).format(n=more)
    return ["\n", (_("Junta support last turn {before} → {after}: ").format(
        before=group.before, after=group.after), "bold"), text]


def route_marks(session: Session, route_id: str) -> str:
    view = session.view()
    route = session.scenario.routes[route_id]
    marks = {"cut": ROUTE_MARK_DAMAGED, "ambushed this turn": ROUTE_MARK_AMBUSH,
             "checkpoint": ROUTE_MARK_CHECKPOINT, "blockaded": "═"}
    found = [marks[s] for s in route_state(view, route_id, route.corridor)]
    return "".join(found) + " " if found else ""


def route_details(session: Session, route_id: str) -> list[Part]:
    sc = session.scenario
    view = session.view()
    route = sc.routes[route_id]
    parts: list[Part] = [(sc.route_label(route_id), "bold"),
                         f" — {route.km} km, {route.condition}\n"]
    if route.corridor:
        corridor = sc.corridors[route.corridor]
        parts.append(f"{corridor.name}: {corridor.tankers_per_week} tankers a week from "
                     f"{corridor.origin}")
        escort = view.last_escorts.get(route.corridor, 0)
        parts.append(f"; escort last turn {escort} compan{'y' if escort == 1 else 'ies'}\n")
    else:
        parts.append("Not a fuel corridor\n")
    status = route_state(view, route_id, route.corridor)
    words = {"cut": f"{ROUTE_MARK_DAMAGED} cut ({view.route_damage.get(route_id, 0)} turns)",
             "ambushed this turn": f"{ROUTE_MARK_AMBUSH} ambushed this turn",
             "checkpoint": f"{ROUTE_MARK_CHECKPOINT} JNIM checkpoint",
             "blockaded": "═ blockade declared on the corridor"}
    if status:
        parts += [("Status: " + "; ".join(words[s] for s in status), "bold $error"), "\n"]
    else:
        parts += [("Status: open", "$primary"), "\n"]
    est = "~" if view.fighters_are_estimates else ""
    regions = ", ".join(f"{sc.regions[r].name} ({est}{view.fighters.get(r, 0)})"
                        for r in sc.route_regions[route_id])
    parts.append(f"JNIM nearby: {regions}")
    if route.sources:
        parts.append("\nSources: " + ", ".join(short(s) for s in route.sources))
    return parts


class MapLegend(Static):
    """Every symbol of the map, with its meaning in words."""

    DEFAULT_CSS = """
    MapLegend { height: auto; padding: 0 1; color: $text-muted; }
    """

    def on_mount(self) -> None:
        parts: list[Part] = []
        styles = {"map--secure": "$primary", "map--contested": "$warning",
                  "map--besieged": "$accent", "map--insurgent": "$error",
                  "map--corridor": "$foreground", "map--blockaded": "$secondary",
                  "map--damaged": "$error", "map--ambushed": "$error",
                  "map--checkpoint": "$warning", "map--presence": "$error"}
        for symbol, style, word in LEGEND:
            parts += [(symbol, styles.get(style, "") + " bold"), f" {word}  "]
        parts.append("★ capital  [n] companies")
        self.update(Content.assemble(*parts))
