"""Which language the interface speaks: --lang, else WARGAME_LANG, else the locale
(LC_ALL, LC_MESSAGES, LANG), else English; a language the game does not speak, asked for
by option or variable, is one line and exit code 2."""

from __future__ import annotations

import subprocess
import sys

import pytest

from wargame.cli import choose_language, main
from wargame.environ import SettingError
from wargame.i18n import available_languages, locale_language


def test_french_and_english_are_available() -> None:
    assert available_languages() == ("en", "fr")


@pytest.mark.parametrize(("option", "environ", "expected"), [
    (None, {}, "en"),
    ("fr", {"WARGAME_LANG": "en", "LANG": "en_US.UTF-8"}, "fr"),
    ("en", {"WARGAME_LANG": "fr"}, "en"),
    (None, {"WARGAME_LANG": "fr", "LANG": "en_GB.UTF-8"}, "fr"),
    (None, {"WARGAME_LANG": "fr_FR.UTF-8"}, "fr"),
    (None, {"WARGAME_LANG": " ", "LANG": "fr_FR.UTF-8"}, "fr"),  # blank is unset
    (None, {"LANG": "fr_FR.UTF-8"}, "fr"),
    (None, {"LANG": "fr_CA"}, "fr"),
    (None, {"LC_MESSAGES": "fr_FR.UTF-8", "LANG": "en_US.UTF-8"}, "fr"),
    (None, {"LC_ALL": "en_US.UTF-8", "LC_MESSAGES": "fr_FR.UTF-8"}, "en"),
    (None, {"LC_ALL": "C", "LANG": "fr_FR.UTF-8"}, "en"),  # LC_ALL decides, C is English
    (None, {"LANG": "de_DE.UTF-8"}, "en"),  # a locale we do not speak: English, silently
])
def test_precedence(option: str | None, environ: dict[str, str], expected: str) -> None:
    assert choose_language(option, environ) == expected


def test_locale_language_reads_posix_variables() -> None:
    assert locale_language({"LANG": "fr_FR.UTF-8@euro"}) == "fr"
    assert locale_language({"LANG": "POSIX"}) is None


@pytest.mark.parametrize(("option", "environ"), [("de", {}), (None, {"WARGAME_LANG": "xx"})])
def test_a_language_we_do_not_speak_is_refused(option: str | None,
                                               environ: dict[str, str]) -> None:
    with pytest.raises(SettingError, match="is not a language the game speaks"):
        choose_language(option, environ)


def test_bad_wargame_lang_is_one_line_and_exit_2(monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("WARGAME_LANG", "klingon")
    assert main(["scenarios"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "WARGAME_LANG" in err and "en, fr" in err


def test_lang_is_accepted_before_and_after_the_subcommand(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "fr", "scenarios"]) == 0
    assert main(["scenarios", "--lang=en"]) == 0
    assert main(["--lang", "de", "scenarios"]) == 2


def test_help_in_french() -> None:
    done = subprocess.run([sys.executable, "-m", "wargame", "--lang", "fr", "--help"],
                          capture_output=True, text=True, env={"PATH": "", "LANG": "C.UTF-8"})
    assert done.returncode == 0
    assert "la langue de l'interface" in done.stdout
    assert "Un wargame pédagogique" in done.stdout
    english = subprocess.run([sys.executable, "-m", "wargame", "--help"], capture_output=True,
                             text=True, env={"PATH": "", "LANG": "C.UTF-8"})
    assert "the interface's language" in english.stdout
