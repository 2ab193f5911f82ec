"""Shared fixtures: the main scenario, loaded once, and a fresh game of it. The cache of
compiled scenarios lives in a temporary folder for the whole run, never the user's."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from wargame.engine import GameState, Scenario, new_game
from wargame.scenario.load import load_scenario

MAIN_SCENARIO = Path(__file__).parent.parent / "scenarios" / "bamako-blockade-2025.yaml"
_CACHE_DIR = tempfile.mkdtemp(prefix="wargame-test-cache-")


def pytest_configure(config: pytest.Config) -> None:
    # Before collection: some test modules load scenarios at import. Subprocesses inherit it.
    os.environ["WARGAME_CACHE_DIR"] = _CACHE_DIR


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(_CACHE_DIR, ignore_errors=True)


@pytest.fixture(scope="session")
def scenario() -> Scenario:
    return load_scenario(MAIN_SCENARIO)


@pytest.fixture
def state(scenario: Scenario) -> GameState:
    return new_game(scenario, seed=7)
