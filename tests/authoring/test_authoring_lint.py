"""The linter: one test per warning, each on a small scenario (the template) changed in
one place, and `validate --strict` turning warnings into errors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from wargame.cli import main
from wargame.scenario.load import check_bytes
from wargame.scenario.template import render_template

LINE = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning): "
                  r"(?P<path>\S+): (?P<msg>.+)$")


def base() -> str:
    return render_template("lint-case", "../docs/scenario.schema.json")


def change(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"not exactly once in the template: {old!r}"
    return text.replace(old, new)


def warnings_of(text: str) -> list[str]:
    report = check_bytes(text.encode("utf-8"), "s.yaml")
    assert report.errors == [], report.lines()
    assert report.scenario is not None
    lines = [w.format("s.yaml") for w in report.warnings]
    for line in lines:
        assert LINE.match(line), line
    return lines


def only_warning(text: str, fragment: str) -> str:
    found = warnings_of(text)
    assert len(found) == 1 and fragment in found[0], found
    return found[0]


def test_the_template_has_no_warning() -> None:
    assert warnings_of(base()) == []


def test_number_without_provenance_mark() -> None:
    text = change(base(), "  turns: 8  # est: two months is enough for a first exercise",
                  "  turns: 8")
    line = only_warning(text, "number with neither a source nor an estimate mark")
    assert "meta.turns" in line


def test_town_that_no_route_reaches() -> None:
    text = change(base(), "  routes:\n",
                  "    - {id: lonely, name: Lonely, region: kayes, kind: village, lat: 14.0, "
                  "lon: -10.0, population: 100}  # est: a test village only\n  routes:\n")
    line = only_warning(text, "no route reaches town 'lonely'")
    match = LINE.match(line)
    assert match and match["path"] == "map.towns.8.id"


def test_town_that_no_road_connects_to_the_capital() -> None:
    text = change(base(), "  routes:\n",
                  "    - {id: far-a, name: Far A, region: kayes, kind: village, lat: 14.0, "
                  "lon: -10.0, population: 100}  # est: a test village only\n"
                  "    - {id: far-b, name: Far B, region: kayes, kind: village, lat: 14.1, "
                  "lon: -10.1, population: 100}  # est: a test village only\n  routes:\n")
    text = change(text, "\n# Fuel corridors:",
                  "\n    - {id: far-a-far-b, from: far-a, to: far-b, road: track, km: 10, "
                  "condition: track}  # est: a test track only\n\n# Fuel corridors:")
    found = warnings_of(text)
    assert len(found) == 2 and all("no road connects town" in w for w in found), found


def test_corridor_with_no_path_to_its_destination() -> None:
    text = change(base(), "{id: bamako-kati, from: bamako, to: kati, road: RN1, km: 15, "
                          "corridor: dakar, condition: paved}",
                  "{id: bamako-kati, from: bamako, to: kati, road: RN1, km: 15, "
                  "condition: paved}")
    found = warnings_of(text)
    assert len(found) == 2, found
    assert "corridor 'dakar' has no path from its entry to its destination: its 5 " \
           "segments do not join 'diboli' to 'bamako'" in found[0]
    # its only corridor gone, the escort order has nothing to escort
    assert "order 'escort' is enabled but can never be given" in found[1]


def test_region_with_no_towns() -> None:
    text = change(base(), "    - {id: kayes, name: Kayes}\n",
                  "    - {id: kayes, name: Kayes}\n    - {id: sikasso, name: Sikasso}\n")
    only_warning(text, "region 'sikasso' has no towns")


def test_event_dated_after_the_end() -> None:
    text = change(base(), "trigger: {type: date, date: 2025-09-02}",
                  "trigger: {type: date, date: 2026-09-02}")
    line = only_warning(text, "event 'blockade-announced' can never fire")
    assert "after the last turn" in line and "events.0.trigger.date" in line


def test_event_whose_earliest_is_after_the_end() -> None:
    text = change(base(), "    trigger:\n      type: condition\n",
                  "    trigger:\n      type: condition\n      earliest: 2027-01-01\n")
    only_warning(text, "event 'queues-in-bamako' can never fire: `earliest` 2027-01-01")


@pytest.mark.parametrize("condition, reason", [
    ("{type: track, track: turn, op: gt, value: 30}  # est: a test condition only",
     "track 'turn' gt 30 cannot hold: the game has 8 turns"),
    ("{type: support, region: bamako, side: junta, op: gt, value: 100}  # est: a test "
     "condition only", "junta support in 'bamako' gt 100 cannot hold"),
    ("{type: all, conditions: [{type: track, track: fuel_days, op: lt, value: 3}, "
     "{type: track, track: fuel_days, op: ge, value: 9}]}  # est: a test condition only",
     "contradict each other (lt 3 and ge 9)"),
    ("{type: flag, flag: evacuation_advice}", "flag 'evacuation_advice' is never set"),
    ("{type: not, condition: {type: grievance, region: kayes, op: ge, value: 0}}  # est: a "
     "test condition only", "grievance in 'kayes' lt 0 cannot hold"),
])
def test_event_whose_condition_cannot_hold(condition: str, reason: str) -> None:
    text = change(base(), "condition: {type: track, track: fuel_days, op: lt, value: 7}  "
                          "# est: a week of stock left", f"condition: {condition}")
    line = only_warning(text, "event 'queues-in-bamako' can never fire")
    assert reason in line, line


def test_a_condition_that_can_hold_is_not_reported() -> None:
    text = change(base(), "condition: {type: track, track: fuel_days, op: lt, value: 7}  "
                          "# est: a week of stock left",
                  "condition: {type: any, conditions: [{type: flag, flag: dress_rules}, "
                  "{type: track, track: turn, op: ge, value: 3}]}  # est: a test condition only")
    assert warnings_of(text) == []


def test_ending_that_can_never_apply() -> None:
    text = change(base(), "{type: track, track: fuel_days, op: ge, value: 5}  "
                          "# est: five days of fuel in stock",
                  "{type: track, track: turn, op: lt, value: 8}  # est: a test condition only")
    only_warning(text, "ending 'junta_holds' can never apply: track 'turn' lt 8 cannot hold")


def test_order_enabled_with_no_valid_target() -> None:
    text = change(base(), "kind: mine,", "kind: village,")
    line = only_warning(text, "order 'attack-site' is enabled but can never be given: "
                              "no town is a mine or factory")
    assert "orders.insurgency.attack-site" in line


def test_order_enabled_for_a_side_without_the_means() -> None:
    text = change(base(), "    helicopters: 2  #", "    helicopters: 0  #")
    only_warning(text, "order 'airstrike' is enabled but can never be given: the junta has "
                       "no helicopters")
    text = change(base(), "    ration:\n", "    ration:\n      capacity: 4  # est: a test "
                                           "value only\n")
    only_warning(text, "order 'ration' is enabled but can never be given: it needs 4 command "
                       "capacity and the junta has 3")


@pytest.mark.parametrize("old, new, fragment", [
    ("          - {filter: not_capital}\n          - {filter: garrison_at_most",
     "          - {filter: arg_is, values: [kolokanii]}\n"
     "          - {filter: garrison_at_most",
     "arg_is names unknown town 'kolokanii'; did you mean 'kolokani'?"),
    ("          - {filter: not_capital}\n          - {filter: garrison_at_most",
     "          - {filter: town_kind, values: [fortress]}\n"
     "          - {filter: garrison_at_most",
     "town_kind names unknown town kind 'fortress'"),
    ("          - {filter: most_grievance}\n",
     "          - {filter: most_tankers}\n",
     "most_tankers has no effect on 'propaganda' orders"),
    ("          - {filter: nearest_to_capital}\n",
     "          - {filter: arg_is, arg: 2, values: [x]}  # est: a test value only\n",
     "arg_is looks at argument 2 but 'ambush' takes 1 argument(s)"),
])
def test_doctrine_filter_naming_unknown_things(old: str, new: str, fragment: str) -> None:
    line = only_warning(change(base(), old, new), fragment)
    assert ".filters." in line


def test_doctrine_when_on_a_track_the_side_cannot_see() -> None:
    text = change(base(), "when: {type: track, track: insurgent_funds, op: lt, value: 300}",
                  "when: {type: track, track: treasury, op: lt, value: 300}")
    only_warning(text, "priority 'tax' never applies: it tests track 'treasury', which this "
                       "side cannot see")


def test_junta_policy_no_command_can_select() -> None:
    text = base() + ("  junta:\n    cautious:\n      title: t\n      summary: s\n"
                     "      priorities:\n        - {id: p, title: t, order: patrol}\n")
    only_warning(text, "junta policy 'cautious' cannot be selected")


def test_validate_prints_warnings_and_strict_makes_them_errors(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "w.yaml"
    path.write_text(change(base(), "    - {id: kayes, name: Kayes}\n",
                           "    - {id: kayes, name: Kayes}\n    - {id: gao, name: Gao}\n"),
                    encoding="utf-8")
    assert main(["validate", str(path)]) == 0
    captured = capsys.readouterr()
    match = LINE.match(captured.out.splitlines()[0])
    assert match and match["sev"] == "warning" and match["file"] == str(path)
    assert "ok (1 warning)" in captured.err
    assert main(["validate", "--strict", str(path)]) == 1
    match = LINE.match(capsys.readouterr().out.splitlines()[0])
    assert match and match["sev"] == "error" and "region 'gao' has no towns" in match["msg"]
