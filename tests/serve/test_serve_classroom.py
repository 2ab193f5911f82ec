"""The class folder read for the instructor, and `wargame class` (the live class view)
driven through Textual's Pilot: the table, a team's details, its report, the comparison
of selected teams, and the table following the autosaves as they land."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from class_helpers import add_team, played, save, sync
from rich.markdown import Markdown as RichMarkdown
from textual.widgets import DataTable, Static

from wargame.saves.classroom import read_class, read_team, team_display_name
from wargame.tui.classroom import ClassViewApp
from wargame.tui.screens.classview import ClassScreen, MarkdownScreen

# ------------------------------------------------------------------ reading the folder

def test_a_team_is_read_from_its_newest_save_that_loads(tmp_path: Path) -> None:
    folder = add_team(tmp_path, "niger", "Team Niger", played(2))
    save(folder, played(3), pending_reason="Hold Kati whatever it costs.")
    status = read_team(folder)
    assert status.name == "Team Niger"
    assert status.save is not None and status.save.name == "autosave-1.json"
    assert status.turn_text() == "4 of 26" and status.date_text() == "2025-09-22"
    assert status.reasons() == [(1, "Escort the convoys first."),
                                (2, "Escort the convoys first."),
                                (3, "Escort the convoys first."),
                                (4, "Hold Kati whatever it costs.")]
    assert [t.key for t in status.tracks()] == ["fuel_days", "junta_capital", "cohesion",
                                                "treasury", "towns_held"]
    assert all(len(t.values) == 4 for t in status.tracks())
    assert status.ending() is None and status.problem() is None
    # The newest autosave damaged: the one before it is shown, and the damage said.
    newest = folder / "autosave-1.json"
    newest.write_bytes(newest.read_bytes()[:-200])
    os.utime(newest)
    status = read_team(folder)
    assert status.save is not None and status.save.name == "autosave-2.json"
    assert status.turn_text() == "3 of 26"
    assert "damaged" in (status.problem() or "")


def test_teams_without_games_or_names(tmp_path: Path) -> None:
    add_team(tmp_path, "kayes", "Kayes")
    odd = tmp_path / "odd-folder"
    odd.mkdir()
    (odd / "team.json").write_text('{"name": "bell\\u0007 \\u001b[2J"}', encoding="utf-8")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "stray.json").write_text("{}", encoding="utf-8")
    statuses = read_class(tmp_path)
    assert [s.folder.name for s in statuses] == ["kayes", "odd-folder"]
    assert statuses[0].problem() == "no game saved yet" and statuses[0].turn_text() == "—"
    assert team_display_name(odd) == "bell [2J"        # control characters never shown


def test_a_finished_game_shows_its_ending(tmp_path: Path) -> None:
    status = read_team(add_team(tmp_path, "t", "T", played(30, junta="passive")))
    assert status.game is not None and status.game.over
    assert status.ending() and status.turn_text().startswith("over after")


# ------------------------------------------------------------------ the class view

async def _until(pilot: Any, condition: Callable[[], bool], seconds: float = 20) -> None:
    """Wait until `condition` holds (the watcher and the reading worker run on their
    own); fail after `seconds`."""
    for _ in range(int(seconds / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("the class view never got there")


def _rows(screen: ClassScreen) -> dict[str, list[str]]:
    table: DataTable[Any] = screen.query_one(DataTable)
    return {str(row.key.value): [str(c) for c in table.get_row(row.key)]
            for row in table.ordered_rows}


@sync
async def test_the_class_view_lists_teams_reports_and_compares(tmp_path: Path) -> None:
    add_team(tmp_path, "team niger", "Team Niger", played(3))
    add_team(tmp_path, "mali~1234", "Équipe Mali", played(2, junta="defensive"))
    app = ClassViewApp(tmp_path)
    async with app.run_test(size=(180, 50)) as pilot:
        screen = app.screen
        assert isinstance(screen, ClassScreen)
        await _until(pilot, lambda: len(screen.teams) == 2)
        rows = _rows(screen)
        assert rows["team niger"][1:3] == ["Team Niger", "4 of 26"]
        assert rows["mali~1234"][1:3] == ["Équipe Mali", "3 of 26"]
        assert all(any(bar in cell for bar in "▁▂▃▄▅▆▇█") for cell in rows["team niger"][4:9])
        assert rows["team niger"][11].startswith("3: “Escort")
        assert "2 teams" in str(screen.query_one("#class-title").render())
        # The highlighted team's details: the last turn's events and every reason.
        detail = str(screen.query_one("#team-detail").render())
        assert "Équipe Mali" in detail and "Reasons recorded:" in detail
        assert "turn 2: “Escort the convoys first.”" in detail
        # Its after-action report (the Markdown of `wargame report`).
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert isinstance(app.screen, MarkdownScreen)
        assert "After-action review: " in app.screen.text
        assert "## Timeline of key events" in app.screen.text
        shown = app.screen.query_one("#md", Static).content
        assert isinstance(shown, RichMarkdown) and shown.markup == app.screen.text
        await pilot.press("escape")
        await pilot.pause(0.1)
        # Select both (Space on each), compare them (c): the runs named by team.
        await pilot.press("space", "down", "space", "c")
        await pilot.pause(0.2)
        assert isinstance(app.screen, MarkdownScreen)
        text = app.screen.text
        assert text.startswith("# Comparison of 2 runs")
        assert "| Équipe Mali | Team Niger |" in text and "### Team Niger" in text
        assert "autosave-1.json" not in text


@sync
async def test_compare_needs_two_teams(tmp_path: Path) -> None:
    add_team(tmp_path, "a", "A", played(1))
    app = ClassViewApp(tmp_path)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = app.screen
        await _until(pilot, lambda: len(screen.teams) == 1)   # type: ignore[attr-defined]
        await pilot.press("space", "c")
        await pilot.pause(0.1)
        assert isinstance(app.screen, ClassScreen)
        assert any("Select two teams" in str(n.message) for n in app._notifications)


@sync
async def test_the_class_view_follows_the_autosaves_as_they_land(tmp_path: Path) -> None:
    niger = add_team(tmp_path, "niger", "Team Niger", played(1))
    app = ClassViewApp(tmp_path)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, ClassScreen)
        await _until(pilot, lambda: "niger" in screen.teams)
        await pilot.pause(0.5)   # the watcher is up
        save(niger, played(2))                       # the team ends its turn
        await _until(pilot, lambda: _rows(screen)["niger"][2] == "3 of 26")
        add_team(tmp_path, "kayes", "Kayes", played(1))   # a team joins
        await _until(pilot, lambda: "kayes" in _rows(screen))
        assert list(_rows(screen)) == ["kayes", "niger"]     # by name
