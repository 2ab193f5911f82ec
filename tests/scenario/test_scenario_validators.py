"""The format's validator into the engine's records (scenario.validators, engine.model):
the same verdicts, errors and JSON as the pydantic models, a cache entry that is used only
when whole and current, and references that can name nothing but the format's own code."""

from __future__ import annotations

import copy
import hashlib
import json
import pickle
from pathlib import Path
from typing import Any

import pydantic
import pytest

from wargame.engine import model
from wargame.engine.spec import ScenarioSpec
from wargame.scenario import modelgen, validators
from wargame.scenario.yamlload import YamlLoadError, load_yaml

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = sorted((ROOT / "scenarios").glob("*.yaml"))
MISTAKES = sorted((ROOT / "tests" / "authoring" / "mistakes").glob("*.yaml"))


def _data(path: Path) -> Any:
    return load_yaml(path.read_bytes()).data


def test_the_records_are_what_modelgen_writes() -> None:
    assert modelgen.render() == modelgen.TARGET.read_text(encoding="utf-8"), \
        "run python -m wargame.scenario.modelgen"


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_a_scenario_comes_out_as_records_and_writes_the_models_json(path: Path) -> None:
    data = _data(path)
    spec = validators.validate("ScenarioSpec", data)
    assert type(spec) is model.ScenarioSpec and type(spec.meta) is model.Meta
    assert all(type(town) is model.Town for town in spec.map.towns)
    written = validators.dump_json("ScenarioSpec", spec)
    assert written == ScenarioSpec.model_validate(data).model_dump_json(by_alias=True).encode()
    again = validators.validate_json("ScenarioSpec", written)
    assert again == spec
    assert pickle.loads(pickle.dumps(spec)) == spec and copy.deepcopy(spec) == spec


def _errors(validate: Any, data: Any) -> Any:
    try:
        validate(data)
    except pydantic.ValidationError as exc:
        return exc.errors(include_url=False)
    return None


def test_the_mistakes_get_the_models_very_errors() -> None:
    refused = 0
    for path in MISTAKES:
        try:
            data = _data(path)
        except YamlLoadError:
            continue
        ours = _errors(lambda d: validators.validate("ScenarioSpec", d), data)
        assert ours == _errors(ScenarioSpec.model_validate, data), path.name
        refused += ours is not None
    assert refused >= 25  # the others are YAML or reference mistakes


def test_records_are_immutable_and_compared_by_value() -> None:
    first = model.TrackCondition(type="track", track="cohesion", op="ge", value=40)
    same = model.TrackCondition(type="track", track="cohesion", op="ge", value=40)
    assert first == same and hash(first) == hash(same) and len({first, same}) == 1
    assert first != model.TrackCondition(type="track", track="cohesion", op="ge", value=41)
    with pytest.raises(AttributeError):
        first.value = 3  # type: ignore[misc]
    assert first.model_copy(update={"value": 3}).value == 3 and first.value == 40
    with pytest.raises(AttributeError):
        first.model_copy(update={"nonsense": 1})


def _fresh(monkeypatch: pytest.MonkeyPatch) -> None:
    """Forget the validators built in this process (as a new process would)."""
    monkeypatch.setattr(validators, "_BUILT", {})


def _never_built(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(name: str) -> bytes:
        raise AssertionError(f"built {name} from pydantic instead of the cache")
    monkeypatch.setattr(validators, "_body", refuse)


def test_a_cached_entry_is_used_and_pydantic_is_not_asked(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WARGAME_CACHE_DIR", str(tmp_path))
    _fresh(monkeypatch)
    data = _data(SHIPPED[0])
    built = validators.validate("ScenarioSpec", data)
    assert validators.entry_for("ScenarioSpec").is_file()
    _fresh(monkeypatch)
    _never_built(monkeypatch)
    assert validators.validate("ScenarioSpec", data) == built


@pytest.mark.parametrize("damage", ["truncated", "flipped", "stale", "other model",
                                    "foreign code", "empty"])
def test_a_damaged_or_stale_entry_is_ignored_and_rebuilt(
        damage: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WARGAME_CACHE_DIR", str(tmp_path))
    _fresh(monkeypatch)
    data = _data(SHIPPED[0])
    good = validators.validate("ScenarioSpec", data)
    entry = validators.entry_for("ScenarioSpec")
    raw = entry.read_bytes()
    head, _, body = raw.partition(b"\n")
    if damage == "truncated":
        raw = raw[: len(raw) // 2]
    elif damage == "flipped":
        middle = len(raw) // 2
        raw = raw[:middle] + bytes([raw[middle] ^ 0x01]) + raw[middle + 1:]
    elif damage == "empty":
        raw = b""
    else:
        key, _, rest = body.partition(b"\n")
        if damage == "stale":  # another game version or code wrote it
            key = json.dumps(json.loads(key).replace("wargame ", "wargame 0.0.0-old ", 1))\
                .encode()
        elif damage == "other model":
            key = json.dumps(json.loads(key).replace("ScenarioSpec", "Victory")).encode()
        else:  # a reference to code outside the format's own modules
            rest = rest.replace(b'"wargame.engine.checks:prose_text"', b'"os:system"', 1)
            assert b"os:system" in rest
        body = key + b"\n" + rest
        raw = validators.MAGIC + hashlib.sha256(body).hexdigest().encode() \
            + b"\n" + body  # a whole entry: only its content is wrong
    entry.write_bytes(raw)
    _fresh(monkeypatch)
    assert validators.validate("ScenarioSpec", data) == good
    assert entry.read_bytes() != raw  # rebuilt and written again


@pytest.mark.parametrize("name", [
    "os:system", "builtins:eval", "builtins:getattr", "wargame.engine.model:__class__",
    "wargame.engine.model:Record.__init__", "wargame.engine.checks:_unsafe.__globals__",
    "wargame.engine.checks:find_unsafe",  # imported there, defined elsewhere
    "wargame.engine.checks:PydanticCustomError", "wargame.engine.model:Town.FIELDS",
    "wargame.scenario.load:load_scenario", "wargame.engine.model:a.b.c", ":", "",
    "wargame.scenario.sources:read_catalogue", "wargame.engine.model:Record.model_copy",
])
def test_a_reference_names_only_the_formats_own_classes_and_functions(name: str) -> None:
    with pytest.raises(ValueError):
        validators._lookup(name)


def test_the_references_a_schema_holds_read_back() -> None:
    assert validators._lookup("wargame.engine.model:Town") is model.Town
    assert validators._lookup("builtins:list") is list
    from wargame.engine import checks
    from wargame.engine.localtext import LocalText

    assert validators._lookup("wargame.engine.checks:prose_text") is checks.prose_text
    assert validators._lookup("wargame.engine.localtext:LocalText.dumped") \
        is LocalText.dumped


def test_an_unwritable_cache_folder_loses_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("WARGAME_CACHE_DIR", str(blocked / "cache"))
    _fresh(monkeypatch)
    spec = validators.validate("ScenarioSpec", _data(SHIPPED[0]))
    assert type(spec) is model.ScenarioSpec


def test_the_catalogue_records_have_the_formats_fields() -> None:
    from wargame.scenario import sources, sourcesformat

    for name in ("Article", "CatalogueFile"):
        assert tuple(
            getattr(sourcesformat, name).model_fields) == getattr(sources, name).FIELDS, name
    catalogue = sources.read_catalogue(sources.shipped_catalogue_path())
    assert catalogue and all(type(a) is sources.Article for a in catalogue.values())
