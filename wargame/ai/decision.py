"""A bot's decision: the order it chose and why, structured and as a plain sentence."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
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


class Decision:
    """A bot's choice: the order, the doctrine priority and filters behind it, its odds,
    and why, as a sentence a student reads (`sentence`) and as the other side may read it
    (`public`, without the side's hidden numbers).

    The sentences may be given, or written on first reading by `explain` (which returns
    both): a headless game reads none of them, and writing them is a sixth of a bot's
    work. `explain` must only read what the decision was made from (a view is a copy, so
    it is the same later)."""

    __slots__ = ("side", "order", "priority", "steps", "odds", "tie_break", "extra",
                 "_sentence", "_public", "_explain")

    def __init__(self, side: str, order: Order, sentence: str = "", priority: str = "",
                 steps: tuple[FilterStep, ...] = (), odds: int | None = None,
                 tie_break: bool = False, extra: dict[str, Any] | None = None,
                 public: str = "",
                 explain: Callable[[], tuple[str, str]] | None = None) -> None:
        self.side = side
        self.order = order
        self.priority = priority            # the doctrine priority that produced it
        self.steps = steps
        self.odds = odds
        self.tie_break = tie_break          # the seeded generator chose among equals
        self.extra: dict[str, Any] = {} if extra is None else extra
        self._sentence = sentence
        self._public = public
        self._explain = explain

    def _written(self) -> None:
        if self._explain is not None:
            self._sentence, self._public = self._explain()
            self._explain = None

    @property
    def sentence(self) -> str:
        """What a student reads."""
        self._written()
        return self._sentence

    @property
    def public(self) -> str:
        """The sentence without the side's hidden numbers ("" when it is the same)."""
        self._written()
        return self._public

    def __reduce__(self) -> tuple[Any, ...]:
        # Sent to another process (simulate's workers): written first, a closure is not.
        return (Decision, (self.side, self.order, self.sentence, self.priority, self.steps,
                           self.odds, self.tie_break, self.extra, self.public))

    def __repr__(self) -> str:
        return f"Decision({self.side!r}, {str(self.order)!r}, priority={self.priority!r})"

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
