"""The three scenarios drawn from the articles: they validate with --strict, cite their
articles, carry the dated events and the actors of their period, and have a doctrine that
fits it. (Their expectations run in test_authoring_shipped_expectations.py and their
golden playthroughs in tests/golden.)"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from wargame.cli import main
from wargame.engine import Scenario
from wargame.engine.model import DateTrigger, ScriptedOrder
from wargame.scenario.guide import check_guide, load_guide
from wargame.scenario.load import check_file
from wargame.scenario.shipped import shipped_scenarios

ROOT = Path(__file__).resolve().parents[2]
NEW = ("encircling-bamako-2023", "western-offensive-2025", "tutorial")
SOURCES = Path("/work/shared/sources")


def load(name: str) -> Scenario:
    report = check_file(ROOT / "scenarios" / f"{name}.yaml")
    assert report.errors == [] and report.warnings == [], report.lines()
    assert report.scenario is not None
    return report.scenario


def dated(scenario: Scenario) -> dict[dt.date, list[str]]:
    """Scripted orders by date."""
    out: dict[dt.date, list[str]] = {}
    for event in scenario.spec.events:
        if isinstance(event.trigger, DateTrigger):
            out.setdefault(event.trigger.date, []).extend(
                e.order for e in event.effects if isinstance(e, ScriptedOrder))
    return out


@pytest.mark.parametrize("name", NEW)
def test_passes_validate_strict_and_is_listed(name: str,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--strict", str(ROOT / "scenarios" / f"{name}.yaml")]) == 0
    assert name in [p.stem for p in shipped_scenarios()]
    assert main(["scenarios"]) == 0
    assert any(line.startswith(name) for line in capsys.readouterr().out.splitlines())


@pytest.mark.parametrize("name", NEW)
def test_cites_its_articles_and_has_a_doctrine(name: str) -> None:
    spec = load(name).spec
    assert spec.meta.sources
    if SOURCES.is_dir():
        for source in spec.meta.sources:
            assert (SOURCES / source).exists(), source
    assert spec.doctrine is not None and spec.doctrine.insurgency.sources
    for event in spec.events:
        assert event.source in spec.meta.sources, event.id


def test_encircling_2023_dated_attacks_wagner_and_issp() -> None:
    scenario = load("encircling-bamako-2023")
    spec = scenario.spec
    assert "002_23958e37953c3e1d.txt" in spec.meta.sources
    assert spec.meta.start_date == dt.date(2023, 1, 2)
    orders = dated(scenario)
    assert {"raid marka-coungo", "raid kassela"} <= set(orders[dt.date(2023, 1, 2)])
    assert {"raid sebekoro", "raid didieni"} <= set(orders[dt.date(2023, 1, 8)])
    assert {"ambush dia-diafarabe", "ambush macina-kumara"} <= set(orders[dt.date(2023, 1, 10)])
    assert "ambush gomitra-kwala" in orders[dt.date(2023, 1, 15)]
    assert any(d.month == 1 and 11 <= d.day <= 14 for d in orders)
    for place in ("marka-coungo", "kassela", "sebekoro", "didieni", "dia", "diafarabe",
                  "macina", "kumara", "nara", "gomitra", "kwala", "kati"):
        assert place in scenario.towns, place
    regions = {scenario.towns[t].region for t in ("marka-coungo", "sebekoro", "macina", "dia")}
    assert regions == {"koulikoro", "kayes", "segou", "mopti"}
    actors = {a.id: a for a in spec.sides.actors}
    assert actors["wagner"].kind == "partner_force" and "Wagner" in actors["wagner"].name
    assert actors["issp"].kind == "rival_insurgency"
    assert set(actors["issp"].regions) == {"gao", "menaka"}
    assert "Africa Corps" not in spec.sides.junta.name
    # the period's doctrine: raids and twin attacks, no fuel blockade yet
    enabled = scenario.order_specs["insurgency"]
    assert "blockade" not in enabled and "kidnap" not in enabled
    kinds = [p.order for p in spec.doctrine.insurgency.priorities]  # type: ignore[union-attr]
    assert kinds[:2] == ["strike", "raid"] and "blockade" not in kinds
    assert "historical" in spec.doctrine.junta  # type: ignore[union-attr]


def test_western_offensive_seven_attacks_and_economic_war() -> None:
    scenario = load("western-offensive-2025")
    spec = scenario.spec
    assert {"004_d40ffa60bce7b676.txt", "000_9fd61ff9866508f9.txt",
            "001_764bf12fb1b1f291.txt"} <= set(spec.meta.sources)
    orders = dated(scenario)
    first_july = orders[dt.date(2025, 7, 1)]
    assert len(first_july) == 7 and all(o.startswith("raid ") for o in first_july)
    hit = [scenario.towns[o.split()[1]] for o in first_july]
    assert {t.region for t in hit} <= {"kayes", "koulikoro"}
    assert all(t.lon < -7.0 for t in hit)  # western Mali
    sites = [t for t in scenario.towns.values() if t.kind in ("mine", "factory")]
    assert {t.kind for t in sites} == {"mine", "factory"}
    assert all(t.region == "kayes" for t in sites)
    assert any(o.startswith("attack-site ") for os_ in orders.values() for o in os_)
    priorities = spec.doctrine.insurgency.priorities  # type: ignore[union-attr]
    kinds = [p.order for p in priorities]
    assert kinds.index("attack-site") < kinds.index("raid")
    blockade = next(p for p in priorities if p.order == "blockade")
    assert blockade.when is not None  # only after the rural fuel ban, or from September
    assert any(a.kind == "partner_force" and a.name == "Africa Corps" for a in spec.sides.actors)


def test_tutorial_small_short_and_guided() -> None:
    scenario = load("tutorial")
    assert len(scenario.towns) <= 8 and scenario.turns <= 8
    guide = load_guide(scenario, ROOT / "scenarios" / "tutorial.yaml")
    assert guide is not None
    assert check_guide(guide.spec, scenario) == []
    actions = [s.done_when.action for s in guide.steps]
    for action in ("select_town", "queue_order", "view_odds", "advise", "end_turn",
                   "read_report", "save"):
        assert action in actions
    assert actions.index("select_town") < actions.index("queue_order") < \
        actions.index("end_turn") < actions.index("read_report") < actions.index("save")


def test_tutorial_guide_advances_only_on_the_right_action() -> None:
    scenario = load("tutorial")
    guide = load_guide(scenario)
    assert guide is not None and guide.current is not None
    assert guide.current.id == "welcome" and guide.progress() == "step 1 of 9"
    assert not guide.notify("end_turn")
    assert guide.notify("continue")
    assert not guide.notify("select_town", "kati")
    assert guide.notify("select_town", "kolokani")
    assert not guide.notify("queue_order", "patrol")
    assert guide.notify("queue_order", "escort")
    for action in ("view_odds", "advise", "end_turn", "read_report", "save", "continue"):
        assert guide.notify(action)
    assert guide.done and guide.current is None and not guide.notify("continue")
