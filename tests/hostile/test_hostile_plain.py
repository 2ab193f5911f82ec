"""Plain mode takes any input: random lines, orders with wrong arguments, commands with
garbage, control characters, 1 MB lines and invalid UTF-8 on standard input. Nothing
raises, nothing unsafe is printed, and the game is not lost: the autosave loads and
verifies afterwards."""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wargame.engine import ORDER_KINDS, Scenario
from wargame.engine.safetext import find_unsafe
from wargame.plain import MAX_LINE_CHARS, play_plain
from wargame.saves import load_save, read_scenario
from wargame.saves.commands import verify_save

TUTORIAL = Path(__file__).resolve().parents[2] / "scenarios" / "tutorial.yaml"


@cache
def tutorial() -> tuple[Scenario, str]:
    return read_scenario(TUTORIAL)


def _ids() -> list[str]:
    sc = tutorial()[0]
    return [*sc.towns, *sc.routes, *sc.regions, *sc.corridors, "light", "heavy"]


NASTY = st.sampled_from(["\x1b[2J", "\x1b]52;c;aGk=\x07", "\x9b", "\u202e", "\x00", "\r",
                         "\x7f", "\ufffd", "é", "—", "😀"])
WORD = st.text(min_size=1, max_size=12).filter(lambda w: not w.isspace()) | NASTY
ORDER_LIKE = st.builds(lambda kind, args: " ".join([kind, *args]),
                       st.sampled_from(sorted(ORDER_KINDS)),
                       st.lists(st.sampled_from(_ids()) | WORD, max_size=4))
COMMAND = st.builds(lambda cmd, rest: f"{cmd} {rest}".strip(),
                    st.sampled_from(["help", "status", "map", "orders", "undo", "reason",
                                     "end", "save", "HELP", "Save", "reason  ", "end\t"]),
                    st.text(max_size=30) | NASTY)
LINE = (ORDER_LIKE | COMMAND | st.text(max_size=40)).map(
    lambda s: s.replace("\n", " ").encode("utf-8", "surrogatepass"))
RAW_LINE = st.binary(max_size=40).map(lambda b: b.replace(b"\n", b" "))  # invalid UTF-8


def _play(data: bytes, saves: Path) -> str:
    out = io.StringIO()
    source = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")  # strict, as sys.stdin
    scenario, text = tutorial()
    assert play_plain(scenario, seed=3, saves_dir=str(saves), stdin=source, stdout=out,
                      scenario_text=text) == 0
    return out.getvalue()


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(lines=st.lists(LINE | RAW_LINE | st.just(b"end"), min_size=1, max_size=25))
def test_any_input_is_answered_and_the_game_kept(lines: list[bytes],
                                                 tmp_path_factory: pytest.TempPathFactory
                                                 ) -> None:
    saves = tmp_path_factory.mktemp("plain")
    shown = _play(b"\n".join(lines) + b"\n", saves)
    assert find_unsafe(shown) is None, shown[-2000:]
    autosave = saves / "autosave-1.json"
    if "--- Report of turn 1 ---" in shown:
        ok, verdict = verify_save(autosave)
        assert ok, verdict
        assert load_save(autosave).game.records
    for saved in saves.glob("*.json"):  # `save NAME` with whatever name was typed
        assert load_save(saved).game is not None


def test_a_megabyte_line_is_skipped_without_being_held(tmp_path: Path) -> None:
    shown = _play(b"escort dakar " + b"x" * 1_000_000 + b"\nstatus\n" + b"y" * 3_000_000,
                  tmp_path)
    assert shown.count(f"Line too long (more than {MAX_LINE_CHARS} characters): ignored.") == 2
    assert "Bamako fuel:" in shown  # the line after it was read and answered


def test_invalid_utf8_becomes_replacement_characters(tmp_path: Path) -> None:
    shown = _play(b"reason caf\xe9 \xff\xfe\nreason\nescort \xc3\x28 heavy\nquit\n", tmp_path)
    assert "Reason for turn 1: caf\ufffd \ufffd\ufffd" in shown
    assert "Not possible:" in shown


def test_a_reason_with_control_characters_is_stored_clean(tmp_path: Path) -> None:
    shown = _play("reason \x1b[2Jescort \u202efirst\x9b\nend\nquit\n".encode(), tmp_path)
    assert find_unsafe(shown) is None
    record = load_save(tmp_path / "autosave-1.json").game.records[0]
    assert record.reason == "[2Jescort first"
