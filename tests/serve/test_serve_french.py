"""`wargame serve --lang fr`: the seminar's pages speak the language of its games (the
games themselves are the TUI, in French: see tests/tui/test_tui_i18n.py)."""

from __future__ import annotations

import html
from pathlib import Path

from serve_helpers import http_get, serving

TOKEN = "a-token-for-the-french-room"


def test_the_served_pages_are_in_french(tmp_path: Path) -> None:
    with serving(tmp_path, "--lang", "fr", "--instructor-token", TOKEN) as served:
        status, page = http_get(served.url)
        page = html.unescape(page)
        assert status == 200
        assert '<html lang="fr">' in page
        assert "wargame · séminaire" in page and "Démarrage…" in page
        assert "Rouvrir" in page and "Votre partie est sauvegardée" in page
        for english in ("Starting", "Open again", "Your game is saved", "· seminar"):
            assert english not in page, english
        status, refused = http_get(f"{served.url}instructor")
        assert status == 403 and refused.startswith("403 Interdit")
        status, page = http_get(f"{served.url}instructor?token={TOKEN}")
        assert status == 200 and "la vue de l'enseignant" in html.unescape(page)


def test_the_served_pages_stay_english_by_default(tmp_path: Path) -> None:
    with serving(tmp_path, "--lang", "en") as served:
        status, page = http_get(served.url)
        assert status == 200 and '<html lang="en">' in page
        assert "wargame · seminar" in page and "Starting…" in page and "Open again" in page
