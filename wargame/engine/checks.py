"""The format's own checks, the code a scenario's validator calls (issue 13).

The pydantic models of `spec` declare the format; this module holds the functions their
validators run: the text fields' parsers, the quoted-date reader, the order-name check,
the cross-field bounds and the doctrine filters' discriminator. They need no pydantic
(only pydantic-core's error type) and accept the models' objects or the engine's records
(`model`) alike, so a validator built from the cached core schema
(`wargame.scenario.validators`) can name them without importing `spec`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from pydantic_core import PydanticCustomError

from .localtext import LANGUAGE_CODE, LocalText
from .orders import ORDER_KINDS
from .safetext import describe_char, find_unsafe


def _unsafe(value: str, multiline: bool) -> str:
    """The check every text field carries: no control characters (newlines and tabs only
    in prose), no bidi overrides, no lone surrogates (see `safetext`)."""
    found = find_unsafe(value, multiline=multiline)
    if found is not None:
        index, char = found
        where = "prose" if multiline else "a name (one line)"
        raise PydanticCustomError(
            "unsafe_text", "{char} at character {index} is not allowed in {where}",
            {"char": describe_char(char), "index": index + 1, "where": where})
    return value


def safe_prose(value: str) -> str:
    return _unsafe(value, multiline=True)


def safe_line(value: str) -> str:
    return _unsafe(value, multiline=False)


def _parse_text(value: Any, check: Callable[[str], str]) -> LocalText:
    """A text field's value: a string, or a mapping of language code to string (each
    translation checked like a string), loaded as a `LocalText` (see `localtext`)."""
    if isinstance(value, LocalText):
        return value
    if isinstance(value, str):
        return LocalText(check(value))
    if isinstance(value, dict):
        if not value:
            raise PydanticCustomError(
                "text_languages_empty",
                "expected a text, or a mapping of language to text such as "
                "{{en: ..., fr: ...}}, but the mapping is empty", {})
        for language, text in value.items():
            if not isinstance(language, str) or not LANGUAGE_CODE.match(language):
                raise PydanticCustomError(
                    "language_code", "'{language}' is not a language code such as "
                    "en or fr", {"language": language})
            if not isinstance(text, str):
                raise PydanticCustomError(
                    "string_type", "the '{language}' text is not a string",
                    {"language": language})
            try:
                check(text)
            except PydanticCustomError as exc:  # located in the mapping by its language
                raise PydanticCustomError(
                    exc.type, exc.message_template,
                    {**(exc.context or {}), "language": language}) from None
        return LocalText(value)
    raise PydanticCustomError("string_type", "Input should be a valid string")


def prose_text(value: Any) -> LocalText:
    return _parse_text(value, safe_prose)


def line_text(value: Any) -> LocalText:
    return _parse_text(value, safe_line)


_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def iso_date(value: Any) -> Any:
    """Accept a quoted ISO date too: a teacher cannot see YAML's difference."""
    if isinstance(value, str) and _ISO_DATE.match(value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            raise PydanticCustomError(
                "date_invalid", "{value!r} is not a date of the calendar",
                {"value": value}) from None
    return value


def known_order(value: str) -> str:
    if value not in ORDER_KINDS:
        raise PydanticCustomError("unknown_name", "unknown order {value!r}",
                                  {"value": value, "what": "order",
                                   "names": sorted(ORDER_KINDS)})
    return value


def bound_error(low: str, low_value: Any, high: str, high_value: Any,
                at: str) -> PydanticCustomError:
    """A cross-field bound broken (a floor above its ceiling...), reported at field `at`."""
    return PydanticCustomError(
        "bound_order", "{low} ({low_value}) is greater than {high} ({high_value})",
        {"low": low, "low_value": low_value, "high": high, "high_value": high_value,
         "field": at})


def bounds_ordered(bounds: Any) -> Any:
    """The board's area: west of east, south of north."""
    if bounds.west >= bounds.east:
        raise bound_error("west", bounds.west, "east", bounds.east, "west")
    if bounds.south >= bounds.north:
        raise bound_error("south", bounds.south, "north", bounds.north, "south")
    return bounds


def odds_ordered(rules: Any) -> Any:
    if rules.odds_floor > rules.odds_ceiling:
        raise bound_error("odds_floor", rules.odds_floor, "odds_ceiling",
                          rules.odds_ceiling, "odds_floor")
    return rules


def light_not_heavier(escort: Any) -> Any:
    if escort.light_companies > escort.heavy_companies:
        raise bound_error("light_companies", escort.light_companies, "heavy_companies",
                          escort.heavy_companies, "light_companies")
    return escort


def filter_member(value: Any) -> str | None:
    """The doctrine filter model a filter is checked against, by its name: the union is
    picked by its tag first, so a mistake gets the errors of one member only."""
    from .model import FILTER_MODEL_OF  # generated from `spec`, which imports this module

    # A mapping from the file, or a filter already built (a model's or a record).
    name = value.get("filter") if isinstance(value, dict) else getattr(value, "filter", None)
    return FILTER_MODEL_OF.get(name) if isinstance(name, str) else None
