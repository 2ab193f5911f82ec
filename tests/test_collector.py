"""The collector paused while a command starts (issue 13, wargame.collector) is always
running again afterwards: after `validate` (whatever its outcome) and once the board's
first frame is drawn."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from wargame import cli, collector

ROOT = Path(__file__).resolve().parents[1]
MAIN = ROOT / "scenarios" / "bamako-blockade-2025.yaml"


@pytest.fixture(autouse=True)
def _collector_restored() -> Iterator[None]:
    yield
    gc.enable()
    gc.unfreeze()  # what the tests froze is collectable again


def test_pause_and_resume() -> None:
    collector.pause()
    assert not gc.isenabled()
    collector.resume()
    assert gc.isenabled()
    frozen = gc.get_freeze_count()
    collector.resume()  # not paused: nothing
    assert gc.get_freeze_count() == frozen


@pytest.mark.parametrize("files", [[str(MAIN)], [str(MAIN), str(MAIN)], ["/no/such.yaml"]])
def test_validate_leaves_the_collector_running(
        files: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WARGAME_CACHE_DIR", str(tmp_path))
    with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
        cli.main(["validate", *files])
    assert gc.isenabled()


def test_the_board_resumes_the_collector_with_its_first_frame(tmp_path: Path) -> None:
    from wargame.scenario.load import load_scenario
    from wargame.tui.app import WargameApp

    app = WargameApp(scenario=load_scenario(MAIN), seed=1, saves_dir=tmp_path)

    async def run() -> None:
        collector.pause()  # as `wargame play` does before it starts the app
        async with app.run_test(size=(120, 40)) as pilot:
            for _ in range(400):
                if "board_first_frame" in app.timings:
                    break
                await pilot.pause(0.01)
            assert "board_first_frame" in app.timings
            assert gc.isenabled()

    asyncio.run(run())
