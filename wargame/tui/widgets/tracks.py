"""The header line, the compact track bar and the tracks panel with trend sparklines."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.content import Content
from textual.widgets import Static

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


TRACKS = (
    Track("bamako_fuel_days", "Fuel in Bamako", "Fuel", "Fuel", " days", "d", 0, 21, True),
    Track("fuel_price_index", "Fuel price index", "Price", "Price", "", "", 100, 500, False),
    Track("treasury", "Treasury", "Treasury", "Treas.", " bn CFA", "", 0, 300, True),
    Track("junta_support", "Support in Bamako", "Bamako", "Bamako", "%", "%", 0, 100, True),
    Track("cohesion", "Army cohesion", "Cohesion", "Coh.", "", "", 0, 100, True),
    Track("isolation", "Isolation", "Isolation", "Isol.", "", "", 0, 100, False),
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
        side = "Junta" if session.side == "junta" else "JNIM"
        turn: Part = (f"Turn {min(view.turn, view.turns)} of {view.turns}", "bold")
        who: list[Part] = [(side, "bold"), f" · orders {used}/{total}"]
        if status:
            who += [" · ", (status, "bold reverse")]
        title = session.scenario.spec.meta.title
        candidates: list[list[Part]] = [
            [turn, f" · week of {view.date} · ", *who, " · ", title],
            [turn, f" · {view.date} · ", *who, " · ", title],
            [turn, f" · {view.date} · ", *who],
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
            parts += [f"{track.tiny if tiny else track.short} ",
                      (f"{values[-1]}{track.bar_unit}", "bold"),
                      (arrow if arrow != "=" else "", style)]
        return [*parts, separator, "Tankers lost ", (tankers, "bold")]

    def on_resize(self) -> None:
        if self._session is not None:
            self.show(self._session)


class TracksPanel(Static):
    """Each track with its value, its change and a sparkline; then support per region."""

    DEFAULT_CSS = """
    TracksPanel { padding: 0 1; }
    """

    def show(self, session: Session) -> None:
        width = max(8, (self.size.width or 30) - 4)
        parts: list[Part] = []
        for track in TRACKS:
            values = session.history(track.key)
            if not values:
                parts += [(track.label, "bold"), "  hidden from you\n\n"]
                continue
            arrow, style = trend(values, track.higher_is_better)
            hi = max(track.hi, max(values))
            parts += [(track.label, "bold"), f"  {values[-1]}{track.unit} ", (arrow, style),
                      "\n", (sparkline(values, track.lo, hi, width), "$secondary"), "\n"]
        view = session.view()
        sc = session.scenario
        est = "~" if view.fighters_are_estimates else ""
        parts += ["\n", ("Region        Junta JNIM Fighters", "bold underline"), "\n"]
        for rid, region in sc.regions.items():
            fighters = view.fighters.get(rid, 0)
            parts += [f"{region.name[:12]:<12} {view.support_junta[rid]:>5}% "
                      f"{view.support_insurgency[rid]:>3}% {est}{fighters:>6}\n"]
        if view.fighters_are_estimates:
            parts += [("~ the army's estimate: intelligence is poor in most regions",
                       "italic $text-muted")]
        self.update(Content.assemble(*parts))
