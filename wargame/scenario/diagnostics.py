"""How `wargame validate` shows a problem: the compiler-style excerpt and the JSON record.

    scenarios/x.yaml:12:40: error: map.towns.0.kind: 'capitol' is not a valid kind; ...
       |
    12 |     - {id: bamako, name: Bamako, region: bamako, kind: capitol, lat: 12.65}
       |                                                        ^^^^^^^ E0204
       = help: valid values: capital, city, town, village, outpost, border_post, mine, ...

Every problem has a stable code (docs/scenario-authoring.md, "Error codes"); a problem
made by code that sets none gets one from `CODE_BY_MESSAGE`, or the generic code of its
kind.
"""

from __future__ import annotations

import re
from typing import Any

from .chars import char_name, is_odd
from .problem import SourceError

# Codes of messages made where no code is set (the YAML loader's own checks, the
# provenance convention), by how the message starts.
CODE_BY_MESSAGE: tuple[tuple[str, str], ...] = (
    ("duplicate key", "E0107"),
    ("YAML anchors and aliases", "E0108"),
    ("YAML tags", "E0108"),
    ("file is", "E0109"),
    ("nesting deeper", "E0109"),
    ("only one YAML document", "E0109"),
    ("the top level must be", "E0109"),
    ("invalid UTF-8", "E0109"),
    ("cannot read", "E0109"),
    ("mapping key", "E0110"),
    ("mapping keys", "E0110"),
    ("invalid date", "E0111"),
    # Before "number ": the provenance warning starts with that word too.
    ("number with neither a source nor an estimate mark", "W0501"),
    ("number ", "E0111"),
    ("character U+", "E0106"),
    ("unpaired surrogate", "E0106"),
    ("NaN and infinities", "E0111"),
    ("is a ", "E0109"),            # not a regular file: a FIFO, a device, a folder
    ("'est:'", "W0502"),
    ("estimate reason", "W0502"),
    ("'src:'", "W0503"),
    ("quotation not found", "E0307"),
    ("the sources catalogue", "E0307"),
)
GENERIC_ERROR = "E0000"
GENERIC_YAML = "E0100"
GENERIC_WARNING = "W0000"
GENERIC_PROVENANCE = "W0500"


# The line breaks PyYAML counts (a lone '\r' too), so that line numbers agree with it.
_LINE_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")


def source_lines(raw: bytes) -> list[str]:
    """The lines of a file as the loader numbers them (undecodable bytes replaced)."""
    text = raw.removeprefix(b"\xef\xbb\xbf").decode("utf-8", errors="replace")
    return _LINE_BREAK.split(text)


def code_of(error: SourceError) -> str:
    if error.code:
        return error.code
    for start, code in CODE_BY_MESSAGE:
        if error.message.startswith(start):
            return code
    if error.severity == "warning":
        return GENERIC_PROVENANCE if "src:" in error.message or "est:" in error.message \
            else GENERIC_WARNING
    return GENERIC_YAML if error.path == "yaml" else GENERIC_ERROR


def span_end(line_text: str, col: int) -> int:
    """The column just past the token that starts at `col` (1-based), on its line."""
    i = col - 1
    if i >= len(line_text):
        return col + 1
    if is_odd(line_text[i]):
        return col + 1
    first = line_text[i]
    if first in "\"'":
        j = i + 1
        while j < len(line_text):
            if line_text[j] == first and (first == "'" or line_text[j - 1] != "\\"):
                if first == "'" and j + 1 < len(line_text) and line_text[j + 1] == "'":
                    j += 2
                    continue
                return j + 2
            j += 1
        return len(line_text.rstrip()) + 1
    if first in "{[":
        return col + 1
    j = i
    while j < len(line_text):
        c = line_text[j]
        if c in ",]}" or (c == ":" and (j + 1 == len(line_text) or line_text[j + 1] in " \t")):
            break
        if c == "#" and j > i and line_text[j - 1] in " \t":
            break
        j += 1
    end = len(line_text[:j].rstrip())
    return max(end + 1, col + 1)


def _source_line(lines: list[str], number: int) -> str | None:
    return lines[number - 1] if 1 <= number <= len(lines) else None


def render(error: SourceError, filename: str, lines: list[str]) -> list[str]:
    """The first line, then the excerpt with a caret under the column, then help lines."""
    out = [error.format(filename)]
    code = code_of(error)
    text = _source_line(lines, error.line)
    if text is not None:
        shown = text.replace("\t", " ")
        gutter = " " * len(str(error.line))
        end = span_end(text, error.col)
        width = max(1, end - error.col)
        out.append(f"{gutter} |")
        out.append(f"{error.line} | {_visible(shown)}")
        out.append(f"{gutter} | {' ' * (error.col - 1)}{'^' * width} {code}")
        for line in error.help:
            out.append(f"{gutter} = help: {line}")
    else:
        out += [f"  = help: {line}" for line in error.help]
        out.append(f"  = code: {code}")
    return out


def _visible(text: str) -> str:
    """The line with invisible characters shown as a middle dot (the caret says which)."""
    return "".join("·" if is_odd(c) and c.isspace() or c in "\u200b\u200c\u200d\u2060\ufeff"
                   else c for c in text)


def to_json(error: SourceError, filename: str, lines: list[str]) -> dict[str, Any]:
    """One problem for editors and CI (the keys docs/scenario-authoring.md documents)."""
    text = _source_line(lines, error.line)
    end = span_end(text, error.col) if text is not None else error.col + 1
    record: dict[str, Any] = {
        "file": filename, "line": error.line, "column": error.col,
        "end": {"line": error.line, "column": end},
        "severity": error.severity, "code": code_of(error), "path": error.path,
        "message": error.message, "help": list(error.help),
    }
    if text is not None and 0 < error.col <= len(text) and is_odd(text[error.col - 1]):
        record["character"] = char_name(text[error.col - 1])
    return record
