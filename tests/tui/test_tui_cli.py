"""The command line around the board: no terminal means a hint and exit 2, never a hang;
`--plain` still routes to the line-by-line game."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "wargame", *args], input=stdin,
                          capture_output=True, text=True, timeout=60, cwd=ROOT)


def test_play_without_a_terminal_hints_at_plain() -> None:
    done = run("play", "bamako-blockade-2025", "--seed", "2", "--difficulty", "expert")
    assert done.returncode == 2
    assert "--plain" in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert done.stdout == ""


def test_title_without_a_terminal_hints_at_plain() -> None:
    done = run()
    assert done.returncode == 2 and "--plain" in done.stderr


def test_plain_still_plays(tmp_path: Path) -> None:
    done = run("play", "--plain", "--saves-dir", str(tmp_path), stdin="end\nquit\n")
    assert done.returncode == 0
    assert "Turn 2 of 26" in done.stdout


def test_play_options_are_accepted() -> None:
    done = run("play", "--help")
    for option in ("--difficulty", "--insurgent", "--saves-dir", "--seed", "--plain"):
        assert option in done.stdout
