"""`wargame sweep`: a grid of values of one or two numbers of a scenario, the endings'
shares with 95% intervals, and where the chosen ending crosses half of the games; through
any `concurrent.futures.Executor` (this machine's processes, or a Dask cluster)."""

from __future__ import annotations

import json
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from wargame.ai.sweep import (
    InlineExecutor,
    SweepError,
    crossings,
    parse_vary,
    run_sweep,
    set_value,
)
from wargame.cli import main
from wargame.scenario.yamlload import load_yaml

BASE = Path(__file__).parent / "mistakes" / "base.yaml"
THRESHOLD = "victory.endings.road_kept_open.condition.value"


def test_parse_vary() -> None:
    v = parse_vary("corridors.dakar.tankers_per_week=250..350:25")
    assert v.parts == ("corridors", "dakar", "tankers_per_week")
    assert v.values == (250, 275, 300, 325, 350)
    assert parse_vary("a.b=0..100").values == (0, 25, 50, 75, 100)  # five by default
    assert parse_vary("a.b=0..1").values == (0.0, 0.25, 0.5, 0.75, 1.0)
    assert parse_vary("a.b=0.5..1:0.25").values == (0.5, 0.75, 1.0)
    assert parse_vary("a.b=3..3").values == (3,)
    for bad, words in (("a.b", "PATH=A..B"), ("a.b=5..1", "below the start"),
                       ("a.b=1..2:0", "above 0"), ("a.b=x..2", "not a number"),
                       ("a.b=0..1000:1", "at most 50"), ("a..b=1..2", "empty part")):
        with pytest.raises(SweepError, match=words):
            parse_vary(bad)


def test_set_value_finds_list_items_by_id_or_index() -> None:
    data = load_yaml(BASE.read_bytes()).data
    set_value(data, parse_vary("corridors.dakar.tankers_per_week=1..2"), 123)
    assert data["corridors"][0]["tankers_per_week"] == 123
    set_value(data, parse_vary("map.towns.1.population=1..2"), 7)
    assert data["map"]["towns"][1]["population"] == 7
    with pytest.raises(SweepError, match="no item 'dakr' in corridors; did you mean 'dakar'"):
        set_value(data, parse_vary("corridors.dakr.tankers_per_week=1..2"), 1)
    with pytest.raises(SweepError, match="no field 'tankers' in corridors.dakar"):
        set_value(data, parse_vary("corridors.dakar.tankers=1..2"), 1)
    with pytest.raises(SweepError, match="is not a number in the scenario"):
        set_value(data, parse_vary("meta.title=1..2"), 1)


def test_crossing_is_interpolated_between_neighbours() -> None:
    vary = parse_vary("x=0..30:10")

    def point(x: int, share: float) -> dict[str, object]:
        return {"values": {"x": x}, "outcomes": {"e": {"share": share}}}

    points = [point(0, 0.0), point(10, 0.25), point(20, 0.75), point(30, 1.0)]
    assert list(crossings(points, [vary], "e")) == [
        {"x": 15.0, "direction": "rises", "between": [10, 20]}]
    falling = [point(0, 0.9), point(10, 0.5), point(20, 0.1)]
    assert list(crossings(falling, [vary], "e")) == [
        {"x": 10.0, "direction": "falls", "between": [0, 10]}]
    assert list(crossings([point(0, 0.2), point(10, 0.3)], [vary], "e")) == []


def _sweep(executor: object, games: int = 6) -> dict[str, object]:
    return run_sweep(BASE, [parse_vary(f"{THRESHOLD}=0..100:50")], games, 3,
                     executor,  # type: ignore[arg-type]
                     outcome="road_kept_open")


def test_sweep_runs_the_grid_and_does_not_depend_on_the_pool() -> None:
    inline = _sweep(InlineExecutor())
    with ProcessPoolExecutor(max_workers=2) as pool:
        assert _sweep(pool) == inline
    points = inline["points"]
    assert [p["values"] for p in points] == [{THRESHOLD: 0}, {THRESHOLD: 50}, {THRESHOLD: 100}]
    for p in points:
        assert sum(row["games"] for row in p["outcomes"].values()) == 6
        for row in p["outcomes"].values():
            low, high = row["ci95"]
            assert 0 <= low <= row["share"] <= high <= 1
    shares = [p["outcomes"]["road_kept_open"]["share"] for p in points]
    assert shares == sorted(shares)  # a looser threshold never keeps the road open less
    assert inline["outcome"] == "road_kept_open"


def test_sweep_command_end_to_end(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "sweep.html"
    args = ["sweep", str(BASE), "--vary", f"{THRESHOLD}=0..100:25", "--games", "6",
            "--seed", "2", "--jobs", "1"]
    assert main([*args, "--html", str(page)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("sweep of kolokani-road: 5 values x 6 games (seeds 2 to 7)")
    assert out[1].split()[:4] == [THRESHOLD, "regime_collapse", "road_kept_open",
                                  "road_bleeding"]
    assert len(out) == 2 + 5 + max(1, len(out) - 7)
    assert "through 50% of the games at" in out[-1] or "does not cross 50%" in out[-1]
    html = page.read_text(encoding="utf-8")
    assert html.startswith("<!doctype html>") and "<svg" in html and "<polyline" in html
    assert main([*args, "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["vary"] == [THRESHOLD] and len(result["points"]) == 5
    assert result["outcome_chosen"] == "most frequent"


def test_sweep_errors_are_one_clean_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sweep", str(BASE), "--vary", "rules.odds_floor=50..99:49"]) == 2
    err = capsys.readouterr().err
    assert err.strip() == ("wargame: with rules.odds_floor=99 the scenario does not validate: "
                           "rules.odds_floor: odds_floor (99) is greater than odds_ceiling (95)")
    assert main(["sweep", str(BASE), "--vary", "x.y=1..2"]) == 2
    assert "no field 'x'" in capsys.readouterr().err
    assert main(["sweep", str(BASE), "--vary", f"{THRESHOLD}=0..10", "--outcome",
                 "road_kept_opn", "--jobs", "1"]) == 2
    assert "did you mean 'road_kept_open'?" in capsys.readouterr().err
    assert main(["sweep", str(BASE), "--vary", f"{THRESHOLD}=0..10",
                 "--executor", "ray://x"]) == 2
    assert "use local or dask://HOST:PORT" in capsys.readouterr().err


def test_sweep_on_a_dask_cluster(capsys: pytest.CaptureFixture[str]) -> None:
    distributed = pytest.importorskip("distributed")  # the [dask] extra; CI installs it
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        assert _sweep(client.get_executor()) == _sweep(InlineExecutor())
        args = ["sweep", str(BASE), "--vary", f"{THRESHOLD}=0..100:50", "--games", "6",
                "--seed", "3", "--outcome", "road_kept_open", "--json"]
        assert main([*args, "--executor", f"dask://{cluster.scheduler_address}"]) == 0
        on_cluster = json.loads(capsys.readouterr().out)
    assert main([*args, "--jobs", "1"]) == 0
    assert on_cluster == json.loads(capsys.readouterr().out)


def test_sweep_passes_the_planner_budget_on(capsys: pytest.CaptureFixture[str]) -> None:
    """`--planner-budget` reaches the planning junta's games (as for `simulate`), and the
    result says the budget it was measured at."""
    def sweep(budget: int) -> dict[str, object]:
        assert main(["sweep", str(BASE), "--vary", f"{THRESHOLD}=50..50", "--games", "2",
                     "--jobs", "1", "--junta", "planner", "--planner-budget", str(budget),
                     "--json"]) == 0
        return json.loads(capsys.readouterr().out)  # type: ignore[no-any-return]

    one = sweep(1)
    assert one["junta_policy"] == "planner" and one["planner_budget"] == 1
    assert run_sweep(BASE, [parse_vary(f"{THRESHOLD}=50..50")], 2, 1, InlineExecutor(),
                     junta="planner", planner_budget=1) == one
    assert "planner_budget" not in _sweep(InlineExecutor(), games=1)
    assert main(["sweep", str(BASE), "--vary", f"{THRESHOLD}=50..50", "--games", "1",
                 "--jobs", "1", "--junta", "planner", "--planner-budget", "2"]) == 0
    assert "junta planner (budget 2)" in capsys.readouterr().out.splitlines()[0]


def test_sweep_prints_its_table_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["sweep", str(BASE), "--vary", f"{THRESHOLD}=0..100:50", "--games", "4",
            "--seed", "2", "--jobs", "1", "--lang", "fr"]
    try:
        assert main(args) == 0
    finally:
        from wargame.i18n import set_language

        set_language("en")
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("balayage de kolokani-road\u00a0: 3 valeurs × 4 parties "
                             "(graines 2 à 5)")
    assert "\u00a0%" in out[2]              # shares written the French way (Babel's form)
    assert "50\u202f% des parties" in out[-1]
    assert not any(w in "\n".join(out) for w in ("sweep of", "games", "through", "between"))
