"""Runs a list of `wargame` command lines in one process under a memory ceiling.

    python hostile_runner.py JOBS.json RESULTS.json MEMORY_BYTES

Each job is {"argv": [...], "stdin": "..."}; the runner calls the command's `main()` in
this process (starting one interpreter per command would cost most of the test's time)
with standard input, output and error as byte buffers, and records the exit code and
the exact bytes written. The address space is capped with RLIMIT_AS first, so a command
that reads /dev/zero or expands an alias bomb hits MemoryError instead of the machine;
a job that takes longer than TIMEOUT seconds (a FIFO opened for reading) is stopped by
an alarm and recorded as a hang.
"""

from __future__ import annotations

import io
import json
import os
import resource
import signal
import sys
import tempfile
from pathlib import Path

TIMEOUT = 20


class Hang(BaseException):  # noqa: N818 - not an Exception: main()'s last resort must not catch it
    pass


def _on_alarm(signum: int, frame: object) -> None:
    raise Hang


def run_job(main: object, argv: list[str], stdin: str) -> dict[str, object]:
    buffers = {name: io.BytesIO() for name in ("stdout", "stderr")}
    streams = {name: io.TextIOWrapper(buf, encoding="utf-8", errors="strict",
                                      write_through=True) for name, buf in buffers.items()}
    saved = sys.stdin, sys.stdout, sys.stderr
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin.encode("utf-8")), encoding="utf-8")
    sys.stdout, sys.stderr = streams["stdout"], streams["stderr"]
    escaped = None
    code: object = None
    signal.alarm(TIMEOUT)
    try:
        code = main(argv)  # type: ignore[operator]
    except Hang:
        escaped = f"hang: still running after {TIMEOUT} s"
    except BaseException as exc:  # noqa: BLE001 - recorded: main() must never let one out
        escaped = f"{type(exc).__name__}: {exc}"
    finally:
        signal.alarm(0)
        sys.stdin, sys.stdout, sys.stderr = saved
        for stream in streams.values():
            stream.flush()
    return {"code": code, "escaped": escaped,
            "stdout": buffers["stdout"].getvalue().decode("latin-1"),
            "stderr": buffers["stderr"].getvalue().decode("latin-1")}


def main() -> int:
    jobs_file, results_file, memory = sys.argv[1], sys.argv[2], int(sys.argv[3])
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    signal.signal(signal.SIGALRM, _on_alarm)
    from wargame.cli import main as wargame_main

    results = []
    for job in json.loads(Path(jobs_file).read_text(encoding="utf-8")):
        with tempfile.TemporaryDirectory() as saves:  # every job: its own empty saves folder
            os.environ["WARGAME_SAVES"] = saves
            results.append(run_job(wargame_main, job["argv"], job["stdin"]))
    Path(results_file).write_text(json.dumps(results), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
