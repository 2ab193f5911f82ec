"""How each insurgency order resolves. Attacks are counted for the turn's record."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .ledger import N_, NP_
from .legality import strike_targets
from .model import (
    AmbushOrder,
    AttackSiteOrder,
    BlockadeOrder,
    CheckpointOrder,
    KidnapOrder,
    MoveOrder,
    OrderBase,
    PropagandaOrder,
    RaidOrder,
    RecruitOrder,
    SabotageOrder,
    SiegeOrder,
    StrikeOrder,
    TaxOrder,
)
from .odds import order_odds, raid_odds
from .orders import Order, Side
from .turn import Turn

SIDE: Side = "insurgency"


def _src(spec: OrderBase) -> str | None:
    return spec.sources[0] if spec.sources else None


def _count(t: Turn, kind: str) -> None:
    t.attacks[kind] = t.attacks.get(kind, 0) + 1


def _route_region(t: Turn, route: str) -> str:
    """The region along a route with the most fighters (ties by id): who bears losses."""
    regions = t.state.scenario.route_regions[route]
    return max(regions, key=lambda r: (t.state.fighters[r], r))


def ambush(t: Turn, o: Order, spec: AmbushOrder) -> None:
    # Resolved against the convoy when it passes (convoy phase); noted here.
    _count(t, "ambush")
    t.ambushes.append((o, False))


def checkpoint(t: Turn, o: Order, spec: CheckpointOrder) -> None:
    _count(t, "checkpoint")
    t.state.checkpoints[o.args[0]] = spec.turns
    t.emit("checkpoint", N_("JNIM set up a checkpoint on {route}, taxing and turning back "
                            "traffic."), side=SIDE, order=o, source=_src(spec),
           params={"route": o.args[0]})


def blockade(t: Turn, o: Order, spec: BlockadeOrder) -> None:
    _count(t, "blockade")
    corridor = t.state.scenario.corridors[o.args[0]]
    t.state.blockades[corridor.id] = spec.turns
    t.emit("blockade", N_("JNIM declared a blockade of the {corridor}; drivers were told not "
                          "to travel."), side=SIDE, order=o, source=_src(spec),
           params={"corridor": corridor.id})


def raid(t: Turn, o: Order, spec: RaidOrder, odds_cut: int = 0) -> bool:
    s = t.state
    town = s.scenario.towns[o.args[0]]
    _count(t, "raid")
    t.raided.add(town.id)
    if s.garrison[town.id] == 0:
        # The garrison left earlier this turn (a withdrawal resolves first): nothing to hit.
        t.emit("raid", N_("JNIM fighters reached the post at {town} and found it empty: the "
                          "garrison had withdrawn."), side=SIDE, order=o, source=_src(spec),
               params={"town": town.id})
        return False
    ok, roll, odds = t.chance(raid_odds(s, spec, town.id) - odds_cut)
    if ok:
        lost = t.lose_companies(town.id, spec.garrison_losses)
        s.weapons += spec.loot_weapons
        t.funds(spec.loot_funds, "raid_loot", N_("cash looted in the raid on {town}"),
                _src(spec), {"town": town.id})
        if s.garrison[town.id] == 0 and s.town_status[town.id] == "government":
            s.town_status[town.id] = "contested"
        t.emit("raid", NP_("JNIM raided the garrison of {town}: {companies} company lost; "
                           "weapons and cash were looted and the fighters withdrew.",
                           "JNIM raided the garrison of {town}: {companies} companies lost; "
                           "weapons and cash were looted and the fighters withdrew.",
                           "companies"), side=SIDE, order=o, odds=odds, roll=roll,
               success=True, source=_src(spec), params={"town": town.id, "companies": lost})
    else:
        killed = t.kill_fighters(town.region, spec.fighter_losses, "raid_repelled",
                                 N_("attackers lost when the raid on {town} was repelled"),
                                 _src(spec), {"town": town.id})
        t.emit("raid", N_("An attack on {town} was repelled; the army said {killed} attackers "
                          "were killed."), side=SIDE, order=o, odds=odds, roll=roll,
               success=False, source=_src(spec), params={"town": town.id, "killed": killed})
    return ok


def kidnap(t: Turn, o: Order, spec: KidnapOrder) -> None:
    s = t.state
    route = o.args[0]
    _count(t, "kidnap")
    ok, roll, odds = t.chance(order_odds(s, o, patrols=t.patrols) or 0)
    label = s.scenario.route_label(route)
    if ok:
        s.drivers_kidnapped += spec.drivers
        corridor = s.scenario.routes[route].corridor
        if corridor:
            spread_fear(t, corridor, spec.fear_turns, spec.fear_cut_pct)
    t.emit("kidnap", N_("{drivers} truck drivers were abducted on {route}.")
           if ok else N_("An attempt to abduct drivers on {route} failed."), side=SIDE,
           order=o, odds=odds, roll=roll, success=ok, source=_src(spec),
           params={"drivers": spec.drivers, "route": route})
    if ok:
        _release_or_ransom(t, o, spec, label)


def spread_fear(t: Turn, corridor: str, turns: int, pct: int) -> None:
    """Another abduction or burned convoy adds to the drivers' fear on a corridor: the
    departures it deters add up (to a cap) and it lasts from the latest incident."""
    cap = t.state.scenario.spec.rules.fuel.fear_cap_pct
    held_turns, held_pct = t.state.fear.get(corridor, (0, 0))
    t.state.fear[corridor] = (max(held_turns, turns), min(cap, held_pct + pct))


def _release_or_ransom(t: Turn, o: Order, spec: KidnapOrder, label: str) -> None:
    """004: the six drivers abducted on 5 September 2025 were released the next day. A
    release brings no ransom; the fear it spread on the road stays."""
    released, roll, odds = t.chance(spec.release_odds)
    if not released:
        t.funds(spec.ransom, "ransom", N_("ransom for drivers abducted on {route}"),
                _src(spec), {"route": o.args[0]})
    t.emit("kidnap_release", N_("The drivers abducted on {route} were released within days, "
                                "according to local sources.") if released else
           N_("The drivers abducted on {route} were still held; a ransom was reportedly paid."),
           side=SIDE, order=o, odds=odds, roll=roll, success=released, source=_src(spec),
           params={"route": o.args[0]})


def tax(t: Turn, o: Order, spec: TaxOrder) -> None:
    s = t.state
    region = s.scenario.regions[o.args[0]]
    # 003: JNIM taxes where the state is absent; the levy follows its support there.
    levy = (s.fighters[region.id] // 100 * spec.funds_per_100_fighters
            * s.support_insurgency[region.id] // 50)
    t.funds(levy, "tax", N_("taxes levied in {region}"), _src(spec), {"region": region.id})
    t.grievance(region.id, spec.grievance, "tax", N_("JNIM's taxation in {region}"),
                _src(spec), {"region": region.id})
    t.emit("tax", N_("JNIM levied taxes on communities in {region}."), side=SIDE, order=o,
           source=_src(spec), params={"region": region.id})
    t.emit("tax_yield", N_("Taxes in {region} raised {levy} million CFA."), side=SIDE,
           order=o, source=_src(spec), visible_to="insurgency",
           params={"region": region.id, "levy": levy})


def propaganda(t: Turn, o: Order, spec: PropagandaOrder) -> None:
    s = t.state
    region = s.scenario.regions[o.args[0]]
    ok, roll, odds = t.chance(spec.base_odds)
    if ok:
        gain = spec.support_gain + s.grievance[region.id] // 20 * spec.per_20_grievance
        if s.flags.get("power_cuts") or s.fuel_days < s.scenario.spec.rules.fuel.shortage_days:
            gain += spec.shortage_bonus
        why = {"region": region.id}
        t.support(region.id, "insurgency", gain, "propaganda",
                  N_("JNIM propaganda in {region}"), _src(spec), why)
        t.support(region.id, "junta", -spec.junta_support_loss, "propaganda",
                  N_("JNIM propaganda in {region}"), _src(spec), why)
    t.emit("propaganda", N_("JNIM propaganda in {region} exploiting grievances and shortages "
                            "found an audience.") if ok else
           N_("JNIM propaganda in {region} exploiting grievances and shortages had little "
              "effect."), side=SIDE, order=o, odds=odds, roll=roll, success=ok,
           source=_src(spec), params={"region": region.id})


def recruit(t: Turn, o: Order, spec: RecruitOrder) -> None:
    s = t.state
    region = s.scenario.regions[o.args[0]]
    ok, roll, odds = t.chance(spec.base_odds)
    joined = 0
    if ok:
        joined = spec.fighters + s.grievance[region.id] // 10 * spec.per_10_grievance
        t.add_fighters(region.id, joined, "recruitment", N_("recruits joined in {region}"),
                       _src(spec), {"region": region.id})
    t.emit("recruit", N_("Recruitment in {region}: {joined} fighters joined.") if ok else
           N_("Recruitment in {region}: few joined."), side=SIDE, order=o, odds=odds,
           roll=roll, success=ok, source=_src(spec), visible_to="insurgency",
           params={"region": region.id, "joined": joined if ok else 0})


# What an attack on an economic site reads as, by the site's kind: (it worked, it did not).
ATTACKED_SITE = {
    "mine": (N_("JNIM attacked the mine at {town}; it is out of action for {turns} turns."),
             N_("JNIM attacked the mine at {town}; guards repelled the attack.")),
    "factory": (N_("JNIM attacked the factory at {town}; it is out of action for {turns} "
                   "turns."),
                N_("JNIM attacked the factory at {town}; guards repelled the attack.")),
}


def attack_site(t: Turn, o: Order, spec: AttackSiteOrder) -> None:
    s = t.state
    town = s.scenario.towns[o.args[0]]
    _count(t, "attack-site")
    ok, roll, odds = t.chance(spec.base_odds)
    if ok:
        s.site_damage[town.id] = spec.damage_turns
        t.funds(spec.loot_funds, "site_loot", N_("loot from the attack on {town}"), _src(spec),
                {"town": town.id})
    if town.kind in ATTACKED_SITE:
        text = ATTACKED_SITE[town.kind][0 if ok else 1]
    else:   # a kind legality does not allow; kept readable all the same
        text = (f"JNIM attacked the {town.kind} at {{town}}; it is out of action for {{turns}} "
                "turns." if ok else f"JNIM attacked the {town.kind} at {{town}}; guards "
                "repelled the attack.")
    t.emit("attack_site", text, side=SIDE, order=o, odds=odds, roll=roll, success=ok,
           source=_src(spec), params={"town": town.id, "turns": spec.damage_turns})


def strike(t: Turn, o: Order, spec: StrikeOrder) -> None:
    s = t.state
    raid_spec = s.scenario.order_specs[SIDE].get("raid")
    region = s.scenario.regions[o.args[0]]
    if not isinstance(raid_spec, RaidOrder):
        t.emit("strike", "Simultaneous strikes need the raid order.", side=SIDE, order=o)
        return
    targets = strike_targets(s, region.id, spec.max_sites, spec.reach)
    regions = sorted({s.scenario.towns[x].region for x in targets})
    places = ", ".join(str(s.scenario.towns[x].name) for x in targets)
    t.emit("strike", N_("JNIM struck {count} places at the same time in {region}: {places}.")
           if regions == [region.id] else
           N_("JNIM struck {count} places at the same time in {region} and beyond ({regions} "
              "regions): {places}."), side=SIDE, order=o, source=_src(spec),
           params={"count": len(targets), "region": region.id, "regions": len(regions),
                   "places": places})
    hits = sum(raid(t, Order("raid", (town,)), raid_spec, spec.odds_cut) for town in targets)
    if hits >= 2:
        t.cohesion(-spec.cohesion_shock, "strike_shock",
                   N_("several garrisons in {region} hit at once"), _src(spec),
                   {"region": region.id})
        t.emit("strike_shock", N_("{hits} garrisons hit at once in {region} stretched the army "
                                  "thin."), side=SIDE, order=o, source=_src(spec),
               params={"hits": hits, "region": region.id})


def siege(t: Turn, o: Order, spec: SiegeOrder) -> None:
    s = t.state
    town = s.scenario.towns[o.args[0]]
    _count(t, "siege")
    ok, roll, odds = t.chance(order_odds(s, o) or 0)
    if ok:
        s.town_status[town.id] = "besieged"
        s.siege_turns[town.id] = 0
    t.emit("siege", N_("JNIM cut the roads around {town}; the town is besieged.")
           if ok else N_("JNIM failed to close the roads around {town}."), side=SIDE,
           order=o, odds=odds, roll=roll, success=ok, source=_src(spec),
           params={"town": town.id})


def sabotage(t: Turn, o: Order, spec: SabotageOrder) -> None:
    s = t.state
    route = o.args[0]
    _count(t, "sabotage")
    ok, roll, odds = t.chance(order_odds(s, o, patrols=t.patrols) or 0)
    if ok:
        s.route_damage[route] = spec.turns
    t.emit("sabotage", N_("A bridge or road section on {route} was destroyed.") if ok else
           N_("An attempt to cut {route} failed."), side=SIDE, order=o, odds=odds, roll=roll,
           success=ok, source=_src(spec), params={"route": route})


def move(t: Turn, o: Order, spec: MoveOrder) -> None:
    s = t.state
    moved = min(spec.fighters, s.fighters[o.args[0]])
    t.add_fighters(o.args[0], -moved, "move", N_("fighters moved to {region}"), _src(spec),
                   {"region": o.args[1]})
    t.add_fighters(o.args[1], moved, "move", N_("fighters arrived from {region}"), _src(spec),
                   {"region": o.args[0]})
    t.emit("move", N_("{moved} fighters moved from {region} to {to_region}."), side=SIDE,
           order=o, source=_src(spec), visible_to="insurgency",
           params={"moved": moved, "region": o.args[0], "to_region": o.args[1]})


def resolve_ambush(t: Turn, o: Order, spec: AmbushOrder, convoy_tankers: int,
                   escort: int, corridor_name: str, week_tankers: int) -> int:
    """Resolve an ambush against a passing convoy; return the tankers destroyed."""
    s = t.state
    route = o.args[0]
    # The convoy's corridor by id, so that its name is the reader's (an unknown name stays).
    convoy_corridor = next((c.id for c in s.scenario.corridors.values()
                     if str(c.name) == corridor_name), corridor_name)
    ok, roll, odds = t.chance(order_odds(s, o, escort=escort, patrols=t.patrols) or 0)
    if not ok:
        killed = t.kill_fighters(_route_region(t, route), spec.fighter_losses,
                                 "ambush_failed", N_("attackers lost in a failed ambush on "
                                                     "{route}"), _src(spec), {"route": route})
        t.emit("ambush", N_("An ambush on the {corridor} convoy at {route} failed; the army "
                            "said {killed} attackers were killed."), side=SIDE, order=o,
               odds=odds, roll=roll, success=False, source=_src(spec),
               params={"corridor": convoy_corridor, "route": route, "killed": killed})
        return 0
    destroyed = max(1, convoy_tankers * spec.destroy_pct // 100) if convoy_tankers else 0
    destroyed = min(destroyed, week_tankers)
    s.tankers_destroyed += destroyed
    s.drivers_kidnapped += spec.drivers_kidnapped
    corridor = s.scenario.routes[route].corridor
    if corridor and spec.fear_turns and destroyed:
        # Burned tankers keep other drivers at home for a while (the blockade's bite grows
        # with the violence, 000: attacks stepped up over two months).
        spread_fear(t, corridor, spec.fear_turns, spec.fear_cut_pct)
    t.funds(destroyed * spec.loot_funds_per_tanker, "ambush_loot",
            N_("fuel and goods taken in the ambush on {route}"), _src(spec), {"route": route})
    taken = spec.soldiers_taken if escort else 0
    if escort:
        s.weapons += spec.loot_weapons
    t.emit("ambush", N_("JNIM ambushed the {corridor} convoy at {route}: {destroyed} of "
                        "{tankers} tankers set on fire, {drivers} drivers abducted and {taken} "
                        "soldiers of the escort taken.") if taken else
           N_("JNIM ambushed the {corridor} convoy at {route}: {destroyed} of {tankers} tankers "
              "set on fire, {drivers} drivers abducted."),
           side=SIDE, order=o, odds=odds, roll=roll, success=True, source=_src(spec),
           params={"corridor": convoy_corridor, "route": route, "destroyed": destroyed,
                   "tankers": convoy_tankers, "drivers": spec.drivers_kidnapped,
                   "taken": taken})
    if taken:
        # 004: drivers *and soldiers* were kidnapped in these ambushes.
        s.soldiers_taken += taken
        rules = s.scenario.spec.rules.cohesion
        t.cohesion(-rules.soldiers_taken, "soldiers_taken",
                   N_("soldiers of an escort abducted on {route}"), _src(spec),
                   {"route": route})
    return destroyed


def ambush_without_convoy(t: Turn, o: Order, spec: AmbushOrder) -> None:
    s = t.state
    route = o.args[0]
    if not t.patrols.get(route):
        t.emit("ambush", N_("Fighters waited in ambush on {route}, but no convoy came."),
               side=SIDE, order=o, source=_src(spec), params={"route": route})
        return
    ok, roll, odds = t.chance(order_odds(s, o, patrols=t.patrols) or 0)
    reserve = s.scenario.spec.sides.junta.reserve_town
    if ok:
        t.lose_companies(reserve, 1)
        t.cohesion(-s.scenario.spec.rules.cohesion.escort_company_lost, "patrol_company_lost",
                   N_("a patrol company was lost in an ambush on {route}"), _src(spec),
                   {"route": route})
    else:
        t.kill_fighters(_route_region(t, route), spec.fighter_losses, "ambush_failed",
                        N_("attackers driven off by a patrol on {route}"), _src(spec),
                        {"route": route})
    t.emit("ambush", N_("An army patrol on {route} was ambushed and lost a company.") if ok
           else N_("An army patrol on {route} was ambushed; the attackers were driven off."),
           side=SIDE, order=o, odds=odds, roll=roll, success=ok, source=_src(spec),
           params={"route": route})



HANDLERS: dict[str, Callable[[Turn, Order, Any], object]] = {
    "ambush": ambush, "checkpoint": checkpoint, "blockade": blockade, "raid": raid,
    "kidnap": kidnap, "tax": tax, "propaganda": propaganda, "recruit": recruit,
    "attack-site": attack_site, "strike": strike, "siege": siege, "sabotage": sabotage,
    "move": move,
}
