"""The interface in French: the title screen (and its language switch) and the game-over
screen, by Pilot and as SVG snapshots (`--snapshot-update` to refresh them, on purpose)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Button, OptionList, Static
from tui_helpers import (
    game_before_last_turn,
    make_app,
    settle,
    sync,
    text_of,
    to_the_end,
    to_the_report,
)

from wargame.i18n import current_language, set_language
from wargame.tui.app import WargameApp


def screen_text(screen: Any) -> str:
    """Every text of a screen's widgets: statics, buttons and the options of lists."""
    parts = [text_of(w) for w in screen.query(Static)]
    parts += [str(b.label) for b in screen.query(Button)]
    parts += [str(o.prompt) for ol in screen.query(OptionList) for o in ol.options]
    return "\n".join(parts)


@pytest.fixture(autouse=True)
def english_afterwards() -> Iterator[None]:
    yield
    set_language("en")


def test_title_screen_in_french(snap_compare: Any, tmp_path: Path) -> None:
    set_language("fr")
    app = WargameApp(saves_dir=tmp_path)
    assert snap_compare(app, terminal_size=(110, 34), run_before=settle)


def test_game_over_in_french(snap_compare: Any, tmp_path: Path) -> None:
    set_language("fr")

    app = make_app(tmp_path, game=game_before_last_turn())
    assert snap_compare(app, terminal_size=(110, 40), run_before=to_the_end)


@sync
async def test_the_title_screen_switches_language(tmp_path: Path) -> None:
    app = WargameApp(saves_dir=tmp_path)
    async with app.run_test(size=(110, 34)) as pilot:
        await settle(pilot)
        assert "Difficulty" in screen_text(app.screen)
        choice = app.screen.query_one("#language")
        choice.focus()
        await pilot.press("down", "enter")  # English → Français
        await settle(pilot)
        assert current_language() == "fr"
        shown = screen_text(app.screen)
        assert "Difficulté" in shown and "Difficulty" not in shown
        briefing = text_of(app.screen.query_one("#briefing", Static))
        assert "Le blocus de Bamako, 2025" in briefing
        assert "1er septembre 2025" in briefing
        assert "Démarrer" in shown
        footer = " ".join(b.description for b in app.screen._bindings.key_to_bindings.get(
            "enter", []))
        assert "Démarrer" in footer


@sync
async def test_the_map_labels_are_french(tmp_path: Path) -> None:
    from textual.geometry import Region

    from wargame.tui.widgets.map import MapView

    set_language("fr")
    app = make_app(tmp_path)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        view = app.screen.query_one(MapView)
        strips = view.render_lines(Region(0, 0, view.size.width, view.size.height))
        text = "\n".join("".join(seg.text for seg in strip) for strip in strips)
        assert "Bamako" in text and "carb. " in text and " fuel " not in text


# ------------------------------------------------------------------ the board and the report

def test_board_in_french(snap_compare: Any, tmp_path: Path) -> None:
    set_language("fr")

    async def run_before(pilot: Any) -> None:
        await settle(pilot)
        await pilot.press("up", "r")
        await settle(pilot)

    assert snap_compare(make_app(tmp_path), terminal_size=(140, 42), run_before=run_before)


def test_turn_report_in_french(snap_compare: Any, tmp_path: Path) -> None:
    set_language("fr")
    assert snap_compare(make_app(tmp_path), terminal_size=(100, 40), run_before=to_the_report)


@sync
async def test_the_board_and_the_turn_report_speak_french(tmp_path: Path) -> None:
    set_language("fr")
    app = make_app(tmp_path)
    async with app.run_test(size=(140, 42)) as pilot:
        await settle(pilot)
        board = screen_text(app.screen)
        assert "Tour 1 sur 26" in board and "Junte" in board
        assert "Escorter un convoi" in board          # an order row, from the engine's label
        assert "Carburant" in board and "Citernes perdues" in board
        for english in ("Turn 1 of", "Escort convoy", "Tankers lost", "No order concerns"):
            assert english not in board, english
        await to_the_report(pilot)
        assert type(app.screen).__name__ == "ReportScreen"
        report = screen_text(app.screen)
        assert "Rapport du tour 1" in report
        assert "Ce qui a fait bouger les jauges" in report
        assert "salaires et fonctionnement de l'État" in report   # a translated cause
        for english in ("Report of turn", "What moved the tracks", "Your orders",
                        "wages and upkeep"):
            assert english not in report, english
