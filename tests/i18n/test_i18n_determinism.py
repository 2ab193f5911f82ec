"""Language never changes the game: the same seed and orders give the same per-turn
digests in French and in English, and a save made in one language opens, verifies and
reports in the other."""

from __future__ import annotations

from pathlib import Path

import pytest

from wargame.ai.bots import play_side
from wargame.engine.game import Game
from wargame.i18n import set_language
from wargame.saves import read_scenario, save_game
from wargame.saves.commands import verify_save
from wargame.saves.report import render
from wargame.saves.store import load_save

ROOT = Path(__file__).resolve().parents[2]


def _digests(scenario_file: str, language: str, seed: int = 11) -> list[str]:
    set_language(language)
    scenario, _ = read_scenario(ROOT / "scenarios" / scenario_file)
    game = Game.new(scenario, seed)
    digests = []
    while not game.over:
        play_side(game.state, "junta", "random")
        play_side(game.state, "insurgency", "doctrine")
        game.end_turn(None, [])
        digests.append(game.state.digest())
    return digests


@pytest.mark.parametrize("scenario_file", ["tutorial.yaml", "bamako-blockade-2025.yaml"])
def test_the_same_game_in_french_and_in_english(scenario_file: str) -> None:
    french = _digests(scenario_file, "fr")
    assert french == _digests(scenario_file, "en")
    assert len(french) > 1


def test_a_save_made_in_french_opens_and_reports_in_english(tmp_path: Path) -> None:
    set_language("fr")
    scenario, text = read_scenario(ROOT / "scenarios" / "tutorial.yaml")
    game = Game.new(scenario, 3)
    for _ in range(2):
        play_side(game.state, "junta", "random")
        play_side(game.state, "insurgency", "doctrine")
        game.end_turn("une raison", [])
    path = save_game(game, tmp_path / "fr.json", scenario_text=text)
    for language in ("en", "fr"):
        set_language(language)
        ok, _ = verify_save(path)
        assert ok
        loaded = load_save(path)
        assert loaded.game.state.digest() == game.state.digest()
        title = scenario.spec.meta.title
        report = render(loaded, "md")
        assert title.in_language("en") in report or title.in_language("fr") in report
        assert "<html" in render(loaded, "html")
