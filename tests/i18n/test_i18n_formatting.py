"""Numbers and dates written for the reader's language at the edge: French groups
thousands with a narrow no-break space and writes dates out; English keeps the records'
bare digits and ISO dates (goldens and saved reports compare them byte for byte)."""

from __future__ import annotations

import datetime as dt

from wargame.engine.ledger import render
from wargame.i18n import format_date, format_week, local_numbers, set_language, template

FUEL = "Bamako used {burned} m³ of fuel; {days} days of supply left; fuel price index {price}."


def test_english_keeps_bare_digits_and_iso_dates() -> None:
    params = {"burned": 14000, "days": 7, "price": 100}
    assert local_numbers(FUEL, params) == params
    assert render(FUEL, local_numbers(FUEL, params)) == (
        "Bamako used 14000 m³ of fuel; 7 days of supply left; fuel price index 100.")
    assert format_week(dt.date(2025, 9, 20)) == "2025-09-20"


def test_french_groups_thousands_and_writes_dates_out() -> None:
    set_language("fr")
    params = {"burned": 14000, "days": 7, "price": 100}
    text = template(FUEL, params)
    assert render(text, local_numbers(text, params)).startswith(
        "Bamako a consommé 14\u202f000 m³ de carburant")
    assert format_week(dt.date(2025, 9, 20)) == "20 septembre 2025"
    assert format_date(dt.date(2025, 9, 1)) == "1er septembre 2025"


def test_format_specs_booleans_and_counts_are_left_alone() -> None:
    set_language("fr")
    out = local_numbers("{a} {b:+d} {c!r} {d}", {"a": 1234, "b": 1234, "c": 5, "d": True})
    assert out == {"a": "1\u202f234", "b": 1234, "c": 5, "d": True}
    assert "{b:+d}".format_map(out) == "+1234"
