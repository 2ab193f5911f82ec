"""Team names in a seminar: what a visitor may type, the team it names, and its folder.

A team is known by its *key*: the name in Unicode NFKC form, case-folded, so that `Mali`,
`MALI` and `ｍａｌｉ` (full-width) are one team, which reconnects to its own games. The
folder is a pure, one-to-one function of the key that is safe on every filesystem: a key
made only of ASCII `a-z 0-9`, spaces, `-` and `_` is its own folder name; any other key
gets an ASCII rendering followed by `~` and a hash of the key (`~` never appears in the
first kind), so two different keys never share a folder, whatever the filesystem folds or
normalises.

Anything that could leave the class folder, hide itself on screen or trip an operating
system is refused with a message that says what to change: path separators, dots at the
start, control and invisible formatting characters (right-to-left marks, zero-width
spaces), Windows device names (`CON`, `LPT1`...), and names longer than 40 characters.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ..saves.classroom import TEAM_FILE

MAX_TEAM_CHARS = 40
PUNCTUATION = " -_'."
LOCK_FILE = ".lock"           # held by the game process playing the team
_PLAIN_KEY = re.compile(r"[a-z0-9]([a-z0-9 _-]*[a-z0-9_-])?")
_RESERVED = {"con", "prn", "aux", "nul", "clock$", "conin$", "conout$",
             *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10)),
             *(f"com{d}" for d in "¹²³"), *(f"lpt{d}" for d in "¹²³")}


class TeamNameError(ValueError):
    """A team name that cannot be used; the message tells the visitor what to change."""


class TeamBusy(Exception):
    """The team is being played in another browser tab."""


@dataclass(frozen=True)
class Team:
    name: str      # as shown: NFKC, runs of spaces made one
    key: str       # the team's identity: NFKC + case folding
    folder: str    # its folder in the class folder

    def __str__(self) -> str:
        return self.name


def _describe(ch: str) -> str:
    name = unicodedata.name(ch, "")
    return f"U+{ord(ch):04X}" + (f" {name}" if name else "")


def _refuse_hidden(text: str) -> None:
    """Control, formatting (bidirectional marks, zero-width...), private-use, surrogate
    and unassigned characters: they hide or reorder what the instructor would read."""
    for ch in text:
        category = unicodedata.category(ch)
        if category == "Cc":
            raise TeamNameError(f"the name contains a control character ({_describe(ch)}); "
                                "type it again with letters, digits and spaces")
        if category == "Cf":
            raise TeamNameError(f"the name contains an invisible formatting character "
                                f"({_describe(ch)}); type it again without it")
        if category in ("Cs", "Co", "Cn"):
            raise TeamNameError(f"the name contains a character that cannot be shown "
                                f"({_describe(ch)})")


def _folder_for(key: str) -> str:
    if _PLAIN_KEY.fullmatch(key):
        return key
    ascii_form = unicodedata.normalize("NFKD", key).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_form.lower()).strip("-")[:MAX_TEAM_CHARS]
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]
    return f"{slug or 'team'}~{digest}"


def parse_team(text: str) -> Team:
    """The team a visitor's typed name stands for; raises TeamNameError."""
    if len(text) > 4 * MAX_TEAM_CHARS:   # refuse early: no work on a huge paste
        raise TeamNameError(f"the name is {len(text):,} characters long: a team name has "
                            f"at most {MAX_TEAM_CHARS}")
    _refuse_hidden(text)
    name = " ".join(unicodedata.normalize("NFKC", text).split())
    _refuse_hidden(name)   # NFKC can compose new characters: check them again
    if not name:
        raise TeamNameError("type your team's name (letters, digits and spaces)")
    if len(name) > MAX_TEAM_CHARS:
        raise TeamNameError(f"the name is {len(name)} characters long: a team name has at "
                            f"most {MAX_TEAM_CHARS}")
    for ch in name:
        if not (ch.isalnum() or unicodedata.category(ch).startswith("M") or ch in PUNCTUATION):
            shown = f"'{ch}'" if ch.isprintable() else _describe(ch)
            raise TeamNameError(f"{shown} cannot be used in a team name: use letters, "
                                "digits, spaces and - _ ' .")
    if not any(ch.isalnum() for ch in name):
        raise TeamNameError("a team name needs at least one letter or digit")
    if name[0] in PUNCTUATION or name[-1] == ".":
        raise TeamNameError("a team name starts with a letter or a digit and does not end "
                            "with a dot")
    key = unicodedata.normalize("NFKC", name.casefold())
    stem = key.split(".")[0].strip()
    if key in _RESERVED or stem in _RESERVED:
        raise TeamNameError(f"'{name}' is a reserved device name on Windows: choose "
                            "another team name")
    return Team(name, key, _folder_for(key))


# ------------------------------------------------------------------ the team's folder

def team_folder(class_dir: Path, team: Team) -> Path:
    """The team's folder in the class folder, created if needed (with its `team.json`).
    Refuses a folder that resolves anywhere but directly inside the class folder (a
    symbolic link planted there, say). Raises OSError."""
    base = Path(class_dir).resolve()
    folder = base / team.folder
    if folder.is_symlink() or folder.resolve().parent != base:
        raise OSError(errno.EPERM, f"{folder} is not a folder inside {base}")
    folder.mkdir(mode=0o755, parents=False, exist_ok=True)
    marker = folder / TEAM_FILE
    if not marker.exists():
        from ..saves.store import atomic_write

        atomic_write(marker, json.dumps({"name": team.name, "key": team.key},
                                        ensure_ascii=False).encode("utf-8") + b"\n")
    return folder


def _lock(fd: int) -> None:
    """Take an exclusive lock on an open file without waiting; OSError if it is held."""
    if sys.platform == "win32":
        import msvcrt

        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        return
    import fcntl

    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


class TeamLock:
    """An exclusive lock on a team's folder for the life of the game process (the
    operating system releases it when the process ends, however it ends)."""

    def __init__(self, folder: Path, team: Team) -> None:
        self.path = Path(folder) / LOCK_FILE
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            _lock(fd)
        except OSError:
            os.close(fd)
            raise TeamBusy(f"team '{team.name}' is already playing in another browser tab: "
                           "close that tab first (or wait a minute), or choose another "
                           "name") from None
        self.fd: int | None = fd

    def release(self) -> None:
        if self.fd is not None:
            with contextlib.suppress(OSError):
                os.close(self.fd)
            self.fd = None
