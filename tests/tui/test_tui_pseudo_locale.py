"""The pseudo-locale: every message of the catalogue shown between ⟦markers⟧, so English
left outside them is a string that skips gettext. This phase checks the screens whose
strings are wrapped (title, help, game over, the dialogs' bindings); the board, the turn
report and plain mode join when they are wrapped.

Scenario text is marked too (its translation is the scenario's, not the catalogue's); a
quotation (“…”, « … ») and an article's file name are left as they are, on purpose."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Button, Label, OptionList, Static
from tui_helpers import game_before_last_turn, make_app, settle, sync, text_of

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
        # the briefing's "how the game ends" is worded by the engine (wrapped later)
        found = leaks(shown(app.screen, skip=("briefing",)))
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
