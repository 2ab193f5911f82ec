"""The provenance convention: every number in a scenario says where it comes from.

A line holding a number must end with a comment containing `src: <article file>` (the
figure or fact comes from that article, optionally with short "quotations" of it) or
`est: <reason>` (a designer's estimate and where it comes from, not a bare label), or
both. One comment covers every number on its line, which is why the
shipped scenarios write towns and routes as one flow mapping per line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..i18n import _, ngettext
from .nonfacts import carries_no_fact
from .problem import SourceError
from .yamlload import _LINE_BREAK, LoadedYaml

SOURCE_FILE = re.compile(r"\b\d{3}_[0-9a-f]{16}\.txt\b")
SRC_MARK = re.compile(r"\bsrc:\s*(?P<rest>.*)")

# Stable codes (docs/scenario-authoring.md, "Error codes"), set here: the messages are
# translated, so their code cannot be found from their English words.
BARE_NUMBER = "W0501"
BARE_ESTIMATE = "W0502"
BAD_SRC = "W0503"


def provenance_warnings(loaded: LoadedYaml, known_sources: list[str]) -> list[SourceError]:
    """A warning for each line with a number but no valid `src:` or `est:` mark."""
    warnings: list[SourceError] = []
    seen: set[int] = set()
    for path, line in loaded.number_lines:
        if carries_no_fact(path) or line in seen:  # e.g. the format version
            continue
        seen.add(line)
        comment = loaded.comments.get(line, "")
        found = _problem(comment, known_sources)
        if found:
            problem, code = found
            col = loaded.positions.get(path, (line, 1))[1]
            dotted = ".".join(str(p) for p in path)
            warnings.append(SourceError(line, col, dotted, problem, severity="warning",
                                        code=code))
    return warnings


def _problem(comment: str, known_sources: list[str]) -> tuple[str, str] | None:
    """What is wrong with a number's mark, and its code; None if nothing."""
    src = SRC_MARK.search(comment)
    if src:
        files = SOURCE_FILE.findall(src.group("rest"))
        if not files:
            return _("'src:' names no article file (expected e.g. src: "
                     "004_d40ffa60bce7b676.txt)"), BAD_SRC
        unknown = [f for f in files if f not in known_sources]
        if unknown:
            return _("'src:' names {file}, which is not in meta.sources").format(
                file=unknown[0]), BAD_SRC
        return None
    if "est:" in comment:  # whether its reason is a real one: estimate_reason_warnings
        return None
    return _("number with neither a source nor an estimate mark (end the line with "
             "'# src: <article>' or '# est: <reason>')"), BARE_NUMBER


# --- Citations inside comments, with their columns (used by the catalogue and quote checks)

# A mark written as code (`` `est: ...` ``) is documentation about marks, not a mark.
SRC_OR_EST = re.compile(r"(?<!`)(?<!`# )\b(?P<kind>src|est):")
QUOTATION = re.compile(r"\"(?P<a>[^\"]*)\"|\u201c(?P<b>[^\u201d]*)\u201d")


@dataclass(frozen=True)
class Quotation:
    """A quotation of an article in a `src:` mark: its text and where it starts (1-based)."""

    source: str
    text: str
    line: int
    col: int


def comment_columns(text: str, comments: dict[int, str]) -> dict[int, int]:
    """The 1-based column where each line's comment text starts (after `#` and spaces)."""
    lines = _LINE_BREAK.split(text)
    columns: dict[int, int] = {}
    for line, comment in comments.items():
        body = lines[line - 1].rstrip() if line <= len(lines) else comment
        columns[line] = max(1, len(body) - len(comment) + 1)
    return columns


def comment_file_names(comment: str) -> list[tuple[str, int]]:
    """Every article file name in a comment, with its 0-based offset."""
    return [(m.group(), m.start()) for m in SOURCE_FILE.finditer(comment)]


def src_quotations(comment: str, line: int, col: int) -> tuple[list[Quotation], list[int]]:
    """The quotations of a comment's `src:` marks, each belonging to the file named just
    before it; and the offsets of quotations that follow no file name."""
    quotations: list[Quotation] = []
    orphans: list[int] = []
    for start, end in _segments(comment, "src"):
        source: str | None = None
        position = start
        while True:
            name = SOURCE_FILE.search(comment, position, end)
            quote = QUOTATION.search(comment, position, end)
            if quote is None:
                break
            if name is not None and name.start() < quote.start():
                source, position = name.group(), name.end()
                continue
            if source is None:
                orphans.append(quote.start())
            else:
                said = quote.group("a") if quote.group("a") is not None else quote.group("b")
                quotations.append(Quotation(source, said, line, col + quote.start()))
            position = quote.end()
    return quotations, orphans


def _segments(comment: str, kind: str) -> list[tuple[int, int]]:
    """The spans of a comment's `src:` (or `est:`) marks: each runs to the next mark."""
    marks = list(SRC_OR_EST.finditer(comment))
    spans = []
    for i, mark in enumerate(marks):
        if mark.group("kind") == kind:
            end = marks[i + 1].start() if i + 1 < len(marks) else len(comment)
            spans.append((mark.end(), end))
    return spans


# --- Estimates with real reasons

# A reason made only of these words (and small words) says that the number is an estimate,
# not where it comes from.
PLACEHOLDER_WORDS = frozenset({
    "number", "numbers", "size", "sizes", "guess", "guessed", "estimate", "estimated",
    "estimation", "value", "values", "tuned", "tuning", "level", "levels", "amount",
    "amounts", "rate", "rates", "odds", "threshold", "thresholds", "strength", "duration",
    "slope", "share", "units", "unit", "arbitrary", "placeholder", "tbd", "todo", "rough",
    "roughly", "approximate", "approximately", "approx", "designer", "designer's", "choice",
    "chosen", "change", "delta", "balance", "balanced",
})
SMALL_WORDS = frozenset({
    "a", "an", "the", "of", "for", "per", "in", "on", "at", "to", "by", "from", "with",
    "and", "or", "as", "is", "it", "its", "this", "that", "only", "just", "some", "our",
    "my", "be",
})
MIN_REASON_WORDS = 4


def estimate_reason_warnings(loaded: LoadedYaml, text: str) -> list[SourceError]:
    """A warning for each `est:` mark whose reason is a bare label rather than a reason."""
    columns = comment_columns(text, loaded.comments)
    where = _first_path_by_line(loaded)
    warnings: list[SourceError] = []
    for line, comment in sorted(loaded.comments.items()):
        if line not in where:
            continue  # a comment on a line of its own is documentation, not a mark
        for start, end in _segments(comment, "est"):
            reason = comment[start:end].strip().rstrip(";,( ").strip()
            problem = bare_reason_problem(reason)
            if problem:
                col = columns[line] + start - len("est:")
                warnings.append(SourceError(line, col, where.get(line, "comment"), problem,
                                            severity="warning", code=BARE_ESTIMATE))
    return warnings


def bare_reason_problem(reason: str) -> str | None:
    """Why an estimate's reason is a bare label, or None if it gives a reason."""
    words = [w.strip(".,;:()[]'\"").lower() for w in reason.split()]
    words = [w for w in words if any(c.isalnum() for c in w)]
    advice = _("say where the number comes from: arithmetic from cited figures, a "
               "comparison or a named assumption")
    if len(words) < MIN_REASON_WORDS:
        # The English says "1 words" as it always has; other languages agree the count.
        return ngettext("estimate reason {reason} is a bare label ({count} words; at least "
                        "{least}): {advice}",
                        "estimate reason {reason} is a bare label ({count} words; at least "
                        "{least}): {advice}", len(words)).format(
            reason=repr(reason), count=len(words), least=MIN_REASON_WORDS, advice=advice)
    if all(w in PLACEHOLDER_WORDS or w in SMALL_WORDS for w in words):
        return _("estimate reason {reason} only says that it is an estimate: "
                 "{advice}").format(reason=repr(reason), advice=advice)
    return None


def _first_path_by_line(loaded: LoadedYaml) -> dict[int, str]:
    """The dotted path of the first number (else the first value) on each line."""
    found: dict[int, str] = {}
    for path, line in loaded.number_lines:
        found.setdefault(line, ".".join(str(p) for p in path))
    for path, (line, _col) in sorted(loaded.positions.items(), key=lambda kv: kv[1]):
        found.setdefault(line, ".".join(str(p) for p in path) or "yaml")
    return found
