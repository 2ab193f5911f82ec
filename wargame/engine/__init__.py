"""The rules engine: pure, deterministic, no I/O. See README for the architecture."""

from .events import Event
from .legality import IllegalOrder, check_order, legal_orders, queue_order, unqueue_last
from .odds import order_odds
from .orders import ORDER_KINDS, SIDES, Order, OrderSyntaxError, Side
from .resolve import TurnResult, ending_of, new_game, resolve_turn
from .scenario import Scenario
from .state import GameState
from .view import View, observe

__all__ = [
    "ORDER_KINDS", "SIDES", "Event", "GameState", "IllegalOrder", "Order", "OrderSyntaxError",
    "Scenario", "Side", "TurnResult", "View", "check_order", "ending_of", "legal_orders",
    "new_game", "observe", "order_odds", "queue_order", "resolve_turn", "unqueue_last",
]
