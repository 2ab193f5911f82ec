"""Golden outputs of `wargame report` (Markdown and HTML) and `wargame compare`, from a
fixed seeded seminar: a base game of 6 turns (random policies), continued to its end by
one team and branched at turn 4 by another (the 'historical' junta policy).

A rules or scenario change alters them: regenerate with
`UPDATE_GOLDEN=1 python -m pytest tests/saves` and review the diff."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from wargame.cli import main
from wargame.engine import Scenario
from wargame.engine.game import Game
from wargame.saves import branch_game, load_save, read_header, save_game

HERE = Path(__file__).resolve().parent / "golden"
SEED = 7

Player = Callable[..., Game]


@pytest.fixture(scope="module")
def seminar(tmp_path_factory: pytest.TempPathFactory, main_scenario: tuple[Scenario, str],
            player: Player) -> Path:
    play_game = player
    scenario, text = main_scenario
    folder = tmp_path_factory.mktemp("seminar")
    base = save_game(play_game(scenario, SEED, 6), folder / "seminar-base.json",
                     scenario_text=text, note="Golden seminar: the base position.")
    team_a = load_save(base)
    play_game(scenario, SEED, game=team_a.game)
    team_a.save(folder / "team-a.json")
    game, options = branch_game(load_save(base), 4)
    play_game(scenario, SEED, game=game, junta="historical")
    save_game(game, folder / "team-b.json", **options)
    return folder


def check_golden(name: str, actual: str) -> None:
    golden = HERE / name
    if os.environ.get("UPDATE_GOLDEN") == "1" or not golden.exists():
        if os.environ.get("CI") and not golden.exists():
            pytest.fail(f"missing golden file {name}")
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
    assert actual == golden.read_text(encoding="utf-8"), f"{name} differs from the golden file"


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_report_golden(seminar: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"report.{fmt}"
    assert main(["report", str(seminar / "team-b.json"), "--format", fmt, "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    check_golden(f"report-team-b.{fmt}", text)
    for heading in ("Outcome", "Timeline of key events", "The junta's decisions",
                    "The insurgency's key decisions", "Tracks over time", "Turning points",
                    "What moved the tracks", "The whole game", "Articles cited"):
        assert heading in text
    assert "Branched from" in text and "seminar-base.json" in text
    if fmt == "html":
        assert text.count("<svg") == 9 and "<script" not in text
    else:
        assert "▁" in text or "█" in text


def test_report_explains_every_track_change(seminar: Path) -> None:
    """The report's ledger section agrees with its tracks: each turn's headline runs from
    the previous turn's value, and the whole game's causes sum to the track's change."""
    import re

    from wargame.saves.report import ledger_by_turn, tracks, whole_game

    game = load_save(seminar / "team-b.json").game
    series = {t.key: t.values for t in tracks(game)}
    by_turn = dict(ledger_by_turn(game))
    assert set(by_turn) == {rec.turn for rec in game.records}
    for turn, moved in by_turn.items():
        cohesion = [g for g in moved if g.track == "cohesion"]
        if series["cohesion"][turn] != series["cohesion"][turn - 1]:
            assert cohesion and (cohesion[0].before, cohesion[0].after) == (
                series["cohesion"][turn - 1], series["cohesion"][turn])
        for g in moved:
            assert sum(c.delta for c in g.causes + g.folded) == g.change
    line = next(x for x in whole_game(game) if x.startswith("Army cohesion:"))
    amounts = [int(a.replace("−", "-").replace(",", ""))
               for a in re.findall(r"([−+]\d[\d,]*) from", line)]
    assert sum(amounts) == series["cohesion"][-1] - series["cohesion"][0]


def test_compare_golden(seminar: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert read_header(seminar / "team-b.json")["parent"] == {"save": "seminar-base.json",
                                                              "turn": 4}
    assert main(["compare", "team-a", "team-b", "--saves-dir", str(seminar)]) == 0
    text = capsys.readouterr().out
    check_golden("compare-team-a-team-b.md", text)
    assert "They share turns 1–3 and diverge at turn 4" in text


def test_compare_refuses_different_scenarios_unless_forced(
        seminar: Path, tmp_path: Path, main_scenario: tuple[Scenario, str],
        player: Player, capsys: pytest.CaptureFixture[str]) -> None:
    from wargame.saves.store import read_scenario

    play_game = player
    scenario, text = main_scenario
    assert "\n  title: " in text
    variant = tmp_path / "variant.yaml"
    # the title is a mapping of languages ({en: "...", fr: "..."}): edit its English text
    variant.write_text(text.replace("\n  title: {en: \"", "\n  title: {en: \"Variant of ", 1),
                       encoding="utf-8")
    other, other_text = read_scenario(variant)
    save_game(play_game(other, SEED, 3), tmp_path / "variant-run.json",
              scenario_text=other_text)
    args = ["compare", str(seminar / "team-a.json"), str(tmp_path / "variant-run.json")]
    assert main(args) == 1
    err = capsys.readouterr().err
    assert err.startswith("wargame: variant-run.json plays another version of scenario")
    assert "--force" in err
    assert main([*args, "--force"]) == 0
    assert "Compared with --force" in capsys.readouterr().out
    assert main(["compare", str(seminar / "team-a.json")]) == 1
    assert "at least two saves" in capsys.readouterr().err


def test_compare_in_french(seminar: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from wargame.i18n import set_language

    try:
        assert main(["compare", "team-a", "team-b", "--saves-dir", str(seminar),
                     "--lang", "fr"]) == 0
    finally:
        set_language("en")
    text = capsys.readouterr().out
    assert text.startswith("# Comparaison de 2 parties\u00a0: Le blocus de Bamako, 2025")
    for french in ("## Issue et jauges finales", "## Les décisions clés", "Ordres de la junte",
                   "divergent au tour", "septembre 2025"):
        assert french in text, french
    for english in ("Comparison of", "Outcome and final tracks", "Key decisions",
                    "Junta orders", "Reasons given", "diverge at turn"):
        assert english not in text, english
    assert not re.search(r"\(semaine du \d{4}-\d{2}-\d{2}\)", text)
