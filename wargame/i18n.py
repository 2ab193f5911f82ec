"""The interface's language: gettext catalogues chosen once, at the edge.

Every user-facing string of the interface goes through `_` (or `ngettext` for a sentence
that depends on a count), with named placeholders filled *after* translation:

    _("Turn {turn} of {turns}").format(turn=3, turns=26)
    ngettext("{n} company lost", "{n} companies lost", n).format(n=n)

The engine never imports this module: the game is the same in every language, and text is
chosen where it is shown. Until `set_language` is called the interface speaks English.
Scenario text (a `LocalText`, which may carry translations) is picked with `localized`;
the engine's cause templates (marked `N_`/`NP_` in `engine.ledger`) with `template`;
numbers and dates are written for the language with `format_number`/`format_date`
(Babel, imported only when first needed: starting the game stays fast).

The catalogues are `locale/<lang>/LC_MESSAGES/wargame.po` (compiled to `.mo`, shipped in
the wheel); `python -m wargame.i18n_tools` extracts, updates and compiles them.
"""

from __future__ import annotations

import datetime as dt
import gettext as _gettext
from collections.abc import Mapping
from pathlib import Path
from typing import Any

__all__ = ["DOMAIN", "LOCALE_DIR", "N_", "_", "available_languages", "current_language",
           "error_text", "format_date", "format_decimal", "format_fixed", "format_number",
           "format_percent", "format_week", "list_separator", "local_numbers",
           "locale_language", "localized", "localized_params", "messages_fingerprint",
           "ngettext", "pgettext", "set_language", "template"]

DOMAIN = "wargame"
LOCALE_DIR = Path(__file__).parent / "locale"

_translation: _gettext.NullTranslations = _gettext.NullTranslations()
_language = "en"


def set_language(language: str, localedir: Path | None = None) -> None:
    """Speak `language` from now on ("en", "fr"); a language without a catalogue is English.
    `localedir` reads the catalogues from another folder (the pseudo-locale's tests)."""
    global _translation, _language
    _translation = _gettext.translation(DOMAIN, localedir or LOCALE_DIR, languages=[language],
                                        fallback=True)
    # A catalogue found is a GNUTranslations (a subclass of NullTranslations): only the
    # bare NullTranslations of the fallback means the language has none.
    found = type(_translation) is not _gettext.NullTranslations
    _language = language if found or language == "en" else "en"


def current_language() -> str:
    return _language


def messages_fingerprint() -> str:
    """The current language and its catalogue's size and time: what messages computed once
    and kept (the scenario cache's warnings) depend on."""
    mo = LOCALE_DIR / _language / "LC_MESSAGES" / f"{DOMAIN}.mo"
    try:
        info = mo.stat()
    except OSError:
        return _language
    return f"{_language} {info.st_size} {info.st_mtime_ns}"


def _(message: str) -> str:
    """`message` in the current language. The empty string stays empty (gettext would
    answer it with the catalogue's header)."""
    return _translation.gettext(message) if message else message


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural form for `count`, in the current language."""
    return _translation.ngettext(singular, plural, count)


def pgettext(context: str, message: str) -> str:
    """`message` in the current language where the same English word means two things
    ("Save" the command, "Save" the file): `context` tells the translator which."""
    return _translation.pgettext(context, message)


def list_separator() -> str:
    """What separates the items of a list inside a sentence: `; ` in English, ` ; ` in
    French."""
    # Translators: between the items of a list inside a sentence (French puts a space
    # before it).
    return _("; ")


def N_(message: str) -> str:
    """Marks `message` for the catalogue where it cannot be translated yet (a module-level
    table read before the language is chosen); translate it with `_` where it is shown."""
    return message


def available_languages() -> tuple[str, ...]:
    """English and every language with a compiled catalogue, sorted."""
    found = {"en"}
    if LOCALE_DIR.is_dir():
        found |= {d.name for d in LOCALE_DIR.iterdir()
                  if (d / "LC_MESSAGES" / f"{DOMAIN}.mo").is_file()}
    return tuple(sorted(found))


def locale_language(environ: Mapping[str, str]) -> str | None:
    """The language of the user's locale (`LC_ALL`, then `LC_MESSAGES`, then `LANG`, as
    POSIX reads them) if the game speaks it; None for C/POSIX or an unknown language."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        raw = environ.get(name, "").strip()
        if not raw:
            continue
        # "fr_FR.UTF-8@euro" -> "fr"; the first variable that is set decides, as in POSIX.
        code = raw.split(".")[0].split("@")[0].split("_")[0].lower()
        return code if code in available_languages() else None
    return None


def localized(text: Any, language: str | None = None) -> str:
    """A scenario text in `language` (default: the current one), else English, else the
    first language written; an engine `Phrase` (a sentence with its template and params)
    in the current language, its params localized in turn and its numbers written for
    the language. Plain strings are returned as they are."""
    phrase = getattr(text, "phrase_template", None)
    if phrase is not None:
        return _phrase(phrase, text.phrase_params, language)
    pick = getattr(text, "in_language", None)
    if pick is None:
        return str(text)
    return str(pick(language or _language))


def error_text(exc: BaseException) -> str:
    """An exception's message for the reader: the engine's (an `IllegalOrder`, an
    `OrderSyntaxError`) is a phrase, translated; any other as it is."""
    return localized(exc.args[0]) if len(exc.args) == 1 else str(exc)


def localized_params(params: Mapping[str, object] | None, language: str | None = None,
                     text: str = "") -> dict[str, object]:
    """A template's params for the reader: scenario texts and phrases localized, numbers
    written as the language writes them (`local_numbers`: English keeps the engine's
    digits, `1234`; a placeholder of `text` with a format spec keeps its number)."""
    out = {key: localized(value, language)
           if hasattr(value, "phrase_template") or hasattr(value, "in_language") else value
           for key, value in (params or {}).items()}
    return dict(local_numbers(text, out))


def _phrase(message: str | tuple[str, str, str], params: Mapping[str, object],
            language: str | None) -> str:
    text = template(message, params)       # the count of a plural form is still a number
    if not params:
        return text
    return text.format_map(localized_params(params, language, text))


def template(message: str | tuple[str, str, str], params: Mapping[str, object] | None) -> str:
    """An engine cause template (`N_("...")` or `NP_(singular, plural, count_key)`) in the
    current language, still with its placeholders; `engine.ledger.render` fills them."""
    if isinstance(message, tuple):
        singular, plural, key = message
        count = (params or {}).get(key)
        return ngettext(singular, plural, count if isinstance(count, int) else 2)
    return _(message)


def _babel_locale() -> str:
    """The Babel locale of the current language; English for one Babel does not know
    (the test suite's pseudo-locale)."""
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(_language)
    except (UnknownLocaleError, ValueError):
        return "en"
    return _language


def format_number(value: int | float) -> str:
    """`value` as the language writes it: `1,234` in English, `1 234` (narrow no-break
    space) in French."""
    from babel.numbers import format_decimal

    return str(format_decimal(value, locale=_babel_locale()))


def format_decimal(value: float, places: int = 1) -> str:
    """`value` with at most `places` decimals: `7.5` in English, `7,5` in French."""
    from babel.numbers import format_decimal as babel_decimal

    return str(babel_decimal(value, format="#,##0." + "#" * places, locale=_babel_locale()))


def format_fixed(value: float, places: int = 2) -> str:
    """`value` with exactly `places` decimals: `0.50` in English (as Python rounds it),
    `0,50` in French."""
    if _language == "en":
        return f"{value:.{places}f}"
    from babel.numbers import format_decimal as babel_decimal

    return str(babel_decimal(value, format="0." + "0" * places, locale=_babel_locale()))


def format_percent(value: float, places: int = 1) -> str:
    """A share (0.125) as a percentage: `12.5%` in English, `12,5 %` in French (the
    language's own pattern, with `places` decimals)."""
    from babel import Locale
    from babel.numbers import format_percent as babel_percent

    pattern = Locale.parse(_babel_locale()).percent_formats[None].pattern
    if places:
        pattern = pattern.replace("0", "0." + "0" * places, 1)
    return str(babel_percent(value, format=pattern, locale=_babel_locale()))


def format_date(day: dt.date) -> str:
    """A day written out: `20 September 2025` (the game's English style), `20 septembre
    2025` in French (`1er septembre 2025` for the first), each other language's long
    form."""
    from babel.dates import format_date as babel_date

    locale = _babel_locale()
    pattern = "d MMMM y" if locale in ("en", "fr") else "long"
    if locale == "fr" and day.day == 1:
        pattern = "d'er' MMMM y"       # French writes the first of the month `1er septembre`
    return str(babel_date(day, pattern, locale=locale))


def format_week(day: dt.date | str) -> str:
    """The first day of a turn's week in plain mode, the turn report and the after-action
    report: ISO (`2025-09-01`) in English, as the English records have always written it
    (goldens and saved reports compare it), the language's long form elsewhere
    (`1 septembre 2025`). `day` may be the ISO text a view or a save header carries
    (ValueError if it is not a date)."""
    if isinstance(day, str):
        day = dt.date.fromisoformat(day)
    return day.isoformat() if _language == "en" else format_date(day)


def local_numbers(text: str, params: Mapping[str, object] | None) -> Mapping[str, object]:
    """`params` with their numbers written for the current language (`4 200` with a narrow
    no-break space in French), ready to fill the translated `text`. English keeps bare
    digits (`4200`), as the engine's English records write them; a placeholder with a
    format spec or conversion (`{grievance:+d}`) keeps its number for the spec to format,
    and booleans are not numbers. Call it after the plural form is chosen (`template`):
    the count must still be a number then."""
    if not params or _language == "en":
        return params or {}
    from string import Formatter

    try:
        raw = {field for _text, field, spec, conversion in Formatter().parse(text)
               if field and (spec or conversion)}
    except ValueError:          # not a valid format string: leave it to the caller
        return params
    return {key: format_number(value)
            if isinstance(value, int | float) and not isinstance(value, bool)
            and key not in raw else value
            for key, value in params.items()}
