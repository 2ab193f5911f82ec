"""`wargame sweep`: the endings over a grid of values of one or two numbers of a scenario.

An instructor asks "from how many tankers a week does the road stay open?": the sweep
plays `--games` games for every value (the same seeds for every value, so differences come
from the value, not the dice), gives each ending's share with its 95% Wilson interval,
and the value where the chosen ending crosses half of the games.

Each game is a task submitted to a `concurrent.futures.Executor`: this machine's processes
by default, or a Dask cluster's (`--executor dask://HOST:PORT`, with `distributed`
installed). A task carries the variant's YAML text, so a worker on another machine needs
the game installed but no file. Games are played by `simulate.play_game` and summarised by
`simulate.summarise`, the code `wargame simulate` uses.
"""

from __future__ import annotations

import copy
import hashlib
import math
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..engine import Scenario
from ..i18n import _, current_language, format_percent
from ..scenario.load import check_bytes, read_scenario_bytes
from ..scenario.readfile import FileRefused
from ..scenario.suggest import did_you_mean
from ..scenario.yamlload import YamlLoadError, load_yaml
from .planner import DEFAULT_BUDGET
from .simulate import GameRecord, play_game, summarise

MAX_VALUES = 50     # per varied field: a sweep is a handful of values, not a search
DEFAULT_POINTS = 5  # values when no step is given


class SweepError(Exception):
    """A sweep that cannot run: a bad --vary, a path into nothing, a variant that does
    not validate."""


@dataclass(frozen=True)
class Vary:
    """One varied field: its dotted path as written and the values it takes."""

    text: str
    parts: tuple[str, ...]
    values: tuple[int | float, ...]


def _number(text: str, what: str) -> int | float:
    try:
        return int(text)
    except ValueError:
        pass
    try:
        value = float(text)
    except ValueError:
        raise SweepError(f"{what} '{text}' is not a number") from None
    if not math.isfinite(value):
        raise SweepError(f"{what} '{text}' is not a finite number")
    return value


def parse_vary(spec: str) -> Vary:
    """`corridors.dakar.tankers_per_week=250..350:25` (the step is optional: without it,
    five evenly spaced values from A to B)."""
    path, sep, grid = spec.partition("=")
    if not sep or not path.strip() or ".." not in grid:
        raise SweepError(f"--vary '{spec}': write PATH=A..B or PATH=A..B:STEP, e.g. "
                         "corridors.dakar.tankers_per_week=250..350:25")
    span, _, step_text = grid.partition(":")
    low_text, _, high_text = span.partition("..")
    low, high = _number(low_text.strip(), "start"), _number(high_text.strip(), "end")
    if high < low:
        raise SweepError(f"--vary '{spec}': the end {high} is below the start {low}")
    values: list[int | float]
    if step_text.strip():
        step = _number(step_text.strip(), "step")
        if step <= 0:
            raise SweepError(f"--vary '{spec}': the step must be above 0")
        count = int(math.floor((high - low) / step + 1e-9)) + 1
        if count > MAX_VALUES:
            raise SweepError(f"--vary '{spec}' gives {count} values; at most {MAX_VALUES}")
        values = [low + i * step for i in range(count)]
        if all(isinstance(v, int) for v in (low, high, step)):
            values = [int(v) for v in values]
        else:
            values = [round(float(v), 9) for v in values]
    elif low == high:
        values = [low]
    else:
        raw = [low + i * (high - low) / (DEFAULT_POINTS - 1) for i in range(DEFAULT_POINTS)]
        whole = isinstance(low, int) and isinstance(high, int) and all(
            float(v).is_integer() for v in raw)
        values = [int(v) for v in raw] if whole else [round(float(v), 9) for v in raw]
    parts = tuple(p for p in path.strip().split("."))
    if any(not p for p in parts):
        raise SweepError(f"--vary '{spec}': the path has an empty part")
    return Vary(path.strip(), parts, tuple(values))


# ----------------------------------------------------------------------------- variants

def _step(current: Any, part: str, done: tuple[str, ...]) -> tuple[Any, str | int]:
    where = ".".join(done) or "the top level"
    if isinstance(current, dict):
        if part not in current:
            names = [str(k) for k in current]
            raise SweepError(f"no field '{part}' in {where}" + did_you_mean(part, names)
                             + f" (fields: {', '.join(names)})")
        return current, part
    if isinstance(current, list):
        if part.isdigit() and int(part) < len(current):
            return current, int(part)
        ids = [str(item["id"]) for item in current if isinstance(item, dict) and "id" in item]
        for i, item in enumerate(current):
            if isinstance(item, dict) and item.get("id") == part:
                return current, i
        raise SweepError(f"no item '{part}' in {where}" + did_you_mean(part, ids)
                         + (f" (ids: {', '.join(ids)})" if ids else " (use an index)"))
    raise SweepError(f"{where} is a single value; the path cannot go on to '{part}'")


def set_value(data: dict[str, Any], vary: Vary, value: int | float) -> None:
    """Set the field `vary` names in `data` (list items by their id, or an index)."""
    current: Any = data
    for depth, part in enumerate(vary.parts):
        container, key = _step(current, part, vary.parts[:depth])
        if depth == len(vary.parts) - 1:
            old = container[key]
            if isinstance(old, bool) or not isinstance(old, int | float):
                raise SweepError(f"{vary.text} is not a number in the scenario (it is "
                                 f"{old!r}); a sweep varies numbers")
            container[key] = value
        else:
            current = container[key]


class _NoAliases(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True


def variant_text(data: dict[str, Any]) -> str:
    """A variant as YAML the strict loader reads back to the same data."""
    return yaml.dump(data, Dumper=_NoAliases, sort_keys=False, allow_unicode=True)


def grid(varies: list[Vary]) -> list[tuple[int | float, ...]]:
    points: list[tuple[int | float, ...]] = [()]
    for vary in varies:
        points = [(*p, v) for p in points for v in vary.values]
    return points


def build_variants(raw: bytes, varies: list[Vary]) -> list[tuple[tuple[int | float, ...], str]]:
    """Every point of the grid with its scenario text; SweepError if one does not load."""
    try:
        data = load_yaml(raw).data
    except YamlLoadError as exc:
        raise SweepError("the scenario does not load: " + exc.errors[0].message) from None
    out = []
    for point in grid(varies):
        variant = copy.deepcopy(data)
        for vary, value in zip(varies, point, strict=True):
            set_value(variant, vary, value)
        text = variant_text(variant)
        report = check_bytes(text.encode("utf-8"), "variant")
        if report.errors:
            values = ", ".join(f"{v.text}={x}" for v, x in zip(varies, point, strict=True))
            problems = "; ".join(f"{e.path}: {e.message}" for e in report.errors[:3])
            raise SweepError(f"with {values} the scenario does not validate: {problems}")
        out.append((point, text))
    return out


# ----------------------------------------------------------------------------- tasks

_LOADED: dict[str, Scenario] = {}


def _scenario_of(text: str) -> Scenario:
    key = hashlib.sha256(text.encode("utf-8")).hexdigest()
    if key not in _LOADED:
        report = check_bytes(text.encode("utf-8"), "variant")
        assert report.scenario is not None, report.lines()
        _LOADED[key] = report.scenario
    return _LOADED[key]


def play_variant(text: str, seed: int, junta: str, insurgency: str,
                 difficulty: str, planner_budget: int = DEFAULT_BUDGET) -> GameRecord:
    """One task: one game of one variant (runs in a worker, on any machine)."""
    return play_game(_scenario_of(text), seed, junta, insurgency, difficulty,
                     planner_budget=planner_budget)


class InlineExecutor(Executor):
    """Runs each task when it is submitted, in this process (`--jobs 1`)."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:  # noqa: BLE001 - handed to the caller via the future
            future.set_exception(exc)
        return future


class _ClientExecutor(Executor):
    """A Dask client's executor that also closes the client when it is shut down."""

    def __init__(self, client: Any) -> None:
        self.client = client
        self.inner: Executor = client.get_executor()

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        return self.inner.submit(fn, *args, **kwargs)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        self.inner.shutdown(wait=wait)
        self.client.close()


def open_executor(spec: str, jobs: int) -> Executor:
    """`local` (this machine's processes) or `dask://HOST:PORT` (a Dask scheduler)."""
    if spec == "local":
        return InlineExecutor() if jobs <= 1 else ProcessPoolExecutor(max_workers=jobs)
    if spec.startswith("dask://"):
        try:
            from distributed import Client
        except ImportError:
            raise SweepError("--executor dask:// needs the Dask extra: pip install "
                             "'wargame[dask]'") from None
        address = spec.removeprefix("dask://")
        client = Client(  # type: ignore[no-untyped-call]  # distributed is untyped
            address if "://" in address else f"tcp://{address}")
        return _ClientExecutor(client)
    raise SweepError(f"--executor '{spec}': use local or dask://HOST:PORT")


# ----------------------------------------------------------------------------- the sweep

def run_sweep(path: Path, varies: list[Vary], games: int, seed: int, executor: Executor, *,
              junta: str = "historical", insurgency: str = "doctrine",
              difficulty: str = "standard", outcome: str | None = None,
              progress: Callable[[int, int], None] | None = None,
              planner_budget: int = DEFAULT_BUDGET) -> dict[str, Any]:
    """Play every point of the grid; the result `--json` prints (see docs)."""
    if not 1 <= len(varies) <= 2:
        raise SweepError("vary one or two fields")
    try:
        raw = read_scenario_bytes(path)
    except FileRefused as exc:
        raise SweepError(f"{path}: {exc}") from None
    report = check_bytes(raw, str(path))
    if report.scenario is None:
        raise SweepError("the scenario does not load:\n" + "\n".join(report.lines()))
    scenario = report.scenario
    endings = [e.id for e in scenario.spec.victory.endings] + [scenario.spec.victory.default.id]
    if outcome is not None and outcome not in endings:
        raise SweepError(f"unknown ending '{outcome}'" + did_you_mean(outcome, endings)
                         + f" (endings: {', '.join(endings)})")
    variants = build_variants(raw, varies)
    futures: dict[Future[GameRecord], tuple[int, int]] = {}
    for v, (_values, text) in enumerate(variants):
        for g in range(games):
            future = executor.submit(play_variant, text, seed + g, junta, insurgency,
                                     difficulty, planner_budget)
            futures[future] = (v, g)
    records: dict[tuple[int, int], GameRecord] = {}
    for done, future in enumerate(as_completed(futures), start=1):
        records[futures[future]] = future.result()
        if progress:
            progress(done, len(futures))
    points = []
    for v, (point, text) in enumerate(variants):
        games_of = [records[(v, g)] for g in range(games)]  # seed order, whatever finished first
        summary = summarise(_scenario_of(text), games_of)
        shares = {e: summary["outcome_shares"].get(e, _none(games)) for e in endings}
        points.append({"values": dict(zip((x.text for x in varies), point, strict=True)),
                       "outcomes": shares})
    totals = {e: sum(p["outcomes"][e]["games"] for p in points) for e in endings}
    target = outcome or max(endings, key=lambda e: (totals[e], -endings.index(e)))
    result: dict[str, Any] = {
        "scenario": scenario.id, "vary": [v.text for v in varies], "games": games,
        "seed": seed, "junta_policy": junta, "insurgency_policy": insurgency,
        "difficulty": difficulty, "outcome": target,
        "outcome_chosen": "given" if outcome else "most frequent",
        "points": points, "crossings": list(crossings(points, varies, target)),
    }
    if junta == "planner":   # the planning junta's strength is part of what was measured
        result["planner_budget"] = planner_budget
    return result


def _none(games: int) -> dict[str, Any]:
    from ..scenario.expectations import wilson

    low, high = wilson(0, games)
    return {"games": 0, "share": 0.0, "ci95": [round(low, 4), round(high, 4)]}


def crossings(points: list[dict[str, Any]], varies: list[Vary],
              outcome: str) -> Iterator[dict[str, Any]]:
    """Where `outcome`'s share crosses 50% along the first field (for each value of the
    second), by linear interpolation between neighbouring values."""
    first = varies[0].text
    rows: dict[Any, list[dict[str, Any]]] = {}
    for p in points:
        key = p["values"][varies[1].text] if len(varies) > 1 else None
        rows.setdefault(key, []).append(p)
    for key, row in rows.items():
        for a, b in zip(row, row[1:], strict=False):
            sa, sb = a["outcomes"][outcome]["share"], b["outcomes"][outcome]["share"]
            if (sa - 0.5) * (sb - 0.5) > 0 or sa == sb or (sa == 0.5 and a is not row[0]):
                continue
            xa, xb = a["values"][first], b["values"][first]
            at = xa + (0.5 - sa) * (xb - xa) / (sb - sa)
            found: dict[str, Any] = {first: round(at, 6), "direction":
                                     "rises" if sb > sa else "falls",
                                     "between": [xa, xb]}
            if key is not None:
                found["where"] = {varies[1].text: key}
            yield found


def percent(share: float) -> str:
    # English keeps the digits it has always printed; another language its own form
    return f"{share * 100:.0f}%" if current_language() == "en" else format_percent(share, 0)


def summary_lines(result: dict[str, Any]) -> Iterator[str]:
    """The table printed after a sweep, in the reader's language (the JSON stays as is)."""
    names = result["vary"]
    endings = list(result["points"][0]["outcomes"]) if result["points"] else []
    junta = result["junta_policy"]
    if "planner_budget" in result:
        junta = _("{policy} (budget {budget})").format(policy=junta,
                                                       budget=result["planner_budget"])
    yield _("sweep of {scenario}: {values} values x {games} games (seeds {first} to {last}), "
            "junta {junta}, insurgency {insurgency} ({difficulty})").format(
        scenario=result["scenario"], values=len(result["points"]), games=result["games"],
        first=result["seed"], last=result["seed"] + result["games"] - 1, junta=junta,
        insurgency=result["insurgency_policy"], difficulty=result["difficulty"])
    widths = [max(len(n), 8) for n in names]
    cell = max(18, *(len(e) for e in endings)) if endings else 18
    yield "  ".join(n.ljust(w) for n, w in zip(names, widths, strict=True)) + "  " + "".join(
        e.ljust(cell + 2) for e in endings).rstrip()
    for p in result["points"]:
        left = "  ".join(str(p["values"][n]).ljust(w) for n, w in zip(names, widths,
                                                                    strict=True))
        cells = []
        for e in endings:
            row = p["outcomes"][e]
            low, high = row["ci95"]
            cells.append(f"{percent(row['share'])} ({percent(low)}-{percent(high)})"
                         .ljust(cell + 2))
        yield left + "  " + "".join(cells).rstrip()
    chosen = _("the most frequent; --outcome to choose") \
        if result["outcome_chosen"] != "given" else _("given by --outcome")
    target, first = result["outcome"], names[0]
    found = result["crossings"]
    if not found:
        yield _("{outcome} ({chosen}) does not cross 50% of the games between "
                "{field}={low} and {high}").format(
            outcome=target, chosen=chosen, field=first,
            low=result["points"][0]["values"][first],
            high=result["points"][-1]["values"][first])
    for c in found:
        where = "".join(_(" with {field}={value}").format(field=k, value=v)
                        for k, v in c.get("where", {}).items())
        crossing = _("{outcome} ({chosen}) rises through 50% of the games at {field} ≈ "
                     "{at}{where} (between {low} and {high})") if c["direction"] == "rises" \
            else _("{outcome} ({chosen}) falls through 50% of the games at {field} ≈ "
                   "{at}{where} (between {low} and {high})")
        yield crossing.format(outcome=target, chosen=chosen, field=first, at=f"{c[first]:g}",
                              where=where, low=c["between"][0], high=c["between"][1])

