"""The tutorial's step-by-step guide on the board: `wargame play tutorial` shows it and
follows the player (select a town, give an order, read the odds, end the turn, read the
report, save); other scenarios show no guide."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import OptionList
from tui_helpers import make_app, settle, sync

from wargame.scenario.load import load_scenario
from wargame.scenario.shipped import resolve_scenario
from wargame.tui.app import WargameApp
from wargame.tui.screens.advisor import AdvisorScreen
from wargame.tui.screens.board import BoardScreen
from wargame.tui.screens.dialogs import SaveScreen
from wargame.tui.screens.report import ReportScreen
from wargame.tui.widgets.guide import GuidePanel
from wargame.tui.widgets.map import MapView


def tutorial_app(tmp_path: Path) -> WargameApp:
    """What `wargame play tutorial --seed 3 --saves-dir TMP` opens."""
    path = resolve_scenario("tutorial")
    return WargameApp(scenario=load_scenario(path), scenario_path=path, seed=3,
                      saves_dir=tmp_path / "saves")


def guide_text(app: Any) -> str:
    panel = app.board().query_one(GuidePanel)
    return str(panel.render()) if panel.display else ""


async def highlight(pilot: Any, order: str) -> None:
    """Move down the orders list (by keys) until `order` is highlighted."""
    available = pilot.app.screen.query_one("#available", OptionList)
    assert available.has_focus
    for _ in range(len(available.options)):
        index = available.highlighted
        if index is not None and available.get_option_at_index(index).id == order:
            return
        await pilot.press("down")
        await pilot.pause()
    raise AssertionError(f"{order} is not in the orders list")


@sync
async def test_tutorial_guides_the_player_step_by_step(tmp_path: Path) -> None:
    app = tutorial_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        board = app.screen
        assert isinstance(board, BoardScreen)
        text = guide_text(app)
        assert "Step 1 of 9 · Welcome" in text and "n: continue" in text
        assert "g: skip step" in text
        # The panel fits the smallest supported terminal, with room left for the board.
        panel = board.query_one(GuidePanel)
        assert panel.region.height <= 8 and board.query_one(MapView).region.height >= 6

        # A text-only step: dismissed with n.
        await pilot.press("n")
        await settle(pilot)
        text = guide_text(app)
        assert "Step 2 of 9 · Select a town" in text and "Kolokani" in text
        assert "n: continue" not in text
        await pilot.press("n")   # not a text-only step: n does nothing
        await settle(pilot)
        assert "Step 2 of 9" in guide_text(app)

        # Select Kolokani with the mouse.
        map_view = board.query_one(MapView)
        offset = map_view.town_screen_offset("kolokani")
        assert offset is not None
        await pilot.click(MapView, offset=offset)
        await settle(pilot)
        assert map_view.selected == "t:kolokani"
        assert "Step 3 of 9 · Give an order" in guide_text(app)

        # Queue an escort by keys.
        await pilot.press("o")
        await highlight(pilot, "escort dakar heavy")
        assert "Step 3 of 9" in guide_text(app)   # highlighting an escort shows no odds
        await pilot.press("enter")
        await settle(pilot)
        assert [str(o) for o in app.session.queued()] == ["escort dakar heavy"]  # type: ignore[union-attr]
        assert "Step 4 of 9 · Read the odds" in guide_text(app)

        # Highlight an order with odds (not given).
        await highlight(pilot, "airstrike koulikoro")
        await settle(pilot)
        assert "Step 5 of 9 · Ask the advisor" in guide_text(app)
        assert len(app.session.queued()) == 1  # type: ignore[union-attr]

        # Ask the advisor; Escape keeps the player's own queue.
        await pilot.press("i")
        await settle(pilot)
        assert isinstance(app.screen, AdvisorScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is board
        assert "Step 6 of 9 · End the turn" in guide_text(app)
        assert len(app.session.queued()) == 1  # type: ignore[union-attr]

        # End the turn: the report opens, which is the next step too.
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, ReportScreen)
        assert "Step 8 of 9 · Save the game" in guide_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is board

        # Save to the temporary saves folder.
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, SaveScreen)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is board
        assert list((tmp_path / "saves").glob("tutorial-turn-2.json"))
        text = guide_text(app)
        assert "Step 9 of 9 · Play on" in text and "n: continue" in text

        # The last step, dismissed with Enter on the map: the guide goes away.
        board.query_one(MapView).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert app.board().guide.done
        assert not panel.display and guide_text(app) == ""
        await pilot.press("n", "g")   # the guide's keys are gone with it
        await settle(pilot)
        assert app.screen is board and not panel.display


@sync
async def test_tutorial_steps_can_be_skipped(tmp_path: Path) -> None:
    app = tutorial_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        assert "Step 2 of 9" in guide_text(app)
        await pilot.press("g")
        await settle(pilot)
        assert "Step 3 of 9" in guide_text(app)
        await pilot.press("G")
        await settle(pilot)
        assert guide_text(app) == "" and not app.board().query_one(GuidePanel).display


@sync
async def test_main_scenario_shows_no_guide(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        board = app.screen
        assert isinstance(board, BoardScreen)
        assert board.guide is None
        assert not board.query(GuidePanel)
        assert not board.query("#guide")
        await pilot.press("n", "g", "G", "enter")
        await settle(pilot)
        assert app.screen is board and app.session is not None
        assert app.session.queued() == []
