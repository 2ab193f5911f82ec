"""Loading a scenario file: hardened YAML, typed models, references, then the engine's
`Scenario`. Every problem comes back as `FILE:LINE:COL: error: field.path: message`."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .cache import cached_check
from .problem import SourceError
from .readfile import FileRefused, read_regular

if TYPE_CHECKING:
    from ..engine.scenario import Scenario
    from .yamlload import LoadedYaml

# A file served by the cache needs none of the parsing, validating and linting machinery
# (YAML, the pydantic models, the linter), so it is imported only when a file is checked
# for real: `wargame validate` of an unchanged file starts as fast as Python itself.

# The largest scenario file read (yamlload.MAX_BYTES, which a test keeps equal).
MAX_BYTES = 4 * 1024 * 1024


def load_yaml(raw: bytes) -> LoadedYaml:
    """The hardened YAML loader (yamlload.py), imported on first use."""
    from .yamlload import load_yaml as load

    return load(raw)


@dataclass(frozen=True)
class Summary:
    """What `wargame scenarios` lists of a valid file: its id, title, first and last
    turns' dates (ISO) and number of turns."""

    id: str
    title: str
    start: str
    end: str
    turns: int


def summarize(scenario: Scenario) -> Summary:
    from ..i18n import localized

    meta = scenario.spec.meta
    # In the interface's language: the cache keys its entries by language too.
    return Summary(meta.id, localized(meta.title), meta.start_date.isoformat(),
                   scenario.turn_start(meta.turns).isoformat(), meta.turns)


@dataclass
class Report:
    """The result of checking one file: errors, warnings and, when valid, the scenario."""

    filename: str
    errors: list[SourceError] = field(default_factory=list)
    warnings: list[SourceError] = field(default_factory=list)
    scenario: Scenario | None = None
    content_hash: str = ""
    summary: Summary | None = None   # of a valid file (also when its scenario is not built)

    def lines(self) -> list[str]:
        return [e.format(self.filename) for e in sorted(self.errors + self.warnings)]


class ScenarioError(Exception):
    """A scenario file that does not load; `report.lines()` gives the messages."""

    def __init__(self, report: Report) -> None:
        super().__init__("\n".join(report.lines()))
        self.report = report


def check_bytes(raw: bytes, filename: str, *, scenario: bool = True) -> Report:
    """Check a file's bytes; an unchanged valid file comes from the cache (cache.py).
    Without `scenario`, a report from the cache has no scenario: only the verdict, the
    warnings and the summary (what `validate` and `scenarios` print)."""
    return cached_check(raw, filename, _check_bytes, scenario=scenario)


def _check_bytes(raw: bytes, filename: str) -> Report:
    from pydantic_core import ValidationError

    from ..engine.scenario import Scenario
    from .diagnostics import source_lines
    from .languages import language_warnings
    from .lint import cut_text_warnings, lint
    from .provenance import estimate_reason_warnings, provenance_warnings
    from .refs import check_references
    from .sources import uncatalogued_warnings
    from .validators import validate
    from .yamlload import YamlLoadError

    report = Report(filename, content_hash=hashlib.sha256(raw).hexdigest())
    try:
        loaded = load_yaml(raw)
    except YamlLoadError as exc:
        report.errors = list(exc.errors)
        return report
    try:
        spec = validate("ScenarioSpec", loaded.data)  # into the engine's records
    except ValidationError as exc:
        # Only now the pydantic models: the messages read their fields.
        from ..engine.spec import ScenarioSpec, complete_models
        from .errors import pydantic_errors_to_source

        complete_models()
        report.errors = pydantic_errors_to_source(exc, loaded, ScenarioSpec)
        return report
    report.errors = check_references(spec, loaded)
    report.warnings = provenance_warnings(loaded, list(spec.meta.sources))
    report.warnings += cut_text_warnings(loaded, source_lines(raw))
    text = raw.decode("utf-8-sig")  # it loaded, so it is valid UTF-8
    report.warnings += estimate_reason_warnings(loaded, text)
    report.warnings += uncatalogued_warnings(loaded, text, _on_disk(filename))
    report.warnings += language_warnings(spec, loaded)
    if not report.errors:
        report.scenario = Scenario.from_spec(spec)
        report.summary = summarize(report.scenario)
        report.warnings = sorted(report.warnings + lint(spec, report.scenario, loaded))
    return report


def _on_disk(filename: str) -> Path | None:
    """The scenario's file, when it is one (its folder may hold a sources catalogue)."""
    path = Path(filename)
    return path if path.is_file() else None


def read_scenario_bytes(path: Path) -> bytes:
    """A scenario file's bytes: a regular file of at most MAX_BYTES, read without ever
    blocking on a FIFO or reading a device for ever. Raises FileRefused."""
    return read_regular(path, MAX_BYTES)


def unreadable(path: Path, problem: FileRefused) -> Report:
    """The report of a file that could not be read."""
    report = Report(str(path))
    from ..i18n import error_text  # the reason in the reader's language (a Phrase)

    report.errors = [SourceError(1, 1, "file", error_text(problem), code="E0109")]
    return report


def check_file(path: Path, *, scenario: bool = True) -> Report:
    """Check a scenario file (see `check_bytes` for `scenario`)."""
    try:
        raw = read_scenario_bytes(path)
    except FileRefused as exc:
        return unreadable(path, exc)
    return check_bytes(raw, str(path), scenario=scenario)


def load_scenario(path: Path) -> Scenario:
    """Load and validate a scenario file; raise ScenarioError listing every problem."""
    report = check_file(path)
    if report.scenario is None:
        raise ScenarioError(report)
    return report.scenario
