"""The title screen: choose a scenario, read its briefing, choose difficulty, start or load."""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, Label, OptionList, Static
from textual.widgets.option_list import Option

from ...engine import Scenario
from ...engine.safetext import printable
from ...i18n import N_, _, available_languages, current_language, set_language
from ...scenario.load import check_file
from ...scenario.shipped import shipped_scenarios
from ..briefing import briefing
from ..widgets.footer import Footer
from ..widgets.safelist import SafeOptionList
from .base import translate_bindings

DIFFICULTY_HELP = {
    "novice": N_("JNIM's AI sees less and plans one step"),
    "standard": N_("the doctrine as the scenario states it"),
    "expert": N_("JNIM's AI looks further ahead"),
}
DIFFICULTY_NAMES = {"novice": N_("Novice"), "standard": N_("Standard"), "expert": N_("Expert")}
# Each language named in itself, so a player who cannot read the current one finds theirs.
LANGUAGE_NAMES = {"en": "English", "fr": "Français"}


class Choice(SafeOptionList):
    """One choice among a few, the chosen one marked ◉ (not by colour alone)."""

    class Changed(Message):
        def __init__(self, choice: Choice, value: str) -> None:
            super().__init__()
            self.choice = choice
            self.value = value

    def __init__(self, items: list[tuple[str, str]], value: str, *, id: str) -> None:
        self.choice_items = items
        self.value = value
        super().__init__(*self._choice_options(), id=id)

    def _choice_options(self) -> list[Option]:
        return [Option(f"{'◉' if key == self.value else '○'} {label}", id=key)
                for key, label in self.choice_items]

    def on_mount(self) -> None:
        keys = [k for k, _label in self.choice_items]
        self.highlighted = keys.index(self.value) if self.value in keys else 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.value = event.option.id or self.value
        index = self.highlighted
        self.set_options(self._choice_options())
        self.highlighted = index
        self.post_message(self.Changed(self, self.value))


class TitleScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "start", N_("Start"), priority=False),
        Binding("l", "load", N_("Load")),
        Binding("f1,question_mark", "app.help", N_("Help"), key_display="?"),
        Binding("q", "app.quit", N_("Quit")),
    ]

    def __init__(self) -> None:
        super().__init__()
        translate_bindings(self)
        self.paths: list[Path] = shipped_scenarios()
        self.loaded: dict[Path, Scenario | str] = {}
        self.chosen: Path | None = self.paths[0] if self.paths else None

    def compose(self) -> ComposeResult:
        app: Any = self.app
        yield Static(Content.assemble(("wargame", "bold"), " · ",
                                      _("the siege of Bamako, 2025 · a teaching wargame")),
                     id="title-banner")
        with Horizontal(id="title-main"):
            with Vertical(id="title-choices"):
                yield Label(Content.styled(_("Scenario"), "bold"))
                yield SafeOptionList(*[Option(p.stem, id=str(i)) for i, p in enumerate(self.paths)],
                                 id="scenario-list")
                yield Label(Content.styled(_("Difficulty"), "bold"))
                yield Choice([(level, _(DIFFICULTY_NAMES[level])) for level in DIFFICULTY_HELP],
                             app.difficulty, id="difficulty")
                yield Label(Content.styled(_("JNIM played by"), "bold"))
                yield Choice([("ai", _("the AI")), ("human", _("a second player"))],
                             app.insurgent, id="insurgent")
                if len(available_languages()) > 1:
                    yield Label(Content.styled(_("Language"), "bold"))
                    yield Choice([(code, LANGUAGE_NAMES.get(code, code))
                                  for code in available_languages()],
                                 current_language(), id="language")
                yield Button(_("Start (Enter)"), id="start", variant="primary", compact=True)
                yield Button(_("Load a saved game (l)"), id="load", compact=True)
                yield Button(_("Quit (q)"), id="quit", variant="error", compact=True)
            with VerticalScroll(id="briefing-box"):
                yield Static(_("Loading the briefing…"), id="briefing")
        yield Footer()

    def on_mount(self) -> None:
        if self.paths:
            self.query_one("#scenario-list", OptionList).highlighted = 0
            self.query_one("#start").focus()
            self.load_briefing(self.paths[0])
        else:
            self.query_one("#briefing", Static).update(_("No scenario is installed."))

    @work(thread=True, exclusive=True, group="briefing")
    def load_briefing(self, path: Path) -> None:
        """Loading and validating a scenario takes a few tenths of a second: off the UI."""
        if path not in self.loaded:
            report = check_file(path)
            self.loaded[path] = (report.scenario if report.scenario is not None
                                 else printable("\n".join(report.lines()[:20])))
        self.app.call_from_thread(self._show, path)

    def _show(self, path: Path) -> None:
        if path != self.chosen:
            return
        loaded = self.loaded.get(path)
        box = self.query_one("#briefing", Static)
        if isinstance(loaded, Scenario):
            box.update(briefing(loaded))
        elif loaded is not None:
            box.update(Content.assemble((_("This scenario does not load:") + "\n",
                                         "bold $error"), loaded))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list.id != "scenario-list":
            return
        path = self.paths[int(event.option.id or 0)]
        if path != self.chosen:
            self.chosen = path
            self.query_one("#briefing", Static).update(_("Loading the briefing…"))
            self.load_briefing(path)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id != "scenario-list":
            return
        self.chosen = self.paths[int(event.option.id or 0)]
        self.action_start()

    def on_choice_changed(self, event: Choice.Changed) -> None:
        app: Any = self.app
        if event.choice.id == "difficulty":
            app.difficulty = event.value
        elif event.choice.id == "insurgent":
            app.insurgent = event.value
        elif event.choice.id == "language" and event.value != current_language():
            # Every text on screen was written in the old language: draw the screen anew.
            # The game itself does not change (the engine never reads the language).
            set_language(event.value)
            translate_bindings(self.app)
            self.app.switch_screen(TitleScreen())

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "start":
            self.action_start()
        elif event.button.id == "load":
            self.action_load()
        elif event.button.id == "quit":
            self.app.exit(0)

    def action_start(self) -> None:
        path = self.chosen
        if path is None:
            return
        loaded = self.loaded.get(path)
        if loaded is None:
            report = check_file(path)
            loaded = report.scenario if report.scenario is not None else "invalid"
            self.loaded[path] = loaded
        if not isinstance(loaded, Scenario):
            self.notify(_("This scenario does not load; see the briefing panel."),
                        severity="error")
            return
        app: Any = self.app
        app.start_game(loaded, path)

    def action_load(self) -> None:
        from .dialogs import LoadScreen

        app: Any = self.app

        def load(path: Path | None) -> None:
            if path is None:
                return
            try:
                app.load_game(path)
            except Exception as exc:
                self.notify(_("Could not load {name}: {problem}").format(
                    name=path.name, problem=exc), severity="error", timeout=8)

        app.push_screen(LoadScreen(app.saves_folder()), load)
