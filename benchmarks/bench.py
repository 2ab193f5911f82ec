"""The project's benchmark: measures the targets the issues state, prints figures.

    python benchmarks/bench.py            # all
    python benchmarks/bench.py game       # one
    python benchmarks/bench.py --baseline ../baseline game simulate-1000   # before/after
Never used as a test: timings depend on the machine.

Figures with a yardstick (a bare Textual app, `import pydantic, yaml`) or a baseline (another
checkout of the project with its own venv, `--baseline DIR` or `BENCH_BASELINE`) measure
both in the same run and print the ratio, so that a busy machine moves both alike. Commands
are timed by the wall clock (start-up is what a user waits for); work inside one process
(`game`, `engine-turn`, `growth`) by the process's CPU time, which other processes on a
shared machine do not inflate. Every run uses a fresh cache of compiled scenarios
(WARGAME_CACHE_DIR), never the user's, and keeps the bytecode of what it runs in a
temporary PYTHONPYCACHEPREFIX (each command is warmed once before it is timed).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
MAIN = ROOT / "scenarios" / "bamako-blockade-2025.yaml"
MAIN_ID = "bamako-blockade-2025"
# Another checkout to compare with (--baseline), set by main().
BASELINE: Path | None = None


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


def bench_game_random(games: int = 200) -> None:
    """A whole headless game of the main scenario with random policies (target: median 20 ms)."""
    times, turns = _time_games("random", "random", games)
    print(f"game (random vs random, {games} seeds): median {statistics.median(times):.2f} ms, "
          f"p95 {_percentile(times, 95):.2f} ms, mean turns {statistics.mean(turns):.1f}")


# ------------------------------------------------------------------ checkouts and baselines

def _checkouts() -> list[tuple[str, Path, Path]]:
    """(label, folder, python) of this checkout, then of the baseline when one is given."""
    found = [(f"this checkout ({_revision(ROOT)})", ROOT, Path(sys.executable))]
    if BASELINE is not None:
        found.append((f"baseline ({_revision(BASELINE)})", BASELINE,
                      BASELINE / ".venv" / "bin" / "python"))
    return found


def _revision(folder: Path) -> str:
    def git(*args: str) -> str:
        return subprocess.run(["git", "-C", str(folder), *args], capture_output=True,
                              text=True).stdout.strip()
    head = git("rev-parse", "--short", "HEAD") or "no git"
    return head + ("+changes" if git("status", "--porcelain", "--untracked-files=no") else "")


def _run_snippet(folder: Path, python: Path, code: str, **params: Any) -> dict[str, Any]:
    """Run `code` with a checkout's own python, inside it (so `wargame` is that checkout's);
    the code reads its parameters as JSON from argv[1] and prints one JSON object."""
    done = subprocess.run([str(python), "-c", code, json.dumps(params)], cwd=folder,
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"benchmark code failed in {folder}:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


# Every figure with a target, as measured in this run, for the table printed at the end:
# (target's name, figure, its yardstick or baseline, ratio, the target, PASS or MISS).
RESULTS: list[tuple[str, str, str, str, str, str]] = []


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def _note(name: str, figure: str, against: str, ratio: str, target: str, ok: bool) -> str:
    RESULTS.append((name, figure, against, ratio, target, _verdict(ok)))
    return _verdict(ok)


def _after_before(after: float, before: float, target: str) -> str:
    return f"after/before {after / before:.2f}x ({target})"


def _halved(name: str, after: float, before: float, unit: str) -> str:
    """The line of a target 'at most half of the baseline's time', noted for the table."""
    ratio = after / before
    verdict = _note(name, f"{after:.1f} {unit}", f"baseline {before:.1f} {unit}",
                    f"{ratio:.2f}x", "<= 0.5x", ratio <= 0.5)
    return f"after/before {ratio:.2f}x (target <= 0.5x: {verdict})"


# The features a checkout's engine has, for saying what a before/after compares.
_FEATURES = """
import importlib.util
features = [name for name, module in (("ledger", "wargame.engine.ledger"),
                                      ("scenario cache", "wargame.scenario.cache"))
            if importlib.util.find_spec(module) is not None]
"""

_GAME_CODE = _FEATURES + """
import json, statistics, sys, time
from pathlib import Path
from wargame.ai.simulate import play_game
from wargame.scenario.load import load_scenario
p = json.loads(sys.argv[1])
scenario = load_scenario(Path(p["scenario"]))
play_game(scenario, 0, "historical", "doctrine")  # warm caches
times, turns = [], []
for seed in range(1, p["games"] + 1):
    start = time.process_time()
    record = play_game(scenario, seed, "historical", "doctrine")
    times.append((time.process_time() - start) * 1000)
    turns.append(record.turns_played)
print(json.dumps({"times": times, "turns": turns, "features": features}))
"""


def bench_game(games: int = 60) -> None:
    """A whole headless game of the main scenario, JNIM's doctrine against the historical
    junta, in this checkout and in the baseline (target: at most half the baseline's time).
    Each checkout plays its own main scenario with its own rules, so the games differ: the
    time per turn is printed beside the time per game."""
    rows = []
    for label, folder, python in _checkouts():
        got = _run_snippet(folder, python, _GAME_CODE, games=games,
                           scenario=f"scenarios/{MAIN_ID}.yaml")
        per_game = statistics.median(got["times"])
        per_turn = sum(got["times"]) / sum(got["turns"])
        rows.append((per_game, per_turn))
        has = ", ".join(got["features"]) or "neither ledger nor scenario cache"
        print(f"game (doctrine vs historical, {games} seeds, CPU time), {label}: median "
              f"{per_game:.1f} ms a game, p95 {_percentile(got['times'], 95):.1f} ms, "
              f"{per_turn:.2f} ms a turn (bots included), mean turns "
              f"{statistics.mean(got['turns']):.1f} [engine has: {has}]")
    if len(rows) == 2:
        print(f"game: {_halved('game (doctrine vs historical)', rows[0][0], rows[1][0], 'ms')}"
              f" a game, {rows[0][1] / rows[1][1]:.2f}x a turn")
    else:
        print("game: no baseline (--baseline DIR or BENCH_BASELINE) for the before/after")


_TURN_CODE = """
import json, sys, time
from pathlib import Path
from wargame.ai.bots import play_side
from wargame.engine import new_game, resolve_turn
from wargame.scenario.load import load_scenario
p = json.loads(sys.argv[1])
scenario = load_scenario(Path(p["scenario"]))
samples, positions = [], 0
for seed in range(1, p["seeds"] + 1):
    state = new_game(scenario, seed)
    while not state.over and state.turn <= max(p["positions"]):
        play_side(state, "junta", "historical")
        play_side(state, "insurgency", "doctrine")
        if state.turn in p["positions"]:
            positions += 1
            for _ in range(p["repeats"]):
                start = time.process_time()
                resolve_turn(state.clone())
                samples.append((time.process_time() - start) * 1000)
        resolve_turn(state)
print(json.dumps({"samples": samples, "positions": positions}))
"""
TURN_POSITIONS = [4, 8, 12, 16, 20]


def _turn_samples(folder: Path, python: Path, scenario: str, seeds: int = 6,
                  repeats: int = 40) -> tuple[list[float], int]:
    """Milliseconds of `clone()` plus `resolve_turn` with both sides' orders queued, from
    the start of turns TURN_POSITIONS of `seeds` games (doctrine vs historical)."""
    got = _run_snippet(folder, python, _TURN_CODE, scenario=scenario, seeds=seeds,
                       repeats=repeats, positions=TURN_POSITIONS)
    return got["samples"], got["positions"]


def bench_engine_turn() -> None:
    """`clone()` plus `resolve_turn` for one turn of the main scenario, from mid-game
    positions (aim: median under 0.3 ms)."""
    medians = []
    for i, (label, folder, python) in enumerate(_checkouts()):
        samples, positions = _turn_samples(folder, python, f"scenarios/{MAIN_ID}.yaml")
        median, p95 = statistics.median(samples), _percentile(samples, 95)
        medians.append(median)
        ok = median < 0.3
        verdict = _note("engine-turn median", f"{median:.3f} ms (p95 {p95:.3f} ms)",
                        "absolute aim", "-", "< 0.3 ms", ok) if i == 0 else _verdict(ok)
        print(f"engine-turn (clone + resolve_turn, CPU time, {len(samples)} samples from "
              f"{positions} positions at turns {TURN_POSITIONS}), {label}: median "
              f"{median:.3f} ms, p95 {p95:.3f} ms (aim: median < 0.3 ms: {verdict})")
    if len(medians) == 2:
        print(f"engine-turn: {_after_before(medians[0], medians[1], 'lower is better')}")


def bench_game_full_length(games: int = 100) -> None:
    """Whole games with a passive junta against the random insurgency (near full length)."""
    times, turns = _time_games("passive", "random", games)
    print(f"game (passive vs random, {games} seeds): median {statistics.median(times):.2f} ms, "
          f"mean turns {statistics.mean(turns):.1f}")


def _wall(argv: list[str], cwd: Path = ROOT) -> float:
    """Milliseconds of a whole command, start-up included."""
    start = time.perf_counter()
    subprocess.run(argv, cwd=cwd, check=True, capture_output=True)
    return (time.perf_counter() - start) * 1000


def _ratio_line(name: str, value: float, yardstick: float, target: float,
                yard_name: str = "yardstick", noted: bool = True) -> str:
    ratio = value / yardstick
    ok = ratio <= target
    verdict = _note(name, f"{value:.0f} ms", f"{yard_name} {yardstick:.0f} ms",
                    f"{ratio:.2f}x", f"<= {target:g}x", ok) if noted else _verdict(ok)
    return (f"{name}: median {value:.0f} ms = {ratio:.2f}x the yardstick "
            f"(target <= {target:g}x: {verdict})")


def bench_validate(runs: int = 7) -> None:
    """`wargame validate FILE` on the main scenario, unchanged since the last run (served
    by the cache) and just changed, and `wargame scenarios`, against the yardstick
    `python -c "import pydantic, yaml"`, runs interleaved (targets 2x, 3x, 1.5x)."""
    for index, (label, folder, python) in enumerate(_checkouts()):
        with tempfile.TemporaryDirectory() as tmp:
            copy = Path(tmp) / "main.yaml"
            shutil.copyfile(folder / "scenarios" / f"{MAIN_ID}.yaml", copy)
            validate = [str(python), "-m", "wargame", "validate", str(copy)]
            scenarios = [str(python), "-m", "wargame", "scenarios"]
            _wall(validate, folder)  # warm: the file is now unchanged since the last run
            _wall(scenarios, folder)
            times: dict[str, list[float]] = {"yard": [], "same": [], "changed": [],
                                             "scenarios": []}
            for i in range(runs):
                times["yard"].append(_wall([str(python), "-c", "import pydantic, yaml"]))
                times["same"].append(_wall(validate, folder))
                with copy.open("a", encoding="utf-8") as out:
                    out.write(f"# edited for run {i}\n")  # a new content hash
                times["changed"].append(_wall(validate, folder))
                _wall(validate, folder)  # the next "unchanged" run is unchanged again
                times["scenarios"].append(_wall(scenarios, folder))
        yard = statistics.median(times["yard"])
        cached = (folder / "wargame" / "scenario" / "cache.py").exists()
        print(f"validate ({runs} runs each, interleaved), {label}: yardstick "
              f"`python -c \"import pydantic, yaml\"` median {yard:.0f} ms"
              + ("" if cached else " [no scenario cache in this checkout: an unchanged file "
                                   "is parsed again]"))
        where = "" if index == 0 else f" [{label}]"
        yard_name = "import pydantic, yaml"
        print("  " + _ratio_line("validate, file unchanged since the last run" + where,
                                 statistics.median(times["same"]), yard, 2, yard_name))
        print("  " + _ratio_line("validate, file just changed" + where,
                                 statistics.median(times["changed"]), yard, 3, yard_name))
        print("  " + _ratio_line("scenarios" + where, statistics.median(times["scenarios"]),
                                 yard, 1.5, yard_name))


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


def bench_planner(games: int = 4) -> None:
    """One planning-junta turn at its default budget, every turn of a few whole games of the
    main scenario, in the process's CPU time (target: p95 under 1 s on one core)."""
    from wargame.ai.bots import play_side
    from wargame.ai.planner import DEFAULT_BUDGET
    from wargame.engine import new_game, resolve_turn
    from wargame.scenario.load import load_scenario

    scenario = load_scenario(MAIN)
    times = []
    for seed in range(1, games + 1):
        state = new_game(scenario, seed)
        while not state.over:
            start = time.process_time()
            play_side(state, "junta", "planner", planner_budget=DEFAULT_BUDGET)
            times.append((time.process_time() - start) * 1000)
            play_side(state, "insurgency", "doctrine")
            resolve_turn(state)
    print(f"planner turn at budget {DEFAULT_BUDGET} ({len(times)} turns of {games} games): "
          f"median {statistics.median(times):.0f} ms, p95 {_percentile(times, 95):.0f} ms, "
          f"max {max(times):.0f} ms CPU (target: under 1000 ms)")


def bench_simulate_1000() -> None:
    """`wargame simulate bamako-blockade-2025 --games 1000 --junta historical --jobs 2`,
    start-up included, in this checkout and in the baseline (target: at most half the
    baseline's time, by the wall clock). The CPU time of the command and its worker
    processes is printed beside it: on a machine shared with other work the wall clock of
    two runs a minute apart moves with the others' load, the CPU time much less."""
    import resource

    walls, cpus = [], []
    for label, folder, python in _checkouts():
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        wall = _wall([str(python), "-m", "wargame", "simulate", MAIN_ID, "--games", "1000",
                      "--junta", "historical", "--jobs", "2"], folder) / 1000
        after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the workers are included
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        walls.append(wall)
        cpus.append(cpu)
        print(f"simulate 1000 games, historical, 2 cores, {label}: {wall:.1f} s "
              f"(CPU time {cpu:.1f} s)")
    if len(walls) == 2:
        line = _halved("simulate --games 1000 (2 jobs)", walls[0], walls[1], "s")
        print(f"simulate-1000: {line}; CPU time after/before {cpus[0] / cpus[1]:.2f}x")
    else:
        print("simulate-1000: no baseline (--baseline DIR or BENCH_BASELINE) for the "
              "before/after")


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
                     timeout: float = 20.0, cwd: Path = ROOT) -> float:
    """Seconds from starting `argv` in a pseudo-terminal (in folder `cwd`) to `marker` in
    its output."""
    import fcntl
    import pty
    import select
    import signal
    import struct
    import termios

    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # the child: a terminal of the given size, then the game
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        os.chdir(cwd)
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


# The yardstick of start-up: a bare Textual app (header, one label, footer).
_BARE_APP = """
from textual.app import App
from textual.widgets import Footer, Header, Label


class Bare(App):
    def compose(self):
        yield Header()
        yield Label("bare app ready")
        yield Footer()


Bare().run()
"""


def bench_tui_start(runs: int = 5) -> None:
    """`wargame play bamako-blockade-2025` in a 120x40 pty: start to the first frame of the
    board (its header, `Turn 1 of 26`), against a bare Textual app started the same way in
    the same pty size, runs interleaved (target: at most 2x the bare app)."""
    with tempfile.TemporaryDirectory() as tmp:
        bare = Path(tmp) / "bare_app.py"
        bare.write_text(_BARE_APP, encoding="utf-8")
        commands = [("bare Textual app", [sys.executable, str(bare)], b"bare app ready", ROOT)]
        for label, folder, python in _checkouts():
            argv = [str(python), "-m", "wargame", "play", MAIN_ID, "--saves-dir", tmp]
            commands.append((label, argv, b"Turn 1 of 26", folder))
        for _, argv, marker, cwd in commands:  # warm the disk cache and the scenario cache
            _pty_first_frame(argv, marker, cwd=cwd)
        times: dict[str, list[float]] = {label: [] for label, *_ in commands}
        for _ in range(runs):
            for label, argv, marker, cwd in commands:
                seconds = _pty_first_frame(argv, marker, cwd=cwd)
                if seconds != seconds:  # NaN: the frame never came
                    raise RuntimeError(f"tui-start: {label} never showed {marker!r}")
                times[label].append(seconds * 1000)
    yard = statistics.median(times["bare Textual app"])
    print(f"tui-start (pty 120x40, {runs} runs each, interleaved): bare Textual app median "
          f"{yard:.0f} ms")
    for index, (label, *_) in enumerate(commands[1:]):
        name = "board's first frame" + ("" if index == 0 else f" [{label}]")
        print("  " + _ratio_line(name, statistics.median(times[label]), yard, 2,
                                 "bare Textual app")
              + f", max {max(times[label]):.0f} ms ({label})")


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


_LOAD_CODE = """
import json, os, sys, tempfile, time
from pathlib import Path
from wargame.scenario.load import check_file
p = json.loads(sys.argv[1])
for path in p["files"].values():  # warm-up: the first check of a process pays for others
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["WARGAME_CACHE_DIR"] = tmp
        check_file(Path(path))
out = {}
for name, path in p["files"].items():
    cold, warm = [], []
    for _ in range(p["runs"]):
        with tempfile.TemporaryDirectory() as tmp:
            os.environ["WARGAME_CACHE_DIR"] = tmp
            start = time.process_time()
            report = check_file(Path(path))
            cold.append((time.process_time() - start) * 1000)
            assert report.scenario is not None, report.lines()[:3]
            start = time.process_time()
            check_file(Path(path))
            warm.append((time.process_time() - start) * 1000)
    out[name] = {"cold": cold, "warm": warm}
print(json.dumps(out))
"""


def bench_growth(scale: int = 10) -> None:
    """A turn and a load of `benchmarks/bigmap.py --scale 10` over those of the main
    scenario (targets: at most 12x each). Loads are timed cold (parsed, validated,
    compiled and cached) and warm (from the cache)."""
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / f"bigmap-{scale}.yaml"
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bigmap.py"), "--scale",
                        str(scale), "-o", str(big)], check=True, capture_output=True)
        python = Path(sys.executable)
        turns = {name: _turn_samples(ROOT, python, str(path), seeds=4, repeats=15)[0]
                 for name, path in (("main", MAIN), ("big", big))}
        loads = _run_snippet(ROOT, python, _LOAD_CODE, runs=5,
                             files={"main": str(MAIN), "big": str(big)})
        size = big.stat().st_size // 1024
    turn = {name: statistics.median(samples) for name, samples in turns.items()}
    cold = {name: statistics.median(v["cold"]) for name, v in loads.items()}
    warm = {name: statistics.median(v["warm"]) for name, v in loads.items()}

    def verdict(name: str, big: float, main: float, digits: int) -> str:
        ratio = big / main
        result = _note(f"growth x{scale}: {name}", f"{big:.{digits}f} ms",
                       f"main {main:.{digits}f} ms", f"{ratio:.2f}x", "<= 12x", ratio <= 12)
        return f"{ratio:.2f}x (target <= 12x: {result})"

    print(f"growth (the main map x{scale}, {size} KB of YAML):")
    print(f"  turn (clone + resolve_turn, CPU time, medians of {len(turns['big'])} samples): main "
          f"{turn['main']:.3f} ms, x{scale} {turn['big']:.3f} ms: "
          f"{verdict('turn', turn['big'], turn['main'], 3)}")
    print(f"  load cold (parse, validate, compile, cache; CPU time): main {cold['main']:.0f} ms, "
          f"x{scale} {cold['big']:.0f} ms: {verdict('load cold', cold['big'], cold['main'], 0)}")
    print(f"  load warm (from the cache): main {warm['main']:.1f} ms, x{scale} "
          f"{warm['big']:.1f} ms: {verdict('load warm', warm['big'], warm['main'], 1)}")


# Issue 9: the ledger's cost, measured in this checkout with its recording short-circuited
# (Turn.record a no-op, Turn._bounded only clamping, no Entry built). The rules and their
# call sites stay as they are, so the parameters each call builds for the ledger are paid
# in both runs: this measures recording, not the whole of the ledger's cost.
_LEDGER_OFF = """
from wargame.engine import resolve as _resolve, turn as _turn

def _record(self, *args, **kwargs):
    return None

def _bounded(self, track, region, value, delta, low, high, *rest):
    new = value + delta
    return low if low is not None and new < low else high if high is not None \\
        and new > high else new

def ledger_off():
    _turn.Turn.record = _record
    _turn.Turn._bounded = _bounded
    _resolve.TurnLedger = lambda turn, raw: []  # the entries a turn's result reads lazily
"""

_LEDGER_COST_CODE = _LEDGER_OFF + """
import json, statistics, sys, time
from pathlib import Path
from wargame.ai.simulate import play_game, simulate
from wargame.engine import resolve, turn
from wargame.scenario.load import load_scenario
p = json.loads(sys.argv[1])
scenario = load_scenario(Path(p["scenario"]))
on = (turn.Turn.record, turn.Turn._bounded, resolve.TurnLedger)

def ledger_on():
    turn.Turn.record, turn.Turn._bounded, resolve.TurnLedger = on

def one_game(seed):
    start = time.process_time()
    play_game(scenario, seed, "historical", "doctrine")
    return (time.process_time() - start) * 1000

play_game(scenario, 0, "historical", "doctrine")  # warm caches
times = {"on": [], "off": []}
for seed in range(1, p["games"] + 1):   # interleaved: a busy moment hits both alike
    for mode in (("on", "off") if seed % 2 else ("off", "on")):
        ledger_on() if mode == "on" else ledger_off()
        times[mode].append(one_game(seed))
import os

def cpu():
    t = os.times()   # this process and its reaped children (the pool's workers)
    return t.user + t.system + t.children_user + t.children_system

walls = {"on": [], "off": []}
cpus = {"on": [], "off": []}
for mode in ("off", "on", "on", "off"):  # the process pool forks: workers inherit the mode
    ledger_on() if mode == "on" else ledger_off()
    start, start_cpu = time.perf_counter(), cpu()
    simulate(scenario, Path(p["scenario"]), p["simulate"], 1, junta="historical", jobs=2)
    walls[mode].append(time.perf_counter() - start)
    cpus[mode].append(cpu() - start_cpu)
ledger_on()
print(json.dumps({"times": times, "walls": walls, "cpus": cpus}))
"""


def bench_ledger_cost(games: int = 60, simulated: int = 1000) -> None:
    """The causal ledger's cost (issue 9: at most 15% on a whole headless game, at most 10%
    on simulate --games 1000), in this checkout with and without its recording, in one
    process: whole games (CPU time, interleaved) and `simulate` of 1000 games, historical,
    2 workers (CPU time of the process and its workers, twice each, start-up excluded)."""
    _, folder, python = _checkouts()[0]
    got = _run_snippet(folder, python, _LEDGER_COST_CODE, games=games, simulate=simulated,
                       scenario=f"scenarios/{MAIN_ID}.yaml")
    on, off = (statistics.median(got["times"][m]) for m in ("on", "off"))
    print(f"ledger, whole game (doctrine vs historical, {games} seeds, CPU time): median "
          f"{on:.1f} ms with the ledger, {off:.1f} ms with its recording short-circuited: "
          f"+{(on / off - 1) * 100:.1f}% (target <= 15%)")
    won, woff = (min(got["walls"][m]) for m in ("on", "off"))
    con, coff = (min(got["cpus"][m]) for m in ("on", "off"))
    print(f"ledger, simulate {simulated} games (historical, 2 workers, best of 2): CPU "
          f"{con:.1f} s with the ledger, {coff:.1f} s without: "
          f"+{(con / coff - 1) * 100:.1f}% (target <= 10%); wall {won:.1f} s and "
          f"{woff:.1f} s (a busy machine moves the wall clock, not the CPU time)")


BENCHES: dict[str, Callable[[], None]] = {
    "bot": bench_bot, "planner": bench_planner, "simulate-1000": bench_simulate_1000,
    "game": bench_game, "game-full": bench_game_full_length, "validate": bench_validate,
    "save": bench_save, "load": bench_load,
    "tui-start": bench_tui_start, "tui-cursor": bench_tui_cursor,
    "tui-end-turn": bench_tui_end_turn, "serve-load": bench_serve_load,
}
# Issue 13: the engine's turn, growth with the map, the old random-vs-random game.
BENCHES.update({"engine-turn": bench_engine_turn, "growth": bench_growth,
                "game-random": bench_game_random, "ledger-cost": bench_ledger_cost})


def main(argv: list[str]) -> int:
    global BASELINE
    parser = argparse.ArgumentParser(description="Measure the targets the issues state.")
    parser.add_argument("names", nargs="*", metavar="NAME",
                        help=f"benchmarks to run (default: all): {', '.join(BENCHES)}")
    parser.add_argument("--baseline", metavar="DIR", default=os.environ.get("BENCH_BASELINE"),
                        help="another checkout of the project with its own venv "
                             "(DIR/.venv/bin/python), measured in the same run for "
                             "before/after figures (default: $BENCH_BASELINE)")
    args = parser.parse_args(argv)
    unknown = [n for n in args.names if n not in BENCHES]
    if unknown:
        print(f"unknown benchmark {unknown[0]}; choose from {', '.join(BENCHES)}")
        return 2
    if args.baseline:
        BASELINE = Path(args.baseline).resolve()
        if not (BASELINE / ".venv" / "bin" / "python").exists():
            print(f"--baseline {BASELINE}: no .venv/bin/python there")
            return 2
    cache = tempfile.mkdtemp(prefix="wargame-bench-cache-")
    os.environ["WARGAME_CACHE_DIR"] = cache  # fresh, and inherited by every command timed
    # The commands timed keep their bytecode, as a user's Python does, in a folder of ours
    # (never in the checkouts), even where PYTHONDONTWRITEBYTECODE is set.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ["PYTHONPYCACHEPREFIX"] = str(Path(cache) / "bytecode")
    try:
        for name in args.names or list(BENCHES):
            BENCHES[name]()
            sys.stdout.flush()
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    _print_results()
    return 0


def _print_results() -> None:
    """The targets measured in this run, one line each (for notes and reviews)."""
    if not RESULTS:
        return
    header = ("target", "figure", "against", "ratio", "target", "")
    widths = [max(len(row[i]) for row in [header, *RESULTS]) for i in range(6)]
    print("\nsummary of the targets measured in this run:")
    for row in [header, *RESULTS]:
        print("  " + "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
