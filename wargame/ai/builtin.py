"""The built-in doctrines (wargame/ai/doctrines.yaml), loaded with the scenario loader."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from pydantic_core import ValidationError

from ..engine import Scenario
from ..engine.model import Doctrine, DoctrineSpec
from ..scenario.validators import validate
from ..scenario.yamlload import load_yaml
from .names import JUNTA_POLICIES as JUNTA_POLICIES  # re-exported: its old home

BUILTIN = Path(__file__).with_name("doctrines.yaml")


@cache
def builtin_doctrines() -> DoctrineSpec:
    loaded = load_yaml(BUILTIN.read_bytes())
    try:
        doctrines: DoctrineSpec = validate("DoctrineSpec", loaded.data)
        return doctrines
    except ValidationError as exc:  # a packaging error, not a user's
        from ..engine import spec
        from ..scenario.errors import pydantic_errors_to_source

        lines = [e.format(str(BUILTIN)) for e in pydantic_errors_to_source(exc, loaded,
                                                                          spec.DoctrineSpec)]
        raise RuntimeError("\n".join(lines)) from None


def insurgency_doctrine(scenario: Scenario) -> Doctrine:
    spec = scenario.spec.doctrine
    return spec.insurgency if spec is not None else builtin_doctrines().insurgency


def junta_doctrine(scenario: Scenario, name: str) -> Doctrine:
    spec = scenario.spec.doctrine
    if spec is not None and name in spec.junta:
        return spec.junta[name]
    return builtin_doctrines().junta[name]
