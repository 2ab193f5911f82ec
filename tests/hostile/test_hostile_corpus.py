"""Every case of the hostile corpus through every command that reads it: the expected exit
code, no traceback, nothing that drives a terminal in the output, within a memory ceiling.

Scenario files go through `validate` (text and JSON), `simulate`, `sweep` and
`play --plain`; saves through
`replay --verify`, `report` (Markdown and HTML), `compare` and `play --load --plain`. All
the command lines run in one subprocess (hostile_runner.py) whose address space is capped,
so an unbounded read or expansion fails the case instead of exhausting the machine.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hostile_corpus import COMMANDS, build, case_names, jobs

from wargame.engine.safetext import find_unsafe

HERE = Path(__file__).resolve().parent
MEMORY_CEILING = 1024 * 1024 * 1024  # bytes of address space for the whole corpus run


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], dict[str, Any]]:
    """(case, command) -> the job and its result."""
    folder = tmp_path_factory.mktemp("hostile")
    cases = build(folder)
    good = next(c.path for c in cases if c.name == "good-save")
    todo = jobs(cases, good)
    (folder / "jobs.json").write_text(json.dumps(todo), encoding="utf-8")
    env = {**os.environ, "XDG_CACHE_HOME": str(folder / "cache"), "PYTHONHASHSEED": "0"}
    done = subprocess.run([sys.executable, str(HERE / "hostile_runner.py"),
                           str(folder / "jobs.json"), str(folder / "results.json"),
                           str(MEMORY_CEILING)], env=env, cwd=folder, capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    results = json.loads((folder / "results.json").read_text(encoding="utf-8"))
    crash_logs = list((folder / "cache").rglob("crash-*.log"))
    assert not crash_logs, crash_logs[0].read_text(encoding="utf-8")[-3000:]
    return {(job["case"], job["command"]): {**job, **result}
            for job, result in zip(todo, results, strict=True)}


def _keys() -> list[tuple[str, str]]:
    return [(name, command) for name, kind in case_names().items() for command in COMMANDS[kind]]


@pytest.mark.parametrize(("case", "command"), _keys(), ids=lambda v: str(v))
def test_hostile_case(corpus: dict[tuple[str, str], dict[str, Any]], case: str,
                      command: str) -> None:
    run = corpus[(case, command)]
    out = run["stdout"].encode("latin-1")
    err = run["stderr"].encode("latin-1")
    shown = f"{case} / {command}\nstdout: {out[-1500:]!r}\nstderr: {err[-1500:]!r}"
    assert run["escaped"] is None, shown
    assert run["code"] in run["expect"], shown
    for name, data in (("stdout", out), ("stderr", err)):
        assert b"Traceback" not in data, shown
        assert b"\x1b" not in data, f"raw ESC on {name}: {shown}"
        text = data.decode("utf-8")  # output is always valid UTF-8
        assert find_unsafe(text) is None, f"unsafe character on {name}: {shown}"
    if run["code"] != 0:
        assert (out + err).strip(), f"a refusal says why: {shown}"


def test_the_corpus_covers_every_case(corpus: dict[tuple[str, str], dict[str, Any]]) -> None:
    assert set(corpus) == set(_keys())
