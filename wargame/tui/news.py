"""A short, news-style account of a resolved week, from its report alone.

Plain presentation: it reads the events a side may see and the tracks before and after the
turn (only those the side may see), and writes a few neutral sentences.
"""

from __future__ import annotations

import datetime as dt

from ..engine import Scenario
from ..i18n import _, format_date, format_number, localized, ngettext
from ..present.events import event_text
from ..present.ledgertext import names_of
from .session import TurnReport


def _date(text: str) -> str:
    """An ISO date written out in the interface's language: 20 September 2025."""
    return format_date(dt.date.fromisoformat(text))


def _names(scenario: Scenario, towns: list[str]) -> str:
    return ", ".join(localized(scenario.towns[t].name) for t in towns)


def _change(now: int, before: int, unit: str = "") -> str:
    if now == before:
        return _("unchanged")
    if now > before:
        return _("up from {before}{unit}").format(before=before, unit=unit)
    return _("down from {before}{unit}").format(before=before, unit=unit)


def headline(report: TurnReport, scenario: Scenario) -> str:
    b, a = report.before, report.after
    lost = sorted(set(a["towns_held"]) - set(b["towns_held"]))
    destroyed = a["tankers_destroyed"] - b["tankers_destroyed"]
    if report.over:
        return _("The game is over")
    if lost:
        return _("JNIM takes {towns}").format(towns=_names(scenario, lost))
    if destroyed >= 20:
        return _("{count} fuel tankers destroyed on the roads to Bamako").format(
            count=format_number(destroyed))
    if a["bamako_fuel_days"] < 7 <= b["bamako_fuel_days"]:
        return _("Bamako's fuel stock falls below a week")
    scripted = [e for e in report.events if e.kind == "scripted" and e.phase == "events"]
    if scripted:
        return event_text(scripted[0], names_of(scenario)).split(". ")[0].rstrip(".")
    if destroyed:
        return ngettext("{count} fuel tanker destroyed", "{count} fuel tankers destroyed",
                        destroyed).format(count=format_number(destroyed))
    return _("A week of strained supply in Bamako")


def week_summary(report: TurnReport, scenario: Scenario) -> list[str]:
    """The headline, then a paragraph of sentences; nothing the side may not see."""
    b, a = report.before, report.after
    capital_region = next((t.region for t in scenario.towns.values() if t.kind == "capital"),
                          "")
    out = [headline(report, scenario)]
    sentences = [_("BAMAKO, week of {date}.").format(date=_date(report.date))]
    destroyed = a["tankers_destroyed"] - b["tankers_destroyed"]
    ambushes = [e for e in report.events if e.kind == "ambush" and e.success]
    if destroyed:
        total = format_number(a["tankers_destroyed"])
        if ambushes:
            # Translators: {count} tankers; the plural follows {attacks}, the attacks.
            sentences.append(ngettext(
                "{count} fuel tankers were destroyed this week in {attacks} attack ({total} "
                "since the game began).",
                "{count} fuel tankers were destroyed this week in {attacks} attacks ({total} "
                "since the game began).", len(ambushes)).format(
                count=format_number(destroyed), attacks=len(ambushes), total=total))
        else:
            sentences.append(_("{count} fuel tankers were destroyed this week in several "
                               "attacks ({total} since the game began).").format(
                count=format_number(destroyed), total=total))
    else:
        sentences.append(_("No tanker was destroyed on the roads this week."))
    kidnaps = [e for e in report.events if e.kind == "kidnap" and e.success]
    if kidnaps:
        sentences.append(ngettext("Drivers were abducted in {count} incident.",
                                  "Drivers were abducted in {count} incidents.",
                                  len(kidnaps)).format(count=len(kidnaps)))
    sentences.append(_("Bamako has {days} days of fuel ({change}); the fuel price index "
                       "stands at {price} ({price_change}).").format(
        days=a["bamako_fuel_days"],
        change=_change(a["bamako_fuel_days"], b["bamako_fuel_days"], " " + _("days")),
        price=a["fuel_price_index"],
        price_change=_change(a["fuel_price_index"], b["fuel_price_index"])))
    support_now = a["junta_support"].get(capital_region)
    support_before = b["junta_support"].get(capital_region)
    if support_now is not None and support_before is not None:
        sentences.append(_("Support for the junta in the capital is {support}% "
                           "({change}).").format(
            support=support_now, change=_change(support_now, support_before, "%")))
    lost = sorted(set(a["towns_held"]) - set(b["towns_held"]))
    regained = sorted(set(b["towns_held"]) - set(a["towns_held"]))
    if lost:
        sentences.append(_("JNIM now holds {towns}.").format(towns=_names(scenario, lost)))
    if regained:
        sentences.append(_("The army retook {towns}.").format(
            towns=_names(scenario, regained)))
    if report.side == "junta" and a.get("cohesion") != b.get("cohesion"):
        sentences.append(_("Army cohesion is {cohesion} ({change}).").format(
            cohesion=a["cohesion"], change=_change(a["cohesion"], b["cohesion"])))
    for event in report.events:
        if event.phase == "events" and event.kind in ("scripted", "news"):
            sentences.append(event_text(event, names_of(scenario)).split(". ")[0].rstrip(".")
                             + ".")
    out.append(" ".join(sentences))
    return out
