"""A short, news-style account of a resolved week, from its report alone.

Plain presentation: it reads the events a side may see and the tracks before and after the
turn (only those the side may see), and writes a few neutral sentences.
"""

from __future__ import annotations

import datetime as dt

from ..engine import Scenario
from .session import TurnReport


def _date(text: str) -> str:
    day = dt.date.fromisoformat(text)
    return f"{day.day} {day.strftime('%B %Y')}"


def _change(now: int, before: int, unit: str = "") -> str:
    if now == before:
        return "unchanged"
    return f"{'up' if now > before else 'down'} from {before}{unit}"


def headline(report: TurnReport, scenario: Scenario) -> str:
    b, a = report.before, report.after
    lost = sorted(set(a["towns_held"]) - set(b["towns_held"]))
    destroyed = a["tankers_destroyed"] - b["tankers_destroyed"]
    if report.over:
        return "The game is over"
    if lost:
        return f"JNIM takes {', '.join(scenario.towns[t].name for t in lost)}"
    if destroyed >= 20:
        return f"{destroyed} fuel tankers destroyed on the roads to Bamako"
    if a["bamako_fuel_days"] < 7 <= b["bamako_fuel_days"]:
        return "Bamako's fuel stock falls below a week"
    scripted = [e for e in report.events if e.kind == "scripted" and e.phase == "events"]
    if scripted:
        return scripted[0].text.split(". ")[0].rstrip(".")
    if destroyed:
        return f"{destroyed} fuel tankers destroyed"
    return "A week of strained supply in Bamako"


def week_summary(report: TurnReport, scenario: Scenario) -> list[str]:
    """The headline, then a paragraph of sentences; nothing the side may not see."""
    b, a = report.before, report.after
    capital_region = next((t.region for t in scenario.towns.values() if t.kind == "capital"),
                          "")
    out = [headline(report, scenario)]
    sentences = [f"BAMAKO, week of {_date(report.date)}."]
    destroyed = a["tankers_destroyed"] - b["tankers_destroyed"]
    ambushes = [e for e in report.events if e.kind == "ambush" and e.success]
    if destroyed:
        sentences.append(f"{destroyed} fuel tankers were destroyed this week in "
                         f"{len(ambushes) or 'several'} attack{'s' if len(ambushes) != 1 else ''}"
                         f" ({a['tankers_destroyed']} since the game began).")
    else:
        sentences.append("No tanker was destroyed on the roads this week.")
    kidnaps = [e for e in report.events if e.kind == "kidnap" and e.success]
    if kidnaps:
        sentences.append(f"Drivers were abducted in {len(kidnaps)} incident"
                         f"{'s' if len(kidnaps) != 1 else ''}.")
    sentences.append(f"Bamako has {a['bamako_fuel_days']} days of fuel "
                     f"({_change(a['bamako_fuel_days'], b['bamako_fuel_days'], ' days')}); "
                     f"the fuel price index stands at {a['fuel_price_index']} "
                     f"({_change(a['fuel_price_index'], b['fuel_price_index'])}).")
    support_now = a["junta_support"].get(capital_region)
    support_before = b["junta_support"].get(capital_region)
    if support_now is not None and support_before is not None:
        sentences.append(f"Support for the junta in the capital is {support_now}% "
                         f"({_change(support_now, support_before, '%')}).")
    lost = sorted(set(a["towns_held"]) - set(b["towns_held"]))
    regained = sorted(set(b["towns_held"]) - set(a["towns_held"]))
    if lost:
        sentences.append("JNIM now holds " + ", ".join(scenario.towns[t].name for t in lost)
                         + ".")
    if regained:
        sentences.append("The army retook " + ", ".join(scenario.towns[t].name
                                                         for t in regained) + ".")
    if report.side == "junta" and a.get("cohesion") != b.get("cohesion"):
        sentences.append(f"Army cohesion is {a['cohesion']} "
                         f"({_change(a['cohesion'], b['cohesion'])}).")
    for event in report.events:
        if event.phase == "events" and event.kind in ("scripted", "news"):
            sentences.append(event.text.split(". ")[0].rstrip(".") + ".")
    out.append(" ".join(sentences))
    return out
