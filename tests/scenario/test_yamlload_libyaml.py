"""The libyaml path of the hardened loader (yamlload.py) against its pure-Python path.

A file is taken from the C parser's events only when that path finds nothing wrong; every
other file is read again by the pure-Python path, so messages and positions never change.
What must hold: whatever the C path accepts, the Python path accepts too, with exactly
the same data, positions, numbers' lines and comments.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wargame.scenario import yamlload
from wargame.scenario.yamlload import LoadedYaml, YamlLoadError, load_yaml

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL = (ROOT / "scenarios" / "tutorial.yaml").read_text(encoding="utf-8")



def test_pyyaml_has_libyaml() -> None:
    """PyYAML's wheels carry libyaml; without it the loader still works (the pure-Python
    path), but these comparisons would test nothing, so the suite says so."""
    assert yamlload._FastLoader is not None, "PyYAML was built without libyaml"


def _both(text: str) -> tuple[LoadedYaml | None, LoadedYaml | YamlLoadError]:
    """(the C path's result or None when it found anything wrong, the Python path's)."""
    fast: LoadedYaml | None = None
    if yamlload._NOT_FOR_C.search(text) is None:  # as load_yaml routes it
        try:
            assert yamlload._FastLoader is not None
            fast = yamlload._load_text(text, yamlload.MAX_DEPTH, yamlload._FastLoader)
        except Exception:  # noqa: BLE001 - the C path's failures all mean "ask Python"
            fast = None
    slow: LoadedYaml | YamlLoadError
    try:
        slow = yamlload._load_text(text, yamlload.MAX_DEPTH, yamlload._StrictLoader)
    except YamlLoadError as exc:
        slow = exc
    return fast, slow


def _agree(text: str) -> None:
    fast, slow = _both(text)
    if fast is not None:
        assert isinstance(slow, LoadedYaml), f"only the C path accepts: {slow}"
        assert fast == slow


def _yaml_files() -> list[Path]:
    found = sorted(ROOT.glob("scenarios/**/*.yaml")) + sorted(ROOT.glob("tests/**/*.yaml"))
    return [p for p in found if p.is_file()]


def test_libyaml_is_used_when_pyyaml_has_it() -> None:
    assert yaml.__with_libyaml__
    assert yamlload._FastLoader is not None
    # The shipped scenarios are clean: they come from the C path.
    fast, slow = _both(TUTORIAL)
    assert fast is not None and fast == slow


@pytest.mark.parametrize("path", _yaml_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_yaml_file_of_the_project_agrees(path: Path) -> None:
    raw = path.read_bytes()
    try:
        text = raw.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
    except UnicodeDecodeError:
        return
    _agree(text)


def test_the_hostile_corpus_agrees(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "tests" / "hostile"))
    try:
        import hostile_corpus
    finally:
        sys.path.pop(0)
    for case in hostile_corpus.build(tmp_path):
        if case.kind != "scenario" or not case.path.is_file() or case.path.is_symlink():
            continue
        raw = case.path.read_bytes()
        if len(raw) > yamlload.MAX_BYTES:
            continue
        try:
            text = raw.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
        except UnicodeDecodeError:
            continue
        _agree(text)


@pytest.mark.parametrize("text", [
    "a: &x 1\nb: *x\n", "a: !!str 1\n", "a: 1\na: 2\n", "a: [1, 2\n", "a:\tb\n",
    "%YAML 1.1\n---\na: 1\n", "%YAML 1.3\n---\na: 1\n", "a: 1\n--- \nb: 2\n", "- 1\n",
    "a: 12:30\n", "a: NO\n", "a: 2025-02-30\n", "a: .nan\n", "a: 1e999\n",
    "a: \"\\ud83d\"\n", "a: " + "9" * 40 + "\n", "? [a]\n: 1\n", "a: 'x\n", "a: \x07\n",
    "a: |\n  #not a comment\nb: 1 # a comment\n", "[" * 60 + "]" * 60, "",
    "a: b: c\n", "{a: 1, a: 2}\n", "a:\n- 1\n - 2\n",
    # Where libyaml and PyYAML were found to differ (kept off the C path):
    "a: {b: c?d}\n", "a: [b?c]\n", "a: {b\ufeffc: 1, d: 2}\n", "a:\n\ufeff  b: 1\n",
    "a: {kind: ,army, town: b}\n", "a:\nb: 1\n",
])
def test_what_must_fail_fails_the_same_way(text: str) -> None:
    fast, slow = _both(text)
    if isinstance(slow, YamlLoadError):
        assert fast is None
        with pytest.raises(YamlLoadError) as caught:
            load_yaml(text.encode("utf-8"))
        assert caught.value.errors == slow.errors
    else:  # the C path may refuse what Python accepts (%YAML 1.3): Python then reads it
        assert fast is None or fast == slow
        assert load_yaml(text.encode("utf-8")) == slow


_PIECES = st.sampled_from([
    "a", "b", "1", "-", " ", "  ", "\n", ":", ": ", "#", "'", '"', "[", "]", "{", "}", ",",
    "&x", "*x", "!!str", "|", ">", "?", "\t", "---", "...", "%YAML 1.1", "\\", "é", "\r\n",
    "0x1F", "1.5", "true", "~", "2025-01-01", "\u2028", "\x85",
])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PIECES, max_size=40))
def test_random_texts_agree(pieces: list[str]) -> None:
    _agree("".join(pieces))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, len(TUTORIAL) - 1), st.integers(0, 6), _PIECES)
def test_edited_tutorials_agree(at: int, cut: int, insert: str) -> None:
    _agree(TUTORIAL[:at] + insert + TUTORIAL[at + cut:])
