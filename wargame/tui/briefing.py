"""A scenario's briefing in words: summary, period, sides, victory conditions, sources."""

from __future__ import annotations

from typing import Any

from textual.content import Content

from ..engine import Scenario
from .sources import cite

OPS = {"lt": "under", "le": "at most", "gt": "over", "ge": "at least", "eq": "exactly"}
TRACK_WORDS = {"fuel_days": "Bamako's fuel", "fuel_stock": "Bamako's fuel stock",
               "fuel_price": "the fuel price index", "treasury": "the treasury",
               "cohesion": "army cohesion", "isolation": "isolation"}
STATUS_WORDS = {"government": "held by the government", "contested": "contested",
                "besieged": "besieged", "insurgent": "held by JNIM"}


def describe_condition(cond: Any, scenario: Scenario) -> str:
    """A condition of the victory section as a phrase."""
    kind = getattr(cond, "type", "")
    if kind == "track":
        unit = " days" if cond.track == "fuel_days" else ""
        return f"{TRACK_WORDS.get(cond.track, cond.track)} {OPS[cond.op]} {cond.value}{unit}"
    if kind == "support":
        region = scenario.regions[cond.region].name if cond.region in scenario.regions else \
            cond.region
        who = "the junta" if cond.side == "junta" else "JNIM"
        return f"support for {who} in {region} {OPS[cond.op]} {cond.value}%"
    if kind == "grievance":
        return f"grievance in {cond.region} {OPS[cond.op]} {cond.value}"
    if kind == "flag":
        flag = cond.flag.replace("_", " ")
        return flag if cond.value else f"no {flag}"
    if kind == "town_status":
        town = scenario.towns[cond.town].name if cond.town in scenario.towns else cond.town
        return f"{town} {STATUS_WORDS.get(cond.status, cond.status)}"
    if kind in ("all", "any"):
        joiner = " and " if kind == "all" else " or "
        return joiner.join(describe_condition(c, scenario) for c in cond.conditions)
    if kind == "not":
        return f"not ({describe_condition(cond.condition, scenario)})"
    return str(cond)


def briefing(scenario: Scenario) -> Content:
    spec = scenario.spec
    meta = spec.meta
    end = scenario.turn_start(meta.turns)
    parts: list[str | tuple[str, str]] = [
        (meta.title, "bold"), "\n",
        (f"{meta.start_date.isoformat()} to {end.isoformat()} · {meta.turns} turns of "
         f"{meta.days_per_turn} days", "$text-muted"), "\n\n", meta.summary, "\n\n",
        ("Sides", "bold underline"), "\n",
        ("You: ", "bold"), f"{spec.sides.junta.name} — {spec.sides.junta.command_capacity} "
        "orders a week.\n",
        ("Against you: ", "bold"), f"{spec.sides.insurgency.name}, played by its doctrine "
        "AI (or a second player).\n"]
    for actor in spec.sides.actors:
        parts.append(f"Also present: {actor.name}.\n")
    parts += ["\n", ("How the game ends", "bold underline"), "\n"]
    victory = spec.victory
    for ending in victory.endings:
        when = "at once when" if ending.check == "every_turn" else "after the last turn, if"
        parts += [("• ", "bold"), (ending.title, "bold"),
                  f" ({ending.grade.replace('_', ' ')}): {when} "
                  f"{describe_condition(ending.condition, scenario)}.\n"]
    parts += [("• ", "bold"), (victory.default.title, "bold"),
              f" ({victory.default.grade.replace('_', ' ')}): otherwise.\n\n",
              ("Sources", "bold underline"), "\n"]
    for source in meta.sources:
        parts.append(f"• {cite(source)}\n")
    return Content.assemble(*parts)
