"""The instructor's view of a class: every team's game, refreshed as its autosaves land.

A table of the teams (turn, date, the main tracks with sparklines, the last turn's
notable events, the ending, the reasons they recorded), the highlighted team in detail
below it; from it, any team's after-action report and the comparison of selected teams
(`wargame report` and `wargame compare`, as Markdown).

The folder is watched (`watchfiles`: the operating system's change notifications, no
polling loop), and a team is read again only when one of its files changed.
"""

from __future__ import annotations

import threading
import time
import unicodedata
from pathlib import Path
from typing import Any, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Static

from ...i18n import N_, _, localized, ngettext
from ...present.events import event_text
from ...saves.classroom import TeamStatus, read_team, team_folders
from ...saves.report import sparkline
from ..widgets.footer import Footer
from .base import translate_bindings

SPARK_TURNS = 12          # the sparklines show the last dozen weeks
# Column titles marked for the catalogue, translated when the table is built.
COLUMNS = (("mark", "✓"), ("team", N_("Team")), ("turn", N_("Turn")), ("date", N_("Week of")),
           ("fuel_days", N_("Fuel (days)")), ("junta_capital", N_("Junta support, Bamako")),
           ("cohesion", N_("Army cohesion")), ("treasury", N_("Treasury")),
           ("towns_held", N_("Towns lost")), ("ending", N_("Ending")),
           ("last", N_("Last turn")), ("reasons", N_("Reasons")))
TRACK_KEYS = ("fuel_days", "junta_capital", "cohesion", "treasury", "towns_held")


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"


def _sort_key(name: object) -> tuple[str, str]:
    """Teams in alphabetical order, accents aside (Équipe with the E's)."""
    text = str(name).casefold()
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return plain, text


def _stamp(folder: Path) -> tuple[tuple[str, int, int], ...]:
    """What a team's files look like now: re-read the team only when this changes."""
    found = []
    try:
        for path in folder.iterdir():
            if path.suffix == ".json":
                stat = path.stat()
                found.append((path.name, stat.st_mtime_ns, stat.st_size))
    except OSError:
        return ()
    return tuple(sorted(found))


def row_cells(status: TeamStatus, marked: bool) -> dict[str, str | Content]:
    """The table's cells of one team."""
    cells: dict[str, str | Content] = {
        "mark": "✓" if marked else " ", "team": status.name, "turn": status.turn_text(),
        "date": status.date_text()}
    by_key = {t.key: t for t in status.tracks()}
    for key in TRACK_KEYS:
        track = by_key.get(key)
        if track is None:
            cells[key] = "—"
            continue
        values = track.values[-SPARK_TURNS:]
        cells[key] = Content.assemble((sparkline(values), "$secondary"), f" {values[-1]}")
    cells["ending"] = _clip(status.ending() or ("—" if status.save else
                                                status.problem() or "—"), 34)
    events = status.last_events()
    cells["last"] = (_clip(event_text(events[0]), 44) + (f" (+{len(events) - 1})"
                                                  if len(events) > 1 else "")
                     if events else "—")
    reasons = status.reasons()
    cells["reasons"] = (f"{len(reasons)}: " + _clip(f"“{reasons[-1][1]}”", 32)
                        if reasons else "—")
    return cells


def detail_text(status: TeamStatus) -> Content:
    """The highlighted team: its save, the last turn's events, ending, every reason."""
    parts: list[str | tuple[str, str]] = [(status.name, "bold"), "  (" + _("folder {name}").format(
        name=status.folder.name)]
    if status.save is not None:
        parts.append(f", {status.save.name}")
    parts.append(")\n")
    if status.problem():
        parts += [(f"{status.problem()}\n", "$warning")]
    game = status.game
    if game is None:
        return Content.assemble(*parts)
    if status.ending():
        from ...engine import ending_of

        ending = ending_of(game.state)
        parts += [(_("Ending: "), "bold"), f"{status.ending()}. ",
                  (localized(ending.explanation) if ending else ""), "\n"]
    events = status.last_events()
    if status.played:
        parts += [(_("Turn {turn}, notable events:").format(turn=status.played), "bold"),
                  "" if events else " " + _("none"), "\n"]
        parts += [f"  • {event_text(e)}\n" for e in events]
    reasons = status.reasons()
    parts += [(_("Reasons recorded:"), "bold"), "" if reasons else " " + _("none yet"), "\n"]
    parts += ["  " + _("turn {turn}: “{reason}”").format(turn=turn, reason=reason) + "\n"
              for turn, reason in reasons]
    return Content.assemble(*parts)


class MarkdownScreen(Screen[None]):
    """A report or a comparison, as `wargame report` and `wargame compare` write it."""

    DEFAULT_CSS = """
    MarkdownScreen #md-title { height: 1; background: $primary; padding: 0 1; }
    MarkdownScreen #md-body { padding: 0 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q", "close", N_("Back"))]

    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        translate_bindings(self)   # the class view is an app of its own: not WargameApp
        self.title_text = title
        self.text = text

    def compose(self) -> ComposeResult:
        yield Static(Content.styled(self.title_text, "bold"), id="md-title")
        from rich.markdown import Markdown

        with VerticalScroll(id="md-body"):   # Rich's renderer: one widget, drawn at once
            yield Static(Markdown(self.text), id="md")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#md-body").focus()

    def action_close(self) -> None:
        self.dismiss(None)


class ClassScreen(Screen[None]):
    """The live table of a class folder's teams."""

    DEFAULT_CSS = """
    ClassScreen #class-title { height: 1; background: $primary; padding: 0 1; }
    ClassScreen #teams { height: 2fr; }
    ClassScreen #team-detail-box { height: 1fr; border-top: solid $panel; padding: 0 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,r", "report", N_("Report")),
        Binding("space", "mark", N_("Select")),
        Binding("c", "compare", N_("Compare selected")),
        Binding("q", "app.quit", N_("Quit")),
    ]

    def __init__(self, folder: Path, *, poll: float | None = None) -> None:
        super().__init__()
        translate_bindings(self)
        self.folder = Path(folder)
        self.poll = poll                     # seconds, for folders without notifications
        self.teams: dict[str, TeamStatus] = {}
        self.marked: set[str] = set()
        self.updated = _("never")
        self._stamps: dict[str, tuple[tuple[str, int, int], ...]] = {}
        self._dirty: set[str] = set()
        self._dirty_lock = threading.Lock()
        self._reading = False

    def compose(self) -> ComposeResult:
        yield Static(id="class-title")
        table: DataTable[str | Content] = DataTable(id="teams", cursor_type="row",
                                                    zebra_stripes=True)
        for key, label in COLUMNS:
            label = _(label) if key != "mark" else label
            table.add_column(label, key=key)
        yield table
        with VerticalScroll(id="team-detail-box"):
            yield Static("No team yet: the teams appear here as they join.", id="team-detail")
        yield Footer()

    def on_mount(self) -> None:
        self.show_title()
        self.query_one(DataTable).focus()
        self.mark_dirty({p.name for p in team_folders(self.folder)})
        self.watch_folder()

    # ------------------------------------------------------------------ reading the folder
    def mark_dirty(self, names: set[str]) -> None:
        """Read these teams again (in a thread: a save is replayed to be verified)."""
        if not names:
            return
        with self._dirty_lock:
            self._dirty |= names
            start = not self._reading
            self._reading = True
        if start:
            self._read_teams()

    @work(thread=True, group="read-teams")
    def _read_teams(self) -> None:
        while True:
            with self._dirty_lock:
                names, self._dirty = self._dirty, set()
                if not names:
                    self._reading = False
                    return
            for name in sorted(names):
                folder = self.folder / name
                if not folder.is_dir() or name.startswith("."):
                    self.app.call_from_thread(self._drop_team, name)
                    continue
                stamp = _stamp(folder)
                if name in self.teams and self._stamps.get(name) == stamp:
                    continue
                status = read_team(folder)
                self._stamps[name] = stamp
                self.app.call_from_thread(self._show_team, name, status)

    @work(exclusive=True, group="watch")
    async def watch_folder(self) -> None:
        """Wait for the operating system to report changes in the class folder."""
        from watchfiles import awatch

        self.folder.mkdir(parents=True, exist_ok=True)
        options: dict[str, Any] = {"recursive": True, "debounce": 400}
        if self.poll:
            options.update(force_polling=True, poll_delay_ms=int(self.poll * 1000))
        async for changes in awatch(self.folder, **options):
            names = set()
            for _change, path in changes:
                try:
                    parts = Path(path).relative_to(self.folder).parts
                except ValueError:
                    continue
                if parts and not parts[0].startswith("."):
                    names.add(parts[0])
            self.mark_dirty(names)

    # ------------------------------------------------------------------ showing it
    def show_title(self) -> None:
        count = len(self.teams)
        self.query_one("#class-title", Static).update(Content.assemble(
            (_("The class"), "bold"), f" · {self.folder} · " + ngettext(
                "{n} team", "{n} teams", count).format(n=count)
            + _(" · updated {time} · Enter: report · Space: select · c: compare").format(
                time=self.updated)))

    def _show_team(self, name: str, status: TeamStatus) -> None:
        table: DataTable[str | Content] = self.query_one(DataTable)
        self.teams[name] = status
        cells = row_cells(status, name in self.marked)
        if name in table.rows:
            for key, value in cells.items():
                table.update_cell(name, key, value, update_width=True)
        else:
            table.add_row(*(cells[key] for key, _label in COLUMNS), key=name)
            table.sort("team", key=_sort_key)
        self.updated = time.strftime("%H:%M:%S")
        self.show_title()
        self.show_detail()

    def _drop_team(self, name: str) -> None:
        table: DataTable[str | Content] = self.query_one(DataTable)
        if name in table.rows:
            table.remove_row(name)
        self.teams.pop(name, None)
        self.marked.discard(name)
        self.show_title()
        self.show_detail()

    def highlighted(self) -> TeamStatus | None:
        table: DataTable[str | Content] = self.query_one(DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self.teams.get(str(key))

    def show_detail(self) -> None:
        status = self.highlighted()
        if status is not None:
            self.query_one("#team-detail", Static).update(detail_text(status))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_detail()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_report()

    # ------------------------------------------------------------------ actions
    def action_mark(self) -> None:
        status = self.highlighted()
        if status is None:
            return
        name = status.folder.name
        self.marked ^= {name}
        table: DataTable[str | Content] = self.query_one(DataTable)
        table.update_cell(name, "mark", "✓" if name in self.marked else " ")

    def action_report(self) -> None:
        from ...saves.report import markdown

        status = self.highlighted()
        if status is None:
            return
        if status.save is None:
            self.notify(f"{status.name}: {status.problem()}", severity="warning",
                        markup=False)
            return
        self.app.push_screen(MarkdownScreen(_("After-action review · {team}").format(
                                                team=status.name),
                                            markdown(status.save)))

    def action_compare(self) -> None:
        from ...saves.compare import compare, labels
        from ...saves.format import SaveError

        chosen = [self.teams[n] for n in sorted(self.marked) if n in self.teams]
        saves = [s.save for s in chosen if s.save is not None]
        if len(saves) < 2:
            self.notify(_("Select two teams or more (Space), then press c to compare them."),
                        severity="warning")
            return
        try:
            text = compare(saves)
        except SaveError as exc:
            self.notify(str(exc), severity="error", timeout=10, markup=False)
            return
        # Name the runs by team rather than by file (they are mostly all autosave-1.json).
        teams = [s for s in chosen if s.save is not None]
        for label, status in zip(labels(saves), teams, strict=True):
            text = text.replace(label, status.name)
        names = ", ".join(s.name for s in chosen)
        self.app.push_screen(MarkdownScreen(_("Comparison · {teams}").format(teams=names),
                                            text))
