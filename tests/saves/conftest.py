"""Shared helpers of the save tests: the main scenario with its exact text, and seeded
games played by bots (random policies, so a rules change shows up everywhere at once)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from wargame.ai.bots import play_side, rationales
from wargame.engine import Scenario
from wargame.engine.game import Game
from wargame.saves import read_scenario

ROOT = Path(__file__).resolve().parents[2]
MAIN = ROOT / "scenarios" / "bamako-blockade-2025.yaml"

Player = Callable[..., Game]


def play_game(scenario: Scenario, seed: int, turns: int | None = None, *,
              junta: str = "random", insurgency: str = "random",
              reasons: bool = True, game: Game | None = None) -> Game:
    """Play `turns` turns (or to the end) with bots; the junta's 'player' gives a reason on
    every other turn, naming its first order."""
    game = game or Game.new(scenario, seed)
    played = 0
    while not game.over and (turns is None or played < turns):
        made = play_side(game.state, "junta", junta)
        made += play_side(game.state, "insurgency", insurgency)
        reason = None
        if reasons and game.state.turn % 2 == 1:
            first = next((str(d.order) for d in made if d.side == "junta"), "no order")
            reason = f"Week {game.state.turn}: {first} first, the rest as capacity allows."
        game.end_turn(reason, rationales(made))
        played += 1
    return game


@pytest.fixture(scope="session")
def main_scenario() -> tuple[Scenario, str]:
    return read_scenario(MAIN)


@pytest.fixture(scope="session")
def whole_game(main_scenario: tuple[Scenario, str]) -> Game:
    """A whole game (to its end) of the main scenario, random against random, seed 11."""
    return play_game(main_scenario[0], 11)


@pytest.fixture(scope="session")
def player() -> Player:
    return play_game
