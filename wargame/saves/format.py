"""The save file format: encoding, decoding, checksums, versions and migration.

A save is two lines of UTF-8 JSON (compact, sorted keys):

    line 1  the header: format version, game version, scenario id and hash, seed, sides,
            turn, date, outcome, note, parent, the body's size and sha256, and the
            header's own sha256 (computed over the header without that field)
    line 2  the body: the embedded scenario text, the order log (orders, the player's
            reason and the bots' rationales, and the state digest after every turn), the
            random generator's state, the current state, the reason being written,
            and the advisor's suggestions (format 3)

Every byte is covered by a checksum, so damage, truncation and tampering are refused.
The same game always encodes to the same bytes (no timestamps, canonical JSON).
See docs/save-format.md.
"""

from __future__ import annotations

import hashlib
import json
import weakref
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..engine import phrase
from ..engine.game import Game, ReplayDivergence, TurnRecord
from ..engine.legality import IllegalOrder
from ..engine.orders import SIDES, Order, OrderSyntaxError
from ..engine.resolve import ending_of
from ..engine.safetext import describe_char, find_unsafe, is_unsafe
from ..engine.scenario import Scenario
from ..i18n import N_, _, error_text, localized, localized_params

FORMAT = "wargame-save"
FORMAT_VERSION = 3
OLDEST_VERSION = 1
MAX_SAVE_BYTES = 64 * 1024 * 1024
MAX_HEADER_BYTES = 64 * 1024
MAX_REASON_CHARS = 500
MAX_NOTE_CHARS = 4000
MAX_ADVICE_CHARS = 2000
MAX_JSON_DEPTH = 32   # a save is 5 levels deep; JSON nested thousands deep is an attack

DEFAULT_SIDES = {"junta": "player", "insurgency": "doctrine"}


class SaveError(Exception):
    """A save that cannot be written or read; the message is meant for the player."""


# ------------------------------------------------------------------ small helpers

def canonical(obj: Any) -> bytes:
    """Compact JSON with sorted keys: the one byte form of a value."""
    try:
        return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                          allow_nan=False).encode("utf-8")
    except (TypeError, ValueError, UnicodeEncodeError) as exc:
        raise SaveError(_("cannot encode the save: {error}").format(error=exc)) from None


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def clean_text(text: str | None, limit: int, *, multiline: bool = False) -> str | None:
    """A player's text made safe to store: no control characters, bidi overrides or lone
    surrogates (see `safetext`), whitespace trimmed, at most `limit` characters; None when
    empty. Tabs and line breaks become spaces (newlines stay when `multiline`)."""
    if text is None:
        return None
    kept = []
    for ch in text:
        if ch == "\n" and multiline:
            kept.append(ch)
        elif ch in "\t\r\n\u2028\u2029":
            kept.append(" ")
        elif not is_unsafe(ch):
            kept.append(ch)
    cleaned = "".join(kept).strip()
    return cleaned[:limit].rstrip() or None


@lru_cache(maxsize=1)
def game_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("wargame")
    except PackageNotFoundError:
        return "unknown"


# ------------------------------------------------------------------ documents

@dataclass
class SaveDocument:
    """A decoded save: its header and body as plain data, in the current version."""

    header: dict[str, Any]
    body: dict[str, Any]
    migrated_from: int | None = None   # the file's format version when it was older
    body_ok: bool = True               # False only from decode(check_body=False)


def document(game: Game, scenario_text: str, *, note: str | None = None,
             parent: str | None = None, branch_turn: int | None = None,
             sides: dict[str, str] | None = None,
             pending_reason: str | None = None) -> SaveDocument:
    """The save document of a game (the scenario's exact text must be given)."""
    scenario = game.scenario
    state = game.state
    text_hash = sha256(scenario_text.encode("utf-8"))
    records = [{
        "turn": r.turn,
        "orders": {side: list(r.orders.get(side, [])) for side in SIDES},
        "reason": clean_text(r.reason, MAX_REASON_CHARS),
        "digest": r.digest,
        "rationales": dict(r.rationales),
        **_phrases("rationale_phrases", r.rationales),
    } for r in game.records]
    body = {
        "scenario": {"id": scenario.id, "sha256": text_hash, "text": scenario_text},
        "seed": game.seed,
        "records": records,
        "rng": state.rng,
        "state": json.loads(canonical(state.to_dict())),
        "pending_reason": clean_text(pending_reason, MAX_REASON_CHARS),
        "advice": [{"turn": a["turn"], "orders": list(a["orders"]),
                    "reasons": clean_text(a["reasons"], MAX_ADVICE_CHARS) or "",
                    **_phrases("reasons_phrase", {"": a["reasons"]})}
                   for a in game.advice],
    }
    ending = ending_of(state)
    outcome = None
    if state.outcome is not None:
        outcome = {"id": state.outcome, "title": ending.title if ending else state.outcome,
                   "grade": ending.grade if ending else None}
    parent_info = None
    if parent is not None:
        parent_info = {"save": parent, "turn": branch_turn}
    header = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "game_version": game_version(),
        "scenario": {"id": scenario.id, "title": scenario.spec.meta.title,
                     "sha256": text_hash},
        "seed": game.seed,
        "sides": dict(sides or DEFAULT_SIDES),
        "turn": state.turn,
        "turns": scenario.turns,
        "turns_played": len(game.records),
        "date": scenario.turn_start(min(state.turn, scenario.turns)).isoformat(),
        "outcome": outcome,
        "note": clean_text(note, MAX_NOTE_CHARS, multiline=True),
        "parent": parent_info,
    }
    return SaveDocument(header, body)


def encode(doc: SaveDocument) -> bytes:
    """The bytes of a save: header line, body line."""
    body = canonical(doc.body)
    header = {k: v for k, v in doc.header.items()
              if k not in ("body_size", "body_sha256", "header_sha256")}
    header["format"] = FORMAT
    header["format_version"] = FORMAT_VERSION
    header["body_size"] = len(body)
    header["body_sha256"] = sha256(body)
    header["header_sha256"] = sha256(canonical(header))
    return canonical(header) + b"\n" + body + b"\n"


# ------------------------------------------------------------------ decoding

def _check(condition: bool, message: str, **params: object) -> None:
    """SaveError unless `condition`: `message` is the English (marked `N_`), translated
    only when it is raised (a check that passes costs no catalogue look-up)."""
    if not condition:
        raise SaveError(_(message).format(**params) if params else _(message))


def divergence_text(exc: ReplayDivergence) -> str:
    """The first turn that does not replay and what differs, in the reader's language."""
    return _("turn {turn}: {detail}").format(turn=exc.turn, detail=localized(exc.detail))


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number a save holds")


def _finite_float(text: str) -> float:
    number = float(text)
    if number in (float("inf"), float("-inf")):
        raise ValueError(f"{text} is too large")
    return number


def parse_json(data: bytes, part: str) -> Any:
    """One line of a save as JSON, `part` naming it ('header', 'body') in messages.

    A save is untrusted input: JSON nested deeper than MAX_JSON_DEPTH (which would blow
    Python's stack), NaN and infinities, and text holding control characters, bidi
    overrides or lone surrogates (which `clean_text` never writes, and which would reach
    the terminal in reports) are all refused. The scenario's own text is checked when it
    is compiled, as a scenario file is.
    """
    try:
        value = json.loads(data.decode("utf-8"), parse_constant=_refuse_constant,
                           parse_float=_finite_float)
    except RecursionError:
        value = None
        too_deep = True
    except (UnicodeDecodeError, ValueError):
        raise SaveError(_part_message(part, N_("the file is damaged: its header is not valid "
                                               "JSON"),
                                      N_("the file is damaged: its body is not valid JSON"))
                        ) from None
    else:
        too_deep = False
    if too_deep or _depth_beyond(value, MAX_JSON_DEPTH):
        raise SaveError(_part_message(
            part, N_("the file is damaged or hostile: its header is nested deeper than "
                     "{levels} levels"),
            N_("the file is damaged or hostile: its body is nested deeper than {levels} "
               "levels")).format(levels=MAX_JSON_DEPTH))
    _refuse_unsafe_text(value, part)
    return value


def _part_message(part: str, header: str, body: str) -> str:
    """The message about the header or the body (`part`), translated: a whole sentence
    for each, since languages name the two parts differently."""
    return _(header) if part == "header" else _(body)


def _depth_beyond(value: Any, limit: int) -> bool:
    """Whether `value` nests deeper than `limit` lists and objects (without recursing)."""
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            if depth >= limit:
                return True
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)
    return False


def _refuse_unsafe_text(value: Any, part: str) -> None:
    """SaveError naming the first string (key or value) with an unsafe character."""
    stack: list[tuple[Any, str]] = [(value, part)]
    while stack:
        item, where = stack.pop()
        if isinstance(item, str):
            found = find_unsafe(item)
            if found is not None:
                index, char = found
                raise SaveError(_("the file was edited: {where} holds {char} at character "
                                  "{index}, which no save contains").format(
                    where=where, char=describe_char(char), index=index + 1))
        elif isinstance(item, list):
            stack.extend((child, f"{where}.{i}") for i, child in enumerate(item))
        elif isinstance(item, dict):
            for key, child in item.items():
                found = find_unsafe(key)
                if found is not None:  # checked here, so no message ever shows such a key
                    raise SaveError(_("the file was edited: a key in {where} holds {char}, "
                                      "which no save contains").format(
                        where=where, char=describe_char(found[1])))
                if where != "body.scenario" or key != "text":  # compiled as a scenario
                    stack.append((child, f"{where}.{key}"))


def parse_header(line: bytes) -> dict[str, Any]:
    """Parse and check the header line (without its newline); return it migrated to the
    current version. Refuses damaged, tampered and newer-version headers."""
    header = parse_json(line, "header")
    _check(isinstance(header, dict) and header.get("format") == FORMAT,
           N_("not a wargame save file"))
    version = header.get("format_version")
    _check(isinstance(version, int) and not isinstance(version, bool),
           N_("the file is damaged: its format version is missing"))
    if version > FORMAT_VERSION:
        raise SaveError(_("this save was written by a newer wargame (save format {version}; "
                          "this version reads formats {oldest} to {newest}); upgrade wargame "
                          "to open it").format(version=version, oldest=OLDEST_VERSION,
                                               newest=FORMAT_VERSION))
    _check(version >= OLDEST_VERSION, N_("unknown save format version {version}"),
           version=version)
    if version >= 2:
        stated = header.get("header_sha256")
        rest = {k: v for k, v in header.items() if k != "header_sha256"}
        _check(isinstance(stated, str) and sha256(canonical(rest)) == stated,
               N_("the file is damaged or was edited: the header checksum does not match"))
    _check(canonical(header) == line,
           N_("the file is damaged or was edited: the header is not in its saved form"))
    _check(isinstance(header.get("body_sha256"), str),
           N_("the file is damaged: the header has no body checksum"))
    return dict(header)


def decode(raw: bytes, *, check_body: bool = True) -> SaveDocument:
    """Decode and check a save's bytes. With `check_body=False` a body that does not match
    its checksum is still returned when it parses (for `replay --verify` diagnostics)."""
    _check(len(raw) > 0, N_("the file is empty"))
    _check(len(raw) <= MAX_SAVE_BYTES, N_("the file is too large to be a save"))
    first = raw.find(b"\n")
    if first < 0:
        if raw.lstrip().startswith(b"{"):
            raise SaveError(_("the file is truncated: it ends inside the header"))
        raise SaveError(_("not a wargame save file"))
    header = parse_header(raw[:first])
    version = header["format_version"]
    body_bytes = raw[first + 1:]
    size = header.get("body_size")
    if (check_body and version >= 2 and isinstance(size, int)
            and len(body_bytes) < size + 1 and not body_bytes.endswith(b"\n")):
        raise SaveError(_("the file is truncated: {present} of {size} bytes of its body are "
                          "there").format_map(localized_params({"present": len(body_bytes),
                                                                "size": size + 1})))
    if not body_bytes.endswith(b"\n") or body_bytes.count(b"\n") != 1:
        if body_bytes.count(b"\n") == 0:
            raise SaveError(_("the file is truncated: its last line is incomplete"))
        raise SaveError(_("the file is damaged: it has more than two lines"))
    body_line = body_bytes[:-1]
    body_ok = sha256(body_line) == header["body_sha256"] and (
        version < 2 or size == len(body_line))
    if not body_ok and check_body:
        raise SaveError(_("the file is damaged or was edited: the body checksum does not "
                          "match"))
    body = parse_json(body_line, "body")
    _check(isinstance(body, dict), N_("the file is damaged: its body is not an object"))
    if body_ok:
        _check(canonical(body) == body_line,
               N_("the file is damaged or was edited: the body is not in its saved form"))
    doc = SaveDocument(header, body, None if version == FORMAT_VERSION else version, body_ok)
    _migrate(doc, version)
    _validate(doc)
    return doc


# ------------------------------------------------------------------ migration

def _migrate(doc: SaveDocument, version: int) -> None:
    """Bring an older document up to the current version, in place, step by step."""
    if version == 1:
        _migrate_1_to_2(doc)
        version = 2
    if version == 2:  # format 3 added the advisor's suggestions; none were asked before
        doc.body.setdefault("advice", [])
        version = 3
    doc.header["format_version"] = FORMAT_VERSION


def migrate_header(header: dict[str, Any]) -> dict[str, Any]:
    """Fill, in place, the header fields format 1 did not have (for `read_header`)."""
    header.setdefault("sides", dict(DEFAULT_SIDES))
    header.setdefault("note", None)
    header.setdefault("parent", None)
    turn = header.get("turn")
    header.setdefault("turns_played", turn - 1 if isinstance(turn, int) else 0)
    return header


def _migrate_1_to_2(doc: SaveDocument) -> None:
    """Format 1 (the development layout) had no header checksum, body size, sides, note,
    parent or turns_played; its records had no reason or rationales; no pending reason."""
    h, b = doc.header, doc.body
    records = b.get("records")
    if isinstance(records, list):
        h.setdefault("turns_played", len(records))
        for record in records:
            if isinstance(record, dict):
                record.setdefault("reason", None)
                record.setdefault("rationales", {})
    migrate_header(h)
    b.setdefault("pending_reason", None)


# ------------------------------------------------------------------ validation

def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _validate(doc: SaveDocument) -> None:
    """Types and cross-checks of a decoded document (a hand-made or buggy file)."""
    h, b = doc.header, doc.body
    scen = b.get("scenario")
    _check(isinstance(scen, dict) and isinstance(scen.get("text"), str)
           and isinstance(scen.get("id"), str),
           N_("the file is damaged: the embedded scenario is missing"))
    assert isinstance(scen, dict)
    text_hash = sha256(scen["text"].encode("utf-8", "surrogatepass"))
    _check(scen.get("sha256") == text_hash,
           N_("the file is damaged: the embedded scenario does not match its hash"))
    hs = h.get("scenario")
    _check(isinstance(hs, dict) and hs.get("sha256") == text_hash and hs.get("id") == scen["id"],
           N_("the file is damaged: the header names another scenario than the one embedded"))
    _check(_is_int(b.get("seed")) and b.get("seed") == h.get("seed"),
           N_("the file is damaged: the seed is missing or differs between header and body"))
    _check(_is_int(b.get("rng")),
           N_("the file is damaged: the random generator's state is missing"))
    state = b.get("state")
    _check(isinstance(state, dict) and state.get("rng") == b["rng"],
           N_("the file is damaged: the current state is missing"))
    assert isinstance(state, dict)
    records = b.get("records")
    _check(isinstance(records, list), N_("the file is damaged: the order log is missing"))
    assert isinstance(records, list)
    for i, r in enumerate(records, start=1):
        _check(isinstance(r, dict) and r.get("turn") == i,
               N_("the file is damaged: turn {turn} of the order log is out of sequence"),
               turn=i)
        orders = r.get("orders")
        _check(isinstance(orders, dict) and set(orders) <= set(SIDES) and all(
            isinstance(v, list) and all(isinstance(o, str) for o in v)
            for v in orders.values()),
            N_("the file is damaged: turn {turn} of the order log has malformed orders"),
            turn=i)
        _check(r.get("reason") is None or isinstance(r.get("reason"), str),
               N_("the file is damaged: turn {turn} of the order log has a malformed reason"),
               turn=i)
        _check(isinstance(r.get("digest"), str),
               N_("the file is damaged: turn {turn} of the order log has no checksum"), turn=i)
        rats = r.get("rationales")
        _check(isinstance(rats, dict) and all(
            isinstance(k, str) and " " in k and isinstance(v, str) for k, v in rats.items()),
            N_("the file is damaged: turn {turn} of the order log has malformed rationales"),
            turn=i)
    _check(_is_int(state.get("turn")) and state.get("turn") == h.get("turn"),
           N_("the file is damaged: the turn differs between header and state"))
    pending = state.get("pending")
    _check(isinstance(pending, dict) and all(
        isinstance(pending.get(side, []), list) for side in SIDES),
        N_("the file is damaged: the queued orders are malformed"))
    advice = b.get("advice", [])  # absent: none asked (a hand-made format-3 file)
    _check(isinstance(advice, list) and all(
        isinstance(a, dict) and _is_int(a.get("turn")) and isinstance(a.get("reasons"), str)
        and isinstance(a.get("orders"), list) and all(isinstance(o, str) for o in a["orders"])
        for a in advice), N_("the file is damaged: the advisor's suggestions are malformed"))
    pr = b.get("pending_reason")
    _check(pr is None or isinstance(pr, str),
           N_("the file is damaged: the reason being written is malformed"))
    sides = h.get("sides")
    _check(isinstance(sides, dict) and all(isinstance(v, str) for v in sides.values()),
           N_("the file is damaged: the sides are malformed"))
    _check(h.get("note") is None or isinstance(h.get("note"), str),
           N_("the file is damaged: the note is malformed"))
    parent = h.get("parent")
    _check(parent is None or (isinstance(parent, dict) and isinstance(parent.get("save"), str)
                              and (parent.get("turn") is None or _is_int(parent.get("turn")))),
           N_("the file is damaged: the parent save is malformed"))


# ------------------------------------------------------------------ rebuilding the game

_SCENARIO_CACHE: dict[str, Scenario] = {}
# The exact text each Scenario object was compiled from, when known (see store.py).
SCENARIO_TEXTS: weakref.WeakKeyDictionary[Scenario, str] = weakref.WeakKeyDictionary()


def compile_scenario(text: str, text_hash: str) -> Scenario:
    """The embedded scenario, validated like a file (cached by content hash)."""
    cached = _SCENARIO_CACHE.get(text_hash)
    if cached is not None:
        return cached
    from ..scenario.load import check_bytes

    report = check_bytes(text.encode("utf-8", "surrogatepass"), "<save>")
    if report.scenario is None:
        first = report.lines()[0] if report.lines() else _("it does not validate")
        raise SaveError(_("the scenario embedded in the save no longer loads with this "
                          "version of wargame ({problem})").format(problem=first))
    remember_compiled(text, report.scenario)
    return report.scenario


def remember_compiled(text: str, scenario: Scenario) -> None:
    """Record that `text` compiles to `scenario` (it was just loaded from that text)."""
    if len(_SCENARIO_CACHE) >= 8:
        _SCENARIO_CACHE.pop(next(iter(_SCENARIO_CACHE)))
    _SCENARIO_CACHE[sha256(text.encode("utf-8"))] = scenario
    SCENARIO_TEXTS[scenario] = text


def _phrases(field: str, texts: dict[str, str]) -> dict[str, Any]:
    """`{field: {key: phrase data}}` for the texts that are engine phrases, so a save read
    back writes the bots' and the advisor's reasons in the reader's language (the English
    sentence stays beside it, and wins whenever the two disagree); nothing when none is.
    The advice's single text is keyed "" and saved as the phrase itself."""
    found = {key: data for key, text in texts.items()
             if (data := phrase.to_data(text)) is not None}
    if not found:
        return {}
    return {field: found[""] if set(found) == {""} else found}


def _rationales(record: dict[str, Any]) -> dict[str, str]:
    saved = record.get("rationale_phrases")
    texts = dict(record.get("rationales", {}))
    if not isinstance(saved, dict):
        return texts
    return {key: phrase.from_data(saved.get(key), text) for key, text in texts.items()}


def turn_records(doc: SaveDocument) -> list[TurnRecord]:
    return [TurnRecord(r["turn"], {side: list(r["orders"].get(side, [])) for side in SIDES},
                       r.get("reason"), r["digest"], [], _rationales(r))
            for r in doc.body["records"]]


def rebuild(doc: SaveDocument, *, upto: int | None = None, verify: bool = True) -> Game:
    """Replay the order log from the seed, checking every turn's digest, then the queued
    orders and the current state. `upto` stops at the start of that turn (a branch)."""
    scen = doc.body["scenario"]
    scenario = compile_scenario(scen["text"], scen["sha256"])
    version = doc.header.get("game_version")
    try:
        game = Game.replay(scenario, doc.body["seed"], turn_records(doc), verify=verify,
                           upto=upto)
    except ReplayDivergence as exc:
        if version != game_version():
            raise SaveError(_("the order log does not replay: {problem} (saved by wargame "
                              "{saved}, this is {current}; the rules differ)").format(
                problem=divergence_text(exc), saved=version, current=game_version())) from None
        raise SaveError(_("the order log does not replay: {problem}").format(
            problem=divergence_text(exc))) from None
    except (ValueError, KeyError, IndexError, TypeError) as exc:
        raise SaveError(_("the order log does not replay: {problem}").format(problem=exc)
                        ) from None
    game.advice = [{"turn": a["turn"], "orders": a["orders"],
                    "reasons": phrase.from_data(a.get("reasons_phrase"), a["reasons"])}
                   for a in doc.body.get("advice", []) if upto is None or a["turn"] < upto]
    if upto is not None:
        return game
    pending = doc.body["state"].get("pending", {})
    for side in SIDES:
        for text in pending.get(side, []):
            try:
                game.queue(side, Order.parse(text))
            except (OrderSyntaxError, IllegalOrder) as exc:
                raise SaveError(_("the queued order '{order}' is not possible: {problem}"
                                  ).format(order=text, problem=error_text(exc))) from None
    if verify and canonical(game.state.to_dict()) != canonical(doc.body["state"]):
        raise SaveError(_("the saved position does not match its order log (the file was "
                          "edited, or saved by a version whose rules differ)"))
    return game


__all__ = [
    "DEFAULT_SIDES", "FORMAT", "FORMAT_VERSION", "MAX_REASON_CHARS", "SCENARIO_TEXTS",
    "SaveDocument", "SaveError", "canonical", "clean_text", "compile_scenario", "decode",
    "document", "encode", "game_version", "migrate_header", "parse_header", "rebuild",
    "remember_compiled", "sha256", "turn_records",
]
