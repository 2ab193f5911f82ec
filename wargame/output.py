"""Output that never crashes and never drives the terminal: the `wargame` command writes
through `guarded_streams()`.

- Every write goes through `printable` (wargame/engine/safetext.py), the sanitiser the
  report, plain mode and the interface use too: whatever a scenario, a save, a player or
  a command-line argument smuggled in, no control sequence reaches the terminal.
- A terminal that cannot encode a character (`LANG=C`, `PYTHONIOENCODING=ascii`) gets a
  replacement character instead of a UnicodeEncodeError.
- A closed pipe (`wargame simulate ... | head -1`) ends the command quietly with the
  conventional exit code (`closed_pipe()`).

Standard input is read the same tolerant way: invalid UTF-8 becomes U+FFFD
(`tolerant_input`).
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Iterator
from typing import Any, TextIO

from .engine.safetext import printable

__all__ = ["SafeStream", "closed_pipe", "guarded_streams", "tolerant_input"]

# 128 + SIGPIPE: what a shell reports for a command stopped by a closed pipe.
CLOSED_PIPE_EXIT = 128 + getattr(signal, "SIGPIPE", 13)


def _replace_unencodable(stream: Any) -> None:
    """Make `stream` replace what its encoding cannot represent (instead of raising)."""
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None and getattr(stream, "errors", "strict") == "strict":
        with contextlib.suppress(Exception):  # a detached or closed stream: left as it is
            reconfigure(errors="replace")


class SafeStream:
    """A text stream whose writes are sanitised and can never fail to encode."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        text = printable(text)
        try:
            self._stream.write(text)
        except UnicodeEncodeError:
            encoding = getattr(self._stream, "encoding", None) or "ascii"
            self._stream.write(text.encode(encoding, "replace").decode(encoding))
        return len(text)

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:  # flush, fileno, isatty, encoding, buffer...
        return getattr(self._stream, name)


@contextlib.contextmanager
def guarded_streams() -> Iterator[None]:
    """sys.stdout and sys.stderr as SafeStreams for the duration (restored after)."""
    saved = sys.stdout, sys.stderr
    for stream in saved:
        _replace_unencodable(stream)
    sys.stdout = SafeStream(saved[0])
    sys.stderr = SafeStream(saved[1])
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved


def closed_pipe() -> int:
    """After a BrokenPipeError: point stdout at the null device, so that the final flush
    at exit does not complain a second time, and return the conventional exit code."""
    with contextlib.suppress(Exception):  # not a file descriptor (a test's capture)
        fd = sys.stdout.fileno()
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, fd)
        os.close(devnull)
    return CLOSED_PIPE_EXIT


def tolerant_input(source: TextIO) -> TextIO:
    """`source` set to decode invalid bytes as U+FFFD instead of raising."""
    reconfigure = getattr(source, "reconfigure", None)
    if reconfigure is not None and getattr(source, "errors", "strict") != "replace":
        with contextlib.suppress(Exception):
            reconfigure(errors="replace")
    return source
