"""The interface's language: gettext catalogues chosen once, at the edge.

Every user-facing string of the interface goes through `_` (or `ngettext` for a sentence
that depends on a count), with named placeholders filled *after* translation:

    _("Turn {turn} of {turns}").format(turn=3, turns=26)
    ngettext("{n} company lost", "{n} companies lost", n).format(n=n)

The engine never imports this module: the game is the same in every language, and text is
chosen where it is shown. Until `set_language` is called the interface speaks English.
"""

from __future__ import annotations

import gettext as _gettext
from pathlib import Path

__all__ = ["DOMAIN", "LOCALE_DIR", "_", "current_language", "ngettext", "set_language"]

DOMAIN = "wargame"
LOCALE_DIR = Path(__file__).parent / "locale"

_translation: _gettext.NullTranslations = _gettext.NullTranslations()
_language = "en"


def set_language(language: str) -> None:
    """Speak `language` from now on ("en", "fr"); a language without a catalogue is English."""
    global _translation, _language
    _translation = _gettext.translation(DOMAIN, LOCALE_DIR, languages=[language], fallback=True)
    _language = language if not isinstance(_translation, _gettext.NullTranslations) \
        or language == "en" else "en"


def current_language() -> str:
    return _language


def _(message: str) -> str:
    """`message` in the current language."""
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural form for `count`, in the current language."""
    return _translation.ngettext(singular, plural, count)
