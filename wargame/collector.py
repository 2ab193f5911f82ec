"""The cyclic garbage collector while a command starts (issue 13).

Start-up makes a great many objects that live as long as the process (modules, classes,
pydantic's validators, Textual's styles and widgets, the scenario), and the collector
would scan them again and again while they are made: about 250 collections before the
board's first frame (60-100 ms), about 140 during `wargame validate` of a changed file
(~45 ms), measured. A command pauses it while it starts, then `resume` freezes what exists
(never scanned again, nor at exit, when Python would collect it all once more) and lets
it collect again. What freezing keeps of start-up's garbage is small and bounded (under
2 MB for a first validation, measured).
"""

from __future__ import annotations

import gc


def pause() -> None:
    gc.disable()


def resume() -> None:
    """Freeze what exists and collect again; nothing if the collector is not paused."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()
