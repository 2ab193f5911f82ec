"""The student's advisor: a legal suggestion, never applied unasked, recorded in the save
(old saves still load), shown in the debrief, available in plain mode."""

from __future__ import annotations

import io
import json
from pathlib import Path

from wargame.ai.advisor import advise, followed, record_advice
from wargame.ai.bots import play_side
from wargame.engine import Order, Scenario, check_order, new_game
from wargame.engine.game import Game
from wargame.plain import play_plain
from wargame.saves import load_save, save_game
from wargame.saves.format import canonical, sha256
from wargame.saves.report import render

BUDGET = 8


def test_advice_is_legal_and_never_applied_unasked(scenario: Scenario) -> None:
    state = new_game(scenario, 3)
    state.pending["junta"].append(Order.parse("info-campaign bamako"))
    before = state.digest()
    advice = advise(state, BUDGET)
    assert state.digest() == before  # the player's queue and the game untouched
    probe = state.clone()
    probe.pending["junta"] = []
    assert advice.orders and advice.reasons and advice.turn == 1
    for text in advice.orders:
        order = Order.parse(text)
        assert check_order(probe, "junta", order) is None
        probe.pending["junta"].append(order)


def test_followed_compares_suggested_and_given() -> None:
    assert followed(["a", "b"], ["b", "a"]) == "all"
    assert followed(["a", "b"], ["a", "c"]) == "some"
    assert followed(["a"], []) == "none"
    assert followed([], []) == "all"


def _game_with_advice(scenario: Scenario) -> Game:
    game = Game.new(scenario, 5)
    for turn in range(2):
        advice = advise(game.state, BUDGET)
        record_advice(game, advice)
        if turn == 0:
            for text in advice.orders:
                game.queue("junta", Order.parse(text))
        play_side(game.state, "insurgency", "doctrine")
        game.end_turn()
    record_advice(game, advise(game.state, BUDGET))  # asked, the turn not played yet
    return game


def test_save_records_advice_and_report_shows_it(scenario: Scenario, tmp_path: Path) -> None:
    game = _game_with_advice(scenario)
    path = save_game(game, tmp_path / "advised.json")
    loaded = load_save(path)
    assert loaded.game.advice == game.advice
    assert [a["turn"] for a in loaded.game.advice] == [1, 2, 3]
    assert loaded.save(tmp_path / "again.json").read_bytes() == path.read_bytes()
    report = render(loaded, "md")
    assert "## The advisor" in report
    assert "followed fully on 1" in report and "(not played yet)" in report
    assert "The advisor" in render(loaded, "html")
    branch = load_save(path, upto=2)
    assert [a["turn"] for a in branch.game.advice] == [1]


def test_format_2_save_loads_without_advice(scenario: Scenario, tmp_path: Path) -> None:
    game = Game.new(scenario, 2)
    play_side(game.state, "insurgency", "doctrine")
    game.end_turn()
    path = save_game(game, tmp_path / "new.json")
    header_line, body_line = path.read_bytes().split(b"\n")[:2]
    header, body = json.loads(header_line), json.loads(body_line)
    del body["advice"]
    body_bytes = canonical(body)
    header = {k: v for k, v in header.items() if k != "header_sha256"}
    header.update(format_version=2, body_size=len(body_bytes), body_sha256=sha256(body_bytes))
    header["header_sha256"] = sha256(canonical(header))
    old = tmp_path / "old.json"
    old.write_bytes(canonical(header) + b"\n" + body_bytes + b"\n")
    loaded = load_save(old)
    assert loaded.game.advice == [] and loaded.game.state.turn == 2


def test_plain_advise_and_accept(scenario: Scenario) -> None:
    out = io.StringIO()
    script = io.StringIO("advise\nstatus\naccept\nend\nquit\n")
    assert play_plain(scenario, seed=4, stdin=script, stdout=out) == 0
    text = out.getvalue()
    assert "Advisor for turn 1" in text and "Why: " in text
    assert "Queued orders (0)" in text   # asking queued nothing
    assert "Queued the advice: " in text and "Turn 2 of 26" in text


def test_a_save_keeps_the_reasons_phrases_for_any_language(scenario: Scenario,
                                                            tmp_path: Path) -> None:
    """The bots' and the advisor's reasons are phrases: a save keeps their templates, so a
    game played in English reports them in French once loaded (and the English stays)."""
    from wargame.ai.bots import insurgency_turn, rationales
    from wargame.i18n import localized, set_language

    game = Game.new(scenario, 5)
    record_advice(game, advise(game.state, BUDGET))
    decisions = insurgency_turn(game.state)
    game.end_turn(None, rationales(decisions))
    path = save_game(game, tmp_path / "reasons.json")
    loaded = load_save(path).game
    saved, played = loaded.records[0].rationales, game.records[0].rationales
    assert saved and {k: str(t) for k, t in saved.items()} == played
    assert str(loaded.advice[0]["reasons"]) == str(game.advice[0]["reasons"])
    try:
        set_language("fr")
        for key, text in saved.items():
            assert localized(text) == localized(played[key]) != str(text)
        french = localized(loaded.advice[0]["reasons"])
        assert french == localized(game.advice[0]["reasons"]) != str(game.advice[0]["reasons"])
    finally:
        set_language("en")


def test_a_tampered_phrase_in_a_save_falls_back_to_its_english(scenario: Scenario,
                                                               tmp_path: Path) -> None:
    from wargame.engine.phrase import Phrase, from_data, to_data

    phrase = Phrase("{count} fighters near {place}", count=3, place="Kati")
    data = to_data(phrase)
    assert from_data(data, str(phrase)) == phrase
    assert from_data(data, str(phrase)).phrase_template == phrase.phrase_template
    hostile = [
        {"t": "{place.__class__}", "p": {"place": "Kati"}},     # attribute access
        {"t": "{count:999999999}", "p": {"count": 3}},          # a huge width
        {"t": "{count!r}", "p": {"count": 3}},                  # a conversion
        {"t": "{other}", "p": {"count": 3}},                    # a missing param
        {"t": "{count}", "p": {"count": [1, 2]}},               # a value no phrase holds
        {"t": "x", "p": {}, "extra": 1},
        "not a phrase", None, 7,
    ]
    for bad in hostile:
        assert type(from_data(bad, "the English")) is str
    # well formed, but not the sentence saved beside it: the English wins
    assert type(from_data(data, "3 fighters near Bamako")) is str
