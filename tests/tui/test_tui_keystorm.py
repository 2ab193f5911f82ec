"""A storm of seeded keys on the board and on every dialog, typed faster than the app
settles (as a player mashing keys does): no exception, never an empty screen stack, text
inputs that never hold a control character, and no lost game: every save and autosave
written during the storm loads and verifies afterwards."""

from __future__ import annotations

import asyncio
import contextlib
import random
from functools import cache
from pathlib import Path
from typing import Any

from textual import events
from textual.widgets import Input
from textual.worker import WorkerCancelled
from tui_helpers import ROOT, settle, sync

from wargame.ai.bots import play_side, rationales
from wargame.engine import Scenario
from wargame.engine.game import Game
from wargame.engine.safetext import find_unsafe
from wargame.saves import read_scenario
from wargame.saves.commands import verify_save
from wargame.tui.app import WargameApp
from wargame.tui.screens.board import BoardScreen
from wargame.tui.screens.dialogs import TextInput
from wargame.tui.screens.title import TitleScreen

TUTORIAL = ROOT / "scenarios" / "tutorial.yaml"

# Every key the app binds somewhere, and keys it does not. Left out: `q` and `d` (they
# quit, which would end the storm; leaving is tested in test_tui_app.py) and `ctrl+p`:
# Textual's own command palette raises KeyError on PageUp/PageDown before its list is
# laid out (OptionList._move_page, Textual 8.2), which is not the game's to fix.
KEYS = ["up", "down", "left", "right", "shift+left", "shift+right", "shift+up", "tab",
        "shift+tab", "enter", "escape", "space", "backspace", "delete", "home", "end",
        "pageup", "pagedown", "e", "u", "s", "l", "w", "o", "m", "t", "a", "g", "n", "c",
        "x", "y", "z", "1", "2", "plus", "minus", "question_mark", "f1", "ctrl+a",
        "ctrl+e", "ctrl+k", "ctrl+u", "ctrl+w", "ctrl+z", "ctrl+l", "G"]
TYPED = list("abcdefhijkprvé—_-./[]@$ ")  # what goes into text inputs
NASTY_PASTES = ["\x1b[2J", "name\x1b]52;c;aGk=\x07", "\u202eevil", "\x9b31m", "a\nb\rc",
                "\x00\x7f", "[bold]x[/]", "[@click=app.quit]q[/]"]


@cache
def tutorial() -> tuple[Scenario, str]:
    return read_scenario(TUTORIAL)


def before_last_turn() -> Game:
    """A tutorial game one turn before its end."""
    sc = tutorial()[0]
    game = Game.new(sc, 4)
    while game.state.turn < sc.turns:
        made = play_side(game.state, "insurgency", "doctrine")
        game.end_turn(None, rationales(made))
    return game


def make(tmp_path: Path, *, title: bool = False, **kwargs: Any) -> WargameApp:
    """The app on the tutorial's board (or on `game`, or on the title screen)."""
    if not title and "game" not in kwargs:
        kwargs.update(scenario=tutorial()[0], scenario_path=TUTORIAL)
    return WargameApp(saves_dir=tmp_path / "saves", seed=3, **kwargs)


SEEN: dict[int, set[str]] = {}  # app -> the screens the storm's keys reached


async def storm(pilot: Any, rng: random.Random, count: int, *, typing: float = 0.0) -> None:
    """`count` keys sent as fast as the app takes them, settling every few dozen only;
    `typing` is the share of characters meant for text inputs; now and then a paste
    of hostile text into whatever input has the focus."""
    app = pilot.app
    for i in range(count):
        if leaving(app):
            return
        if isinstance(app.focused, Input) and rng.random() < 0.03:
            app.focused.post_message(events.Paste(rng.choice(NASTY_PASTES)))
        key = rng.choice(TYPED) if rng.random() < typing else rng.choice(KEYS)
        char = key if len(key) == 1 else None
        event = events.Key(key if len(key) == 1 and key.isalnum() else _name(key), char)
        event.set_sender(app)
        app._driver.send_message(event)
        await asyncio.sleep(0)
        if i % 40 == 39:  # bursts of 40 keys, each handled in full before the next
            await drain(pilot)
            _check_inputs(app)
        if not leaving(app):
            SEEN.setdefault(id(app), set()).add(type(app.screen).__name__)
    await drain(pilot)
    _check_inputs(app)


def _queued(app: WargameApp) -> int:
    nodes = [app, *(n for screen in app.screen_stack for n in [screen, *screen.walk_children()])]
    return sum(node._message_queue.qsize() for node in nodes)


async def _settle(pilot: Any) -> None:
    """`settle`, where keys may have cancelled an exclusive worker (a newer briefing or
    panel refresh replaces the older one): those are waited for no longer."""
    for worker in list(pilot.app.workers):
        with contextlib.suppress(WorkerCancelled):
            await worker.wait()
    await pilot.pause(0.02)


async def drain(pilot: Any) -> None:
    """Wait until every key sent has been handled, by the app and by every screen and
    widget it reached (and the workers they started)."""
    app = pilot.app
    for _ in range(400):
        await _settle(pilot)
        if leaving(app) or _queued(app) == 0:
            return
    raise AssertionError(f"{_queued(app)} messages still queued")


def leaving(app: WargameApp) -> bool:
    """Whether the app quit (the command palette's "Quit", or a dialog's): a terminal
    sends no more keys then."""
    return not app.is_running or app._exit or not app.screen_stack


def _name(key: str) -> str:
    from textual.keys import _character_to_key

    return _character_to_key(key) if len(key) == 1 else key


def _check_inputs(app: WargameApp) -> None:
    """The game's own text inputs (save name, reason) never hold an unsafe character,
    whatever was typed or pasted. (The command palette's input is Textual's.)"""
    if leaving(app):
        return
    for widget in app.screen.query(TextInput):
        assert find_unsafe(widget.value, multiline=False) is None, repr(widget.value)


async def back_to_board(pilot: Any) -> None:
    app = pilot.app
    while len(app.screen_stack) > 2:
        app.pop_screen()
        await pilot.pause()


def assert_nothing_lost(app: WargameApp, folder: Path) -> None:
    assert app._exception is None
    if not leaving(app):  # never the empty default screen with no way back
        assert any(isinstance(s, BoardScreen | TitleScreen) for s in app.screen_stack), \
            app.screen_stack
    for save in sorted(folder.glob("*.json")):
        if save.name.startswith("planted-"):
            continue
        ok, verdict = verify_save(save)
        assert ok, verdict
    session = app.session
    autosave = folder / "autosave-1.json"
    if session is not None and session.game.records and autosave.exists():
        ok, verdict = verify_save(autosave)
        assert ok, verdict


async def _open(pilot: Any, *keys: str) -> None:
    await pilot.press(*keys)
    await settle(pilot)


@sync
async def test_key_storm_on_the_board_and_every_dialog(tmp_path: Path) -> None:
    rng = random.Random(1)
    app = make(tmp_path)
    folder = tmp_path / "saves"
    folder.mkdir()
    (folder / "planted-damaged.json").write_bytes(b'{"format": "wargame-save"}\n')
    (folder / "planted-[bold]\x1b[2Jname.json").write_bytes(b"not a save\n")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        surfaces: list[tuple[tuple[str, ...], int, float]] = [
            ((), 300, 0.0),                      # the board
            (("s",), 200, 0.7),                  # save dialog
            (("w",), 200, 0.8),                  # the turn's reason
            (("l",), 150, 0.2),                  # load dialog
            (("question_mark",), 100, 0.0),      # help
            (("e",), 150, 0.0),                  # end of turn: the report
            (("a",), 100, 0.0),                  # after-action review
        ]
        for keys, count, typing in surfaces:
            if leaving(app):
                break
            await back_to_board(pilot)
            if keys:
                await _open(pilot, *keys)
            await storm(pilot, rng, count, typing=typing)
        # A terminal too small, then big again, mid-storm.
        if not leaving(app):
            await pilot.resize_terminal(60, 20)
            await storm(pilot, rng, 80)
            await pilot.resize_terminal(80, 24)
            await storm(pilot, rng, 40)
        # The quit dialog: played turns make it ask (`d` is not in the storm).
        if not leaving(app) and app.session is not None and app.session.dirty:
            await back_to_board(pilot)
            await _open(pilot, "q")
            await storm(pilot, rng, 80)
        await settle(pilot)
        assert_nothing_lost(app, folder)
    assert app.return_code in (None, 0)
    assert {"BoardScreen", "SaveScreen", "ReasonScreen", "LoadScreen", "HelpScreen",
            "ReportScreen", "AfterActionScreen", "TooSmallScreen", "QuitScreen"
            } <= SEEN[id(app)]


@sync
async def test_key_storm_with_two_players_and_at_the_end_of_the_game(tmp_path: Path) -> None:
    rng = random.Random(3)
    folder = tmp_path / "saves"
    app = make(tmp_path, game=before_last_turn(), insurgent="human")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await storm(pilot, rng, 100, typing=0.1)
        await back_to_board(pilot)
        await _open(pilot, "e")                   # the junta is done: hand over
        await storm(pilot, rng, 100, typing=0.1)
        for _ in range(8):  # play the last turn out, then a storm on the game-over screen
            shown = type(app.screen).__name__
            if leaving(app) or shown == "GameOverScreen":
                break
            await _open(pilot, {"BoardScreen": "e", "HandOverScreen": "enter",
                                "ReportScreen": "enter"}.get(shown, "escape"))
        await storm(pilot, rng, 100, typing=0.1)
        assert_nothing_lost(app, folder)
    assert app.return_code in (None, 0)
    assert {"HandOverScreen", "GameOverScreen"} <= SEEN[id(app)]


@sync
async def test_key_storm_on_the_title_screen(tmp_path: Path) -> None:
    rng = random.Random(4)
    app = make(tmp_path, title=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, TitleScreen)
        await storm(pilot, rng, 250, typing=0.1)
        assert_nothing_lost(app, tmp_path / "saves")
    assert app.return_code in (None, 0)
    assert {"TitleScreen", "BoardScreen"} <= SEEN[id(app)]  # Enter starts a game
