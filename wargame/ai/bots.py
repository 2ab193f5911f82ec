"""One entry point for every bot: `play_side` queues a side's orders for the turn and
returns its decisions, each with a rationale the interface and reports can show."""

from __future__ import annotations

from ..engine import GameState, Side, order_odds
from ..engine.ledger import N_
from ..engine.phrase import Phrase
from .builtin import JUNTA_POLICIES, insurgency_doctrine, junta_doctrine
from .decision import Decision
from .doctrine import DIFFICULTIES, play_doctrine
from .planner import DEFAULT_BUDGET, play_planner
from .policies import POLICIES

__all__ = ["DIFFICULTIES", "JUNTA_POLICIES", "insurgency_turn", "play_side", "rationales"]


def play_side(state: GameState, side: Side, policy: str = "doctrine",
              difficulty: str = "standard",
              planner_budget: int = DEFAULT_BUDGET) -> list[Decision]:
    """Queue `side`'s orders for this turn with `policy`; return the decisions.

    Policies: `passive`, `random`, `doctrine` (the scenario's insurgency doctrine, or for
    the junta the `historical` policy), `planner` (the junta that searches, with
    `planner_budget` rollouts a turn) and the junta policies by name.
    """
    if policy in POLICIES:
        orders = POLICIES[policy](state, side)
        return [Decision(side, o, Phrase(N_("{order}: chosen at random among the legal "
                                            "orders."), order=str(o)),
                         priority=policy, odds=order_odds(state, o)) for o in orders]
    scenario = state.scenario
    if side == "junta" and policy == "planner":
        return play_planner(state, planner_budget)
    if side == "insurgency":
        return play_doctrine(state, side, insurgency_doctrine(scenario), difficulty,
                             response=junta_doctrine(scenario, "historical"))
    name = "historical" if policy == "doctrine" else policy
    return play_doctrine(state, side, junta_doctrine(scenario, name), "standard")


def insurgency_turn(state: GameState, difficulty: str = "standard") -> list[Decision]:
    return play_side(state, "insurgency", "doctrine", difficulty)


def rationales(decisions: list[Decision]) -> dict[tuple[str, str], str]:
    """The map `Game.end_turn` and `resolve_turn` take to attach sentences to events.

    Events are read by both sides, so they carry the public sentence: the reasoning
    without the numbers the deciding side keeps hidden. The full sentences stay in the
    decisions (`simulate --explain`, the debrief).
    """
    return {(d.side, str(d.order)): d.public or d.sentence for d in decisions}
