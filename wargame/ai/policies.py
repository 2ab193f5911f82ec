"""Simple policies for headless play: `passive` gives no orders, `random` picks uniformly
among the legal orders until its command capacity or money runs out."""

from __future__ import annotations

from collections.abc import Callable

from ..engine import GameState, Order, Side, check_order, legal_orders, queue_order
from ..engine.legality import candidate_orders, capacity, capacity_used
from ..engine.rng import Stream, derive_state

Policy = Callable[[GameState, Side], list[Order]]


def policy_stream(state: GameState, side: Side, name: str) -> Stream:
    return Stream(derive_state(state.seed, state.turn, side, name))


def passive(state: GameState, side: Side) -> list[Order]:
    return []


def random_policy(state: GameState, side: Side) -> list[Order]:
    """Queue uniformly random legal orders until none is left; return them.

    Rejection sampling over the scenario's fixed candidate list is uniform over the legal
    ones and avoids enumerating every legal order for each pick; when many draws in a row
    are illegal it falls back to the full list (and stops when that is empty).
    """
    stream = policy_stream(state, side, "random")
    candidates = candidate_orders(state.scenario, side)
    chosen: list[Order] = []
    while candidates and capacity_used(state, side) < capacity(state, side):
        order = None
        for _ in range(32):
            pick = candidates[stream.below(len(candidates))]
            if check_order(state, side, pick) is None:
                order = pick
                break
        if order is None:
            legal = legal_orders(state, side)
            if not legal:
                break
            order = legal[stream.below(len(legal))]
        queue_order(state, side, order)
        chosen.append(order)
    return chosen


POLICIES: dict[str, Policy] = {"passive": passive, "random": random_policy}
