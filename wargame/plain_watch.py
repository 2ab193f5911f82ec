"""`wargame play FILE --watch` in plain mode: the line-by-line game of a scenario file,
restarted whenever the file changes and loads, with its validation errors printed instead
of a crash. The change detection itself is `wargame.scenario.watch` (UI-independent)."""

from __future__ import annotations

import os
import select
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TextIO

from .engine import Scenario
from .engine.safetext import printable
from .output import tolerant_input
from .plain import MAX_LINE_CHARS, PlainGame, input_lines, read_line
from .scenario.load import check_bytes, read_scenario_bytes, unreadable
from .scenario.readfile import FileRefused
from .scenario.watch import ScenarioWatcher


def _input_lines(source: TextIO, poll_seconds: float,
                 idle: Callable[[], None]) -> Iterator[str | None]:
    """Lines of `source` (None for one too long); on a terminal, `idle` runs every
    `poll_seconds` while waiting."""
    interactive = False
    try:
        interactive = source.isatty() and os.name != "nt"
    except (AttributeError, ValueError, OSError):
        interactive = False
    if not interactive:
        yield from input_lines(source)
        return
    tolerant_input(source)
    while True:
        ready, _, _ = select.select([source], [], [], poll_seconds)
        if not ready:
            idle()
            continue
        line = read_line(source)
        if line == "":
            return
        yield line


def play_plain_watching(path: Path, seed: int = 1, stdin: TextIO | None = None,
                        stdout: TextIO | None = None, poll_seconds: float = 0.5) -> int:
    """The plain game of `path`, restarted whenever the file changes and loads.

    Validation errors (at the start or after a change) are printed in the game's output
    in FILE:LINE:COL form and play goes on with the last version that loaded; nothing
    raises. The file is checked before each command and, on a terminal, every
    `poll_seconds` while waiting for one. `quit` or the end of input stops.
    """
    out = stdout or sys.stdout
    source = stdin or sys.stdin

    def say(text: str = "") -> None:
        out.write(printable(text) + "\n")
        out.flush()

    raw: bytes | None = None
    try:
        raw = read_scenario_bytes(path)
        first = check_bytes(raw, str(path))
    except FileRefused as exc:
        first = unreadable(path, exc)
    watcher = ScenarioWatcher(path, initial=raw, initial_loaded=first.scenario is not None)
    game: PlainGame | None = None

    def start(scenario: Scenario, source: bytes) -> PlainGame:
        # No autosave while authoring; `save NAME` embeds the version being played.
        options = {"scenario_text": source.decode("utf-8")} if source else {}
        new = PlainGame(scenario, seed, out, save_options=options)
        new.say(f"{scenario.spec.meta.title}. {scenario.spec.meta.summary}")
        new.say(f"Watching {path} for changes. Type 'help' for commands.")
        new.banner()
        return new

    if first.scenario is not None:
        game = start(first.scenario, raw or b"")
    else:
        for line in first.lines():
            say(line)
        say(f"{path.name} does not load yet; fix it and save: the game starts when it "
            "loads. Type 'quit' to leave.")

    def check() -> None:
        nonlocal game
        change = watcher.poll()
        if change is None:
            return
        if change.ok and change.restart:
            say(f"*** {change.summary()}")
            assert change.scenario is not None
            game = start(change.scenario, change.source)
            return
        for line in change.messages if not change.ok else []:
            say(line)
        say(f"*** {change.summary()}")

    for raw_line in _input_lines(source, poll_seconds, check):
        check()
        if raw_line is None:
            say(f"Line too long (more than {MAX_LINE_CHARS} characters): ignored.")
            continue
        line = raw_line.strip()
        if line.lower() == "quit":
            break
        if game is None:
            if line:
                say("No scenario is loaded: fix the errors above and save the file.")
            continue
        if game.state.over:
            if line:
                say("The game is over. Edit and save the scenario to restart it, or type "
                    "'quit'.")
            continue
        game.handle(line)
    return 0
