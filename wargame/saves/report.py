"""The after-action review of a saved game, in Markdown or self-contained HTML.

Everything is derived from the save (replayed, so every event is back) and nothing else:
the same save always gives the same report, byte for byte. The review shows what the
junta could not see during play (JNIM's decisions and their rationale): it is a debrief.
"""

from __future__ import annotations

import html
from collections import Counter
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from ..ai.advisor import followed
from ..engine.events import Event
from ..engine.game import Game
from ..engine.resolve import ending_of, new_game
from ..engine.safetext import printable
from ..engine.turn import capital_region as engine_capital_region
from ..i18n import (
    N_,
    _,
    current_language,
    format_week,
    list_separator,
    localized,
    ngettext,
    pgettext,
)
from ..present.events import event_text
from ..present.ledgertext import (
    Group,
    cause_line,
    groups,
    headline_groups,
    names_of,
    track_values,
    values_after_each,
)
from ..present.summary import game_summary, summary_line
from .store import LoadedSave

SPARK = "▁▂▃▄▅▆▇█"

# What each source article is (from the design repository's shared/sources/README.md).
ARTICLES = {
    "000_9fd61ff9866508f9.txt": "News report: JNIM closes in on Bamako; fuel blockade; "
                                "evacuation advice (Sept to early Nov 2025)",
    "001_764bf12fb1b1f291.txt": "Analysis: JNIM's economic warfare and regional contagion (2025)",
    "002_23958e37953c3e1d.txt": "Long War Journal report: JNIM pushes closer to the capital "
                                "(January 2023)",
    "003_1b4bd8519a9fd793.txt": "Analysis: why Bamako is not about to fall (late 2025)",
    "004_d40ffa60bce7b676.txt": "Long-form analysis: the crisis deepens; JNIM captures "
                                "strongholds (Nov 2024 to Nov 2025)",
}

# Events that make the timeline: what a debrief would put on the wall.
_ALWAYS = {"town_lost", "power", "unrest", "desertion", "strike_shock", "game_over"}
_ON_SUCCESS = {"siege", "raid", "strike", "attack_site", "sabotage", "relieve", "coup_check"}


# ------------------------------------------------------------------ the analysis

@dataclass(frozen=True)
class TrackDef:
    key: str
    label: str
    floor: int     # the smallest change that counts as a full swing, for turning points


TRACKS = (
    TrackDef("fuel_days", N_("Bamako fuel (days of supply)"), 5),
    TrackDef("fuel_price", N_("Fuel price index"), 25),
    TrackDef("tankers", N_("Tankers destroyed (total)"), 40),
    TrackDef("treasury", N_("Treasury (billion CFA)"), 30),
    TrackDef("cohesion", N_("Army cohesion"), 10),
    TrackDef("isolation", N_("International isolation"), 10),
    TrackDef("junta_capital", N_("Junta support in Bamako"), 10),
    TrackDef("jnim_capital", N_("JNIM support in Bamako"), 10),
    TrackDef("towns_held", N_("Towns held by JNIM"), 2),
)


@dataclass
class Track:
    key: str
    label: str
    floor: int
    values: list[int]          # [0] at the start, [t] after turn t

    @property
    def low(self) -> int:
        return min(self.values)

    @property
    def high(self) -> int:
        return max(self.values)


@dataclass
class TurningPoint:
    turn: int
    score: Fraction
    changes: list[tuple[str, int, int]]     # label, before, after (largest first)
    events: list[Event]


@dataclass
class Review:
    save: LoadedSave
    game: Game
    tracks: list[Track]
    timeline: list[Event]
    turning_points: list[TurningPoint]
    insurgency_decisions: list[tuple[int, str, str]]   # turn, order, rationale
    citations: Counter[str] = field(default_factory=Counter)

    @property
    def scenario(self) -> Any:
        return self.game.scenario


def capital_region(game: Game) -> str:
    return engine_capital_region(game.state)  # the rules' own answer, not a second copy


def _track_value(key: str, snap: dict[str, Any], capital: str) -> int:
    if key == "junta_capital":
        return int(snap["junta_support"][capital])
    if key == "jnim_capital":
        return int(snap["insurgent_support"][capital])
    if key == "towns_held":
        return len(snap["towns_held"])
    field_of = {"fuel_days": "bamako_fuel_days", "fuel_price": "fuel_price_index",
                "tankers": "tankers_destroyed"}
    return int(snap[field_of.get(key, key)])


def tracks(game: Game) -> list[Track]:
    capital = capital_region(game)
    return [Track(d.key, d.label, d.floor,
                  [_track_value(d.key, s, capital) for s in game.snapshots]) for d in TRACKS]


def is_key_event(event: Event) -> bool:
    if event.kind in _ALWAYS:
        return True
    if event.phase in ("events", "conditions") and event.kind in ("scripted", "news"):
        return True
    return event.kind in _ON_SUCCESS and event.success is True


def turn_events(game: Game, turn: int) -> list[Event]:
    return game.records[turn - 1].events if 0 < turn <= len(game.records) else []


def turning_points(game: Game, series: list[Track], count: int = 3) -> list[TurningPoint]:
    """The turns with the largest swings: each track's change that turn, relative to the
    larger of its range over the game and a floor, summed over the tracks."""
    scored = []
    for turn in range(1, len(game.snapshots)):
        score = Fraction(0)
        changes = []
        for t in series:
            before, after = t.values[turn - 1], t.values[turn]
            if before == after:
                continue
            weight = Fraction(abs(after - before), max(t.high - t.low, t.floor))
            score += weight
            changes.append((weight, t.label, before, after))
        if score > 0:
            changes.sort(key=lambda c: (-c[0], c[1]))
            scored.append(TurningPoint(turn, score, [(c[1], c[2], c[3]) for c in changes[:3]],
                                       [e for e in turn_events(game, turn) if is_key_event(e)]))
    scored.sort(key=lambda p: (-p.score, p.turn))
    return scored[:count]


def insurgency_decisions(game: Game, key_turns: set[int]) -> list[tuple[int, str, str]]:
    """JNIM's key decisions: the first use of each kind of order, the orders behind a key
    event (a successful raid, siege, strike...), and every decision of a turning-point
    turn; each with its rationale (a `Phrase` in a game played now, translated where it
    is written; English text in a game read from a save, which keeps the sentence only)."""
    seen: set[str] = set()
    chosen = []
    for record in game.records:
        caused = {e.order for e in record.events
                  if e.side == "insurgency" and e.order and is_key_event(e)}
        for order in record.orders.get("insurgency", []):
            kind = order.split()[0]
            first = kind not in seen
            seen.add(kind)
            if first or record.turn in key_turns or order in caused:
                rationale = record.rationales.get(f"insurgency {order}", "")
                chosen.append((record.turn, order, rationale))
    return chosen


def citations(game: Game) -> Counter[str]:
    counts: Counter[str] = Counter()
    for record in game.records:
        for event in record.events:
            if event.source:
                counts[event.source] += 1
    return counts


def analyse(save: LoadedSave) -> Review:
    game = save.game
    series = tracks(game)
    points = turning_points(game, series)
    timeline = [e for r in game.records for e in r.events if is_key_event(e)]
    return Review(save, game, series, timeline, points,
                  insurgency_decisions(game, {p.turn for p in points}), citations(game))


# ------------------------------------------------------------------ shared wording

def sparkline(values: list[int]) -> str:
    low, high = min(values), max(values)
    if high == low:
        return SPARK[0] * len(values)
    return "".join(SPARK[(v - low) * (len(SPARK) - 1) // (high - low)] for v in values)


def week(game: Game, turn: int) -> str:
    """The first day of `turn`'s week in the reader's language (ISO in English)."""
    return format_week(game.scenario.turn_start(max(1, min(turn, game.scenario.turns))))


def sides_text(sides: dict[str, str]) -> str:
    names = {"junta": N_("junta"), "insurgency": "JNIM"}
    order = sorted(sides, key=lambda k: (k not in names, list(names).index(k)
                                          if k in names else 0, k))
    return list_separator().join(
        _("{side}: {player}").format(side=_(names.get(k, k)), player=sides[k]) for k in order)


def signed(delta: int) -> str:
    return f"+{delta}" if delta > 0 else f"−{-delta}" if delta < 0 else "±0"


def outcome_lines(game: Game) -> tuple[str, str, list[str]]:
    """(headline, explanation, sources) of the outcome."""
    state = game.state
    played = len(game.records)
    if state.outcome is None:
        return (_("In progress: {played} of {turns} turns played; the next turn is {turn} "
                  "(week of {date}).").format(played=played, turns=game.scenario.turns,
                                              turn=state.turn, date=week(game, state.turn)),
                _("The game has not ended; the review covers the turns played so far."), [])
    ending = ending_of(state)
    grade = _(GRADES.get(ending.grade, ending.grade.replace("_", " "))) if ending \
        else _("unknown")
    title = localized(ending.title) if ending else state.outcome
    head = _("{title} ({grade} for the junta), at the end of turn {turn} (week of {date})."
             ).format(title=title, grade=grade, turn=played, date=week(game, played))
    explanation = localized(ending.explanation) if ending else ""
    return head, explanation, list(ending.sources) if ending else []


def outcome_short(game: Game) -> str:
    if game.state.outcome is None:
        return _("in progress (turn {turn})").format(turn=game.state.turn)
    ending = ending_of(game.state)
    if ending is None:
        return game.state.outcome
    return f"{localized(ending.title)} ({_(GRADES.get(ending.grade, ending.grade))})"


def change_text(changes: list[tuple[str, int, int]]) -> str:
    return list_separator().join(f"{_(label)} {a} → {b} ({signed(b - a)})"
                                 for label, a, b in changes)


def orders_text(orders: list[str]) -> str:
    return ", ".join(orders) if orders else _("no orders")


def facts(review: Review) -> list[tuple[str, str]]:
    save, game = review.save, review.game
    meta = game.scenario.spec.meta
    h = save.header
    rows = [
        (pgettext("the save file", "Save"), save.name),
        (_("Scenario"), f"{localized(meta.title)} ({meta.id}, sha256 "
                        f"{h['scenario']['sha256'][:12]})"),
        (_("Seed"), str(game.seed)),
        (_("Sides"), sides_text(save.sides)),
        (_("Turns played"), _("{played} of {turns} (from {date})").format(
            played=len(game.records), turns=game.scenario.turns, date=week(game, 1))),
        (_("Saved with"), _("wargame {version}, save format {format}").format(
            version=h.get('game_version', '?'), format=h.get('format_version', '?'))),
    ]
    if save.parent:
        rows.append((_("Branched from"), _("{parent} at the start of turn {turn}").format(
            parent=save.parent, turn=save.branch_turn)))
    return rows


# ------------------------------------------------------------------ Markdown

def _md(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


# ------------------------------------------------------------------ what moved the tracks

LEDGER_INTRO = N_("Why each track moved, from the game's causal ledger. The debrief shows "
                  "everything, JNIM's funds included, which the junta could not see. Small "
                  "causes are gathered under “other”.")
WHOLE_GAME_INTRO = N_("Each track's change over the whole game by cause (the junta's support "
                      "in the capital; the other regional tracks summed over the regions).")
# An ending's grade as the scenario names it, translated where it is shown.
GRADES = {"decisive_victory": N_("decisive victory"), "victory": N_("victory"),
          "draw": N_("draw"), "defeat": N_("defeat"), "decisive_defeat": N_("decisive defeat")}


def ledger_by_turn(game: Game) -> list[tuple[int, list[Group]]]:
    """For each turn played, the national tracks that moved and the capital's support."""
    start = track_values(new_game(game.scenario, game.seed))
    after = values_after_each(start, (rec.ledger for rec in game.records))
    capital = capital_region(game)
    per_day = game.scenario.spec.tracks.fuel_use_m3_per_day
    out = []
    for rec, values in zip(game.records, after, strict=True):
        moved = [g for g in headline_groups(groups(rec.ledger, values, names_of(game.scenario),
                                                   per_day), capital) if g.change]
        out.append((rec.turn, moved))
    return out


def whole_game(game: Game) -> list[str]:
    """`Army cohesion: −31 from garrisons lost, …`, one line per track."""
    ledger = [e for rec in game.records for e in rec.ledger]
    return [summary_line(label, causes)
            for label, _net, causes in game_summary(ledger, capital_region(game),
                                                     names_of(game.scenario))]


def _folded_text(group: Group) -> str:
    return list_separator().join(cause_line(c, group.unit) for c in group.folded)


def _ledger_md(game: Game) -> list[str]:
    out = ["", "## " + _("What moved the tracks"), "", _(LEDGER_INTRO), ""]
    if not game.records:
        return out + [_("No turn has been played yet.")]
    out += ["### " + _("The whole game"), "", _(WHOLE_GAME_INTRO), ""]
    out += [f"- {_md(line)}" for line in whole_game(game)]
    for turn, moved in ledger_by_turn(game):
        out += ["", "### " + _("Turn {turn} ({date})").format(turn=turn, date=week(game, turn)),
                ""]
        if not moved:
            out.append(_("No national track moved."))
        for g in moved:
            out.append(f"- **{_md(g.headline())}**")
            out += [f"  - {_md(cause_line(c, g.unit))}" for c in g.causes]
            if g.folded:
                out.append(f"  - {_md(g.other_label())}: {_md(_folded_text(g))}")
    return out


def _ledger_html(game: Game) -> list[str]:
    out = ["<h2>" + _h(_("What moved the tracks")) + "</h2>", "<p>" + _e(_(LEDGER_INTRO)) + "</p>"]
    if not game.records:
        return out + ["<p>" + _h(_("No turn has been played yet.")) + "</p>"]
    out += ["<h3>" + _h(_("The whole game")) + "</h3>",
            "<p>" + _e(_(WHOLE_GAME_INTRO)) + "</p>", "<ul>"]
    out += [f"<li>{_e(line)}</li>" for line in whole_game(game)]
    out.append("</ul>")
    for turn, moved in ledger_by_turn(game):
        summary = _("Turn {turn} ({date})").format(turn=turn, date=week(game, turn))
        out.append(f"<details><summary>{_h(summary)}</summary>")
        if not moved:
            out.append("<p>" + _h(_("No national track moved.")) + "</p>")
        out.append("<ul>")
        for g in moved:
            causes = "".join(f"<li>{_e(cause_line(c, g.unit))}</li>" for c in g.causes)
            if g.folded:
                inner = "".join(f"<li>{_e(cause_line(c, g.unit))}</li>" for c in g.folded)
                causes += (f"<li><details><summary>{_e(g.other_label())}</summary>"
                           f"<ul>{inner}</ul></details></li>")
            out.append(f"<li><strong>{_e(g.headline())}</strong><ul>{causes}</ul></li>")
        out += ["</ul>", "</details>"]
    return out


# How far the player followed the advice, as `ai.advisor.followed` names it.
FOLLOWED = {"all": N_("all"), "some": N_("some"), "none": N_("none")}


def followed_text(value: str) -> str:
    return _(FOLLOWED[value]) if value in FOLLOWED else (value or "—")


@dataclass(frozen=True)
class AdviceRow:
    turn: int
    suggested: list[str]
    given: list[str] | None        # None: the turn was not played yet
    followed: str                  # all, some, none, or "" while the turn is open
    reasons: str
    outcome: str                   # the tracks' change over that turn, in words


def advice_rows(game: Game) -> list[AdviceRow]:
    """The advisor's last suggestion of each turn it was asked, against what the player
    gave and how that turn went (Bamako's fuel and support, cohesion)."""
    last: dict[int, dict[str, Any]] = {}
    for a in game.advice:
        last[a["turn"]] = a
    capital = capital_region(game)
    records = {rec.turn: rec for rec in game.records}
    rows = []
    for turn, a in sorted(last.items()):
        rec = records.get(turn)
        given = rec.orders.get("junta", []) if rec else None
        outcome = ""
        if rec and turn < len(game.snapshots):
            before, after = game.snapshots[turn - 1], game.snapshots[turn]
            fuel = after["bamako_fuel_days"] - before["bamako_fuel_days"]
            support = after["junta_support"][capital] - before["junta_support"][capital]
            outcome = _("fuel {fuel} days, Bamako support {support}, cohesion {cohesion}").format(
                fuel=signed(fuel), support=signed(support),
                cohesion=signed(after['cohesion'] - before['cohesion']))
        rows.append(AdviceRow(turn, list(a["orders"]), given,
                              followed(list(a["orders"]), given) if given is not None else "",
                              a["reasons"], outcome))
    return rows


def advice_summary(rows: list[AdviceRow], game: Game) -> str:
    played = [r for r in rows if r.given is not None]
    counts = Counter(r.followed for r in played)
    ending = ending_of(game.state)
    asked = _("The advisor was asked on {asked} turn(s); of those played, its advice was "
              "followed fully on {all}, in part on {some} and not at all on {none}.").format(
        asked=len(rows), all=counts['all'], some=counts['some'], none=counts['none'])
    if ending:
        asked += " " + _("The game ended: {ending}.").format(ending=localized(ending.title))
    return asked


def markdown(save: LoadedSave) -> str:
    r = analyse(save)
    game = r.game
    out: list[str] = ["# " + _("After-action review: {title}").format(
        title=localized(game.scenario.spec.meta.title)), ""]
    out += ["| | |", "|---|---|"]
    out += [f"| {k} | {_md(v)} |" for k, v in facts(r)]
    if save.note:
        out += ["", "**" + _("Situation note.") + "**", ""]
        out += [f"> {line}" if line else ">" for line in save.note.split("\n")]
    head, explanation, sources = outcome_lines(game)
    out += ["", "## " + _("Outcome"), "", f"**{head}**"]
    if explanation:
        out += ["", explanation]
    if sources:
        out += ["", _("Sources: {sources}").format(sources=", ".join(f"`{s}`" for s in sources))]

    out += ["", "## " + _("Timeline of key events"), ""]
    if not r.timeline:
        out.append(_("No key events yet."))
    for e in r.timeline:
        src = f" (`{e.source}`)" if e.source else ""
        # Translators: after a turn's number in bold, before what happened that week.
        when = _("({date}):").format(date=week(game, e.turn))
        out.append("- **" + _("Turn {turn}").format(turn=e.turn) + f"** {when} "
                   f"{event_text(e, names_of(game.scenario))}{src}")

    out += ["", "## " + _("The junta's decisions and the player's reasons"), ""]
    if not game.records:
        out.append(_("No turn has been played yet."))
    else:
        out += [_("| Turn | Week | Orders | Reason |"), "|---:|---|---|---|"]
        for rec in game.records:
            reason = f"“{_md(rec.reason)}”" if rec.reason else "—"
            out.append(f"| {rec.turn} | {week(game, rec.turn)} | "
                       f"{_md(orders_text(rec.orders.get('junta', [])))} | {reason} |")
    if save.pending_reason:
        out += ["", _("Reason being written for turn {turn}: “{reason}”").format(
            turn=game.state.turn, reason=save.pending_reason)]

    rows = advice_rows(game)
    if rows:
        out += ["", "## " + _("The advisor: asked, followed, and how it turned out"), "",
                advice_summary(rows, game), "",
                _("| Turn | Advisor suggested | Player gave | Followed | That turn |"),
                "|---:|---|---|---|---|"]
        for a in rows:
            given = (orders_text(a.given) if a.given is not None
                     else _("(not played yet)"))
            said = f"{orders_text(a.suggested)} ({localized(a.reasons)})"
            out.append(f"| {a.turn} | {_md(said)} | {_md(given)} | "
                       f"{followed_text(a.followed)} | {a.outcome or '—'} |")

    out += ["", "## " + _("The insurgency's key decisions"), ""]
    if not r.insurgency_decisions:
        out.append(_("None yet."))
    for turn, order, why in r.insurgency_decisions:
        out.append("- **" + _("Turn {turn}").format(turn=turn) + f"**, `{order}`"
                   + (f": {localized(why)}" if why else ""))

    out += ["", "## " + _("Tracks over time"), "",
            _("From the start (left) to the end of the last turn played (right)."), "",
            _("| Track | Over time | Start | End | Low | High |"), "|---|---|---:|---:|---:|---:|"]
    for t in r.tracks:
        out.append(f"| {_(t.label)} | `{sparkline(t.values)}` | {t.values[0]} | {t.values[-1]} "
                   f"| {t.low} | {t.high} |")

    out += ["", "## " + _("Turning points"), "",
            _("The turns with the largest swings across the tracks."), ""]
    if not r.turning_points:
        out.append(_("None: nothing moved."))
    for i, p in enumerate(r.turning_points, start=1):
        rec = game.records[p.turn - 1]
        out.append(f"{i}. **" + _("Turn {turn}").format(turn=p.turn)
                   + "** " + _("({date}):").format(date=week(game, p.turn))
                   + f" {change_text(p.changes)}.")
        out.append("   " + _("Junta orders: {orders}").format(
            orders=orders_text(rec.orders.get('junta', [])))
                   + (_("; reason: “{reason}”").format(reason=rec.reason) if rec.reason
                      else "."))
        for e in p.events[:3]:
            out.append(f"   - {event_text(e, names_of(game.scenario))}")

    out += _ledger_md(game)

    out += ["", "## " + _("Articles cited"), ""]
    out += _articles_md(r)
    return printable("\n".join(out) + "\n")  # names, reasons, notes: from the save


def _article_list(r: Review) -> list[tuple[str, str, int]]:
    listed = list(r.scenario.spec.meta.sources)
    extra = sorted(set(r.citations) - set(listed))
    return [(src, ARTICLES.get(src, ""), r.citations.get(src, 0)) for src in listed + extra]


def cited_text(count: int) -> str:
    """How often this game's events cite an article (the titles stay in English)."""
    if not count:
        return _("listed by the scenario, not cited by this game's events")
    return ngettext("cited by {n} event of this game", "cited by {n} events of this game",
                    count).format(n=count)


def _articles_md(r: Review) -> list[str]:
    lines = []
    for src, what, count in _article_list(r):
        desc = f": {what}" if what else ""
        lines.append(f"- `{src}`{desc} ({cited_text(count)})")
    return lines


# ------------------------------------------------------------------ HTML

_CSS = """body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;
line-height:1.45;color:#1b1b1b}table{border-collapse:collapse;margin:.5rem 0}
td,th{border:1px solid #bbb;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#eee}blockquote{border-left:4px solid #999;margin:0;padding:.2rem 1rem;
background:#f6f6f6}.charts{display:flex;flex-wrap:wrap;gap:1rem}figure{margin:0}
figcaption{font-size:.9rem}svg{background:#fafafa;border:1px solid #ddd}
code{background:#f0f0f0;padding:0 .2rem}"""


def _h(text: str) -> str:
    """The report's own words (from the catalogue), escaped as text: its English never
    escaped apostrophes, so neither does a translation."""
    return html.escape(text, quote=False)


# The decisions table's header, translated where it is written.
TABLE_HEADS = (N_("Turn"), N_("Week"), N_("Orders"), N_("Reason"))
ADVICE_HEADS = (N_("Turn"), N_("Advisor suggested"), N_("Player gave"), N_("Followed"),
                N_("That turn"))


def _e(text: object) -> str:
    """Text the report did not write itself (names, reasons, notes, events): sanitised,
    then escaped."""
    return html.escape(printable(str(text)), quote=True)


def svg_chart(track: Track, marks: list[int], width: int = 300, height: int = 110) -> str:
    """An inline SVG line chart of a track over the turns; turning points marked."""
    left, right, top, bottom = 34, 8, 8, 20
    values = track.values
    n = max(1, len(values) - 1)
    low, high = track.low, track.high
    span = max(1, high - low)

    def x(i: int) -> float:
        return left + (width - left - right) * i / n

    def y(v: int) -> float:
        return top + (height - top - bottom) * (high - v) / span

    points = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(values))
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" role="img" aria-label="' + _e(
                 _("{track}: {start} at the start, {end} at the end, low {low}, high {high}")
                 .format(track=_(track.label), start=values[0], end=values[-1], low=low,
                         high=high)) + '">']
    base = height - bottom
    parts.append(f'<line x1="{left}" y1="{base}" x2="{width - right}" y2="{base}" '
                 'stroke="#888"/>')
    parts.append(f'<line x1="{left}" y1="{top}" x2="{left}" y2="{base}" stroke="#888"/>')
    for turn in marks:
        if 0 < turn < len(values):
            parts.append(f'<line x1="{x(turn):.1f}" y1="{top}" x2="{x(turn):.1f}" '
                         f'y2="{base}" stroke="#d9822b" stroke-dasharray="3,3"/>')
    parts.append(f'<text x="{left - 4}" y="{top + 8}" font-size="10" '
                 f'text-anchor="end">{high}</text>')
    parts.append(f'<text x="{left - 4}" y="{base}" font-size="10" '
                 f'text-anchor="end">{low}</text>')
    start, last = _h(_("start")), _h(_("turn {turn}").format(turn=len(values) - 1))
    parts.append(f'<text x="{left}" y="{height - 6}" font-size="10">{start}</text>')
    parts.append(f'<text x="{width - right}" y="{height - 6}" font-size="10" '
                 f'text-anchor="end">{last}</text>')
    parts.append(f'<polyline fill="none" stroke="#2b6cb0" stroke-width="2" '
                 f'points="{points}"/>')
    parts.append("</svg>")
    return "".join(parts)


def html_report(save: LoadedSave) -> str:
    r = analyse(save)
    game = r.game
    title = _("After-action review: {title}").format(
        title=localized(game.scenario.spec.meta.title))
    out = ["<!DOCTYPE html>", f'<html lang="{current_language()}">', "<head>",
           '<meta charset="utf-8">',
           f"<title>{_e(title)}</title>", f"<style>{_CSS}</style>", "</head>", "<body>",
           f"<h1>{_e(title)}</h1>", "<table>"]
    out += [f"<tr><th>{_e(k)}</th><td>{_e(v)}</td></tr>" for k, v in facts(r)]
    out.append("</table>")
    if save.note:
        out.append("<p><strong>" + _h(_("Situation note.")) + "</strong></p><blockquote>"
                   + "<br>".join(_e(line) for line in save.note.split("\n")) + "</blockquote>")
    head, explanation, sources = outcome_lines(game)
    out += ["<h2>" + _h(_("Outcome")) + "</h2>", f"<p><strong>{_e(head)}</strong></p>"]
    if explanation:
        out.append(f"<p>{_e(explanation)}</p>")
    if sources:
        out.append("<p>" + _h(_("Sources: {sources}")).format(
            sources=", ".join(f"<code>{_e(s)}</code>" for s in sources)) + "</p>")

    out.append("<h2>" + _h(_("Timeline of key events")) + "</h2>")
    if not r.timeline:
        out.append("<p>" + _h(_("No key events yet.")) + "</p>")
    else:
        out.append("<ul>")
        for e in r.timeline:
            src = f" (<code>{_e(e.source)}</code>)" if e.source else ""
            out.append("<li><strong>" + _h(_("Turn {turn}").format(turn=e.turn)) + "</strong> "
                       f"({week(game, e.turn)}): "
                       f"{_e(event_text(e, names_of(game.scenario)))}{src}</li>")
        out.append("</ul>")

    heading = _("The junta's decisions and the player's reasons")
    out.append(f"<h2>{_h(heading)}</h2>")
    if not game.records:
        out.append("<p>" + _h(_("No turn has been played yet.")) + "</p>")
    else:
        out.append("<table><tr>" + "".join(f"<th>{_h(_(h))}</th>" for h in TABLE_HEADS)
                   + "</tr>")
        for rec in game.records:
            reason = f"“{_e(rec.reason)}”" if rec.reason else "—"
            out.append(f"<tr><td>{rec.turn}</td><td>{week(game, rec.turn)}</td>"
                       f"<td>{_e(orders_text(rec.orders.get('junta', [])))}</td>"
                       f"<td>{reason}</td></tr>")
        out.append("</table>")
    if save.pending_reason:
        out.append("<p>" + _h(_("Reason being written for turn {turn}: “{reason}”")).format(
            turn=game.state.turn, reason=_e(save.pending_reason)) + "</p>")

    rows = advice_rows(game)
    if rows:
        heading = _("The advisor: asked, followed, and how it turned out")
        out += [f"<h2>{_h(heading)}</h2>",
                f"<p>{_e(advice_summary(rows, game))}</p>",
                "<table><tr>" + "".join(f"<th>{_h(_(h))}</th>" for h in ADVICE_HEADS)
                + "</tr>"]
        for a in rows:
            given = (orders_text(a.given) if a.given is not None
                     else _("(not played yet)"))
            said = f"{orders_text(a.suggested)} ({localized(a.reasons)})"
            out.append(f"<tr><td>{a.turn}</td><td>{_e(said)}</td>"
                       f"<td>{_e(given)}</td><td>{_e(followed_text(a.followed))}</td>"
                       f"<td>{_e(a.outcome or '—')}</td></tr>")
        out.append("</table>")

    heading = _("The insurgency's key decisions")
    out.append(f"<h2>{_h(heading)}</h2>")
    if not r.insurgency_decisions:
        out.append("<p>" + _h(_("None yet.")) + "</p>")
    else:
        out.append("<ul>")
        for turn, order, why in r.insurgency_decisions:
            out.append("<li><strong>" + _h(_("Turn {turn}").format(turn=turn)) + "</strong>, "
                       f"<code>{_e(order)}</code>"
                       + (f": {_e(localized(why))}" if why else "") + "</li>")
        out.append("</ul>")

    marks = sorted(p.turn for p in r.turning_points)
    out += ["<h2>" + _h(_("Tracks over time")) + "</h2>",
            "<p>" + _h(_("From the start to the end of the last turn played; dashed lines "
                         "mark the turning points.")) + "</p>", '<div class="charts">']
    for t in r.tracks:
        caption = _("{track}: {start} → {end} (low {low}, high {high})").format(
            track=_(t.label), start=t.values[0], end=t.values[-1], low=t.low, high=t.high)
        out.append(f"<figure><figcaption>{_e(caption)}</figcaption>{svg_chart(t, marks)}"
                   "</figure>")
    out.append("</div>")

    out += ["<h2>" + _h(_("Turning points")) + "</h2>",
            "<p>" + _h(_("The turns with the largest swings across the tracks.")) + "</p>"]
    if not r.turning_points:
        out.append("<p>" + _h(_("None: nothing moved.")) + "</p>")
    else:
        out.append("<ol>")
        for p in r.turning_points:
            rec = game.records[p.turn - 1]
            reason = (_e(_("; reason: “{reason}”").format(reason=rec.reason)) if rec.reason
                      else ".")
            items = "".join(f"<li>{_e(event_text(e, names_of(game.scenario)))}</li>"
                            for e in p.events[:3])
            orders = _e(_("Junta orders: {orders}").format(
                orders=orders_text(rec.orders.get('junta', []))))
            out.append("<li><strong>" + _h(_("Turn {turn}").format(turn=p.turn)) + "</strong> "
                       f"({week(game, p.turn)}): "
                       f"{_e(change_text(p.changes))}.<br>{orders}{reason}"
                       + (f"<ul>{items}</ul>" if items else "") + "</li>")
        out.append("</ol>")

    out += _ledger_html(game)

    out += ["<h2>" + _h(_("Articles cited")) + "</h2>", "<ul>"]
    for src, what, count in _article_list(r):
        desc = f": {_e(what)}" if what else ""
        out.append(f"<li><code>{_e(src)}</code>{desc} ({_e(cited_text(count))})</li>")
    out += ["</ul>", "</body>", "</html>"]
    return "\n".join(out) + "\n"


def render(save: LoadedSave, fmt: str = "md") -> str:
    if fmt == "html":
        return html_report(save)
    if fmt == "md":
        return markdown(save)
    raise ValueError(f"unknown report format {fmt!r}")
