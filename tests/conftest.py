"""Shared fixtures: the main scenario, loaded once, and a fresh game of it."""

from __future__ import annotations

from pathlib import Path

import pytest

from wargame.engine import GameState, Scenario, new_game
from wargame.scenario.load import load_scenario

MAIN_SCENARIO = Path(__file__).parent.parent / "scenarios" / "bamako-blockade-2025.yaml"


@pytest.fixture(scope="session")
def scenario() -> Scenario:
    return load_scenario(MAIN_SCENARIO)


@pytest.fixture
def state(scenario: Scenario) -> GameState:
    return new_game(scenario, seed=7)
