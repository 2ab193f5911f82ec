"""`wargame serve`: textual-serve's web server, extended for a seminar room.

textual-serve gives every browser websocket its own process running a Textual app, and
relays the terminal between them. This server adds what a room of students needs:

- `/` serves the game page, or a clear "the room is full" page (HTTP 503) once
  `--max-sessions` games are running; `/ws` starts a game process (the team's name first);
- `/instructor` and `/instructor/ws` exist only with `--instructor-token`, and answer 403
  (and nothing else) without the token, given as `?token=`, as the `X-Instructor-Token`
  header, as `Authorization: Bearer`, or as the cookie the page sets;
- an idle game (no key press or mouse event for `--idle-timeout`) is ended, autosaved;
- Ctrl+C (or SIGTERM) asks every game to quit (each autosaves on its way out), then ends
  any process still running: no game process outlives the server.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
import os
import signal
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp_jinja2
import jinja2
from aiohttp import WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.server import Server

from ..i18n import N_, _, current_language, format_decimal, ngettext
from . import forkserver
from .forkserver import ForkedProcess, ForkServer

log = logging.getLogger("wargame.serve")

TEMPLATES = Path(__file__).parent / "templates"
TOKEN_HEADER = "X-Instructor-Token"
TOKEN_COOKIE = "wargame_instructor"
MAX_INSTRUCTOR_SESSIONS = 4
STOP_GRACE = 5.0          # seconds a game has to autosave and quit before it is ended
CLOSED_TEXT = N_("This game session has ended. Your game is saved: open the page again and "
                 "give your team's name to continue where you left off.")


@dataclass(frozen=True)
class ServeConfig:
    host: str
    port: int
    class_dir: Path
    player_argv: list[str]             # the command of one game process
    instructor_argv: list[str]         # the command of the instructor's view
    fork_argv: list[str] | None = None  # the fork server's command (see forkserver.py)
    max_sessions: int = 40
    idle_timeout: float = 1800.0       # seconds
    instructor_token: str | None = None


def _terminal_text(*lines: str) -> bytes:
    """Text written straight to the browser's terminal (clear it, then the lines)."""
    return ("\x1b[0m\x1b[2J\x1b[H" + "\r\n".join(lines) + "\r\n").encode("utf-8")


def console_duration(seconds: float) -> str:
    """A time-out for the server's console, in the language of the command line."""
    value = seconds if seconds < 90 else seconds / 60
    count = int(value) if value == int(value) else 2   # 1.5 minutes: the plural
    if seconds < 90:
        text = ngettext("{n} second", "{n} seconds", count)
    else:
        text = ngettext("{n} minute", "{n} minutes", count)
    return text.format(n=format_decimal(value, 2))


def minutes_text(seconds: float) -> str:
    if seconds < 90:
        return f"{seconds:g} seconds"
    return f"{seconds / 60:g} minutes"


def page_words() -> dict[str, str]:
    """The words of the served pages, in the server's language (`wargame serve --lang`):
    the seminar's pages speak the language its games do."""
    return {"lang": current_language(), "starting": _("Starting…"),
            "open_again": _("Open again"), "closed_text": _(CLOSED_TEXT)}


def full_page_words(limit: int, idle_seconds: float) -> dict[str, str]:
    """The words of the "room is full" page."""
    return {**page_words(), "page_title": _("wargame: the room is full"),
            "heading": _("The room is full"),
            "in_use": ngettext("The {limit} game session of this server is in use, so no new "
                               "game can start now. This page tries again every 30 seconds.",
                               "All {limit} game sessions of this server are in use, so no new "
                               "game can start now. This page tries again every 30 seconds.",
                               limit).format(limit=limit),
            "elsewhere": _("If your team is already playing in another tab or on another "
                           "computer, join it there. Otherwise ask the instructor: a session "
                           "ends when its tab is closed or after {idle} without a key press "
                           "(its game is saved).").format(idle=console_duration(idle_seconds))}


class GameProcess(AppService):
    """One browser's game: textual-serve's app service, started without a shell in a
    process group of its own (so that it, and anything it starts, can be ended), with the
    time of the visitor's last input kept for the idle time-out."""

    def __init__(self, argv: list[str], *, write_bytes: Callable[[bytes], Awaitable[None]],
                 write_str: Callable[[str], Awaitable[None]],
                 close: Callable[[], Awaitable[None]], download_manager: Any,
                 forks: ForkServer | None = None, run: str = "game") -> None:
        super().__init__(" ".join(argv), write_bytes=write_bytes, write_str=write_str,
                         close=close, download_manager=download_manager)
        self.argv = argv
        self.forks = forks
        self.run_name = run                   # what the fork server runs: game or class
        self.last_input = time.monotonic()
        self.farewell: bytes | None = None    # written to the browser when the game exits
        self.ending = False                   # the idle time-out is ending it

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Any:
        if self.forks is not None:
            try:
                forked = await self.forks.spawn({"COLUMNS": str(width), "ROWS": str(height)},
                                                self.run_name)
            except OSError as exc:
                log.warning("the fork server failed (%s): starting a new process", exc)
            else:
                # a forked game stands in for textual-serve's Process (same methods used)
                self._process, self._stdin = forked, forked.stdin  # type: ignore[assignment]
                return forked
        env = self._build_environment(width=width, height=height)
        self._process = process = await asyncio.create_subprocess_exec(
            *self.argv, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE, env=env, start_new_session=True)
        assert process.stdin is not None
        self._stdin = process.stdin
        return process

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    async def send_bytes(self, data: bytes) -> bool:
        self.last_input = time.monotonic()
        return await super().send_bytes(data)

    async def on_meta(self, data: bytes) -> None:
        meta = json.loads(data)
        if meta.get("type") == "exit" and self.farewell:
            with contextlib.suppress(Exception):
                await self.remote_write_bytes(self.farewell)
        await super().on_meta(data)

    async def end(self, grace: float = STOP_GRACE) -> None:
        """Ask the game to quit (it autosaves first); end its process group if it has not
        quit within `grace` seconds."""
        with contextlib.suppress(asyncio.TimeoutError, Exception):
            await asyncio.wait_for(asyncio.shield(self.stop()), grace)
        process = self._process
        if process is None:
            return
        for sig, wait in ((signal.SIGTERM, 2.0), (signal.SIGKILL, 5.0)):
            if process.returncode is not None:
                break
            if isinstance(process, ForkedProcess):
                process.send_signal(sig)
            else:
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.killpg(process.pid, sig)
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(process.wait(), wait)
        if self._task is not None and not self._task.done():
            self._task.cancel()


class SeminarServer(Server):
    """textual-serve's server with the seminar's routes, limits and clean shutdown."""

    def __init__(self, config: ServeConfig) -> None:
        super().__init__("wargame", host=config.host, port=config.port, title="wargame")
        self.config = config
        self.templates_path = TEMPLATES
        self.players: set[GameProcess] = set()
        self.instructors: set[GameProcess] = set()
        self.closing = False
        self.forks: ForkServer | None = None

    # ------------------------------------------------------------------ set-up
    def initialize_logging(self) -> None:
        logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
        logging.getLogger("aiohttp.access").setLevel(logging.WARNING)
        logging.getLogger("textual-serve").setLevel(logging.WARNING)

    async def _make_app(self) -> web.Application:
        app = web.Application()
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path),
                             autoescape=True)
        routes = [web.get("/", self.handle_index, name="index"),
                  web.get("/ws", self.handle_player_socket, name="websocket"),
                  web.static("/static", self.statics_path, name="static")]
        if self.config.instructor_token:
            routes += [web.get("/instructor", self.handle_instructor, name="instructor"),
                       web.get("/instructor/ws", self.handle_instructor_socket,
                               name="instructor-websocket")]
        app.add_routes(routes)
        app.on_startup.append(self.on_startup)
        app.on_shutdown.append(self.on_shutdown)
        return app

    def start_fork_server(self) -> None:
        """The warm parent of the games (Linux); without it each game starts cold."""
        if not self.config.fork_argv or not forkserver.supported():
            return
        # textual-serve's variables for a game (the method reads no AppService state)
        env = AppService._build_environment(self)  # type: ignore[arg-type]
        for name in ("COLUMNS", "ROWS"):
            env.pop(name, None)
        try:
            self.forks = ForkServer(self.config.fork_argv, env)
        except OSError as exc:
            log.warning("wargame serve: no fork server (%s): games start as new processes",
                        exc)

    async def on_startup(self, app: web.Application) -> None:
        self.start_fork_server()
        url = f"http://{_url_host(self.config.host)}:{self.config.port}/"
        print("wargame serve: " + _("open {url} in a browser").format(url=url), flush=True)
        print("  " + ngettext(
            "class folder {folder} · at most {count} game · idle games end after {idle}",
            "class folder {folder} · at most {count} games · idle games end after {idle}",
            self.config.max_sessions).format(folder=self.config.class_dir,
                                             count=self.config.max_sessions,
                                             idle=console_duration(self.config.idle_timeout)),
              flush=True)
        if self.config.instructor_token:
            print("  " + _("instructor's view: {url}  (the token you gave)").format(
                url=f"{url}instructor?token=…"), flush=True)
        print("  " + _("Ctrl+C stops the server and ends every game (each one autosaved)"),
              flush=True)

    async def on_shutdown(self, app: web.Application) -> None:
        self.closing = True
        games = list(self.players | self.instructors)
        if games:
            log.info("wargame serve: ending %d game session(s)…", len(games))
        for game in games:
            game.farewell = _terminal_text("The server was stopped by the instructor.",
                                           "Your game was saved.")
        await asyncio.gather(*(game.end() for game in games), return_exceptions=True)
        if self.forks is not None:
            await asyncio.to_thread(self.forks.close)

    # ------------------------------------------------------------------ pages
    def _page(self, request: web.Request, socket_route: str, title: str) -> dict[str, Any]:
        proto = request.headers.get("X-Forwarded-Proto", request.scheme)
        scheme = "wss" if proto == "https" else "ws"
        path = request.app.router[socket_route].url_for()
        return {**page_words(), "title": title,
                "websocket_url": f"{scheme}://{request.host}{path}",
                "static_url": str(request.app.router["static"].url_for(filename="/")
                                  ).rstrip("/") + "/",
                "font_size": _font_size(request)}

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        if len(self.players) >= self.config.max_sessions:
            return aiohttp_jinja2.render_template(
                "full.html", request,
                full_page_words(self.config.max_sessions, self.config.idle_timeout),
                status=503)
        return aiohttp_jinja2.render_template(
            "terminal.html", request, self._page(request, "websocket", _("wargame · seminar")))

    def _token_given(self, request: web.Request) -> bool:
        expected = (self.config.instructor_token or "").encode("utf-8")
        auth = request.headers.get("Authorization", "")
        candidates = [request.query.get("token"), request.headers.get(TOKEN_HEADER),
                      auth[7:] if auth.startswith("Bearer ") else None,
                      request.cookies.get(TOKEN_COOKIE)]
        return bool(expected) and any(
            c is not None and hmac.compare_digest(c.encode("utf-8"), expected)
            for c in candidates)

    @staticmethod
    def _forbidden() -> web.Response:
        return web.Response(status=403, text=_("403 Forbidden: the instructor's view needs "
                                               "its token (?token=, or the X-Instructor-Token "
                                               "header).") + "\n")

    async def handle_instructor(self, request: web.Request) -> web.StreamResponse:
        if not self._token_given(request):
            return self._forbidden()
        response = aiohttp_jinja2.render_template(
            "terminal.html", request,
            self._page(request, "instructor-websocket", _("wargame · the instructor's view")))
        response.set_cookie(TOKEN_COOKIE, self.config.instructor_token or "", path="/instructor",
                            httponly=True, samesite="Strict")
        response.headers["Cache-Control"] = "no-store"
        return response

    # ------------------------------------------------------------------ sockets
    async def handle_player_socket(self, request: web.Request) -> web.StreamResponse:
        websocket = web.WebSocketResponse(heartbeat=15)
        await websocket.prepare(request)
        if self.closing or len(self.players) >= self.config.max_sessions:
            await websocket.send_bytes(_terminal_text(
                _("The room is full: no new game can start now."),
                ngettext("The {limit} game session is in use; try again later.",
                         "All {limit} game sessions are in use; try again later.",
                         self.config.max_sessions).format(limit=self.config.max_sessions)))
            await websocket.close()
            return websocket
        await self._run(request, websocket, "game")
        return websocket

    async def handle_instructor_socket(self, request: web.Request) -> web.StreamResponse:
        if not self._token_given(request):
            return self._forbidden()
        websocket = web.WebSocketResponse(heartbeat=15)
        await websocket.prepare(request)
        if self.closing or len(self.instructors) >= MAX_INSTRUCTOR_SESSIONS:
            await websocket.send_bytes(_terminal_text("Too many instructor's views are open."))
            await websocket.close()
            return websocket
        await self._run(request, websocket, "class")
        return websocket

    async def _run(self, request: web.Request, websocket: web.WebSocketResponse,
                   kind: str) -> None:
        """Run one app process for this websocket until either side ends: a student's
        game (`kind` "game", which the idle time-out may end) or the instructor's view
        ("class")."""
        game_kind = kind == "game"
        argv = self.config.player_argv if game_kind else self.config.instructor_argv
        registry = self.players if game_kind else self.instructors
        width = _int(request.query.get("width"), 80)
        height = _int(request.query.get("height"), 24)
        game = GameProcess(argv, write_bytes=websocket.send_bytes,
                           write_str=websocket.send_str,
                           close=websocket.close,  # type: ignore[arg-type]  # awaited only
                           download_manager=self.download_manager,
                           forks=self.forks, run=kind)
        registry.add(game)
        watcher = asyncio.create_task(self._end_when_idle(game)) if game_kind else None
        try:
            await game.start(width, height)
            log.info("game session started (pid %s; %d playing)", game.pid, len(self.players))
            await self._relay(websocket, game)
        except asyncio.CancelledError:
            pass
        except Exception as error:  # one broken session must not stop the server
            log.exception(error)
        finally:
            if watcher is not None and not game.ending:
                watcher.cancel()
            elif watcher is not None:   # it is ending the game: let it finish
                await asyncio.gather(watcher, return_exceptions=True)
            await game.end()
            registry.discard(game)
            with contextlib.suppress(Exception):
                await websocket.close()
            log.info("game session ended (pid %s; %d playing)", game.pid, len(self.players))

    async def _relay(self, websocket: web.WebSocketResponse, game: GameProcess) -> None:
        """The browser's messages to the game (textual-serve's protocol)."""
        async for message in websocket:
            if message.type != WSMsgType.TEXT:
                continue
            try:
                envelope = json.loads(message.data)
                kind, data = envelope[0], (envelope[1] if len(envelope) > 1 else None)
            except (ValueError, IndexError, TypeError, KeyError):
                continue
            if kind == "stdin" and isinstance(data, str):
                await game.send_bytes(data.encode("utf-8"))
            elif kind == "resize" and isinstance(data, dict):
                await game.set_terminal_size(_int(data.get("width"), 80),
                                             _int(data.get("height"), 24))
            elif kind == "ping":
                await websocket.send_json(["pong", data])
            elif kind == "blur":
                await game.blur()
            elif kind == "focus":
                await game.focus()

    async def _end_when_idle(self, game: GameProcess) -> None:
        """Sleep until the idle deadline (moved on by every input); then end the game,
        which autosaves on its way out."""
        timeout = self.config.idle_timeout
        while (remaining := game.last_input + timeout - time.monotonic()) > 0:
            await asyncio.sleep(remaining)
        log.info("game session idle for %s: ending it (pid %s)", minutes_text(timeout),
                 game.pid)
        game.ending = True
        game.farewell = _terminal_text(
            _("This game ended after {idle} without a key press.").format(
                idle=console_duration(timeout)),
            _("Your game was saved: open the page again and give your team's name."))
        await game.end()


def _int(value: Any, default: int) -> int:
    try:
        return max(1, min(1000, int(value)))
    except (TypeError, ValueError):
        return default


def _font_size(request: web.Request) -> int:
    return max(8, min(40, _int(request.query.get("fontsize"), 16)))


def _url_host(host: str) -> str:
    if host in ("0.0.0.0", "::", ""):
        return "127.0.0.1"
    return f"[{host}]" if ":" in host else host
