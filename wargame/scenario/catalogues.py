"""Where the sources catalogues of a scenario are, and their versions.

A leaf module: the scenario cache names an entry by the catalogues its warnings depend
on before it knows whether it needs to read any of them (`sources.py` re-exports it).
"""

from __future__ import annotations

from pathlib import Path as FilePath

from .shipped import shipped_dir

CATALOGUE_NAME = "sources.yaml"


def shipped_catalogue_path() -> FilePath:
    return shipped_dir("sources") / CATALOGUE_NAME


def catalogue_paths(scenario: FilePath | None) -> list[FilePath]:
    """The shipped catalogue, then any beside the scenario (its folder, then its parent)."""
    paths = [shipped_catalogue_path()]
    if scenario is not None:
        folder = scenario.resolve().parent
        for place in (folder, folder.parent):
            local = place / "sources" / CATALOGUE_NAME
            if local.is_file() and local.resolve() not in [p.resolve() for p in paths]:
                paths.append(local)
    return paths


def catalogue_fingerprint(scenario: FilePath | None) -> str:
    """Which catalogues a scenario's warnings depend on, and their versions (a cached
    check of the same text beside another catalogue is not the same check)."""
    parts = []
    for path in catalogue_paths(scenario):
        try:
            info = path.stat()
        except OSError:
            parts.append(f"{path} missing")
            continue
        parts.append(f"{path} {info.st_size} {info.st_mtime_ns}")
    return "\n".join(parts)
