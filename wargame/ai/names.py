"""The names a command line offers for the bots: difficulty levels and junta policies.

A leaf module (it imports nothing), so that `wargame --help` and argument parsing do not
import the bots, the engine and the scenario models just to list these words.
"""

from __future__ import annotations

DIFFICULTIES = ("novice", "standard", "expert")
JUNTA_POLICIES = ("passive", "random", "historical", "defensive", "aggressive")
