"""`GameState`: everything that changes during a game, flat and cheap to clone."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, fields
from typing import Any

from .orders import Order, Side
from .rng import below, seed_state
from .scenario import Scenario


@dataclass(slots=True, eq=False)
class GameState:
    scenario: Scenario
    seed: int
    rng: int
    turn: int                               # the turn awaiting orders (1-based)
    fuel_stock: int                         # Bamako, cubic metres
    fuel_price: int                         # index, 100 = before the crisis
    treasury: int                           # billion CFA francs
    cohesion: int
    isolation: int
    support_junta: dict[str, int]
    support_insurgency: dict[str, int]
    grievance: dict[str, int]
    intel: dict[str, int]
    garrison: dict[str, int]                # town -> junta companies
    fighters: dict[str, int]                # region -> insurgent fighters (hidden from junta)
    fighter_estimate: dict[str, int]        # region -> the junta's estimate
    rivals: dict[str, int]                  # "actor:region" -> rival fighters
    weapons: int                            # insurgent weapons (hidden)
    funds: int                              # insurgent funds, million CFA (hidden)
    helicopters: int
    africa_corps: int
    town_status: dict[str, str]
    siege_turns: dict[str, int]             # town -> turns besieged
    route_damage: dict[str, int]            # route -> turns until passable
    checkpoints: dict[str, int]             # route -> turns left
    blockades: dict[str, int]               # corridor -> turns left
    fear: dict[str, tuple[int, int]]        # corridor -> (turns left, departures cut %)
    site_damage: dict[str, int]             # town -> turns without income
    flags: dict[str, bool]
    fired_events: dict[str, int]            # event id -> turn it fired
    flag_timers: dict[str, int]             # flag -> turns until it clears by itself
    last_escorts: dict[str, int]            # corridor -> companies that escorted last turn
    ambushed: dict[str, int]                # route -> last turn an ambush was sprung there
    secure_turns: dict[str, int] = field(default_factory=dict)  # contested town -> turns held
    tankers_destroyed: int = 0
    tankers_delivered: int = 0
    fuel_lost_m3: int = 0
    drivers_kidnapped: int = 0
    escort_companies_lost: int = 0
    garrisons_lost: int = 0
    soldiers_taken: int = 0                 # soldiers of escorts abducted in ambushes
    carried_orders: list[tuple[str, str, str]] = field(default_factory=list)  # side, order, event
    pending: dict[str, list[Order]] = field(default_factory=lambda: {"junta": [],
                                                                     "insurgency": []})
    outcome: str | None = None

    # ------------------------------------------------------------------ random numbers
    def randbelow(self, n: int) -> int:
        self.rng, value = below(self.rng, n)
        return value

    def roll(self, odds: int) -> tuple[bool, int]:
        """Roll 1..100; success when the roll is at most the odds."""
        value = self.randbelow(100) + 1
        return value <= odds, value

    # ------------------------------------------------------------------ derived tracks
    @property
    def fuel_days(self) -> int:
        return self.fuel_stock // self.scenario.spec.tracks.fuel_use_m3_per_day

    @property
    def towns_held(self) -> list[str]:
        return [t for t, s in self.town_status.items() if s == "insurgent"]

    @property
    def total_fighters(self) -> int:
        return sum(self.fighters.values())

    @property
    def over(self) -> bool:
        return self.outcome is not None

    def queued(self, side: Side) -> list[Order]:
        return self.pending[side]

    # ------------------------------------------------------------------ copying
    def clone(self) -> GameState:
        """A deep-enough copy: containers copied, the static scenario shared.

        Written out field by field rather than looping over `fields()`: rollouts clone a
        state for every candidate they try, so this is a hot path. Every dict holds
        immutable values (ints, strings, tuples) except `pending`, whose lists are copied;
        `test_clone_copies_every_field` fails when a new field is not copied here.
        """
        c = object.__new__(GameState)
        c.scenario = self.scenario
        c.seed = self.seed
        c.rng = self.rng
        c.turn = self.turn
        c.fuel_stock = self.fuel_stock
        c.fuel_price = self.fuel_price
        c.treasury = self.treasury
        c.cohesion = self.cohesion
        c.isolation = self.isolation
        c.support_junta = self.support_junta.copy()
        c.support_insurgency = self.support_insurgency.copy()
        c.grievance = self.grievance.copy()
        c.intel = self.intel.copy()
        c.garrison = self.garrison.copy()
        c.fighters = self.fighters.copy()
        c.fighter_estimate = self.fighter_estimate.copy()
        c.rivals = self.rivals.copy()
        c.weapons = self.weapons
        c.funds = self.funds
        c.helicopters = self.helicopters
        c.africa_corps = self.africa_corps
        c.town_status = self.town_status.copy()
        c.siege_turns = self.siege_turns.copy()
        c.route_damage = self.route_damage.copy()
        c.checkpoints = self.checkpoints.copy()
        c.blockades = self.blockades.copy()
        c.fear = self.fear.copy()
        c.site_damage = self.site_damage.copy()
        c.flags = self.flags.copy()
        c.fired_events = self.fired_events.copy()
        c.flag_timers = self.flag_timers.copy()
        c.last_escorts = self.last_escorts.copy()
        c.ambushed = self.ambushed.copy()
        c.secure_turns = self.secure_turns.copy()
        c.tankers_destroyed = self.tankers_destroyed
        c.tankers_delivered = self.tankers_delivered
        c.fuel_lost_m3 = self.fuel_lost_m3
        c.drivers_kidnapped = self.drivers_kidnapped
        c.escort_companies_lost = self.escort_companies_lost
        c.garrisons_lost = self.garrisons_lost
        c.soldiers_taken = self.soldiers_taken
        c.carried_orders = list(self.carried_orders)
        c.pending = {side: list(orders) for side, orders in self.pending.items()}
        c.outcome = self.outcome
        return c

    def to_dict(self) -> dict[str, Any]:
        """Plain data of the dynamic state (for saves, hashes and tests)."""
        data: dict[str, Any] = {}
        for f in fields(self):
            if f.name == "scenario":
                continue
            value = getattr(self, f.name)
            if f.name == "pending":
                value = {side: [str(o) for o in orders] for side, orders in value.items()}
            elif f.name == "fear":
                value = {k: list(v) for k, v in value.items()}
            data[f.name] = value
        return data

    def digest(self) -> str:
        """A hash of the dynamic state, stable across processes and PYTHONHASHSEED."""
        text = json.dumps(self.to_dict(), sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode()).hexdigest()[:16]


def new_state(scenario: Scenario, seed: int) -> GameState:
    """The starting state of a scenario for a seed."""
    spec = scenario.spec
    tracks = spec.tracks
    regions = list(scenario.regions)
    garrison = {t: 0 for t in scenario.towns}
    for unit in spec.sides.junta.units:
        garrison[unit.town] += unit.strength
    fighters = {r: 0 for r in regions}
    for cell in spec.sides.insurgency.cells:
        fighters[cell.region] += cell.fighters
    rivals = {
        f"{actor.id}:{region}": actor.fighters
        for actor in spec.sides.actors if actor.kind == "rival_insurgency"
        for region in actor.regions
    }
    state = GameState(
        scenario=scenario,
        seed=seed,
        rng=seed_state(seed),
        turn=1,
        fuel_stock=tracks.fuel_stock_m3,
        fuel_price=tracks.fuel_price,
        treasury=tracks.treasury,
        cohesion=tracks.cohesion,
        isolation=tracks.isolation,
        support_junta={r: tracks.support[r].junta if r in tracks.support else 50
                       for r in regions},
        support_insurgency={r: tracks.support[r].insurgency if r in tracks.support else 0
                            for r in regions},
        grievance={r: tracks.grievance.get(r, 0) for r in regions},
        intel={r: tracks.intelligence.get(r, 0) for r in regions},
        garrison=garrison,
        fighters=fighters,
        fighter_estimate={r: 0 for r in regions},
        rivals=rivals,
        weapons=spec.sides.insurgency.weapons,
        funds=spec.sides.insurgency.funds,
        helicopters=spec.sides.junta.helicopters,
        africa_corps=spec.sides.junta.africa_corps,
        town_status={t: tracks.town_status.get(t, "government") for t in scenario.towns},
        siege_turns={t: 0 for t, s in tracks.town_status.items() if s == "besieged"},
        route_damage={},
        checkpoints={},
        blockades={},
        fear={},
        site_damage={},
        flags={f: True for f in sorted(tracks.flags)},
        fired_events={},
        flag_timers={},
        last_escorts={},
        ambushed={},
    )
    return state
