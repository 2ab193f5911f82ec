"""The scenario linter: things that load but are probably mistakes, reported as warnings.

`check_bytes` runs it after the reference checks pass (it needs a compiled `Scenario`).
Each finding is a `SourceError` with severity "warning", shown by `wargame validate` in
the usual `FILE:LINE:COL: warning: field.path: message` form; `--strict` makes them errors.

What it looks for (docs/scenario-authoring.md, "Warnings", says the same for authors):

- towns that no route reaches, and towns no road connects to the capital;
- corridors with no path over their own segments from their entry to their destination;
- regions with no towns;
- events that can never fire: dated after the last turn, `earliest` after the last turn,
  or a condition that cannot hold (a value out of a track's range, a turn past the end,
  contradictory conditions under `all`, a flag nothing ever sets);
- endings whose condition cannot hold;
- orders enabled for no side: an enabled order that can never be given in this scenario
  (no valid target exists, e.g. `attack-site` with no mine or factory or `escort` with no
  corridor path; the side has no command capacity, or less than the order needs; no
  helicopters for `airstrike`, no Russian force for `africa-corps`);
- doctrine filters that name unknown things (an `arg_is` value that is no town, route,
  region, corridor or escort level; a `town_kind` or `status_is` value that does not
  exist; a filter that cannot apply to its priority's order, such as `most_tankers` on
  `recruit`), priorities whose `when` can never hold as their side sees the game, and
  named junta policies that no command can select.

The number-provenance warnings live in `provenance.py`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, get_args

from ..engine.legality import candidate_orders
from ..engine.model import (
    AllCondition,
    AnyCondition,
    ChoiceFilter,
    Condition,
    ConditionTrigger,
    DateTrigger,
    Doctrine,
    FlagCondition,
    GrievanceCondition,
    NotCondition,
    ScenarioSpec,
    SetFlag,
    SupportCondition,
    TownKind,
    TownStatus,
    TownStatusCondition,
    TrackCondition,
)
from ..engine.orders import ESCORT_LEVELS, ORDER_KINDS, Side
from ..engine.scenario import Scenario
from ..i18n import N_, _, ngettext
from .problem import SourceError
from .yamlload import LoadedYaml

Path = tuple[str | int, ...]
INF = float("inf")

# Junta policies a command line can select (`wargame simulate --junta NAME`).
SELECTABLE_JUNTA_POLICIES = ("historical", "defensive", "aggressive")

# What a doctrine filter reads from an order: the argument kinds that give it something
# to look at. A filter on an order whose arguments include none of these has no effect.
_CORRIDOR_ARGS = frozenset({"corridor", "route"})
_TOWN_ARGS = frozenset({"town", "route", "corridor"})
_ANY_TARGET = frozenset({"town", "route", "corridor", "region"})
FILTER_NEEDS: dict[str, frozenset[str]] = {
    "on_corridor": _CORRIDOR_ARGS, "escort_weaker_than_cells": _CORRIDOR_ARGS,
    "escort_outmatches_cells": _CORRIDOR_ARGS,
    "no_blockade": _CORRIDOR_ARGS, "threatened_corridor": _CORRIDOR_ARGS,
    "most_tankers": _CORRIDOR_ARGS,
    "besieged": _TOWN_ARGS, "status_is": _TOWN_ARGS, "town_kind": _TOWN_ARGS,
    "weakest_garrison": _TOWN_ARGS, "strongest_garrison": _TOWN_ARGS,
    "garrison_at_least": _TOWN_ARGS, "garrison_at_most": _TOWN_ARGS,
    "largest_population": _TOWN_ARGS, "nearest_to_capital": _ANY_TARGET,
    "farthest_from_capital": _ANY_TARGET,
    "undamaged": frozenset({"route"}),
    "not_capital": _ANY_TARGET, "new_region": _ANY_TARGET, "most_grievance": _ANY_TARGET,
    "most_fighters": _ANY_TARGET, "fewest_fighters": _ANY_TARGET,
    "fighters_at_least": _ANY_TARGET, "grievance_at_least": _ANY_TARGET,
    "least_junta_support": _ANY_TARGET, "most_junta_support": _ANY_TARGET,
    "most_insurgent_support": _ANY_TARGET, "junta_support_at_most": _ANY_TARGET,
    "most_intelligence": _ANY_TARGET,
}
_ODDS_FILTERS = ("best_odds", "odds_at_least")

# Flags the rules themselves may set, and what must be true of the scenario for it.
_RULE_FLAGS = ("power_cuts", "mass_unrest", "coup")


def lint(spec: ScenarioSpec, scenario: Scenario, loaded: LoadedYaml) -> list[SourceError]:
    """Every warning for a scenario that passed the reference checks."""
    linter = _Linter(spec, scenario, loaded)
    linter.towns()
    linter.positions()
    linter.regions()
    linter.corridors()
    linter.events()
    linter.endings()
    linter.orders()
    linter.doctrine()
    return sorted(set(linter.warnings))


# ---------------------------------------------------------------------------- intervals

@dataclass(frozen=True)
class _Range:
    lo: float
    hi: float

    @property
    def empty(self) -> bool:
        return self.lo > self.hi

    def __and__(self, other: _Range) -> _Range:
        return _Range(max(self.lo, other.lo), min(self.hi, other.hi))

    def text(self) -> str:
        if self.lo == self.hi:
            return _("exactly {value}").format(value=int(self.lo))
        if self.hi == INF:
            return _("at least {value}").format(value=int(self.lo)) if self.lo > -INF \
                else _("any value")
        if self.lo == -INF:
            return _("at most {value}").format(value=int(self.hi))
        return _("between {low} and {high}").format(low=int(self.lo), high=int(self.hi))


_NEGATED = {"lt": "ge", "le": "gt", "gt": "le", "ge": "lt"}

# Whole sentences per side and per kind of thing (a word glued into a sentence cannot
# agree with it in languages with genders).
_NO_CAPACITY = {"junta": N_("the junta has no command capacity"),
                "insurgency": N_("the insurgency has no command capacity")}
_TOO_LITTLE_CAPACITY = {
    "junta": N_("it needs {need} command capacity and the junta has {have}"),
    "insurgency": N_("it needs {need} command capacity and the insurgency has {have}")}
_SUPPORT_IN = {"junta": N_("junta support in '{region}'"),
               "insurgency": N_("insurgency support in '{region}'")}
_NO_VALID = {"corridor": N_("no valid corridor exists"), "route": N_("no valid route exists"),
             "town": N_("no valid town exists"), "region": N_("no valid region exists"),
             "level": N_("no valid level exists")}
_UNKNOWN_ARG = {"corridor": N_("arg_is names unknown corridor '{value}'"),
                "route": N_("arg_is names unknown route '{value}'"),
                "town": N_("arg_is names unknown town '{value}'"),
                "region": N_("arg_is names unknown region '{value}'"),
                "level": N_("arg_is names unknown level '{value}'")}


def _both(items: list[str]) -> str:
    """`a and b and c`, the conjunction in the reader's language."""
    text = items[0]
    for item in items[1:]:
        text = _("{first} and {second}").format(first=text, second=item)
    return text


def _either(items: list[str]) -> str:
    """`a or b`, the conjunction in the reader's language."""
    text = items[0]
    for item in items[1:]:
        text = _("{first} or {second}").format(first=text, second=item)
    return text


def _op_range(op: str, value: int) -> _Range:
    return {
        "lt": _Range(-INF, value - 1), "le": _Range(-INF, value),
        "gt": _Range(value + 1, INF), "ge": _Range(value, INF), "eq": _Range(value, value),
    }[op]


@dataclass
class _Context:
    """What a condition may test, where it is evaluated."""

    ranges: dict[str, _Range]        # key ("track:fuel_days", "support:bamako:junta") -> range
    settable_flags: set[str]
    hidden: set[str]                 # tracks the deciding side cannot see (doctrine `when`)
    turn_note: str                   # why turn has its range, for messages


class _Linter:
    def __init__(self, spec: ScenarioSpec, scenario: Scenario, loaded: LoadedYaml) -> None:
        self.spec = spec
        self.scenario = scenario
        self.loaded = loaded
        self.warnings: list[SourceError] = []

    # ------------------------------------------------------------------ reporting

    def warn(self, path: Path, message: str, *, key: bool = False, code: str = "",
             help: tuple[str, ...] = ()) -> None:
        table = self.loaded.key_positions if key else self.loaded.positions
        probe = path
        while probe and probe not in table and probe not in self.loaded.positions:
            probe = probe[:-1]
        line, col = table.get(probe) or self.loaded.positions.get(probe, (1, 1))
        dotted = ".".join(str(p) for p in path) or "(root)"
        self.warnings.append(SourceError(line, col, dotted, message, severity="warning",
                                         code=code, help=help))

    # ------------------------------------------------------------------ map

    def towns(self) -> None:
        routes = self.spec.map.routes
        touched = {r.from_town for r in routes} | {r.to_town for r in routes}
        capital = next((t.id for t in self.spec.map.towns if t.kind == "capital"), None)
        reached = _component(routes, capital) if capital else set()
        for i, town in enumerate(self.spec.map.towns):
            path: Path = ("map", "towns", i, "id")
            if town.id not in touched:
                self.warn(path, _("no route reaches town '{town}'; add a route to or from "
                                  "it, or remove it").format(town=town.id), code="W0301")
            elif capital and town.id not in reached:
                self.warn(path, _("no road connects town '{town}' to the capital "
                                  "'{capital}'").format(town=town.id, capital=capital),
                          code="W0301")

    def positions(self) -> None:
        """Towns far from the others (swapped latitude and longitude) or off the map."""
        towns = self.spec.map.towns
        bounds = self.spec.map.bounds
        for i, town in enumerate(towns):
            path: Path = ("map", "towns", i, "lat")
            if bounds is not None and not (bounds.west <= town.lon <= bounds.east
                                           and bounds.south <= town.lat <= bounds.north):
                self.warn(path, _("town '{town}' ({lat}, {lon}) lies outside "
                                  "map.bounds").format(town=town.id, lat=town.lat,
                                                       lon=town.lon), code="W0201",
                          help=_position_help(town.lat, town.lon, bounds_box(bounds)))
                continue
            others = [(t.lat, t.lon) for t in towns if t is not town]
            box = outlier_box(others)
            if box is not None and not _inside(town.lat, town.lon, box):
                self.warn(path, _("town '{town}' ({lat}, {lon}) lies far from the other "
                                  "towns of the scenario").format(town=town.id, lat=town.lat,
                                                                  lon=town.lon),
                          code="W0201",
                          help=_position_help(town.lat, town.lon, box))

    def regions(self) -> None:
        for i, region in enumerate(self.spec.map.regions):
            if not self.scenario.region_towns.get(region.id):
                self.warn(("map", "regions", i, "id"),
                          _("region '{region}' has no towns; give it at least one town or "
                            "remove it").format(region=region.id), code="W0303")

    def corridors(self) -> None:
        for i, corridor in enumerate(self.spec.corridors):
            if self.scenario.corridor_paths.get(corridor.id):
                continue
            segments = sum(1 for r in self.spec.map.routes if r.corridor == corridor.id)
            why = _("no route belongs to it (set `corridor: {corridor}` on its "
                    "segments)").format(corridor=corridor.id) if not segments else ngettext(
                "its {count} segment does not join '{entry}' to '{destination}'",
                "its {count} segments do not join '{entry}' to '{destination}'",
                segments).format(count=segments, entry=corridor.entry,
                                 destination=corridor.destination)
            self.warn(("corridors", i, "id"),
                      _("corridor '{corridor}' has no path from its entry to its destination: "
                        "{why}; its convoys can never arrive").format(corridor=corridor.id,
                                                                       why=why),
                      code="W0302")

    # ------------------------------------------------------------------ events and endings

    def _base_ranges(self) -> dict[str, _Range]:
        spec = self.spec
        ranges = {
            "track:fuel_days": _Range(0, INF), "track:fuel_price": _Range(0, INF),
            "track:treasury": _Range(-INF, INF), "track:cohesion": _Range(0, 100),
            "track:isolation": _Range(0, 100), "track:tankers_destroyed": _Range(0, INF),
            "track:towns_held": _Range(0, len(spec.map.towns)),
            "track:insurgent_fighters": _Range(0, INF), "track:insurgent_funds": _Range(0, INF),
            "track:turn": _Range(1, spec.meta.turns),
        }
        for region in spec.map.regions:
            for side in ("junta", "insurgency"):
                ranges[f"support:{region.id}:{side}"] = _Range(0, 100)
            ranges[f"grievance:{region.id}"] = _Range(0, 100)
        return ranges

    def _settable_flags(self) -> set[str]:
        spec = self.spec
        flags: set[str] = set(spec.tracks.flags)
        for event in spec.events:
            flags |= {e.flag for e in event.effects if isinstance(e, SetFlag) and e.value}
        junta = self.scenario.order_specs["junta"]
        if "rural-fuel-ban" in junta:
            flags.add("rural_fuel_ban")
        if "close-schools" in junta:
            flags.add("schools_closed")
        rules = spec.rules
        if rules.fuel.power_cut_days > 0:
            flags.add("power_cuts")
        flags.add("mass_unrest")
        if rules.cohesion.coup_threshold > 0:
            flags.add("coup")
        return flags

    def _context(self, turn: _Range | None = None, hidden: set[str] | None = None,
                 turn_note: str = "") -> _Context:
        ranges = self._base_ranges()
        if turn is not None:
            ranges["track:turn"] = ranges["track:turn"] & turn
        note = turn_note or _("the game has {turns} turns").format(turns=self.spec.meta.turns)
        return _Context(ranges, self._settable_flags(), hidden or set(), note)

    def events(self) -> None:
        turns = self.spec.meta.turns
        last_day = self.scenario.turn_start(turns + 1)
        for i, event in enumerate(self.spec.events):
            trigger = event.trigger
            where: Path = ("events", i, "trigger")
            if isinstance(trigger, DateTrigger):
                if self.scenario.turn_of_date(trigger.date) > turns:
                    self.warn((*where, "date"),
                              _("event '{event}' can never fire: {date} is after the last "
                                "turn (the game ends before {end})").format(
                                  event=event.id, date=trigger.date, end=last_day),
                              code="W0401")
                elif trigger.date < self.spec.meta.start_date:
                    self.warn((*where, "date"),
                              _("event '{event}' can never fire: {date} is before the "
                                "scenario starts ({start})").format(
                                  event=event.id, date=trigger.date,
                                  start=self.spec.meta.start_date),
                              code="W0401", help=(_("date it on or after meta.start_date"),))
                continue
            assert isinstance(trigger, ConditionTrigger)
            first = 1
            if trigger.earliest is not None:
                first = max(1, self.scenario.turn_of_date(trigger.earliest))
                if first > turns:
                    self.warn((*where, "earliest"),
                              _("event '{event}' can never fire: `earliest` {date} is after "
                                "the last turn (the game ends before {end})").format(
                                  event=event.id, date=trigger.earliest, end=last_day),
                              code="W0401")
                    continue
            note = _("`earliest` makes it turn {first} or later and the game has {turns} "
                     "turns").format(first=first, turns=turns) if first > 1 else ""
            ctx = self._context(_Range(first, turns), turn_note=note)
            found = _impossible(trigger.condition, (*where, "condition"), ctx)
            if found:
                path, reason = found
                self.warn(path, _("event '{event}' can never fire: {reason}").format(
                    event=event.id, reason=reason), code="W0401")

    def endings(self) -> None:
        turns = self.spec.meta.turns
        for i, ending in enumerate(self.spec.victory.endings):
            final = ending.check == "final"
            ctx = self._context(_Range(turns, turns) if final else None,
                                turn_note=_("a final ending is tested after the last turn, "
                                            "turn {turns}").format(turns=turns)
                                if final else "")
            found = _impossible(ending.condition, ("victory", "endings", i, "condition"), ctx)
            if found:
                path, reason = found
                self.warn(path, _("ending '{ending}' can never apply: {reason}").format(
                    ending=ending.id, reason=reason), code="W0402")

    # ------------------------------------------------------------------ orders

    def _order_path(self, side: Side, name: str) -> Path:
        field = ORDER_KINDS[name].field
        section = self.loaded.data.get("orders", {}).get(side, {})
        key = name if name in section else field
        return ("orders", side, key)

    def orders(self) -> None:
        sides = self.spec.sides
        with_targets = {o.kind for side in ("junta", "insurgency")
                        for o in candidate_orders(self.scenario, side)}
        for side in ("junta", "insurgency"):
            side_t: Side = side
            capacity = (sides.junta.command_capacity if side == "junta"
                        else sides.insurgency.command_capacity)
            for name, order_spec in self.scenario.order_specs[side_t].items():
                reason = None
                if capacity == 0:
                    reason = _(_NO_CAPACITY[side])
                elif order_spec.capacity > capacity:
                    reason = _(_TOO_LITTLE_CAPACITY[side]).format(need=order_spec.capacity,
                                                                  have=capacity)
                elif name not in with_targets:
                    reason = _no_target_reason(name, self.scenario)
                elif name == "airstrike" and sides.junta.helicopters == 0:
                    reason = _("the junta has no helicopters (sides.junta.helicopters is 0)")
                elif name == "africa-corps" and sides.junta.africa_corps == 0:
                    reason = _("the junta has no partner force (sides.junta.africa_corps is "
                               "0)")
                if reason:
                    self.warn(self._order_path(side_t, name),
                              _("order '{order}' is enabled but can never be given: {reason}; "
                                "set `enabled: false` or remove it").format(order=name,
                                                                            reason=reason),
                              key=True, code="W0403")
                if not order_spec.description:
                    # The order guide (`help ORDER`, `?` on the orders panel) shows it.
                    self.warn(self._order_path(side_t, name),
                              _("order '{order}' is enabled but has no description: players "
                                "see nothing under `help ORDER`").format(order=name),
                              key=True, code="W0407",
                              help=(_("add `description: \"what it does, in a sentence or "
                                      "two\"` and cite the article it paraphrases"),))

    # ------------------------------------------------------------------ doctrine

    def doctrine(self) -> None:
        spec = self.spec
        if spec.doctrine is None:
            return
        fog = spec.fog
        hidden_ins = set() if fog.insurgency_sees_treasury else {"treasury", "cohesion"}
        docs: list[tuple[Side, Path, Doctrine]] = [
            ("insurgency", ("doctrine", "insurgency"), spec.doctrine.insurgency)]
        for name, doctrine in spec.doctrine.junta.items():
            path: Path = ("doctrine", "junta", name)
            docs.append(("junta", path, doctrine))
            if name not in SELECTABLE_JUNTA_POLICIES:
                self.warn(path, _("junta policy '{policy}' cannot be selected: `wargame "
                                  "simulate --junta` and scenario tests know only "
                                  "{policies}").format(
                    policy=name, policies=", ".join(SELECTABLE_JUNTA_POLICIES)),
                    key=True, code="W0406")
        for side, path, doctrine in docs:
            hidden = hidden_ins if side == "insurgency" else {"insurgent_funds"}
            for i, priority in enumerate(doctrine.priorities):
                ppath: Path = (*path, "priorities", i)
                kind = ORDER_KINDS.get(priority.order)
                if kind is None or kind.side != side:
                    continue  # an error already (refs.py)
                if priority.when is not None:
                    ctx = self._context(hidden=hidden)
                    found = _impossible(priority.when, (*ppath, "when"), ctx)
                    if found:
                        self.warn(found[0], _("priority '{priority}' never applies: "
                                              "{reason}").format(priority=priority.id,
                                                                  reason=found[1]),
                                  code="W0405")
                for j, f in enumerate(priority.filters):
                    for message in self._filter_problems(f, priority.order, side):
                        self.warn((*ppath, "filters", j, "filter"),
                                  _("priority '{priority}': {problem}").format(
                                      priority=priority.id, problem=message), code="W0404")

    def _filter_problems(self, f: Any, order: str, side: Side) -> Iterator[str]:
        kind = ORDER_KINDS[order]
        name = f.filter
        if isinstance(f, ChoiceFilter):
            if name == "arg_is":
                if f.arg >= len(kind.args):
                    yield _("arg_is looks at argument {arg} but '{order}' takes {count} "
                            "argument(s)").format(arg=f.arg, order=order, count=len(kind.args))
                    return
                yield from self._unknown_values(f.values, kind.args[f.arg])
                return
            known = get_args(TownKind) if name == "town_kind" else get_args(TownStatus)
            unknown = _("{name} names unknown town kind '{value}' (known: {known})") \
                if name == "town_kind" else \
                _("{name} names unknown town status '{value}' (known: {known})")
            for value in f.values:
                if value not in known:
                    yield unknown.format(name=name, value=value, known=", ".join(known))
        if name == "toward_capital" and order != "move":
            yield _("toward_capital only applies to 'move' orders, not '{order}'").format(
                order=order)
            return
        if name in _ODDS_FILTERS and not kind.chance:
            yield _("{name} has no effect: '{order}' involves no chance, so it has no "
                    "odds").format(name=name, order=order)
            return
        if name == "most_intelligence" and side == "insurgency":
            yield _("most_intelligence never keeps anything for the insurgency: only the "
                    "junta sees its intelligence")
            return
        if name in ("garrison_at_least", "garrison_at_most", "weakest_garrison",
                    "strongest_garrison") and side == "insurgency" \
                and not self.spec.fog.insurgency_sees_garrisons:
            yield _("{name} never keeps anything: the insurgency does not see garrisons "
                    "(fog.insurgency_sees_garrisons is false)").format(name=name)
            return
        needs = FILTER_NEEDS.get(name)
        if needs is not None and not needs & set(kind.args):
            targets = ", ".join(kind.args) or _("nothing")
            yield _("{name} has no effect on '{order}' orders (they target {targets}; the "
                    "filter reads a {needs})").format(name=name, order=order, targets=targets,
                                                       needs=_either(sorted(needs)))

    def _unknown_values(self, values: list[str], arg_kind: str) -> Iterator[str]:
        tables: dict[str, Any] = {
            "corridor": self.scenario.corridors, "route": self.scenario.routes,
            "town": self.scenario.towns, "region": self.scenario.regions,
            "level": ESCORT_LEVELS,
        }
        known = tables[arg_kind]
        for value in values:
            if value not in known:
                import difflib

                hint = difflib.get_close_matches(value, sorted(known), n=1)
                more = _("; did you mean '{name}'?").format(name=hint[0]) if hint else ""
                yield _(_UNKNOWN_ARG[arg_kind]).format(value=value) + more


# ---------------------------------------------------------------------------- positions

Box = tuple[float, float, float, float]  # south, north, west, east


def bounds_box(bounds: Any) -> Box:
    return (bounds.south, bounds.north, bounds.west, bounds.east)


def outlier_box(points: list[tuple[float, float]]) -> Box | None:
    """The others' box widened by its own size (at least 3 degrees) on every side; None
    with fewer than two other towns, where nothing says what is far."""
    if len(points) < 2:
        return None
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    pad_lat = max(3.0, max(lats) - min(lats))
    pad_lon = max(3.0, max(lons) - min(lons))
    return (min(lats) - pad_lat, max(lats) + pad_lat, min(lons) - pad_lon, max(lons) + pad_lon)


def _inside(lat: float, lon: float, box: Box) -> bool:
    south, north, west, east = box
    return south <= lat <= north and west <= lon <= east


def _position_help(lat: float, lon: float, box: Box) -> tuple[str, ...]:
    if _inside(lon, lat, box):
        return (_("latitude and longitude look swapped: try lat: {lon}, lon: {lat}").format(
            lon=lon, lat=lat),)
    return (_("check its coordinates (decimal degrees; west and south are negative)"),)


# ---------------------------------------------------------------------------- text

def cut_text_warnings(loaded: LoadedYaml, lines: list[str]) -> list[SourceError]:
    """A warning where an unquoted '#' cut a text value short (`title: RN #6 road`).

    YAML starts a comment at ' #', so the rest of the line is silently dropped. A comment
    that is a provenance mark, or set apart by two or more spaces and opened by '# ', is
    taken as meant.
    """
    found: list[SourceError] = []
    for path, (line, col) in loaded.positions.items():
        value = _value_at(loaded.data, path)
        if not isinstance(value, str) or not value or not 1 <= line <= len(lines):
            continue
        text = lines[line - 1]
        if text[col - 1:col] in ("'", '"', "|", ">") or not text.startswith(value, col - 1):
            continue
        rest = text[col - 1 + len(value):]
        if not rest.lstrip(" ").startswith("#") or not rest.startswith(" "):
            continue
        gap = len(rest) - len(rest.lstrip(" "))
        comment = rest.lstrip(" ")[1:]
        if _PROVENANCE.match(comment) or (gap >= 2 and comment.startswith(" ")):
            continue
        key = path[-1]
        whole = f"{value}{rest}".rstrip().replace('"', '\\"')
        found.append(SourceError(
            line, col + len(value) + gap, ".".join(map(str, path)),
            _("the text stops at '#': YAML reads '#{comment}' as a comment, so the value is "
              "{value}").format(comment=comment, value=repr(value)), severity="warning",
            code="W0101",
            help=(_('put the whole text in quotes: {key}: "{text}"').format(key=key,
                                                                           text=whole),)))
    return found


_PROVENANCE = re.compile(r"\s*(?:src|est):")


def _value_at(data: Any, path: Path) -> Any:
    for element in path:
        if isinstance(data, list):
            data = data[element] if isinstance(element, int) else None
        elif isinstance(data, dict):
            data = data[element]
        else:
            data = None
    return data


# ---------------------------------------------------------------------------- helpers

def _component(routes: list[Any], start: str | None) -> set[str]:
    adjacency: dict[str, set[str]] = {}
    for r in routes:
        adjacency.setdefault(r.from_town, set()).add(r.to_town)
        adjacency.setdefault(r.to_town, set()).add(r.from_town)
    seen = {start} if start else set()
    todo = [start] if start else []
    while todo:
        town = todo.pop()
        for nxt in sorted(adjacency.get(town or "", ())):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return {t for t in seen if t}


def _no_target_reason(name: str, scenario: Scenario) -> str:
    args = ORDER_KINDS[name].args
    if name == "attack-site":
        return _("no town is a mine or factory")
    if name == "escort":
        return (_("no corridor has a path to its destination") if scenario.corridors
                else _("the scenario has no corridors"))
    if name in ("reinforce", "withdraw", "relieve"):
        return _("the only town is the reserve's own")
    if name == "siege":
        return _("the capital is the only town, and it cannot be besieged")
    if name == "move":
        return _("no two regions are joined by a road")
    if args:
        return _(_NO_VALID[args[0]])
    return _("no valid target exists")


def _key(cond: Condition) -> str | None:
    if isinstance(cond, TrackCondition):
        return f"track:{cond.track}"
    if isinstance(cond, SupportCondition):
        return f"support:{cond.region}:{cond.side}"
    if isinstance(cond, GrievanceCondition):
        return f"grievance:{cond.region}"
    return None


def _label(key: str) -> str:
    parts = key.split(":")
    if parts[0] == "track":
        return _("track '{track}'").format(track=parts[1])
    if parts[0] == "support":
        return _(_SUPPORT_IN[parts[2]]).format(region=parts[1])
    return _("grievance in '{region}'").format(region=parts[1])


def _why_range(key: str, ctx: _Context) -> str:
    if key == "track:turn":
        return ctx.turn_note
    r = ctx.ranges[key]
    return _("it is always {range}").format(range=r.text())


def _impossible(cond: Condition, path: Path, ctx: _Context) -> tuple[Path, str] | None:
    """(path, reason) if `cond` can never hold, else None. Conservative: when unsure, None."""
    atoms: dict[str, list[tuple[_Range, str]]] = {}
    return _check(cond, path, ctx, atoms) or _conflict(atoms, path, ctx)


def _check(cond: Condition, path: Path, ctx: _Context,
           atoms: dict[str, list[tuple[_Range, str]]] | None) -> tuple[Path, str] | None:
    """Check one condition; record the ranges of the atoms of an enclosing `all` in atoms."""
    key = _key(cond)
    if key is not None:
        assert isinstance(cond, TrackCondition | SupportCondition | GrievanceCondition)
        if isinstance(cond, TrackCondition) and cond.track in ctx.hidden:
            return path, _("it tests track '{track}', which this side cannot see, so it is "
                           "never true").format(track=cond.track)
        if key not in ctx.ranges:
            return None  # an unknown region: an error reported elsewhere
        wanted = _op_range(cond.op, cond.value)
        if (ctx.ranges[key] & wanted).empty:
            return path, _("{what} {op} {value} cannot hold: {why}").format(
                what=_label(key), op=cond.op, value=cond.value, why=_why_range(key, ctx))
        if atoms is not None:
            atoms.setdefault(key, []).append((wanted, f"{cond.op} {cond.value}"))
        return None
    if isinstance(cond, FlagCondition):
        if cond.value and cond.flag not in ctx.settable_flags:
            return path, _("flag '{flag}' is never set: it is not among the starting flags, no "
                           "event sets it and no enabled order or rule does").format(
                               flag=cond.flag)
        return None
    if isinstance(cond, TownStatusCondition):
        return None
    if isinstance(cond, AllCondition):
        for i, sub in enumerate(cond.conditions):
            found = _check(sub, (*path, "conditions", i), ctx, atoms)
            if found:
                return found
        return None
    if isinstance(cond, AnyCondition):
        reasons = []
        for i, sub in enumerate(cond.conditions):
            found = _impossible(sub, (*path, "conditions", i), ctx)
            if not found:
                return None
            reasons.append(found)
        return path, _("none of its conditions can hold ({reasons})").format(
            reasons="; ".join(reason for _path, reason in reasons[:3]))
    if isinstance(cond, NotCondition):
        inner = cond.condition
        inner_key = _key(inner)
        if inner_key is not None and inner_key in ctx.ranges:
            assert isinstance(inner, TrackCondition | SupportCondition | GrievanceCondition)
            if isinstance(inner, TrackCondition) and inner.track in ctx.hidden:
                return None
            if inner.op in _NEGATED:
                flipped = inner.model_copy(update={"op": _NEGATED[inner.op]})
                return _check(flipped, (*path, "condition"), ctx, atoms)
            r = ctx.ranges[inner_key]
            if r.lo == r.hi == inner.value:
                return path, _("{what} is always {value}").format(what=_label(inner_key),
                                                                   value=inner.value)
        if isinstance(inner, FlagCondition) and inner.value is False:
            flipped_flag = inner.model_copy(update={"value": True})
            return _check(flipped_flag, (*path, "condition"), ctx, atoms)
        return None
    return None


def _conflict(atoms: dict[str, list[tuple[_Range, str]]], path: Path,
              ctx: _Context) -> tuple[Path, str] | None:
    for key, parts in atoms.items():
        combined = ctx.ranges[key]
        for wanted, _where in parts:
            combined = combined & wanted
        if combined.empty and len(parts) > 1:
            tests = _both([text for _wanted, text in parts])
            return path, _("its conditions on {what} contradict each other ({tests})").format(
                what=_label(key), tests=tests)
    return None
