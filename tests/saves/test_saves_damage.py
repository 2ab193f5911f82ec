"""Nothing may lose a game: damaged, truncated and tampered saves are refused with a
message and leave every file as it was; interrupted writes keep the old save."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from wargame.cli import main
from wargame.engine import Scenario
from wargame.engine.game import Game
from wargame.saves import (
    SaveError,
    autosave,
    load_save,
    newest_good_autosave,
    save_game,
    scan_autosaves,
)
from wargame.saves import store as store_module
from wargame.saves.format import canonical, decode, sha256
from wargame.saves.store import TMP_SUFFIX

ROOT = Path(__file__).resolve().parents[2]
Player = Callable[..., Game]


@pytest.fixture(scope="module")
def save_bytes(main_scenario: tuple[Scenario, str], whole_game: Game) -> bytes:
    from wargame.saves.format import document, encode

    return encode(document(whole_game, main_scenario[1], note="damage test"))


def test_truncated_at_any_byte_is_refused(save_bytes: bytes) -> None:
    decode(save_bytes)  # the whole file is fine
    messages = set()
    for cut in range(len(save_bytes)):
        with pytest.raises(SaveError) as exc:
            decode(save_bytes[:cut])
        messages.add(str(exc.value).split(":")[0])
    assert messages <= {"the file is empty", "the file is truncated",
                        "the file is damaged or was edited", "the file is damaged",
                        "not a wargame save file"}


def test_random_single_byte_changes_are_refused(save_bytes: bytes) -> None:
    rng = random.Random(20251106)
    head = save_bytes.index(b"\n")
    positions = [rng.randrange(len(save_bytes)) for _ in range(1500)]
    positions += list(range(head + 2)) + [len(save_bytes) - 1]  # every header byte too
    for at in positions:
        value = rng.choice([b for b in range(256) if b != save_bytes[at]])
        changed = save_bytes[:at] + bytes([value]) + save_bytes[at + 1:]
        with pytest.raises(SaveError) as exc:
            decode(changed)
        assert str(exc.value), at


def _autosaves(tmp_path: Path, main_scenario: tuple[Scenario, str], player: Player,
               turns: int = 4) -> tuple[Path, Game]:
    scenario, text = main_scenario
    folder = tmp_path / "saves"
    game = Game.new(scenario, 21)
    for _ in range(turns):
        player(scenario, 21, 1, game=game)
        autosave(game, folder, scenario_text=text)
    return folder, game


def test_damaged_newest_autosave_falls_back_and_loses_nothing(
        tmp_path: Path, main_scenario: tuple[Scenario, str], player: Player) -> None:
    folder, game = _autosaves(tmp_path, main_scenario, player)
    newest = folder / "autosave-1.json"
    good = newest.read_bytes()
    second = (folder / "autosave-2.json").read_bytes()
    rng = random.Random(7)
    for cut in [0, 1, 50, good.index(b"\n"), good.index(b"\n") + 1, len(good) // 2,
                len(good) - 2, len(good) - 1, *(rng.randrange(len(good)) for _ in range(6))]:
        newest.write_bytes(good[:cut])
        with pytest.raises(SaveError) as exc:
            load_save(newest)
        assert "autosave-1.json" in str(exc.value)
        assert newest.read_bytes() == good[:cut]           # the damaged file is left alone
        assert (folder / "autosave-2.json").read_bytes() == second
        assert newest_good_autosave(folder) == folder / "autosave-2.json"
        loaded, skipped = scan_autosaves(folder)
        assert loaded is not None and loaded.game.state.turn == game.state.turn - 1
        assert [p for p, _ in skipped] == [newest]


def test_autosave_rotation_keeps_the_last_five(
        tmp_path: Path, main_scenario: tuple[Scenario, str], player: Player) -> None:
    folder, game = _autosaves(tmp_path, main_scenario, player, turns=7)
    names = sorted(p.name for p in folder.iterdir())
    assert names == [f"autosave-{i}.json" for i in range(1, 6)]
    turns = [json.loads((folder / n).read_bytes().split(b"\n")[0])["turn"] for n in names]
    assert turns == [game.state.turn - i for i in range(5)]


def test_interrupted_write_keeps_the_old_save_and_no_temporary_file(
        tmp_path: Path, main_scenario: tuple[Scenario, str], player: Player,
        monkeypatch: pytest.MonkeyPatch) -> None:
    scenario, text = main_scenario
    game = player(scenario, 4, 2)
    path = save_game(game, tmp_path / "team.json", scenario_text=text)
    before = path.read_bytes()
    player(scenario, 4, 1, game=game)

    def fail(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store_module.os, "replace", fail)
    with pytest.raises(SaveError, match="No space left"):
        save_game(game, path, scenario_text=text)
    with pytest.raises(SaveError, match="No space left"):
        autosave(game, tmp_path, scenario_text=text)
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert load_save(path).game.state.turn == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == ["team.json"]


def test_crash_between_temporary_file_and_replace(
        tmp_path: Path, main_scenario: tuple[Scenario, str], player: Player) -> None:
    """A process killed after writing the temporary file: the old save is whole, and the
    stale temporary file is cleaned up by the next save."""
    scenario, text = main_scenario
    path = save_game(player(scenario, 4, 1), tmp_path / "team.json", scenario_text=text)
    before = path.read_bytes()
    child = f"""
import os, sys
from pathlib import Path
from wargame.saves import store, load_save
loaded = load_save(Path({str(path)!r}))
os.replace = lambda *a: os._exit(9)     # the power goes out right before the rename
store.save_game(loaded.game, Path({str(path)!r}), note="never written",
                scenario_text=loaded.scenario_text)
"""
    done = subprocess.run([sys.executable, "-c", child], capture_output=True, timeout=60)
    assert done.returncode == 9, done.stderr
    assert path.read_bytes() == before
    leftovers = list(tmp_path.glob(f".*{TMP_SUFFIX}"))
    assert len(leftovers) == 1
    old = time.time() - 3600
    os.utime(leftovers[0], (old, old))
    save_game(load_save(path).game, tmp_path / "other.json", scenario_text=text)
    assert not list(tmp_path.glob(f".*{TMP_SUFFIX}"))


def _retamper(raw: bytes, turn: int, order: str, *, recompute: bool) -> bytes:
    head, body_line, _ = raw.split(b"\n")
    header, body = json.loads(head), json.loads(body_line)
    orders = body["records"][turn - 1]["orders"]["junta"]
    orders[0:1] = [order]
    new_body = canonical(body)
    if recompute:  # a careful forger recomputes every checksum
        header["body_size"] = len(new_body)
        header["body_sha256"] = sha256(new_body)
        del header["header_sha256"]
        header["header_sha256"] = sha256(canonical(header))
    return canonical(header) + b"\n" + new_body + b"\n"


@pytest.mark.parametrize("recompute", [True, False])
def test_replay_verify_finds_a_tampered_order_on_its_turn(
        tmp_path: Path, main_scenario: tuple[Scenario, str], player: Player,
        capsys: pytest.CaptureFixture[str], recompute: bool) -> None:
    scenario, text = main_scenario
    game = player(scenario, 8, 8)
    path = save_game(game, tmp_path / "run.json", scenario_text=text)
    assert main(["replay", str(path), "--verify"]) == 0
    assert "verified: 8 turns" in capsys.readouterr().out
    turn = 5
    original = game.records[turn - 1].orders["junta"]
    replacement = "ration" if "ration" not in original else "close-schools"
    path.write_bytes(_retamper(path.read_bytes(), turn, replacement, recompute=recompute))
    assert main(["replay", str(path), "--verify"]) == 1
    out = capsys.readouterr().out
    assert f"diverges at turn {turn}:" in out, out
    with pytest.raises(SaveError) as exc:
        load_save(path)
    expected = f"turn {turn}" if recompute else "the body checksum does not match"
    assert expected in str(exc.value)


def test_cli_refuses_damaged_saves_with_one_line_and_exit_1(
        tmp_path: Path, main_scenario: tuple[Scenario, str], player: Player) -> None:
    """From the command line: no traceback, exit 1, one clear line."""
    scenario, text = main_scenario
    path = save_game(player(scenario, 2, 2), tmp_path / "run.json", scenario_text=text)
    raw = path.read_bytes()
    path.write_bytes(raw[: len(raw) // 2])
    for argv in (["replay", str(path), "--verify"], ["report", str(path)],
                 ["play", "--plain", "--load", str(path), "--saves-dir", str(tmp_path)]):
        done = subprocess.run([sys.executable, "-m", "wargame", *argv], capture_output=True,
                              text=True, timeout=60, cwd=tmp_path, input="")
        assert done.returncode == 1, (argv, done.stdout, done.stderr)
        assert "Traceback" not in done.stderr
        assert "truncated" in done.stderr + done.stdout
    assert path.read_bytes() == raw[: len(raw) // 2]
