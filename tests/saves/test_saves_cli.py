"""The saves from the command line: the plain game's `save`, `reason`, `end TEXT` and
autosave; `play --load` (continue, branch, autosave fallback); clean errors."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from wargame.cli import main
from wargame.saves import load_save, read_header

ROOT = Path(__file__).resolve().parents[2]


def play(argv: list[str], script: str, monkeypatch: pytest.MonkeyPatch,
         capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(script))
    code = main(["play", "--plain", *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def header_turn(path: Path) -> int:
    return int(json.loads(path.read_bytes().split(b"\n")[0])["turn"])


def test_plain_reason_end_text_save_and_autosave(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    script = ("reason\nescort dakar heavy\nreason Keep the Senegal road open\nreason\nend\n"
              "ration\nend Save fuel before anything else\n"
              "escort abidjan light\nreason Half-written thought\nsave ../Team A\nquit\nend\n")
    code, out, _ = play(["--seed", "3", "--saves-dir", str(tmp_path)], script, monkeypatch,
                        capsys)
    assert code == 0
    assert "No reason given for this turn yet" in out
    assert "Reason for turn 1: Keep the Senegal road open" in out
    saved = tmp_path / "Team-A.json"
    assert f"Saved: {saved}" in out
    assert "Turn 4 of 26" not in out  # `quit` left at once
    loaded = load_save(saved)
    assert [r.reason for r in loaded.game.records] == ["Keep the Senegal road open",
                                                       "Save fuel before anything else"]
    assert [str(o) for o in loaded.game.state.queued("junta")] == ["escort abidjan light"]
    assert loaded.pending_reason == "Half-written thought"
    assert loaded.header["sides"] == {"junta": "player", "insurgency": "doctrine"}
    # the insurgency is the doctrine bot, its rationales are kept
    assert all(k.startswith("insurgency ") for k in loaded.game.records[0].rationales)
    assert loaded.game.records[0].rationales
    # an autosave after every turn
    assert sorted(p.name for p in tmp_path.glob("autosave-*.json")) == [
        "autosave-1.json", "autosave-2.json"]
    assert header_turn(tmp_path / "autosave-1.json") == 3
    # the report shows the reasons
    assert main(["report", str(saved)]) == 0
    assert "“Save fuel before anything else”" in capsys.readouterr().out


def test_load_continues_with_queued_orders_and_reason(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    play(["--saves-dir", str(tmp_path)], "ration\nreason Rationing first\nsave mid\n",
         monkeypatch, capsys)
    code, out, _ = play(["--load", "mid", "--saves-dir", str(tmp_path)],
                        "status\nend\nsave after\n", monkeypatch, capsys)
    assert code == 0
    assert "Loaded " in out and "Queued orders (1): ration" in out
    after = load_save(tmp_path / "after.json")
    assert after.game.records[0].orders["junta"] == ["ration"]
    assert after.game.records[0].reason == "Rationing first"
    assert after.parent is None


def test_branch_from_a_turn_records_its_parent(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    play(["--saves-dir", str(tmp_path)], "end One\nend Two\nend Three\nsave base\n",
         monkeypatch, capsys)
    code, out, _ = play(["--load", str(tmp_path / "base.json"), "--turn", "2",
                         "--saves-dir", str(tmp_path)], "end Other\nsave what-if\n",
                        monkeypatch, capsys)
    assert code == 0 and "Branched from" in out and "Turn 2 of 26" in out
    branch = load_save(tmp_path / "what-if.json")
    assert branch.header["parent"] == {"save": "base.json", "turn": 2}
    assert [r.reason for r in branch.game.records] == ["One", "Other"]
    assert read_header(tmp_path / "autosave-1.json")["parent"] == {"save": "base.json",
                                                                   "turn": 2}
    for bad in ("0", "5"):
        code, _, err = play(["--load", "base", "--turn", bad, "--saves-dir", str(tmp_path)],
                            "", monkeypatch, capsys)
        assert code == 1 and "choose a turn from 1 to 4" in err
    code, _, err = play(["--turn", "2", "--saves-dir", str(tmp_path)], "", monkeypatch, capsys)
    assert code == 1 and "--turn needs --load" in err


def test_load_autosave_skips_a_damaged_newest_one(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    play(["--saves-dir", str(tmp_path)], "end\nend\nend\n", monkeypatch, capsys)
    newest = tmp_path / "autosave-1.json"
    damaged = newest.read_bytes()[:-40]
    newest.write_bytes(damaged)
    # named explicitly: refused, and the newest good autosave is offered
    code, _, err = play(["--load", str(newest), "--saves-dir", str(tmp_path)], "",
                        monkeypatch, capsys)
    assert code == 1
    assert "truncated" in err
    assert f"The newest good autosave is {tmp_path / 'autosave-2.json'} (turn 3" in err
    # `--load autosave` takes the newest good one, saying what it skipped
    code, out, _ = play(["--load", "autosave", "--saves-dir", str(tmp_path)], "status\n",
                        monkeypatch, capsys)
    assert code == 0
    assert "Skipped a damaged autosave" in out and "Turn 3 of 26" in out
    assert newest.read_bytes() == damaged  # nothing is lost or overwritten by loading


def test_save_after_game_over_and_errors(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = play(["--seed", "2", "--saves-dir", str(tmp_path)],
                        "end\n" * 30 + "ration\nsave finished\nsave\nsave ***\n",
                        monkeypatch, capsys)
    assert code == 0 and "GAME OVER" in out
    assert "The game is over. Type 'save NAME'" in out
    assert "Usage: save NAME" in out and "Not saved: '***' is not a usable save name" in out
    finished = load_save(tmp_path / "finished.json")
    assert finished.game.over and finished.header["outcome"]["id"] == finished.game.state.outcome
    code, out, _ = play(["--load", "finished", "--saves-dir", str(tmp_path)], "end\n",
                        monkeypatch, capsys)
    assert code == 0 and "GAME OVER" in out and "The game is over" in out
    code, _, err = play(["--load", "missing", "--saves-dir", str(tmp_path)], "",
                        monkeypatch, capsys)
    assert code == 1 and err.startswith("wargame: no save 'missing'")


def test_end_to_end_in_a_subprocess(tmp_path: Path) -> None:
    """The whole chain from the real command line, with WARGAME_SAVES."""
    env = {"WARGAME_SAVES": str(tmp_path / "s"), "PATH": "/usr/bin:/bin"}

    def run(*argv: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "wargame", *argv], input=stdin,
                              capture_output=True, text=True, timeout=120, cwd=tmp_path,
                              env=env)

    done = run("play", "--plain", stdin="escort dakar heavy\nend Convoys\nsave run\n")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "s" / "run.json").exists()
    done = run("replay", "run", "--verify")
    assert done.returncode == 0 and "verified: 1 turn replayed" in done.stdout
    done = run("report", "run", "--format", "html", "-o", "run.html")
    assert done.returncode == 0 and "<svg" in (tmp_path / "run.html").read_text()
    done = run("compare", "run", "handout-week6")
    assert done.returncode == 0 and "They diverge at turn 1" in done.stdout
    assert "different seeds" in done.stdout
    done = run("report", "nowhere")
    assert done.returncode == 1 and done.stderr.startswith("wargame: no save 'nowhere'")
    assert "Traceback" not in done.stderr
