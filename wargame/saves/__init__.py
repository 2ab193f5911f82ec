"""Saved games: the save format, atomic saves and rotating autosaves, verified loading,
after-action reports and the comparison of seminar runs. See docs/save-format.md."""

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
