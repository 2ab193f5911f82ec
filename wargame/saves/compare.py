"""Runs from the same starting position side by side, for the seminar's debrief:
outcome, final tracks, the turn where the runs diverged, and each run's key decisions."""

from __future__ import annotations

from collections import Counter

from ..engine.game import Game, TurnRecord
from ..engine.safetext import printable
from ..i18n import _, list_separator, localized, ngettext
from .format import SaveError
from .report import (
    change_text,
    orders_text,
    outcome_short,
    tracks,
    turning_points,
    week,
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
            message = (_("{other} plays another version of scenario '{id}' (sha256 {hash}), "
                         "{first} plays '{want}' (sha256 {want_hash})") if same_id else
                       _("{other} plays scenario '{id}' (sha256 {hash}), {first} plays "
                         "'{want}' (sha256 {want_hash})")).format(
                other=other.name, id=got["id"], hash=got["sha256"][:12], first=first.name,
                want=want["id"], want_hash=want["sha256"][:12])
            if not force:
                raise SaveError(_("{message}; only runs of the same scenario can be compared "
                                  "(--force compares them anyway)").format(message=message))
            notes.append(_("Compared with --force: {message}.").format(message=message))
    seeds = sorted({s.game.seed for s in saves})
    if len(seeds) > 1:
        notes.append(_("The runs have different seeds ({seeds}): they did not start from "
                       "the same position.").format(seeds=", ".join(map(str, seeds))))
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
        raise SaveError(_("compare needs at least two saves"))
    notes = check_comparable(saves, force)
    games = [s.game for s in saves]
    names = labels(saves)
    first = games[0]
    meta = first.scenario.spec.meta
    out = [_("# Comparison of {count} runs: {title}").format(count=len(saves),
                                                            title=localized(meta.title)), ""]
    out += [f"- {note}" for note in notes]
    if notes:
        out.append("")

    shared = shared_turns(games)
    lengths = {len(g.records) for g in games}
    if shared == max(lengths) and len(lengths) == 1:
        out.append(ngettext("The runs are identical: the same orders and the same position "
                            "after their {turns} turn.",
                            "The runs are identical: the same orders and the same position "
                            "after each of their {turns} turns.", shared).format(turns=shared))
        diverged = None
    else:
        diverged = shared + 1
        week_text = week(first, diverged)
        out.append((_("They share turns 1–{shared} and diverge at turn {turn} (week of "
                      "{date}).") if shared > 1 else
                    _("They share turn 1 and diverge at turn {turn} (week of {date}).")
                    if shared == 1 else
                    _("They diverge at turn {turn} (week of {date}).")).format(
            shared=shared, turn=diverged, date=week_text))

    out += ["", _("## Outcome and final tracks"), ""]
    out.append("| | " + " | ".join(_cell(n) for n in names) + " |")
    out.append("|---|" + "---|" * len(names))
    out.append(_row(_("Outcome"), [outcome_short(g) for g in games]))
    out.append(_row(_("Turns played"), [str(len(g.records)) for g in games]))
    out.append(_row(_("Seed"), [str(g.seed) for g in games]))
    out.append(_row(_("Branched from"), [
        _("{save}, turn {turn}").format(save=s.parent, turn=s.branch_turn) if s.parent
        else "—" for s in saves]))
    series = [tracks(g) for g in games]
    for i, track in enumerate(series[0]):
        out.append(_row(_(track.label), [str(ts[i].values[-1]) for ts in series]))
    out.append(_row(_("Towns held by JNIM (names)"), [
        ", ".join(localized(first.scenario.towns[t].name) for t in g.state.towns_held)
        or _("none") for g in games]))

    if diverged is not None:
        out += ["", _("## Turn {turn}: where the runs part").format(turn=diverged), ""]
        out.append("| | " + " | ".join(_cell(n) for n in names) + " |")
        out.append("|---|" + "---|" * len(names))
        recs = [g.records[diverged - 1] if len(g.records) >= diverged else None for g in games]
        out.append(_row(_("Junta orders"), [orders_text(r.orders.get("junta", [])) if r else
                                            _("(not played)") for r in recs]))
        out.append(_row(_("Reason"), [f"“{r.reason}”" if r and r.reason else "—"
                                      for r in recs]))
        out.append(_row(_("JNIM orders"), [orders_text(r.orders.get("insurgency", [])) if r
                                           else _("(not played)") for r in recs]))

    start_turn = diverged or 1
    out += ["", _("## Key decisions"), ""]
    for name, game in zip(names, games, strict=True):
        out.append(f"### {name}")
        out.append("")
        later = [r for r in game.records if r.turn >= start_turn]
        kinds: Counter[str] = Counter(o.split()[0] for r in later
                                      for o in r.orders.get("junta", []))
        tally = ", ".join(f"{k} ×{n}" for k, n in sorted(kinds.items(), key=lambda kv:
                                                          (-kv[1], kv[0]))) or _("none")
        out.append((_("- Junta orders from turn {turn} on: {tally}.") if diverged else
                    _("- Junta orders over the game: {tally}.")).format(turn=start_turn,
                                                                         tally=tally))
        reasons = [r for r in later if r.reason]
        if reasons:
            given = list_separator().join(
                _("turn {turn} “{reason}”").format(turn=r.turn, reason=r.reason)
                for r in reasons)
            out.append(_("- Reasons given: {reasons}.").format(reasons=given))
        else:
            out.append(_("- Reasons given: none."))
        points = [p for p in turning_points(game, tracks(game)) if p.turn >= start_turn]
        for p in points:
            out.append(_("- Turning point, turn {turn}: {change}.").format(
                turn=p.turn, change=change_text(p.changes)))
        out.append("")
    return printable("\n".join(out).rstrip("\n") + "\n")  # names and reasons: from saves
