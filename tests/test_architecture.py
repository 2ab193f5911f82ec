"""Imports point downward: engine uses nothing of ours; scenario uses engine; ai and saves
use engine and scenario; present (text shared by every interface) uses engine and
scenario, and saves may use it; only tui, cli and plain may use everything. No Textual and no file
I/O or YAML in the engine."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "wargame"
ALLOWED = {
    "engine": {"engine"},
    "scenario": {"engine", "scenario"},
    "ai": {"engine", "scenario", "ai"},
    "present": {"engine", "scenario", "present"},
    "saves": {"engine", "scenario", "ai", "present", "saves"},
}
# Leaf modules import nothing of ours, and every layer above the engine may use them.
LEAVES = {"environ", "i18n"}


def _imports(path: Path) -> list[str]:
    """Our own subpackages a module imports (absolute or relative)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    layer = path.relative_to(PACKAGE).parts[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level == 0 and node.module and node.module.startswith("wargame."):
                found.append(node.module.split(".")[1])
            elif node.level == 1:
                found.append(layer)
            elif node.level == 2:
                found.append((node.module or "").split(".")[0] or "wargame")
        elif isinstance(node, ast.Import):
            found += [a.name.split(".")[1] for a in node.names if a.name.startswith("wargame.")]
    return found


def test_layers_import_downward() -> None:
    for layer, allowed in ALLOWED.items():
        for path in (PACKAGE / layer).rglob("*.py"):
            for target in _imports(path):
                assert target in allowed or (target in LEAVES and layer != "engine"), \
                    f"{path.relative_to(PACKAGE)} imports {target}"


def test_leaves_import_nothing_of_ours() -> None:
    for leaf in LEAVES:
        assert _imports(PACKAGE / f"{leaf}.py") == [], leaf


def test_safetext_imports_nothing_of_ours() -> None:
    # Every layer uses the sanitiser; it must stay a pure leaf inside the engine.
    assert _imports(PACKAGE / "engine" / "safetext.py") == []


def test_engine_has_no_textual_yaml_or_files() -> None:
    for path in (PACKAGE / "engine").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                assert name.split(".")[0] not in {"textual", "yaml", "os", "pathlib",
                                                  "random"}, f"{path.name} imports {name}"
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "open":
                raise AssertionError(f"{path.name} opens a file")
