"""`wargame schema`: draft-7 JSON Schema of the format, its committed copy, the modelines,
and that the schema accepts every shipped scenario (checked by a small draft-7 subset
validator, so the test needs no extra package)."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest

from wargame.cli import main
from wargame.scenario.schema import committed_schema_path, scenario_schema, schema_text
from wargame.scenario.shipped import shipped_scenarios
from wargame.scenario.template import render_template
from wargame.scenario.yamlload import load_yaml

MODELINE = "# yaml-language-server: $schema=../docs/scenario.schema.json"


def test_schema_command_prints_draft_7(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert "definitions" in schema and "$defs" not in schema
    text = json.dumps(schema)
    assert "prefixItems" not in text and "#/$defs/" not in text
    refs = set(re.findall(r'"\$ref": "#/definitions/([^"]+)"', text))
    assert refs and refs <= set(schema["definitions"])
    assert schema["definitions"]["Route"]["required"][:3] == ["id", "from", "to"]
    assert "africa-corps" in schema["definitions"]["JuntaOrders"]["properties"]


def test_committed_schema_matches_the_models() -> None:
    committed = committed_schema_path().read_text(encoding="utf-8")
    assert committed == schema_text(), (
        "docs/scenario.schema.json differs from wargame/engine/spec.py: regenerate it with "
        "`python -m wargame.scenario.schema`")


def test_schema_output_option_writes_the_same_text(tmp_path: Path) -> None:
    out = tmp_path / "s.json"
    assert main(["schema", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == schema_text()


def test_shipped_scenarios_and_template_start_with_the_modeline() -> None:
    for path in shipped_scenarios():
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == MODELINE, path.name
    assert render_template("x", "../docs/scenario.schema.json").splitlines()[0] == MODELINE


# ------------------------------------------------------------------ a draft-7 subset

def _json(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_json(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _errors(node: Any, schema: dict[str, Any], root: dict[str, Any], path: str) -> list[str]:
    if "$ref" in schema:
        return _errors(node, root["definitions"][schema["$ref"].split("/")[-1]], root, path)
    found: list[str] = []
    for sub in schema.get("allOf", []):
        found += _errors(node, sub, root, path)
    for key in ("anyOf", "oneOf"):
        if key in schema and all(_errors(node, sub, root, path) for sub in schema[key]):
            found.append(f"{path}: matches none of {key}")
    if "const" in schema and node != schema["const"]:
        found.append(f"{path}: {node!r} is not {schema['const']!r}")
    if "enum" in schema and node not in schema["enum"]:
        found.append(f"{path}: {node!r} not in enum")
    kind = schema.get("type")
    checks = {"object": dict, "array": list, "string": str, "boolean": bool,
              "null": type(None)}
    if kind in checks and not isinstance(node, checks[kind]):
        return [*found, f"{path}: not {kind}"]
    if kind == "integer" and (not isinstance(node, int) or isinstance(node, bool)):
        return [*found, f"{path}: not integer"]
    if kind == "number" and (not isinstance(node, int | float) or isinstance(node, bool)):
        return [*found, f"{path}: not number"]
    if "minimum" in schema and isinstance(node, int | float) and node < schema["minimum"]:
        found.append(f"{path}: below minimum")
    if "maximum" in schema and isinstance(node, int | float) and node > schema["maximum"]:
        found.append(f"{path}: above maximum")
    if "pattern" in schema and isinstance(node, str) and not re.search(schema["pattern"],
                                                                        node):
        found.append(f"{path}: does not match {schema['pattern']}")
    if isinstance(node, dict):
        props = schema.get("properties", {})
        for name in schema.get("required", []):
            if name not in node:
                found.append(f"{path}: missing {name}")
        for name, value in node.items():
            if name in props:
                found += _errors(value, props[name], root, f"{path}.{name}")
            elif schema.get("additionalProperties") is False:
                found.append(f"{path}: unknown property {name}")
            elif isinstance(schema.get("additionalProperties"), dict):
                found += _errors(value, schema["additionalProperties"], root,
                                 f"{path}.{name}")
    if isinstance(node, list) and isinstance(schema.get("items"), dict):
        for i, value in enumerate(node):
            found += _errors(value, schema["items"], root, f"{path}[{i}]")
    return found


def test_schema_accepts_every_shipped_scenario_and_rejects_mistakes() -> None:
    schema = scenario_schema()
    paths = shipped_scenarios()
    assert len(paths) >= 4
    for path in paths:
        data = _json(load_yaml(path.read_bytes()).data)
        assert _errors(data, schema, schema, "$") == [], path.name
    data = _json(load_yaml(paths[0].read_bytes()).data)
    data["meta"]["days_per_trun"] = 7
    data["map"]["towns"][0]["kind"] = "fortress"
    problems = _errors(data, schema, schema, "$")
    assert any("unknown property days_per_trun" in p for p in problems)
    assert any("$.map.towns[0]" in p for p in problems)
