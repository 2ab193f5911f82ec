"""Scenario-level validation: every bad input gives FILE:LINE:COL messages and exit 1."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from wargame.cli import main
from wargame.scenario.load import check_bytes, check_file
from wargame.scenario.shipped import shipped_scenarios

ROOT = Path(__file__).resolve().parents[2]
MAIN = ROOT / "scenarios" / "bamako-blockade-2025.yaml"
LINE = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+):(?P<col>\d+): (error|warning): \S+: .+$")


def main_text() -> str:
    return MAIN.read_text(encoding="utf-8")


def errors_of(text: str) -> list[str]:
    report = check_bytes(text.encode("utf-8"), "s.yaml")
    return [e.format("s.yaml") for e in report.errors]


def test_every_shipped_scenario_validates_without_warnings() -> None:
    paths = shipped_scenarios()
    assert MAIN in [p.resolve() for p in paths]
    for path in paths:
        report = check_file(path)
        assert report.errors == [], report.lines()
        assert report.warnings == [], report.lines()[:5]
        assert report.scenario is not None


def test_main_scenario_meets_the_size_and_places_brief() -> None:
    report = check_file(MAIN)
    assert report.scenario is not None
    spec = report.scenario.spec
    assert len(spec.map.towns) >= 30 and len(spec.map.routes) >= 40
    ids = {t.id for t in spec.map.towns}
    for place in ("kati", "kolokani", "didieni", "diema", "kaniera", "lakamane", "kayes",
                  "nioro", "bougouni", "sikasso", "segou", "mopti", "timbuktu", "gao",
                  "menaka", "boni", "boulkessi", "farabougou", "lere"):
        assert place in ids
    paths = report.scenario.corridor_paths
    assert "didieni-kolokani" in paths["dakar"] and "kaniera-lakamane" in paths["dakar"]
    assert paths["abidjan"]
    assert spec.meta.start_date.isoformat() == "2025-09-01"


def test_dangling_route_end_is_reported_with_position() -> None:
    text = main_text().replace("from: didieni, to: kolokani", "from: didieni, to: kolokan", 1)
    errors = errors_of(text)
    assert any("unknown town 'kolokan'; did you mean 'kolokani'?" in e for e in errors), errors
    assert all(LINE.match(e) for e in errors)


def test_event_naming_unknown_region_and_impossible_order() -> None:
    text = main_text().replace("order: \"ambush didieni-kolokani\"",
                               "order: \"ambush nowhere-road\"", 1)
    assert text != main_text()
    errors = errors_of(text)
    assert any("unknown route 'nowhere-road'" in e for e in errors), errors


def test_unknown_key_lists_valid_fields() -> None:
    text = main_text().replace("  days_per_turn: 7", "  days_per_trun: 7", 1)
    errors = errors_of(text)
    assert any("unknown field 'days_per_trun'; did you mean 'days_per_turn'?" in e
               for e in errors)
    # One error per cause: the misspelt key, not also the field it fails to provide.
    assert not any("missing required field 'days_per_turn'" in e for e in errors)


def test_bool_is_not_a_number_and_no_is_not_a_bool() -> None:
    text = main_text().replace("  turns: 26", "  turns: True", 1)
    errors = errors_of(text)
    assert any("meta.turns: expected a whole number (got true)" in e for e in errors), errors
    title = '  title: {en: "The Blockade of Bamako, 2025", fr: "Le blocus de Bamako, 2025"}'
    text = main_text().replace(title, "  title: no", 1)
    assert "title: no" in text
    assert errors_of(text) == []  # `no` is the string "no", a valid title


def test_duplicate_key_names_both_lines() -> None:
    text = main_text().replace("  turns: 26", "  turns: 26\n  turns: 27", 1)
    errors = errors_of(text)
    assert any("duplicate key 'turns' (first defined at line" in e for e in errors), errors


@pytest.mark.parametrize("snippet, expected", [
    ("meta: &a {id: x}\nother: *a\n", "anchors and aliases are not allowed"),
    ("meta: !!python/object:os.system {}\n", "tags are not allowed"),
    ("[" * 5000 + "]" * 5000 + "\n", "nesting deeper than"),
])
def test_hostile_yaml_is_rejected_cleanly(snippet: str, expected: str) -> None:
    errors = errors_of(snippet)
    assert any(expected in e for e in errors), errors


def test_invalid_utf8_and_size_limit(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(b"meta:\n  title: caf\xe9\n")
    report = check_file(bad)
    assert any("invalid UTF-8" in e.message and e.line == 2 for e in report.errors)
    big = tmp_path / "big.yaml"
    big.write_bytes(b"a: " + b"x" * (5 * 1024 * 1024) + b"\n")
    assert any("limit" in e.message for e in check_file(big).errors)


def test_validate_cli_exit_codes_and_format(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(MAIN)]) == 0
    broken = tmp_path / "broken.yaml"
    broken.write_text(main_text().replace("  turns: 26", "  turns: -3", 1)
                      .replace("  days_per_turn: 7", "  days_per_turn: seven", 1),
                      encoding="utf-8")
    capsys.readouterr()
    assert main(["validate", str(MAIN), str(broken)]) == 1
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) >= 2  # all errors of the file at once
    firsts = [line for line in out if LINE.match(line)]
    assert len(firsts) >= 2  # all errors of the file at once
    for line in firsts:
        assert LINE.match(line)["file"] == str(broken), line  # type: ignore[index]
    # Each problem: its line, then the source line with a caret, then help.
    assert any(re.match(r"^\s*\d+ \| ", line) for line in out)
    assert any(re.match(r"^\s+\| +\^+ E\d{4}$", line) for line in out)
    assert "Traceback" not in "\n".join(out)


def test_all_reference_errors_of_a_file_at_once() -> None:
    text = (main_text().replace("region: kayes, kind: city", "region: kaye, kind: city", 1)
            .replace("from: didieni, to: kolokani", "from: didieni, to: kolokan", 1))
    errors = errors_of(text)
    assert any("unknown region 'kaye'" in e for e in errors)
    assert any("unknown town 'kolokan'" in e for e in errors)


def test_missing_file_is_an_error_not_a_traceback(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "no/such/file.yaml"]) == 1
    assert "cannot read" in capsys.readouterr().out
