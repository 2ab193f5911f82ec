"""`wargame sweep --html FILE`: one self-contained page with a chart of the endings'
shares against the varied value (95% intervals as whiskers) and the table of numbers.
No script and no external file: it opens offline and prints."""

from __future__ import annotations

from html import escape
from typing import Any

from .sweep import percent

WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 40
COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#17becf")


def _chart(points: list[dict[str, Any]], first: str, endings: list[str], title: str) -> str:
    xs = [float(p["values"][first]) for p in points]
    low, high = min(xs), max(xs)
    span = (high - low) or 1.0

    def x(value: float) -> float:
        return LEFT + (value - low) / span * (WIDTH - LEFT - RIGHT)

    def y(share: float) -> float:
        return TOP + (1 - share) * (HEIGHT - TOP - BOTTOM)

    parts = [f'<svg viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" '
             f'role="img" aria-label="{escape(title)}">']
    for tick in (0, 0.25, 0.5, 0.75, 1):
        dash = ' stroke-dasharray="4 3"' if tick == 0.5 else ""
        parts.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(tick):.1f}" '
                     f'y2="{y(tick):.1f}" stroke="#ccc"{dash}/>')
        parts.append(f'<text x="{LEFT - 6}" y="{y(tick) + 4:.1f}" text-anchor="end" '
                     f'font-size="11">{tick * 100:.0f}%</text>')
    for value in xs:
        parts.append(f'<text x="{x(value):.1f}" y="{HEIGHT - BOTTOM + 16}" '
                     f'text-anchor="middle" font-size="11">{value:g}</text>')
    parts.append(f'<text x="{(LEFT + WIDTH - RIGHT) / 2}" y="{HEIGHT - 6}" '
                 f'text-anchor="middle" font-size="12">{escape(first)}</text>')
    for i, ending in enumerate(endings):
        colour = COLOURS[i % len(COLOURS)]
        line = " ".join(f"{x(float(p['values'][first])):.1f},"
                        f"{y(p['outcomes'][ending]['share']):.1f}" for p in points)
        parts.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2" '
                     f'points="{line}"><title>{escape(ending)}</title></polyline>')
        for p in points:
            row = p["outcomes"][ending]
            px = x(float(p["values"][first]))
            parts.append(f'<line x1="{px:.1f}" x2="{px:.1f}" y1="{y(row["ci95"][0]):.1f}" '
                         f'y2="{y(row["ci95"][1]):.1f}" stroke="{colour}" opacity="0.5"/>')
    parts.append("</svg>")
    return "".join(parts)


def sweep_html(result: dict[str, Any]) -> str:
    names = result["vary"]
    first = names[0]
    endings = list(result["points"][0]["outcomes"])
    groups: dict[Any, list[dict[str, Any]]] = {}
    for p in result["points"]:
        groups.setdefault(p["values"][names[1]] if len(names) > 1 else None, []).append(p)
    title = f"Sweep of {result['scenario']}"
    body = [f"<h1>{escape(title)}</h1>",
            f"<p>{result['games']} games per value (seeds {result['seed']} to "
            f"{result['seed'] + result['games'] - 1}, the same for every value); junta "
            f"{escape(result['junta_policy'])}, insurgency "
            f"{escape(result['insurgency_policy'])} ({escape(result['difficulty'])}). "
            "Lines are each ending's share of the games; whiskers its 95% interval.</p>",
            '<p class="legend">' + " ".join(
                f'<span style="color:{COLOURS[i % len(COLOURS)]}">&#9632; {escape(e)}</span>'
                for i, e in enumerate(endings)) + "</p>"]
    for key, points in groups.items():
        heading = f"{names[1]} = {key}" if key is not None else first
        body.append(f"<h2>{escape(str(heading))}</h2>")
        body.append(_chart(points, first, endings, f"{title}: {heading}"))
    for c in result["crossings"]:
        where = "".join(f" with {k} = {v}" for k, v in c.get("where", {}).items())
        body.append(f"<p>{escape(result['outcome'])} {c['direction']} through 50% at "
                    f"{escape(first)} ≈ {c[first]:g}{escape(where)}.</p>")
    head = "".join(f"<th>{escape(n)}</th>" for n in names) + "".join(
        f"<th>{escape(e)}</th>" for e in endings)
    rows = []
    for p in result["points"]:
        cells = "".join(f"<td>{p['values'][n]}</td>" for n in names)
        for e in endings:
            row = p["outcomes"][e]
            cells += (f"<td>{percent(row['share'])} ({percent(row['ci95'][0])}–"
                      f"{percent(row['ci95'][1])})</td>")
        rows.append(f"<tr>{cells}</tr>")
    body.append(f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")
    style = ("body{font-family:sans-serif;max-width:50em;margin:2em auto;padding:0 1em}"
             "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .5em}"
             ".legend span{margin-right:1em}")
    return (f"<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
            f"{escape(title)}</title><style>{style}</style></head><body>\n"
            + "\n".join(body) + "\n</body></html>\n")
