"""The save format: identical bytes on save/load/save, the header on its own, versions,
migration, and a property test of encoding."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wargame.engine import Order, Scenario
from wargame.engine.game import Game
from wargame.engine.safetext import is_unsafe
from wargame.saves import FORMAT_VERSION, SaveError, load_save, read_header, save_game
from wargame.saves.format import (
    SaveDocument,
    canonical,
    decode,
    document,
    encode,
    sha256,
)

Player = Callable[..., Game]


def test_save_load_save_gives_identical_bytes_at_every_turn(
        tmp_path: Path, main_scenario: tuple[Scenario, str], player: Player) -> None:
    scenario, text = main_scenario
    game = Game.new(scenario, 11)
    turn = 0
    while True:
        first = save_game(game, tmp_path / f"t{turn}.json", scenario_text=text)
        loaded = load_save(first)
        again = loaded.save(tmp_path / f"t{turn}-again.json")
        assert first.read_bytes() == again.read_bytes(), f"turn {turn}"
        assert loaded.game.state.digest() == game.state.digest()
        assert [r.reason for r in loaded.game.records] == [r.reason for r in game.records]
        assert [r.rationales for r in loaded.game.records] == [r.rationales
                                                                for r in game.records]
        if game.over:
            break
        player(scenario, 11, 1, game=game)
        turn += 1
    assert turn >= 3
    header = read_header(first)
    assert header["outcome"]["id"] == game.state.outcome
    assert header["turns_played"] == turn


def test_mid_turn_save_keeps_queued_orders_and_the_reason_being_written(
        tmp_path: Path, main_scenario: tuple[Scenario, str]) -> None:
    scenario, text = main_scenario
    game = Game.new(scenario, 3)
    game.queue("junta", Order.parse("escort dakar heavy"))
    game.queue("junta", Order.parse("ration"))
    path = save_game(game, tmp_path / "mid.json", scenario_text=text,
                     pending_reason="Fuel first", note="line one\nline two")
    loaded = load_save(path)
    assert [str(o) for o in loaded.game.state.queued("junta")] == ["escort dakar heavy",
                                                                   "ration"]
    assert loaded.pending_reason == "Fuel first"
    assert loaded.note == "line one\nline two"
    assert loaded.save(tmp_path / "again.json").read_bytes() == path.read_bytes()


def test_header_is_the_first_line_and_reads_alone(
        tmp_path: Path, main_scenario: tuple[Scenario, str], whole_game: Game) -> None:
    path = save_game(whole_game, tmp_path / "g.json", scenario_text=main_scenario[1],
                     note="Seminar 3", parent="handout.json", branch_turn=4,
                     sides={"junta": "team A", "insurgency": "doctrine"})
    head, body, tail = path.read_bytes().split(b"\n")
    assert tail == b""
    header = read_header(path)
    assert header == json.loads(head)
    for key in ("format_version", "game_version", "scenario", "seed", "sides", "turn", "date",
                "outcome", "parent", "note", "body_sha256"):
        assert key in header
    assert header["format_version"] == FORMAT_VERSION
    assert header["scenario"]["id"] == "bamako-blockade-2025"
    assert header["scenario"]["sha256"] == sha256(main_scenario[1].encode())
    assert header["parent"] == {"save": "handout.json", "turn": 4}
    assert header["sides"]["junta"] == "team A"
    # read_header never looks past the first line: a ruined body does not matter to it
    path.write_bytes(head + b"\n" + b"\x00garbage")
    assert read_header(path) == header
    with pytest.raises(SaveError):
        load_save(path)
    data = json.loads(body)
    assert data["scenario"]["text"] == main_scenario[1]
    assert len(data["records"]) == len(whole_game.records)
    assert all(len(r["digest"]) == 16 for r in data["records"])
    assert data["rng"] == whole_game.state.rng


def test_newer_format_is_refused_with_a_clear_message(
        tmp_path: Path, main_scenario: tuple[Scenario, str]) -> None:
    scenario, text = main_scenario
    doc = document(Game.new(scenario, 1), text)
    raw = encode(doc)
    head = json.loads(raw.split(b"\n")[0])
    head["format_version"] = FORMAT_VERSION + 1
    del head["header_sha256"]
    head["header_sha256"] = sha256(canonical(head))
    path = tmp_path / "future.json"
    path.write_bytes(canonical(head) + b"\n" + raw.split(b"\n")[1] + b"\n")
    for read in (load_save, read_header):
        with pytest.raises(SaveError, match="newer wargame"):
            read(path)


def v1_bytes(doc: SaveDocument) -> bytes:
    """The same game in format 1 (the development layout: no header checksum, sides, note,
    parent or body size; records without reason or rationales)."""
    body = json.loads(canonical(doc.body))
    for record in body["records"]:
        del record["reason"], record["rationales"]
    del body["pending_reason"]
    body_line = canonical(body)
    header = {k: v for k, v in doc.header.items()
              if k not in ("sides", "note", "parent", "turns_played")}
    header["format_version"] = 1
    header["body_sha256"] = sha256(body_line)
    return canonical(header) + b"\n" + body_line + b"\n"


def test_format_1_is_migrated(tmp_path: Path, main_scenario: tuple[Scenario, str],
                              player: Player) -> None:
    scenario, text = main_scenario
    game = player(scenario, 5, 4, reasons=False)
    game.records = [type(r)(r.turn, r.orders, None, r.digest, r.events, {})
                    for r in game.records]
    old = tmp_path / "old.json"
    old.write_bytes(v1_bytes(document(game, text)))
    assert read_header(old)["sides"] == {"junta": "player", "insurgency": "doctrine"}
    loaded = load_save(old)
    assert loaded.migrated_from == 1
    assert loaded.game.state.digest() == game.state.digest()
    new = loaded.save(tmp_path / "new.json")
    assert read_header(new)["format_version"] == FORMAT_VERSION
    assert new.read_bytes() == encode(document(game, text))


# ------------------------------------------------------------------ property test

# What a save holds: every text a player types is cleaned (`clean_text`) before it is stored.
TEXT = st.text(st.characters(exclude_categories=("Cs", "Cc")).filter(lambda c: not is_unsafe(c))
               | st.sampled_from("\n\t"), max_size=60)


@st.composite
def documents(draw: st.DrawFn) -> SaveDocument:
    """Arbitrary documents of the right shape: free text anywhere a player types."""
    turns = draw(st.integers(0, 4))
    records = [{
        "turn": i + 1,
        "orders": {"junta": draw(st.lists(TEXT, max_size=3)),
                   "insurgency": draw(st.lists(TEXT, max_size=3))},
        "reason": draw(st.none() | TEXT),
        "digest": draw(st.text("0123456789abcdef", min_size=16, max_size=16)),
        "rationales": draw(st.dictionaries(TEXT.map(lambda t: "insurgency " + t), TEXT,
                                           max_size=2)),
    } for i in range(turns)]
    scenario_text = draw(st.text(max_size=200))
    text_hash = sha256(scenario_text.encode())
    seed = draw(st.integers(-(2**63), 2**63))
    rng = draw(st.integers(0, 2**64 - 1))
    state = {"rng": rng, "turn": turns + 1, "pending": {"junta": [], "insurgency": []},
             "x": draw(st.dictionaries(TEXT, st.integers(), max_size=3))}
    header = {"game_version": "0.1.0", "seed": seed, "turn": turns + 1, "turns": 26,
              "turns_played": turns,
              "scenario": {"id": draw(TEXT), "title": draw(TEXT), "sha256": text_hash},
              "sides": {"junta": draw(TEXT), "insurgency": draw(TEXT)},
              "date": "2025-09-01", "outcome": None, "note": draw(st.none() | TEXT),
              "parent": draw(st.none() | st.fixed_dictionaries(
                  {"save": TEXT, "turn": st.none() | st.integers(1, 30)}))}
    body = {"scenario": {"id": header["scenario"]["id"], "sha256": text_hash,
                         "text": scenario_text},
            "seed": seed, "records": records, "rng": rng, "state": state,
            "pending_reason": draw(st.none() | TEXT)}
    return SaveDocument(header, body)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=documents(), data=st.data())
def test_format_round_trips_and_refuses_any_damage(doc: SaveDocument,
                                                   data: st.DataObject) -> None:
    raw = encode(doc)
    assert raw.count(b"\n") == 2 and raw.endswith(b"\n")
    back = decode(raw)
    assert back.body == json.loads(canonical(doc.body))
    assert {k: v for k, v in back.header.items()
            if k not in ("format", "format_version", "body_size", "body_sha256",
                         "header_sha256")} == json.loads(canonical(doc.header))
    assert encode(back) == raw
    # any truncation and any single changed byte is refused, with a message
    cut = data.draw(st.integers(0, len(raw) - 1), label="cut")
    with pytest.raises(SaveError) as exc:
        decode(raw[:cut])
    assert str(exc.value)
    at = data.draw(st.integers(0, len(raw) - 1), label="at")
    value = data.draw(st.integers(0, 255).filter(lambda b: b != raw[at]), label="byte")
    changed = raw[:at] + bytes([value]) + raw[at + 1:]
    with pytest.raises(SaveError) as exc:
        decode(changed)
    assert str(exc.value)
