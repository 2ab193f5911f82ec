"""The shipped seminar hand-out: the main scenario at week 6, with a situation note.

It is made by `make_handout` below (seed 2025; weeks 1-5 played by the built-in
'historical' junta policy against JNIM's doctrine). When a rules change makes it stop
verifying, regenerate it with `UPDATE_GOLDEN=1 python -m pytest tests/saves` and review
the new note (see docs/save-format.md)."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

from wargame.ai.bots import play_side, rationales
from wargame.cli import main
from wargame.engine.game import Game
from wargame.saves import load_save, read_header, read_scenario, resolve_save, save_game

ROOT = Path(__file__).resolve().parents[2]
MAIN = ROOT / "scenarios" / "bamako-blockade-2025.yaml"
HANDOUT = ROOT / "saves" / "handout-week6.json"
SEED = 2025
WEEKS_PLAYED = 5
PREP_REASON = "Played by the built-in 'historical' junta policy to prepare the hand-out."


def situation_note(game: Game) -> str:
    s = game.state
    scenario = game.scenario
    held = ", ".join(scenario.towns[t].name for t in s.towns_held) or "no town"
    return (
        f"Seminar hand-out: week {s.turn} of the blockade of Bamako (from "
        f"{scenario.turn_start(s.turn).isoformat()}). Weeks 1-{s.turn - 1} were played by "
        f"the built-in 'historical' junta policy against JNIM's doctrine (seed {game.seed}).\n"
        f"Bamako has {s.fuel_days} days of fuel left and the price index stands at "
        f"{s.fuel_price}; {s.tankers_destroyed} tankers have been destroyed; JNIM holds "
        f"{held}; army cohesion is {s.cohesion}, the treasury {s.treasury} billion CFA.\n"
        "Your decision: with too few companies, do you escort the convoys, hold the "
        "garrisons or calm the capital? Give a reason for each turn's orders: the debrief "
        "compares the teams' runs and reasons.")


def make_handout(path: Path) -> Path:
    scenario, text = read_scenario(MAIN)
    game = Game.new(scenario, SEED)
    for _ in range(WEEKS_PLAYED):
        made = play_side(game.state, "junta", "historical")
        made += play_side(game.state, "insurgency", "doctrine")
        game.end_turn(PREP_REASON, rationales(made))
    return save_game(game, path, note=situation_note(game), scenario_text=text,
                     sides={"junta": "player", "insurgency": "doctrine"})


@pytest.fixture(scope="module")
def handout() -> Path:
    if os.environ.get("UPDATE_GOLDEN") == "1" or not HANDOUT.exists():
        if os.environ.get("CI") and not HANDOUT.exists():
            pytest.fail(f"missing shipped hand-out {HANDOUT}")
        make_handout(HANDOUT)
    return HANDOUT


def test_handout_header_describes_the_decision_point(handout: Path) -> None:
    header = read_header(handout)
    assert header["scenario"]["id"] == "bamako-blockade-2025"
    assert header["turn"] == WEEKS_PLAYED + 1 and header["turns_played"] == WEEKS_PLAYED
    assert header["date"] == "2025-10-06"
    assert header["outcome"] is None and header["parent"] is None
    assert header["seed"] == SEED
    assert header["note"].startswith("Seminar hand-out: week 6")
    assert header["sides"] == {"junta": "player", "insurgency": "doctrine"}


def test_handout_loads_and_verifies(handout: Path, tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    loaded = load_save(handout)
    assert loaded.game.state.turn == WEEKS_PLAYED + 1
    assert all(r.reason == PREP_REASON for r in loaded.game.records)
    assert all(r.rationales for r in loaded.game.records)
    assert loaded.save(tmp_path / "again.json").read_bytes() == handout.read_bytes()
    assert main(["replay", str(handout), "--verify"]) == 0
    assert "verified: 5 turns" in capsys.readouterr().out


def test_handout_is_found_by_name_and_its_runs_compare(
        handout: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """Two teams play on from the shipped hand-out, by name, then the debrief compares."""
    assert resolve_save("handout-week6", tmp_path).resolve() == handout.resolve()
    scripts = {"team-red": "escort dakar heavy\nend Convoys first: Bamako is dry.\n",
               "team-blue": "ration\nclose-schools\nend Cut demand before anything else.\n"}
    for team, script in scripts.items():
        monkeypatch.setattr("sys.stdin", io.StringIO(script + f"save {team}\nquit\n"))
        assert main(["play", "--plain", "--load", "handout-week6",
                     "--saves-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "Note: Seminar hand-out: week 6" in out
    red = load_save(tmp_path / "team-red.json")
    assert red.note == read_header(handout)["note"]
    assert red.game.records[-1].reason == "Convoys first: Bamako is dry."
    assert main(["compare", "team-red", "team-blue", "--saves-dir", str(tmp_path)]) == 0
    table = capsys.readouterr().out
    assert "They share turns 1–5 and diverge at turn 6 (week of 2025-10-06)." in table
    assert "“Convoys first: Bamako is dry.”" in table
    assert "“Cut demand before anything else.”" in table
    assert json.loads((tmp_path / "autosave-1.json").read_bytes().split(b"\n")[0])["turn"] == 7
