"""The board's side panel: its tab line (clicked, or ←/→ when focused), `t` and `o`,
and the panes it shows (issue 13 replaced Textual's TabbedContent with it)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import ContentSwitcher
from tui_helpers import make_app, settle, sync

from wargame.tui.widgets.side import SidePanel, SideTabs


@sync
async def test_the_tab_line_switches_the_panes(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        side = app.screen.query_one(SidePanel)
        tabs = app.screen.query_one(SideTabs)
        switcher = app.screen.query_one(ContentSwitcher)
        assert side.active == switcher.current == "tab-orders"
        assert str(tabs.render()) == "Orders │ Tracks │ Goals"
        # A click on a tab's name shows its pane; a click between names does nothing.
        await pilot.click(SideTabs, offset=(1 + len("Orders │ ") + 2, 0))
        await settle(pilot)
        assert side.active == switcher.current == "tab-tracks"
        await pilot.click(SideTabs, offset=(1 + len("Orders "), 0))
        await settle(pilot)
        assert side.active == "tab-tracks"
        # ←/→ on the focused tab line step through the tabs, round the end.
        tabs.focus()
        await pilot.press("right")
        await settle(pilot)
        assert side.active == switcher.current == "tab-goals"
        await pilot.press("right")
        await settle(pilot)
        assert side.active == "tab-orders"
        await pilot.press("left")
        await settle(pilot)
        assert side.active == "tab-goals"
        # t toggles the tracks, o comes back to the orders with their list focused.
        await pilot.press("t")
        await settle(pilot)
        assert side.active == "tab-tracks"
        await pilot.press("o")
        await settle(pilot)
        assert side.active == switcher.current == "tab-orders"
        assert app.focused is not None and app.focused.id == "available"
