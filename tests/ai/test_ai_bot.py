"""The doctrine bot: legal, explained, fair (fog of war), deterministic, data-driven."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    rule,
    run_state_machine_as_test,
)

from wargame.ai.bots import play_side, rationales
from wargame.ai.builtin import insurgency_doctrine
from wargame.ai.simulate import play_game, simulate
from wargame.cli import main
from wargame.engine import (
    GameState,
    Scenario,
    check_order,
    legal_orders,
    new_game,
    order_odds,
    queue_order,
    resolve_turn,
)
from wargame.engine.legality import capacity
from wargame.scenario.load import check_bytes, load_scenario

MAIN = Path(__file__).resolve().parents[2] / "scenarios" / "bamako-blockade-2025.yaml"


@pytest.fixture(scope="module")
def scen() -> Scenario:
    return load_scenario(MAIN)


def advance(state: GameState, turns: int) -> None:
    for _ in range(turns):
        if state.over:
            return
        play_side(state, "junta", "historical")
        play_side(state, "insurgency", "doctrine")
        resolve_turn(state)


@pytest.mark.parametrize("difficulty", ["novice", "standard", "expert"])
def test_bot_orders_are_legal_and_fill_its_capacity(scen: Scenario, difficulty: str) -> None:
    for seed in range(8):
        state = new_game(scen, seed)
        while not state.over:
            play_side(state, "junta", "defensive")
            decisions = play_side(state, "insurgency", "doctrine", difficulty)
            # every decision was queued through the engine's legality check, in order
            assert [d.order for d in decisions] == state.pending["insurgency"]
            limit = capacity(state, "insurgency") - (1 if difficulty == "novice" else 0)
            assert sum(state.scenario.order_specs["insurgency"][d.order.kind].capacity
                       for d in decisions) <= limit
            resolve_turn(state)


def test_novice_stays_under_its_limit_with_an_order_of_capacity_two() -> None:
    """In the west the insurgency's strike takes two units of its four: a novice that has
    used two (its limit is three) must not queue a strike and use all four, or it plays
    the standard's turn exactly (it did so in three turns out of four)."""
    west = load_scenario(MAIN.parent / "western-offensive-2025.yaml")
    specs = west.order_specs["insurgency"]
    assert specs["strike"].capacity == 2
    for seed in range(1, 6):
        state = new_game(west, seed)
        while not state.over:
            decisions = play_side(state, "insurgency", "doctrine", "novice")
            assert sum(specs[d.order.kind].capacity for d in decisions) \
                <= capacity(state, "insurgency") - 1
            resolve_turn(state)


def test_the_doctrine_cuts_a_corridor_road_only_where_an_escort_outmatches_its_cells(
        scen: Scenario) -> None:
    """004: "They destroy roads and bridges". Where the last escort on a corridor was at
    least the cells near one of its roads, the doctrine cuts that road (once a turn);
    where its cells outnumber every escort it ambushes instead and cuts nothing."""
    def sabotages(escorts: dict[str, int]) -> list[str]:
        state = new_game(scen, 4)
        advance(state, 2)
        state.fighters["koulikoro"] = 250
        state.last_escorts = escorts
        play_side(state, "insurgency", "doctrine")
        return [str(o) for o in state.pending["insurgency"] if o.kind == "sabotage"]
    cut = sabotages({"dakar": 3})
    assert len(cut) == 1
    route = cut[0].split()[1]
    assert scen.routes[route].corridor == "dakar"
    assert "koulikoro" in scen.route_regions[route]   # the cells the escort outmatches
    assert sabotages({}) == []
    assert sabotages({"dakar": 1}) == []


def test_rationale_matches_the_chosen_order(scen: Scenario) -> None:
    state = new_game(scen, 21)
    advance(state, 3)
    probe = state.clone()
    decisions = play_side(state, "insurgency", "doctrine")
    assert decisions
    doctrine = insurgency_doctrine(scen)
    ids = {p.id: p for p in doctrine.priorities}
    for d in decisions:
        assert d.priority in ids
        assert ids[d.priority].order == d.order.kind
        before = None
        for step in d.steps:
            if before is not None:
                assert step.before == before
            if not step.skipped:
                assert 0 < step.after <= step.before
                before = step.after
            if step.kept:
                assert str(d.order) in step.kept or not step.kept
        assert ids[d.priority].title in d.sentence
        assert d.sentence.endswith(".")
    # the odds quoted are the odds the engine computes for the first decision, before it
    first = decisions[0]
    assert first.odds == order_odds(probe, first.order)
    if first.odds is not None:
        assert f"{first.odds}%" in first.sentence


def _poison(state: GameState) -> None:
    """Change everything the insurgency must not see (the junta's private numbers)."""
    state.treasury = -999
    state.cohesion = 1
    state.fighter_estimate = {r: 12345 for r in state.fighter_estimate}
    state.intel = {r: 99 for r in state.intel}
    state.rng = 42
    state.pending["junta"] = []


@pytest.mark.parametrize("difficulty", ["standard", "expert"])
def test_bot_cannot_see_hidden_junta_information(scen: Scenario, difficulty: str) -> None:
    for seed in (2, 9):
        state = new_game(scen, seed)
        advance(state, 4)
        play_side(state, "junta", "historical")
        clean, poisoned = state.clone(), state.clone()
        _poison(poisoned)
        poisoned.pending["junta"] = list(state.pending["junta"])[::-1][:1]
        chosen = [d.order for d in play_side(clean, "insurgency", "doctrine", difficulty)]
        seen = [d.order for d in play_side(poisoned, "insurgency", "doctrine", difficulty)]
        assert chosen == seen


def test_two_hundred_bot_games_against_policies(scen: Scenario) -> None:
    policies = ["passive", "random", "historical", "defensive", "aggressive"]
    outcomes = set()
    for seed in range(200):
        record = play_game(scen, 1000 + seed, policies[seed % 5], "doctrine",
                           ["novice", "standard"][seed % 2])
        assert 1 <= record.turns_played <= scen.turns
        outcomes.add(record.outcome)
    assert outcomes <= {"regime_collapse", "capital_falls", "junta_holds", "protracted_crisis"}


def test_results_identical_for_one_and_two_jobs(scen: Scenario) -> None:
    one = simulate(scen, MAIN, 6, 40, junta="historical", jobs=1, explain=True)
    two = simulate(scen, MAIN, 6, 40, junta="historical", jobs=2, explain=True)
    assert json.dumps(one, sort_keys=True) == json.dumps(two, sort_keys=True)


def test_expert_explains_its_lookahead(scen: Scenario) -> None:
    looked = []
    state = new_game(scen, 1)
    for _ in range(6):   # ties come as the game goes (turn 3 of this seed has two)
        play_side(state, "junta", "historical")
        looked += [d for d in play_side(state, "insurgency", "doctrine", "expert")
                   if "lookahead" in d.extra]
        resolve_turn(state)
    assert looked, "expert should compare tied targets by playing them out"
    for d in looked:
        rows = d.extra["lookahead"]
        scores = [row["score"] for row in rows]
        assert scores == sorted(scores, reverse=True)
        assert str(d.order) == rows[0]["order"]          # the best by the endings
        # Only targets the doctrine's filters ranked equal, of the priority it chose.
        assert {row["order"] for row in rows} <= set(d.extra["ties"])
        assert d.extra["doctrine_choice"] in d.extra["ties"]
        assert "Expert lookahead" in d.sentence


def test_the_expert_plays_its_doctrine_and_only_chooses_among_equals(
        scen: Scenario) -> None:
    """The expert gives the standard player's orders, priority for priority, until it
    looks ahead among targets the doctrine ranks equal (where the standard player rolls
    a die): then it gives one of those equals."""
    state = new_game(scen, 1)
    looked = 0
    for _ in range(6):
        play_side(state, "junta", "historical")
        standard = state.clone()
        made = play_side(state, "insurgency", "doctrine", "expert")
        plain = play_side(standard, "insurgency", "doctrine", "standard")
        for e, p in zip(made, plain, strict=False):
            assert e.priority == p.priority
            if "lookahead" in e.extra:
                assert str(e.order) in e.extra["ties"] and str(p.order) in e.extra["ties"]
                looked += 1
                break
            assert str(e.order) == str(p.order)
        resolve_turn(state)
    assert looked


def test_doctrine_is_data(tmp_path: Path) -> None:
    """Changing the doctrine section in YAML changes the AI; no Python involved."""
    text = MAIN.read_text(encoding="utf-8")
    start = text.index("    priorities:\n", text.index("\ndoctrine:"))
    end = text.index("\nevents:")
    only_propaganda = ("    priorities:\n      - id: talk\n        title: \"Only talk\"\n"
                       "        order: propaganda\n        max_per_turn: 4  # est: test\n"
                       "        filters:\n          - {filter: most_grievance}\n")
    report = check_bytes((text[:start] + only_propaganda + text[end:]).encode(), "x.yaml")
    assert report.scenario is not None, report.lines()
    state = new_game(report.scenario, 1)
    decisions = play_side(state, "insurgency", "doctrine")
    assert [d.order.kind for d in decisions] == ["propaganda"] * len(decisions)
    assert decisions[0].order.args == ("mopti",)  # the most grievance at the start
    assert all(d.priority == "talk" for d in decisions)


def test_rationales_travel_with_the_events(scen: Scenario) -> None:
    state = new_game(scen, 8)
    made = play_side(state, "insurgency", "doctrine")
    result = resolve_turn(state, rationales(made))
    explained = [e for e in result.events if e.side == "insurgency" and e.rationale]
    assert explained
    assert all("Priority:" in (e.rationale or "") for e in explained)


def test_simulate_explain_prints_rationale_for_one_game(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["simulate", "bamako-blockade-2025", "--games", "1", "--seed", "2",
                 "--junta", "historical", "--explain", "--jobs", "1"]) == 0
    out = capsys.readouterr().out
    assert "turn 1 insurgency: " in out and "Priority:" in out
    assert "outcome" in out and "95% CI" in out


def test_simulate_json_adds_decisions_and_rationales(tmp_path: Path) -> None:
    target = tmp_path / "r.json"
    assert main(["simulate", "bamako-blockade-2025", "--games", "2", "--seed", "3",
                 "--junta", "defensive", "--explain", "--jobs", "1", "--json",
                 str(target)]) == 0
    data = json.loads(target.read_text(encoding="utf-8"))
    for game in data["games"]:
        assert game["decisions"] == len(game["rationales"])
        assert all({"turn", "side", "order", "sentence"} <= set(r) for r in game["rationales"])
    shares = data["summary"]["outcome_shares"]
    assert sum(v["games"] for v in shares.values()) == 2
    for row in shares.values():
        low, high = row["ci95"]
        assert 0 <= low <= row["share"] <= high <= 1


class BotAgainstRandomJunta(RuleBasedStateMachine):
    """Random junta orders and whole bot turns interleaved; the bot's orders always legal."""

    scenario: Scenario

    def __init__(self) -> None:
        super().__init__()
        self.state: GameState | None = None

    @initialize(seed=st.integers(0, 10_000), difficulty=st.sampled_from(["novice", "standard"]))
    def start(self, seed: int, difficulty: str) -> None:
        self.state = new_game(BotAgainstRandomJunta.scenario, seed)
        self.difficulty = difficulty

    @rule(data=st.data())
    def junta_orders_then_bot_turn(self, data: st.DataObject) -> None:
        assert self.state is not None
        if self.state.over:
            return
        legal = legal_orders(self.state, "junta")
        for _ in range(data.draw(st.integers(0, 3))):
            if legal:
                order = data.draw(st.sampled_from(legal))
                if check_order(self.state, "junta", order) is None:
                    queue_order(self.state, "junta", order)
        before = list(self.state.pending["insurgency"])
        decisions = play_side(self.state, "insurgency", "doctrine", self.difficulty)
        assert before + [d.order for d in decisions] == self.state.pending["insurgency"]
        resolve_turn(self.state)

    @invariant()
    def bot_never_overspends(self) -> None:
        if self.state is not None:
            assert self.state.funds >= 0


def test_bot_state_machine(scen: Scenario) -> None:
    BotAgainstRandomJunta.scenario = scen
    run_state_machine_as_test(BotAgainstRandomJunta, settings=settings(
        max_examples=15, stateful_step_count=12, deadline=None))


def test_rationales_in_events_hide_the_insurgents_numbers(scen: Scenario) -> None:
    import re

    state = new_game(scen, 8)
    made = play_side(state, "insurgency", "doctrine")
    assert any(re.search(r"\d+ of our fighters", d.sentence) for d in made)
    result = resolve_turn(state, rationales(made))
    for event in result.events:
        if event.rationale:
            assert not re.search(r"\d+ of our fighters", event.rationale)
            assert "our fighters are nearby" in event.rationale or "fighters" not in \
                event.rationale
