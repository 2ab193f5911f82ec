"""The engine's phrases (goals, order refusals, the bots' reasons, road labels): English as
strings, so every reader and the English goldens are unchanged; written in French at the
edge from their templates, with every template they are made of in the catalogue."""

from __future__ import annotations

import copy
import pickle
import re
from collections.abc import Iterator

import pytest

from wargame.ai.bots import play_side
from wargame.engine import Order, check_order, observe
from wargame.engine.goals import goal_outline, goals_of, inline, leaf_text
from wargame.engine.ledger import N_, NP_
from wargame.engine.legality import static_reason
from wargame.engine.phrase import Phrase, join
from wargame.engine.state import new_state
from wargame.i18n import _, error_text, localized, ngettext, set_language
from wargame.i18n_tools import pseudo_text
from wargame.scenario.load import load_scenario
from wargame.scenario.shipped import shipped_scenarios

# Messages whose French is the English (codes, symbols).
SAME_IN_FRENCH = {"CORRIDOR", "ROUTE"}


def scenario(stem: str = "bamako-blockade-2025"):  # type: ignore[no-untyped-def]
    return load_scenario(next(p for p in shipped_scenarios() if p.stem == stem))


def templates(text: object) -> Iterator[str | tuple[str, str, str]]:
    """Every template a phrase is made of, nested ones too."""
    template = getattr(text, "phrase_template", None)
    if template is None:
        return
    yield template
    for value in text.phrase_params.values():  # type: ignore[attr-defined]
        yield from templates(value)


def untranslated(text: object) -> list[str]:
    """Templates with words that the French catalogue does not translate."""
    set_language("fr")
    out = []
    for template in templates(text):
        english = template[0] if isinstance(template, tuple) else template
        words = re.sub(r"\{[^{}]*\}", "", english)
        if not re.search(r"[A-Za-z]{2,}", words) or english in SAME_IN_FRENCH:
            continue
        french = (ngettext(template[0], template[1], 2) if isinstance(template, tuple)
                  else _(english))
        if french == english:
            out.append(english)
    return out


def test_a_phrase_is_its_english_sentence_and_keeps_its_template_when_copied() -> None:
    phrase = Phrase(N_("needs {count} fighters near the road"), count=100)
    assert phrase == "needs 100 fighters near the road"
    assert isinstance(phrase, str)
    for other in (copy.deepcopy(phrase), pickle.loads(pickle.dumps(phrase))):
        assert other == phrase
        assert other.phrase_template == phrase.phrase_template
        assert dict(other.phrase_params) == {"count": 100}


def test_a_phrase_in_french_translates_its_template_and_its_params() -> None:
    sc = scenario()
    road = sc.routes["bamako-kati"]
    label = sc.route_label("bamako-kati")
    assert label == (f"{sc.towns[road.from_town].name}–{sc.towns[road.to_town].name} "
                     f"({road.road})")
    town = next(t for t in sc.towns.values()           # Timbuktu, Tombouctou
                if t.name.translations.get("fr", t.name) != t.name)
    nested = Phrase(N_("{order}: {reason}"), order="relieve kati",
                    reason=Phrase(N_("the road is not damaged")))
    plural = Phrase(NP_("the garrison has {count} company", "the garrison has {count} companies",
                        "count"), count=1234)
    set_language("fr")
    assert localized(nested) == "relieve kati\u00a0: la route n'est pas endommagée"
    # numbers are written for the language; the plural form follows the count
    assert localized(plural) == "la garnison compte 1\u202f234 compagnies"
    assert localized(Phrase(NP_("the garrison has {count} company",
                                "the garrison has {count} companies", "count"),
                            count=1)) == "la garnison compte 1 compagnie"
    # names are the scenario's own French (a LocalText inside the phrase)
    assert localized(Phrase(N_("fuel in {capital}"), capital=town.name)) == (
        f"carburant à {town.name.translations['fr']}")
    assert "RN" in localized(label)
    # punctuation only: not in the catalogue, kept as it is
    assert localized(join(["a", "b"], ", ")) == "a, b"
    set_language("en")
    assert localized(nested) == "relieve kati: the road is not damaged"
    assert localized(plural) == "the garrison has 1234 companies"   # English: the digits


@pytest.mark.parametrize("stem", [p.stem for p in shipped_scenarios()])
def test_every_goal_phrase_of_every_shipped_scenario_is_in_french(stem: str) -> None:
    sc = scenario(stem)
    for side in ("junta", "insurgency"):
        goals = goals_of(sc, observe(new_state(sc, 1), side))
        for goal in goals.endings:
            for line in goal_outline(goal):
                assert untranslated(line.text) == [], (stem, line.text)
            if goal.condition is None:
                continue
            for leaf in goal.condition.leaves():
                for level in (0, 1, 2):
                    assert untranslated(leaf_text(leaf, level)) == [], leaf
            for level in (0, 1, 2):
                for item in inline([goal.condition], "all", level):
                    for text, _leaf in item:
                        assert untranslated(text) == [], text


def test_order_refusals_are_in_french() -> None:
    sc = scenario()
    state = new_state(sc, 1)
    refused = {
        "ambush bamako-kati": static_reason(sc, "junta", Order.parse("ambush bamako-kati")),
        "relieve kati": check_order(state, "junta", Order.parse("relieve kati")),
        "escort nowhere heavy": static_reason(sc, "junta", Order.parse("escort nowhere heavy")),
        "repair bamako-kati": check_order(state, "junta", Order.parse("repair bamako-kati")),
    }
    for order, reason in refused.items():
        assert reason is not None, order
        assert untranslated(reason) == [], (order, reason)
    set_language("fr")
    assert localized(refused["relieve kati"]) == (
        "la ville n'est ni assiégée ni tenue par l'insurrection")
    from wargame.engine import IllegalOrder, OrderSyntaxError, queue_order

    with pytest.raises(OrderSyntaxError) as syntax:
        Order.parse("escort dakar")
    assert error_text(syntax.value) == (
        "«\u00a0escort\u00a0» prend 2 arguments\u00a0: escort CORRIDOR NIVEAU")
    with pytest.raises(IllegalOrder) as illegal:
        queue_order(state, "junta", Order.parse("relieve kati"))
    assert str(illegal.value) == (
        "relieve kati: the town is not besieged or held by the insurgency")
    assert error_text(illegal.value).startswith("relieve kati\u00a0: la ville")


def test_the_bots_reasons_are_in_french() -> None:
    sc = scenario()
    state = new_state(sc, 1)
    decisions = [*play_side(state, "insurgency", "doctrine", "standard"),
                 *play_side(state, "junta", "planner", planner_budget=4)]
    assert decisions
    for d in decisions:
        for text in (d.sentence, d.public):
            assert untranslated(text) == [], text
    set_language("fr")
    french = localized(decisions[0].sentence)
    assert "Priorité\u00a0:" in french and "Priority" not in french


def test_the_pseudo_locale_leaves_placeholders_outside_its_markers() -> None:
    assert pseudo_text("Convoy on {road} lost {n:,} tankers.\n") == (
        "⟦Çöñvöý öñ ⟧{road}⟦ löst ⟧{n:,}⟦ tàñkérs.⟧\n")
    assert pseudo_text("{a}{b}") == "{a}{b}"
