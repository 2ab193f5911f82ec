"""The rules engine: pure, deterministic, no I/O. See README for the architecture.

The names below are loaded on first use (PEP 562), not when the package is imported:
importing any module of the engine imports this package first, and a light module such
as `safetext` (which the command line's output needs before anything else) must not pull
in the rules and the scenario models with it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .events import Event
    from .legality import IllegalOrder, check_order, legal_orders, queue_order, unqueue_last
    from .odds import order_odds
    from .orders import ORDER_KINDS, SIDES, Order, OrderSyntaxError, Side
    from .resolve import TurnResult, ending_of, new_game, resolve_turn
    from .scenario import Scenario
    from .state import GameState
    from .view import View, observe

_WHERE = {
    "Event": "events", "IllegalOrder": "legality", "check_order": "legality",
    "legal_orders": "legality", "queue_order": "legality", "unqueue_last": "legality",
    "order_odds": "odds", "ORDER_KINDS": "orders", "SIDES": "orders", "Order": "orders",
    "OrderSyntaxError": "orders", "Side": "orders", "TurnResult": "resolve",
    "ending_of": "resolve", "new_game": "resolve", "resolve_turn": "resolve",
    "Scenario": "scenario", "GameState": "state", "View": "view", "observe": "view",
}

__all__ = [
    "ORDER_KINDS", "SIDES", "Event", "GameState", "IllegalOrder", "Order", "OrderSyntaxError",
    "Scenario", "Side", "TurnResult", "View", "check_order", "ending_of", "legal_orders",
    "new_game", "observe", "order_odds", "queue_order", "resolve_turn", "unqueue_last",
]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value  # the next access is a plain attribute
    return value
