"""What winning takes: the scenario's endings and where the game stands against each.

Derived from the `victory` section (never written by hand) and judged on a side's `View`,
so a condition on a number the side cannot see (the insurgency's fighters or funds, for
the junta) is unknown, never the true value. The conditions are read by the same
evaluator as the engine's endings and the bots' doctrine (`scripted.leaf_value` and
`leaf_holds`); unknown leaves combine in three-valued logic (all/any/not).

Pure data and plain phrases: the TUI, the plain mode and the briefing style them. Every
phrase is a `Phrase` (English, with its template and params): the interface writes it in
the reader's language with `i18n.localized`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from .ledger import N_
from .model import (
    AllCondition,
    AnyCondition,
    Condition,
    Ending,
    FlagCondition,
    GrievanceCondition,
    NotCondition,
    SupportCondition,
    TownStatusCondition,
    TrackCondition,
)
from .orders import Side
from .phrase import Phrase, join
from .scenario import Scenario
from .scripted import LeafCondition, LeafValue, leaf_holds, leaf_value, view_track
from .view import View

Outcome = Literal["win", "draw", "loss"]
Check = Literal["every_turn", "final", "default"]
NodeKind = Literal["all", "any", "not", "leaf"]

SYMBOL = {"lt": "<", "le": "≤", "gt": ">", "ge": "≥", "eq": "="}
GRADE_WORDS = {"decisive_defeat": N_("decisive defeat"), "defeat": N_("defeat"),
               "draw": N_("draw"), "victory": N_("victory"),
               "decisive_victory": N_("decisive victory")}
_JUNTA_OUTCOME: dict[str, Outcome] = {
    "decisive_defeat": "loss", "defeat": "loss", "draw": "draw", "victory": "win",
    "decisive_victory": "win"}
_FLIP: dict[Outcome, Outcome] = {"win": "loss", "loss": "win", "draw": "draw"}
# Translators: the percent sign after a number (French puts a narrow no-break space first).
_PERCENT = N_("%")
# A town's status as a goal states it (after the town's name) and as its value now.
STATUS_WORDS = {"government": N_("held by the government"), "contested": N_("contested"),
                "besieged": N_("besieged"), "insurgent": N_("held by {insurgent}")}
SHORT_STATUS_WORDS = {"government": N_("secure"), "contested": N_("contested"),
                      "besieged": N_("besieged"), "insurgent": N_("held by {insurgent}")}
# Flags that record something that happened (rather than a measure in force).
_EVENT_FLAGS = {"coup": N_("a coup"), "mass_unrest": N_("mass unrest")}
# The flags the rules and the shipped scenarios set, by name (else the id in words).
FLAG_NAMES = {"coup": N_("coup"), "mass_unrest": N_("mass unrest"),
              "dress_rules": N_("dress rules"), "evacuation_advice": N_("evacuation advice"),
              "parties_banned": N_("parties banned"), "power_cuts": N_("power cuts"),
              "rural_fuel_ban": N_("rural fuel ban"), "schools_closed": N_("schools closed"),
              "travel_restrictions": N_("travel restrictions")}


def flag_name(flag: str) -> str:
    """A flag in words ('rural fuel ban'): a `Phrase` for the flags the game knows."""
    known = FLAG_NAMES.get(flag)
    return Phrase(known) if known is not None else flag.replace("_", " ")


@dataclass(frozen=True, slots=True)
class GoalCondition:
    """A node of an ending's condition tree. A leaf carries what it tests, the target,
    the value the side sees now (None: hidden from it) and its phrases."""

    kind: NodeKind
    holds: bool | None                       # None: depends on something hidden
    children: tuple[GoalCondition, ...] = ()
    label: str = ""                          # "support for the junta in Bamako District"
    short: str = ""                          # "Bamako support"
    tiny: str = ""                           # "Bamako" (under the track bar's "Bamako 55%")
    op: str = ""                             # lt le gt ge eq (numbers), "is" (flag, status)
    target: LeafValue | None = None          # 40, True, "insurgent"
    value: LeafValue | None = None           # as the side sees it now; None when hidden
    unit: str = ""                           # " days", "%", " bn CFA"
    short_unit: str = ""                     # "d", "%", ""
    value_text: str = ""                     # flags and statuses: "none so far"
    short_value_text: str = ""               # flags and statuses: "none"

    def leaves(self) -> Iterator[GoalCondition]:
        if self.kind == "leaf":
            yield self
        for child in self.children:
            yield from child.leaves()


@dataclass(frozen=True, slots=True)
class Goal:
    """One ending: what it takes, when it is tested, and whether it holds now."""

    id: str
    title: str
    side: Side                     # the side that reads it
    grade: str                     # for the junta, as the scenario grades it
    check: Check                   # every_turn, final, or default (no condition tested)
    outcome: Outcome               # what the ending means for the side that reads it
    turn: int | None               # the turn at whose end it is tested (None: every turn)
    condition: GoalCondition | None
    holds: bool | None             # None: depends on something hidden (default: None)


@dataclass(frozen=True, slots=True)
class Goals:
    side: Side
    turn: int                      # the turn awaiting orders
    turns: int
    endings: tuple[Goal, ...]      # in the scenario's priority order, the default last
    if_ended_now: str | None       # the ending the game would get now; None: unknown

    def by_outcome(self, outcome: Outcome) -> list[Goal]:
        return [g for g in self.endings if g.outcome == outcome and g.check != "default"]

    def ending(self, ending_id: str) -> Goal:
        return next(g for g in self.endings if g.id == ending_id)


def outcome_for(side: Side, grade: str) -> Outcome:
    outcome = _JUNTA_OUTCOME[grade]
    return outcome if side == "junta" else _FLIP[outcome]


def goals_of(scenario: Scenario, view: View) -> Goals:
    """Every ending of the scenario judged on what `view`'s side may see."""
    victory = scenario.spec.victory
    endings = [_goal(scenario, view, e, e.check) for e in victory.endings]
    endings.append(_goal(scenario, view, victory.default, "default"))
    return Goals(view.side, view.turn, view.turns, tuple(endings), _if_ended_now(endings))


def _if_ended_now(endings: list[Goal]) -> str | None:
    """The ending the engine would give if this were the last turn: the first every-turn
    ending that holds, then the first final one, then the default (None as soon as an
    ending earlier in that order depends on something hidden)."""
    for check in ("every_turn", "final"):
        for goal in endings:
            if goal.check != check:
                continue
            if goal.holds is None:
                return None
            if goal.holds:
                return goal.id
    return endings[-1].id


def _goal(scenario: Scenario, view: View, ending: Ending, check: Check) -> Goal:
    condition = None if check == "default" else _node(scenario, view, ending.condition)
    return Goal(ending.id, ending.title, view.side, ending.grade, check,
                outcome_for(view.side, ending.grade),
                None if check == "every_turn" else scenario.turns, condition,
                condition.holds if condition is not None else None)


def _node(scenario: Scenario, view: View, cond: Condition) -> GoalCondition:
    match cond:
        case AllCondition():
            children = tuple(_node(scenario, view, c) for c in cond.conditions)
            return GoalCondition("all", _all(c.holds for c in children), children)
        case AnyCondition():
            children = tuple(_node(scenario, view, c) for c in cond.conditions)
            return GoalCondition("any", _any(c.holds for c in children), children)
        case NotCondition():
            child = _node(scenario, view, cond.condition)
            return GoalCondition("not", None if child.holds is None else not child.holds,
                                 (child,))
    return _leaf(scenario, view, cond)


def _all(values: Iterator[bool | None]) -> bool | None:
    seen = list(values)
    if False in seen:
        return False
    return None if None in seen else True


def _any(values: Iterator[bool | None]) -> bool | None:
    seen = list(values)
    if True in seen:
        return True
    return None if None in seen else False


def _leaf(scenario: Scenario, view: View, cond: LeafCondition) -> GoalCondition:
    value = leaf_value(view, cond, lambda track: view_track(view, track, estimates=False))
    holds = leaf_holds(cond, value)
    insurgent = insurgent_name(scenario)
    match cond:
        case TrackCondition():
            label, short, unit, short_unit = _track_words(scenario, cond.track)
            return GoalCondition("leaf", holds, label=label, short=short, tiny=short,
                                 op=cond.op, target=cond.value, value=value, unit=unit,
                                 short_unit=short_unit)
        case SupportCondition():
            region = scenario.regions[cond.region].name
            place = place_name(scenario, cond.region)
            if cond.side == "junta":
                label, short, tiny = (
                    Phrase(N_("support for the junta in {region}"), region=region),
                    Phrase(N_("{place} support"), place=place), place)
            else:
                label, short, tiny = (
                    Phrase(N_("support for {insurgent} in {region}"), insurgent=insurgent,
                           region=region),
                    Phrase(N_("{insurgent} support in {place}"), insurgent=insurgent,
                           place=place),
                    Phrase(N_("{insurgent} in {place}"), insurgent=insurgent, place=place))
            return GoalCondition("leaf", holds, label=label, short=short, tiny=tiny,
                                 op=cond.op, target=cond.value, value=value,
                                 unit=Phrase(_PERCENT), short_unit=Phrase(_PERCENT))
        case GrievanceCondition():
            region = scenario.regions[cond.region].name
            short = Phrase(N_("grievance in {region}"),
                           region=place_name(scenario, cond.region))
            return GoalCondition("leaf", holds,
                                 label=Phrase(N_("grievance in {region}"), region=region),
                                 short=short, tiny=short, op=cond.op, target=cond.value,
                                 value=value)
        case FlagCondition():
            happened = _EVENT_FLAGS.get(cond.flag)
            word = Phrase(happened) if happened is not None else flag_name(cond.flag)
            # ('no coup', not 'no a coup': the flag's name, without the article)
            label = word if cond.value else Phrase(N_("no {flag}"), flag=flag_name(cond.flag))
            tiny = flag_name(cond.flag) if cond.value else label
            now, short_now = _flag_now(cond.flag, value)
            return GoalCondition("leaf", holds, label=label, short=label, tiny=tiny, op="is",
                                 target=cond.value, value=value, value_text=now,
                                 short_value_text=short_now)
        case TownStatusCondition():
            town = scenario.towns[cond.town].name
            words = Phrase(STATUS_WORDS[cond.status], insurgent=insurgent)
            now = Phrase(N_("now {status}"),
                         status=Phrase(STATUS_WORDS[str(value)], insurgent=insurgent))
            short_now = Phrase(SHORT_STATUS_WORDS[str(value)], insurgent=insurgent)
            named = Phrase(N_("{town} {status}"), town=town, status=words)
            tiny = (Phrase(N_("{town} to {insurgent}"), town=town, insurgent=insurgent)
                    if cond.status == "insurgent" else named)
            return GoalCondition("leaf", holds, label=named,
                                 short=named, tiny=tiny, op="is",
                                 target=cond.status,
                                 value=value, value_text=now, short_value_text=short_now)
    raise TypeError(f"unknown condition {cond!r}")


def _flag_now(flag: str, value: LeafValue | None) -> tuple[str, str]:
    """A flag's value in words, long and short."""
    if flag in _EVENT_FLAGS:
        words = ((N_("it has happened"), N_("happened")) if value
                 else (N_("none so far"), N_("none")))
    else:
        words = ((N_("in force"), N_("in force")) if value
                 else (N_("not in force"), N_("not in force")))
    return Phrase(words[0]), Phrase(words[1])


def _track_words(scenario: Scenario, track: str) -> tuple[str, str, str, str]:
    """(label, short label, unit, short unit) of a track."""
    insurgent = insurgent_name(scenario)
    capital: str = next((t.name for t in scenario.towns.values() if t.kind == "capital"),
                        Phrase(N_("the capital")))
    # Translators: the units follow a number with no space of their own (" days", "d").
    words = {
        "fuel_days": (N_("fuel in {capital}"), N_("fuel"), N_(" days"), N_("d")),
        "fuel_price": (N_("fuel price index"), N_("price"), "", ""),
        "treasury": (N_("treasury"), N_("treasury"), N_(" bn CFA"), ""),
        "cohesion": (N_("army cohesion"), N_("cohesion"), "", ""),
        "isolation": (N_("isolation"), N_("isolation"), "", ""),
        "tankers_destroyed": (N_("tankers destroyed"), N_("tankers lost"), "", ""),
        "towns_held": (N_("towns held by {insurgent}"), N_("towns held by {insurgent}"), "",
                       ""),
        "insurgent_fighters": (N_("{insurgent} fighters"), N_("{insurgent} fighters"), "", ""),
        "insurgent_funds": (N_("{insurgent} funds"), N_("{insurgent} funds"), N_(" m CFA"),
                            ""),
        "turn": (N_("turn"), N_("turn"), "", ""),
    }
    label, short, unit, short_unit = words[track]
    params = {"capital": capital, "insurgent": insurgent}

    def phrase(template: str) -> str:
        if not template:
            return ""
        used = {k: v for k, v in params.items() if "{" + k + "}" in template}
        return Phrase(template, **used)
    return phrase(label), phrase(short), phrase(unit), phrase(short_unit)


def insurgent_name(scenario: Scenario) -> str:
    """'JNIM (Jama'at Nusrat al-Islam wal-Muslimin)' -> 'JNIM'."""
    return scenario.spec.sides.insurgency.name.split(" (")[0]


def place_name(scenario: Scenario, region: str) -> str:
    """A region by the name players use: the capital's name for the capital's region."""
    for town in scenario.towns.values():
        if town.kind == "capital" and town.region == region:
            return town.name
    return scenario.regions[region].name


# ----------------------------------------------------------------------------- phrases

Level = Literal[0, 1, 2]   # how much room a phrase has: 0 full words, 1 short, 2 tiny


def leaf_text(leaf: GoalCondition, level: Level = 0) -> str:
    """'fuel in Bamako ≥ 7 days (now 14)', 'a coup (none so far)'; shorter: 'fuel ≥7d
    (14)', 'a coup (none)'; a value hidden from the side: '(now unknown to you)', '(?)'."""
    label = (leaf.label, leaf.short, leaf.tiny)[level]
    text: str
    current: str
    if leaf.op == "is":
        text = label
        current = leaf.short_value_text if level else leaf.value_text
    else:
        unit = leaf.short_unit if level else leaf.unit
        form = "{label} {op}{target}{unit}" if level else "{label} {op} {target}{unit}"
        text = Phrase(form, label=label, op=SYMBOL[leaf.op], target=leaf.target, unit=unit)
        percent = Phrase(_PERCENT) if leaf.unit == "%" else ""
        current = (Phrase("{value}{percent}", value=leaf.value, percent=percent) if level
                   else Phrase(N_("now {value}{percent}"), value=leaf.value, percent=percent))
    if leaf.value is None:
        current = "?" if level else Phrase(N_("now unknown to you"))
    return Phrase("{text} ({current})", text=text, current=current)


# When an ending is tested, by outcome: at once, at the end of the last turn (at turn N
# when room is short), and the same without the verb (after another group on a line).
_AT_ONCE = {"win": N_("Won at once"), "loss": N_("Lost at once"), "draw": N_("Drawn at once")}
_AT_END = {"win": N_("To win at the end of turn {turn}"),
           "loss": N_("Lost at the end of turn {turn}"),
           "draw": N_("Drawn at the end of turn {turn}")}
_AT_TURN = {"win": N_("Win at turn {turn}"), "loss": N_("Lost at turn {turn}"),
            "draw": N_("Drawn at turn {turn}")}


def when_text(outcome: Outcome, check: Check, turn: int | None, level: Level = 0,
              verb: bool = True) -> str:
    """When an ending is tested and what it means for the reader: 'To win at the end of
    turn 26' ('Win at turn 26' at level 2), 'Lost at once', 'Otherwise, at the end of
    turn 26'; without the `verb`: 'at the end of turn 26', 'at once'."""
    if check == "default":
        return Phrase(N_("Otherwise, at the end of turn {turn}"), turn=turn)
    if check == "every_turn":
        return Phrase(_AT_ONCE[outcome] if verb else N_("at once"))
    if verb:
        return Phrase((_AT_END if level < 2 else _AT_TURN)[outcome], turn=turn)
    return Phrase(N_("at the end of turn {turn}") if level < 2 else N_("at turn {turn}"),
                  turn=turn)


def heading(goal: Goal, connective: str = "", level: Level = 0) -> str:
    """`when_text` and how the conditions combine: 'To win at the end of turn 26, all
    of:', 'Lost at once if any of:', 'Lost at once if:'."""
    text = when_text(goal.outcome, goal.check, goal.turn, level)
    return join([text, joiner(goal.outcome, goal.check, connective, level)])


# What follows `when_text`: for the aim (to win at the end), then for the others.
_AIM_JOINER = {"all": N_(", all of:"), "any": N_(", any of:"), "not": N_(", none of:")}
_IF_JOINER = {"all": N_(" if all of:"), "any": N_(" if any of:"), "not": N_(" if none of:")}


def joiner(outcome: Outcome, check: Check, connective: str, level: Level = 0) -> str:
    """What follows `when_text`: ', all of:' for the aim, ' if any of:' for the others;
    the connective left out at level 2 or for a single condition."""
    with_of = bool(connective) and level < 2
    if check == "final" and outcome == "win":
        return Phrase(_AIM_JOINER[connective] if with_of else N_(":"))
    return Phrase(_IF_JOINER[connective] if with_of else N_(" if:"))


def ending_name(goal: Goal) -> str:
    """'The junta holds, the capital supplied (victory)', and 'for the junta' when the
    insurgency reads it (the scenario grades its endings for the junta)."""
    grade = Phrase(GRADE_WORDS[goal.grade])
    if goal.side == "junta":
        return Phrase("{title} ({grade})", title=goal.title, grade=grade)
    return Phrase(N_("{title} ({grade} for the junta)"), title=goal.title, grade=grade)


@dataclass(frozen=True, slots=True)
class OutlineLine:
    """One line of an ending's condition tree written out, for lists and screen readers."""

    depth: int
    text: str
    holds: bool | None
    leaf: bool


def outline(node: GoalCondition, depth: int = 0) -> list[OutlineLine]:
    """The condition tree as indented lines: 'all of:', then its conditions below."""
    if node.kind == "leaf":
        return [OutlineLine(depth, leaf_text(node), node.holds, True)]
    words = {"all": N_("all of:"), "any": N_("any of:"), "not": N_("none of:")}[node.kind]
    lines = [OutlineLine(depth, Phrase(words), node.holds, False)]
    for child in node.children:
        lines += outline(child, depth + 1)
    return lines


def goal_outline(goal: Goal) -> list[OutlineLine]:
    """An ending as lines: its name; when it is tested and what it means for the reader
    ('To win at the end of turn 26, all of:'); then its conditions (those of a single
    all/any written under it directly)."""
    lines = [OutlineLine(0, ending_name(goal), goal.holds, False)]
    node = goal.condition
    if node is None:
        when = when_text(goal.outcome, goal.check, goal.turn)
        return [*lines, OutlineLine(1, Phrase("{when}.", when=when), None, False)]
    combined = node.kind in ("all", "any")
    lines.append(OutlineLine(1, heading(goal, node.kind if combined else ""), node.holds,
                             False))
    for child in node.children if combined else (node,):
        lines += outline(child, 2)
    return lines


Token = tuple[str, GoalCondition | None]   # a piece of a one-line rendering; the leaf it shows


def inline(nodes: list[GoalCondition], connective: Literal["all", "any"],
           level: Level = 0) -> list[list[Token]]:
    """Conditions for one line, as items to join under one connective: nodes of that
    same connective are flattened into it, others are written in brackets with 'and' or
    'or'. Each item is a list of tokens (a leaf's text carries the leaf)."""
    return [_inline_node(node, level) for node in _flatten(nodes, connective)]


def _flatten(nodes: list[GoalCondition], connective: str) -> list[GoalCondition]:
    out: list[GoalCondition] = []
    for node in nodes:
        out += _flatten(list(node.children), connective) if node.kind == connective else [node]
    return out


def _inline_node(node: GoalCondition, level: Level) -> list[Token]:
    if node.kind == "leaf":
        return [(leaf_text(node, level), node)]
    tokens: list[Token] = [(Phrase(N_("not (")) if node.kind == "not" else "(", None)]
    joiner = Phrase(N_(" and ")) if node.kind == "all" else Phrase(N_(" or "))
    for i, child in enumerate(node.children):
        if i:
            tokens.append((joiner, None))
        tokens += _inline_node(child, level)
    tokens.append((")", None))
    return tokens
