"""Page keys on a list of options that has not been laid out yet do nothing (Textual's own
OptionList raised KeyError there, which the key storm found)."""

from __future__ import annotations

import pytest
from textual.widgets import OptionList

from wargame.tui.widgets.safelist import SafeOptionList


def test_page_keys_before_layout_do_nothing() -> None:
    plain = OptionList("a", "b", "c")
    plain.highlighted = 1
    with pytest.raises(KeyError):  # the defect SafeOptionList exists for
        plain.action_page_down()
    safe = SafeOptionList("a", "b", "c")
    safe.highlighted = 1
    safe.action_page_down()
    safe.action_page_up()
    assert safe.highlighted == 1
