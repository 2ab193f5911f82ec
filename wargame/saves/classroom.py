"""A class folder read for the instructor: one sub-folder per team, each with its saves and
autosaves (written by `wargame serve`), and where each team's game stands.

Everything comes from the saves (replayed and verified, as `wargame report` does): the
turn and date, the tracks over time, the last turn's notable events, the ending and the
reasons the team recorded. Reading never changes a file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ..engine.events import Event
from ..engine.game import Game
from ..i18n import _, ngettext
from .format import SaveError, clean_text
from .report import Track, is_key_event, outcome_short, tracks, turn_events, week
from .store import AUTOSAVE_PREFIX, TMP_SUFFIX, LoadedSave, load_save

TEAM_FILE = "team.json"      # {"name": the team's name as typed, "key": ...}
MAX_NAME = 40
# The tracks of the class table (keys of report.TRACKS), in the order shown.
CLASS_TRACKS = ("fuel_days", "junta_capital", "cohesion", "treasury", "towns_held")


def team_display_name(folder: Path) -> str:
    """The team's name as typed (from `team.json`), else the folder's name; either way
    made safe to show (no control characters, at most 40 characters)."""
    try:
        data = json.loads((folder / TEAM_FILE).read_text(encoding="utf-8"))
        name = data.get("name") if isinstance(data, dict) else None
    except (OSError, ValueError):
        name = None
    shown = clean_text(name if isinstance(name, str) else None, MAX_NAME)
    return shown or clean_text(folder.name, MAX_NAME) or "?"


def team_folders(class_dir: Path) -> list[Path]:
    """The teams' folders (sub-folders not starting with a dot), by name."""
    try:
        entries = list(Path(class_dir).iterdir())
    except OSError:
        return []
    return sorted((p for p in entries if p.is_dir() and not p.is_symlink()
                   and not p.name.startswith(".")), key=lambda p: p.name)


def save_files(folder: Path) -> list[Path]:
    """A team's save files, newest first (autosaves and saves alike)."""
    found = []
    for path in folder.glob("*.json"):
        if path.name == TEAM_FILE or path.name.endswith(TMP_SUFFIX) or not path.is_file():
            continue
        try:
            found.append((path.stat().st_mtime_ns, path.name.startswith(AUTOSAVE_PREFIX),
                          path))
        except OSError:
            continue
    # Newest first; at the same instant an autosave wins (it is written after each turn).
    found.sort(key=lambda item: (item[0], item[1]), reverse=True)
    return [path for _, _, path in found]


@dataclass
class TeamStatus:
    """Where one team's game stands, from its newest save that loads."""

    folder: Path
    name: str
    save: LoadedSave | None = None
    skipped: list[tuple[str, str]] = field(default_factory=list)   # (file, why)

    @property
    def game(self) -> Game | None:
        return self.save.game if self.save else None

    @property
    def played(self) -> int:
        return len(self.game.records) if self.game else 0

    def turn_text(self) -> str:
        game = self.game
        if game is None:
            return "—"
        if game.over:
            return _("over after {turn}").format(turn=self.played)
        return _("{turn} of {turns}").format(turn=game.state.turn, turns=game.scenario.turns)

    def date_text(self) -> str:
        game = self.game
        return week(game, game.state.turn if not game.over else self.played) if game else "—"

    def tracks(self) -> list[Track]:
        if self.game is None:
            return []
        by_key = {t.key: t for t in tracks(self.game)}
        return [by_key[k] for k in CLASS_TRACKS if k in by_key]

    def last_events(self) -> list[Event]:
        """The notable events of the last turn played (as the after-action review picks
        them)."""
        if self.game is None or not self.played:
            return []
        return [e for e in turn_events(self.game, self.played) if is_key_event(e)]

    def ending(self) -> str | None:
        game = self.game
        return outcome_short(game) if game is not None and game.over else None

    def reasons(self) -> list[tuple[int, str]]:
        """(turn, reason) for every turn the team wrote one, the one being written last."""
        if self.save is None:
            return []
        out = [(r.turn, r.reason) for r in self.save.game.records if r.reason]
        if self.save.pending_reason and not self.save.game.over:
            out.append((self.save.game.state.turn, self.save.pending_reason))
        return out

    def problem(self) -> str | None:
        if self.save is None:
            return (_("no game saved yet") if not self.skipped
                    else _("no save loads ({file}: {problem})").format(
                        file=self.skipped[0][0], problem=self.skipped[0][1]))
        if self.skipped:
            return ngettext("{n} damaged save skipped, newest {file}",
                            "{n} damaged saves skipped, newest {file}",
                            len(self.skipped)).format(n=len(self.skipped),
                                                      file=self.skipped[0][0])
        return None


def read_team(folder: Path) -> TeamStatus:
    """A team's status from the newest of its saves that loads and verifies."""
    status = TeamStatus(Path(folder), team_display_name(Path(folder)))
    for path in save_files(Path(folder)):
        try:
            status.save = load_save(path)
            break
        except SaveError as exc:
            status.skipped.append((path.name, str(exc).split(": ", 1)[-1]))
    return status


def read_class(class_dir: Path) -> list[TeamStatus]:
    return [read_team(folder) for folder in team_folders(class_dir)]
