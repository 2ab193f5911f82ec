"""Same scenario, seed and orders give the same game: in one process, and in two
processes with different PYTHONHASHSEED values (no set iteration order leaks in)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from rules_helpers import MAIN

from wargame.ai.bots import play_side
from wargame.engine import Scenario, new_game, resolve_turn

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = """
import json, sys
from pathlib import Path
from wargame.ai.bots import play_side
from wargame.engine import new_game, resolve_turn
from wargame.scenario.load import load_scenario
state = new_game(load_scenario(Path(sys.argv[1])), 11)
digests = []
while not state.over:
    play_side(state, "junta", "random")
    play_side(state, "insurgency", "doctrine")
    resolve_turn(state)
    digests.append(state.digest())
print(json.dumps(digests))
"""


def digests(scenario: Scenario, seed: int) -> list[str]:
    state = new_game(scenario, seed)
    out = []
    while not state.over:
        play_side(state, "junta", "random")
        play_side(state, "insurgency", "doctrine")
        resolve_turn(state)
        out.append(state.digest())
    return out


def test_same_seed_same_game_in_process(main_scenario: Scenario) -> None:
    assert digests(main_scenario, 11) == digests(main_scenario, 11)
    assert digests(main_scenario, 11) != digests(main_scenario, 12)


def test_same_game_under_different_hash_seeds(main_scenario: Scenario) -> None:
    runs = []
    for hash_seed in ("1", "999"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        done = subprocess.run([sys.executable, "-c", SCRIPT, str(MAIN)], env=env, cwd=ROOT,
                              capture_output=True, text=True, check=True)
        runs.append(json.loads(done.stdout))
    assert runs[0] == runs[1] == digests(main_scenario, 11)
    assert len(runs[0]) >= 1
