"""Headless games between bots, in parallel processes, and the result of `simulate`.

Game i uses seed S+i whatever the number of processes, and results are gathered in seed
order, so the output is identical for any --jobs.
"""

from __future__ import annotations

import gc
import statistics
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..engine import Scenario
from ..engine.game import snapshot
from ..engine.resolve import TurnResult, new_game, resolve_turn
from ..engine.state import GameState
from ..i18n import _, format_decimal, format_percent, ngettext
from ..scenario.expectations import wilson
from .bots import play_side, rationales
from .planner import DEFAULT_BUDGET


@dataclass
class GameRecord:
    seed: int
    outcome: str
    turns_played: int
    history: list[dict[str, Any]]
    decisions: int
    rationales: list[dict[str, Any]] = field(default_factory=list)
    start: dict[str, Any] | None = None   # the tracks before turn 1 (with the ledger only)

    def to_dict(self, explain: bool = False) -> dict[str, Any]:
        data: dict[str, Any] = {"seed": self.seed, "outcome": self.outcome,
                                "turns_played": self.turns_played, "decisions": self.decisions}
        if self.start is not None:
            data["start"] = self.start
        data["history"] = self.history
        if explain:
            data["rationales"] = self.rationales
        return data


def turn_entry(state: GameState, result: TurnResult, ledger: bool = False) -> dict[str, Any]:
    """One line of a game's history: the tracks after a turn resolved, and with `ledger`
    every change to them with its cause (the ledger's JSON form, README)."""
    entry = snapshot(state)
    entry["turn"] = result.turn
    entry["date"] = state.scenario.turn_start(result.turn).isoformat()
    del entry["isolation"]
    entry["attacks"] = dict(sorted(result.attacks.items()))
    entry["schools_closed"] = bool(state.flags.get("schools_closed"))
    if ledger:
        entry["ledger"] = [e.to_dict(state.scenario.name_of) for e in result.ledger]
    return entry


def play_game(scenario: Scenario, seed: int, junta: str = "random",
              insurgency: str = "doctrine", difficulty: str = "standard",
              explain: bool = False, ledger: bool = False,
              planner_budget: int = DEFAULT_BUDGET) -> GameRecord:
    """One headless game. It plays the state with the rules themselves (`new_game`,
    `resolve_turn`: what `Game` does), without the `Game`'s bookkeeping a headless game
    never reads (a turn record with its state digest, a snapshot a turn): the same game,
    a tenth less work (issue 13)."""
    state = new_game(scenario, seed)
    start = _start_entry(state) if ledger else None
    history: list[dict[str, Any]] = []
    explained: list[dict[str, Any]] = []
    decisions = 0
    while not state.over:
        made = play_side(state, "junta", junta, planner_budget=planner_budget)
        made += play_side(state, "insurgency", insurgency, difficulty)
        decisions += len(made)
        if explain:
            explained += [{"turn": state.turn, **d.to_dict()} for d in made]
        # The bots' sentences ride on the turn's events, which a headless game's record
        # never reads: written only when asked for (--explain), they cost a tenth of a
        # game otherwise (issue 13).
        result = resolve_turn(state, rationales(made) if explain else None)
        history.append(turn_entry(state, result, ledger))
    return GameRecord(seed, state.outcome or "", len(history), history, decisions,
                      explained, start)


def _start_entry(state: GameState) -> dict[str, Any]:
    """The tracks before the first turn, in the history's form (the base of turn 1's
    ledger)."""
    entry = snapshot(state)
    del entry["isolation"]
    return entry


# ------------------------------------------------------------------ batches

@dataclass(frozen=True)
class Batch:
    scenario_path: str
    junta: str
    insurgency: str
    difficulty: str
    explain: bool
    ledger: bool = False          # the causal ledger in each history entry (--json only)
    planner_budget: int = DEFAULT_BUDGET   # rollouts a turn for the planning junta


# A worker's scenario by path. Filled in the parent just before the pool starts, so a
# worker made by fork (Linux) inherits the parent's scenario and loads nothing; a worker
# started afresh (spawn, forkserver) loads the file once.
_WORKER_SCENARIO: dict[str, Scenario] = {}
# Games per task sent to a worker: small enough that the workers finish together (the
# last task is the tail one worker plays alone), large enough to keep messages few.
MAX_CHUNK = 4


def _worker_game(batch: Batch, seed: int) -> GameRecord:
    """Runs in a worker process: the scenario (inherited, or loaded once per process),
    one game."""
    if batch.scenario_path not in _WORKER_SCENARIO:
        from ..scenario.load import load_scenario

        _WORKER_SCENARIO[batch.scenario_path] = load_scenario(Path(batch.scenario_path))
    return play_game(_WORKER_SCENARIO[batch.scenario_path], seed, batch.junta,
                     batch.insurgency, batch.difficulty, batch.explain, batch.ledger,
                     batch.planner_budget)


def run_games(scenario: Scenario, scenario_path: Path, seeds: list[int], batch: Batch,
              jobs: int, progress: Callable[[int], None] | None = None) -> list[GameRecord]:
    """Play every seed; results in seed order whatever `jobs` is."""
    records: list[GameRecord] = []
    if jobs <= 1 or len(seeds) == 1:
        for seed in seeds:
            records.append(play_game(scenario, seed, batch.junta, batch.insurgency,
                                     batch.difficulty, batch.explain, batch.ledger,
                                     batch.planner_budget))
            if progress:
                progress(len(records))
        return records
    chunk = max(1, min(MAX_CHUNK, len(seeds) // (jobs * 4)))
    _WORKER_SCENARIO[batch.scenario_path] = scenario
    # What exists now is never garbage for the workers: frozen, their collector skips it
    # (and does not touch, so copy, the pages they share with the parent after a fork).
    gc.freeze()
    try:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            for record in pool.map(_worker_game, [batch] * len(seeds), seeds,
                                   chunksize=chunk):
                records.append(record)
                if progress:
                    progress(len(records))
    finally:
        gc.unfreeze()
        _WORKER_SCENARIO.pop(batch.scenario_path, None)
    return records


# ------------------------------------------------------------------ summary statistics

def _first_turn(history: list[dict[str, Any]],
                test: Callable[[dict[str, Any]], bool]) -> int | None:
    return next((h["turn"] for h in history if test(h)), None)


def key_moments(record: GameRecord, start_held: int) -> dict[str, int | None]:
    h = record.history
    return {
        "fuel_below_7_days": _first_turn(h, lambda e: e["bamako_fuel_days"] < 7),
        "schools_closed": _first_turn(h, lambda e: e.get("schools_closed", False)),
        "first_town_lost": _first_turn(h, lambda e: len(e["towns_held"]) > start_held),
    }


def summarise(scenario: Scenario, records: list[GameRecord]) -> dict[str, Any]:
    n = len(records)
    counts = Counter(r.outcome for r in records)
    start_held = sum(1 for s in scenario.spec.tracks.town_status.values() if s == "insurgent")
    shares = {}
    for outcome, k in sorted(counts.items()):
        low, high = wilson(k, n)
        shares[outcome] = {"games": k, "share": round(k / n, 4),
                           "ci95": [round(low, 4), round(high, 4)]}
    moments: dict[str, Any] = {}
    per_game = [key_moments(r, start_held) for r in records]
    for name in ("fuel_below_7_days", "schools_closed", "first_town_lost"):
        turns = [turn for m in per_game if (turn := m[name]) is not None]
        moments[name] = {"games": len(turns),
                         "median_turn": statistics.median(turns) if turns else None}
    destroyed = [r.history[-1]["tankers_destroyed"] if r.history else 0 for r in records]
    capital = next(t.region for t in scenario.towns.values() if t.kind == "capital")
    trajectory = []
    horizon = max((r.turns_played for r in records), default=0)
    for turn in range(1, horizon + 1):
        rows = [r.history[turn - 1] for r in records if r.turns_played >= turn]
        trajectory.append({
            "turn": turn, "games": len(rows),
            "junta_support_capital": statistics.median(e["junta_support"][capital] for e in rows),
            "insurgent_support_mean": statistics.median(
                sum(e["insurgent_support"].values()) // len(e["insurgent_support"])
                for e in rows),
            "fuel_days": statistics.median(e["bamako_fuel_days"] for e in rows),
        })
    return {
        "games": n,
        "outcomes": dict(sorted(counts.items())),
        "outcome_shares": shares,
        "key_moments": moments,
        "tankers_destroyed": {
            "median": statistics.median(destroyed) if destroyed else 0,
            "min": min(destroyed, default=0), "max": max(destroyed, default=0)},
        "support_trajectory": trajectory,
    }


def simulate(scenario: Scenario, scenario_path: Path, games: int, seed: int,
             junta: str = "random", insurgency: str = "doctrine",
             difficulty: str = "standard", jobs: int = 1, explain: bool = False,
             progress: Callable[[int], None] | None = None,
             ledger: bool = False, planner_budget: int = DEFAULT_BUDGET) -> dict[str, Any]:
    batch = Batch(str(scenario_path), junta, insurgency, difficulty, explain, ledger,
                  planner_budget)
    seeds = [seed + i for i in range(games)]
    records = run_games(scenario, scenario_path, seeds, batch, jobs, progress)
    return {
        "scenario": scenario.id,
        "junta_policy": junta,
        "insurgency_policy": insurgency,
        "difficulty": difficulty,
        **({"planner_budget": planner_budget} if junta == "planner" else {}),
        "games": [r.to_dict(explain) for r in records],
        "summary": summarise(scenario, records),
    }


def number(value: float) -> str:
    """A median as people write it: 7, 7.5 (never 7.0); 7,5 in French."""
    return format_decimal(value, places=1)


def summary_lines(result: dict[str, Any]) -> Iterator[str]:
    """The human summary table printed after a batch, in the interface's language."""
    s = result["summary"]
    games = s["games"]
    yield ngettext("{games} game of {scenario}: junta {junta}, insurgency {insurgency} "
                   "({difficulty})",
                   "{games} games of {scenario}: junta {junta}, insurgency {insurgency} "
                   "({difficulty})", games).format(
        games=games, scenario=result["scenario"], junta=result["junta_policy"],
        insurgency=result["insurgency_policy"], difficulty=result["difficulty"])
    # (each heading its own call: the catalogue's extractor cannot look inside f-strings)
    outcome_head, games_head, share_head = _("outcome"), _("games"), _("share")
    yield f"{outcome_head:<22}{games_head:>7}{share_head:>8}   " + _("95% CI")
    for outcome, row in s["outcome_shares"].items():
        low, high = row["ci95"]
        yield f"{outcome:<22}{row['games']:>7}{format_percent(row['share']):>8}   " \
              f"{format_percent(low)}–{format_percent(high)}"
    labels = {"fuel_below_7_days": _("Bamako below 7 days of fuel"),
              "schools_closed": _("schools closed"), "first_town_lost": _("first town lost")}
    for key, label in labels.items():
        m = s["key_moments"][key]
        if m["median_turn"] is None:
            yield f"{label:<30} " + ngettext("in none of the {games} game",
                                             "in none of the {games} games",
                                             games).format(games=games)
        else:  # the median is over the games where it happened, and says so
            yield f"{label:<30} " + ngettext(
                "in {k} of {games} game; in those, median turn {turn}",
                "in {k} of {games} games; in those, median turn {turn}", games).format(
                k=m["games"], games=games, turn=number(m["median_turn"]))
    t = s["tankers_destroyed"]
    yield _("tankers destroyed: median {median} (min {min}, max {max})").format(
        median=number(t["median"]), min=t["min"], max=t["max"])
    traj = s["support_trajectory"]
    if traj:
        marks = [traj[i] for i in sorted({0, len(traj) // 4, len(traj) // 2,
                                          3 * len(traj) // 4, len(traj) - 1})]
        yield _("median junta support in the capital by turn:") + " " + ", ".join(
            _("t{turn} {value}").format(turn=e["turn"],
                                        value=number(e["junta_support_capital"]))
            for e in marks)
