"""The spec read back from a cache entry without pydantic's validators (issue 13,
scenario.compiled): the same models, values and types as `model_validate_json`, and every
entry pydantic would reject is rejected too."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from wargame.engine.localtext import LocalText
from wargame.engine.spec import ScenarioSpec
from wargame.scenario.compiled import Untrusted, spec_from_json_data
from wargame.scenario.load import check_file

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = sorted((ROOT / "scenarios").glob("*.yaml"))
MAIN = ROOT / "scenarios" / "bamako-blockade-2025.yaml"


def _dumped(path: Path) -> str:
    report = check_file(path)
    assert report.scenario is not None, report.lines()[:3]
    return report.scenario.spec.model_dump_json(by_alias=True)


def same(a: Any, b: Any, where: str = "spec") -> None:
    """Equal, and of the same type all the way down (1 and 1.0 compare equal)."""
    assert type(a) is type(b), where
    if isinstance(a, BaseModel):
        assert list(a.__dict__) == list(b.__dict__), where
        assert a.model_fields_set == b.model_fields_set, where
        for key in a.__dict__:
            same(a.__dict__[key], b.__dict__[key], f"{where}.{key}")
    elif isinstance(a, list):
        assert len(a) == len(b), where
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            same(x, y, f"{where}[{i}]")
    elif isinstance(a, dict):
        assert list(a) == list(b), where
        for key in a:
            same(a[key], b[key], f"{where}[{key!r}]")
    else:
        assert a == b, where
        if isinstance(a, LocalText):
            assert dict(a.translations) == dict(b.translations), where


@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_the_spec_reads_back_as_pydantic_validates_it(path: Path) -> None:
    dumped = _dumped(path)
    read = spec_from_json_data(json.loads(dumped))
    same(read, ScenarioSpec.model_validate_json(dumped))
    assert read == ScenarioSpec.model_validate_json(dumped)
    assert read.model_dump_json(by_alias=True) == dumped


# (what is changed, the change): each makes pydantic reject the spec.
FORGERIES: list[tuple[str, Callable[[dict[str, Any]], None]]] = [
    ("out of range", lambda s: s["meta"].update(days_per_turn=0)),
    ("above its maximum", lambda s: s["meta"].update(turns=201)),
    ("a string for an int", lambda s: s["meta"].update(turns="26")),
    ("a bool for an int", lambda s: s["meta"].update(turns=True)),
    ("a float for an int", lambda s: s["meta"].update(turns=26.0)),
    ("a string for a float", lambda s: s["map"]["towns"][0].update(lat="12.6")),
    ("an unknown key", lambda s: s.update(secret=1)),
    ("a missing key", lambda s: s["meta"].pop("turns")),
    ("null where required", lambda s: s["meta"].update(title=None)),
    ("not a literal", lambda s: s["map"]["towns"][0].update(kind="palace")),
    ("an id against its pattern", lambda s: s["map"]["towns"][0].update(id="Bad Id")),
    ("an id ending in a newline", lambda s: s["map"]["towns"][0].update(id="bamako\n")),
    ("a control character in a name", lambda s: s["map"]["towns"][0].update(name="a\x07b")),
    ("an empty text mapping", lambda s: s["map"]["towns"][0].update(name={})),
    ("not a date", lambda s: s["meta"].update(start_date="2025-02-30")),
    ("a too short list", lambda s: s["meta"].update(sources=[])),
    ("a list where a mapping is", lambda s: s.update(map=[])),
    ("a model validator", lambda s: s["rules"].update(odds_floor=90, odds_ceiling=10)),
    ("an unknown order", lambda s: s["doctrine"]["insurgency"]["priorities"][0]
     .update(order="teleport")),
    ("an unknown union tag", lambda s: s["events"][0]["trigger"].update(type="never")),
    ("an unknown filter", lambda s: next(
        p for p in s["doctrine"]["insurgency"]["priorities"] if p.get("filters"))
     ["filters"][0].update(filter="luckiest")),
    ("a union member's field", lambda s: next(
        e for e in s["events"] if e["trigger"]["type"] == "date")["trigger"]
     .update(date="soon")),
    ("the format", lambda s: s.update(format=2)),
    ("not an object", lambda s: s["map"]["towns"].__setitem__(0, "bamako")),
]


@pytest.mark.parametrize(("what", "change"), FORGERIES, ids=[f[0] for f in FORGERIES])
def test_what_pydantic_rejects_is_not_read_back(
        what: str, change: Callable[[dict[str, Any]], None]) -> None:
    data = json.loads(_dumped(MAIN))
    forged = copy.deepcopy(data)
    change(forged)
    assert json.dumps(forged) != json.dumps(data), what
    with pytest.raises(ValidationError):
        ScenarioSpec.model_validate_json(json.dumps(forged))
    with pytest.raises(Untrusted):
        spec_from_json_data(forged)


def test_not_json_objects_are_not_read_back() -> None:
    for data in (None, [], "spec", 1):
        with pytest.raises(Untrusted):
            spec_from_json_data(data)


class _Unreadable(BaseModel):
    name: str
    tags: set[int]  # a type the reader does not know: never read, however often asked


def test_a_model_it_cannot_read_is_never_read() -> None:
    from wargame.scenario.compiled import _model

    for _ in range(2):
        with pytest.raises(Untrusted):
            _model(_Unreadable)({"name": "a"})
        with pytest.raises(Untrusted):
            _model(_Unreadable)({"name": "a", "tags": [1]})
