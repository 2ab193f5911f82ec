"""The working context of one turn's resolution, and the clamped track adjustments."""

from __future__ import annotations

from dataclasses import dataclass, field

from .events import Event, Visibility
from .orders import Order
from .state import GameState


def clamp(value: int, low: int = 0, high: int = 100) -> int:
    return low if value < low else high if value > high else value


@dataclass(slots=True)
class Turn:
    state: GameState
    events: list[Event] = field(default_factory=list)
    phase: str = "events"
    escorts: dict[str, int] = field(default_factory=dict)       # corridor -> companies
    patrols: dict[str, bool] = field(default_factory=dict)      # route -> patrolled
    ambushes: list[tuple[Order, bool]] = field(default_factory=list)  # (order, scripted)
    ration_pct: int = 0
    unmet_pct: int = 0                                          # Bamako's demand not met
    attacks: dict[str, int] = field(default_factory=dict)       # insurgent ops by kind
    junta_losses: int = 0                                       # companies lost this turn
    scripted: list[tuple[str, Order, str]] = field(default_factory=list)  # side, order, event
    rationales: dict[tuple[str, str], str] = field(default_factory=dict)  # (side, order)

    def emit(self, kind: str, text: str, *, side: str | None = None, order: Order | None = None,
             odds: int | None = None, roll: int | None = None, success: bool | None = None,
             source: str | None = None, visible_to: Visibility = "all") -> Event:
        rationale = None
        if order is not None and side is not None:
            rationale = self.rationales.get((side, str(order)))
        event = Event(self.state.turn, self.phase, kind, text, side,
                      str(order) if order is not None else None, odds, roll, success, source,
                      visible_to, rationale)
        self.events.append(event)
        return event

    def chance(self, odds: int) -> tuple[bool, int, int]:
        """Clamp the odds to the scenario's floor and ceiling and roll: (success, roll, odds)."""
        rules = self.state.scenario.spec.rules
        odds = clamp(odds, rules.odds_floor, rules.odds_ceiling)
        success, roll = self.state.roll(odds)
        return success, roll, odds

    # ------------------------------------------------------------------ clamped tracks
    def support(self, region: str, side: str, delta: int) -> None:
        table = self.state.support_junta if side == "junta" else self.state.support_insurgency
        table[region] = clamp(table[region] + delta)

    def grievance(self, region: str, delta: int) -> None:
        self.state.grievance[region] = clamp(self.state.grievance[region] + delta)

    def cohesion(self, delta: int) -> None:
        self.state.cohesion = clamp(self.state.cohesion + delta)

    def isolation(self, delta: int) -> None:
        self.state.isolation = clamp(self.state.isolation + delta)

    def intel(self, region: str, delta: int) -> None:
        self.state.intel[region] = clamp(self.state.intel[region] + delta)

    def kill_fighters(self, region: str, count: int) -> int:
        """Remove up to `count` fighters from a region; return how many were removed."""
        removed = min(count, self.state.fighters[region])
        self.state.fighters[region] -= removed
        return removed

    def lose_companies(self, town: str, count: int) -> int:
        """Remove up to `count` companies from a garrison; a garrison wiped out is recorded."""
        state = self.state
        lost = min(count, state.garrison[town])
        state.garrison[town] -= lost
        self.junta_losses += lost
        if lost and state.garrison[town] == 0:
            state.garrisons_lost += 1
            self.cohesion(-state.scenario.spec.rules.cohesion.garrison_lost)
        return lost

    def capital_region(self) -> str:
        return capital_region(self.state)


def capital_region(state: GameState) -> str:
    scenario = state.scenario
    for town in scenario.towns.values():
        if town.kind == "capital":
            return town.region
    return next(iter(scenario.regions))
