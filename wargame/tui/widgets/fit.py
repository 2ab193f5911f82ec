"""One-line texts that fit their width: the fullest wording that fits, never a cut word."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content

Part = str | tuple[str, str]


def parts_length(parts: Sequence[Part]) -> int:
    return sum(len(p if isinstance(p, str) else p[0]) for p in parts)


def first_that_fits(candidates: Sequence[Sequence[Part]], width: int) -> Content:
    """The first candidate (fullest first) no wider than `width`; else the last one."""
    for parts in candidates:
        if parts_length(parts) <= width:
            return Content.assemble(*parts)
    return Content.assemble(*candidates[-1])
