"""Numbers that carry no fact, so the provenance convention does not ask where they come
from: the format version, a doctrine filter's argument index, a town's hand-placed board
position and the board's bounds (drawing choices, not claims about the world).

docs/scenario-authoring.md lists the same fields.
"""

from __future__ import annotations

Path = tuple[str | int, ...]

# Descriptions for the guide, in the order it lists them.
EXEMPT_FIELDS = (
    ("format", "the format version"),
    ("doctrine...filters[].arg", "which argument of an order an `arg_is` filter reads"),
    ("map.towns[].board", "a town's hand-placed position on the board"),
    ("map.bounds", "the area the board shows"),
)


def carries_no_fact(path: Path) -> bool:
    """Whether the number at `path` is exempt from the provenance convention."""
    if path == ("format",):
        return True
    if path[:1] == ("doctrine",) and "filters" in path and path[-1] == "arg":
        return True
    if path[:2] == ("map", "towns") and "board" in path[3:4]:
        return True
    return path[:2] == ("map", "bounds")
