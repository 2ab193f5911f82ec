"""SVG snapshots of the key screens (pytest-textual-snapshot). Update them on purpose with
`pytest tests/tui/test_tui_snapshots.py --snapshot-update` and look at the report."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tui_helpers import game_before_last_turn, make_app, settle, to_the_end, to_the_report

from wargame.tui.app import WargameApp


def test_title_screen(snap_compare: Any, tmp_path: Path) -> None:
    app = WargameApp(saves_dir=tmp_path)
    assert snap_compare(app, terminal_size=(110, 34), run_before=settle)


def test_board(snap_compare: Any, tmp_path: Path) -> None:
    async def run_before(pilot: Any) -> None:
        await settle(pilot)
        await pilot.press("up", "r")
        await settle(pilot)

    assert snap_compare(make_app(tmp_path), terminal_size=(140, 42), run_before=run_before)


def test_board_80x24(snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(make_app(tmp_path), terminal_size=(80, 24), run_before=settle)


def test_turn_report(snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(make_app(tmp_path), terminal_size=(100, 40),
                        run_before=to_the_report)


def test_turn_report_causes_expanded(snap_compare: Any, tmp_path: Path) -> None:
    """The report's "What moved the tracks" with every fold open (`x`)."""
    async def run_before(pilot: Any) -> None:
        await to_the_report(pilot)
        await pilot.press("x")
        await settle(pilot)

    assert snap_compare(make_app(tmp_path), terminal_size=(100, 40), run_before=run_before)


def test_game_over(snap_compare: Any, tmp_path: Path) -> None:
    app = make_app(tmp_path, game=game_before_last_turn())
    assert snap_compare(app, terminal_size=(110, 40), run_before=to_the_end)


def test_terminal_too_small(snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(make_app(tmp_path), terminal_size=(60, 18), run_before=settle)
