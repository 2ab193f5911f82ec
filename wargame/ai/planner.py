"""The planning junta (`--junta planner`): it searches instead of following a doctrine.

Each turn it
1. builds a *scrubbed* copy of the game holding only what the junta may know: the
   insurgency's fighters, funds, weapons, rivals, queued orders and the game's own dice are
   replaced by estimates and a private stream (so it is fair by construction: nothing it
   does afterwards can read the true hidden numbers; tests poison them to prove it);
2. lists candidate order sets, pruned: first its *reference*, the historical doctrine's
   set adjusted as a student learns to (the patrol moved to the road where the
   insurgency's doctrine, played on the junta's picture, would strike; the least urgent
   order given to a campaign for support where an ending tests it, while that support is
   below its start, or to talks there while grievance blunts the campaign; a corridor
   road cut for weeks repaired); then the three junta doctrines' choices, the historical
   choice with an order swapped for an answer to each expected attack, with its last
   order swapped for (or extended by) the best target of each other order kind (a cheap
   heuristic on the junta's view picks the target), and sets that concentrate on one kind
   (every corridor escorted, say, or the first escort and as many reliefs as it can),
   up to budget / samples sets;
3. plays every candidate forward `DEPTH` turns on `samples` determinisations of the fog
   (fighters, funds and weapons drawn around the junta's estimates, dice of its own), the
   insurgency played by its doctrine, the junta's later turns by the historical doctrine;
   the same samples serve every candidate (common random numbers), so differences between
   candidates come from the orders, not the dice;
4. scores each end state by the scenario's `victory` section (`engine.goals`): an ending
   reached counts in full, otherwise the margins of the winning ending's conditions and the
   closeness of the losing endings' triggers, with the treasury (`evaluation.py`), and
   picks the best; a challenger must beat the reference set by MARGIN (ties and
   near-ties: the reference). A rollout of two turns cannot see what a campaign or a
   patrol is worth over a season, which is why the reference carries those lessons.

Its cost is counted in rollouts (`budget`), never in wall time, so a game is the same on
any machine and for any --jobs. Its random stream is derived from (seed, turn, side).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from ..engine import (
    GameState,
    Order,
    Scenario,
    check_order,
    legal_orders,
    observe,
    order_odds,
    queue_order,
)
from ..engine.ledger import N_
from ..engine.model import NotCondition, SupportCondition, TownStatusCondition
from ..engine.odds import campaign_odds_regained
from ..engine.phrase import Phrase, join
from ..engine.resolve import resolve_turn
from ..engine.rng import Stream, derive_state
from .builtin import insurgency_doctrine, junta_doctrine
from .decision import Decision
from .doctrine import _odds, play_doctrine
from .evaluation import evaluate
from .explain import sentences
from .filters import Context, capital_town
from .names import PLANNER_DEFAULT_BUDGET

DEFAULT_BUDGET = PLANNER_DEFAULT_BUDGET  # the command line's default (names.py)
DEPTH = 2               # turns each rollout plays: this one and the next
SAMPLES = 2             # determinisations of the fog per candidate at the default budget
DOCTRINES = ("historical", "defensive", "aggressive")
# A candidate's label names its doctrine (a `Phrase`, translated where it is shown).
_DOCTRINE_LABELS = {"historical": N_("historical doctrine"),
                    "defensive": N_("defensive doctrine"),
                    "aggressive": N_("aggressive doctrine")}
# How much better than the reference set a challenger must score to be chosen:
# with a few draws of the fog each, the best of thirty candidates is partly the luckiest
# (the winner's curse), so a small lead is not trusted.
MARGIN = 15


@dataclass(frozen=True)
class Candidate:
    label: str                      # "historical doctrine", "historical, escort → patrol"
    orders: tuple[Order, ...]


@dataclass
class Scored:
    candidate: Candidate
    value: int = 0                  # mean evaluation over the samples
    tracks: dict[str, int] = field(default_factory=dict)   # mean tracks after the rollout

    def to_dict(self) -> dict[str, Any]:
        return {"label": self.candidate.label, "orders": [str(o) for o in
                                                          self.candidate.orders],
                "value": self.value}


@dataclass(frozen=True)
class Plan:
    chosen: Scored
    weighed: tuple[Scored, ...]     # best first
    samples: int
    depth: int
    rollouts: int
    reasons: str                    # why the chosen set won, in a sentence


# ------------------------------------------------------------------ what the junta knows

def scrubbed(state: GameState) -> GameState:
    """A copy with the insurgency's hidden numbers replaced by what the junta can infer:
    fighters by its estimates, funds, weapons and rivals by the scenario's starting
    figures, the insurgency's queue emptied and the dice replaced by a private stream."""
    base = state.clone()
    spec = state.scenario.spec
    base.fighters = dict(state.fighter_estimate)
    base.funds = spec.sides.insurgency.funds
    base.weapons = spec.sides.insurgency.weapons
    base.rivals = {f"{a.id}:{r}": a.fighters for a in spec.sides.actors
                   if a.kind == "rival_insurgency" for r in a.regions}
    base.pending["insurgency"] = []
    base.rng = derive_state(state.seed, state.turn, "junta", "planner", "base")
    # The bots' tie-breaks come from streams derived from the seed: a seed of the
    # planner's own, so that the insurgency it imagines breaks its ties its own way.
    base.seed = derive_state(state.seed, "junta", "planner", "seed")
    return base


def determinised(base: GameState, sample: int) -> GameState:
    """One draw of the fog around the junta's estimates: each region's fighters within the
    estimate's error at that region's intelligence, funds and weapons within a third of
    the starting figures (the junta has no reading of them at all), and its own dice."""
    state = base.clone()
    stream = Stream(derive_state(base.seed, base.turn, "junta", "planner", "fog", sample))
    error = base.scenario.spec.fog.estimate_error_pct_at_zero_intel
    for region, estimate in base.fighter_estimate.items():
        pct = error * (100 - base.intel.get(region, 0)) // 100
        swing = stream.below(2 * pct + 1) - pct if pct else 0
        state.fighters[region] = max(0, estimate + estimate * swing // 100)
    state.funds = max(0, base.funds * (67 + stream.below(67)) // 100)
    state.weapons = max(0, base.weapons * (67 + stream.below(67)) // 100)
    state.rng = derive_state(base.seed, base.turn, "junta", "planner", "dice", sample)
    return state


# ------------------------------------------------------------------ candidates

def target_score(order: Order, state: GameState) -> int:
    """A cheap guess at how much an order's target matters, from the junta's view only
    (the scrubbed state's fighters are the junta's estimates)."""
    s, kind, args = state.scenario, order.kind, order.args
    capital_region = s.towns[capital_town(s)].region
    if kind == "escort":
        corridor = s.corridors[args[0]]
        heavy = 1 if args[1] == "heavy" else 0
        return corridor.tankers_per_week + 200 * state.blockades.get(args[0], 0) + heavy
    if kind in ("patrol", "repair"):
        near = sum(state.fighters[r] for r in s.route_regions[args[0]])
        return (100 * state.route_damage.get(args[0], 0) + near
                + 50 * state.checkpoints.get(args[0], 0))
    if kind in ("airstrike", "africa-corps", "crackdown"):
        return state.fighters[args[0]]
    if kind in ("info-campaign", "dialogue"):
        region = args[0]
        # A region whose support decides an ending (the capital's, in the main scenario)
        # comes before any other, however weak the regime is elsewhere.
        decisive = 200 if region in ending_regions(s) else 0
        return (100 - state.support_junta[region] + state.grievance[region] + decisive
                + (50 if region == capital_region else 0))
    if kind in ("reinforce", "relieve", "withdraw"):
        town = s.towns[args[0]]
        threat = {"besieged": 200, "contested": 100}.get(state.town_status[args[0]], 0)
        # A town whose status the junta's winning ending tests (the posts around the
        # capital, in the 2023 scenario) weighs as a besieged one would.
        decisive = 200 if args[0] in ending_towns(s) else 0
        score = threat + decisive + state.fighters[town.region] - 10 * state.garrison[args[0]]
        return -score if kind == "withdraw" else score
    return 0


def _leaves_of(condition: object) -> list[object]:
    """The leaf conditions under `condition` (through all, any and not)."""
    if isinstance(condition, NotCondition):
        return _leaves_of(condition.condition)
    children = getattr(condition, "conditions", None)
    if children:
        return [leaf for child in children for leaf in _leaves_of(child)]
    return [condition]


@cache
def ending_regions(scenario: Scenario) -> frozenset[str]:
    """The regions whose support an ending of the scenario tests."""
    return frozenset(leaf.region for ending in scenario.spec.victory.endings
                     for leaf in _leaves_of(ending.condition)
                     if isinstance(leaf, SupportCondition))


@cache
def ending_towns(scenario: Scenario) -> frozenset[str]:
    """The towns whose status a winning ending of the junta's tests."""
    return frozenset(leaf.town for ending in scenario.spec.victory.endings
                     if ending.grade in ("victory", "decisive_victory")
                     for leaf in _leaves_of(ending.condition)
                     if isinstance(leaf, TownStatusCondition))


def ranked_per_kind(state: GameState) -> dict[str, list[Order]]:
    """Each legal junta order kind's targets, best first by `target_score` (ties: the
    order listed first)."""
    ranked: dict[str, list[tuple[int, int, Order]]] = {}
    for index, order in enumerate(legal_orders(state, "junta")):
        ranked.setdefault(order.kind, []).append((-target_score(order, state), index, order))
    return {kind: [o for _, _, o in sorted(rows)] for kind, rows in sorted(ranked.items())}


def doctrine_set(base: GameState, name: str) -> tuple[Order, ...]:
    probe = base.clone()
    before = len(probe.pending["junta"])
    play_doctrine(probe, "junta", junta_doctrine(base.scenario, name), "standard")
    return tuple(probe.pending["junta"][before:])


def _legal_prefix(base: GameState, orders: tuple[Order, ...]) -> tuple[Order, ...]:
    """The orders that can be queued in turn (an order the money or capacity no longer
    allows after the others is dropped)."""
    probe = base.clone()
    kept: list[Order] = []
    for order in orders:
        if check_order(probe, "junta", order) is None:
            queue_order(probe, "junta", order)
            kept.append(order)
    return tuple(kept)


# What the junta answers each insurgent order kind with, when it expects one: an order of
# its own on the same road, town or corridor (the first whose target matches is proposed).
ANSWERS = {
    "ambush": ("patrol", "escort"), "kidnap": ("patrol", "escort"),
    "checkpoint": ("patrol",), "sabotage": ("patrol", "repair"),
    "blockade": ("escort",), "raid": ("reinforce",), "strike": ("reinforce",),
    "siege": ("reinforce", "relieve"),
}


def expected_attacks(base: GameState) -> tuple[Order, ...]:
    """The insurgency's orders this turn as the junta can foresee them: its doctrine (the
    scenario's, which the junta may read like any student) played on the junta's own
    picture of the game (`base` is scrubbed: estimates, not the true numbers)."""
    probe = base.clone()
    play_doctrine(probe, "insurgency", insurgency_doctrine(base.scenario), "standard")
    return tuple(probe.pending["insurgency"])


def answers(base: GameState, attacks: tuple[Order, ...],
            banned: frozenset[str]) -> list[Order]:
    """The junta's legal orders that meet the foreseen attacks where they will fall, the
    attack the doctrine puts first first."""
    legal = [o for o in legal_orders(base, "junta") if o.kind not in banned]
    found: list[Order] = []
    for attack in attacks:
        routes = [a for a in attack.args if a in base.scenario.routes]
        towns = [a for a in attack.args if a in base.scenario.towns]
        corridor = next((a for a in attack.args if a in base.scenario.corridors), None)
        if corridor is None and routes:
            corridor = base.scenario.routes[routes[0]].corridor
        for kind in ANSWERS.get(attack.kind, ()):
            for order in legal:
                if order.kind != kind or order in found:
                    continue
                first = order.args[0] if order.args else None
                if (first in routes or first in towns
                        or (kind == "escort" and first == corridor
                            and order.args[-1] == "heavy")):
                    found.append(order)
                    break
    return found


REFERENCE = N_("historical doctrine, adjusted")  # the label of the set challengers must beat
# Orders a doctrine gives for the week's supply and the capital's mood, kept by `adjusted`.
KEEP = ("escort", "patrol", "rural-fuel-ban", "reopen-schools", "repair")


def adjusted(base: GameState, historical: tuple[Order, ...], met: list[Order],
             ranked: dict[str, list[Order]]) -> tuple[Order, ...]:
    """The historical doctrine's set with three corrections a student learns from the
    game: its patrol moved to the road where the insurgency's doctrine would strike; its
    least urgent order (a strike or a sweep far from the roads) given instead to a
    campaign for support in a region an ending tests, while that support is below where
    it started (or to talks there first, while grievance over the pivot blunts the
    campaign); and a corridor road cut for two weeks or more repaired before anything
    but the first escort (the cut lets 30% of a convoy through in the main scenario)."""
    orders = list(historical)
    patrol = next((o for o in met if o.kind == "patrol"), None)
    same = [i for i, o in enumerate(orders) if o.kind == "patrol"]
    if patrol is not None and patrol not in orders and same:
        orders[same[0]] = patrol
    campaign = next((o for o in ranked.get("info-campaign", ())
                     if o.args[0] in ending_regions(base.scenario)), None)
    if campaign is not None and _below_start(base, campaign.args[0]):
        kept = [o for o in orders if o.kind in KEEP]
        orders = [*kept[:2], _talks_first(base, campaign, ranked), *kept[2:]]
    repair = next((o for o in ranked.get("repair", ()) if _cut_for_weeks(base, o.args[0])),
                  None)
    if repair is not None and repair not in orders:
        # Right after the first escort: the road the convoys need comes before the rest.
        at = next((i + 1 for i, o in enumerate(orders) if o.kind == "escort"), 0)
        orders = [*orders[:at], repair, *orders[at:]]
    return _legal_prefix(base, tuple(orders))


def _talks_first(base: GameState, campaign: Order,
                 ranked: dict[str, list[Order]]) -> Order:
    """A dialogue in the campaign's region instead of the campaign, while grievance there
    blunts the campaign's odds and easing it pays: the odds a success gives back to every
    campaign of the weeks left must be worth twice the campaign given up this week (the
    talks' own cost, and weeks the treasury may not fund). A rollout of two weeks sees
    the campaign's gain, not the talks', so the reference carries the lesson."""
    talks = next((o for o in ranked.get("dialogue", ()) if o.args == campaign.args), None)
    regained = campaign_odds_regained(base, campaign.args[0])
    if talks is None or not regained:
        return campaign
    weeks_left = max(0, base.scenario.turns - base.turn)
    talks_worth = (order_odds(base, talks) or 0) * regained * weeks_left
    campaign_worth = (order_odds(base, campaign) or 0) * 100
    return talks if talks_worth > 2 * campaign_worth else campaign


def _cut_for_weeks(state: GameState, route: str) -> bool:
    """A fuel corridor's road cut for this week's convoy and the next at least."""
    return (state.scenario.routes[route].corridor is not None
            and state.route_damage.get(route, 0) >= 2)


def _below_start(state: GameState, region: str) -> bool:
    start = state.scenario.spec.tracks.support.get(region)
    return start is None or state.support_junta[region] < start.junta


def candidates(base: GameState, limit: int,
               banned: frozenset[str] = frozenset()) -> list[Candidate]:
    """At most `limit` distinct order sets, the reference set first. Orders of a
    `banned` kind are left out of every set (to measure what each kind is worth)."""
    out: list[Candidate] = []
    seen: set[tuple[str, ...]] = set()

    def add(label: str, orders: tuple[Order, ...]) -> None:
        orders = tuple(o for o in orders if o.kind not in banned)
        key = tuple(sorted(map(str, orders)))
        if key not in seen and len(out) < limit:
            seen.add(key)
            out.append(Candidate(label, orders))

    sets = {name: doctrine_set(base, name) for name in DOCTRINES}
    met = answers(base, expected_attacks(base), banned)
    ranked = {k: v for k, v in ranked_per_kind(base).items() if k not in banned}
    reference = adjusted(base, sets["historical"], met, ranked)
    add(Phrase(REFERENCE), reference)
    for name in DOCTRINES:
        add(Phrase(_DOCTRINE_LABELS[name]), sets[name])
    historical = sets["historical"]
    # Meet the attacks the insurgency's doctrine would make on the junta's picture: each
    # answer in place of the doctrine's last order, then in place of the doctrine's order
    # of the same kind (a patrol where the ambush will be rather than where the doctrine
    # patrols), then all of them together.
    for alt in met:
        if alt in historical:
            continue
        same = [i for i, o in enumerate(historical) if o.kind == alt.kind]
        if same:
            kept = tuple(o for i, o in enumerate(historical) if i != same[0])
            add(Phrase(N_("historical, {old} → {order} (where the attack is expected)"),
                       old=str(historical[same[0]]), order=str(alt)),
                _legal_prefix(base, (*kept, alt)))
        if historical:
            add(Phrase(N_("historical, {kind} → {order} (where the attack is expected)"),
                       kind=historical[-1].kind, order=str(alt)),
                _legal_prefix(base, (*historical[:-1], alt)))
    if len(met) > 1:
        add(Phrase(N_("meet the expected attacks")), _legal_prefix(base, (*met, *historical)))
    for alternatives in ranked.values():
        alt = alternatives[0]
        if alt in historical:
            continue
        if historical:  # swap the doctrine's last (least urgent) order for this one
            swapped = _legal_prefix(base, (*historical[:-1], alt))
            add(Phrase(N_("historical, {kind} → {order}"), kind=historical[-1].kind,
                       order=str(alt)), swapped)
        add(Phrase(N_("historical + {order}"), order=str(alt)),
            _legal_prefix(base, (*historical, alt)))
    # Concentrated sets: as many of one kind as the capacity and money allow, best
    # targets first (every corridor escorted, say), which no doctrine gives. Each keeps
    # the reference's first escort: a week without one loses most of a convoy, which a
    # two-week rollout undercounts ("all on relieve", columns to three towns and no
    # escort, lost games the planner won without relief: planner_ban_trace.py).
    escort = next((o for o in reference if o.kind == "escort" and o.kind not in banned), None)
    for kind, alternatives in ranked.items():
        if len(alternatives) > 1:
            first = (escort,) if escort is not None and kind != "escort" else ()
            add(Phrase(N_("all on {kind}"), kind=kind),
                _legal_prefix(base, (*first, *alternatives)))
    return out


# ------------------------------------------------------------------ evaluation

# The tracks `_tracks` weighs, as its reasons name them (the keys stay in the JSON).
_TRACK_NAMES = {"fuel days": N_("fuel days"), "capital support": N_("capital support"),
                "cohesion": N_("cohesion"), "treasury": N_("treasury"),
                "towns lost": N_("towns lost")}


def _tracks(state: GameState) -> dict[str, int]:
    capital = state.scenario.towns[capital_town(state.scenario)].region
    return {"fuel days": state.fuel_days, "capital support": state.support_junta[capital],
            "cohesion": state.cohesion, "treasury": state.treasury,
            "towns lost": len(state.towns_held)}


def rollout(base: GameState, orders: tuple[Order, ...], sample: int, depth: int) -> GameState:
    state = determinised(base, sample)
    for order in orders:
        queue_order(state, "junta", order)
    insurgency = insurgency_doctrine(state.scenario)
    historical = junta_doctrine(state.scenario, "historical")
    for step in range(depth):
        if state.over:
            break
        if step:
            play_doctrine(state, "junta", historical, "standard")
        play_doctrine(state, "insurgency", insurgency, "standard")
        resolve_turn(state)
    return state


def plan(state: GameState, budget: int = DEFAULT_BUDGET,
         banned: frozenset[str] = frozenset()) -> Plan:
    """The best junta order set for this turn (added to any orders already queued)."""
    base = scrubbed(state)
    samples = SAMPLES if budget >= 4 * SAMPLES else 1
    limit = max(1, budget // samples)
    weighed: list[Scored] = []
    for candidate in candidates(base, limit, banned):
        total = 0
        tracks: Counter[str] = Counter()
        for sample in range(samples):
            after = rollout(base, candidate.orders, sample, DEPTH)
            total += evaluate(after)
            tracks.update(_tracks(after))
        weighed.append(Scored(candidate, total // samples,
                              {k: v // samples for k, v in tracks.items()}))
    ranked = sorted(enumerate(weighed), key=lambda p: (-p[1].value, p[0]))
    order = tuple(s for _, s in ranked)
    chosen = order[0]
    if chosen.value - weighed[0].value < MARGIN:   # weighed[0]: the reference set
        chosen = weighed[0]
    return Plan(chosen, order, samples, DEPTH, samples * len(weighed),
                _reasons(chosen, weighed[0], order))


def _reasons(chosen: Scored, doctrine: Scored, ranked: tuple[Scored, ...]) -> str:
    """Why the chosen set won: its value against the reference set's (or the
    runner-up's when it is the doctrine), and the tracks where the two differ."""
    other = doctrine if chosen is not doctrine else next(
        (s for s in ranked if s is not chosen), None)
    if other is None:
        return Phrase(N_("the only set it could give (value {value})"),
                      value=f"{chosen.value:+d}")
    if chosen is doctrine and other.value > chosen.value:
        return Phrase(N_("value {value}; the best challenger, {other}, scored {other_value}, "
                         "less than {margin} better: within the luck of the draws"),
                      value=f"{chosen.value:+d}", other=other.candidate.label,
                      other_value=f"{other.value:+d}", margin=MARGIN)
    diffs = [Phrase("{track} {delta}", track=Phrase(_TRACK_NAMES.get(k, k)),
                    delta=f"{chosen.tracks[k] - other.tracks[k]:+d}") for k in chosen.tracks
             if chosen.tracks[k] != other.tracks.get(k, chosen.tracks[k])]
    detail = Phrase(" ({diffs})", diffs=join(diffs, ", ")) if diffs else ""
    return Phrase(N_("value {value} against {other_value} for {other}{detail}"),
                  value=f"{chosen.value:+d}", other_value=f"{other.value:+d}",
                  other=other.candidate.label, detail=detail)


# ------------------------------------------------------------------ the bot

def play_planner(state: GameState, budget: int = DEFAULT_BUDGET,
                 banned: frozenset[str] = frozenset()) -> list[Decision]:
    """Queue the planner's order set; one decision per order, explained."""
    result = plan(state, budget, banned)
    view = observe(state, "junta")
    ctx = Context(view, state.scenario, _odds(state, "junta"))
    weighed = [s.to_dict() for s in result.weighed]
    summary = Phrase(N_("Planner: weighed {sets} order sets over {depth} turns on {samples} "
                        "draws of the fog each; chose {label}: {reasons}."),
                     sets=len(result.weighed), depth=result.depth, samples=result.samples,
                     label=result.chosen.candidate.label, reasons=result.reasons)
    decisions: list[Decision] = []
    for order in result.chosen.candidate.orders:
        queue_order(state, "junta", order)
        odds = ctx.odds(order)
        head, public = sentences(order, ctx, odds, result.chosen.candidate.label)
        decisions.append(Decision(
            "junta", order, Phrase("{head} {summary}", head=head, summary=summary),
            priority="planner", odds=odds,
            extra={"planner": {"chosen": result.chosen.candidate.label,
                               "value": result.chosen.value, "weighed": weighed,
                               "rollouts": result.rollouts, "reasons": result.reasons}},
            public=public))
    return decisions
