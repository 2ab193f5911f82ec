"""docs/scenario-authoring.md: its field reference is generated from the models and kept
in sync; its worked example, put together, is a scenario that validates and plays."""

from __future__ import annotations

import re
from pathlib import Path

from wargame.ai.simulate import simulate
from wargame.engine.spec import ScenarioSpec
from wargame.scenario.load import check_bytes
from wargame.scenario.schema import (
    REFERENCE_END,
    REFERENCE_START,
    authoring_guide_path,
    reference_markdown,
    splice_reference,
)

GUIDE = authoring_guide_path()


def test_reference_section_matches_the_models() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    assert REFERENCE_START in text and REFERENCE_END in text
    assert splice_reference(text) == text, (
        "the field reference in docs/scenario-authoring.md is out of date: regenerate it "
        "with `python -m wargame.scenario.schema`")


def test_reference_describes_every_field_of_every_model() -> None:
    reference = reference_markdown()
    seen: set[type] = set()
    todo: list[type] = [ScenarioSpec]
    while todo:
        model = todo.pop()
        if model in seen:
            continue
        seen.add(model)
        section = reference.split(f"### {model.__name__}\n", 1)[1].split("\n### ", 1)[0]
        for name, field in model.model_fields.items():  # type: ignore[attr-defined]
            key = field.alias or name
            assert f"| `{key}` |" in section, f"{model.__name__}.{key}"
            assert field.description, f"{model.__name__}.{key} has no description"
        for field in model.model_fields.values():  # type: ignore[attr-defined]
            for sub in re.findall(r"\[(\w+)\]\(#", reference_markdown_type(field)):
                todo.append(_model(sub))
    assert len(seen) > 60


def reference_markdown_type(field: object) -> str:
    from wargame.scenario.schema import _type_text

    return _type_text(field.annotation)  # type: ignore[attr-defined]


def _model(name: str) -> type:
    import wargame.engine.spec as spec

    return getattr(spec, name)  # type: ignore[no-any-return]


def test_worked_example_validates_strictly_and_plays(tmp_path: Path) -> None:
    text = GUIDE.read_text(encoding="utf-8")
    blocks = re.findall(r"<!-- worked-example -->\n```yaml\n(.*?)```", text, re.S)
    assert len(blocks) >= 7
    source = "".join(blocks)
    report = check_bytes(source.encode("utf-8"), "kolokani-road.yaml")
    assert report.errors == [] and report.warnings == [], report.lines()
    assert report.scenario is not None and report.scenario.id == "kolokani-road"
    path = tmp_path / "kolokani-road.yaml"
    path.write_text(source, encoding="utf-8")
    result = simulate(report.scenario, path, 3, 1, junta="historical")
    assert sum(result["summary"]["outcomes"].values()) == 3
