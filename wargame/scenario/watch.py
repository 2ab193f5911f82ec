"""Watching a scenario file while it is played (`wargame play FILE --watch`).

UI-independent: an interface calls `ScenarioWatcher.poll()` now and then (the plain mode,
`wargame/plain_watch.py`, between input lines; the TUI from a timer). `poll` returns None
while the file is unchanged, and a `Reload` when its content changed: either a new
`Scenario` to restart the game with, or the validation errors to show instead (the game
goes on with the last good version). A file saved twice with the same content gives
nothing; a file that disappears (editors often replace files by renaming) is reported
only if it is still missing at the next poll, and picked up again when it comes back.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from ..engine.scenario import Scenario
from .load import Report, check_bytes, read_scenario_bytes
from .problem import SourceError
from .readfile import FileRefused


@dataclass(frozen=True)
class Reload:
    """What a change to the watched file amounts to."""

    path: Path
    report: Report
    messages: list[str] = field(default_factory=list)   # FILE:LINE:COL lines
    # True: a new version loaded, restart the game with it. False with `ok`: the file is
    # back to the version being played (errors fixed, or a missing file restored), so
    # clear any error shown and go on.
    restart: bool = True
    source: bytes = b""    # the content that was checked

    @property
    def scenario(self) -> Scenario | None:
        return self.report.scenario

    @property
    def ok(self) -> bool:
        return self.report.scenario is not None

    def summary(self) -> str:
        """One line for a status bar or a notification."""
        if self.ok and not self.restart:
            return (f"{self.path.name} is back to the version being played; the game goes "
                    "on.")
        if self.ok:
            warned = len(self.report.warnings)
            more = f" ({warned} warning{'s' if warned != 1 else ''})" if warned else ""
            return f"Scenario reloaded from {self.path.name}{more}; game restarted."
        count = len(self.report.errors)
        return (f"{self.path.name} has {count} error{'s' if count != 1 else ''}; still "
                "playing the last version that loaded.")


class ScenarioWatcher:
    """Polls one scenario file by content hash."""

    def __init__(self, path: Path, *, initial: bytes | None = None,
                 initial_loaded: bool = True) -> None:
        """`initial`: the content already shown (default: the file as it is now);
        `initial_loaded`: whether that content loaded and is being played."""
        self.path = Path(path)
        raw = initial if initial is not None else self._read()
        digest = hashlib.sha256(raw).hexdigest() if raw is not None else None
        self._seen = digest      # the content last reported on
        self._good = digest if initial_loaded else None   # the version being played
        self._missing = 0        # consecutive polls that found no file
        self._reported_missing = False

    def _read(self) -> bytes | None:
        try:
            return read_scenario_bytes(self.path)
        except FileRefused:
            return None

    def poll(self) -> Reload | None:
        """A Reload if the file's content changed since the last poll, else None."""
        raw = self._read()
        if raw is None:
            # Editors that save by renaming leave the file missing for a moment: report
            # it only when it is still missing at the next poll.
            self._missing += 1
            if self._missing < 2 or self._reported_missing:
                return None
            self._reported_missing = True
            self._seen = None
            report = Report(str(self.path))
            report.errors = [SourceError(1, 1, "file", "cannot read: the file is missing")]
            return Reload(self.path, report, report.lines(), restart=False)
        self._missing = 0
        self._reported_missing = False
        # The content is hashed every time (a scenario is small): a change within the
        # file system's timestamp resolution, with the same size, is still seen.
        digest = hashlib.sha256(raw).hexdigest()
        if digest == self._seen:
            return None
        self._seen = digest
        report = check_bytes(raw, str(self.path))
        restart = report.scenario is not None and digest != self._good
        if report.scenario is not None:
            self._good = digest
        return Reload(self.path, report, report.lines(), restart=restart, source=raw)

