"""The header line, the compact track bar and the tracks panel with trend sparklines."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.events import Click
from textual.widgets import Static

from ...i18n import N_, _, format_week, localized
from ...present.ledgertext import cause_line, label_of, names_of
from ..screens.base import translate_bindings
from ..session import Session
from .fit import Part, first_that_fits

BARS = "▁▂▃▄▅▆▇█"


def sparkline(values: Sequence[int], lo: int, hi: int, width: int) -> str:
    """The last `width` values as bars on a fixed scale (so the height means a level,
    not only a change); one character per turn."""
    if not values:
        return ""
    span = max(1, hi - lo)
    out = []
    for v in values[-width:]:
        level = (min(max(v, lo), hi) - lo) * (len(BARS) - 1) // span
        out.append(BARS[level])
    return "".join(out)


@dataclass(frozen=True)
class Track:
    key: str
    label: str
    short: str
    tiny: str                 # in the narrowest track bar (the help spells them out)
    unit: str
    bar_unit: str
    lo: int
    hi: int
    higher_is_better: bool


# The words are marked for the catalogue and translated where they are shown (`_`):
# this table is built at import, before the language is chosen.
TRACKS = (
    Track("bamako_fuel_days", N_("Fuel in Bamako"), N_("Fuel"), N_("Fuel"), N_(" days"),
          N_("d"), 0, 21, True),
    Track("fuel_price_index", N_("Fuel price index"), N_("Price"), N_("Price"), "", "", 100,
          500, False),
    Track("treasury", N_("Treasury"), N_("Treasury"), N_("Treas."), N_(" bn CFA"), "", 0, 300,
          True),
    Track("junta_support", N_("Support in Bamako"), N_("Bamako"), N_("Bamako"), "%", "%", 0,
          100, True),
    Track("cohesion", N_("Army cohesion"), N_("Cohesion"), N_("Coh."), "", "", 0, 100, True),
    Track("isolation", N_("Isolation"), N_("Isolation"), N_("Isol."), "", "", 0, 100, False),
)


def trend(values: Sequence[int], higher_is_better: bool) -> tuple[str, str]:
    """An arrow and a signed change since last turn, and the style that grades it."""
    if len(values) < 2 or values[-1] == values[-2]:
        return "=", "$text-muted"
    delta = values[-1] - values[-2]
    good = (delta > 0) == higher_is_better
    return (f"▲+{delta}" if delta > 0 else f"▼{delta}"), ("$success" if good else "$error")


class TurnHeader(Static):
    """`Turn N of M`, the date, the side at the keyboard, its capacity, a status and the
    scenario's title; in a narrow terminal the date loses its words, then the title goes
    (it is on the title screen and in the help), never cut."""

    DEFAULT_CSS = """
    TurnHeader { height: 1; background: $primary; color: $text; padding: 0 1; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: tuple[Session, str] | None = None

    def show(self, session: Session, status: str = "") -> None:
        self._shown = (session, status)
        view = session.view()
        used, total = session.capacity()
        side = _("Junta") if session.side == "junta" else "JNIM"
        turn: Part = (_("Turn {turn} of {turns}").format(turn=min(view.turn, view.turns),
                                                          turns=view.turns), "bold")
        who: list[Part] = [(side, "bold"),
                           _(" · orders {used}/{total}").format(used=used, total=total)]
        if status:
            who += [" · ", (status, "bold reverse")]
        title = localized(session.scenario.spec.meta.title)
        date = format_week(view.date)
        candidates: list[list[Part]] = [
            [turn, _(" · week of {date} · ").format(date=date), *who, " · ", title],
            [turn, f" · {date} · ", *who, " · ", title],
            [turn, f" · {date} · ", *who],
            [turn, " · ", *who],
        ]
        self.update(first_that_fits(candidates, self._width()), layout=False)

    def _width(self) -> int:
        return self.size.width or self.app.size.width - 2

    def on_resize(self) -> None:
        if self._shown is not None:
            self.show(*self._shown)


class TrackBar(Static):
    """The tracks on one line, with their change since last turn; in a narrow terminal
    the changes keep only their arrow and the labels shorten, so that every track (and
    the tankers lost) stays on the line."""

    DEFAULT_CSS = """
    TrackBar { height: 1; background: $boost; padding: 0 1; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._session: Session | None = None

    def show(self, session: Session) -> None:
        self._session = session
        series = [(track, session.history(track.key)) for track in TRACKS]
        tankers = str(session.view().tankers_destroyed)
        candidates = [self._line(series, tankers, tiny, deltas, sep)
                      for tiny, deltas, sep in ((False, True, " │ "), (False, False, " │ "),
                                                (True, False, " │ "), (True, False, " "))]
        width = self.size.width or self.app.size.width - 2
        self.update(first_that_fits(candidates, width), layout=False)

    @staticmethod
    def _line(series: list[tuple[Track, list[int]]], tankers: str, tiny: bool,
              deltas: bool, separator: str) -> list[Part]:
        parts: list[Part] = []
        for track, values in series:
            if not values:
                continue
            arrow, style = trend(values, track.higher_is_better)
            if not deltas:
                arrow = arrow[:1]
            if parts:
                parts.append(separator)
            parts += [f"{_(track.tiny) if tiny else _(track.short)} ",
                      (f"{values[-1]}{_(track.bar_unit)}", "bold"),
                      (arrow if arrow != "=" else "", style)]
        return [*parts, separator, _("Tankers lost "), (tankers, "bold")]

    def on_resize(self) -> None:
        if self._session is not None:
            self.show(self._session)


# The ledger's name for each track of the panel (the capital's support for "junta_support").
LEDGER_KEY = {"bamako_fuel_days": "fuel_stock", "fuel_price_index": "fuel_price_index",
              "treasury": "treasury", "junta_support": "junta_support",
              "cohesion": "cohesion", "isolation": "isolation"}


class TracksPanel(Static, can_focus=True):
    """Each track with its value, its change and a sparkline; then support per region.
    With the focus, ↑/↓ (or a click) select a track or a region: its causes last turn and
    its history are shown under the table. Nothing is selected until then (the app may
    focus the panel by itself when the board opens)."""

    DEFAULT_CSS = """
    TracksPanel { padding: 0 1; }
    TracksPanel:focus { background: $boost; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "move(1)", N_("Next track"), show=False),
        Binding("up,k", "move(-1)", N_("Previous track"), show=False),
    ]

    def on_mount(self) -> None:
        translate_bindings(self)   # its keys' words, in the player's language

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._session: Session | None = None
        self.selected: int | None = None       # index into `items()`
        self._lines: dict[int, int] = {}       # line of the panel -> item index

    def items(self, session: Session) -> list[tuple[str, str | None]]:
        """What may be selected, as ledger keys: the tracks the side sees, then the
        junta's support in each region."""
        out: list[tuple[str, str | None]] = []
        for track in TRACKS:
            if session.history(track.key):
                region = session.capital_region() if track.key == "junta_support" else None
                out.append((LEDGER_KEY[track.key], region))
        out += [("junta_support", rid) for rid in session.scenario.regions]
        return out

    def action_move(self, step: int) -> None:
        if self._session is None:
            return
        count = len(self.items(self._session))
        self.selected = 0 if self.selected is None else (self.selected + step) % count
        self.show(self._session)
        self.call_after_refresh(self.scroll_end, animate=False)   # the causes, at the end

    def on_click(self, event: Click) -> None:
        item = self._lines.get(event.y + round(self.scroll_y))   # the panel may scroll
        if item is not None and self._session is not None:
            self.selected = item
            self.focus()
            self.show(self._session)

    def show(self, session: Session) -> None:
        self._session = session
        width = max(8, (self.size.width or 30) - 4)
        items = self.items(session)
        chosen = items[self.selected] if self.selected is not None and \
            self.selected < len(items) else None
        parts: list[Part] = []
        lines: dict[int, int] = {}
        line = 0
        for track in TRACKS:
            values = session.history(track.key)
            if not values:
                parts += [(_(track.label), "bold"), "  " + _("hidden from you") + "\n\n"]
                line += 2
                continue
            key = items.index((LEDGER_KEY[track.key], session.capital_region()
                               if track.key == "junta_support" else None))
            lines[line] = lines[line + 1] = key
            arrow, style = trend(values, track.higher_is_better)
            hi = max(track.hi, max(values))
            label_style = "bold reverse" if key == self.selected else "bold"
            parts += [(_(track.label), label_style), f"  {values[-1]}{_(track.unit)} ",
                      (arrow, style), "\n", (sparkline(values, track.lo, hi, width),
                                             "$secondary"), "\n"]
            line += 2
        view = session.view()
        sc = session.scenario
        est = "~" if view.fighters_are_estimates else ""
        # Translators: a table's header; the columns are 12, 6, 5 and 8 characters wide.
        parts += ["\n", (_("Region        Junta JNIM Fighters"), "bold underline"), "\n"]
        line += 2
        for rid, region in sc.regions.items():
            key = items.index(("junta_support", rid))
            lines[line] = key
            row = (f"{localized(region.name)[:12]:<12} {view.support_junta[rid]:>5}% "
                   f"{view.support_insurgency[rid]:>3}% {est}{fighters_of(view, rid):>6}\n")
            parts.append((row, "reverse") if key == self.selected else row)
            line += 1
        if view.fighters_are_estimates:
            parts += [(_("~ the army's estimate: intelligence is poor in most regions"),
                       "italic $text-muted")]
        if chosen is not None:
            parts += why_parts(session, chosen, width)
        self._lines = lines
        self.update(Content.assemble(*parts))


def fighters_of(view: object, region: str) -> int:
    fighters: dict[str, int] = getattr(view, "fighters", {})
    return fighters.get(region, 0)


def why_parts(session: Session, key: tuple[str, str | None], width: int) -> list[Part]:
    """The selected track's history as a sparkline and its causes last turn."""
    track, region = key
    label = label_of(track, region, names_of(session.scenario))
    series = (session.history("junta_support", region) if track == "junta_support"
              else session.history(next(k for k, v in LEDGER_KEY.items() if v == track)))
    parts: list[Part] = ["\n\n", (label, "bold underline"), "\n"]
    if series:
        parts += [(sparkline(series, min(series), max(series), width), "$secondary"),
                  " " + _("{before} → {after} since the start").format(
                      before=series[0], after=series[-1]) + "\n"]
    group = next((g for g in session.last_groups() if (g.track, g.region) == key), None)
    if not session.game.records:
        parts.append(_("No turn played yet."))
    elif group is None or not any(c.delta for c in group.causes + group.folded):
        parts.append(_("Nothing moved it last turn."))
    else:
        parts += [(group.headline(), "bold"), "\n"]
        parts += [f"  {cause_line(c, group.unit)}\n" for c in group.causes + group.folded]
    return parts
