"""The odds of every chance order, shared by the preview shown before an order is given
and by its resolution, so the number a player reads is the number that is rolled."""

from __future__ import annotations

from .legality import fighters_near_route
from .model import (
    AfricaCorpsOrder,
    AirstrikeOrder,
    AmbushOrder,
    AttackSiteOrder,
    CrackdownOrder,
    DialogueOrder,
    InfoCampaignOrder,
    KidnapOrder,
    OrderBase,
    PatrolOrder,
    PropagandaOrder,
    RaidOrder,
    RecruitOrder,
    RelieveOrder,
    RepairOrder,
    SabotageOrder,
    SiegeOrder,
    StrikeOrder,
)
from .orders import Order
from .state import GameState
from .turn import clamp


def _patrol_cut(state: GameState, route: str, patrols: dict[str, bool] | None) -> int:
    patrol = state.scenario.order_specs["junta"].get("patrol")
    if patrols and patrols.get(route) and isinstance(patrol, PatrolOrder):
        return patrol.ambush_odds_cut
    return 0


def raid_odds(state: GameState, spec: RaidOrder, town: str) -> int:
    region = state.scenario.towns[town].region
    return (spec.base_odds + state.fighters[region] // 100 * spec.odds_per_100_fighters
            - state.garrison[town] * spec.odds_per_company)


def grievance_over_pivot(state: GameState, region: str) -> int:
    """How far a region's grievance is over the pivot above which it turns against the
    junta (0 at or under it)."""
    return max(0, state.grievance[region] - state.scenario.spec.rules.support.grievance_pivot)


def campaign_odds_regained(state: GameState, region: str) -> int:
    """Points of odds a successful dialogue in `region` gives back to the information
    campaigns there (0 where grievance does not blunt them)."""
    specs = state.scenario.order_specs["junta"]
    info, talks = specs.get("info-campaign"), specs.get("dialogue")
    if not isinstance(info, InfoCampaignOrder) or not isinstance(talks, DialogueOrder):
        return 0
    return (min(grievance_over_pivot(state, region), talks.grievance_cut)
            * info.odds_cut_per_grievance)


def order_odds(state: GameState, order: Order, *, escort: int = 0,
               patrols: dict[str, bool] | None = None,
               fighters: dict[str, int] | None = None) -> int | None:
    """Percent chance of success of `order` now, clamped; None when no roll is involved.

    `escort` and `patrols` are the junta's dispositions this turn, known at resolution
    (a preview before they are given assumes none). `fighters` replaces the true insurgent
    numbers for a junta preview, which must use the junta's estimate (fog of war).
    """
    fighters = state.fighters if fighters is None else fighters
    side = order.side
    spec: OrderBase | None = state.scenario.order_specs[side].get(order.kind)
    target = order.target or ""
    odds: int | None = None
    match spec:
        case AmbushOrder():
            odds = (spec.base_odds + fighters_near_route(state, target) // 100
                    * spec.odds_per_100_fighters - _patrol_cut(state, target, patrols))
            escort_spec = state.scenario.order_specs["junta"].get("escort")
            if escort and escort_spec is not None:
                odds -= escort * getattr(escort_spec, "odds_cut_per_company", 0)
        case KidnapOrder() | SabotageOrder():
            odds = spec.base_odds - _patrol_cut(state, target, patrols)
        case RaidOrder():
            odds = raid_odds(state, spec, target)
        case StrikeOrder():
            raid = state.scenario.order_specs["insurgency"].get("raid")
            odds = None if not isinstance(raid, RaidOrder) else raid.base_odds - spec.odds_cut
        case SiegeOrder():
            region = state.scenario.towns[target].region
            odds = spec.base_odds + state.fighters[region] // 100 * spec.odds_per_100_fighters
        case AirstrikeOrder():
            odds = spec.base_odds + state.intel[target] // 10 * spec.odds_per_10_intel
        case RelieveOrder():
            region = state.scenario.towns[target].region
            force = spec.companies + state.garrison[target]
            odds = (spec.base_odds + force * spec.odds_per_company
                    - fighters[region] // 100 * spec.odds_per_100_fighters)
        case PatrolOrder():
            odds = spec.clear_checkpoint_odds if state.checkpoints.get(target) else None
        case InfoCampaignOrder():
            odds = spec.base_odds - spec.odds_cut_per_grievance * grievance_over_pivot(
                state, target)
        case (AfricaCorpsOrder() | CrackdownOrder() | DialogueOrder()
              | RepairOrder() | PropagandaOrder() | RecruitOrder() | AttackSiteOrder()):
            odds = spec.base_odds
        case _:
            odds = None
    if odds is None:
        return None
    rules = state.scenario.spec.rules
    return clamp(odds, rules.odds_floor, rules.odds_ceiling)
