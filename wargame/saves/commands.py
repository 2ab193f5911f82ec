"""The `wargame replay`, `wargame report` and `wargame compare` subcommands.

Every failure is one line on standard error starting with `wargame:` and exit code 1;
no command ever changes a save it reads."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..engine.safetext import printable
from ..i18n import _, localized, ngettext

# The commands import the save machinery (and through it the engine and the scenario
# models) when they run: `add_save_commands` is called for every `wargame` command line.


def _fail(exc: Exception) -> int:
    print(printable(f"wargame: {exc}"), file=sys.stderr)
    return 1


def _write_output(text: str, target: str | None) -> None:
    """Write a report to stdout or a file; text from the save is untrusted either way (a
    report file is read with `cat` too)."""
    from .store import atomic_write

    text = printable(text)
    if target is None or target == "-":
        sys.stdout.write(text)
    else:
        atomic_write(Path(target), text.encode("utf-8"))


# ------------------------------------------------------------------ replay

def verify_save(path: Path) -> tuple[bool, str]:
    """Replay a save's order log from its seed: (ok, one-line verdict). A divergence
    names the first turn whose checksum differs. Raises SaveError if it cannot be read."""
    from ..engine.game import Game, ReplayDivergence
    from ..engine.legality import IllegalOrder
    from ..engine.orders import SIDES, Order, OrderSyntaxError
    from ..i18n import error_text
    from .format import SaveError, canonical, compile_scenario, turn_records
    from .store import load_document

    doc = load_document(path, check_body=False)
    scen = doc.body["scenario"]
    try:
        scenario = compile_scenario(scen["text"], scen["sha256"])
    except SaveError as exc:
        raise SaveError(f"{path}: {exc}") from None

    def failed(problem: str) -> tuple[bool, str]:
        if not doc.body_ok:
            problem = _("{problem} (and the file's body checksum does not match: it was "
                        "changed after saving)").format(problem=problem)
        return False, f"{path}: {problem}"

    records = turn_records(doc)
    count = len(records)
    try:
        game = Game.replay(scenario, doc.body["seed"], records, verify=True)
    except ReplayDivergence as exc:
        return failed(_("diverges at turn {turn}: {detail}").format(
            turn=exc.turn, detail=localized(exc.detail)))
    except (ValueError, KeyError, IndexError, TypeError) as exc:
        return failed(_("the order log does not replay: {problem}").format(problem=exc))
    for side in SIDES:
        for text in doc.body["state"].get("pending", {}).get(side, []):
            try:
                game.queue(side, Order.parse(text))
            except (OrderSyntaxError, IllegalOrder) as exc:
                return failed(_("the queued order '{order}' is not possible: {problem}").format(
                    order=text, problem=error_text(exc)))
    if canonical(game.state.to_dict()) != canonical(doc.body["state"]):
        return failed(ngettext(
            "the {count} turn replays, but the saved current state differs from the "
            "replayed one",
            "the {count} turns replay, but the saved current state differs from the "
            "replayed one", count).format(count=count))
    if not doc.body_ok:
        return False, f"{path}: " + ngettext(
            "the {count} turn replays and matches, but the file's body checksum does not: "
            "it was changed after saving",
            "the {count} turns replay and match, but the file's body checksum does not: it "
            "was changed after saving", count).format(count=count)
    return True, f"{path}: " + ngettext(
        "verified: {count} turn replayed from seed {seed}; every turn's checksum and the "
        "current state match",
        "verified: {count} turns replayed from seed {seed}; every turn's checksum and the "
        "current state match", count).format(count=count, seed=doc.body["seed"])


def cmd_replay(args: argparse.Namespace) -> int:
    from .format import SaveError
    from .store import load_save, resolve_save, saves_dir

    try:
        path = resolve_save(args.save, saves_dir(args.saves_dir))
        if args.verify:
            ok, verdict = verify_save(path)
            print(printable(verdict))
            return 0 if ok else 1
        loaded = load_save(path)
    except SaveError as exc:
        return _fail(exc)
    from ..engine.resolve import ending_of
    from ..i18n import format_week
    from ..present.events import event_text
    from ..present.ledgertext import names_of

    game = loaded.game
    names = names_of(game.scenario)
    out = [_("{title}: replay of {save} (seed {seed})").format(
        title=localized(game.scenario.spec.meta.title), save=loaded.name, seed=game.seed)]
    for record in game.records:
        out.append(_("--- Turn {turn}, week of {date} ---").format(
            turn=record.turn, date=format_week(game.scenario.turn_start(record.turn))))
        out.append(_("Junta orders: {orders}").format(
            orders=", ".join(record.orders.get("junta", [])) or _("none")))
        if record.reason:
            out.append(_("Reason: {reason}").format(reason=record.reason))
        out.append(_("JNIM orders: {orders}").format(
            orders=", ".join(record.orders.get("insurgency", [])) or _("none")))
        for e in record.events:
            chance = (_(" [odds {odds}%, roll {roll}]").format(odds=e.odds, roll=e.roll)
                      if e.odds is not None else "")
            out.append(f"- {event_text(e, names)}{chance}")
    if game.over:
        ending = ending_of(game.state)
        out.append(_("GAME OVER: {ending}").format(
            ending=localized(ending.title) if ending else loaded.header["outcome"]["title"]))
    _write_output("\n".join(out) + "\n", None)
    return 0


# ------------------------------------------------------------------ report and compare

def cmd_report(args: argparse.Namespace) -> int:
    from .format import SaveError
    from .report import render
    from .store import load_save, resolve_save, saves_dir

    try:
        loaded = load_save(resolve_save(args.save, saves_dir(args.saves_dir)))
        _write_output(render(loaded, args.format), args.output)
    except SaveError as exc:
        return _fail(exc)
    if args.output not in (None, "-"):
        print(_("wrote {path}").format(path=args.output), file=sys.stderr)
    return 0


def cmd_compare(args: argparse.Namespace) -> int:
    from .compare import compare
    from .format import SaveError
    from .store import load_save, resolve_save, saves_dir

    try:
        if len(args.saves) < 2:
            raise SaveError(_("compare needs at least two saves"))
        folder = saves_dir(args.saves_dir)
        loaded = [load_save(resolve_save(arg, folder)) for arg in args.saves]
        _write_output(compare(loaded, force=args.force), args.output)
    except SaveError as exc:
        return _fail(exc)
    return 0


def add_save_commands(sub: Any) -> None:
    """Register replay, report and compare on the `wargame` subparsers."""
    p = sub.add_parser("replay", help=_("replay a saved game; --verify checks it turn by turn"))
    p.add_argument("save", metavar="SAVE", help=_("a save file, or a name in the saves folder"))
    p.add_argument("--verify", action="store_true",
                   help=_("replay the order log from the seed and compare every turn's "
                        "checksum; exit 1 at the first turn that diverges"))
    p.add_argument("--saves-dir", default=None, metavar="DIR")
    p.set_defaults(func=cmd_replay)

    p = sub.add_parser("report", help=_("the after-action review of a saved game"))
    p.add_argument("save", metavar="SAVE")
    p.add_argument("--format", choices=("md", "html"), default="md")
    p.add_argument("-o", "--output", metavar="FILE", help=_("write to FILE (default: stdout)"))
    p.add_argument("--saves-dir", default=None, metavar="DIR")
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("compare", help=_("runs from the same starting position side by side"))
    p.add_argument("saves", nargs="+", metavar="SAVE")
    p.add_argument("--force", action="store_true",
                   help=_("compare saves of different scenarios anyway"))
    p.add_argument("-o", "--output", metavar="FILE", help=_("write to FILE (default: stdout)"))
    p.add_argument("--saves-dir", default=None, metavar="DIR")
    p.set_defaults(func=cmd_compare)
