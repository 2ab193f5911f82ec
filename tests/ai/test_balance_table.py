"""benchmarks/balance_table.py keeps the rows it is not asked to measure: after a change to
one bot, `--junta planner` measures the planner's rows alone and leaves the README's
other rows as they were."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

from wargame.ai.bots import JUNTA_POLICIES
from wargame.scenario.shipped import shipped_scenarios

ROOT = Path(__file__).resolve().parents[2]


def table_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("balance_table",
                                                  ROOT / "benchmarks" / "balance_table.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def readme_table(module: ModuleType) -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return text.split(module.BEGIN)[1].split(module.END)[0].strip("\n").split("\n")


def test_every_row_of_the_readme_is_found_by_scenario_and_policy() -> None:
    module = table_module()
    found = module.rows(readme_table(module))
    ids = {path.stem for path in shipped_scenarios()}
    assert set(found) == {(sid, policy) for sid in ids for policy in JUNTA_POLICIES}
    assert found["tutorial", "planner"].startswith("| planner (budget ")
    assert found["tutorial", "passive"].startswith("| passive | ")


def test_kept_rows_are_not_measured_again() -> None:
    """With every row but the tutorial's planner row kept, only that row is measured (on
    one game here), and the other rows come back exactly as the README has them."""
    module = table_module()
    old = module.rows(readme_table(module))
    kept = {key: row for key, row in old.items() if key != ("tutorial", "planner")}
    lines = module.table(1, 1, 1, planner_games=1, planner_budget=4, only=["tutorial"],
                         kept=kept)
    tutorial = [line for line in lines if line.startswith("| ")]
    assert tutorial[1:6] == [old["tutorial", p] for p in JUNTA_POLICIES if p != "planner"]
    assert tutorial[6].startswith("| planner (budget 4, 1 games) | ")
