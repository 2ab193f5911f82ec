"""A scenario's briefing in words: summary, period, sides, victory conditions, sources."""

from __future__ import annotations

from textual.content import Content

from ..engine import Scenario, observe
from ..engine.goals import goals_of
from ..engine.state import new_state
from ..i18n import _, format_date, localized, ngettext
from .sources import cite
from .widgets.goals import goals_content


def briefing(scenario: Scenario) -> Content:
    """Summary, period, sides, the endings (derived from the scenario's `victory`
    section) and the sources, in the interface's language."""
    spec = scenario.spec
    meta = spec.meta
    end = scenario.turn_start(meta.turns)
    junta, insurgency = spec.sides.junta, spec.sides.insurgency
    parts: list[str | tuple[str, str] | Content] = [
        (localized(meta.title), "bold"), "\n",
        (_("{start} to {end} · {turns} turns of {days} days").format(
            start=format_date(meta.start_date), end=format_date(end), turns=meta.turns,
            days=meta.days_per_turn), "$text-muted"), "\n\n", localized(meta.summary),
        "\n\n", (_("Sides"), "bold underline"), "\n",
        (_("You:") + " ", "bold"),
        ngettext("{name} — {count} order a week.", "{name} — {count} orders a week.",
                 junta.command_capacity).format(name=localized(junta.name),
                                                count=junta.command_capacity) + "\n",
        (_("Against you:") + " ", "bold"),
        _("{name}, played by its doctrine AI (or a second player).").format(
            name=localized(insurgency.name)) + "\n"]
    for actor in spec.sides.actors:
        parts.append(_("Also present: {name}.").format(name=localized(actor.name)) + "\n")
    # The endings as the board's Goals tab shows them, with the values at the start.
    start = goals_of(scenario, observe(new_state(scenario, 1), "junta"))
    parts += ["\n", (_("How the game ends"), "bold underline"),
              " " + _("(values at the start)") + "\n",
              goals_content(start, heading=False, projection=False), "\n\n",
              (_("Sources"), "bold underline"), "\n"]
    for source in meta.sources:
        parts.append(f"• {cite(source)}\n")
    return Content.assemble(*parts)
