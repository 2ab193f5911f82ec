"""Every change explained, every order described, on the board: the turn report says
what moved each track and why (small causes behind a fold that opens), the orders panel
shows each order's effect (a light and a heavy escort differ, with the ambush odds before
and after), `?` on an order opens its description, the tracks panel and the details of a
town say why a track moved last turn."""

from __future__ import annotations

import re
from pathlib import Path

from textual.widgets import Collapsible, OptionList
from tui_helpers import make_app, settle, sync, text_of

from wargame.tui.screens.board import BoardScreen
from wargame.tui.screens.help import HelpScreen
from wargame.tui.screens.orderguide import OrderGuideScreen
from wargame.tui.screens.report import ReportScreen
from wargame.tui.widgets.tracks import TracksPanel


@sync
async def test_report_says_what_moved_with_folds_that_open(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ReportScreen)
        groups = [text_of(w) for w in screen.query(".moved-group")]
        text = "\n".join(groups)
        assert re.search(r"Fuel in Bamako \d+ → \d+ days", text)
        assert re.search(r"Treasury 300 → \d+\n    −40  wages and upkeep of the state  \[000\]",
                         text)
        folds = list(screen.query(Collapsible))
        assert folds and all(f.collapsed for f in folds)
        assert any(re.match(r"other \(\d causes\)", f.title) for f in folds)
        assert any(f.title.startswith("Regions:") for f in folds)
        # Enter on a fold's title opens it, and does not close the report.
        folds[0].query_one("CollapsibleTitle").focus()
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen and not folds[0].collapsed
        # x opens every fold; again closes them all.
        await pilot.press("x")
        await settle(pilot)
        assert all(not f.collapsed for f in folds)
        await pilot.press("x")
        await settle(pilot)
        assert all(f.collapsed for f in folds)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, BoardScreen)


@sync
async def test_orders_show_their_effect_and_question_mark_describes(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(140, 42)) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        available = app.screen.query_one("#available", OptionList)
        prompts = {o.id: str(o.prompt) for o in available.options if o.id}
        light = prompts["escort abidjan light"]
        heavy = prompts["escort abidjan heavy"]
        assert "1 company from the reserve" in light and "3 companies" in heavy
        before, after_light = map(int, re.findall(r"(\d+)% → (\d+)%", light)[0])
        _, after_heavy = map(int, re.findall(r"(\d+)% → (\d+)%", heavy)[0])
        assert before > after_light > after_heavy
        # `?` with the orders list focused: the order's guide, not the help.
        available.highlighted = available.get_option_index("escort abidjan heavy")
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, OrderGuideScreen)
        guide = text_of(app.screen.query_one("Static"))
        assert "This order now: 3 companies" in guide
        assert "Soldiers from the reserve ride" in guide and "Sources: 004" in guide
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, BoardScreen)
        # Elsewhere `?` is still the help.
        await pilot.press("m", "question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        help_text = text_of(app.screen.query_one("#help Static"))
        assert "International isolation" in help_text and "Why it matters:" in help_text
        assert "? on an order" in help_text
        # The grievance help gives this scenario's own numbers.
        assert "the pivot is 50" in help_text and "takes 5 points off the odds" in help_text


@sync
async def test_tracks_panel_and_details_say_why(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(140, 42)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        panel = app.screen.query_one("#tracks-wide", TracksPanel)
        panel.focus()
        await pilot.press("down")
        await settle(pilot)
        text = text_of(panel)
        assert "Fuel in Bamako" in text and "since the start" in text
        assert re.search(r"Fuel in Bamako 21 → \d+ days .*\n  −14,000 m³  Bamako's use", text)
        await pilot.press("down", "down")
        await settle(pilot)
        assert re.search(r"Treasury 300 → \d+\n  −40  wages and upkeep", text_of(panel))
        # A click on a track's line selects it (lines: fuel, price, treasury, support,
        # cohesion, two each).
        await pilot.click("#tracks-wide", offset=(3, 8))
        await settle(pilot)
        assert re.search(r"Army cohesion 55 → \d+\n  [−+]\d", text_of(panel))
        # A region's row: the junta's support there, its history and its causes.
        regions = [i for i, key in enumerate(panel.items(app.session)) if key[1] == "gao"]
        panel.selected = regions[-1]
        panel.show(app.session)
        assert "Support for the junta in Gao" in text_of(panel)
        # The details of a town: why its region's support moved.
        details = text_of(app.screen.query_one("#details"))
        assert "Junta support last turn 55 → 57: +1 fuel in stock again" in details
