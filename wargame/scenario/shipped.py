"""Finding shipped scenarios, from a clone (editable install) or from an installed wheel."""

from __future__ import annotations

from pathlib import Path

import wargame

DEFAULT_SCENARIO = "bamako-blockade-2025"


def shipped_dir(kind: str = "scenarios") -> Path:
    """The folder of shipped scenarios (or saves): inside the wheel, else the repo's top."""
    package = Path(wargame.__file__).resolve().parent
    inside = package / "_shipped" / kind
    if inside.is_dir():
        return inside
    return package.parent / kind


def shipped_scenarios() -> list[Path]:
    folder = shipped_dir()
    return sorted(folder.glob("*.yaml")) if folder.is_dir() else []


def resolve_scenario(arg: str) -> Path:
    """A scenario argument is a path to a file, or the id of a shipped scenario."""
    path = Path(arg)
    if path.suffix in (".yaml", ".yml") or path.exists() or "/" in arg:
        return path
    return shipped_dir() / f"{arg}.yaml"
