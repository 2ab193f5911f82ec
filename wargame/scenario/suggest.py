"""Did-you-mean hints for a misspelt name (no pydantic: the reference checks, the linter
and the commands use them on files that validated)."""

from __future__ import annotations

import difflib
from collections.abc import Sequence

from ..i18n import _


def closest(value: str, names: Sequence[str] | set[str], cutoff: float = 0.6) -> str | None:
    """The name in `names` nearest to `value`, if one is near enough."""
    lowered = {n.lower(): n for n in names}
    if value.lower() in lowered and lowered[value.lower()] != value:
        return lowered[value.lower()]
    found = difflib.get_close_matches(value, sorted(names), n=1, cutoff=cutoff)
    if not found:
        found = difflib.get_close_matches(value.lower().replace(" ", "_"), sorted(names), n=1,
                                          cutoff=cutoff)
    return found[0] if found else None


def did_you_mean(value: str, names: Sequence[str] | set[str]) -> str:
    """"; did you mean 'x'?" or ""."""
    hint = closest(value, names)
    return _("; did you mean '{name}'?").format(name=hint) if hint else ""
