"""The pool of `simulate`: workers inherit the parent's scenario (fork) or load it once,
small tasks, and results byte-identical for any number of processes."""

from __future__ import annotations

import gc
import json
from pathlib import Path

import pytest

from wargame.ai import simulate as sim
from wargame.engine import Scenario
from wargame.scenario.load import load_scenario

MAIN = Path(__file__).resolve().parents[2] / "scenarios" / "bamako-blockade-2025.yaml"


@pytest.fixture(scope="module")
def scen() -> Scenario:
    return load_scenario(MAIN)


def test_any_jobs_gives_the_same_bytes(scen: Scenario) -> None:
    runs = [sim.simulate(scen, MAIN, 9, 7, junta="historical", jobs=jobs, explain=True,
                         ledger=True) for jobs in (1, 2, 3)]
    first = json.dumps(runs[0], sort_keys=True)
    assert all(json.dumps(run, sort_keys=True) == first for run in runs[1:])


def test_the_pool_leaves_nothing_behind(scen: Scenario) -> None:
    seen: list[int] = []
    sim.simulate(scen, MAIN, 5, 1, junta="historical", jobs=2, progress=seen.append)
    assert seen == [1, 2, 3, 4, 5]
    assert sim._WORKER_SCENARIO == {}
    assert gc.get_freeze_count() == 0


def test_a_worker_without_the_parents_scenario_loads_it(scen: Scenario) -> None:
    # What a worker started afresh (spawn, forkserver) does: load the file once.
    batch = sim.Batch(str(MAIN), "historical", "doctrine", "standard", False)
    assert sim._WORKER_SCENARIO == {}
    try:
        record = sim._worker_game(batch, 3)
        assert str(MAIN) in sim._WORKER_SCENARIO
    finally:
        sim._WORKER_SCENARIO.clear()
    expected = sim.play_game(scen, 3, "historical", "doctrine", "standard")
    assert record == expected
