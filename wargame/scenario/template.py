"""`wargame new-scenario ID`: a commented template that validates and plays as it is."""

from __future__ import annotations

import re
from pathlib import Path

from ..i18n import _
from .schema import install_schema

TEMPLATE = Path(__file__).with_name("template.yaml")
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


class TemplateError(Exception):
    """The scenario cannot be written (bad id, file exists)."""


def render_template(scenario_id: str, schema_ref: str) -> str:
    """The template text for `scenario_id`, its modeline pointing at `schema_ref`."""
    if not ID_PATTERN.match(scenario_id) or len(scenario_id) > 60:
        raise TemplateError(_("'{id}' is not a valid scenario id: use lower-case letters, "
                              "digits, '-' and '_', starting with a letter or digit").format(
            id=scenario_id))
    title = scenario_id.replace("-", " ").replace("_", " ").strip().capitalize()
    text = TEMPLATE.read_text(encoding="utf-8")
    return (text.replace("__SCHEMA__", schema_ref).replace("__ID__", scenario_id)
            .replace("__TITLE__", title))


def target_folder(cwd: Path) -> Path:
    """`./scenarios/` where that folder exists, else the current folder."""
    scenarios = cwd / "scenarios"
    return scenarios if scenarios.is_dir() else cwd


def new_scenario(scenario_id: str, cwd: Path, force: bool = False) -> tuple[Path, list[Path]]:
    """Write the template for `scenario_id`; return its path and any other file written.

    The modeline names the schema installed in the user's data folder (installed or
    brought up to date now), by absolute `file://` address, so it keeps working when the
    file is moved or copied elsewhere on the same computer.
    """
    folder = target_folder(cwd)
    path = folder / f"{scenario_id}.yaml"
    if path.exists() and not force:
        raise TemplateError(_("{path} already exists (use --force to overwrite it)").format(
            path=path))
    schema, changed = install_schema()
    text = render_template(scenario_id, schema.as_uri())
    path.write_text(text, encoding="utf-8")
    return path, [schema] if changed else []
