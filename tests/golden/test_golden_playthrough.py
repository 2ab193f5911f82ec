"""Golden playthroughs: a whole game of each shipped scenario, turn by turn, compared with
a recorded file. A rules change that alters play fails here; when it is intended,
regenerate with `UPDATE_GOLDEN=1 python -m pytest tests/golden` and review the diff."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from wargame.ai.policies import random_policy
from wargame.engine import new_game, resolve_turn
from wargame.scenario.load import load_scenario
from wargame.scenario.shipped import shipped_scenarios

HERE = Path(__file__).resolve().parent
SEED = 2025


def playthrough(path: Path) -> dict[str, Any]:
    scenario = load_scenario(path)
    state = new_game(scenario, SEED)
    turns = []
    while not state.over:
        random_policy(state, "junta")
        random_policy(state, "insurgency")
        result = resolve_turn(state)
        turns.append({
            "turn": result.turn,
            "orders": result.orders,
            "events": [
                e.text + (f" [odds {e.odds}, roll {e.roll}]" if e.odds is not None else "")
                for e in result.events
            ],
            "digest": state.digest(),
        })
    return {"scenario": scenario.id, "seed": SEED, "outcome": state.outcome, "turns": turns}


@pytest.mark.parametrize("path", shipped_scenarios(), ids=lambda p: p.stem)
def test_golden_playthrough(path: Path) -> None:
    golden = HERE / f"{path.stem}.json"
    actual = playthrough(path)
    if os.environ.get("UPDATE_GOLDEN") == "1" or not golden.exists():
        if os.environ.get("CI") and not golden.exists():
            pytest.fail(f"missing golden file {golden.name}")
        golden.write_text(json.dumps(actual, indent=1, ensure_ascii=False) + "\n",
                          encoding="utf-8")
    expected = json.loads(golden.read_text(encoding="utf-8"))
    for want, got in zip(expected["turns"], actual["turns"], strict=False):
        assert got == want, f"turn {want['turn']} differs from the golden playthrough"
    assert actual["outcome"] == expected["outcome"]
    assert len(actual["turns"]) == len(expected["turns"])
