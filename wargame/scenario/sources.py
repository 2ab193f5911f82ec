"""The sources catalogue (`sources/sources.yaml`): the articles a scenario may cite.

Every cited file name (in `meta.sources`, in any `sources:` or `source:` field, in a text
or in a comment) must be in the catalogue: the shipped one, plus a `sources/sources.yaml`
of the same form in the scenario's folder or its parent (for an author's own articles).
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Iterator
from pathlib import Path as FilePath
from typing import Any, ClassVar, Literal

from pydantic_core import ValidationError

from ..engine.model import Record
from ..i18n import _
from .catalogues import CATALOGUE_NAME as CATALOGUE_NAME  # re-exported
from .catalogues import catalogue_fingerprint as catalogue_fingerprint  # re-exported
from .catalogues import catalogue_paths
from .catalogues import shipped_catalogue_path as shipped_catalogue_path  # re-exported
from .problem import SourceError
from .provenance import SOURCE_FILE, comment_columns, comment_file_names
from .readfile import FileRefused, read_regular
from .validators import validate
from .yamlload import MAX_BYTES, LoadedYaml, Path, YamlLoadError, load_yaml

QUOTATION = "E0307"   # the code of a catalogue that does not load (docs: "Error codes")


class Article(Record):
    """One article as the catalogue describes it (the record of `sourcesformat.Article`;
    a test keeps their fields equal)."""

    FIELDS: ClassVar[tuple[str, ...]] = ("file", "title", "headline", "outlet", "outlet_note",
                                         "author", "kind", "period", "used_for", "sha256")
    file: str
    title: str
    headline: bool  # whether the title is the copy's own headline
    outlet: str | None
    outlet_note: str
    author: str | None
    kind: str
    period: str
    used_for: list[str]
    sha256: str


class CatalogueFile(Record):
    FIELDS: ClassVar[tuple[str, ...]] = ("format", "articles")
    format: Literal[1]
    articles: list[Article]


class CatalogueError(Exception):
    """A catalogue file that does not load; the message is `FILE:LINE:COL: ...` lines."""


def read_catalogue(path: FilePath) -> dict[str, Article]:
    """The articles of one catalogue file, by file name."""
    try:
        stat = path.stat()
    except OSError as exc:
        raise CatalogueError(f"{path}: cannot read: {exc.strerror or exc}") from None
    return _read_catalogue(path, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=16)
def _read_catalogue(path: FilePath, _mtime_ns: int, _size: int) -> dict[str, Article]:
    """Read once per version of the file (validate reads it for every scenario)."""
    try:
        loaded = load_yaml(read_regular(path, MAX_BYTES))
        spec: CatalogueFile = validate("CatalogueFile", loaded.data)
    except FileRefused as exc:
        raise CatalogueError(f"{path}: cannot read: {exc}") from None
    except YamlLoadError as exc:
        raise CatalogueError("\n".join(e.format(str(path)) for e in exc.errors)) from None
    except ValidationError as exc:
        from .errors import pydantic_errors_to_source
        from .sourcesformat import CatalogueFile as Format

        errors = pydantic_errors_to_source(exc, loaded, Format)
        raise CatalogueError("\n".join(e.format(str(path)) for e in errors)) from None
    return {article.file: article for article in spec.articles}


def catalogue_for(scenario: FilePath | None) -> tuple[dict[str, Article], list[str]]:
    """The articles a scenario may cite, and the problems of catalogues that do not load."""
    articles: dict[str, Article] = {}
    problems: list[str] = []
    for path in catalogue_paths(scenario):
        try:
            articles.update(read_catalogue(path))
        except CatalogueError as exc:
            problems.append(str(exc))
    return articles, problems


def uncatalogued_warnings(loaded: LoadedYaml, text: str,
                          scenario: FilePath | None) -> list[SourceError]:
    """A warning for each cited file name that no catalogue lists."""
    articles, problems = catalogue_for(scenario)
    if problems:  # without the whole catalogue, every name would look unknown
        return [SourceError(1, 1, "meta.sources", _("the sources catalogue does not load: "
                                                     "{problem}").format(problem=problem),
                            severity="warning", code=QUOTATION) for problem in problems]
    warnings: set[SourceError] = set()
    known = sorted(articles)

    def check(name: str, line: int, col: int, where: str) -> None:
        if name in articles:
            return
        hint = difflib.get_close_matches(name, known, n=1, cutoff=0.7)
        message = (_("'{name}' is not in the sources catalogue; did you mean "
                     "'{hint}'?").format(name=name, hint=hint[0]) if hint else
                   _("'{name}' is not in the sources catalogue; add it to a "
                     "sources/sources.yaml beside the scenario if it is a new "
                     "article").format(name=name))
        warnings.add(SourceError(line, col, where, message, severity="warning",
                                 code="W0504"))

    for path, name in _cited_in_data(loaded.data, ()):
        line, col = loaded.positions.get(path, (1, 1))
        check(name, line, col, ".".join(str(p) for p in path))
    columns = comment_columns(text, loaded.comments)
    for line, comment in sorted(loaded.comments.items()):
        for name, offset in comment_file_names(comment):
            check(name, line, columns[line] + offset, "comment")
    return sorted(warnings)


def _cited_in_data(data: Any, path: Path) -> Iterator[tuple[Path, str]]:
    """Every file name in the document: `sources:` lists, `source:` values, and names
    written inside any other text."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _cited_in_data(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _cited_in_data(value, (*path, i))
    elif isinstance(data, str):
        if path and path[-1] == "source" or len(path) > 1 and path[-2] == "sources":
            yield path, data
        else:
            for match in SOURCE_FILE.finditer(data):
                yield path, match.group()
