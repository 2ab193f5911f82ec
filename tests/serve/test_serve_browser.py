"""`wargame serve` driven by a real headless Chromium: two teams play at once, the
instructor's view lists them, hostile team names create nothing, the instructor's token
is required, the room's limit, the idle time-out and Ctrl+C (see serve_helpers.py for how
the terminal's text is read)."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from serve_helpers import (
    Served,
    alive,
    chromium,
    http_get,
    new_page,
    open_game,
    paste,
    serving,
    wait_for,
)

TOKEN = "seminar-token-7f3a"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as b:
        yield b


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    with serving(tmp_path_factory.mktemp("serve"), "--scenario", "bamako-blockade-2025",
                 "--instructor-token", TOKEN) as s:
        yield s


def team_dirs(class_dir: Path) -> dict[str, Path]:
    """Team folders by the name the team typed."""
    out = {}
    for folder in class_dir.iterdir():
        if folder.is_dir():
            name = json.loads((folder / "team.json").read_text(encoding="utf-8"))["name"]
            out[name] = folder
    return out


def wait_file(path: Path, timeout: float = 15) -> Path:
    deadline = time.monotonic() + timeout
    while not path.exists():
        assert time.monotonic() < deadline, f"{path} never appeared"
        time.sleep(0.05)
    return path


def test_two_teams_play_at_once_and_the_instructor_sees_both(browser: Any,
                                                             served: Served) -> None:
    niger = open_game(browser, served, "Team Niger")
    mali = open_game(browser, served, "Équipe Mali")   # a second student, meanwhile
    for page in (niger, mali):
        wait_for(page, "Turn 1 of 26", "Junta")
    # A key press ends the turn: JNIM decides, the turn resolves, the report shows.
    niger.keyboard.press("e")
    mali.keyboard.press("e")
    for page in (niger, mali):
        wait_for(page, "Report of turn 1", "as seen by the junta")
        page.keyboard.press("Enter")
        wait_for(page, "Turn 2 of 26")
    teams = team_dirs(served.class_dir)
    assert set(teams) == {"Team Niger", "Équipe Mali"}
    assert teams["Team Niger"].name == "team niger"
    for folder in teams.values():
        wait_file(folder / "autosave-1.json")
    # An explicit save lands in the team's own folder.
    niger.keyboard.press("s")
    wait_for(niger, "Save the game", str(teams["Team Niger"]))
    niger.keyboard.press("Enter")
    wait_file(teams["Team Niger"] / "bamako-blockade-2025-turn-2.json")
    assert not (served.class_dir / "bamako-blockade-2025-turn-2.json").exists()

    # The instructor's view, in the browser, lists both teams and where they stand.
    instructor = new_page(browser)
    instructor.goto(f"{served.url}instructor?token={TOKEN}")
    shown = wait_for(instructor, "The class", "Team Niger", "Équipe Mali", "2 of 26")
    assert "2 teams" in shown

    # Team Niger leaves and comes back: its game is where it left it.
    niger.context.close()
    lock = teams["Team Niger"] / ".lock"
    deadline = time.monotonic() + 15
    while not _lock_free(lock):
        assert time.monotonic() < deadline, "the game process of a closed tab kept running"
        time.sleep(0.1)
    again = open_game(browser, served, "TEAM NIGER")    # case does not make another team
    wait_for(again, "Welcome back", "Turn 2 of 26")
    assert set(team_dirs(served.class_dir)) == {"Team Niger", "Équipe Mali"}
    for page in (mali, again, instructor):
        page.context.close()


def _lock_free(lock: Path) -> bool:
    import fcntl

    fd = os.open(lock, os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    finally:
        os.close(fd)
    return True


HOSTILE = [   # (pasted name, part of the message: short, as the dialog wraps lines)
    ("../x", "'/' cannot be used"),
    ("CON", "reserved device name"),
    ("A" * 5000, "5,000 characters long"),
    ("team\x07bell\x08", "control character"),
    ("evil\u202etxt.exe", "(U+202E"),
    ("abc\u200f", "(U+200F"),
]


def test_hostile_team_names_get_a_message_and_create_nothing(browser: Any,
                                                             served: Served) -> None:
    root = served.class_dir.parent
    before_root = sorted(p.name for p in root.iterdir())
    before_class = sorted(p.name for p in served.class_dir.iterdir())
    page = new_page(browser)
    page.goto(served.url)
    wait_for(page, "Your team's name")
    page.locator(".xterm").click()
    for i, (name, message) in enumerate(HOSTILE):
        if i:   # the field keeps the name refused: empty it (to its start, then delete
            page.keyboard.press("Home")       # everything to the right), and wait for
            page.keyboard.press("Control+k")  # its placeholder, the sign it is empty
        wait_for(page, "e.g. Team Niger")
        paste(page, name)
        # A paste reaches the field through its message queue, after keys already sent:
        # press Enter once the field shows it.
        wait_for(page, f"▊  {name[:3]}")
        page.keyboard.press("Enter")
        shown = wait_for(page, "Not possible", message)
        assert "Turn 1 of" not in shown
        assert "\x1b" not in shown
    assert sorted(p.name for p in root.iterdir()) == before_root
    assert sorted(p.name for p in served.class_dir.iterdir()) == before_class
    assert not (root / "x").exists() and not Path("x").exists()
    page.context.close()


def test_the_instructors_view_needs_its_token(served: Served) -> None:
    # Make sure there is data to leak: a team folder with a save.
    assert any(served.class_dir.iterdir())
    secret_names = [p.name for p in served.class_dir.iterdir()]
    for url, headers in [(f"{served.url}instructor", {}),
                         (f"{served.url}instructor?token=wrong", {}),
                         (f"{served.url}instructor", {"X-Instructor-Token": "wrong"}),
                         (f"{served.url}instructor", {"Authorization": "Bearer wrong"}),
                         (f"{served.url}instructor", {"Cookie": "wargame_instructor=wrong"}),
                         (f"{served.url}instructor/ws", {}),
                         (f"{served.url}instructor/ws?token=wrong",
                          {"Connection": "Upgrade", "Upgrade": "websocket",
                           "Sec-WebSocket-Version": "13",
                           "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ=="})]:
        status, body = http_get(url, headers)
        assert status == 403, (url, headers, status)
        assert "websocket" not in body.lower() and not any(n in body for n in secret_names)
    assert http_get(f"{served.url}instructor", {"X-Instructor-Token": TOKEN})[0] == 200
    assert http_get(f"{served.url}instructor?token={TOKEN}")[0] == 200


def test_room_limit_idle_time_out_and_ctrl_c(browser: Any, tmp_path: Path) -> None:
    """The seminar's hand-out for every team, one seat, an idle time-out of 6 s, no
    instructor's token; then Ctrl+C."""
    with serving(tmp_path, "--handout", "handout-week6", "--max-sessions", "1",
                 "--idle-timeout", "0.1") as small:
        assert http_get(f"{small.url}instructor?token={TOKEN}")[0] == 404  # no such page
        first = open_game(browser, small, "Sahel")
        wait_for(first, "Turn 6 of 26", "hand-out")
        status, body = http_get(small.url)
        assert status == 503 and "The room is full" in body
        # No key for 6 s: the game ends, autosaved, and the page says so.
        wait_for(first, "without a key press", "Your game was saved", timeout=20)
        first.wait_for_function("document.body.classList.contains('-closed')")
        folder = small.class_dir / "sahel"
        wait_file(folder / "autosave-1.json")
        deadline = time.monotonic() + 10
        while http_get(small.url)[0] != 200:   # the seat is free again
            assert time.monotonic() < deadline
            time.sleep(0.1)
        # Ctrl+C with a game open: it is autosaved, every process ends.
        second = open_game(browser, small, "Kayes")
        wait_for(second, "Turn 6 of 26")
        second.keyboard.press("e")
        wait_for(second, "Report of turn 6")
        forks = small.fork_server_pid()
        assert small.stop() == 0
        wait_for(second, "stopped by the instructor", timeout=10)
        pids = small.game_pids() | ({forks} if forks else set())
        assert len(pids) >= 2
        assert not [pid for pid in pids if alive(pid)]
        saved = json.loads((small.class_dir / "kayes" / "autosave-1.json")
                           .read_text(encoding="utf-8").splitlines()[0])
        assert saved["turn"] == 7
        first.context.close()
        second.context.close()
