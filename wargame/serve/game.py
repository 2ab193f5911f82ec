"""The game a student plays in the browser: the full TUI, after the team's name.

Each browser tab runs one of these in its own process (started by `wargame serve`). The
team's name chooses its folder in the class folder, where all its saves and autosaves go;
a team that comes back finds its game at its newest good autosave. Whenever the game
process ends (the tab closed, the idle time-out, the server stopped, the player quit), the
game is autosaved first unless the newest autosave already holds it.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from pathlib import Path
from typing import Any

from ..engine import Scenario
from ..engine.game import Game
from ..tui import app as tui_app
from ..tui.app import WargameApp
from .teams import Team, TeamBusy, TeamLock, TeamNameError, parse_team, team_folder

Fingerprint = tuple[object, ...]


def fingerprint(game: Game, pending_reason: str | None) -> Fingerprint:
    """What an autosave of `game` would hold that can change in play: the turns played
    (and the last one's state digest), the queued orders and the reason being written."""
    last = game.records[-1].digest if game.records else None
    pending = tuple((side, tuple(str(o) for o in orders))
                    for side, orders in sorted(game.state.pending.items()))
    return (game.seed, len(game.records), last, pending, pending_reason)


class SeminarApp(WargameApp):
    """`WargameApp` for a seminar: asks the team's name, then opens the team's game (its
    newest autosave), else the hand-out, else the scenario, else the title screen."""

    CSS_PATH = str(Path(tui_app.__file__).with_name(WargameApp.CSS_PATH))

    def __init__(self, class_dir: Path, *, handout: Path | None = None,
                 scenario: Scenario | None = None, scenario_path: Path | None = None,
                 seminar: str = "") -> None:
        super().__init__()
        self.class_dir = Path(class_dir)
        self.handout = handout
        self.seminar_scenario = scenario
        self.seminar_scenario_path = scenario_path
        self.seminar = seminar
        self.team: Team | None = None
        self._team_lock: TeamLock | None = None
        self._autosave_lock = threading.Lock()
        self._autosaved: Fingerprint | None = None

    def open_first_screen(self) -> None:
        from ..tui.screens.team import TeamScreen

        self.push_screen(TeamScreen(self.join, seminar=self.seminar))

    # ------------------------------------------------------------------ joining
    def join(self, typed: str) -> str | None:
        """Open the team's game; None once it is open, else what the visitor should fix."""
        from ..saves import SaveError, scan_autosaves

        try:
            team = parse_team(typed)
            folder = team_folder(self.class_dir, team)
            lock = TeamLock(folder, team)
        except (TeamNameError, TeamBusy) as exc:
            return str(exc)
        except OSError as exc:
            return f"the team's folder cannot be opened: {exc.strerror or exc}"
        self.team, self._team_lock, self.saves_arg = team, lock, folder
        loaded, skipped = scan_autosaves(folder)
        try:
            if loaded is not None:
                self.open_loaded(loaded.game, loaded.save_options(), loaded.path,
                                 loaded.pending_reason)
                self._autosaved = fingerprint(loaded.game, loaded.pending_reason)
                damaged = f" ({len(skipped)} damaged autosave(s) skipped)" if skipped else ""
                self.notify(f"Welcome back, {team.name}: your game continues at turn "
                            f"{loaded.game.state.turn}{damaged}.", timeout=8, markup=False)
            elif self.handout is not None:
                self.load_game(self.handout)
                self.notify(f"Team {team.name}: the instructor's hand-out is open. Your "
                            "games are saved for your team.", timeout=8, markup=False)
            elif self.seminar_scenario is not None:
                self.start_game(self.seminar_scenario, self.seminar_scenario_path)
            else:
                self.show_title()
        except SaveError as exc:
            self._release_team()
            return f"the game cannot be opened: {exc}"
        return None

    def _release_team(self) -> None:
        if self._team_lock is not None:
            self._team_lock.release()
        self.team = self._team_lock = None
        self.saves_arg = None

    # ------------------------------------------------------------------ autosaves
    def autosave(self, game: Game, options: dict[str, Any]) -> Path:
        """The rotating autosave, one writer at a time (the end-of-turn worker and the
        autosave on exit may meet)."""
        with self._autosave_lock:
            path = super().autosave(game, options)
            self._autosaved = fingerprint(game, options.get("pending_reason"))
            return path

    def autosave_now(self) -> Path | None:
        """Autosave the game as it stands, unless the newest autosave already has it."""
        session = self.session
        if session is None or self.team is None:
            return None
        options = session.save_kwargs()
        if fingerprint(session.game, options.get("pending_reason")) == self._autosaved:
            return None
        game = session.game
        copy = Game(game.scenario, game.seed, game.state.clone(), list(game.records),
                    list(game.snapshots))
        return self.autosave(copy, options)

    async def on_exit_app(self) -> None:
        """Before the process ends, however it was asked to: let a turn being resolved
        finish, then autosave."""
        board = self.board()
        if board is not None and board.busy:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self.workers.wait_for_complete(), 10)
        try:
            self.autosave_now()
        except Exception as exc:  # never stop the exit; say why on the server's console
            import sys

            from ..i18n import _

            print("wargame: " + _("the autosave on exit failed: {error}").format(error=exc),
                  file=sys.stderr)
        finally:
            if self._team_lock is not None:   # the team may play in another tab now
                self._team_lock.release()
