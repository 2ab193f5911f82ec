"""Determinism: a game is a function of its scenario, seed and orders — not of the process,
its hash seed, or anything else."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from wargame.ai.policies import random_policy
from wargame.engine import Order, Scenario, new_game, resolve_turn

ROOT = Path(__file__).resolve().parents[2]
SCENARIO = ROOT / "scenarios" / "bamako-blockade-2025.yaml"
TURNS = 26

PLAY = """
import json, sys
from pathlib import Path
from wargame.ai.policies import random_policy
from wargame.engine import new_game, resolve_turn
from wargame.scenario.load import load_scenario

state = new_game(load_scenario(Path(sys.argv[1])), int(sys.argv[2]))
digests = []
while not state.over and len(digests) < int(sys.argv[3]):
    random_policy(state, "junta")
    random_policy(state, "insurgency")
    resolve_turn(state)
    digests.append(state.digest())
print(json.dumps({"digests": digests, "outcome": state.outcome}))
"""


def play_random(scenario: Scenario, seed: int, turns: int = TURNS
                ) -> tuple[list[str], list[list[dict[str, object]]]]:
    state = new_game(scenario, seed)
    digests: list[str] = []
    events: list[list[dict[str, object]]] = []
    while not state.over and len(digests) < turns:
        random_policy(state, "junta")
        random_policy(state, "insurgency")
        result = resolve_turn(state)
        digests.append(state.digest())
        events.append([e.to_dict() for e in result.events])
    return digests, events


def run_in_subprocess(hash_seed: str, seed: int) -> dict[str, object]:
    env = dict(os.environ, PYTHONHASHSEED=hash_seed)
    done = subprocess.run(
        [sys.executable, "-c", PLAY, str(SCENARIO), str(seed), str(TURNS)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False,
    )
    assert done.returncode == 0, done.stderr
    data: dict[str, object] = json.loads(done.stdout)
    return data


def test_same_game_in_processes_with_different_hash_seeds(scenario: Scenario) -> None:
    one = run_in_subprocess("1", 11)
    other = run_in_subprocess("999", 11)
    digests = one["digests"]
    assert isinstance(digests, list) and len(digests) >= 1
    assert digests == other["digests"]
    assert one["outcome"] == other["outcome"]
    assert len(set(digests)) == len(digests)  # every turn changes the state
    # And the same as in this process.
    assert play_random(scenario, 11)[0] == digests


def test_same_seed_same_game(scenario: Scenario) -> None:
    a_digests, a_events = play_random(scenario, 11)
    b_digests, b_events = play_random(scenario, 11)
    assert a_digests == b_digests
    assert a_events == b_events


def test_different_seeds_different_games(scenario: Scenario) -> None:
    a_digests, a_events = play_random(scenario, 11, turns=5)
    b_digests, b_events = play_random(scenario, 12, turns=5)
    assert a_digests != b_digests
    # Not only the seed field differs: the games themselves (events, rolls) differ.
    assert a_events != b_events


def test_clone_continues_identically(scenario: Scenario) -> None:
    state = new_game(scenario, 5)
    for _ in range(3):
        random_policy(state, "junta")
        random_policy(state, "insurgency")
        resolve_turn(state)
    copy = state.clone()
    assert copy.digest() == state.digest()
    assert copy.to_dict() == state.to_dict()
    for game in (state, copy):
        for _ in range(4):
            random_policy(game, "junta")
            random_policy(game, "insurgency")
            resolve_turn(game)
    assert copy.digest() == state.digest()


def test_digest_is_independent_of_dict_insertion_order(scenario: Scenario) -> None:
    state = new_game(scenario, 5)
    copy = state.clone()
    copy.garrison = dict(reversed(list(copy.garrison.items())))
    copy.fighters = dict(reversed(list(copy.fighters.items())))
    assert copy.digest() == state.digest()
    copy.garrison["kati"] += 1
    assert copy.digest() != state.digest()


def test_clone_copies_every_field(scenario: Scenario) -> None:
    """`clone` is written out field by field (it is a hot path): every field is copied,
    every container is a new one, only the static scenario is shared."""
    from dataclasses import fields

    state = new_game(scenario, 5)
    state.pending["junta"].append(Order("ration"))
    state.carried_orders.append(("junta", "ration", "event"))
    copy = state.clone()
    for f in fields(state):
        mine, theirs = getattr(state, f.name), getattr(copy, f.name)
        assert mine == theirs, f.name
        if isinstance(mine, dict | list):
            assert mine is not theirs, f"{f.name} is shared with the clone"
    assert copy.pending["junta"] is not state.pending["junta"]
    assert copy.scenario is state.scenario
