"""The interface's side of a game: which side is at the keyboard, what it may see and order.

No rules live here: every answer comes from the engine (`observe`, `check_order`,
`order_odds`, `Game.queue/undo/end_turn`) or from the bots (`play_side`). The screens and
widgets read a `Session`; only the board screen calls its few methods that change the game,
and only on the player's intent.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..engine import (
    ORDER_KINDS,
    Event,
    IllegalOrder,
    Order,
    Scenario,
    Side,
    TurnResult,
    View,
    check_order,
    observe,
    order_odds,
)
from ..engine.game import Game
from ..engine.legality import candidate_orders, capacity, capacity_used, committed, remove_order
from ..engine.resolve import new_game
from ..i18n import N_, _, error_text, localized
from ..present.ledgertext import (
    Group,
    Key,
    route_label,
    track_values,
    turn_groups,
    values_after_each,
)
from ..present.orderguide import effect_line

# An escort's level as the order's text names it, translated where it is shown.
ESCORT_LEVEL_WORDS = {"light": N_("light"), "heavy": N_("heavy")}
PANEL_CLAUSES = 2   # of an order's effect summary under it in the orders panel; `?` shows all
Decision = Any  # wargame.ai.decision.Decision (imported lazily: the AI is loaded in a worker)


@dataclass(frozen=True)
class OrderRow:
    """One order as the orders panel shows it."""

    order: Order
    label: str                 # "Patrol road: Kati–Kolokani (RN1)"
    cost: str                  # "cost 2 bn CFA, 100 m³ fuel"
    odds: int | None           # percent, before the order is given (the side's own view)
    reason: str | None         # why it may not be given now; None when it may
    where: str = "here"        # here | region | nationwide
    effect: str = ""           # what it would do, from the order guide ("ambush odds 72% → 38%")


@dataclass
class TurnReport:
    """A resolved turn as one side may read it."""

    turn: int
    date: str
    side: Side
    events: list[Event]
    before: dict[str, Any]
    after: dict[str, Any]
    over: bool = False
    groups: list[Group] = field(default_factory=list)   # what moved the tracks, and why


def insurgency_ai(state: Any, difficulty: str) -> list[Decision]:
    """The insurgency's orders for this turn, queued on `state`, with their reasons.

    Uses `wargame.ai.bots.insurgency_turn` when it exists, else `play_side` with the
    doctrine policy (or the random one when the doctrine is not available).
    """
    from ..ai import bots

    turn_fn: Callable[..., list[Decision]] | None = getattr(bots, "insurgency_turn", None)
    if turn_fn is not None:
        return turn_fn(state, difficulty)
    from ..ai.policies import POLICIES

    policy = "doctrine" if "doctrine" in POLICIES or hasattr(bots, "play_doctrine") else "random"
    return bots.play_side(state, "insurgency", policy, difficulty)


def decision_rationales(decisions: Sequence[Decision]) -> dict[tuple[str, str], str]:
    from ..ai.bots import rationales

    return rationales(list(decisions))


def describe_order(scenario: Scenario, order: Order) -> str:
    """'Escort convoy: Dakar–Bamako corridor (heavy)' and the like."""
    kind = ORDER_KINDS[order.kind]
    label = _(kind.label)          # the engine's label, marked N_ for the catalogue
    parts = []
    for arg_kind, value in zip(kind.args, order.args, strict=False):
        if arg_kind == "corridor":
            parts.append(localized(scenario.corridors[value].name))
        elif arg_kind == "route":
            parts.append(route_label(scenario, value))
        elif arg_kind == "town":
            parts.append(localized(scenario.towns[value].name))
        elif arg_kind == "region":
            parts.append(localized(scenario.regions[value].name))
        elif arg_kind == "level":
            parts[-1] += f" ({_(ESCORT_LEVEL_WORDS.get(value, value))})"
    if order.kind == "move" and len(parts) == 2:
        return f"{label}: {parts[0]} → {parts[1]}"
    return _("{order}: {where}").format(order=label, where=", ".join(parts)) if parts else label


@dataclass
class Session:
    """A game being played at this keyboard."""

    game: Game
    difficulty: str = "standard"
    insurgent: str = "ai"                      # "ai" or "human"
    saves_dir: Path | None = None
    scenario_path: Path | None = None
    scenario_text: str | None = None
    side: Side = "junta"                       # whose orders are being given now
    reasons: dict[int, str] = field(default_factory=dict)   # turn -> the player's reason
    saved_turns: int = 0                       # records already in a save
    last_save: Path | None = None
    reports: dict[Side, TurnReport | None] = field(
        default_factory=lambda: {"junta": None, "insurgency": None})
    save_options: dict[str, Any] = field(default_factory=dict)  # options of saves.save_game
    _series_cache: tuple[int, list[dict[Key, int]]] | None = field(default=None, repr=False)

    def sides(self) -> dict[str, str]:
        """Who plays each side, as a save's header records it."""
        if self.two_players:
            return {"junta": "player", "insurgency": "player"}
        ai = "doctrine" if self.difficulty == "standard" else f"doctrine:{self.difficulty}"
        return {"junta": "player", "insurgency": ai}

    def save_kwargs(self) -> dict[str, Any]:
        """The keyword arguments of `saves.save_game` and `saves.autosave` for this game."""
        options = {"sides": self.sides(), **self.save_options}
        if self.scenario_text is not None and "scenario_text" not in self.save_options:
            options["scenario_text"] = self.scenario_text
        options["pending_reason"] = self.reasons.get(self.state.turn)
        return options

    # ------------------------------------------------------------------ reading
    @property
    def scenario(self) -> Scenario:
        return self.game.scenario

    @property
    def state(self) -> Any:
        return self.game.state

    @property
    def two_players(self) -> bool:
        return self.insurgent == "human"

    @property
    def over(self) -> bool:
        return self.game.over

    @property
    def dirty(self) -> bool:
        """Turns played since the last save (queued orders are not saved)."""
        return len(self.game.records) > self.saved_turns

    def view(self, side: Side | None = None) -> View:
        return observe(self.game.state, side or self.side)

    def capital(self) -> str:
        return next((t for t, town in self.scenario.towns.items() if town.kind == "capital"),
                    next(iter(self.scenario.towns)))

    def capital_region(self) -> str:
        return self.scenario.towns[self.capital()].region

    def capacity(self) -> tuple[int, int]:
        """(used, total) command capacity of the side at the keyboard."""
        return capacity_used(self.state, self.side), capacity(self.state, self.side)

    def committed(self) -> tuple[int, int]:
        return committed(self.state, self.side)

    def queued(self) -> list[Order]:
        return list(self.state.pending[self.side])

    def cost_text(self, order: Order) -> str:
        spec = self.scenario.order_specs[order.side][order.kind]
        unit = _("bn CFA") if order.side == "junta" else _("m CFA")
        parts = [_("cost {cost} {unit}").format(cost=spec.cost, unit=unit) if spec.cost
                 else _("free")]
        if spec.fuel_m3:
            parts.append(_("{fuel} m³ fuel").format(fuel=spec.fuel_m3))
        if spec.capacity != 1:
            parts.append(_("{n} capacity").format(n=spec.capacity))
        return ", ".join(parts)

    def odds(self, order: Order) -> int | None:
        """The odds the side at the keyboard is shown: the junta's use its estimate of the
        insurgency's fighters, never the true numbers."""
        state = self.state
        if self.side == "junta":
            return order_odds(state, order, fighters=state.fighter_estimate)
        return order_odds(state, order)

    def row(self, order: Order, where: str = "here") -> OrderRow:
        reason = check_order(self.state, self.side, order)
        odds = self.odds(order) if ORDER_KINDS[order.kind].chance else None
        return OrderRow(order, describe_order(self.scenario, order), self.cost_text(order),
                        odds, reason, where, self.effect(order, PANEL_CLAUSES))

    def effect(self, order: Order, limit: int | None = None) -> str:
        """What the order would do now, as the side at the keyboard may know it (with
        `limit`, its first clauses: the main effect and the odds it changes)."""
        return effect_line(self.state, self.side, order, limit)

    def last_groups(self) -> list[Group]:
        """What moved the tracks last turn, and why, as the side at the keyboard may read
        it; empty before the first turn."""
        if not self.game.records:
            return []
        return turn_groups(self.game.records[-1].ledger, self.state, self.side)

    def ledger_series(self, key: Key) -> list[int]:
        """A ledger track's value at the start and after each turn (any track: grievance
        is in no snapshot). The caller shows only what the side may see."""
        records = self.game.records
        cached = self._series_cache
        if cached is None or cached[0] != len(records):
            start = track_values(new_game(self.scenario, self.game.seed))
            after = values_after_each(start, (r.ledger for r in records))
            cached = (len(records), [start, *after])
            self._series_cache = cached
        return [values.get(key, 0) for values in cached[1]]

    def orders_at(self, kind: str, ident: str) -> list[OrderRow]:
        """The orders of the side at the keyboard that concern a town or a route, then the
        ones on its region, then the nationwide ones. Orders the scenario never allows are
        not listed; those not possible now carry the reason."""
        sc = self.scenario
        if kind == "town" and ident in sc.towns:
            town = sc.towns[ident]
            routes = {r for r, route in sc.routes.items() if ident in (route.from_town,
                                                                      route.to_town)}
            towns = {ident}
            regions = {town.region}
        elif kind == "route" and ident in sc.routes:
            route = sc.routes[ident]
            routes = {ident}
            towns = {route.from_town, route.to_town}
            regions = set(sc.route_regions[ident])
        else:
            routes, towns, regions = set(), set(), set()
        corridors = {sc.routes[r].corridor for r in routes if sc.routes[r].corridor}
        corridors |= {c for c, cor in sc.corridors.items()
                      if cor.entry in towns or (kind == "town" and cor.destination in towns)}
        here: list[OrderRow] = []
        region_rows: list[OrderRow] = []
        national: list[OrderRow] = []
        for order in candidate_orders(sc, self.side):
            arg_kinds = ORDER_KINDS[order.kind].args
            if not arg_kinds:
                national.append(self.row(order, "nationwide"))
                continue
            first_kind, first = arg_kinds[0], order.args[0]
            if ((first_kind == "town" and first in towns)
                    or (first_kind == "route" and first in routes)
                    or (first_kind == "corridor" and first in corridors)):
                here.append(self.row(order, "here"))
            elif first_kind == "region" and first in regions:
                region_rows.append(self.row(order, "region"))
        return here + region_rows + national

    def history(self, key: str, region: str | None = None) -> list[int]:
        """A track over the turns so far (the start, then after each turn), for the side
        at the keyboard; empty when that side may not see it."""
        view = self.view()
        if key in ("treasury", "cohesion") and getattr(view, key) is None:
            return []
        out = []
        for snap in self.game.snapshots:
            value = snap.get(key)
            if isinstance(value, dict):
                value = value.get(region or self.capital_region())
            if isinstance(value, int):
                out.append(value)
        return out

    # ------------------------------------------------------------------ intent
    def queue(self, order: Order) -> str | None:
        """Queue an order for the side at the keyboard; the reason when it may not."""
        try:
            self.game.queue(self.side, order)
        except IllegalOrder as exc:
            return error_text(exc)
        return None

    def undo(self) -> Order | None:
        return self.game.undo(self.side)

    def remove(self, order: Order) -> bool:
        return remove_order(self.state, self.side, order)

    def apply_advice(self, orders: Sequence[str]) -> list[str]:
        """Replace the junta's queue with the advisor's orders (the player said so);
        return the reasons of any that could not be queued."""
        while self.game.undo(self.side) is not None:
            pass
        errors = []
        for text in orders:
            error = self.queue(Order.parse(text))
            if error:
                errors.append(f"{text}: {error}")
        return errors

    def think(self) -> list[Decision]:
        """The insurgency AI's orders (run in a worker thread)."""
        return insurgency_ai(self.state, self.difficulty)

    def resolve(self, decisions: Sequence[Decision] = ()) -> TurnResult:
        """Resolve the turn; remember the report each side may read."""
        before = self.game.snapshots[-1]
        turn = self.state.turn
        date = self.scenario.turn_start(turn).isoformat()
        reason = self.reasons.get(turn)
        result = self.game.end_turn(reason, decision_rationales(decisions) if decisions
                                    else None)
        after = self.game.snapshots[-1]
        for side in ("junta", "insurgency"):
            visible = [e for e in result.events if e.visible_to in ("all", side)]
            self.reports[side] = TurnReport(turn, date, side, visible, before, after,
                                            self.game.over,
                                            turn_groups(result.ledger, self.state, side))
        return result

    def mark_saved(self, path: Path | None) -> None:
        self.saved_turns = len(self.game.records)
        self.last_save = path
