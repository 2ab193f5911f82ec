"""File-positioned error reports, and mapping of pydantic errors onto YAML source.

Pydantic reports errors by ``loc`` (a path through the *validated* structure),
which includes things that are not in the file, such as discriminated-union
tags or ``function-after[...]`` wrappers.  We walk ``loc`` against the loaded
data and keep only the parts that exist there, then look up line and column.

Pydantic's words ("Input should be a valid integer", a regular expression) are
rewritten for a teacher: what was expected, what was found, "did you mean" on every
name, and `help` lines with the likely fix. Every error carries a stable code
(docs/scenario-authoring.md, "Error codes").
"""

from __future__ import annotations

import datetime
import re
import types
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Annotated, Any, Literal, Union, get_args, get_origin

import pydantic
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from ..i18n import N_, _, ngettext
from .chars import describe_odd
from .problem import SourceError
from .suggest import closest as closest  # re-exported
from .suggest import did_you_mean as did_you_mean  # re-exported

if TYPE_CHECKING:
    from pydantic_core import ErrorDetails

    from wargame.scenario.yamlload import LoadedYaml, Path

__all__ = ["SourceError", "closest", "did_you_mean", "pydantic_errors_to_source"]

MAX_LISTED = 16
_GOT_WIDTH = 40
# Keys that pick the member of a tagged union (`type: track`, `filter: most_tankers`...).
TAG_KEYS = ("type", "filter", "kind", "metric")

ID_PATTERN = "^[a-z0-9][a-z0-9_-]*$"
SOURCE_PATTERN = "^[0-9]{3}_[0-9a-f]{16}\\.txt$"
# Messages are written in the interface's language as they are made (`wargame validate
# --lang fr`); each SourceError carries its stable code, so nothing reads their words.
ID_WORDS = N_("an id may contain lower-case letters, digits, '-' and '_', starting with a "
              "letter or digit")
SOURCE_WORDS = N_("an article file name is three digits, '_', sixteen hexadecimal digits "
                  "(0-9, a-f) and '.txt', e.g. 004_d40ffa60bce7b676.txt")

# Stable error codes (docs/scenario-authoring.md lists them).
UNKNOWN_FIELD = "E0201"
MISSING_FIELD = "E0202"
WRONG_TYPE = "E0203"
BAD_VALUE = "E0204"
UNKNOWN_TAG = "E0205"
OUT_OF_RANGE = "E0206"
BAD_NAME = "E0207"
BAD_LENGTH = "E0208"
BAD_DATE = "E0209"
BOUND_ORDER = "E0210"
OTHER = "E0200"

# What authors write for a comparison, and the `op` it means.
_SYNONYMS = {"gte": "ge", ">=": "ge", "lte": "le", "<=": "le", ">": "gt", "<": "lt",
             "=": "eq", "==": "eq", "equals": "eq"}


def pydantic_errors_to_source(
    exc: pydantic.ValidationError, loaded: LoadedYaml, model: type[BaseModel]
) -> list[SourceError]:
    """Translate every error in ``exc`` to a SourceError pointing into the YAML file."""
    from ..engine.spec import complete_models

    complete_models()  # the models' fields are read: no forward reference left in them
    details = list(exc.errors(include_url=False))
    converted = (_convert(err, loaded, model, details) for err in details)
    return sorted({e for e in converted if e is not None})


# ----------------------------------------------------------------------------- one error

def _convert(err: ErrorDetails, loaded: LoadedYaml, model: type[BaseModel],
             siblings: list[ErrorDetails]) -> SourceError | None:
    loc = tuple(err["loc"])
    path = _matched_path(loc, loaded.data)
    kind = err["type"]
    ctx = dict(err.get("ctx") or {})
    language = ctx.get("language")
    if isinstance(language, str) and isinstance(err.get("input"), dict) \
            and language in err["input"]:  # one translation of a text: point at it
        path = (*path, language)
        err = {**err, "input": err["input"][language]}
    value = err.get("input")
    help: tuple[str, ...] = ()
    if kind == "extra_forbidden" and path:
        line, col = loaded.key_positions.get(path) or _position(loaded, path)
        key = str(path[-1])
        names = _field_names(model, path[:-1], loaded)
        missing = _missing_here(siblings, loc[:-1])
        hint = closest(key, missing, cutoff=0.5) if missing else None
        hint = hint or (closest(key, names) if names else None)
        message = _("unknown field {name}").format(name=repr(key)) + (
            _("; did you mean '{name}'?").format(name=hint) if hint else "")
        odd = describe_odd(key)
        if odd:
            message += f" ({odd})"
        help = (_("valid fields here: {names}").format(names=_listing(names)),) if names \
            else ()
        return SourceError(line, col, _dotted(path), message, code=UNKNOWN_FIELD, help=help)
    if kind == "missing":
        name = str(loc[-1]) if loc else "?"
        if _misspelt_elsewhere(name, siblings, loc[:-1], loaded, model):
            return None  # the unknown field beside it says "did you mean" this one
        line, col = _position(loaded, path)
        description = _field_description(model, path, name, loaded)
        help = (_("add `{name}:`").format(name=name)
                + (f" ({description})" if description else ""),)
        return SourceError(line, col, _dotted(path),
                           _("missing required field {name}").format(name=repr(name)),
                           code=MISSING_FIELD, help=help)
    if kind in ("union_tag_invalid", "union_tag_not_found", "unknown_tag"):
        return _tag_error(kind, ctx, loaded, model, path)
    if kind == "bound_order":
        target = _data_at(loaded.data, path)
        at = (*path, ctx["field"]) if isinstance(target, dict) and ctx.get("field") in target \
            else path
        line, col = _position(loaded, at)
        message = _("{low} ({low_value}) is greater than {high} ({high_value})").format(
            low=ctx["low"], low_value=_show(ctx["low_value"]), high=ctx["high"],
            high_value=_show(ctx["high_value"]))
        help = (_("{low} must not exceed {high}: lower one or raise the other").format(
            low=ctx["low"], high=ctx["high"]),)
        return SourceError(line, col, _dotted(at), message, code=BOUND_ORDER, help=help)
    line, col = _position(loaded, path)
    message, code, help = _value_message(kind, err, ctx, value, path, loaded, model)
    return SourceError(line, col, _dotted(path), message, code=code, help=help)


def _value_message(kind: str, err: ErrorDetails, ctx: dict[str, Any], value: Any, path: Path,
                   loaded: LoadedYaml, model: type[BaseModel]
                   ) -> tuple[str, str, tuple[str, ...]]:
    """(message, code, help) for an error about one value."""
    got = _got(value, kind)
    field = str(path[-1]) if path and isinstance(path[-1], str) else _("value")
    odd = describe_odd(value) if isinstance(value, str) else None
    odd_help = (_("replace it with the plain character, or retype the value"),) if odd else ()
    if kind == "literal_error":
        allowed = _literal_values(str(ctx.get("expected", "")))
        if len(allowed) == 1:
            return _("{field} must be {value}").format(field=field, value=allowed[0]) + got, \
                BAD_VALUE, ()
        shown = str(value) if not isinstance(value, dict | list) else ""
        synonym = _SYNONYMS.get(shown)
        hint = (_("; did you mean '{name}'?").format(name=synonym) if synonym in allowed
                else did_you_mean(shown, allowed) if shown else "")
        message = _("{value} is not a valid {field}").format(value=_quoted(value),
                                                             field=field) + hint
        if odd:
            message += f" ({odd})"
        return message, BAD_VALUE, (_("valid values: {names}").format(names=_listing(allowed)),
                                    *odd_help)
    if kind == "unknown_name":
        names = list(ctx.get("names", ()))
        what = ctx.get("what")
        # A whole sentence for the kinds the engine names (a glued noun cannot agree).
        message = (_("unknown order {value}").format(value=_quoted(value)) if what == "order"
                   else _("unknown {what} {value}").format(
                       what=what or _("name"), value=_quoted(value))) + did_you_mean(
            str(value), names)
        return message, BAD_VALUE, (_("valid values: {names}").format(names=_listing(names)),)
    if kind == "string_pattern_mismatch":
        return _pattern_message(str(ctx.get("pattern", "")), value, odd)
    if kind in ("int_type", "int_from_float", "int_parsing"):
        return _number_type(value, whole=True)
    if kind in ("float_type", "float_parsing"):
        return _number_type(value, whole=False)
    if kind == "string_type":
        if value is None:
            return _("expected text, but the value is empty"), WRONG_TYPE, (
                _("write the text after the ':' (in quotes if it has ': ' or ' #')"),)
        return _("expected text") + got, WRONG_TYPE, (
            _("put it in quotes to make it text: \"{text}\"").format(text=_plain(value)),)
    if kind == "bool_type":
        return _("expected true or false") + got, WRONG_TYPE, (
            _("write true or false (yes, no, on and off are read as text)"),)
    if kind in ("date_type", "date_parsing", "date_from_datetime_parsing"):
        return _("expected a date written YYYY-MM-DD, e.g. 2025-09-15") + got, BAD_DATE, ()
    if kind == "date_invalid":
        return _("{value} is not a date of the calendar").format(value=_quoted(value)), \
            BAD_DATE, (_("check the month (01-12) and the day of the month"),)
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        help = (_("remove the '- ': this field takes `key: value` lines, not a list"),) \
            if isinstance(value, list) else (
            _("write its fields on the lines below it, indented by two more spaces"),)
        return _("expected a mapping of fields") + (got or _got(value, "x_type")), \
            WRONG_TYPE, help
    if kind in ("list_type", "tuple_type"):
        return _("expected a list") + got, WRONG_TYPE, (
            _("write it as [a, b] or as lines starting with '- '"),)
    bounds = {"greater_than_equal": (N_("{field} must be at least {bound}"), "ge"),
              "less_than_equal": (N_("{field} must be at most {bound}"), "le"),
              "greater_than": (N_("{field} must be more than {bound}"), "gt"),
              "less_than": (N_("{field} must be less than {bound}"), "lt")}
    if kind in bounds:
        words, key = bounds[kind]
        return _(words).format(field=field, bound=_show(ctx.get(key))) + got, OUT_OF_RANGE, ()
    if kind in ("too_short", "too_long"):
        return _length_message(kind, ctx, value)
    if kind in ("string_too_short", "string_too_long"):
        limit = ctx.get("min_length", ctx.get("max_length"))
        words = _("{field} must have at least {limit} characters (it has {count})") \
            if kind == "string_too_short" else \
            _("{field} must have at most {limit} characters (it has {count})")
        return (words.format(field=field, limit=limit, count=len(str(value))), BAD_LENGTH, ())
    if kind == "value_error":
        return str(err["msg"]).removeprefix("Value error, ") + got, OTHER, ()
    template = _ENGINE_MESSAGES.get(kind)
    # The engine's own errors (it speaks no language) in the reader's; English is left to
    # pydantic's rendering of the same template, as it always was.
    if template is not None and _(template) != template:
        values = {k: _(_WHERE[v]) if k == "where" and v in _WHERE else v
                  for k, v in ctx.items()}
        return _(template).format(**values) + got, OTHER, ()
    return str(err["msg"]) + got, OTHER, ()


# The templates of the engine's custom errors (engine/checks.py), for the catalogue.
_ENGINE_MESSAGES = {
    "unsafe_text": N_("{char} at character {index} is not allowed in {where}"),
    "text_languages_empty": N_("expected a text, or a mapping of language to text such as "
                               "{{en: ..., fr: ...}}, but the mapping is empty"),
    "language_code": N_("'{language}' is not a language code such as en or fr"),
}
_WHERE = {"prose": N_("prose"), "a name (one line)": N_("a name (one line)")}


def _number_type(value: Any, whole: bool) -> tuple[str, str, tuple[str, ...]]:
    expected = (_("expected a whole number") if whole else _("expected a number")) \
        + _got(value, "x_type")
    if isinstance(value, float) and whole and value.is_integer():
        return expected, WRONG_TYPE, (_("write {value}, without '.0'").format(
            value=int(value)),)
    if isinstance(value, float) and whole:
        return expected, WRONG_TYPE, (_("this field counts whole units"),)
    if isinstance(value, bool):
        return expected, WRONG_TYPE, ()
    if isinstance(value, str):
        odd = describe_odd(value)
        if odd:
            return f"{expected} ({odd})", WRONG_TYPE, (
                _("delete the invisible character, or retype the number"),)
        if re.fullmatch(r"\s*[-+]?[0-9][0-9_,.]*\s*", value):
            return expected, WRONG_TYPE, (
                _("remove the quotes, and any ',' or '_' between digits"),)
    return expected, WRONG_TYPE, ()


def _pattern_message(pattern: str, value: Any,
                     odd: str | None) -> tuple[str, str, tuple[str, ...]]:
    extra = f" ({odd})" if odd else ""
    if pattern == ID_PATTERN:
        suggestion = _as_id(str(value))
        help = (_("try '{id}'").format(id=suggestion),) \
            if suggestion and suggestion != value else ()
        return _("{value} is not a valid id: {rule}").format(
            value=_quoted(value), rule=_(ID_WORDS)) + extra, BAD_NAME, help
    if pattern == SOURCE_PATTERN:
        return _("{value} is not an article file name").format(value=_quoted(value)) + extra, \
            BAD_NAME, (_(SOURCE_WORDS),)
    return _("{value} is not written the way this field needs").format(
        value=_quoted(value)) + extra, BAD_NAME, ()


def _as_id(text: str) -> str:
    import unicodedata

    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    plain = re.sub(r"[^a-z0-9_-]+", "-", plain.lower()).strip("-_")
    return plain[:60]


def _length_message(kind: str, ctx: dict[str, Any],
                    value: Any) -> tuple[str, str, tuple[str, ...]]:
    actual = ctx.get("actual_length", len(value) if isinstance(value, list | str) else "?")
    if kind == "too_short":
        n = ctx.get("min_length")
        return (ngettext("needs at least {n} item (it has {actual})",
                         "needs at least {n} items (it has {actual})",
                         n if isinstance(n, int) else 2).format(n=n, actual=actual),
                BAD_LENGTH, ())
    n = ctx.get("max_length")
    return (ngettext("may have at most {n} item (it has {actual})",
                     "may have at most {n} items (it has {actual})",
                     n if isinstance(n, int) else 2).format(n=n, actual=actual),
            BAD_LENGTH, ())


def _tag_error(kind: str, ctx: dict[str, Any], loaded: LoadedYaml, model: type[BaseModel],
               path: Path) -> SourceError:
    disc = str(ctx.get("discriminator", "")).strip("'\"")
    target = _data_at(loaded.data, path)
    members = _tag_values(model, path, loaded, disc)
    if not isinstance(target, dict):
        line, col = _position(loaded, path)
        message = _("expected a mapping with a `{key}:` field").format(key=disc) \
            + _got(target, "x_type")
        return SourceError(line, col, _dotted(path), message, code=WRONG_TYPE)
    if disc not in target:
        line, col = _position(loaded, path)
        help: tuple[str, ...] = (_("valid {key}s here: {names}").format(
            key=disc, names=_listing(members)),) if members else ()
        return SourceError(line, col, _dotted(path),
                           _("missing required field {name}").format(name=repr(disc)),
                           code=MISSING_FIELD, help=help)
    tag_path = (*path, disc)
    line, col = _position(loaded, tag_path)
    value = target[disc]
    message = _("unknown {what} {value}").format(what=disc, value=_quoted(value))
    if isinstance(value, str) and members:
        message += did_you_mean(value, members)
        odd = describe_odd(value)
        if odd:
            message += f" ({odd})"
    if disc == "filter":
        help = (_("docs/doctrine.md lists every filter"),
                _("valid filters: {names}").format(names=_listing(members)))
    else:
        help = (_("valid {key}s here: {names}").format(
            key=disc, names=_listing(members)),) if members else ()
    return SourceError(line, col, _dotted(tag_path), message, code=UNKNOWN_TAG, help=help)


# ----------------------------------------------------------------------------- helpers

def _dotted(path: Path) -> str:
    return ".".join(str(p) for p in path) or "(root)"


def _listing(names: Sequence[str]) -> str:
    names = list(names)
    if len(names) > MAX_LISTED:
        return ", ".join(names[:MAX_LISTED]) + " " + _("and {count} more").format(
            count=len(names) - MAX_LISTED)
    return ", ".join(names)


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return repr(value)
    return str(value)


def _quoted(value: Any) -> str:
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return _show(value) if not isinstance(value, dict | list) else \
        ("a mapping" if isinstance(value, dict) else "a list")


def _plain(value: Any) -> str:
    if isinstance(value, datetime.date):
        return value.isoformat()
    return _show(value)


def _literal_values(expected: str) -> list[str]:
    """"'lt', 'le' or 'eq'" -> ['lt', 'le', 'eq'] (numbers as text too)."""
    quoted = re.findall(r"'((?:[^'\\]|\\.)*)'", expected)
    if quoted:
        return quoted
    return [p.strip() for p in re.split(r",| or ", expected) if p.strip()]


def _matched_path(loc: tuple[Any, ...], data: Any) -> Path:
    """Keep only the loc elements that step into the data.

    A tagged union's tag appears in `loc` (`...conditions.0.track.op` for a `type: track`
    condition); it is skipped, once, where it equals the mapping's tag value, so that the
    condition's own `track` field is not taken for it.
    """
    path: list[str | int] = []
    current = data
    tag_skipped = False
    for element in loc:
        if isinstance(element, bool):
            continue
        if (not tag_skipped and isinstance(current, dict) and isinstance(element, str)
                and any(current.get(key) == element for key in TAG_KEYS)):
            tag_skipped = True
            continue
        if _steps_into(current, element):
            path.append(element)
            current = current[element]
            tag_skipped = False
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


def _got(value: Any, kind: str) -> str:
    """Short description of the input; containers only matter for type mismatches."""
    if isinstance(value, dict | list):
        if not kind.endswith("_type"):
            return ""
        return " " + (_("(got a mapping)") if isinstance(value, dict) else _("(got a list)"))
    if isinstance(value, datetime.date):
        return " " + _("(got the date {date})").format(date=value.isoformat())
    if isinstance(value, bool):
        return " " + _("(got {value})").format(value="true" if value else "false")
    if value is None:
        return " " + _("(got nothing)")
    shown = repr(value)
    if len(shown) > _GOT_WIDTH:
        shown = shown[: _GOT_WIDTH - 3] + "..."
    return " " + _("(got {value})").format(value=shown)


def _missing_here(siblings: list[ErrorDetails], parent: tuple[Any, ...]) -> list[str]:
    return [str(e["loc"][-1]) for e in siblings
            if e["type"] == "missing" and tuple(e["loc"][:-1]) == parent]


def _misspelt_elsewhere(name: str, siblings: list[ErrorDetails], parent: tuple[Any, ...],
                        loaded: LoadedYaml, model: type[BaseModel]) -> bool:
    """Whether an unknown key of the same mapping looks like a misspelling of `name`."""
    unknown = [str(e["loc"][-1]) for e in siblings
               if e["type"] == "extra_forbidden" and tuple(e["loc"][:-1]) == parent]
    missing = _missing_here(siblings, parent)
    return any(closest(key, missing, cutoff=0.5) == name for key in unknown)


# --------------------------------------------------------------- the model behind a path

def _field_key(name: str, field: FieldInfo) -> str:
    """The key a field is written under in the file."""
    if isinstance(field.validation_alias, str):
        return field.validation_alias
    return field.alias or name


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, BaseModel)


def _safe_model_at(model: type[BaseModel], path: Path, data: Any) -> type[BaseModel] | None:
    try:
        return _model_at(model, path, data)
    except Exception:  # noqa: BLE001 - a missing hint must never hide the real error
        return None


def _field_names(model: type[BaseModel], path: Path, loaded: LoadedYaml) -> list[str]:
    found = _safe_model_at(model, path, loaded.data)
    if found is None:
        return []
    return [_field_key(name, field) for name, field in found.model_fields.items()]


def _field_description(model: type[BaseModel], path: Path, key: str,
                       loaded: LoadedYaml) -> str:
    found = _safe_model_at(model, path, loaded.data)
    if found is None:
        return ""
    field = _field_for_key(found, key)
    text = (field.description or "") if field is not None else ""
    return text.rstrip(".")


def _tag_values(model: type[BaseModel], path: Path, loaded: LoadedYaml,
                disc: str) -> list[str]:
    """Every value the tag `disc` may take at `path` (all the union's members)."""
    try:
        members = _union_members_at(model, path, loaded.data)
    except Exception:  # noqa: BLE001 - a missing hint must never hide the real error
        return []
    values: list[str] = []
    for member in members:
        field = member.model_fields.get(disc)
        if field is not None:
            values += [str(v) for v in _field_literals(field)]
    return values


def _union_members_at(model: type[BaseModel], path: Path, data: Any) -> list[type[BaseModel]]:
    if not path:
        return []
    tp: Any = None
    if isinstance(path[-1], str):
        parent = _model_at(model, path[:-1], data)
        field = _field_for_key(parent, path[-1]) if parent is not None else None
        tp = field.annotation if field is not None else None
    elif len(path) >= 2:  # a list item: the list is the last named field
        owner = _model_at(model, path[:-2], data)
        field = _field_for_key(owner, path[-2]) if owner and isinstance(path[-2], str) else None
        tp = _item_type(field.annotation, path[-1]) if field is not None else None
    return [m for m in _all_members(tp) if _is_model(m)]


def _all_members(tp: Any) -> list[Any]:
    while get_origin(tp) is Annotated:
        tp = get_args(tp)[0]
    if get_origin(tp) is Union or get_origin(tp) is types.UnionType:
        out: list[Any] = []
        for member in get_args(tp):
            out += _all_members(member)
        return out
    if get_origin(tp) in (list, tuple) or (isinstance(get_origin(tp), type)
                                           and issubclass(get_origin(tp), Sequence)):
        args = get_args(tp)
        return _all_members(args[0]) if args else []
    return [tp]


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
    while get_origin(tp) is Annotated:
        tp = get_args(tp)[0]
    origin, args = get_origin(tp), get_args(tp)
    if origin is Union or origin is types.UnionType:
        inner = [a for a in args if a is not type(None)]
        return _item_type(inner[0], element) if len(inner) == 1 else None
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


def _member_tag(member: Any) -> str | None:
    if get_origin(member) is Annotated:
        for item in get_args(member)[1:]:
            if isinstance(item, pydantic.Tag):
                return item.tag
    return None


def _pick_member(members: list[Any], disc: Any, data: Any) -> Any:
    if len(members) == 1:
        return members[0]
    if not isinstance(data, dict):
        return None
    if callable(disc):  # a callable discriminator: its tag names the member
        try:
            tag = disc(data)
        except Exception:  # noqa: BLE001 - a user's discriminator may be strict
            tag = None
        chosen = [m for m in members if tag is not None and _member_tag(m) == tag]
        if chosen:
            return _narrow(chosen[0], None, data)
    models = [_narrow(m, None, data) for m in members]
    models = [m for m in models if _is_model(m)]
    if isinstance(disc, str):
        for candidate in models:
            field = candidate.model_fields.get(disc)
            if field is not None and data.get(_field_key(disc, field)) in _field_literals(field):
                return candidate
    if not models:
        return None
    # No usable tag: the member that knows most of the given keys.
    return max(models, key=lambda m: len(_known_keys(m) & set(data)))


def _field_literals(field: FieldInfo) -> tuple[Any, ...]:
    tp = field.annotation
    while get_origin(tp) is Annotated:
        tp = get_args(tp)[0]
    if get_origin(tp) is Literal:
        return get_args(tp)
    return ()


def _known_keys(model: type[BaseModel]) -> set[str]:
    return {_field_key(name, field) for name, field in model.model_fields.items()}


def with_code(error: SourceError, code: str, *help: str) -> SourceError:
    """`error` with its code (and help lines) set."""
    return replace(error, code=code, help=tuple(help) or error.help)
