"""The footer (issue 13): rebuilt when the keys it shows change, and only then (Textual's
rebuilds every key at each change of focus)."""

from __future__ import annotations

from pathlib import Path

from tui_helpers import make_app, settle, sync

from wargame.tui.screens.board import BoardScreen
from wargame.tui.widgets.footer import Footer
from wargame.tui.widgets.map import MapView
from wargame.tui.widgets.orders import OrdersPanel


def _keys(app: object) -> list[object]:
    return list(app.screen.query_one(Footer).query("FooterKey"))  # type: ignore[attr-defined]


@sync
async def test_a_change_of_focus_that_shows_the_same_keys_keeps_the_footer(
        tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, BoardScreen)
        before = _keys(app)
        assert [k.key for k in before][:2] == ["e", "u"]  # type: ignore[attr-defined]
        app.screen.query_one(OrdersPanel).focus()
        await settle(pilot)
        app.screen.query_one(MapView).focus()
        await settle(pilot)
        after = _keys(app)
        assert [k.key for k in after] == [k.key for k in before]  # type: ignore[attr-defined]
        assert all(a is b for a, b in zip(after, before, strict=True))


@sync
async def test_a_key_shown_or_gone_rebuilds_the_footer(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        before = [k.key for k in _keys(app)]  # type: ignore[attr-defined]
        assert "x" not in before
        app.bind("x", "bell", description="Ring")
        app.screen.refresh_bindings()
        await settle(pilot)
        assert "x" in [k.key for k in _keys(app)]  # type: ignore[attr-defined]
