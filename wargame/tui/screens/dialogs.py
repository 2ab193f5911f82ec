"""Small screens: terminal too small, hand-over, quit, save, load, the turn's reason."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from ...engine.safetext import is_unsafe, printable
from ...i18n import N_, _, ngettext
from ...saves.format import MAX_REASON_CHARS
from ..app import MIN_HEIGHT, MIN_WIDTH
from ..widgets.safelist import SafeOptionList
from .base import ClosesOnce

MAX_SAVE_NAME_CHARS = 64  # what `sanitize_name` keeps of a name


class TextInput(Input):
    """An Input that never takes a control character, bidi override or lone surrogate,
    typed or pasted (they are dropped), nor more than `max_length` characters."""

    def replace(self, text: str, start: int, end: int) -> None:
        super().replace("".join(ch for ch in text if not is_unsafe(ch, multiline=False)),
                        start, end)


class TooSmallScreen(Screen[None]):
    """Shown over everything while the terminal is smaller than 80x24."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("ctrl+q", "app.quit", N_("Quit"))]

    def compose(self) -> ComposeResult:
        yield Static(id="too-small")

    def on_mount(self) -> None:
        self.show_size()

    def on_resize(self) -> None:
        self.show_size()

    def show_size(self) -> None:
        w, h = self.app.size
        self.query_one("#too-small", Static).update(
            _("The terminal is {width}×{height}: the game needs at least {min_width}×"
              "{min_height}.").format(width=w, height=h, min_width=MIN_WIDTH,
                                      min_height=MIN_HEIGHT) + "\n"
            + _("Enlarge the window or reduce the font size; the game continues as soon as it "
                "fits.") + "\n" + _("(ctrl+q quits. Or play line by line: wargame play --plain)"))


class HandOverScreen(ClosesOnce, Screen[None]):
    """Two players at one keyboard: hides the board until the next player is ready."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "ready", N_("Ready"))]

    def __init__(self, side: str) -> None:
        super().__init__()
        self.side = side

    def compose(self) -> ComposeResult:
        name = _("the junta") if self.side == "junta" else _("JNIM (the insurgency)")
        look_away = _("The JNIM player should look away now: the next screen shows only what "
                      "{name} may see.") if self.side == "junta" else \
            _("The junta player should look away now: the next screen shows only what "
              "{name} may see.")
        with Center(id="handover-box"):
            yield Static(Content.assemble(
                (_("Hand over the keyboard") + "\n\n", "bold"),
                (_("It is {name}'s turn to play.").format(name=name), "bold"), "\n",
                look_away.format(name=name) + "\n\n",
                (_("Press Enter when ready."), "bold reverse")),
                id="handover")
        yield Button(_("Ready (Enter)"), id="ready", variant="primary")

    def on_button_pressed(self) -> None:
        self.dismiss(None)

    def action_ready(self) -> None:
        self.dismiss(None)


class QuitScreen(ClosesOnce, ModalScreen[str | None]):
    """Unsaved progress: save first, leave without saving, or stay."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "choose('save')", N_("Save first")),
        Binding("d", "choose('discard')", N_("Don't save")),
        Binding("escape,c", "choose('cancel')", N_("Cancel")),
    ]
    # What the board passes as `verb`, marked for the catalogue and translated when shown.
    VERBS = (N_("Quit"), N_("Back to the title screen"), N_("Load another game"))

    def __init__(self, unsaved_turns: int, verb: str = "Quit") -> None:
        super().__init__()
        self.unsaved = unsaved_turns
        self.verb = verb

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Content.assemble(
                (_("{verb}?").format(verb=_(self.verb)), "bold"), "\n",
                ngettext("{count} turn played since the last save.",
                         "{count} turns played since the last save.",
                         self.unsaved).format(count=self.unsaved)))
            with Horizontal(classes="buttons"):
                yield Button(_("Save first (s)"), id="save", variant="primary")
                yield Button(_("Don't save (d)"), id="discard", variant="error")
                yield Button(_("Cancel (esc)"), id="cancel")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_choose(event.button.id or "cancel")

    def action_choose(self, choice: str) -> None:
        self.dismiss(None if choice == "cancel" else choice)


class SaveScreen(ClosesOnce, ModalScreen[str | None]):
    """The name to save under."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", N_("Cancel"))]

    def __init__(self, default: str, folder: Path) -> None:
        super().__init__()
        self.default = default
        self.folder = folder

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Content.assemble((_("Save the game"), "bold"), "\n" + printable(
                _("in {folder}").format(folder=self.folder))))
            yield TextInput(value=self.default, id="save-name",
                            placeholder=_("name of the save"), max_length=MAX_SAVE_NAME_CHARS)
            with Horizontal(classes="buttons"):
                yield Button(_("Save (Enter)"), id="save", variant="primary")
                yield Button(_("Cancel (esc)"), id="cancel")

    def on_mount(self) -> None:
        self.query_one(Input).cursor_blink = False

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or self.default)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.dismiss(self.query_one(Input).value.strip() or self.default)
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)


def save_summary(path: Path) -> str:
    """A line about a save, from its header alone (cheap: the first line of the file)."""
    from ...saves import SaveError, read_header

    when = dt.datetime.fromtimestamp(path.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
    try:
        header = read_header(path)
    except SaveError as exc:
        return f"{path.name} · " + _("damaged: {problem}").format(
            problem=str(exc).split(": ", 1)[-1])
    scenario = header.get("scenario") or {}
    title = scenario.get("title") or scenario.get("id") or "?"
    outcome = header.get("outcome")
    where = (_("over: {ending}").format(ending=outcome.get("title"))
             if isinstance(outcome, dict)
             else _("turn {turn} of {turns}, {date}").format(
                 turn=header.get("turn"), turns=header.get("turns"), date=header.get("date")))
    note = f" · {header['note']}" if header.get("note") else ""
    return f"{path.stem} · {title} · {where} · " + _("saved {when}").format(when=when) + note


class LoadScreen(ClosesOnce, ModalScreen[Path | None]):
    """The saves in the saves folder, newest first."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", N_("Cancel"))]

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder

    def compose(self) -> ComposeResult:
        found = self.folder.glob("*.json") if self.folder.is_dir() else iter(())
        files = sorted((p for p in found if p.is_file()), key=lambda p: p.stat().st_mtime,
                       reverse=True)
        self.files = files
        with Vertical(classes="dialog wide"):
            yield Label(Content.assemble((_("Load a saved game"), "bold"), "\n" + printable(
                _("from {folder}").format(folder=self.folder))))
            if files:
                # Plain Content: a file name or a note is never read as markup.
                yield SafeOptionList(*[Option(Content(printable(save_summary(p), multiline=False)),
                                          id=str(i)) for i, p in enumerate(files)], id="saves")
            else:
                yield Label(_("No saved game in this folder yet."), id="no-saves")
            with Horizontal(classes="buttons"):
                yield Button(_("Cancel (esc)"), id="cancel")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.files[int(event.option.id or 0)])

    def on_button_pressed(self) -> None:
        self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ReasonScreen(ClosesOnce, ModalScreen[str | None]):
    """Why the player chose this turn's orders (kept in the game's record)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", N_("Cancel"))]

    def __init__(self, current: str) -> None:
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label(Content.assemble((_("Your reason for this turn"), "bold"), "\n" + _(
                "It is kept with the game and shown in the after-action report.")))
            yield TextInput(value=self.current, id="reason",
                            placeholder=_("e.g. escort the Dakar convoys: fuel first"),
                            max_length=MAX_REASON_CHARS)

    def on_mount(self) -> None:
        self.query_one(Input).cursor_blink = False

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)
