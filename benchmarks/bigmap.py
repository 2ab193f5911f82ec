"""A scenario N times the main one's size, for measuring how costs grow with the map.

    python benchmarks/bigmap.py --scale 10 -o /tmp/bigmap-10.yaml

N copies of the main scenario's map laid side by side on a grid (11 copies a row, each
shifted by the width or height of the national board), with distinct ids and names, each
joined to its neighbours by two roads between its nearest towns. Each copy has its own
regions, towns, routes, corridors, garrisons, cells and starting tracks; copy 1 keeps the
main scenario's ids, its capital (the only one), its events, endings and doctrine, which
all name copy 1's places, and its towns' starting status (sieges, towns held): the other
copies start under government control, else their garrisons lost in the first weeks would
break the one army's cohesion, a national track, within four turns. Bamako's fuel stock
and use are multiplied by N so that N times the corridors bring the same days of fuel;
every other rule and number is the main scenario's. The file passes
`wargame validate --strict`: every line with a number says it is derived from the main
scenario, and why.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import re
import sys
from copy import deepcopy
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
MAIN = ROOT / "scenarios" / "bamako-blockade-2025.yaml"
sys.path.insert(0, str(ROOT))

from wargame.scenario.yamlload import load_yaml  # noqa: E402
from wargame.tui.mapmodel import BOX_LAT, BOX_LON, geo_position  # noqa: E402

ROW = 11             # copies a row: 11 national boards wide still fit in -180..180
GAP_LON = 0.5        # degrees between two copies, so their border towns are near
GAP_LAT = 0.5
MAX_SCALE = ROW * 9  # nine rows of boards from latitude 19 down stay above -90
JOINS = 2            # roads between two neighbouring copies
COPIED = "est: copied from the main scenario bamako-blockade-2025, whose line gives its source"
_PLAIN_KEY = re.compile(r"^[a-z_][a-z0-9_-]*$")


# ---------------------------------------------------------------------------- the copies

def suffix(ident: str, copy: int) -> str:
    """Copy 0 keeps the main scenario's ids (its events name them); copy k adds -k+1."""
    return ident if copy == 0 else f"{ident}-{copy + 1}"


def named(name: Any, copy: int) -> Any:
    """A name, or a mapping of language to name (translated scenarios), numbered."""
    if isinstance(name, dict):
        return {language: named(text, copy) for language, text in name.items()}
    return name if copy == 0 else f"{name} ({copy + 1})"


def offset(copy: int) -> tuple[float, float]:
    """(degrees east, degrees south) of a copy's board from copy 0's."""
    row, col = divmod(copy, ROW)
    return col * (BOX_LON + GAP_LON), row * (BOX_LAT + GAP_LAT)


def copy_map(data: dict[str, Any], copy: int) -> dict[str, list[dict[str, Any]]]:
    """One copy of the map, corridors and forces, with its own ids, names and places."""
    east, south = offset(copy)
    regions = [{**r, "id": suffix(r["id"], copy), "name": named(r["name"], copy)}
               for r in data["map"]["regions"]]
    towns = []
    for t in data["map"]["towns"]:
        town = {**t, "id": suffix(t["id"], copy), "name": named(t["name"], copy),
                "region": suffix(t["region"], copy)}
        if copy:
            # Hand-placed board positions are drawn in copy 0's frame: the copy gets the
            # place they stand for, moved, and no article names it.
            lon, lat = geo_position(t["lat"], t["lon"], t.get("board"))
            town.update(lon=round(lon + east, 2), lat=round(lat - south, 2), sources=[])
            town.pop("board", None)
            town.pop("note", None)
            if town["kind"] == "capital":
                town["kind"] = "city"  # one capital: copy 0's Bamako
        towns.append(town)
    routes = []
    for r in data["map"]["routes"]:
        route = {**r, "id": suffix(r["id"], copy), "from": suffix(r["from"], copy),
                 "to": suffix(r["to"], copy)}
        if "corridor" in r:
            route["corridor"] = suffix(r["corridor"], copy)
        if copy:
            route["sources"] = []
        routes.append(route)
    corridors = [{**c, "id": suffix(c["id"], copy), "name": named(c["name"], copy),
                  "entry": suffix(c["entry"], copy),
                  "destination": suffix(c["destination"], copy),
                  **({"sources": []} if copy else {})}
                 for c in data["corridors"]]
    junta = data["sides"]["junta"]
    units = [{**u, "id": suffix(u["id"], copy), "name": named(u["name"], copy),
              "town": suffix(u["town"], copy)} for u in junta["units"]]
    cells = [{**c, "region": suffix(c["region"], copy)}
             for c in data["sides"]["insurgency"]["cells"]]
    return {"regions": regions, "towns": towns, "routes": routes, "corridors": corridors,
            "units": units, "cells": cells}


def _km(a: dict[str, Any], b: dict[str, Any]) -> float:
    """Great-circle distance in km."""
    la1, lo1, la2, lo2 = map(math.radians, (a["lat"], a["lon"], b["lat"], b["lon"]))
    h = (math.sin((la2 - la1) / 2) ** 2
         + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2)
    return 2 * 6371 * math.asin(math.sqrt(h))


def link_roads(first: list[dict[str, Any]], second: list[dict[str, Any]],
               a: int, b: int) -> list[dict[str, Any]]:
    """JOINS roads between the nearest towns of two copies, no town used twice."""
    pairs = sorted((_km(s, t), s["id"], t["id"]) for s in first for t in second)
    used: set[str] = set()
    roads: list[dict[str, Any]] = []
    for km, s, t in pairs:
        if s in used or t in used:
            continue
        used |= {s, t}
        roads.append({"id": f"link-{a + 1}-{b + 1}-{len(roads) + 1}", "from": s, "to": t,
                      "road": {"en": "link road between two copies of the map",
                               "fr": "route reliant deux copies de la carte"},
                      "km": max(1, min(2000, round(km * 1.3))), "condition": "laterite"})
        if len(roads) == JOINS:
            break
    return roads


def neighbours(scale: int) -> list[tuple[int, int]]:
    """Copies joined by roads: each to the one west of it, a row's first to the one above."""
    out = []
    for copy in range(1, scale):
        out.append((copy - 1, copy) if copy % ROW else (copy - ROW, copy))
    return out


def big_scenario(data: dict[str, Any], scale: int) -> dict[str, Any]:
    copies = [copy_map(data, k) for k in range(scale)]
    out = deepcopy(data)
    out["meta"].update(
        id=f"bigmap-x{scale}",
        title={"en": f"Growth benchmark: the main map {scale} times",
               "fr": f"Banc d'essai de croissance : la carte principale {scale} fois"},
        summary={
            "en": (f"Not a historical scenario: {scale} copies of the map of "
                   f"bamako-blockade-2025 side by side, joined by roads, written by "
                   f"benchmarks/bigmap.py to measure how the game's costs grow with the "
                   f"map. Its rules, events and doctrine are the main scenario's."),
            "fr": (f"Pas un scénario historique : {scale} copies de la carte de "
                   f"bamako-blockade-2025 côte à côte, reliées par des routes, écrites par "
                   f"benchmarks/bigmap.py pour mesurer comment les coûts du jeu croissent "
                   f"avec la carte. Règles, événements et doctrine sont ceux du scénario "
                   f"principal.")})
    out["map"]["regions"] = [r for c in copies for r in c["regions"]]
    out["map"]["towns"] = [t for c in copies for t in c["towns"]]
    out["map"]["routes"] = [r for c in copies for r in c["routes"]]
    for a, b in neighbours(scale):
        out["map"]["routes"] += link_roads(copies[a]["towns"], copies[b]["towns"], a, b)
    out["corridors"] = [c for cp in copies for c in cp["corridors"]]
    out["sides"]["junta"]["units"] = [u for c in copies for u in c["units"]]
    out["sides"]["insurgency"]["cells"] = [x for c in copies for x in c["cells"]]
    for actor in out["sides"]["actors"]:
        actor["regions"] = [suffix(r, k) for k in range(scale) for r in actor.get("regions", [])]
    tracks = out["tracks"]
    for table in ("support", "grievance", "intelligence"):
        tracks[table] = {suffix(key, k): value for k in range(scale)
                         for key, value in data["tracks"][table].items()}
    tracks["fuel_stock_m3"] *= scale
    tracks["fuel_use_m3_per_day"] *= scale
    return out


# ---------------------------------------------------------------------------- writing YAML

def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted one


def _key(key: str) -> str:
    return key if _PLAIN_KEY.match(key) else json.dumps(key, ensure_ascii=False)


def flow(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_key(k)}: {flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(flow(v) for v in value) + "]"
    return _scalar(value)


def _has_number(value: Any) -> bool:
    if isinstance(value, dict):
        return any(_has_number(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_number(v) for v in value)
    return isinstance(value, int | float) and not isinstance(value, bool)


def block(data: dict[str, Any], marks: dict[tuple[str, ...], str],
          path: tuple[str, ...] = (), indent: int = 0) -> list[str]:
    """Block mappings; lists of mappings one flow mapping a line, so that one provenance
    comment covers each line's numbers. `marks` gives the comment by path prefix."""
    pad = " " * indent
    lines = []
    for key, value in data.items():
        here = (*path, key)
        mark = next((m for p, m in sorted(marks.items(), key=lambda i: -len(i[0]))
                     if here[:len(p)] == p), COPIED)
        comment = f"  # {mark}"
        if isinstance(value, dict) and value:
            lines.append(f"{pad}{_key(key)}:")
            lines += block(value, marks, here, indent + 2)
        elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            lines.append(f"{pad}{_key(key)}:")
            lines += [f"{pad}  - {flow(v)}" + (comment if _has_number(v) else "")
                      for v in value]
        else:
            lines.append(f"{pad}{_key(key)}: {flow(value)}"
                         + (comment if _has_number(value) else ""))
    return lines


def write_big_scenario(scale: int, output: Path) -> Path:
    if not 1 <= scale <= MAX_SCALE:
        raise SystemExit(f"bigmap: --scale must be between 1 and {MAX_SCALE}")
    data = load_yaml(MAIN.read_bytes()).data
    big = big_scenario(data, scale)
    marks = {
        ("map",): f"est: derived from a town, road or region of the main scenario "
                  f"bamako-blockade-2025, copied and moved for the x{scale} growth benchmark",
        ("corridors",): "est: the main scenario's corridor figures, one copy per map copy",
        ("sides", "junta", "units"): "est: the main scenario's garrisons, one copy per map copy",
        ("sides", "insurgency", "cells"): "est: the main scenario's cells, one copy per map copy",
        ("tracks", "fuel_stock_m3"): f"est: the main scenario's stock times {scale}, for "
                                     f"{scale} times its corridors",
        ("tracks", "fuel_use_m3_per_day"): f"est: the main scenario's use times {scale}, so "
                                           "the days of fuel stay the same",
    }
    for table in ("support", "grievance", "intelligence"):
        marks[("tracks", table)] = "est: the main scenario's starting value, one copy per region"
    header = [f"# Written by benchmarks/bigmap.py --scale {scale} from "
              "scenarios/bamako-blockade-2025.yaml: not a historical scenario.",
              "# Every number is the main scenario's (see its provenance marks), copied "
              "for a map copy or scaled as its mark says."]
    output.write_text("\n".join([*header, *block(big, marks)]) + "\n", encoding="utf-8")
    return output


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, required=True, metavar="N",
                        help=f"copies of the main map (1..{MAX_SCALE})")
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    args = parser.parse_args(argv)
    path = write_big_scenario(args.scale, args.output)
    print(f"wrote {path} ({args.scale} copies of the main map)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
