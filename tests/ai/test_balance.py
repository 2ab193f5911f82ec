"""The balance targets of issue 10, in direction, on a small deterministic sample (the full
figures, 200 games each, are in README's table: benchmarks/balance_table.py).

Doing nothing (or anything at random) must lose; the historical junta stays within the
record (strangled, never stormed; usually still standing); a junta that plans can win;
and a harder insurgency never helps the junta."""

from __future__ import annotations

from collections import Counter

import pytest

from wargame.ai.bots import DIFFICULTIES
from wargame.ai.simulate import play_game
from wargame.engine import Scenario

GAMES = 20
SEED = 1
STANDS = ("junta_holds", "protracted_crisis")


def outcomes(scenario: Scenario, junta: str, difficulty: str = "standard",
             games: int = GAMES, budget: int = 64) -> Counter[str]:
    return Counter(play_game(scenario, SEED + i, junta, "doctrine", difficulty,
                             planner_budget=budget).outcome for i in range(games))


@pytest.mark.parametrize("junta", ["passive", "random"])
def test_doing_nothing_or_anything_loses(scenario: Scenario, junta: str) -> None:
    # These bots are quick: a hundred games, as 20 would leave the 85% line to chance.
    seen = outcomes(scenario, junta, games=100)
    assert seen["regime_collapse"] + seen["capital_falls"] >= 85


def test_historical_junta_stays_within_the_record(scenario: Scenario) -> None:
    seen = outcomes(scenario, "historical")
    assert seen["capital_falls"] == 0           # strangled, never stormed
    assert sum(seen[o] for o in STANDS) > GAMES / 2   # the regime lost in a minority


def test_a_planning_junta_can_win(scenario: Scenario) -> None:
    seen = outcomes(scenario, "planner", budget=4)   # a cheap planner, to keep this quick
    assert seen["junta_holds"] >= 1 and seen["capital_falls"] == 0


def test_difficulty_is_monotonic(scenario: Scenario) -> None:
    stands = [sum(outcomes(scenario, "historical", d)[o] for o in STANDS)
              for d in DIFFICULTIES]
    assert stands == sorted(stands, reverse=True), dict(zip(DIFFICULTIES, stands,
                                                            strict=True))
