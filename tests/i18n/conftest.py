"""Every test here leaves the interface in English, whatever language it chose."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from wargame.i18n import set_language


@pytest.fixture(autouse=True)
def english_afterwards() -> Iterator[None]:
    yield
    set_language("en")
