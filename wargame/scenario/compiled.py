"""A scenario's spec back from the cache's JSON without building pydantic's validators.

`cache.read_entry` used to read a cached spec with `ScenarioSpec.model_validate_json`:
3 ms of validation, but 60-70 ms to build the validators of the 88 models first, in every
process that plays a cached scenario, before the board's first frame. This module reads
the same JSON (`model_dump_json(by_alias=True)` of a spec that validated) into the same
models, field by field, with a plan made once per model from its pydantic fields:

- every key is the field's (alias) name, none missing, none extra (`extra="forbid"`);
- every value has the exact JSON type of its field (strict: no "26" for 26), a `Literal`
  one of its values, a float an int or a float (stored as float, as pydantic does);
- the field's constraints hold (`ge`, `le`, `gt`, `lt`, `min_length`, `max_length`,
  anchored `pattern`), its validator functions run (text checks and `LocalText`, dates,
  known orders) and so do the models' own `model_validator(mode="after")` checks;
- a union is read through its discriminator (a `type` field or the filters' function).

Anything it does not know how to read (a new kind of field, an undiscriminated union of
models) makes `Untrusted` at plan time, and the caller validates with pydantic as before;
a value that fails a check makes `Untrusted` too, and the entry is rebuilt from the file.
The result is the spec `model_validate_json` returns, equal and of the same types
(tests/scenario/test_scenario_compiled.py compares them on every shipped scenario).

It is not a second validator of scenario files (those always go through pydantic, with its
messages): it only reads back, in a process that trusts the entry (whole, current, for
this very file: see `cache`), what pydantic validated when the entry was written, checking
it on the way so that a damaged or forged entry is still never used.
"""

from __future__ import annotations

import datetime as dt
import inspect
import operator
import re
import sys
import types
import typing
from collections.abc import Callable
from typing import Any, ForwardRef, Literal, Union

import annotated_types as at
from pydantic import BaseModel
from pydantic.fields import FieldInfo
from pydantic.functional_serializers import PlainSerializer
from pydantic.functional_validators import AfterValidator, BeforeValidator, PlainValidator
from pydantic.json_schema import WithJsonSchema
from pydantic.types import Discriminator, Tag
from pydantic_core import PydanticCustomError

if typing.TYPE_CHECKING:
    from ..engine.spec import ScenarioSpec

Convert = Callable[[Any], Any]
# What the validator functions raise on a bad value.
_ERRORS = (ValueError, TypeError, AssertionError, PydanticCustomError)


class Untrusted(Exception):
    """The JSON is not what a validated spec dumps (or holds a field this module cannot
    read): use pydantic, or rebuild the entry."""


def spec_from_json_data(data: Any) -> ScenarioSpec:
    """The spec of a cache entry's decoded JSON; raises Untrusted."""
    from ..engine.spec import ScenarioSpec

    spec: ScenarioSpec = _model(ScenarioSpec)(data)
    return spec


# ----------------------------------------------------------------------------- plans

_MODELS: dict[type[BaseModel], Convert] = {}


def _model(cls: type[BaseModel]) -> Convert:
    """The reader of a model (made once, on first use: recursive models read lazily)."""
    found = _MODELS.get(cls)
    if found is not None:
        return found
    plan: list[tuple[str, str, Convert]] = []
    module = vars(sys.modules[cls.__module__])
    new, setattr_ = object.__new__, object.__setattr__

    def read(value: Any) -> Any:
        if not plan:
            _fill()
        if type(value) is not dict or len(value) != len(plan):
            raise Untrusted(f"{cls.__name__}: not the fields of the model")
        values = {}
        for name, key, convert in plan:
            try:
                item = value[key]
            except KeyError:
                raise Untrusted(f"{cls.__name__}: no {key}") from None
            values[name] = convert(item)
        # What `cls.model_construct(**values)` does with every field given, without its
        # search for defaults and aliases (a third of the time).
        made = new(cls)
        setattr_(made, "__dict__", values)
        setattr_(made, "__pydantic_fields_set__", set(values))
        setattr_(made, "__pydantic_extra__", None)
        setattr_(made, "__pydantic_private__", None)
        for check in after:
            try:
                made = check(made)
            except _ERRORS as exc:
                raise Untrusted(str(exc)) from None
            if not isinstance(made, cls):
                raise Untrusted(f"{cls.__name__}: a model validator replaced the model")
        return made

    def _fill() -> None:
        made = []  # the whole plan or none: a field it cannot read leaves the plan empty
        for name, info in cls.model_fields.items():
            annotation = info.annotation
            if isinstance(annotation, ForwardRef):
                annotation = eval(annotation.__forward_arg__, module)  # noqa: S307 - our own
            elif isinstance(annotation, str):
                annotation = eval(annotation, module)  # noqa: S307 - our own annotations
            key = info.serialization_alias or info.alias or name
            made.append((name, key, _field(annotation, info)))
        if not made:
            raise Untrusted(f"{cls.__name__}: a model without fields")
        plan.extend(made)

    after: list[Callable[[Any], Any]] = []
    decorators = cls.__pydantic_decorators__
    if decorators.field_validators or decorators.field_serializers \
            or decorators.model_serializers or decorators.computed_fields \
            or cls.__private_attributes__ or cls.__pydantic_post_init__ is not None \
            or cls.__pydantic_root_model__:
        raise Untrusted(f"{cls.__name__}: a kind of model this reader does not know")
    for decorator in decorators.model_validators.values():
        if decorator.info.mode != "after" or not inspect.isfunction(decorator.func):
            raise Untrusted(f"{cls.__name__}: a model validator this reader does not know")
        after.append(decorator.func)
    _MODELS[cls] = read
    return read


def _field(annotation: Any, info: FieldInfo) -> Convert:
    return _typed(annotation, list(info.metadata), info.discriminator)


def _typed(annotation: Any, metadata: list[Any], discriminator: Any = None) -> Convert:
    """The reader of one annotated type: its base type's, then its metadata's checks."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        base, *more = typing.get_args(annotation)
        return _typed(base, [*more, *metadata], discriminator)
    before: list[Callable[[Any], Any]] = []
    after: list[Callable[[Any], Any]] = []
    plain: Callable[[Any], Any] | None = None
    checks: list[Callable[[Any], bool]] = []
    flat: list[Any] = []
    for item in metadata:  # a FieldInfo inside Annotated carries metadata of its own
        if isinstance(item, FieldInfo):
            flat.extend(item.metadata)
            if item.discriminator is not None:
                discriminator = item.discriminator
        else:
            flat.append(item)
    for item in flat:
        if isinstance(item, (PlainSerializer, WithJsonSchema, Tag)):
            continue
        if isinstance(item, Discriminator):
            discriminator = item
        # A validator function is called with the value alone: one that wants pydantic's
        # info raises TypeError, which makes Untrusted (the shipped scenarios' test fails).
        elif isinstance(item, PlainValidator):
            plain = item.func  # type: ignore[assignment]
        elif isinstance(item, BeforeValidator):
            before.append(item.func)  # type: ignore[arg-type]
        elif isinstance(item, AfterValidator):
            after.append(item.func)  # type: ignore[arg-type]
        elif isinstance(item, at.Ge):
            checks.append(_against(operator.ge, item.ge))
        elif isinstance(item, at.Gt):
            checks.append(_against(operator.gt, item.gt))
        elif isinstance(item, at.Le):
            checks.append(_against(operator.le, item.le))
        elif isinstance(item, at.Lt):
            checks.append(_against(operator.lt, item.lt))
        elif isinstance(item, at.MinLen):
            checks.append(_against(lambda v, b: len(v) >= b, item.min_length))
        elif isinstance(item, at.MaxLen):
            checks.append(_against(lambda v, b: len(v) <= b, item.max_length))
        elif type(item).__name__ == "_PydanticGeneralMetadata" \
                and set(vars(item)) == {"pattern"} and isinstance(item.pattern, str) \
                and item.pattern.startswith("^") and item.pattern.endswith("$"):
            checks.append(_against(lambda v, p: p.fullmatch(v) is not None,
                                   re.compile(item.pattern)))
        else:
            raise Untrusted(f"a field's metadata this reader does not know: {item!r}")
    base = plain if plain is not None else _base(annotation, discriminator)

    def read(value: Any) -> Any:
        try:
            for function in before:
                value = function(value)
            value = base(value)
            for function in after:
                value = function(value)
        except _ERRORS as exc:
            raise Untrusted(str(exc)) from None
        if value is not None and not all(check(value) for check in checks):  # X | None:
            # pydantic applies a field's constraints to X
            raise Untrusted(f"{value!r} breaks a constraint of its field")
        return value

    return base if not (before or after or checks or plain) else read


def _against(test: Callable[[Any, Any], bool], bound: Any) -> Callable[[Any], bool]:
    return lambda value: test(value, bound)


def _base(annotation: Any, discriminator: Any) -> Convert:
    """The reader of a type without its metadata."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin in (Union, types.UnionType):
        return _union(args, discriminator)
    if discriminator is not None:
        raise Untrusted("a discriminator on something other than a union")
    if origin is Literal:
        return _literal(args)
    if origin is list:
        item = _typed(args[0], [])

        def read_list(value: Any) -> list[Any]:
            if type(value) is not list:
                raise Untrusted("not a list")
            return [item(v) for v in value]
        return read_list
    if origin is dict:
        key, item = _typed(args[0], []), _typed(args[1], [])

        def read_dict(value: Any) -> dict[Any, Any]:
            if type(value) is not dict:
                raise Untrusted("not a mapping")
            return {key(k): item(v) for k, v in value.items()}
        return read_dict
    if origin is not None:
        raise Untrusted(f"a type this reader does not know: {annotation!r}")
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return _model(annotation)
    simple = _SIMPLE.get(annotation)
    if simple is None:
        raise Untrusted(f"a type this reader does not know: {annotation!r}")
    return simple


def _exactly(kind: type) -> Convert:
    def read(value: Any) -> Any:
        if type(value) is not kind:
            raise Untrusted(f"not a {kind.__name__}: {value!r}")
        return value
    return read


def _float(value: Any) -> float:
    if type(value) is float:
        return value
    if type(value) is int:
        return float(value)
    raise Untrusted(f"not a number: {value!r}")


def _date(value: Any) -> dt.date:
    if type(value) is dt.date:
        return value
    raise Untrusted(f"not a date: {value!r}")


def _none(value: Any) -> None:
    if value is not None:
        raise Untrusted(f"not null: {value!r}")


_SIMPLE: dict[Any, Convert] = {str: _exactly(str), int: _exactly(int), bool: _exactly(bool),
                               float: _float, dt.date: _date, type(None): _none}


def _literal(choices: tuple[Any, ...]) -> Convert:
    allowed = [(type(c), c) for c in choices]

    def read(value: Any) -> Any:
        if (type(value), value) not in allowed:
            raise Untrusted(f"not one of {choices!r}: {value!r}")
        return value
    return read


def _union(members: tuple[Any, ...], discriminator: Any) -> Convert:
    """`X | None`, or a union of models told apart by their discriminator."""
    optional = type(None) in members
    others = [m for m in members if m is not type(None)]
    if discriminator is None and len(others) == 1:
        one = _typed(others[0], [])
        return one if not optional else (lambda v: None if v is None else one(v))
    if isinstance(discriminator, str):
        by_value: dict[Any, Convert] = {}
        for member in others:
            model = _plain_model(member)
            field = model.model_fields.get(discriminator)
            if field is None or typing.get_origin(field.annotation) is not Literal:
                raise Untrusted(f"{model.__name__} has no literal {discriminator}")
            key = field.alias or discriminator
            for choice in typing.get_args(field.annotation):
                by_value[choice] = _model(model)

        def pick(value: Any) -> Convert:
            tag = value.get(key) if type(value) is dict else None
            found = by_value.get(tag) if isinstance(tag, str) else None
            if found is None:
                raise Untrusted(f"no member of the union for {tag!r}")
            return found
    elif isinstance(discriminator, Discriminator) and callable(discriminator.discriminator):
        by_tag: dict[str, Convert] = {}
        for member in others:
            tags = [m for m in typing.get_args(member)[1:] if isinstance(m, Tag)]
            if typing.get_origin(member) is not typing.Annotated or len(tags) != 1:
                raise Untrusted("a member of a tagged union without its tag")
            by_tag[tags[0].tag] = _typed(member, [])
        function: Callable[[Any], Any] = discriminator.discriminator

        def pick(value: Any) -> Convert:
            found = by_tag.get(function(value))
            if found is None:
                raise Untrusted("no member of the union for its tag")
            return found
    else:
        raise Untrusted(f"a union this reader does not know: {members!r}")

    def read(value: Any) -> Any:
        if value is None and optional:
            return None
        return pick(value)(value)
    return read


def _plain_model(member: Any) -> type[BaseModel]:
    if typing.get_origin(member) is typing.Annotated:
        member = typing.get_args(member)[0]
    if not (isinstance(member, type) and issubclass(member, BaseModel)):
        raise Untrusted(f"a union member that is not a model: {member!r}")
    return member
