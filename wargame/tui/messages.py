"""Messages the widgets send up to the screens ("attributes down, messages up")."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

from textual.message import Message

from ..engine import Order, TurnResult


class PlaceSelected(Message):
    """The map cursor moved to a town, or a route was picked."""

    def __init__(self, kind: Literal["town", "route"], ident: str) -> None:
        super().__init__()
        self.kind = kind
        self.ident = ident


class OrderPicked(Message):
    """The player chose an order to queue."""

    def __init__(self, order: Order) -> None:
        super().__init__()
        self.order = order


class OrderUnqueued(Message):
    """The player asked to take a queued order back."""

    def __init__(self, order: Order) -> None:
        super().__init__()
        self.order = order


class TurnResolved(Message):
    """Posted by the end-of-turn worker: the insurgency decided and the turn resolved."""

    def __init__(self, result: TurnResult | None, decisions: Sequence[Any],
                 error: str | None = None, elapsed_ms: float = 0.0) -> None:
        super().__init__()
        self.result = result
        self.decisions = list(decisions)
        self.error = error
        self.elapsed_ms = elapsed_ms


class OrderDescribe(Message):
    """The player asked what an order does (`?` on a list of orders)."""

    def __init__(self, order: Order) -> None:
        super().__init__()
        self.order = order


class AdviceReady(Message):
    """Posted by the advisor's worker: its suggestion (an `ai.advisor.Advice`), or the
    error that stopped it."""

    def __init__(self, advice: Any, error: str | None) -> None:
        super().__init__()
        self.advice = advice
        self.error = error
