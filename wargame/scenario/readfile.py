"""Reading an input file without trusting it: regular files only, never more than a limit.

A path given by a user may name a FIFO (opening and reading it blocks for ever), a device
(`/dev/zero` never ends, `/dev/tty` waits for the keyboard), a folder or a file far larger
than any scenario or save. Scenarios and saves are both read here: the file's type is
checked before it is opened (and again on the open file, in case it was swapped), and at
most the limit plus one byte is read, so a file that grows while it is read is refused
too.
"""

from __future__ import annotations

import errno
import os
import stat

from ..engine.ledger import N_
from ..engine.phrase import Phrase

__all__ = ["FileRefused", "read_first_line", "read_regular"]

_CHUNK = 1 << 20


class FileRefused(Exception):
    """A file that is not read; the message (without the path) is meant for the user: a
    `Phrase`, so the interface can write it in the reader's language (`i18n.error_text`)."""

    def __init__(self, message: str, *, missing: bool = False, folder: bool = False) -> None:
        super().__init__(message)
        self.missing = missing
        self.folder = folder


def _kind(mode: int) -> Phrase:
    if stat.S_ISDIR(mode):
        return Phrase(N_("is a folder, not a regular file"))
    if stat.S_ISFIFO(mode):
        return Phrase(N_("is a named pipe (FIFO), not a regular file"))
    if stat.S_ISCHR(mode):
        return Phrase(N_("is a character device, not a regular file"))
    if stat.S_ISBLK(mode):
        return Phrase(N_("is a block device, not a regular file"))
    if stat.S_ISSOCK(mode):
        return Phrase(N_("is a socket, not a regular file"))
    return Phrase(N_("is a special file, not a regular file"))


def _refused(exc: OSError) -> FileRefused:
    if isinstance(exc, FileNotFoundError):
        return FileRefused(Phrase(N_("cannot read: no such file")), missing=True)
    if exc.errno == errno.ELOOP:
        return FileRefused(Phrase(N_("cannot read: a symbolic link that loops")))
    return FileRefused(Phrase(N_("cannot read: {error}"), error=exc.strerror or str(exc)))


def _check_type(info: os.stat_result, limit: int) -> None:
    if not stat.S_ISREG(info.st_mode):
        raise FileRefused(_kind(info.st_mode), folder=stat.S_ISDIR(info.st_mode))
    if info.st_size > limit:
        raise FileRefused(Phrase(N_("file is {size} bytes; the limit is {limit} bytes"),
                                 size=info.st_size, limit=limit))


def _open_regular(path: str | os.PathLike[str], limit: int) -> int:
    """A read-only descriptor on `path`, checked to be a regular file within `limit`."""
    try:
        _check_type(os.stat(path), limit)
        # O_NONBLOCK: should a FIFO be swapped in after the check, open() must not wait.
        flags = (os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
                 | getattr(os, "O_BINARY", 0))
        fd = os.open(path, flags)
    except OSError as exc:
        raise _refused(exc) from None
    try:
        _check_type(os.fstat(fd), limit)
    except BaseException:
        os.close(fd)
        raise
    return fd


def _read_at_most(fd: int, count: int, *, line: bool = False) -> bytes:
    """Up to `count` bytes of `fd` (with `line`, stopping after the first newline)."""
    chunks: list[bytes] = []
    remaining = count
    try:
        while remaining > 0:
            chunk = os.read(fd, min(remaining, 4096 if line else _CHUNK))
            if not chunk:
                break
            if line and b"\n" in chunk:
                chunks.append(chunk[:chunk.index(b"\n") + 1])
                break
            chunks.append(chunk)
            remaining -= len(chunk)
    except OSError as exc:
        raise _refused(exc) from None
    finally:
        os.close(fd)
    return b"".join(chunks)


def read_regular(path: str | os.PathLike[str], limit: int) -> bytes:
    """The bytes of `path` (a regular file, or a link to one) of at most `limit` bytes.

    Raises FileRefused for anything else, with a message such as 'is a named pipe
    (FIFO), not a regular file' or 'file is 5000000 bytes; the limit is 4194304 bytes'.
    """
    data = _read_at_most(_open_regular(path, limit), limit + 1)
    if len(data) > limit:
        raise FileRefused(Phrase(N_("file is larger than the limit of {limit} bytes"),
                                 limit=limit))
    return data


def read_first_line(path: str | os.PathLike[str], max_line: int, limit: int) -> bytes:
    """The first line of `path` with its newline, or its first `max_line` bytes if no
    newline comes before; the same checks as `read_regular` (the whole file within
    `limit`)."""
    return _read_at_most(_open_regular(path, limit), max_line, line=True)
