"""A hypothesis state machine that plays the main scenario with random legal orders for both
sides, tries illegal ones, undoes and ends turns, checking the engine's invariants at every
step."""

from __future__ import annotations

import re
from typing import ClassVar

from engine_helpers import assert_chance_events_sound
from hypothesis import HealthCheck, settings
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
    SIDES,
    Event,
    GameState,
    IllegalOrder,
    Order,
    OrderSyntaxError,
    Scenario,
    check_order,
    legal_orders,
    new_game,
    observe,
    queue_order,
    resolve_turn,
    unqueue_last,
)
from wargame.engine.legality import candidate_orders

WORDS = ["ambush", "escort", "raid", "siege", "move", "ration", "bamako", "kayes", "dakar",
         "heavy", "light", "nowhere", "didieni-kolokani", "kita", "mopti", "x"]


def companies_lost_bound(scenario: Scenario, events: list[Event]) -> int:
    """The most companies the turn's visible loss events can account for."""
    ins = scenario.order_specs["insurgency"]
    jun = scenario.order_specs["junta"]
    raid_loss = getattr(ins.get("raid"), "garrison_losses", 0)
    relieve_loss = getattr(jun.get("relieve"), "losses", 0)
    attrition = scenario.spec.rules.insurgency.siege_attrition
    bound = 0
    for e in events:
        if e.kind == "raid" and e.success:
            bound += raid_loss
        elif e.kind == "relieve" and e.success is False:
            bound += relieve_loss
        elif e.kind == "escort_losses" and e.success:
            bound += 1
        elif e.kind == "ambush" and e.success and "patrol" in e.text:
            bound += 1  # an ambush with no convoy to hit fights the patrol on the road
        elif e.kind == "siege" and e.success and " lost " in e.text:
            bound += attrition  # a besieged garrison's attrition is rolled
    return bound


def replacements_added(events: list[Event]) -> int:
    added = 0
    for e in events:
        if e.kind == "replacements":
            match = re.match(r"(\d+) compan", e.text)
            assert match, e.text
            added += int(match.group(1))
    return added


class Blockade(RuleBasedStateMachine):
    scenario: ClassVar[Scenario]

    def __init__(self) -> None:
        super().__init__()
        self.state: GameState = new_game(self.scenario, 0)
        self.turns_played = 0

    @initialize(seed=st.integers(0, 2**31))
    def start(self, seed: int) -> None:
        self.state = new_game(self.scenario, seed)

    # ------------------------------------------------------------------ rules
    def _give(self, side: str, data: st.DataObject) -> None:
        legal = legal_orders(self.state, side)  # type: ignore[arg-type]
        if not legal:
            return
        order = data.draw(st.sampled_from(legal), label=f"{side} order")
        queued = len(self.state.pending[side])
        queue_order(self.state, side, order)  # type: ignore[arg-type]
        assert self.state.pending[side][-1] == order
        assert len(self.state.pending[side]) == queued + 1

    @precondition(lambda self: not self.state.over)
    @rule(data=st.data())
    def junta_order(self, data: st.DataObject) -> None:
        self._give("junta", data)

    @precondition(lambda self: not self.state.over)
    @rule(data=st.data())
    def insurgency_order(self, data: st.DataObject) -> None:
        self._give("insurgency", data)

    @rule(side=st.sampled_from(SIDES), data=st.data())
    def try_any_order(self, side: str, data: st.DataObject) -> None:
        """Random text or an order of either side: rejected ones leave the state as it was."""
        other = "insurgency" if side == "junta" else "junta"
        pool = candidate_orders(self.scenario, side) + candidate_orders(self.scenario, other)  # type: ignore[arg-type]
        text = data.draw(st.one_of(
            st.sampled_from([str(o) for o in pool]),
            st.lists(st.sampled_from(WORDS), min_size=0, max_size=3).map(" ".join),
            st.text(max_size=20),
        ), label="text")
        digest = self.state.digest()
        queued = list(self.state.pending[side])
        try:
            order = Order.parse(text)
        except OrderSyntaxError:
            assert self.state.digest() == digest
            return
        reason = check_order(self.state, side, order)  # type: ignore[arg-type]
        try:
            queue_order(self.state, side, order)  # type: ignore[arg-type]
        except IllegalOrder as exc:
            assert reason is not None and reason in str(exc)
            assert self.state.digest() == digest
            assert self.state.pending[side] == queued
        else:
            assert reason is None
            assert unqueue_last(self.state, side) == order  # type: ignore[arg-type]
            assert self.state.digest() == digest

    @rule(side=st.sampled_from(SIDES))
    def undo(self, side: str) -> None:
        queued = list(self.state.pending[side])
        taken = unqueue_last(self.state, side)  # type: ignore[arg-type]
        assert taken == (queued[-1] if queued else None)
        assert self.state.pending[side] == queued[:-1]

    @precondition(lambda self: not self.state.over)
    @rule()
    def end_turn(self) -> None:
        s = self.state
        before = s.clone()
        total_before = sum(s.garrison.values())
        queued = {side: [str(o) for o in s.pending[side]] for side in SIDES}
        result = resolve_turn(s)
        assert result.turn == before.turn and s.turn == before.turn + 1
        assert result.orders == queued
        assert s.pending == {"junta": [], "insurgency": []}
        assert all(e.turn == before.turn for e in result.events)
        assert_chance_events_sound(result.events)
        # No order vanishes: every order given is reported by at least one event.
        reported = {e.order for e in result.events}
        for side in SIDES:
            for text in queued[side]:
                assert text in reported, (side, text)
        # No order creates companies: the army grows only by recorded replacements, and
        # shrinks only by losses the turn's events report.
        total_after = sum(s.garrison.values())
        expected = total_before + replacements_added(result.events)
        assert total_after <= expected
        lost = expected - total_after
        assert lost <= companies_lost_bound(self.scenario, result.events), (lost, result.events)
        assert s.garrisons_lost >= before.garrisons_lost
        assert s.tankers_destroyed >= before.tankers_destroyed
        assert s.drivers_kidnapped >= before.drivers_kidnapped
        assert (result.outcome is not None) == s.over
        if s.over:
            assert any(e.kind == "game_over" for e in result.events)
        self.turns_played += 1

    # ------------------------------------------------------------------ invariants
    @invariant()
    def no_negative_stocks(self) -> None:
        s = self.state
        assert s.fuel_stock >= 0 and s.funds >= 0 and s.weapons >= 0
        assert s.helicopters >= 0 and s.africa_corps >= 0
        assert s.fuel_price >= 100
        assert all(v >= 0 for v in s.garrison.values()), s.garrison
        assert all(v >= 0 for v in s.fighters.values()), s.fighters
        assert all(v >= 0 for v in s.fighter_estimate.values())
        assert all(v >= 0 for v in s.rivals.values())
        for timers in (s.route_damage, s.checkpoints, s.blockades, s.site_damage):
            assert all(v > 0 for v in timers.values()), timers

    @invariant()
    def bounded_tracks(self) -> None:
        s = self.state
        assert 0 <= s.cohesion <= 100 and 0 <= s.isolation <= 100
        for table in (s.support_junta, s.support_insurgency, s.grievance, s.intel):
            assert set(table) == set(self.scenario.regions)
            assert all(0 <= v <= 100 for v in table.values()), table

    @invariant()
    def clones_are_independent(self) -> None:
        s = self.state
        digest = s.digest()
        copy = s.clone()
        assert copy.digest() == digest
        copy.fuel_stock += 1
        copy.garrison["bamako"] += 1
        copy.fighters["kayes"] += 1
        copy.support_junta["bamako"] = 0
        copy.flags["coup"] = not copy.flags.get("coup", False)
        copy.checkpoints["bamako-kati"] = 9
        copy.fear["dakar"] = (9, 9)
        copy.fired_events["x"] = 1
        copy.pending["junta"].append(Order("ration"))
        copy.carried_orders.append(("junta", "ration", "x"))
        copy.randbelow(10)
        assert s.digest() == digest
        assert copy.digest() != digest

    @invariant()
    def junta_view_hides_the_insurgency(self) -> None:
        s = self.state
        view = observe(s, "junta")
        assert view.funds is None and view.weapons is None
        assert view.fighters == s.fighter_estimate
        assert view.queued == tuple(s.pending["junta"])
        other = observe(s, "insurgency")
        assert other.queued == tuple(s.pending["insurgency"])
        assert other.fighters == s.fighters

    @invariant()
    def capacity_is_respected(self) -> None:
        s = self.state
        sides = self.scenario.spec.sides
        for side, cap in (("junta", sides.junta.command_capacity),
                          ("insurgency", sides.insurgency.command_capacity)):
            specs = self.scenario.order_specs["junta" if side == "junta" else "insurgency"]
            used = sum(specs[o.kind].capacity for o in s.pending[side])
            assert used <= cap
            assert len(set(s.pending[side])) == len(s.pending[side])

    @rule(side=st.sampled_from(SIDES))
    def legal_orders_are_exactly_the_accepted_ones(self, side: str) -> None:
        """(A rule rather than an invariant: checking every candidate is slow.)"""
        legal = legal_orders(self.state, side)  # type: ignore[arg-type]
        accepted = [o for o in candidate_orders(self.scenario, side)  # type: ignore[arg-type]
                    if check_order(self.state, side, o) is None]  # type: ignore[arg-type]
        assert legal == accepted

    @invariant()
    def over_means_no_orders(self) -> None:
        if self.state.over:
            assert legal_orders(self.state, "junta") == []
            assert legal_orders(self.state, "insurgency") == []


def test_random_play_keeps_the_invariants(scenario: Scenario) -> None:
    Blockade.scenario = scenario
    run_state_machine_as_test(
        Blockade,
        settings=settings(max_examples=30, stateful_step_count=40, deadline=None,
                          database=None,
                          suppress_health_check=[HealthCheck.too_slow]),
    )


def test_loss_accounting_sees_the_loss_events(scenario: Scenario) -> None:
    """The conservation invariant is not vacuous: in a long random game companies are lost,
    and each turn's losses are covered by its events."""
    from wargame.ai.policies import random_policy

    lost_total = 0
    for seed in range(3):
        state = new_game(scenario, seed)
        while not state.over:
            random_policy(state, "junta")
            random_policy(state, "insurgency")
            total = sum(state.garrison.values())
            result = resolve_turn(state)
            lost = total + replacements_added(result.events) - sum(state.garrison.values())
            assert 0 <= lost <= companies_lost_bound(scenario, result.events)
            lost_total += lost
    assert lost_total > 0
