"""The mistake corpus (tests/authoring/mistakes/): one realistic mistake per file, each
with the first line `wargame validate` must print. Every message is held to the standard
of a compiler: its own line and column, plain words, a code, the source line with a
caret, and help where a fix is known. Then the schema is held to agree with `validate`
on every file, except for what a JSON Schema cannot express (listed below, with why)."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from wargame.cli import main
from wargame.scenario.diagnostics import code_of
from wargame.scenario.load import check_file
from wargame.scenario.schema import authoring_guide_path, scenario_schema
from wargame.scenario.shipped import shipped_scenarios
from wargame.scenario.yamlload import YamlLoadError, load_yaml

CORPUS = Path(__file__).parent / "mistakes"
FILES = sorted(p for p in CORPUS.glob("*.yaml") if p.name != "base.yaml")
EXPECT = re.compile(r"^# expect: (?P<line>.+)$", re.M)
FIRST = re.compile(r"^(?P<file>.+?):(?P<rest>\d+:\d+: (error|warning): .+)$")
CARET = re.compile(r"^ +\| +\^+ (?P<code>[EW]\d{4})$")
# What a teacher must never be shown.
JARGON = ("Input should", "Value error", "<block", "mapping values are not allowed",
          "could not find expected", "^[", "\\Z", "[a-z0-9", "Traceback", "union_tag",
          "Extra inputs", "Field required")


def expected_first_line(path: Path) -> str:
    found = EXPECT.search(path.read_text(encoding="utf-8"))
    assert found, f"{path.name} has no '# expect:' line"
    return found["line"]


def test_the_corpus_is_there() -> None:
    assert len(FILES) >= 60
    assert check_file(CORPUS / "base.yaml").warnings == []


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_first_line_of_each_message(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    expected = expected_first_line(path)
    status = main(["validate", str(path)])
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    if expected == "ok":
        assert status == 0 and lines == [], captured.out
        assert captured.err.strip() == f"{path}: ok"
        return
    first = FIRST.match(lines[0])
    assert first and first["file"] == str(path), lines[0]
    assert first["rest"] == expected
    assert status == (1 if ": error: " in expected else 0)
    # The excerpt: the source line, then a caret under the column with the code.
    line_no, col = (int(n) for n in expected.split(":")[:2])
    source = (path.read_text(encoding="utf-8").splitlines() + [""])[line_no - 1]
    assert lines[2].startswith(f"{line_no} | ")
    caret = CARET.match(lines[3])
    assert caret, lines[3]
    assert lines[3].index("^") - lines[3].index("|") - 2 == col - 1
    assert 1 <= col <= len(source) + 1
    output = captured.out
    for word in JARGON:
        assert word not in output, (word, output)


def test_every_problem_in_the_corpus_has_a_code_and_plain_words() -> None:
    for path in FILES:
        report = check_file(path)
        for problem in report.errors + report.warnings:
            assert code_of(problem) not in ("E0000", "E0100", "W0000"), (path.name, problem)
            for word in JARGON:
                assert word not in problem.message + " ".join(problem.help), (path.name, word)


def test_every_code_is_documented() -> None:
    guide = authoring_guide_path().read_text(encoding="utf-8")
    table = guide.split("## Error codes", 1)[1].split("\n## ", 1)[0]
    documented = set(re.findall(r"^\| `([EW]\d{4})` \|", table, re.M))
    seen: set[str] = set()
    for path in FILES:
        out = _validate_json(path)
        seen |= {record["code"] for record in out}
    assert seen <= documented, seen - documented
    assert len(documented) >= 30


def _validate_json(path: Path) -> list[dict[str, Any]]:
    import contextlib
    import io

    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        main(["validate", "--format", "json", str(path)])
    records: list[dict[str, Any]] = json.loads(buffer.getvalue())
    return records


def test_json_format_for_editors_and_ci() -> None:
    records = _validate_json(CORPUS / "misspelt-filter.yaml")
    assert len(records) == 1
    (record,) = records
    assert set(record) == {"file", "line", "column", "end", "severity", "code", "path",
                           "message", "help"}
    assert record["file"] == str(CORPUS / "misspelt-filter.yaml")
    assert (record["line"], record["column"]) == (197, 22)
    assert record["end"] == {"line": 197, "column": 22 + len("escort_weaker_than_cell")}
    assert record["severity"] == "error" and record["code"] == "E0205"
    assert record["message"] == ("unknown filter 'escort_weaker_than_cell'; did you mean "
                                 "'escort_weaker_than_cells'?")
    assert record["help"][0] == "docs/doctrine.md lists every filter"
    assert _validate_json(CORPUS / "quoted-start-date.yaml") == []
    odd = _validate_json(CORPUS / "nbsp-after-colon.yaml")[0]
    assert odd["character"] == "U+00A0 NO-BREAK SPACE" and odd["code"] == "E0106"


# ------------------------------------------------------------------ the schema agrees

# Files `validate` refuses and a JSON Schema accepts, with the reason no schema can say it.
SCHEMA_CANNOT: dict[str, str] = {
    "unknown-town": "a route names a town that must exist: a cross-reference",
    "unknown-region": "a town names a region that must exist: a cross-reference",
    "unknown-support-region": "tracks.support keys must be regions: a cross-reference",
    "duplicate-town-id": "ids unique across a list of mappings: a cross-reference",
    "unlisted-source": "a cited article must be in meta.sources: a cross-reference",
    "order-of-the-other-side": "a priority's order must be its side's: a cross-reference",
    "order-not-enabled": "a priority's order must be enabled under orders: a cross-reference",
    "scripted-order-bad-route": "a scripted order's target must exist: a cross-reference",
    "price-above-cap": "tracks.fuel_price compared with rules.fuel.price_cap: two fields",
    "odds-floor-above-ceiling": "odds_floor compared with odds_ceiling: two fields",
    "escort-light-heavier": "light_companies compared with heavy_companies: two fields",
    "map-bounds-reversed": "west compared with east: two fields",
    "float-for-integer": "JSON has one kind of number: 4.0 is the integer 4 to a schema",
}


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _schema_errors(data: Any) -> list[str]:
    """Every message of an independent draft-7 validator, those inside anyOf/oneOf too."""
    validator = jsonschema.Draft7Validator(
        scenario_schema(), format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    found: list[str] = []
    todo = list(validator.iter_errors(_jsonable(data)))
    while todo:
        error = todo.pop(0)
        found.append(error.message)
        todo += error.context
    return found


def test_schema_and_validate_agree_on_the_whole_corpus() -> None:
    looser: dict[str, set[str]] = {}
    stricter: dict[str, list[str]] = {}
    for path in [*FILES, *shipped_scenarios()]:
        try:
            data = load_yaml(path.read_bytes()).data
        except YamlLoadError as exc:
            # Refused before any data exists (syntax, duplicate keys, anchors...): there is
            # nothing a schema could be given.
            assert all(e.path == "yaml" or e.code.startswith("E01") or not e.code
                       for e in exc.errors), path.name
            continue
        errors = check_file(path).errors
        from_schema = _schema_errors(data)
        if errors and not from_schema:
            looser[path.stem] = {e.code for e in errors}
        if from_schema and not errors:
            stricter[path.stem] = from_schema
    assert stricter == {}, "the schema refuses files that validate accepts"
    assert set(looser) == set(SCHEMA_CANNOT), (
        "the schema accepts mistakes it could refuse, or the allow-list is stale: "
        f"{sorted(set(looser) ^ set(SCHEMA_CANNOT))}")
    cross_field = {"E0210", "E0203"}
    for name, codes in looser.items():
        assert codes <= {"E0301", "E0302", "E0303", "E0304", "E0306"} | cross_field, \
            (name, codes)


def test_schema_refuses_what_it_used_to_accept() -> None:
    # Upper-case region keys, any text as a priority's order, a quoted date accepted.
    base = load_yaml((CORPUS / "base.yaml").read_bytes()).data
    support = base["tracks"]["support"]
    base["tracks"]["support"] = {"Bamako" if k == "bamako" else k: v for k, v in support.items()}
    assert any("does not match" in m for m in _schema_errors(base))
    base = load_yaml((CORPUS / "base.yaml").read_bytes()).data
    base["doctrine"]["insurgency"]["priorities"][0]["order"] = "anything"
    assert any("is not one of" in m for m in _schema_errors(base))
    base = load_yaml((CORPUS / "base.yaml").read_bytes()).data
    base["meta"]["start_date"] = "2025-09-08"
    assert _schema_errors(base) == []
