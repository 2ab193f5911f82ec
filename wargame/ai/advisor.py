"""The student's advisor: the planning junta's best order set for this turn, with its
reasons, computed on a copy of the game and never queued (the player decides).

The suggestion is recorded in the game's record (`Game.advice`) so that the save and the
debrief can show when advice was asked, what it said and whether the player followed it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..engine import GameState
from ..engine.game import Game
from ..engine.ledger import N_
from ..engine.phrase import Phrase
from .planner import DEFAULT_BUDGET, Plan, plan


@dataclass(frozen=True)
class Advice:
    turn: int
    orders: tuple[str, ...]        # text forms, to queue with the player's consent
    label: str                     # the candidate it is ("historical doctrine", ...)
    reasons: str                   # why it beat the alternatives, in a sentence
    weighed: int                   # how many order sets it compared
    plan: Plan

    def to_record(self) -> dict[str, Any]:
        return {"turn": self.turn, "orders": list(self.orders),
                "reasons": Phrase(N_("{label}: {reasons}"), label=self.label,
                                  reasons=self.reasons)}


def advise(state: GameState, budget: int = DEFAULT_BUDGET) -> Advice:
    """The planner's suggestion for the junta's whole turn, from an empty queue; `state`
    is left untouched (the player's own queue stays as it is)."""
    probe = state.clone()
    probe.pending["junta"] = []
    result = plan(probe, budget)
    chosen = result.chosen.candidate
    return Advice(state.turn, tuple(map(str, chosen.orders)), chosen.label, result.reasons,
                  len(result.weighed), result)


def record_advice(game: Game, advice: Advice) -> None:
    game.advice.append(advice.to_record())


def followed(suggested: list[str], given: list[str]) -> str:
    """How far the player's orders matched the advice: "all", "some" or "none"."""
    if not suggested:
        return "all" if not given else "none"
    same = len(set(suggested) & set(given))
    if same == len(set(suggested)) and len(set(given)) == same:
        return "all"
    return "some" if same else "none"
