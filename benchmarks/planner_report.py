"""How the planning junta uses each order kind, and what losing each kind costs it.

    .venv/bin/python benchmarks/planner_report.py --games 200 --budget 64
    .venv/bin/python benchmarks/planner_report.py --games 10 --budget 8    # quick
    .venv/bin/python benchmarks/planner_report.py --games 40 --usage-only  # no ablation
    .venv/bin/python benchmarks/planner_report.py --games 100 --jobs 2     # two cores
    .venv/bin/python benchmarks/planner_report.py --kinds repair,dialogue  # some kinds
    .venv/bin/python benchmarks/planner_report.py --scenario tutorial      # another one
    .venv/bin/python benchmarks/planner_report.py --usage-only --save before.json
    .venv/bin/python benchmarks/planner_report.py --usage-only --against before.json

Plays `--games` games of a scenario (the main one unless `--scenario` names another, by
its file or a shipped scenario's name; seeds from `--seed`, the doctrine insurgency at
standard) with the planner, counts how often each junta order kind is given (in what share
of turns), then plays the same seeds once per order kind with that kind banned from every
candidate set, and prints the planner's outcome shares each time, with its wins (the
endings the scenario grades a victory for the junta) first: a kind whose removal changes
nothing is never worth giving, a kind given every turn whatever happens is a dominant
strategy. `--save` keeps each seed's outcome in a JSON file and `--against` reads such a
file back to compare the planner of today with the one that made it, game by game (a change
to the planner is measured like a ban). Deterministic; results do not depend on the machine
or on `--jobs` (each game is played whole by one process and the counts are summed).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from contextlib import nullcontext
from functools import cache
from itertools import repeat
from pathlib import Path

from wargame.ai.bots import play_side
from wargame.ai.planner import play_planner
from wargame.engine import Scenario, new_game, resolve_turn
from wargame.scenario.load import ScenarioError, load_scenario
from wargame.scenario.shipped import resolve_scenario

MAIN = Path(__file__).resolve().parents[1] / "scenarios" / "bamako-blockade-2025.yaml"


def play_one(path: Path, seed: int, budget: int,
             banned: frozenset[str]) -> tuple[str, Counter[str], int]:
    """One game: (its outcome, turns in which each kind was given, turns played)."""
    state = new_game(_scenario(path), seed)
    used: Counter[str] = Counter()
    turns = 0
    while not state.over:
        used.update({d.order.kind for d in play_planner(state, budget, banned)})
        turns += 1
        play_side(state, "insurgency", "doctrine")
        resolve_turn(state)
    return state.outcome or "", used, turns


@cache
def _scenario(path: Path) -> Scenario:
    return load_scenario(path)


def wins(scenario: Scenario) -> list[str]:
    """The endings the scenario grades a victory for the junta."""
    return [e.id for e in scenario.spec.victory.endings
            if e.grade in ("victory", "decisive_victory")]


def run(path: Path, games: int, seed: int, budget: int, banned: frozenset[str],
        pool: ProcessPoolExecutor | None) -> tuple[list[str], Counter[str], int]:
    """(each seed's outcome, turns in which each kind was given, turns played)."""
    seeds = range(seed, seed + games)
    played = (pool.map(play_one, repeat(path), seeds, repeat(budget), repeat(banned),
                       chunksize=1)
              if pool is not None else (play_one(path, s, budget, banned) for s in seeds))
    outcomes: list[str] = []
    used: Counter[str] = Counter()
    turns = 0
    for outcome, kinds, count in played:
        outcomes.append(outcome)
        used.update(kinds)
        turns += count
    return outcomes, used, turns


def paired_change(base: list[str], without: list[str], won: list[str],
                  cause: str = "the ban") -> str:
    """The change in the share of wins with its 95% interval, read game by game: the same
    seeds are played both ways, so only the games whose result changes carry information
    (lost only with the kind banned, won only with it banned), which makes the interval
    much narrower than two independent shares' (normal approximation, paired). `cause`
    names what made the change in the counts ("the ban", "the change" of planner)."""
    n = len(base)
    lost = sum(1 for a, b in zip(base, without, strict=True) if a in won and b not in won)
    gained = sum(1 for a, b in zip(base, without, strict=True) if a not in won and b in won)
    diff = (gained - lost) / n
    half = 1.96 * math.sqrt(max(0.0, gained + lost - n * diff * diff)) / n
    return (f"{diff * 100:+.1f} (95% {(diff - half) * 100:+.1f} to {(diff + half) * 100:+.1f}:"
            f" games lost by {cause} {lost}, won {gained})")


def read_outcomes(path: Path, scenario: str, seed: int, games: int, budget: int) -> list[str]:
    """The outcomes a former `--save` wrote, refused unless it played the same games."""
    saved = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(saved, dict) or not isinstance(saved.get("outcomes"), list):
        raise ValueError("not a file --save wrote")
    played = (saved.get("scenario"), saved.get("seed"), saved.get("budget"),
              len(saved["outcomes"]))
    if played != (scenario, seed, budget, games):
        raise ValueError(f"it holds {played[3]} games of {played[0]} from seed {played[1]} "
                         f"at budget {played[2]}, not {games} of {scenario} from seed "
                         f"{seed} at budget {budget}")
    return [str(o) for o in saved["outcomes"]]


def shares(outcomes: Counter[str], games: int) -> str:
    return ", ".join(f"{k} {v * 100 / games:.0f}%" for k, v in sorted(outcomes.items()))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scenario", default=str(MAIN),
                    help="a scenario file or a shipped scenario's name (default: the main one)")
    ap.add_argument("--games", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--budget", type=int, default=64)
    ap.add_argument("--usage-only", action="store_true",
                    help="count the kinds given; skip the games with each kind banned")
    ap.add_argument("--jobs", type=int, default=1,
                    help="processes to play the games in (results do not change)")
    ap.add_argument("--kinds", default="",
                    help="comma-separated order kinds to ban in turn (default: every kind)")
    ap.add_argument("--save", type=Path, metavar="FILE",
                    help="write each seed's outcome (no kind banned) to this JSON file")
    ap.add_argument("--against", type=Path, metavar="FILE",
                    help="compare with the outcomes a former --save wrote, seed by seed")
    args = ap.parse_args()
    path = resolve_scenario(args.scenario)
    try:
        scenario = _scenario(path)   # loaded before the pool forks, so each worker has it
    except ScenarioError as exc:
        print("\n".join(exc.report.lines()), file=sys.stderr)
        return 2
    kinds = sorted(scenario.order_specs["junta"])
    won = wins(scenario)
    ablated = [k for k in args.kinds.split(",") if k] or kinds
    unknown = sorted(set(ablated) - set(kinds))
    if unknown:
        ap.error(f"not a junta order kind of {path.stem}: {', '.join(unknown)}")
    earlier = None
    if args.against is not None:
        try:
            earlier = read_outcomes(args.against, path.stem, args.seed, args.games, args.budget)
        except (OSError, ValueError) as exc:
            print(f"{args.against}: {exc}", file=sys.stderr)
            return 2
    with ProcessPoolExecutor(max_workers=args.jobs) if args.jobs > 1 else nullcontext() as pool:
        base, used, turns = run(path, args.games, args.seed, args.budget, frozenset(), pool)
        print(f"{path.stem}: planner, budget {args.budget}, {args.games} games from seed "
              f"{args.seed}: {shares(Counter(base), args.games)}")
        if args.save is not None:
            args.save.write_text(json.dumps(
                {"scenario": path.stem, "seed": args.seed, "budget": args.budget,
                 "outcomes": base}, indent=0) + "\n", encoding="utf-8")
        if earlier is not None:
            share = sum(earlier.count(e) for e in won) * 100 / args.games
            print(f"against {args.against}: {' + '.join(won)} was {share:.1f}%; change "
                  f"{paired_change(earlier, base, won, 'the change')}")
        print(f"{'order kind':<16}{'turns used':>11}{'share':>7}")
        for kind in kinds:
            print(f"{kind:<16}{used[kind]:>11}{used[kind] * 100 / turns:>6.0f}%")
        if args.usage_only:
            return 0
        print(f"\n{'without':<16}{' + '.join(won)} (change, paired), all outcomes",
              flush=True)
        for kind in ablated:   # a line as each finishes: the whole run takes hours
            without, _, _ = run(path, args.games, args.seed, args.budget, frozenset({kind}),
                                pool)
            w_held = sum(without.count(e) for e in won) * 100 / args.games
            print(f"{kind:<16}{w_held:.1f}%, {paired_change(base, without, won)}; "
                  f"{shares(Counter(without), args.games)}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
