"""The advisor's suggestion beside the player's own queue; applied only on a key press."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from ...ai.advisor import Advice
from ...engine import Order
from ...i18n import _, localized
from ..session import Session, describe_order
from .base import ClosesOnce


class AdvisorScreen(ClosesOnce, ModalScreen[bool]):
    """Shows the advice and the queue side by side. `y` replaces the queue with the
    advice (dismisses True); Escape or `n` leaves the queue as it is (False)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "apply", _("Use this advice")),
        Binding("escape,n", "close", _("Keep my orders")),
    ]

    def __init__(self, session: Session, advice: Advice) -> None:
        super().__init__()
        self.session = session
        self.advice = advice

    def _lines(self, orders: list[Order]) -> str:
        scenario = self.session.scenario
        return "\n".join(f"• {describe_order(scenario, o)}  [{o}]" for o in orders) or \
            _("(no orders)")

    def compose(self) -> ComposeResult:
        advice = self.advice
        with Vertical(classes="dialog wide", id="advisor"):
            yield Label(Content.assemble(
                (_("The advisor's suggestion for turn {turn}").format(turn=advice.turn),
                 "bold"),
                "\n" + _("It weighed {n} order sets by playing each a few turns ahead on "
                         "what you know; nothing is queued unless you say so.").format(
                             n=advice.weighed)))
            with Horizontal(id="advisor-columns"):
                with Vertical():
                    yield Label(Content.styled(_("Advisor"), "bold"))
                    yield Static(self._lines([Order.parse(t) for t in advice.orders]),
                                 id="advisor-suggested", markup=False)
                with Vertical():
                    yield Label(Content.styled(_("Your queue"), "bold"))
                    yield Static(self._lines(self.session.queued()), id="advisor-queue",
                                 markup=False)
            yield Static(_("Why: {label}: {reasons}.").format(
                label=localized(advice.label), reasons=localized(advice.reasons)),
                         id="advisor-reasons", markup=False)
            yield Label(_("y: replace your queue with this advice    Esc or n: keep your "
                          "orders"))

    def action_apply(self) -> None:
        self.dismiss(True)

    def action_close(self) -> None:
        self.dismiss(False)
