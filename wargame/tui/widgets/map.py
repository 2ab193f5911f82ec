"""The board: a Line API widget (`ScrollView.render_line`) over a `Canvas` of cells.

Rows are turned into Strips once and cached; moving the cursor re-renders and refreshes
only the rows that hold the old and the new selection. The canvas itself is rebuilt only
when the view (a new turn), the zoom or the widget's size changes. Styles come from
COMPONENT_CLASSES, so themes (including the ANSI ones) and NO_COLOR apply; every status
also has its own symbol, so colour is never the only signal.
"""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ...engine import Scenario, View
from ..mapmodel import ZOOMS, Canvas, Projection, build_canvas, scenario_box, step_towards
from ..messages import PlaceSelected


class MapView(ScrollView, can_focus=True):
    """The map of towns and routes for one side's view."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "map--secure", "map--contested", "map--besieged", "map--insurgent",
        "map--road", "map--corridor", "map--blockaded", "map--damaged", "map--ambushed",
        "map--checkpoint", "map--label", "map--capital", "map--roadname", "map--presence",
        "map--cursor",
    }

    DEFAULT_CSS = """
    MapView { background: $surface; }
    MapView > .map--secure { color: $primary; text-style: bold; }
    MapView > .map--contested { color: $warning; text-style: bold; }
    MapView > .map--besieged { color: $accent; text-style: bold; }
    MapView > .map--insurgent { color: $error; text-style: bold; }
    MapView > .map--road { color: $foreground 45%; }
    MapView > .map--corridor { color: $foreground 80%; }
    MapView > .map--blockaded { color: $secondary; text-style: bold; }
    MapView > .map--damaged { color: $error; text-style: bold; }
    MapView > .map--ambushed { color: $error; text-style: bold; }
    MapView > .map--checkpoint { color: $warning; text-style: bold; }
    MapView > .map--label { color: $foreground; }
    MapView > .map--capital { color: $foreground; text-style: bold; }
    MapView > .map--roadname { color: $foreground 55%; text-style: italic; }
    MapView > .map--presence { color: $error 80%; }
    MapView > .map--cursor { text-style: reverse bold; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "cursor('left')", "West", show=False),
        Binding("right", "cursor('right')", "East", show=False),
        Binding("up", "cursor('up')", "North", show=False),
        Binding("down", "cursor('down')", "South", show=False),
        Binding("shift+left", "pan(-8, 0)", "Pan", show=False),
        Binding("shift+right", "pan(8, 0)", "Pan", show=False),
        Binding("shift+up", "pan(0, -4)", "Pan", show=False),
        Binding("shift+down", "pan(0, 4)", "Pan", show=False),
        Binding("plus,equals_sign", "zoom(1)", "Zoom in", show=False),
        Binding("minus", "zoom(-1)", "Zoom out", show=False),
        Binding("r", "next_road", "Road", show=False),
        Binding("c", "centre", "Centre", show=False),
    ]

    view: reactive[View | None] = reactive(None, layout=False, repaint=False)
    zoom: reactive[int] = reactive(0, repaint=False)

    def __init__(self, scenario: Scenario, *, selected: str | None = None,
                 zoom: int | None = None, name: str | None = None, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.scenario = scenario
        self.selected = selected or ""                # "t:<town>" or "r:<route>"
        self._auto_zoom = zoom is None
        self.set_reactive(MapView.zoom, zoom or 0)
        self.canvas: Canvas | None = None
        self._fit: tuple[int, int] | None = None       # widget size the canvas was fitted to
        self._strips: dict[tuple[int, tuple[tuple[int, int], ...]], Strip] = {}  # row, cut
        self._styles: dict[str, Style] = {}
        self._road_anchor: str | None = None

    # ------------------------------------------------------------------ data in
    def watch_view(self, view: View | None) -> None:
        self._rebuild()

    def watch_zoom(self, old: int, new: int) -> None:
        if old == new:
            return
        self._rebuild(keep_centre=True)

    def on_resize(self, event: events.Resize) -> None:
        if self._fit != (self.size.width, self.size.height):
            self._rebuild(keep_centre=False)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._strips.clear()

    def _rebuild(self, keep_centre: bool = False) -> None:
        if self.view is None or self.size.width <= 0 or self.size.height <= 0:
            return
        width, height = self.size.width, self.size.height
        if self._auto_zoom:
            # Start at the first zoom whose scale keeps the towns apart (a row or more
            # per degree and a half); small terminals open zoomed in on the cursor.
            self._auto_zoom = False
            base = Projection.fit(width, height, box=scenario_box(self.scenario)).sy
            level = next((i for i, z in enumerate(ZOOMS) if base * z >= 1.8), len(ZOOMS) - 1)
            self.set_reactive(MapView.zoom, level)
        self._fit = (width, height)
        proj = Projection.fit(width, height, self.zoom, box=scenario_box(self.scenario))
        self.canvas = build_canvas(self.scenario, self.view, proj, self.zoom)
        self._strips.clear()
        self.virtual_size = Size(self.canvas.width, self.canvas.height)
        self.refresh()
        self.call_after_refresh(self.scroll_to_selection, centre=True)

    # ------------------------------------------------------------------ rendering
    def _style(self, name: str) -> Style:
        style = self._styles.get(name)
        if style is None:
            base = self.rich_style
            style = base if not name else base + self.get_component_rich_style(name,
                                                                              partial=True)
            self._styles[name] = style
        return style

    def _row_strip(self, y: int, cut: tuple[tuple[int, int], ...] = ()) -> Strip:
        """Row `y` as a strip, without the words in `cut` (cached by both)."""
        strip = self._strips.get((y, cut))
        if strip is None:
            canvas = self.canvas
            assert canvas is not None
            strip = self._strip_of(*canvas.row_without(y, list(cut)))
            self._strips[(y, cut)] = strip
        return strip

    def _strip_of(self, chars: list[str], styles: list[str], tags: list[str]) -> Strip:
        selected = self.selected
        segments: list[Segment] = []
        run: list[str] = []
        run_key: tuple[str, bool] | None = None
        for x in range(len(chars)):
            key = (styles[x], bool(selected) and tags[x] == selected)
            if key != run_key and run:
                segments.append(self._segment(run, run_key))
                run = []
            run_key = key
            run.append(chars[x])
        if run:
            segments.append(self._segment(run, run_key))
        return Strip(segments, len(chars))

    def _segment(self, run: list[str], key: tuple[str, bool] | None) -> Segment:
        name, highlighted = key or ("", False)
        style = self._style(name)
        if highlighted:
            style = style + self._style("map--cursor")
        return Segment("".join(run), style)

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        row = y + scroll_y
        width = self.size.width
        canvas = self.canvas
        if canvas is None or row >= canvas.height:
            return Strip.blank(width, self.rich_style)
        # A word the window's edge (or a scrollbar) would cut is left out until it is
        # seen whole.
        visible = self.scrollable_content_region.width
        cut = tuple(canvas.cut_words(row, scroll_x, scroll_x + visible))
        strip = self._row_strip(row, cut).crop(scroll_x, scroll_x + width)
        if strip.cell_length < width:
            strip = strip.extend_cell_length(width, self.rich_style)
        return strip

    # ------------------------------------------------------------------ selection
    def select(self, tag: str, *, announce: bool = True, scroll: bool = True) -> None:
        """Move the selection; refresh only the rows it leaves and enters."""
        if tag == self.selected:
            return
        old, self.selected = self.selected, tag
        if self.canvas is not None:
            rows = self.canvas.rows_of(old) | self.canvas.rows_of(tag)
            for key in [k for k in self._strips if k[0] in rows]:
                del self._strips[key]
            scroll_y = self.scroll_offset.y
            width = max(self.virtual_size.width, self.size.width)
            for row in sorted(rows):
                self.refresh(Region(0, row - scroll_y, width, 1))
        if scroll:
            self.scroll_to_selection()
        if announce:
            kind = "town" if tag.startswith("t:") else "route"
            self.post_message(PlaceSelected(kind, tag[2:]))  # type: ignore[arg-type]

    def selected_town(self) -> str | None:
        return self.selected[2:] if self.selected.startswith("t:") else None

    def scroll_to_selection(self, centre: bool = False) -> None:
        canvas = self.canvas
        if canvas is None or not self.selected:
            return
        cells = canvas.cells_of.get(self.selected)
        if not cells:
            return
        xs = [x for x, _ in cells]
        ys = [y for _, y in cells]
        region = Region(min(xs), min(ys), max(xs) - min(xs) + 1, max(ys) - min(ys) + 1)
        if centre:
            self.scroll_to(max(0, region.x - self.size.width // 2),
                           max(0, region.y - self.size.height // 2), animate=False,
                           immediate=True)
        else:
            self.scroll_to_region(region, spacing=None, animate=False, immediate=True)

    def action_cursor(self, direction: str) -> None:
        canvas = self.canvas
        if canvas is None:
            return
        current = self.selected_town()
        if current is None and self.selected.startswith("r:"):
            route = self.scenario.routes.get(self.selected[2:])
            current = route.from_town if route else None
        if current is None:
            current = next(iter(canvas.town_cells))
            self.select(f"t:{current}")
            return
        target = step_towards(canvas.town_cells, current, direction)
        if target is not None:
            self.select(f"t:{target}")
        elif self.selected != f"t:{current}":
            self.select(f"t:{current}")

    def action_pan(self, dx: int, dy: int) -> None:
        self.scroll_to(self.scroll_x + dx, self.scroll_y + dy, animate=False)

    def action_zoom(self, delta: int) -> None:
        self.zoom = max(0, min(len(ZOOMS) - 1, self.zoom + delta))

    def action_centre(self) -> None:
        self.scroll_to_selection(centre=True)

    def action_next_road(self) -> None:
        """Select the roads from the selected town one by one, then the town again."""
        town = self.selected_town()
        if town is not None:
            self._road_anchor = town
        anchor = self._road_anchor
        if anchor is None:
            return
        roads = [f"r:{r}" for r, route in self.scenario.routes.items()
                 if anchor in (route.from_town, route.to_town)]
        cycle = [*roads, f"t:{anchor}"]
        index = cycle.index(self.selected) if self.selected in cycle else -1
        self.select(cycle[(index + 1) % len(cycle)])

    def on_click(self, event: events.Click) -> None:
        canvas = self.canvas
        offset = event.get_content_offset(self)
        if canvas is None or offset is None:
            return
        x, y = offset.x + self.scroll_offset.x, offset.y + self.scroll_offset.y
        tag = canvas.tag_at(x, y)
        if not (tag.startswith("t:") or tag.startswith("r:")):
            town = canvas.nearest_town(x, y)
            tag = f"t:{town}" if town else ""
        if tag:
            self.focus()
            self.select(tag, scroll=False)

    def town_screen_offset(self, town: str) -> tuple[int, int] | None:
        """Where a town's symbol is on the widget now (for tests driving the mouse)."""
        if self.canvas is None or town not in self.canvas.town_cells:
            return None
        x, y = self.canvas.town_cells[town]
        return x - self.scroll_offset.x, y - self.scroll_offset.y
