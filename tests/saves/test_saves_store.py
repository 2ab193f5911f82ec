"""Where saves go: the folder, safe names, and where a game's scenario text comes from."""

from __future__ import annotations

from pathlib import Path

import pytest

from wargame.engine import Scenario
from wargame.engine.game import Game
from wargame.saves import (
    SaveError,
    load_save,
    resolve_save,
    sanitize_name,
    save_game,
    save_path,
    saves_dir,
    scenario_source,
)
from wargame.scenario.load import load_scenario

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(("name", "stem"), [
    ("team-a", "team-a"),
    ("Team A", "Team-A"),
    ("team_a.json", "team_a"),
    ("../../etc/passwd", "etc-passwd"),
    ("/tmp/x", "tmp-x"),
    ("..\\..\\windows\\win.ini", "windows-win.ini"),
    (".hidden", "hidden"),
    ("équipe été", "equipe-ete"),
    ("CON", "save-CON"),
    ("a" * 100, "a" * 64),
    ("week 6: what if?", "week-6-what-if"),
])
def test_sanitize_name(name: str, stem: str) -> None:
    assert sanitize_name(name) == stem


@pytest.mark.parametrize("name", ["", "   ", "..", "/", "***", "..json", "😀"])
def test_unusable_names_are_refused(name: str) -> None:
    with pytest.raises(SaveError, match="not a usable save name"):
        sanitize_name(name)


def test_save_path_never_leaves_the_folder(tmp_path: Path) -> None:
    for name in ("../x", "a/../../b", "/abs/path", "~/home", "c:\\windows"):
        path = save_path(name, tmp_path)
        assert path.parent == tmp_path and path.suffix == ".json"
        assert path.resolve().is_relative_to(tmp_path.resolve())


def test_saves_dir_precedence(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WARGAME_SAVES", raising=False)
    assert saves_dir(None) == Path("saves")
    monkeypatch.setenv("WARGAME_SAVES", "/tmp/seminar")
    assert saves_dir(None) == Path("/tmp/seminar")
    assert saves_dir("mine") == Path("mine")


def test_scenario_text_falls_back_to_the_shipped_file(tmp_path: Path) -> None:
    """A game whose scenario was loaded without keeping its text still saves: the shipped
    file of the same id is used once it is checked to be the same scenario."""
    main = ROOT / "scenarios" / "bamako-blockade-2025.yaml"
    scenario = load_scenario(main)
    assert scenario_source(scenario) == main.read_text(encoding="utf-8")
    path = save_game(Game.new(scenario, 1), tmp_path / "x.json")
    assert load_save(path).scenario_text == main.read_text(encoding="utf-8")


def test_a_scenario_that_differs_from_the_shipped_file_needs_its_text(
        tmp_path: Path, main_scenario: tuple[Scenario, str]) -> None:
    variant = tmp_path / "v.yaml"
    variant.write_text(main_scenario[1].replace("\n  title: {en: \"", "\n  title: {en: \"Changed ",
                                                1), encoding="utf-8")
    scenario = load_scenario(variant)  # not registered: its text is unknown to the saves
    with pytest.raises(SaveError, match="pass scenario_text"):
        save_game(Game.new(scenario, 1), tmp_path / "v.json")
    assert not (tmp_path / "v.json").exists()


def test_resolve_save(tmp_path: Path) -> None:
    (tmp_path / "mine.json").write_text("{}")
    assert resolve_save("mine", tmp_path) == tmp_path / "mine.json"
    assert resolve_save("mine.json", tmp_path) == tmp_path / "mine.json"
    assert resolve_save(str(tmp_path / "mine.json"), Path("elsewhere")) == tmp_path / "mine.json"
    assert resolve_save("handout-week6", tmp_path).name == "handout-week6.json"
    with pytest.raises(SaveError, match="no save 'nothing'"):
        resolve_save("nothing", tmp_path)


def test_a_save_in_a_folder_that_cannot_be_created_is_refused(
        tmp_path: Path, main_scenario: tuple[Scenario, str]) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(SaveError, match="cannot write"):
        save_game(Game.new(main_scenario[0], 1), blocker / "x.json",
                  scenario_text=main_scenario[1])
