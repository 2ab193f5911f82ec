"""The project's benchmark: measures the targets the issues state, prints figures.

    python benchmarks/bench.py            # all
    python benchmarks/bench.py game       # one
Never used as a test: timings depend on the machine.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAIN = ROOT / "scenarios" / "bamako-blockade-2025.yaml"


def _percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * pct / 100))]


def bench_game(games: int = 200) -> None:
    """A whole headless game of the main scenario with random policies (target: median 20 ms)."""
    from wargame.ai.simulate import play_game
    from wargame.scenario.load import load_scenario

    scenario = load_scenario(MAIN)
    play_game(scenario, 0, "random", "random")  # warm caches
    times = []
    turns = []
    for seed in range(games):
        start = time.perf_counter()
        record = play_game(scenario, seed, "random", "random")
        times.append((time.perf_counter() - start) * 1000)
        turns.append(record.turns_played)
    print(f"game (random vs random, {games} seeds): median {statistics.median(times):.2f} ms, "
          f"p95 {_percentile(times, 95):.2f} ms, mean turns {statistics.mean(turns):.1f}")


def bench_game_full_length(games: int = 100) -> None:
    """A whole 26-turn game (passive junta, so the game rarely ends early)."""
    from wargame.ai.simulate import play_game
    from wargame.scenario.load import load_scenario

    scenario = load_scenario(MAIN)
    times, turns = [], []
    for seed in range(games):
        start = time.perf_counter()
        record = play_game(scenario, seed, "passive", "random")
        times.append((time.perf_counter() - start) * 1000)
        turns.append(record.turns_played)
    print(f"game (passive vs random, {games} seeds): median {statistics.median(times):.2f} ms, "
          f"mean turns {statistics.mean(turns):.1f}")


def bench_validate(runs: int = 5) -> None:
    """`wargame validate` on the main scenario, start-up included (target: 1 s wall)."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "wargame", "validate", str(MAIN)], check=True,
                       capture_output=True)
        times.append(time.perf_counter() - start)
    print(f"validate (subprocess, {runs} runs): median {statistics.median(times) * 1000:.0f} ms, "
          f"max {max(times) * 1000:.0f} ms")


def bench_bot(samples: int = 120) -> None:
    """One insurgency decision (a whole turn's orders) at standard and expert
    (targets: p95 50 ms and 500 ms)."""
    from wargame.ai.bots import play_side
    from wargame.engine import new_game, resolve_turn
    from wargame.scenario.load import load_scenario

    scenario = load_scenario(MAIN)
    for level in ("standard", "expert"):
        times = []
        for seed in range(samples // 6):
            state = new_game(scenario, seed)
            for _ in range(6):
                if state.over:
                    break
                play_side(state, "junta", "historical")
                start = time.perf_counter()
                play_side(state, "insurgency", "doctrine", level)
                times.append((time.perf_counter() - start) * 1000)
                resolve_turn(state)
        print(f"bot turn at {level} ({len(times)} decisions): median "
              f"{statistics.median(times):.1f} ms, p95 {_percentile(times, 95):.1f} ms")


def bench_simulate_1000() -> None:
    """`wargame simulate bamako-blockade-2025 --games 1000 --junta historical` (target 60 s)."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "wargame", "simulate", "bamako-blockade-2025",
                    "--games", "1000", "--junta", "historical"], check=True,
                   capture_output=True)
    print(f"simulate 1000 games, historical, all cores: {time.perf_counter() - start:.1f} s")


BENCHES: dict[str, Callable[[], None]] = {
    "bot": bench_bot, "simulate-1000": bench_simulate_1000,
    "game": bench_game, "game-full": bench_game_full_length, "validate": bench_validate,
}


def main(argv: list[str]) -> int:
    names = argv or list(BENCHES)
    for name in names:
        if name not in BENCHES:
            print(f"unknown benchmark {name}; choose from {', '.join(BENCHES)}")
            return 2
        BENCHES[name]()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
