"""Invisible and look-alike characters that a word processor or a web page slips into a
file, named so that a teacher can find them: `U+00A0 NO-BREAK SPACE`.

YAML reads a no-break space as text, not as a space, and a curly quote as text, not as a
quote, so the file breaks (or means something else) on a line that looks right.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from ..i18n import _

# Characters that look like a space (or like nothing) but are not one for YAML.
INVISIBLE = frozenset(
    "\u00a0\u00ad\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u200b\u200c\u200d\u200e\u200f\u2028\u2029\u202f\u205f\u2060\u3000\ufeff"
)
# Characters that look like YAML punctuation but are not: curly quotes, dashes, a
# full-width colon, a minus sign.
LOOK_ALIKE = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"',
    "\u2032": "'", "\u2033": '"',
    "\u2013": "-", "\u2014": "-", "\u2212": "-",
    "\uff1a": ":", "\uff0c": ",", "\uff03": "#",
}


@dataclass(frozen=True)
class OddChar:
    """One suspicious character: where it is (1-based) and what it is."""

    line: int
    col: int
    char: str

    @property
    def invisible(self) -> bool:
        return self.char in INVISIBLE

    def name(self) -> str:
        return char_name(self.char)

    def fix(self) -> str:
        if self.invisible:
            return _("replace it with a normal space, or delete it (retyping the line works "
                     "too)")
        plain = LOOK_ALIKE[self.char]
        if plain in "'\"":
            return _("use the straight quote {quote} (YAML quotes only with ' and \"), or "
                     "leave the quotes out").format(quote=plain)
        return _("type the plain character {char} instead").format(char=repr(plain))


def char_name(char: str) -> str:
    """`U+00A0 NO-BREAK SPACE`."""
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X} {name}".rstrip()


def is_odd(char: str) -> bool:
    return char in INVISIBLE or char in LOOK_ALIKE


def odd_chars_in(text: str) -> list[tuple[int, str]]:
    """(0-based index, char) of every suspicious character in `text`."""
    return [(i, c) for i, c in enumerate(text) if is_odd(c)]


def describe_odd(value: str) -> str | None:
    """' (it contains U+00A0 NO-BREAK SPACE at character 7)' for a value, or None."""
    found = odd_chars_in(value)
    if not found:
        return None
    index, char = found[0]
    values = {"name": char_name(char), "index": index + 1, "more": len(found) - 1}
    if char in INVISIBLE:
        text = (_("it contains an invisible character, {name}, at character {index} and "
                  "{more} more") if len(found) > 1 else
                _("it contains an invisible character, {name}, at character {index}"))
    else:
        text = (_("it contains a look-alike character, {name}, at character {index} and "
                  "{more} more") if len(found) > 1 else
                _("it contains a look-alike character, {name}, at character {index}"))
    return text.format(**values)


def odd_chars_on_lines(lines: list[str], numbers: list[int],
                       *, dashes: bool = True) -> OddChar | None:
    """The first suspicious character on the given 1-based lines, outside comments.

    Dashes are skipped inside text (an en dash in a title is fine), but not at the start of
    a line, where one stands for a list's '-'.
    """
    for number in numbers:
        if not 1 <= number <= len(lines):
            continue
        line = lines[number - 1]
        for i, char in enumerate(line):
            if char == "#" and (i == 0 or line[i - 1] in " \t"):
                break
            if not is_odd(char):
                continue
            if char in "\u2013\u2014\u2212" and (not dashes or line[:i].strip()):
                continue
            return OddChar(number, i + 1, char)
    return None
