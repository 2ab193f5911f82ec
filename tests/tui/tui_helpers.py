"""Shared helpers of the TUI tests (imported by the test_tui_* modules)."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable, Coroutine
from functools import cache
from pathlib import Path
from typing import Any

from wargame.ai.bots import play_side, rationales
from wargame.engine import Scenario
from wargame.engine.game import Game
from wargame.scenario.load import load_scenario
from wargame.tui.app import WargameApp

ROOT = Path(__file__).resolve().parents[2]
MAIN = ROOT / "scenarios" / "bamako-blockade-2025.yaml"


@cache
def scenario() -> Scenario:
    return load_scenario(MAIN)


def make_app(tmp_path: Path, **kwargs: Any) -> WargameApp:
    """The board of the main scenario, seed 3, saves in a temporary folder."""
    kwargs.setdefault("seed", 3)
    if "game" not in kwargs:
        kwargs.setdefault("scenario", scenario())
        kwargs.setdefault("scenario_path", MAIN)
    return WargameApp(saves_dir=tmp_path / "saves", **kwargs)


def game_before_last_turn(seed: int = 2) -> Game:
    """A game one turn before its end: the bots (a passive junta against the doctrine)
    play it out, then it is replayed up to the start of its last turn. Ending that turn
    in the interface, with no junta order, ends the game the same way (the bots draw from
    a stream fixed by seed, turn and side)."""
    sc = scenario()
    game = Game.new(sc, seed)
    while not game.over:
        decisions = play_side(game.state, "insurgency", "doctrine", "standard")
        game.end_turn(None, rationales(decisions))
    last = game.records[-1].turn
    return Game.replay(sc, seed, game.records, upto=last)


def text_of(widget: Any) -> str:
    """What a Static-like widget shows, as plain text."""
    return str(widget.render())


async def settle(pilot: Any) -> None:
    """Wait for workers (the insurgency's turn) and the panels' short debounce."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause(0.06)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def sync(test: Callable[..., Coroutine[Any, Any, None]]) -> Callable[..., None]:
    """Run an async test with asyncio.run (the suite has no async plugin)."""

    @functools.wraps(test)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        asyncio.run(test(*args, **kwargs))

    return wrapper


async def to_the_report(pilot: Any) -> None:
    """Give the first order of the list, end the turn: the turn report is on show."""
    await settle(pilot)
    await pilot.press("o", "enter")
    await settle(pilot)
    pilot.app.clear_notifications()
    await pilot.press("e")
    await settle(pilot)


async def to_the_end(pilot: Any) -> None:
    """End the last turn and leave its report: the game-over screen is on show."""
    await settle(pilot)
    await pilot.press("e")
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
