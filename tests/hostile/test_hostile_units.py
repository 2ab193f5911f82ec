"""The pieces of the hardening, one by one: the sanitiser, the bounded file reader, the
settings, the save's JSON guard and the spec's text types."""

from __future__ import annotations

import io
import json
import os
import threading
from pathlib import Path

import pydantic
import pytest
from hypothesis import given
from hypothesis import strategies as st

from wargame.engine.safetext import REPLACEMENT, describe_char, find_unsafe, printable
from wargame.engine.spec import Name, Text
from wargame.environ import SettingError, folder, setting
from wargame.output import SafeStream
from wargame.saves.format import MAX_JSON_DEPTH, SaveError, clean_text, parse_json
from wargame.scenario.readfile import FileRefused, read_first_line, read_regular

UNSAFE = ["\x00", "\x07", "\x08", "\x0b", "\x0c", "\r", "\x1b", "\x1f", "\x7f", "\x80",
          "\x85", "\x9b", "\x9f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066",
          "\u2067", "\u2068", "\u2069", "\ud800", "\udbff", "\udc00", "\udfff"]
SAFE = ["a", "é", "—", "\u00a0", "\u200e", "\u2028", "😀", "ﬁ", "\ufffd"]
# Any text, with the unsafe characters (surrogates included) drawn often.
HOSTILE_TEXT = st.text(st.characters() | st.sampled_from(UNSAFE))


# ------------------------------------------------------------------ safetext

@pytest.mark.parametrize("ch", UNSAFE)
def test_every_unsafe_character_is_found_and_replaced(ch: str) -> None:
    assert find_unsafe(f"ok{ch}ok") == (2, ch)
    assert printable(f"ok{ch}ok") == f"ok{REPLACEMENT}ok"
    assert describe_char(ch).startswith(f"U+{ord(ch):04X} (")


@pytest.mark.parametrize("ch", SAFE)
def test_ordinary_text_is_left_alone(ch: str) -> None:
    text = f"Didiéni {ch} Kolokani"
    assert find_unsafe(text) is None and printable(text) is text


def test_newlines_and_tabs_belong_to_prose_not_to_names() -> None:
    assert find_unsafe("a\nb\tc") is None
    assert find_unsafe("a\nb", multiline=False) == (1, "\n")
    assert find_unsafe("a\u2028b", multiline=False) == (1, "\u2028")
    assert printable("a\tb\nc\u2029d\x1b", multiline=False) == "a b c d" + REPLACEMENT


@given(HOSTILE_TEXT)
def test_printable_output_is_always_safe_and_stable(text: str) -> None:
    once = printable(text)
    assert find_unsafe(once) is None and printable(once) == once
    once.encode("utf-8")  # never a lone surrogate
    assert len(once) == len(text)  # one replacement per character: positions kept


@given(HOSTILE_TEXT)
def test_clean_text_keeps_no_unsafe_character(text: str) -> None:
    cleaned = clean_text(text, 10_000, multiline=True)
    assert cleaned is None or find_unsafe(cleaned) is None


def test_safe_stream_sanitises_and_never_fails_to_encode() -> None:
    raw = io.BytesIO()
    wrapped = io.TextIOWrapper(raw, encoding="ascii", errors="strict", write_through=True)
    stream = SafeStream(wrapped)  # type: ignore[arg-type]
    stream.write("Kati\x1b[2J — Didiéni\ud800\n")
    assert raw.getvalue() == b"Kati?[2J ? Didi?ni?\n"


# ------------------------------------------------------------------ the spec's text types

@pytest.mark.parametrize(("kind", "value", "ok"), [
    (Name, "Didiéni", True), (Name, "Kati\nBamako", False), (Name, "a\tb", False),
    (Name, "\u202eKati", False), (Text, "line one\nline two\tend", True),
    (Text, "a\rb", False), (Text, "\x9b2J", False), (Text, "a\u2069b", False),
])
def test_name_and_text_types(kind: object, value: str, ok: bool) -> None:
    adapter = pydantic.TypeAdapter(kind)
    if ok:
        assert adapter.validate_python(value, strict=True) == value
    else:
        with pytest.raises(pydantic.ValidationError) as exc:
            adapter.validate_python(value, strict=True)
        assert "is not allowed in" in str(exc.value) and "at character" in str(exc.value)


# ------------------------------------------------------------------ readfile

def test_a_regular_file_is_read_up_to_its_limit(tmp_path: Path) -> None:
    path = tmp_path / "f"
    path.write_bytes(b"x" * 100)
    assert read_regular(path, 100) == b"x" * 100
    with pytest.raises(FileRefused, match="file is 100 bytes; the limit is 99 bytes"):
        read_regular(path, 99)


def test_a_file_that_grows_past_the_limit_while_read_is_refused(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "f"
    path.write_bytes(b"x" * 10)
    real_read = os.read

    def growing(fd: int, n: int) -> bytes:  # fstat said 10 bytes; the file keeps coming
        return real_read(fd, n) or b"y" * n

    monkeypatch.setattr("wargame.scenario.readfile.os.read", growing)
    with pytest.raises(FileRefused, match="larger than the limit of 50 bytes"):
        read_regular(path, 50)


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    done: list[str] = []
    thread = threading.Thread(target=lambda: done.append(_refusal(fifo)), daemon=True)
    thread.start()
    thread.join(10)
    assert done == ["is a named pipe (FIFO), not a regular file"]


def _refusal(path: Path) -> str:
    try:
        read_regular(path, 1000)
    except FileRefused as exc:
        return str(exc)
    return "read"


@pytest.mark.parametrize(("make", "message"), [
    (lambda p: p.mkdir(), "is a folder, not a regular file"),
    (lambda p: p.symlink_to("/dev/zero"), "is a character device, not a regular file"),
    (lambda p: p.symlink_to(p.name), "cannot read: a symbolic link that loops"),
    (lambda p: None, "cannot read: no such file"),
])
def test_what_is_not_a_regular_file_is_refused(tmp_path: Path, make: object,
                                               message: str) -> None:
    path = tmp_path / "x"
    make(path)  # type: ignore[operator]
    assert _refusal(path) == message


def test_first_line_reads_no_further(tmp_path: Path) -> None:
    path = tmp_path / "save"
    path.write_bytes(b"header\n" + b"b" * 100_000)
    assert read_first_line(path, 64, 1_000_000) == b"header\n"
    assert read_first_line(path, 3, 1_000_000) == b"hea"
    with pytest.raises(FileRefused):
        read_first_line(path, 64, 1000)  # the whole file must be within the save limit


# ------------------------------------------------------------------ settings

def test_unset_and_blank_settings_are_none() -> None:
    assert setting("X", int, {}) is None
    assert setting("X", int, {"X": "  "}) is None
    assert setting("X", int, {"X": "42"}) == 42


def test_a_refused_setting_is_one_line_naming_variable_and_value() -> None:
    with pytest.raises(SettingError) as exc:
        setting("WARGAME_LANG", lambda raw: (_ for _ in ()).throw(ValueError("no such "
                                                                            "language")),
                {"WARGAME_LANG": "xx\x1b[2J"})
    message = str(exc.value)
    assert message == ("environment variable WARGAME_LANG='xx\\x1b[2J': no such language "
                       "(fix it or unset it: unset WARGAME_LANG)")


def test_folder_accepts_a_new_folder_and_refuses_a_file(tmp_path: Path) -> None:
    assert folder(str(tmp_path / "new")) == tmp_path / "new"
    (tmp_path / "file").write_text("")
    with pytest.raises(ValueError, match="not a folder"):
        folder(str(tmp_path / "file"))
    with pytest.raises(ValueError, match="paths are at most"):
        folder("a" * 5000)


# ------------------------------------------------------------------ the saves' JSON

def _nested(depth: int) -> bytes:
    return json.dumps({"a": "[" * depth}).encode().replace(
        b'"' + b"[" * depth + b'"', b"[" * depth + b"]" * depth)


def test_json_at_the_depth_limit_parses_and_one_more_level_is_refused() -> None:
    assert parse_json(_nested(MAX_JSON_DEPTH - 1), "body")  # the object itself is a level
    with pytest.raises(SaveError, match="nested deeper than 32 levels"):
        parse_json(_nested(MAX_JSON_DEPTH), "body")
    with pytest.raises(SaveError, match="nested deeper than 32 levels"):
        parse_json(_nested(100_000), "header")


@pytest.mark.parametrize(("data", "message"), [
    (b'{"note": "\\u001b[2J"}', "header.note holds U+001B (ESC) at character 1"),
    (b'{"a": ["ok", "\\u202e"]}', "header.a.1 holds U+202E (RIGHT-TO-LEFT OVERRIDE)"),
    (b'{"\\u009b": 1}', "a key in header holds U+009B"),
    (b'{"r": "\\ud800"}', "header.r holds U+D800 (lone surrogate)"),
    (b'{"n": NaN}', "not valid JSON"),
    (b'{"n": 1e999}', "not valid JSON"),
])
def test_untrusted_text_and_numbers_in_a_save_are_refused(data: bytes, message: str) -> None:
    with pytest.raises(SaveError) as exc:
        parse_json(data, "header")
    assert message in str(exc.value)
    assert find_unsafe(str(exc.value)) is None


def test_the_embedded_scenario_text_is_left_to_the_scenario_loader() -> None:
    body = parse_json(b'{"scenario": {"text": "a:\\r\\n  b: 1\\r\\n"}}', "body")
    assert body["scenario"]["text"] == "a:\r\n  b: 1\r\n"
