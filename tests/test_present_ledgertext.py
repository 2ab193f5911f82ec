"""How the interfaces read the ledger (wargame.present.ledgertext): per track, a headline
from the value before to the value after, causes largest first that sum to the change, the
same words and source merged, small causes folded only when there are two or more."""

from __future__ import annotations

from functools import cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wargame.engine import Scenario
from wargame.engine.game import Game
from wargame.engine.ledger import Entry
from wargame.present.ledgertext import Cause, fold, groups, track_values, turn_groups
from wargame.scenario.load import load_scenario
from wargame.scenario.shipped import shipped_scenarios


@cache
def main_scenario() -> Scenario:
    return load_scenario(next(p for p in shipped_scenarios()
                              if p.stem == "bamako-blockade-2025"))


def entry(delta: int, cause: str = "x", track: str = "cohesion") -> Entry:
    return Entry(1, track, None, delta, "army", "rule", cause, {}, None, None,
                 "004_d40ffa60bce7b676.txt")


def test_fold_keeps_large_causes_and_folds_two_or_more_small_ones() -> None:
    causes = [Cause("a", -20, ""), Cause("b", 10, ""), Cause("c", -1, ""), Cause("d", 1, "")]
    shown, folded = fold(causes)
    assert [c.text for c in shown] == ["a", "b"] and [c.text for c in folded] == ["c", "d"]
    # A single small cause is shown, never folded alone.
    shown, folded = fold(causes[:3])
    assert len(shown) == 3 and folded == ()


def test_headline_merges_and_sorts() -> None:
    ledger = [entry(-3, "garrison lost"), entry(-3, "garrison lost"), entry(1, "pay"),
              entry(-10, "shock")]
    (group,) = groups(ledger, {("cohesion", None): 40})
    assert group.headline() == "Army cohesion 55 → 40"
    assert [(c.text, c.delta, c.count) for c in group.causes + group.folded] == [
        ("shock", -10, 1), ("garrison lost", -6, 2), ("pay", 1, 1)]
    assert all(c.source == "004" for c in group.causes)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10**6), turns=st.integers(1, 8))
def test_groups_sum_to_every_change_the_side_sees(seed: int, turns: int) -> None:
    game = Game.new(main_scenario(), seed)
    for _ in range(turns):
        before = track_values(game.state)
        game.end_turn()
        after = track_values(game.state)
        for side in ("junta", "insurgency"):
            for g in turn_groups(game.records[-1].ledger, game.state, side):
                assert sum(c.delta for c in g.causes + g.folded) == g.change
                assert (g.before, g.after) == (before[(g.track, g.region)],
                                               after[(g.track, g.region)])
                if side == "junta":
                    assert g.track not in ("insurgent_funds", "fighters")
