"""The full-screen interface (Textual). `wargame` opens the title screen; `wargame play
SCENARIO` opens the board. Without a terminal, both say to use `--plain` and exit 2."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .. import collector
from ..i18n import N_, _

# Marked here, translated where it is printed (the language is chosen after import).
NO_TERMINAL = N_("the board needs a terminal (stdin and stdout must be a tty); for scripts "
                 "and screen readers use: wargame play SCENARIO --plain")


def has_terminal() -> bool:
    try:
        return sys.stdin.isatty() and sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def _no_terminal() -> int:
    print("wargame: " + _(NO_TERMINAL), file=sys.stderr)
    return 2


def _run(app: Any) -> int:
    """Run the app; an exception that ended it is raised again here (it was not printed:
    see `WargameApp._fatal_error`), for the `wargame` command to log."""
    app.run()
    if app._exception is not None:
        raise app._exception
    return app.return_code or 0


def _settings(saves_dir: str | None) -> dict[str, Any]:
    """The settings the app reads, checked before it starts (SettingError: one line)."""
    from ..saves import saves_dir as resolve_saves_dir
    from .app import theme_setting

    resolve_saves_dir(saves_dir)
    return {"theme": theme_setting()}


def run_title(saves_dir: str | None = None, difficulty: str = "standard") -> int:
    """The title screen (`wargame` with no arguments)."""
    if not has_terminal():
        return _no_terminal()
    collector.pause()  # until the first frame (WargameApp.first_frame): wargame.collector
    try:
        from .app import WargameApp

        app = WargameApp(saves_dir=saves_dir, difficulty=difficulty, **_settings(saves_dir))
        return _run(app)
    finally:
        collector.resume()  # whatever ended the app before its first frame


def run_play(args: Any, load_scenario: Callable[[str], Any]) -> int:
    """`wargame play SCENARIO [--seed N] [--difficulty LEVEL] [--saves-dir DIR]
    [--insurgent ai|human] [--load FILE]`: the board, directly."""
    if not has_terminal():
        return _no_terminal()
    collector.pause()  # until the first frame (WargameApp.first_frame): wargame.collector
    try:
        return _play(args, load_scenario)
    finally:
        collector.resume()  # whatever ended the app before its first frame


def _play(args: Any, load_scenario: Callable[[str], Any]) -> int:
    from ..scenario.shipped import resolve_scenario
    from .app import WargameApp

    load = getattr(args, "load", None)
    turn = getattr(args, "turn", None)
    common = {"seed": args.seed, "difficulty": getattr(args, "difficulty", None) or "standard",
              "insurgent": getattr(args, "insurgent", None) or "ai",
              "saves_dir": getattr(args, "saves_dir", None)}
    common.update(_settings(common["saves_dir"]))
    if load is not None:
        from .. import saves

        folder = saves.saves_dir(common["saves_dir"])
        try:
            if load == "autosave":
                loaded, _skipped = saves.scan_autosaves(folder)
                if loaded is None:
                    raise saves.SaveError(_("no autosave in {folder} loads").format(
                        folder=folder))
            else:
                loaded = saves.load_save(saves.resolve_save(load, folder))
            game, options = loaded.game, loaded.save_options()
            if turn is not None:
                game, options = saves.branch_game(loaded, turn)
        except saves.SaveError as exc:
            print(f"wargame: {exc}", file=sys.stderr)
            return 1
        app = WargameApp(game=game, loaded_from=Path(loaded.path), save_options=options,
                         pending_reason=None if turn is not None else loaded.pending_reason,
                         **common)
    else:
        if turn is not None:
            print("wargame: " + _("--turn needs --load SAVE (the save to branch from)"),
                  file=sys.stderr)
            return 1
        scenario = load_scenario(args.scenario)
        app = WargameApp(scenario=scenario, scenario_path=resolve_scenario(args.scenario),
                         watch=bool(getattr(args, "watch", False)), **common)
    return _run(app)
