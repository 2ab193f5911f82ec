"""Fixtures of the engine tests: a quiet copy of the main scenario (no scripted events,
no non-player actors), so that a turn shows the effect of the orders given."""

from __future__ import annotations

import pytest
from engine_helpers import quiet_copy

from wargame.engine import Scenario


@pytest.fixture(scope="session")
def quiet(scenario: Scenario) -> Scenario:
    return quiet_copy(scenario)
