"""`wargame class DIR`: the instructor's view of a class folder, as an app of its own (in
a terminal, or in the browser at `/instructor` of `wargame serve`)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from textual.app import App

from ..i18n import _
from .app import WARGAME_DARK, WARGAME_LIGHT


class ClassViewApp(App[int]):
    CSS_PATH = "wargame.tcss"
    TITLE = "wargame · the class"

    def __init__(self, folder: Path, *, poll: float | None = None) -> None:
        super().__init__()
        self.folder = Path(folder)
        self.poll = poll

    def on_mount(self) -> None:
        from .screens.classview import ClassScreen

        self.register_theme(WARGAME_DARK)
        self.register_theme(WARGAME_LIGHT)
        self.theme = os.environ.get("WARGAME_THEME") or "wargame"
        self.push_screen(ClassScreen(self.folder, poll=self.poll))


def run_class(folder: str, poll: float | None = None) -> int:
    """`wargame class DIR` in a terminal."""
    from . import has_terminal

    path = Path(folder)
    if not path.is_dir():
        print("wargame: " + _("{folder}: no such folder (the class folder of wargame serve)"
                              ).format(folder=folder), file=sys.stderr)
        return 1
    if not has_terminal():
        print("wargame: " + _("the class view needs a terminal (stdin and stdout must be a "
                              "tty); in a browser, use wargame serve --instructor-token TOKEN "
                              "and open /instructor"), file=sys.stderr)
        return 2
    app = ClassViewApp(path, poll=poll)
    app.run()
    return app.return_code or 0
