"""`observe(state, side)`: the game as one side sees it (fog of war).

The TUI and a fair AI receive only this. The junta sees the insurgency through its
noisy per-region estimate; the insurgency sees what the scenario's fog parameters allow.
Hidden numbers are left out, not blurred in place, so nothing leaks by accident.
"""

from __future__ import annotations

from dataclasses import dataclass

from .orders import Order, Side
from .state import GameState


@dataclass(frozen=True, slots=True)
class View:
    side: Side
    turn: int
    turns: int
    date: str
    fuel_stock: int
    fuel_days: int
    fuel_price: int
    treasury: int | None
    cohesion: int | None
    isolation: int
    support_junta: dict[str, int]
    support_insurgency: dict[str, int]
    grievance: dict[str, int]
    garrison: dict[str, int] | None          # exact junta garrisons, when visible
    fighters: dict[str, int]                 # exact for the insurgency, estimates for the junta
    fighters_are_estimates: bool
    intel: dict[str, int] | None
    weapons: int | None
    funds: int | None
    helicopters: int
    africa_corps: int
    town_status: dict[str, str]
    route_damage: dict[str, int]
    checkpoints: dict[str, int]
    blockades: dict[str, int]
    site_damage: dict[str, int]
    flags: dict[str, bool]
    last_escorts: dict[str, int]             # escorts seen on the roads last turn
    ambushed: dict[str, int]                 # route -> last turn an ambush was sprung there
    tankers_destroyed: int
    drivers_kidnapped: int
    queued: tuple[Order, ...]                # this side's own queued orders
    outcome: str | None


def observe(state: GameState, side: Side) -> View:
    fog = state.scenario.spec.fog
    junta = side == "junta"
    sees_garrisons = junta or fog.insurgency_sees_garrisons
    sees_treasury = junta or fog.insurgency_sees_treasury
    return View(
        side=side,
        turn=state.turn,
        turns=state.scenario.turns,
        date=state.scenario.turn_start(min(state.turn, state.scenario.turns)).isoformat(),
        fuel_stock=state.fuel_stock,
        fuel_days=state.fuel_days,
        fuel_price=state.fuel_price,
        treasury=state.treasury if sees_treasury else None,
        cohesion=state.cohesion if sees_treasury else None,
        isolation=state.isolation,
        support_junta=dict(state.support_junta),
        support_insurgency=dict(state.support_insurgency),
        grievance=dict(state.grievance),
        garrison=dict(state.garrison) if sees_garrisons else None,
        fighters=dict(state.fighter_estimate if junta else state.fighters),
        fighters_are_estimates=junta,
        intel=dict(state.intel) if junta else None,
        weapons=None if junta else state.weapons,
        funds=None if junta else state.funds,
        helicopters=state.helicopters,
        africa_corps=state.africa_corps,
        town_status=dict(state.town_status),
        route_damage=dict(state.route_damage),
        checkpoints=dict(state.checkpoints),
        blockades=dict(state.blockades),
        site_damage=dict(state.site_damage),
        flags=dict(state.flags),
        last_escorts=dict(state.last_escorts),
        ambushed=dict(state.ambushed),
        tankers_destroyed=state.tankers_destroyed,
        drivers_kidnapped=state.drivers_kidnapped,
        queued=tuple(state.pending[side]),
        outcome=state.outcome,
    )
