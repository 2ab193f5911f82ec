"""Fixtures for rules tests: the main scenario, and a quiet copy without scripted events
or rival actors, so each test sees only the effect of the orders it gives."""

from __future__ import annotations

import pytest
from rules_helpers import MAIN, quiet_copy

from wargame.engine import Scenario
from wargame.scenario.load import load_scenario


@pytest.fixture(scope="session")
def main_scenario() -> Scenario:
    return load_scenario(MAIN)


@pytest.fixture(scope="session")
def quiet(main_scenario: Scenario) -> Scenario:
    return quiet_copy(main_scenario)
