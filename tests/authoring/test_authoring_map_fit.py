"""The board fits the scenario's own area: a regional scenario (the tutorial, or one
written from the template) fills the map instead of a corner of the country, with every
place named; `map.bounds` sets the area; the national scenarios keep the national frame."""

from __future__ import annotations

from pathlib import Path

from wargame.engine import new_game, observe
from wargame.scenario.load import check_bytes, load_scenario
from wargame.scenario.shipped import resolve_scenario
from wargame.tui.mapmodel import NATIONAL, Projection, build_canvas, scenario_box

BASE = Path(__file__).parent / "mistakes" / "base.yaml"


def _canvas(name_or_path: str | Path, width: int = 100, height: int = 30):  # type: ignore[no-untyped-def]
    path = Path(name_or_path) if isinstance(name_or_path, Path) else resolve_scenario(
        name_or_path)
    scenario = load_scenario(path)
    view = observe(new_game(scenario, 1), "junta")
    box = scenario_box(scenario)
    return scenario, box, build_canvas(scenario, view, Projection.fit(width, height, 0, box), 0)


def _used(canvas) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    xs = [x for x, _ in canvas.town_cells.values()]
    ys = [y for _, y in canvas.town_cells.values()]
    return max(xs) - min(xs), max(ys) - min(ys)


def test_tutorial_fills_the_map_and_names_every_place() -> None:
    scenario, box, canvas = _canvas("tutorial")
    assert box != NATIONAL
    wide, tall = _used(canvas)
    assert wide >= 60 and tall >= 12, (wide, tall)  # not a corner of the country
    national = build_canvas(scenario, observe(new_game(scenario, 1), "junta"),
                            Projection.fit(100, 30), 0)
    assert _used(national)[0] * 3 < wide  # what the old frame drew it in
    text = canvas.text()
    for town in scenario.towns.values():
        assert town.name in text, town.name


def test_a_small_worked_example_fits_too() -> None:
    scenario, box, canvas = _canvas(BASE)
    wide, tall = _used(canvas)
    assert tall >= 15 and all(t.name in canvas.text() for t in scenario.towns.values())
    assert box.north - box.south >= 1.0  # never zoomed to a street


def test_national_scenarios_keep_the_national_frame() -> None:
    _, box, _ = _canvas("bamako-blockade-2025")
    assert box == NATIONAL


def test_map_bounds_set_the_area() -> None:
    text = BASE.read_text(encoding="utf-8").replace(
        "map:\n  regions:", "map:\n  bounds: {west: -9.0, east: -7.0, south: 12.0, north: "
        "14.5}  # est: the area of the exercise\n  regions:")
    report = check_bytes(text.encode(), "b.yaml")
    assert report.scenario is not None and report.warnings == []
    box = scenario_box(report.scenario)
    assert (box.west, box.east, box.south, box.north) == (-9.0, -7.0, 12.0, 14.5)
