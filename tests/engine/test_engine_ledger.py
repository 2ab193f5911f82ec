"""The causal ledger: for every track and region, a turn's entries sum exactly to the
track's change, over random games of every shipped scenario, clamping included; the
junta's view of it hides what the junta could not know."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wargame.ai.policies import random_policy
from wargame.engine import GameState, Scenario, new_game, resolve_turn
from wargame.engine.ledger import TRACKS, Entry, totals, visible
from wargame.engine.orders import Order
from wargame.present.ledgertext import track_values
from wargame.scenario.load import load_scenario
from wargame.scenario.shipped import shipped_scenarios


@cache
def shipped() -> tuple[Scenario, ...]:
    return tuple(load_scenario(p) for p in shipped_scenarios())


def assert_ledger_sums(before: dict[tuple[str, str | None], int],
                       after: dict[tuple[str, str | None], int], ledger: list[Entry]) -> None:
    sums = totals(ledger)
    assert {track for track, _ in sums} <= set(TRACKS)
    for key, value in after.items():
        assert sums.get(key, 0) == value - before[key], (
            f"{key}: changed by {value - before[key]}, ledger says {sums.get(key, 0)}: "
            + "; ".join(f"{e.delta:+d} {e.rule}" for e in ledger if (e.track, e.region) == key))
    assert set(sums) <= set(after), set(sums) - set(after)


def push_to_bounds(state: GameState, pattern: int) -> None:
    """Start some tracks at or next to their bounds, so that clamping happens."""
    for i, region in enumerate(sorted(state.support_junta)):
        corner = (pattern >> (i % 8)) & 3
        if corner == 1:
            state.support_junta[region] = 99
            state.support_insurgency[region] = 1
        elif corner == 2:
            state.support_junta[region] = 1
            state.grievance[region] = 99
        elif corner == 3:
            state.support_insurgency[region] = 99
            state.grievance[region] = 0
    if pattern & 1:
        state.cohesion = 99
    if pattern & 2:
        state.isolation = 99
        state.funds = 5


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(index=st.integers(0, 3), seed=st.integers(0, 10**6), turns=st.integers(1, 12),
       pattern=st.integers(0, 255))
def test_entries_sum_to_every_change(index: int, seed: int, turns: int, pattern: int) -> None:
    scenario = shipped()[index % len(shipped())]
    state = new_game(scenario, seed)
    push_to_bounds(state, pattern)
    for _ in range(turns):
        if state.over:
            break
        random_policy(state, "junta")
        random_policy(state, "insurgency")
        before = track_values(state)
        result = resolve_turn(state)
        assert_ledger_sums(before, track_values(state), result.ledger)
        assert all(e.turn == result.turn for e in result.ledger)


def test_a_clamp_is_its_own_entry(quiet: Scenario) -> None:
    state = new_game(quiet, 3)
    state.cohesion = 100
    state.treasury = 10**6  # paid, so cohesion tries to recover past its ceiling
    state.support_junta["bamako"] = 90
    state.town_status = {town: "government" for town in state.town_status}  # no sieges
    state.siege_turns = {}
    before = track_values(state)
    result = resolve_turn(state)
    assert_ledger_sums(before, track_values(state), result.ledger)
    clamps = [e for e in result.ledger if e.track == "cohesion" and e.rule == "clamp"]
    recovery = [e for e in result.ledger if e.track == "cohesion" and e.rule == "recovery"]
    assert recovery and clamps
    assert clamps[0].delta == -recovery[0].delta
    assert clamps[0].params["bound"] == 100


def test_entries_name_their_order_and_source(scenario: Scenario) -> None:
    state = new_game(scenario, 11)
    state.pending["junta"] += [Order.parse("ration"), Order.parse("escort dakar heavy")]
    assert scenario.order_specs["junta"]["escort"].cost > 0
    result = resolve_turn(state)
    ration = [e for e in result.ledger if e.rule == "rationing"]
    assert len(ration) == 1
    entry = ration[0]
    assert entry.order == "ration" and entry.phase == "junta"
    assert entry.track == "junta_support" and entry.region == "bamako" and entry.delta < 0
    assert entry.source and entry.source.endswith(".txt")
    cost = [e for e in result.ledger if e.rule == "order_cost"]
    assert [(e.order, e.track, e.delta) for e in cost] == [
        ("escort dakar heavy", "treasury", -scenario.order_specs["junta"]["escort"].cost)]


def test_event_effects_name_their_event(scenario: Scenario) -> None:
    state = new_game(scenario, 5)
    titles = {e.id: e.title for e in scenario.spec.events}
    for _ in range(10):
        result = resolve_turn(state)
        from_events = [e for e in result.ledger if e.event is not None]
        if from_events:
            entry = from_events[0]
            assert entry.rule in ("event", "clamp") or entry.order is not None
            assert entry.event in titles
            if entry.rule == "event":
                assert entry.text(scenario.name_of) == titles[entry.event]
            return
    raise AssertionError("no scripted event moved a track in ten turns")


def test_causes_render_with_names(scenario: Scenario) -> None:
    state = new_game(scenario, 2)
    result = resolve_turn(state)
    texts = [e.text(scenario.name_of) for e in result.ledger]
    assert all("{" not in text for text in texts)
    assert any("Dakar–Bamako corridor" in text for text in texts)


def test_the_junta_does_not_see_insurgent_funds_or_fighters(scenario: Scenario) -> None:
    state = new_game(scenario, 9)
    seen_hidden = False
    for _ in range(6):
        random_policy(state, "junta")
        random_policy(state, "insurgency")
        result = resolve_turn(state)
        hidden = {"insurgent_funds", "fighters"}
        seen_hidden |= any(e.track in hidden for e in result.ledger)
        junta = visible(result.ledger, "junta", sees_treasury=False)
        assert not any(e.track in hidden for e in junta)
        insurgency = visible(result.ledger, "insurgency", sees_treasury=False)
        assert not any(e.track in ("treasury", "cohesion") for e in insurgency)
        assert len(visible(result.ledger, "insurgency", sees_treasury=True)) == len(
            result.ledger)
    assert seen_hidden


def test_shipped_scenarios_are_all_covered() -> None:
    ids = {s.id for s in shipped()}
    assert len(ids) == len(shipped_scenarios()) >= 4
    assert Path(shipped_scenarios()[0]).exists()
