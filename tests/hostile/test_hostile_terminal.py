"""What reaches the terminal: terminals that cannot encode a character, closed pipes,
internal errors, bad settings. Subprocesses where the real streams matter."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
from pathlib import Path

import pytest

from wargame import cli, crashlog
from wargame.tui import app as tui_app

WARGAME = [sys.executable, "-m", "wargame"]
F_SETPIPE_SZ = 1031  # Linux


def _run(args: list[str], stdin: str = "", **env: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([*WARGAME, *args], input=stdin.encode(), capture_output=True,
                          env={**os.environ, **env}, timeout=120)


def _clean(data: bytes) -> None:
    assert b"Traceback" not in data and b"\x1b" not in data, data[-2000:]


@pytest.mark.parametrize("env", [
    {"PYTHONIOENCODING": "ascii"},
    {"LANG": "C", "LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0",
     "PYTHONIOENCODING": ""},
], ids=["ascii", "C-locale"])
def test_a_terminal_that_cannot_encode_gets_replacements(tmp_path: Path,
                                                         env: dict[str, str]) -> None:
    done = _run(["play", "tutorial", "--plain", "--saves-dir", str(tmp_path)],
                "map\nstatus\nend\nquit\n", **env)
    assert done.returncode == 0, done.stderr
    _clean(done.stdout + done.stderr)
    assert b"Turn 1 of 6 ? week of" in done.stdout  # the em dash, replaced
    assert b"Didi?ni" in done.stdout
    report = _run(["report", str(tmp_path / "autosave-1.json")], **env)
    assert report.returncode == 0, report.stderr
    assert b"Tracks over time" in report.stdout


def _into_head(args: list[str], stdin: bytes = b"") -> tuple[int, bytes, bytes]:
    """`wargame ARGS | head -1`, with a 4 KB pipe so the pipe is surely closed while the
    command still has output to write."""
    read_end, write_end = os.pipe()
    fcntl.fcntl(write_end, F_SETPIPE_SZ, 4096)
    producer = subprocess.Popen([*WARGAME, *args], stdin=subprocess.PIPE, stdout=write_end,
                                stderr=subprocess.PIPE)
    os.close(write_end)
    head = subprocess.Popen(["head", "-1"], stdin=read_end, stdout=subprocess.PIPE)
    os.close(read_end)
    first = head.communicate(timeout=120)[0]
    _, err = producer.communicate(stdin, timeout=120)
    return producer.returncode, first, err


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="F_SETPIPE_SZ is Linux's")
def test_simulate_into_head_ends_quietly_with_the_conventional_code() -> None:
    code, first, err = _into_head(["simulate", "tutorial", "--games", "130", "--jobs", "2"])
    assert first.startswith(b"seed 1: ")
    assert code == 141
    assert err.startswith(b"130 games: ") and err.count(b"\n") == 1  # its header line only


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="F_SETPIPE_SZ is Linux's")
def test_plain_mode_into_head_ends_quietly(tmp_path: Path) -> None:
    code, first, err = _into_head(["play", "tutorial", "--plain", "--saves-dir",
                                   str(tmp_path)], b"status\n" * 200 + b"quit\n")
    assert first.startswith(b"Tutorial: Keep the Senegal Road Open.")
    assert (code, err) == (141, b"")


# ------------------------------------------------------------------ internal errors

def _boom(args: object) -> int:
    raise RuntimeError("a bug the tests put there")


def test_an_internal_error_is_logged_and_told_in_one_line(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(cli, "cmd_scenarios", _boom)
    assert cli.main(["scenarios"]) == crashlog.INTERNAL_ERROR_EXIT
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith("wargame: internal error (RuntimeError): the details are in ")
    assert "report it" in err
    logs = list((tmp_path / "cache" / "wargame").rglob("crash-*.log"))
    assert len(logs) == 1 and str(logs[0]) in err
    text = logs[0].read_text(encoding="utf-8")
    assert "Traceback" in text and "a bug the tests put there" in text
    assert "command: wargame scenarios" in text and "in _boom" in text


def test_a_crash_log_goes_to_the_temporary_folder_when_the_cache_is_not_writable(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    blocked = tmp_path / "cache"
    blocked.write_text("a file where the cache folder should be")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    monkeypatch.setattr("tempfile.tempdir", None)
    monkeypatch.setattr(cli, "cmd_scenarios", _boom)
    assert cli.main(["scenarios"]) == crashlog.INTERNAL_ERROR_EXIT
    assert str(tmp_path / "tmp") in capsys.readouterr().err
    assert list((tmp_path / "tmp").glob("crash-*.log"))


def test_old_crash_logs_are_pruned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    folder = crashlog.crash_dir()
    folder.mkdir(parents=True)
    for i in range(crashlog.KEEP_LOGS + 5):
        (folder / f"crash-old-{i}.log").write_text("old")
        os.utime(folder / f"crash-old-{i}.log", (1_000_000 + i, 1_000_000 + i))
    monkeypatch.setattr(cli, "cmd_scenarios", _boom)
    cli.main(["scenarios"])
    assert len(list(folder.glob("crash-*.log"))) == crashlog.KEEP_LOGS


def test_a_crash_inside_the_interface_is_logged_not_printed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr("wargame.tui.has_terminal", lambda: True)

    def crashed_run(self: tui_app.WargameApp) -> None:
        try:
            raise ValueError("raised inside a handler")
        except ValueError as exc:
            self._handle_exception(exc)  # what Textual does with a handler's exception

    monkeypatch.setattr(tui_app.WargameApp, "run", crashed_run)
    assert cli.main(["play", "tutorial", "--saves-dir", str(tmp_path)]) == 70
    err = capsys.readouterr().err
    assert err.startswith("wargame: internal error (ValueError)") and err.count("\n") == 1
    log = next((tmp_path / "cache").rglob("crash-*.log")).read_text(encoding="utf-8")
    assert "raised inside a handler" in log


# ------------------------------------------------------------------ settings

@pytest.mark.parametrize(("variable", "value", "message"), [
    ("WARGAME_SAVES", "FILE", "is not a folder"),
    ("WARGAME_SAVES", "x" * 5000, "paths are at most 4096"),
    ("WARGAME_SAVES", "LONG_NAME", "cannot be used: File name too long"),
])
def test_a_bad_saves_folder_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str], variable: str,
                                        value: str, message: str) -> None:
    if value == "FILE":
        value = str(tmp_path / "a-file\x1b[2J")  # quoted in the message: never raw
        Path(value).write_text("")
    elif value == "LONG_NAME":
        value = str(tmp_path / ("n" * 300))
    monkeypatch.setenv(variable, value)
    for argv in (["play", "--plain"], ["replay", "autosave", "--verify"],
                 ["report", "autosave"], ["compare", "a", "b"]):
        assert cli.main(argv) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "\x1b" not in err, err
        assert err.startswith(f"wargame: environment variable {variable}=") and message in err


def test_a_bad_saves_dir_option_is_one_line(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "f").write_text("")
    assert cli.main(["play", "--plain", "--saves-dir", str(tmp_path / "f")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("wargame: --saves-dir ") and "is not a folder" in err


def test_a_bad_theme_is_one_line_before_the_board_starts(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("WARGAME_THEME", "no-such-theme")
    monkeypatch.setattr("wargame.tui.has_terminal", lambda: True)
    monkeypatch.setattr(tui_app.WargameApp, "run", lambda self: pytest.fail("it started"))
    assert cli.main(["play", "tutorial"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("wargame: environment variable WARGAME_THEME='no-such-theme': "
                          "is not a theme; one of: wargame, wargame-light")


def test_hostile_arguments_never_reach_the_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["validate", "x.yaml", "--\x1b]52;c;aGk=\x07"]) == 2  # argparse's error
    assert cli.main(["play", "\x1b[2Jno-such", "--plain"]) == 1
    out, err = capsys.readouterr()
    assert "\x1b" not in out + err and "\x07" not in out + err
    assert "unrecognized arguments" in err and "no scenario" in err
