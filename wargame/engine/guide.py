"""The order guide: what an order will do, derived from its parameters and the board as the
side sees it, before it is given.

`effect_summary` returns short clauses, each an English template with named placeholders
and its values (ids under `town`, `region`, `route`, `corridor` become names at the edge,
as for the ledger's causes). Where an order changes another chance, the clause gives the
odds before and after ("ambush odds on Kati–Kolokani (RN1) 72% → 38%"), computed by the
same function that rolls them, from the side's own view (the junta's estimates of the
insurgency, never the true numbers).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .ledger import N_, NP_, Params, Template, render
from .legality import companies_for, strike_targets
from .model import (
    AfricaCorpsOrder,
    AirstrikeOrder,
    AmbushOrder,
    AttackSiteOrder,
    BlockadeOrder,
    CheckpointOrder,
    CloseSchoolsOrder,
    CrackdownOrder,
    DialogueOrder,
    EscortOrder,
    InfoCampaignOrder,
    KidnapOrder,
    MoveOrder,
    OrderBase,
    PatrolOrder,
    PropagandaOrder,
    RaidOrder,
    RationOrder,
    RecruitOrder,
    ReinforceOrder,
    RelieveOrder,
    ReopenSchoolsOrder,
    RepairOrder,
    RuralFuelBanOrder,
    SabotageOrder,
    SiegeOrder,
    StrikeOrder,
    TaxOrder,
    WithdrawOrder,
)
from .odds import campaign_odds_regained, grievance_over_pivot, order_odds, raid_odds
from .orders import Order, Side
from .state import GameState
from .turn import capital_region

Clause = tuple[Template, Params]


@dataclass(frozen=True)
class Summary:
    """What an order does, as clauses; `text` joins them in English."""

    order: str
    clauses: tuple[Clause, ...] = field(default_factory=tuple)

    def text(self, names: Callable[[str, str], str] | None = None) -> str:
        return " · ".join(render(t, p, names) for t, p in self.clauses)


def _fighters(state: GameState, side: Side) -> dict[str, int]:
    """The insurgent numbers the side may use: the junta's are its estimates."""
    return state.fighter_estimate if side == "junta" else state.fighters


def _queued_patrols(state: GameState) -> dict[str, bool]:
    return {o.args[0]: True for o in state.pending["junta"] if o.kind == "patrol"}


def _queued_escorts(state: GameState) -> dict[str, int]:
    specs = state.scenario.order_specs["junta"]
    out: dict[str, int] = {}
    for o in state.pending["junta"]:
        if o.kind == "escort":
            out[o.args[0]] = out.get(o.args[0], 0) + companies_for(specs["escort"], o)
    return out


def _worst_ambush(state: GameState, side: Side, routes: tuple[str, ...], escort: int,
                  patrols: dict[str, bool]) -> tuple[str, int] | None:
    """The route of `routes` where an ambush is likeliest now, and those odds."""
    if "ambush" not in state.scenario.order_specs["insurgency"]:
        return None
    fighters = _fighters(state, side)
    best: tuple[str, int] | None = None
    for route in routes:
        odds = order_odds(state, Order("ambush", (route,)), escort=escort, patrols=patrols,
                          fighters=fighters)
        if odds is not None and (best is None or odds > best[1]):
            best = (route, odds)
    return best


def effect_summary(state: GameState, side: Side, order: Order) -> Summary:
    """What `order` would do now, in clauses (empty when the scenario does not enable it)."""
    spec = state.scenario.order_specs[side].get(order.kind)
    if spec is None:
        return Summary(str(order))
    clauses = _CLAUSES.get(type(spec), _none)(state, side, order, spec)
    return Summary(str(order), tuple(clauses))


def _none(state: GameState, side: Side, order: Order, spec: OrderBase) -> list[Clause]:
    return []


def _chance(state: GameState, side: Side, order: Order) -> int:
    odds = order_odds(state, order, fighters=_fighters(state, side),
                      patrols=_queued_patrols(state) if side == "insurgency" else None)
    return odds if odds is not None else 0


# ------------------------------------------------------------------ junta orders

def _escort(state: GameState, side: Side, o: Order, spec: EscortOrder) -> list[Clause]:
    corridor = o.args[0]
    companies = companies_for(spec, o)
    out: list[Clause] = [(NP_("{companies} company from the reserve rides with the "
                              "{corridor} convoy this turn",
                              "{companies} companies from the reserve ride with the "
                              "{corridor} convoy this turn", "companies"),
                          {"companies": companies, "corridor": corridor})]
    path = state.scenario.corridor_paths.get(corridor, ())
    patrols = _queued_patrols(state)
    already = _queued_escorts(state).get(corridor, 0)
    before = _worst_ambush(state, side, path, already, patrols)
    if before is not None:
        route, odds = before
        after = order_odds(state, Order("ambush", (route,)), escort=already + companies,
                           patrols=patrols, fighters=_fighters(state, side)) or 0
        out.append((N_("ambush odds on {route} {before}% → {after}%"),
                    {"route": route, "before": odds, "after": after}))
    if spec.blockade_warning_cut_pct:
        declared = bool(state.blockades.get(corridor))
        out.append((N_("while a blockade is declared, {pct}% of its drivers stay away from "
                       "an escorted convoy (declared now)") if declared else
                    N_("while a blockade is declared, {pct}% of its drivers stay away from "
                       "an escorted convoy"), {"pct": spec.blockade_warning_cut_pct}))
    out.append((N_("if an ambush succeeds: {odds}% risk of losing a company"),
                {"odds": spec.loss_odds}))
    return out


def _patrol(state: GameState, side: Side, o: Order, spec: PatrolOrder) -> list[Clause]:
    route = o.args[0]
    out: list[Clause] = []
    patrols = _queued_patrols(state)
    if "ambush" in state.scenario.order_specs["insurgency"]:
        corridor = state.scenario.routes[route].corridor
        escort = _queued_escorts(state).get(corridor or "", 0)
        ambush = Order("ambush", (route,))
        before = order_odds(state, ambush, escort=escort, patrols=patrols,
                            fighters=_fighters(state, side)) or 0
        after = order_odds(state, ambush, escort=escort, patrols={**patrols, route: True},
                           fighters=_fighters(state, side)) or 0
        out.append((N_("ambush odds on {route} {before}% → {after}%"),
                    {"route": route, "before": before, "after": after}))
    if state.checkpoints.get(route):
        out.append((N_("{odds}% chance to clear the checkpoint on it"),
                    {"odds": _chance(state, side, o)}))
    for region in state.scenario.route_regions[route]:
        out.append((N_("intelligence in {region} +{gain}"),
                    {"region": region, "gain": spec.intel_gain}))
    return out


def _reinforce(state: GameState, side: Side, o: Order, spec: ReinforceOrder) -> list[Clause]:
    town = o.args[0]
    now = state.garrison[town]
    out: list[Clause] = [(NP_("{companies} company from the reserve to {town}: garrison "
                              "{before} → {after}",
                              "{companies} companies from the reserve to {town}: garrison "
                              "{before} → {after}", "companies"),
                          {"companies": spec.companies, "town": town, "before": now,
                           "after": now + spec.companies})]
    raid = state.scenario.order_specs["insurgency"].get("raid")
    if isinstance(raid, RaidOrder):
        odds = raid_odds(state, raid, town)
        before = _clamped(state, odds)
        after = _clamped(state, odds - spec.companies * raid.odds_per_company)
        out.append((N_("raid odds there {before}% → {after}%"),
                    {"before": before, "after": after}))
    ins = state.scenario.spec.rules.insurgency
    if state.town_status[town] == "contested" and ins.recover_companies:
        out.append((N_("held by {companies}+ companies for {turns} quiet weeks, the town "
                       "returns to government control"),
                    {"companies": ins.recover_companies, "turns": ins.recover_turns}))
    return out


def _clamped(state: GameState, odds: int) -> int:
    rules = state.scenario.spec.rules
    return max(rules.odds_floor, min(rules.odds_ceiling, odds))


def _withdraw(state: GameState, side: Side, o: Order, spec: WithdrawOrder) -> list[Clause]:
    town = o.args[0]
    region = state.scenario.towns[town].region
    return [(NP_("the garrison of {town} ({companies} company) returns to the reserve; the "
                 "town is left contested",
                 "the garrison of {town} ({companies} companies) returns to the reserve; the "
                 "town is left contested", "companies"),
             {"town": town, "companies": state.garrison[town]}),
            (N_("junta support in {region} −{loss}"),
             {"region": region, "loss": spec.support_loss})]


def _airstrike(state: GameState, side: Side, o: Order, spec: AirstrikeOrder) -> list[Clause]:
    region = o.args[0]
    return [(N_("{odds}% chance of a hit in {region} (better with intelligence there); the "
                "army would claim {kills} militants killed"),
             {"odds": _chance(state, side, o), "region": region, "kills": spec.kills}),
            (N_("{odds}% risk of civilian casualties: grievance +{grievance}"),
             {"odds": _clamped(state, spec.civilian_harm_odds), "grievance": spec.grievance})]


def _africa_corps(state: GameState, side: Side, o: Order,
                  spec: AfricaCorpsOrder) -> list[Clause]:
    region = o.args[0]
    out: list[Clause] = [
        (N_("{odds}% chance it finds the insurgency in {region}; it would report {kills} "
            "militants killed"),
         {"odds": _clamped(state, spec.base_odds), "region": region, "kills": spec.kills}),
        (N_("{odds}% risk of abuses: grievance +{grievance}, junta support −{support}, "
            "isolation +{isolation}, cohesion −{cohesion}"),
         {"odds": _clamped(state, spec.abuse_odds), "grievance": spec.grievance,
          "support": spec.support_loss, "isolation": spec.isolation,
          "cohesion": spec.cohesion_cost}),
    ]
    for actor in state.scenario.spec.sides.actors:
        if actor.kind == "partner_force" and actor.beyond_orders_odds:
            out.append((N_("{odds}% chance it goes on into a neighbouring region without "
                           "orders (grievance +{grievance} there)"),
                        {"odds": _clamped(state, actor.beyond_orders_odds),
                         "grievance": actor.beyond_orders_grievance}))
    return out


def _ration(state: GameState, side: Side, o: Order, spec: RationOrder) -> list[Clause]:
    return [(N_("Bamako's fuel use −{pct}% this turn"), {"pct": spec.use_cut_pct}),
            (N_("junta support in {region} −{loss}"),
             {"region": capital_region(state), "loss": spec.support_loss})]


def _fuel_ban(state: GameState, side: Side, o: Order, spec: RuralFuelBanOrder) -> list[Clause]:
    ins = state.scenario.spec.rules.insurgency
    return [(N_("the insurgency's upkeep +{pct}% while the ban holds"),
             {"pct": ins.fuel_ban_upkeep_pct}),
            (N_("grievance +{grievance} in every region with insurgent fighters"),
             {"grievance": spec.grievance})]


def _close_schools(state: GameState, side: Side, o: Order,
                   spec: CloseSchoolsOrder) -> list[Clause]:
    return [(N_("Bamako's fuel use −{pct}% for {turns} weeks"),
             {"pct": spec.use_cut_pct, "turns": spec.turns}),
            (N_("junta support in {region} −{loss} each week they stay closed"),
             {"region": capital_region(state), "loss": spec.support_loss})]


def _reopen(state: GameState, side: Side, o: Order, spec: ReopenSchoolsOrder) -> list[Clause]:
    return [(N_("junta support in {region} +{gain}; fuel use back to normal"),
             {"region": capital_region(state), "gain": spec.support_gain})]


def _info(state: GameState, side: Side, o: Order, spec: InfoCampaignOrder) -> list[Clause]:
    region = o.args[0]
    out: list[Clause] = [(N_("{odds}% chance: junta support in {region} +{gain}"),
                          {"odds": _chance(state, side, o), "region": region,
                           "gain": spec.support_gain})]
    over = grievance_over_pivot(state, region)
    if over and spec.odds_cut_per_grievance:
        out.append((N_("grievance in {region} is {over} over {pivot}, where it turns against "
                       "the junta: odds −{cut} points (a local dialogue eases it)"),
                    {"region": region, "over": over,
                     "pivot": state.scenario.spec.rules.support.grievance_pivot,
                     "cut": over * spec.odds_cut_per_grievance}))
    return out


def _crackdown(state: GameState, side: Side, o: Order, spec: CrackdownOrder) -> list[Clause]:
    region = o.args[0]
    return [(N_("{odds}% chance: {kills} suspected militants detained, JNIM support in "
                "{region} −{cut}"),
             {"odds": _clamped(state, spec.base_odds), "kills": spec.kills, "region": region,
              "cut": spec.insurgent_support_cut}),
            (N_("{odds}% risk of abuses against civilians: grievance +{grievance}, junta "
                "support −{support}, isolation +{isolation}"),
             {"odds": _clamped(state, spec.abuse_odds), "grievance": spec.grievance,
              "support": spec.support_loss, "isolation": spec.isolation})]


def _dialogue(state: GameState, side: Side, o: Order, spec: DialogueOrder) -> list[Clause]:
    region = o.args[0]
    out: list[Clause] = [(N_("{odds}% chance: grievance in {region} −{cut}, JNIM support "
                             "−{cut2}"),
                          {"odds": _clamped(state, spec.base_odds), "region": region,
                           "cut": spec.grievance_cut, "cut2": spec.insurgent_support_cut})]
    regained = campaign_odds_regained(state, region)
    if regained:
        out.append((N_("on success, information campaigns in {region} +{up} points of odds"),
                    {"region": region, "up": regained}))
    return out


def _repair(state: GameState, side: Side, o: Order, spec: RepairOrder) -> list[Clause]:
    return [(N_("{odds}% chance to reopen {route} this turn"),
             {"odds": _clamped(state, spec.base_odds), "route": o.args[0]})]


def _relieve(state: GameState, side: Side, o: Order, spec: RelieveOrder) -> list[Clause]:
    return [(NP_("{odds}% chance that {companies} companies break the siege of {town} and "
                 "stay as its garrison; on failure they turn back and {losses} is lost",
                 "{odds}% chance that {companies} companies break the siege of {town} and "
                 "stay as its garrison; on failure they turn back and {losses} are lost",
                 "losses"),
             {"odds": _chance(state, side, o), "companies": spec.companies,
              "town": o.args[0], "losses": spec.losses})]


# ------------------------------------------------------------------ insurgency orders

def _ambush(state: GameState, side: Side, o: Order, spec: AmbushOrder) -> list[Clause]:
    route = o.args[0]
    corridor = state.scenario.routes[route].corridor
    out: list[Clause] = [(N_("{odds}% chance against the convoy (before any escort); "
                             "{pct}% of its tankers burned"),
                          {"odds": _chance(state, side, o), "pct": spec.destroy_pct})]
    if corridor and spec.fear_cut_pct:
        out.append((N_("drivers on the {corridor} deterred: −{pct}% departures for a while"),
                    {"corridor": corridor, "pct": spec.fear_cut_pct}))
    out.append((N_("on failure {losses} fighters lost"), {"losses": spec.fighter_losses}))
    return out


def _checkpoint(state: GameState, side: Side, o: Order, spec: CheckpointOrder) -> list[Clause]:
    return [(N_("for {turns} weeks: {pct}% of the tankers on {route} turned back, traffic "
                "taxed {tax} per 10 trucks"),
             {"turns": spec.turns, "pct": spec.turn_back_pct, "route": o.args[0],
              "tax": spec.tax_per_10_trucks})]


def _blockade(state: GameState, side: Side, o: Order, spec: BlockadeOrder) -> list[Clause]:
    return [(N_("for {turns} weeks: {pct}% of the drivers on the {corridor} stay at home"),
             {"turns": spec.turns, "pct": spec.departure_cut_pct, "corridor": o.args[0]}),
            (N_("it costs {upkeep} a week to hold"), {"upkeep": spec.upkeep_per_turn})]


def _raid(state: GameState, side: Side, o: Order, spec: RaidOrder) -> list[Clause]:
    return [(NP_("{odds}% chance: {losses} garrison company lost at {town}, {loot} looted",
                 "{odds}% chance: {losses} garrison companies lost at {town}, {loot} looted",
                 "losses"),
             {"odds": _chance(state, side, o), "losses": spec.garrison_losses,
              "town": o.args[0], "loot": spec.loot_funds}),
            (N_("on failure {losses} fighters lost"), {"losses": spec.fighter_losses})]


def _kidnap(state: GameState, side: Side, o: Order, spec: KidnapOrder) -> list[Clause]:
    return [(N_("{odds}% chance: {drivers} drivers abducted on {route}; {release}% chance "
                "they are released without ransom"),
             {"odds": _chance(state, side, o), "drivers": spec.drivers, "route": o.args[0],
              "release": spec.release_odds})]


def _tax(state: GameState, side: Side, o: Order, spec: TaxOrder) -> list[Clause]:
    region = o.args[0]
    levy = (state.fighters[region] // 100 * spec.funds_per_100_fighters
            * state.support_insurgency[region] // 50)
    return [(N_("about {levy} levied in {region}; grievance {grievance:+d}"),
             {"levy": levy, "region": region, "grievance": spec.grievance})]


def _propaganda(state: GameState, side: Side, o: Order, spec: PropagandaOrder) -> list[Clause]:
    return [(N_("{odds}% chance: JNIM support in {region} +{gain} or more, junta support "
                "−{loss}"),
             {"odds": _clamped(state, spec.base_odds), "region": o.args[0],
              "gain": spec.support_gain, "loss": spec.junta_support_loss})]


def _recruit(state: GameState, side: Side, o: Order, spec: RecruitOrder) -> list[Clause]:
    return [(N_("{odds}% chance: {fighters}+ fighters join in {region}"),
             {"odds": _clamped(state, spec.base_odds), "fighters": spec.fighters,
              "region": o.args[0]})]


def _attack_site(state: GameState, side: Side, o: Order,
                 spec: AttackSiteOrder) -> list[Clause]:
    return [(N_("{odds}% chance: {town} idle for {turns} weeks, {loot} taken"),
             {"odds": _clamped(state, spec.base_odds), "town": o.args[0],
              "turns": spec.damage_turns, "loot": spec.loot_funds})]


def _strike(state: GameState, side: Side, o: Order, spec: StrikeOrder) -> list[Clause]:
    targets = strike_targets(state, o.args[0], spec.max_sites, spec.reach)
    return [(N_("raids on {count} garrisons at once, each {cut} points weaker than alone; "
                "two hits shake the army (cohesion −{shock})"),
             {"count": len(targets), "cut": spec.odds_cut, "shock": spec.cohesion_shock})]


def _siege(state: GameState, side: Side, o: Order, spec: SiegeOrder) -> list[Clause]:
    return [(N_("{odds}% chance to close the roads around {town}"),
             {"odds": _chance(state, side, o), "town": o.args[0]})]


def _sabotage(state: GameState, side: Side, o: Order, spec: SabotageOrder) -> list[Clause]:
    return [(N_("{odds}% chance to cut {route} for {turns} weeks"),
             {"odds": _chance(state, side, o), "route": o.args[0], "turns": spec.turns})]


def _move(state: GameState, side: Side, o: Order, spec: MoveOrder) -> list[Clause]:
    return [(N_("{fighters} fighters from {region} to {to_region}"),
             {"fighters": min(spec.fighters, state.fighters[o.args[0]]), "region": o.args[0],
              "to_region": o.args[1]})]


ClauseMaker = Callable[[GameState, Side, Order, Any], list[Clause]]
_CLAUSES: dict[type, ClauseMaker] = {
    EscortOrder: _escort, PatrolOrder: _patrol, ReinforceOrder: _reinforce,
    WithdrawOrder: _withdraw, AirstrikeOrder: _airstrike, AfricaCorpsOrder: _africa_corps,
    RationOrder: _ration, RuralFuelBanOrder: _fuel_ban, CloseSchoolsOrder: _close_schools,
    ReopenSchoolsOrder: _reopen, InfoCampaignOrder: _info, CrackdownOrder: _crackdown,
    DialogueOrder: _dialogue, RepairOrder: _repair, RelieveOrder: _relieve,
    AmbushOrder: _ambush, CheckpointOrder: _checkpoint, BlockadeOrder: _blockade,
    RaidOrder: _raid, KidnapOrder: _kidnap, TaxOrder: _tax, PropagandaOrder: _propaganda,
    RecruitOrder: _recruit, AttackSiteOrder: _attack_site, StrikeOrder: _strike,
    SiegeOrder: _siege, SabotageOrder: _sabotage, MoveOrder: _move,
}
