"""Helpers shared by the engine tests (imported by module name; tests/engine has no
__init__.py, so pytest puts this folder on sys.path)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from wargame.engine import (
    Event,
    GameState,
    Order,
    Scenario,
    TurnResult,
    new_game,
    queue_order,
    resolve_turn,
)


def quiet_copy(scenario: Scenario) -> Scenario:
    """The scenario without scripted events or non-player actors, so that a turn shows only
    the effect of the orders given plus the deterministic upkeep."""
    spec = scenario.spec
    sides = spec.sides.model_copy(update={"actors": []})
    return Scenario.from_spec(spec.model_copy(update={"events": [], "sides": sides}))


def assert_chance_events_sound(events: Iterable[Event]) -> None:
    """Every event that reports a chance reports all of it, and the roll decides it."""
    for e in events:
        parts = (e.odds, e.roll, e.success)
        if all(p is None for p in parts):
            continue
        assert None not in parts, f"incomplete chance event: {e}"
        assert e.odds is not None and e.roll is not None
        assert 0 <= e.odds <= 100, e
        assert 1 <= e.roll <= 100, e
        assert e.success == (e.roll <= e.odds), e


def play(state: GameState, junta: Sequence[str] = (),
         insurgency: Sequence[str] = ()) -> TurnResult:
    """Queue the orders (legally) and resolve the turn."""
    for text in junta:
        queue_order(state, "junta", Order.parse(text))
    for text in insurgency:
        queue_order(state, "insurgency", Order.parse(text))
    result = resolve_turn(state)
    assert_chance_events_sound(result.events)
    return result


def of_kind(result: TurnResult, kind: str, order: str | None = None) -> list[Event]:
    return [e for e in result.events
            if e.kind == kind and (order is None or e.order == order)]


def one(result: TurnResult, kind: str, order: str | None = None) -> Event:
    found = of_kind(result, kind, order)
    assert len(found) == 1, f"expected one '{kind}' event, got {found}"
    return found[0]


Setup = Callable[[GameState], None]


def no_setup(state: GameState) -> None:
    return None


def paired(scenario: Scenario, seed: int, setup: Setup, junta: Sequence[str] = (),
           insurgency: Sequence[str] = ()) -> tuple[GameState, GameState, TurnResult, GameState]:
    """Play one turn with the orders and, from the same start, one without them (control).

    Returns (state before, state after the orders, its result, control state after)."""
    before = new_game(scenario, seed)
    setup(before)
    acted, control = before.clone(), before.clone()
    result = play(acted, junta, insurgency)
    play(control)
    return before, acted, result, control


Outcome = tuple[GameState, GameState, TurnResult, GameState, Event]


def outcomes(scenario: Scenario, setup: Setup, junta: Sequence[str], insurgency: Sequence[str],
             kind: str, order: str, seeds: Iterable[int] = range(200)) -> dict[bool, Outcome]:
    """Play the orders over seeds until the chance event (`kind`, caused by `order`) has both
    succeeded and failed. Returns {success: (before, after, result, control after, event)}."""
    found: dict[bool, Outcome] = {}
    for seed in seeds:
        before, acted, result, control = paired(scenario, seed, setup, junta, insurgency)
        event = one(result, kind, order)
        assert event.success is not None, f"'{kind}' carries no roll: {event}"
        found.setdefault(event.success, (before, acted, result, control, event))
        if len(found) == 2:
            return found
    raise AssertionError(f"'{order}' never produced both outcomes: {sorted(found)}")


def contrast(scenario: Scenario, seed: int, setup: Setup, junta: Sequence[str] = (),
             insurgency: Sequence[str] = ()) -> tuple[GameState, TurnResult, GameState]:
    """Play one turn from a start changed by `setup` and one from the unchanged start.

    Returns (state after, with the change; its result; state after, without it)."""
    changed, plain = new_game(scenario, seed), new_game(scenario, seed)
    setup(changed)
    result = play(changed, junta, insurgency)
    play(plain, junta, insurgency)
    return changed, result, plain
