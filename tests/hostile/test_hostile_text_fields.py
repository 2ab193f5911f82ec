"""Hostile text in every text field of a scenario: `validate` refuses it, naming the
field, or the scenario loads and everything it prints is clean.

The text fields are found, not listed: every string in the tutorial is replaced by an ESC
in turn, and each must be refused (a text field refuses it as unsafe text; an id or a
choice refuses it by its pattern). So a new text field without the check fails here.
"""

from __future__ import annotations

import io
import json
from functools import cache
from pathlib import Path
from typing import Any

import pydantic
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wargame.engine.safetext import find_unsafe
from wargame.engine.spec import ScenarioSpec
from wargame.plain import play_plain
from wargame.scenario.load import check_bytes
from wargame.scenario.yamlload import load_yaml

TUTORIAL = Path(__file__).resolve().parents[2] / "scenarios" / "tutorial.yaml"
SOURCE = TUTORIAL.read_text(encoding="utf-8")
PathKey = tuple[str | int, ...]

# Characters a hostile file uses: C0, DEL, C1, bidi overrides and isolates, surrogates
# (lone, and a pair), plus marks that are harmless and ordinary letters.
NASTY = ["\x00", "\x07", "\x08", "\t", "\n", "\r", "\x1b", "\x1b[2J", "\x1b]52;c;aGk=\x07",
         "\x7f", "\x85", "\x9b", "\x9d", "\u202a", "\u202e", "\u2066", "\u2069", "\ud800",
         "\udfff", "\ud83d\ude00", "\u200e", "\u200f", "\u061c", "\u2028", "\ufeff", "é"]
HOSTILE = st.lists(st.sampled_from(NASTY) | st.text(max_size=3), min_size=1,
                   max_size=6).map("".join)


def _scalars(node: yaml.Node, path: PathKey = ()) -> dict[PathKey, yaml.Node]:
    """Every scalar node of the source, by path."""
    found: dict[PathKey, yaml.Node] = {}
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            found |= _scalars(value, (*path, key.value))
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            found |= _scalars(item, (*path, i))
    elif isinstance(node, yaml.ScalarNode):
        found[path] = node
    return found


@cache
def scalars() -> dict[PathKey, yaml.Node]:
    return _scalars(yaml.compose(SOURCE, Loader=yaml.SafeLoader))


def with_value(path: PathKey, value: str) -> bytes:
    """The tutorial's source with the scalar at `path` replaced by `value`, written as a
    double-quoted string with JSON's escapes (which YAML reads the same way)."""
    node = scalars()[path]
    quoted = json.dumps(value, ensure_ascii=True)
    if node.style in ("|", ">"):
        quoted += "\n"  # a block scalar's span ends after its last line break
    return (SOURCE[:node.start_mark.index] + quoted + SOURCE[node.end_mark.index:]).encode()


def _strings(data: Any, path: PathKey = ()) -> list[PathKey]:
    if isinstance(data, dict):
        return [p for k, v in data.items() for p in _strings(v, (*path, k))]
    if isinstance(data, list):
        return [p for i, v in enumerate(data) for p in _strings(v, (*path, i))]
    return [path] if isinstance(data, str) else []


def _error_kinds(data: Any, path: PathKey, value: str) -> set[str]:
    """The kinds of error validating the scenario gives with `value` at `path`."""
    parent = data
    for step in path[:-1]:
        parent = parent[step]
    saved, parent[path[-1]] = parent[path[-1]], value
    try:
        ScenarioSpec.model_validate(data)
    except pydantic.ValidationError as exc:
        return {str(e["type"]) for e in exc.errors()}
    finally:
        parent[path[-1]] = saved
    return set()


@cache
def text_fields() -> dict[PathKey, bool]:
    """The paths whose field refuses an ESC as unsafe text, and whether it is prose (takes
    a newline) or a name. Every other string must refuse the ESC too (ids, choices)."""
    data = load_yaml(SOURCE.encode()).data
    found = {}
    for path in _strings(data):
        kinds = _error_kinds(data, path, "\x1b")
        assert kinds, f"{path}: a string field that accepts ESC"
        if "unsafe_text" in kinds:
            found[path] = not _error_kinds(data, path, "line\nline")
    return found


def _field(path: PathKey) -> object:
    """The field a string belongs to: a translation ({en: ..., fr: ...}) is its field's."""
    return path[-2] if path[-1] in ("en", "fr") and len(path) > 1 else path[-1]


def test_every_string_of_a_scenario_refuses_an_escape() -> None:
    fields = text_fields()
    names = {_field(p) for p in fields if isinstance(_field(p), str)}
    assert {"title", "summary", "name", "note", "road", "origin", "text",
            "explanation", "order"} <= names
    assert len(fields) >= 50  # every town, route, unit, event, ending and doctrine text
    prose = {_field(p) for p, multiline in fields.items() if multiline}
    assert prose == {"summary", "note", "text", "explanation", "description"}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), value=HOSTILE)
def test_hostile_text_is_refused_or_printed_clean(data: st.DataObject, value: str) -> None:
    # `validate` prints exactly these lines (through the sanitiser, which the corpus test
    # covers): here they must be clean by themselves, values quoted with their escapes.
    path = data.draw(st.sampled_from(sorted(text_fields(), key=str)), label="field")
    report = check_bytes(with_value(path, value), "hostile.yaml")
    shown = "\n".join(report.lines())
    assert find_unsafe(shown) is None, shown
    # What the loader reads: a pair of surrogate escapes is one character.
    meant = value.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")
    if find_unsafe(meant, multiline=text_fields()[path]) is not None:
        dotted = ".".join(str(p) for p in path)
        assert report.scenario is None
        assert any(f": error: {dotted}: " in line and "at character" in line
                   for line in report.lines()), shown  # the field, and where in its text
        return
    if report.scenario is None:  # safe text that is wrong for its field (an order...)
        assert report.errors
        return
    played = io.StringIO()
    play_plain(report.scenario, seed=1, stdin=io.StringIO("status\nmap\norders\nend\nquit\n"),
               stdout=played, autosave=False)
    assert "Report of turn 1" in played.getvalue()
    assert find_unsafe(played.getvalue()) is None
