"""The game a student plays in the browser, driven through Textual's Pilot: the team's
name first, then the team's game (its newest autosave), the hand-out, the scenario or the
title screen; every save in the team's folder; the autosave when the process ends."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from class_helpers import MAIN, add_team, main_scenario, played, sync

from wargame.engine import Order
from wargame.saves import load_save, read_header, scan_autosaves
from wargame.scenario.shipped import shipped_dir
from wargame.serve.game import SeminarApp
from wargame.tui.screens.board import BoardScreen
from wargame.tui.screens.report import ReportScreen
from wargame.tui.screens.team import TeamScreen
from wargame.tui.screens.title import TitleScreen

SIZE = (140, 44)


def seminar(class_dir: Path, **kwargs: Any) -> SeminarApp:
    if "handout" not in kwargs:
        kwargs.setdefault("scenario", main_scenario()[0])
        kwargs.setdefault("scenario_path", MAIN)
    return SeminarApp(class_dir, **kwargs)


async def settle(pilot: Any) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause(0.1)
    await pilot.app.workers.wait_for_complete()


async def join(pilot: Any, name: str) -> None:
    screen = pilot.app.screen
    assert isinstance(screen, TeamScreen)
    field = screen.query_one("#team-name")
    field.value = name
    await pilot.press("enter")
    await pilot.pause(0.1)
    await settle(pilot)


async def leave(pilot: Any) -> None:
    """End the game process as textual-serve does when the tab closes, the idle time-out
    strikes or the server stops: it asks the app to exit."""
    pilot.app.exit()
    await pilot.pause(0.2)


def message(app: SeminarApp) -> str:
    return str(app.screen.query_one("#team-error").render())


@sync
async def test_the_team_plays_and_everything_lands_in_its_folder(tmp_path: Path) -> None:
    app = seminar(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await join(pilot, "  Team   Niger ")
        assert isinstance(app.screen, BoardScreen)
        folder = tmp_path / "team niger"
        assert app.saves_folder() == folder.resolve()
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, ReportScreen)
        await pilot.press("enter")
        await settle(pilot)
        assert scan_autosaves(folder)[0] is not None
        path = app.save_game("before the offensive")
        assert path.parent == folder.resolve()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["team niger"]


@sync
async def test_refused_names_create_nothing(tmp_path: Path) -> None:
    app = seminar(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        for name, expected in [("../../etc", "'/' cannot be used"),
                               ("NUL", "reserved device name"),
                               ("x" * 5000, "5,000 characters"),
                               ("a\u200fb", "U+200F")]:
            await join(pilot, name)
            assert isinstance(app.screen, TeamScreen)
            assert expected in message(app)
    assert list(tmp_path.iterdir()) == []


@sync
async def test_a_team_that_comes_back_finds_its_game(tmp_path: Path) -> None:
    scenario, _ = main_scenario()
    app = seminar(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await join(pilot, "Kayes")
        await pilot.press("e")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        session = app.session
        assert session is not None
        order = Order.parse("ration")
        assert session.queue(order) is None
        session.reasons[session.state.turn] = "Ration before the queues grow."
        await leave(pilot)
    # The process has ended (tab closed): the queued order and the reason were autosaved.
    folder = tmp_path / "kayes"
    assert read_header(folder / "autosave-1.json")["turn"] == 2
    again = seminar(tmp_path)
    async with again.run_test(size=SIZE) as pilot:
        await join(pilot, "KAYES")
        assert isinstance(again.screen, BoardScreen)
        session = again.session
        assert session is not None
        assert session.state.turn == 2 and session.queued() == [order]
        assert session.reasons == {2: "Ration before the queues grow."}
        assert session.scenario.id == scenario.id
        before = sorted(p.stat().st_mtime_ns for p in folder.glob("autosave-*.json"))
        await leave(pilot)
    # Nothing changed since it was loaded: leaving does not write another autosave.
    assert sorted(p.stat().st_mtime_ns for p in folder.glob("autosave-*.json")) == before


@sync
async def test_one_tab_per_team(tmp_path: Path) -> None:
    first, second = seminar(tmp_path), seminar(tmp_path)
    async with first.run_test(size=SIZE) as one, second.run_test(size=SIZE) as two:
        await join(one, "Mopti")
        assert isinstance(first.screen, BoardScreen)
        await join(two, "mopti")
        assert isinstance(second.screen, TeamScreen)
        assert "already playing in another browser tab" in message(second)
        await join(two, "Mopti 2")
        assert isinstance(second.screen, BoardScreen)


@sync
async def test_the_hand_out_opens_for_a_new_team(tmp_path: Path) -> None:
    handout = shipped_dir("saves") / "handout-week6.json"
    app = SeminarApp(tmp_path, handout=handout)
    async with app.run_test(size=SIZE) as pilot:
        await join(pilot, "Sikasso")
        assert isinstance(app.screen, BoardScreen)
        assert app.session is not None and app.session.state.turn == 6
        assert app.saves_folder() == (tmp_path / "sikasso").resolve()
        await leave(pilot)
    saved = load_save(tmp_path / "sikasso" / "autosave-1.json")   # autosaved on exit
    assert saved.game.state.turn == 6 and saved.note and "hand-out" in saved.note


@sync
async def test_an_existing_autosave_wins_over_the_hand_out(tmp_path: Path) -> None:
    add_team(tmp_path, "segou", "Ségou", played(3))
    handout = shipped_dir("saves") / "handout-week6.json"
    app = SeminarApp(tmp_path, handout=handout)
    async with app.run_test(size=SIZE) as pilot:
        await join(pilot, "segou")
        assert app.session is not None and app.session.state.turn == 4


@sync
async def test_without_scenario_the_title_screen_opens(tmp_path: Path) -> None:
    app = SeminarApp(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await join(pilot, "Gao")
        assert isinstance(app.screen, TitleScreen)
        assert app.saves_folder() == (tmp_path / "gao").resolve()
        await leave(pilot)
    assert list((tmp_path / "gao").glob("autosave-*")) == []   # no game: nothing to save
