"""The pseudo-locale: every message of the catalogue shown between ⟦markers⟧, so English
left outside them is a string that skips gettext. Checked: the title (with its briefing),
help, game over, the board (its goals too) and the advisor, the turn report (every fold
open, the AI's rationales too) and a whole game in plain mode (status, a refused order,
the advisor).

A template's placeholders are left outside its markers (`⟦Çöñvöý öñ ⟧{road}`), so what
fills them must be marked on its own: an English param (an order refusal's reason, a
road's label, a goal's phrase) shows up. Scenario text is marked too (its translation is
the scenario's, not the catalogue's); a quotation (“…”, « … ») and an article's file name
are left as they are, on purpose. Dates and numbers are written by Babel for a locale
whose words are not in Latin letters, so an English date that skipped it shows."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Button, Label, OptionList, Static
from tui_helpers import game_before_last_turn, make_app, settle, sync, text_of

from wargame import i18n
from wargame.engine.localtext import LocalText
from wargame.i18n import set_language
from wargame.i18n_tools import PSEUDO, pseudo_text, write_pseudo
from wargame.tui.app import WargameApp

# Names that are the same in every language: the game's, acronyms, places, a key.
NAMES = {"wargame", "JNIM", "FAMa", "CFA", "Bamako", "Kati", "Africa", "Corps", "Mali", "SVG",
         "ctrl"}


@pytest.fixture(autouse=True)
def pseudo(tmp_path_factory: pytest.TempPathFactory,
           monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    folder = tmp_path_factory.mktemp("locale")
    write_pseudo(folder)
    set_language(PSEUDO, folder)
    # Babel does not know the pseudo-locale: dates and numbers in Russian, no Latin words.
    monkeypatch.setattr(i18n, "_babel_locale", lambda: "ru")
    original = LocalText.in_language
    monkeypatch.setattr(LocalText, "in_language",
                        lambda self, language: pseudo_text(original(self, language)))
    yield
    set_language("en")


def leaks(text: str) -> list[str]:
    """English words outside the markers (and outside quotations and file names)."""
    text = re.sub(r"⟦[^⟧]*⟧", " ", text)
    text = re.sub(r"“[^”]*”|«[^»]*»|\"[^\"]*\"", " ", text)
    text = re.sub(r"\b\d{3}_[0-9a-f]{16}\.txt\b", " ", text)
    return [w for w in re.findall(r"[A-Za-z]{3,}", text) if w not in NAMES]


def shown(screen: Any, skip: tuple[str, ...] = ()) -> str:
    parts = [text_of(w) for w in screen.query(Static) if w.id not in skip
             and not isinstance(w, Button)]
    parts += [str(w.render()) for w in screen.query(Label)]
    parts += [str(b.label) for b in screen.query(Button)]
    # scenario ids, and each language named in itself, are the same in every language
    parts += [str(o.prompt) for ol in screen.query(OptionList)
              if ol.id not in ("scenario-list", "language")
              for o in ol.options]
    parts += [b.description for _key, bindings in screen._bindings.key_to_bindings.items()
              for b in bindings]
    return "\n".join(parts)


@sync
async def test_title_and_help_have_no_english_outside_the_markers(tmp_path: Path) -> None:
    app = WargameApp(saves_dir=tmp_path)
    async with app.run_test(size=(110, 34)) as pilot:
        await settle(pilot)
        found = leaks(unmarked(shown(app.screen)))
        assert found == [], found
        await pilot.press("question_mark")
        await settle(pilot)
        found = leaks(shown(app.screen))
        assert found == [], found


@sync
async def test_game_over_has_no_english_outside_the_markers(tmp_path: Path) -> None:
    app = make_app(tmp_path, game=game_before_last_turn())
    async with app.run_test(size=(110, 40)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "GameOverScreen"
        found = leaks(shown(app.screen))
        assert found == [], found


# ------------------------------------------------------------------ plain mode, a whole game

# What plain mode may show in English, on purpose: the words a player types (order text
# forms, ids of towns, roads, regions, a scripted event's id named with its order, the
# reason the player gives for a turn), which are the same in every language.
REASON = "hold the roads"


def unmarked(text: str) -> str:
    """`text` without its marked parts, innermost first (a scenario name inside a
    message), nor a marked name cut short by a table's column."""
    previous = None
    while previous != text:
        previous, text = text, re.sub(r"⟦[^⟦⟧]*⟧", " ", text)
    return re.sub(r"⟦[^⟧\n]*?(?=\s{2}|$)", " ", text, flags=re.M)


def typed_words() -> set[str]:
    """The words of the commands a player types: order kinds and the scenario's ids (a
    scripted order that did not take place names its event by id)."""
    from wargame.engine.orders import ESCORT_LEVELS, ORDER_KINDS
    from wargame.scenario.load import load_scenario
    from wargame.scenario.shipped import shipped_scenarios

    path = next(p for p in shipped_scenarios() if p.stem == "bamako-blockade-2025")
    sc = load_scenario(path)
    ids = [*ORDER_KINDS, *ESCORT_LEVELS, *sc.towns, *sc.regions, *sc.routes, *sc.corridors,
           *(e.id for e in sc.spec.events), REASON]
    return {w for i in ids for w in re.findall(r"[A-Za-z]+", i)}


def plain_leaks(text: str) -> list[str]:
    allowed = NAMES | typed_words()
    return [w for w in leaks(unmarked(text)) if w not in allowed]


def test_a_whole_plain_game_has_no_english_outside_the_markers() -> None:
    import io

    from wargame.plain import play_plain
    from wargame.scenario.load import load_scenario
    from wargame.scenario.shipped import shipped_scenarios

    path = next(p for p in shipped_scenarios() if p.stem == "bamako-blockade-2025")
    out = io.StringIO()
    # refused: an order of the other side, a town that is not besieged, an unknown word
    commands = ("help\nstatus\nmap\norders\nescort dakar heavy\nundo\nundo\nhelp escort\n"
                "ambush bamako-kati\nrelieve kati\nescort dakar\nadvise\nundo\n"
                f"help isolation\nwhy cohesion\nreason {REASON}\n"
                + "end\nwhy cohesion\nwhy support segou\nwhy fuel\n" * 30 + "save\n")
    play_plain(load_scenario(path), seed=1, stdin=io.StringIO(commands), stdout=out,
               autosave=False)
    text = out.getvalue()
    assert pseudo_text("GAME OVER: {ending}").split("{ending}")[0] in text
    for shown_too in ("Goals (the scenario's endings, in the order they are tested):",
                      "Not possible: {error}. Type 'orders' for the list or 'help'.",
                      "Why: {label}: {reasons}."):
        assert pseudo_text(shown_too).split("{")[0] in text, shown_too
    found = sorted(set(plain_leaks(text)))
    assert found == [], found


# ------------------------------------------------------------------ the board and the report

# The map draws names only (checked by test_tui_i18n's map test).
AI_RATIONALE = (pseudo_text("Why (JNIM's AI): "), pseudo_text("Why (the bot): "))


@sync
async def test_the_board_and_the_turn_report_have_no_english_outside_the_markers(
        tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(140, 42)) as pilot:
        await settle(pilot)
        allowed = NAMES | typed_words()
        board = unmarked(shown(app.screen))
        found = sorted({w for w in leaks(board) if w not in allowed})
        assert found == [], found
        await pilot.press("i")           # the advisor: its orders and the planner's reasons
        await settle(pilot)
        assert type(app.screen).__name__ == "AdvisorScreen"
        found = sorted({w for w in leaks(unmarked(shown(app.screen))) if w not in allowed})
        assert found == [], found
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("o", "enter")
        await settle(pilot)
        app.clear_notifications()
        await pilot.press("e")
        await settle(pilot)
        assert type(app.screen).__name__ == "ReportScreen"
        await pilot.press("x")           # every fold open: the regions' causes too
        await settle(pilot)
        shown_report = shown(app.screen)
        assert any(why.rstrip() in shown_report for why in AI_RATIONALE)   # checked too
        report = unmarked(shown_report)
        found = sorted({w for w in leaks(report) if w not in allowed})
        assert found == [], found
