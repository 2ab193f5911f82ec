"""benchmarks/bigmap.py writes a scenario N times the main one that validates strictly and
plays (the growth benchmark measures it; here only that it is a real scenario)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from wargame.engine import Scenario
from wargame.scenario.load import check_file

ROOT = Path(__file__).resolve().parents[2]
MAIN = ROOT / "scenarios" / "bamako-blockade-2025.yaml"
SCALE = 3


@pytest.fixture(scope="module")
def big_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("bigmap") / "big.yaml"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bigmap.py"), "--scale",
                    str(SCALE), "-o", str(out)], check=True, capture_output=True)
    return out


def _scenario(path: Path) -> Scenario:
    report = check_file(path)
    assert report.errors == [] and report.warnings == [], report.lines()[:5]
    assert report.scenario is not None
    return report.scenario


def test_it_passes_validate_strict(big_file: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "wargame", "validate", "--strict",
                           str(big_file)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[:2000]
    assert done.stdout == ""


def test_it_is_scale_times_the_main_map(big_file: Path) -> None:
    big, main = _scenario(big_file), _scenario(MAIN)
    assert len(big.towns) == SCALE * len(main.towns)
    assert len(big.regions) == SCALE * len(main.regions)
    assert len(big.corridors) == SCALE * len(main.corridors)
    joins = len(big.routes) - SCALE * len(main.routes)
    assert 1 <= joins <= 2 * (SCALE - 1)
    assert len(big.spec.sides.junta.units) == SCALE * len(main.spec.sides.junta.units)
    assert [t.id for t in big.towns.values() if t.kind == "capital"] == ["bamako"]
    assert all(big.corridor_paths[c] for c in big.corridors)  # every copy's convoys run
    positions = {(t.lat, t.lon) for t in big.towns.values()}
    assert len(positions) > (SCALE - 1) * len(main.towns)   # the copies do not overlap
    assert big.spec.events == main.spec.events


def test_it_plays_to_the_end(big_file: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "wargame", "simulate", str(big_file),
                           "--games", "2", "--jobs", "1"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.count("seed ") == 2
    assert f"2 games of bigmap-x{SCALE}" in done.stdout


def test_scale_one_is_the_main_map_again(tmp_path: Path) -> None:
    out = tmp_path / "one.yaml"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bigmap.py"), "--scale", "1",
                    "-o", str(out)], check=True, capture_output=True)
    one, main = _scenario(out).spec, _scenario(MAIN).spec
    assert one.map == main.map and one.sides == main.sides and one.tracks == main.tracks
    assert one.rules == main.rules and one.orders == main.orders
    assert one.doctrine == main.doctrine and one.victory == main.victory


def test_an_impossible_scale_is_refused(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bigmap.py"), "--scale",
                           "0", "-o", str(tmp_path / "x.yaml")], capture_output=True, text=True)
    assert done.returncode != 0 and "--scale must be between 1 and" in done.stderr
    assert not (tmp_path / "x.yaml").exists()
