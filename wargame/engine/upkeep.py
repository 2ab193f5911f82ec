"""The phases after the orders: economy, society, the insurgency's upkeep, the army, intel."""

from __future__ import annotations

from .ledger import N_, NP_
from .model import Actor, CloseSchoolsOrder
from .turn import Turn, clamp


def economy(t: Turn, arrived: int, normal: int) -> None:
    """Bamako burns fuel, prices follow the stock, the treasury takes its income."""
    s = t.state
    spec = s.scenario.spec
    fuel = spec.rules.fuel
    cut = t.ration_pct
    schools = s.scenario.order_specs["junta"].get("close-schools")
    if s.flags.get("schools_closed") and isinstance(schools, CloseSchoolsOrder):
        cut += schools.use_cut_pct
    normal_week = spec.tracks.fuel_use_m3_per_day * s.scenario.days_per_turn
    planned = normal_week * (100 - min(cut, 90)) // 100   # the use the state's measures allow
    price_cut = (s.fuel_price - 100) * fuel.demand_cut_per_100_price // 100
    cut = min(cut + min(price_cut, fuel.demand_cut_cap), 90)
    need = normal_week * (100 - cut) // 100
    burned = min(need, s.fuel_stock)
    # What the city goes without, beyond what rationing and closures planned: prices that
    # keep people at home count (004: residents stay indoors, machinery idle), as does fuel
    # that is not there at all.
    t.shortfall_pct = (planned - burned) * 100 // planned if planned else 0
    fuel_src = fuel.sources[0] if fuel.sources else None
    t.fuel(-burned, "consumption", N_("Bamako's use this week ({cut}% below normal)") if cut
           else N_("Bamako's use this week"), fuel_src, {"cut": cut})
    days = s.fuel_days
    target = 100 + max(0, fuel.comfort_days - days) * fuel.price_per_missing_day
    if s.fuel_stock == 0:
        target = fuel.price_cap
    target = min(target, fuel.price_cap)
    t.fuel_price(max(100, (s.fuel_price + target + 1) // 2), "price",
                 N_("prices follow the stock: {days} days of supply left"), fuel_src,
                 {"days": days})
    short = need - burned
    t.unmet_pct = short * 100 // need if need else 0
    # Four whole sentences rather than clauses glued together: each translates as a whole.
    if cut and short:
        used = N_("Bamako used {burned} m³ of fuel ({cut}% less than normal: prices, "
                  "rationing, closures) and lacked {short} m³; {days} days of supply left; "
                  "fuel price index {price}.")
    elif cut:
        used = N_("Bamako used {burned} m³ of fuel ({cut}% less than normal: prices, "
                  "rationing, closures); {days} days of supply left; fuel price index {price}.")
    elif short:
        used = N_("Bamako used {burned} m³ of fuel and lacked {short} m³; {days} days of "
                  "supply left; fuel price index {price}.")
    else:
        used = N_("Bamako used {burned} m³ of fuel; {days} days of supply left; fuel price "
                  "index {price}.")
    t.emit("fuel", used, source=fuel.sources[0] if fuel.sources else None,
           params={"burned": burned, "cut": cut, "short": short, "days": days,
                   "price": s.fuel_price})
    cuts_before = s.flags.get("power_cuts", False)
    s.flags["power_cuts"] = days < fuel.power_cut_days and short > 0
    if s.flags["power_cuts"] != cuts_before:
        t.emit("power", N_("Power cuts spread across Bamako as fuel for generation ran short.")
               if s.flags["power_cuts"] else N_("Power supply in Bamako stabilised."),
               source=fuel.sources[0] if fuel.sources else None)
    sites = [town for town, turns in sorted(s.site_damage.items()) if turns > 0]
    traffic = arrived * 100 // normal if normal else 100
    non_gold, gold = _treasury(t, traffic, sites, burned * 100 // normal_week)
    t.emit("treasury", N_("Treasury: +{income} income (traffic at {traffic}% of normal, "
                          "{sites} economic sites idle), -{spending} spending; balance "
                          "{treasury} billion CFA.") if sites else
           N_("Treasury: +{income} income (traffic at {traffic}% of normal), -{spending} "
              "spending; balance {treasury} billion CFA."), visible_to="junta",
           params={"income": non_gold + gold, "traffic": traffic, "sites": len(sites),
                   "spending": spec.tracks.spending, "treasury": s.treasury})


def _treasury(t: Turn, traffic: int, sites: list[str], sold_pct: int) -> tuple[int, int]:
    """The week's income and spending, recorded part by part so that a student sees what
    the blockade costs the state: customs lost with the traffic, fuel taxes lost with the
    fuel not sold, revenue lost to isolation, gold lost with idle sites, and the state's own
    fuel bill rising with the price. Returns (non-gold income, gold income)."""
    s = t.state
    spec = s.scenario.spec
    tracks, economy = spec.tracks, spec.rules.economy
    src = economy.sources[0] if economy.sources else None
    customs = tracks.income_customs * traffic // 100
    base = customs + tracks.income_other
    non_gold = base * (100 - s.isolation * economy.isolation_income_cut_pct // 100) // 100
    gold = tracks.income_gold * max(0, 100 - len(sites) * economy.site_income_share_pct) // 100
    t.treasury(tracks.income_customs, "customs", N_("customs duties at normal traffic"), src)
    t.treasury(customs - tracks.income_customs, "customs_lost",
               N_("customs lost: traffic at {traffic}% of normal"), src, {"traffic": traffic})
    t.treasury(tracks.income_other, "other_income", N_("taxes and other revenue"), src)
    t.treasury(non_gold - base, "isolation_income",
               N_("revenue lost to isolation (isolation {isolation})"), src,
               {"isolation": s.isolation})
    t.treasury(tracks.income_gold, "gold", N_("gold revenue"), src)
    t.treasury(gold - tracks.income_gold, "gold_lost",
               NP_("gold revenue lost: {sites} economic site idle",
                   "gold revenue lost: {sites} economic sites idle", "sites"), src,
               {"sites": len(sites)})
    t.treasury(-tracks.spending, "spending", N_("wages and upkeep of the state"), src)
    fuel_tax = tracks.income_fuel_tax * sold_pct // 100
    t.treasury(tracks.income_fuel_tax, "fuel_tax", N_("fuel taxes at normal sales"), src)
    t.treasury(fuel_tax - tracks.income_fuel_tax, "fuel_tax_lost",
               N_("fuel taxes lost: {sold}% of normal sales"), src, {"sold": sold_pct})
    t.treasury(-tracks.fuel_spending * s.fuel_price // 100, "fuel_bill",
               N_("the state's own fuel at price index {price}"), src, {"price": s.fuel_price})
    return non_gold + fuel_tax, gold


def society(t: Turn) -> None:
    """Support drifts with shortages, grievance, security and the insurgency's own rules."""
    s = t.state
    rules = s.scenario.spec.rules
    fuel, sup = rules.fuel, rules.support
    fsrc = fuel.sources[0] if fuel.sources else None
    ssrc = sup.sources[0] if sup.sources else None
    capital = t.capital_region()
    hardship = t.shortfall_pct - fuel.shortage_allowance_pct
    if s.fuel_days < fuel.shortage_days and hardship >= fuel.shortage_step_pct:
        # One loss per full step of normal use the city goes without beyond what it can
        # absorb (queues, the black market, parked motorbikes), so that every convoy that
        # gets through counts.
        t.support(capital, "junta",
                  -fuel.shortage_support_loss * (hardship // fuel.shortage_step_pct),
                  "fuel_shortage", N_("fuel shortage: the city went without {short}% of its "
                                      "normal use"), fsrc, {"short": t.shortfall_pct})
    if s.fuel_days < fuel.shortage_days:
        # 000: fuel shortages are widespread across central and southern Mali, not only in
        # the capital.
        for region in fuel.shortage_regions:
            t.support(region, "junta", -fuel.regional_shortage_support_loss,
                      "regional_shortage", N_("fuel shortages in {region}"), fsrc,
                      {"region": region})
    if s.flags.get("power_cuts"):
        t.support(capital, "junta", -fuel.power_cut_support_loss, "power_cuts",
                  N_("power cuts"), fsrc)
    if s.fuel_days < fuel.shortage_days and t.junta_idle:
        t.support(capital, "junta", -sup.inaction_support_loss, "inaction",
                  N_("residents asked for government action and saw none"), ssrc)
    if s.fuel_days >= fuel.comfort_days:
        t.support(capital, "junta", fuel.recovery_support_gain, "fuel_recovery",
                  N_("fuel in stock again"), fsrc)
    schools = s.scenario.order_specs["junta"].get("close-schools")
    if s.flags.get("schools_closed") and isinstance(schools, CloseSchoolsOrder):
        t.support(capital, "junta", -schools.support_loss, "schools_closed",
                  N_("schools and universities closed"),
                  schools.sources[0] if schools.sources else None)
    jnim_rules = s.flags.get("travel_restrictions") or s.flags.get("dress_rules")
    besieged_regions = {s.scenario.towns[town].region for town, status
                        in s.town_status.items() if status == "besieged"}
    isrc = rules.insurgency.sources[0] if rules.insurgency.sources else None
    for region in sorted(s.scenario.regions):
        here = {"region": region}
        drift = (s.grievance[region] - sup.grievance_pivot) // sup.grievance_divisor
        if drift > 0 and s.fighters[region] > 0 or drift < 0:
            t.support(region, "insurgency", drift, "grievance",
                      N_("grievance in {region}") if drift > 0
                      else N_("little grievance in {region}"), ssrc, here)
        if drift > 0:
            t.support(region, "junta", -(drift // 2), "grievance", N_("grievance in {region}"),
                      ssrc, here)
        towns = s.scenario.region_towns[region]
        # Security brings support, but not in a capital queuing for fuel.
        if (s.fighters[region] <= sup.few_fighters
                and not (region == capital and s.fuel_days < fuel.shortage_days)
                and all(s.town_status[x] == "government" for x in towns)):
            t.support(region, "junta", sup.security_gain, "security",
                      N_("security in {region}: its towns held, few fighters"), ssrc, here)
        if region in besieged_regions:
            t.support(region, "junta", -rules.insurgency.besieged_support_loss, "siege",
                      N_("a town under siege in {region}"), isrc, here)
        if jnim_rules and s.fighters[region] > 0:
            t.support(region, "insurgency", -sup.jnim_rules_support_loss, "jnim_rules",
                      N_("JNIM's travel and dress rules in {region}"), ssrc, here)
    unrest_before = s.flags.get("mass_unrest", False)
    s.flags["mass_unrest"] = s.support_junta[capital] <= sup.unrest_support
    if s.flags["mass_unrest"] and not unrest_before:
        t.emit("unrest", N_("Protests over shortages spread in Bamako; residents demanded "
                            "government action."),
               source=sup.sources[0] if sup.sources else None)


def insurgency(t: Turn) -> None:
    """Upkeep and desertion, recruitment from grievance, rival clashes, sieges, timers."""
    s = t.state
    spec = s.scenario.spec
    ins = spec.rules.insurgency
    src = ins.sources[0] if ins.sources else None
    base = s.total_fighters * ins.upkeep_per_100_fighters // 100
    upkeep = base
    if s.flags.get("rural_fuel_ban"):
        upkeep = upkeep * (100 + ins.fuel_ban_upkeep_pct) // 100
    blockades = [c for c, turns in sorted(s.blockades.items()) if turns > 0]
    held = getattr(s.scenario.order_specs["insurgency"].get("blockade"), "upkeep_per_turn", 0)
    unpaid = upkeep + held * len(blockades) > s.funds
    t.funds(-base, "upkeep", N_("upkeep of {fighters} fighters"), src,
            {"fighters": s.total_fighters})
    t.funds(base - upkeep, "fuel_ban_upkeep", N_("dearer fuel under the rural fuel ban"), src)
    for corridor in blockades:
        t.funds(-held, "blockade_upkeep", N_("fighters holding the blockade of the {corridor}"),
                src, {"corridor": corridor})
    if unpaid:
        lost = 0
        for region in sorted(s.fighters):
            gone = s.fighters[region] * ins.desertion_pct // 100
            lost -= t.add_fighters(region, -gone, "desertion",
                                   N_("unpaid fighters left the insurgency"), src)
        t.emit("desertion", N_("Unpaid, {lost} fighters left the insurgency."),
               visible_to="insurgency", source=src, params={"lost": lost})
    pivot = spec.rules.support.grievance_pivot
    for region in sorted(s.fighters):
        if s.fighters[region] > 0 and s.grievance[region] > pivot:
            t.add_fighters(region, (s.grievance[region] - pivot) // 10 * ins.grievance_recruits,
                           "grievance_recruits", N_("grievance in {region} brought recruits"),
                           src, {"region": region})
    _rival_clashes(t)
    _sieges(t)
    for timers in (s.checkpoints, s.blockades, s.route_damage, s.site_damage):
        for key in sorted(timers):
            timers[key] -= 1
            if timers[key] <= 0:
                del timers[key]
    fade = spec.rules.fuel.fear_fade_pct
    for key in sorted(s.fear):
        turns, pct = s.fear[key]
        pct = pct * (100 - fade) // 100
        if turns <= 1 or pct <= 0:
            del s.fear[key]
        else:
            s.fear[key] = (turns - 1, pct)


def actor_regions(t: Turn, actor: Actor, candidates: list[str]) -> list[str]:
    """The regions an actor acts in this turn, chosen by its small doctrine."""
    s = t.state
    doctrine = actor.doctrine
    if doctrine is None:
        return sorted(candidates)
    metric = {
        "most_insurgent_fighters": lambda r: s.fighters[r],
        "fewest_insurgent_fighters": lambda r: -s.fighters[r],
        "most_grievance": lambda r: s.grievance[r],
        "most_rival_fighters": lambda r: s.rivals.get(f"{actor.id}:{r}", 0),
    }
    chosen: list[str] = []
    pool = sorted(candidates)
    while pool and len(chosen) < doctrine.actions_per_turn:
        kept = pool
        for preference in doctrine.prefer:
            best = max(metric[preference](r) for r in kept)
            kept = [r for r in kept if metric[preference](r) == best]
        pick = kept[s.randbelow(len(kept))] if len(kept) > 1 else kept[0]
        chosen.append(pick)
        pool.remove(pick)
    return chosen


def _rival_clashes(t: Turn) -> None:
    s = t.state
    for actor in s.scenario.spec.sides.actors:
        if actor.kind != "rival_insurgency":
            continue
        present = [r for r in actor.regions
                   if s.rivals.get(f"{actor.id}:{r}", 0) > 0 and s.fighters[r] > 0]
        for region in actor_regions(t, actor, present):
            key = f"{actor.id}:{region}"
            clash, roll, odds = t.chance(actor.clash_odds)
            if clash:
                lost = t.kill_fighters(region, actor.clash_losses, "rival_clash",
                                       N_("clashes with the {force} in {region}"),
                                       actor.sources[0] if actor.sources else None,
                                       {"force": actor.name, "region": region})
                s.rivals[key] = max(0, s.rivals[key] - actor.clash_losses // 2)
                text = N_("Local sources reported clashes between JNIM and the {force} in "
                          "{region} ({lost} JNIM fighters lost).")
            else:
                lost = 0
                text = N_("No clashes between JNIM and the {force} reported in {region}.")
            t.emit("rival", text, side=actor.id, odds=odds, roll=roll, success=clash,
                   source=actor.sources[0] if actor.sources else None,
                   params={"force": actor.name, "region": region, "lost": lost})


def _sieges(t: Turn) -> None:
    s = t.state
    ins = s.scenario.spec.rules.insurgency
    siege_spec = s.scenario.order_specs["insurgency"].get("siege")
    min_fighters = getattr(siege_spec, "min_fighters", 0)
    src = ins.sources[0] if ins.sources else None
    for town_id in sorted(s.siege_turns):
        if s.town_status[town_id] != "besieged":
            del s.siege_turns[town_id]
            continue
        town = s.scenario.towns[town_id]
        s.siege_turns[town_id] += 1
        if s.fighters[town.region] < min_fighters:
            s.town_status[town_id] = "contested"
            del s.siege_turns[town_id]
            t.emit("siege", N_("The siege of {town} loosened as fighters left the area."),
                   source=src, params={"town": town.id})
            continue
        if (s.garrison[town_id] > 0 and s.fighters[town.region]
                >= ins.siege_fighters_per_company * s.garrison[town_id]):
            hit, roll, odds = t.chance(ins.siege_attrition_odds)
            lost = t.lose_companies(town_id, ins.siege_attrition) if hit else 0
            t.emit("siege", NP_("The besieged garrison of {town} lost {companies} company to "
                                "hunger, desertion and sorties.",
                                "The besieged garrison of {town} lost {companies} companies to "
                                "hunger, desertion and sorties.", "companies") if lost
                   else N_("The besieged garrison of {town} held out this week."),
                   odds=odds, roll=roll, success=hit, source=src,
                   params={"town": town.id, "companies": lost})
        if s.garrison[town_id] == 0 and s.siege_turns[town_id] >= ins.siege_fall_turns:
            s.town_status[town_id] = "insurgent"
            del s.siege_turns[town_id]
            t.emit("town_lost", N_("JNIM took control of {town} after a siege of {turns}+ "
                                   "turns, according to local sources."), source=src,
                   params={"town": town.id, "turns": ins.siege_fall_turns})


def recover_towns(t: Turn) -> None:
    """A contested town held by a garrison long enough, unraided, returns to government
    control: the way back from "contested", and its cost is the companies tied up there."""
    s = t.state
    ins = s.scenario.spec.rules.insurgency
    if not ins.recover_companies:
        return
    src = ins.sources[0] if ins.sources else None
    for town_id in sorted(s.town_status):
        if s.town_status[town_id] != "contested":
            s.secure_turns.pop(town_id, None)
            continue
        if s.garrison[town_id] < ins.recover_companies or town_id in t.raided:
            s.secure_turns.pop(town_id, None)
            continue
        patrolled = any(t.patrols.get(r) for r in s.scenario.town_routes[town_id])
        s.secure_turns[town_id] = s.secure_turns.get(town_id, 0) + (2 if patrolled else 1)
        if s.secure_turns[town_id] >= ins.recover_turns:
            del s.secure_turns[town_id]
            s.town_status[town_id] = "government"
            t.emit("town_secured", N_("The army re-established control of {town}; the town "
                                      "is no longer contested."), side="junta", source=src,
                   params={"town": town_id})


def timers(t: Turn) -> None:
    """Flags that clear by themselves (schools reopen after their closure)."""
    s = t.state
    for flag in sorted(s.flag_timers):
        s.flag_timers[flag] -= 1
        if s.flag_timers[flag] <= 0:
            del s.flag_timers[flag]
            s.flags[flag] = False
            t.emit("flag_cleared", N_("Schools closed: no longer in force.")
                   if flag == "schools_closed" else
                   f"{flag.replace('_', ' ').capitalize()}: no longer in force.")


def replacements(t: Turn) -> None:
    """New recruits and recalled soldiers refill the reserve while the state can pay."""
    s = t.state
    junta = s.scenario.spec.sides.junta
    start = sum(u.strength for u in junta.units if u.town == junta.reserve_town)
    room = start - s.garrison[junta.reserve_town]
    if s.treasury >= 0 and room > 0 and junta.reserve_replacements:
        added = min(room, junta.reserve_replacements)
        s.garrison[junta.reserve_town] += added
        t.emit("replacements", NP_("{companies} company of recruits joined the reserve.",
                                   "{companies} companies of recruits joined the reserve.",
                                   "companies"), side="junta", visible_to="junta",
               params={"companies": added})


def army(t: Turn) -> None:
    """Cohesion moves with pay, losses and Bamako's mood; below a threshold, a coup may come."""
    s = t.state
    rules = s.scenario.spec.rules.cohesion
    src = rules.sources[0] if rules.sources else None
    capital = t.capital_region()
    strained = False
    if s.treasury < 0:
        t.cohesion(-rules.unpaid, "unpaid", N_("pay delayed: the treasury is in deficit"), src)
        strained = True
    if s.support_junta[capital] < rules.low_support_threshold:
        t.cohesion(-rules.low_support, "low_support",
                   N_("support in the capital under {threshold}%"), src,
                   {"threshold": rules.low_support_threshold})
        strained = True
    if not strained:
        # Losses have their own cost (garrisons, escorts); a paid army with the capital
        # behind it recovers whatever else the week brought.
        t.cohesion(rules.recovery, "recovery", N_("a week with pay and the capital's support"),
                   src)
    if s.cohesion < rules.coup_threshold and not s.flags.get("coup"):
        # No odds floor here: the risk grows from nothing as cohesion falls past the
        # threshold, rather than jumping to the floor at the first point below it.
        odds = (rules.coup_threshold - s.cohesion) * rules.coup_odds_per_point
        coup, roll, odds = t.chance(odds, floor=False)
        if coup:
            s.flags["coup"] = True
        t.emit("coup_check", N_("Officers moved against the junta: a coup is under way.")
               if coup else N_("Army cohesion is low ({cohesion}); rumours of a coup plot "
                               "circulate."), odds=odds, roll=roll, success=coup, source=src,
               params={"cohesion": s.cohesion})


def intelligence(t: Turn) -> None:
    """The junta's estimate of fighters per region, noisier where intelligence is poor."""
    s = t.state
    fog = s.scenario.spec.fog
    # 004: with political parties banned, the intelligence services track opponents rather
    # than the insurgency, in every region.
    diverted = fog.parties_banned_error_pct if s.flags.get("parties_banned") else 0
    for region in sorted(s.fighters):
        error = fog.estimate_error_pct_at_zero_intel * (100 - s.intel[region]) // 100 + diverted
        noise = s.randbelow(2 * error + 1) - error
        estimate = max(0, s.fighters[region] * (100 + noise) // 100)
        if s.intel[region] < 50 and s.fighters[region] < fog.min_detected_fighters:
            estimate = 0
        s.fighter_estimate[region] = clamp(estimate // 10 * 10, 0, 10**9)
