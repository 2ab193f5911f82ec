"""Scenario text in several languages, carried by the spec without choosing one.

A scenario's text field is either a plain string or a mapping of language to string
(`title: {en: "The blockade", fr: "Le blocus"}`). Both load as a `LocalText`: a `str`
whose value is the English text (or, without English, the first language written), and
which carries every translation in `translations`. Everything that reads `spec.title` as
a string keeps working, in English; the interface picks another language at the edge with
`in_language` (see `wargame.i18n.localized`). The rules never look at the translations:
the game is the same in every language.

Why a `str` subclass rather than a model of its own: the engine, the AI, the saves and
the interface all read these fields as strings (ids become names in ledger causes, news,
reports); a subclass keeps every one of those readers correct without a change, so each
can be moved to `localized(...)` one at a time.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

__all__ = ["DEFAULT_LANGUAGE", "LANGUAGE_CODE", "LocalText"]

DEFAULT_LANGUAGE = "en"
# A language code: ISO 639-1 ("fr"), optionally a region ("pt_BR", "pt-BR").
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(?:[_-][A-Z]{2})?$")


class LocalText(str):
    """A text in its default language (the `str` value) with its translations."""

    translations: Mapping[str, str]

    def __new__(cls, text: str | Mapping[str, str]) -> LocalText:
        if isinstance(text, str):
            self = super().__new__(cls, text)
            self.translations = MappingProxyType({})
            return self
        languages = dict(text)
        default = languages.get(DEFAULT_LANGUAGE)
        if default is None:
            default = next(iter(languages.values()), "")
        self = super().__new__(cls, default)
        self.translations = MappingProxyType(languages)
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled for worker processes (simulate --jobs) and copied: keep the translations.
        return (LocalText, (dict(self.translations) if self.translations else str(self),))

    @property
    def languages(self) -> frozenset[str]:
        """The languages written for this text; empty for a plain string."""
        return frozenset(self.translations)

    def in_language(self, language: str) -> str:
        """The text in `language`, else English, else the first language written."""
        if not self.translations:
            return str(self)
        found = self.translations.get(language)
        if found is None and "_" in language:
            found = self.translations.get(language.split("_")[0])
        return found if found is not None else str(self)

    def dumped(self) -> str | dict[str, str]:
        """The form it was written in: a string, or the mapping of its languages."""
        return dict(self.translations) if self.translations else str(self)
