"""The map's words (town names, road numbers, the insurgency's presence) never overlap
each other, a town's symbol, a road's status mark or the edge of the map, and stay put
from turn to turn: exhaustively at every zoom of every shipped scenario at the board's
sizes in 80x24 and 120x40 terminals, and as a property over map sizes."""

from __future__ import annotations

import dataclasses
from functools import cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tui_helpers import make_app, settle, sync

from wargame.ai.policies import random_policy
from wargame.engine import Scenario, View, new_game, observe, resolve_turn
from wargame.scenario.load import load_scenario
from wargame.scenario.shipped import shipped_scenarios
from wargame.tui.labels import LABEL_GAP, Slot
from wargame.tui.mapmodel import (
    CAPITAL_SYMBOL,
    ROUTE_MARKS,
    STATUS_SYMBOL,
    ZOOMS,
    Canvas,
    Projection,
    build_canvas,
    route_state,
    static_layout,
)
from wargame.tui.widgets.map import MapView

PATHS = shipped_scenarios()
WORD_STYLES = {"map--label", "map--capital", "map--roadname", "map--presence"}
SYMBOLS = {*STATUS_SYMBOL.values(), CAPITAL_SYMBOL}


@cache
def scenario_of(path: Path) -> Scenario:
    return load_scenario(path)


@cache
def views_of_a_game(path: Path, seed: int = 4, turns: int = 8) -> tuple[View, ...]:
    """Both sides' views at the start and after each of a few turns of random play, and
    one with every road cut, ambushed and blocked by a checkpoint."""
    scenario = scenario_of(path)
    state = new_game(scenario, seed)
    views = [observe(state, "junta"), observe(state, "insurgency")]
    for _ in range(turns):
        if state.over:
            break
        random_policy(state, "junta")
        random_policy(state, "insurgency")
        resolve_turn(state)
        views += [observe(state, "junta"), observe(state, "insurgency")]
    routes = list(scenario.routes)
    worst = dataclasses.replace(views[0], route_damage=dict.fromkeys(routes, 2),
                                checkpoints=dict.fromkeys(routes, 1),
                                ambushed=dict.fromkeys(routes, views[0].turn - 1))
    return (*views, worst)


def check_slots(scenario: Scenario, proj: Projection, zoom: int) -> list[Slot]:
    """The static layout: every slot inside the map, clear of towns (and the cell either
    side of them) and of the roads' mark cells, and apart from the others on its row."""
    layout = static_layout(scenario, proj, zoom)
    slots = list(layout.labels.slots)
    towns = set(layout.town_cells.values())
    marks = {c for cells in layout.labels.mark_cells.values() for c in cells}
    for slot in slots:
        assert slot.x >= 0 and slot.x + slot.width <= proj.width, slot
        assert 0 <= slot.y < proj.height, slot
        for x, y in slot.cells():
            assert not {(x - 1, y), (x, y), (x + 1, y)} & towns, (slot, "on a town")
            assert (x, y) not in marks, (slot, "on a road's mark")
    for i, a in enumerate(slots):
        for b in slots[i + 1:]:
            if a.y != b.y:
                continue
            names = a.kind in ("town", "capital") and b.kind in ("town", "capital")
            gap = LABEL_GAP if names else 1
            assert a.x + a.width + gap <= b.x or b.x + b.width + gap <= a.x, (a, b)
    return slots


def check_canvas(scenario: Scenario, proj: Projection, zoom: int, view: View,
                 slots: list[Slot]) -> dict[str, tuple[int, int]]:
    """One turn's drawing: every town's symbol and every road's marks show; every word
    is inside its slot and begins where the slot does. Returns where each word begins."""
    canvas: Canvas = build_canvas(scenario, view, proj, zoom)
    layout = static_layout(scenario, proj, zoom)
    for tid, (x, y) in layout.town_cells.items():
        assert canvas.chars[y][x] in SYMBOLS and canvas.tags[y][x] == f"t:{tid}", tid
    for rid, route in scenario.routes.items():
        status = route_state(view, rid, route.corridor)
        expected = [mark for word, (mark, _) in ROUTE_MARKS if word in status]
        cells = layout.labels.mark_cells[rid]
        shown = [canvas.chars[y][x] for x, y in cells[:len(expected)]]
        assert shown == expected[:len(cells)], (rid, shown, expected)
    by_tag = {slot.tag: slot for slot in slots}
    starts: dict[str, tuple[int, int]] = {}
    for y in range(canvas.height):
        for x in range(canvas.width):
            if canvas.styles[y][x] not in WORD_STYLES:
                continue
            slot = by_tag[canvas.tags[y][x]]
            assert (x, y) in slot.cells(), (slot, x, y)
            starts.setdefault(slot.tag, (x, y))
    for tag, start in starts.items():
        assert start == (by_tag[tag].x, by_tag[tag].y), tag
    return starts


def check_scale(path: Path, width: int, height: int) -> None:
    """Every zoom of a map widget of `width` x `height`, over the turns of a game."""
    scenario = scenario_of(path)
    for zoom in range(len(ZOOMS)):
        proj = Projection.fit(width, height, zoom)
        slots = check_slots(scenario, proj, zoom)
        capital = next(t for t in scenario.towns.values() if t.kind == "capital")
        assert any(s.text == capital.name for s in slots), "the capital is always named"
        for view in views_of_a_game(path):
            check_canvas(scenario, proj, zoom, view, slots)


@sync
async def test_labels_at_the_board_sizes_of_80x24_and_120x40(tmp_path: Path) -> None:
    for size in ((80, 24), (120, 40)):
        for path in PATHS:
            scenario = scenario_of(path)
            app = make_app(tmp_path, scenario=scenario, scenario_path=path)
            async with app.run_test(size=size) as pilot:
                await settle(pilot)
                width, height = app.screen.query_one(MapView).size
            check_scale(path, width, height)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(path=st.sampled_from(PATHS), width=st.integers(40, 200), height=st.integers(14, 60))
def test_labels_property_over_map_sizes(path: Path, width: int, height: int) -> None:
    """From the smallest map the board shows (80x24: about 44x17) to a very wide one."""
    check_scale(path, width, height)


def test_a_word_the_window_cuts_is_left_out() -> None:
    scenario = scenario_of(PATHS[0])
    view = views_of_a_game(PATHS[0])[0]
    proj = Projection.fit(44, 18, 1)
    canvas = build_canvas(scenario, view, proj, 1)
    y, spans = next((y, s) for y, s in canvas.words.items() if s)
    a, b = spans[0]
    assert canvas.cut_words(y, a, b) == []                     # seen whole
    assert (a, b) in canvas.cut_words(y, a + 1, a + 40)        # its first letter is off
    assert (a, b) in canvas.cut_words(y, 0, b - 1)             # its last letter is off
    _, styles, _ = canvas.row_without(y, [(a, b)])
    assert all(styles[x] not in WORD_STYLES for x in range(a, b))
    assert all(canvas.styles[y][x] in WORD_STYLES for x in range(a, b))


@sync
async def test_the_map_never_shows_part_of_a_word(tmp_path: Path) -> None:
    """At 80x24 the map opens zoomed in, wider than its window: panning across it, a word
    is shown whole or not at all (never 'Boni[1│')."""
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        map_view = app.screen.query_one(MapView)
        canvas = map_view.canvas
        assert canvas is not None and canvas.width > map_view.size.width
        seen_cut = 0
        for x in range(0, canvas.width - 10, 3):
            map_view.scroll_to(x, map_view.scroll_y, animate=False, immediate=True)
            await pilot.pause()
            left = map_view.scroll_offset.x
            right = left + map_view.scrollable_content_region.width
            for row in range(map_view.scrollable_content_region.height):
                y = row + map_view.scroll_offset.y
                if y >= canvas.height:
                    break
                text = map_view.render_line(row).text
                for a, b in canvas.words.get(y, ()):
                    word = "".join(canvas.chars[y][a:b])
                    shown = text[max(a, left) - left:min(b, right) - left]
                    if a >= left and b <= right:
                        assert shown == word
                    elif a < right and b > left:
                        seen_cut += 1
                        assert shown == "".join(canvas.under[(c, y)][0]
                                                for c in range(max(a, left), min(b, right)))
        assert seen_cut > 0     # the edge did cross words: the check was exercised
