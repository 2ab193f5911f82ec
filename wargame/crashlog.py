"""The `wargame` command's last resort: an internal error (a bug) never shows a traceback.

The traceback goes to a log file in the user's cache folder (platformdirs:
`~/.cache/wargame/` on Linux, `~/Library/Caches/wargame/` on macOS,
`%LOCALAPPDATA%\\wargame\\Cache\\` on Windows) and the user reads one line: what happened,
where the details are and how to report it. Nothing is lost: saves are written
atomically, and the autosave of the last finished turn is still there.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import platform
import sys
import tempfile
import traceback
from pathlib import Path

import platformdirs

__all__ = ["INTERNAL_ERROR_EXIT", "KEEP_LOGS", "crash_dir", "report_internal_error"]

INTERNAL_ERROR_EXIT = 70  # EX_SOFTWARE (sysexits.h): an internal software error
KEEP_LOGS = 20            # older crash logs are removed
REPORT = ("please report it to the wargame maintainers (the project's issue tracker, or "
          "your instructor), attaching that file")


def crash_dir() -> Path:
    """Where crash logs go: the user's cache folder for wargame."""
    return platformdirs.user_cache_path("wargame", appauthor=False) / "crashes"


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("wargame")
    except PackageNotFoundError:
        return "(version unknown)"


def _log_text(exc: BaseException, argv: list[str]) -> str:
    lines = [f"wargame {_version()} internal error, {dt.datetime.now().isoformat()}",
             f"python {platform.python_version()} on {platform.platform()}",
             f"command: wargame {' '.join(argv)}", ""]
    lines += traceback.format_exception(exc)
    return "\n".join(line.rstrip("\n") for line in lines) + "\n"


def _prune(folder: Path) -> None:
    logs = sorted(folder.glob("crash-*.log"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in logs[KEEP_LOGS:]:
        with contextlib.suppress(OSError):
            old.unlink()


def write_log(exc: BaseException, argv: list[str]) -> Path | None:
    """Write the crash log (the cache folder, else the temporary folder); its path, or
    None if neither could be written."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    name = f"crash-{stamp}-{os.getpid()}.log"
    text = _log_text(exc, argv)
    for folder in (crash_dir(), Path(tempfile.gettempdir())):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / name
            path.write_text(text, encoding="utf-8", errors="backslashreplace")
        except OSError:
            continue
        with contextlib.suppress(OSError):
            _prune(folder)
        return path
    return None


def report_internal_error(exc: BaseException, argv: list[str] | None = None) -> int:
    """Log `exc` with its traceback, print one line about it, return the exit code."""
    try:
        path = write_log(exc, list(sys.argv[1:] if argv is None else argv))
    except Exception:  # noqa: BLE001 - the last resort must not fail in turn
        path = None
    where = (f"the details are in {path}" if path is not None
             else "the details could not be written to a log file")
    print(f"wargame: internal error ({type(exc).__name__}): {where}; {REPORT}.",
          file=sys.stderr)
    return INTERNAL_ERROR_EXIT
