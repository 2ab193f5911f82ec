"""Scenario text in several languages: a text field takes a string or a mapping of
language to string; the engine keeps the English (a `str`) and carries the rest; the
interface picks a language at the edge; validate warns when a language is missing in
some fields; the schema says so."""

from __future__ import annotations

import copy
import json
import pickle
from pathlib import Path

import pytest

from wargame.engine.localtext import LocalText
from wargame.i18n import localized, set_language
from wargame.scenario.load import check_bytes
from wargame.scenario.schema import schema_text
from wargame.scenario.validators import dump_json, validate_json

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL = (ROOT / "scenarios" / "tutorial.yaml").read_text(encoding="utf-8")
TITLE = 'title: {en: "Tutorial: Keep the Senegal Road Open", ' \
        'fr: "Didacticiel : garder ouverte la route du Sénégal"}'


def test_a_mapping_loads_as_english_text_carrying_its_translations() -> None:
    text = LocalText({"en": "The road", "fr": "La route"})
    assert text == "The road" and isinstance(text, str)
    assert text.in_language("fr") == "La route"
    assert text.in_language("fr_CA") == "La route"
    assert text.in_language("de") == "The road"          # English is the fallback
    assert LocalText({"fr": "Seulement"}) == "Seulement"  # else the first written
    assert LocalText("plain").in_language("fr") == "plain"


def test_translations_survive_pickling_copying_and_the_cache_round_trip() -> None:
    text = LocalText({"en": "The road", "fr": "La route"})
    for other in (pickle.loads(pickle.dumps(text)), copy.deepcopy(text)):
        assert other.translations == {"en": "The road", "fr": "La route"}
    report = check_bytes(TUTORIAL.encode(), "tutorial.yaml")
    assert report.scenario is not None
    spec = report.scenario.spec
    again = validate_json("ScenarioSpec", dump_json("ScenarioSpec", spec))
    assert again.meta.title.translations == spec.meta.title.translations
    assert json.loads(dump_json("ScenarioSpec", spec))["meta"]["title"]["fr"].startswith(
        "Didacticiel")


def test_localized_picks_the_interface_language() -> None:
    report = check_bytes(TUTORIAL.encode(), "tutorial.yaml")
    assert report.scenario is not None
    title = report.scenario.spec.meta.title
    try:
        set_language("fr")
        assert localized(title).startswith("Didacticiel")
        assert localized(report.scenario.towns["kolokani"].name) == "Kolokani"
    finally:
        set_language("en")
    assert localized(title) == "Tutorial: Keep the Senegal Road Open"
    assert localized("a plain str") == "a plain str"


def test_validate_warns_when_a_language_is_missing_in_some_fields() -> None:
    assert TITLE in TUTORIAL
    report = check_bytes(TUTORIAL.replace(TITLE, 'title: "Only English"').encode(), "t.yaml")
    assert report.errors == []
    warnings = [w for w in report.warnings if w.code == "W0601"]
    assert len(warnings) == 1
    assert warnings[0].path == "meta.title" and "'fr'" in warnings[0].message
    assert check_bytes(TUTORIAL.encode(), "t.yaml").warnings == []


@pytest.mark.parametrize(("value", "where", "message"), [
    ('{en: "Fine", "fr!": "Bien"}', "meta.title.fr!", "is not a language code"),
    ('{en: "Fine", fr: "Bi\\u001ben"}', "meta.title.fr", "ESC"),
    ("{}", "meta.title", "mapping is empty"),
    ('{en: "Fine", fr: 3}', "meta.title.fr", "expected text"),
])
def test_bad_translations_are_errors_at_their_place(value: str, where: str,
                                                    message: str) -> None:
    report = check_bytes(TUTORIAL.replace(TITLE, f"title: {value}").encode(), "t.yaml")
    lines = report.lines()
    assert report.scenario is None
    assert any(f": error: {where}: " in line and message in line for line in lines), lines


def test_the_schema_accepts_a_string_or_a_mapping_of_languages() -> None:
    import jsonschema

    schema = json.loads(schema_text())
    validator = jsonschema.Draft7Validator(schema)
    report = check_bytes(TUTORIAL.encode(), "t.yaml")
    assert report.scenario is not None
    data = json.loads(dump_json("ScenarioSpec", report.scenario.spec))
    assert isinstance(data["meta"]["title"], dict)
    assert not list(validator.iter_errors(data))
    data["meta"]["title"] = {"EN!": "x"}
    assert list(validator.iter_errors(data))
