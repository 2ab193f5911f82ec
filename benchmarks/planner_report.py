"""How the planning junta uses each order kind, and what losing each kind costs it.

    .venv/bin/python benchmarks/planner_report.py --games 200 --budget 64
    .venv/bin/python benchmarks/planner_report.py --games 10 --budget 8    # quick
    .venv/bin/python benchmarks/planner_report.py --games 40 --usage-only  # no ablation

Plays `--games` games of the main scenario (seeds from `--seed`, the doctrine insurgency at
standard) with the planner, counts how often each junta order kind is given (in what share
of turns), then plays the same seeds once per order kind with that kind banned from every
candidate set, and prints the planner's outcome shares each time: a kind whose removal
changes nothing is never worth giving, a kind given every turn whatever happens is a
dominant strategy. Deterministic; results do not depend on the machine.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from wargame.ai.bots import play_side
from wargame.ai.planner import play_planner
from wargame.engine import new_game, resolve_turn
from wargame.scenario.load import load_scenario

MAIN = Path(__file__).resolve().parents[1] / "scenarios" / "bamako-blockade-2025.yaml"


def run(games: int, seed: int, budget: int, banned: frozenset[str]) -> tuple[Counter[str],
                                                                             Counter[str], int]:
    """(outcomes, turns in which each kind was given, turns played)."""
    scenario = load_scenario(MAIN)
    outcomes: Counter[str] = Counter()
    used: Counter[str] = Counter()
    turns = 0
    for s in range(seed, seed + games):
        state = new_game(scenario, s)
        while not state.over:
            kinds = {d.order.kind for d in play_planner(state, budget, banned)}
            used.update(kinds)
            turns += 1
            play_side(state, "insurgency", "doctrine")
            resolve_turn(state)
        outcomes[state.outcome or ""] += 1
    return outcomes, used, turns


def shares(outcomes: Counter[str], games: int) -> str:
    return ", ".join(f"{k} {v * 100 / games:.0f}%" for k, v in sorted(outcomes.items()))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--games", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--budget", type=int, default=64)
    ap.add_argument("--usage-only", action="store_true",
                    help="count the kinds given; skip the games with each kind banned")
    args = ap.parse_args()
    scenario = load_scenario(MAIN)
    kinds = sorted(scenario.order_specs["junta"])
    base, used, turns = run(args.games, args.seed, args.budget, frozenset())
    held = base["junta_holds"] * 100 / args.games
    print(f"planner, budget {args.budget}, {args.games} games from seed {args.seed}: "
          f"{shares(base, args.games)}")
    print(f"{'order kind':<16}{'turns used':>11}{'share':>7}   without it: junta_holds "
          "(change), all outcomes")
    for kind in kinds:
        if args.usage_only:
            print(f"{kind:<16}{used[kind]:>11}{used[kind] * 100 / turns:>6.0f}%")
            continue
        without, _, _ = run(args.games, args.seed, args.budget, frozenset({kind}))
        w_held = without["junta_holds"] * 100 / args.games
        print(f"{kind:<16}{used[kind]:>11}{used[kind] * 100 / turns:>6.0f}%   "
              f"{w_held:.0f}% ({w_held - held:+.0f}), {shares(without, args.games)}",
              flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
