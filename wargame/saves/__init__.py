"""Saved games: the save format, atomic saves and rotating autosaves, verified loading,
after-action reports and the comparison of seminar runs. See docs/save-format.md.

The names below are loaded on first use (PEP 562): the command line registers the save
commands, and the board names the saves folder, without loading the save format, the
replay machinery and the scenario models behind them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .format import FORMAT_VERSION, SaveError
    from .store import (
        AUTOSAVE_KEEP,
        LoadedSave,
        autosave,
        branch_game,
        load_save,
        newest_good_autosave,
        read_header,
        read_scenario,
        register_scenario_text,
        resolve_save,
        sanitize_name,
        save_game,
        save_path,
        saves_dir,
        scan_autosaves,
        scenario_source,
    )

__all__ = [
    "AUTOSAVE_KEEP", "FORMAT_VERSION", "LoadedSave", "SaveError", "autosave", "branch_game",
    "load_save",
    "newest_good_autosave", "read_header", "read_scenario", "register_scenario_text",
    "resolve_save", "sanitize_name", "save_game", "save_path", "saves_dir", "scan_autosaves",
    "scenario_source",
]


def __getattr__(name: str) -> Any:
    if name not in __all__:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module = "format" if name in ("FORMAT_VERSION", "SaveError") else "store"
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value  # the next access is a plain attribute
    return value
