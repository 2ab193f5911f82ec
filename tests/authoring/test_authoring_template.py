"""`wargame new-scenario ID`: a commented template, written where instructors expect it,
that validates with --strict and plays as it is."""

from __future__ import annotations

import io
import urllib.parse
from pathlib import Path

import pytest

from wargame.ai.simulate import simulate
from wargame.cli import main
from wargame.plain import play_plain
from wargame.scenario.load import check_file
from wargame.scenario.schema import schema_text
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


def test_modeline_names_the_installed_schema_and_survives_a_move(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, user_data_folder: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "scenarios").mkdir()
    monkeypatch.chdir(tmp_path)
    assert main(["new-scenario", "ml"]) == 0
    installed = user_data_folder / "wargame" / "scenario.schema.json"
    assert f"wrote {installed}" in capsys.readouterr().out
    source = tmp_path / "scenarios" / "ml.yaml"
    first = source.read_text(encoding="utf-8").splitlines()[0]
    assert first == f"# yaml-language-server: $schema={installed.as_uri()}"
    assert installed.read_text(encoding="utf-8") == schema_text()
    # An absolute address: the file can move anywhere and its modeline still resolves.
    moved = tmp_path / "elsewhere" / "deeper" / "ml.yaml"
    moved.parent.mkdir(parents=True)
    source.rename(moved)
    target = moved.read_text(encoding="utf-8").splitlines()[0].split("$schema=", 1)[1]
    assert Path(urllib.parse.urlparse(target).path).read_text(encoding="utf-8") == schema_text()
    # A second scenario finds the schema up to date and writes nothing else.
    assert main(["new-scenario", "ml2"]) == 0
    assert "scenario.schema.json" not in capsys.readouterr().out


def test_schema_install_writes_the_user_copy_and_prints_the_modeline(
        user_data_folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    installed = user_data_folder / "wargame" / "scenario.schema.json"
    assert main(["schema", "--install"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"wrote {installed}"
    assert out[-1] == f"# yaml-language-server: $schema={installed.as_uri()}"
    assert installed.read_text(encoding="utf-8") == schema_text()
    installed.write_text("{}", encoding="utf-8")  # an older version is brought up to date
    assert main(["schema", "--install"]) == 0
    assert capsys.readouterr().out.startswith(f"wrote {installed}")
    assert main(["schema", "--install"]) == 0
    assert capsys.readouterr().out.startswith(f"up to date: {installed}")
    assert installed.read_text(encoding="utf-8") == schema_text()


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
