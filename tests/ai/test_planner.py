"""The planning junta: fair (it reads only what the junta may know), deterministic, legal,
explained, and never weaker in its own reckoning than its reference set (the historical
doctrine's, adjusted where the attacks are expected and where an ending tests support)."""

from __future__ import annotations

import json
from pathlib import Path

from wargame.ai.bots import play_side
from wargame.ai.planner import (
    MARGIN,
    REFERENCE,
    adjusted,
    answers,
    candidates,
    doctrine_set,
    expected_attacks,
    plan,
    ranked_per_kind,
    scrubbed,
)
from wargame.ai.simulate import simulate
from wargame.engine import GameState, Scenario, check_order, new_game, resolve_turn
from wargame.engine.legality import capacity

MAIN = Path(__file__).resolve().parents[2] / "scenarios" / "bamako-blockade-2025.yaml"
BUDGET = 8  # small: these tests check behaviour, not strength


def advance(state: GameState, turns: int) -> None:
    for _ in range(turns):
        play_side(state, "junta", "historical")
        play_side(state, "insurgency", "doctrine")
        resolve_turn(state)


def _poison(state: GameState) -> None:
    """Change everything the junta must not see (the insurgency's private numbers)."""
    state.fighters = {r: 7777 for r in state.fighters}
    state.funds = 123456
    state.weapons = 1
    state.rivals = {k: 999 for k in state.rivals}
    state.rng = 42
    state.pending["insurgency"] = []


def test_planner_cannot_see_hidden_insurgency_information(scenario: Scenario) -> None:
    for seed in (2, 9):
        state = new_game(scenario, seed)
        advance(state, 4)
        play_side(state, "insurgency", "doctrine")
        clean, poisoned = state.clone(), state.clone()
        _poison(poisoned)
        chosen = [str(d.order) for d in play_side(clean, "junta", "planner",
                                                  planner_budget=BUDGET)]
        seen = [str(d.order) for d in play_side(poisoned, "junta", "planner",
                                                planner_budget=BUDGET)]
        assert chosen == seen


def test_scrubbed_state_holds_estimates_not_truth(scenario: Scenario) -> None:
    state = new_game(scenario, 3)
    advance(state, 3)
    base = scrubbed(state)
    assert base.fighters == state.fighter_estimate
    assert base.funds == scenario.spec.sides.insurgency.funds
    assert base.rng != state.rng and base.pending["insurgency"] == []


def test_planner_orders_are_legal_and_within_capacity(scenario: Scenario) -> None:
    state = new_game(scenario, 5)
    advance(state, 2)
    probe = state.clone()
    decisions = play_side(state, "junta", "planner", planner_budget=BUDGET)
    assert decisions
    for d in decisions:
        assert check_order(probe, "junta", d.order) is None
        probe.pending["junta"].append(d.order)
    assert len(state.pending["junta"]) <= capacity(state, "junta")


def test_planner_explains_candidates_values_and_choice(scenario: Scenario) -> None:
    state = new_game(scenario, 4)
    result = plan(state, BUDGET)
    values = [s.value for s in result.weighed]
    assert values == sorted(values, reverse=True)
    reference = next(s for s in result.weighed if s.candidate.label == REFERENCE)
    assert result.chosen in (result.weighed[0], reference)
    if result.chosen is not reference:   # a challenger wins only by a clear margin
        assert result.chosen.value >= reference.value + MARGIN
    assert result.rollouts <= BUDGET
    decisions = play_side(new_game(scenario, 4), "junta", "planner", planner_budget=BUDGET)
    d = decisions[0]
    assert d.priority == "planner" and "Planner: weighed" in d.sentence
    info = d.extra["planner"]
    assert info["chosen"] in {row["label"] for row in info["weighed"]} and info["reasons"]
    assert any(row["label"] == REFERENCE for row in info["weighed"])


def test_planner_is_deterministic(scenario: Scenario) -> None:
    one, two = new_game(scenario, 6), new_game(scenario, 6)
    assert ([str(d.order) for d in play_side(one, "junta", "planner", planner_budget=BUDGET)]
            == [str(d.order) for d in play_side(two, "junta", "planner",
                                                planner_budget=BUDGET)])
    assert one.digest() == two.digest()


def test_planner_results_identical_for_one_and_two_jobs(scenario: Scenario) -> None:
    one = simulate(scenario, MAIN, 2, 40, junta="planner", jobs=1, explain=True,
                   planner_budget=4)
    two = simulate(scenario, MAIN, 2, 40, junta="planner", jobs=2, explain=True,
                   planner_budget=4)
    assert json.dumps(one, sort_keys=True) == json.dumps(two, sort_keys=True)
    assert one["planner_budget"] == 4


def test_planner_meets_the_attacks_the_insurgent_doctrine_would_make(scenario: Scenario) -> None:
    """On turn 1 the doctrine ambushes the Dakar convoy nearest the capital: the planner
    foresees it from its own picture and proposes a patrol on that road, which the
    historical doctrine (patrolling the road nearest the capital) does not give."""
    base = scrubbed(new_game(scenario, 1))
    attacks = expected_attacks(base)
    ambush = next(o for o in attacks if o.kind == "ambush")
    met = answers(base, attacks, frozenset())
    assert f"patrol {ambush.args[0]}" in map(str, met)
    assert all(check_order(base, "junta", o) is None for o in met)
    assert answers(base, attacks, frozenset({"patrol"})) == [o for o in met
                                                             if o.kind != "patrol"]
    historical = doctrine_set(base, "historical")
    assert f"patrol {ambush.args[0]}" not in map(str, historical)


def test_the_reference_campaigns_for_support_only_below_its_start(scenario: Scenario) -> None:
    """The reference set gives a campaign in Bamako (whose support an ending tests) when
    that support has fallen below its start, and not otherwise."""
    def reference(support: int) -> list[str]:
        state = new_game(scenario, 2)
        advance(state, 1)
        state.support_junta["bamako"] = support
        base = scrubbed(state)
        return [str(o) for o in adjusted(base, doctrine_set(base, "historical"),
                                         answers(base, expected_attacks(base), frozenset()),
                                         ranked_per_kind(base))]
    start = scenario.spec.tracks.support["bamako"].junta
    assert "info-campaign bamako" in reference(start - 10)
    assert not any(o.startswith("info-campaign") for o in reference(start))


def test_the_reference_talks_first_while_grievance_blunts_the_campaign(
        scenario: Scenario) -> None:
    """Over the pivot, Bamako's grievance blunts the campaign (001): the reference set
    gives a dialogue there in the campaign's place while enough weeks are left for the
    campaigns to pay it back; at the pivot, the campaign itself; with dialogue banned, the
    blunted campaign."""
    pivot = scenario.spec.rules.support.grievance_pivot

    def reference(grievance: int, banned: frozenset[str] = frozenset(),
                  late: bool = False) -> list[str]:
        state = new_game(scenario, 2)
        advance(state, 1)
        if late:
            state.turn = scenario.turns - 2
        state.support_junta["bamako"] = scenario.spec.tracks.support["bamako"].junta - 10
        state.grievance["bamako"] = grievance
        base = scrubbed(state)
        ranked = {k: v for k, v in ranked_per_kind(base).items() if k not in banned}
        return [str(o) for o in adjusted(base, doctrine_set(base, "historical"),
                                         answers(base, expected_attacks(base), banned),
                                         ranked)]
    aggrieved = reference(pivot + 4)
    assert "dialogue bamako" in aggrieved and "info-campaign bamako" not in aggrieved
    calm = reference(pivot)
    assert "info-campaign bamako" in calm and "dialogue bamako" not in calm
    assert "info-campaign bamako" in reference(pivot + 4, frozenset({"dialogue"}))
    # Too few weeks left for the campaigns to pay the talks back: the campaign itself.
    assert "info-campaign bamako" in reference(pivot + 4, late=True)


def test_the_reference_repairs_a_corridor_road_cut_for_two_weeks(scenario: Scenario) -> None:
    """A corridor road the insurgency cut (its convoys pass at 30%) is repaired by the
    reference set, right after the first escort, while two weeks or more of the cut
    remain; a cut about to end on its own, or a road off the corridors, is left."""
    def reference(route: str, weeks: int) -> list[str]:
        state = new_game(scenario, 2)
        advance(state, 1)
        state.route_damage[route] = weeks
        base = scrubbed(state)
        return [str(o) for o in adjusted(base, doctrine_set(base, "historical"),
                                         answers(base, expected_attacks(base), frozenset()),
                                         ranked_per_kind(base))]
    cut = reference("kati-kolokani", 2)
    assert "repair kati-kolokani" in cut
    assert cut.index("repair kati-kolokani") == next(
        i for i, o in enumerate(cut) if o.startswith("escort")) + 1
    assert not any(o.startswith("repair") for o in reference("kati-kolokani", 1))
    assert scenario.routes["diema-nioro"].corridor is None
    assert not any(o.startswith("repair") for o in reference("diema-nioro", 3))


def test_concentrated_sets_keep_the_references_first_escort(scenario: Scenario) -> None:
    """"All on relieve" (or on any kind but escort) still escorts the week's convoy the
    reference escorts: a week without any escort loses most of a convoy."""
    base = scrubbed(new_game(scenario, 2))
    listed = candidates(base, 64)
    escort = next(o for o in listed[0].orders if o.kind == "escort")
    concentrated = [c for c in listed if str(c.label).startswith("all on")]
    assert len(concentrated) >= 5
    for candidate in concentrated:
        assert escort in candidate.orders, candidate.label
        kinds = {o.kind for o in candidate.orders} - {"escort"}
        assert len(kinds) <= 1, candidate.label


ENCIRCLING = MAIN.parent / "encircling-bamako-2023.yaml"


def test_posts_a_winning_ending_needs_come_first_and_count_while_lost() -> None:
    """In the 2023 scenario the junta wins only with the posts around Bamako held: the
    planner ranks reinforcing them before the other towns of their region, and its
    evaluation counts a post left contested as a full shortfall (a town's status has no
    margin to measure). The main scenario's winning ending names no town, so its planning
    is unchanged."""
    from wargame.ai.evaluation import MISSED_LEAF, evaluate
    from wargame.ai.planner import ending_towns
    from wargame.scenario.load import load_scenario

    scenario = load_scenario(ENCIRCLING)
    posts = {"kassela", "marka-coungo", "didieni", "fana"}
    assert ending_towns(scenario) == posts
    assert ending_towns(load_scenario(MAIN)) == frozenset()
    base = scrubbed(new_game(scenario, 1))
    koulikoro = [o.args[0] for o in ranked_per_kind(base)["reinforce"]
                 if scenario.towns[o.args[0]].region == "koulikoro"]
    assert set(koulikoro[:len(posts)]) == posts
    state = new_game(scenario, 1)
    held = evaluate(state)
    state.town_status["didieni"] = "contested"
    assert evaluate(state) <= held - MISSED_LEAF
