"""Step-by-step guidance for a scenario (the tutorial), as data the interface follows.

A guide lives next to the shipped scenarios in `guides/<scenario id>.steps.yaml` (outside
`scenarios/*.yaml`, so it is not listed as a scenario). The interface:

    guide = load_guide(scenario)            # None when the scenario has no guide
    step = guide.current                    # show step.title and step.text
    guide.notify("select_town", "kolokani") # after each player action; True if it advanced

Actions an interface reports: `continue` (the player dismissed the step), `select_town`
(town id), `queue_order` (order kind), `view_odds` (order kind), `end_turn`,
`read_report`, `save`, `advise` (the advisor's suggestion was shown). A step's
`done_when` names one action and optionally the town or order kind it must concern.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from ..engine.orders import ORDER_KINDS
from ..engine.scenario import Scenario
from .shipped import shipped_dir

if TYPE_CHECKING:
    from .guidefile import GuideSpec, Step

Action = Literal["continue", "select_town", "queue_order", "view_odds", "end_turn",
                 "read_report", "save", "advise"]
ACTIONS: tuple[str, ...] = ("continue", "select_town", "queue_order", "view_odds", "end_turn",
                            "read_report", "save", "advise")


class GuideError(Exception):
    """A guide file that does not load; `lines` are FILE:LINE:COL messages."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines


@dataclass
class Guide:
    """Where the player is in the steps."""

    spec: GuideSpec
    index: int = 0

    @property
    def steps(self) -> list[Step]:
        return self.spec.steps

    @property
    def current(self) -> Step | None:
        return self.steps[self.index] if self.index < len(self.steps) else None

    @property
    def done(self) -> bool:
        return self.index >= len(self.steps)

    def progress(self) -> str:
        """E.g. "step 2 of 8"."""
        return f"step {min(self.index + 1, len(self.steps))} of {len(self.steps)}"

    def notify(self, action: str, target: str | None = None) -> bool:
        """Report a player action; advance and return True if it completes the step."""
        step = self.current
        if step is None:
            return False
        want = step.done_when
        if action != want.action:
            return False
        wanted_target = want.town if action == "select_town" else want.order
        if wanted_target is not None and target != wanted_target:
            return False
        self.index += 1
        return True

    def skip(self) -> None:
        """Give up on the current step (a "skip" key)."""
        if not self.done:
            self.index += 1


def guide_path(scenario_path: Path) -> Path:
    """Where the guide of the scenario at `scenario_path` lives."""
    return scenario_path.parent / "guides" / f"{scenario_path.stem}.steps.yaml"


def check_guide(spec: GuideSpec, scenario: Scenario) -> list[str]:
    """Problems of a guide against its scenario (plain messages, by step id)."""
    problems: list[str] = []
    if spec.scenario != scenario.id:
        problems.append(f"guide is for '{spec.scenario}', not '{scenario.id}'")
    enabled = scenario.order_specs["junta"]
    for step in spec.steps:
        want = step.done_when
        if want.town is not None and want.town not in scenario.towns:
            problems.append(f"step '{step.id}': unknown town '{want.town}'")
        if want.order is not None:
            kind = ORDER_KINDS.get(want.order)
            if kind is None or kind.side != "junta" or want.order not in enabled:
                problems.append(f"step '{step.id}': '{want.order}' is not a junta order this "
                                "scenario enables")
        if want.town is not None and want.action != "select_town":
            problems.append(f"step '{step.id}': `town` only goes with select_town")
        if want.order is not None and want.action not in ("queue_order", "view_odds"):
            problems.append(f"step '{step.id}': `order` only goes with queue_order or "
                            "view_odds")
    return problems


def load_guide(scenario: Scenario, scenario_path: Path | None = None) -> Guide | None:
    """The guide of `scenario` (next to its file, else among the shipped ones), or None."""
    candidates = []
    if scenario_path is not None:
        candidates.append(guide_path(scenario_path))
    candidates.append(shipped_dir() / "guides" / f"{scenario.id}.steps.yaml")
    for path in candidates:
        if path.is_file():
            from .guidefile import read_guide  # the format's models, only when there is one

            spec = read_guide(path)
            if spec.scenario == scenario.id:
                return Guide(spec)
    return None


__all__ = ["ACTIONS", "Guide", "GuideError", "check_guide", "guide_path", "load_guide"]
