"""Events: what happened in a turn, with the odds and roll of every chance."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

Visibility = Literal["all", "junta", "insurgency"]


@dataclass(frozen=True, slots=True)
class Event:
    turn: int
    phase: str                       # events, junta, insurgency, convoys, economy, ...
    kind: str                        # e.g. ambush, convoy, raid, coup_check, scripted
    text: str                        # one neutral sentence a student understands
    side: str | None = None          # who acted, if anyone
    order: str | None = None         # the order's text form, if an order caused it
    odds: int | None = None          # percent chance of success, for chance events
    roll: int | None = None          # 1..100; success when roll <= odds
    success: bool | None = None
    source: str | None = None        # article file name the rule or fact comes from
    visible_to: Visibility = "all"   # fog of war: who may read this event
    rationale: str | None = None     # a bot's explanation, when a bot chose the order
    # The sentence as a template (marked N_/NP_ where the rule writes it) and its params,
    # for the interface to translate at the edge, as it does the ledger's causes; `text`
    # is its English rendering. Neither is saved nor compared: `text` is the record.
    # (A list of (template, params) segments is a sentence and its optional follow-ups.)
    template: object = field(default=None, compare=False)
    params: Mapping[str, object] | None = field(default=None, compare=False)

    def to_dict(self) -> dict[str, object]:
        data: dict[str, object] = {"turn": self.turn, "phase": self.phase, "kind": self.kind,
                                   "text": self.text}
        for key in ("side", "order", "odds", "roll", "success", "source", "rationale"):
            value = getattr(self, key)
            if value is not None:
                data[key] = value
        if self.visible_to != "all":
            data["visible_to"] = self.visible_to
        return data
