"""Sources and provenance: the catalogue of cited articles, quotations checked against the
articles' texts, and estimate reasons that say where a number comes from."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from wargame.cli import main
from wargame.scenario.load import check_bytes, check_file
from wargame.scenario.provenance import (
    Quotation,
    bare_reason_problem,
    comment_columns,
    src_quotations,
)
from wargame.scenario.quotes import (
    closest_passage,
    found_in,
    normalise,
    quotation_errors_in_file,
    repair_mojibake,
)
from wargame.scenario.shipped import shipped_scenarios
from wargame.scenario.sources import catalogue_for, read_catalogue, shipped_catalogue_path
from wargame.scenario.template import render_template
from wargame.scenario.yamlload import load_yaml

ROOT = Path(__file__).resolve().parents[2]
MAIN = ROOT / "scenarios" / "bamako-blockade-2025.yaml"
SHARED_SOURCES = ROOT.parent / "shared" / "sources"  # the design repository, beside this one
LINE = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning): "
                  r"(?P<path>\S+): (?P<msg>.+)$")
ARTICLE = "004_d40ffa60bce7b676.txt"


def template() -> str:
    return render_template("sources-case", "../docs/scenario.schema.json")


def warnings_of(text: str, filename: str = "s.yaml") -> list[str]:
    report = check_bytes(text.encode("utf-8"), filename)
    assert report.errors == [], report.lines()
    return [w.format(filename) for w in report.warnings]


def without_quotations(text: str) -> str:
    """The text with the quotations of its comments taken out."""
    lines = []
    for line in text.split("\n"):
        head, sep, comment = line.partition("  # ")
        lines.append(head + sep + re.sub(r'\s*"[^"]*"', "", comment))
    return "\n".join(lines)


def position(text: str, needle: str) -> tuple[int, int]:
    """1-based line and column of the first `needle` in `text`."""
    before = text[:text.index(needle)]
    return before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1


def quotations_of(path: Path) -> list[Quotation]:
    raw = path.read_bytes()
    loaded = load_yaml(raw)
    columns = comment_columns(raw.decode("utf-8"), loaded.comments)
    found: list[Quotation] = []
    for line, comment in loaded.comments.items():
        quotations, orphans = src_quotations(comment, line, columns[line])
        assert orphans == [], (path.name, line)
        found += quotations
    return found


# --- the catalogue

def test_the_catalogue_lists_every_article_the_shipped_scenarios_cite() -> None:
    catalogue = read_catalogue(shipped_catalogue_path())
    assert sorted(catalogue) == [f"00{i}_{h}.txt" for i, h in enumerate(
        ["9fd61ff9866508f9", "764bf12fb1b1f291", "23958e37953c3e1d", "1b4bd8519a9fd793",
         "d40ffa60bce7b676"])]
    assert catalogue["002_23958e37953c3e1d.txt"].outlet == "FDD's Long War Journal"
    cited = set()
    for path in shipped_scenarios():
        report = check_file(path)
        assert report.scenario is not None
        cited |= set(report.scenario.spec.meta.sources)
    assert cited == set(catalogue)


def test_the_catalogue_describes_the_texts_of_the_design_repository() -> None:
    catalogue = read_catalogue(shipped_catalogue_path())
    if not SHARED_SOURCES.is_dir():  # only the catalogue travels with the repository
        return
    for name, article in catalogue.items():
        digest = hashlib.sha256((SHARED_SOURCES / name).read_bytes()).hexdigest()
        assert digest == article.sha256, name


def test_an_uncatalogued_file_is_reported_where_it_is_cited() -> None:
    wrong = "004_d40ffa60bce7b677.txt"
    text = template().replace("  sources:                        # the articles this "
                              "scenario cites (shared/sources/)\n",
                              f"  sources:\n    - {wrong}\n", 1)
    text = text.replace("(convoys attacked here)", f"and {wrong}", 1)
    found = warnings_of(text)
    in_meta = [w for w in found if w.startswith(f"s.yaml:{position(text, wrong)[0]}:")]
    assert in_meta and f"'{wrong}' is not in the sources catalogue; did you mean " \
        f"'{ARTICLE}'?" in in_meta[0]
    assert LINE.match(in_meta[0])["path"] == "meta.sources.0"  # type: ignore[index]
    line, col = position(text, f"and {wrong}")
    assert any(w.startswith(f"s.yaml:{line}:{col + 4}: warning: comment: '{wrong}'")
               for w in found), found


def test_uncatalogued_names_in_source_fields_and_texts_are_reported() -> None:
    other = "005_0123456789abcdef.txt"
    text = template().replace("    - 004_d40ffa60bce7b676.txt\n",
                              f"    - 004_d40ffa60bce7b676.txt\n    - {other}\n", 1)
    text = text.replace("(004_d40ffa60bce7b676.txt); you lead", f"({other}); you lead", 1)
    found = [w for w in warnings_of(text) if other in w]
    paths = {LINE.match(w)["path"] for w in found}  # type: ignore[index]
    assert paths == {"meta.sources.3", "meta.summary"}, found
    assert all("add it to a sources/sources.yaml beside the scenario" in w for w in found)


def test_a_catalogue_beside_the_scenario_adds_an_authors_own_articles(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    other = "005_0123456789abcdef.txt"
    text = template().replace("    - 004_d40ffa60bce7b676.txt\n",
                              f"    - 004_d40ffa60bce7b676.txt\n    - {other}\n", 1)
    scenario = tmp_path / "scenarios" / "mine.yaml"
    scenario.parent.mkdir()
    scenario.write_text(text, encoding="utf-8")
    assert main(["validate", "--strict", str(scenario)]) == 1
    assert f"'{other}' is not in the sources catalogue" in capsys.readouterr().out
    local = tmp_path / "sources" / "sources.yaml"
    local.parent.mkdir()
    local.write_text(
        "format: 1\narticles:\n"
        f"  - {{file: {other}, title: A local report, headline: true, outlet: null,"
        " author: null, kind: news report, period: '2025', used_for: [a test],"
        f" sha256: {'a' * 64}}}\n", encoding="utf-8")
    assert other in catalogue_for(scenario)[0]
    assert main(["validate", "--strict", str(scenario)]) == 0
    local.write_text("format: 1\narticles:\n  - {file: nope}\n", encoding="utf-8")
    assert main(["validate", str(scenario)]) == 0
    out = capsys.readouterr().out
    assert "the sources catalogue does not load" in out and f"{local}:3:" in out


# --- quotations

def test_mojibake_is_repaired_and_text_normalised() -> None:
    assert repair_mojibake("between Diรฉdiรฉni and Kolokani") == "between Diédiéni and Kolokani"
    assert repair_mojibake("โ€”they") == "—they"
    assert repair_mojibake("JNIMโ€™s, Goรฏta, Dembรฉlรฉ") == "JNIM’s, Goïta, Dembélé"
    assert repair_mojibake("jihad”โ€”they") == "jihad”—they"  # a real quote before it
    assert repair_mojibake("a price in € and “quotes”") == "a price in € and “quotes”"
    assert normalise("  Économie\n\t– l’État “dit”  ") == "economie - l'etat \"dit\""


def test_a_quotation_is_found_in_its_parts_and_in_order() -> None:
    article = normalise("They ambushed another convoy of about 40 fuel tankers between "
                        "Kaniรฉra and Lakamanรฉ.")
    assert found_in(normalise("About 40  FUEL tankers"), article)
    assert found_in(normalise("convoy ... between Kaniéra and Lakamané"), article)
    assert found_in(normalise("convoy … tankers"), article)
    assert not found_in(normalise("tankers ... convoy"), article)
    assert not found_in(normalise("about 50 fuel tankers"), article)
    assert closest_passage(normalise("about 50 fuel tankers"), article) == "about 40 fuel tankers"
    assert closest_passage(normalise("helicopters over Gao"), article) is None


def test_quotations_belong_to_the_file_named_before_them() -> None:
    comment = ('src: 000_9fd61ff9866508f9.txt "more than 100 fuel trucks", '
               '004_d40ffa60bce7b676.txt ("destroyed half of them"); est: "not a quote"')
    quotations, orphans = src_quotations(comment, 7, 10)
    assert [(q.source[:3], q.text, q.col) for q in quotations] == [
        ("000", "more than 100 fuel trucks", 10 + comment.index('"more')),
        ("004", "destroyed half of them", 10 + comment.index('"destroyed'))]
    assert orphans == []
    assert src_quotations('src: "orphan" 004_d40ffa60bce7b676.txt', 1, 1)[1] == [5]
    assert src_quotations("src: 004_d40ffa60bce7b676.txt \u201ccurly\u201d", 1, 1)[0][0].text \
        == "curly"


def test_validate_sources_reports_quotations_it_cannot_find(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / ARTICLE).write_text(
        "Fighters attacked multiple fuel convoys under military escort between Diรฉdiรฉni "
        "and Kolokani, about 100 km from Bamako on September 13-14.", encoding="utf-8")
    good = 'src: 004_d40ffa60bce7b676.txt "between Diédiéni and Kolokani, about 100 km"'
    bad = 'src: 004_d40ffa60bce7b676.txt "about 150 km from Bamako"'
    text = without_quotations(template())
    text = text.replace("# src: 004_d40ffa60bce7b676.txt (convoys attacked here)",
                        f"# {good}", 1)
    text = text.replace("# src: 004_d40ffa60bce7b676.txt (Senegal road)", f"# {bad}", 1)
    path = tmp_path / "s.yaml"
    path.write_text(text, encoding="utf-8")
    assert main(["validate", str(path), "--sources", str(texts)]) == 1
    out = capsys.readouterr().out.strip().splitlines()
    line, col = position(text, '"about 150 km')
    # The first line names the place; the caret excerpt of the source line follows it.
    assert out[0] == (f"{path}:{line}:{col}: error: comment: quotation not found in {ARTICLE}: "
                      "\"about 150 km from Bamako\" (this copy is not the text the catalogue "
                      "describes); closest passage: \"about 100 km from bamako\"")
    assert sum(": error:" in row for row in out) == 1
    assert main(["validate", str(path)]) == 0  # without --sources, quotations are not read
    (texts / ARTICLE).unlink()
    errors = quotation_errors_in_file(path, texts)
    assert len(errors) == 2 and all("cannot be read" in e.message for e in errors)
    assert main(["validate", str(path), "--sources", str(tmp_path / "nowhere")]) == 1
    assert "is not a folder" in capsys.readouterr().err


@pytest.mark.parametrize("path", shipped_scenarios(), ids=lambda p: p.stem)
def test_every_quotation_of_a_shipped_scenario_is_in_its_article(path: Path) -> None:
    report = check_file(path)
    assert report.scenario is not None
    if SHARED_SOURCES.is_dir():  # beside the repository here and in CI
        errors = quotation_errors_in_file(path, SHARED_SOURCES)
        assert errors == [], [e.format(path.name) for e in errors]
    for quotation in quotations_of(path):  # short quotations only (sources/README.md)
        assert len(quotation.text.split()) <= 25, quotation


def test_the_main_scenarios_figures_carry_their_quotations() -> None:
    assert len(quotations_of(MAIN)) >= 60


# --- estimate reasons

@pytest.mark.parametrize("reason", [
    "number", "size of change", "est", "", "a rough estimate", "designer's estimate of the size",
    "tuned value for balance", "odds per week"])
def test_a_bare_label_is_not_an_estimate_reason(reason: str) -> None:
    assert bare_reason_problem(reason) is not None


@pytest.mark.parametrize("reason", [
    "1,400 m3 a day: 6.3 million litres national use x 22% for Bamako, assumed share",
    "two months of weekly turns, from 1 September to the end of October",
    "a test village only"])
def test_a_reason_that_says_where_the_number_comes_from_passes(reason: str) -> None:
    assert bare_reason_problem(reason) is None


def test_strict_validate_refuses_a_bare_estimate_reason_naming_its_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = "  turns: 8  # est: two months is enough for a first exercise"
    text = template().replace(old, "  turns: 8  # est: number", 1)
    text = text.replace("(convoys attacked here); est: length from public maps",
                        "(convoys attacked here); est: a rough designer estimate", 1)
    path = tmp_path / "s.yaml"
    path.write_text(text, encoding="utf-8")
    assert main(["validate", str(path)]) == 0
    assert "warning: meta.turns: estimate reason" in capsys.readouterr().out
    assert main(["validate", "--strict", str(path)]) == 1
    # Each problem's first line names its place; its caret excerpt follows.
    out = [row for row in capsys.readouterr().out.strip().splitlines() if ": error:" in row]
    turns = position(text, "est: number")
    length = position(text, "est: a rough designer estimate")
    assert len(out) == 2, out
    assert out[0].startswith(f"{path}:{turns[0]}:{turns[1]}: error: meta.turns: estimate "
                             "reason 'number' is a bare label")
    assert out[1].startswith(f"{path}:{length[0]}:{length[1]}: error: map.routes.3.km: "
                             "estimate reason 'a rough designer estimate' only says that it is an "
                             "estimate")
    assert "arithmetic from cited figures, a comparison or a named assumption" in out[1]


def test_a_mark_written_as_code_in_a_comment_is_documentation() -> None:
    text = template().replace("format: 1\n", "# write `# est: ...` or `src: ...` marks\n"
                              "format: 1\n", 1)
    assert warnings_of(text) == []


def test_the_builtin_doctrines_give_real_estimate_reasons() -> None:
    from wargame.ai.builtin import BUILTIN
    from wargame.scenario.provenance import estimate_reason_warnings

    raw = BUILTIN.read_bytes()
    assert estimate_reason_warnings(load_yaml(raw), raw.decode("utf-8")) == []
