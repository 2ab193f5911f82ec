"""An installed wheel carries the shipped scenarios and finds them without the repository."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_wheel_ships_and_finds_the_scenarios(tmp_path: Path) -> None:
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path),
         str(ROOT)], capture_output=True, text=True)
    assert built.returncode == 0, built.stderr[-2000:]
    wheel = next(tmp_path.glob("wargame-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "wargame/_shipped/scenarios/bamako-blockade-2025.yaml" in names
    assert "wargame/_shipped/sources/sources.yaml" in names  # the catalogue, not the texts
    assert not [n for n in names if n.endswith(".txt") and "_shipped/sources/" in n]
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site)}
    listed = subprocess.run([sys.executable, "-m", "wargame", "scenarios"], cwd=elsewhere,
                            env=env, capture_output=True, text=True, check=True)
    assert "bamako-blockade-2025" in listed.stdout
    ran = subprocess.run([sys.executable, "-m", "wargame", "simulate", "bamako-blockade-2025",
                          "--games", "1", "--jobs", "1"], cwd=elsewhere, env=env,
                         capture_output=True, text=True, check=True)
    assert "1 game of bamako-blockade-2025" in ran.stdout
    # the compiled French catalogue ships, and the wheel speaks French with it
    assert "wargame/locale/fr/LC_MESSAGES/wargame.mo" in names
    french = subprocess.run([sys.executable, "-m", "wargame", "--lang", "fr", "scenarios"],
                            cwd=elsewhere, env=env, capture_output=True, text=True, check=True)
    assert "Le blocus de Bamako, 2025" in french.stdout and "TITRE" in french.stdout
    # every cited article is found in the wheel's own catalogue
    shipped = site / "wargame" / "_shipped" / "scenarios" / "bamako-blockade-2025.yaml"
    checked = subprocess.run([sys.executable, "-m", "wargame", "validate", "--strict",
                              str(shipped)], cwd=elsewhere, env=env, capture_output=True,
                             text=True)
    assert checked.returncode == 0, checked.stdout[-2000:]
    # the code ran from the unpacked wheel, not from the repository
    where = subprocess.run([sys.executable, "-c", "import wargame; print(wargame.__file__)"],
                           cwd=elsewhere, env=env, capture_output=True, text=True, check=True)
    assert where.stdout.strip().startswith(str(site))
