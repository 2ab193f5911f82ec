"""Start-up structure (issue 13): what a command or the board does not need for its first
output is not imported before it. These check which modules are loaded, never timings."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MAIN = ROOT / "scenarios" / "bamako-blockade-2025.yaml"

# Read after the code under test has run: every module then loaded, as JSON.
_REPORT = "import json, sys; print(json.dumps(sorted(sys.modules)))"


def _loaded(code: str, tmp_path: Path) -> set[str]:
    env = {**os.environ, "WARGAME_CACHE_DIR": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, "-c", f"{code}\n{_REPORT}"], cwd=ROOT, env=env,
                          capture_output=True, text=True, check=True)
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


def _under(modules: set[str], *prefixes: str) -> list[str]:
    return sorted(m for m in modules if any(m == p or m.startswith(p + ".") for p in prefixes))


def test_the_board_does_not_import_the_ai_saves_reports_or_authoring_tools(
        tmp_path: Path) -> None:
    loaded = _loaded("import wargame.tui.app, wargame.tui.screens.board", tmp_path)
    assert "wargame.tui.screens.board" in loaded
    assert _under(loaded, "wargame.ai", "wargame.saves.store", "wargame.saves.report",
                  "wargame.saves.compare", "wargame.saves.commands", "wargame.scenario.schema",
                  "wargame.scenario.template", "wargame.scenario.quotes",
                  "wargame.scenario.expectations", "wargame.serve") == []


def test_help_imports_neither_the_engine_nor_pydantic(tmp_path: Path) -> None:
    code = ("import contextlib, io, wargame.cli\n"
            "with contextlib.redirect_stdout(io.StringIO()), "
            "contextlib.suppress(SystemExit):\n"
            "    wargame.cli.main(['--help'])")
    loaded = _loaded(code, tmp_path)
    assert _under(loaded, "pydantic", "yaml", "textual", "wargame.ai.bots",
                  "wargame.engine.spec", "wargame.engine.legality", "wargame.saves.store") == []


def test_validate_of_an_unchanged_file_builds_no_models(tmp_path: Path) -> None:
    """The first run checks the file (and caches the result); the second is served by the
    cache and imports neither pydantic nor YAML nor the engine's rules."""
    code = ("import contextlib, io, wargame.cli\n"
            "with contextlib.redirect_stderr(io.StringIO()):\n"
            f"    assert wargame.cli.main(['validate', {str(MAIN)!r}]) == 0")
    first = _loaded(code, tmp_path)
    assert "pydantic" in first
    again = _loaded(code, tmp_path)
    assert _under(again, "pydantic", "yaml", "wargame.engine.spec",
                  "wargame.engine.legality", "wargame.scenario.lint") == []
    scenarios = (code.replace(f"'validate', {str(MAIN)!r}", "'scenarios'")
                 .replace("redirect_stderr", "redirect_stdout"))
    _loaded(scenarios, tmp_path)  # checks (and caches) the other shipped scenarios
    listing = _loaded(scenarios, tmp_path)
    assert _under(listing, "pydantic", "yaml", "wargame.engine.spec") == []


def test_a_cached_scenario_and_the_board_need_no_yaml_and_no_linter(tmp_path: Path) -> None:
    """Playing an unchanged scenario (no guide) loads it from the cache: the YAML loader,
    the linter and the error mapping are never imported."""
    code = ("from pathlib import Path\n"
            "import wargame.tui.app, wargame.tui.screens.board\n"
            "from wargame.scenario.load import load_scenario\n"
            "from wargame.tui.widgets.guide import board_guide\n"
            f"scenario = load_scenario(Path({str(MAIN)!r}))\n"
            f"assert board_guide(scenario, Path({str(MAIN)!r})) is None")
    _loaded(code, tmp_path)  # fills the cache
    loaded = _loaded(code, tmp_path)
    assert _under(loaded, "yaml", "wargame.scenario.lint", "wargame.scenario.errors",
                  "wargame.scenario.yamlload") == []


def test_a_cached_scenario_and_the_board_need_no_pydantic(tmp_path: Path) -> None:
    """A scenario from the cache is read back into the engine's records by pydantic-core
    from the cached core schema (scenario.validators): neither pydantic nor the format's
    models are imported, by the loading or by the board."""
    code = ("from pathlib import Path\n"
            "import wargame.tui.app, wargame.tui.screens.board\n"
            "from wargame.scenario.load import load_scenario\n"
            f"scenario = load_scenario(Path({str(MAIN)!r}))\n"
            "assert type(scenario.spec).__module__ == 'wargame.engine.model'\n")
    first = _loaded(code, tmp_path)  # fills the cache
    assert "pydantic" in first and "wargame.engine.spec" in first
    loaded = _loaded(code, tmp_path)
    assert "pydantic_core" in loaded
    assert _under(loaded, "pydantic", "wargame.engine.spec", "yaml") == []


