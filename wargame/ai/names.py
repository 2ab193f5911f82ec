"""The names a command line offers for the bots: difficulty levels and junta policies.

A leaf module (it imports nothing), so that `wargame --help` and argument parsing do not
import the bots, the engine and the scenario models just to list these words.
"""

from __future__ import annotations

DIFFICULTIES = ("novice", "standard", "expert")
JUNTA_POLICIES = ("passive", "random", "historical", "defensive", "aggressive", "planner")
# Rollouts a turn for the planning junta (`--planner-budget`): median 0.2-0.3 s of CPU a turn
# on one core (bench.py planner), under the budget of a second.
PLANNER_DEFAULT_BUDGET = 64
