"""The format models' built validators, kept between runs (issue 13).

Building the validator of `ScenarioSpec` (pydantic turning 88 models into a core schema)
takes about 65 ms, and the first validator any model builds imports pydantic's plugin
loader (`importlib.metadata`, about 25 ms more): most of `wargame validate` of a file that
has just changed. The core schema depends only on the code, so it is kept in the user's
cache folder, beside the scenario entries, and the next process builds its validator from
it directly with pydantic-core (`SchemaValidator`, about 3 ms).

The entry is JSON, like the scenario cache's, never pickle: the folder is writable by the
user's other programs. A core schema is data except for the classes and functions it
names (the models, their validators, the text fields' parsers); those are written as
`{"__wargame_ref__": "module:qualname"}` and read back only if they name a class or a
function defined in one of the format's own modules (`REF_MODULES`), or `list` or `dict`
(default factories); nothing else is ever looked up. The schema's `metadata` (pydantic's
notes for the JSON schema) is left out: pydantic-core does not read it.

An entry is used only when it is whole (checksum), written by this game version and this
code (`cache.entry_key`: the engine's and loader's files, pydantic's and Python's
versions), for this model, and when pydantic-core accepts the schema; anything else is
ignored and rebuilt. A schema that holds anything else (a model with a validator defined
elsewhere) is not cached at all: its model validates as before.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .cache import _read_regular_file, cache_dir, entry_key

if TYPE_CHECKING:
    from pydantic import BaseModel
    from pydantic_core import SchemaSerializer, SchemaValidator

MAGIC = b"wargame-validator-cache 1 "
REF = "__wargame_ref__"
# The modules whose own classes and functions a cached schema may name.
REF_MODULES = ("wargame.engine.spec", "wargame.engine.localtext", "wargame.scenario.sources")
_BUILTINS = {"builtins:list": list, "builtins:dict": dict}


class Uncacheable(ValueError):
    """A schema holding something other than data and the format's own code."""


def prepare(model: type[BaseModel]) -> None:
    """Give `model` its validator and serializer before its first use: built from a good
    cache entry when there is one (the same core schema, so the same validation, errors
    and output), else by pydantic as usual (and written to the cache)."""
    if model.__pydantic_complete__ or model in _PREPARED:
        return
    found = _read(model)
    if found is not None:
        model.__pydantic_validator__, model.__pydantic_serializer__ = found
    else:
        _build_and_write(model)
    _PREPARED.add(model)


_PREPARED: set[type] = set()


def entry_for(model: type[BaseModel]) -> Path:
    return cache_dir().parent / "validators" / f"{model.__module__}.{model.__qualname__}.json"


def _read(model: type[BaseModel]) -> tuple[SchemaValidator, SchemaSerializer] | None:
    data = _read_regular_file(entry_for(model))
    if data is None:
        return None
    head, _, body = data.partition(b"\n")
    if not head.startswith(MAGIC) or head[len(MAGIC):] != \
            hashlib.sha256(body).hexdigest().encode("ascii"):
        return None
    try:
        from pydantic_core import SchemaError, SchemaSerializer, SchemaValidator

        record = json.loads(body, object_hook=_resolve)
        if not isinstance(record, dict) or record.get("key") != _key(model) \
                or not isinstance(record.get("schema"), dict) \
                or not isinstance(record.get("config"), dict):
            return None
        schema, config = record["schema"], record["config"]
        return SchemaValidator(schema, config), SchemaSerializer(schema, config)
    except (ValueError, TypeError, KeyError, RecursionError, SchemaError):
        return None


def _build_and_write(model: type[BaseModel]) -> None:
    from pydantic_core import SchemaValidator

    model.model_rebuild()  # the models defer their build to first use
    built = model.__pydantic_validator__
    if type(built) is not SchemaValidator:  # a plugin's wrapper: used, not cached
        return
    try:
        schema, config = built.__reduce__()[1][:2]  # what pickle would rebuild it from
        body = json.dumps({"key": _key(model), "schema": _encode(schema),
                           "config": _encode(config)}, ensure_ascii=False,
                          separators=(",", ":")).encode("utf-8")
    except (Uncacheable, TypeError, ValueError, IndexError):
        return
    _write(entry_for(model), MAGIC + hashlib.sha256(body).hexdigest().encode("ascii")
           + b"\n" + body)


def _key(model: type[BaseModel]) -> str:
    return f"{entry_key()} model {model.__module__}:{model.__qualname__}"


def _encode(value: Any) -> Any:
    """The schema as JSON data, the format's own code as references (else Uncacheable)."""
    if value is None or isinstance(value, (bool, int, float, str)):
        if isinstance(value, float) and value != value:
            raise Uncacheable("NaN")
        return value
    if isinstance(value, dict):
        if REF in value:
            raise Uncacheable(f"a schema key named {REF}")
        out = {}
        for key, item in value.items():
            if not isinstance(key, str):
                raise Uncacheable(f"a key of type {type(key).__name__}")
            if key != "metadata":  # pydantic's own notes; pydantic-core never reads them
                out[key] = _encode(item)
        return out
    if isinstance(value, list):
        return [_encode(item) for item in value]
    name = _ref_name(value)
    if _lookup(name) is not value:
        raise Uncacheable(f"{name} does not name the object it was written for")
    return {REF: name}


def _ref_name(value: Any) -> str:
    for name, known in _BUILTINS.items():
        if value is known:
            return name
    module = getattr(value, "__module__", None)
    qualname = getattr(value, "__qualname__", None)
    if not isinstance(module, str) or not isinstance(qualname, str):
        raise Uncacheable(f"a {type(value).__name__} in the schema")
    return f"{module}:{qualname}"


def _resolve(record: dict[str, Any]) -> Any:
    """JSON's object hook: a reference becomes the class or function it names."""
    if REF not in record:
        return record
    if len(record) != 1 or not isinstance(record[REF], str):
        raise ValueError("not a reference")
    return _lookup(record[REF])


def _lookup(name: str) -> Any:
    """The class or function `name` names, if it is one the format's own modules define
    (or `list`, `dict`); ValueError for anything else."""
    if name in _BUILTINS:
        return _BUILTINS[name]
    import sys

    module_name, _, qualname = name.partition(":")
    module = sys.modules.get(module_name) if module_name in REF_MODULES else None
    parts = qualname.split(".")
    if module is None or not 1 <= len(parts) <= 2 or any(
            not part.isidentifier() or part.startswith("__") for part in parts):
        raise ValueError(f"{name}: not a name a schema may hold")
    found: Any = vars(module).get(parts[0])
    if len(parts) == 2:  # a model's own validator: only on a class the module defines
        owner = found if isinstance(found, type) \
            and getattr(found, "__module__", None) == module_name else None
        found = getattr(owner, parts[1], None) if owner is not None else None
    if not (isinstance(found, type) or callable(found)) \
            or getattr(found, "__module__", None) != module_name \
            or getattr(found, "__qualname__", None) != qualname:
        raise ValueError(f"{name}: not a class or function of {module_name}")
    return found


def _write(entry: Path, data: bytes) -> None:
    """Atomically, never failing the command (a read-only folder: no cache)."""
    try:
        entry.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(dir=entry.parent, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.replace(tmp, entry)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        pass
