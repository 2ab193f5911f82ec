"""Headless games between policies, and the machine-readable result of `simulate --json`."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from ..engine import GameState, Scenario, new_game, resolve_turn
from ..engine.resolve import TurnResult
from .policies import POLICIES, Policy


@dataclass
class GameRecord:
    seed: int
    outcome: str
    turns_played: int
    history: list[dict[str, Any]]
    decisions: int

    def to_dict(self) -> dict[str, Any]:
        return {"seed": self.seed, "outcome": self.outcome, "turns_played": self.turns_played,
                "decisions": self.decisions, "history": self.history}


def turn_entry(state: GameState, result: TurnResult) -> dict[str, Any]:
    """One line of a game's history: the tracks after a turn resolved."""
    scenario = state.scenario
    return {
        "turn": result.turn,
        "date": scenario.turn_start(result.turn).isoformat(),
        "bamako_fuel_days": state.fuel_days,
        "fuel_price_index": state.fuel_price,
        "tankers_destroyed": state.tankers_destroyed,
        "junta_support": dict(sorted(state.support_junta.items())),
        "insurgent_support": dict(sorted(state.support_insurgency.items())),
        "cohesion": state.cohesion,
        "treasury": state.treasury,
        "attacks": dict(sorted(result.attacks.items())),
        "towns_held": sorted(state.towns_held),
    }


def play_game(scenario: Scenario, seed: int, junta: Policy, insurgency: Policy) -> GameRecord:
    state = new_game(scenario, seed)
    history: list[dict[str, Any]] = []
    decisions = 0
    while not state.over:
        decisions += len(junta(state, "junta"))
        decisions += len(insurgency(state, "insurgency"))
        result = resolve_turn(state)
        history.append(turn_entry(state, result))
    return GameRecord(seed, state.outcome or "", len(history), history, decisions)


def simulate(scenario: Scenario, games: int, seed: int, junta: str = "random",
             insurgency: str = "random") -> dict[str, Any]:
    records = [play_game(scenario, seed + i, POLICIES[junta], POLICIES[insurgency])
               for i in range(games)]
    counts = Counter(r.outcome for r in records)
    return {
        "scenario": scenario.id,
        "junta_policy": junta,
        "insurgency_policy": insurgency,
        "games": [r.to_dict() for r in records],
        "summary": {"games": games, "outcomes": dict(sorted(counts.items()))},
    }
