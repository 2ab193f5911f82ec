"""How the interface names the articles: shared with plain mode and the after-action report
(`wargame.present.articles`)."""

from __future__ import annotations

from ..present.articles import HEADLINES, cite, short

__all__ = ["HEADLINES", "cite", "short"]
