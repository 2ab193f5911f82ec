"""Random key sequences through the real app never crash it."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from tui_helpers import make_app, settle, sync

KEYS = ["up", "down", "left", "right", "shift+left", "shift+down", "tab", "shift+tab",
        "enter", "escape", "space", "e", "u", "o", "m", "r", "c", "t", "a", "w", "x",
        "delete", "plus", "minus", "question_mark", "f1", "s", "l", "1", "z", "ctrl+p"]


@pytest.mark.parametrize("seed", [1, 2, 3])
@sync
async def test_random_keys_never_crash(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    app = make_app(tmp_path, seed=seed, insurgent="human" if seed == 3 else "ai")
    async with app.run_test(size=(rng.choice([80, 100, 130]), rng.choice([24, 30, 40]))) as pilot:
        await settle(pilot)
        for _ in range(45):
            await pilot.press(rng.choice(KEYS))
            if rng.random() < 0.1:
                await settle(pilot)
        await settle(pilot)
        assert app.is_running
        # Back to the board and end a turn: the game still works.
        while len(app.screen_stack) > 2:
            app.pop_screen()
            await pilot.pause()
        assert app.session is not None
    assert app.return_code in (None, 0)
