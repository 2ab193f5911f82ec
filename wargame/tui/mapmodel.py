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
from dataclasses import dataclass, field
from functools import lru_cache

from ..engine import Scenario, View
from ..i18n import N_, _, current_language, localized
from .labels import LabelLayout, Slot, layout_labels, presence_text, town_order

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
# Line glyphs by (horizontal, vertical, down-right, up-right) for each kind of road.
GLYPHS = {
    "road": ("─", "│", "╲", "╱"),
    "corridor": ("━", "┃", "╲", "╱"),
    "blockade": ("═", "║", "╲", "╱"),
}

# The words are English, marked for the catalogue: translated where they are shown.
LEGEND = (
    ("●", "map--secure", N_("secure")), ("◐", "map--contested", N_("contested")),
    ("◎", "map--besieged", N_("besieged")), ("✖", "map--insurgent", N_("held by JNIM")),
    ("━", "map--corridor", N_("fuel corridor")), ("═", "map--blockaded", N_("blockade")),
    ("✕", "map--damaged", N_("road cut")), ("!", "map--ambushed", N_("ambush this turn")),
    ("⊘", "map--checkpoint", N_("checkpoint")), ("~n", "map--presence", N_("JNIM estimate")),
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
    `cells_of` every cell of a tag (symbol, label, line), for highlighting. `words` are
    the runs of text written over the drawing (row -> [(first x, end x)]) and `under`
    what they cover, so that a word the window's edge would cut can be left out."""

    width: int
    height: int
    chars: list[list[str]]
    styles: list[list[str]]
    tags: list[list[str]]
    town_cells: dict[str, tuple[int, int]] = field(default_factory=dict)
    cells_of: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    words: dict[int, list[tuple[int, int]]] = field(default_factory=dict)
    under: dict[tuple[int, int], tuple[str, str, str]] = field(default_factory=dict)

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

    def write(self, x: int, y: int, text: str, style: str, tag: str) -> None:
        """Write a word over the drawing, remembering what it covers."""
        for i, char in enumerate(text):
            cx = x + i
            if self.inside(cx, y):
                self.under[(cx, y)] = (self.chars[y][cx], self.styles[y][cx], self.tags[y][cx])
                self.put(cx, y, char, style, tag)
        self.words.setdefault(y, []).append((x, x + len(text)))

    def cut_words(self, y: int, left: int, right: int) -> list[tuple[int, int]]:
        """The words of row `y` that the window [left, right) shows only in part."""
        return [(a, b) for a, b in self.words.get(y, ())
                if (a < left < b) or (a < right < b)]

    def row_without(self, y: int, spans: list[tuple[int, int]]
                    ) -> tuple[list[str], list[str], list[str]]:
        """Row `y` (chars, styles, tags) with the words of `spans` taken off."""
        chars, styles, tags = list(self.chars[y]), list(self.styles[y]), list(self.tags[y])
        for a, b in spans:
            for x in range(max(a, 0), min(b, self.width)):
                chars[x], styles[x], tags[x] = self.under[(x, y)]
        return chars, styles, tags

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


def town_label(view: View, scenario: Scenario, town_id: str,
               extras: tuple[str, ...] = ("garrison", "fuel")) -> str:
    """A town's name and, where its slot has room for them, its garrison (when the side
    sees it) and, for the capital, its fuel."""
    town = scenario.towns[town_id]
    label = localized(town.name)
    if ("garrison" in extras and view.garrison is not None
            and view.garrison.get(town_id, 0) > 0):
        label += f"[{view.garrison[town_id]}]"
    if "fuel" in extras and town.kind == "capital":
        label += " " + _("fuel {days}d").format(days=view.fuel_days)
    return label


@dataclass(frozen=True)
class MapLayout:
    """Everything on the board that does not change from turn to turn at one scale:
    where each town is, the cells of each road, and the words' slots."""

    town_cells: dict[str, tuple[int, int]]
    route_points: dict[str, list[tuple[int, int]]]    # both ends included
    labels: LabelLayout


def static_layout(scenario: Scenario, proj: Projection, zoom: int) -> MapLayout:
    """The layout of a scenario's board at a scale: from the static map only (and the
    language, whose names take their own room)."""
    return _static_layout(scenario, proj, zoom, current_language())


@lru_cache(maxsize=16)
def _static_layout(scenario: Scenario, proj: Projection, zoom: int,
                   language: str) -> MapLayout:
    width, height = proj.width, proj.height
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
            if spot not in taken and 0 <= spot[0] < width and 0 <= spot[1] < height:
                break
        cells[tid] = spot
        taken.add(spot)
    points = {rid: _line(*cells[route.from_town], *cells[route.to_town])
              for rid, route in scenario.routes.items()}
    inner = {rid: [p for p in line[1:-1] if p not in taken] for rid, line in points.items()}
    labels = layout_labels(scenario, cells, inner, width, height, zoom)
    return MapLayout(cells, points, labels)


def build_canvas(scenario: Scenario, view: View, proj: Projection, zoom: int = 0) -> Canvas:
    """Draw the board for one side's view at one scale, into the static layout."""
    layout = static_layout(scenario, proj, zoom)
    canvas = Canvas.blank(proj.width, proj.height)
    cells = layout.town_cells
    canvas.town_cells = dict(cells)
    towns = set(cells.values())

    # Routes: the lines, then each route's status marks in its own cells.
    statuses = {rid: route_state(view, rid, route.corridor)
                for rid, route in scenario.routes.items()}
    for rid, route in scenario.routes.items():
        status = statuses[rid]
        if "blockaded" in status:
            kind, style = "blockade", "map--blockaded"
        elif route.corridor:
            kind, style = "corridor", "map--corridor"
        else:
            kind, style = "road", "map--road"
        if "cut" in status or "ambushed this turn" in status:
            style = "map--damaged" if "cut" in status else "map--ambushed"
        points = layout.route_points[rid]
        for i in range(1, len(points) - 1):
            if points[i] not in towns:
                canvas.put(*points[i], _glyph(points[i - 1], points[i + 1], GLYPHS[kind]),
                           style, f"r:{rid}")
    for rid, status in statuses.items():
        marks = [m for word, m in ROUTE_MARKS if word in status]
        for (x, y), (char, mstyle) in zip(layout.labels.mark_cells[rid], marks, strict=False):
            canvas.put(x, y, char, mstyle, f"r:{rid}")

    # Towns: the status symbol.
    for tid, (x, y) in cells.items():
        town_status = view.town_status.get(tid, "government")
        town = scenario.towns[tid]
        symbol = (CAPITAL_SYMBOL if town.kind == "capital" and town_status == "government"
                  else STATUS_SYMBOL.get(town_status, "●"))
        canvas.put(x, y, symbol, STATUS_STYLE.get(town_status, "map--secure"), f"t:{tid}")

    # Words, each in its slot: names, road numbers, the insurgency's presence (the
    # junta's estimate, or the insurgency's own numbers in its view).
    for slot in layout.labels.slots:
        text, style = _slot_text(scenario, view, slot)
        if text:
            canvas.write(slot.x, slot.y, text, style, slot.tag)
    canvas.index()
    return canvas


ROUTE_MARKS = (("cut", (ROUTE_MARK_DAMAGED, "map--damaged")),
               ("ambushed this turn", (ROUTE_MARK_AMBUSH, "map--ambushed")),
               ("checkpoint", (ROUTE_MARK_CHECKPOINT, "map--checkpoint")))
_SLOT_STYLES = {"town": "map--label", "capital": "map--capital", "road": "map--roadname",
                "presence": "map--presence"}


def _slot_text(scenario: Scenario, view: View, slot: Slot) -> tuple[str, str]:
    """This turn's words for a slot: what changes is dropped, part by part, rather than
    let out of its slot."""
    style = _SLOT_STYLES[slot.kind]
    if slot.kind == "presence":
        fighters = view.fighters.get(slot.tag[2:], 0)
        return (presence_text(fighters, view.fighters_are_estimates) if fighters > 0
                else ""), style
    if slot.kind == "road":
        return slot.text, style
    for extras in (slot.extras, tuple(e for e in slot.extras if e != "garrison"), ()):
        text = town_label(view, scenario, slot.tag[2:], extras)
        if len(text) <= slot.width:
            return text, style
    return "", style


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
