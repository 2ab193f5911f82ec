"""An event's English sentence is written on first reading (`Event.text`), not when the
rule emits it: the same game, its events read after every turn or only at its end, reads
the same sentences (nothing a sentence is made from changes after the rule wrote it)."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from wargame.ai.bots import play_side
from wargame.engine import Scenario, new_game, resolve_turn
from wargame.engine.events import Event
from wargame.scenario.load import load_scenario
from wargame.scenario.shipped import shipped_scenarios


def _play(scenario: Scenario, seed: int, read_at_once: bool) -> tuple[list[Event], list[str]]:
    state = new_game(scenario, seed)
    events: list[Event] = []
    texts: list[str] = []
    while not state.over:
        play_side(state, "junta", "random")
        play_side(state, "insurgency", "doctrine")
        turn = resolve_turn(state).events
        if read_at_once:
            texts += [e.text for e in turn]
        events += turn
    return events, texts


@pytest.mark.parametrize("path", shipped_scenarios(), ids=lambda p: p.stem)
def test_events_read_at_once_or_at_the_end_say_the_same(path: Path) -> None:
    scenario = load_scenario(path)
    for seed in (1, 2, 3):
        _, at_once = _play(scenario, seed, read_at_once=True)
        events, _ = _play(scenario, seed, read_at_once=False)
        assert [e.text for e in events] == at_once
        copy = pickle.loads(pickle.dumps(events))        # a worker's copy: written first
        assert copy == events and [e.text for e in copy] == at_once
