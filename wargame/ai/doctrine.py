"""The doctrine bot: walks a doctrine's ordered priorities, narrows each priority's legal
orders through its filters, breaks ties with a seeded stream, and explains every step.

It decides from `observe(state, side)` and the list of legal orders only. At `expert`
it plays a few candidates out on a belief state (a clone whose hidden numbers are
replaced by what the side can infer, with its own dice) against the expected response,
judged by the scenario's own endings (`evaluation.evaluate`, whatever the scenario). It
looks ahead only where the doctrine leaves the choice to chance (targets its filters rank
equal, which the standard player picks among with the dice): it plays the doctrine's
priorities exactly, and chooses among equals by what they would do, so that it is never a
different strategist from the standard player, only a better-informed one.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..engine import GameState, Order, Side, legal_orders, observe, order_odds, queue_order
from ..engine.ledger import N_
from ..engine.legality import capacity, capacity_used
from ..engine.model import Doctrine, Priority
from ..engine.phrase import Phrase
from ..engine.resolve import resolve_turn
from ..engine.rng import Stream, derive_state
from .conditions import holds_in_view
from .decision import Decision, FilterStep
from .evaluation import evaluate
from .explain import sentences
from .filters import Context, apply_filter, describe_filter, target_regions
from .names import DIFFICULTIES as DIFFICULTIES  # re-exported: its old home

EXPERT_CANDIDATES = 3   # tied targets the expert plays out (the dice's pick first)
EXPERT_SAMPLES = 2      # rollouts per candidate, each with its own dice


@dataclass
class Settings:
    capacity_cut: int       # orders fewer than the scenario allows
    filters_used: int       # how many of each priority's filters it applies (-1: all)
    lookahead: bool


LEVELS = {
    "novice": Settings(capacity_cut=1, filters_used=1, lookahead=False),
    "standard": Settings(capacity_cut=0, filters_used=-1, lookahead=False),
    "expert": Settings(capacity_cut=0, filters_used=-1, lookahead=True),
}


def _odds(state: GameState, side: Side):  # type: ignore[no-untyped-def]
    """Odds as the side can judge them: its own numbers, no knowledge of the other's orders."""
    fighters = state.fighter_estimate if side == "junta" else None

    def odds(order: Order) -> int | None:
        return order_odds(state, order, fighters=fighters)
    return odds


def choose_for_priority(priority: Priority, state: GameState, side: Side, ctx: Context,
                        stream: Stream, settings: Settings) -> Decision | None:
    """The priority's pick among the legal orders of its kind, or None if it has none."""
    candidates = legal_orders(state, side, priority.order)
    if not candidates:
        return None
    legal = len(candidates)  # before the filters narrow them (enumerating is the hot path)
    steps: list[FilterStep] = []
    # A novice applies only the first filters, but never drops a required one: it says
    # which targets the priority may have at all.
    filters = [f for i, f in enumerate(priority.filters)
               if settings.filters_used < 0 or i < settings.filters_used or f.required]
    for f in filters:
        kept = apply_filter(f, candidates, ctx)
        name = describe_filter(f)
        if not kept and f.required:
            return None  # "only these targets": none of them now, so no order
        if not kept:
            steps.append(FilterStep(name, len(candidates), 0, skipped=True))
            continue
        steps.append(FilterStep(name, len(candidates), len(kept),
                                kept=tuple(map(str, kept)) if len(kept) <= 4 else ()))
        candidates = kept
    tie = len(candidates) > 1
    order = candidates[stream.below(len(candidates))] if tie else candidates[0]
    decision = _decision(side, order, priority, ctx, tuple(steps), tie, legal)
    if tie and settings.lookahead:   # the equals the expert may look ahead among
        decision.extra["ties"] = [str(o) for o in candidates]
    return decision


def _decision(side: Side, order: Order, priority: Priority, ctx: Context,
              steps: tuple[FilterStep, ...], tie: bool, legal: int) -> Decision:
    odds = ctx.odds(order)
    return Decision(side, order, priority=priority.id, steps=steps, odds=odds,
                    tie_break=tie, extra={"candidates": legal},
                    explain=lambda: sentences(order, ctx, odds, priority.title))


def play_doctrine(state: GameState, side: Side, doctrine: Doctrine,
                  difficulty: str = "standard",
                  response: Doctrine | None = None) -> list[Decision]:
    """Queue `side`'s orders for this turn following `doctrine`; return the decisions."""
    settings = LEVELS[difficulty]
    stream = Stream(derive_state(state.seed, state.turn, side, "doctrine"))
    limit = capacity(state, side) - settings.capacity_cut
    used: Counter[str] = Counter()
    regions_hit: set[str] = set()
    decisions: list[Decision] = []
    specs = state.scenario.order_specs[side]
    while (left := limit - capacity_used(state, side)) > 0:
        view = observe(state, side)
        ctx = Context(view, state.scenario, _odds(state, side), regions_hit)
        decision: Decision | None = None
        chosen_priority: Priority | None = None
        for priority in doctrine.priorities:
            if used[priority.id] >= priority.max_per_turn:
                continue
            # The level's limit, not only the scenario's: the engine's legality check
            # allows the full capacity, so a novice one unit short of its limit would
            # otherwise still queue an order of capacity 2 (a strike) and use all of it.
            if priority.order in specs and specs[priority.order].capacity > left:
                continue
            if priority.when is not None and not holds_in_view(view, priority.when):
                continue
            decision = choose_for_priority(priority, state, side, ctx, stream, settings)
            if decision is not None:
                chosen_priority = priority
                break
        if decision is None or chosen_priority is None:
            break
        # Where the doctrine leaves the choice to chance (targets it ranks equal), the
        # expert looks ahead instead; everything else it plays as the standard player.
        ties = _tied_orders(state, side, decision)
        if settings.lookahead and response is not None and len(ties) > 1:
            options = [decision] + [
                _decision(side, o, chosen_priority, ctx, decision.steps, True,
                          decision.extra["candidates"])
                for o in ties if o != decision.order][:EXPERT_CANDIDATES - 1]
            decision = _best_by_rollout(state, side, options, response)
        queue_order(state, side, decision.order)
        used[decision.priority] += 1
        regions_hit.update(target_regions(decision.order, state.scenario))
        decisions.append(decision)
    return decisions


# ------------------------------------------------------------------ expert lookahead

def _tied_orders(state: GameState, side: Side, decision: Decision) -> list[Order]:
    """The targets the doctrine's filters left level with the one the dice picked (the
    last filter's survivors, when it kept a few), in the legal orders' order."""
    kept = set(decision.extra.get("ties", ()))
    if not decision.tie_break or not kept:
        return [decision.order]
    return [o for o in legal_orders(state, side, decision.order.kind) if str(o) in kept]


def belief_state(state: GameState, side: Side, sample: int) -> GameState:
    """A clone holding only what `side` can know: hidden numbers replaced, own dice."""
    belief = state.clone()
    tracks = state.scenario.spec.tracks
    other: Side = "junta" if side == "insurgency" else "insurgency"
    belief.pending[other] = []
    belief.rng = derive_state(state.seed, state.turn, side, "belief", sample)
    if side == "insurgency":
        fog = state.scenario.spec.fog
        if not fog.insurgency_sees_treasury:
            belief.treasury = tracks.treasury
            belief.cohesion = tracks.cohesion
        belief.fighter_estimate = dict(belief.fighters)
        belief.intel = {r: 50 for r in belief.intel}
    else:
        belief.fighters = dict(state.fighter_estimate)
        belief.funds = state.scenario.spec.sides.insurgency.funds
        belief.weapons = state.scenario.spec.sides.insurgency.weapons
    return belief


def _best_by_rollout(state: GameState, side: Side, options: list[Decision],
                     response: Doctrine) -> Decision:
    other: Side = "junta" if side == "insurgency" else "insurgency"
    scored: list[tuple[int, int, Decision]] = []
    for index, option in enumerate(options):
        total = 0
        for sample in range(EXPERT_SAMPLES):
            belief = belief_state(state, side, sample)
            queue_order(belief, side, option.order)
            play_doctrine(belief, other, response, "standard")
            resolve_turn(belief)
            # The endings are graded for the junta: the insurgency reads them reversed.
            score = evaluate(belief)
            total += score if side == "junta" else -score
        scored.append((total // EXPERT_SAMPLES, -index, option))
    scored.sort(key=lambda x: (x[0], x[1]), reverse=True)   # equal: the dice's pick
    best = scored[0][2]
    summary = "; ".join(f"{o.order} {s:+d}" for s, _, o in scored)
    return Decision(best.side, best.order,
                    Phrase(N_("{sentence} Expert lookahead over one turn among targets its "
                              "doctrine ranks equal: {summary}."),
                           sentence=best.sentence, summary=summary),
                    priority=best.priority, steps=best.steps, odds=best.odds,
                    tie_break=best.tie_break, public=best.public,
                    extra={**best.extra, "lookahead": [{"order": str(o.order), "score": s}
                                                       for s, _, o in scored],
                           "doctrine_choice": str(options[0].order)})
