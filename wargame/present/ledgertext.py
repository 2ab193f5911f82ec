"""The causal ledger as a student reads it: for each track that moved in a turn, one line
(`Army cohesion 55 → 48`) and its causes underneath, largest first, each with its amount
and where it comes from; small causes folded into "other (n causes)". One implementation
for the board's report, plain mode and the after-action report.

Values before a turn are the values after it less the ledger's sum, which the engine
guarantees exact (tests/engine/test_engine_ledger.py); so a group needs only the entries
of the turn and the track values after it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..engine.ledger import TRACKS, Entry, render, visible
from ..engine.scenario import Scenario
from ..engine.state import GameState
from ..i18n import (
    _,
    format_number,
    list_separator,
    local_numbers,
    localized,
    ngettext,
    template,
)
from .tracks import track_name

Key = tuple[str, str | None]          # (track, region)
Names = Callable[[str, str], str]     # (kind, id) -> name, e.g. Scenario.name_of

SHOWN = 4            # at most this many causes before the fold
SMALL_SHARE = 0.1    # causes under this share of a group's movement are folded


def names_of(scenario: Scenario) -> Names:
    """`Scenario.name_of` in the current language: the engine names things in English,
    and the scenario's names carry their translations (`LocalText`)."""
    tables: dict[str, Mapping[str, Any]] = {"town": scenario.towns, "region": scenario.regions,
                                            "corridor": scenario.corridors}

    def name(kind: str, ident: str) -> str:
        table = tables.get(kind)
        if table is not None and ident in table:
            return localized(table[ident].name)
        if kind == "route" and ident in scenario.routes:
            return route_label(scenario, ident)
        if kind == "event":
            title = next((e.title for e in scenario.spec.events if e.id == ident), None)
            if title is not None:
                return localized(title)
        return localized(scenario.name_of(kind, ident))   # a road's label: a phrase
    return name


def route_label(scenario: Scenario, route_id: str) -> str:
    """`Bougouni–Ouéléssébougou (RN7)` with the towns' names in the current language (the
    road's own label is the scenario's, as written)."""
    return localized(scenario.route_label(route_id))


def cause_text(entry: Entry, names: Names | None = None) -> str:
    """An entry's cause in the current language: its template translated, then filled
    (the engine's own `Entry.text` is English)."""
    text = template(entry.cause, entry.params)
    return render(text, local_numbers(text, entry.params), names)


def track_values(state: GameState) -> dict[Key, int]:
    """Every ledger track's value now, per region where it is regional."""
    values: dict[Key, int] = {
        ("fuel_stock", None): state.fuel_stock,
        ("fuel_price_index", None): state.fuel_price,
        ("treasury", None): state.treasury,
        ("cohesion", None): state.cohesion,
        ("isolation", None): state.isolation,
        ("insurgent_funds", None): state.funds,
    }
    for table, name in ((state.support_junta, "junta_support"),
                        (state.support_insurgency, "insurgent_support"),
                        (state.grievance, "grievance"), (state.fighters, "fighters")):
        for region, value in table.items():
            values[(name, region)] = value
    return values


def values_after_each(start: Mapping[Key, int],
                      ledgers: Iterable[Iterable[Entry]]) -> list[dict[Key, int]]:
    """The tracks' values after each turn, from their values at the start and each turn's
    ledger (exact: the entries sum to every change)."""
    now = dict(start)
    out: list[dict[Key, int]] = []
    for ledger in ledgers:
        for e in ledger:
            key = (e.track, e.region)
            now[key] = now.get(key, 0) + e.delta
        out.append(dict(now))
    return out


def turn_groups(entries: Iterable[Entry], state: GameState, side: str) -> list[Group]:
    """The groups of a turn's ledger as `side` may read them, with the values of `state`
    (the state right after that turn)."""
    return groups(seen_by(entries, state, side), track_values(state), names_of(state.scenario),
                  state.scenario.spec.tracks.fuel_use_m3_per_day)


def seen_by(ledger: Iterable[Entry], state: GameState, side: str) -> list[Entry]:
    """The entries `side` may read (fog of war)."""
    fog = state.scenario.spec.fog
    return visible(ledger, side, sees_treasury=side == "junta" or fog.insurgency_sees_treasury)


@dataclass(frozen=True)
class Cause:
    """One cause of a change: its words, its amount and where it comes from."""

    text: str
    delta: int
    source: str        # "004", an order or an event title; may be empty
    count: int = 1     # entries merged into it (the same words and source)


@dataclass(frozen=True)
class Group:
    """A track (in a region, for regional tracks) that moved in a turn, with why."""

    track: str
    region: str | None
    label: str         # "Army cohesion", "Support for the junta in Bamako District"
    before: int
    after: int
    causes: tuple[Cause, ...]      # largest first, shown
    folded: tuple[Cause, ...]      # small causes, behind "other (n causes)"
    unit: str = ""                 # " m³" for the fuel stock
    per_day: int = 0               # the fuel stock's normal use a day, to show it in days

    @property
    def change(self) -> int:
        return self.after - self.before

    def headline(self) -> str:
        """`Army cohesion 55 → 48`; the fuel stock in days, then in cubic metres."""
        if self.per_day:
            return _("{label} {before} → {after} days ({m3_before} → {m3_after} m³)").format(
                label=self.label, before=self.before // self.per_day,
                after=self.after // self.per_day, m3_before=format_number(self.before),
                m3_after=format_number(self.after))
        return _("{label} {before} → {after}").format(
            label=self.label, before=format_number(self.before),
            after=format_number(self.after))

    def other_label(self) -> str:
        total = sum(c.delta for c in self.folded)
        return ngettext("other ({n} cause)", "other ({n} causes)", len(self.folded)).format(
            n=len(self.folded)) + f" {signed(total)}{self.unit}"


def signed(value: int) -> str:
    """+4, −3 (a true minus sign), 0."""
    return ("+" + format_number(value) if value > 0
            else ("−" + format_number(-value) if value < 0 else "0"))


def source_of(entry: Entry, names: Names | None = None) -> str:
    """Where a cause comes from: the order or scripted event behind it, and the article of
    its rule by its short number (`004`)."""
    parts: list[str] = []
    if entry.order:
        parts.append(_("order: {order}").format(order=entry.order))
    if entry.event and entry.rule != "event":
        parts.append(_("event: {event}").format(
            event=names("event", entry.event) if names else entry.event))
    if entry.source:
        head = entry.source.split("_", 1)[0]
        parts.append(head if head.isdigit() else entry.source)
    return list_separator().join(parts)


def label_of(track: str, region: str | None, names: Names | None = None) -> str:
    name = track_name(track)
    if region is None:
        return name
    return _("{track} in {region}").format(
        track=name, region=names("region", region) if names else region)


def causes_of(entries: Iterable[Entry], names: Names | None = None) -> list[Cause]:
    """The entries as causes, the same words and source merged, largest first."""
    merged: dict[tuple[str, str], list[int]] = {}
    for e in entries:
        key = (cause_text(e, names), source_of(e, names))
        slot = merged.setdefault(key, [0, 0])
        slot[0] += e.delta
        slot[1] += 1
    causes = [Cause(text, delta, source, count)
              for (text, source), (delta, count) in merged.items() if delta]
    return sorted(causes, key=lambda c: (-abs(c.delta), c.text))


def fold(causes: Sequence[Cause]) -> tuple[tuple[Cause, ...], tuple[Cause, ...]]:
    """(shown, folded): the largest causes, and the small ones when there are two or more."""
    movement = sum(abs(c.delta) for c in causes)
    shown = [c for i, c in enumerate(causes)
             if i < SHOWN and abs(c.delta) >= SMALL_SHARE * movement]
    rest = list(causes[len(shown):])
    if len(rest) < 2:
        return tuple(causes), ()
    return tuple(shown), tuple(rest)


def groups(entries: Iterable[Entry], after: Mapping[Key, int],
           names: Names | None = None, fuel_per_day: int = 0) -> list[Group]:
    """One group per track (and region) that moved, in the tracks' order, regions by name;
    with `fuel_per_day` the fuel stock's headline is in days too."""
    by_key: dict[Key, list[Entry]] = {}
    for e in entries:
        by_key.setdefault((e.track, e.region), []).append(e)
    out: list[Group] = []
    for (track, region), items in by_key.items():
        change = sum(e.delta for e in items)
        shown, folded = fold(causes_of(items, names))
        now = after.get((track, region), 0)
        fuel = track == "fuel_stock"
        out.append(Group(track, region, label_of(track, region, names), now - change, now,
                         shown, folded, unit=" m³" if fuel else "",
                         per_day=fuel_per_day if fuel else 0))
    order: dict[str, int] = {t: i for i, t in enumerate(TRACKS)}
    return sorted(out, key=lambda g: (order.get(g.track, 99), g.region is not None,
                                      g.label))


def cause_line(cause: Cause, unit: str = "") -> str:
    """`−4  fuel shortage in Bamako District  [004]`."""
    times = f" (×{cause.count})" if cause.count > 1 else ""
    where = f"  [{cause.source}]" if cause.source else ""
    return f"{signed(cause.delta)}{unit}  {cause.text}{times}{where}"


def group_lines(group: Group, *, expand: bool = False, indent: str = "    ") -> list[str]:
    """The group as text lines: the headline, then its causes (the folded ones listed under
    their fold when `expand`)."""
    lines = [group.headline()]
    lines += [indent + cause_line(c, group.unit) for c in group.causes]
    if group.folded:
        lines.append(indent + group.other_label())
        if expand:
            lines += [indent * 2 + cause_line(c, group.unit) for c in group.folded]
    return lines


def headline_groups(all_groups: Sequence[Group], capital: str) -> list[Group]:
    """What a turn report leads with: the national tracks and the capital's support."""
    return [g for g in all_groups
            if g.region is None or (g.track == "junta_support" and g.region == capital)]


def regional_groups(all_groups: Sequence[Group], capital: str) -> list[Group]:
    lead = set(map(id, headline_groups(all_groups, capital)))
    return [g for g in all_groups if id(g) not in lead]
