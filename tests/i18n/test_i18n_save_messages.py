"""The saves' messages in French: a damaged, truncated, edited or newer-format save, a bad
save name, `replay --verify`'s verdicts, and the board's no-terminal message. Each is
checked in English too, so the English stays as it was."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from wargame import cli
from wargame.i18n import set_language
from wargame.saves import SaveError
from wargame.saves.format import FORMAT_VERSION, canonical, decode, encode, sha256
from wargame.saves.store import save_path

HANDOUT = Path(__file__).resolve().parents[2] / "saves" / "handout-week6.json"
NBSP = "\u00a0"


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        code = cli.main(argv)
    finally:
        set_language("en")
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def both(argv: list[str], capsys: pytest.CaptureFixture[str]
         ) -> tuple[tuple[int, str, str], tuple[int, str, str]]:
    """The command in French, then in English."""
    return run([*argv, "--lang", "fr"], capsys), run([*argv, "--lang", "en"], capsys)


def test_a_truncated_save(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    raw = HANDOUT.read_bytes()
    path = tmp_path / "cut.json"
    path.write_bytes(raw[:-40])
    (code, _, err), (en_code, _, en_err) = both(["report", str(path)], capsys)
    assert code == en_code == 1
    present = len(raw) - 40 - raw.index(b"\n") - 1
    size = len(raw) - raw.index(b"\n") - 1
    grouped = {n: f"{n // 1000}\u202f{n % 1000:03d}" for n in (present, size)}
    assert err == (f"wargame: {path}: le fichier est tronqué{NBSP}: seuls {grouped[present]} "
                   f"des {grouped[size]} octets de son corps sont présents\n")
    assert en_err == (f"wargame: {path}: the file is truncated: {present} of {size} bytes "
                      "of its body are there\n")
    path.write_bytes(raw[:100])           # inside the header
    (_, _, err), (_, _, en_err) = both(["replay", str(path), "--verify"], capsys)
    assert f"le fichier est tronqué{NBSP}: il s'arrête au milieu de l'en-tête" in err
    assert en_err.endswith("the file is truncated: it ends inside the header\n")


def test_an_edited_save(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    raw = HANDOUT.read_bytes()
    at = raw.index(b'"seed":', raw.index(b"\n"))   # a digit of the body's seed
    path = tmp_path / "edited.json"
    path.write_bytes(raw[:at + 7] + (b"8" if raw[at + 7:at + 8] != b"8" else b"7")
                     + raw[at + 8:])
    (code, _, err), (_, _, en_err) = both(["report", str(path)], capsys)
    assert code == 1
    assert err.endswith(f"le fichier est endommagé ou a été modifié{NBSP}: la somme de "
                        "contrôle du corps ne correspond pas\n")
    assert en_err.endswith("the file is damaged or was edited: the body checksum does not "
                           "match\n")
    # A hostile character in the header (with its checksums made right again)
    lines = raw.split(b"\n")
    head = json.loads(lines[0])
    head["note"] = "a\u202eb"
    del head["header_sha256"]
    head["header_sha256"] = sha256(canonical(head))
    path.write_bytes(canonical(head) + b"\n" + lines[1] + b"\n")
    (_, _, err), (_, _, en_err) = both(["report", str(path)], capsys)
    assert (f"le fichier a été modifié{NBSP}: header.note contient U+202E "
            "(RIGHT-TO-LEFT OVERRIDE) au caractère 2, ce qu'aucune sauvegarde ne contient"
            in err)
    assert ("the file was edited: header.note holds U+202E (RIGHT-TO-LEFT OVERRIDE) at "
            "character 2, which no save contains" in en_err)


def test_a_newer_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = HANDOUT.read_bytes().split(b"\n")
    head = json.loads(lines[0])
    head["format_version"] = FORMAT_VERSION + 1
    del head["header_sha256"]
    head["header_sha256"] = sha256(canonical(head))
    path = tmp_path / "future.json"
    path.write_bytes(canonical(head) + b"\n" + lines[1] + b"\n")
    (code, _, err), (_, _, en_err) = both(["replay", str(path), "--verify"], capsys)
    assert code == 1
    assert (f"cette sauvegarde a été écrite par un wargame plus récent (format de sauvegarde "
            f"{FORMAT_VERSION + 1}{NBSP}; cette version lit les formats 1 à {FORMAT_VERSION})"
            f"{NBSP}; mettez wargame à jour pour l'ouvrir" in err)
    assert (f"this save was written by a newer wargame (save format {FORMAT_VERSION + 1}; "
            f"this version reads formats 1 to {FORMAT_VERSION}); upgrade wargame to open it"
            in en_err)


def test_a_bad_save_name(tmp_path: Path) -> None:
    set_language("fr")
    with pytest.raises(SaveError) as exc:
        save_path("../..", tmp_path)
    assert str(exc.value) == (f"«{NBSP}../..{NBSP}» n'est pas un nom de sauvegarde "
                              f"utilisable{NBSP}: employez des lettres, des chiffres, "
                              f"«{NBSP}-{NBSP}» et «{NBSP}_{NBSP}»")
    set_language("en")
    with pytest.raises(SaveError, match="'../..' is not a usable save name: use letters"):
        save_path("../..", tmp_path)


def test_no_such_save(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (code, _, err), (_, _, en_err) = both(
        ["replay", "nowhere", "--verify", "--saves-dir", str(tmp_path)], capsys)
    assert code == 1
    assert err.startswith(f"wargame: aucune sauvegarde «{NBSP}nowhere{NBSP}» (cherchée")
    assert en_err.startswith("wargame: no save 'nowhere' (looked for a file of that name")


def test_replay_verify_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    (code, out, _), (en_code, en_out, _) = both(["replay", str(HANDOUT), "--verify"], capsys)
    assert code == en_code == 0
    turns = len(decode(HANDOUT.read_bytes()).body["records"])
    seed = decode(HANDOUT.read_bytes()).body["seed"]
    assert out == (f"{HANDOUT}: vérifié{NBSP}: {turns} tours rejoués depuis la graine "
                   f"{seed}{NBSP}; la somme de contrôle de chaque tour et l'état courant "
                   "correspondent\n")
    assert en_out == (f"{HANDOUT}: verified: {turns} turns replayed from seed {seed}; every "
                      "turn's checksum and the current state match\n")


def test_a_divergence_in_french(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A save whose second turn's checksum is not the one the rules give (its file
    checksums right): the verdict names the turn and both checksums, in French."""
    doc = decode(HANDOUT.read_bytes())
    recorded = doc.body["records"][1]["digest"]
    doc.body["records"][1]["digest"] = "0" * len(recorded)
    path = tmp_path / "diverged.json"
    path.write_bytes(encode(doc))
    (code, out, _), (_, en_out, _) = both(["replay", str(path), "--verify"], capsys)
    assert code == 1
    zeros = "0" * len(recorded)
    assert out == (f"{path}: diverge au tour 2{NBSP}: l'empreinte de l'état {recorded} "
                   f"diffère de celle enregistrée, {zeros}\n")
    assert en_out == (f"{path}: diverges at turn 2: state digest {recorded} differs from the "
                      f"recorded {zeros}\n")
    (code, _, err), (_, _, en_err) = both(["report", str(path)], capsys)
    assert code == 1
    assert (f"le journal des ordres ne se rejoue pas{NBSP}: tour 2{NBSP}: l'empreinte de "
            f"l'état {recorded}" in err)
    assert f"the order log does not replay: turn 2: state digest {recorded}" in en_err


def test_the_board_needs_a_terminal_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    (code, _, err), (en_code, _, en_err) = both(["play", "tutorial"], capsys)
    assert code == en_code == 2
    assert err == (f"wargame: le plateau a besoin d'un terminal (stdin et stdout doivent être "
                   f"un tty){NBSP}; pour les scripts et les lecteurs d'écran, utilisez{NBSP}: "
                   "wargame play SCENARIO --plain\n")
    assert en_err == ("wargame: the board needs a terminal (stdin and stdout must be a tty); "
                      "for scripts and screen readers use: wargame play SCENARIO --plain\n")


def test_replay_writes_its_log_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    (code, out, _), (_, en_out, _) = both(["replay", str(HANDOUT)], capsys)
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith(f"Le blocus de Bamako, 2025{NBSP}: rejeu de handout-week6.json "
                               "(graine ")
    assert "--- Tour 1, semaine du 1er septembre 2025 ---" in lines
    assert any(line.startswith(f"Ordres de la junte{NBSP}: ") for line in lines)
    assert any(line.startswith(f"Ordres du JNIM{NBSP}: ") for line in lines)
    for english in ("replay of", "--- Turn", "Junta orders:", "JNIM orders:", "[odds"):
        assert english not in out, english
    assert "--- Turn 1, week of 2025-09-01 ---" in en_out.splitlines()


def test_a_folder_or_a_named_pipe_given_as_a_save(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (code, _, err), (_, _, en_err) = both(["replay", str(tmp_path)], capsys)
    assert code == 1
    assert err == f"wargame: {tmp_path}: c'est un dossier, pas une sauvegarde\n"
    assert en_err == f"wargame: {tmp_path}: is a folder, not a save\n"
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    (code, _, err), (_, _, en_err) = both(["report", str(fifo)], capsys)
    assert code == 1
    assert err == f"wargame: {fifo}: c'est un tube nommé (FIFO), pas un fichier ordinaire\n"
    assert en_err == f"wargame: {fifo}: is a named pipe (FIFO), not a regular file\n"


def test_the_servers_console_lines_in_french() -> None:
    from wargame.serve.command import network_warning
    from wargame.serve.server import console_duration, minutes_text

    for seconds in (1800, 60, 45, 90, 150, 7200):     # English as it was
        assert console_duration(seconds) == minutes_text(seconds)
    english = network_warning("0.0.0.0", False)
    set_language("fr")
    try:
        assert console_duration(1800) == "30 minutes"
        assert console_duration(45) == "45 secondes"
        warning = network_warning("0.0.0.0", True)
    finally:
        set_language("en")
    assert warning.startswith(f"wargame serve: attention{NBSP}: écoute sur 0.0.0.0, pas "
                              "seulement sur cette machine")
    assert "la vue de l'enseignant" in warning
    assert english.startswith("wargame serve: warning: listening on 0.0.0.0, not only on "
                              "this machine: anyone who can reach it over the network can "
                              "open every game. The connection")
