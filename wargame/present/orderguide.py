"""The order guide as a student reads it: an order's one-line effect (from the engine's
`effect_summary`, with the odds before and after from the side's own view) and its full
description with the articles it comes from (`help escort`, `?` on the orders panel)."""

from __future__ import annotations

from ..engine.guide import Summary, effect_summary
from ..engine.ledger import render
from ..engine.legality import candidate_orders, legal_orders
from ..engine.orders import ORDER_KINDS, Order, Side
from ..engine.safetext import printable
from ..engine.state import GameState
from ..i18n import _, local_numbers, localized, template
from .articles import cite
from .ledgertext import names_of


def effect_line(state: GameState, side: Side, order: Order, limit: int | None = None) -> str:
    """What `order` would do now, in one line (empty when the guide says nothing); with
    `limit`, only its first clauses (the guide puts the main effect and the odds first)."""
    summary = effect_summary(state, side, order)
    if limit is not None:
        summary = Summary(summary.order, summary.clauses[:limit])
    # The clauses are the engine's templates: translated here, then filled.
    names = names_of(state.scenario)
    texts = [(template(t, p), p) for t, p in summary.clauses]
    return " · ".join(render(text, local_numbers(text, p), names) for text, p in texts)


def order_kind_of(word: str) -> str | None:
    """The order kind a typed word names (`escort`, `africa_corps`), or None."""
    key = word.strip().lower().replace("_", "-")
    return key if key in ORDER_KINDS else None


def examples(state: GameState, side: Side, kind: str) -> list[Order]:
    """Orders of `kind` to show the effect of: the legal ones first (an escort light and
    heavy on one corridor, so the two read side by side)."""
    pool = legal_orders(state, side, kind) or [
        o for o in candidate_orders(state.scenario, side) if o.kind == kind]
    if not pool:
        return []
    first = pool[0]
    if kind == "escort":
        return [o for o in pool if o.args[0] == first.args[0]][:2]
    return [first]


def order_help(state: GameState, side: Side, kind: str) -> list[str]:
    """The full description of an order kind in the scenario, its effect now and its
    sources, as lines. An order of the other side is described without its effect now
    (which would read the other side's hidden numbers)."""
    owner = ORDER_KINDS[kind].side
    spec = state.scenario.order_specs[owner].get(kind)
    if spec is None:
        return [_("'{kind}' is not an order of this scenario.").format(kind=kind)]
    label = _(ORDER_KINDS[kind].label)   # the engine's label, marked N_ there
    lines = [f"{label} ({kind})" if owner == side else
             _("{label} ({kind}), an order of the other side").format(label=label, kind=kind)]
    lines.append(printable(localized(spec.description)) if spec.description
                 else _("(This scenario gives no description of it.)"))
    for order in examples(state, side, kind) if owner == side else []:
        effect = effect_line(state, side, order)
        if effect:
            lines.append(_("Now, '{order}': {effect}").format(order=str(order), effect=effect))
    if spec.sources:
        lines.append(_("Sources: {sources}").format(
            sources="; ".join(cite(s) for s in spec.sources)))
    return lines


def side_kinds(state: GameState, side: Side) -> list[str]:
    return list(state.scenario.order_specs[side])
