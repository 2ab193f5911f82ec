"""Helpers for the rules tests."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from wargame.engine import Event, GameState, Order, Scenario, new_game, queue_order
from wargame.engine.resolve import TurnResult, resolve_turn

MAIN = Path(__file__).resolve().parents[2] / "scenarios" / "bamako-blockade-2025.yaml"


def quiet_copy(scenario: Scenario) -> Scenario:
    """The scenario without scripted events or rival actors."""
    spec = scenario.spec
    sides = spec.sides.model_copy(update={"actors": []})
    return Scenario.from_spec(spec.model_copy(update={"events": [], "sides": sides}))


def play(state: GameState, junta: Sequence[str] = (),
         insurgency: Sequence[str] = ()) -> TurnResult:
    for text in junta:
        queue_order(state, "junta", Order.parse(text))
    for text in insurgency:
        queue_order(state, "insurgency", Order.parse(text))
    return resolve_turn(state)


def events_of(result: TurnResult, kind: str) -> list[Event]:
    return [e for e in result.events if e.kind == kind]


def both_outcomes(scenario: Scenario, setup: Callable[[GameState], None],
                  junta: Sequence[str], insurgency: Sequence[str], kind: str,
                  seeds: int = 80) -> dict[bool, tuple[GameState, GameState, Event]]:
    """Play the same orders over seeds until the event `kind` both succeeds and fails;
    return {success: (state before, state after, event)}."""
    found: dict[bool, tuple[GameState, GameState, Event]] = {}
    for seed in range(seeds):
        state = new_game(scenario, seed)
        setup(state)
        before = state.clone()
        result = play(state, junta, insurgency)
        for event in events_of(result, kind):
            if event.success is not None and event.success not in found:
                found[event.success] = (before, state, event)
        if len(found) == 2:
            break
    assert set(found) == {True, False}, f"could not see both outcomes of {kind}"
    return found
