"""`engine.goals`: every ending of every shipped scenario derived from its `victory`
section, judged on a side's view (hidden numbers are unknown, never their true value),
with what the game would be if it ended now agreeing with the engine's own endings."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from wargame.ai.conditions import holds_in_view
from wargame.ai.policies import random_policy
from wargame.engine import GameState, Scenario, new_game, observe, resolve_turn
from wargame.engine.goals import (
    GoalCondition,
    Goals,
    goal_outline,
    goals_of,
    leaf_text,
    outcome_for,
)
from wargame.engine.model import (
    AllCondition,
    AnyCondition,
    Condition,
    NotCondition,
    TrackCondition,
)
from wargame.engine.resolve import _check_endings
from wargame.engine.scripted import holds, leaf_holds, leaf_value, track_value
from wargame.engine.turn import Turn
from wargame.scenario.load import load_scenario
from wargame.scenario.shipped import shipped_scenarios
from wargame.scenario.validators import dump_python, validate

SCENARIOS = shipped_scenarios()


def states_of_a_game(scenario: Scenario, seed: int = 5, turns: int = 6) -> list[GameState]:
    """The state at the start and after each of a few turns of random play."""
    state = new_game(scenario, seed)
    states = [state.clone()]
    for _ in range(turns):
        if state.over:
            break
        random_policy(state, "junta")
        random_policy(state, "insurgency")
        resolve_turn(state)
        states.append(state.clone())
    return states


def same_tree(node: GoalCondition, cond: Condition, state: GameState, sees: bool) -> None:
    """The goal's tree has the condition's structure; each leaf the true value (or None
    when the side may not see it) and the engine's verdict on it."""
    match cond:
        case AllCondition() | AnyCondition():
            assert node.kind == cond.type
            assert len(node.children) == len(cond.conditions)
            for child, sub in zip(node.children, cond.conditions, strict=True):
                same_tree(child, sub, state, sees)
        case NotCondition():
            assert node.kind == "not" and len(node.children) == 1
            same_tree(node.children[0], cond.condition, state, sees)
        case _:
            assert node.kind == "leaf" and node.label and node.short and node.tiny
            true = leaf_value(state, cond, lambda t: track_value(state, t))
            if sees:
                assert node.value == true
                assert node.holds == holds(state, cond)
            else:
                assert node.value is None and node.holds is None
            if isinstance(cond, TrackCondition):
                assert (node.op, node.target) == (cond.op, cond.value)


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_goals_follow_the_victory_section_and_the_engine(path: Path) -> None:
    scenario = load_scenario(path)
    victory = scenario.spec.victory
    for state in states_of_a_game(scenario):
        goals = goals_of(scenario, observe(state, "junta"))
        assert [g.id for g in goals.endings] == [e.id for e in victory.endings] + [
            victory.default.id]
        for goal, ending in zip(goals.endings, victory.endings, strict=False):
            assert (goal.title, goal.grade, goal.check) == (ending.title, ending.grade,
                                                           ending.check)
            assert goal.turn == (None if ending.check == "every_turn" else scenario.turns)
            assert goal.condition is not None
            # No shipped ending tests a number hidden from the junta.
            same_tree(goal.condition, ending.condition, state, sees=True)
            assert goal.holds == holds(state, ending.condition)
        default = goals.endings[-1]
        assert default.check == "default" and default.condition is None
        # "If the game ended now" is what the engine decides at the last turn.
        last = state.clone()
        last.turn = scenario.turns
        assert goals.if_ended_now == _check_endings(Turn(last))


def test_the_main_scenario_in_words() -> None:
    scenario = load_scenario(SCENARIOS[0])
    goals = goals_of(scenario, observe(new_game(scenario, 1), "junta"))
    win = goals.ending("junta_holds")
    assert win.outcome == "win" and win.check == "final" and win.turn == 26
    assert win.condition is not None
    tankers, support, cohesion = win.condition.children
    assert leaf_text(tankers) == "tankers destroyed ≤ 200 (now 0)"
    assert leaf_text(tankers, 2) == "tankers lost ≤200 (0)"
    assert leaf_text(support) == "support for the junta in Bamako District ≥ 30% (now 55%)"
    assert leaf_text(support, 1) == "Bamako support ≥30% (55%)"
    assert leaf_text(cohesion) == "army cohesion ≥ 40 (now 55)"
    collapse = goals.ending("regime_collapse")
    assert collapse.outcome == "loss" and collapse.turn is None
    assert collapse.condition is not None
    coup, low = collapse.condition.children
    assert leaf_text(coup) == "a coup (none so far)"
    assert leaf_text(low) == "support for the junta in Bamako District ≤ 10% (now 55%)"
    falls = goals.ending("capital_falls").condition
    assert falls is not None
    assert leaf_text(falls) == "Bamako held by JNIM (now held by the government)"
    lines = [(line.depth, line.text) for line in goal_outline(win)]
    assert lines[:2] == [(0, "The junta holds, the convoys still running (victory)"),
                         (1, "To win at the end of turn 26, all of:")]
    assert goals.if_ended_now == "junta_holds"


def test_the_insurgency_reads_the_endings_the_other_way_and_not_the_treasury() -> None:
    scenario = load_scenario(SCENARIOS[0])
    state = new_game(scenario, 1)
    assert not scenario.spec.fog.insurgency_sees_treasury
    goals = goals_of(scenario, observe(state, "insurgency"))
    assert goals.ending("junta_holds").outcome == "loss"
    assert goals.ending("regime_collapse").outcome == "win"
    assert outcome_for("insurgency", "draw") == "draw"
    win = goals.ending("junta_holds").condition
    assert win is not None
    cohesion = win.children[2]
    assert cohesion.value is None and cohesion.holds is None
    assert leaf_text(cohesion) == "army cohesion ≥ 40 (now unknown to you)"
    assert leaf_text(cohesion, 2) == "cohesion ≥40 (?)"
    # fuel and support hold, cohesion is unknown: so is the ending, and the projection.
    assert win.holds is None and goals.if_ended_now is None


def with_endings(scenario: Scenario, endings: list[dict[str, Any]]) -> Scenario:
    """The scenario with these endings before its own (the default kept)."""
    victory = scenario.spec.victory
    spec = dump_python("Victory", victory)
    spec["endings"] = endings + spec["endings"]
    return Scenario.from_spec(scenario.spec.model_copy(
        update={"victory": validate("Victory", spec, strict=False)}))


def test_numbers_hidden_from_the_junta_are_unknown_never_their_true_value() -> None:
    base = load_scenario(SCENARIOS[0])
    scenario = with_endings(base, [{
        "id": "jnim_broken", "title": "JNIM broken", "grade": "victory", "check": "final",
        "explanation": "A test ending.",
        "condition": {"type": "all", "conditions": [
            {"type": "track", "track": "insurgent_funds", "op": "le", "value": 10},
            {"type": "track", "track": "insurgent_fighters", "op": "lt", "value": 100},
            {"type": "not", "condition": {"type": "track", "track": "insurgent_funds",
                                          "op": "gt", "value": 10**6}},
        ]}}])
    state = new_game(scenario, 3)
    assert state.fighter_estimate != state.fighters     # the junta's estimate is not the truth
    junta = goals_of(scenario, observe(state, "junta")).ending("jnim_broken")
    assert junta.condition is not None
    funds, fighters, negated = junta.condition.children
    for leaf in (funds, fighters):
        assert leaf.value is None and leaf.holds is None
        assert "unknown to you" in leaf_text(leaf)
        assert str(state.funds) not in leaf_text(leaf)
    assert str(state.total_fighters) not in leaf_text(fighters)
    assert negated.kind == "not" and negated.holds is None
    assert junta.holds is None
    # The insurgency sees its own numbers.
    own = goals_of(scenario, observe(state, "insurgency")).ending("jnim_broken")
    assert own.condition is not None
    funds, fighters, negated = own.condition.children
    assert (funds.value, fighters.value) == (state.funds, state.total_fighters)
    assert funds.holds == (state.funds <= 10) and negated.holds is True
    # The bots' doctrine still reads the junta's estimate (unchanged behaviour).
    cond = scenario.spec.victory.endings[0].condition
    assert isinstance(cond, AllCondition)
    estimate = sum(state.fighter_estimate.values())
    assert holds_in_view(observe(state, "junta"), cond.conditions[1]) == (estimate < 100)
    # ... and a hidden number is false for it, so its negation is true.
    assert holds_in_view(observe(state, "junta"), cond.conditions[2]) is True


def test_unknown_combines_in_three_valued_logic() -> None:
    scenario = load_scenario(SCENARIOS[0])
    hidden = {"type": "track", "track": "insurgent_funds", "op": "ge", "value": 0}
    true = {"type": "track", "track": "turn", "op": "ge", "value": 1}
    false = {"type": "track", "track": "turn", "op": "lt", "value": 1}
    cases = {
        "any_true": ({"type": "any", "conditions": [hidden, true]}, True),
        "any_false": ({"type": "any", "conditions": [hidden, false]}, None),
        "all_false": ({"type": "all", "conditions": [hidden, false]}, False),
        "all_true": ({"type": "all", "conditions": [hidden, true]}, None),
        "not": ({"type": "not", "condition": hidden}, None),
    }
    endings = [{"id": name, "title": name, "grade": "draw", "check": "final",
                "explanation": "A test ending.", "condition": cond}
               for name, (cond, _) in cases.items()]
    goals: Goals = goals_of(with_endings(scenario, endings),
                            observe(new_game(scenario, 1), "junta"))
    for name, (_, expected) in cases.items():
        assert goals.ending(name).holds is expected, name


def test_leaf_evaluation_is_the_engines() -> None:
    scenario = load_scenario(SCENARIOS[0])
    state = new_game(scenario, 1)
    cond = TrackCondition(type="track", track="fuel_days", op="ge", value=7)
    assert leaf_holds(cond, leaf_value(state, cond, lambda t: track_value(state, t))) is True
    assert leaf_holds(cond, None) is None
