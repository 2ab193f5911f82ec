"""The details of the selected town or route, and the map's legend."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from ...i18n import N_, _, localized, ngettext
from ...present.ledgertext import route_label, signed
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
# A town's kind as the scenario names it, marked here and translated where it is shown.
TOWN_KINDS = {"capital": N_("capital"), "city": N_("city"), "town": N_("town"),
              "border_post": N_("border post"), "outpost": N_("outpost"), "mine": N_("mine"),
              "factory": N_("factory"), "village": N_("village")}
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

# A road's surface (the format's `condition`), named in the reader's language.
SURFACES = {"paved": N_("paved"), "laterite": N_("laterite"), "track": N_("track")}


def town_details(session: Session, town_id: str) -> list[Part]:
    sc = session.scenario
    view = session.view()
    town = sc.towns[town_id]
    region = sc.regions[town.region]
    status = view.town_status.get(town_id, "government")
    kind = _(TOWN_KINDS[town.kind]) if town.kind in TOWN_KINDS else town.kind.replace("_", " ")
    parts: list[Part] = [(localized(town.name), "bold"),
                         f" — {kind}, {localized(region.name)}\n",
                         (f"{STATUS_SYMBOL[status]} {_(STATUS_WORD[status])}",
                          STATUS_COLOUR[status] + " bold")]
    if view.garrison is not None:
        garrison = view.garrison.get(town_id, 0)
        parts.append(ngettext(" · garrison {n} company", " · garrison {n} companies",
                              garrison).format(n=garrison))
    if town.kind == "capital":
        parts.append(_(" · fuel {days} days ({stock} m³)").format(days=view.fuel_days,
                                                                   stock=view.fuel_stock))
    fighters = view.fighters.get(town.region, 0)
    if view.fighters_are_estimates:
        intel = (view.intel or {}).get(town.region, 0)
        parts.append("\n" + _("JNIM in the region ~{fighters} (estimate, intelligence "
                              "{intel})").format(fighters=fighters, intel=intel))
    else:
        parts.append("\n" + _("Our fighters in the region: {fighters}").format(
            fighters=fighters))
    parts.append("\n" + _("Support: junta {junta}%, JNIM {jnim}%, grievance {grievance}").format(
        junta=view.support_junta[town.region], jnim=view.support_insurgency[town.region],
        grievance=view.grievance[town.region]))
    parts += support_causes(session, town.region)
    roads = []
    for rid, route in sc.routes.items():
        if town_id in (route.from_town, route.to_town):
            other = route.to_town if route.from_town == town_id else route.from_town
            roads.append(f"{route_marks(session, rid)}{localized(sc.towns[other].name)} "
                         f"{route.km} km")
    if roads:
        parts.append("\n" + _("Roads (r): {roads}").format(roads=", ".join(roads)))
    if town.note:
        parts += ["\n", (localized(town.note), "italic")]
    if town.sources:
        parts.append(_(" · sources {sources}").format(
            sources=", ".join(short(s) for s in town.sources)))
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
    parts: list[Part] = [(route_label(sc, route_id), "bold"),
                         f" — {route.km} km, {_(SURFACES[route.condition])}\n"]
    if route.corridor:
        corridor = sc.corridors[route.corridor]
        parts.append(ngettext("{corridor}: {n} tanker a week from {origin}",
                              "{corridor}: {n} tankers a week from {origin}",
                              corridor.tankers_per_week).format(
            corridor=localized(corridor.name), n=corridor.tankers_per_week,
            origin=localized(corridor.origin)))
        escort = view.last_escorts.get(route.corridor, 0)
        parts.append(ngettext("; escort last turn {n} company", "; escort last turn {n} companies",
                              escort).format(n=escort) + "\n")
    else:
        parts.append(_("Not a fuel corridor") + "\n")
    status = route_state(view, route_id, route.corridor)
    turns = view.route_damage.get(route_id, 0)
    words = {"cut": f"{ROUTE_MARK_DAMAGED} " + ngettext("cut ({n} turn)", "cut ({n} turns)",
                                                         turns).format(n=turns),
             "ambushed this turn": f"{ROUTE_MARK_AMBUSH} " + _("ambushed this turn"),
             "checkpoint": f"{ROUTE_MARK_CHECKPOINT} " + _("JNIM checkpoint"),
             "blockaded": "═ " + _("blockade declared on the corridor")}
    if status:
        parts += [(_("Status: {status}").format(status="; ".join(words[s] for s in status)),
                   "bold $error"), "\n"]
    else:
        parts += [(_("Status: open"), "$primary"), "\n"]
    est = "~" if view.fighters_are_estimates else ""
    regions = ", ".join(f"{localized(sc.regions[r].name)} ({est}{view.fighters.get(r, 0)})"
                        for r in sc.route_regions[route_id])
    parts.append(_("JNIM nearby: {regions}").format(regions=regions))
    if route.sources:
        parts.append("\n" + _("Sources: {sources}").format(
            sources=", ".join(short(s) for s in route.sources)))
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
            parts += [(symbol, styles.get(style, "") + " bold"), f" {_(word)}  "]
        parts.append(_("★ capital  [n] companies"))
        self.update(Content.assemble(*parts))
