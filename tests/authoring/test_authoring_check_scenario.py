"""`wargame check-scenario TESTFILE`: expectations in YAML, a PASS/FAIL report with the
measured values, exit 1 on a failure and 2 on an invalid file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from wargame.ai.simulate import simulate
from wargame.cli import main
from wargame.scenario.expectations import check_scenario
from wargame.scenario.load import load_scenario

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL = ROOT / "scenarios" / "tutorial.yaml"


def write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "t.yaml"
    path.write_text(f"scenario: {TUTORIAL}\ngames: 12\nseed: 3\nexpectations:\n{body}",
                    encoding="utf-8")
    return path


PASSING = """\
  - name: "The tutorial never ends in a collapse"
    junta: passive
    metric: outcome_share
    outcome: regime_collapse
    op: eq
    value: 0
"""
FAILING = """\
  - name: "Nothing is ever lost (this is false)"
    junta: passive
    metric: track
    track: tankers_destroyed
    stat: max
    op: eq
    value: 0
"""


def test_passing_expectation_reports_pass_and_exits_0(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check-scenario", str(write(tmp_path, PASSING)), "--jobs", "1"]) == 0
    out = capsys.readouterr().out
    assert "PASS  The tutorial never ends in a collapse" in out
    assert "regime_collapse in 0 of 12 games = 0.00" in out
    assert "1 passed, 0 failed" in out


def test_failing_expectation_reports_the_measured_value_and_exits_1(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, PASSING + FAILING)
    assert main(["check-scenario", str(path), "--jobs", "1"]) == 1
    out = capsys.readouterr().out
    assert "PASS  The tutorial never ends in a collapse" in out
    failed = re.search(r"FAIL  Nothing is ever lost \(this is false\)\n\s+measured: max "
                       r"tankers_destroyed at the end = (\d+) over 12 games .*expected = 0",
                       out)
    assert failed and int(failed[1]) > 0, out
    assert "1 passed, 1 failed" in out


def test_each_metric_measures(tmp_path: Path) -> None:
    body = """\
  - {name: a, junta: passive, metric: fuel_below_days_by_turn, days: 30, turn: 1, op: eq, value: 1}
  - {name: b, junta: passive, metric: share_reaching, track: junta_support.bamako, above: 99,
     op: eq, value: 0}
  - {name: c, junta: passive, metric: attacks, order: ambush, stat: min, op: ge, value: 1}
  - {name: d, junta: random, metric: turns_played, stat: max, op: eq, value: 6}
  - {name: e, junta: passive, metric: track, track: fuel_days, turn: 1, stat: mean, op: gt,
     value: 0}
"""
    result = check_scenario(write(tmp_path, body), simulate=simulate)
    assert result.errors == []
    assert [o.passed for o in result.outcomes] == [True] * 5, [o.detail for o in
                                                                result.outcomes]


def test_invalid_test_file_is_reported_with_positions(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    body = """\
  - name: "Unknown ending"
    metric: outcome_share
    outcome: total_victory
    op: gt
    value: 0.5
  - name: "Unknown metric"
    metric: happiness
    op: gt
    value: 0.5
"""
    path = write(tmp_path, body)
    assert main(["check-scenario", str(path)]) == 2
    out = capsys.readouterr().out
    assert re.search(rf"^{re.escape(str(path))}:11:13: error: expectations\.1\.metric: "
                     r"unknown metric 'happiness'", out, re.M), out
    fixed = path.read_text(encoding="utf-8").replace("metric: happiness",
                                                     "metric: outcome_share\n    outcome: x")
    path.write_text(fixed, encoding="utf-8")
    assert main(["check-scenario", str(path)]) == 2
    out = capsys.readouterr().out
    assert re.search(rf"^{re.escape(str(path))}:7:14: error: expectations\.0\.outcome: "
                     r"unknown ending 'total_victory'; the scenario's endings are: ", out,
                     re.M), out


def test_missing_scenario_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text("scenario: ../nowhere.yaml\nexpectations:\n" + PASSING, encoding="utf-8")
    result = check_scenario(path, simulate=simulate)
    assert result.errors and "no such scenario file" in result.errors[0]
    assert not result.passed


def test_an_expectation_can_name_the_planner_and_its_budget(tmp_path: Path) -> None:
    """`junta: planner` plays the planning junta, at `planner_budget` rollouts a turn: the
    games are the ones `simulate --junta planner --planner-budget N` plays."""
    body = """\
  - {name: a, junta: planner, planner_budget: 2, metric: turns_played, stat: max, op: eq,
     value: 6}
  - {name: b, junta: planner, planner_budget: 2, metric: track, track: tankers_destroyed,
     stat: mean, op: ge, value: 0}
"""
    calls: list[dict[str, object]] = []

    def recording(*args: object, **kwargs: object) -> dict[str, object]:
        calls.append(kwargs)
        return simulate(*args, **kwargs)  # type: ignore[arg-type]

    path = tmp_path / "t.yaml"
    path.write_text(f"scenario: {TUTORIAL}\ngames: 2\nseed: 3\nexpectations:\n{body}",
                    encoding="utf-8")
    result = check_scenario(path, simulate=recording)
    assert result.errors == [] and [o.passed for o in result.outcomes] == [True, True]
    assert len(calls) == 1 and calls[0]["junta"] == "planner"    # one run, shared
    assert calls[0]["planner_budget"] == 2
    assert "[junta planner (budget 2), insurgency doctrine]" in result.outcomes[0].detail
    tracks = simulate(load_scenario(TUTORIAL), TUTORIAL, 2, 3, junta="planner", planner_budget=2)
    measured = sum(g["history"][-1]["tankers_destroyed"] for g in tracks["games"]) / 2
    assert result.outcomes[1].measured == measured


def test_a_planner_budget_needs_the_planner(tmp_path: Path) -> None:
    result = check_scenario(write(tmp_path, """\
  - {name: a, junta: historical, planner_budget: 2, metric: turns_played, stat: max,
     op: eq, value: 6}
"""), simulate=simulate)
    assert any("planner_budget applies only with junta: planner" in e for e in result.errors)
