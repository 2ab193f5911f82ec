"""Game processes forked from a warm parent, so that a tab opens in a fraction of a second.

A new Python process spends a second or more of CPU importing Textual, the engine and
the AI and loading the scenario before it can draw anything; thirty students opening the
page together would queue for half a minute on a two-core machine. So `wargame serve`
starts one *fork server* at start-up, which imports all that once and then, for each
browser tab, forks a child that already has it in memory (shared, copy-on-write, with
the parent and its siblings).

The protocol, over a Unix socket pair (SOCK_SEQPACKET, one message per request):

    server -> fork server   JSON {"run": "game" or "class", "env": {...}} and three file
                            descriptors: the child's stdin, stdout and stderr (pipes the
                            server made)
    fork server -> server   JSON {"pid": N} and one file descriptor: a pidfd of the child,
                            which tells the server when it ends and lets it signal it
                            without any risk of hitting a recycled process id

The fork server reaps its children. It needs Linux (pidfd, 5.3 or later); elsewhere, or
if it fails, `wargame serve` starts each game as a new process instead.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import socket
import sys
import threading
from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

MAX_MESSAGE = 64 * 1024


def supported() -> bool:
    return (sys.platform.startswith("linux") and hasattr(os, "pidfd_open")
            and hasattr(signal, "pidfd_send_signal") and hasattr(socket, "send_fds"))


# ------------------------------------------------------------------ the fork server

def _reap(_signum: int, _frame: Any) -> None:
    with contextlib.suppress(ChildProcessError):
        while os.waitpid(-1, os.WNOHANG)[0]:
            pass


def _end_with_parent() -> None:
    """Ask Linux for SIGTERM when the fork server ends (it ends when `wargame serve` does,
    even killed): the game then autosaves and quits instead of running on, orphaned."""
    import ctypes

    pr_set_pdeathsig = 1
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, int(signal.SIGTERM), 0, 0, 0)
    if os.getppid() == 1:   # the fork server ended before the request took effect
        os.kill(os.getpid(), signal.SIGTERM)


def _child(fds: list[int], env: dict[str, str], run: Callable[[], int]) -> None:
    """In the forked child: its own session, the pipes as stdin/stdout/stderr, then the
    game. Never returns."""
    code = 1
    try:
        os.setsid()
        _end_with_parent()
        for target, fd in enumerate(fds):
            os.dup2(fd, target)
        for fd in fds:
            if fd > 2:
                os.close(fd)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        os.environ.update(env)
        code = run()
    except BaseException:  # noqa: B036 - the child must end here, whatever happened
        import traceback

        traceback.print_exc()
    finally:
        with contextlib.suppress(Exception):
            sys.stdout.flush()
            sys.stderr.flush()
        os._exit(code)


def serve_forks(channel: socket.socket, runners: dict[str, Callable[[], int]]) -> None:
    """Fork a child for each request on `channel` (running the runner it names), until
    the channel closes."""
    signal.signal(signal.SIGCHLD, _reap)
    signal.signal(signal.SIGINT, signal.SIG_IGN)   # Ctrl+C is the server's to handle
    while True:
        try:
            message, fds, _flags, _addr = socket.recv_fds(channel, MAX_MESSAGE, 3)
        except InterruptedError:
            continue
        except OSError:
            return
        if not message:
            return   # the server has gone
        request = json.loads(message)
        run = runners.get(request.get("run", "game"), runners["game"])
        env = request.get("env", {})
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            channel.close()
            _child(fds, env, run)
        pidfd = os.pidfd_open(pid)
        for fd in fds:
            os.close(fd)
        try:
            socket.send_fds(channel, [json.dumps({"pid": pid}).encode()], [pidfd])
        finally:
            os.close(pidfd)


# ------------------------------------------------------------------ the server's side

class ForkedProcess:
    """A child of the fork server, with what textual-serve uses of an asyncio process:
    `stdin`, `stdout`, `stderr`, `pid`, `returncode` and `wait()`."""

    def __init__(self, pid: int, pidfd: int, stdin: asyncio.StreamWriter,
                 stdout: asyncio.StreamReader, stderr: asyncio.StreamReader) -> None:
        self.pid = pid
        self.pidfd = pidfd
        self.stdin = stdin
        self.stdout = stdout
        self.stderr = stderr
        self.returncode: int | None = None
        self._ended = asyncio.get_running_loop().create_future()
        asyncio.get_running_loop().add_reader(pidfd, self._on_end)

    def _on_end(self) -> None:
        loop = asyncio.get_running_loop()
        loop.remove_reader(self.pidfd)
        os.close(self.pidfd)
        self.pidfd = -1
        self.returncode = 0   # the fork server reaps it; its status is not needed here
        self.stdin.close()
        if not self._ended.done():
            self._ended.set_result(None)

    async def wait(self) -> int:
        await self._ended
        return 0

    def send_signal(self, sig: int) -> None:
        if self.pidfd >= 0:
            with contextlib.suppress(ProcessLookupError, OSError):
                signal.pidfd_send_signal(self.pidfd, sig)


class ForkServer:
    """The server's handle on the fork server process."""

    def __init__(self, argv: Sequence[str], env: dict[str, str]) -> None:
        import subprocess

        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        self.channel = ours
        self.process = subprocess.Popen([*argv, "--channel", str(theirs.fileno())],
                                        pass_fds=[theirs.fileno()],
                                        env=env, stdin=subprocess.DEVNULL,
                                        start_new_session=True)
        theirs.close()
        self._lock = threading.Lock()

    def _request(self, run: str, env: dict[str, str], child_fds: list[int]
                 ) -> tuple[int, int]:
        with self._lock:
            socket.send_fds(self.channel, [json.dumps({"run": run, "env": env}).encode()],
                            child_fds)
            message, fds, _flags, _addr = socket.recv_fds(self.channel, MAX_MESSAGE, 1)
        if not message or not fds:
            raise OSError("the fork server did not answer")
        return int(json.loads(message)["pid"]), fds[0]

    async def spawn(self, env: dict[str, str], run: str = "game") -> ForkedProcess:
        """A new process running `run` (a game, or the class view) with these environment
        variables set; raises OSError."""
        loop = asyncio.get_running_loop()
        pipes = [os.pipe() for _ in range(3)]           # stdin, stdout, stderr
        child_fds = [pipes[0][0], pipes[1][1], pipes[2][1]]
        ours = [pipes[0][1], pipes[1][0], pipes[2][0]]
        try:
            pid, pidfd = await asyncio.to_thread(self._request, run, env, child_fds)
        except BaseException:
            for fd in ours:
                os.close(fd)
            raise
        finally:
            for fd in child_fds:
                os.close(fd)
        readers = []
        for fd in ours[1:]:
            reader = asyncio.StreamReader(limit=2**20)
            await loop.connect_read_pipe(partial(asyncio.StreamReaderProtocol, reader),
                                         os.fdopen(fd, "rb", buffering=0))
            readers.append(reader)
        transport, protocol = await loop.connect_write_pipe(
            asyncio.streams.FlowControlMixin, os.fdopen(ours[0], "wb", buffering=0))
        writer = asyncio.StreamWriter(transport, protocol, None, loop)
        return ForkedProcess(pid, pidfd, writer, readers[0], readers[1])

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.channel.close()
        with contextlib.suppress(Exception):
            self.process.wait(timeout=5)
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
