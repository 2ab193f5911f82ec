"""A hypothesis state machine playing random legal orders for both sides, checking the
engine's invariants at every step."""

from __future__ import annotations

from typing import ClassVar

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from wargame.engine import (
    GameState,
    IllegalOrder,
    Order,
    OrderSyntaxError,
    Scenario,
    legal_orders,
    new_game,
    observe,
    queue_order,
    resolve_turn,
    unqueue_last,
)

LOSS_EVENTS = {"raid", "ambush", "relieve", "siege", "escort_losses", "strike"}


class RandomGame(RuleBasedStateMachine):
    scenario: ClassVar[Scenario]

    def __init__(self) -> None:
        super().__init__()
        self.state: GameState = new_game(self.scenario, 0)

    @initialize(seed=st.integers(0, 2**32))
    def start(self, seed: int) -> None:
        self.state = new_game(self.scenario, seed)

    def _give(self, side: str, data: st.DataObject) -> None:
        legal = legal_orders(self.state, side)  # type: ignore[arg-type]
        if legal:
            queue_order(self.state, side, data.draw(st.sampled_from(legal)))  # type: ignore[arg-type]

    @precondition(lambda self: not self.state.over)
    @rule(data=st.data())
    def junta_order(self, data: st.DataObject) -> None:
        self._give("junta", data)

    @precondition(lambda self: not self.state.over)
    @rule(data=st.data())
    def insurgency_order(self, data: st.DataObject) -> None:
        self._give("insurgency", data)

    @rule(text=st.text(max_size=30), side=st.sampled_from(["junta", "insurgency"]))
    def rejected_order_changes_nothing(self, text: str, side: str) -> None:
        digest = self.state.digest()
        try:
            order = Order.parse(text)
            queue_order(self.state, side, order)  # type: ignore[arg-type]
        except (OrderSyntaxError, IllegalOrder):
            assert self.state.digest() == digest
        else:
            unqueue_last(self.state, side)  # type: ignore[arg-type]
            assert self.state.digest() == digest

    @rule(side=st.sampled_from(["junta", "insurgency"]))
    def undo(self, side: str) -> None:
        unqueue_last(self.state, side)  # type: ignore[arg-type]

    @precondition(lambda self: not self.state.over)
    @rule()
    def end_turn(self) -> None:
        companies = sum(self.state.garrison.values())
        result = resolve_turn(self.state)
        after = sum(self.state.garrison.values())
        replaced = sum(1 for e in result.events if e.kind == "replacements")
        # companies only come from recorded replacements, and only go in recorded losses
        assert after <= companies + replaced * self.scenario.spec.sides.junta.reserve_replacements
        if after < companies:
            assert any(e.kind in LOSS_EVENTS for e in result.events)

    @invariant()
    def stocks_never_negative(self) -> None:
        s = self.state
        assert s.fuel_stock >= 0 and s.funds >= 0 and s.weapons >= 0 and s.helicopters >= 0
        assert all(v >= 0 for v in s.garrison.values())
        assert all(v >= 0 for v in s.fighters.values())
        assert all(v >= 0 for v in s.fighter_estimate.values())

    @invariant()
    def bounded_tracks(self) -> None:
        s = self.state
        for table in (s.support_junta, s.support_insurgency, s.grievance, s.intel):
            assert all(0 <= v <= 100 for v in table.values())
        assert 0 <= s.cohesion <= 100 and 0 <= s.isolation <= 100

    @invariant()
    def clones_are_independent(self) -> None:
        digest = self.state.digest()
        copy = self.state.clone()
        copy.fighters[next(iter(copy.fighters))] += 7
        copy.pending["junta"].append(Order("ration"))
        copy.flags["coup"] = True
        assert self.state.digest() == digest
        assert copy.clone().digest() == copy.digest()

    @invariant()
    def junta_view_leaks_nothing(self) -> None:
        view = observe(self.state, "junta")
        assert view.funds is None and view.weapons is None
        assert view.fighters == self.state.fighter_estimate
        assert view.queued == tuple(self.state.pending["junta"])


def test_random_games_keep_the_invariants(main_scenario: Scenario) -> None:
    RandomGame.scenario = main_scenario
    run_state_machine_as_test(RandomGame, settings=settings(
        max_examples=40, stateful_step_count=50, deadline=None))
