"""Tests for SourceError and the pydantic -> source position mapping."""

from __future__ import annotations

from typing import Annotated, Any, Literal

import pytest
from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    ValidationError,
    field_validator,
    model_validator,
)

from wargame.scenario.errors import SourceError, pydantic_errors_to_source
from wargame.scenario.yamlload import LoadedYaml, load_yaml


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class Town(Strict):
    name: str
    lat: float
    pop: int = 0


class Road(Strict):
    kind: Literal["road"]
    length_km: float


class Convoy(Strict):
    kind: Literal["convoy"]
    trucks: int
    escort: bool = False


Link = Annotated[Road | Convoy, Field(discriminator="kind")]


class Map(Strict):
    towns: list[Town]
    links: list[Link] = []
    by_name: dict[str, Town] = {}
    capital: Town | None = None
    main_link: Link | None = None


class Scenario(Strict):
    title: str = Field(alias="Title")
    map: Map


class Wide(Strict):
    f1: int = 0
    f2: int = 0
    f3: int = 0
    f4: int = 0
    f5: int = 0
    f6: int = 0
    f7: int = 0
    f8: int = 0
    f9: int = 0
    f10: int = 0
    f11: int = 0
    f12: int = 0
    f13: int = 0


def check(model: type[BaseModel], source: str) -> tuple[list[SourceError], LoadedYaml]:
    loaded = load_yaml(source.encode())
    with pytest.raises(ValidationError) as info:
        model.model_validate(loaded.data)
    return pydantic_errors_to_source(info.value, loaded, model), loaded


def only(model: type[BaseModel], source: str) -> SourceError:
    errors, _ = check(model, source)
    assert len(errors) == 1, errors
    return errors[0]


VALID = """\
Title: Blockade
map:
  towns:
    - name: Kayes
      lat: 14.4
"""


def test_valid_file_passes() -> None:
    Scenario.model_validate(load_yaml(VALID.encode()).data)


# --- SourceError -----------------------------------------------------------------------


def test_source_error_format() -> None:
    err = SourceError(3, 7, "map.towns.0.lat", "Input should be a valid number")
    assert err.format("s.yaml") == (
        "s.yaml:3:7: error: map.towns.0.lat: Input should be a valid number"
    )
    warning = SourceError(1, 1, "yaml", "odd", severity="warning")
    assert warning.format("f") == "f:1:1: warning: yaml: odd"


def test_source_errors_sort_by_position() -> None:
    errors = [SourceError(2, 1, "b", "x"), SourceError(1, 9, "z", "y"), SourceError(1, 2, "a", "z")]
    assert [(e.line, e.col) for e in sorted(errors)] == [(1, 2), (1, 9), (2, 1)]


# --- unknown fields --------------------------------------------------------------------


def test_unknown_field_points_at_key_and_lists_valid_fields() -> None:
    err = only(Scenario, VALID + "      popp: 3\n")
    assert (err.line, err.col, err.path) == (6, 7, "map.towns.0.popp")
    assert err.message == "unknown field 'popp'; did you mean 'pop'?"
    assert err.help == ("valid fields here: name, lat, pop",)
    assert err.code == "E0201"


def test_unknown_top_level_field_uses_aliases() -> None:
    err = only(Scenario, VALID + "bogus: 1\n")
    assert (err.line, err.col, err.path) == (6, 1, "bogus")
    assert err.message == "unknown field 'bogus'"
    assert err.help == ("valid fields here: Title, map",)


def test_unknown_field_in_flow_mapping() -> None:
    err = only(Scenario, VALID + "    - {name: Gao, lat: 16.3, colour: red}\n")
    assert (err.line, err.col) == (6, 30)


def test_unknown_field_in_dict_value_and_optional_model() -> None:
    source = (
        VALID
        + "  by_name:\n    k: {name: K, lat: 1.0, x: 1}\n  capital: {name: B, lat: 2.0, y: 2}\n"
    )
    errors, _ = check(Scenario, source)
    assert [(e.line, e.path, e.message) for e in errors] == [
        (7, "map.by_name.k.x", "unknown field 'x'"),
        (8, "map.capital.y", "unknown field 'y'"),
    ]
    assert [e.help for e in errors] == [("valid fields here: name, lat, pop",)] * 2


def test_wide_models_get_a_shortened_field_list() -> None:
    err = only(Wide, "f1: 1\nf99: 2\n")
    assert err.message == "unknown field 'f99'; did you mean 'f9'?"
    assert err.help == ("valid fields here: f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, "
                        "f13",)
    assert (err.line, err.col) == (2, 1)


def test_misspelt_field_is_one_error_with_did_you_mean() -> None:
    # Not also "missing required field 'lat'": one error per cause.
    err = only(Scenario, "Title: x\nmap:\n  towns:\n    - name: Kayes\n      latt: 1.0\n")
    assert err.message == "unknown field 'latt'; did you mean 'lat'?"
    assert (err.line, err.col, err.path) == (5, 7, "map.towns.0.latt")


def test_field_list_omitted_when_model_cannot_be_found() -> None:
    loaded = load_yaml((VALID + "      popp: 3\n").encode())
    with pytest.raises(ValidationError) as info:
        Scenario.model_validate(loaded.data)
    # Deliberately the wrong root model: the hint is dropped, the error still maps.
    (err,) = pydantic_errors_to_source(info.value, loaded, Town)
    assert err.message == "unknown field 'popp'"
    assert (err.line, err.col) == (6, 7)


# --- missing fields --------------------------------------------------------------------


def test_missing_field_points_at_parent_mapping() -> None:
    err = only(Scenario, "Title: x\nmap:\n  towns:\n    - name: Kayes\n      pop: 3\n")
    assert (err.line, err.col, err.path) == (4, 7, "map.towns.0")
    assert err.message == "missing required field 'lat'"
    assert err.code == "E0202" and err.help == ("add `lat:`",)


def test_missing_top_level_field() -> None:
    err = only(Scenario, "Title: x\n")
    assert (err.line, err.col, err.path) == (1, 1, "(root)")
    assert err.message == "missing required field 'map'"


def test_missing_aliased_field_uses_alias() -> None:
    err = only(Scenario, "map:\n  towns: []\n")
    assert err.message == "missing required field 'Title'"


# --- value errors ----------------------------------------------------------------------


def test_nested_list_index_path() -> None:
    source = VALID + "    - name: Gao\n      lat: '16.3'\n"
    err = only(Scenario, source)
    assert (err.line, err.col, err.path) == (7, 12, "map.towns.1.lat")
    assert err.message == "expected a number (got '16.3')"
    assert err.help == ("remove the quotes, and any ',' or '_' between digits",)


def test_bool_in_int_field() -> None:
    err = only(Scenario, VALID + "      pop: true\n")
    assert (err.line, err.col, err.path) == (6, 12, "map.towns.0.pop")
    assert err.message == "expected a whole number (got true)"


def test_float_in_int_field_says_how_to_write_it() -> None:
    err = only(Scenario, VALID + "      pop: 35.0\n")
    assert err.message == "expected a whole number (got 35.0)"
    assert err.help == ("write 35, without '.0'",)


def test_long_input_is_truncated() -> None:
    err = only(Scenario, VALID + "      pop: " + "x" * 100 + "\n")
    got = err.message.split(" (got ", 1)[1].rstrip(")")
    assert len(got) == 40
    assert got.endswith("...")


def test_wrong_container_type_is_described_briefly() -> None:
    err = only(Scenario, "Title: x\nmap:\n  towns: {a: 1}\n")
    assert err.message == "expected a list (got a mapping)"
    assert (err.line, err.col, err.path) == (3, 10, "map.towns")


def test_several_errors_sorted_and_unique() -> None:
    source = "map:\n  towns:\n    - name: 1\n      lat: x\n  zzz: 1\n"
    errors, _ = check(Scenario, source)
    assert errors == sorted(set(errors))
    assert [e.line for e in errors] == [1, 3, 4, 5]


# --- discriminated unions --------------------------------------------------------------


def test_bad_union_tag_points_at_tag_value() -> None:
    err = only(
        Scenario, VALID + "  links:\n    - kind: road\n      length_km: 3.0\n    - kind: tank\n"
    )
    assert (err.line, err.col, err.path) == (9, 13, "map.links.1.kind")
    assert err.message == "unknown kind 'tank'"
    assert err.help == ("valid kinds here: road, convoy",)
    assert err.code == "E0205"


def test_misspelt_union_tag_gets_did_you_mean() -> None:
    err = only(Scenario, VALID + "  links:\n    - kind: convoi\n      trucks: 3\n")
    assert err.message == "unknown kind 'convoi'; did you mean 'convoy'?"
    assert err.path == "map.links.0.kind"


def test_missing_union_tag() -> None:
    err = only(Scenario, VALID + "  links:\n    - length_km: 3.0\n")
    assert (err.line, err.col, err.path) == (7, 7, "map.links.0")
    assert err.message == "missing required field 'kind'"


def test_bad_field_inside_union_member_drops_tag_from_path() -> None:
    source = VALID + "  links:\n    - kind: convoy\n      trucks: true\n"
    err = only(Scenario, source)
    assert (err.line, err.col, err.path) == (8, 15, "map.links.0.trucks")
    assert err.message == "expected a whole number (got true)"


def test_unknown_field_inside_union_member_lists_that_members_fields() -> None:
    source = VALID + "  links:\n    - kind: convoy\n      trucks: 3\n      colour: red\n"
    err = only(Scenario, source)
    assert err.path == "map.links.0.colour"
    assert err.help == ("valid fields here: kind, trucks, escort",)
    source = VALID + "  main_link: {kind: road, length_km: 1.0, lanes: 2}\n"
    err = only(Scenario, source)
    assert err.help == ("valid fields here: kind, length_km",)


def _link_kind(value: Any) -> str | None:
    return value.get("kind") if isinstance(value, dict) else None


class CallableUnion(Strict):
    link: Annotated[
        Annotated[Road, Tag("road")] | Annotated[Convoy, Tag("convoy")],
        Discriminator(_link_kind),
    ]


def test_callable_discriminator_falls_back_to_best_matching_member() -> None:
    err = only(CallableUnion, "link:\n  kind: convoy\n  trucks: 2\n  wheels: 6\n")
    assert err.path == "link.wheels"
    assert err.help == ("valid fields here: kind, trucks, escort",)


class PlainUnion(Strict):
    value: int | str


def test_plain_union_member_names_are_dropped_from_path() -> None:
    errors, _ = check(PlainUnion, "value: [1]\n")
    assert {e.path for e in errors} == {"value"}
    assert {(e.line, e.col) for e in errors} == {(1, 8)}


# --- validators and fallbacks ----------------------------------------------------------


class Checked(Strict):
    low: int
    high: int

    @field_validator("low")
    @classmethod
    def _positive(cls, value: int) -> int:
        if value < 0:
            raise ValueError("must not be negative")
        return value

    @model_validator(mode="after")
    def _ordered(self) -> Checked:
        if self.low > self.high:
            raise ValueError("low must not exceed high")
        return self


class Holder(Strict):
    name: str
    range: Checked


def test_field_validator_error_points_at_value() -> None:
    err = only(Holder, "name: x\nrange:\n  low: -1\n  high: 3\n")
    assert (err.line, err.col, err.path) == (3, 8, "range.low")
    assert err.message == "must not be negative (got -1)"


def test_model_validator_error_points_at_mapping() -> None:
    err = only(Holder, "name: x\nrange:\n  low: 5\n  high: 3\n")
    assert (err.line, err.col, err.path) == (3, 3, "range")
    assert err.message == "low must not exceed high"


class RootChecked(Strict):
    a: int
    b: int

    @model_validator(mode="after")
    def _different(self) -> RootChecked:
        if self.a == self.b:
            raise ValueError("a and b must differ")
        return self


def test_root_model_validator_points_at_root_node() -> None:
    err = only(RootChecked, "# comment\n\na: 1\nb: 1\n")
    assert (err.line, err.col, err.path) == (3, 1, "(root)")
    assert err.message == "a and b must differ"


def test_loc_not_in_data_falls_back_to_nearest_ancestor() -> None:
    loaded = load_yaml(b"a:\n  b: 1\n")
    exc = ValidationError.from_exception_data(
        "X",
        [
            {"type": "int_type", "loc": ("a", "nope", "deeper"), "input": "s"},
            {"type": "int_type", "loc": ("elsewhere",), "input": "s"},
        ],
    )
    errors = pydantic_errors_to_source(exc, loaded, Holder)
    assert [(e.line, e.col, e.path) for e in errors] == [(1, 1, "(root)"), (2, 3, "a")]
