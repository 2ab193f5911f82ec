"""The tracks' help (wargame.present.tracks): with a scenario, the grievance help gives that
scenario's own pivot, rates and campaign penalty, never a number it does not use."""

from __future__ import annotations

from pathlib import Path

from wargame.engine import Scenario
from wargame.present.tracks import BY_TRACK, scenario_notes
from wargame.scenario.load import check_bytes
from wargame.scenario.shipped import shipped_scenarios


def shipped(stem: str) -> Path:
    return next(p for p in shipped_scenarios() if p.stem == stem)


def edited(stem: str, old: str, new: str) -> Scenario:
    raw = shipped(stem).read_bytes()
    assert raw.count(old.encode()) == 1
    report = check_bytes(raw.replace(old.encode(), new.encode()), f"{stem}.yaml")
    assert report.scenario is not None, report.lines()
    return report.scenario


def test_the_main_scenario_names_its_pivot_rates_and_campaign_penalty(scenario: Scenario) -> None:
    text = " ".join(BY_TRACK["grievance"].lines(scenario))
    assert "the pivot is 50" in text and "every 10 points over" in text
    assert "5 recruits a week" in text and "from 20 points over" in text
    assert "takes 5 points off the odds of the junta's information campaigns" in text


def test_the_numbers_follow_the_scenario_not_the_help() -> None:
    scenario = edited("bamako-blockade-2025", "grievance_pivot: 50", "grievance_pivot: 60")
    notes = " ".join(scenario_notes("grievance", scenario))
    assert "the pivot is 60" in notes and "the pivot is 50" not in notes
    doubled = edited("bamako-blockade-2025", "grievance_divisor: 10", "grievance_divisor: 15")
    assert "from 30 points over" in " ".join(scenario_notes("grievance", doubled))


def test_a_scenario_without_the_campaign_penalty_does_not_claim_it() -> None:
    western = check_bytes(shipped("western-offensive-2025").read_bytes(),
                          "western-offensive-2025.yaml").scenario
    assert western is not None
    notes = " ".join(scenario_notes("grievance", western))
    assert "the pivot is 50" in notes and "information campaigns" not in notes


def test_without_a_scenario_the_help_quotes_no_threshold() -> None:
    text = " ".join(BY_TRACK["grievance"].lines())
    assert "pivot is" not in text and "20 points" not in text
    assert scenario_notes("cohesion", None) == [] and BY_TRACK["cohesion"].lines()
