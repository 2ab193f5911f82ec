"""`SourceError`: one problem in a source file, at a line and column.

A leaf module (no pydantic, no YAML): a cached check's warnings are rebuilt from the cache
without loading the machinery that found them (`errors.py` re-exports it).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class SourceError:
    """One problem in a source file; line and col are 1-based.

    `code` is the stable code of the kind of problem; `help` the lines that say how to
    fix it, when a fix is known.
    """

    line: int
    col: int
    path: str
    message: str
    severity: str = "error"
    code: str = ""
    help: tuple[str, ...] = ()

    def format(self, filename: str) -> str:
        return f"{filename}:{self.line}:{self.col}: {self.severity}: {self.path}: {self.message}"
