"""benchmarks/planner_report.py, the order-kind usage and ablation behind the README's
table: it runs on any shipped scenario, counts that scenario's own winning endings, reads
each ban game by game, and refuses a scenario that does not load with the loader's message;
and benchmarks/planner_ban_trace.py, which plays seeds with and without a kind to say why."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "benchmarks" / "planner_report.py"


def report_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("planner_report", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_ban_is_read_game_by_game() -> None:
    paired = report_module().paired_change
    won = ["junta_holds"]
    same = ["junta_holds", "protracted_crisis"] * 50
    assert paired(same, same, won) == ("+0.0 (95% +0.0 to +0.0: games lost by the ban 0,"
                                       " won 0)")
    # Ten games lost by the ban and two won, out of a hundred: -8 points, an interval
    # that excludes 0, and the counts behind it.
    without = list(same)
    for i in range(0, 20, 2):
        without[i] = "protracted_crisis"
    without[1] = without[3] = "junta_holds"
    text = paired(same, without, won)
    assert text.startswith("-8.0 (95% -") and "games lost by the ban 10, won 2" in text
    low, high = (float(x) for x in text.split("95% ")[1].split(":")[0].split(" to "))
    assert low < -8.0 < high < 0


def test_it_runs_on_another_scenario_and_counts_its_wins() -> None:
    done = subprocess.run([sys.executable, str(SCRIPT), "--scenario", "tutorial", "--games",
                           "2", "--budget", "4", "--kinds", "escort"],
                          capture_output=True, text=True, timeout=300, check=True)
    lines = done.stdout.splitlines()
    assert lines[0].startswith("tutorial: planner, budget 4, 2 games from seed 1:")
    usage = {line.split()[0]: line.split()[1:] for line in lines[2:7]}
    assert sorted(usage) == ["airstrike", "escort", "info-campaign", "patrol", "reinforce"]
    assert all(count.isdigit() and share.endswith("%") for count, share in usage.values())
    assert "road_kept_open (change, paired)" in done.stdout
    banned = next(line for line in lines if line.startswith("escort ") and "lost" in line)
    assert banned.startswith("escort          0.0%")


def test_a_scenario_that_does_not_load_is_refused_with_its_place(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("meta: [\n")
    done = subprocess.run([sys.executable, str(SCRIPT), "--scenario", str(broken)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.startswith(f"{broken}:")


def test_the_ban_trace_plays_each_seed_both_ways() -> None:
    script = ROOT / "benchmarks" / "planner_ban_trace.py"
    done = subprocess.run([sys.executable, str(script), "--scenario", "tutorial", "--kind",
                           "escort", "--seeds", "1-2", "--budget", "4"],
                          capture_output=True, text=True, timeout=300, check=True)
    lines = done.stdout.splitlines()
    heads = [line for line in lines if line.startswith("seed ")]
    assert [h.split(":")[0] for h in heads] == ["seed 1", "seed 2"]
    # Without escorts the tutorial's road is never kept open, and none is ever given.
    assert all("banned road_bleeding" in h for h in heads)
    assert lines[-1].startswith("mean without treasury ")
    assert sum(line.startswith("  end with ") for line in lines) == 2


def test_a_saved_run_is_compared_game_by_game_and_a_mismatched_one_refused(
        tmp_path: Path) -> None:
    """--save keeps each seed's outcome; --against reads them back and reads the change
    of planner like a ban. A file of other games (here: another budget) is refused."""
    saved = tmp_path / "before.json"
    common = [sys.executable, str(SCRIPT), "--scenario", "tutorial", "--games", "2",
              "--usage-only"]
    subprocess.run([*common, "--budget", "4", "--save", str(saved)],
                   capture_output=True, text=True, timeout=300, check=True)
    outcomes = json.loads(saved.read_text(encoding="utf-8"))
    assert outcomes["scenario"] == "tutorial" and outcomes["budget"] == 4
    assert len(outcomes["outcomes"]) == 2
    # Pretend the former planner had the first game the other way.
    first = outcomes["outcomes"][0]
    outcomes["outcomes"][0] = "road_bleeding" if first == "road_kept_open" else "road_kept_open"
    saved.write_text(json.dumps(outcomes), encoding="utf-8")
    done = subprocess.run([*common, "--budget", "4", "--against", str(saved)],
                          capture_output=True, text=True, timeout=300, check=True)
    line = next(x for x in done.stdout.splitlines() if x.startswith("against "))
    expected = ("lost by the change 0, won 1" if first == "road_kept_open"
                else "lost by the change 1, won 0")
    assert expected in line
    refused = subprocess.run([*common, "--budget", "5", "--against", str(saved)],
                             capture_output=True, text=True, timeout=60)
    assert refused.returncode == 2 and "Traceback" not in refused.stderr
    assert "at budget 4, not 2 of tutorial from seed 1 at budget 5" in refused.stderr
