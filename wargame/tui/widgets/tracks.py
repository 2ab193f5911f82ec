"""The header line, the compact track bar and the tracks panel with trend sparklines."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.content import Content
from textual.widgets import Static

from ..session import Session

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
    unit: str
    bar_unit: str
    lo: int
    hi: int
    higher_is_better: bool


TRACKS = (
    Track("bamako_fuel_days", "Fuel in Bamako", "Fuel", " days", "d", 0, 21, True),
    Track("fuel_price_index", "Fuel price index", "Price", "", "", 100, 500, False),
    Track("treasury", "Treasury", "Treasury", " bn CFA", "", 0, 300, True),
    Track("junta_support", "Support in Bamako", "Bamako", "%", "%", 0, 100, True),
    Track("cohesion", "Army cohesion", "Cohesion", "", "", 0, 100, True),
    Track("isolation", "Isolation", "Isolation", "", "", 0, 100, False),
)


def trend(values: Sequence[int], higher_is_better: bool) -> tuple[str, str]:
    """An arrow and a signed change since last turn, and the style that grades it."""
    if len(values) < 2 or values[-1] == values[-2]:
        return "=", "$text-muted"
    delta = values[-1] - values[-2]
    good = (delta > 0) == higher_is_better
    return (f"▲+{delta}" if delta > 0 else f"▼{delta}"), ("$success" if good else "$error")


class TurnHeader(Static):
    """Scenario, date, `Turn N of M`, the side at the keyboard and its capacity."""

    DEFAULT_CSS = """
    TurnHeader { height: 1; background: $primary; color: $text; padding: 0 1; }
    """

    def show(self, session: Session, status: str = "") -> None:
        view = session.view()
        used, total = session.capacity()
        side = "Junta" if session.side == "junta" else "JNIM"
        turn = min(view.turn, view.turns)
        parts: list[str | tuple[str, str]] = [
            (f"Turn {turn} of {view.turns}", "bold"), f" · week of {view.date} · ",
            (side, "bold"), f" · orders {used}/{total}",
        ]
        if status:
            parts += [" · ", (status, "bold reverse")]
        parts += [" · ", session.scenario.spec.meta.title]
        self.update(Content.assemble(*parts), layout=False)


class TrackBar(Static):
    """The tracks on one line, with their change since last turn."""

    DEFAULT_CSS = """
    TrackBar { height: 1; background: $boost; padding: 0 1; }
    """

    def show(self, session: Session) -> None:
        parts: list[str | tuple[str, str]] = []
        for track in TRACKS:
            values = session.history(track.key)
            if not values:
                continue
            arrow, style = trend(values, track.higher_is_better)
            if parts:
                parts.append(" │ ")
            parts += [f"{track.short} ", (f"{values[-1]}{track.bar_unit}", "bold"),
                      (arrow if arrow != "=" else "", style)]
        view = session.view()
        parts += [" │ ", "Tankers lost ", (str(view.tankers_destroyed), "bold")]
        self.update(Content.assemble(*parts), layout=False)


class TracksPanel(Static):
    """Each track with its value, its change and a sparkline; then support per region."""

    DEFAULT_CSS = """
    TracksPanel { padding: 0 1; }
    """

    def show(self, session: Session) -> None:
        width = max(8, (self.size.width or 30) - 4)
        parts: list[str | tuple[str, str] | Content] = []
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
