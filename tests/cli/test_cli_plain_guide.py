"""Plain mode explains: after `end` the tracks that moved with their causes, `why TRACK
[REGION]` for every cause of one, `orders` with each order's effect, `help ORDER` and
`help TRACK` with their descriptions; unknown names get the list of valid ones."""

from __future__ import annotations

import io
import re

from wargame.plain import play_plain
from wargame.scenario.load import load_scenario
from wargame.scenario.shipped import shipped_scenarios


def run(commands: str) -> str:
    path = next(p for p in shipped_scenarios() if p.stem == "bamako-blockade-2025")
    out = io.StringIO()
    play_plain(load_scenario(path), seed=1, stdin=io.StringIO(commands), stdout=out,
               autosave=False)
    return out.getvalue()


def test_end_says_what_moved_each_track_and_why() -> None:
    out = run("escort dakar heavy\nend\n")
    report = out.split("What moved the tracks:", 1)[1]
    assert re.search(r"Fuel in Bamako \d+ → \d+ days", report)
    assert re.search(r"Treasury \d+ → \d+\n\s+[−+]\d+  wages and upkeep of the state  \[000\]",
                     report)
    assert "other (" in report and "Also moved:" in report


def test_why_lists_every_cause_and_names_valid_tracks_and_regions() -> None:
    out = run("why cohesion\nend\nwhy treasury\nwhy support segou\nwhy support nowhere\n"
              "why blah\n")
    assert "No turn has been resolved yet" in out
    # The second time the treasury's line appears is the answer to `why treasury`.
    treasury = out.split("Treasury 300 →")[2]
    # `why` expands the fold: the small causes are listed under "other (n causes)".
    assert re.search(r"other \(\d causes\) [−+]\d+\n( {10}[−+]\d+ .+\n)+", treasury)
    assert "No region 'nowhere'. Regions: bamako, kayes" in out
    assert "No track 'blah'. Tracks: fuel, price, treasury, cohesion, isolation" in out
    assert "Support for the junta in Ségou" in out


def test_orders_show_their_effect_light_and_heavy_escorts_differ() -> None:
    out = run("orders\n")
    light = out.split("escort dakar light", 1)[1].split("\n")[1]
    heavy = out.split("escort dakar heavy", 1)[1].split("\n")[1]
    assert "1 company from the reserve" in light and "3 companies from the reserve" in heavy
    assert re.search(r"ambush odds on .+ \d+% → \d+%", heavy)


def test_help_order_and_help_track() -> None:
    out = run("help escort\nhelp isolation\nhelp ambush\nhelp nothing\n")
    assert "Escort convoy (escort)\nSoldiers from the reserve ride" in out
    assert "Now, 'escort abidjan light'" in out and "Now, 'escort abidjan heavy'" in out
    assert "Sources: 004 “Mali crisis deepens" in out
    assert "International isolation\n\nHow far the junta stands alone" in out
    assert "What moves it:" in out and "Why it matters:" in out
    # The other side's order: its description, never its odds from hidden numbers.
    ambush = out.split("Ambush (ambush), an order of the other side\n", 1)[1].split("\n")
    assert ambush[0].startswith("Fighters attack") and not ambush[1].startswith("Now,")
    assert "No order or track 'nothing'. Orders: escort, patrol" in out
