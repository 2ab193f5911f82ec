"""A whole game in French in plain mode, and the after-action report in French: the
interface's words come from the catalogue, the scenario's from its translations, the
engine's (events, goals, order refusals) from its templates."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from wargame import cli
from wargame.i18n import set_language
from wargame.plain import play_plain
from wargame.scenario.load import load_scenario
from wargame.scenario.shipped import shipped_scenarios

HANDOUT = Path(__file__).resolve().parents[2] / "saves" / "handout-week6.json"


def play_in_french(commands: str) -> str:
    path = next(p for p in shipped_scenarios() if p.stem == "bamako-blockade-2025")
    scenario = load_scenario(path)
    out = io.StringIO()
    set_language("fr")
    play_plain(scenario, seed=1, stdin=io.StringIO(commands), stdout=out, autosave=False)
    return out.getvalue()


@pytest.fixture(scope="module")
def whole_game() -> str:
    try:
        return play_in_french("status\nmap\norders\nescort dakar heavy\nhelp escort\n"
                              "help isolation\n" + "end\nwhy cohesion\n" * 30)
    finally:
        set_language("en")


def test_a_whole_plain_game_is_in_french(whole_game: str) -> None:
    out = whole_game
    assert "Tapez «\u00a0help\u00a0» pour les commandes." in out
    # Dates written out the French way (Babel), the first of the month as French writes it.
    assert "Tour 1 sur 26 — semaine du 1er septembre 2025" in out
    assert "Tour 2 sur 26 — semaine du 8 septembre 2025" in out
    assert not re.search(r"\d{4}-\d{2}-\d{2}", out)
    # Numbers grouped with a narrow no-break space, in the status line...
    assert re.search(r"Carburant à Bamako\u00a0: \d+ jours \(\d{2}\u202f\d{3} m³\)", out)
    assert "Objectifs (les fins du scénario" in out
    assert "En file\u00a0: escort dakar heavy" in out
    assert "--- Rapport du tour 1 ---" in out
    assert "Ce qui a fait bouger les jauges\u00a0:" in out
    assert "FIN DE LA PARTIE\u00a0:" in out
    # the ledger's causes, rendered from the translated templates
    assert "salaires et fonctionnement de l'État" in out
    # an event of the junta's orders, rendered from its translated template
    assert "- 3 compagnies escortent le convoi (Corridor Dakar–Bamako)." in out
    # ... in the events' sentences and in the ledger's lines.
    events = [line for line in out.splitlines() if line.startswith("- ")]
    assert any(re.search(r"Bamako a consommé \d{1,2}\u202f\d{3} m³", e) for e in events)
    ledger = [line for line in out.splitlines() if line.startswith("      ")]
    assert any(re.match(r" +[−+]\d{1,2}\u202f\d{3} m³  ", line) for line in ledger)
    assert not re.search(r"\d{4,} m³", out)          # no ungrouped thousands left
    # No article glued to a scenario name (the corridors are "Corridor ..." and "Route ...").
    for glued in ("du Corridor", "le Corridor", "du Route", "le Route", "à District"):
        assert glued not in out, glued
    # The interface's own English never shows (the engine's sentences may: see above).
    for english in ("Turn 1 of", "Report of turn", "What moved the tracks", "GAME OVER",
                    "Type 'help'", "Queued:", "Bamako fuel:", "wages and upkeep"):
        assert english not in out, english


def test_the_after_action_report_is_written_in_french(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    for fmt in ("md", "html"):
        target = tmp_path / f"report.{fmt}"
        assert cli.main(["report", str(HANDOUT), "--format", fmt, "-o", str(target),
                         "--lang", "fr"]) == 0
        text = target.read_text(encoding="utf-8")
        assert "Bilan de la partie\u00a0: Le blocus de Bamako, 2025" in text
        assert "Chronologie des événements marquants" in text
        assert "Ce qui a fait bouger les jauges" in text
        assert "Les jauges au fil du temps" in text
        assert "(depuis le 1er septembre 2025)" in text      # dates in French, not ISO
        assert "8 septembre 2025" in text
        assert not re.search(r"\(\d{4}-\d{2}-\d{2}\)", text)
        for english in ("After-action review", "Timeline of key events", "Turning points",
                        "What moved the tracks", "Tracks over time"):
            assert english not in text, (fmt, english)
    markdown = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert "- **Tour 2** (8 septembre 2025)\u00a0: " in markdown
    assert '<html lang="fr">' in (tmp_path / "report.html").read_text(encoding="utf-8")
    # JNIM's decisions in the hand-out carry their templates: their reasons read in French
    assert "Priorité\u00a0: " in markdown and "Priority: " not in markdown


def test_simulate_writes_its_table_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["simulate", "bamako-blockade-2025", "--games", "2", "--jobs", "1",
                     "--lang", "fr"]) == 0
    out = capsys.readouterr().out
    header = next(line for line in out.splitlines() if "IC à 95" in line)
    assert header.split() == ["issue", "parties", "part", "IC", "à", "95", "%"]
    assert "outcome" not in out and "share" not in out


def test_the_scenario_list_writes_its_dates_in_french(
        capsys: pytest.CaptureFixture[str]) -> None:
    try:
        assert cli.main(["scenarios", "--lang", "fr"]) == 0
    finally:
        set_language("en")
    out = capsys.readouterr().out
    assert "du 1er septembre 2025 au 23 février 2026" in out
    assert not re.search(r"\d{4}-\d{2}-\d{2}", out)
