"""The `wargame serve` and `wargame class` subcommands (imported only when they run)."""

from __future__ import annotations

import argparse
import ipaddress
import os
import sys
from pathlib import Path

from ..i18n import _, current_language

TOKEN_ENV = "WARGAME_INSTRUCTOR_TOKEN"
MIN_TOKEN_CHARS = 8


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def network_warning(host: str, token: bool) -> str:
    if token:
        warning = _("warning: listening on {host}, not only on this machine: anyone who can "
                    "reach it over the network can open every game and, with its token, the "
                    "instructor's view. The connection is plain HTTP (not encrypted): use it "
                    "on the seminar room's own network, or behind a reverse proxy with HTTPS.")
    else:
        warning = _("warning: listening on {host}, not only on this machine: anyone who can "
                    "reach it over the network can open every game. The connection is plain "
                    "HTTP (not encrypted): use it on the seminar room's own network, or behind "
                    "a reverse proxy with HTTPS.")
    return "wargame serve: " + warning.format(host=host)


def _fail(message: str) -> int:
    print(f"wargame: {message}", file=sys.stderr)
    return 1


def _check_scenario(arg: str) -> Path | int:
    from ..scenario.load import check_file
    from ..scenario.shipped import resolve_scenario, shipped_scenarios

    path = resolve_scenario(arg)
    if not path.exists():
        ids = ", ".join(p.stem for p in shipped_scenarios())
        return _fail(_("no scenario '{name}' (a file path, or one of: {ids})").format(
            name=arg, ids=ids))
    report = check_file(path)
    if report.errors or report.scenario is None:
        for line in report.lines():
            print(line, file=sys.stderr)
        return 1
    return path.resolve()


def _check_handout(arg: str) -> Path | int:
    from ..saves import SaveError, load_save, resolve_save, saves_dir

    try:
        path = resolve_save(arg, saves_dir(None))
        load_save(path)   # every game process would refuse it: refuse it once, now
    except SaveError as exc:
        return _fail(f"--handout: {exc}")
    return path.resolve()


def cmd_serve(args: argparse.Namespace) -> int:
    token = args.instructor_token or os.environ.get(TOKEN_ENV) or None
    if token is not None and len(token) < MIN_TOKEN_CHARS:
        return _fail("--instructor-token: " + _(
            "use at least {count} characters (a short token is easy to guess)").format(
                count=MIN_TOKEN_CHARS))
    if args.max_sessions < 1:
        return _fail(_("--max-sessions must be at least 1"))
    if args.idle_timeout <= 0:
        return _fail(_("--idle-timeout must be more than 0 minutes"))
    if args.poll is not None and args.poll <= 0:
        return _fail(_("--poll must be more than 0 seconds"))
    if not 0 < args.port < 65536:
        return _fail(_("--port must be from 1 to 65535"))
    if args.scenario and args.handout:
        return _fail(_("give --scenario or --handout, not both (a hand-out carries its "
                       "scenario)"))
    child = [sys.executable, "-m", "wargame.serve.child"]
    # Every game and class-view process starts afresh: it reads the language chosen here
    # (--lang, WARGAME_LANG or the locale) from its environment.
    os.environ["WARGAME_LANG"] = current_language()
    class_dir = Path(args.class_dir).expanduser().resolve()
    try:
        class_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        return _fail(_("cannot create the class folder {folder}: {error}").format(
            folder=class_dir, error=exc.strerror or exc))
    game = [*child, "game", "--class-dir", str(class_dir)]
    if args.scenario:
        scenario = _check_scenario(args.scenario)
        if isinstance(scenario, int):
            return scenario
        game += ["--scenario", str(scenario)]
    if args.handout:
        handout = _check_handout(args.handout)
        if isinstance(handout, int):
            return handout
        game += ["--handout", str(handout)]
    if not is_loopback(args.host):
        print(network_warning(args.host, token is not None), file=sys.stderr, flush=True)

    from .server import SeminarServer, ServeConfig  # aiohttp and textual-serve: only now

    poll = ["--poll", str(args.poll)] if args.poll else []
    config = ServeConfig(host=args.host, port=args.port, class_dir=class_dir,
                         player_argv=game,
                         instructor_argv=[*child, "class", str(class_dir), *poll],
                         fork_argv=[*child, "forkserver", *game[len(child) + 1:], *poll],
                         max_sessions=args.max_sessions,
                         idle_timeout=args.idle_timeout * 60, instructor_token=token)
    try:
        SeminarServer(config).serve()
    except OSError as exc:
        return _fail(_("cannot listen on {host}:{port}: {error}").format(
            host=args.host, port=args.port, error=exc.strerror or exc))
    print("wargame serve: " + _("stopped; every game process has ended."), file=sys.stderr)
    return 0


def cmd_class(args: argparse.Namespace) -> int:
    from ..tui.classroom import run_class

    return run_class(args.folder, poll=args.poll)


def add_serve_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register `serve` and `class` on the `wargame` subparsers."""
    p = sub.add_parser("serve", help=_("serve the game to browsers for a seminar (one game "
                       "process per tab, saves per team)"))
    p.add_argument("--host", default="127.0.0.1",
                   help=_("address to listen on (default: 127.0.0.1, this machine only)"))
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--class-dir", default="class", metavar="DIR",
                   help=_("the class folder: one sub-folder of saves per team (default: "
                        "./class)"))
    p.add_argument("--scenario", metavar="ID|FILE", help=_("open this scenario's board once "
                   "the team is named (default: the title screen)"))
    p.add_argument("--handout", metavar="SAVE", help=_("open this saved game for every team "
                   "(a seminar hand-out)"))
    p.add_argument("--max-sessions", type=int, default=40, metavar="N",
                   help=_("games at once; further visitors get a 'room is full' page "
                        "(default: 40)"))
    p.add_argument("--idle-timeout", type=float, default=30.0, metavar="MINUTES",
                   help=_("end a game after this long without input, autosaved (default: 30)"))
    p.add_argument("--instructor-token", metavar="TOKEN",
                   help=f"serve the instructor's view at /instructor, for this token only "
                        f"(or set ${TOKEN_ENV})")
    p.add_argument("--poll", type=float, default=None, metavar="SECONDS",
                   help=_("the instructor's view looks for new saves every SECONDS (a class "
                        "folder shared over the network, where change notifications do not "
                        "arrive)"))
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("class", help=_("the instructor's live view of a class folder"))
    p.add_argument("folder", metavar="DIR")
    p.add_argument("--poll", type=float, default=None, metavar="SECONDS",
                   help=_("look for changes every SECONDS instead of waiting for the system's "
                        "notifications (network folders)"))
    p.set_defaults(func=cmd_class)
