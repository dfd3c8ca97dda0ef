"""domain.limits: kinds of text and dates; api.input_limits declares a kind for every mutation input field."""

import unicodedata
from datetime import date

import pytest
from graphql import GraphQLInputObjectType, GraphQLList, GraphQLNonNull

from api.input_limits import KINDS, check_input
from api.schema import build_schema
from domain import limits
from domain.errors import InvalidInput
from domain.limits import CODE, DELEGATION_END, DONE, EFFECTIVE, ID, KEY, LINE, NAME, NIP, PERIOD, TEXT, TITLE

TODAY = date(2025, 6, 15)
REFUSED = ["\x00", "\x07", "\x1b", "\u202e", "\u200b", "\ufeff", "\u2028", "\t", "\x7f", "\ue000"]


def refusal(fn, *args) -> InvalidInput:
    with pytest.raises(InvalidInput) as raised:
        fn(*args)
    return raised.value


@pytest.mark.parametrize(
    "name",
    [
        "Dr. Ir. H. Budi Santoso, S.T., M.Si.",
        "Ni Luh Putu Ayu",
        "Ma'ruf Amin",
        "Siti Nur'aini, A.Md.Kep.",
        "Raden Ayu Kartini-Djojoadhiningrat",
        "Zoë Müller",
    ],
)
def test_names_of_indonesians_with_their_titles_are_accepted(name):
    assert limits.text(name, NAME, "name") == name


@pytest.mark.parametrize(
    "name", ["Pegawai 123", "Budi <script>", "Budi; DROP", "Budi\nSantoso", "a" * 151, "., -"]
)
def test_a_name_with_digits_markup_newlines_or_too_long_is_refused(name):
    error = refusal(limits.text, name, NAME, "name")
    assert (error.code, error.details["field"]) == ("INVALID_VALUE", "name")
    assert error.message_id and error.message_en


@pytest.mark.parametrize("kind", [NAME, TITLE, LINE, TEXT, CODE])
@pytest.mark.parametrize("char", REFUSED)
def test_control_and_format_characters_are_refused_in_every_kind(kind, char):
    error = refusal(limits.text, f"A{char}B", kind, "field")
    assert error.code == "INVALID_VALUE"
    assert f"U+{ord(char):04X}" in error.message_en


def test_newlines_only_in_multiline_text_and_crlf_becomes_lf():
    assert limits.text("one\r\ntwo\nthree", TEXT, "work") == "one\ntwo\nthree"
    for kind in (TITLE, LINE, NAME):
        assert refusal(limits.text, "one\ntwo", kind, "x").code == "INVALID_VALUE"


@pytest.mark.parametrize("kind", [NAME, TITLE, LINE, TEXT, CODE, NIP, ID])
def test_each_kind_stops_at_its_length(kind):
    fill = {NAME: "a", TITLE: "a", LINE: "a", TEXT: "a", CODE: "A", NIP: "1", ID: "a"}[kind]
    if kind is not ID:
        assert len(limits.text(fill * kind.max_length, kind, "f")) == kind.max_length
    assert refusal(limits.text, fill * (kind.max_length + 1), kind, "f").code == kind.code


def test_one_megabyte_is_refused_without_normalising_it_first():
    assert refusal(limits.text, "x" * 1_000_000, TEXT, "work").details["field"] == "work"


def test_text_is_normalised_to_nfc():
    decomposed = unicodedata.normalize("NFD", "Zoë Ibrahimović")
    assert decomposed != "Zoë Ibrahimović"
    assert limits.text(decomposed, NAME, "name") == "Zoë Ibrahimović"
    assert limits.nfc({"a": [decomposed], "b": (decomposed, 1), "c": "x\r\ny"}) == {
        "a": ["Zoë Ibrahimović"],
        "b": ("Zoë Ibrahimović", 1),
        "c": "x\ny",
    }


def test_an_empty_nip_is_required_a_malformed_id_is_invalid_id():
    assert refusal(limits.text, "", NIP, "pybNip").code == "REQUIRED"
    assert refusal(limits.text, "abc", NIP, "pybNip").code == "INVALID_NIP"
    assert refusal(limits.text, "not-a-uuid", ID, "teamId").code == "INVALID_ID"
    assert refusal(limits.text, "", ID, "teamId").code == "INVALID_ID"
    assert limits.text("0b5a1a7e-8f5e-4c8e-9a0e-2d5c3b1f4a6d", ID, "teamId")
    assert refusal(limits.text, "k" * 201, KEY, "idempotencyKey").code == "INVALID_IDEMPOTENCY_KEY"


@pytest.mark.parametrize(
    ("kind", "inside", "outside"),
    [
        (
            EFFECTIVE,
            [date(1976, 1, 1), date(2026, 6, 1)],
            [date(1800, 1, 1), date(9999, 12, 31), date(2026, 7, 1)],
        ),
        (PERIOD, [date(2016, 1, 1), date(2030, 6, 1)], [date(2014, 1, 1), date(2030, 7, 1)]),
        (DONE, [date(2016, 1, 1), date(2025, 6, 16)], [date(2025, 6, 17), date(1800, 1, 1)]),
        (DELEGATION_END, [date(2025, 6, 15), date(2099, 12, 31)], [date(2100, 1, 1), date(9999, 12, 31)]),
    ],
)
def test_dates_lie_in_the_plausible_range_of_their_kind(kind, inside, outside):
    for value in inside:
        assert limits.day(value, kind, "d", TODAY) == value
    for value in outside:
        error = refusal(limits.day, value, kind, "d", TODAY)
        assert (error.code, error.details["field"]) == ("INVALID_VALUE", "d")


def test_the_last_line_of_defence_walks_nested_event_values():
    limits.recordable({"a": ["ok", {"b": "fine\nlines"}]}, "event")
    error = refusal(limits.recordable, {"a": ["ok", {"b": "bad\x00"}]}, "event")
    assert error.details["field"] == "event.a[1].b"
    decomposed = unicodedata.normalize("NFD", "Zoë")
    assert refusal(limits.recordable, {"name": decomposed}, "event").details["field"] == "event.name"


def _input_types(schema) -> dict[str, GraphQLInputObjectType]:
    """Every input object type reachable from a mutation argument."""
    found: dict[str, GraphQLInputObjectType] = {}

    def visit(graphql_type) -> None:
        while isinstance(graphql_type, GraphQLNonNull | GraphQLList):
            graphql_type = graphql_type.of_type
        if isinstance(graphql_type, GraphQLInputObjectType) and graphql_type.name not in found:
            found[graphql_type.name] = graphql_type
            for field in graphql_type.fields.values():
                visit(field.type)

    for field in schema._schema.mutation_type.fields.values():
        for argument in field.args.values():
            visit(argument.type)
    return found


def test_every_mutation_takes_one_input_object_that_once_checks():
    schema = build_schema(development=True)
    for name, field in schema._schema.mutation_type.fields.items():
        assert list(field.args) == ["input"], f"{name}: arguments outside `input` escape api.input_limits"


def test_every_field_of_every_mutation_input_has_a_declared_kind():
    """A new mutation input field without a kind in api.input_limits.KINDS fails here."""
    schema = build_schema(development=True)
    types = _input_types(schema)
    assert types, "no mutation inputs found"
    for type_name in types:
        definition = schema.get_type_by_name(type_name)
        declared = KINDS.get(type_name)
        assert declared is not None, f"{type_name} has no declared limits"
        python_names = {f.python_name for f in definition.fields}
        assert python_names == set(declared), (
            f"{type_name}: undeclared {python_names - set(declared)}, stale {set(declared) - python_names}"
        )


def test_an_undeclared_input_type_is_refused_not_let_through():
    import strawberry

    @strawberry.input
    class SomethingNewInput:
        text: str

    with pytest.raises(LookupError):
        check_input(SomethingNewInput(text="x"))


def test_the_readme_lists_every_kind_of_text_with_its_length():
    from pathlib import Path

    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Input limits", 1)[1].split("\n## ", 1)[0]
    for kind in limits.TEXT_KINDS:
        assert f"| {kind.name} | {kind.max_length:,} |" in section, kind.name
