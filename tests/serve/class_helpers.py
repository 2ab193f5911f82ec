"""Class folders for the tests: teams with games played by the bots, autosaved as
`wargame serve` writes them."""

from __future__ import annotations

import asyncio
import functools
import json
from collections.abc import Callable, Coroutine
from functools import cache
from pathlib import Path
from typing import Any

from wargame.ai.bots import play_side, rationales
from wargame.engine import Scenario
from wargame.engine.game import Game
from wargame.saves import autosave, read_scenario

ROOT = Path(__file__).resolve().parents[2]
MAIN = ROOT / "scenarios" / "bamako-blockade-2025.yaml"
SIDES = {"junta": "player", "insurgency": "doctrine"}


@cache
def main_scenario() -> tuple[Scenario, str]:
    return read_scenario(MAIN)


def played(turns: int, junta: str = "historical", seed: int = 5,
           reason: str | None = "Escort the convoys first.") -> Game:
    """A game of the main scenario, `turns` turns played by the bots, with a reason."""
    scenario, _ = main_scenario()
    game = Game.new(scenario, seed)
    for _ in range(turns):
        if game.over:
            break
        made = play_side(game.state, "junta", junta)
        made += play_side(game.state, "insurgency", "doctrine")
        game.end_turn(reason, rationales(made))
    return game


def add_team(class_dir: Path, folder: str, name: str, game: Game | None = None,
             pending_reason: str | None = None) -> Path:
    """A team folder (as `wargame serve` makes it), autosaved with `game` if given."""
    path = class_dir / folder
    path.mkdir(parents=True, exist_ok=True)
    (path / "team.json").write_text(json.dumps({"name": name, "key": name.casefold()},
                                               ensure_ascii=False), encoding="utf-8")
    if game is not None:
        save(path, game, pending_reason)
    return path


def save(folder: Path, game: Game, pending_reason: str | None = None) -> Path:
    _, text = main_scenario()
    return autosave(game, folder, sides=SIDES, scenario_text=text,
                    pending_reason=pending_reason)


def sync(test: Callable[..., Coroutine[Any, Any, None]]) -> Callable[..., None]:
    """Run an async test with asyncio.run (the suite has no async plugin)."""

    @functools.wraps(test)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        asyncio.run(test(*args, **kwargs))

    return wrapper
