"""Where the map's words go: town names, road names, the insurgency's presence, and the
cells of the roads' status marks.

Computed once per projection and zoom from the static map (towns, roads, regions), never
from a turn's state, so nothing moves from turn to turn: a slot keeps room for the
words that change (a garrison `[12]`, the capital's `fuel 14d`, a presence `~650`)
whether or not they are shown this turn. No slot overlaps another (a gap of two cells on
a row, so that two names never read as one), a town's symbol and the cell either side of
it, a road's status mark, or the edge of the map. What does not fit is left out (the
details panel names every town and road) rather than written over something else.

Pure Python (no Textual); `mapmodel.build_canvas` draws into these slots.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from ..engine import Scenario
from ..i18n import _, localized

Cell = tuple[int, int]
SlotKind = Literal["town", "capital", "road", "presence"]

GARRISON_ROOM = len("[99]")        # a garrison of up to 99 companies
FUEL_ROOM = len(" fuel 99d")       # the capital's stock, up to 99 days
PRESENCE_ROOM = len("~9999")       # fighters in a region, up to 9999 (or "~12k")
EXTRA_ROOM = {"garrison": GARRISON_ROOM, "fuel": FUEL_ROOM}
# What a name's slot may keep room for, fullest first.
CAPITAL_EXTRAS: tuple[tuple[str, ...], ...] = (("garrison", "fuel"), ("fuel",), ("garrison",),
                                               ())
TOWN_EXTRAS: tuple[tuple[str, ...], ...] = (("garrison",), ())
MARKS_PER_ROUTE = 3                # cut, ambush, checkpoint
LABEL_GAP = 2                      # blank cells between two words on a row
FEW_TOWNS = 12          # a map this small names every place at every zoom
KIND_RANK = {"capital": 0, "city": 1, "town": 2, "border_post": 3, "outpost": 3, "mine": 3,
             "factory": 3, "village": 4}
LABELLED_RANK = {0: 2, 1: 4}       # zoom -> the least important kind named (more: all)
ROADS_NAMED = {0: 1, 1: 2}         # zoom -> segments named per road (more: all)


@dataclass(frozen=True, slots=True)
class Slot:
    """Room for one word on the map: `width` cells from (x, y). `extras` are the
    turn-by-turn additions it has room for ("garrison", "fuel"), written after the
    name, which begins at (x, y) whatever they are this turn."""

    tag: str                       # t:<town>, r:<route>, g:<region> (selection, clicks)
    kind: SlotKind
    x: int
    y: int
    width: int
    text: str                      # the fixed part: a name, a road's number ("" presence)
    extras: tuple[str, ...] = ()

    def cells(self) -> list[Cell]:
        return [(self.x + i, self.y) for i in range(self.width)]


@dataclass(frozen=True, slots=True)
class LabelLayout:
    slots: tuple[Slot, ...]
    mark_cells: dict[str, tuple[Cell, ...]]    # route -> where its status marks go


class _Room:
    """The cells words may not use, and those already given to words. Next to a town's
    symbol (two cells either side on its row) only that town's own name may go, so that
    a name never reads as a neighbour's."""

    def __init__(self, width: int, height: int, blocked: set[Cell],
                 towns: Iterable[Cell]) -> None:
        self.width, self.height = width, height
        self.blocked = blocked
        self.words: set[Cell] = set()
        self.beside: dict[Cell, set[Cell]] = {}
        for x, y in towns:
            for dx in (-2, 2):
                self.beside.setdefault((x + dx, y), set()).add((x, y))

    def fits(self, x: int, y: int, length: int, gap: int, town: Cell | None = None) -> bool:
        if y < 0 or y >= self.height or x < 0 or x + length > self.width:
            return False
        cells = [(cx, y) for cx in range(x, x + length)]
        if any(c in self.blocked or self.beside.get(c, set()) - {town} for c in cells):
            return False
        return all((cx, y) not in self.words for cx in range(x - gap, x + length + gap))

    def take(self, slot: Slot) -> None:
        self.words.update(slot.cells())


def town_order(scenario: Scenario) -> list[str]:
    """Towns by importance: the important ones are placed (and named) first."""
    return sorted(scenario.towns, key=lambda t: (KIND_RANK.get(scenario.towns[t].kind, 5),
                                                 -scenario.towns[t].population, t))


def short_road(name: str) -> str:
    """'RN15 (number uncertain)' -> 'RN15'; 'RN (Ségou–Markala), ...' -> 'RN'."""
    return name.split(" (")[0].split(",")[0].split(" /")[0].strip()


def _mark_cells(route_cells: dict[str, list[Cell]], taken: set[Cell], count: int,
                already: dict[str, tuple[Cell, ...]] | None = None
                ) -> dict[str, tuple[Cell, ...]]:
    """Up to `count` cells for each road's status marks, nearest its middle: cells it
    `already` has, then cells of that road alone, then (a short road) a crossing that no
    other road marks; never a cell `taken` by a word. (Town cells are not road cells.)"""
    crossing: dict[Cell, int] = {}
    for cells in route_cells.values():
        for cell in set(cells):
            crossing[cell] = crossing.get(cell, 0) + 1
    have = {rid: set(cells) for rid, cells in (already or {}).items()}
    marked = {c for cells in have.values() for c in cells}
    out: dict[str, tuple[Cell, ...]] = {}
    for rid, cells in route_cells.items():
        own = have.get(rid, set())
        middle = (len(cells) - 1) / 2
        free = [i for i, c in enumerate(cells)
                if c in own or (c not in taken and c not in marked)]
        free.sort(key=lambda i: (cells[i] not in own, crossing[cells[i]] > 1,
                                 abs(i - middle), i))
        chosen = [cells[i] for i in sorted(free[:count])]
        marked.update(chosen)
        out[rid] = tuple(chosen)
    return out


def layout_labels(scenario: Scenario, town_cells: dict[str, Cell],
                  route_cells: dict[str, list[Cell]], width: int, height: int,
                  zoom: int) -> LabelLayout:
    """Every word's slot on a canvas of `width` x `height` at `zoom`, and the cells of
    the roads' marks: one per road is kept before the words are placed (the most serious
    status always shows), the others where the words leave room."""
    towns = set(town_cells.values())
    first = _mark_cells(route_cells, set(), 1)
    blocked = {(x + dx, y) for x, y in towns for dx in (-1, 0, 1)}
    blocked.update(c for cells in first.values() for c in cells)
    room = _Room(width, height, blocked, towns)
    slots: list[Slot] = []
    slots += _town_slots(scenario, town_cells, room, zoom)
    slots += _road_slots(scenario, route_cells, room, zoom)
    lines = {c for cells in route_cells.values() for c in cells}
    slots += _presence_slots(scenario, town_cells, room, lines)
    marks = _mark_cells(route_cells, room.words, MARKS_PER_ROUTE, first)
    return LabelLayout(tuple(slots), marks)


def _town_slots(scenario: Scenario, town_cells: dict[str, Cell], room: _Room,
                zoom: int) -> list[Slot]:
    """The important towns first, each at the first place around its symbol where its
    name fits, with room for its garrison (and the capital's fuel) where possible."""
    slots = []
    # A small map (the tutorial, a regional exercise) has room to name every place.
    least = 99 if len(scenario.towns) <= FEW_TOWNS else LABELLED_RANK.get(zoom, 99)
    for tid in town_order(scenario):
        town = scenario.towns[tid]
        name = localized(town.name)   # in the interface's language (Tombouctou)
        if KIND_RANK.get(town.kind, 5) > least:
            continue
        capital = town.kind == "capital"
        variants = CAPITAL_EXTRAS if capital else TOWN_EXTRAS
        x, y = town_cells[tid]
        places = [(extras, lx, ly) for extras in variants
                  for lx, ly in _around(x, y, _width(name, extras))]
        if capital:   # always named: a little further from its symbol if need be
            places += _further(x, y, name, variants)
        fit = next(((extras, lx, ly) for extras, lx, ly in places
                    if room.fits(lx, ly, _width(name, extras), LABEL_GAP, (x, y))), None)
        if fit is not None:
            extras, lx, ly = fit
            slot = Slot(f"t:{tid}", "capital" if capital else "town", lx, ly,
                        _width(name, extras), name, extras)
            room.take(slot)
            slots.append(slot)
    return slots


def _width(name: str, extras: tuple[str, ...]) -> int:
    return len(name) + sum(_room(e) for e in extras)


def _room(extra: str) -> int:
    """The room an extra takes; the capital's fuel as the interface's language writes it
    (` fuel 99d`, ` carb. 99j`), the same words as `mapmodel.town_label`."""
    if extra == "fuel":
        return max(FUEL_ROOM, len(" " + _("fuel {days}d").format(days=99)))
    return EXTRA_ROOM[extra]


def _further(x: int, y: int, name: str, variants: tuple[tuple[str, ...], ...]
             ) -> list[tuple[tuple[str, ...], int, int]]:
    """Places on the two rows above and below a town, nearest first (a row counts as
    four columns), the fuller variant first at a tie."""
    places = []
    for extras in variants:
        n = _width(name, extras)
        for dy in (-1, 1, -2, 2):
            for shift in range(n + 8):
                for lx in (x + shift, x - n + 1 - shift):
                    places.append((4 * abs(dy) + shift, -n, extras, lx, y + dy))
    places.sort(key=lambda p: (p[0], p[1]))
    return [(extras, lx, ly) for _, _, extras, lx, ly in places]


def _around(x: int, y: int, n: int) -> list[Cell]:
    """Where a word of `n` cells may begin by a town at (x, y), in order of preference:
    on its row to the right then the left, then on the rows above and below: beginning
    just after the symbol's column, ending just before it, beginning or ending on it, or
    centred on it."""
    return [(x + 2, y), (x - 1 - n, y), (x + 1, y - 1), (x + 1, y + 1), (x - n, y - 1),
            (x - n, y + 1), (x, y - 1), (x, y + 1), (x - n + 1, y - 1), (x - n + 1, y + 1),
            (x - n // 2, y - 1), (x - n // 2, y + 1)]


def _road_slots(scenario: Scenario, route_cells: dict[str, list[Cell]], room: _Room,
                zoom: int) -> list[Slot]:
    """Each road's number on its longest segments, beside their middle."""
    per_road = ROADS_NAMED.get(zoom, 99)
    roads: dict[str, list[str]] = {}
    for rid, route in scenario.routes.items():
        roads.setdefault(short_road(localized(route.road)), []).append(rid)
    slots = []
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
            n = len(name)
            for lx, ly in ((mx - n // 2, my - 1), (mx - n // 2, my + 1), (mx + 1, my)):
                if room.fits(lx, ly, n, 1):
                    slot = Slot(f"r:{rid}", "road", lx, ly, n, name)
                    room.take(slot)
                    slots.append(slot)
                    shown += 1
                    break
    return slots


def _presence_slots(scenario: Scenario, town_cells: dict[str, Cell], room: _Room,
                    lines: set[Cell]) -> list[Slot]:
    """A slot per region for the insurgency's numbers there, near the middle of its
    towns, on blank cells (not over a road)."""
    slots = []
    for rid in scenario.regions:
        towns = scenario.region_towns.get(rid, ())
        if not towns:
            continue
        cx = round(sum(town_cells[t][0] for t in towns) / len(towns))
        cy = round(sum(town_cells[t][1] for t in towns) / len(towns)) + 1
        n = PRESENCE_ROOM
        for dx, dy in _spiral(6):
            lx, ly = cx + dx - n // 2, cy + dy
            if room.fits(lx, ly, n, 1) and not any((c, ly) in lines for c in range(lx, lx + n)):
                slot = Slot(f"g:{rid}", "presence", lx, ly, n, "")
                room.take(slot)
                slots.append(slot)
                break
    return slots


def _spiral(radius: int) -> Iterable[tuple[int, int]]:
    yield 0, 0
    for r in range(1, radius + 1):
        for dy in range(-r // 2, r // 2 + 1):
            for dx in (-r, r):
                yield dx, dy
        for dx in range(-r + 1, r):
            for dy in (-(r // 2 + 1), r // 2 + 1):
                yield dx, dy


def presence_text(fighters: int, estimate: bool) -> str:
    """'~650' (the junta's estimate) or '650f' (the insurgency's own count), in thousands
    when that is too long for its slot."""
    mark, unit = ("~", "") if estimate else ("", "f")
    text = f"{mark}{fighters}{unit}"
    return text if len(text) <= PRESENCE_ROOM else f"{mark}{fighters // 1000}k{unit}"
