"""`wargame serve` and `wargame class` from the command line: bad input is refused
before anything starts, a network address gets a warning, `wargame --help` never loads
the web server."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from serve_helpers import free_port, http_get

from wargame.cli import main
from wargame.serve.command import is_loopback


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "wargame", *args], capture_output=True,
                          text=True, timeout=60, stdin=subprocess.DEVNULL)


def test_help_lists_the_commands_and_loads_no_web_server() -> None:
    code = ("import sys; from wargame.cli import build_parser; build_parser(); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('aiohttp', 'textual_serve', 'watchfiles', 'textual', 'jinja2')))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True).stdout.strip()
    assert loaded == "[]"
    shown = run("--help").stdout
    assert "serve" in shown and "class" in shown


def test_a_broken_scenario_is_reported_by_line_and_column(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("meta:\n  id: x\n  id: y\n", encoding="utf-8")
    result = run("serve", "--scenario", str(broken), "--class-dir", str(tmp_path / "c"),
                 "--port", str(free_port()))
    assert result.returncode == 1
    assert f"{broken}:3:3: error:" in result.stdout + result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(("args", "message"), [
    (["--handout", "no-such-save"], "--handout: no save 'no-such-save'"),
    (["--instructor-token", "short"], "at least 8 characters"),
    (["--max-sessions", "0"], "--max-sessions must be at least 1"),
    (["--idle-timeout", "0"], "--idle-timeout must be more than 0"),
    (["--port", "70000"], "--port must be from 1 to 65535"),
    (["--scenario", "tutorial", "--handout", "handout-week6"], "not both"),
    (["--scenario", "no-such-scenario"], "no scenario 'no-such-scenario'"),
])
def test_bad_options_are_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                 args: list[str], message: str) -> None:
    assert main(["serve", "--class-dir", str(tmp_path / "c"), *args]) == 1
    assert message in capsys.readouterr().err


def test_loopback_or_not() -> None:
    assert all(is_loopback(h) for h in ("127.0.0.1", "localhost", "::1", "127.0.0.2"))
    assert not any(is_loopback(h) for h in ("0.0.0.0", "192.168.1.10", "::", "example.org"))


def test_a_network_address_gets_a_warning_and_ctrl_c_stops(tmp_path: Path) -> None:
    port = free_port()
    log = tmp_path / "serve.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "wargame", "serve", "--host", "0.0.0.0", "--port",
             str(port), "--class-dir", str(tmp_path / "class")], stdout=out,
            stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if http_get(f"http://127.0.0.1:{port}/")[0] == 200:
                    break
            except OSError:
                pass
            assert process.poll() is None and time.monotonic() < deadline, log.read_text()
            time.sleep(0.1)
        text = log.read_text(encoding="utf-8")
        assert "warning: listening on 0.0.0.0, not only on this machine" in text
        assert f"open http://127.0.0.1:{port}/ in a browser" in text
    finally:
        process.send_signal(2)
        assert process.wait(20) == 0
    assert "stopped; every game process has ended" in log.read_text(encoding="utf-8")


def test_class_needs_a_folder_and_a_terminal(tmp_path: Path) -> None:
    missing = run("class", str(tmp_path / "nowhere"))
    assert missing.returncode == 1 and "no such folder" in missing.stderr
    no_tty = run("class", str(tmp_path))
    assert no_tty.returncode == 2 and "needs a terminal" in no_tty.stderr
    assert "/instructor" in no_tty.stderr
