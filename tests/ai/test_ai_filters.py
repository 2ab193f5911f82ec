"""Each doctrine filter narrows candidates as documented, reading only the side's view."""

from __future__ import annotations

from pathlib import Path

import pytest

from wargame.ai.filters import Context, apply_filter, distances, target_corridor
from wargame.engine import GameState, Order, Scenario, new_game, observe, order_odds
from wargame.engine.model import BestFilter, ChoiceFilter, MaxFilter, MinFilter, YesNoFilter
from wargame.scenario.load import load_scenario

MAIN = Path(__file__).resolve().parents[2] / "scenarios" / "bamako-blockade-2025.yaml"


@pytest.fixture(scope="module")
def scen() -> Scenario:
    return load_scenario(MAIN)


@pytest.fixture
def st(scen: Scenario) -> GameState:
    return new_game(scen, 3)


def ctx_for(state: GameState, side: str = "insurgency") -> Context:
    return Context(observe(state, side), state.scenario,  # type: ignore[arg-type]
                   lambda o: order_odds(state, o))


def orders(*texts: str) -> list[Order]:
    return [Order.parse(t) for t in texts]


def test_on_corridor_and_off_corridor(st: GameState) -> None:
    cands = orders("ambush didieni-kolokani", "ambush segou-markala")
    ctx = ctx_for(st)
    assert apply_filter(YesNoFilter(filter="on_corridor"), cands, ctx) == cands[:1]
    assert apply_filter(YesNoFilter(filter="off_corridor"), cands, ctx) == cands[1:]


def test_most_tankers_keeps_the_busiest_corridor(st: GameState) -> None:
    cands = orders("blockade dakar", "blockade abidjan", "blockade conakry")
    kept = apply_filter(BestFilter(filter="most_tankers"), cands, ctx_for(st))
    assert kept == [Order("blockade", ("dakar",))]


def test_nearest_and_farthest_from_capital(st: GameState, scen: Scenario) -> None:
    cands = orders("raid kati", "raid kayes")
    assert distances(scen)["kati"] < distances(scen)["kayes"]
    ctx = ctx_for(st)
    assert apply_filter(BestFilter(filter="nearest_to_capital"), cands, ctx) == cands[:1]
    assert apply_filter(BestFilter(filter="farthest_from_capital"), cands, ctx) == cands[1:]


def test_escort_weaker_than_cells_uses_last_seen_escort(st: GameState) -> None:
    cands = orders("ambush didieni-kolokani")
    st.fighters["koulikoro"] = 250
    st.last_escorts = {"dakar": 3}
    assert apply_filter(YesNoFilter(filter="escort_weaker_than_cells"), cands,
                        ctx_for(st)) == []
    st.last_escorts = {"dakar": 2}
    assert apply_filter(YesNoFilter(filter="escort_weaker_than_cells"), cands,
                        ctx_for(st)) == cands


def test_escort_outmatches_cells_is_the_other_side_of_an_escort_seen(st: GameState) -> None:
    """It keeps a corridor road whose last escort was at least the cells nearby, and
    never one with no escort seen or off the corridors (nothing to outmatch there)."""
    cands = orders("sabotage didieni-kolokani", "sabotage segou-markala")
    test = YesNoFilter(filter="escort_outmatches_cells")
    st.fighters["koulikoro"] = 250
    st.last_escorts = {"dakar": 3}
    assert apply_filter(test, cands, ctx_for(st)) == cands[:1]
    st.last_escorts = {"dakar": 2}
    assert apply_filter(test, cands, ctx_for(st)) == []
    st.fighters["koulikoro"] = 0
    st.last_escorts = {}
    assert apply_filter(test, cands, ctx_for(st)) == []


def test_fighters_and_garrison_thresholds(st: GameState) -> None:
    st.fighters["kayes"] = 120
    st.fighters["segou"] = 500
    cands = orders("raid kita", "raid niono")
    ctx = ctx_for(st)
    assert apply_filter(MinFilter(filter="fighters_at_least", min=200), cands, ctx) == \
        cands[1:]
    st.garrison["kita"] = 1
    st.garrison["niono"] = 3
    assert apply_filter(MaxFilter(filter="garrison_at_most", max=1), cands, ctx_for(st)) == \
        cands[:1]
    assert apply_filter(BestFilter(filter="weakest_garrison"), cands, ctx_for(st)) == cands[:1]
    assert apply_filter(BestFilter(filter="strongest_garrison"), cands,
                        ctx_for(st)) == cands[1:]


def test_grievance_filters(st: GameState) -> None:
    cands = orders("propaganda mopti", "propaganda sikasso")
    ctx = ctx_for(st)
    assert apply_filter(BestFilter(filter="most_grievance"), cands, ctx) == cands[:1]
    assert apply_filter(MinFilter(filter="grievance_at_least", min=60), cands, ctx) == \
        cands[:1]


def test_not_capital_new_region_and_kinds(st: GameState) -> None:
    cands = orders("raid bamako", "raid kati", "raid sevare")
    ctx = ctx_for(st)
    assert Order("raid", ("bamako",)) not in apply_filter(YesNoFilter(filter="not_capital"),
                                                         cands, ctx)
    ctx.regions_hit = {"koulikoro"}
    kept = apply_filter(YesNoFilter(filter="new_region"), cands, ctx)
    assert Order("raid", ("kati",)) not in kept and Order("raid", ("sevare",)) in kept
    assert apply_filter(ChoiceFilter(filter="town_kind", values=["capital"]), cands, ctx) == \
        cands[:1]
    assert apply_filter(ChoiceFilter(filter="arg_is", values=["kati"]), cands, ctx) == \
        cands[1:2]


def test_status_besieged_threatened_undamaged(st: GameState) -> None:
    ctx = ctx_for(st)
    cands = orders("relieve nioro", "relieve kati")
    assert apply_filter(YesNoFilter(filter="besieged"), cands, ctx) == cands[:1]
    assert apply_filter(ChoiceFilter(filter="status_is", values=["besieged"]), cands,
                        ctx) == cands[:1]
    patrols = orders("patrol didieni-kolokani", "patrol bougouni-sikasso")
    st.blockades["dakar"] = 2
    assert apply_filter(YesNoFilter(filter="threatened_corridor"), patrols,
                        ctx_for(st)) == patrols[:1]
    st.route_damage["bougouni-sikasso"] = 1
    assert apply_filter(YesNoFilter(filter="undamaged"), patrols, ctx_for(st)) == patrols[:1]
    st.blockades.clear()
    assert apply_filter(YesNoFilter(filter="no_blockade"), patrols, ctx_for(st)) == patrols


def test_best_odds_and_odds_threshold(st: GameState) -> None:
    st.fighters["kayes"] = 900
    st.garrison["kita"] = 1
    st.garrison["kayes"] = 4
    cands = orders("raid kita", "raid kayes")
    ctx = ctx_for(st)
    assert apply_filter(BestFilter(filter="best_odds"), cands, ctx) == cands[:1]
    odds = order_odds(st, cands[0])
    assert odds is not None
    assert apply_filter(MinFilter(filter="odds_at_least", min=odds), cands, ctx) == cands[:1]


def test_support_and_population_and_fighter_filters(st: GameState) -> None:
    cands = orders("propaganda bamako", "propaganda kidal")
    ctx = ctx_for(st)
    assert apply_filter(BestFilter(filter="least_junta_support"), cands, ctx) == cands[1:]
    assert apply_filter(BestFilter(filter="most_junta_support"), cands, ctx) == cands[:1]
    assert apply_filter(BestFilter(filter="most_insurgent_support"), cands, ctx) == cands[1:]
    assert apply_filter(MaxFilter(filter="junta_support_at_most", max=20), cands, ctx) == \
        cands[1:]
    towns = orders("raid bamako", "raid kidal")
    assert apply_filter(BestFilter(filter="largest_population"), towns, ctx) == towns[:1]
    st.fighters["kidal"] = 5
    st.fighters["mopti"] = 900
    regions = orders("recruit kidal", "recruit mopti")
    assert apply_filter(BestFilter(filter="most_fighters"), regions, ctx_for(st)) == regions[1:]
    assert apply_filter(BestFilter(filter="fewest_fighters"), regions,
                        ctx_for(st)) == regions[:1]


def test_toward_capital_and_intelligence(st: GameState) -> None:
    moves = orders("move gao mopti", "move mopti gao")
    assert apply_filter(YesNoFilter(filter="toward_capital"), moves, ctx_for(st)) == moves[:1]
    strikes = orders("airstrike bamako", "airstrike kidal")
    kept = apply_filter(BestFilter(filter="most_intelligence"), strikes, ctx_for(st, "junta"))
    assert kept == strikes[:1]
    # the insurgency has no intelligence track: the filter keeps nothing (and is skipped)
    assert apply_filter(BestFilter(filter="most_intelligence"), strikes, ctx_for(st)) == []


def test_target_corridor_of_a_route(scen: Scenario) -> None:
    assert target_corridor(Order.parse("ambush kaniera-lakamane"), scen) == "dakar"
    assert target_corridor(Order.parse("ambush segou-markala"), scen) is None
