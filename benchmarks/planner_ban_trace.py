"""What banning one order kind changes in the planner's games, seed by seed.

    .venv/bin/python benchmarks/planner_ban_trace.py --kind airstrike --seeds 1-14
    .venv/bin/python benchmarks/planner_ban_trace.py --kind dialogue --seeds 3,8 --scenario tutorial

`planner_report.py` says how much a ban moves the planner's results over 200 games; this
says why: each seed is played twice (the kind allowed, then banned), and for each it prints
the two outcomes, the turns in which the planner gave the kind, the first turn the two
games part and the order sets there (with the candidate each was), and the tracks at the
end (treasury, fuel days, the capital's junta support, cohesion), then their means over the
seeds. Deterministic.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field

from wargame.ai.bots import play_side
from wargame.ai.planner import DEFAULT_BUDGET, play_planner
from wargame.engine import GameState, Scenario, new_game, resolve_turn
from wargame.engine.turn import capital_region
from wargame.scenario.load import ScenarioError, load_scenario
from wargame.scenario.shipped import resolve_scenario

TRACKS = ("treasury", "fuel days", "capital support", "cohesion")


@dataclass
class Game:
    outcome: str = ""
    orders: list[list[str]] = field(default_factory=list)   # each turn's orders
    labels: list[str] = field(default_factory=list)         # the candidate set chosen
    end: dict[str, int] = field(default_factory=dict)


def play(scenario: Scenario, seed: int, budget: int, banned: frozenset[str]) -> Game:
    state: GameState = new_game(scenario, seed)
    game = Game()
    while not state.over:
        decisions = play_planner(state, budget, banned)
        game.orders.append([str(d.order) for d in decisions])
        game.labels.append(str(decisions[0].extra["planner"]["chosen"]) if decisions else "")
        play_side(state, "insurgency", "doctrine")
        resolve_turn(state)
    game.outcome = state.outcome or ""
    game.end = dict(zip(TRACKS, (state.treasury, state.fuel_days,
                                 state.support_junta[capital_region(state)],
                                 state.cohesion), strict=True))
    return game


def seeds_of(text: str) -> list[int]:
    """`1-14` or `3,8,12`."""
    if "-" in text:
        first, last = text.split("-", 1)
        return list(range(int(first), int(last) + 1))
    return [int(s) for s in text.split(",") if s]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kind", required=True, help="the junta order kind to ban")
    ap.add_argument("--seeds", default="1-10", help="a range (1-14) or a list (3,8)")
    ap.add_argument("--scenario", default="bamako-blockade-2025",
                    help="a scenario file or a shipped scenario's name")
    ap.add_argument("--budget", type=int, default=DEFAULT_BUDGET)
    args = ap.parse_args()
    try:
        scenario = load_scenario(resolve_scenario(args.scenario))
    except ScenarioError as exc:
        print("\n".join(exc.report.lines()), file=sys.stderr)
        return 2
    if args.kind not in scenario.order_specs["junta"]:
        ap.error(f"not a junta order kind of the scenario: {args.kind}")
    seeds = seeds_of(args.seeds)
    totals = {"with": dict.fromkeys(TRACKS, 0), "without": dict.fromkeys(TRACKS, 0)}
    for seed in seeds:
        kept = play(scenario, seed, args.budget, frozenset())
        banned = play(scenario, seed, args.budget, frozenset({args.kind}))
        given = [turn for turn, orders in enumerate(kept.orders, 1)
                 if any(o.split()[0] == args.kind for o in orders)]
        print(f"seed {seed}: with {kept.outcome}, banned {banned.outcome}; "
              f"{args.kind} given in turns {given or 'none'}")
        # Games of different lengths part at the latest where the shorter one ends.
        pairs = zip(kept.orders, banned.orders, strict=False)
        parted = next((t for t, (a, b) in enumerate(pairs, 1) if a != b), None)
        if parted is not None:
            print(f"  turn {parted}: with {kept.orders[parted - 1]} "
                  f"({kept.labels[parted - 1]}), banned {banned.orders[parted - 1]} "
                  f"({banned.labels[parted - 1]})")
        for label, game in (("with", kept), ("without", banned)):
            print(f"  end {label:<8}" + ", ".join(f"{k} {v}" for k, v in game.end.items()))
            for k, v in game.end.items():
                totals[label][k] += v
    for label, sums in totals.items():
        print(f"mean {label:<8}" + ", ".join(f"{k} {v / len(seeds):.1f}"
                                              for k, v in sums.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
