"""The causal ledger: every change to a track during a turn, with its cause.

Each rule that moves a track records an entry where it makes the change: the track, the
region where it applies, the amount, the phase and rule, a short cause in plain words,
the order or scripted event behind it and the article the rule comes from. A change the
track's bounds absorb is recorded as its own `clamp` entry, so that for every track and
region the entries of a turn sum exactly to the change.

Causes are English templates with named placeholders (`"abuses by the {force} in
{region}"`), rendered at the edge: ids in the placeholders `town`, `region`, `route`,
`corridor` and `event` become names (an event's title) there. The engine stores the
template and its parameters, never a rendered sentence, so the words can be chosen (and
translated) later without changing the game.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, overload

from .events import Visibility

TrackName = Literal[
    "fuel_stock", "fuel_price_index", "treasury", "cohesion", "isolation",
    "junta_support", "insurgent_support", "grievance", "insurgent_funds", "fighters",
]
TRACKS: tuple[TrackName, ...] = (
    "fuel_stock", "fuel_price_index", "treasury", "cohesion", "isolation",
    "junta_support", "insurgent_support", "grievance", "insurgent_funds", "fighters",
)
REGIONAL: frozenset[str] = frozenset({"junta_support", "insurgent_support", "grievance",
                                      "fighters"})
# What each side may not read of the other's tracks (fog of war): the junta never sees the
# insurgency's funds or its recruitment and losses as numbers.
HIDDEN_FROM_JUNTA: frozenset[str] = frozenset({"insurgent_funds", "fighters"})
HIDDEN_WITHOUT_TREASURY_INTEL: frozenset[str] = frozenset({"treasury", "cohesion"})

Params = Mapping[str, object]
# A template is a sentence with named placeholders, or (singular, plural, count key) where
# the wording depends on a number ("1 company", "3 companies").
Template = str | tuple[str, str, str]
# The raw form kept while a turn resolves: cheap to build on the hot path.
# (track, region, delta, phase, rule, cause, params, order, event, source)
RawEntry = tuple[str, str | None, int, str, str, Template, Params | None, str | None,
                 str | None, str | None]


def N_(template: str) -> str:
    """Marks a cause template for translation catalogues; returns it unchanged."""
    return template


def NP_(singular: str, plural: str, count: str) -> tuple[str, str, str]:
    """Marks a template whose wording follows the number in placeholder `count`."""
    return (singular, plural, count)


@dataclass(frozen=True, slots=True)
class Entry:
    """One change to one track, with why it happened."""

    turn: int
    track: str
    region: str | None        # the region it applies to (regional tracks), else None
    delta: int
    phase: str                # the resolution phase: junta, convoys, society, army...
    rule: str                 # the rule that made it, e.g. "fuel_shortage", "clamp"
    cause: Template           # in plain words, e.g. "fuel shortage in {region}"
    params: Params            # values of the template's placeholders
    order: str | None         # the order behind it, in its text form, if any
    event: str | None         # the scripted event behind it, if any
    source: str | None        # the article the rule comes from

    @property
    def visible_to(self) -> Visibility:
        return "insurgency" if self.track in HIDDEN_FROM_JUNTA else "all"

    def text(self, names: Callable[[str, str], str] | None = None) -> str:
        """The cause in English, with ids turned into names by `names(kind, id)`."""
        return render(self.cause, self.params, names)

    def to_dict(self, names: Callable[[str, str], str] | None = None) -> dict[str, object]:
        """The JSON form documented in the README (`simulate --json`)."""
        data: dict[str, object] = {
            "track": self.track, "region": self.region, "delta": self.delta,
            "cause": self.text(names), "rule": self.rule, "phase": self.phase,
            "order": self.order, "source": self.source,
        }
        if self.event is not None:
            data["event"] = self.event
        return data


# Placeholders whose values are ids, and the kind of thing each names.
ENTITY_KEYS = {"town": "town", "region": "region", "route": "route", "corridor": "corridor",
               "event": "event", "to_region": "region"}


def render(template: Template, params: Params | None,
           names: Callable[[str, str], str] | None = None) -> str:
    """Fill a template's placeholders (in English; the interface translates at the edge);
    entity ids become names through `names`."""
    if isinstance(template, tuple):
        singular, plural, count = template
        template = singular if (params or {}).get(count) == 1 else plural
    if not params:
        return template
    values = dict(params)
    if names is not None:
        for key, kind in ENTITY_KEYS.items():
            value = values.get(key)
            if isinstance(value, str):
                values[key] = names(kind, value)
    return template.format_map(values)


def entries(turn: int, raw: Iterable[RawEntry]) -> list[Entry]:
    return [Entry(turn, track, region, delta, phase, rule, cause, params or {}, order, event,
                  source)
            for track, region, delta, phase, rule, cause, params, order, event, source in raw]


class TurnLedger(Sequence[Entry]):
    """A turn's entries, made from the raw records only when first read.

    Most turns' ledgers are never read (a bot's rollouts, `simulate` without `--json`),
    and building the frozen entries was a fifth of a turn's resolution; so the raw tuples
    are kept and turned into `Entry` values on first use, once. It reads like a list of
    entries (index, slice, iterate, `len`, compare with a list).
    """

    __slots__ = ("_turn", "_raw", "_made")

    def __init__(self, turn: int, raw: list[RawEntry]) -> None:
        self._turn = turn
        self._raw = raw
        self._made: list[Entry] | None = None

    def _entries(self) -> list[Entry]:
        if self._made is None:
            self._made = entries(self._turn, self._raw)
            self._raw = []
        return self._made

    @overload
    def __getitem__(self, index: int) -> Entry: ...
    @overload
    def __getitem__(self, index: slice) -> list[Entry]: ...

    def __getitem__(self, index: int | slice) -> Entry | list[Entry]:
        return self._entries()[index]

    def __len__(self) -> int:
        return len(self._raw) if self._made is None else len(self._made)

    def __iter__(self) -> Iterator[Entry]:
        return iter(self._entries())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, TurnLedger):
            return self._entries() == other._entries()
        if isinstance(other, list):
            return self._entries() == other
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # equal to a list, so unhashable like one

    def __repr__(self) -> str:
        return repr(self._entries())


def visible(ledger: Iterable[Entry], side: str, *, sees_treasury: bool) -> list[Entry]:
    """The entries `side` may read: the junta's view hides the insurgency's funds and its
    fighters; the insurgency's hides the treasury and cohesion unless the scenario's fog
    lets it see them."""
    if side == "junta":
        return [e for e in ledger if e.track not in HIDDEN_FROM_JUNTA]
    if sees_treasury:
        return list(ledger)
    return [e for e in ledger if e.track not in HIDDEN_WITHOUT_TREASURY_INTEL]


def totals(ledger: Iterable[Entry]) -> dict[tuple[str, str | None], int]:
    """The net change per (track, region)."""
    out: dict[tuple[str, str | None], int] = {}
    for e in ledger:
        key = (e.track, e.region)
        out[key] = out.get(key, 0) + e.delta
    return out
