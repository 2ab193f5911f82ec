"""The shipped scenarios' own tests (scenarios/tests/*.yaml), run as `wargame
check-scenario` runs them: every shipped scenario has one, and every expectation holds."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from wargame.ai.simulate import simulate
from wargame.scenario.expectations import check_scenario
from wargame.scenario.shipped import shipped_dir, shipped_scenarios

TESTS = sorted((shipped_dir() / "tests").glob("*.yaml"))


def test_every_shipped_scenario_has_scenario_tests() -> None:
    names = {p.stem for p in TESTS}
    for path in shipped_scenarios():
        assert path.stem in names, f"scenarios/tests/{path.stem}.yaml is missing"


@pytest.mark.parametrize("path", TESTS, ids=lambda p: p.stem)
def test_shipped_expectations_hold(path: Path) -> None:
    result = check_scenario(path, simulate=simulate, jobs=min(4, os.cpu_count() or 1))
    assert result.errors == [], result.errors
    failed = [f"{o.name}: {o.detail}; expected {o.expected}" for o in result.outcomes
              if not o.passed]
    assert not failed, "\n".join(failed)
    assert len(result.outcomes) >= 3
