"""Settings from environment variables, each checked when it is read.

Every variable goes through `setting(NAME, parse)`: `parse` turns the text into a value or
raises ValueError saying what is wrong, and the user gets one line naming the variable,
its value and the problem (`SettingError`, which the `wargame` command prints and exits
with code 2) instead of a traceback from deep inside. An unset or blank variable is None.
A new variable needs only its `parse` function, as WARGAME_LANG has:

    language = setting("WARGAME_LANG", language_parser(languages))  # SettingError

Command-line values that mean the same thing (`--saves-dir DIR`) use `argument()`.
This module imports nothing of ours, so every layer above the engine may use it; so its
messages are templates marked `N_` with their values beside them (`Problem`), English
when printed as they are and translated by the caller that knows the language
(`SettingError.text(_)`).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Collection, Mapping
from pathlib import Path
from typing import TypeVar

__all__ = ["MAX_PATH_BYTES", "Problem", "SettingError", "argument", "folder",
           "language_parser", "setting"]

T = TypeVar("T")
MAX_PATH_BYTES = 4096  # PATH_MAX on Linux; longer paths fail in every system call


def N_(message: str) -> str:
    """Marks `message` for the catalogue (`wargame.i18n.N_`; this leaf cannot import it)."""
    return message


def _text(value: object, translate: Callable[[str], str]) -> object:
    return value.text(translate) if isinstance(value, Problem | SettingError) else value


class _Worded(Exception):
    """A message kept as a template and its values: `str()` is the English sentence,
    `text(_)` the sentence in the caller's language."""

    def __init__(self, template: str, **params: object) -> None:
        self.template = template
        self.params = params
        super().__init__(self.text(lambda message: message))

    def text(self, translate: Callable[[str], str]) -> str:
        return translate(self.template).format(
            **{k: _text(v, translate) for k, v in self.params.items()})


class Problem(_Worded, ValueError):
    """What is wrong with a value, as a template and its values: `str()` is the English
    sentence, `text(_)` the sentence in the caller's language."""


class SettingError(_Worded):
    """A setting (environment variable or option) whose value cannot be used; like
    `Problem`, English by `str()` and translated by `text(_)`. A parser's plain
    ValueError (not a `Problem`) is shown as it was written."""


def _shown(value: str) -> str:
    # repr() escapes control characters, bidi overrides and surrogates; long values are cut.
    shown = repr(value)
    return shown if len(shown) <= 80 else shown[:77] + "..."


def setting(name: str, parse: Callable[[str], T],
            environ: Mapping[str, str] | None = None) -> T | None:
    """The value of environment variable `name` through `parse`; None when unset or
    blank. Raises SettingError (one line) when `parse` refuses it."""
    raw = (os.environ if environ is None else environ).get(name)
    if raw is None or not raw.strip():
        return None
    try:
        return parse(raw)
    except ValueError as exc:
        raise SettingError(N_("environment variable {name}={value}: {problem} (fix it or "
                              "unset it: unset {name})"),
                           name=name, value=_shown(raw), problem=exc) from None


def argument(option: str, raw: str, parse: Callable[[str], T]) -> T:
    """A command-line value through `parse`; raises SettingError (one line)."""
    try:
        return parse(raw)
    except ValueError as exc:
        raise SettingError(N_("{option} {value}: {problem}"), option=option,
                           value=_shown(raw), problem=exc) from None


def folder(raw: str) -> Path:
    """A folder the game may create and write in: it need not exist yet, but must not be
    a file, unreachable or an impossibly long path. Raises ValueError."""
    try:
        size = len(os.fsencode(raw))
    except UnicodeError:
        raise Problem(N_("is not a usable path")) from None
    if "\0" in raw:
        raise Problem(N_("is not a usable path"))
    if size > MAX_PATH_BYTES:
        raise Problem(N_("is {size} bytes long; paths are at most {limit}"), size=size,
                      limit=MAX_PATH_BYTES)
    path = Path(raw).expanduser()
    try:
        is_dir = path.is_dir()
        exists = is_dir or path.exists()
    except OSError as exc:
        raise Problem(N_("cannot be used: {why}"), why=exc.strerror or exc) from None
    if exists and not is_dir:
        raise Problem(N_("is not a folder (a file of that name exists)"))
    return path


def language_parser(available: Collection[str]) -> Callable[[str], str]:
    """A parser for a language setting (`WARGAME_LANG`, `--lang`): one of `available`
    (the languages with a catalogue; the caller knows them, this module imports nothing).
    `fr_FR.UTF-8` is read as `fr`."""

    def parse(raw: str) -> str:
        code = raw.strip().split(".")[0].split("@")[0]
        for candidate in (code, code.split("_")[0].split("-")[0].lower()):
            if candidate in available:
                return candidate
        raise Problem(N_("is not a language the game speaks (one of: {languages})"),
                      languages=", ".join(sorted(available)))

    return parse
