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


def _scenario_with(tmp_path: Path, name: str, old: str, new: str) -> Path:
    """The main scenario with one edit: a file with exactly one known problem."""
    text = (ROOT / "scenarios" / "bamako-blockade-2025.yaml").read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / f"{name}.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def _validate(path: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> list[str]:
    main(["validate", *extra, str(path)])
    return capsys.readouterr().out.replace("\u00a0", " ").splitlines()


KATI = '{id: kati, name: {en: Kati, fr: "Kati"}'
BROKEN = {
    # name: (old text, new text, English first line's message, French one, code)
    "syntax": ("  id: bamako-blockade-2025\n", "  id: {bamako-blockade-2025\n",
               "never closed with '}'", "n'est jamais fermé par '}'", "E0105"),
    "duplicate": ("  days_per_turn: 7", "  days_per_turn: 8  # est: a second week length, "
                  "written twice on purpose\n  days_per_turn: 7",
                  "duplicate key 'days_per_turn' (first defined at line 39)",
                  "clé 'days_per_turn' en double (définie d'abord à la ligne 39)", "E0107"),
    "unknown-field": ("meta:\n", "meta:\n  bogus: 3  # est: a field no scenario has, for the "
                      "test\n", "unknown field 'bogus'", "champ inconnu : 'bogus'", "E0201"),
    "reference": ("region: koulikoro, kind: city", "region: nowhere, kind: city",
                  "unknown region 'nowhere'", "région inconnue 'nowhere'", "E0301"),
    "bare-number": (KATI + ", region: koulikoro, kind: city, lat: 12.74",
                    KATI + ", region: koulikoro, kind: city, lat: 12.75",
                    None, None, None),
    "unsafe": (KATI, '{id: kati, name: {en: Kati, fr: "Ka\u202eti"}',
               "U+202E (RIGHT-TO-LEFT OVERRIDE) at character 3 is not allowed in a name",
               "le caractère U+202E (RIGHT-TO-LEFT OVERRIDE), en position 3, n'est pas permis "
               "dans un nom", "E0200"),
    "look-alike": ("kind: city, lat: 12.74", "kind: city\u200b, lat: 12.74",
                   "(it contains an invisible character, U+200B ZERO WIDTH SPACE, at "
                   "character 5)", "(présence d'un caractère invisible, U+200B ZERO WIDTH "
                   "SPACE, en position 5)", "E0204"),
}


@pytest.mark.parametrize("name", [n for n, case in BROKEN.items() if case[2] is not None])
def test_broken_files_are_explained_in_french_at_the_same_place(
        name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "cache"))
    old, new, english, french, code = BROKEN[name]
    path = _scenario_with(tmp_path, name, old, new)
    en = _validate(path, capsys)
    fr = _validate(path, capsys, "--lang", "fr")
    assert english in en[0] and french in fr[0], (en[0], fr[0])
    # The same `file:line:col: severity: path:` head, the same excerpt, the same code.
    assert en[0].split(": ", 3)[:3] == fr[0].split(": ", 3)[:3]
    assert en[1:4] == fr[1:4] and code in fr[3]
    helps = [line for line in fr if "= help:" in line]
    for line in helps:     # the help lines are French too (no English sentence left)
        assert not any(w in line for w in (" the ", " it ", " or ", "add ", "valid ")), line


def test_a_bare_estimate_and_a_bare_number_in_french(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]
                                                     ) -> None:
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "cache"))
    days = ("  days_per_turn: 7  # src: 004_d40ffa60bce7b676.txt \"blockade since September\" "
            "(the start date); est: one turn a week, the time step of the design brief "
            "(GAME.md), fine enough to follow convoys week by week")
    label = _scenario_with(tmp_path, "label", days, "  days_per_turn: 7  # est: tuned")
    out = "\n".join(_validate(label, capsys, "--lang", "fr", "--strict"))
    assert "la raison de l'estimation 'tuned' n'est qu'une étiquette (1 mot ; au moins 4)" \
        in out and "W0502" in out
    bare = _scenario_with(tmp_path, "bare", days, "  days_per_turn: 7")
    out = "\n".join(_validate(bare, capsys, "--lang", "fr"))
    assert "nombre sans marque de source ni d'estimation (terminez la ligne par '# src: " \
        "<article>' ou '# est: <raison>')" in out and "W0501" in out


def test_a_bad_setting_is_reported_in_french(capsys: pytest.CaptureFixture[str],
                                             monkeypatch: pytest.MonkeyPatch,
                                             tmp_path: Path) -> None:
    scenario = str(ROOT / "scenarios" / "tutorial.yaml")
    # A language the game does not speak: said in the locale's language (here French)...
    monkeypatch.setenv("WARGAME_LANG", "xx")
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    assert main(["validate", scenario]) == 2
    err = capsys.readouterr().err.replace("\u00a0", " ")
    assert err == ("wargame: variable d'environnement WARGAME_LANG='xx' : n'est pas une langue "
                   "que le jeu parle (au choix : en, fr) (corrigez-la ou supprimez-la : unset "
                   "WARGAME_LANG)\n")
    # ... else in English, byte for byte as before.
    monkeypatch.setenv("LANG", "C")
    assert main(["validate", scenario]) == 2
    assert capsys.readouterr().err == (
        "wargame: environment variable WARGAME_LANG='xx': is not a language the game speaks "
        "(one of: en, fr) (fix it or unset it: unset WARGAME_LANG)\n")
    assert main(["validate", "--lang", "xx", scenario]) == 2
    assert capsys.readouterr().err == (
        "wargame: --lang 'xx': is not a language the game speaks (one of: en, fr)\n")
    # Any other setting, once the language is chosen, in that language.
    monkeypatch.delenv("WARGAME_LANG")
    a_file = tmp_path / "file"
    a_file.write_text("x", encoding="utf-8")
    monkeypatch.setenv("WARGAME_SAVES", str(a_file))
    assert main(["play", "--plain", "--lang", "fr", "tutorial"]) == 2
    err = capsys.readouterr().err.replace("\u00a0", " ")
    assert "variable d'environnement WARGAME_SAVES=" in err
    assert "n'est pas un dossier (un fichier de ce nom existe)" in err


@pytest.mark.parametrize("condition, english, french", [
    ("{type: track, track: turn, op: gt, value: 30}  # est: a test condition only",
     "track 'turn' gt 30 cannot hold: the game has 8 turns",
     "la condition la jauge 'turn' gt 30 ne peut pas être remplie : la partie compte 8 tours"),
    ("{type: all, conditions: [{type: track, track: fuel_days, op: lt, value: 3}, "
     "{type: track, track: fuel_days, op: ge, value: 9}]}  # est: a test condition only",
     "its conditions on track 'fuel_days' contradict each other (lt 3 and ge 9)",
     "ses conditions sur la jauge 'fuel_days' se contredisent (lt 3 et ge 9)"),
    ("{type: flag, flag: evacuation_advice}", "flag 'evacuation_advice' is never set",
     "le drapeau 'evacuation_advice' n'est jamais levé"),
])
def test_the_linter_explains_in_french(condition: str, english: str, french: str) -> None:
    from wargame.scenario.load import check_bytes
    from wargame.scenario.template import render_template

    old = "condition: {type: track, track: fuel_days, op: lt, value: 7}  # est: a week of " \
          "stock left"
    text = render_template("lint-case", "../docs/scenario.schema.json")
    assert text.count(old) == 1
    raw = text.replace(old, f"condition: {condition}").encode("utf-8")
    [warning] = check_bytes(raw, "s.yaml").warnings
    assert english in warning.message and warning.code == "W0401"
    set_language("fr")
    [warning] = check_bytes(raw, "s.yaml").warnings
    assert french in warning.message.replace("\u00a0", " ") and warning.code == "W0401"
    assert "queues-in-bamako" in warning.message


def test_check_scenario_reports_in_french(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    tutorial = (ROOT / "scenarios" / "tutorial.yaml").as_posix()
    path = tmp_path / "t.yaml"
    path.write_text(f"scenario: {tutorial}\ngames: 4\nseed: 3\nexpectations:\n"
                    "  - name: \"Jamais d'effondrement\"\n    junta: passive\n"
                    "    metric: outcome_share\n    outcome: regime_collapse\n    op: eq\n"
                    "    value: 0\n"
                    "  - name: \"Median cohesion\"\n    junta: passive\n    metric: track\n"
                    "    track: cohesion\n    stat: median\n    op: ge\n    value: 0\n",
                    encoding="utf-8")
    assert main(["check-scenario", str(path), "--jobs", "1", "--lang", "fr"]) == 0
    out = capsys.readouterr().out.replace("\u00a0", " ").replace("\u202f", " ")
    assert "regime_collapse dans 0 sur 4 parties = 0,00 (IC à 95 % 0,00–" in out
    assert "médiane de cohesion à la fin = " in out
    assert "réussies : 2, échouées : 0 — toutes les attentes sont tenues" in out
    assert "[junte passive, insurrection doctrine]" in out


def test_a_file_that_cannot_be_read_is_reported_in_french(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "folder.yaml"
    folder.mkdir()
    try:
        assert main(["validate", str(folder), "--lang", "fr"]) == 1
    finally:
        set_language("en")
    err = capsys.readouterr()
    text = err.out + err.err
    assert "c'est un dossier, pas un fichier ordinaire" in text and "E0109" in text


def test_new_scenario_refuses_a_bad_id_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    try:
        assert main(["new-scenario", "Bad Id", "--lang", "fr"]) != 0
    finally:
        set_language("en")
    err = capsys.readouterr().err
    assert "n'est pas un identifiant de scénario valable" in err
