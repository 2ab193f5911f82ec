"""The Textual application: themes, screens, saving and loading, the command palette.

It holds the `Session` of the game being played and switches between the title, the
board, the reports and the dialogs. It never changes game state itself: the board screen
does, through the session, on the player's intent.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any, ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.theme import BUILTIN_THEMES, Theme

from .. import collector
from ..engine import Scenario
from ..engine.game import Game
from ..engine.safetext import printable
from ..environ import setting
from ..i18n import N_, _
from ..scenario.load import read_scenario_bytes
from ..scenario.readfile import FileRefused
from .session import Session

MIN_WIDTH, MIN_HEIGHT = 80, 24

# Textual's own palette commands and bindings, so the catalogue carries them: translated as they are
# yielded (`get_system_commands`), matched on Textual's English titles and help lines.
TEXTUAL_COMMANDS = (
    N_("Theme"), N_("Change the current theme"), N_("Quit"),
    N_("Quit the application as soon as possible"), N_("Keys"),
    N_("Hide the keys and widget help panel"),
    N_("Show help for the focused widget and a summary of available keys"),
    N_("Minimize"), N_("Minimize the widget and restore to normal size"), N_("Maximize"),
    N_("Maximize the focused widget"), N_("Screenshot"),
    N_("Save an SVG 'screenshot' of the current screen"),
    # and its key bindings' descriptions (screens, the app, the palette's key)
    N_("Focus Next"), N_("Focus Previous"), N_("Copy selected text"),
    N_("Quit the app and return to the command prompt."), N_("palette"),
    N_("Open the command palette"),
)

# Okabe & Ito's palette, distinguishable with the common colour-vision deficiencies:
# blue, sky blue, orange, yellow, vermillion, bluish green.
WARGAME_DARK = Theme(
    name="wargame", primary="#0072B2", secondary="#56B4E9", accent="#E69F00",
    warning="#F0E442", error="#D55E00", success="#009E73", foreground="#E8E8E8",
    background="#101418", surface="#161B21", panel="#20262E", dark=True,
)
WARGAME_LIGHT = Theme(
    name="wargame-light", primary="#0072B2", secondary="#3A8FC2", accent="#B36F00",
    warning="#8A7A00", error="#C04A00", success="#007A5E", foreground="#1A1A1A",
    background="#F7F7F2", surface="#EFEFE8", panel="#E2E2DA", dark=False,
)
THEMES = ("wargame", "wargame-light", *BUILTIN_THEMES)


def _theme(raw: str) -> str:
    if raw not in THEMES:
        raise ValueError("is not a theme; one of: " + ", ".join(THEMES))
    return raw


def theme_setting() -> str | None:
    """$WARGAME_THEME, checked (raises SettingError, one line, before the app starts)."""
    return setting("WARGAME_THEME", _theme)


class WargameApp(App[int]):
    """`wargame`: the title screen, or straight to the board when a game is given."""

    CSS_PATH = "wargame.tcss"
    TITLE = "wargame"
    SUB_TITLE = N_("the siege of Bamako, 2025")
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]] | None] = [  # type: ignore[misc]
        (0, "-narrow"), (124, "-wide")]
    VERTICAL_BREAKPOINTS: ClassVar[list[tuple[int, str]] | None] = [  # type: ignore[misc]
        (0, "-short"), (34, "-tall")]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1,question_mark", "help", N_("Help"), show=False),
    ]

    def __init__(self, *, scenario: Scenario | None = None, game: Game | None = None,
                 seed: int = 1, difficulty: str = "standard", insurgent: str = "ai",
                 saves_dir: str | Path | None = None, scenario_path: Path | None = None,
                 theme: str | None = None, loaded_from: Path | None = None,
                 save_options: dict[str, Any] | None = None,
                 pending_reason: str | None = None, watch: bool = False) -> None:
        super().__init__()
        from .screens.base import translate_bindings

        translate_bindings(self)
        self.sub_title = _(self.SUB_TITLE)
        self.watch_scenario = watch   # `play FILE --watch`: reload the file when it changes
        self.started = time.perf_counter()
        self.timings: dict[str, float] = {}
        self.seed = seed
        self.difficulty = difficulty
        self.insurgent = insurgent
        self._insurgent_arg = insurgent
        self.saves_arg = saves_dir
        self.session: Session | None = None
        self._initial: tuple[Scenario | None, Game | None, Path | None, Path | None] = (
            scenario, game, scenario_path, loaded_from)
        self._theme_name = theme
        self._loaded_options = save_options
        self._pending_reason = pending_reason
        self._too_small_shown = False

    # ------------------------------------------------------------------ start-up
    def on_mount(self) -> None:
        self.register_theme(WARGAME_DARK)
        self.register_theme(WARGAME_LIGHT)
        self.theme = self._theme_name or "wargame"
        scenario, game, path, loaded_from = self._initial
        if game is not None and self._loaded_options is not None:
            self.open_loaded(game, self._loaded_options, loaded_from or Path("save"),
                             self._pending_reason)
        elif game is not None or scenario is not None:
            self.start_game(scenario or game.scenario, path,  # type: ignore[union-attr]
                            game=game, loaded_from=loaded_from)
            if self.watch_scenario and path is not None:
                self._start_watching(Path(path))
        else:
            self.open_first_screen()
        self.call_after_refresh(self._check_size)
        # The collector paused for start-up (wargame.collector) resumes with the board's
        # first frame (`first_frame`), or here for any other first screen.
        self.set_timer(1.0, collector.resume)

    def first_frame(self, name: str) -> None:
        """A screen's first frame has been drawn: its time is noted (benchmarks), and the
        collector paused for start-up, if it is, resumes."""
        self.timings.setdefault(name, time.perf_counter())
        collector.resume()

    def open_first_screen(self) -> None:
        """The screen shown when no game is given: the title (`wargame serve` asks for
        the team's name first)."""
        from .screens.title import TitleScreen

        self.push_screen(TitleScreen())

    def saves_folder(self) -> Path:
        try:
            from ..saves import saves_dir

            return Path(saves_dir(str(self.saves_arg) if self.saves_arg else None))
        except ImportError:  # pragma: no cover - the saves package ships with the game
            return Path(self.saves_arg) if self.saves_arg else Path("saves")

    def new_session(self, scenario: Scenario, path: Path | None, *, game: Game | None = None,
                    seed: int | None = None) -> Session:
        text = None
        if path is not None:
            try:
                text = read_scenario_bytes(Path(path)).decode("utf-8")
            except (FileRefused, UnicodeDecodeError):
                text = None
        game = game or Game.new(scenario, self.seed if seed is None else seed)
        session = Session(game, difficulty=self.difficulty, insurgent=self.insurgent,
                          saves_dir=self.saves_folder(), scenario_path=path,
                          scenario_text=text)
        session.saved_turns = len(game.records)
        return session

    def start_game(self, scenario: Scenario, path: Path | None, *, game: Game | None = None,
                   seed: int | None = None, loaded_from: Path | None = None) -> None:
        """Open the board on a new game (or on `game`), replacing whatever is shown."""
        from .screens.board import BoardScreen

        self.session = self.new_session(scenario, path, game=game, seed=seed)
        if loaded_from is not None:
            self.session.last_save = loaded_from
        board = BoardScreen(self.session)
        if len(self.screen_stack) > 1:
            # Drop every screen above the base one, then show the board.
            while len(self.screen_stack) > 2:
                self.pop_screen()
            self.switch_screen(board)
        else:
            self.push_screen(board)

    def show_title(self) -> None:
        from .screens.title import TitleScreen

        while len(self.screen_stack) > 2:
            self.pop_screen()
        self.session = None
        self.switch_screen(TitleScreen())

    # ------------------------------------------------------------------ --watch
    def _start_watching(self, path: Path) -> None:
        """Poll the scenario file; restart on a change that loads, show errors otherwise."""
        from ..scenario.watch import ScenarioWatcher

        self._watcher = ScenarioWatcher(path)
        self._watched_path = path
        self.set_interval(0.5, self._poll_scenario)

    def _poll_scenario(self) -> None:
        change = self._watcher.poll()
        if change is None:
            return
        if change.ok and change.restart:
            assert change.scenario is not None
            self.clear_notifications()
            self.start_game(change.scenario, self._watched_path)
            self.notify(change.summary(), title=_("Scenario reloaded"), timeout=6)
        elif change.ok:
            self.clear_notifications()
            self.notify(change.summary(), timeout=6)
        else:
            shown = change.messages[:8]
            more = len(change.messages) - len(shown)
            text = "\n".join(shown) + ("\n… " + _("{count} more").format(count=more)
                                        if more > 0 else "")
            self.notify(text, title=change.summary(), severity="error", timeout=3600,
                        markup=False)

    # ------------------------------------------------------------------ language
    # Every screen's key bindings (footer, palette) in the player's language, whichever
    # module defines the screen: translated as it is shown.
    def push_screen(self, screen: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(screen, Screen):
            from .screens.base import translate_bindings

            translate_bindings(screen)
        return super().push_screen(screen, *args, **kwargs)

    def switch_screen(self, screen: Any) -> Any:
        if isinstance(screen, Screen):
            from .screens.base import translate_bindings

            translate_bindings(screen)
        return super().switch_screen(screen)

    # ------------------------------------------------------------------ safety
    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = False) -> None:
        """Every notification is plain, sanitised text, whatever `markup` says (widgets'
        own `notify` passes True): messages quote file names, save names and errors,
        which must never be read as markup nor reach the terminal raw."""
        super().notify(printable(message), title=printable(title), severity=severity,
                       timeout=timeout, markup=False)

    def _fatal_error(self) -> None:
        # No traceback on the player's terminal: the exception stays in `_exception` and
        # `run_title`/`run_play` raise it, so the `wargame` command logs it to a file.
        self.bell()
        self._close_messages_no_wait()

    # ------------------------------------------------------------------ size
    def on_resize(self) -> None:
        self.call_after_refresh(self._check_size)

    def _check_size(self) -> None:
        from .screens.dialogs import TooSmallScreen

        small = self.size.width < MIN_WIDTH or self.size.height < MIN_HEIGHT
        if small and not isinstance(self.screen, TooSmallScreen):
            self.push_screen(TooSmallScreen())
        elif not small and isinstance(self.screen, TooSmallScreen):
            self.pop_screen()

    # ------------------------------------------------------------------ actions
    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def board(self) -> Any:
        from .screens.board import BoardScreen

        for screen in reversed(self.screen_stack):
            if isinstance(screen, BoardScreen):
                return screen
        return None

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        for command in super().get_system_commands(screen):
            yield command._replace(title=_(command.title), help=_(command.help))
        yield SystemCommand(_("Help"), _("Keys, the map's symbols and how a turn works"),
                            self.action_help)
        board = self.board()
        if board is None:
            return
        yield SystemCommand(_("End turn"), _("Resolve the turn (e)"), board.action_end_turn)
        yield SystemCommand(_("Undo"), _("Take back the last queued order (u)"),
                            board.action_undo)
        yield SystemCommand(_("Ask the advisor"),
                            _("The planning junta's suggestion for this turn, beside your "
                              "queue; applied only if you say so (i)"),
                            board.action_advise)
        yield SystemCommand(_("Save game"), _("Save the game to a file (s)"),
                            board.action_save)
        yield SystemCommand(_("Load game"), _("Load a saved game (l)"), board.action_load)
        yield SystemCommand(_("Reason for this turn"),
                            _("Write down why you chose this turn's orders (w)"),
                            board.action_reason)
        yield SystemCommand(_("Zoom in"), _("Zoom the map in (+)"), board.action_zoom_in)
        yield SystemCommand(_("Zoom out"), _("Zoom the map out (-)"), board.action_zoom_out)
        yield SystemCommand(_("Tracks"), _("Show the tracks and support per region (t)"),
                            board.action_toggle_tracks)
        yield SystemCommand(_("Goals"), _("What winning takes, and where the game stands (v)"),
                            board.action_show_goals)
        yield SystemCommand(_("After-action report"),
                            _("Turn by turn: orders, reasons, results"),
                            board.action_after_action)
        yield SystemCommand(_("Title screen"), _("Back to the choice of scenario"),
                            board.action_title)

    # ------------------------------------------------------------------ saves
    def save_game(self, name: str) -> Path:
        """Save the session's game as NAME.json in the saves folder; raise SaveError."""
        from ..saves import save_game, save_path

        session = self.session
        assert session is not None
        folder = self.saves_folder()
        folder.mkdir(parents=True, exist_ok=True)
        path = save_path(name, folder)
        save_game(session.game, path, **session.save_kwargs())
        session.mark_saved(path)
        return path

    def autosave(self, game: Game, options: dict[str, Any]) -> Path:
        """The rotating autosave after a turn (called from the end-of-turn worker with a
        copy of the game and the session's save options)."""
        from ..saves import autosave

        folder = self.saves_folder()
        folder.mkdir(parents=True, exist_ok=True)
        return autosave(game, folder, **options)

    def load_game(self, path: Path, turn: int | None = None) -> None:
        """Load a save (or branch from the start of `turn`) and open the board on it;
        raise SaveError on a bad file."""
        from ..saves import branch_game, load_save

        loaded = load_save(Path(path))
        game, options = loaded.game, loaded.save_options()
        if turn is not None:
            game, options = branch_game(loaded, turn)
        self.open_loaded(game, options, Path(path), None if turn else loaded.pending_reason)

    def open_loaded(self, game: Game, options: dict[str, Any], path: Path,
                    reason: str | None) -> None:
        sides = options.get("sides") or {}
        # A save played by two records it; `--insurgent human` on the command line also
        # hands a loaded AI game's insurgency to a second player.
        human = sides.get("insurgency") == "player" or self._insurgent_arg == "human"
        self.insurgent = "human" if human else "ai"
        ai = str(sides.get("insurgency", ""))
        if ai.startswith("doctrine:") and ai.split(":", 1)[1] in ("novice", "standard",
                                                                 "expert"):
            self.difficulty = ai.split(":", 1)[1]
        self.start_game(game.scenario, None, game=game, loaded_from=path)
        session = self.session
        assert session is not None
        session.save_options = {k: v for k, v in options.items() if k != "sides"}
        session.scenario_text = options.get("scenario_text")
        if reason:
            session.reasons[game.state.turn] = reason
