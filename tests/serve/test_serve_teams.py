"""Team names: what is refused and why, one team per name whatever its case or Unicode
form, one folder per team, and no folder outside the class folder, ever."""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wargame.serve.teams import (
    MAX_TEAM_CHARS,
    TeamBusy,
    TeamLock,
    TeamNameError,
    parse_team,
    team_folder,
)


@pytest.mark.parametrize(("typed", "message"), [
    ("../x", "'/' cannot be used"),
    ("..\\x", "'\\' cannot be used"),
    ("/etc/passwd", "'/' cannot be used"),
    ("..", "at least one letter or digit"),
    (".hidden", "starts with a letter or a digit"),
    ("team.", "does not end with a dot"),
    ("CON", "reserved device name"),
    ("con.txt", "reserved device name"),
    ("Lpt1", "reserved device name"),
    ("ＣＯＮ", "reserved device name"),          # full-width letters: NFKC makes it CON
    ("A" * 5000, "5,000 characters long"),
    ("A" * (MAX_TEAM_CHARS + 1), f"at most {MAX_TEAM_CHARS}"),
    ("bell\x07", "control character (U+0007)"),
    ("esc\x1b[2J", "control character (U+001B)"),
    ("nul\x00", "control character (U+0000)"),
    ("abc\u200f", "U+200F RIGHT-TO-LEFT MARK"),
    ("evil\u202etxt", "U+202E RIGHT-TO-LEFT OVERRIDE"),
    ("zero\u200bwidth", "U+200B ZERO WIDTH SPACE"),
    ("private\ue000", "cannot be shown"),
    ("team:1", "':' cannot be used"),
    ("a<b>", "'<' cannot be used"),
    ("", "type your team's name"),
    ("   ", "type your team's name"),
])
def test_hostile_or_unusable_names_are_refused_with_a_reason(typed: str, message: str) -> None:
    with pytest.raises(TeamNameError, match=None) as caught:
        parse_team(typed)
    assert message in str(caught.value)


@pytest.mark.parametrize(("typed", "name", "folder"), [
    ("Team Niger", "Team Niger", "team niger"),
    ("  Team   Niger ", "Team Niger", "team niger"),
    ("sahel_2", "sahel_2", "sahel_2"),
    ("Équipe Mali", "Équipe Mali", None),        # not ASCII: a slug and a hash
    ("Team O'Neil", "Team O'Neil", None),
    ("ｔｅａｍ", "team", "team"),                  # full-width: NFKC
    ("Straße", "Straße", "strasse"),             # case folding: ß is ss
    ("Ségou-3", "Ségou-3", None),
    ("فريق", "فريق", None),                        # right-to-left letters are letters
])
def test_usable_names(typed: str, name: str, folder: str | None) -> None:
    team = parse_team(typed)
    assert team.name == name
    if folder is not None:
        assert team.folder == folder
    else:
        assert "~" in team.folder and team.folder.isascii()


def test_case_and_unicode_forms_are_one_team() -> None:
    forms = ["Mali", "MALI", "mali", "ｍａｌｉ", "Ｍａｌｉ"]
    assert len({parse_team(f).folder for f in forms}) == 1
    decomposed = unicodedata.normalize("NFD", "Équipe")
    assert parse_team(decomposed).folder == parse_team("ÉQUIPE").folder
    assert parse_team("STRASSE").folder == parse_team("straße").folder   # case folding


def test_distinct_teams_never_share_a_folder() -> None:
    names = ["team 1", "team-1", "team_1", "team.1", "Équipe", "Equipe", "equipe",
             "équipe", "team1", "team~1", "a b", "a-b"]
    teams = {}
    for typed in names:
        try:
            team = parse_team(typed)
        except TeamNameError:
            continue
        teams.setdefault(team.key, team.folder)
    assert len(set(teams.values())) == len(teams)


_TEXT = st.text(st.characters(codec="utf-8"), max_size=60)


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_any_accepted_name_is_a_safe_folder(typed: str) -> None:
    try:
        team = parse_team(typed)
    except TeamNameError:
        return
    folder = team.folder
    assert folder and folder.isascii() and len(folder) <= 2 * MAX_TEAM_CHARS
    assert "/" not in folder and "\\" not in folder and "\x00" not in folder
    assert not folder.startswith((".", " ", "-")) and not folder.endswith((".", " "))
    assert folder.split(".")[0] not in ("con", "nul", "aux", "prn")
    assert all(unicodedata.category(c)[0] != "C" for c in team.name)
    assert parse_team(team.name) == team           # the shown name stands for the same team


@settings(max_examples=300, deadline=None)
@given(_TEXT, _TEXT)
def test_two_keys_share_a_folder_only_if_they_are_the_same_key(a: str, b: str) -> None:
    try:
        ta, tb = parse_team(a), parse_team(b)
    except TeamNameError:
        return
    assert (ta.folder == tb.folder) == (ta.key == tb.key)


def test_the_team_folder_is_made_inside_the_class_folder(tmp_path: Path) -> None:
    class_dir = tmp_path / "class"
    class_dir.mkdir()
    folder = team_folder(class_dir, parse_team("Équipe Mali"))
    assert folder.parent == class_dir.resolve()
    assert (folder / "team.json").read_text(encoding="utf-8").startswith(
        '{"name": "Équipe Mali"')
    assert team_folder(class_dir, parse_team("ÉQUIPE MALI")) == folder
    assert sorted(p.name for p in tmp_path.iterdir()) == ["class"]


def test_a_planted_symbolic_link_is_not_followed(tmp_path: Path) -> None:
    class_dir = tmp_path / "class"
    class_dir.mkdir()
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    os.symlink(outside, class_dir / "mali")
    with pytest.raises(OSError):
        team_folder(class_dir, parse_team("Mali"))
    assert list(outside.iterdir()) == []


def test_a_team_is_played_in_one_tab_at_a_time(tmp_path: Path) -> None:
    team = parse_team("Kayes")
    folder = team_folder(tmp_path, team)
    first = TeamLock(folder, team)
    with pytest.raises(TeamBusy, match="already playing in another browser tab"):
        TeamLock(folder, team)
    first.release()
    TeamLock(folder, team).release()
