"""The processes `wargame serve` starts, one per browser tab (not a command for people):

    python -m wargame.serve.child game --class-dir DIR [--handout SAVE] [--scenario FILE]
    python -m wargame.serve.child class DIR

They run under textual-serve's web driver (stdin and stdout are its pipes, not a
terminal), so they skip the terminal check of `wargame play` and `wargame class`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path


def run_game(args: argparse.Namespace) -> int:
    from .game import SeminarApp

    scenario = None
    path = Path(args.scenario) if args.scenario else None
    if path is not None:
        from ..scenario.load import ScenarioError, load_scenario

        try:
            scenario = load_scenario(path)
        except ScenarioError as exc:  # checked by `wargame serve` before it started
            print("\n".join(exc.report.lines()), file=sys.stderr)
            return 1
    app = SeminarApp(Path(args.class_dir), handout=Path(args.handout) if args.handout
                     else None, scenario=scenario, scenario_path=path)
    app.run()
    return app.return_code or 0


def run_class(args: argparse.Namespace) -> int:
    from ..tui.classroom import ClassViewApp

    app = ClassViewApp(Path(args.folder), poll=args.poll)
    app.run()
    return app.return_code or 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m wargame.serve.child")
    sub = parser.add_subparsers(dest="mode", required=True)
    p = sub.add_parser("game")
    p.add_argument("--class-dir", required=True)
    p.add_argument("--handout")
    p.add_argument("--scenario")
    p.set_defaults(func=run_game)
    p = sub.add_parser("class")
    p.add_argument("folder")
    p.add_argument("--poll", type=float, default=None)
    p.set_defaults(func=run_class)
    args = parser.parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
