"""The `wargame` command and its subcommands."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from .ai.bots import DIFFICULTIES, JUNTA_POLICIES
from .scenario.load import ScenarioError, check_file, load_scenario
from .scenario.shipped import DEFAULT_SCENARIO, resolve_scenario, shipped_scenarios


def _load(arg: str) -> object:
    path = resolve_scenario(arg)
    if not path.exists():
        ids = ", ".join(p.stem for p in shipped_scenarios())
        raise SystemExit(f"wargame: no scenario '{arg}' (a file path, or one of: {ids})")
    try:
        return load_scenario(path)
    except ScenarioError as exc:
        for line in exc.report.lines():
            print(line, file=sys.stderr)
        raise SystemExit(1) from None


def cmd_scenarios(args: argparse.Namespace) -> int:
    rows = []
    for path in shipped_scenarios():
        report = check_file(path)
        if report.scenario is None:
            rows.append((path.stem, "(invalid: run wargame validate)", "", ""))
            continue
        meta = report.scenario.spec.meta
        end = report.scenario.turn_start(meta.turns)
        period = f"{meta.start_date.isoformat()} to {end.isoformat()}"
        rows.append((meta.id, meta.title, period, str(meta.turns)))
    header = ("ID", "TITLE", "PERIOD", "TURNS")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(4)]
    for row in [header, *rows]:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    failed = False
    for name in args.files:
        report = check_file(Path(name))
        for line in report.lines():
            print(line)
        if report.errors:
            failed = True
        else:
            warned = f" ({len(report.warnings)} warnings)" if report.warnings else ""
            print(f"{name}: ok{warned}", file=sys.stderr)
    return 1 if failed else 0


def cmd_simulate(args: argparse.Namespace) -> int:
    from .ai.simulate import simulate, summary_lines

    path = resolve_scenario(args.scenario)
    scenario = _load(args.scenario)
    progress = _progress_bar(args.games) if sys.stderr.isatty() else None
    result = simulate(scenario, path, args.games, args.seed,  # type: ignore[arg-type]
                      junta=args.junta, insurgency=args.insurgency,
                      difficulty=args.difficulty, jobs=args.jobs or os.cpu_count() or 1,
                      explain=args.explain, progress=progress)
    if progress:
        sys.stderr.write("\n")
    if args.json != "-":
        for game in result["games"]:
            last = game["history"][-1] if game["history"] else {}
            print(f"seed {game['seed']}: {game['outcome']} after {game['turns_played']} turns; "
                  f"tankers destroyed {last.get('tankers_destroyed', 0)}; "
                  f"Bamako fuel {last.get('bamako_fuel_days', '?')} days; "
                  f"towns held by the insurgency {len(last.get('towns_held', []))}")
            if args.explain and args.games == 1:
                for d in game["rationales"]:
                    print(f"  turn {d['turn']} {d['side']}: {d['sentence']}")
                    for step in d.get("filters", []):
                        note = " (skipped: left nothing)" if step.get("skipped") else ""
                        print(f"      {step['filter']}: {step['before']} -> {step['after']}{note}")
        for line in summary_lines(result):
            print(line)
    if args.json is not None:
        text = json.dumps(result, indent=1, ensure_ascii=False) + "\n"
        if args.json == "-":
            sys.stdout.write(text)
        else:
            Path(args.json).write_text(text, encoding="utf-8")
    return 0


def _progress_bar(total: int):  # type: ignore[no-untyped-def]
    def show(done: int) -> None:
        width = 30
        filled = width * done // total
        sys.stderr.write(f"\r[{'#' * filled}{' ' * (width - filled)}] {done}/{total} games")
        sys.stderr.flush()
    return show


def cmd_play(args: argparse.Namespace) -> int:
    from .plain import play_plain

    scenario = _load(args.scenario)
    return play_plain(scenario, seed=args.seed, saves_dir=args.saves_dir)  # type: ignore[arg-type]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="wargame",
        description="A teaching wargame about the 2025 JNIM blockade of Bamako.")
    sub = parser.add_subparsers(dest="command")

    p = sub.add_parser("scenarios", help="list the shipped scenarios")
    p.set_defaults(func=cmd_scenarios)

    p = sub.add_parser("validate", help="check scenario files (FILE:LINE:COL: messages)")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("simulate", help="play whole games headless")
    p.add_argument("scenario", metavar="SCENARIO", help="a shipped scenario id or a file")
    p.add_argument("--games", type=int, default=1, metavar="N")
    p.add_argument("--seed", type=int, default=1, metavar="S",
                   help="seed of the first game; game i uses S+i")
    p.add_argument("--junta", choices=JUNTA_POLICIES, default="random",
                   help="the junta's policy (default: random)")
    p.add_argument("--insurgency", choices=("doctrine", "random", "passive"),
                   default="doctrine", help="the insurgency: its doctrine AI (default)")
    p.add_argument("--difficulty", choices=DIFFICULTIES, default="standard")
    p.add_argument("--jobs", type=int, default=0, metavar="J",
                   help="processes (default: all cores); results do not depend on it")
    p.add_argument("--explain", action="store_true",
                   help="include each decision's rationale (printed for a single game)")
    p.add_argument("--json", metavar="FILE|-", help="write the machine-readable result")
    p.set_defaults(func=cmd_simulate)

    p = sub.add_parser("play", help="play a scenario in plain text (stdin/stdout)")
    p.add_argument("scenario", nargs="?", default=DEFAULT_SCENARIO, metavar="SCENARIO")
    p.add_argument("--seed", type=int, default=1, metavar="N")
    p.add_argument("--plain", action="store_true", help="line-by-line interface (default "
                   "until the full-screen interface lands)")
    p.add_argument("--saves-dir", default=None, metavar="DIR")
    p.set_defaults(func=cmd_play)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        args = parser.parse_args(["play", DEFAULT_SCENARIO])
    if getattr(args, "games", 1) < 1:
        parser.error("--games must be at least 1")
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
