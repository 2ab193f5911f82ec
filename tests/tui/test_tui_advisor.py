"""The advisor on the board: `i` asks, the suggestion shows beside the queue, nothing is
queued unless the player presses `y`, and the request is kept in the game's record."""

from __future__ import annotations

from pathlib import Path

from tui_helpers import make_app, settle, sync, text_of

from wargame.engine import Order
from wargame.tui.screens.advisor import AdvisorScreen
from wargame.tui.screens.board import BoardScreen


@sync
async def test_advisor_suggests_and_applies_only_when_asked(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        session = app.session
        assert session is not None and isinstance(app.screen, BoardScreen)
        session.queue(Order.parse("info-campaign bamako"))
        await pilot.press("i")
        await settle(pilot)
        assert isinstance(app.screen, AdvisorScreen)
        advice = app.screen.advice
        assert advice.orders
        assert "info-campaign bamako" in text_of(app.screen.query_one("#advisor-queue"))
        assert "Why:" in text_of(app.screen.query_one("#advisor-reasons"))
        assert session.game.advice[-1]["orders"] == list(advice.orders)
        # Escape: the queue is the player's own.
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, BoardScreen)
        assert [str(o) for o in session.queued()] == ["info-campaign bamako"]
        # Asked again and accepted with `y`: the queue is the advice.
        await pilot.press("i")
        await settle(pilot)
        assert isinstance(app.screen, AdvisorScreen)
        await pilot.press("y")
        await settle(pilot)
        assert [str(o) for o in session.queued()] == list(advice.orders)
        assert len(session.game.advice) == 2
