"""Where saves live and how they are written: the saves folder, safe names, atomic
writes, rotating autosaves, and loading with verification."""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..engine.game import Game
from ..engine.scenario import Scenario
from ..environ import argument, folder, setting
from ..i18n import _, error_text
from ..scenario.readfile import FileRefused, read_first_line, read_regular
from .format import MAX_HEADER_BYTES as _MAX_HEADER
from .format import (
    MAX_SAVE_BYTES,
    SCENARIO_TEXTS,
    SaveDocument,
    SaveError,
    decode,
    document,
    encode,
    migrate_header,
    parse_header,
    rebuild,
    remember_compiled,
)

ENV_VAR = "WARGAME_SAVES"
DEFAULT_DIR = "saves"
AUTOSAVE_KEEP = 5
AUTOSAVE_PREFIX = "autosave-"
TMP_SUFFIX = ".wargame-tmp"
STALE_TMP_SECONDS = 60.0
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)),
             *(f"lpt{i}" for i in range(10))}


# ------------------------------------------------------------------ folders and names

def saves_dir(arg: str | None = None) -> Path:
    """The saves folder: `--saves-dir`, else $WARGAME_SAVES, else ./saves. Raises
    SettingError (one line) for a value that cannot be a folder."""
    if arg:
        return argument("--saves-dir", str(arg), folder)
    return setting(ENV_VAR, folder) or Path(DEFAULT_DIR)


def sanitize_name(name: str) -> str:
    """A save name reduced to a safe file stem: ASCII letters, digits, '.', '-' and '_',
    no folder parts, no leading dot, at most 64 characters. Raises SaveError if nothing
    usable is left."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    text = text.strip()
    if text.lower().endswith(".json"):
        text = text[:-5]
    text = re.sub(r"[^A-Za-z0-9._-]+", "-", text)
    text = re.sub(r"[-._]{2,}", "-", text).strip(".-_")[:64].rstrip(".-_")
    if not text:
        raise SaveError(_("'{name}' is not a usable save name: use letters, digits, '-' and "
                          "'_'").format(name=name))
    if text.split(".")[0].lower() in _RESERVED:
        text = f"save-{text}"
    return text


def save_path(name: str, folder: Path) -> Path:
    """The file `save NAME` writes: NAME sanitised, `.json`, inside `folder`."""
    path = folder / f"{sanitize_name(name)}.json"
    if path.resolve().parent != folder.resolve():
        raise SaveError(_("'{name}' is not a usable save name").format(name=name))
    return path


# ------------------------------------------------------------------ atomic writes

def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # not possible on this platform (Windows); the replace is still atomic
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


def _write_temp(folder: Path, name: str, data: bytes) -> Path:
    """Write `data` to a unique temporary file in `folder`, flushed and fsynced."""
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{name}.", suffix=TMP_SUFFIX, dir=folder)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as f:
            with contextlib.suppress(OSError, AttributeError):
                os.fchmod(f.fileno(), 0o644)
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    return tmp


def atomic_write(path: Path, data: bytes) -> Path:
    """Replace `path` with `data` atomically: the old file stays whole until the new one is
    complete on disk. On any failure the temporary file is removed and the old file kept."""
    try:
        tmp = _write_temp(path.parent, path.name, data)
        try:
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise
        _fsync_dir(path.parent)
    except OSError as exc:
        raise SaveError(_("cannot write {path}: {error}").format(
            path=path, error=exc.strerror or exc)) from None
    return path


def cleanup_temporaries(folder: Path, older_than: float = STALE_TMP_SECONDS) -> list[Path]:
    """Remove temporary files a crashed write left behind (only ours, only stale ones)."""
    removed: list[Path] = []
    if not folder.is_dir():
        return removed
    now = time.time()
    for tmp in folder.glob(f".*{TMP_SUFFIX}"):
        with contextlib.suppress(OSError):
            if now - tmp.stat().st_mtime >= older_than:
                tmp.unlink()
                removed.append(tmp)
    return removed


# ------------------------------------------------------------------ scenario texts

def register_scenario_text(scenario: Scenario, text: str) -> None:
    """Remember the exact text a scenario was loaded from, for later saves."""
    SCENARIO_TEXTS[scenario] = text


def scenario_source(scenario: Scenario) -> str:
    """The exact text of a game's scenario: as registered, else the shipped file of the
    same id if (and only if) it still describes the same scenario."""
    text = SCENARIO_TEXTS.get(scenario)
    if text is not None:
        return text
    from ..scenario.load import check_bytes, read_scenario_bytes
    from ..scenario.shipped import resolve_scenario

    path = resolve_scenario(scenario.id)
    try:
        raw = read_scenario_bytes(path)
    except FileRefused:
        raw = b""
    report = check_bytes(raw, str(path)) if raw else None
    if report is None or report.scenario is None or report.scenario.spec != scenario.spec:
        raise SaveError(_("cannot save: the text of scenario '{scenario}' is not known and "
                          "the shipped file differs from the game's (pass scenario_text)"
                          ).format(scenario=scenario.id))
    text = raw.decode("utf-8")
    register_scenario_text(scenario, text)
    return text


def read_scenario(path: Path) -> tuple[Scenario, str]:
    """Load a scenario file, keeping its exact text; raises ScenarioError."""
    from ..scenario.load import ScenarioError, check_bytes, read_scenario_bytes, unreadable

    try:
        raw = read_scenario_bytes(path)
    except FileRefused as exc:
        raise ScenarioError(unreadable(path, exc)) from None
    report = check_bytes(raw, str(path))
    if report.scenario is None:
        raise ScenarioError(report)
    text = raw.decode("utf-8")
    register_scenario_text(report.scenario, text)
    remember_compiled(text, report.scenario)
    return report.scenario, text


# ------------------------------------------------------------------ saving

def _document(game: Game, *, note: str | None, parent: str | None, branch_turn: int | None,
              sides: dict[str, str] | None, scenario_text: str | None,
              pending_reason: str | None) -> SaveDocument:
    text = scenario_text if scenario_text is not None else scenario_source(game.scenario)
    register_scenario_text(game.scenario, text)
    return document(game, text, note=note, parent=parent, branch_turn=branch_turn,
                    sides=sides, pending_reason=pending_reason)


def save_game(game: Game, path: Path, *, note: str | None = None, parent: str | None = None,
              branch_turn: int | None = None, sides: dict[str, str] | None = None,
              scenario_text: str | None = None, pending_reason: str | None = None) -> Path:
    """Write `game` to `path` atomically; return the path. Raises SaveError."""
    path = Path(path)
    data = encode(_document(game, note=note, parent=parent, branch_turn=branch_turn,
                            sides=sides, scenario_text=scenario_text,
                            pending_reason=pending_reason))
    cleanup_temporaries(path.parent)
    return atomic_write(path, data)


def autosave_paths(folder: Path, keep: int = AUTOSAVE_KEEP) -> list[Path]:
    """The autosave slots, newest first: autosave-1.json ... autosave-KEEP.json."""
    return [folder / f"{AUTOSAVE_PREFIX}{i}.json" for i in range(1, keep + 1)]


def autosave(game: Game, folder: Path, *, keep: int = AUTOSAVE_KEEP,
             **options: Any) -> Path:
    """Write the rotating autosave: the new game becomes autosave-1.json and the older
    ones move down a slot, the oldest dropping out. The new file is complete on disk
    before anything is renamed. Options are those of `save_game`."""
    folder = Path(folder)
    data = encode(_document(game, note=options.get("note"), parent=options.get("parent"),
                            branch_turn=options.get("branch_turn"), sides=options.get("sides"),
                            scenario_text=options.get("scenario_text"),
                            pending_reason=options.get("pending_reason")))
    slots = autosave_paths(folder, keep)
    try:
        cleanup_temporaries(folder)
        tmp = _write_temp(folder, slots[0].name, data)
        try:
            for older, newer in reversed(list(zip(slots, slots[1:], strict=False))):
                if older.exists():
                    with contextlib.suppress(FileNotFoundError):
                        os.replace(older, newer)
            os.replace(tmp, slots[0])
        except BaseException:
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise
        _fsync_dir(folder)
    except OSError as exc:
        raise SaveError(_("cannot write the autosave in {folder}: {error}").format(
            folder=folder, error=exc.strerror or exc)) from None
    return slots[0]


# ------------------------------------------------------------------ loading

@dataclass
class LoadedSave:
    """A save read back and verified: the game (replayed from its seed, with its events)
    and the header; `save()` writes it again byte for byte."""

    path: Path
    header: dict[str, Any]
    game: Game
    scenario_text: str
    pending_reason: str | None = None
    migrated_from: int | None = None

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def note(self) -> str | None:
        note = self.header.get("note")
        return note if isinstance(note, str) else None

    @property
    def parent(self) -> str | None:
        parent = self.header.get("parent")
        return parent.get("save") if isinstance(parent, dict) else None

    @property
    def branch_turn(self) -> int | None:
        parent = self.header.get("parent")
        return parent.get("turn") if isinstance(parent, dict) else None

    @property
    def sides(self) -> dict[str, str]:
        return dict(self.header.get("sides") or {})

    def save_options(self) -> dict[str, Any]:
        """The options of `save_game`/`autosave` that keep this save's header."""
        return {"note": self.note, "parent": self.parent, "branch_turn": self.branch_turn,
                "sides": self.sides, "scenario_text": self.scenario_text}

    def save(self, path: Path | None = None) -> Path:
        return save_game(self.game, path or self.path, pending_reason=self.pending_reason,
                         **self.save_options())


def branch_game(loaded: LoadedSave, turn: int) -> tuple[Game, dict[str, Any]]:
    """A new game from the start of `turn` of a loaded save (the seminar's "what if"), and
    the `save_game`/`autosave` options that record the save as its parent."""
    game = loaded.game
    last = len(game.records) if game.over else game.state.turn
    if not 1 <= turn <= last:
        raise SaveError(_("cannot branch from turn {turn} of {save}: choose a turn from 1 to "
                          "{last}").format(turn=turn, save=loaded.name, last=last))
    branch = Game.replay(game.scenario, game.seed, game.records, verify=False, upto=turn)
    options = {"parent": loaded.name, "branch_turn": turn, "sides": loaded.sides,
               "scenario_text": loaded.scenario_text}
    return branch, options


def _refused(path: Path, exc: FileRefused) -> SaveError:
    if exc.missing:
        return SaveError(f"{path}: " + _("no such save"))
    if exc.folder:
        return SaveError(f"{path}: " + _("is a folder, not a save"))
    return SaveError(f"{path}: " + error_text(exc))


def _read(path: Path) -> bytes:
    """A save's bytes: a regular file of at most MAX_SAVE_BYTES (see `read_regular`)."""
    try:
        return read_regular(path, MAX_SAVE_BYTES)
    except FileRefused as exc:
        raise _refused(path, exc) from None


def load_document(path: Path, *, check_body: bool = True) -> SaveDocument:
    """Read and check a save's bytes, without replaying it."""
    try:
        return decode(_read(path), check_body=check_body)
    except SaveError as exc:
        if str(exc).startswith(f"{path}:"):
            raise
        raise SaveError(f"{path}: {exc}") from None


def load_save(path: Path, *, upto: int | None = None) -> LoadedSave:
    """Read, check and verify a save: the order log is replayed from the seed and every
    turn's checksum and the final state compared. With `upto`, the game is rebuilt only
    to the start of that turn (for a branch). Raises SaveError; never changes the file."""
    path = Path(path)
    doc = load_document(path)
    try:
        game = rebuild(doc, upto=upto)
    except SaveError as exc:
        raise SaveError(f"{path}: {exc}") from None
    return LoadedSave(path, doc.header, game, doc.body["scenario"]["text"],
                      doc.body.get("pending_reason") if upto is None else None,
                      doc.migrated_from)


def read_header(path: Path) -> dict[str, Any]:
    """The header of a save, reading only its first line. Raises SaveError."""
    path = Path(path)
    try:
        line = read_first_line(path, _MAX_HEADER + 1, MAX_SAVE_BYTES)
    except FileRefused as exc:
        raise _refused(path, exc) from None
    if not line:
        raise SaveError(f"{path}: " + _("the file is empty"))
    if not line.endswith(b"\n"):
        reason = (_("not a wargame save file") if len(line) > _MAX_HEADER or not
                  line.startswith(b"{") else _("the file is truncated: it ends inside the header"))
        raise SaveError(f"{path}: {reason}")
    try:
        header = parse_header(line[:-1])
    except SaveError as exc:
        raise SaveError(f"{path}: {exc}") from None
    return migrate_header(header)


def scan_autosaves(folder: Path, keep: int = AUTOSAVE_KEEP
                   ) -> tuple[LoadedSave | None, list[tuple[Path, str]]]:
    """The newest autosave that loads and verifies, and the damaged ones skipped before it
    (path, reason)."""
    skipped: list[tuple[Path, str]] = []
    for path in autosave_paths(Path(folder), keep):
        if not path.exists():
            continue
        try:
            return load_save(path), skipped
        except SaveError as exc:
            skipped.append((path, str(exc)))
    return None, skipped


def newest_good_autosave(folder: Path) -> Path | None:
    """The newest autosave in `folder` that loads and verifies, or None."""
    loaded, _skipped = scan_autosaves(folder)
    return loaded.path if loaded else None


def resolve_save(arg: str, folder: Path) -> Path:
    """A save argument: a path, a name in the saves folder (with or without `.json`), the
    name of a shipped save (the seminar hand-outs), or `autosave` (the newest good one)."""
    from ..scenario.shipped import shipped_dir

    if arg == "autosave":
        newest = newest_good_autosave(folder)
        if newest is None:
            raise SaveError(_("no autosave in {folder} loads").format(folder=folder))
        return newest
    direct = Path(arg).expanduser()
    if direct.is_file():
        return direct
    candidates = [folder / arg, folder / f"{arg}.json",
                  shipped_dir("saves") / arg, shipped_dir("saves") / f"{arg}.json"]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    if direct.exists() or direct.is_symlink():
        return direct  # a folder, a link that loops...: load_save says what is wrong
    raise SaveError(_("no save '{name}' (looked for a file of that name, in {folder} and in "
                      "the shipped saves)").format(name=arg, folder=folder))
