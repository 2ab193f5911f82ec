"""The orders possible at the selected place, and the turn's queue."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from ...engine import Order
from ...i18n import N_, _, localized
from ..messages import OrderDescribe, OrderPicked, OrderUnqueued
from ..screens.base import translate_bindings
from ..session import OrderRow
from .safelist import SafeOptionList

HEADINGS = {"here": N_("Here"), "region": N_("In the region"), "nationwide": N_("Nationwide")}


def order_prompt(row: OrderRow) -> Content:
    """What the order is; then its cost and odds, or why it is not possible; then what it
    would do (the order guide's effect summary: a light and a heavy escort differ)."""
    if row.reason is None:
        odds = (_(" · {odds}% to succeed").format(odds=row.odds) if row.odds is not None
                else _(" · no roll"))
        prompt = Content.assemble(("+ ", "bold $success"), (row.label, "bold"), "\n  ",
                                  (row.cost + odds, "$text-muted"))
    else:
        odds = f" · {row.odds}%" if row.odds is not None else ""
        prompt = Content.assemble(("✗ ", "bold"), row.label, "\n  ",
                                  (_("not now: {reason} ({cost}{odds})").format(
                                      reason=localized(row.reason), cost=row.cost,
                                      odds=odds), "italic"))
    if row.effect:
        prompt = Content.assemble(prompt, "\n  ", (row.effect, "italic $text-muted"))
    return prompt


def _nearest_enabled(options: Sequence[Option], index: int | None) -> int | None:
    """The option to highlight: `index` if it may be chosen; else the next one that may
    (an order just queued is no longer possible: the highlight moves on to the next
    order, not back to the top), else the one before; else the first."""
    enabled = [i for i, o in enumerate(options) if not o.disabled]
    if not enabled:
        return None
    if index is None:
        return enabled[0]
    after = [i for i in enabled if i >= index]
    return after[0] if after else enabled[-1]


class OrderList(SafeOptionList):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back_to_map", N_("Map"), show=False),
        # `?` describes the highlighted order while a list of orders has focus (a focused
        # widget's keys come before the screen's, whose `?` opens the help: F1 still does).
        Binding("question_mark", "describe", N_("About order"), key_display="?"),
    ]

    def on_mount(self) -> None:
        # A widget's keys are read when its class is made, before the language is chosen.
        translate_bindings(self)

    def action_back_to_map(self) -> None:
        self.screen.query_one("MapView").focus()

    def action_describe(self) -> None:
        if self.highlighted is None:
            return
        ident = self.get_option_at_index(self.highlighted).id
        if ident is not None and not ident.startswith("heading:"):
            self.post_message(OrderDescribe(Order.parse(ident)))


class QueueList(OrderList):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("delete,backspace,x", "remove", N_("Remove"), show=True),
    ]

    def action_remove(self) -> None:
        if self.highlighted is not None:
            self.action_select()


class OrdersPanel(Vertical):
    """Lists; the screen sets `rows` and `queue`, the panel reports the player's choices."""

    DEFAULT_CSS = """
    OrdersPanel { height: 1fr; }
    OrdersPanel #available { height: 1fr; min-height: 4; }
    OrdersPanel #queue { height: auto; max-height: 6; }
    OrdersPanel Label { width: 100%; padding: 0 1; }
    OrdersPanel #queue-title { background: $boost; }
    """

    def compose(self) -> ComposeResult:
        yield OrderList(id="available")
        yield Label("", id="queue-title")
        yield QueueList(id="queue")

    def show(self, rows: list[OrderRow], keep: str | None = None) -> None:
        """Replace the list of orders; keep the highlight on `keep` (an order) if present."""
        available = self.query_one("#available", OptionList)
        previous = keep
        if previous is None and available.highlighted is not None:
            option = available.get_option_at_index(available.highlighted)
            previous = option.id
        options: list[Option | None] = []
        group = None
        for row in rows:
            if row.where != group:
                group = row.where
                options.append(Option(Content.styled(f"── {_(HEADINGS[group])} ──", "bold"),
                                      id=f"heading:{group}", disabled=True))
            options.append(Option(order_prompt(row), id=str(row.order),
                                  disabled=row.reason is not None))
        if not rows:
            options.append(Option(_("No order concerns this place."), id="heading:none",
                                   disabled=True))
        available.set_options(options)
        index = None
        if previous is not None:
            try:
                index = available.get_option_index(previous)
            except Exception:
                index = None
        available.highlighted = _nearest_enabled(available.options, index)

    def show_queue(self, queued: list[Order], labels: dict[str, str], used: int, total: int,
                   committed: str) -> None:
        title = self.query_one("#queue-title", Label)
        title.update(Content.assemble((_("Queued {used} of {total}").format(
                                          used=used, total=total), "bold"),
                                      f" · {committed}" if committed else "",
                                      _(" · Enter/x removes, u undoes") if queued else ""))
        queue = self.query_one("#queue", OptionList)
        # Numbered in the order they resolve (✕ is the map's mark of a cut road).
        queue.set_options([Option(Content.assemble((f"{i}. ", "bold"), labels[str(o)]),
                                  id=str(o)) for i, o in enumerate(queued, 1)])
        if queued:
            queue.highlighted = len(queued) - 1

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is None or event.option.id.startswith("heading:"):
            return
        order = Order.parse(event.option.id)
        if event.option_list.id == "queue":
            self.post_message(OrderUnqueued(order))
        else:
            self.post_message(OrderPicked(order))
