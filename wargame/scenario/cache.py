"""The cache of compiled scenarios: an unchanged file is parsed and validated only once.

A valid file's check (its validated spec and its warnings) is kept in the user's cache
folder (`WARGAME_CACHE_DIR`, else `platformdirs.user_cache_dir("wargame")`), in
`scenarios/<sha256 of the file>.json`. An entry is used only when it is whole (checksum),
was written for the same file content, by the same game version and the same code of the
scenario and engine packages (each file's size and modification time, the rule Python
uses for its .pyc files), and when its spec passes the format's validator again (the
core schema's rules, `validators`). Anything else (a truncated, flipped, stale, foreign
or forged entry) is ignored and rebuilt from the file.

The entry is JSON, never pickle: the folder is writable by the user's other programs, and
JSON can only ever be data. Its spec is read back by pydantic-core from the cached core
schema into the engine's records (`validators`): the main scenario's in a few ms, without
importing pydantic; the YAML path takes about 150 ms more. Layout, three lines:

    wargame-scenario-cache 2 <sha256 of the two lines below>
    {"key": ..., "content": <sha256 of the file>, "warnings": [...]}
    <the spec as JSON, fields under their names in the file (validators.dump_json)>

Only valid files are cached; errors are always computed afresh. Writing never fails a
command: a folder that cannot be written just means no cache.

Two readings of an entry. A command that plays the scenario (or compiles it) reads the
spec back, validating it again (`read_entry`). A command that only reports on the file
(`wargame validate`, `wargame scenarios`) needs the verdict, the warnings and the summary
line, each checked field by field by hand (`read_verdict`): it never reads the spec (the
spec it skips was not what it reports on: an entry's verdict is trusted on the same terms,
whole, current, for this very file, whether or not its spec is read). Nothing on that
path imports pydantic, YAML or the format's validator.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
import sys
import tempfile
import time
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import wargame

from ..i18n import messages_fingerprint
from .catalogues import catalogue_fingerprint
from .problem import SourceError

if TYPE_CHECKING:
    from ..engine.model import ScenarioSpec
    from .load import Report, Summary

CACHE_ENV = "WARGAME_CACHE_DIR"
MAGIC = b"wargame-scenario-cache 2 "
MAX_ENTRIES = 64            # oldest-used entries beyond this are removed (sweeps make many)
MAX_ENTRY_BYTES = 64 << 20  # a scenario file is at most 4 MB; its JSON stays far below this

_WARNING_FIELDS = {"line": int, "col": int, "path": str, "message": str, "severity": str,
                   "code": str, "help": list}
_SUMMARY_FIELDS = {"id": str, "title": str, "start": str, "end": str, "turns": int}


def cache_dir() -> Path:
    """Where entries live (read at each call, so tests and benchmarks can point it away)."""
    base = os.environ.get(CACHE_ENV)
    if not base:
        import platformdirs

        base = platformdirs.user_cache_dir("wargame")
    return Path(base) / "scenarios"


def entry_path(raw: bytes, filename: str) -> Path:
    """The entry of a file's text: named by its content and by the sources catalogues its
    warnings depend on (those beside the file, when it is one)."""
    content = hashlib.sha256(raw).hexdigest()
    on_disk = Path(filename) if Path(filename).is_file() else None
    # Warnings are kept in the language they were written in: an entry per language (and
    # per version of its catalogue), so French warnings never come back to an English run.
    context = hashlib.sha256(f"{content}\n{catalogue_fingerprint(on_disk)}\n"
                             f"{messages_fingerprint()}".encode())
    return cache_dir() / f"{context.hexdigest()}.json"


def cached_check(raw: bytes, filename: str, check: Callable[[bytes, str], Report], *,
                 scenario: bool = True) -> Report:
    """`check(raw, filename)`, or its result rebuilt from a good cache entry. Without
    `scenario`, a cached result has no scenario (only its verdict, warnings and summary),
    and is rebuilt without the models."""
    from .load import Report  # load.py calls this module: import it once it is loaded

    content = hashlib.sha256(raw).hexdigest()
    entry = entry_path(raw, filename)
    if scenario:
        found = read_entry(entry, content)
        if found is not None:
            from ..engine.scenario import Scenario

            spec, warnings, summary = found
            return Report(filename, warnings=warnings, scenario=Scenario.from_spec(spec),
                          content_hash=content, summary=summary)
    else:
        verdict = read_verdict(entry, content)
        if verdict is not None:
            warnings, summary = verdict
            return Report(filename, warnings=warnings, content_hash=content, summary=summary)
    report = check(raw, filename)
    if report.scenario is not None and report.summary is not None:
        write_entry(entry, content, report.scenario.spec, report.warnings, report.summary)
    return report


@lru_cache(maxsize=1)
def _code_fingerprint() -> str:
    """Size and modification time of every module the compiled form depends on."""
    package = Path(wargame.__file__).resolve().parent
    parts = [f"python {sys.version_info[0]}.{sys.version_info[1]}", *_pydantic_files()]
    for folder in ("engine", "scenario"):
        for path in sorted((package / folder).glob("*.py")):
            info = path.stat()
            parts.append(f"{folder}/{path.name} {info.st_size} {info.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _pydantic_files() -> list[str]:
    """pydantic's version, read as the size and time of its installed version files
    rather than by importing it (which the reports' path never needs)."""
    import importlib.util

    parts = []
    for name, module in (("pydantic", "version.py"), ("pydantic_core", "__init__.py")):
        found = importlib.util.find_spec(name)
        origin = Path(found.origin) if found is not None and found.origin else None
        try:
            info = (origin.parent / module).stat() if origin is not None else None
        except OSError:
            info = None
        parts.append(f"{name} {info.st_size} {info.st_mtime_ns}" if info else f"{name} none")
    return parts


def entry_key() -> str:
    """What an entry must have been written by: this game version and this code."""
    return f"wargame {wargame.__version__} code {_code_fingerprint()}"


def write_entry(entry: Path, content: str, spec: ScenarioSpec,
                warnings: list[SourceError], summary: Summary) -> None:
    meta = {"key": entry_key(), "content": content,
            "warnings": [_warning_record(w) for w in warnings],
            "summary": _summary_record(summary)}
    from .validators import dump_json

    body = json.dumps(meta, ensure_ascii=False).encode("utf-8") + b"\n" \
        + dump_json("ScenarioSpec", spec)
    if write_checked(entry, MAGIC, body):
        with contextlib.suppress(OSError):  # another process cleaning up at the same time
            _evict(entry.parent)


def write_checked(path: Path, magic: bytes, body: bytes) -> bool:
    """Write `magic`, the body's checksum and the body, atomically (readers see the old
    file or the new one); False when the folder cannot be written (no cache, nothing
    else lost)."""
    data = magic + hashlib.sha256(body).hexdigest().encode("ascii") + b"\n" + body
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        return False
    return True


def read_checked(path: Path, magic: bytes) -> bytes | None:
    """The body of a file `write_checked` wrote whole; None for anything else (missing,
    not a regular file, too big, another magic, a checksum that does not match)."""
    data = _read_regular_file(path)
    if data is None:
        return None
    head, _, body = data.partition(b"\n")
    if not head.startswith(magic) or head[len(magic):] != \
            hashlib.sha256(body).hexdigest().encode("ascii"):
        return None
    return body


def read_entry(entry: Path, content: str
               ) -> tuple[ScenarioSpec, list[SourceError], Summary] | None:
    """The spec (validated again into records, see `validators`), warnings and summary
    of a good entry for `content`; None for anything else."""
    from pydantic_core import ValidationError

    from .validators import validate_json

    found = _read_meta(entry, content)
    if found is None:
        return None
    warnings, summary, spec_json = found
    try:  # checked again, field by field, by the format's own validator
        spec = validate_json("ScenarioSpec", spec_json)
    except (ValidationError, ValueError, RecursionError):
        return None
    return spec, warnings, summary


def read_verdict(entry: Path, content: str) -> tuple[list[SourceError], Summary] | None:
    """The warnings and summary of a good entry for `content` (its spec is not read);
    None for anything else."""
    found = _read_meta(entry, content)
    return None if found is None else found[:2]


def _read_meta(entry: Path, content: str) -> tuple[list[SourceError], Summary, bytes] | None:
    """A whole, current entry for `content`: its warnings and summary (each field checked)
    and its spec's JSON, not yet read; None for anything else."""
    body = read_checked(entry, MAGIC)
    if body is None:
        return None
    meta_line, _, spec_json = body.partition(b"\n")
    try:
        meta = json.loads(meta_line)
        if not isinstance(meta, dict) or meta.get("key") != entry_key() \
                or meta.get("content") != content:
            return None
        warnings = [_warning_from(record) for record in meta["warnings"]]
        summary = _summary_from(meta["summary"])
    except (ValueError, TypeError, KeyError):
        return None
    with contextlib.suppress(OSError):
        os.utime(entry)  # most recently used: eviction keeps it
    return warnings, summary, spec_json


def _read_regular_file(path: Path) -> bytes | None:
    """The bytes of a regular file of bounded size; None for a link, a pipe, a device or a
    file that is missing, unreadable or too big."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_ENTRY_BYTES:
            return None
        with os.fdopen(fd, "rb", closefd=False) as stream:
            return stream.read(MAX_ENTRY_BYTES + 1)
    except OSError:
        return None
    finally:
        os.close(fd)


def _warning_record(warning: SourceError) -> dict[str, Any]:
    return {"line": warning.line, "col": warning.col, "path": warning.path,
            "message": warning.message, "severity": warning.severity, "code": warning.code,
            "help": list(warning.help)}


def _warning_from(record: Any) -> SourceError:
    """A warning back from its record, every field of its exact type (else TypeError)."""
    if not isinstance(record, dict) or set(record) != set(_WARNING_FIELDS):
        raise TypeError("not a warning record")
    for name, kind in _WARNING_FIELDS.items():
        if type(record[name]) is not kind:
            raise TypeError(f"warning field {name} is not {kind.__name__}")
    if record["severity"] != "warning" or not all(isinstance(h, str) for h in record["help"]):
        raise TypeError("not a warning record")
    return SourceError(record["line"], record["col"], record["path"], record["message"],
                       severity="warning", code=record["code"], help=tuple(record["help"]))


def _summary_record(summary: Summary) -> dict[str, Any]:
    return {"id": summary.id, "title": summary.title, "start": summary.start,
            "end": summary.end, "turns": summary.turns}


def _summary_from(record: Any) -> Summary:
    """A summary back from its record, every field of its exact type (else TypeError)."""
    from .load import Summary

    if not isinstance(record, dict) or set(record) != set(_SUMMARY_FIELDS):
        raise TypeError("not a summary record")
    for name, kind in _SUMMARY_FIELDS.items():
        if type(record[name]) is not kind:
            raise TypeError(f"summary field {name} is not {kind.__name__}")
    return Summary(record["id"], record["title"], record["start"], record["end"],
                   record["turns"])


def _evict(folder: Path) -> None:
    """Keep the MAX_ENTRIES most recently used entries; drop what a killed writer left."""
    entries = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime_ns)
    for old in entries[:-MAX_ENTRIES]:
        old.unlink(missing_ok=True)
    hour_ago = time.time() - 3600
    for left in folder.glob(".*.tmp"):
        if left.stat().st_mtime < hour_ago:
            left.unlink(missing_ok=True)
