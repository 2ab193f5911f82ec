"""Doctrine conditions judged on a side's view: a bot never reads what it cannot see.

A condition on a track the side cannot see (the treasury, for the insurgency) is false;
the junta reads the insurgency's fighters through its estimate. The evaluator is the
engine's (`wargame.engine.scripted.holds_on`), which also judges events and endings.
"""

from __future__ import annotations

from ..engine import View
from ..engine.model import Condition
from ..engine.scripted import holds_on, view_track


def holds_in_view(view: View, cond: Condition) -> bool:
    return holds_on(view, cond, lambda track: view_track(view, track))
