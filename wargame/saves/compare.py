"""Runs from the same starting position side by side, for the seminar's debrief:
outcome, final tracks, the turn where the runs diverged, and each run's key decisions."""

from __future__ import annotations

from collections import Counter

from ..engine.game import Game, TurnRecord
from ..engine.safetext import printable
from .format import SaveError
from .report import (
    change_text,
    iso_week,
    orders_text,
    outcome_short,
    tracks,
    turning_points,
)
from .store import LoadedSave


def check_comparable(saves: list[LoadedSave], force: bool = False) -> list[str]:
    """Refuse saves of different scenarios (unless `force`); return notes for the output."""
    notes = []
    first = saves[0]
    want = first.header["scenario"]
    for other in saves[1:]:
        got = other.header["scenario"]
        if got["sha256"] != want["sha256"]:
            same_id = got["id"] == want["id"]
            what = (f"another version of scenario '{got['id']}'" if same_id
                    else f"scenario '{got['id']}'")
            message = (f"{other.name} plays {what} (sha256 {got['sha256'][:12]}), "
                       f"{first.name} plays '{want['id']}' (sha256 {want['sha256'][:12]})")
            if not force:
                raise SaveError(f"{message}; only runs of the same scenario can be compared "
                                "(--force compares them anyway)")
            notes.append(f"Compared with --force: {message}.")
    seeds = sorted({s.game.seed for s in saves})
    if len(seeds) > 1:
        notes.append("The runs have different seeds (" + ", ".join(map(str, seeds)) + "): "
                     "they did not start from the same position.")
    return notes


def _same(a: TurnRecord, b: TurnRecord) -> bool:
    return a.orders == b.orders and a.digest == b.digest


def shared_turns(games: list[Game]) -> int:
    """How many turns all the runs played identically from the start."""
    shared = 0
    while all(len(g.records) > shared for g in games) and all(
            _same(g.records[shared], games[0].records[shared]) for g in games[1:]):
        shared += 1
    return shared


def labels(saves: list[LoadedSave]) -> list[str]:
    names = [s.name for s in saves]
    if len(set(names)) == len(names):
        return names
    return [str(s.path) for s in saves]


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _row(title: str, cells: list[str]) -> str:
    return f"| {title} | " + " | ".join(_cell(c) for c in cells) + " |"


def compare(saves: list[LoadedSave], force: bool = False) -> str:
    """The comparison in Markdown. Raises SaveError for runs that cannot be compared."""
    if len(saves) < 2:
        raise SaveError("compare needs at least two saves")
    notes = check_comparable(saves, force)
    games = [s.game for s in saves]
    names = labels(saves)
    first = games[0]
    meta = first.scenario.spec.meta
    out = [f"# Comparison of {len(saves)} runs: {meta.title}", ""]
    out += [f"- {note}" for note in notes]
    if notes:
        out.append("")

    shared = shared_turns(games)
    lengths = {len(g.records) for g in games}
    if shared == max(lengths) and len(lengths) == 1:
        out.append(f"The runs are identical: the same orders and the same position after "
                   f"each of their {shared} turns.")
        diverged = None
    else:
        diverged = shared + 1
        start = (f"They share turns 1–{shared} and" if shared > 1 else
                 "They share turn 1 and" if shared == 1 else "They")
        out.append(f"{start} diverge at turn {diverged} (week of {iso_week(first, diverged)}).")

    out += ["", "## Outcome and final tracks", ""]
    out.append("| | " + " | ".join(_cell(n) for n in names) + " |")
    out.append("|---|" + "---|" * len(names))
    out.append(_row("Outcome", [outcome_short(g) for g in games]))
    out.append(_row("Turns played", [str(len(g.records)) for g in games]))
    out.append(_row("Seed", [str(g.seed) for g in games]))
    out.append(_row("Branched from", [f"{s.parent}, turn {s.branch_turn}" if s.parent else "—"
                                      for s in saves]))
    series = [tracks(g) for g in games]
    for i, track in enumerate(series[0]):
        out.append(_row(track.label, [str(ts[i].values[-1]) for ts in series]))
    out.append(_row("Towns held by JNIM (names)", [
        ", ".join(first.scenario.towns[t].name for t in g.state.towns_held) or "none"
        for g in games]))

    if diverged is not None:
        out += ["", f"## Turn {diverged}: where the runs part", ""]
        out.append("| | " + " | ".join(_cell(n) for n in names) + " |")
        out.append("|---|" + "---|" * len(names))
        recs = [g.records[diverged - 1] if len(g.records) >= diverged else None for g in games]
        out.append(_row("Junta orders", [orders_text(r.orders.get("junta", [])) if r else
                                         "(not played)" for r in recs]))
        out.append(_row("Reason", [f"“{r.reason}”" if r and r.reason else "—" for r in recs]))
        out.append(_row("JNIM orders", [orders_text(r.orders.get("insurgency", [])) if r else
                                        "(not played)" for r in recs]))

    start_turn = diverged or 1
    out += ["", "## Key decisions", ""]
    for name, game in zip(names, games, strict=True):
        out.append(f"### {name}")
        out.append("")
        later = [r for r in game.records if r.turn >= start_turn]
        kinds: Counter[str] = Counter(o.split()[0] for r in later
                                      for o in r.orders.get("junta", []))
        span = f"from turn {start_turn} on" if diverged else "over the game"
        tally = ", ".join(f"{k} ×{n}" for k, n in sorted(kinds.items(), key=lambda kv:
                                                          (-kv[1], kv[0])))
        out.append(f"- Junta orders {span}: {tally or 'none'}.")
        reasons = [r for r in later if r.reason]
        if reasons:
            out.append("- Reasons given: " + "; ".join(f"turn {r.turn} “{r.reason}”"
                                                        for r in reasons) + ".")
        else:
            out.append("- Reasons given: none.")
        points = [p for p in turning_points(game, tracks(game)) if p.turn >= start_turn]
        for p in points:
            out.append(f"- Turning point, turn {p.turn}: {change_text(p.changes)}.")
        out.append("")
    return printable("\n".join(out).rstrip("\n") + "\n")  # names and reasons: from saves
