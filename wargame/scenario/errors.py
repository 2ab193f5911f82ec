"""File-positioned error reports, and mapping of pydantic errors onto YAML source.

Pydantic reports errors by ``loc`` (a path through the *validated* structure),
which includes things that are not in the file, such as discriminated-union
tags or ``function-after[...]`` wrappers.  We walk ``loc`` against the loaded
data and keep only the parts that exist there, then look up line and column.
"""

from __future__ import annotations

import types
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any, Literal, Union, get_args, get_origin

import pydantic
from pydantic import BaseModel
from pydantic.fields import FieldInfo

if TYPE_CHECKING:
    from pydantic_core import ErrorDetails

    from wargame.scenario.yamlload import LoadedYaml, Path

__all__ = ["SourceError", "pydantic_errors_to_source"]

MAX_LISTED_FIELDS = 12
_GOT_WIDTH = 40


@dataclass(frozen=True, order=True)
class SourceError:
    """One problem in a source file; line and col are 1-based."""

    line: int
    col: int
    path: str
    message: str
    severity: str = "error"

    def format(self, filename: str) -> str:
        return f"{filename}:{self.line}:{self.col}: {self.severity}: {self.path}: {self.message}"


def pydantic_errors_to_source(
    exc: pydantic.ValidationError, loaded: LoadedYaml, model: type[BaseModel]
) -> list[SourceError]:
    """Translate every error in ``exc`` to a SourceError pointing into the YAML file."""
    found = {_convert(err, loaded, model) for err in exc.errors(include_url=False)}
    return sorted(found)


def _convert(err: ErrorDetails, loaded: LoadedYaml, model: type[BaseModel]) -> SourceError:
    loc = tuple(err["loc"])
    path = _matched_path(loc, loaded.data)
    kind = err["type"]
    ctx = err.get("ctx") or {}
    if kind == "extra_forbidden" and path:
        line, col = loaded.key_positions.get(path) or _position(loaded, path)
        message = f"unknown field {str(path[-1])!r}" + _valid_fields(model, path[:-1], loaded)
    elif kind == "missing":
        line, col = _position(loaded, path)
        message = f"missing required field {str(loc[-1]) if loc else '?'!r}"
    elif kind in ("union_tag_invalid", "union_tag_not_found"):
        disc = str(ctx.get("discriminator", "")).strip("'\"")
        path = _tag_path(loaded.data, path, disc)  # point at the tag value itself
        line, col = _position(loaded, path)
        message = _union_tag_message(kind, disc, ctx)
    else:
        line, col = _position(loaded, path)
        message = err["msg"] + _got(err.get("input"), kind)
    return SourceError(line, col, _dotted(path), message)


def _dotted(path: Path) -> str:
    return ".".join(str(p) for p in path) or "(root)"


def _matched_path(loc: tuple[Any, ...], data: Any) -> Path:
    """Keep only the loc elements that actually step into the data."""
    path: list[str | int] = []
    current = data
    for element in loc:
        if isinstance(element, bool):
            continue
        if _steps_into(current, element):
            path.append(element)
            current = current[element]
    return tuple(path)


def _steps_into(current: Any, element: Any) -> bool:
    if isinstance(current, dict):
        return isinstance(element, str | int) and element in current
    if isinstance(current, list):
        return isinstance(element, int) and 0 <= element < len(current)
    return False


def _data_at(data: Any, path: Path) -> Any:
    for element in path:
        data = data[element]
    return data


def _position(loaded: LoadedYaml, path: Path) -> tuple[int, int]:
    """Position of ``path`` or of its nearest ancestor that has one."""
    for n in range(len(path), -1, -1):
        found = loaded.positions.get(path[:n])
        if found is not None:
            return found
    return (1, 1)


def _tag_path(data: Any, path: Path, disc: str) -> Path:
    """Path of the discriminator value inside the tagged mapping, if it is there."""
    target = _data_at(data, path)
    if isinstance(target, dict) and disc in target:
        return (*path, disc)
    return path


def _union_tag_message(kind: str, disc: str, ctx: Mapping[str, Any]) -> str:
    if kind == "union_tag_not_found":
        return f"missing required field {disc!r}"
    expected = ctx.get("expected_tags", "")
    return f"invalid {disc} {ctx.get('tag')!r}; expected one of: {expected}"


def _got(value: Any, kind: str) -> str:
    """Short description of the input; containers only matter for type mismatches."""
    if isinstance(value, dict | list):
        if not kind.endswith("_type"):
            return ""
        return " (got a mapping)" if isinstance(value, dict) else " (got a list)"
    shown = repr(value)
    if len(shown) > _GOT_WIDTH:
        shown = shown[: _GOT_WIDTH - 3] + "..."
    return f" (got {shown})"


def _valid_fields(model: type[BaseModel], path: Path, loaded: LoadedYaml) -> str:
    try:
        found = _model_at(model, path, loaded.data)
    except Exception:  # noqa: BLE001 - a missing hint must never hide the real error
        found = None
    if found is None or len(found.model_fields) > MAX_LISTED_FIELDS:
        return ""
    names = [_field_key(name, field) for name, field in found.model_fields.items()]
    return "; valid fields: " + ", ".join(names)


# --- finding the model class that validates a given data path ------------------------


def _field_key(name: str, field: FieldInfo) -> str:
    """The key a field is written under in the file."""
    if isinstance(field.validation_alias, str):
        return field.validation_alias
    return field.alias or name


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, BaseModel)


def _model_at(model: type[BaseModel], path: Path, data: Any) -> type[BaseModel] | None:
    """Walk annotations from ``model`` along ``path`` (a path into ``data``)."""
    tp: Any = model
    disc: Any = None
    current = data
    for element in path:
        tp = _narrow(tp, disc, current)
        disc = None
        if _is_model(tp):
            field = _field_for_key(tp, element)
            if field is None:
                return None
            tp, disc = field.annotation, field.discriminator
        else:
            tp = _item_type(tp, element)
            if tp is None:
                return None
        current = current[element]
    final = _narrow(tp, disc, current)
    return final if _is_model(final) else None


def _field_for_key(model: type[BaseModel], key: str | int) -> FieldInfo | None:
    for name, field in model.model_fields.items():
        if key in (name, _field_key(name, field)):
            return field
    return None


def _item_type(tp: Any, element: str | int) -> Any:
    """Type of one item of a list/tuple/dict annotation, or None if unknown."""
    origin, args = get_origin(tp), get_args(tp)
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return args[0]
        if isinstance(element, int) and element < len(args):
            return args[element]
        return None
    if isinstance(origin, type) and issubclass(origin, Mapping):
        return args[1] if len(args) == 2 else None
    if isinstance(origin, type) and issubclass(origin, Sequence | set | frozenset):
        return args[0] if args else None
    return None


def _narrow(tp: Any, disc: Any, data: Any) -> Any:
    """Strip Annotated/Optional and choose the Union member that fits ``data``."""
    while True:
        origin = get_origin(tp)
        if origin is Annotated:
            tp, *metadata = get_args(tp)
            disc = _discriminator_in(metadata) or disc
        elif origin is Union or origin is types.UnionType:
            members = [m for m in get_args(tp) if m is not type(None)]
            tp = _pick_member(members, disc, data)
            disc = None
            if tp is None:
                return None
        else:
            return tp


def _discriminator_in(metadata: Sequence[Any]) -> Any:
    for item in metadata:
        if isinstance(item, FieldInfo) and item.discriminator is not None:
            return item.discriminator
        if isinstance(item, pydantic.Discriminator):
            return item.discriminator
    return None


def _pick_member(members: list[Any], disc: Any, data: Any) -> Any:
    if len(members) == 1:
        return members[0]
    if not isinstance(data, dict):
        return None
    models = [_narrow(m, None, data) for m in members]
    models = [m for m in models if _is_model(m)]
    if isinstance(disc, str):
        for candidate in models:
            field = candidate.model_fields.get(disc)
            if field is not None and data.get(_field_key(disc, field)) in _literal_values(field):
                return candidate
    if not models:
        return None
    # No usable tag: the member that knows most of the given keys.
    return max(models, key=lambda m: len(_known_keys(m) & set(data)))


def _literal_values(field: FieldInfo) -> tuple[Any, ...]:
    tp = field.annotation
    while get_origin(tp) is Annotated:
        tp = get_args(tp)[0]
    if get_origin(tp) is Literal:
        return get_args(tp)
    return ()


def _known_keys(model: type[BaseModel]) -> set[str]:
    return {_field_key(name, field) for name, field in model.model_fields.items()}
