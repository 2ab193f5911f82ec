"""Small defects found when trying the game as a new student (issue 9), each driven
through the real app: a scripted event carrying the AI's reason, ✕ meaning two things,
the highlight jumping to the top after an order, and the header and track bar cut at
80x24. (The map's labels have their own tests in test_tui_labels.py.)"""

from __future__ import annotations

from pathlib import Path

from tui_helpers import make_app, settle, sync, text_of

from wargame.ai.decision import Decision
from wargame.engine import Order, queue_order
from wargame.tui.mapmodel import LEGEND
from wargame.tui.screens.board import BoardScreen
from wargame.tui.screens.report import ReportScreen


@sync
async def test_a_scripted_order_that_fails_does_not_carry_the_ai_s_reason(
        tmp_path: Path) -> None:
    """Turn 1 of the main scenario scripts 'blockade dakar'; when JNIM's AI has declared
    that very blockade itself, the scripted one does not take place: its line in the
    report must not show the AI's reason, which belongs to the AI's own order."""
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        session = app.session
        assert session is not None
        reason = "Declare the blockade on the Dakar corridor, the busiest road."

        def think() -> list[Decision]:
            order = Order.parse("blockade dakar")
            queue_order(session.state, "insurgency", order)
            return [Decision("insurgency", order, reason, public=reason)]

        session.think = think  # type: ignore[method-assign]
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, ReportScreen)
        lines = text_of(app.screen.query_one("#events")).splitlines()
        failed = next(i for i, line in enumerate(lines)
                      if "Scripted 'blockade dakar' (blockade-announced) did not take place"
                      in line)
        after = lines[failed + 1:]
        following = after[:next((i for i, line in enumerate(after)
                                 if not line.startswith("    ")), len(after))]
        assert not any("Why (" in line for line in following), following
        # The AI's own blockade still says why.
        assert any(f"Why (JNIM's AI): {reason}" in line for line in lines)


@sync
async def test_a_queued_order_is_numbered_and_x_means_a_cut_road_only(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("o", "enter")
        await settle(pilot)
        board = app.screen
        assert isinstance(board, BoardScreen)
        queue = board.query_one("#queue")
        first = str(queue.get_option_at_index(0).prompt)  # type: ignore[attr-defined]
        assert first.startswith("1. ") and "✕" not in first
        assert [word for symbol, _, word in LEGEND if symbol == "✕"] == ["road cut"]
        assert sum(symbol == "✕" for symbol, _, _ in LEGEND) == 1


@sync
async def test_after_enter_the_highlight_stays_on_the_next_order(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        board = app.screen
        assert isinstance(board, BoardScreen)
        await pilot.press("o", "down", "down", "down")
        await settle(pilot)
        available = board.query_one("#available")
        index = available.highlighted  # type: ignore[attr-defined]
        chosen = available.get_option_at_index(index).id  # type: ignore[attr-defined]
        first = next(i for i, o in enumerate(available.options)  # type: ignore[attr-defined]
                     if not o.disabled)
        assert index > first
        await pilot.press("enter")
        await settle(pilot)
        assert app.session is not None
        assert [str(o) for o in app.session.queued()] == [chosen]
        options = available.options  # type: ignore[attr-defined]
        expected = next(i for i in range(index, len(options)) if not options[i].disabled)
        assert available.highlighted == expected  # type: ignore[attr-defined]
        assert available.highlighted != first  # type: ignore[attr-defined]


@sync
async def test_80x24_header_and_track_bar_are_whole(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        board = app.screen
        assert isinstance(board, BoardScreen)
        title = app.session.scenario.spec.meta.title  # type: ignore[union-attr]
        for status in ("", "JNIM is deciding…"):
            board.busy = bool(status)
            board.refresh_header()
            await pilot.pause()
            header = text_of(board.query_one("#turn-header"))
            assert len(header) <= 78 and "Turn 1 of 26" in header
            assert status in header
            # The title is there whole, or not at all: never "· The Blockade of".
            assert title in header or title.split()[0] not in header.split(" · ")[-1]
        board.busy = False
        # After a turn the tracks carry their changes; every one, and the tankers lost,
        # still fits on the line.
        await pilot.press("e")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        bar = text_of(board.query_one("#trackbar"))
        assert len(bar) <= 78
        for word in ("Fuel", "Price", "Treas.", "Bamako", "Coh.", "Isol.", "Tankers lost"):
            assert word in bar, bar
