"""The processes `wargame serve` starts (not commands for people):

    python -m wargame.serve.child game --class-dir DIR [--handout SAVE] [--scenario FILE]
    python -m wargame.serve.child forkserver --channel FD --class-dir DIR [...]
    python -m wargame.serve.child class DIR

`game` is one browser tab's game; `forkserver` loads everything a game needs once, then
forks a game for each tab, or an instructor's view (see forkserver.py); `class` is the
instructor's view. They run
under textual-serve's web driver (stdin and stdout are its pipes, not a terminal), so they
skip the terminal check of `wargame play` and `wargame class`.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..engine import Scenario


def prepare_game(args: argparse.Namespace) -> tuple[Callable[[], int], Scenario | None] | int:
    """Load what the game of a tab needs: the function that plays it, and the scenario it
    opens (if `--scenario`); or an exit code if the scenario does not load (`wargame
    serve` checked it before starting)."""
    from .game import SeminarApp

    scenario = None
    path = Path(args.scenario) if args.scenario else None
    if path is not None:
        from ..scenario.load import ScenarioError, load_scenario

        try:
            scenario = load_scenario(path)
        except ScenarioError as exc:
            print("\n".join(exc.report.lines()), file=sys.stderr)
            return 1
    handout = Path(args.handout) if args.handout else None

    def play() -> int:
        app = SeminarApp(Path(args.class_dir), handout=handout, scenario=scenario,
                         scenario_path=path)
        app.run()
        return app.return_code or 0

    return play, scenario


def warm_up(args: argparse.Namespace, scenario: Scenario | None) -> None:
    """What every game would otherwise load on its own: the screens and widgets, the
    saves, the hand-out's embedded scenario (compiled once, then found in the saves'
    cache by every game that opens it), and the AI with its caches filled by one decision
    on a throw-away game of the scenario the games will play."""
    import textual.drivers.web_driver  # noqa: F401
    import textual.widgets

    from ..ai.bots import insurgency_turn
    from ..engine import new_game
    from ..tui.screens import board, dialogs, gameover, help, report, team, title  # noqa: F401

    for name in ("Button", "ContentSwitcher", "Footer", "Input", "Label", "OptionList",
                 "Static"):
        getattr(textual.widgets, name)
    if args.handout:
        import contextlib

        from ..saves import SaveError, load_save

        with contextlib.suppress(SaveError):   # each game says so when it opens it
            scenario = load_save(Path(args.handout)).game.scenario
    if scenario is None:
        from ..scenario.load import load_scenario
        from ..scenario.shipped import DEFAULT_SCENARIO, resolve_scenario

        scenario = load_scenario(resolve_scenario(DEFAULT_SCENARIO))
    insurgency_turn(new_game(scenario, 1), "standard")


def run_game(args: argparse.Namespace) -> int:
    prepared = prepare_game(args)
    return prepared if isinstance(prepared, int) else prepared[0]()


def run_fork_server(args: argparse.Namespace) -> int:
    import gc
    import socket

    from .forkserver import serve_forks

    prepared = prepare_game(args)
    if isinstance(prepared, int):
        return prepared
    play, scenario = prepared
    warm_up(args, scenario)
    gc.collect()
    gc.freeze()   # the collector then leaves the shared pages alone in every child
    instructor = argparse.Namespace(folder=args.class_dir, poll=args.poll)
    serve_forks(socket.socket(fileno=args.channel),
                {"game": play, "class": lambda: run_class(instructor)})
    return 0


def run_class(args: argparse.Namespace) -> int:
    from ..tui.classroom import ClassViewApp

    app = ClassViewApp(Path(args.folder), poll=args.poll)
    app.run()
    return app.return_code or 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m wargame.serve.child")
    sub = parser.add_subparsers(dest="mode", required=True)
    for mode, func in (("game", run_game), ("forkserver", run_fork_server)):
        p = sub.add_parser(mode)
        p.add_argument("--class-dir", required=True)
        p.add_argument("--handout")
        p.add_argument("--scenario")
        if mode == "forkserver":
            p.add_argument("--channel", type=int, required=True)
            p.add_argument("--poll", type=float, default=None)   # for the class view
        p.set_defaults(func=func)
    p = sub.add_parser("class")
    p.add_argument("folder")
    p.add_argument("--poll", type=float, default=None)
    p.set_defaults(func=run_class)
    args = parser.parse_args(argv)
    _speak_the_servers_language()
    return int(args.func(args))


def _speak_the_servers_language() -> None:
    """The language `wargame serve` chose, passed in WARGAME_LANG (else the locale)."""
    from ..environ import language_parser, setting
    from ..i18n import available_languages, locale_language, set_language

    set_language(setting("WARGAME_LANG", language_parser(available_languages()))
                 or locale_language(os.environ) or "en")


if __name__ == "__main__":
    sys.exit(main())
