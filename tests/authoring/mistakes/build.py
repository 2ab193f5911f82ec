"""Writes the mistake corpus: `base.yaml` (the guide's worked example, valid under
--strict) with one realistic mistake per file, each file opening with what the mistake is
and the first line `wargame validate` must print for it.

    .venv/bin/python tests/authoring/mistakes/build.py   # rewrite the files, print each line

The expected line is what validate prints when the file is built: review each one (the
message must be one a teacher can act on) before committing; `test_authoring_mistakes.py`
then holds validate to it. A file whose expected line is `ok` must validate with no error
and no warning.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
NBSP, ZWSP = "\u00a0", "\u200b"

# name -> (what the teacher did, text in base.yaml, what they wrote instead)
RECIPES: dict[str, tuple[str, str, str]] = {
    # --- the defects of issue 14, each in its exact file
    "quoted-start-date": ("quoted the start date (valid: a date, quoted or not)",
                          "start_date: 2025-09-08", 'start_date: "2025-09-08"'),
    "quoted-event-date": ("quoted an event's date (valid)",
                          "date: 2025-09-13}", 'date: "2025-09-13"}'),
    "misspelt-filter": ("misspelt a doctrine filter's name",
                        "{filter: escort_weaker_than_cells}", "{filter: escort_weaker_than_cell}"),
    "misspelt-filter-with-parameter": (
        "misspelt a threshold filter that takes a parameter",
        "{filter: on_corridor}", "{filter: on_corridor}\n          - {filter: fighter_at_least, "
        "min: 150}  # est: enough fighters to stop a convoy"),
    "wrong-filter-parameter": (
        "wrote `maximum:` for a filter's `max:`",
        "{filter: on_corridor}", "{filter: on_corridor}\n          - {filter: garrison_at_most, "
        "maximum: 1}  # est: isolated one-company posts"),
    "condition-op-gte": ("wrote `op: gte` in a condition",
                         "tankers_destroyed, op: le, value: 60}",
                         "tankers_destroyed, op: gte, value: 60}"),
    "condition-op-missing": ("left out a condition's `op`",
                             "tankers_destroyed, op: le, value: 60}",
                             "tankers_destroyed, value: 60}"),
    "nbsp-after-colon": ("pasted a no-break space after a colon",
                         "  start_date: 2025-09-08", f"  start_date:{NBSP}2025-09-08"),
    "nbsp-in-indentation": ("pasted a no-break space into the indentation",
                            "  start_date: 2025-09-08", f"{NBSP} start_date: 2025-09-08"),
    "curly-quotes": ("typed curly quotes (a word processor's) around a title with a colon",
                     'title: "The Kolokani Road"', "title: \u201cThe Kolokani Road: 2025\u201d"),
    "hash-cuts-title": ("wrote an unquoted '#' in a title",
                        'title: "The Kolokani Road"', "title: Macina cut off on RN #6 road"),
    "odds-floor-above-ceiling": ("set the odds floor above the ceiling",
                                 "odds_floor: 5  #", "odds_floor: 99  #"),
    "lat-lon-swapped": ("swapped a town's latitude and longitude",
                        "lat: 12.74, lon: -8.07", "lat: -8.07, lon: 12.74"),
    "arg-index-needs-no-mark": (
        "gave a filter an argument index with no provenance mark (valid: no fact in it)",
        "{filter: on_corridor}",
        "{filter: on_corridor}\n          - {filter: arg_is, values: [didieni-kolokani], arg: 0}"),
    # --- YAML syntax
    "tab-indentation": ("indented a line with a tab", "  days_per_turn: 7", "\tdays_per_turn: 7"),
    "list-item-without-dash": ("forgot the '-' before a list item",
                               "    - {id: koulikoro, name: Koulikoro}",
                               "    - {id: koulikoro, name: Koulikoro}\n"
                               "    {id: kayes, name: Kayes}"),
    "colon-in-text": ("wrote a colon in an unquoted title",
                      'title: "The Kolokani Road"', "title: The Kolokani Road: a siege"),
    "indented-too-far": ("indented a key one space too far",
                         "  days_per_turn: 7", "   days_per_turn: 7"),
    "indented-too-little": ("indented a key one space too little",
                            "  days_per_turn: 7", " days_per_turn: 7"),
    "unclosed-quote": ("forgot a closing quote", 'name: "Malian junta"', 'name: "Malian junta'),
    "flow-missing-comma": ("forgot a comma in a `{...}` line",
                           "{id: koulikoro, name: Koulikoro}", "{id: koulikoro name: Koulikoro}"),
    "flow-unclosed": ("forgot the closing '}'",
                      "{id: koulikoro, name: Koulikoro}", "{id: koulikoro, name: Koulikoro"),
    "backslash-in-double-quotes": ("wrote a backslash in double quotes",
                                   'name: "JNIM"', 'name: "JNIM\\AQIM"'),
    "value-starts-with-at": ("began a value with '@'", 'name: "JNIM"', "name: @JNIM"),
    "anchor": ("used a YAML anchor", 'name: "JNIM"', "name: &jnim JNIM"),
    "tag": ("used a YAML tag", 'name: "JNIM"', "name: !!str JNIM"),
    "duplicate-key": ("wrote a key twice", "  turns: 4  #",
                      "  turns: 5  # est: one more week\n  turns: 4  #"),
    "en-dash-as-list-marker": ("typed an en dash for a list's '-'",
                               "    - {id: koulikoro, name: Koulikoro}",
                               "    \u2013 {id: koulikoro, name: Koulikoro}"),
    # --- structure
    "misspelt-section": ("misspelt a section name", "\nrules:\n", "\nrule:\n"),
    "misspelt-field": ("misspelt a field", "tankers_per_week: 350", "tankers_per_weak: 350"),
    "unknown-town-kind": ("misspelt a town's kind", "kind: capital", "kind: capitol"),
    "misspelt-condition-type": ("misspelt a condition's type",
                                "{type: support, region: bamako", "{type: suport, region: bamako"),
    "misspelt-effect-type": ("misspelt an effect's type",
                             "{type: scripted_order,", "{type: scripted_ordr,"),
    "filter-takes-no-parameter": ("gave a parameter to a filter that takes none",
                                  "{filter: on_corridor}", "{filter: on_corridor, min: 3}"),
    "upper-case-id": ("wrote an id with a capital letter",
                      "{id: kati, name: Kati", "{id: Kati, name: Kati"),
    "id-with-space": ("wrote an id with a space", "{id: bamako-reserve,", "{id: bamako reserve,"),
    "zero-width-space-in-id": ("pasted a zero-width space into an id",
                               "{id: kati, name: Kati", f"{{id: kati{ZWSP}, name: Kati"),
    "float-for-integer": ("wrote 4.0 where a whole number goes", "turns: 4  #", "turns: 4.0  #"),
    "number-in-quotes": ("quoted a number", "turns: 4  #", 'turns: "4"  #'),
    "yes-for-true": ("wrote yes for true", "insurgency_sees_garrisons: true",
                     "insurgency_sees_garrisons: yes"),
    "empty-title": ("left a title empty", 'title: "The Kolokani Road"', "title:"),
    "list-for-text": ("wrote a list where one region goes",
                      "{region: koulikoro, fighters: 400}", "{region: [koulikoro], fighters: 400}"),
    "mapping-for-list": ("wrote the units as a mapping",
                         "    units:\n      - {id: bamako-reserve",
                         "    units:\n      bamako: {id: bamako-reserve"),
    "missing-field": ("left out a required field",
                      "  days_per_turn: 7  # est: one week a turn, like the shipped "
                      "scenarios\n", ""),
    "invalid-date": ("wrote a day that does not exist", "start_date: 2025-09-08",
                     "start_date: 2025-09-31"),
    "date-day-first": ("wrote a date day first", "start_date: 2025-09-08",
                       "start_date: 08/09/2025"),
    "out-of-range": ("set a percentage above 100", "cohesion: 60  #", "cohesion: 160  #"),
    "negative-length": ("wrote a negative road length", "km: 45,", "km: -45,"),
    "escort-light-heavier": ("made the light escort bigger than the heavy one",
                             "light_companies: 1  #", "light_companies: 4  #"),
    "price-above-cap": ("started the fuel price above its cap", "fuel_price: 100  #",
                        "fuel_price: 600  #"),
    "map-bounds-reversed": ("wrote map bounds west of east reversed",
                            "map:\n  regions:",
                            "map:\n  bounds: {west: -7.5, east: -8.5, south: 12.3, north: 14.2}  "
                            "# est: the area of the exercise\n  regions:"),
    "town-outside-bounds": ("placed a town outside the map's bounds",
                            "map:\n  regions:",
                            "map:\n  bounds: {west: -8.5, east: -7.5, south: 12.5, north: 13.7}  "
                            "# est: the area of the exercise\n  regions:"),
    # --- references
    "unknown-town": ("misspelt a town in a route", "to: kolokani, road: RN1, km: 45",
                     "to: kolokan, road: RN1, km: 45"),
    "unknown-region": ("misspelt a region in a town", "{id: kati, name: Kati, region: koulikoro",
                       "{id: kati, name: Kati, region: koulicoro"),
    "unknown-support-region": ("misspelt a region in tracks.support",
                               "    koulikoro: {junta: 45", "    koulikuro: {junta: 45"),
    "duplicate-town-id": ("gave two towns the same id", "{id: didieni, name: Didiéni",
                          "{id: kolokani, name: Didiéni"),
    "unlisted-source": ("cited an article not in meta.sources",
                        'source: "004_d40ffa60bce7b676.txt"', 'source: "003_1b4bd8519a9fd793.txt"'),
    "source-name-format": ("cited an article by a wrong name",
                           'source: "004_d40ffa60bce7b676.txt"', 'source: "004.txt"'),
    "order-of-the-other-side": ("gave the insurgency a junta order in its doctrine",
                                "        order: tax\n", "        order: patrol\n"),
    "order-not-enabled": ("gave a priority an order the scenario does not enable",
                          "        order: tax\n", "        order: raid\n"),
    "misspelt-order": ("misspelt a priority's order", "        order: tax\n",
                       "        order: taxes\n"),
    "scripted-order-bad-route": ("scripted an ambush on a road that is no corridor's",
                                 '"ambush didieni-kolokani"', '"ambush didieni-kolokan"'),
    # --- warnings
    "event-before-start": ("dated an event before the scenario starts",
                           "date: 2025-09-13}", "date: 2025-08-13}"),
    "event-after-end": ("dated an event after the last turn", "date: 2025-09-13}",
                        "date: 2025-12-13}"),
    "region-without-towns": ("added a region with no town",
                             "    - {id: koulikoro, name: Koulikoro}",
                             "    - {id: koulikoro, name: Koulikoro}\n"
                             "    - {id: kayes, name: Kayes}"),
    "number-without-mark": ("left a number without its provenance mark",
                            "turns: 4  # est: four weeks for a short exercise", "turns: 4"),
    "required-filter": ("made a filter required (valid)",
                        "{filter: escort_weaker_than_cells}",
                        "{filter: escort_weaker_than_cells, required: true}"),
}


def build(name: str, base: str) -> str:
    what, old, new = RECIPES[name]
    assert base.count(old) >= 1, (name, old)
    return base.replace(old, new, 1)


def first_line(path: Path) -> str:
    """What `wargame validate` prints first for `path`, without the file name (or `ok`)."""
    from wargame.scenario.load import check_file

    report = check_file(path)
    problems = sorted(report.errors + report.warnings)
    if not problems:
        return "ok"
    return problems[0].format(path.name).split(":", 1)[1]


def main(argv: list[str]) -> int:
    base = (HERE / "base.yaml").read_text(encoding="utf-8")
    for name, (what, _, _) in RECIPES.items():
        path = HERE / f"{name}.yaml"
        body = build(name, base)
        path.write_text(f"# mistake: {what}\n# expect: PENDING\n{body}", encoding="utf-8")
        expected = first_line(path)
        text = f"# mistake: {what}\n# expect: {expected}\n{body}"
        print(f"{name}: {expected}")
        path.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
