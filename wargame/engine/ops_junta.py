"""How each junta order resolves. Every chance emits its odds and roll."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .ledger import N_, NP_
from .legality import companies_for
from .model import (
    AfricaCorpsOrder,
    AirstrikeOrder,
    CloseSchoolsOrder,
    CrackdownOrder,
    DialogueOrder,
    EscortOrder,
    InfoCampaignOrder,
    OrderBase,
    PatrolOrder,
    RationOrder,
    ReinforceOrder,
    RelieveOrder,
    ReopenSchoolsOrder,
    RepairOrder,
    RuralFuelBanOrder,
    WithdrawOrder,
)
from .odds import order_odds
from .orders import Order, Side
from .turn import Turn
from .upkeep import actor_regions

SIDE: Side = "junta"


def _src(spec: OrderBase) -> str | None:
    return spec.sources[0] if spec.sources else None


def escort(t: Turn, o: Order, spec: EscortOrder) -> None:
    corridor = t.state.scenario.corridors[o.args[0]]
    companies = companies_for(spec, o)
    t.escorts[corridor.id] = t.escorts.get(corridor.id, 0) + companies
    t.emit("escort", NP_("{companies} company escort the convoy on the {corridor}.",
                         "{companies} companies escort the convoy on the {corridor}.",
                         "companies"), side=SIDE, order=o, source=_src(spec),
           params={"companies": companies, "corridor": corridor.id})


def patrol(t: Turn, o: Order, spec: PatrolOrder) -> None:
    s = t.state
    route = o.args[0]
    t.patrols[route] = True
    for region in s.scenario.route_regions[route]:
        t.intel(region, spec.intel_gain)
    if s.checkpoints.get(route):
        ok, roll, odds = t.chance(spec.clear_checkpoint_odds)
        if ok:
            del s.checkpoints[route]
        t.emit("patrol", N_("Patrol on {route}: the checkpoint was cleared.") if ok else
               N_("Patrol on {route}: the checkpoint could not be cleared."), side=SIDE,
               order=o, odds=odds, roll=roll, success=ok, source=_src(spec),
               params={"route": route})
    else:
        t.emit("patrol", N_("Army patrol on {route}; intelligence in the area improves."),
               side=SIDE, order=o, source=_src(spec), params={"route": route})


def reinforce(t: Turn, o: Order, spec: ReinforceOrder) -> None:
    s = t.state
    reserve = s.scenario.spec.sides.junta.reserve_town
    moved = min(spec.companies, s.garrison[reserve])
    s.garrison[reserve] -= moved
    s.garrison[o.args[0]] += moved
    t.emit("reinforce", NP_("{companies} company sent from the reserve to {town}.",
                            "{companies} companies sent from the reserve to {town}.",
                            "companies"), side=SIDE, order=o, source=_src(spec),
           params={"companies": moved, "town": o.args[0]})


def withdraw(t: Turn, o: Order, spec: WithdrawOrder) -> None:
    s = t.state
    town = s.scenario.towns[o.args[0]]
    reserve = s.scenario.spec.sides.junta.reserve_town
    moved = s.garrison[town.id]
    s.garrison[town.id] = 0
    s.garrison[reserve] += moved
    if s.town_status[town.id] == "government":
        s.town_status[town.id] = "contested"
    t.support(town.region, "junta", -spec.support_loss, "withdrawal",
              N_("the garrison left {town}"), _src(spec), {"town": town.id})
    t.emit("withdraw", N_("The garrison of {town} ({companies} companies) withdrew to the "
                          "reserve; the town is left contested."), side=SIDE, order=o,
           source=_src(spec), params={"town": town.id, "companies": moved})


def airstrike(t: Turn, o: Order, spec: AirstrikeOrder) -> None:
    s = t.state
    region = s.scenario.regions[o.args[0]]
    ok, roll, odds = t.chance(order_odds(s, o) or 0)
    if ok:
        # The army's figure is a claim (000: "claiming they have killed dozens of militants"
        # over the whole campaign); the true losses are at most the fighters present.
        t.kill_fighters(region.id, spec.kills, "airstrike", N_("helicopter strike in {region}"),
                        _src(spec), {"region": region.id})
    text = (N_("Helicopter strike in {region}: the army said it killed {kills} militants.")
            if ok else N_("Helicopter strike in {region} found no militant target."))
    t.emit("airstrike", text, side=SIDE, order=o, odds=odds, roll=roll, success=ok,
           source=_src(spec), params={"region": region.id, "kills": spec.kills})
    harm, roll2, odds2 = t.chance(spec.civilian_harm_odds)
    if harm:
        t.grievance(region.id, spec.grievance, "civilian_harm",
                    N_("civilian casualties of the strike in {region}"), _src(spec),
                    {"region": region.id})
    t.emit("civilian_harm", N_("Local sources reported civilian casualties from the strike "
                               "in {region}.") if harm else
           N_("No civilian casualties were reported in {region}."), side=SIDE, order=o,
           odds=odds2, roll=roll2, success=harm, source=_src(spec),
           params={"region": region.id})


def partner_name(t: Turn) -> str:
    """The foreign force the order commands: the scenario's partner force (Wagner in 2023,
    the Africa Corps from June 2025)."""
    actors = t.state.scenario.spec.sides.actors
    return next((a.name for a in actors if a.kind == "partner_force"), "Africa Corps")


def africa_corps(t: Turn, o: Order, spec: AfricaCorpsOrder) -> None:
    s = t.state
    region = s.scenario.regions[o.args[0]]
    force = partner_name(t)
    ok, roll, odds = t.chance(spec.base_odds)
    if ok:
        t.kill_fighters(region.id, spec.kills, "partner_operation",
                        N_("{force} operation in {region}"), _src(spec),
                        {"force": force, "region": region.id})
    t.emit("africa_corps", N_("{force} operation in {region}: it reported {kills} militants "
                              "killed.") if ok else
           N_("{force} operation in {region}: no contact with JNIM; the fighters had moved "
              "on."), side=SIDE, order=o, odds=odds, roll=roll, success=ok, source=_src(spec),
           params={"force": force, "region": region.id, "kills": spec.kills})
    abuse, roll2, odds2 = t.chance(spec.abuse_odds)
    if abuse:
        why = {"force": force, "region": region.id}
        cause = N_("abuses by the {force} in {region}")
        t.grievance(region.id, spec.grievance, "partner_abuses", cause, _src(spec), why)
        t.support(region.id, "junta", -spec.support_loss, "partner_abuses", cause, _src(spec),
                  why)
        t.isolation(spec.isolation, "partner_abuses", cause, _src(spec), why)
        # 004: the force takes resources for itself, outside Mali's chain of command, and
        # General Dembélé, arrested in August 2025, had spoken out against its abuses: its
        # abuses strain the Malian officer corps.
        t.cohesion(-spec.cohesion_cost, "partner_tension",
                   N_("officers' anger at the {force}'s abuses"), _src(spec), why)
    t.emit("abuse", N_("Human rights groups reported abuses against civilians by the {force} "
                       "in {region}, outside Mali's chain of command.") if abuse else
           N_("No abuses were reported from the {force} operation in {region}."),
           side=SIDE, order=o, odds=odds2, roll=roll2, success=abuse, source=_src(spec),
           params={"force": force, "region": region.id})
    _beyond_orders(t, region.id)


def _beyond_orders(t: Turn, region: str) -> None:
    """A partner force may go on, on its own, into a neighbouring region (004: it operates
    outside Mali's chain of command), chosen by its doctrine, with abuses there."""
    s = t.state
    for actor in s.scenario.spec.sides.actors:
        if actor.kind != "partner_force" or not actor.beyond_orders_odds:
            continue
        acted, roll, odds = t.chance(actor.beyond_orders_odds)
        where = actor_regions(t, actor, list(s.scenario.region_neighbours[region])) if acted \
            else []
        src = actor.sources[0] if actor.sources else None
        if not where:
            # The roll decides `success` (roll <= odds) even when there is nowhere to go.
            t.emit("beyond_orders", N_("The {force} kept to its orders.") if not acted else
                   N_("The {force} found nowhere to act beyond its orders."), side=actor.id,
                   odds=odds, roll=roll, success=acted, source=src,
                   params={"force": actor.name})
            continue
        target = where[0]
        t.grievance(target, actor.beyond_orders_grievance, "beyond_orders",
                    N_("the {force} acted in {region} without orders"), src,
                    {"force": actor.name, "region": target})
        t.emit("beyond_orders", N_("The {force} went on into {region} without orders; "
                                   "residents reported abuses."), side=actor.id, odds=odds,
               roll=roll, success=True, source=src,
               params={"force": actor.name, "region": target})


def ration(t: Turn, o: Order, spec: RationOrder) -> None:
    region = t.capital_region()
    t.ration_pct += spec.use_cut_pct
    t.support(region, "junta", -spec.support_loss, "rationing", N_("fuel rationing"),
              _src(spec))
    t.emit("ration", N_("Fuel rationed in Bamako: use cut by {pct}% this turn."),
           side=SIDE, order=o, source=_src(spec), params={"pct": spec.use_cut_pct})


def rural_fuel_ban(t: Turn, o: Order, spec: RuralFuelBanOrder) -> None:
    s = t.state
    s.flags["rural_fuel_ban"] = True
    for region in sorted(s.fighters):
        if s.fighters[region] > 0:
            t.grievance(region, spec.grievance, "rural_fuel_ban",
                        N_("the ban on rural fuel sales"), _src(spec))
    t.emit("rural_fuel_ban", N_("The government banned small-scale fuel sales in rural areas "
                                "to cut the insurgency's supply."), side=SIDE, order=o,
           source=_src(spec))


def close_schools(t: Turn, o: Order, spec: CloseSchoolsOrder) -> None:
    t.state.flags["schools_closed"] = True
    t.state.flag_timers["schools_closed"] = spec.turns
    t.emit("schools", N_("Schools and universities closed to save fuel, for {turns} weeks."),
           side=SIDE, order=o, source=_src(spec), params={"turns": spec.turns})


def reopen_schools(t: Turn, o: Order, spec: ReopenSchoolsOrder) -> None:
    t.state.flags["schools_closed"] = False
    t.state.flag_timers.pop("schools_closed", None)
    t.support(t.capital_region(), "junta", spec.support_gain, "schools_reopened",
              N_("schools reopened"), _src(spec))
    t.emit("schools", N_("Schools and universities reopened."), side=SIDE, order=o,
           source=_src(spec))


def info_campaign(t: Turn, o: Order, spec: InfoCampaignOrder) -> None:
    region = t.state.scenario.regions[o.args[0]]
    ok, roll, odds = t.chance(order_odds(t.state, o) or 0)
    if ok:
        t.support(region.id, "junta", spec.support_gain, "info_campaign",
                  N_("information campaign in {region}"), _src(spec), {"region": region.id})
    t.emit("info_campaign", N_("Government information campaign in {region} was well "
                               "received.") if ok else
           N_("Government information campaign in {region} had little effect."), side=SIDE,
           order=o, odds=odds, roll=roll, success=ok, source=_src(spec),
           params={"region": region.id})


def crackdown(t: Turn, o: Order, spec: CrackdownOrder) -> None:
    region = t.state.scenario.regions[o.args[0]]
    ok, roll, odds = t.chance(spec.base_odds)
    why = {"region": region.id}
    if ok:
        t.kill_fighters(region.id, spec.kills, "crackdown", N_("arrests in {region}"),
                        _src(spec), why)
        t.support(region.id, "insurgency", -spec.insurgent_support_cut, "crackdown",
                  N_("arrests in {region}"), _src(spec), why)
    t.emit("crackdown", N_("Security operation in {region}: the authorities said they "
                           "detained {kills} suspected militants.") if ok else
           N_("Security operation in {region}: the authorities made few arrests."), side=SIDE,
           order=o, odds=odds, roll=roll, success=ok, source=_src(spec),
           params={"region": region.id, "kills": spec.kills})
    # An abuse is reported as an abuse, with its cost: rights groups documented summary
    # executions and enforced disappearances of Fulani men accused of collaborating (000).
    abuse, roll2, odds2 = t.chance(spec.abuse_odds)
    if abuse:
        cause = N_("abuses against civilians during the operation in {region}")
        t.grievance(region.id, spec.grievance, "crackdown_abuses", cause, _src(spec), why)
        t.support(region.id, "junta", -spec.support_loss, "crackdown_abuses", cause,
                  _src(spec), why)
        t.isolation(spec.isolation, "crackdown_abuses", cause, _src(spec), why)
    t.emit("abuse", N_("Residents of {region} reported arbitrary arrests, killings and "
                       "disappearances of civilians during the operation, abuses of the kind "
                       "rights groups have documented against Fulani men.") if abuse else
           N_("No abuses against civilians were reported from the operation in {region}."),
           params={"region": region.id},
           side=SIDE, order=o, odds=odds2, roll=roll2, success=abuse, source=_src(spec))


def dialogue(t: Turn, o: Order, spec: DialogueOrder) -> None:
    region = t.state.scenario.regions[o.args[0]]
    ok, roll, odds = t.chance(spec.base_odds)
    if ok:
        why = {"region": region.id}
        t.grievance(region.id, -spec.grievance_cut, "dialogue",
                    N_("local dialogue in {region}"), _src(spec), why)
        t.support(region.id, "insurgency", -spec.insurgent_support_cut, "dialogue",
                  N_("local dialogue in {region}"), _src(spec), why)
    t.emit("dialogue", N_("Local dialogue with community leaders in {region} eased "
                          "grievances.") if ok else
           N_("Local dialogue with community leaders in {region} broke down."), side=SIDE,
           order=o, odds=odds, roll=roll, success=ok, source=_src(spec),
           params={"region": region.id})


def repair(t: Turn, o: Order, spec: RepairOrder) -> None:
    s = t.state
    route = o.args[0]
    ok, roll, odds = t.chance(spec.base_odds)
    if ok:
        s.route_damage.pop(route, None)
    t.emit("repair", N_("Repairs on {route} reopened the road.") if ok else
           N_("Repairs on {route} did not finish this turn."), side=SIDE, order=o, odds=odds,
           roll=roll, success=ok, source=_src(spec), params={"route": route})


def relieve(t: Turn, o: Order, spec: RelieveOrder) -> None:
    s = t.state
    town = s.scenario.towns[o.args[0]]
    reserve = s.scenario.spec.sides.junta.reserve_town
    ok, roll, odds = t.chance(order_odds(s, o) or 0)
    sent = min(spec.companies, s.garrison[reserve])
    s.garrison[reserve] -= sent
    if ok:
        s.garrison[town.id] += sent
        s.town_status[town.id] = "government"
        s.siege_turns.pop(town.id, None)
        t.emit("relieve", N_("A relief column reached {town}; the army said the siege was "
                             "broken."), side=SIDE, order=o, odds=odds, roll=roll,
               success=True, source=_src(spec), params={"town": town.id})
    else:
        s.garrison[reserve] += sent
        lost = t.lose_companies(reserve, spec.losses)
        t.emit("relieve", NP_("The relief column to {town} was turned back ({companies} "
                              "company lost).", "The relief column to {town} was turned back "
                              "({companies} companies lost).", "companies"), side=SIDE,
               order=o, odds=odds, roll=roll, success=False, source=_src(spec),
               params={"town": town.id, "companies": lost})


HANDLERS: dict[str, Callable[[Turn, Order, Any], None]] = {
    "escort": escort, "patrol": patrol, "reinforce": reinforce, "withdraw": withdraw,
    "airstrike": airstrike, "africa-corps": africa_corps, "ration": ration,
    "rural-fuel-ban": rural_fuel_ban, "close-schools": close_schools,
    "reopen-schools": reopen_schools, "info-campaign": info_campaign, "crackdown": crackdown,
    "dialogue": dialogue, "repair": repair, "relieve": relieve,
}
