"""Shared helpers of the seminar tests: `wargame serve` in a subprocess, and a real
headless Chromium (Debian's `chromium`, through Playwright; never a downloaded browser).

Reading the screen: textual-serve draws the terminal with xterm.js on a canvas, so the
page has no text to read. A script that runs before the page's own (`add_init_script`)
catches the xterm.js `Terminal` object when textual-serve's front end stores it (a setter
for the property `terminal`, removed as soon as it has fired), and the tests read xterm's
own screen buffer (`buffer.active.getLine(y).translateToString()`): exactly the characters
the browser's terminal holds, whatever renderer draws them.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CHROMIUM = os.environ.get("WARGAME_TEST_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
VIEWPORT = {"width": 1400, "height": 900}   # about 142x44 cells at the page's font size

CATCH_TERMINAL = """
(() => {
  window.__terminals = [];
  Object.defineProperty(Object.prototype, 'terminal', {
    configurable: true,
    set(value) {
      Object.defineProperty(this, 'terminal',
        {value, writable: true, configurable: true, enumerable: true});
      if (value && value.buffer && value.buffer.active) {
        window.__terminals.push(value);
        delete Object.prototype.terminal;
      }
    },
  });
  // The last messages the page sent to the server, for the tests' failure messages.
  window.__sent = [];
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (data) {
    window.__sent.push(String(data).slice(0, 120));
    window.__sent.splice(0, window.__sent.length - 20);
    return send.call(this, data);
  };
})();
"""
READ_SCREEN = """() => {
  const term = window.__terminals && window.__terminals[0];
  if (!term) return '';
  const buffer = term.buffer.active, rows = [];
  for (let y = 0; y < term.rows; y++) {
    const line = buffer.getLine(buffer.viewportY + y);
    rows.push(line ? line.translateToString(true) : '');
  }
  return rows.join('\\n');
}"""
PASTE = """(text) => {
  const area = document.querySelector('.xterm-helper-textarea');
  area.focus();
  const data = new DataTransfer();
  data.setData('text/plain', text);
  area.dispatchEvent(new ClipboardEvent('paste', {clipboardData: data, bubbles: true,
                                                  cancelable: true}));
}"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def http_get(url: str, headers: dict[str, str] | None = None) -> tuple[int, str]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")


@dataclass
class Served:
    """A running `wargame serve`."""

    process: subprocess.Popen[bytes]
    port: int
    class_dir: Path
    log: Path
    pids: set[int] = field(default_factory=set)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def game_pids(self) -> set[int]:
        """Every game process the server has reported starting."""
        return {int(p) for p in re.findall(r"session started \(pid (\d+)", self.log_text())}

    def fork_server_pid(self) -> int | None:
        for line in subprocess.run(["ps", "-o", "pid=,args=", "--ppid",
                                    str(self.process.pid)], capture_output=True,
                                   text=True).stdout.splitlines():
            if "forkserver" in line:
                return int(line.split()[0])
        return None

    def stop(self, timeout: float = 20) -> int:
        """Ctrl+C, as the instructor does; the exit code."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            raise AssertionError("wargame serve did not stop on Ctrl+C:\n"
                                 + self.log_text()) from None


def alive(pid: int) -> bool:
    """Whether a process runs (a zombie waiting to be reaped does not count)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return False


@contextlib.contextmanager
def serving(tmp: Path, *extra: str) -> Iterator[Served]:
    """`wargame serve` on a free loopback port with a class folder in `tmp`."""
    class_dir = tmp / "class"
    log = tmp / "serve.log"
    port = free_port()
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "wargame", "serve", "--port", str(port), "--class-dir",
             str(class_dir), *extra], stdout=out, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL)
    served = Served(process, port, class_dir, log)
    try:
        deadline = time.monotonic() + 30
        while True:
            if process.poll() is not None:
                raise AssertionError("wargame serve ended:\n" + served.log_text())
            with contextlib.suppress(OSError):
                if http_get(served.url)[0] in (200, 503):
                    break
            if time.monotonic() > deadline:
                raise AssertionError("wargame serve did not answer:\n" + served.log_text())
            time.sleep(0.1)
        yield served
    finally:
        if process.poll() is None:
            served.stop()


@contextlib.contextmanager
def chromium() -> Iterator[Any]:
    """Debian's chromium, headless. Playwright's `launch` gives it a fresh temporary
    profile (user-data dir) of its own, removed when it closes; every `new_context` is
    a fresh, cookie-less session inside it."""
    from playwright.sync_api import sync_playwright

    assert shutil.which(CHROMIUM) or Path(CHROMIUM).exists(), (
        f"{CHROMIUM} is missing: apt-get install chromium (.ci/run does)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def new_page(browser: Any) -> Any:
    """A page in a browser context of its own (its own cookies: another student)."""
    context = browser.new_context(viewport=VIEWPORT)
    context.add_init_script(CATCH_TERMINAL)
    return context.new_page()


def screen(page: Any) -> str:
    return str(page.evaluate(READ_SCREEN))


def wait_for(page: Any, *texts: str, timeout: float = 30) -> str:
    """The terminal's text once it shows every one of `texts`."""
    deadline = time.monotonic() + timeout
    shown = ""
    while time.monotonic() < deadline:
        shown = screen(page)
        if all(t in shown for t in texts):
            return shown
        page.wait_for_timeout(50)
    sent = page.evaluate("window.__sent")
    raise AssertionError(f"the page never showed {texts!r}; it shows:\n{shown}\n"
                         f"(its last messages to the server: {sent})")


def paste(page: Any, text: str) -> None:
    """Paste `text` into the terminal, as a student pasting from the clipboard does
    (xterm.js sends it as a bracketed paste, so control characters arrive as text)."""
    page.evaluate(PASTE, text)


def open_game(browser: Any, served: Served, team: str) -> Any:
    """A new student's page, past the team prompt: the game is open."""
    page = new_page(browser)
    page.goto(served.url)
    wait_for(page, "Your team's name")
    page.locator(".xterm").click()
    page.keyboard.type(team)
    page.keyboard.press("Enter")
    return page
