"""The `serve-load` benchmark: a class of 30 students on this machine.

`wargame serve` runs with the main scenario. First 30 clients speak textual-serve's
websocket protocol directly (the server's own share of the work: in a seminar the
browsers run on the students' laptops); then one headless Chromium (Debian's) opens 30
sessions, each in a browser context of its own, gives a team name and waits for the
board. Measured: the time from opening the page to the first board frame (`Turn 1 of`
in the page's terminal), when the 30 arrive together and when they arrive one a second;
the memory of each game process (RSS, and PSS/USS: the forked games share their parent's
pages); and the time from the end of turn (`e`) to the report while all 30 are connected,
for one player at a time and for the whole class at once. The browser runs on the same
two cores as the server: a seminar's browsers run on the students' laptops.
"""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "serve"))

from serve_helpers import (  # noqa: E402  (the tests' browser helpers)
    CATCH_TERMINAL,
    CHROMIUM,
    CHROMIUM_ARGS,
    READ_SCREEN,
    VIEWPORT,
    serving,
)

SESSIONS = int(os.environ.get("WARGAME_BENCH_SESSIONS", "30"))
# No WebGL: xterm.js then draws with its canvas renderer rather than WebGL emulated on
# the CPU (SwiftShader), which costs this GPU-less machine about a quarter less browser
# time (a student's laptop has a GPU). WARGAME_BENCH_CHROMIUM_ARGS adds more flags.
BROWSER_ARGS = [*CHROMIUM_ARGS, "--disable-3d-apis",
                *os.environ.get("WARGAME_BENCH_CHROMIUM_ARGS", "").split()]
SHOWS = f"(text) => ({READ_SCREEN})().includes(text)"


async def _until(page: Any, text: str, timeout: float = 600) -> None:
    await page.wait_for_function(SHOWS, arg=text, polling=50, timeout=timeout * 1000)


async def _open(browser: Any, url: str, team: str) -> tuple[Any, float]:
    """A student's page from opening to the board: (the page, seconds)."""
    context = await browser.new_context(viewport=VIEWPORT)
    await context.add_init_script(CATCH_TERMINAL)
    page = await context.new_page()
    start = time.perf_counter()
    await page.goto(url, wait_until="commit")
    await _until(page, "Your team's name")
    await page.mouse.click(VIEWPORT["width"] // 2, VIEWPORT["height"] // 2)  # focus it
    await page.keyboard.type(team)
    await page.keyboard.press("Enter")
    await _until(page, "Turn 1 of")
    return page, time.perf_counter() - start


async def _end_turn(page: Any) -> float:
    start = time.perf_counter()
    await page.keyboard.press("e")
    await _until(page, "Report of turn")
    elapsed = time.perf_counter() - start
    await page.keyboard.press("Enter")
    await _until(page, "Turn 2 of")
    return elapsed


def _memory(pid: int) -> tuple[float, float, float]:
    """(RSS, PSS, USS) of a process in MB, from /proc."""
    fields: dict[str, int] = {}
    with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 2 and parts[1].isdigit():
                fields[parts[0].rstrip(":")] = int(parts[1])
    uss = fields.get("Private_Clean", 0) + fields.get("Private_Dirty", 0)
    return fields.get("Rss", 0) / 1024, fields.get("Pss", 0) / 1024, uss / 1024


def _children(pid: int) -> list[int]:
    import subprocess

    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True,
                         text=True).stdout
    return [int(p) for p in out.split()]


def _cpu_seconds(pid: int) -> float:
    """User and system CPU time of a process so far."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _browser_cpu() -> float:
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/comm"):
        try:
            if stat.read_text().strip() == "chromium":
                total += _cpu_seconds(int(stat.parent.name))
        except OSError:
            continue
    return total


def _load() -> str:
    return "load average " + " ".join(Path("/proc/loadavg").read_text().split()[:3])


def _summary(label: str, values: list[float], unit: str = "s") -> str:
    return (f"{label}: median {statistics.median(values):.2f} {unit}, "
            f"max {max(values):.2f} {unit}")


async def _class(url: str, server: int, fork_server: int | None, stagger: float
                 ) -> list[str]:
    from playwright.async_api import async_playwright

    lines = []
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                                   args=BROWSER_ARGS)

        async def arrive(i: int) -> tuple[Any, float]:
            await asyncio.sleep(i * stagger)
            return await _open(browser, url, f"Team {i + 1}")

        browser_before, server_before = _browser_cpu(), _cpu_seconds(server)
        opened = await asyncio.gather(*(arrive(i) for i in range(SESSIONS)))
        pages = [page for page, _ in opened]
        how = "together" if not stagger else f"one every {stagger:g} s"
        lines.append(_summary(f"  page to first board frame, {SESSIONS} arriving {how}",
                              [t for _, t in opened]))
        games = _children(fork_server) if fork_server is not None else []
        lines.append(f"  CPU time to open the {SESSIONS} sessions: each game process median "
                     f"{statistics.median(_cpu_seconds(g) for g in games or [0]):.2f} s; the "
                     f"server {_cpu_seconds(server) - server_before:.1f} s; the browser "
                     f"{_browser_cpu() - browser_before:.1f} s")
        idle_games = sum(_cpu_seconds(g) for g in games)
        idle_browser = _browser_cpu()
        await asyncio.sleep(5)
        lines.append(f"  idle for 5 s with {SESSIONS} connected: the games use "
                     f"{(sum(_cpu_seconds(g) for g in games) - idle_games) / 5 * 100:.0f}% of "
                     f"a core in all, the browser {(_browser_cpu() - idle_browser) / 5 * 100:.0f}%")
        if fork_server is not None and games:
            memory = [_memory(pid) for pid in games]
            parent = _memory(fork_server)
            lines.append(f"  memory of the {len(games)} game processes: RSS median "
                         f"{statistics.median(m[0] for m in memory):.0f} MB (max "
                         f"{max(m[0] for m in memory):.0f}), PSS median "
                         f"{statistics.median(m[1] for m in memory):.0f} MB, USS median "
                         f"{statistics.median(m[2] for m in memory):.0f} MB; the fork "
                         f"server RSS {parent[0]:.0f} MB; all games' PSS "
                         f"{sum(m[1] for m in memory) / 1024:.2f} GB")
        if not stagger:
            first = max(1, len(pages) // 3)   # a third one at a time, the rest at once
            one_by_one = [await _end_turn(page) for page in pages[:first]]
            lines.append(_summary(f"  end of turn to report, one player at a time, {SESSIONS} "
                                  f"connected ({first} players)", one_by_one))
            together = await asyncio.gather(*(_end_turn(p) for p in pages[first:]))
            lines.append(_summary(f"  end of turn to report, {len(pages) - first} players at "
                                  "the same moment", list(together)))
        await browser.close()
    return lines


class _Student:
    """A student without a browser: textual-serve's websocket protocol, spoken directly
    (the screen's text is looked for in the bytes the game sends)."""

    def __init__(self, socket: Any) -> None:
        self.socket = socket
        self.seen = b""

    async def until(self, text: bytes, timeout: float = 600) -> None:
        async with asyncio.timeout(timeout):
            while text not in self.seen:
                message = await self.socket.receive()
                if isinstance(message.data, bytes):
                    self.seen = (self.seen + message.data)[-400_000:]
                elif message.data is None:
                    raise RuntimeError("the game closed the connection")
        self.seen = b""

    async def type(self, text: str) -> None:
        await self.socket.send_str(json.dumps(["stdin", text]))


async def _sockets(url: str, fork_server: int | None, stagger: float) -> list[str]:
    import aiohttp

    socket_url = url.replace("http://", "ws://") + "ws?width=142&height=44"
    async with aiohttp.ClientSession() as session:

        async def arrive(i: int) -> tuple[_Student, float]:
            await asyncio.sleep(i * stagger)
            start = time.perf_counter()
            student = _Student(await session.ws_connect(socket_url, max_msg_size=0))
            await student.until(b"team's name")
            await student.type(f"Team {i + 1}\r")
            await student.until(b"Turn 1 of")
            return student, time.perf_counter() - start

        opened = await asyncio.gather(*(arrive(i) for i in range(SESSIONS)))
        how = "together" if not stagger else f"one every {stagger:g} s"
        lines = [_summary(f"  connection to first board frame, {SESSIONS} arriving {how}",
                          [t for _, t in opened])]
        games = _children(fork_server) if fork_server is not None else []
        lines.append(f"  CPU time of each game process to its first frame: median "
                     f"{statistics.median(_cpu_seconds(g) for g in games or [0]):.2f} s")

        async def end_turn(student: _Student) -> float:
            start = time.perf_counter()
            await student.type("e")
            await student.until(b"Report of turn")
            elapsed = time.perf_counter() - start
            await student.type("\r")
            await student.until(b"Turn 2 of")
            return elapsed

        students = [s for s, _ in opened]
        if not stagger:
            first = max(1, len(students) // 3)
            lines.append(_summary(f"  end of turn to report, one player at a time, "
                                  f"{SESSIONS} connected ({first} players)",
                                  [await end_turn(s) for s in students[:first]]))
            lines.append(_summary(f"  end of turn to report, {len(students) - first} players "
                                  "at the same moment",
                                  list(await asyncio.gather(*(end_turn(s)
                                                              for s in students[first:])))))
        for student in students:
            await student.socket.close()
    return lines


def _run(label: str, measure: Any) -> None:
    for stagger in (0.0, 1.0):
        with tempfile.TemporaryDirectory() as tmp, serving(
                Path(tmp), "--scenario", "bamako-blockade-2025", "--max-sessions",
                str(SESSIONS + 5)) as served:
            time.sleep(3)   # the fork server warms up (imports, scenario, AI)
            print(f" {label}, {'together' if not stagger else 'arriving'} "
                  f"(before: {_load()}):", flush=True)
            for line in asyncio.run(measure(served, stagger)):
                print(line, flush=True)
            print(f"  (after: {_load()})", flush=True)


def bench_serve_load() -> None:
    """30 browser sessions (targets: first frame median 3 s, 150 MB per game process)."""
    print(f"serve-load: {SESSIONS} students of one wargame serve, on this machine")
    _run(f"{SESSIONS} websocket clients (the server's share: no browser on these cores)",
         lambda served, stagger: _sockets(served.url, served.fork_server_pid(), stagger))
    _run(f"{SESSIONS} headless Chromium sessions (browser and server on the same 2 cores)",
         lambda served, stagger: _class(served.url, served.process.pid,
                                        served.fork_server_pid(), stagger))
