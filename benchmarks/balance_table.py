"""The README's table of outcome shares: every shipped scenario, junta policy and difficulty.

    .venv/bin/python benchmarks/balance_table.py                 # 200 games each, README updated
    .venv/bin/python benchmarks/balance_table.py --games 50 --print
    .venv/bin/python benchmarks/balance_table.py --planner-games 40 --planner-budget 16
    .venv/bin/python benchmarks/balance_table.py --scenario tutorial   # only its block
    .venv/bin/python benchmarks/balance_table.py --junta planner       # only its rows

Each cell is `wargame simulate SCENARIO --games N --seed 1 --junta P --difficulty D` (the
doctrine insurgency); the table goes into README.md between the two BALANCE-TABLE markers.
A policy registered later appears as soon as it is in JUNTA_POLICIES. The planning junta
searches every turn (about a quarter of a second at its default budget), so its row may be
measured on fewer games (`--planner-games`) and at a lower budget (`--planner-budget`);
the table says which.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from wargame.ai.bots import DIFFICULTIES, JUNTA_POLICIES
from wargame.ai.planner import DEFAULT_BUDGET
from wargame.ai.simulate import simulate
from wargame.scenario.load import load_scenario
from wargame.scenario.shipped import shipped_scenarios

README = Path(__file__).resolve().parents[1] / "README.md"
BEGIN, END = "<!-- BALANCE-TABLE:BEGIN -->", "<!-- BALANCE-TABLE:END -->"


def cell(shares: dict[str, dict[str, float]], endings: list[str]) -> str:
    return " / ".join(f"{round(shares.get(e, {}).get('share', 0.0) * 100)}" for e in endings)


def table(games: int, seed: int, jobs: int, planner_games: int | None = None,
          planner_budget: int = DEFAULT_BUDGET, only: list[str] | None = None,
          kept: dict[tuple[str, str], str] | None = None) -> list[str]:
    """The table's lines; a (scenario, policy) row found in `kept` is reused as it is
    instead of being measured again."""
    kept = kept or {}
    lines: list[str] = []
    for path in shipped_scenarios():
        scenario = load_scenario(path)
        if only and scenario.id not in only:
            continue
        endings = [e.id for e in [*scenario.spec.victory.endings, scenario.spec.victory.default]]
        lines += [f"**{scenario.id}** — % of games ending {' / '.join(f'`{e}`' for e in endings)}",
                  "", "| junta | " + " | ".join(DIFFICULTIES) + " |",
                  "|---|" + "---|" * len(DIFFICULTIES)]
        for policy in JUNTA_POLICIES:
            if (scenario.id, policy) in kept:
                lines.append(kept[scenario.id, policy])
                continue
            row = []
            n = (planner_games or games) if policy == "planner" else games
            for difficulty in DIFFICULTIES:
                result = simulate(scenario, path, n, seed, junta=policy,
                                  difficulty=difficulty, jobs=jobs,
                                  planner_budget=planner_budget)
                row.append(cell(result["summary"]["outcome_shares"], endings))
                print(f"{scenario.id} {policy} {difficulty}: {row[-1]}", file=sys.stderr)
            label = (f"planner (budget {planner_budget}, {n} games)" if policy == "planner"
                     and (n != games or planner_budget != DEFAULT_BUDGET) else policy)
            lines.append(f"| {label} | " + " | ".join(row) + " |")
        lines.append("")
    command = f"--games {games}"
    if planner_games and planner_games != games:
        command += f" --planner-games {planner_games}"
    if planner_budget != DEFAULT_BUDGET:
        command += f" --planner-budget {planner_budget}"
    lines.append(f"{games} games per cell (seeds from {seed}) unless the row says otherwise; "
                 f"refresh with `.venv/bin/python benchmarks/balance_table.py {command}`.")
    return lines


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--games", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--planner-games", type=int, default=None,
                    help="games per cell for the planner (default: --games)")
    ap.add_argument("--planner-budget", type=int, default=DEFAULT_BUDGET,
                    help=f"the planner's rollouts a turn (default {DEFAULT_BUDGET})")
    ap.add_argument("--scenario", action="append", default=None, metavar="ID",
                    help="measure only this scenario (repeatable); its block replaces the "
                         "README's, the others are kept")
    ap.add_argument("--junta", action="append", default=None, metavar="POLICY",
                    choices=sorted(JUNTA_POLICIES),
                    help="measure only this policy's rows (repeatable); the README's other "
                         "rows are kept (after a change to one bot, say)")
    ap.add_argument("--print", action="store_true", help="print the table, leave README")
    args = ap.parse_args()
    readme = README.read_text(encoding="utf-8")
    head, _, rest = readme.partition(BEGIN)
    old, _, tail = rest.partition(END)
    if not rest:
        print(f"README.md has no {BEGIN} marker", file=sys.stderr)
        return 1
    kept = ({key: row for key, row in rows(old.strip("\n").split("\n")).items()
             if key[1] not in args.junta} if args.junta else {})
    lines = table(args.games, args.seed, args.jobs, args.planner_games,
                  args.planner_budget, args.scenario, kept)
    if args.print:
        print("\n".join(lines))
        return 0
    if args.scenario:
        lines = merge(old.strip("\n").split("\n"), lines)
    text = "\n".join(lines)
    README.write_text(f"{head}{BEGIN}\n{text}\n{END}{tail}", encoding="utf-8")
    return 0


def blocks(lines: list[str]) -> dict[str, list[str]]:
    """A table's blocks by scenario id: its `**id**` line, the blank line, its table and
    the blank line after it (a block ends at the next `**` line or any other text)."""
    found: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in lines:
        if line.startswith("**"):
            current = found.setdefault(line[2:line.index("**", 2)], [])
        elif line and not line.startswith("|"):
            current = None
        if current is not None:
            current.append(line)
    return found


def rows(lines: list[str]) -> dict[tuple[str, str], str]:
    """The README table's rows by (scenario id, policy): `| planner (budget 64, 20
    games) | ...` is the planner's."""
    found: dict[tuple[str, str], str] = {}
    for sid, block in blocks(lines).items():
        for line in block:
            label = line.strip("| ").split(" |")[0].split(" (")[0]
            if label in JUNTA_POLICIES:
                found[sid, label] = line
    return found


def merge(old: list[str], new: list[str]) -> list[str]:
    """The README's table with the newly measured scenarios' blocks in place of theirs;
    the other blocks and the closing line are kept as they were."""
    fresh = blocks(new)
    merged: list[str] = []
    for sid, block in blocks(old).items():
        merged += fresh.pop(sid, block)
    for block in fresh.values():
        merged += block
    return merged + [line for line in old if line and not line.startswith(("**", "|"))]


if __name__ == "__main__":
    sys.exit(main())
