"""The order guide: what the highlighted order does, its effect now and its sources
(`?` on the orders panel)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from ...engine import Order
from ...i18n import N_, _
from ...present.orderguide import order_help
from ..session import Session, describe_order
from ..widgets.footer import Footer
from .base import ClosesOnce


def guide_content(session: Session, order: Order) -> Content:
    """The order's name, this order's effect, then the kind's description and sources."""
    lines = order_help(session.state, session.side, order.kind)
    parts: list[str | tuple[str, str]] = [(describe_order(session.scenario, order), "bold"),
                                          "\n\n"]
    effect = session.effect(order)
    if effect:
        parts += [(_("This order now: "), "bold"), effect, "\n\n"]
    parts += [(lines[0], "bold underline"), "\n"]
    for line in lines[1:]:
        parts += [line, "\n"]
    return Content.assemble(*parts)


class OrderGuideScreen(ClosesOnce, ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,enter", "close", N_("Close")),
    ]

    def __init__(self, session: Session, order: Order) -> None:
        super().__init__()
        self.session = session
        self.order = order

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog wide", id="order-guide"):
            yield Static(guide_content(self.session, self.order))
        yield Footer()

    def action_close(self) -> None:
        self.dismiss(None)
