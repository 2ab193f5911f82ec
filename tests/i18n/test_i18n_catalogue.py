"""The catalogues agree with the code: the .pot holds exactly the messages the code marks
(re-extracted here), every French entry is translated and not fuzzy with the same named
placeholders, and the shipped .mo is the compiled .po. On failure run
`python -m wargame.i18n_tools extract`, `update`, translate, then `compile`."""

from __future__ import annotations

import gettext

from wargame import i18n_tools
from wargame.i18n import DOMAIN, LOCALE_DIR


def test_catalogues_are_up_to_date_complete_and_compiled() -> None:
    problems = list(i18n_tools.problems())
    assert problems == [], "\n".join(problems[:20])


def test_the_engine_templates_and_argparse_words_are_in_the_catalogue() -> None:
    ids = {m.id for m in i18n_tools.extracted() if m.id}
    assert "fuel rationing" in ids                      # an engine N_ template
    assert ("{tankers} tanker arrived on the {corridor}",
            "{tankers} tankers arrived on the {corridor}") in ids  # an engine NP_ template
    assert "usage: " in ids                             # argparse's own word


def test_french_plural_forms_follow_the_count() -> None:
    french = gettext.translation(DOMAIN, LOCALE_DIR, languages=["fr"])
    one = "{file}: ok ({count} warning)"
    many = "{file}: ok ({count} warnings)"
    assert french.ngettext(one, many, 1) == "{file}\u00a0: ok ({count} avertissement)"
    assert french.ngettext(one, many, 0) == "{file}\u00a0: ok ({count} avertissement)"
    assert french.ngettext(one, many, 2) == "{file}\u00a0: ok ({count} avertissements)"


def test_engine_cause_templates_are_translated_at_the_edge() -> None:
    from wargame.engine.ledger import NP_, render
    from wargame.i18n import set_language, template

    cause = NP_("{tankers} tanker arrived on the {corridor}",
                "{tankers} tankers arrived on the {corridor}", "tankers")
    params = {"tankers": 3, "corridor": "dakar"}
    names = {"dakar": "Corridor Dakar–Bamako"}
    try:
        set_language("fr")
        text = render(template(cause, params), params, lambda kind, id_: names[id_])
        # No article glued to the name: it reads for any corridor's name ("Route ...").
        assert text == "3 camions-citernes arrivés (Corridor Dakar–Bamako)"
        assert template("fuel rationing", None) == "rationnement du carburant"
    finally:
        set_language("en")
    assert render(template(cause, params), params) == "3 tankers arrived on the dakar"
