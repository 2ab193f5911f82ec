"""How the interface names the articles the rules and events cite.

Scenarios cite articles by file name (`004_d40ffa60bce7b676.txt`); a student reads the
short number and, where known, the article's headline. Unknown files show their name.
"""

from __future__ import annotations

HEADLINES = {
    "000_9fd61ff9866508f9.txt": "Jihadists close in on Bamako as fuel runs low",
    "001_764bf12fb1b1f291.txt": "JNIM makes gains surrounding Bamako",
    "002_23958e37953c3e1d.txt": "Al Qaeda's JNIM pushes closer to Malian capital",
    "003_1b4bd8519a9fd793.txt": "Why Bamako isn't about to fall",
    "004_d40ffa60bce7b676.txt": "Mali crisis deepens as JNIM militants capture strongholds",
}


def short(source: str | None) -> str:
    """'004_d40ffa60bce7b676.txt' -> '004'."""
    if not source:
        return ""
    head = source.split("_", 1)[0]
    return head if head.isdigit() else source


def cite(source: str | None) -> str:
    """'004 “Mali crisis deepens…” (004_d40ffa60bce7b676.txt)'; '' when there is none."""
    if not source:
        return ""
    headline = HEADLINES.get(source)
    if headline is None:
        return source
    return f"{short(source)} “{headline}” ({source})"
