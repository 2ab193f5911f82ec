"""The board as a grid of character cells: projection, routes, towns, labels.

Pure Python (no Textual), so it is cheap to test and to time. `build_canvas` turns the
static scenario and one side's `View` into a `Canvas` whose cells carry a character, a
style name (a component class of the map widget) and the id of what they show (for mouse
clicks and for highlighting the selection). The widget turns rows of cells into Strips.

Projection: equirectangular lon/lat onto the cell grid, x scaled 2 cells per unit of y
(terminal cells are about twice as tall as wide). A town's hand-placed `board: [x, y]`
(0..100, x east, y south) overrides its coordinates; the map author assumed the box spans
longitude -12.5..3.0 and latitude 19..10, so board positions are mapped through that box.

The board shows the scenario's own area (`scenario_box`): its `map.bounds` if it has them,
else the box of its towns with a margin, so that a regional scenario fills the widget
instead of a corner of the country; a scenario spanning most of the country keeps the
national frame, in which the hand-placed positions were drawn.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..engine import Scenario, View

LON_WEST, LON_EAST = -12.5, 3.0
LAT_NORTH, LAT_SOUTH = 19.0, 10.0
BOX_LON = LON_EAST - LON_WEST
BOX_LAT = LAT_NORTH - LAT_SOUTH
MARGIN_X, MARGIN_Y = 1, 1
LABEL_ROOM = 12          # columns to the right of the box for the labels of eastern towns
ZOOMS = (1.0, 2.0, 3.5)  # zoom level -> scale relative to "fit the widget"

# Town status -> (symbol, style); the capital keeps a star while it is held.
STATUS_SYMBOL = {"government": "●", "contested": "◐", "besieged": "◎", "insurgent": "✖"}
STATUS_STYLE = {"government": "map--secure", "contested": "map--contested",
                "besieged": "map--besieged", "insurgent": "map--insurgent"}
STATUS_WORD = {"government": "secure", "contested": "contested", "besieged": "besieged",
               "insurgent": "held by JNIM"}
CAPITAL_SYMBOL = "★"
ROUTE_MARK_DAMAGED = "✕"
ROUTE_MARK_AMBUSH = "!"
ROUTE_MARK_CHECKPOINT = "⊘"
KIND_RANK = {"capital": 0, "city": 1, "town": 2, "border_post": 3, "outpost": 3, "mine": 3,
             "factory": 3, "village": 4}

# Line glyphs by (horizontal, vertical, down-right, up-right) for each kind of road.
GLYPHS = {
    "road": ("─", "│", "╲", "╱"),
    "corridor": ("━", "┃", "╲", "╱"),
    "blockade": ("═", "║", "╲", "╱"),
}

LEGEND = (
    ("●", "map--secure", "secure"), ("◐", "map--contested", "contested"),
    ("◎", "map--besieged", "besieged"), ("✖", "map--insurgent", "held by JNIM"),
    ("━", "map--corridor", "fuel corridor"), ("═", "map--blockaded", "blockade"),
    ("✕", "map--damaged", "road cut"), ("!", "map--ambushed", "ambush this turn"),
    ("⊘", "map--checkpoint", "checkpoint"), ("~n", "map--presence", "JNIM estimate"),
)


@dataclass(frozen=True)
class Box:
    """An area in degrees: west..east longitude, south..north latitude."""

    west: float
    east: float
    south: float
    north: float

    @property
    def lon_span(self) -> float:
        return self.east - self.west

    @property
    def lat_span(self) -> float:
        return self.north - self.south


NATIONAL = Box(LON_WEST, LON_EAST, LAT_SOUTH, LAT_NORTH)
NATIONAL_SHARE = 0.75   # a scenario whose towns span this much of the country keeps it
MIN_SPAN = 1.0          # degrees: a map of two nearby towns is not zoomed to a street
PAD = 0.12              # margin around the towns, as a share of their span
FEW_TOWNS = 12          # a map this small names every place at every zoom


def scenario_box(scenario: Scenario) -> Box:
    """The area the board shows for `scenario` (see the module's docstring)."""
    bounds = scenario.spec.map.bounds
    if bounds is not None:
        return Box(bounds.west, bounds.east, bounds.south, bounds.north)
    points = [geo_position(t.lat, t.lon, t.board) for t in scenario.towns.values()]
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    extent = Box(min(lons), max(lons), min(lats), max(lats))
    inside = (NATIONAL.west <= extent.west and extent.east <= NATIONAL.east
              and NATIONAL.south <= extent.south and extent.north <= NATIONAL.north)
    if inside and extent.lon_span >= NATIONAL_SHARE * NATIONAL.lon_span \
            and extent.lat_span >= NATIONAL_SHARE * NATIONAL.lat_span:
        return NATIONAL
    pad_lon = max(MIN_SPAN - extent.lon_span, 0) / 2 + PAD * max(extent.lon_span, MIN_SPAN)
    pad_lat = max(MIN_SPAN - extent.lat_span, 0) / 2 + PAD * max(extent.lat_span, MIN_SPAN)
    return Box(extent.west - pad_lon, extent.east + pad_lon, extent.south - pad_lat,
               extent.north + pad_lat)


def geo_position(lat: float, lon: float, board: list[float] | None) -> tuple[float, float]:
    """(lon, lat) of a town, its hand-placed board position mapped through the box."""
    if board is not None:
        bx, by = board
        return LON_WEST + bx / 100 * BOX_LON, LAT_NORTH - by / 100 * BOX_LAT
    return lon, lat


@dataclass(frozen=True)
class Projection:
    """Cells per degree: `sy` rows per degree of latitude, twice as many columns per
    degree of longitude."""

    sy: float
    box: Box = NATIONAL

    @property
    def sx(self) -> float:
        return 2 * self.sy

    def cell(self, lon: float, lat: float) -> tuple[int, int]:
        return (MARGIN_X + round((lon - self.box.west) * self.sx),
                MARGIN_Y + round((self.box.north - lat) * self.sy))

    @property
    def width(self) -> int:
        return 2 * MARGIN_X + round(self.box.lon_span * self.sx) + LABEL_ROOM

    @property
    def height(self) -> int:
        return 2 * MARGIN_Y + round(self.box.lat_span * self.sy) + 1

    @classmethod
    def fit(cls, width: int, height: int, zoom: int = 0, box: Box = NATIONAL) -> Projection:
        """The scale that fits `box` in `width` x `height` cells, times the zoom."""
        usable_w = max(10, width - 2 * MARGIN_X - LABEL_ROOM)
        usable_h = max(5, height - 2 * MARGIN_Y - 1)
        sy = min(usable_h / box.lat_span, usable_w / (2 * box.lon_span))
        return cls(max(0.6, sy) * ZOOMS[max(0, min(zoom, len(ZOOMS) - 1))], box)


@dataclass
class Canvas:
    """Rows of cells: `chars[y][x]`, `styles[y][x]` (a component class or ""), `tags[y][x]`
    ("t:<town>", "r:<route>", or "" for empty); `town_cells` is each town's symbol cell and
    `cells_of` every cell of a tag (symbol, label, line), for highlighting."""

    width: int
    height: int
    chars: list[list[str]]
    styles: list[list[str]]
    tags: list[list[str]]
    town_cells: dict[str, tuple[int, int]] = field(default_factory=dict)
    cells_of: dict[str, list[tuple[int, int]]] = field(default_factory=dict)

    @classmethod
    def blank(cls, width: int, height: int) -> Canvas:
        return cls(width, height, [[" "] * width for _ in range(height)],
                   [[""] * width for _ in range(height)], [[""] * width for _ in range(height)])

    def inside(self, x: int, y: int) -> bool:
        return 0 <= x < self.width and 0 <= y < self.height

    def put(self, x: int, y: int, char: str, style: str, tag: str) -> None:
        if self.inside(x, y):
            self.chars[y][x] = char
            self.styles[y][x] = style
            self.tags[y][x] = tag

    def index(self) -> None:
        """Record the cells of every tag (after drawing, when no cell changes owner)."""
        self.cells_of = {}
        for y, row in enumerate(self.tags):
            for x, tag in enumerate(row):
                if tag:
                    self.cells_of.setdefault(tag, []).append((x, y))

    def rows_of(self, tag: str) -> set[int]:
        return {y for _, y in self.cells_of.get(tag, ())}

    def tag_at(self, x: int, y: int) -> str:
        return self.tags[y][x] if self.inside(x, y) else ""

    def nearest_town(self, x: int, y: int, radius: int = 3) -> str | None:
        best: tuple[float, str] | None = None
        for town, (tx, ty) in self.town_cells.items():
            d = math.hypot(tx - x, 2 * (ty - y))
            if d <= radius * 2 and (best is None or d < best[0]):
                best = (d, town)
        return best[1] if best else None

    def text(self) -> str:
        """The canvas as plain text (tests, debugging)."""
        return "\n".join("".join(row).rstrip() for row in self.chars)


def _line(x0: int, y0: int, x1: int, y1: int) -> list[tuple[int, int]]:
    """Bresenham's line from (x0, y0) to (x1, y1), both ends included."""
    points = []
    dx, dy = abs(x1 - x0), -abs(y1 - y0)
    sx, sy = (1 if x0 < x1 else -1), (1 if y0 < y1 else -1)
    err = dx + dy
    x, y = x0, y0
    while True:
        points.append((x, y))
        if x == x1 and y == y1:
            return points
        e2 = 2 * err
        if e2 >= dy:
            err += dy
            x += sx
        if e2 <= dx:
            err += dx
            y += sy


def _glyph(prev: tuple[int, int], nxt: tuple[int, int], glyphs: tuple[str, ...]) -> str:
    ddx, ddy = nxt[0] - prev[0], nxt[1] - prev[1]
    if ddy == 0:
        return glyphs[0]
    if ddx == 0 or abs(ddx) < abs(ddy):
        return glyphs[1]
    if abs(ddx) > 2 * abs(ddy) + 1:
        return glyphs[0]
    return glyphs[2] if (ddx > 0) == (ddy > 0) else glyphs[3]


def short_road(name: str) -> str:
    """'RN15 (number uncertain)' -> 'RN15'; 'RN (Ségou–Markala), ...' -> 'RN'."""
    return name.split(" (")[0].split(",")[0].split(" /")[0].strip()


def route_state(view: View, route_id: str, corridor: str | None) -> list[str]:
    """The statuses of a route a player sees, most serious first (words)."""
    out = []
    if view.route_damage.get(route_id, 0) > 0:
        out.append("cut")
    if view.ambushed.get(route_id, -99) >= view.turn - 1:
        out.append("ambushed this turn")
    if view.checkpoints.get(route_id, 0) > 0:
        out.append("checkpoint")
    if corridor and view.blockades.get(corridor, 0) > 0:
        out.append("blockaded")
    return out


def town_label(view: View, scenario: Scenario, town_id: str) -> str:
    town = scenario.towns[town_id]
    label = town.name
    if view.garrison is not None and view.garrison.get(town_id, 0) > 0:
        label += f"[{view.garrison[town_id]}]"
    if town.kind == "capital":
        label += f" fuel {view.fuel_days}d"
    return label


class _Occupancy:
    """Cells already used by symbols and labels (routes may be written over)."""

    def __init__(self, width: int, height: int) -> None:
        self.width, self.height = width, height
        self.used: set[tuple[int, int]] = set()

    def free(self, x: int, y: int, length: int, pad: int = 0) -> bool:
        if y < 0 or y >= self.height or x < 0 or x + length > self.width:
            return False
        return all((cx, y) not in self.used for cx in range(x - pad, x + length + pad))

    def take(self, x: int, y: int, length: int) -> None:
        for cx in range(x, x + length):
            self.used.add((cx, y))


def town_order(scenario: Scenario) -> list[str]:
    """Towns by importance: labels of the important ones are placed first."""
    return sorted(scenario.towns, key=lambda t: (KIND_RANK.get(scenario.towns[t].kind, 5),
                                                 -scenario.towns[t].population, t))


def build_canvas(scenario: Scenario, view: View, proj: Projection, zoom: int = 0) -> Canvas:
    """Draw the board for one side's view at one scale."""
    canvas = Canvas.blank(proj.width, proj.height)
    cells: dict[str, tuple[int, int]] = {}
    taken: set[tuple[int, int]] = set()
    for tid in town_order(scenario):   # the important towns keep their place
        t = scenario.towns[tid]
        x, y = proj.cell(*geo_position(t.lat, t.lon, t.board))
        # Two towns in one cell at a small scale: the lesser moves to the nearest free
        # cell, so that every town stays visible and can be selected.
        for dx, dy in ((0, 0), (1, 0), (-1, 0), (0, 1), (0, -1), (2, 0), (-2, 0), (1, 1),
                       (-1, 1), (1, -1), (-1, -1), (2, 1), (-2, 1), (2, -1), (-2, -1)):
            spot = (x + dx, y + dy)
            if spot not in taken and canvas.inside(*spot):
                break
        cells[tid] = spot
        taken.add(spot)
    canvas.town_cells = dict(cells)
    occ = _Occupancy(canvas.width, canvas.height)
    for cell in cells.values():
        occ.take(cell[0] - 1, cell[1], 3)   # a town and one cell either side stay clear

    # Routes: lines, then the status marks at their middle.
    route_cells: dict[str, list[tuple[int, int]]] = {}
    for rid, route in scenario.routes.items():
        a, b = cells[route.from_town], cells[route.to_town]
        points = _line(*a, *b)
        inner = points[1:-1]
        route_cells[rid] = inner
        status = route_state(view, rid, route.corridor)
        if "blockaded" in status:
            kind, style = "blockade", "map--blockaded"
        elif route.corridor:
            kind, style = "corridor", "map--corridor"
        else:
            kind, style = "road", "map--road"
        if "cut" in status or "ambushed this turn" in status:
            style = "map--damaged" if "cut" in status else "map--ambushed"
        tag = f"r:{rid}"
        for i, (x, y) in enumerate(inner):
            if (x, y) in cells.values():
                continue
            prev = points[i]
            nxt = points[i + 2]
            canvas.put(x, y, _glyph(prev, nxt, GLYPHS[kind]), style, tag)
        marks = []
        if "cut" in status:
            marks.append((ROUTE_MARK_DAMAGED, "map--damaged"))
        if "ambushed this turn" in status:
            marks.append((ROUTE_MARK_AMBUSH, "map--ambushed"))
        if "checkpoint" in status:
            marks.append((ROUTE_MARK_CHECKPOINT, "map--checkpoint"))
        if marks and inner:
            start = max(0, len(inner) // 2 - len(marks) // 2)
            for j, (char, mstyle) in enumerate(marks):
                x, y = inner[min(len(inner) - 1, start + j)]
                canvas.put(x, y, char, mstyle, tag)
                occ.used.add((x, y))

    # Towns: the status symbol.
    for tid, (x, y) in cells.items():
        town_status = view.town_status.get(tid, "government")
        town = scenario.towns[tid]
        symbol = (CAPITAL_SYMBOL if town.kind == "capital" and town_status == "government"
                  else STATUS_SYMBOL.get(town_status, "●"))
        canvas.put(x, y, symbol, STATUS_STYLE.get(town_status, "map--secure"), f"t:{tid}")

    # Labels, the important towns first; a label that does not fit is left out (the
    # details panel names every town) rather than written over another.
    # Minor places (border posts, mines, villages) are named at higher zooms, except on a
    # small map, where there is room for every name.
    minor_from = 9 if len(scenario.towns) <= FEW_TOWNS else {0: 2, 1: 4, 2: 9}.get(zoom, 9)
    for tid in town_order(scenario):
        town = scenario.towns[tid]
        if KIND_RANK.get(town.kind, 5) > minor_from:
            continue
        x, y = cells[tid]
        full = town_label(view, scenario, tid)
        capital = town.kind == "capital"
        style = "map--capital" if capital else "map--label"
        texts = list(dict.fromkeys((full, town.name)))
        label_spot: tuple[int, int, str] | None = None
        for text in texts:
            n = len(text)
            places = [(x + 2, y), (x - 1 - n, y), (x - n // 2, y - 1), (x - n // 2, y + 1)]
            if capital:
                places += [(x + 1, y - 1), (x + 1, y + 1), (x - n, y - 1), (x - n, y + 1),
                           (x - n // 2, y - 2), (x - n // 2, y + 2)]
            for lx, ly in places:
                if occ.free(lx, ly, n, pad=1) or (capital and occ.free(lx, ly, n)):
                    label_spot = (lx, ly, text)
                    break
            if label_spot:
                break
        if label_spot is None and capital:   # the capital is always named
            text = texts[-1]
            label_spot = (max(0, min(x + 2, canvas.width - len(text))), y, text)
        if label_spot is not None:
            lx, ly, text = label_spot
            for i, ch in enumerate(text):
                canvas.put(lx + i, ly, ch, style, f"t:{tid}")
            occ.take(lx, ly, len(text))

    # Road names: each road named on its longest segments where there is room.
    per_road = {0: 1, 1: 2}.get(zoom, 99)
    roads: dict[str, list[str]] = {}
    for rid, route in scenario.routes.items():
        roads.setdefault(short_road(route.road), []).append(rid)
    for name, rids in sorted(roads.items()):
        if zoom == 0 and (name.islower() or len(name) < 3):
            continue
        rids.sort(key=lambda r: (-len(route_cells[r]), r))
        shown = 0
        for rid in rids:
            if shown >= per_road:
                break
            inner = route_cells[rid]
            if len(inner) < len(name) // 2 + 2:
                continue
            mx, my = inner[len(inner) // 2]
            for lx, ly in ((mx - len(name) // 2, my - 1), (mx - len(name) // 2, my + 1),
                           (mx + 1, my)):
                if occ.free(lx, ly, len(name), pad=1):
                    for i, ch in enumerate(name):
                        canvas.put(lx + i, ly, ch, "map--roadname", f"r:{rid}")
                    occ.take(lx, ly, len(name))
                    shown += 1
                    break

    # The insurgency's presence per region: the junta's estimate (fog of war), or the
    # insurgency's own numbers in its view. Placed near the region's centre.
    for rid in scenario.regions:
        fighters = view.fighters.get(rid, 0)
        if fighters <= 0:
            continue
        towns = scenario.region_towns.get(rid, ())
        if not towns:
            continue
        cx = round(sum(cells[t][0] for t in towns) / len(towns))
        cy = round(sum(cells[t][1] for t in towns) / len(towns)) + 1
        text = f"~{fighters}" if view.fighters_are_estimates else f"{fighters}f"
        for dx, dy in _spiral(6):
            lx, ly = cx + dx - len(text) // 2, cy + dy
            if occ.free(lx, ly, len(text), pad=1) and all(
                    canvas.chars[ly][c] == " " for c in range(lx, lx + len(text))):
                for i, ch in enumerate(text):
                    canvas.put(lx + i, ly, ch, "map--presence", f"g:{rid}")
                occ.take(lx, ly, len(text))
                break
    canvas.index()
    return canvas


def _spiral(radius: int) -> Iterable[tuple[int, int]]:
    yield 0, 0
    for r in range(1, radius + 1):
        for dy in range(-r // 2, r // 2 + 1):
            for dx in (-r, r):
                yield dx, dy
        for dx in range(-r + 1, r):
            for dy in (-(r // 2 + 1), r // 2 + 1):
                yield dx, dy


def step_towards(cells: dict[str, tuple[int, int]], current: str,
                 direction: str) -> str | None:
    """The nearest town from `current` in a direction (up, down, left, right).

    Distances are visual (a row is two columns tall). A town must lie ahead; within
    that, the score favours towns close to the line of travel. None when none lies ahead.
    """
    if current not in cells:
        return None
    ux, uy = {"left": (-1, 0), "right": (1, 0), "up": (0, -1), "down": (0, 1)}[direction]
    x0, y0 = cells[current]
    best: tuple[float, str] | None = None
    for town, (x, y) in cells.items():
        if town == current:
            continue
        dx, dy = x - x0, 2 * (y - y0)
        along = dx * ux + dy * uy
        across = abs(dx * uy - dy * ux)
        if along <= 0:
            continue
        score = along + 2 * across if across <= 2 * along else along + 6 * across
        if best is None or (score, town) < best:
            best = (score, town)
    return best[1] if best else None
