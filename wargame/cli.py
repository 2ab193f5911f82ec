"""The `wargame` command and its subcommands."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

# Only what parsing the command line needs is imported here: each command imports the
# rest (the loader and its models, the bots, the interface) when it runs, so that
# `wargame --help` and the quick commands start fast.
from . import collector
from .ai.names import DIFFICULTIES, JUNTA_POLICIES
from .ai.names import PLANNER_DEFAULT_BUDGET as PLANNER_BUDGET
from .engine.safetext import printable
from .environ import SettingError, argument, language_parser, setting
from .i18n import (
    N_,
    _,
    available_languages,
    locale_language,
    ngettext,
    set_language,
)
from .output import closed_pipe, guarded_streams
from .scenario.shipped import DEFAULT_SCENARIO, resolve_scenario, shipped_scenarios


def _scenario_path(arg: str) -> Path:
    """The file of a SCENARIO argument; exits with a message naming the shipped ones."""
    path = resolve_scenario(arg)
    if not path.exists():
        ids = ", ".join(p.stem for p in shipped_scenarios())
        raise SystemExit("wargame: " + _("no scenario '{name}' (a file path, or one of: "
                                          "{ids})").format(name=arg, ids=ids))
    return path


def _load(arg: str) -> object:
    from .scenario.load import ScenarioError, load_scenario

    path = _scenario_path(arg)
    try:
        return load_scenario(path)
    except ScenarioError as exc:
        for line in exc.report.lines():
            print(line, file=sys.stderr)
        raise SystemExit(1) from None


def _day(iso: object) -> str:
    """A date of the scenario list: ISO in English, written out in another language."""
    from .i18n import format_week

    return format_week(str(iso))


def cmd_scenarios(args: argparse.Namespace) -> int:
    from .scenario.load import check_file

    rows = []
    for path in shipped_scenarios():
        report = check_file(path, scenario=False)  # the summary is enough: no models
        summary = report.summary
        if report.errors or summary is None:
            rows.append((path.stem, _("(invalid: run wargame validate)"), "", ""))
            continue
        period = _("{start} to {end}").format(start=_day(summary.start), end=_day(summary.end))
        rows.append((summary.id, summary.title, period, str(summary.turns)))
    header = (_("ID"), _("TITLE"), _("PERIOD"), _("TURNS"))
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(4)]
    for row in [header, *rows]:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    if args.sources is not None and not Path(args.sources).is_dir():
        print("wargame: --sources: " + _("{folder} is not a folder").format(
            folder=args.sources), file=sys.stderr)
        return 1
    collector.pause()  # start-up and the first check (wargame.collector)
    try:
        return _validate_files(args)
    finally:
        collector.resume()


def _validate_files(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from .scenario.diagnostics import render, source_lines, to_json
    from .scenario.load import check_file, read_scenario_bytes
    from .scenario.readfile import FileRefused

    failed = False
    records: list[dict[str, object]] = []
    for name in args.files:
        report = check_file(Path(name), scenario=False)  # the verdict is enough: no models
        collector.resume()
        if args.sources is not None:  # the quotations of src: marks, against the texts
            from .scenario.quotes import quotation_errors_in_file

            report.errors += quotation_errors_in_file(Path(name), Path(args.sources))
        if args.strict:  # --strict: every warning is an error
            report.errors += [replace(w, severity="error") for w in report.warnings]
            report.warnings = []
        try:
            lines = source_lines(read_scenario_bytes(Path(name)))
        except FileRefused:  # already reported by check_file (a FIFO, a device...)
            lines = []
        for problem in sorted(report.errors + report.warnings):
            if args.format == "json":
                records.append(to_json(problem, name, lines))
            else:
                print("\n".join(render(problem, name, lines)))
        if report.errors:
            failed = True
        elif args.format != "json":
            count = len(report.warnings)
            print(ngettext("{file}: ok ({count} warning)", "{file}: ok ({count} warnings)",
                           count).format(file=name, count=count) if count else
                  _("{file}: ok").format(file=name), file=sys.stderr)
    if args.format == "json":
        print(json.dumps(records, indent=1, ensure_ascii=False))
    return 1 if failed else 0


def cmd_schema(args: argparse.Namespace) -> int:
    from .scenario.schema import install_schema, modeline, schema_text

    if args.install:
        path, changed = install_schema()
        print((_("wrote {path}") if changed else _("up to date: {path}")).format(path=path))
        print(_("first line of a scenario file, for editors that use the YAML language "
                "server:"))
        print(modeline(path))
        return 0
    text = schema_text()
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def cmd_new_scenario(args: argparse.Namespace) -> int:
    from .scenario.template import TemplateError, new_scenario

    try:
        path, extra = new_scenario(args.id, Path("."), force=args.force)
    except TemplateError as exc:
        print(f"wargame: {exc}", file=sys.stderr)
        return 1
    for other in extra:
        print(_("wrote {path} (the JSON Schema editors use to check the file)").format(
            path=other))
    print(_("wrote {path}").format(path=path))
    print(_("next: wargame validate --strict {path}   then: wargame play {path} --watch")
          .format(path=path))
    return 0


def _positive(text: str) -> int:
    """An argparse type: a whole number of at least 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def cmd_check_scenario(args: argparse.Namespace) -> int:
    from .ai.simulate import simulate
    from .scenario.expectations import check_scenario

    def note(text: str) -> None:
        print("  " + _("running {what}...").format(what=text), file=sys.stderr, flush=True)

    status = 0
    for name in args.files:
        result = check_scenario(Path(name), simulate=simulate,
                                jobs=args.jobs or os.cpu_count() or 1, progress=note)
        for line in result.lines():
            print(line, flush=True)
        if result.errors:
            status = max(status, 2)
        elif not result.passed:
            status = max(status, 1)
    return status


def cmd_simulate(args: argparse.Namespace) -> int:
    from .ai.simulate import simulate, summary_lines

    path = resolve_scenario(args.scenario)
    scenario = _load(args.scenario)
    progress = _progress_bar(args.games) if sys.stderr.isatty() else None
    default = _(" (the default; --junta to change it)") if args.junta == "historical" else ""
    print(ngettext("{games} game: junta {junta}{default}, insurgency {insurgency} "
                   "({difficulty})",
                   "{games} games: junta {junta}{default}, insurgency {insurgency} "
                   "({difficulty})", args.games).format(
              games=args.games, junta=args.junta, default=default,
              insurgency=args.insurgency, difficulty=args.difficulty),
          file=sys.stderr, flush=True)
    result = simulate(scenario, path, args.games, args.seed,  # type: ignore[arg-type]
                      junta=args.junta, insurgency=args.insurgency,
                      difficulty=args.difficulty, jobs=args.jobs or os.cpu_count() or 1,
                      explain=args.explain, progress=progress,
                      ledger=args.json is not None, planner_budget=args.planner_budget)
    if progress:
        sys.stderr.write("\n")
    if args.json != "-":
        for game in result["games"]:
            last = game["history"][-1] if game["history"] else {}
            print(_("seed {seed}: {outcome} after {turns} turns; tankers destroyed "
                    "{tankers}; Bamako fuel {days} days; towns held by the insurgency "
                    "{towns}").format(
                seed=game["seed"], outcome=game["outcome"], turns=game["turns_played"],
                tankers=last.get("tankers_destroyed", 0),
                days=last.get("bamako_fuel_days", "?"),
                towns=len(last.get("towns_held", []))))
            if args.explain and args.games == 1:
                for d in game["rationales"]:
                    print("  " + _("turn {turn} {side}: {sentence}").format(
                        turn=d["turn"], side=d["side"], sentence=d["sentence"]))
                    for step in d.get("filters", []):
                        note = _(" (skipped: left nothing)") if step.get("skipped") else ""
                        print(f"      {step['filter']}: {step['before']} -> {step['after']}{note}")
        for line in summary_lines(result):
            print(line)
    if args.json is not None:
        text = json.dumps(result, indent=1, ensure_ascii=False) + "\n"
        if args.json == "-":
            sys.stdout.write(text)
        else:
            Path(args.json).write_text(printable(text), encoding="utf-8")
    return 0


def cmd_sweep(args: argparse.Namespace) -> int:
    from .ai.sweep import SweepError, open_executor, parse_vary, run_sweep, summary_lines

    path = resolve_scenario(args.scenario)
    if not path.exists():
        _load(args.scenario)  # the usual "no scenario" message
    try:
        varies = [parse_vary(v) for v in args.vary]
        if len(varies) > 2:
            raise SweepError(_("vary one or two fields (--vary at most twice)"))
        executor = open_executor(args.executor, args.jobs or os.cpu_count() or 1)
    except SweepError as exc:
        print(f"wargame: {exc}", file=sys.stderr)
        return 2
    try:
        with executor, _sweep_progress() as progress:
            result = run_sweep(path, varies, args.games, args.seed, executor,
                               junta=args.junta, insurgency=args.insurgency,
                               difficulty=args.difficulty, outcome=args.outcome,
                               progress=progress, planner_budget=args.planner_budget)
    except SweepError as exc:
        print(f"wargame: {exc}", file=sys.stderr)
        return 2
    if args.json:
        sys.stdout.write(json.dumps(result, indent=1, ensure_ascii=False) + "\n")
    else:
        for line in summary_lines(result):
            print(line)
    if args.html:
        from .ai.sweep_html import sweep_html

        Path(args.html).write_text(sweep_html(result), encoding="utf-8")
        print(_("wrote {path}").format(path=args.html), file=sys.stderr)
    return 0


class _sweep_progress:  # noqa: N801 - used as a context manager, like a function
    """A rich progress bar on a terminal; nothing otherwise (logs, pipes, CI)."""

    def __enter__(self):  # type: ignore[no-untyped-def]
        if not sys.stderr.isatty():
            return None
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

        self.bar = Progress(_("sweep"), BarColumn(), MofNCompleteColumn(), _("games"),
                            TimeRemainingColumn(), console=Console(stderr=True),
                            transient=True)
        self.bar.start()
        self.task = self.bar.add_task("sweep", total=None)

        def show(done: int, total: int) -> None:
            self.bar.update(self.task, completed=done, total=total)
        return show

    def __exit__(self, *exc: object) -> None:
        if getattr(self, "bar", None) is not None:
            self.bar.stop()


def _progress_bar(total: int):  # type: ignore[no-untyped-def]
    def show(done: int) -> None:
        width = 30
        filled = width * done // total
        sys.stderr.write(f"\r[{'#' * filled}{' ' * (width - filled)}] "
                         + _("{done}/{total} games").format(done=done, total=total))
        sys.stderr.flush()
    return show


def cmd_play(args: argparse.Namespace) -> int:
    if not args.plain:  # the board (with --watch, it polls the file too)
        from .tui import run_play

        return run_play(args, _load)
    from .plain import play_plain

    if getattr(args, "watch", False):  # plain: reload on change; errors shown, never raised
        from .plain_watch import play_plain_watching

        return play_plain_watching(resolve_scenario(args.scenario), seed=args.seed)
    if getattr(args, "load", None) is not None:  # continue a save, or branch with --turn
        return play_plain(None, saves_dir=args.saves_dir, load=args.load, turn=args.turn)
    if getattr(args, "turn", None) is not None:
        print("wargame: " + _("--turn needs --load SAVE (the save to branch from)"),
              file=sys.stderr)
        return 1
    from .saves import read_scenario
    from .scenario.load import ScenarioError

    try:
        scenario, text = read_scenario(_scenario_path(args.scenario))  # text: for saves
    except ScenarioError as exc:
        for line in exc.report.lines():
            print(line, file=sys.stderr)
        return 1
    return play_plain(scenario, seed=args.seed, saves_dir=args.saves_dir, scenario_text=text)


# Every command, so that the parser of one given first on the line can be built alone
# (`build_parser(only=...)`: about 7 ms of start-up, issue 13); a test keeps it complete.
SAVE_COMMANDS = ("replay", "report", "compare")
SERVE_COMMANDS = ("serve", "class")
COMMANDS = ("scenarios", "validate", "schema", "new-scenario", "check-scenario", "simulate",
            "sweep", "play", *SAVE_COMMANDS, *SERVE_COMMANDS)


class _Unused:
    """A command's parser that is not built: its arguments are dropped."""

    def add_argument(self, *args: Any, **kwargs: Any) -> None:
        pass

    def set_defaults(self, **kwargs: Any) -> None:
        pass


class _Subcommands:
    """The subparsers, adding only the command asked for (every one when None)."""

    def __init__(self, sub: Any, only: str | None) -> None:
        self.sub = sub
        self.only = only

    def add_parser(self, name: str, **kwargs: Any) -> argparse.ArgumentParser | _Unused:
        if self.only is None or self.only == name:
            parser: argparse.ArgumentParser = self.sub.add_parser(name, **kwargs)
            return parser
        return _Unused()


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser: every command, or only `only` (one of COMMANDS)."""
    parser = argparse.ArgumentParser(
        prog="wargame",
        description=_("A teaching wargame about the 2025 JNIM blockade of Bamako."))
    subparsers = parser.add_subparsers(dest="command")
    sub = _Subcommands(subparsers, only)

    p = sub.add_parser("scenarios", help=_("list the shipped scenarios"))
    p.set_defaults(func=cmd_scenarios)

    p = sub.add_parser("validate", help=_("check scenario files (FILE:LINE:COL: messages)"))
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--strict", action="store_true", help=_("treat warnings as errors"))
    p.add_argument("--format", choices=("text", "json"), default="text",
                   help=_("text: each problem with its source line and help (default); json: "
                        "a list of records for editors and CI"))
    p.add_argument("--sources", metavar="DIR", help=_("check the quotations of '# src:' marks "
                   "against the articles' texts in DIR (e.g. ../shared/sources)"))
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("schema", help=_("print the JSON Schema (draft 7) of scenario files"))
    p.add_argument("-o", "--output", metavar="FILE", help=_("write it to FILE"))
    p.add_argument("--install", action="store_true",
                   help=_("write it to your user data folder (the path new scenarios' first "
                        "line names) and print that line"))
    p.set_defaults(func=cmd_schema)

    p = sub.add_parser("new-scenario", help=_("write a commented scenario template that "
                       "validates and plays (into ./scenarios/ if it exists)"))
    p.add_argument("id", metavar="ID", help=_("scenario id, e.g. my-exercise"))
    p.add_argument("--force", action="store_true", help=_("overwrite an existing file"))
    p.set_defaults(func=cmd_new_scenario)

    p = sub.add_parser("check-scenario", help=_("run a scenario's tests (a YAML file of "
                       "expectations about many games); exit 1 if one fails"))
    p.add_argument("files", nargs="+", metavar="TESTFILE")
    p.add_argument("--jobs", type=int, default=0, metavar="J",
                   help=_("processes (default: all cores); results do not depend on it"))
    p.set_defaults(func=cmd_check_scenario)

    p = sub.add_parser("simulate", help=_("play whole games headless"))
    p.add_argument("scenario", metavar="SCENARIO", help=_("a shipped scenario id or a file"))
    p.add_argument("--games", type=int, default=1, metavar="N")
    p.add_argument("--seed", type=int, default=1, metavar="S",
                   help=_("seed of the first game; game i uses S+i"))
    p.add_argument("--junta", choices=JUNTA_POLICIES, default="historical",
                   help=_("the junta's policy (default: historical, as check-scenario); "
                          "planner: a junta that searches"))
    p.add_argument("--planner-budget", type=_positive, default=PLANNER_BUDGET, metavar="N",
                   help=_("rollouts a turn for --junta planner (default {budget}, under a "
                          "second a turn on one core); more is stronger and slower"
                          ).format(budget=PLANNER_BUDGET))
    p.add_argument("--insurgency", choices=("doctrine", "random", "passive"),
                   default="doctrine", help=_("the insurgency: its doctrine AI (default)"))
    p.add_argument("--difficulty", choices=DIFFICULTIES, default="standard")
    p.add_argument("--jobs", type=int, default=0, metavar="J",
                   help=_("processes (default: all cores); results do not depend on it"))
    p.add_argument("--explain", action="store_true",
                   help=_("include each decision's rationale (printed for a single game)"))
    p.add_argument("--json", metavar="FILE|-", help=_("write the machine-readable result"))
    p.set_defaults(func=cmd_simulate)

    p = sub.add_parser("sweep", help=_("the endings over a grid of values of one or two "
                       "numbers of a scenario, with 95%% intervals"))
    p.add_argument("scenario", metavar="SCENARIO", help=_("a shipped scenario id or a file"))
    p.add_argument("--vary", action="append", required=True, metavar="PATH=A..B[:STEP]",
                   help=_("a number to vary, by its path in the file (list items by id), e.g. "
                        "corridors.dakar.tankers_per_week=250..350:25; twice for a grid"))
    p.add_argument("--games", type=int, default=20, metavar="N",
                   help=_("games per value (default 20); the same seeds for every value"))
    p.add_argument("--seed", type=int, default=1, metavar="S",
                   help=_("seed of the first game; game i uses S+i"))
    p.add_argument("--junta", choices=JUNTA_POLICIES, default="historical",
                   help=_("the junta's policy (default: historical)"))
    p.add_argument("--planner-budget", type=_positive, default=PLANNER_BUDGET, metavar="N",
                   help=_("rollouts a turn for --junta planner (default {budget}, under a "
                          "second a turn on one core); more is stronger and slower"
                          ).format(budget=PLANNER_BUDGET))
    p.add_argument("--insurgency", choices=("doctrine", "random", "passive"),
                   default="doctrine")
    p.add_argument("--difficulty", choices=DIFFICULTIES, default="standard")
    p.add_argument("--outcome", metavar="ENDING", default=None,
                   help=_("the ending whose 50%% crossing to find (default: the most "
                        "frequent)"))
    p.add_argument("--jobs", type=int, default=0, metavar="J",
                   help=_("processes for --executor local (default: all cores); results "
                        "do not depend on it"))
    p.add_argument("--executor", default="local", metavar="local|dask://HOST:PORT",
                   help=_("where games run: this machine (default) or a Dask scheduler "
                        "(needs wargame[dask])"))
    p.add_argument("--json", action="store_true", help=_("print the numbers as JSON"))
    p.add_argument("--html", metavar="FILE", help=_("also write a page with a chart"))
    p.set_defaults(func=cmd_sweep)

    p = sub.add_parser("play", help=_("play a scenario on the full-screen board "
                       "(--plain: line by line)"))
    p.add_argument("scenario", nargs="?", default=DEFAULT_SCENARIO, metavar="SCENARIO")
    p.add_argument("--seed", type=int, default=1, metavar="N")
    p.add_argument("--plain", action="store_true", help=_("line-by-line interface on stdin/"
                   "stdout (screen readers, scripts); without it, the full-screen board"))
    p.add_argument("--saves-dir", default=None, metavar="DIR")
    p.add_argument("--difficulty", choices=DIFFICULTIES, default="standard",
                   help=_("the insurgency AI's level (default: standard)"))
    p.add_argument("--insurgent", choices=("ai", "human"), default="ai",
                   help=_("human: a second player plays JNIM at the same keyboard"))
    p.add_argument("--watch", action="store_true", help=_("reload the scenario file when it "
                   "changes (restarting the game); show its errors instead of stopping"))
    p.add_argument("--load", default=None, metavar="SAVE", help=_("continue a saved game (a "
                   "file, a name in the saves folder, or 'autosave' for the newest good one)"))
    p.add_argument("--turn", type=int, default=None, metavar="N", help=_("with --load: branch "
                   "a new game from the start of turn N of the save"))
    p.set_defaults(func=cmd_play)

    if only is None or only in SAVE_COMMANDS:
        from .saves.commands import add_save_commands

        add_save_commands(subparsers)  # replay, report, compare
    if only is None or only in SERVE_COMMANDS:
        from .serve.command import add_serve_commands

        add_serve_commands(subparsers)  # serve, class (aiohttp, textual-serve: when run)
    return parser


# argparse's own words ("usage:", "options", its error messages) come from the standard
# library's gettext domain, which has no catalogue for us: they are marked here so ours
# carries them, and argparse is pointed at our translation when the language is set.
ARGPARSE_MESSAGES = (
    N_("usage: "), N_("positional arguments"), N_("options"),
    N_("show this help message and exit"), N_("argument %(argument_name)s: %(message)s"),
    N_("unrecognized arguments: %s"), N_("the following arguments are required: %s"),
    N_("expected one argument"), N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("%(prog)s: error: %(message)s\n"),
)


def _argparse_in_language() -> None:
    argparse._ = _  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]


def _lang_argument(argv: Sequence[str]) -> str | None:
    """The value of `--lang` wherever it is on the command line: the language must be
    chosen before the parser is built, since its help is written in it."""
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def choose_language(option: str | None, environ: Mapping[str, str] | None = None) -> str:
    """`--lang`, else `WARGAME_LANG`, else the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`),
    else English. A language the game does not speak, given by option or variable, is
    a SettingError (one line, exit 2); an unknown locale is simply English."""
    env = os.environ if environ is None else environ
    parse = language_parser(available_languages())
    if option is not None:
        return argument("--lang", option, parse)
    return setting("WARGAME_LANG", parse, env) or locale_language(env) or "en"


def _fallback_language(environ: Mapping[str, str]) -> str:
    """The language to report a bad `--lang` or `WARGAME_LANG` in."""
    try:
        return choose_language(None, environ)
    except SettingError:
        return locale_language(environ) or "en"


def _add_lang_option(parser: argparse.ArgumentParser) -> None:
    """`--lang` on the command and on every subcommand (it is read before parsing)."""
    for target in [parser, *_subparsers(parser)]:
        target.add_argument("--lang", metavar="|".join(available_languages()),
                            default=argparse.SUPPRESS,
                            help=_("the interface's language (default: $WARGAME_LANG, "
                                   "else the locale, else English)"))


def _subparsers(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    return [choice for action in parser._actions
            if isinstance(action, argparse._SubParsersAction)
            for choice in action.choices.values()]


def _run(argv: Sequence[str] | None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    try:
        language = choose_language(_lang_argument(words))
    except SettingError:
        # The language asked for is not one the game speaks: say so in the one the
        # environment would give otherwise (WARGAME_LANG, else the locale), else English.
        set_language(_fallback_language(os.environ))
        raise
    set_language(language)
    _argparse_in_language()
    # The command first on the line gets its parser alone; anything else (help, a typo,
    # an option first) the whole one, so messages and listings are what they were.
    parser = build_parser(only=words[0] if words and words[0] in COMMANDS else None)
    _add_lang_option(parser)
    args = parser.parse_args(argv)
    if args.command is None:
        from .tui import run_title

        return run_title()
    if getattr(args, "games", 1) < 1:
        parser.error(_("--games must be at least 1"))
    return int(args.func(args))


def _exit_code(exc: SystemExit) -> int:
    """SystemExit's code as an exit status; a message (SystemExit("...")) is printed here,
    through the guarded streams, rather than by the interpreter after they are gone."""
    if exc.code is None or isinstance(exc.code, int):
        return exc.code or 0
    print(exc.code, file=sys.stderr)
    return 1


def main(argv: Sequence[str] | None = None) -> int:
    """The `wargame` command. Whatever happens, the user reads clean lines: output is
    sanitised and never fails to encode, a bad setting or a file system error is one line,
    and an internal error is logged to a file with one line saying where."""
    with guarded_streams():
        try:
            return _run(argv)
        except SystemExit as exc:
            return _exit_code(exc)
        except KeyboardInterrupt:
            return 130
        except BrokenPipeError:
            return closed_pipe()
        except SettingError as exc:
            print(f"wargame: {exc.text(_)}", file=sys.stderr)
            return 2
        except MemoryError as exc:  # unbounded input somewhere: a bug to report
            from .crashlog import report_internal_error

            return report_internal_error(exc, list(argv) if argv is not None else None)
        except OSError as exc:  # the disk, permissions, a path: not a bug of ours
            where = f"{exc.filename}: " if exc.filename else ""
            print(f"wargame: {where}{exc.strerror or exc}", file=sys.stderr)
            return 1
        except Exception as exc:  # noqa: BLE001 - the last resort
            from .crashlog import report_internal_error

            return report_internal_error(exc, list(argv) if argv is not None else None)


if __name__ == "__main__":
    sys.exit(main())
