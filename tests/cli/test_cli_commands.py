"""The `wargame` command line: scenarios, simulate and its JSON, python -m, the plain game."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from wargame.cli import main
from wargame.plain import play_plain
from wargame.scenario.load import load_scenario

ROOT = Path(__file__).resolve().parents[2]
MAIN = ROOT / "scenarios" / "bamako-blockade-2025.yaml"
HISTORY_KEYS = {"turn", "date", "bamako_fuel_days", "fuel_price_index", "tankers_destroyed",
                "junta_support", "insurgent_support", "cohesion", "treasury", "attacks",
                "towns_held"}


def test_scenarios_lists_id_title_period_turns(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scenarios"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == ["ID", "TITLE", "PERIOD", "TURNS"]
    row = next(line for line in out if line.startswith("bamako-blockade-2025"))
    assert "2025-09-01" in row and row.rstrip().endswith("26")


def test_simulate_json_format_and_byte_identical(tmp_path: Path) -> None:
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    for target in (first, second):
        assert main(["simulate", "bamako-blockade-2025", "--games", "3", "--seed", "5",
                     "--json", str(target)]) == 0
    assert first.read_bytes() == second.read_bytes()
    data = json.loads(first.read_text(encoding="utf-8"))
    assert data["scenario"] == "bamako-blockade-2025"
    assert [g["seed"] for g in data["games"]] == [5, 6, 7]
    assert sum(data["summary"]["outcomes"].values()) == 3
    for game in data["games"]:
        assert game["outcome"] in {"regime_collapse", "capital_falls", "junta_holds",
                                   "protracted_crisis"}
        assert game["turns_played"] == len(game["history"]) >= 1
        for entry in game["history"]:
            assert set(entry) >= HISTORY_KEYS
            assert set(entry["junta_support"]) == set(entry["insurgent_support"])
        destroyed = [e["tankers_destroyed"] for e in game["history"]]
        assert destroyed == sorted(destroyed)  # cumulative


def test_simulate_json_to_stdout_and_passive_junta(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["simulate", "bamako-blockade-2025", "--games", "2", "--seed", "1",
                 "--junta", "passive", "--json", "-"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["junta_policy"] == "passive"
    # a passive junta gives no orders: decisions are the insurgency's alone
    for game in data["games"]:
        assert game["decisions"] > 0


def test_simulate_summary_lines(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["simulate", "bamako-blockade-2025", "--games", "2", "--seed", "3"]) == 0
    captured = capsys.readouterr()
    out = captured.out.splitlines()
    assert out[0].startswith("seed 3: ") and out[1].startswith("seed 4: ")
    # The default junta is historical (as for check-scenario), and it says so.
    assert out[2].startswith("2 games of bamako-blockade-2025: junta historical")
    assert "junta historical (the default; --junta to change it)" in captured.err
    moments = [line for line in out if line.startswith("first town lost")]
    assert moments and ("in none of the 2 games" in moments[0]
                        or re.search(r"in \d of 2 games; in those, median turn \d+(\.5)?$",
                                     moments[0])), moments
    assert any(line.startswith("tankers destroyed: median") for line in out)


def test_unknown_scenario_is_a_clean_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["simulate", "no-such-scenario", "--games", "1"]) == 1
    assert "no scenario 'no-such-scenario'" in capsys.readouterr().err


def test_python_dash_m_runs() -> None:
    done = subprocess.run([sys.executable, "-m", "wargame", "scenarios"], capture_output=True,
                          text=True, check=True, cwd=ROOT)
    assert "bamako-blockade-2025" in done.stdout


def test_plain_game_scripted_turns() -> None:
    scenario = load_scenario(MAIN)
    script = io.StringIO("help\nstatus\norders\nescort dakar heavy\nescort dakar heavy\n"
                         "nonsense order\nundo\nration\nend\nmap\nend\nquit\nstatus\n")
    out = io.StringIO()
    assert play_plain(scenario, seed=4, stdin=script, stdout=out) == 0
    text = out.getvalue()
    assert "Turn 1 of 26" in text and "Turn 2 of 26" in text and "Turn 3 of 26" in text
    assert "Queued: escort dakar heavy" in text
    assert "Not possible: escort dakar heavy: already ordered this turn" in text
    assert "Not possible: unknown order 'nonsense'" in text
    assert "Removed: escort dakar heavy" in text
    assert "--- Report of turn 1 ---" in text and "[odds " in text
    assert text.count("Bamako fuel:") == 1  # `quit` stopped before the last `status`


def test_plain_game_stops_at_end_of_input() -> None:
    done = subprocess.run([sys.executable, "-m", "wargame", "play", "--plain"],
                          input="status\nend\n", capture_output=True, text=True, timeout=60,
                          cwd=ROOT)
    assert done.returncode == 0
    assert "Turn 2 of 26" in done.stdout


def test_every_command_is_listed_and_built_alone() -> None:
    """`COMMANDS` lists every command (the parser of the one first on the line is built
    alone, issue 13), and each alone parses as in the whole parser."""
    import argparse

    from wargame.cli import COMMANDS, build_parser

    def choices(parser: argparse.ArgumentParser) -> list[str]:
        return [name for action in parser._actions
                if isinstance(action, argparse._SubParsersAction) for name in action.choices]

    assert sorted(choices(build_parser())) == sorted(COMMANDS)
    for command in COMMANDS:  # the saves' and the server's commands come as a group
        assert command in choices(build_parser(only=command))
        assert len(choices(build_parser(only=command))) <= 3
    whole = build_parser().parse_args(["play", "tutorial", "--seed", "4"])
    alone = build_parser(only="play").parse_args(["play", "tutorial", "--seed", "4"])
    assert vars(whole) == vars(alone)
