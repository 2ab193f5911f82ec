"""The planning junta (`--junta planner`): it searches instead of following a doctrine.

Each turn it
1. builds a *scrubbed* copy of the game holding only what the junta may know: the
   insurgency's fighters, funds, weapons, rivals, queued orders and the game's own dice are
   replaced by estimates and a private stream (so it is fair by construction: nothing it
   does afterwards can read the true hidden numbers; tests poison them to prove it);
2. lists candidate order sets, pruned: the three junta doctrines' choices, the historical
   choice with its last order swapped for (or extended by) the best target of each other
   order kind (a cheap heuristic on the junta's view picks the target), and sets that
   concentrate on one kind (every corridor escorted, say), up to budget / samples sets;
3. plays every candidate forward `DEPTH` turns on `samples` determinisations of the fog
   (fighters, funds and weapons drawn around the junta's estimates, dice of its own), the
   insurgency played by its doctrine, the junta's later turns by the historical doctrine;
   the same samples serve every candidate (common random numbers), so differences between
   candidates come from the orders, not the dice;
4. scores each end state by the scenario's `victory` section (`engine.goals`): an ending
   reached counts in full, otherwise the margins of the winning ending's conditions and the
   closeness of the losing endings' triggers, with the treasury, and picks the best; a
   challenger must beat the historical doctrine's set by MARGIN (ties and near-ties: the
   historical set).

Its cost is counted in rollouts (`budget`), never in wall time, so a game is the same on
any machine and for any --jobs. Its random stream is derived from (seed, turn, side).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..engine import GameState, Order, check_order, legal_orders, observe, queue_order
from ..engine.goals import GoalCondition, goals_of, outcome_for
from ..engine.ledger import N_
from ..engine.phrase import Phrase, join
from ..engine.resolve import resolve_turn
from ..engine.rng import Stream, derive_state
from .builtin import insurgency_doctrine, junta_doctrine
from .decision import Decision
from .doctrine import _odds, play_doctrine
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
# How much better than the historical doctrine's set a challenger must score to be chosen:
# with a few draws of the fog each, the best of thirty candidates is partly the luckiest
# (the winner's curse), so a small lead is not trusted.
MARGIN = 15
TREASURY_PER_POINT = 2   # billions of treasury worth one point of evaluation
# What an ending reached is worth against the margins of a game still running (at most a
# few hundred): a win or a loss outweighs any margin, a draw counts as nothing either way.
ENDING_VALUE = {"win": 600, "draw": 0, "loss": -1000}


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
        return (100 - state.support_junta[region] + state.grievance[region]
                + (50 if region == capital_region else 0))
    if kind in ("reinforce", "relieve", "withdraw"):
        town = s.towns[args[0]]
        threat = {"besieged": 200, "contested": 100}.get(state.town_status[args[0]], 0)
        score = threat + state.fighters[town.region] - 10 * state.garrison[args[0]]
        return -score if kind == "withdraw" else score
    return 0


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


def candidates(base: GameState, limit: int,
               banned: frozenset[str] = frozenset()) -> list[Candidate]:
    """At most `limit` distinct order sets, the historical doctrine's first. Orders of a
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
    for name in DOCTRINES:
        add(Phrase(_DOCTRINE_LABELS[name]), sets[name])
    historical = sets["historical"]
    ranked = {k: v for k, v in ranked_per_kind(base).items() if k not in banned}
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
    # targets first (every corridor escorted, say), which no doctrine gives.
    for kind, alternatives in ranked.items():
        if len(alternatives) > 1:
            add(Phrase(N_("all on {kind}"), kind=kind), _legal_prefix(base, tuple(alternatives)))
    return out


# ------------------------------------------------------------------ evaluation

def _margin(leaf: GoalCondition) -> int | None:
    """How far a numeric condition is past its target (+) or short of it (-), in
    percent of the target (at least 10 points), capped at ±100."""
    if not isinstance(leaf.value, int) or isinstance(leaf.value, bool):
        return None
    if not isinstance(leaf.target, int) or isinstance(leaf.target, bool):
        return None
    if leaf.op in ("ge", "gt"):
        gap = leaf.value - leaf.target
    elif leaf.op in ("le", "lt"):
        gap = leaf.target - leaf.value
    else:
        return None
    return max(-100, min(100, gap * 100 // max(abs(leaf.target), 10)))


def evaluate(state: GameState) -> int:
    """The junta's reading of a state, from the scenario's endings: the ending reached if
    any, plus the margins of the winning ending's conditions (a shortfall counts in full,
    a surplus half) and the closeness of each losing ending's triggers."""
    scenario = state.scenario
    value = 0
    if state.outcome is not None:
        ending = next(e for e in [*scenario.spec.victory.endings, scenario.spec.victory.default]
                      if e.id == state.outcome)
        value += ENDING_VALUE[outcome_for("junta", ending.grade)]
    for goal in goals_of(scenario, observe(state, "junta")).endings:
        if goal.condition is None:
            continue
        for leaf in goal.condition.leaves():
            margin = _margin(leaf)
            if margin is None:
                continue
            if goal.outcome == "win":  # a buffer above the line is worth keeping too
                value += margin if margin < 0 else margin // 2
            elif goal.outcome == "loss":   # margin > -100: the trigger is near
                value -= 2 * max(0, 100 + margin) if margin < 0 else 200
    value -= 20 * len(state.towns_held)
    # Money spent now is pay missed later: a treasury in deficit costs cohesion every week
    # (rules.cohesion.unpaid), further ahead than a rollout sees, so every billion counts.
    value += state.treasury // TREASURY_PER_POINT
    return value


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
    if chosen.value - weighed[0].value < MARGIN:   # weighed[0]: the historical doctrine
        chosen = weighed[0]
    return Plan(chosen, order, samples, DEPTH, samples * len(weighed),
                _reasons(chosen, weighed[0], order))


def _reasons(chosen: Scored, doctrine: Scored, ranked: tuple[Scored, ...]) -> str:
    """Why the chosen set won: its value against the historical doctrine's (or the
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
