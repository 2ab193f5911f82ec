"""`wargame play FILE --watch`: a change to the file is picked up (the game restarts with
it), a broken change shows its FILE:LINE:COL errors instead of crashing, and play goes on
with the last version that loaded."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from wargame.cli import main
from wargame.plain_watch import play_plain_watching
from wargame.scenario.watch import ScenarioWatcher

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL = ROOT / "scenarios" / "tutorial.yaml"
TITLE = 'title: {en: "Tutorial: Keep the Senegal Road Open"'  # a mapping of languages


@pytest.fixture
def scenario_file(tmp_path: Path) -> Path:
    path = tmp_path / "tutorial.yaml"
    path.write_text(TUTORIAL.read_text(encoding="utf-8"), encoding="utf-8")
    return path


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_watcher_reports_nothing_until_the_content_changes(scenario_file: Path) -> None:
    watcher = ScenarioWatcher(scenario_file)
    assert watcher.poll() is None
    scenario_file.write_text(scenario_file.read_text(encoding="utf-8"), encoding="utf-8")
    assert watcher.poll() is None  # saved again, same content
    edit(scenario_file, TITLE, 'title: {en: "Renamed"')
    change = watcher.poll()
    assert change is not None and change.ok and change.restart
    assert change.scenario is not None and change.scenario.spec.meta.title == "Renamed"
    assert "game restarted" in change.summary()
    assert watcher.poll() is None


def test_watcher_reports_a_broken_change_with_positions(scenario_file: Path) -> None:
    watcher = ScenarioWatcher(scenario_file)
    edit(scenario_file, "  turns: 6  #", "  turns: -6  #")
    change = watcher.poll()
    assert change is not None and not change.ok and change.scenario is None
    assert any(line.startswith(f"{scenario_file}:") and ": error: meta.turns: " in line
               for line in change.messages), change.messages
    assert "still playing the last version" in change.summary()
    assert watcher.poll() is None  # the same broken content is reported once
    edit(scenario_file, "  turns: -6  #", "  turns: 6  #")  # fixed back: nothing to restart
    back = watcher.poll()
    assert back is not None and back.ok and not back.restart


def test_watcher_tolerates_a_file_that_disappears_for_a_moment(scenario_file: Path) -> None:
    watcher = ScenarioWatcher(scenario_file)
    text = scenario_file.read_text(encoding="utf-8")
    scenario_file.unlink()
    assert watcher.poll() is None  # an editor replacing the file
    gone = watcher.poll()
    assert gone is not None and not gone.ok and "missing" in gone.messages[0]
    assert watcher.poll() is None
    scenario_file.write_text(text, encoding="utf-8")
    back = watcher.poll()
    assert back is not None and back.ok and not back.restart


def _script(path: Path, steps: list[str | tuple[str, str]]) -> Iterator[str]:
    """Input lines; a (old, new) pair edits the file before the next line is read."""
    for step in steps:
        if isinstance(step, tuple):
            edit(path, *step)
            continue
        yield step + "\n"


class _Lines(io.StringIO):
    def __init__(self, lines: Iterator[str]) -> None:
        super().__init__()
        self._lines = lines

    def __iter__(self) -> Iterator[str]:
        return self._lines

    def readline(self, size: int | None = -1) -> str:  # plain mode reads bounded lines
        return next(self._lines, "")

    def isatty(self) -> bool:
        return False


def test_plain_mode_restarts_on_change_and_shows_errors(scenario_file: Path) -> None:
    out = io.StringIO()
    steps: list[str | tuple[str, str]] = [
        "escort dakar light", "end",
        (TITLE, 'title: {en: "Edited tutorial"'), "status",
        ("  turns: 6  #", "  turns: zero  #"), "status", "end",
        ("  turns: zero  #", "  turns: 5  #"), "status", "quit", "status",
    ]
    assert play_plain_watching(scenario_file, seed=1,
                               stdin=_Lines(_script(scenario_file, steps)), stdout=out) == 0
    text = out.getvalue()
    assert "Report of turn 1" in text
    restarted = text.index("*** Scenario reloaded from tutorial.yaml; game restarted.")
    assert text.index("Edited tutorial.", restarted) > restarted
    assert "Turn 1 of 6" in text[restarted:]
    broken = text.index(": error: meta.turns: ")
    assert text[:broken].rsplit("\n", 1)[-1].startswith(f"{scenario_file}:")
    assert "still playing the last version that loaded" in text
    assert text.count("Report of turn 1") == 2  # play went on with the last good version
    assert "Turn 1 of 5" in text  # the fixed version restarted the game
    assert text.count("Bamako fuel:") == 3  # nothing after `quit`


def test_plain_mode_starts_once_a_broken_file_is_fixed(scenario_file: Path) -> None:
    edit(scenario_file, "  turns: 6  #", "  turns: 0  #")
    out = io.StringIO()
    steps: list[str | tuple[str, str]] = ["status", ("  turns: 0  #", "  turns: 6  #"),
                                          "status"]
    play_plain_watching(scenario_file, stdin=_Lines(_script(scenario_file, steps)),
                        stdout=out)
    text = out.getvalue()
    assert ": error: meta.turns: " in text and "does not load yet" in text
    assert "No scenario is loaded" in text
    assert "*** Scenario reloaded from tutorial.yaml; game restarted." in text
    assert "Bamako fuel:" in text


def test_cli_play_watch_uses_the_watching_loop(
        scenario_file: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("status\nquit\n"))
    assert main(["play", str(scenario_file), "--watch", "--plain"]) == 0
    out = capsys.readouterr().out
    assert f"Watching {scenario_file} for changes" in out and "Bamako fuel:" in out


def test_board_reloads_on_change_and_shows_errors_in_a_notification(
        scenario_file: Path) -> None:
    import asyncio

    from wargame.scenario.load import load_scenario
    from wargame.tui.app import WargameApp

    async def run() -> None:
        app = WargameApp(scenario=load_scenario(scenario_file), scenario_path=scenario_file,
                         watch=True, saves_dir=scenario_file.parent / "saves")
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause(0.2)
            assert app.session is not None
            first = app.session
            edit(scenario_file, TITLE, 'title: {en: "Edited tutorial"')
            await pilot.pause(1.2)
            assert app.session is not first
            assert app.session.game.scenario.spec.meta.title == "Edited tutorial"
            assert app.session.game.state.turn == 1
            edit(scenario_file, "  turns: 6  #", "  turns: -1  #")
            await pilot.pause(1.2)
            shown = [n for n in app._notifications if n.severity == "error"]
            assert shown and ": error: meta.turns: " in shown[-1].message
            assert "still playing the last version" in (shown[-1].title or "")
            assert app.session.game.scenario.spec.meta.title == "Edited tutorial"

    asyncio.run(run())
