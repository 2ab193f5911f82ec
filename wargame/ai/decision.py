"""A bot's decision: the order it chose and why, structured and as a plain sentence."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..engine import Order


@dataclass(frozen=True)
class FilterStep:
    """One filter of a doctrine applied to the candidates."""

    name: str
    before: int
    after: int
    skipped: bool = False      # it left nothing, so it was ignored
    kept: tuple[str, ...] = () # the candidates it kept (text forms), for short lists

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"filter": self.name, "before": self.before, "after": self.after}
        if self.skipped:
            data["skipped"] = True
        if self.kept:
            data["kept"] = list(self.kept)
        return data


@dataclass(frozen=True)
class Decision:
    side: str
    order: Order
    sentence: str                          # what a student reads
    priority: str = ""                     # the doctrine priority that produced it
    steps: tuple[FilterStep, ...] = ()
    odds: int | None = None
    tie_break: bool = False                # the seeded generator chose among equals
    extra: dict[str, Any] = field(default_factory=dict)
    public: str = ""                       # the sentence without the side's hidden numbers

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"side": self.side, "order": str(self.order),
                                "sentence": self.sentence}
        if self.public and self.public != self.sentence:
            data["public_sentence"] = self.public
        if self.priority:
            data["priority"] = self.priority
        if self.steps:
            data["filters"] = [s.to_dict() for s in self.steps]
        if self.odds is not None:
            data["odds"] = self.odds
        if self.tie_break:
            data["tie_break"] = True
        data.update(self.extra)
        return data
