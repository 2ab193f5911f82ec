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
from textual.widgets import Button, Footer, Label, OptionList, Static
from textual.widgets.option_list import Option

from ...engine import Scenario
from ...engine.safetext import printable
from ...scenario.load import check_file
from ...scenario.shipped import shipped_scenarios
from ..briefing import briefing

DIFFICULTY_HELP = {
    "novice": "JNIM's AI sees less and plans one step",
    "standard": "the doctrine as the scenario states it",
    "expert": "JNIM's AI looks further ahead",
}


class Choice(OptionList):
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
        keys = [k for k, _ in self.choice_items]
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
        Binding("enter", "start", "Start", priority=False),
        Binding("l", "load", "Load"),
        Binding("f1,question_mark", "app.help", "Help", key_display="?"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.paths: list[Path] = shipped_scenarios()
        self.loaded: dict[Path, Scenario | str] = {}
        self.chosen: Path | None = self.paths[0] if self.paths else None

    def compose(self) -> ComposeResult:
        app: Any = self.app
        yield Static(Content.assemble(("wargame", "bold"), " · the siege of Bamako, 2025 · a "
                                      "teaching wargame"), id="title-banner")
        with Horizontal(id="title-main"):
            with Vertical(id="title-choices"):
                yield Label(Content.styled("Scenario", "bold"))
                yield OptionList(*[Option(p.stem, id=str(i)) for i, p in enumerate(self.paths)],
                                 id="scenario-list")
                yield Label(Content.styled("Difficulty", "bold"))
                yield Choice([(level, level.capitalize()) for level in DIFFICULTY_HELP],
                             app.difficulty, id="difficulty")
                yield Label(Content.styled("JNIM played by", "bold"))
                yield Choice([("ai", "the AI"), ("human", "a second player")],
                             app.insurgent, id="insurgent")
                yield Button("Start (Enter)", id="start", variant="primary", compact=True)
                yield Button("Load a saved game (l)", id="load", compact=True)
                yield Button("Quit (q)", id="quit", variant="error", compact=True)
            with VerticalScroll(id="briefing-box"):
                yield Static("Loading the briefing…", id="briefing")
        yield Footer()

    def on_mount(self) -> None:
        if self.paths:
            self.query_one("#scenario-list", OptionList).highlighted = 0
            self.query_one("#start").focus()
            self.load_briefing(self.paths[0])
        else:
            self.query_one("#briefing", Static).update("No scenario is installed.")

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
            box.update(Content.assemble(("This scenario does not load:\n", "bold $error"),
                                        loaded))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list.id != "scenario-list":
            return
        path = self.paths[int(event.option.id or 0)]
        if path != self.chosen:
            self.chosen = path
            self.query_one("#briefing", Static).update("Loading the briefing…")
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
            self.notify("This scenario does not load; see the briefing panel.",
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
                self.notify(f"Could not load {path.name}: {exc}", severity="error", timeout=8)

        app.push_screen(LoadScreen(app.saves_folder()), load)
