"""PyYAML's syntax errors in plain words, with the likely cause and its fix.

PyYAML says `expected <block end>, but found '<block mapping start>'` or `mapping values
are not allowed here`; a teacher needs "this line is indented differently from the keys
above it" and "put the text in quotes". `explain_syntax` turns the first into the second,
looking at the lines around the mark, and names an invisible or look-alike character
(a pasted no-break space, a curly quote) when one sits where the parser stopped.
"""

from __future__ import annotations

import re
from typing import Any

from ..i18n import N_, _
from .chars import odd_chars_on_lines
from .problem import SourceError

# Stable codes of YAML syntax problems (docs/scenario-authoring.md, "Error codes").
SYNTAX = "E0100"
INDENTATION = "E0101"
NEEDS_QUOTES = "E0102"
TAB = "E0103"
LIST_ITEM = "E0104"
UNCLOSED = "E0105"
ODD_CHARACTER = "E0106"

_QUOTE_HELP = N_("text that contains ': ', ' #', or starts with a special character must be "
                 "in quotes")


def explain_syntax(error: SourceError, exc: Any, text: str) -> SourceError:
    """`error` (PyYAML's words at PyYAML's mark) rewritten for a person."""
    lines = text.splitlines()
    problem = str(getattr(exc, "problem", "") or "")
    context = str(getattr(exc, "context", "") or "")
    context_mark = getattr(exc, "context_mark", None)
    context_line = context_mark.line + 1 if context_mark is not None else error.line
    line, col = error.line, error.col

    odd = odd_chars_on_lines(lines, sorted({line - 1, line, context_line}))
    if odd is not None:
        message = (_("an invisible character, {name}, breaks the YAML here (often pasted "
                     "from a word processor or a web page)") if odd.invisible else
                   _("a look-alike character, {name}, breaks the YAML here (often pasted "
                     "from a word processor or a web page)"))
        return _at(odd.line, odd.col, ODD_CHARACTER, message.format(name=odd.name()),
                   (odd.fix(),))

    opened = _unclosed_quote(lines, line)
    if opened is not None and not problem.startswith("found unknown escape"):
        return _at(opened[0], opened[1], UNCLOSED,
                   _("a quote opened here is not closed on its line, so YAML reads the "
                     "lines below as part of the text"),
                   (_("add the closing quote at the end of the text"),))
    source = lines[line - 1] if 1 <= line <= len(lines) else ""
    if "'\\t'" in problem or "tab" in problem:
        return _at(line, col, TAB, _("a tab character: YAML indents with spaces only"),
                   (_("replace the tab with spaces (two per level, like the lines around "
                      "it)"),))
    if problem == "mapping values are not allowed here":
        return _mapping_values(line, col, source, lines)
    if problem.startswith("expected <block end>"):
        return _block_end(line, col, source, problem, context, context_mark, lines)
    if problem == "could not find expected ':'":
        start = context_mark.line + 1 if context_mark is not None else line
        return _at(start, _indent(lines, start) + 1, NEEDS_QUOTES,
                   _("this line is neither `key: value` nor a list item `- ...`"),
                   (_("if it continues the text of the line above, put the whole text in "
                      "quotes or start it with `>-` on the line of its key"),
                    _("if it is a key, add ':' after it; if it is a list item, start it "
                      "with '- '")))
    if problem.startswith("did not find expected '-'"):
        return _at(line, col, LIST_ITEM, _("a line inside a list that is not a list item"),
                   (_("start it with '- ' like the other items, or indent it under its "
                      "item"),))
    if problem.startswith("did not find expected key"):
        return _at(line, col, INDENTATION,
                   _("YAML expected another `key: value` at this indentation"),
                   (_("line the key up with the other keys of its block"),
                    _("a list item starts with '- '; text with ': ' must be in quotes")))
    if problem == "found unexpected end of stream" and "quoted" in context:
        return _at(context_line, context_mark.column + 1 if context_mark else 1, UNCLOSED,
                   _("a quote opened here is never closed"),
                   (_("add the closing quote at the end of the text"),))
    if problem.startswith("expected ',' or '}'") or problem.startswith("expected ',' or ']'"):
        return _flow(line, col, problem, context_line, lines)
    if problem.startswith("found unknown escape character"):
        return _at(line, col, NEEDS_QUOTES,
                   _("a backslash in double quotes starts an escape YAML does not know"),
                   (_("use single quotes around the text, or write the backslash twice "
                      "(\\\\)"),))
    found = re.match(r"found character '(.)' that cannot start any token", problem)
    if found:
        return _at(line, col, NEEDS_QUOTES,
                   _("a value cannot start with '{char}'").format(char=found.group(1)),
                   (_("put the text in quotes: \"{text}\"").format(text=_value_text(source)),))
    if problem.startswith("expected <document start>"):
        return _at(line, col, INDENTATION, _("this line is outside the top-level mapping"),
                   (_("indent it under the key it belongs to, or add `key:` before it"),))
    # PyYAML's own words stay as it wrote them (English): they name its parser's state.
    words = problem or context or "invalid YAML"
    return _at(line, col, SYNTAX, _("the YAML syntax is broken here ({words})").format(
        words=words), (_("check the indentation and the quotes of this line and of the line "
                         "above"),))


def _at(line: int, col: int, code: str, message: str, help: tuple[str, ...]) -> SourceError:
    return SourceError(line, col, "yaml", message, code=code, help=help)


def _indent(lines: list[str], number: int) -> int:
    if not 1 <= number <= len(lines):
        return 0
    text = lines[number - 1]
    return len(text) - len(text.lstrip(" "))


def _value_text(source: str) -> str:
    """The value part of a `key: value` line, for a suggested fix."""
    _, sep, rest = source.partition(": ")
    return (rest if sep else source.strip().lstrip("- ")).strip().replace('"', '\\"')


def _mapping_values(line: int, col: int, source: str, lines: list[str]) -> SourceError:
    key, sep, rest = source.strip().lstrip("- ").partition(": ")
    rest = re.split(r"\s#\s*(?:src|est):", rest)[0]  # a provenance mark stays a comment
    if sep and ": " in rest or (sep and rest.rstrip().endswith(":")):
        fix = f'{key}: "{rest.strip()}"'
        return _at(line, col, NEEDS_QUOTES,
                   _("the text of this value contains ': ', which YAML reads as a new key"),
                   (_("put the whole value in quotes: {fix}").format(fix=fix), _(_QUOTE_HELP)))
    # A `key: value` where none may be: a line indented deeper than its siblings, or the
    # continuation of the line above.
    above = _previous_content(lines, line)
    here = _indent(lines, line)
    if above and here > _indent(lines, above):
        return _at(line, _indent(lines, line) + 1, INDENTATION,
                   _("this line is indented more than line {above} above it, so YAML reads "
                     "it as part of that line's value").format(above=above),
                   (_("line it up with line {above} (column {column})").format(
                       above=above, column=_indent(lines, above) + 1),
                    _("or, if it continues a text, put the whole text in quotes")))
    return _at(line, col, NEEDS_QUOTES, _("a ':' where YAML does not allow a new key"),
               (_(_QUOTE_HELP), _("check the indentation of this line and the one above")))


def _block_end(line: int, col: int, source: str, problem: str, context: str,
               context_mark: Any, lines: list[str]) -> SourceError:
    block_line = context_mark.line + 1 if context_mark is not None else line
    block_col = _indent(lines, block_line) + 1
    here = _indent(lines, line) + 1
    if "'-'" in problem or "<block sequence start>" in problem:
        return _at(line, here, LIST_ITEM,
                   _("a list item where YAML expected another key of the mapping above"),
                   (_("indent the '- ' items under their key (two more spaces than the key)"),
                    _("or, if this is a key, remove the '-'")))
    if "'?'" in problem and "collection" in context:
        return _at(line, here, LIST_ITEM,
                   _("a `key: value` line inside a list, at the indentation of its items"),
                   (_("start a new item with '- ', or indent the key under the item above "
                      "(column {column})").format(column=block_col + 2),))
    above = _previous_content(lines, line)
    above_col = _indent(lines, above) + 1 if above else block_col
    if above and above_col != block_col:
        return _at(line, here, INDENTATION,
                   _("this line is indented to column {here}, which matches no key above it "
                     "(line {above} is at column {above_col}, its block at column "
                     "{block_col})").format(here=here, above=above, above_col=above_col,
                                            block_col=block_col),
                   (_("indent it to column {above_col} like line {above}, or to column "
                      "{block_col} if it is a key of the outer block").format(
                       above_col=above_col, above=above, block_col=block_col),))
    return _at(line, here, INDENTATION,
               _("this line is indented to column {here}, but the keys of its block (from "
                 "line {block_line}) are at column {block_col}").format(
                   here=here, block_line=block_line, block_col=block_col),
               (_("indent it to column {block_col} like its siblings, or under the key it "
                  "belongs to").format(block_col=block_col),))


def _flow(line: int, col: int, problem: str, context_line: int,
          lines: list[str]) -> SourceError:
    closer = "}" if "'}'" in problem else "]"
    opener = "{" if closer == "}" else "["
    source = lines[context_line - 1] if 1 <= context_line <= len(lines) else ""
    if "'<stream end>'" in problem or line > context_line:
        if " #" in source:
            return _at(context_line, source.index(" #") + 2, NEEDS_QUOTES,
                       _("a '#' inside '{opener}...{closer}' starts a comment, which cuts "
                         "the line before its closing bracket").format(opener=opener,
                                                                       closer=closer),
                       (_("put the text that contains '#' in quotes"),))
        return _at(context_line, len(source.rstrip()) + 1, UNCLOSED,
                   _("the '{opener}' opened on this line is never closed with "
                     "'{closer}'").format(opener=opener, closer=closer),
                   (_("add '{closer}' at the end of the line").format(closer=closer),))
    return _at(line, col, NEEDS_QUOTES,
               _("inside '{opener}...{closer}' the items must be separated by "
                 "', '").format(opener=opener, closer=closer),
               (_("put text that contains ',', ':' or '#' in quotes"),
                _("or add the missing ', ' between two items")))


def _quotes(text: str) -> list[int]:
    """0-based indexes of the double quotes that open or close a text on a line (not
    escaped ones, not those inside single quotes, not in a comment)."""
    found: list[int] = []
    inside: str | None = None
    for i, c in enumerate(text):
        if inside is None and c == "#" and (i == 0 or text[i - 1] in " \t"):
            break
        if c == '"' and inside != "'" and not (inside == '"' and text[i - 1] == "\\"):
            found.append(i)
            inside = None if inside == '"' else '"'
        elif c == "'" and inside is None and (i == 0 or text[i - 1] in " :[{,-"):
            inside = "'"
        elif c == "'" and inside == "'":
            inside = None
    return found


def _unclosed_quote(lines: list[str], line: int) -> tuple[int, int] | None:
    """(line, col) of a double quote left open in the few lines before `line`."""
    window = range(max(1, line - 10), min(line, len(lines)) + 1)
    odd = [n for n in window if len(_quotes(lines[n - 1])) % 2 == 1]
    if len(odd) % 2 == 1 and odd[0] < line:
        first = odd[0]
        return first, _quotes(lines[first - 1])[-1] + 1
    return None


def _previous_content(lines: list[str], number: int) -> int | None:
    for n in range(number - 1, 0, -1):
        stripped = lines[n - 1].strip()
        if stripped and not stripped.startswith("#"):
            return n
    return None
