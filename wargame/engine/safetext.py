"""Text that is safe to show: the one definition of the characters a scenario, a save or a
player may not smuggle onto a terminal or a page, and the one function that removes them.

A hand-out scenario or save from a stranger must never drive the student's terminal: an
ESC starts a control sequence (clear the screen, write the clipboard through OSC 52), a
C1 character can do the same on some terminals, a bidi override makes text read in an
order other than the bytes', and a lone surrogate cannot be encoded at all and crashes
the output. Loading refuses them in every text field (`find_unsafe`); every output path
runs what came from a file or a player through `printable` before it reaches a terminal
or a page.

Pure functions on `str`; this module imports nothing of ours, so every layer may use it.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["REPLACEMENT", "describe_char", "find_unsafe", "is_unsafe", "printable"]

REPLACEMENT = "\ufffd"  # what `printable` puts in place of a character it removes

# Bidirectional embeddings and overrides (U+202A-U+202E) and isolates (U+2066-U+2069).
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Line breaks other than '\n' that editors and terminals treat as one: not allowed where a
# single line is expected.
LINE_SEPARATORS = frozenset("\u2028\u2029")

# C0 (but tab and newline), DEL, C1, bidi controls, lone surrogates: never allowed.
_ALWAYS_UNSAFE = "\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff"
_UNSAFE_MULTILINE = re.compile(f"[{_ALWAYS_UNSAFE}]")
_UNSAFE_LINE = re.compile(f"[{_ALWAYS_UNSAFE}\t\n\u2028\u2029]")

_NAMES = {"\t": "TAB", "\n": "LINE FEED", "\r": "CARRIAGE RETURN", "\x1b": "ESC",
          "\x00": "NUL", "\x07": "BEL", "\x08": "BACKSPACE", "\x7f": "DEL"}


def is_unsafe(ch: str, *, multiline: bool = True) -> bool:
    """Whether one character may not appear in text (tab and newline are allowed only
    when `multiline`)."""
    pattern = _UNSAFE_MULTILINE if multiline else _UNSAFE_LINE
    return pattern.match(ch) is not None


def find_unsafe(text: str, *, multiline: bool = True) -> tuple[int, str] | None:
    """The first character `text` may not hold, as (index, character), or None.

    `multiline` text (prose) may hold newlines and tabs; a single line (a name) may not.
    """
    found = (_UNSAFE_MULTILINE if multiline else _UNSAFE_LINE).search(text)
    return (found.start(), found.group()) if found else None


def describe_char(ch: str) -> str:
    """'U+001B (ESC)', 'U+202E (RIGHT-TO-LEFT OVERRIDE)', 'U+D800 (lone surrogate)'."""
    code = ord(ch)
    if 0xD800 <= code <= 0xDFFF:
        name = "lone surrogate"
    else:
        name = _NAMES.get(ch) or unicodedata.name(ch, "") or "control character"
    return f"U+{code:04X} ({name})"


def printable(text: str, *, multiline: bool = True) -> str:
    """`text` with every unsafe character replaced by U+FFFD; with `multiline=False`,
    tabs and line breaks become spaces. Safe text comes back unchanged (the same object),
    so it costs one regular-expression scan."""
    pattern = _UNSAFE_MULTILINE if multiline else _UNSAFE_LINE
    if pattern.search(text) is None:
        return text

    def replace(match: re.Match[str]) -> str:
        return " " if match.group() in "\t\n\u2028\u2029" else REPLACEMENT

    return pattern.sub(replace, text)
