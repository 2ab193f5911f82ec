"""The tutorial's step-by-step guidance: a compact strip on the board.

The steps and what completes them are data (`wargame.scenario.guide`); the board only
reports the player's actions to the guide and shows its current step here.
"""

from __future__ import annotations

from pathlib import Path

from textual.content import Content
from textual.widgets import Static

from ...engine import Scenario
from ...i18n import _, localized
from ...scenario.guide import Guide, GuideError, load_guide


def board_guide(scenario: Scenario, scenario_path: Path | None) -> Guide | None:
    """The guide of the scenario being played, or None (no guide, or one that does not
    load: a broken guide must never stop the game)."""
    from ...scenario.shipped import resolve_scenario

    path = scenario_path if scenario_path is not None else resolve_scenario(scenario.id)
    try:
        return load_guide(scenario, path)
    except (GuideError, OSError):
        return None


def wants_continue(guide: Guide | None) -> bool:
    """Whether the current step is one the player dismisses (n or Enter)."""
    step = guide.current if guide is not None else None
    return step is not None and step.done_when.action == "continue"


class GuidePanel(Static):
    """Title, text and progress of the current step, and the keys; hidden when done."""

    DEFAULT_CSS = """
    GuidePanel { height: auto; max-height: 8; background: $boost; padding: 0 1;
                 border-left: thick $accent; }
    """

    def show(self, guide: Guide | None) -> None:
        step = guide.current if guide is not None else None
        if guide is None or step is None:
            self.display = False
            return
        self.display = True
        keys = (_("n: continue · ") if wants_continue(guide) else "") \
            + _("g: skip step · G: end tutorial")
        # `Guide.progress` words it in English; the same count, in the player's language.
        progress = _("Step {n} of {total}").format(
            n=min(guide.index + 1, len(guide.steps)), total=len(guide.steps))
        self.update(Content.assemble(
            (f"{progress} · ", "bold $accent"), (localized(step.title), "bold"),
            "  ", (f"({keys})", "$text-muted"), "\n", localized(step.text)))
