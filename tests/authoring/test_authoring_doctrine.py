"""docs/doctrine.md documents every built-in junta policy with its priorities, and says
plainly that a filter which would leave nothing is skipped, unless it is `required`."""

from __future__ import annotations

from pathlib import Path

from wargame.ai.builtin import JUNTA_POLICIES, builtin_doctrines
from wargame.ai.doctrine import play_doctrine
from wargame.engine import new_game
from wargame.engine.model import Doctrine
from wargame.scenario.load import check_bytes
from wargame.scenario.validators import validate

DOCS = Path(__file__).resolve().parents[2] / "docs" / "doctrine.md"
BASE = Path(__file__).parent / "mistakes" / "base.yaml"


def test_every_junta_policy_and_its_priorities_are_documented() -> None:
    text = DOCS.read_text(encoding="utf-8")
    for name in JUNTA_POLICIES:
        assert f"| `{name}` |" in text, name
    for name, doctrine in builtin_doctrines().junta.items():
        section = text.split(f"#### `{name}`: {doctrine.title}", 1)[1].split("####", 1)[0]
        for priority in doctrine.priorities:
            assert f"| {priority.title}" in section and f"`{priority.order}`" in section, \
                (name, priority.id)
    assert "A filter that would leave no candidate is skipped" in text
    assert "required: true" in text


def _doctrine(required: bool) -> Doctrine:
    doctrine: Doctrine = validate("Doctrine", {
        "title": "t", "summary": "s", "priorities": [
            {"id": "ambush-mines", "title": "Ambush only on roads to a mine", "order": "ambush",
             "filters": [{"filter": "town_kind", "values": ["mine"], "required": required}]},
            {"id": "tax", "title": "Tax", "order": "tax"},
        ]})
    return doctrine


def test_a_required_filter_that_leaves_nothing_gives_no_order() -> None:
    report = check_bytes(BASE.read_bytes(), "base.yaml")
    assert report.scenario is not None  # no mine in this scenario: the filter keeps nothing
    for difficulty in ("novice", "standard"):
        loose = play_doctrine(new_game(report.scenario, 1), "insurgency", _doctrine(False),
                              difficulty)
        assert loose[0].order.kind == "ambush"  # skipped: the priority went on without it
        assert loose[0].steps[0].skipped
        strict = play_doctrine(new_game(report.scenario, 1), "insurgency", _doctrine(True),
                               difficulty)
        assert strict and all(d.order.kind != "ambush" for d in strict)
        assert strict[0].priority == "tax"  # the next priority took the turn
