"""`wargame validate --lang fr`: messages in French, with the same codes, lines and
columns; the scenario cache keeps each language's warnings apart."""

from __future__ import annotations

from pathlib import Path

import pytest

from wargame.cli import main
from wargame.i18n import set_language
from wargame.scenario import cache
from wargame.scenario.load import check_file

ROOT = Path(__file__).resolve().parents[2]
TITLE = '  title: {en: "The Blockade of Bamako, 2025", fr: "Le blocus de Bamako, 2025"}'


@pytest.fixture
def partial(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "cache"))
    text = (ROOT / "scenarios" / "bamako-blockade-2025.yaml").read_text(encoding="utf-8")
    assert TITLE in text
    path = tmp_path / "partial.yaml"
    path.write_text(text.replace(TITLE, '  title: "The Blockade"'), encoding="utf-8")
    return path


def test_validate_speaks_french_with_the_same_codes(partial: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--lang", "fr", str(partial)]) == 0
    french = capsys.readouterr()
    assert "le texte « fr » manque ici" in french.out.replace("\u00a0", " ")
    assert "W0601" in french.out and "ok (1 avertissement)" in french.err.replace("\u00a0", " ")
    assert main(["validate", str(partial)]) == 0
    english = capsys.readouterr()
    assert "the 'fr' text is missing here" in english.out  # not the cached French
    assert english.out.splitlines()[0].split(": warning:")[0] == \
        french.out.splitlines()[0].split(": warning:")[0]


def test_errors_in_french(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: 1\nmeta: {id: x, title: 3}\n", encoding="utf-8")
    assert main(["validate", "--lang", "fr", str(bad)]) == 1
    out = capsys.readouterr().out.replace("\u00a0", " ")
    assert "champ obligatoire manquant : 'map'" in out and "E0202" in out


def test_cache_entries_are_per_language(partial: Path) -> None:
    try:
        set_language("fr")
        assert "manque" in check_file(partial).warnings[0].message
        assert "manque" in check_file(partial).warnings[0].message   # from the cache
    finally:
        set_language("en")
    assert "missing" in check_file(partial).warnings[0].message
