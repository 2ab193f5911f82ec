"""A scenario's briefing in words: summary, period, sides, victory conditions, sources."""

from __future__ import annotations

from textual.content import Content

from ..engine import Scenario, observe
from ..engine.goals import goals_of
from ..engine.state import new_state
from .sources import cite
from .widgets.goals import goals_content


def briefing(scenario: Scenario) -> Content:
    """Summary, period, sides, the endings (derived from the scenario's `victory`
    section) and the sources."""
    spec = scenario.spec
    meta = spec.meta
    end = scenario.turn_start(meta.turns)
    parts: list[str | tuple[str, str] | Content] = [
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
    # The endings as the board's Goals tab shows them, with the values at the start.
    start = goals_of(scenario, observe(new_state(scenario, 1), "junta"))
    parts += ["\n", ("How the game ends", "bold underline"), " (values at the start)\n",
              goals_content(start, heading=False, projection=False), "\n\n",
              ("Sources", "bold underline"), "\n"]
    for source in meta.sources:
        parts.append(f"• {cite(source)}\n")
    return Content.assemble(*parts)
