"""The cache of compiled scenarios: an unchanged file is not parsed twice, and an entry
that is damaged, stale or forged is ignored and rebuilt, never trusted."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import platformdirs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import wargame
from wargame.ai.simulate import play_game
from wargame.scenario import cache, load
from wargame.scenario.load import Report, check_bytes

ROOT = Path(__file__).resolve().parents[2]
MAIN = ROOT / "scenarios" / "bamako-blockade-2025.yaml"
WARNED = ROOT / "tests" / "authoring" / "mistakes" / "number-without-mark.yaml"
BROKEN = ROOT / "tests" / "authoring" / "mistakes" / "misspelt-field.yaml"


@pytest.fixture
def cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(cache.CACHE_ENV, str(folder))
    return folder / "scenarios"


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the times a file is really parsed (the YAML loader runs)."""
    calls: list[int] = []
    real = load.load_yaml

    def counting(raw: bytes):  # type: ignore[no-untyped-def]
        calls.append(len(raw))
        return real(raw)

    monkeypatch.setattr(load, "load_yaml", counting)
    return calls


def same_report(a: Report, b: Report) -> None:
    assert a.scenario is not None and b.scenario is not None
    assert a.scenario.spec == b.scenario.spec
    assert a.lines() == b.lines()
    assert a.content_hash == b.content_hash
    assert a.scenario.corridor_paths == b.scenario.corridor_paths


def entry_of(folder: Path, raw: bytes, filename: str = "a.yaml") -> Path:
    return folder / cache.entry_path(raw, filename).name


def test_an_unchanged_file_is_parsed_once(cache_folder: Path, parses: list[int]) -> None:
    raw = MAIN.read_bytes()
    first = check_bytes(raw, "a.yaml")
    second = check_bytes(raw, "b.yaml")
    assert len(parses) == 1
    same_report(first, second)
    assert second.filename == "b.yaml"
    assert entry_of(cache_folder, raw).is_file()


def test_a_changed_file_is_parsed_again(cache_folder: Path, parses: list[int]) -> None:
    raw = MAIN.read_bytes()
    check_bytes(raw, "a.yaml")
    changed = check_bytes(raw + b"# one more comment\n", "a.yaml")
    assert len(parses) == 2
    assert changed.scenario is not None


def test_warnings_come_back_from_the_cache(cache_folder: Path, parses: list[int]) -> None:
    raw = WARNED.read_bytes()
    first = check_bytes(raw, "w.yaml")
    assert first.warnings and first.scenario is not None
    second = check_bytes(raw, "w.yaml")
    assert len(parses) == 1
    same_report(first, second)
    assert second.warnings == first.warnings  # codes and help lines included


def test_validate_prints_the_same_for_a_cached_file(tmp_path: Path) -> None:
    env = {**os.environ, cache.CACHE_ENV: str(tmp_path / "cache")}
    runs = [subprocess.run([sys.executable, "-m", "wargame", "validate", str(WARNED), str(MAIN)],
                           capture_output=True, text=True, env=env) for _ in range(2)]
    assert runs[0].returncode == runs[1].returncode == 0
    assert "warning: meta.turns" in runs[0].stdout and "^" in runs[0].stdout
    assert runs[0].stdout == runs[1].stdout and runs[0].stderr == runs[1].stderr
    assert len(list((tmp_path / "cache" / "scenarios").glob("*.json"))) == 2


def test_files_with_errors_are_never_cached(cache_folder: Path, parses: list[int]) -> None:
    raw = BROKEN.read_bytes()
    first, second = check_bytes(raw, "x.yaml"), check_bytes(raw, "x.yaml")
    assert first.errors and first.lines() == second.lines()
    assert len(parses) == 2
    assert not cache_folder.exists() or not list(cache_folder.iterdir())


def test_a_cached_scenario_plays_the_same_game(cache_folder: Path) -> None:
    raw = MAIN.read_bytes()
    fresh = check_bytes(raw, "m.yaml").scenario
    cached = check_bytes(raw, "m.yaml").scenario
    assert fresh is not None and cached is not None and fresh is not cached
    for seed in (1, 2):
        a = play_game(fresh, seed, "historical", "doctrine")
        b = play_game(cached, seed, "historical", "doctrine")
        assert a == b


def _rebuilt(raw: bytes, parses: list[int], before: int) -> None:
    """The next check parses the file again, gives the right result and mends the entry."""
    report = check_bytes(raw, "m.yaml")
    assert len(parses) == before + 1
    assert report.scenario is not None
    check_bytes(raw, "m.yaml")
    assert len(parses) == before + 1  # the rewritten entry is good again


@pytest.mark.parametrize("keep", [0, 1, 30, 0.5, -1])
def test_a_truncated_entry_is_rebuilt(cache_folder: Path, parses: list[int],
                                      keep: float) -> None:
    raw = WARNED.read_bytes()
    check_bytes(raw, "m.yaml")
    entry = entry_of(cache_folder, raw)
    data = entry.read_bytes()
    entry.write_bytes(data[:int(len(data) * keep) if isinstance(keep, float) else keep])
    _rebuilt(raw, parses, 1)


@pytest.mark.parametrize("where", [0, 30, 100, 200, -40, -1])
def test_a_flipped_byte_is_rebuilt(cache_folder: Path, parses: list[int], where: int) -> None:
    raw = WARNED.read_bytes()
    check_bytes(raw, "m.yaml")
    entry = entry_of(cache_folder, raw)
    data = bytearray(entry.read_bytes())
    data[where] ^= 0x20
    entry.write_bytes(bytes(data))
    _rebuilt(raw, parses, 1)


def test_another_game_version_is_stale(cache_folder: Path, parses: list[int],
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    raw = WARNED.read_bytes()
    check_bytes(raw, "m.yaml")
    monkeypatch.setattr(wargame, "__version__", "99.0.0")
    _rebuilt(raw, parses, 1)
    assert "wargame 99.0.0 " in entry_of(cache_folder, raw).read_text(encoding="utf-8")


def test_changed_engine_or_loader_code_is_stale(cache_folder: Path, parses: list[int],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    raw = WARNED.read_bytes()
    check_bytes(raw, "m.yaml")
    monkeypatch.setattr(cache, "_code_fingerprint", lambda: "another build of the code")
    _rebuilt(raw, parses, 1)


def test_the_fingerprint_covers_the_engine_and_loader_modules() -> None:
    cache._code_fingerprint.cache_clear()
    before = cache._code_fingerprint()
    spec_py = Path(wargame.__file__).parent / "engine" / "spec.py"
    info = spec_py.stat()
    try:
        os.utime(spec_py, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000_000))
        cache._code_fingerprint.cache_clear()
        assert cache._code_fingerprint() != before
    finally:
        os.utime(spec_py, ns=(info.st_atime_ns, info.st_mtime_ns))
        cache._code_fingerprint.cache_clear()
    assert cache._code_fingerprint() == before


def _forge(entry: Path, change_meta=None, change_spec=None) -> None:  # type: ignore[no-untyped-def]
    """Rewrite an entry with a consistent checksum: only validation can catch it."""
    _, body = entry.read_bytes().split(b"\n", 1)
    meta_line, spec_line = body.split(b"\n", 1)
    meta, spec = json.loads(meta_line), json.loads(spec_line)
    if change_meta:
        change_meta(meta)
    if change_spec:
        change_spec(spec)
    body = json.dumps(meta).encode() + b"\n" + json.dumps(spec).encode()
    entry.write_bytes(cache.MAGIC + hashlib.sha256(body).hexdigest().encode() + b"\n" + body)


def _set(key: str, value: object):  # type: ignore[no-untyped-def]
    def change(data: dict) -> None:  # type: ignore[type-arg]
        data[key] = value
    return change


@pytest.mark.parametrize("forgery", [
    {"change_spec": lambda s: s["meta"].update(days_per_turn=0)},        # out of range
    {"change_spec": lambda s: s["meta"].update(turns="26")},             # wrong type
    {"change_spec": lambda s: s.update(secret=1)},                       # unknown key
    {"change_spec": lambda s: s["map"]["towns"][0].update(kind="palace")},
    {"change_meta": _set("content", "0" * 64)},                          # another file's
    {"change_meta": _set("key", "wargame 0.0.1 code x")},
    {"change_meta": _set("warnings", [{"line": "1"}])},
    {"change_meta": _set("warnings", [{"line": 1, "col": 1, "path": "x", "message": "m",
                                       "severity": "error", "code": "", "help": []}])},
    {"change_meta": _set("warnings", "none")},
    {"change_meta": _set("summary", "none")},
    {"change_meta": _set("summary", {"id": "m", "title": "t", "start": "2025-01-01",
                                     "end": "2025-02-01", "turns": "26"})},
    {"change_meta": lambda m: m.pop("summary")},
])
def test_a_forged_entry_that_does_not_validate_is_rebuilt(
        cache_folder: Path, parses: list[int], forgery: dict) -> None:  # type: ignore[type-arg]
    raw = WARNED.read_bytes()
    original = check_bytes(raw, "m.yaml")
    _forge(entry_of(cache_folder, raw), **forgery)
    rebuilt = check_bytes(raw, "m.yaml")
    assert len(parses) == 2
    same_report(original, rebuilt)


@pytest.mark.parametrize("forgery", [
    {"change_meta": _set("content", "0" * 64)},
    {"change_meta": _set("key", "wargame 0.0.1 code x")},
    {"change_meta": _set("warnings", [{"line": "1"}])},
    {"change_meta": _set("summary", {"id": "m"})},
    {"change_meta": _set("summary", None)},
])
def test_a_forged_verdict_is_rebuilt_too(
        cache_folder: Path, parses: list[int], forgery: dict) -> None:  # type: ignore[type-arg]
    """The verdict alone (validate, scenarios: the spec is not read) is checked field by
    field like the rest of the entry."""
    raw = WARNED.read_bytes()
    original = check_bytes(raw, "m.yaml")
    _forge(entry_of(cache_folder, raw), **forgery)
    rebuilt = check_bytes(raw, "m.yaml", scenario=False)
    assert len(parses) == 2
    assert rebuilt.lines() == original.lines() and rebuilt.summary == original.summary


def test_a_verdict_from_the_cache_has_the_warnings_and_summary(
        cache_folder: Path, parses: list[int]) -> None:
    raw = WARNED.read_bytes()
    original = check_bytes(raw, "m.yaml")
    verdict = check_bytes(raw, "m.yaml", scenario=False)
    assert len(parses) == 1
    assert verdict.scenario is None and not verdict.errors
    assert verdict.lines() == original.lines() and verdict.warnings
    assert verdict.summary == original.summary and verdict.summary is not None
    assert verdict.summary.turns == original.scenario.spec.meta.turns  # type: ignore[union-attr]
    assert verdict.content_hash == original.content_hash


def test_the_loader_reads_no_more_than_the_yaml_loader_accepts() -> None:
    from wargame.scenario import yamlload

    assert load.MAX_BYTES == yamlload.MAX_BYTES


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes (POSIX)")
def test_a_pipe_or_a_link_in_place_of_an_entry_is_ignored(cache_folder: Path,
                                                          parses: list[int]) -> None:
    raw = WARNED.read_bytes()
    check_bytes(raw, "m.yaml")
    entry = entry_of(cache_folder, raw)
    good = entry.read_bytes()
    entry.unlink()
    os.mkfifo(entry)  # reading it would block: the cache must not even try
    assert check_bytes(raw, "m.yaml").scenario is not None
    assert len(parses) == 2
    elsewhere = cache_folder.parent / "elsewhere.json"
    elsewhere.write_bytes(good)
    entry.unlink(missing_ok=True)
    entry.symlink_to(elsewhere)
    assert check_bytes(raw, "m.yaml").scenario is not None
    assert len(parses) == 3


def test_a_cache_folder_that_cannot_be_written_changes_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parses: list[int]) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv(cache.CACHE_ENV, str(blocker))
    raw = WARNED.read_bytes()
    first, second = check_bytes(raw, "m.yaml"), check_bytes(raw, "m.yaml")
    same_report(first, second)
    assert len(parses) == 2


def test_the_least_recently_used_entries_are_evicted(cache_folder: Path, parses: list[int],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "MAX_ENTRIES", 3)
    base = WARNED.read_bytes()
    variants = [base + f"# variant {i}\n".encode() for i in range(5)]
    for i, raw in enumerate(variants[:3]):
        check_bytes(raw, "v.yaml")
        os.utime(entry_of(cache_folder, raw), ns=((i + 1) * 10**9, (i + 1) * 10**9))
    check_bytes(variants[0], "v.yaml")  # used again: now the most recent of the three
    assert len(parses) == 3
    for raw in variants[3:]:
        check_bytes(raw, "v.yaml")
    kept = {p.name for p in cache_folder.glob("*.json")}
    assert kept == {entry_of(cache_folder, variants[i]).name for i in (0, 3, 4)}
    assert not list(cache_folder.glob(".*.tmp"))


def test_tests_never_use_the_users_cache() -> None:
    real = Path(platformdirs.user_cache_dir("wargame"))
    assert real not in cache.cache_dir().parents


@pytest.fixture(scope="module")
def good_entry(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes, str]:
    """A good entry of a file with warnings: its path, its bytes and the file's hash."""
    folder = tmp_path_factory.mktemp("damaged")
    raw = WARNED.read_bytes()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(cache.CACHE_ENV, str(folder))
        assert check_bytes(raw, "m.yaml").scenario is not None
    entry = entry_of(folder / "scenarios", raw)
    return entry, entry.read_bytes(), hashlib.sha256(raw).hexdigest()


@settings(max_examples=200, deadline=None)
@given(damage=st.sampled_from(["flip", "cut", "drop", "insert"]),
       where=st.floats(0, 1, exclude_max=True), bit=st.integers(0, 7))
def test_any_damage_to_an_entry_is_detected(good_entry: tuple[Path, bytes, str], damage: str,
                                            where: float, bit: int) -> None:
    entry, good, content = good_entry
    i = int(where * len(good))
    bad = {"flip": good[:i] + bytes([good[i] ^ (1 << bit)]) + good[i + 1:],
           "cut": good[:i],
           "drop": good[:i] + good[i + 1:],
           "insert": good[:i] + bytes([48 + bit]) + good[i:]}[damage]
    entry.write_bytes(bad)
    assert cache.read_entry(entry, content) is None
    entry.write_bytes(good)
    assert cache.read_entry(entry, content) is not None
