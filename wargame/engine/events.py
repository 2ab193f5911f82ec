"""Events: what happened in a turn, with the odds and roll of every chance."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Literal

Visibility = Literal["all", "junta", "insurgency"]


@dataclass(frozen=True, slots=True, eq=False)
class Event:
    turn: int
    phase: str                       # events, junta, insurgency, convoys, economy, ...
    kind: str                        # e.g. ambush, convoy, raid, coup_check, scripted
    # One neutral sentence a student understands (`text`), or what writes it on first
    # reading: a rule's English is rendered from its template only when someone reads it
    # (a headless game or a planner's rollout never does; rendering was a fifth of a turn).
    written: str | Callable[[], str]
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

    @property
    def text(self) -> str:
        """The event's English sentence (the record; `template` for other languages)."""
        written = self.written
        if not isinstance(written, str):
            written = written()
            object.__setattr__(self, "written", written)
        return written

    def _key(self) -> tuple[object, ...]:
        return (self.turn, self.phase, self.kind, self.text, self.side, self.order, self.odds,
                self.roll, self.success, self.source, self.visible_to, self.rationale)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Event) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __getstate__(self) -> tuple[object, ...]:
        # Sent to another process or copied: written first (a closure does not pickle).
        return (self.turn, self.phase, self.kind, self.text, self.side, self.order,
                self.odds, self.roll, self.success, self.source, self.visible_to,
                self.rationale, self.template, self.params)

    def __setstate__(self, state: tuple[object, ...]) -> None:
        for name, value in zip(_FIELDS, state, strict=True):
            object.__setattr__(self, name, value)

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


_FIELDS = ("turn", "phase", "kind", "written", "side", "order", "odds", "roll", "success",
           "source", "visible_to", "rationale", "template", "params")
