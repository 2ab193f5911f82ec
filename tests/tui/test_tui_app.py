"""The real app driven through Textual's Pilot: orders by keys and by mouse, undo, end of
turn and the report, save and load, help, quit, two players, game over, small terminals."""

from __future__ import annotations

from pathlib import Path

import pytest
from tui_helpers import game_before_last_turn, make_app, scenario, settle, sync, text_of

from wargame.engine import Order, order_odds
from wargame.engine.game import Game
from wargame.tui.app import WargameApp
from wargame.tui.screens.board import BoardScreen
from wargame.tui.screens.dialogs import HandOverScreen, QuitScreen, TooSmallScreen
from wargame.tui.screens.gameover import AfterActionScreen, GameOverScreen
from wargame.tui.screens.help import HelpScreen
from wargame.tui.screens.report import ReportScreen
from wargame.tui.screens.title import TitleScreen
from wargame.tui.session import Session
from wargame.tui.widgets.map import MapView


@sync
async def test_turns_by_keys_with_undo_and_report(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, BoardScreen)
        session = app.session
        assert session is not None
        assert "Turn 1 of 26" in text_of(app.screen.query_one("#turn-header"))
        # The cursor starts on the capital; `o` goes to the orders, Enter gives one.
        await pilot.press("o", "enter")
        await settle(pilot)
        first = session.queued()
        assert len(first) == 1
        await pilot.press("u")
        await settle(pilot)
        assert session.queued() == []
        # Move on the map with the arrows (to the nearest town in that direction).
        map_view = app.screen.query_one(MapView)
        map_view.focus()
        before = map_view.selected
        await pilot.press("up")
        await settle(pilot)
        assert map_view.selected != before and map_view.selected.startswith("t:")
        await pilot.press("o", "enter", "down", "enter")
        await settle(pilot)
        assert len(session.queued()) >= 1
        queued = list(session.queued())
        # End the turn: the insurgency thinks in a worker, then the report opens.
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, ReportScreen)
        body = text_of(app.screen.query_one("#events"))
        assert "odds " in body and "roll " in body
        assert "Source: 004" in body
        assert "Why (JNIM's AI)" in body
        news = text_of(app.screen.query_one("#news"))
        assert "BAMAKO, week of 1 September 2025" in news
        assert session.game.records[0].orders["junta"] == [str(o) for o in queued]
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, BoardScreen)
        assert "Turn 2 of 26" in text_of(app.screen.query_one("#turn-header"))
        # A second and a third turn.
        for turn in (3, 4):
            await pilot.press("e")
            await settle(pilot)
            assert isinstance(app.screen, ReportScreen)
            await pilot.press("escape")
            await settle(pilot)
            assert f"Turn {turn} of 26" in text_of(app.screen.query_one("#turn-header"))
        assert len(session.game.records) == 3


@sync
async def test_orders_by_mouse(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        map_view = app.screen.query_one(MapView)
        offset = map_view.town_screen_offset("kati")
        assert offset is not None
        await pilot.click(MapView, offset=offset)
        await settle(pilot)
        board = app.screen
        assert isinstance(board, BoardScreen)
        assert board.place == ("town", "kati")
        assert "Kati" in text_of(board.query_one("#details"))
        # Click the first order that may be given (line 1: line 0 is a heading).
        available = board.query_one("#available")
        option = available.get_option_at_index(1)
        assert not option.disabled
        await pilot.click("#available", offset=(4, 1))
        await settle(pilot)
        assert app.session is not None
        assert [str(o) for o in app.session.queued()] == [option.id]
        # Clicking the queued order takes it back.
        await pilot.click("#queue", offset=(4, 0))
        await settle(pilot)
        assert app.session.queued() == []


@sync
async def test_disabled_orders_say_why_and_odds_use_the_estimate(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        session = app.session
        assert session is not None
        rows = session.orders_at("town", "bamako")
        assert rows and all(r.reason is None or r.reason for r in rows)
        # Fill the command capacity: everything left says why it is not possible.
        for _ in range(3):
            row = next(r for r in session.orders_at("town", "bamako") if r.reason is None)
            assert session.queue(row.order) is None
        rows = session.orders_at("town", "bamako")
        assert all(r.reason for r in rows)
        assert any("already" in (r.reason or "") or "capacity" in (r.reason or "")
                   for r in rows)
        board = app.screen
        assert isinstance(board, BoardScreen)
        board.refresh_orders()
        await pilot.pause()
        listing = board.query_one("#available")
        assert all(o.disabled for o in listing.options)
        assert "not now:" in str(listing.get_option_at_index(1).prompt)
        # The junta's preview of a relief uses its estimate of the insurgency's fighters.
        state = session.state
        relieve = next(o for o in (Order("relieve", (t,)) for t in ("nioro", "boni", "gao"))
                       if o in [r.order for r in session.orders_at("town", o.args[0])])
        state.fighter_estimate[state.scenario.towns[relieve.args[0]].region] += 900
        assert session.odds(relieve) == order_odds(state, relieve,
                                                   fighters=state.fighter_estimate)


@sync
async def test_save_and_load(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        session = app.session
        assert session is not None and session.dirty
        # The autosave of the turn is there.
        assert (tmp_path / "saves" / "autosave-1.json").is_file()
        await pilot.press("s")
        await pilot.pause()
        name = app.screen.query_one("#save-name")
        name.value = "my game"
        await pilot.press("enter")
        await settle(pilot)
        saved = tmp_path / "saves" / "my-game.json"
        assert saved.is_file()
        assert not session.dirty
        digest = session.state.digest()
        # Another turn, then load the save back.
        await pilot.press("e")
        await settle(pilot)
        await pilot.press("enter", "l")
        await settle(pilot)
        assert isinstance(app.screen, QuitScreen)   # one unsaved turn: offered to save
        await pilot.press("d")
        await settle(pilot)
        listing = app.screen.query_one("#saves")
        index = next(i for i, o in enumerate(listing.options) if "my-game" in str(o.prompt))
        listing.highlighted = index
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, BoardScreen)
        assert app.session is not None and app.session is not session
        assert app.session.state.digest() == digest
        assert "Turn 2 of 26" in text_of(app.screen.query_one("#turn-header"))


@sync
async def test_help_and_quit(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape", "f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        # Nothing unsaved: q quits at once.
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


@sync
async def test_quit_offers_to_save_unsaved_turns(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        await pilot.press("enter", "q")
        await settle(pilot)
        assert isinstance(app.screen, QuitScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        await pilot.press("q", "s")
        await settle(pilot)
        await pilot.press("enter")     # the save dialog's default name
        await settle(pilot)
    assert app.return_code == 0
    assert (tmp_path / "saves" / "bamako-blockade-2025-turn-2.json").is_file()


@sync
async def test_title_screen_briefing_and_start(tmp_path: Path) -> None:
    app = WargameApp(saves_dir=tmp_path)
    async with app.run_test(size=(110, 34)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, TitleScreen)
        briefing = text_of(app.screen.query_one("#briefing"))
        for part in ("The Blockade of Bamako, 2025", "1 September 2025", "How the game ends",
                     "The regime collapses", "Sources", "004"):
            assert part in briefing
        choice = app.screen.query_one("#difficulty")
        choice.focus()
        choice.highlighted = 2
        await pilot.press("enter")
        await pilot.pause()
        assert "◉ Expert" in str(choice.get_option_at_index(2).prompt)
        await pilot.click("#start")
        await settle(pilot)
        assert isinstance(app.screen, BoardScreen)
        assert app.session is not None and app.session.difficulty == "expert"


@sync
async def test_two_players_hand_over(tmp_path: Path) -> None:
    app = make_app(tmp_path, insurgent="human")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        session = app.session
        assert session is not None and session.side == "junta"
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, HandOverScreen)
        await pilot.press("enter")
        await settle(pilot)
        board = app.screen
        assert isinstance(board, BoardScreen) and session.side == "insurgency"
        assert "JNIM" in text_of(board.query_one("#turn-header"))
        # The insurgency sees its own fighters exactly, and gives its own orders.
        assert not session.view().fighters_are_estimates
        assert all(r.order.side == "insurgency" for r in session.orders_at("town", "kolokani"))
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, HandOverScreen)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ReportScreen) and app.screen.report.side == "junta"
        await pilot.press("enter")
        await settle(pilot)
        assert session.side == "junta" and session.view().fighters_are_estimates
        assert len(session.game.records) == 1


@sync
async def test_game_over_screen_and_after_action(tmp_path: Path) -> None:
    app = make_app(tmp_path, game=game_before_last_turn())
    async with app.run_test(size=(110, 36)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, ReportScreen)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, GameOverScreen)
        outcome = text_of(app.screen.query_one("#outcome"))
        assert "GAME OVER" in outcome and "Why:" in outcome
        assert "Fuel in Bamako" in text_of(app.screen.query_one("#charts"))
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, AfterActionScreen)
        assert "Outcome:" in text_of(app.screen.query_one("#aar"))
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, GameOverScreen)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, (TitleScreen, QuitScreen))


@sync
async def test_small_terminal_says_so(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(70, 20)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, TooSmallScreen)
        assert "needs at least 80×24" in text_of(app.screen.query_one("#too-small"))
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert isinstance(app.screen, BoardScreen)


@sync
async def test_command_palette_has_the_game_actions(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert {"End turn", "Undo", "Save game", "Load game", "Help"} <= titles
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"end turn")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ReportScreen)


@pytest.mark.parametrize("theme", ["ansi-dark", "ansi-light", "wargame-light"])
@sync
async def test_themes_and_no_color(tmp_path: Path, theme: str,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(tmp_path, theme=theme)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.no_color
        assert app.theme == theme
        await pilot.press("right", "down", "plus", "minus")
        await settle(pilot)
        assert isinstance(app.screen, BoardScreen)


def test_session_fog_and_history() -> None:
    session = Session(Game.new(scenario(), 5))
    view = session.view()
    assert view.fighters_are_estimates
    assert session.history("bamako_fuel_days") == [view.fuel_days]
    session.side = "insurgency"
    assert session.history("treasury") == []   # hidden by the scenario's fog
