"""The provenance convention: every number in a scenario says where it comes from.

A line holding a number must end with a comment containing `src: <article file>` (the
figure or fact comes from that article) or `est: <reason>` (a designer's estimate with
its reasoning), or both. One comment covers every number on its line, which is why the
shipped scenarios write towns and routes as one flow mapping per line.
"""

from __future__ import annotations

import re

from .errors import SourceError
from .nonfacts import carries_no_fact
from .yamlload import LoadedYaml

SOURCE_FILE = re.compile(r"\b\d{3}_[0-9a-f]{16}\.txt\b")
SRC_MARK = re.compile(r"\bsrc:\s*(?P<rest>.*)")
EST_MARK = re.compile(r"\best:\s*(?P<reason>\S+(?:\s+\S+){2,})")


def provenance_warnings(loaded: LoadedYaml, known_sources: list[str]) -> list[SourceError]:
    """A warning for each line with a number but no valid `src:` or `est:` mark."""
    warnings: list[SourceError] = []
    seen: set[int] = set()
    for path, line in loaded.number_lines:
        if carries_no_fact(path) or line in seen:  # e.g. the format version
            continue
        seen.add(line)
        comment = loaded.comments.get(line, "")
        problem = _problem(comment, known_sources)
        if problem:
            col = loaded.positions.get(path, (line, 1))[1]
            dotted = ".".join(str(p) for p in path)
            warnings.append(SourceError(line, col, dotted, problem, severity="warning"))
    return warnings


def _problem(comment: str, known_sources: list[str]) -> str | None:
    src = SRC_MARK.search(comment)
    est = EST_MARK.search(comment)
    if src:
        files = SOURCE_FILE.findall(src.group("rest"))
        if not files:
            return "'src:' names no article file (expected e.g. src: 004_d40ffa60bce7b676.txt)"
        unknown = [f for f in files if f not in known_sources]
        if unknown:
            return f"'src:' names {unknown[0]}, which is not in meta.sources"
        return None
    if est:
        return None
    if "est:" in comment:
        return "'est:' needs a reason of at least three words"
    return ("number with neither a source nor an estimate mark "
            "(end the line with '# src: <article>' or '# est: <reason>')")
