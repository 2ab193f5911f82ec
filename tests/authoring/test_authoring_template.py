"""`wargame new-scenario ID`: a commented template, written where instructors expect it,
that validates with --strict and plays as it is."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from wargame.ai.simulate import simulate
from wargame.cli import main
from wargame.plain import play_plain
from wargame.scenario.load import check_file
from wargame.scenario.template import render_template


def test_writes_into_scenarios_folder_when_it_exists(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "scenarios").mkdir()
    monkeypatch.chdir(tmp_path)
    assert main(["new-scenario", "my-exercise"]) == 0
    path = tmp_path / "scenarios" / "my-exercise.yaml"
    assert path.exists()
    assert f"wrote {Path('scenarios') / 'my-exercise.yaml'}" in capsys.readouterr().out
    text = path.read_text(encoding="utf-8")
    assert "id: my-exercise" in text and "# " in text
    assert text.splitlines()[0].startswith("# yaml-language-server: $schema=")


def test_writes_into_the_current_folder_otherwise(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["new-scenario", "here"]) == 0
    assert (tmp_path / "here.yaml").exists()


def test_template_validates_strictly_and_plays(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["new-scenario", "plays"]) == 0
    path = tmp_path / "plays.yaml"
    assert main(["validate", "--strict", str(path)]) == 0
    report = check_file(path)
    assert report.errors == [] and report.warnings == []
    scenario = report.scenario
    assert scenario is not None and scenario.id == "plays"
    result = simulate(scenario, path, 4, 1, junta="historical")
    assert sum(result["summary"]["outcomes"].values()) == 4
    out = io.StringIO()
    play_plain(scenario, seed=3, stdin=io.StringIO("orders\nescort dakar light\nend\nend\n"),
               stdout=out)
    text = out.getvalue()
    assert "Queued: escort dakar light" in text and "Report of turn 2" in text


def test_modeline_points_at_the_schema(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "scenarios").mkdir()
    monkeypatch.chdir(tmp_path)
    assert main(["new-scenario", "ml"]) == 0
    first = (tmp_path / "scenarios" / "ml.yaml").read_text(encoding="utf-8").splitlines()[0]
    target = first.split("$schema=", 1)[1]
    assert (tmp_path / "scenarios" / target).resolve().name == "scenario.schema.json"
    assert (tmp_path / "scenarios" / target).resolve().exists()


def test_refuses_to_overwrite_and_rejects_bad_ids(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["new-scenario", "once"]) == 0
    assert main(["new-scenario", "once"]) == 1
    assert "already exists" in capsys.readouterr().err
    assert main(["new-scenario", "once", "--force"]) == 0
    assert main(["new-scenario", "Bad Id"]) == 1
    assert "not a valid scenario id" in capsys.readouterr().err


def test_render_substitutes_every_placeholder() -> None:
    text = render_template("abc", "s.json")
    assert "__" not in text.replace("__init__", "")
    assert 'title: "Abc"' in text
