"""The junta's reading of a game state by the scenario's own endings (its `victory`
section). The planning junta scores its rollouts with it, and the expert insurgency its
lookahead (as its opposite), so that both play for what ends the scenario at hand rather
than for a fixed list of the main scenario's tracks."""

from __future__ import annotations

from ..engine import GameState, observe
from ..engine.goals import GoalCondition, goals_of, outcome_for

TREASURY_PER_POINT = 2   # billions of treasury worth one point of evaluation
# What an ending reached is worth against the margins of a game still running (at most a
# few hundred): a win or a loss outweighs any margin, a draw counts as nothing either way.
ENDING_VALUE = {"win": 600, "draw": 0, "loss": -1000}
MISSED_LEAF = 100   # a winning condition with no margin (status, flag) while it fails


def _margin(leaf: GoalCondition) -> int | None:
    """How far a numeric condition is past its target (+) or short of it (-), in
    percent of the target (at least 10 points), capped at ±100."""
    if not isinstance(leaf.value, int) or isinstance(leaf.value, bool):
        return None
    if not isinstance(leaf.target, int) or isinstance(leaf.target, bool):
        return None
    if leaf.op in ("ge", "gt"):
        gap = leaf.value - leaf.target
    elif leaf.op in ("le", "lt"):
        gap = leaf.target - leaf.value
    else:
        return None
    return max(-100, min(100, gap * 100 // max(abs(leaf.target), 10)))


def evaluate(state: GameState) -> int:
    """The junta's reading of a state, from the scenario's endings: the ending reached if
    any, plus the margins of the winning ending's conditions (a shortfall counts in full,
    a surplus half) and the closeness of each losing ending's triggers. The endings are
    graded for one side against the other, so the insurgency's reading is its opposite."""
    scenario = state.scenario
    value = 0
    if state.outcome is not None:
        ending = next(e for e in [*scenario.spec.victory.endings, scenario.spec.victory.default]
                      if e.id == state.outcome)
        value += ENDING_VALUE[outcome_for("junta", ending.grade)]
    for goal in goals_of(scenario, observe(state, "junta")).endings:
        if goal.condition is None:
            continue
        for leaf in goal.condition.leaves():
            margin = _margin(leaf)
            if margin is None:
                # A condition with no number to measure (a town's status, a flag) in the
                # winning ending counts as a full shortfall while it fails: a post to win
                # back weighs like a track far below its line.
                if goal.outcome == "win" and leaf.holds is False:
                    value -= MISSED_LEAF
                continue
            if goal.outcome == "win":  # a buffer above the line is worth keeping too
                value += margin if margin < 0 else margin // 2
            elif goal.outcome == "loss":   # margin > -100: the trigger is near
                value -= 2 * max(0, 100 + margin) if margin < 0 else 200
    value -= 20 * len(state.towns_held)
    # Money spent now is pay missed later: a treasury in deficit costs cohesion every week
    # (rules.cohesion.unpaid), further ahead than a rollout sees, so every billion counts.
    value += state.treasury // TREASURY_PER_POINT
    return value
