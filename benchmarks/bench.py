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


def _time_games(junta: str, insurgency: str, games: int) -> tuple[list[float], list[int]]:
    """Milliseconds and turns of whole headless games of the main scenario, one per seed."""
    from wargame.ai.simulate import play_game
    from wargame.scenario.load import load_scenario

    scenario = load_scenario(MAIN)
    play_game(scenario, 0, junta, insurgency)  # warm caches
    times, turns = [], []
    for seed in range(games):
        start = time.perf_counter()
        record = play_game(scenario, seed, junta, insurgency)
        times.append((time.perf_counter() - start) * 1000)
        turns.append(record.turns_played)
    return times, turns


def bench_game(games: int = 200) -> None:
    """A whole headless game of the main scenario with random policies (target: median 20 ms)."""
    times, turns = _time_games("random", "random", games)
    print(f"game (random vs random, {games} seeds): median {statistics.median(times):.2f} ms, "
          f"p95 {_percentile(times, 95):.2f} ms, mean turns {statistics.mean(turns):.1f}")


def bench_game_full_length(games: int = 100) -> None:
    """Whole games with a passive junta against the random insurgency (near full length)."""
    times, turns = _time_games("passive", "random", games)
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


def _saved_full_game(folder: Path) -> Path:
    """A 26-turn game of the main scenario (the 'historical' junta with a reason every turn,
    JNIM's doctrine), saved in `folder`."""
    from wargame.ai.bots import play_side, rationales
    from wargame.engine.game import Game
    from wargame.saves import read_scenario, save_game

    scenario, text = read_scenario(MAIN)
    for seed in range(100):
        game = Game.new(scenario, seed)
        while not game.over:
            made = play_side(game.state, "junta", "historical")
            made += play_side(game.state, "insurgency", "doctrine")
            game.end_turn(f"Reason of turn {game.state.turn}.", rationales(made))
        if len(game.records) == scenario.turns:
            return save_game(game, folder / "full.json", scenario_text=text)
    raise RuntimeError("no 26-turn game in 100 seeds")


def bench_save(runs: int = 30) -> None:
    """Saving a 26-turn game: encode, temporary file, fsync, replace, fsync the folder
    (target: 50 ms)."""
    import tempfile

    from wargame.saves import load_save, save_game

    with tempfile.TemporaryDirectory(dir=ROOT) as tmp:
        loaded = load_save(_saved_full_game(Path(tmp)))
        times = []
        for i in range(runs):
            start = time.perf_counter()
            save_game(loaded.game, Path(tmp) / f"s{i % 3}.json",
                      scenario_text=loaded.scenario_text)
            times.append((time.perf_counter() - start) * 1000)
        size = (Path(tmp) / "s0.json").stat().st_size
    print(f"save a 26-turn game ({size // 1024} KB, {runs} runs, fsync on the repo's disk): "
          f"median {statistics.median(times):.1f} ms, max {max(times):.1f} ms")


def bench_load(runs: int = 10) -> None:
    """Loading and verifying a 26-turn game: checksums, the embedded scenario compiled from
    its text (cold) or from the process cache (warm), 26 turns replayed and checked
    (target: 300 ms); and `wargame replay --verify` as a command, start-up included."""
    import tempfile

    from wargame.saves import format as save_format
    from wargame.saves import load_save

    with tempfile.TemporaryDirectory(dir=ROOT) as tmp:
        path = _saved_full_game(Path(tmp))
        cold, warm = [], []
        for _ in range(runs):
            save_format._SCENARIO_CACHE.clear()
            start = time.perf_counter()
            load_save(path)
            cold.append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            load_save(path)
            warm.append((time.perf_counter() - start) * 1000)
        wall = []
        for _ in range(3):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "wargame", "replay", str(path), "--verify"],
                           check=True, capture_output=True)
            wall.append((time.perf_counter() - start) * 1000)
    print(f"load + verify a 26-turn game ({runs} runs): cold median "
          f"{statistics.median(cold):.0f} ms (max {max(cold):.0f}), warm median "
          f"{statistics.median(warm):.0f} ms; `wargame replay --verify` wall "
          f"{statistics.median(wall):.0f} ms")


def _pty_first_frame(argv: list[str], marker: bytes, cols: int = 120, rows: int = 40,
                     timeout: float = 20.0) -> float:
    """Seconds from starting `argv` in a pseudo-terminal to `marker` in its output."""
    import fcntl
    import os
    import pty
    import select
    import signal
    import struct
    import termios

    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # the child: a terminal of the given size, then the game
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        os.execvpe(argv[0], argv, {**os.environ, "TERM": "xterm-256color"})
    seen = b""
    elapsed = float("nan")
    try:
        while time.perf_counter() - start < timeout:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen = (seen + chunk)[-200_000:]
            if marker in seen:
                elapsed = time.perf_counter() - start
                break
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)
    return elapsed


def bench_tui_start(runs: int = 5) -> None:
    """`wargame play bamako-blockade-2025` in a terminal: start to the first frame of the
    board (its header, `Turn 1 of 26`, on screen) (target: 1.5 s wall)."""
    import tempfile

    times = []
    with tempfile.TemporaryDirectory() as saves:
        argv = [sys.executable, "-m", "wargame", "play", "bamako-blockade-2025",
                "--saves-dir", saves]
        for _ in range(runs):
            times.append(_pty_first_frame(argv, b"Turn 1 of 26"))
    print(f"tui start to first board frame (pty 120x40, {runs} runs): median "
          f"{statistics.median(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms")


def bench_tui_cursor(moves: int = 120) -> None:
    """Moving the map cursor: the key's handler and the frame that redraws the map (only
    the rows the cursor left and entered), then the later frame of the side panels
    (details and orders), timed separately (target: the redraw 16 ms)."""
    import asyncio

    from wargame.scenario.load import load_scenario
    from wargame.tui.app import WargameApp
    from wargame.tui.widgets.map import MapView

    scenario = load_scenario(MAIN)

    async def run(size: tuple[int, int]) -> tuple[list[float], list[float]]:
        app = WargameApp(scenario=scenario, seed=1, saves_dir="/tmp/wargame-bench-saves")
        redraw: list[float] = []
        panels: list[float] = []
        async with app.run_test(size=size) as pilot:
            await pilot.pause(0.2)
            screen = app.screen
            map_view = screen.query_one(MapView)
            directions = ["right", "down", "left", "up", "right", "up", "left", "down"]
            for i in range(moves):
                await pilot.pause()
                start = time.perf_counter()
                map_view.action_cursor(directions[i % len(directions)])
                screen._on_timer_update()          # the frame that shows the move
                redraw.append((time.perf_counter() - start) * 1000)
                start = time.perf_counter()
                screen.refresh_place()  # type: ignore[attr-defined]
                screen._on_timer_update()
                panels.append((time.perf_counter() - start) * 1000)
        return redraw, panels

    for size in ((80, 24), (120, 40), (200, 60)):
        redraw, panels = asyncio.run(run(size))
        print(f"tui cursor move at {size[0]}x{size[1]} ({moves} moves): map redraw median "
              f"{statistics.median(redraw):.2f} ms, p95 {_percentile(redraw, 95):.2f} ms; "
              f"side panels' frame median {statistics.median(panels):.1f} ms, p95 "
              f"{_percentile(panels, 95):.1f} ms")


def bench_tui_end_turn(turns: int = 12) -> None:
    """End of turn to the report at standard difficulty: `e` pressed to the report's
    first frame, the insurgency's decision and the resolution included (target 300 ms)."""
    import asyncio

    from wargame.scenario.load import load_scenario
    from wargame.tui.app import WargameApp
    from wargame.tui.screens.report import ReportScreen

    scenario = load_scenario(MAIN)

    async def run() -> list[float]:
        app = WargameApp(scenario=scenario, seed=4, difficulty="standard",
                         saves_dir="/tmp/wargame-bench-saves")
        out = []
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause(0.2)
            await app.workers.wait_for_complete()   # the AI's warm-up, done while one reads
            await pilot.pause(0.5)
            for _ in range(turns):
                if app.session is None or app.session.over:
                    break
                app.timings.pop("report_shown", None)
                await pilot.press("e")
                for _ in range(400):
                    if "report_shown" in app.timings:
                        break
                    await asyncio.sleep(0.002)
                assert isinstance(app.screen, ReportScreen)
                out.append((app.timings["report_shown"] - app.timings["end_turn_pressed"])
                           * 1000)
                await pilot.press("enter")
                await pilot.pause(0.05)
        return out

    times = asyncio.run(run())
    print(f"tui end of turn to report, standard ({len(times)} turns; the autosave follows it): "
          f"median {statistics.median(times):.0f} ms, max {max(times):.0f} ms (turn by turn: "
          + ", ".join(f"{t:.0f}" for t in times) + ")")


def bench_serve_load() -> None:
    """`wargame serve` with 30 browser sessions (targets: first board frame median 3 s,
    150 MB per game process); see serve_load.py."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from serve_load import bench_serve_load as run

    run()


BENCHES: dict[str, Callable[[], None]] = {
    "bot": bench_bot, "simulate-1000": bench_simulate_1000,
    "game": bench_game, "game-full": bench_game_full_length, "validate": bench_validate,
    "save": bench_save, "load": bench_load,
    "tui-start": bench_tui_start, "tui-cursor": bench_tui_cursor,
    "tui-end-turn": bench_tui_end_turn, "serve-load": bench_serve_load,
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
