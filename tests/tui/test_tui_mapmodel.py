"""The map's projection and drawing (no Textual): positions, symbols, labels, fog."""

from __future__ import annotations

import dataclasses

from tui_helpers import scenario

from wargame.engine import new_game, observe
from wargame.tui.mapmodel import (
    BOX_LAT,
    BOX_LON,
    LAT_NORTH,
    LON_WEST,
    Projection,
    build_canvas,
    geo_position,
    step_towards,
)


def test_board_positions_map_through_the_authors_box() -> None:
    assert geo_position(12.0, -8.0, None) == (-8.0, 12.0)
    assert geo_position(0, 0, [0, 0]) == (LON_WEST, LAT_NORTH)
    lon, lat = geo_position(0, 0, [100, 100])
    assert (lon, lat) == (LON_WEST + BOX_LON, LAT_NORTH - BOX_LAT)
    # A hand-placed town lands near its real coordinates (Bamako: board [29, 72]).
    bamako = scenario().towns["bamako"]
    lon, lat = geo_position(bamako.lat, bamako.lon, bamako.board)
    assert abs(lon - bamako.lon) < 0.6 and abs(lat - bamako.lat) < 0.6


def test_projection_keeps_cell_aspect_and_fits() -> None:
    proj = Projection.fit(100, 30)
    assert proj.sx == 2 * proj.sy
    assert proj.width <= 100 and proj.height <= 30
    zoomed = Projection.fit(100, 30, zoom=1)
    assert zoomed.sy == 2 * proj.sy


def test_canvas_draws_every_town_with_its_status_symbol() -> None:
    sc = scenario()
    view = observe(new_game(sc, 1), "junta")
    for zoom in (0, 1, 2):
        canvas = build_canvas(sc, view, Projection.fit(100, 30, zoom), zoom)
        for town, (x, y) in canvas.town_cells.items():
            assert canvas.tags[y][x] == f"t:{town}"
            status = view.town_status[town]
            expected = {"government": "●", "contested": "◐", "besieged": "◎",
                        "insurgent": "✖"}[status]
            if town == "bamako":
                expected = "★"
            assert canvas.chars[y][x] == expected
        assert "Bamako" in canvas.text()   # the capital is always named


def test_route_marks_and_fog() -> None:
    sc = scenario()
    state = new_game(sc, 1)
    view = observe(state, "junta")
    view = dataclasses.replace(view, route_damage={"kati-kolokani": 2},
                               checkpoints={"bamako-kati": 1},
                               ambushed={"didieni-kolokani": view.turn - 1})
    canvas = build_canvas(sc, view, Projection.fit(160, 50, 1), 1)
    marks = {canvas.chars[y][x] for x, y in canvas.cells_of["r:kati-kolokani"]}
    assert "✕" in marks
    assert "!" in {canvas.chars[y][x] for x, y in canvas.cells_of["r:didieni-kolokani"]}
    # The presence shown is the junta's estimate, never the true numbers.
    for tag, cells in canvas.cells_of.items():
        if tag.startswith("g:"):
            text = "".join(canvas.chars[y][x] for x, y in sorted(cells))
            assert text == f"~{view.fighters[tag[2:]]}"
            assert view.fighters[tag[2:]] == state.fighter_estimate[tag[2:]]


def test_cursor_moves_to_the_nearest_town_in_a_direction() -> None:
    cells = {"a": (10, 10), "east": (20, 10), "far_east": (40, 10), "north": (10, 4),
             "south_east": (30, 20)}
    assert step_towards(cells, "a", "right") == "east"
    assert step_towards(cells, "a", "up") == "north"
    assert step_towards(cells, "a", "left") is None
    assert step_towards(cells, "east", "down") == "south_east"
