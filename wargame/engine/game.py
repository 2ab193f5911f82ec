"""`Game`: a state plus its record — the orders of every turn, the player's reasons, the
state digest after each turn and a snapshot of the tracks — so that a game can be saved,
replayed from its seed and verified, and charted. Pure: no files, no bots."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from .events import Event
from .ledger import N_, Entry
from .legality import IllegalOrder, queue_order, unqueue_last
from .orders import SIDES, Order, OrderSyntaxError, Side
from .phrase import Phrase
from .resolve import TurnResult, new_game, resolve_turn
from .scenario import Scenario
from .state import GameState


@dataclass
class TurnRecord:
    turn: int
    orders: dict[str, list[str]]          # side -> order texts, in the order given
    reason: str | None                    # the player's reason for the turn, if any
    digest: str                           # state digest after the turn resolved
    events: list[Event] = field(default_factory=list)
    rationales: dict[str, str] = field(default_factory=dict)  # "side order" -> explanation
    ledger: Sequence[Entry] = field(default_factory=list)   # rebuilt by replay, never saved


def snapshot(state: GameState) -> dict[str, Any]:
    """The tracks a player charts, as plain data."""
    return {
        "turn": state.turn,
        "date": state.scenario.turn_start(min(state.turn, state.scenario.turns)).isoformat(),
        "bamako_fuel_days": state.fuel_days,
        "fuel_price_index": state.fuel_price,
        "tankers_destroyed": state.tankers_destroyed,
        "junta_support": dict(sorted(state.support_junta.items())),
        "insurgent_support": dict(sorted(state.support_insurgency.items())),
        "cohesion": state.cohesion,
        "isolation": state.isolation,
        "treasury": state.treasury,
        "towns_held": sorted(state.towns_held),
    }


class ReplayDivergence(Exception):
    """A replayed game that does not match its record; `turn` is the first turn that differs,
    `detail` what differs (a `Phrase`: the interface writes it in the reader's language)."""

    def __init__(self, turn: int, detail: str) -> None:
        super().__init__(f"turn {turn}: {detail}")
        self.turn = turn
        self.detail = detail


@dataclass
class Game:
    scenario: Scenario
    seed: int
    state: GameState
    records: list[TurnRecord] = field(default_factory=list)
    snapshots: list[dict[str, Any]] = field(default_factory=list)  # [0] is the start
    # What the player's advisor suggested, each time it was asked: plain data
    # {"turn", "orders": [text], "reasons"} kept for the debrief (never replayed: advice
    # changes no rule).
    advice: list[dict[str, Any]] = field(default_factory=list)

    @classmethod
    def new(cls, scenario: Scenario, seed: int) -> Game:
        state = new_game(scenario, seed)
        return cls(scenario, seed, state, [], [snapshot(state)])

    @property
    def over(self) -> bool:
        return self.state.over

    def queue(self, side: Side, order: Order) -> None:
        queue_order(self.state, side, order)

    def undo(self, side: Side) -> Order | None:
        return unqueue_last(self.state, side)

    def end_turn(self, reason: str | None = None,
                 rationales: dict[tuple[str, str], str] | None = None) -> TurnResult:
        result = resolve_turn(self.state, rationales)
        self.records.append(TurnRecord(
            result.turn, result.orders, reason or None, self.state.digest(), result.events,
            {f"{side} {order}": text for (side, order), text in (rationales or {}).items()},
            result.ledger,
        ))
        self.snapshots.append(snapshot(self.state))
        return result

    @classmethod
    def replay(cls, scenario: Scenario, seed: int, records: list[TurnRecord],
               *, verify: bool = True, upto: int | None = None) -> Game:
        """Rebuild a game from its seed and order log; with `verify`, raise
        ReplayDivergence at the first turn whose digest differs from the record."""
        game = cls.new(scenario, seed)
        for record in records:
            if upto is not None and record.turn >= upto:
                break
            for side in SIDES:
                for text in record.orders.get(side, []):
                    try:
                        game.queue(side, Order.parse(text))
                    except (OrderSyntaxError, IllegalOrder) as exc:
                        error = exc.args[0] if len(exc.args) == 1 else str(exc)
                        raise ReplayDivergence(record.turn, Phrase(
                            N_("recorded order rejected: {error}"), error=error)) from None
            rationales = {(k.split(" ", 1)[0], k.split(" ", 1)[1]): v
                          for k, v in record.rationales.items()}
            game.end_turn(record.reason, rationales)
            actual = game.records[-1].digest
            if verify and actual != record.digest:
                raise ReplayDivergence(record.turn, Phrase(
                    N_("state digest {actual} differs from the recorded {recorded}"),
                    actual=actual, recorded=record.digest))
        return game
