"""Quotations in `# src:` marks, checked against the articles' texts.

`# src: 004_d40ffa60bce7b676.txt "about 40 fuel tankers"` claims that the article says
those words. `wargame validate --sources DIR` looks for each quotation in DIR's copy of the
article, ignoring case, accents, runs of whitespace and the form of quotes and dashes,
and repairing the mis-decoded characters some copies carry (`Diรฉdiรฉni` is `Diédiéni`
read as Thai code page 874). `...` in a quotation stands for an omission.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path as FilePath

from ..i18n import _
from .problem import SourceError
from .provenance import comment_columns, src_quotations
from .readfile import FileRefused, read_regular
from .sources import Article, catalogue_for
from .yamlload import MAX_BYTES, LoadedYaml, YamlLoadError, load_yaml

QUOTATION = "E0307"   # a quotation its article does not contain (docs: "Error codes")

MAX_ARTICLE_BYTES = 1 << 20  # the articles are a few kilobytes; a larger file is not one

ELLIPSIS = re.compile(r"\s*(?:\.\.\.|\u2026)\s*")
CLOSEST_PASSAGE_MIN_RATIO = 0.6


def _mojibake_table() -> dict[str, int]:
    """Each character that a UTF-8 byte 0x80-0xFF turns into when read as code page 874
    (with Windows-1252's characters where 874 has none), mapped back to its byte."""
    table: dict[str, int] = {}
    for byte in range(0x80, 0x100):
        for codec in ("cp874", "cp1252"):
            try:
                table.setdefault(bytes([byte]).decode(codec), byte)
                break
            except UnicodeDecodeError:
                continue
    return table


_MOJIBAKE = _mojibake_table()
_MOJIBAKE_RUN = re.compile("[" + re.escape("".join(_MOJIBAKE)) + "]{2,}")
_FOLDED = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u2032": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
    "\u2212": "-",
})


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 that was decoded as code page 874: `Diรฉdiรฉni` becomes `Diédiéni`."""
    def repair(match: re.Match[str]) -> str:
        run = match.group()
        raw = bytes(_MOJIBAKE[c] for c in run)
        out, i = [], 0
        while i < len(raw):  # each valid UTF-8 sequence is repaired; other characters stay
            size = _utf8_length(raw[i])
            try:
                out.append(raw[i:i + size].decode("utf-8") if size > 1 else run[i])
                i += max(size, 1)
            except UnicodeDecodeError:
                out.append(run[i])
                i += 1
        return "".join(out)
    return _MOJIBAKE_RUN.sub(repair, text)


def _utf8_length(lead: int) -> int:
    """How many bytes a UTF-8 sequence starting with `lead` has (1: not a lead byte)."""
    if 0xC2 <= lead <= 0xDF:
        return 2
    if 0xE0 <= lead <= 0xEF:
        return 3
    if 0xF0 <= lead <= 0xF4:
        return 4
    return 1


def normalise(text: str) -> str:
    """The form quotations and articles are compared in."""
    text = unicodedata.normalize("NFKD", repair_mojibake(text))
    text = "".join(c for c in text if not unicodedata.combining(c)).translate(_FOLDED)
    return " ".join(text.casefold().split())


def found_in(quotation: str, article: str) -> bool:
    """Whether `quotation` (its parts around `...`, in order) appears in `article`;
    both already normalised."""
    position = 0
    for part in ELLIPSIS.split(quotation):
        if not part:
            continue
        at = article.find(part, position)
        if at < 0:
            return False
        position = at + len(part)
    return True


def closest_passage(quotation: str, article: str) -> str | None:
    """The run of the article's words most like the quotation, if one is close enough."""
    words = article.split()
    size = max(1, len(quotation.split()))
    best, best_ratio = None, CLOSEST_PASSAGE_MIN_RATIO
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(quotation)
    for start in range(max(1, len(words) - size + 1)):
        window = " ".join(words[start:start + size])
        matcher.set_seq1(window)
        if matcher.real_quick_ratio() > best_ratio and matcher.quick_ratio() > best_ratio:
            ratio = matcher.ratio()
            if ratio > best_ratio:
                best, best_ratio = window, ratio
    return best


@dataclass
class _Texts:
    """The articles of a sources folder, read and normalised once each."""

    folder: FilePath
    catalogue: dict[str, Article]
    texts: dict[str, str | None] = field(default_factory=dict)
    changed: set[str] = field(default_factory=set)   # copies unlike their catalogue entry

    def get(self, name: str) -> str | None:
        if name not in self.texts:
            self.texts[name] = self._read(name)
        return self.texts[name]

    def _read(self, name: str) -> str | None:
        try:
            raw = read_regular(self.folder / name, MAX_ARTICLE_BYTES)
        except FileRefused:
            return None
        article = self.catalogue.get(name)
        if article is not None and hashlib.sha256(raw).hexdigest() != article.sha256:
            self.changed.add(name)
        return normalise(raw.decode("utf-8", errors="replace"))


def quotation_errors(loaded: LoadedYaml, text: str, sources_dir: FilePath,
                     catalogue: dict[str, Article]) -> list[SourceError]:
    """An error for each quotation of a `src:` mark that its article does not contain."""
    texts = _Texts(sources_dir, catalogue)
    columns = comment_columns(text, loaded.comments)
    errors: list[SourceError] = []
    for line, comment in sorted(loaded.comments.items()):
        quotations, orphans = src_quotations(comment, line, columns[line])
        for offset in orphans:
            errors.append(SourceError(line, columns[line] + offset, "comment",
                                      _("quotation follows no article file name: write it "
                                        "after the file it quotes (src: FILE \"words\")")))
        for quotation in quotations:
            found = _problem(quotation.text, quotation.source, texts)
            if found:
                problem, code = found
                errors.append(SourceError(quotation.line, quotation.col, "comment", problem,
                                          code=code))
    return errors


def _problem(said: str, source: str, texts: _Texts) -> tuple[str, str] | None:
    """What is wrong with a quotation, and its code (generic but for one not found)."""
    wanted = normalise(said)
    if not wanted.strip(" .\u2026"):
        return _("empty quotation"), ""
    article = texts.get(source)
    if article is None:
        return _("cannot check the quotation: {path} cannot be read").format(
            path=texts.folder / source), ""
    if found_in(wanted, article):
        return None
    message = _("quotation not found in {source}: \"{said}\"").format(
        source=source, said=said)
    if source in texts.changed:
        message += " " + _("(this copy is not the text the catalogue describes)")
    closest = closest_passage(wanted, article)
    if closest:
        message += _("; closest passage: \"{passage}\"").format(passage=closest)
    return message, QUOTATION


def quotation_errors_in_file(path: FilePath, sources_dir: FilePath) -> list[SourceError]:
    """`quotation_errors` for a scenario file (nothing if it does not load as YAML: its
    own errors say why)."""
    try:
        raw = read_regular(path, MAX_BYTES)
        loaded = load_yaml(raw)
    except (FileRefused, YamlLoadError):
        return []
    catalogue, _problems = catalogue_for(path)
    return quotation_errors(loaded, raw.decode("utf-8-sig"), sources_dir, catalogue)
