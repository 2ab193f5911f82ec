"""The working context of one turn's resolution: events, the causal ledger, and the
track adjustments through which every rule moves a track (clamped, and recorded)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .events import Event, Visibility
from .ledger import N_, Params, RawEntry, Template, render
from .orders import Order
from .state import GameState

Segments = list[tuple[Template, Params | None]]   # an event's sentence in translatable parts

BOUND_CAUSE = N_("held at {bound}, the limit of the track")


def clamp(value: int, low: int = 0, high: int = 100) -> int:
    return low if value < low else high if value > high else value


@dataclass(slots=True)
class Turn:
    state: GameState
    events: list[Event] = field(default_factory=list)
    ledger: list[RawEntry] = field(default_factory=list)
    phase: str = "events"
    order: str | None = None                                    # the order being resolved
    event: str | None = None                                    # the scripted event firing
    escorts: dict[str, int] = field(default_factory=dict)       # corridor -> companies
    patrols: dict[str, bool] = field(default_factory=dict)      # route -> patrolled
    ambushes: list[tuple[Order, bool]] = field(default_factory=list)  # (order, scripted)
    convoy_sizes: dict[str, int] = field(default_factory=dict)  # route -> a scripted convoy
    raided: set[str] = field(default_factory=set)               # towns raided this turn
    ration_pct: int = 0
    unmet_pct: int = 0                                          # Bamako's demand not met
    shortfall_pct: int = 0                                      # normal use gone without
    attacks: dict[str, int] = field(default_factory=dict)       # insurgent ops by kind
    junta_losses: int = 0                                       # companies lost this turn
    junta_idle: bool = False                  # the junta gave no order though it could have
    scripted: list[tuple[str, Order, str]] = field(default_factory=list)  # side, order, event
    rationales: dict[tuple[str, str], str] = field(default_factory=dict)  # (side, order)

    def emit(self, kind: str, text: Template | Segments, *, side: str | None = None,
             order: Order | None = None, odds: int | None = None, roll: int | None = None,
             success: bool | None = None, source: str | None = None,
             visible_to: Visibility = "all", params: Params | None = None) -> Event:
        """Record an event. `text` is a finished English sentence, or with `params` (or as
        an NP_ plural) a template the interface translates; ids in `params` under the
        ledger's entity keys become English names here and the reader's names there.
        A list of (template, params) segments is a sentence followed by optional ones
        (a convoy and what held it back), each translated on its own."""
        rationale = None
        if order is not None and side is not None and kind != "scripted":  # not the AI's
            rationale = self.rationales.get((side, str(order)))
        name_of = self.state.scenario.name_of
        english: str | Callable[[], str]
        if isinstance(text, list):
            segments = text
            english = lambda: "".join(render(part, values, name_of)  # noqa: E731
                                      for part, values in segments)
        elif params is not None or isinstance(text, tuple):
            template = text
            english = lambda: render(template, params, name_of)  # noqa: E731
        else:
            assert isinstance(text, str)
            english = text
        event = Event(self.state.turn, self.phase, kind, english, side,
                      str(order) if order is not None else None, odds, roll, success, source,
                      visible_to, rationale, template=text, params=params)
        self.events.append(event)
        return event

    def chance(self, odds: int, *, floor: bool = True) -> tuple[bool, int, int]:
        """Clamp the odds to the scenario's floor (unless `floor` is False) and ceiling and
        roll: (success, roll, odds)."""
        rules = self.state.scenario.spec.rules
        odds = clamp(odds, rules.odds_floor if floor else 0, rules.odds_ceiling)
        success, roll = self.state.roll(odds)
        return success, roll, odds

    # ------------------------------------------------------------------ the ledger
    def record(self, track: str, region: str | None, delta: int, rule: str, cause: Template,
               source: str | None = None, params: Params | None = None) -> None:
        """Note a change the caller has made to a track (no bounds involved)."""
        if delta:
            self.ledger.append((track, region, delta, self.phase, rule, cause, params,
                                self.order, self.event, source))

    def _bounded(self, track: str, region: str | None, value: int, delta: int,
                 low: int | None, high: int | None, rule: str, cause: Template,
                 source: str | None, params: Params | None) -> int:
        """`value + delta` held within [low, high]; records the change and, apart, the
        part of it the bound absorbed, so that the entries sum to the real change."""
        new = value + delta
        held = low if low is not None and new < low else high if high is not None \
            and new > high else new
        if delta:
            self.ledger.append((track, region, delta, self.phase, rule, cause, params,
                                self.order, self.event, source))
        if held != new:
            self.ledger.append((track, region, held - new, self.phase, "clamp", BOUND_CAUSE,
                                {"bound": held}, self.order, self.event, None))
        return held

    # ------------------------------------------------------------------ clamped tracks
    def support(self, region: str, side: str, delta: int, rule: str, cause: Template,
                source: str | None = None, params: Params | None = None) -> None:
        if side == "junta":
            table, track = self.state.support_junta, "junta_support"
        else:
            table, track = self.state.support_insurgency, "insurgent_support"
        table[region] = self._bounded(track, region, table[region], delta, 0, 100, rule, cause,
                                      source, params)

    def grievance(self, region: str, delta: int, rule: str, cause: Template,
                  source: str | None = None, params: Params | None = None) -> None:
        g = self.state.grievance
        g[region] = self._bounded("grievance", region, g[region], delta, 0, 100, rule, cause,
                                  source, params)

    def cohesion(self, delta: int, rule: str, cause: Template, source: str | None = None,
                 params: Params | None = None) -> None:
        s = self.state
        s.cohesion = self._bounded("cohesion", None, s.cohesion, delta, 0, 100, rule, cause,
                                   source, params)

    def isolation(self, delta: int, rule: str, cause: Template, source: str | None = None,
                  params: Params | None = None) -> None:
        s = self.state
        s.isolation = self._bounded("isolation", None, s.isolation, delta, 0, 100, rule, cause,
                                    source, params)

    def treasury(self, delta: int, rule: str, cause: Template, source: str | None = None,
                 params: Params | None = None) -> None:
        """The treasury has no floor: a deficit is what makes the army unpaid."""
        self.state.treasury += delta
        self.record("treasury", None, delta, rule, cause, source, params)

    def funds(self, delta: int, rule: str, cause: Template, source: str | None = None,
              params: Params | None = None) -> None:
        s = self.state
        s.funds = self._bounded("insurgent_funds", None, s.funds, delta, 0, None, rule, cause,
                                source, params)

    def fuel(self, delta: int, rule: str, cause: Template, source: str | None = None,
             params: Params | None = None) -> None:
        s = self.state
        s.fuel_stock = self._bounded("fuel_stock", None, s.fuel_stock, delta, 0, None, rule,
                                     cause, source, params)

    def fuel_price(self, value: int, rule: str, cause: Template, source: str | None = None,
                   params: Params | None = None) -> None:
        """Set the price index (the economy computes a new level rather than a change)."""
        s = self.state
        cap = s.scenario.spec.rules.fuel.price_cap
        s.fuel_price = self._bounded("fuel_price_index", None, s.fuel_price,
                                     value - s.fuel_price, 1, cap, rule, cause, source, params)

    def intel(self, region: str, delta: int) -> None:
        self.state.intel[region] = clamp(self.state.intel[region] + delta)

    def add_fighters(self, region: str, count: int, rule: str, cause: Template,
                     source: str | None = None, params: Params | None = None) -> int:
        """Add (or with a negative count remove, down to none) fighters; return the change."""
        f = self.state.fighters
        before = f[region]
        f[region] = self._bounded("fighters", region, before, count, 0, None, rule, cause,
                                  source, params)
        return f[region] - before

    def kill_fighters(self, region: str, count: int, rule: str, cause: Template,
                      source: str | None = None, params: Params | None = None) -> int:
        """Remove up to `count` fighters from a region; return how many were removed."""
        removed = min(count, self.state.fighters[region])
        self.state.fighters[region] -= removed
        self.record("fighters", region, -removed, rule, cause, source, params)
        return removed

    def lose_companies(self, town: str, count: int) -> int:
        """Remove up to `count` companies from a garrison; a garrison wiped out is recorded."""
        state = self.state
        lost = min(count, state.garrison[town])
        state.garrison[town] -= lost
        self.junta_losses += lost
        if lost and state.garrison[town] == 0:
            state.garrisons_lost += 1
            rules = state.scenario.spec.rules.cohesion
            self.cohesion(-rules.garrison_lost, "garrison_lost",
                          N_("the garrison of {town} was wiped out"),
                          rules.sources[0] if rules.sources else None, {"town": town})
        return lost

    def capital_region(self) -> str:
        return capital_region(self.state)


def capital_region(state: GameState) -> str:
    scenario = state.scenario
    for town in scenario.towns.values():
        if town.kind == "capital":
            return town.region
    return next(iter(scenario.regions))
