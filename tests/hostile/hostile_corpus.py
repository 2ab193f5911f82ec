"""The hostile-input corpus: scenario files and saves an attacker or a careless user could
hand to the game, one (or more) per class of problem, each with the exit code every
command must end with. `build(folder)` writes them; `jobs(cases)` lists the command
lines the corpus test runs (see hostile_runner.py).

A case whose file is valid says so (`ok=True`): everything must then succeed, so a
guard that refuses too much fails here too.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from wargame.ai.bots import play_side, rationales
from wargame.engine.game import Game
from wargame.saves import read_scenario, save_game
from wargame.saves.format import canonical, sha256

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL = ROOT / "scenarios" / "tutorial.yaml"
TEXT = TUTORIAL.read_text(encoding="utf-8")
RAW = TUTORIAL.read_bytes()

KATI = 'name: {en: Kati, fr: "Kati"},'  # the tutorial's names carry a translation
PLAIN_SCRIPT = "map\nstatus\norders\nescort dakar light\nend\nmap\nquit\n"
DEEP = 50_000


@dataclass(frozen=True)
class Case:
    name: str
    kind: str            # "scenario" or "save"
    path: Path
    ok: bool = False     # a valid file: every command succeeds


def _replace(old: str, new: str, text: str = TEXT) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def _with_name(name_yaml: str) -> bytes:
    """The tutorial with the town Kati renamed (`name_yaml` is YAML source text)."""
    return _replace(KATI, f"name: {name_yaml},").encode("utf-8")


# ------------------------------------------------------------------ scenario files

def _alias_bomb() -> bytes:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    return ("\n".join(lines) + "\n").encode()


SCENARIOS: dict[str, Callable[[], bytes] | bytes] = {
    # Classes handled before this round.
    "alias-bomb": _alias_bomb,
    "deep-nesting": b"format: " + b"[" * DEEP + b"]" * DEEP + b"\n",
    "deep-block-nesting": "".join(f"{'  ' * i}k{i}:\n" for i in range(300)).encode(),
    "duplicate-keys": RAW + b"format: 1\n",
    "invalid-utf8": RAW.replace(b"Kati,", b"Ka\xfft\xc3i,", 1),
    "utf16": TEXT.encode("utf-16"),
    "bom": b"\xef\xbb\xbf" + RAW,                         # a valid file
    "nul-bytes": RAW.replace(b"Kati,", b"Ka\x00ti,", 1),
    "merge-keys": b"base: &b {x: 1}\nother:\n  <<: *b\n  y: 2\n" + RAW,
    "multi-document": RAW + b"---\nformat: 1\n",
    "complex-keys": RAW + b"? [a, b]\n: 1\n",
    "nan-and-infinities": _replace("lat: 12.74", "board: [.nan, .inf], lat: .inf").encode(),
    "empty": b"",
    "top-level-list": b"- format: 1\n",
    "yaml-tags": _replace("format: 1", "format: !!python/object:os.system 1").encode(),
    # Terminal injection, in a name, an event title, prose, through every kind of control.
    "escape-in-town-name": _with_name(r'"Kati\e[2J\e]52;c;aGVsbG8=\a"'),
    "escape-in-event-title": _replace(
        'title: {en: "Queues at Bamako', r'title: {en: "\e[31mQueues\e[0m at Bamako').encode(),
    "c1-in-note": _replace('note: {en: "Main military base',
                           r'note: {en: "\x9b2J\u009d52;c;aGk=\x9c Main military base').encode(),
    "del-in-region-name": _replace('name: {en: Koulikoro, fr: "Koulikoro"}}',
                                   r'name: "Kouli\x7fkoro"}').encode(),
    "cr-in-name": _with_name(r'"Kati\rBamako"'),
    "newline-in-name": _with_name(r'"Kati\nBamako"'),
    "bidi-override-in-title": _replace('title: {en: "Tutorial:',
                                       r'title: {en: "\u202eTutorial:').encode(),
    "bidi-isolate-in-corridor": _replace(
        'name: {en: "Dakar–Bamako corridor"',
        r'name: {en: "\u2066Dakar\u2069–Bamako corridor"').encode(),
    "raw-bidi-in-name": _with_name("Ka\u202eti"),
    "lone-surrogate": _with_name(r'"Kati\ud800"'),
    "surrogate-pair": _with_name(r'"Kati \ud83d\ude00"'),  # a valid file: one emoji
    # Huge numbers, in every notation YAML accepts.
    "huge-hex-integer": _replace("km: 96,", "km: 0x" + "f" * 5000 + ",").encode(),
    "huge-octal-integer": _replace("population: 130000,", "population: 0o" + "7" * 5000 + ",",
                                   ).encode(),
    "huge-decimal-integer": _replace("population: 30000,", "population: " + "9" * 5000 + ",",
                                     ).encode(),
    "integer-beyond-bound": _replace("population: 15000,", "population: 0x38D7EA4C68001,",
                                     ).encode(),
    "float-overflow": _replace("lat: 12.74", "lat: 1e999").encode(),
    "too-large-file": RAW + b"#" + b"x" * (4 * 1024 * 1024) + b"\n",
}
SPECIAL_SCENARIOS = ("fifo", "dev-zero-link", "folder", "symlink-loop", "missing",
                     "dangling-symlink", "sparse-huge-file", "escape-in-file-name")
VALID = {"bom", "surrogate-pair"}


def _special(folder: Path, name: str) -> Path:
    """A path that is not a regular file (or not there at all)."""
    path = folder / f"{name}.yaml"
    if name == "fifo":
        os.mkfifo(path)
    elif name == "dev-zero-link":
        path.symlink_to("/dev/zero")
    elif name == "folder":
        path.mkdir()
    elif name == "symlink-loop":
        path.symlink_to(path.name)
    elif name == "dangling-symlink":
        path.symlink_to(folder / "nowhere.yaml")
    elif name == "sparse-huge-file":
        with open(path, "wb") as f:
            f.truncate(5 * 1024**3)  # 5 GB on paper, nothing on disk
    elif name == "escape-in-file-name":  # every message quotes the path
        path = folder / "evil\x1b[2J\x1b]0;pwned\x07.yaml"
        path.write_bytes(RAW + b"format: 1\n")
    return path


# ------------------------------------------------------------------ saves

SAVES = ("good-save", "truncated-save", "bit-flipped-header", "bit-flipped-body",
         "hostile-embedded-scenario", "deep-json-body", "deep-json-header", "escape-in-note",
         "escape-in-reason", "c1-in-reason", "bidi-in-rationale", "lone-surrogate-in-reason",
         "nan-in-save", "huge-integer-in-save", "not-a-save", "symlinked-save",
         "save-link-to-dev-zero", "save-symlink-loop", "fifo-save", "sparse-huge-save",
         "escape-in-save-name")


def _good_save(folder: Path) -> Path:
    """A tutorial game of two turns with orders and a reason, saved normally."""
    scenario, text = read_scenario(TUTORIAL)
    game = Game.new(scenario, 5)
    for turn in (1, 2):
        made = play_side(game.state, "junta", "random")
        made += play_side(game.state, "insurgency", "doctrine")
        game.end_turn(f"Turn {turn}: keep the road open.", rationales(made))
    path = folder / "good.json"
    save_game(game, path, note="A seminar hand-out.\nSecond line.", scenario_text=text)
    return path


def _parts(raw: bytes) -> tuple[dict, dict]:
    header_line, body_line = raw.split(b"\n")[:2]
    return json.loads(header_line), json.loads(body_line)


def seal(header: dict, body_line: bytes, header_line: bytes | None = None) -> bytes:
    """A save with every checksum right: what a deliberate attacker writes."""
    h = {k: v for k, v in header.items()
         if k not in ("body_size", "body_sha256", "header_sha256")}
    h["body_size"] = len(body_line)
    h["body_sha256"] = sha256(body_line)
    h["header_sha256"] = sha256(canonical(h))
    return (header_line or canonical(h)) + b"\n" + body_line + b"\n"


def _ascii_json(value: object) -> bytes:
    # ensure_ascii: a lone surrogate can only be written as a \ud800 escape.
    return json.dumps(value, sort_keys=True, separators=(",", ":")).encode()


def _edited(good: bytes, edit: Callable[[dict, dict], None], *, ascii: bool = False) -> bytes:
    """The good save edited, in its canonical form (so only the edit is wrong)."""
    header, body = _parts(good)
    edit(header, body)
    return seal(header, _ascii_json(body) if ascii else canonical(body))


def _body_value(good: bytes, replacement: bytes) -> bytes:
    """The good save with its body's `pending_reason` replaced by raw JSON text."""
    header, body = _parts(good)
    line = canonical(body)
    assert b'"pending_reason":null' in line
    return seal(header, line.replace(b'"pending_reason":null', b'"pending_reason":'
                                     + replacement, 1))


def _hostile_embedded(header: dict, body: dict) -> None:
    text = _replace(KATI, r'name: "Kati\e[2J\e]52;c;aGVsbG8=\a",')
    digest = sha256(text.encode())
    body["scenario"].update(text=text, sha256=digest)
    header["scenario"]["sha256"] = digest


def _set_reason(value: str) -> Callable[[dict, dict], None]:
    def edit(header: dict, body: dict) -> None:
        body["records"][0]["reason"] = value
    return edit


def _set_rationale(header: dict, body: dict) -> None:
    rats = body["records"][0]["rationales"]
    key = next(iter(rats))
    rats[key] = "\u202eevah ew\u202c " + rats[key]


def _deep_header(good: bytes) -> bytes:
    header, body = _parts(good)
    body_line = canonical(body)
    sealed = seal(header, body_line)
    header_line = sealed.split(b"\n")[0]
    deep = header_line.replace(b'"parent":null', b'"parent":' + b"[" * DEEP + b"]" * DEEP, 1)
    return deep + b"\n" + body_line + b"\n"


def _save_cases(folder: Path) -> list[Case]:
    good_path = _good_save(folder)
    good = good_path.read_bytes()
    note_escape = lambda h, b: h.update(note="\x1b[2J\x1b]52;c;aGVsbG8=\x07")  # noqa: E731
    crafted: dict[str, bytes] = {
        "truncated-save": good[: len(good) // 2],
        "bit-flipped-header": good[:500] + bytes([good[500] ^ 0x20]) + good[501:],
        "bit-flipped-body": good[:-900] + bytes([good[-900] ^ 0x01]) + good[-899:],
        "hostile-embedded-scenario": _edited(good, _hostile_embedded),
        "deep-json-body": _body_value(good, b"[" * DEEP + b"]" * DEEP),
        "deep-json-header": _deep_header(good),
        "escape-in-note": _edited(good, note_escape),
        "escape-in-reason": _edited(good, _set_reason("\x1b[2J\x1b[3J cleared")),
        "c1-in-reason": _edited(good, _set_reason("\x9b2J")),
        "bidi-in-rationale": _edited(good, _set_rationale),
        "lone-surrogate-in-reason": _edited(good, _set_reason("\ud800 half"), ascii=True),
        "nan-in-save": _body_value(good, b"NaN"),
        "huge-integer-in-save": _body_value(good, b"9" * 5000),
        "not-a-save": b"just some text\n",
    }
    cases = [Case("good-save", "save", good_path, ok=True)]
    assert list(crafted) == list(SAVES[1:len(crafted) + 1])
    for name, data in crafted.items():
        path = folder / f"{name}.json"
        path.write_bytes(data)
        cases.append(Case(name, "save", path))
    link = folder / "symlinked-save.json"
    link.symlink_to(good_path.name)
    cases.append(Case("symlinked-save", "save", link, ok=True))
    for name, target in (("save-link-to-dev-zero", "/dev/zero"),
                         ("save-symlink-loop", "save-symlink-loop.json")):
        path = folder / f"{name}.json"
        path.symlink_to(target)
        cases.append(Case(name, "save", path))
    fifo = folder / "fifo-save.json"
    os.mkfifo(fifo)
    cases.append(Case("fifo-save", "save", fifo))
    sparse = folder / "sparse-huge-save.json"
    with open(sparse, "wb") as f:
        f.truncate(5 * 1024**3)
    cases.append(Case("sparse-huge-save", "save", sparse))
    # A hostile name: every message that quotes the path must not drive the terminal.
    named = folder / "evil\x1b[2J\x1b]0;pwned\x07.json"
    named.write_bytes(good[:100])
    cases.append(Case("escape-in-save-name", "save", named))
    assert [c.name for c in cases] == list(SAVES)
    return cases


def build(folder: Path) -> list[Case]:
    """Write the corpus into `folder`; the cases, scenarios first."""
    scenarios = folder / "scenarios"
    saves = folder / "saves"
    scenarios.mkdir()
    saves.mkdir()
    cases = []
    for name, content in SCENARIOS.items():
        path = scenarios / f"{name}.yaml"
        path.write_bytes(content() if callable(content) else content)
        cases.append(Case(name, "scenario", path, ok=name in VALID))
    cases += [Case(name, "scenario", _special(scenarios, name)) for name in SPECIAL_SCENARIOS]
    return cases + _save_cases(saves)


# What each kind of case is run through: command -> (argv with FILE and GOOD, stdin, the
# exit codes of a refusal: sweep says 2 for a file it cannot use, 1 for one not there).
COMMANDS: dict[str, dict[str, tuple[list[str], str, tuple[int, ...]]]] = {
    "scenario": {
        "validate": (["validate", "FILE"], "", (1,)),
        "validate --format json": (["validate", "FILE", "--format", "json"], "", (1,)),
        "simulate": (["simulate", "FILE", "--games", "1", "--jobs", "1"], "", (1,)),
        "sweep": (["sweep", "FILE", "--vary", "corridors.dakar.tankers_per_week=300..350:50",
                   "--games", "1", "--jobs", "1"], "", (1, 2)),
        "play --plain": (["play", "FILE", "--plain"], PLAIN_SCRIPT, (1,)),
    },
    "save": {
        "replay --verify": (["replay", "FILE", "--verify"], "", (1,)),
        "report": (["report", "FILE"], "", (1,)),
        "report --format html": (["report", "FILE", "--format", "html"], "", (1,)),
        "compare": (["compare", "GOOD", "FILE"], "", (1,)),
        "play --load --plain": (["play", "--load", "FILE", "--plain"], "status\nmap\nquit\n",
                                (1,)),
    },
}


def case_names() -> dict[str, str]:
    """Every case's name and kind, without building anything."""
    names = {name: "scenario" for name in [*SCENARIOS, *SPECIAL_SCENARIOS]}
    return names | {name: "save" for name in SAVES}


def jobs(cases: list[Case], good_save: Path) -> list[dict[str, object]]:
    """Every command line the corpus runs: case, command, argv, stdin, expected code."""
    out: list[dict[str, object]] = []
    for case in cases:
        for command, (argv, stdin, refused) in COMMANDS[case.kind].items():
            line = [str(case.path) if a == "FILE" else str(good_save) if a == "GOOD" else a
                    for a in argv]
            out.append({"case": case.name, "command": command, "argv": line,
                        "stdin": stdin, "expect": [0] if case.ok else list(refused)})
    return out
