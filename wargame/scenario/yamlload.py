"""Hardened YAML loading that keeps source positions.

PyYAML's defaults are unsafe or surprising for hand-written scenario files:
duplicate keys silently overwrite, YAML 1.1 turns ``NO`` into False and
``12:30`` into 750, aliases allow "billion laughs" bombs and deep nesting
raises RecursionError.  This module composes the document with PyYAML's
Python composer (the C loader's own composer bypasses Python ``compose_node``
overrides), rejects what we do not allow, and converts the node tree to plain
Python itself so every value keeps its line and column.

Speed: when PyYAML has libyaml, the events come from its C parser (``CParser``),
which does the scanning and parsing, most of the time; composition, the checks on
every event and node, the resolvers and the conversion stay the same Python code.
A file that is not clean on that path (any YAML error, anchor, alias, tag, limit,
duplicate key, bad value, a character the Python reader refuses...) is read again
wholly by the pure-Python ``yaml.SafeLoader`` path, so every message and position
is exactly what it has always been. Only a clean file is taken from the C path.
"""

from __future__ import annotations

import bisect
import datetime
import math
import re
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    MappingStartEvent,
    NodeEvent,
    ScalarEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from wargame.i18n import _
from wargame.scenario.problem import SourceError
from wargame.scenario.yamlhelp import explain_syntax

__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_ERRORS",
    "MAX_INTEGER",
    "LoadedYaml",
    "Path",
    "YamlLoadError",
    "load_yaml",
]

MAX_BYTES = 4 * 1024 * 1024
MAX_DEPTH = 40
MAX_ERRORS = 200
# Far above any quantity in a scenario, and exact in JSON for every reader (< 2**53).
MAX_INTEGER = 10**15

Path = tuple[str | int, ...]

_BOM = b"\xef\xbb\xbf"
_TAG_PREFIX = "tag:yaml.org,2002:"
_STR = _TAG_PREFIX + "str"
_NULL = _TAG_PREFIX + "null"
_BOOL = _TAG_PREFIX + "bool"
_INT = _TAG_PREFIX + "int"
_FLOAT = _TAG_PREFIX + "float"
_DATE = _TAG_PREFIX + "timestamp"
_ALIAS = "!rejected-alias"  # placeholder node for an alias that was reported

# PyYAML counts these as line breaks (a lone '\r' too, but not the '\r' of '\r\n').
_LINE_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")


@dataclass(frozen=True)
class LoadedYaml:
    """A parsed document plus where each piece of it came from (1-based)."""

    data: Any
    positions: dict[Path, tuple[int, int]]
    key_positions: dict[Path, tuple[int, int]]
    number_lines: list[tuple[Path, int]]
    comments: dict[int, str]


# Stable codes (docs/scenario-authoring.md, "Error codes"), set where each message is made:
# the messages are translated, so their code cannot be found from their English words.
GENERIC_YAML = "E0100"
ODD_CHARACTER = "E0106"
DUPLICATE_KEY = "E0107"
ALIAS_OR_TAG = "E0108"
FILE = "E0109"
KEY = "E0110"
NUMBER = "E0111"


class _Bad(ValueError):
    """A scalar the loader refuses: its message (in the reader's language) and its code."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


class YamlLoadError(Exception):
    """Raised when a file cannot be loaded; ``errors`` lists every problem found."""

    def __init__(self, errors: list[SourceError]) -> None:
        found = sorted(set(errors))
        if len(found) > MAX_ERRORS:
            # An alias bomb or a mangled file can yield millions; nobody reads past the first.
            last = found[MAX_ERRORS - 1]
            more = _("{count} more errors not shown").format(count=len(found) - MAX_ERRORS)
            found = [*found[:MAX_ERRORS], SourceError(last.line, last.col, "yaml", more,
                                                      code=GENERIC_YAML)]
        self.errors = found
        super().__init__("; ".join(f"{e.line}:{e.col}: {e.message}" for e in found[:5]))


class _NotForC(Exception):
    """Internal: the libyaml path meets what only the pure-Python path reads exactly."""


class _TooDeep(Exception):
    """Internal: composition stopped because the nesting limit was exceeded."""

    def __init__(self, line: int, col: int) -> None:
        super().__init__(line, col)
        self.line = line
        self.col = col


class _StrictChecks:
    """The compose-time checks, shared by the pure-Python and the libyaml loaders."""

    max_depth: int
    problems: list[SourceError]
    _depth: int
    last_start: tuple[int, int]
    _path: list[str]

    # Provided by the loader classes below (PyYAML's Composer and a parser).
    check_event: Any
    get_event: Any
    peek_event: Any

    def _start_checks(self, max_depth: int) -> None:
        self.max_depth = max_depth
        self.problems: list[SourceError] = []
        self._depth = 0
        self.last_start = (1, 1)  # where the innermost node began, for RecursionError
        self._path: list[str] = []

    def compose_node(self, parent: Node | None, index: Any) -> Node:
        self._path.append(_path_part(parent, index))
        if self.check_event(AliasEvent):
            # Never look the alias up: nothing is expanded, so bombs cost nothing.
            event = self.next_event()
            message = _("YAML anchors and aliases are not allowed (found '{found}')").format(
                found=f"*{event.anchor}")
            self._problem(event, message, ALIAS_OR_TAG)
            self._path.pop()
            return ScalarNode(_ALIAS, "", event.start_mark, event.end_mark)
        event = self.upcoming_event()
        self.last_start = (event.start_mark.line + 1, event.start_mark.column + 1)
        self._reject_properties(event)
        nested = isinstance(event, SequenceStartEvent | MappingStartEvent)
        if nested:
            self._depth += 1
            if self._depth > self.max_depth:
                mark = event.start_mark
                raise _TooDeep(mark.line + 1, mark.column + 1)
        try:
            node = super().compose_node(parent, index)  # type: ignore[misc]
            assert isinstance(node, Node)
            return node
        finally:
            self._path.pop()
            if nested:
                self._depth -= 1

    # Typed wrappers: the PyYAML stubs leave these untyped.
    def next_event(self) -> Any:
        return self.get_event()

    def upcoming_event(self) -> Any:
        return self.peek_event()

    def _reject_properties(self, event: NodeEvent) -> None:
        # Clear anchor/tag after reporting so composition can go on and find more problems.
        if event.anchor is not None:
            self._problem(event, _("YAML anchors and aliases are not allowed (found "
                                   "'{found}')").format(found=f"&{event.anchor}"), ALIAS_OR_TAG)
            event.anchor = None
        tag = getattr(event, "tag", None)
        if tag is not None:
            shown = "!!" + tag[len(_TAG_PREFIX) :] if tag.startswith(_TAG_PREFIX) else tag
            self._problem(event, _("YAML tags are not allowed (found '{found}')").format(
                found=shown), ALIAS_OR_TAG)
            event.tag = None  # type: ignore[attr-defined]

    def _problem(self, event: Any, message: str, code: str) -> None:
        mark = event.start_mark
        path = ".".join(p for p in self._path if p) or "yaml"
        self.problems.append(SourceError(mark.line + 1, mark.column + 1, path, message,
                                         code=code))


class _StrictLoader(_StrictChecks, yaml.SafeLoader):
    """SafeLoader with YAML 1.2 core-like resolvers and compose-time checks.

    The class gets its own resolver table so the global SafeLoader is untouched.
    """

    yaml_implicit_resolvers: dict[Any, Any] = {}

    def __init__(self, text: str, max_depth: int) -> None:
        yaml.SafeLoader.__init__(self, text)
        self._start_checks(max_depth)


def _path_part(parent: Node | None, index: Any) -> str:
    """Dotted-path element for a node being composed (keys use their parent's path)."""
    if isinstance(parent, SequenceNode):
        return str(index)
    if isinstance(parent, MappingNode) and isinstance(index, ScalarNode):
        return str(index.value)
    return ""


def _add_resolver(tag: str, pattern: str, first: str | list[str]) -> None:
    _StrictLoader.add_implicit_resolver(tag, re.compile(pattern, re.X), list(first))


# Order matters: PyYAML tries resolvers in registration order, so int precedes float.
_add_resolver(_BOOL, r"^(?:true|True|TRUE|false|False|FALSE)\Z", "tTfF")
_add_resolver(_INT, r"^(?:[-+]?[0-9]+|0x[0-9a-fA-F]+|0o[0-7]+)\Z", "-+0123456789")
_add_resolver(
    _FLOAT,
    r"""^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?
          |[-+]?\.(?:inf|Inf|INF)
          |\.(?:nan|NaN|NAN))\Z""",
    "-+0123456789.",
)
_add_resolver(_NULL, r"^(?:~|null|Null|NULL|)\Z", ["~", "n", "N", ""])
_add_resolver(_DATE, r"^[0-9]{4}-[0-9]{2}-[0-9]{2}\Z", "0123456789")

_FastLoader: type[_StrictChecks] | None = None
if getattr(yaml, "__with_libyaml__", False):
    from yaml._yaml import CParser
    from yaml.composer import Composer
    from yaml.resolver import Resolver

    class _CStrictLoader(_StrictChecks, CParser, Composer, Resolver):
        """The same checks and resolvers over events from libyaml's C parser."""

        yaml_implicit_resolvers = _StrictLoader.yaml_implicit_resolvers

        def __init__(self, text: str, max_depth: int) -> None:
            CParser.__init__(self, text)
            Composer.__init__(self)
            Resolver.__init__(self)
            self._start_checks(max_depth)

        def compose_node(self, parent: Node | None, index: Any) -> Node:
            event = self.upcoming_event()
            if isinstance(event, ScalarEvent) and event.value == "" and not event.style:
                # A missing value ("kind: ," or "a:" with nothing): libyaml places it
                # elsewhere than PyYAML does, and its place is in messages.
                raise _NotForC
            return super().compose_node(parent, index)

    _FastLoader = _CStrictLoader

# Files the C path never takes, where libyaml and PyYAML are known to differ (found by
# comparing both on edited scenarios, tests/scenario/test_yamlload_libyaml.py): what
# PyYAML's Python reader refuses (yaml.reader.Reader.NON_PRINTABLE; libyaml words its
# refusal differently); tabs and '?', which libyaml accepts where PyYAML refuses them
# ("a:<tab>b", "{a: b?c}"); a byte order mark inside the text (libyaml does not count
# its column); and the rarer line breaks (CR, NEL, LS, PS), kept off the C path by caution.
_NOT_FOR_C = re.compile(
    yaml.reader.Reader.NON_PRINTABLE.pattern + "|[\t?\ufeff\r\x85\u2028\u2029]")


def load_yaml(raw: bytes, *, max_bytes: int = MAX_BYTES, max_depth: int = MAX_DEPTH) -> LoadedYaml:
    """Parse one YAML document whose top level is a mapping; raise YamlLoadError on problems."""
    if len(raw) > max_bytes:
        raise YamlLoadError(
            [_format_error(1, 1, _("file is {size} bytes; the limit is {limit} bytes").format(
                size=len(raw), limit=max_bytes), FILE)]
        )
    text = _decode(raw.removeprefix(_BOM))
    if _FastLoader is not None and _NOT_FOR_C.search(text) is None:
        try:
            return _load_text(text, max_depth, _FastLoader)
        except Exception:  # noqa: BLE001 - anything at all: the Python path says what
            pass
    return _load_text(text, max_depth, _StrictLoader)


def _load_text(text: str, max_depth: int, loader: type[_StrictChecks]) -> LoadedYaml:
    root, problems = _compose(text, max_depth, loader)
    if root is None:
        raise YamlLoadError(problems or [_format_error(1, 1, _("file is empty"), FILE)])
    builder = _Builder(text)
    try:
        data = builder.value(root, ())
    except RecursionError:
        data = None
        problems.append(_format_error(1, 1, _too_deep(max_depth), FILE))
    problems.extend(builder.problems)
    if not isinstance(root, MappingNode):
        line, col = _mark(root)
        kind = _describe(data)
        problems.append(_format_error(line, col, _("the top level must be a mapping, not "
                                                   "{kind}").format(kind=kind), FILE))
    if problems:
        raise YamlLoadError(problems)
    return LoadedYaml(
        data=data,
        positions=builder.positions,
        key_positions=builder.key_positions,
        number_lines=builder.number_lines,
        comments=_comments(text, builder.scalar_spans),
    )


def _format_error(line: int, col: int, message: str, code: str = "") -> SourceError:
    return SourceError(line, col, "yaml", message, code=code)


def _too_deep(max_depth: int) -> str:
    return _("nesting deeper than {limit} levels").format(limit=max_depth)


def _decode(raw: bytes) -> str:
    """Strict UTF-8 decoding with the position of the first bad byte."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before[before.rfind(b"\n") + 1 :].decode("utf-8")) + 1
        message = _("invalid UTF-8 (byte {byte})").format(byte=f"0x{raw[exc.start]:02X}")
        raise YamlLoadError([_format_error(line, col, message, FILE)]) from None


def _compose(text: str, max_depth: int, loader_class: type[_StrictChecks]
             ) -> tuple[Node | None, list[SourceError]]:
    """Compose the single document; return its root (None if empty or failed) and problems."""
    try:
        loader: Any = loader_class(text, max_depth)  # type: ignore[call-arg]
    except yaml.reader.ReaderError as exc:
        line, col = _line_col(text, exc.position)
        char = f"U+{exc.character:04X}" if isinstance(exc.character, int) else "?"
        raise YamlLoadError(
            [_format_error(line, col, _("character {char} is not allowed in "
                                        "YAML").format(char=char), ODD_CHARACTER)]
        ) from None
    root: Node | None = None
    try:
        root = _compose_single(loader)
    except _TooDeep as exc:
        loader.problems.append(
            _format_error(exc.line, exc.col, _too_deep(max_depth), FILE)
        )
        root = None
    except RecursionError:
        # Last resort if max_depth was set above what the Python stack can take.
        line, col = loader.last_start
        loader.problems.append(_format_error(line, col, _too_deep(max_depth), FILE))
        root = None
    except yaml.MarkedYAMLError as exc:
        loader.problems.append(explain_syntax(_syntax_error(exc), exc, text))
        root = None
    except yaml.YAMLError as exc:
        loader.problems.append(_format_error(1, 1, str(exc)))
        root = None
    finally:
        loader.dispose()
    return root, loader.problems


def _compose_single(loader: Any) -> Node | None:
    loader.next_event()  # STREAM-START
    if loader.check_event(StreamEndEvent):
        return None
    root: Node | None = loader.compose_document()
    if not loader.check_event(StreamEndEvent):
        # Keep the first document: its own problems are still worth reporting.
        mark = loader.upcoming_event().start_mark
        message = _("only one YAML document is allowed per file")
        loader.problems.append(_format_error(mark.line + 1, mark.column + 1, message, FILE))
    if isinstance(root, ScalarNode) and root.tag == _NULL and root.value == "":
        return None  # a bare '---': treat as empty
    return root


def _syntax_error(exc: yaml.MarkedYAMLError) -> SourceError:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    message = exc.problem or exc.context or "invalid YAML"
    if exc.problem and exc.context:
        where = ""
        if exc.context_mark is not None and exc.context_mark is not mark:
            where = f" at line {exc.context_mark.line + 1}"
        message = f"{exc.problem} ({exc.context}{where})"
    return _format_error(line, col, message)


def _line_col(text: str, index: int) -> tuple[int, int]:
    starts = _line_starts(text)
    line = bisect.bisect_right(starts, index)
    return line, index - starts[line - 1] + 1


def _line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in _LINE_BREAK.finditer(text)]


def _mark(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _dotted(path: Path) -> str:
    return ".".join(str(p) for p in path) or "yaml"


def _describe(value: Any) -> str:
    """Short user-facing description of a loaded value."""
    if isinstance(value, list):
        return _("a list")
    if value is None:
        return "null"
    if isinstance(value, datetime.date):
        return _("the date {date}").format(date=value.isoformat())
    shown = repr(value)
    return shown if len(shown) <= 40 else shown[:37] + "..."


class _Builder:
    """Turns composed nodes into plain Python, recording positions and problems."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.positions: dict[Path, tuple[int, int]] = {}
        self.key_positions: dict[Path, tuple[int, int]] = {}
        self.number_lines: list[tuple[Path, int]] = []
        self.scalar_spans: list[tuple[int, int]] = []
        self.problems: list[SourceError] = []

    def value(self, node: Node, path: Path) -> Any:
        # setdefault: the values of duplicate keys must not overwrite the first positions.
        self.positions.setdefault(path, _mark(node))
        if isinstance(node, MappingNode):
            return self._mapping(node, path)
        if isinstance(node, SequenceNode):
            return [self.value(item, (*path, i)) for i, item in enumerate(node.value)]
        assert isinstance(node, ScalarNode)
        result = self._scalar(node, path)
        if isinstance(result, int | float) and not isinstance(result, bool):
            self.number_lines.append((path, node.start_mark.line + 1))
        return result

    def _mapping(self, node: MappingNode, path: Path) -> dict[str | int, Any]:
        result: dict[str | int, Any] = {}
        for key_node, value_node in node.value:
            key = self._key(key_node, path)
            if key is None:
                self.value(value_node, (*path, "?"))  # still look for problems inside
                continue
            child = (*path, key)
            if key in result:
                first_line = self.key_positions[child][0]
                line, col = _mark(key_node)
                message = _("duplicate key {key} (first defined at line {line})").format(
                    key=repr(key), line=first_line)
                self.problems.append(SourceError(line, col, _dotted(child), message,
                                                 code=DUPLICATE_KEY))
                self.value(value_node, child)
                continue
            self.key_positions[child] = _mark(key_node)
            result[key] = self.value(value_node, child)
        return result

    def _key(self, node: Node, path: Path) -> str | int | None:
        line, col = _mark(node)
        if not isinstance(node, ScalarNode):
            self.value(node, (*path, "?"))
            message = _("mapping keys must be plain text, not a list or mapping")
            self.problems.append(SourceError(line, col, _dotted(path), message, code=KEY))
            return None
        key = self._scalar(node, path)
        if node.tag == _ALIAS:
            return None  # already reported as an alias
        if isinstance(key, str) or (isinstance(key, int) and not isinstance(key, bool)):
            return key
        message = _("mapping key {key} is read as {kind}; quote it").format(
            key=repr(node.value), kind=_describe(key))
        self.problems.append(SourceError(line, col, _dotted(path), message, code=KEY))
        return None

    def _scalar(self, node: ScalarNode, path: Path) -> Any:
        self._record_span(node)
        try:
            return _construct_scalar(node.tag, node.value)
        except ValueError as exc:
            line, col = _mark(node)
            self.problems.append(SourceError(line, col, _dotted(path), str(exc),
                                             code=getattr(exc, "code", "")))
            return node.value

    def _record_span(self, node: ScalarNode) -> None:
        start, end = node.start_mark.index, node.end_mark.index
        if node.style in ("|", ">"):
            # The header line of a block scalar may carry a real comment; content starts below.
            newline = _LINE_BREAK.search(self.text, start)
            start = newline.end() if newline else end
        if end > start:
            self.scalar_spans.append((start, end))


def _construct_scalar(tag: str, value: str) -> Any:
    """Build a Python value for a resolved tag; ValueError carries a user-facing message."""
    if tag == _NULL:
        return None
    if tag == _BOOL:
        return value.lower() == "true"
    if tag == _INT:
        return _bounded_int(value)
    if tag == _FLOAT:
        return _finite_float(value)
    if tag == _DATE:
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            raise _Bad(NUMBER, _("invalid date {value}: no such day in the "
                                 "calendar").format(value=repr(value))) from None
    return _paired_surrogates(value)


def _construct_int(value: str) -> int:
    try:
        if value.startswith("0x"):
            return int(value[2:], 16)
        if value.startswith("0o"):
            return int(value[2:], 8)
        return int(value, 10)
    except ValueError:
        # Python refuses to convert very long digit strings.
        raise _Bad(NUMBER, _too_large(f"{value[:20]}...")) from None


def _bounded_int(value: str) -> int:
    """An integer in any notation the resolver accepts, refused beyond MAX_INTEGER before
    Python converts thousands of digits (or prints them in an error message)."""
    digits = value.lstrip("+-")
    body = digits[2:] if digits[:2] in ("0x", "0o") else digits
    if len(body.lstrip("0")) > len(str(MAX_INTEGER)):
        raise _Bad(NUMBER, _too_large_int(value))
    number = _construct_int(value)
    if abs(number) > MAX_INTEGER:
        raise _Bad(NUMBER, _too_large_int(value))
    return number


def _finite_float(value: str) -> float:
    """A float; NaN and the infinities (written, or reached by overflow) are refused."""
    lowered = value.lower()
    number = float(lowered.replace(".inf", "inf").replace(".nan", "nan"))
    if math.isfinite(number):
        return number
    if "inf" in lowered or "nan" in lowered:
        raise _Bad(NUMBER, _("NaN and infinities are not allowed (found {value})").format(
            value=value))
    raise _Bad(NUMBER, _too_large(_abridged(value)))


def _too_large(shown: str) -> str:
    return _("number {number} is too large").format(number=shown)


def _too_large_int(value: str) -> str:
    return _("number {number} is too large (at most {limit})").format(
        number=_abridged(value), limit=MAX_INTEGER)


def _abridged(value: str) -> str:
    if len(value) <= 24:
        return value
    return _("{start}... ({count} characters)").format(start=value[:20], count=len(value))


def _paired_surrogates(value: str) -> str:
    """Text with surrogate escapes joined: PyYAML leaves "\\ud83d\\ude00" as two halves
    where JSON and YAML 1.2 mean one character. A half with no partner cannot be encoded
    and would crash the output later: it is refused here, with its place in the text."""
    if _SURROGATE.search(value) is None:
        return value
    joined = value.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")
    lone = _SURROGATE.search(joined)
    if lone is not None:
        raise _Bad(ODD_CHARACTER, _("unpaired surrogate {code} at character {index} (a \\u "
                                    "escape of half a character); write the character "
                                    "itself").format(code=f"U+{ord(lone.group()):04X}",
                                                     index=lone.start() + 1))
    return joined


_SURROGATE = re.compile("[\ud800-\udfff]")


def _comments(text: str, spans: list[tuple[int, int]]) -> dict[int, str]:
    """Map line -> comment text for every '#' that really starts a comment."""
    spans = sorted(spans)
    span_starts = [s for s, _ in spans]
    starts = _line_starts(text)
    found: dict[int, str] = {}
    for match in re.finditer("#", text):
        i = match.start()
        if i > 0 and text[i - 1] not in " \t\r\n\x85\u2028\u2029":
            continue
        k = bisect.bisect_right(span_starts, i) - 1
        if k >= 0 and spans[k][0] <= i < spans[k][1]:
            continue
        line = bisect.bisect_right(starts, i)
        if line in found:
            continue
        end = starts[line] if line < len(starts) else len(text)
        found[line] = text[i + 1 : end].strip()
    return found
