"""Face validity of the main scenario against the articles, with the historical junta.

Deterministic (fixed seeds), so not flaky; it guards the tuning of scenario and doctrine.
The bands are the articles' account, not exact figures:
- JNIM rarely if ever takes Bamako (003, 004);
- Bamako's fuel falls into crisis within the first two months (000, 004);
- tankers are destroyed by the dozens to the hundreds (000, 004);
- the regime is strained and usually still stands, while collapse remains possible (000, 003).
"""

from __future__ import annotations

import statistics
from pathlib import Path

from wargame.ai.simulate import simulate
from wargame.scenario.load import load_scenario

MAIN = Path(__file__).resolve().parents[2] / "scenarios" / "bamako-blockade-2025.yaml"


def test_historical_policy_resembles_the_articles() -> None:
    scenario = load_scenario(MAIN)
    result = simulate(scenario, MAIN, 100, 500, junta="historical", jobs=2)
    summary = result["summary"]
    outcomes = summary["outcomes"]
    assert outcomes.get("capital_falls", 0) == 0
    stands = outcomes.get("protracted_crisis", 0) + outcomes.get("junta_holds", 0)
    assert stands > 50                                   # usually still stands
    assert outcomes.get("regime_collapse", 0) >= 5       # collapse remains possible
    crisis = summary["key_moments"]["fuel_below_7_days"]
    assert crisis["games"] >= 90 and crisis["median_turn"] <= 9    # within two months
    destroyed = [g["history"][-1]["tankers_destroyed"] for g in result["games"]]
    assert 24 <= statistics.median(destroyed) <= 1000     # dozens to hundreds
    finals = [g["history"][-1] for g in result["games"] if g["outcome"] == "protracted_crisis"]
    assert statistics.median(f["junta_support"]["bamako"] for f in finals) < 50  # strained
