"""`simulate --json`: every history entry carries the causal ledger, and its deltas sum to
the change between consecutive entries (from the game's `start` for turn 1)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from wargame.cli import main

LEDGER_KEYS = {"track", "region", "delta", "cause", "rule", "phase", "order", "source"}
SCALARS = ("fuel_price_index", "treasury", "cohesion")
REGIONAL = ("junta_support", "insurgent_support")


def sums(ledger: list[dict[str, Any]]) -> dict[tuple[str, str | None], int]:
    out: dict[tuple[str, str | None], int] = {}
    for e in ledger:
        key = (e["track"], e["region"])
        out[key] = out.get(key, 0) + e["delta"]
    return out


def test_ledger_in_json_sums_to_the_history(tmp_path: Path) -> None:
    target = tmp_path / "sim.json"
    assert main(["simulate", "bamako-blockade-2025", "--games", "2", "--seed", "4",
                 "--junta", "random", "--json", str(target)]) == 0
    data = json.loads(target.read_text(encoding="utf-8"))
    for game in data["games"]:
        previous = game["start"]
        for entry in game["history"]:
            assert entry["ledger"], f"turn {entry['turn']} has no ledger"
            for item in entry["ledger"]:
                assert LEDGER_KEYS <= set(item) <= LEDGER_KEYS | {"event"}
                assert isinstance(item["delta"], int) and item["delta"] != 0
                assert "{" not in item["cause"]
            total = sums(entry["ledger"])
            for key in SCALARS:
                assert total.get((key, None), 0) == entry[key] - previous[key], key
            for key in REGIONAL:
                for region, value in entry[key].items():
                    assert total.get((key, region), 0) == value - previous[key][region]
            previous = entry


def test_the_table_alone_carries_no_ledger(tmp_path: Path) -> None:
    target = tmp_path / "sim.json"
    assert main(["simulate", "tutorial", "--games", "1", "--json", str(target)]) == 0
    assert "ledger" in json.loads(target.read_text())["games"][0]["history"][0]
    from wargame.ai.simulate import play_game
    from wargame.scenario.load import load_scenario
    from wargame.scenario.shipped import resolve_scenario

    record = play_game(load_scenario(resolve_scenario("tutorial")), 1)
    assert "ledger" not in record.history[0] and record.start is None
