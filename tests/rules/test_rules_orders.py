"""One test per order type: each order has a visible effect on the game."""

from __future__ import annotations

from rules_helpers import both_outcomes, events_of, play

from wargame.engine import GameState, Scenario, new_game
from wargame.engine.orders import ORDER_KINDS


def nothing(state: GameState) -> None:
    pass


def test_every_order_kind_is_enabled_and_tested_here(quiet: Scenario) -> None:
    tested = {name[len("test_"):].replace("_", "-") for name in globals()
              if name.startswith("test_")}
    for kind in ORDER_KINDS:
        assert kind in quiet.order_specs[ORDER_KINDS[kind].side]
        assert kind in tested, f"no test for {kind}"
    assert sum(1 for k in ORDER_KINDS.values() if k.side == "junta") >= 10
    assert sum(1 for k in ORDER_KINDS.values() if k.side == "insurgency") >= 10


# ----------------------------------------------------------------------------- junta

def test_escort(quiet: Scenario) -> None:
    bare, escorted = new_game(quiet, 1), new_game(quiet, 1)
    ambush_bare = events_of(play(bare, [], ["ambush kaniera-lakamane"]), "ambush")[0]
    result = play(escorted, ["escort dakar heavy"], ["ambush kaniera-lakamane"])
    ambush_escorted = events_of(result, "ambush")[0]
    assert ambush_bare.odds is not None and ambush_escorted.odds is not None
    assert ambush_escorted.odds == ambush_bare.odds - 3 * 8
    convoy = [e for e in events_of(result, "convoy") if "Dakar" in e.text][0]
    assert "under an escort of 3 companies" in convoy.text


def test_patrol(quiet: Scenario) -> None:
    state = new_game(quiet, 2)
    before = state.intel["koulikoro"]
    result = play(state, ["patrol didieni-kolokani"])
    assert state.intel["koulikoro"] == before + 5
    assert events_of(result, "patrol")
    found = both_outcomes(quiet, lambda s: s.checkpoints.update({"didieni-kolokani": 3}),
                          ["patrol didieni-kolokani"], [], "patrol")
    assert "didieni-kolokani" not in found[True][1].checkpoints
    assert found[False][1].checkpoints["didieni-kolokani"] == 2


def test_reinforce(quiet: Scenario) -> None:
    state = new_game(quiet, 3)
    kita, reserve = state.garrison["kita"], state.garrison["bamako"]
    play(state, ["reinforce kita"])
    assert state.garrison["kita"] == kita + 2
    assert state.garrison["bamako"] == reserve - 2 + 1  # a company of recruits refills it


def test_withdraw(quiet: Scenario) -> None:
    state = new_game(quiet, 3)
    assert state.garrison["kita"] == 1
    support = state.support_junta["kayes"]
    play(state, ["withdraw kita"])
    assert state.garrison["kita"] == 0 and state.town_status["kita"] == "contested"
    assert state.garrison["bamako"] == 16 + 1  # the garrison joined the reserve
    assert state.support_junta["kayes"] < support


def test_airstrike(quiet: Scenario) -> None:
    found = both_outcomes(quiet, nothing, ["airstrike mopti"], [], "airstrike")
    before, after, event = found[True]
    assert after.fighters["mopti"] <= before.fighters["mopti"] - 40 + 10
    before, after, event = found[False]
    assert after.fighters["mopti"] >= before.fighters["mopti"]
    assert event.odds == 30 + 2 * 5  # base odds plus intelligence 25 in Mopti


def test_africa_corps(quiet: Scenario) -> None:
    found = both_outcomes(quiet, nothing, ["africa-corps mopti"], [], "africa_corps")
    before, after, _ = found[True]
    assert after.fighters["mopti"] <= before.fighters["mopti"] - 80 + 10
    abuses = both_outcomes(quiet, nothing, ["africa-corps segou"], [], "abuse")
    before, after, _ = abuses[True]
    assert after.grievance["segou"] >= before.grievance["segou"] + 10
    assert after.isolation >= before.isolation + 2


def test_ration(quiet: Scenario) -> None:
    plain, rationed = new_game(quiet, 4), new_game(quiet, 4)
    play(plain)
    play(rationed, ["ration"])
    assert rationed.fuel_stock == plain.fuel_stock + 14000 * 15 // 100
    assert rationed.support_junta["bamako"] < plain.support_junta["bamako"]


def test_rural_fuel_ban(quiet: Scenario) -> None:
    state = new_game(quiet, 5)
    grievance = dict(state.grievance)
    play(state, ["rural-fuel-ban"])
    assert state.flags["rural_fuel_ban"]
    assert state.grievance["kayes"] == grievance["kayes"] + 3
    assert state.grievance["bamako"] == grievance["bamako"]  # no fighters there


def test_close_schools(quiet: Scenario) -> None:
    state = new_game(quiet, 6)
    play(state, ["close-schools"])
    assert state.flags["schools_closed"]
    play(state)
    assert not state.flags["schools_closed"]  # two weeks, then they reopen by themselves


def test_reopen_schools(quiet: Scenario) -> None:
    state = new_game(quiet, 6)
    play(state, ["close-schools"])
    result = play(state, ["reopen-schools"])
    assert not state.flags["schools_closed"] and events_of(result, "schools")


def test_info_campaign(quiet: Scenario) -> None:
    found = both_outcomes(quiet, nothing, ["info-campaign kidal"], [], "info_campaign")
    assert found[True][1].support_junta["kidal"] == found[False][1].support_junta["kidal"] + 4


def test_crackdown(quiet: Scenario) -> None:
    found = both_outcomes(quiet, nothing, ["crackdown segou"], [], "crackdown")
    assert found[True][1].fighters["segou"] < found[False][1].fighters["segou"]
    assert found[True][1].support_insurgency["segou"] < \
        found[False][1].support_insurgency["segou"] + 1


def test_dialogue(quiet: Scenario) -> None:
    found = both_outcomes(quiet, nothing, ["dialogue mopti"], [], "dialogue")
    assert found[True][1].grievance["mopti"] == found[False][1].grievance["mopti"] - 8


def test_repair(quiet: Scenario) -> None:
    found = both_outcomes(quiet, lambda s: s.route_damage.update({"kati-kolokani": 3}),
                          ["repair kati-kolokani"], [], "repair")
    assert "kati-kolokani" not in found[True][1].route_damage
    assert found[False][1].route_damage["kati-kolokani"] == 2


def test_relieve(quiet: Scenario) -> None:
    found = both_outcomes(quiet, nothing, ["relieve nioro"], [], "relieve")
    assert found[True][1].town_status["nioro"] == "government"
    assert found[True][1].garrison["nioro"] == found[True][0].garrison["nioro"] + 3
    assert found[False][1].town_status["nioro"] == "besieged"


# ----------------------------------------------------------------------------- insurgency

def test_ambush(quiet: Scenario) -> None:
    found = both_outcomes(quiet, nothing, [], ["ambush kaniera-lakamane"], "ambush")
    before, after, event = found[True]
    assert after.tankers_destroyed == before.tankers_destroyed + 20  # half a 40-tanker convoy
    assert "20 of" in event.text
    before, after, _ = found[False]
    assert after.tankers_destroyed == before.tankers_destroyed
    assert after.fighters["kayes"] < before.fighters["kayes"]


def test_checkpoint(quiet: Scenario) -> None:
    state = new_game(quiet, 7)
    funds = state.funds
    result = play(state, [], ["checkpoint didieni-kolokani"])
    assert state.checkpoints["didieni-kolokani"] == 2
    turned = [e for e in events_of(result, "checkpoint") if "turned back" in e.text]
    assert turned and "19 tankers turned back" in turned[0].text
    assert state.funds > funds - 10 - 200  # the levy offsets part of the week's costs


def test_blockade(quiet: Scenario) -> None:
    open_road, blockaded = new_game(quiet, 8), new_game(quiet, 8)
    play(open_road)
    play(blockaded, [], ["blockade dakar"])
    assert blockaded.blockades["dakar"] == 3
    assert open_road.tankers_delivered - blockaded.tankers_delivered == 190 - 190 * 40 // 100


def test_raid(quiet: Scenario) -> None:
    found = both_outcomes(quiet, nothing, [], ["raid kita"], "raid")
    before, after, _ = found[True]
    assert after.garrison["kita"] == 0 and after.town_status["kita"] == "contested"
    assert after.weapons == before.weapons + 20
    assert after.garrisons_lost == found[False][1].garrisons_lost + 1
    before, after, _ = found[False]
    assert after.garrison["kita"] == 1 and after.fighters["kayes"] < before.fighters["kayes"]


def test_kidnap(quiet: Scenario) -> None:
    found = both_outcomes(quiet, nothing, [], ["kidnap diboli-kayes"], "kidnap")
    before, after, _ = found[True]
    assert after.drivers_kidnapped == before.drivers_kidnapped + 6
    assert after.fear["dakar"] == (1, 15)
    assert found[False][1].drivers_kidnapped == before.drivers_kidnapped


def test_tax(quiet: Scenario) -> None:
    plain, taxed = new_game(quiet, 9), new_game(quiet, 9)
    play(plain)
    play(taxed, [], ["tax mopti"])
    assert taxed.funds == plain.funds + 700 // 100 * 25
    assert taxed.grievance["mopti"] == plain.grievance["mopti"] + 1


def test_propaganda(quiet: Scenario) -> None:
    found = both_outcomes(quiet, nothing, [], ["propaganda mopti"], "propaganda")
    gain = 3 + 65 // 20 * 1
    assert found[True][1].support_insurgency["mopti"] == \
        found[False][1].support_insurgency["mopti"] + gain


def test_recruit(quiet: Scenario) -> None:
    found = both_outcomes(quiet, nothing, [], ["recruit mopti"], "recruit")
    assert found[True][1].fighters["mopti"] == found[False][1].fighters["mopti"] + 40 + 6 * 5
    assert found[True][2].visible_to == "insurgency"  # the junta does not read it


def test_attack_site(quiet: Scenario) -> None:
    found = both_outcomes(quiet, nothing, [], ["attack-site sadiola"], "attack_site")
    assert found[True][1].site_damage["sadiola"] == 3
    assert "sadiola" not in found[False][1].site_damage
    assert found[True][1].treasury < found[False][1].treasury  # gold income withheld


def test_strike(quiet: Scenario) -> None:
    state = new_game(quiet, 10)
    result = play(state, [], ["strike kayes"])
    assert len(events_of(result, "strike")) >= 1
    raids = events_of(result, "raid")
    assert len(raids) == 3  # three garrisons struck at once
    assert all(e.odds is not None and e.roll is not None for e in raids)


def test_siege(quiet: Scenario) -> None:
    found = both_outcomes(quiet, nothing, [], ["siege kita"], "siege")
    assert found[True][1].town_status["kita"] == "besieged"
    assert found[False][1].town_status["kita"] == "government"


def test_sabotage(quiet: Scenario) -> None:
    found = both_outcomes(quiet, nothing, [], ["sabotage kaniera-lakamane"], "sabotage")
    before, after, _ = found[True]
    assert after.route_damage["kaniera-lakamane"] == 2
    fail_before, fail_after, _ = found[False]
    delivered_cut = after.tankers_delivered - before.tankers_delivered
    delivered_open = fail_after.tankers_delivered - fail_before.tankers_delivered
    assert delivered_cut < delivered_open  # only detours get through


def test_move(quiet: Scenario) -> None:
    state = new_game(quiet, 11)
    kayes, koulikoro = state.fighters["kayes"], state.fighters["koulikoro"]
    play(state, [], ["move kayes koulikoro"])
    assert state.fighters["kayes"] == kayes - 100
    assert state.fighters["koulikoro"] == koulikoro + 100
