"""GraphQL fuzzing over real HTTP: calls generated from the real schema, and the checks.

A call is one root field (a query or a mutation), sent as one of the world's roles, either
- generated: a selection set drawn by hypothesis-graphql from the schema (strawberry -> SDL)
  and arguments drawn here, mostly plausible values named after the argument (real ids, NIPs
  and unit codes of the seeded world, the words the API expects), sometimes hostile ones
  (control characters, huge or empty text, impossible dates, integers past 32 bits, nulls,
  wrong JSON types, missing fields); or
- seeded: a command that succeeds in the world (a `Seed`), whole or with one value made
  hostile, so hostile values reach the domain and the stores.
Arguments go as variables (what every front-end sends) or inline as literals. `Generator.plan`
gives every root field and every seed its share of the cases.

The checks on every answer (`Fuzzer.check`): no 5xx, no `INTERNAL` error code, every error
typed (an `extensions.code`), and no event written by a call that answered an error (a
top-level error or a `CommandError` in its data) or by a query; and no event recorded that a
read model could not apply (`RECORDED_NOT_YET_VISIBLE`: quarantined). One root field per call, so
an event can always be attributed to the one command that wrote it.

Failures are collected, not raised one by one: each class (kind and cause) is kept with its
smallest request, so one run reports every class.
"""

from __future__ import annotations

import json
import logging
import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import graphql
import httpx
from hypothesis import strategies as st
from hypothesis_graphql import from_schema

from api.schema import build_schema

# --- the schema ------------------------------------------------------------------------------


def schema() -> graphql.GraphQLSchema:
    """The served schema, through its SDL (what a client sees)."""
    return graphql.build_schema(build_schema(development=True).as_str())


def root_fields(parsed: graphql.GraphQLSchema) -> list[tuple[str, str]]:
    """(operation type, field name) of every query and mutation."""
    fields = [("query", name) for name in parsed.query_type.fields]
    if parsed.mutation_type is not None:
        fields += [("mutation", name) for name in parsed.mutation_type.fields]
    return fields


# --- values ----------------------------------------------------------------------------------


@dataclass
class Vocabulary:
    """What exists in the seeded world, fed into arguments named after it."""

    ids: dict[str, list[str]]  # by kind: assignment, team, report, escalation, delegation
    nips: list[str]
    units: list[str]

    @property
    def all_ids(self) -> list[str]:
        return [i for kind in sorted(self.ids) for i in self.ids[kind]]


HOSTILE_TEXT = [
    "",
    " ",
    "a\u0000b",
    "\u0000",
    "bel\u0007",
    "esc\u001b[31m",
    "rtl\u202eevil",
    "zero\u200bwidth",
    "line\nbreak",
    "tab\tx",
    "\ud7ff\ufffd",
    "e\u0301",
    "'; DROP TABLE stored_events; --",
    "{{7*7}}",
    "<script>alert(1)</script>",
    "../../etc/passwd",
    "%s%n",
    "null",
    "true",
    "0",
    "-1",
    "x" * 5000,
    "y" * 70_000,
]
BAD_DATES = [
    "2025-02-30",
    "2025-13-01",
    "0000-01-01",
    "9999-12-31",
    "1800-01-01",
    "2025-1-1",
    "20250101",
    "2025-06-15T00:00:00",
    "kemarin",
    "",
]
BAD_DATETIMES = [
    "2025-02-30T00:00:00",
    "2025-06-15T25:00:00",
    "0000-01-01T00:00:00",
    "9999-12-31T23:59:59Z",
    "2025-06-15",
    "now",
    "",
]
EDGE_INTS = [0, -1, 1, 2**31 - 1, 2**31, -(2**31) - 1, 10**12, 10**30]
HOSTILE_VALUES = [*HOSTILE_TEXT, "a" * 1_048_576, *BAD_DATES, *EDGE_INTS, 1.5, True, None, [], {}, ["x"]]
WORDS = {  # the strings the API understands, by argument name
    "mode": ["APPOINTMENT", "VOLUNTARY"],
    "scope": ["WITHIN_UNIT", "CROSS_UNIT", "CROSS_AGENCY", "CROSS_INSTITUTION"],
    "status": [
        "PENDING",
        "FIXED",
        "ACTIVE",
        "REJECTED",
        "WITHDRAWN",
        "ENDED",
        "OPEN",
        "DECIDED",
        "FORMED",
        "DISSOLVED",
        "SUBMITTED",
        "APPROVED",
        "RETURNED",
    ],
    "kind": [
        "SETDA",
        "DINAS",
        "BADAN",
        "RSUD",
        "KECAMATAN",
        "BAGIAN",
        "BIDANG",
        "SEKSI",
        "SUBBAGIAN",
        "placement",
        "delegation granted",
    ],
    "headPosition": ["JPT_PRATAMA", "ADMINISTRATOR", "PENGAWAS", "FUNGSIONAL"],
    "positionType": ["JPT_MADYA", "JPT_PRATAMA", "ADMINISTRATOR", "PENGAWAS", "FUNGSIONAL", "PELAKSANA"],
    "grade": ["AHLI_PERTAMA", "AHLI_MUDA", "AHLI_MADYA", "AHLI_UTAMA", "TERAMPIL"],
    "rank": ["II/c", "III/a", "III/b", "III/c", "III/d", "IV/a", "IV/c", "IV/e"],
    "education": ["SMA", "D3", "S1", "S2", "S3"],
    "employeeType": ["PNS", "PPPK"],
    "period": ["2025-06", date.today().strftime("%Y-%m"), "2025-S1", "2025"],
    "tenantSide": ["SOURCE", "TARGET", "OWNING", "OFFICIAL"],
    "decision": ["APPROVE", "REJECT", "APPROVED", "REJECTED"],
    "choice": ["Minta data ke Dinas B", "Survei lapangan sendiri"],
    "role": ["Analis data", "Pengumpul data", "TEAM_LEADER", "MEMBER"],
    "government": ["Pemerintah Provinsi Banten", "Kota Serang"],
    "article": ["Pasal 7", "Lampiran B.1"],
    "legalBasis": ["Perbup SOTK", "SK pengangkatan"],
    "name": ["Tim Percepatan Penurunan Stunting", "Dr. Hj. Siti Aminah, S.Kep., M.Kes.", "Unit Baru"],
}
UNIT_ARGS = {
    "unitCode",
    "owningUnit",
    "owningUnitCode",
    "officialUnitCode",
    "parentCode",
    "agencyCode",
    "setdaCode",
    "personnelAgencyCode",
    "reviewingUnit",
    "unit",
    "code",
    "otherUnits",
}
ID_ARGS = {  # argument -> the kinds of record it names (an empty tuple: any)
    "id": ("assignment",),
    "assignmentId": ("assignment",),
    "teamId": ("team",),
    "escalationId": ("escalation",),
    "reportId": ("report",),
    "delegationId": ("delegation",),
    "subjectId": ("team", "assignment"),
    "inReplyTo": ("report",),
    "aggregateId": (),
    "after": (),
}
NEW_ARGS = {"nip", "code"}  # registering or establishing: often a fresh one


def _fresh_nip(birth: date, appointed: date, sex: int, sequence: int) -> str:
    return f"{birth:%Y%m%d}{appointed:%Y%m}{sex}{sequence:03d}"


def _is_nip_arg(name: str) -> bool:
    return name.lower().endswith(("nip", "nips"))


class Values:
    """JSON values for GraphQL input types, named-argument aware."""

    def __init__(self, vocab: Vocabulary, *, odd: bool):
        self.vocab = vocab
        self.odd = odd  # also nulls where not allowed, wrong JSON types, missing required fields
        self.text = st.one_of(st.sampled_from(HOSTILE_TEXT), st.text(max_size=30))
        self.wrong_type = st.sampled_from([123, 1.5, True, [], {}, ["x"], {"a": 1}])

    def plausible_string(self, name: str) -> st.SearchStrategy[Any]:
        if _is_nip_arg(name):
            known = st.sampled_from(self.vocab.nips)
            return st.one_of(known, self.fresh_nips()) if name in NEW_ARGS else known
        if name in UNIT_ARGS:
            known = st.sampled_from(self.vocab.units)
            fresh = st.builds(lambda parent, n: f"{parent}.X{n}", known, st.integers(1, 99))
            return st.one_of(known, fresh) if name in NEW_ARGS else known
        if name in ID_ARGS:
            return self.ids(ID_ARGS[name])
        if name in WORDS:
            return st.sampled_from(WORDS[name])
        if name in ("date",):
            return self.dates()
        return st.sampled_from(
            [
                "Percepatan penurunan stunting",
                "Peta sebaran stunting",
                "12 desa",
                "40%",
                "1 dokumen, Juni 2025",
                "Analisis data",
                "Perbup kewenangan",
            ]
        )

    def fresh_nips(self) -> st.SearchStrategy[str]:
        """Valid NIPs nobody holds yet (most of the time)."""
        return st.builds(
            _fresh_nip,
            st.dates(date(1965, 1, 1), date(2000, 12, 31)),
            st.dates(date(1990, 1, 1), date(2024, 12, 1)),
            st.sampled_from([1, 2]),
            st.integers(1, 999),
        )

    def ids(self, kinds: tuple[str, ...] = ()) -> st.SearchStrategy[str]:
        """Mostly an id of the right kind; else of another kind (a wrong kind of id), unknown, malformed."""
        right = [i for kind in kinds for i in self.vocab.ids.get(kind, [])] or self.vocab.all_ids
        return st.one_of(
            st.sampled_from(right),
            st.sampled_from(right),
            st.sampled_from(right),
            st.sampled_from(self.vocab.all_ids),
            st.uuids().map(str),
            st.sampled_from(["", "not-an-id", "0", "A.U1", self.vocab.nips[0]]),
        )

    def dates(self) -> st.SearchStrategy[str]:
        good = st.dates(min_value=date(2023, 1, 1), max_value=date(2027, 12, 31)).map(date.isoformat)
        return st.one_of(good, good, good, st.sampled_from(BAD_DATES))

    def datetimes(self) -> st.SearchStrategy[str]:
        good = st.datetimes(min_value=datetime(2023, 1, 1), max_value=datetime(2027, 12, 31)).map(
            lambda moment: moment.replace(tzinfo=timezone(timedelta(hours=7))).isoformat()
        )
        return st.one_of(good, good, st.just(datetime.now(UTC).isoformat()), st.sampled_from(BAD_DATETIMES))

    def scalar(self, type_name: str, name: str) -> st.SearchStrategy[Any]:
        if type_name == "String":
            return st.one_of(
                self.plausible_string(name),
                self.plausible_string(name),
                self.plausible_string(name),
                self.text,
            )
        if type_name == "ID":
            return self.ids()
        if type_name == "Int":
            plausible = st.integers(1, 5) if name == "step" else st.integers(1, 100)
            return st.one_of(plausible, plausible, st.integers(-3, 300), st.sampled_from(EDGE_INTS))
        if type_name == "Float":
            return st.floats(allow_nan=False, allow_infinity=False)
        if type_name == "Boolean":
            return st.booleans()
        if type_name == "Date":
            return self.dates()
        if type_name == "DateTime":
            return self.datetimes()
        if type_name == "JSON":
            return st.recursive(
                st.none() | st.booleans() | st.integers() | st.text(max_size=10),
                lambda inner: (
                    st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
                ),
                max_leaves=8,
            )
        return self.text

    def value(self, type_: graphql.GraphQLInputType, name: str) -> st.SearchStrategy[Any]:
        """A value for `type_`; rarely null where not allowed, or of a wrong JSON type."""
        nullable = not isinstance(type_, graphql.GraphQLNonNull)
        inner = type_.of_type if isinstance(type_, graphql.GraphQLNonNull) else type_
        if isinstance(inner, graphql.GraphQLList):
            proper = st.lists(self.value(inner.of_type, name), max_size=4)
        elif isinstance(inner, graphql.GraphQLInputObjectType):
            proper = self.input_object(inner)
        elif isinstance(inner, graphql.GraphQLEnumType):
            proper = st.sampled_from(list(inner.values))
        else:
            proper = self.scalar(inner.name, name)
        if self.odd:
            return st.one_of(*[proper] * 8, st.none(), self.wrong_type)
        return st.one_of(*[proper] * 4, st.none()) if nullable else proper

    def input_object(self, type_: graphql.GraphQLInputObjectType) -> st.SearchStrategy[dict]:
        required = {name: f for name, f in type_.fields.items() if graphql.is_required_input_field(f)}
        optional = {name: f for name, f in type_.fields.items() if name not in required}

        @st.composite
        def build(draw: st.DrawFn) -> dict:
            chosen = dict(required)
            for name in draw(st.lists(st.sampled_from(sorted(optional)), unique=True)) if optional else []:
                chosen[name] = optional[name]
            if self.odd and required and draw(st.integers(0, 8)) == 8:  # a required field missing
                chosen.pop(draw(st.sampled_from(sorted(required))))
            return {name: draw(self.value(f.type, name)) for name, f in chosen.items()}

        return build()


# --- operations ------------------------------------------------------------------------------


@dataclass
class Operation:
    kind: str  # query | mutation
    field: str
    query: str
    variables: dict

    def body(self) -> dict:
        return {"query": self.query, "variables": self.variables}


def _literal(value: Any, type_: graphql.GraphQLInputType) -> graphql.ValueNode:
    """A JSON value as a GraphQL literal (wrong types stay wrong: the server must refuse them)."""
    named = graphql.get_named_type(type_)
    if value is None:
        return graphql.NullValueNode()
    if isinstance(value, bool):
        return graphql.BooleanValueNode(value=value)
    if isinstance(value, int):
        return graphql.IntValueNode(value=str(value))
    if isinstance(value, float):
        return graphql.FloatValueNode(value=repr(value))
    if isinstance(value, str):
        if isinstance(named, graphql.GraphQLEnumType) and value in named.values:
            return graphql.EnumValueNode(value=value)
        return graphql.StringValueNode(value=value)
    if isinstance(value, list):
        inner = graphql.get_nullable_type(type_)
        item = inner.of_type if isinstance(inner, graphql.GraphQLList) else inner
        return graphql.ListValueNode(values=tuple(_literal(v, item) for v in value))
    fields = named.fields if isinstance(named, graphql.GraphQLInputObjectType) else {}
    return graphql.ObjectValueNode(
        fields=tuple(
            graphql.ObjectFieldNode(
                name=graphql.NameNode(value=key),
                value=_literal(item, fields[key].type if key in fields else named),
            )
            for key, item in value.items()
        )
    )


def _scalar_literals() -> dict[str, st.SearchStrategy[graphql.ValueNode]]:
    """Custom scalars hypothesis-graphql cannot draw by itself (nested arguments only)."""
    day = st.dates(min_value=date(2023, 1, 1), max_value=date(2027, 12, 31))
    return {
        "Date": day.map(lambda d: graphql.StringValueNode(value=d.isoformat())),
        "DateTime": day.map(lambda d: graphql.StringValueNode(value=f"{d.isoformat()}T00:00:00+07:00")),
        "JSON": st.just(graphql.StringValueNode(value="{}")),
    }


ERROR_ALIAS = "fuzzErrorCode"
RECORDED = "RECORDED_NOT_YET_VISIBLE"  # recorded, but a read model could not show it (quarantined)


def _with_typename(
    selection: graphql.SelectionSetNode | None,
    result: graphql.GraphQLOutputType,
    schema_: graphql.GraphQLSchema,
) -> graphql.SelectionSetNode | None:
    """Ask for __typename (and a CommandError's code) so a typed refusal is always seen."""
    named = graphql.get_named_type(result)
    if not isinstance(
        named, graphql.GraphQLObjectType | graphql.GraphQLUnionType | graphql.GraphQLInterfaceType
    ):
        return selection
    extra: list[graphql.SelectionNode] = [graphql.FieldNode(name=graphql.NameNode(value="__typename"))]
    error = schema_.type_map.get("CommandError")
    if isinstance(named, graphql.GraphQLUnionType) and error in named.types:
        extra.append(
            graphql.InlineFragmentNode(
                type_condition=graphql.NamedTypeNode(name=graphql.NameNode(value="CommandError")),
                selection_set=graphql.SelectionSetNode(
                    selections=(
                        graphql.FieldNode(
                            alias=graphql.NameNode(value=ERROR_ALIAS), name=graphql.NameNode(value="code")
                        ),
                    )
                ),
            )
        )
    existing = tuple(selection.selections) if selection else ()
    return graphql.SelectionSetNode(selections=(*existing, *extra))


@dataclass
class Seed:
    """A command that succeeds in the seeded world, sent by the role that may send it. The fuzz
    sends it whole, or with one value replaced by a hostile one (the command then reaches the
    domain with it: what the issue's NUL, 1 MB text and 9999-12-31 dates did). FRESH_NIP and
    FRESH_UNIT are replaced by a new NIP / unit code on each call."""

    role: str
    field: str
    input: dict


FRESH_NIP, FRESH_UNIT = "<fresh nip>", "<fresh unit>"


def _leaves(value: Any, path: tuple = ()) -> list[tuple]:
    if isinstance(value, dict):
        return [leaf for key, item in value.items() for leaf in _leaves(item, (*path, key))]
    if isinstance(value, list):
        return [leaf for index, item in enumerate(value) for leaf in _leaves(item, (*path, index))] or [path]
    return [path]


def _at(value: Any, path: tuple) -> Any:
    for step in path:
        value = value[step]
    return value


def _is_free_text(value: Any) -> bool:
    """Words, as opposed to codes, NIPs and dates."""
    return isinstance(value, str) and " " in value.strip()


def _replaced(value: Any, path: tuple, new: Any) -> Any:
    if not path:
        return new
    head, rest = path[0], path[1:]
    if isinstance(value, dict):
        return {**value, head: _replaced(value[head], rest, new)}
    copy = list(value)
    copy[head] = _replaced(copy[head], rest, new)
    return copy


def _filled(value: Any, fresh: dict[str, str]) -> Any:
    if isinstance(value, dict):
        return {key: _filled(item, fresh) for key, item in value.items()}
    if isinstance(value, list):
        return [_filled(item, fresh) for item in value]
    return fresh.get(value, value) if isinstance(value, str) else value


class Generator:
    def __init__(self, vocab: Vocabulary, roles: list[str], seeds: list[Seed] = ()):
        self.schema = schema()
        self.typed = Values(vocab, odd=False)
        self.odd = Values(vocab, odd=True)
        self.fields = root_fields(self.schema)
        self.roles = roles
        self.seeds = list(seeds)
        self._documents: dict[str, st.SearchStrategy[graphql.DocumentNode]] = {}

    def _document(self, name: str) -> st.SearchStrategy[graphql.DocumentNode]:
        if name not in self._documents:
            self._documents[name] = from_schema(
                self.schema,
                fields=[name],
                custom_scalars=_scalar_literals(),
                print_ast=lambda node: node,
                allow_x00=True,
            )
        return self._documents[name]

    def plan(self, examples: int) -> list[tuple[st.SearchStrategy[tuple[Operation, str]], int]]:
        """(strategy of (operation, role), number of cases) for every root field: each gets its
        share of two thirds of the cases (all of them without seeds), so a small run still
        covers the whole schema."""
        share = examples * (2 / 3 if self.seeds else 1)
        per_field = max(2, round(share / len(self.fields)))
        return [
            (st.tuples(self.generated(kind, name), st.sampled_from(self.roles)), per_field)
            for kind, name in self.fields
        ]

    def seeded_calls(self, examples: int) -> list[tuple[Operation, str]]:
        """A third of the cases: each seed whole (first), then each hostile value in turn put in
        a random place of a random seed (a fixed random sequence: the same calls every run).
        Enumerated rather than drawn by Hypothesis, whose small runs try few distinct values."""
        if not self.seeds:
            return []
        rng = random.Random(2026)
        calls = []
        for index in range(max(len(self.seeds), round(examples / 3))):
            seed = self.seeds[index % len(self.seeds)] if index < len(self.seeds) else rng.choice(self.seeds)
            fresh = {
                FRESH_NIP: _fresh_nip(
                    date(1970, 1, 1) + timedelta(days=rng.randrange(5000)),
                    date(2010, 1, 1),
                    rng.choice([1, 2]),
                    rng.randrange(1, 1000),
                ),
                FRESH_UNIT: f"A.U1.X{rng.randrange(1, 10_000)}",
            }
            given = _filled(seed.input, fresh)
            if index >= len(self.seeds):
                hostile = HOSTILE_VALUES[(index - len(self.seeds)) % len(HOSTILE_VALUES)]
                leaves = _leaves(given)
                free_text = [path for path in leaves if _is_free_text(_at(given, path))]
                # Mostly into free text (what is stored as written), else anywhere.
                place = rng.choice(free_text if free_text and rng.random() < 0.7 else leaves)
                given = _replaced(given, place, hostile)
            calls.append(
                (
                    self.assemble(
                        "mutation", seed.field, {"input": given}, None, as_variables=rng.random() < 0.5
                    ),
                    seed.role,
                )
            )
        return calls

    def generated(self, kind: str, name: str) -> st.SearchStrategy[Operation]:
        root = self.schema.mutation_type if kind == "mutation" else self.schema.query_type

        @st.composite
        def build(draw: st.DrawFn) -> Operation:
            document = draw(self._document(name))
            selected = next(
                s
                for s in document.definitions[0].selection_set.selections
                if isinstance(s, graphql.FieldNode) and s.name.value == name
            )
            # Mostly well-typed (Hypothesis favours small integers, hence the top value picks the rare case).
            values = self.odd if draw(st.integers(0, 4)) == 4 else self.typed
            arguments = {}
            for arg_name, arg in root.fields[name].args.items():
                required = (
                    isinstance(arg.type, graphql.GraphQLNonNull) and arg.default_value is graphql.Undefined
                )
                if required or draw(st.booleans()):
                    arguments[arg_name] = draw(values.value(arg.type, arg_name))
            return self.assemble(
                kind, name, arguments, selected.selection_set, as_variables=draw(st.booleans())
            )

        return build()

    def assemble(
        self,
        kind: str,
        name: str,
        arguments: dict[str, Any],
        selection: graphql.SelectionSetNode | None,
        *,
        as_variables: bool,
    ) -> Operation:
        """One root field with `arguments`, sent as variables or inline literals."""
        root = self.schema.mutation_type if kind == "mutation" else self.schema.query_type
        definition = root.fields[name]
        nodes, declarations, variables = [], [], {}
        for index, (arg_name, value) in enumerate(arguments.items()):
            arg_type = definition.args[arg_name].type
            if as_variables:
                var = f"v{index}"
                declarations.append(
                    graphql.VariableDefinitionNode(
                        variable=graphql.VariableNode(name=graphql.NameNode(value=var)),
                        type=graphql.parse_type(str(arg_type)),
                    )
                )
                variables[var] = value
                node: graphql.ValueNode = graphql.VariableNode(name=graphql.NameNode(value=var))
            else:
                node = _literal(value, arg_type)
            nodes.append(graphql.ArgumentNode(name=graphql.NameNode(value=arg_name), value=node))
        field_node = graphql.FieldNode(
            name=graphql.NameNode(value=name),
            arguments=tuple(nodes),
            selection_set=_with_typename(selection, definition.type, self.schema),
        )
        op = graphql.OperationDefinitionNode(
            operation=graphql.OperationType(kind),
            name=graphql.NameNode(value="Fuzz"),
            variable_definitions=tuple(declarations),
            selection_set=graphql.SelectionSetNode(selections=(field_node,)),
        )
        return Operation(kind, name, graphql.print_ast(graphql.DocumentNode(definitions=(op,))), variables)


# --- checks ----------------------------------------------------------------------------------


@dataclass
class Failure:
    kind: str  # 5xx | INTERNAL | untyped | event-written | quarantined
    field: str
    detail: str  # the class within the kind: a cause, a message with its values blanked
    request: dict
    role: str
    status: int
    answer: str


@dataclass
class Findings:
    """Failures by class (kind, detail), each with its smallest request, its count and fields."""

    classes: dict[tuple[str, str], Failure] = field(default_factory=dict)
    first: dict[tuple[str, str], Failure] = field(default_factory=dict)  # a cascade's cause is in its first
    counts: dict[tuple[str, str], int] = field(default_factory=dict)
    fields: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    calls: int = 0
    outcomes: dict[str, int] = field(default_factory=dict)  # how calls were answered: how deep the run got

    def answered(self, outcome: str) -> None:
        self.outcomes[outcome] = self.outcomes.get(outcome, 0) + 1

    def add(self, failure: Failure) -> None:
        key = (failure.kind, failure.detail)
        self.counts[key] = self.counts.get(key, 0) + 1
        self.fields.setdefault(key, set()).add(failure.field)
        self.first.setdefault(key, failure)
        kept = self.classes.get(key)
        if kept is None or len(json.dumps(failure.request)) < len(json.dumps(kept.request)):
            self.classes[key] = failure

    def report(self) -> str:
        lines = [f"{len(self.classes)} failure classes in {self.calls} calls; answers: {self.summary()}"]
        for key, failure in sorted(self.classes.items()):
            fields = ", ".join(sorted(self.fields[key]))
            lines.append(
                f"- [{failure.kind}] {failure.detail} ({self.counts[key]}x; fields: {fields})\n"
                f"    smallest, as {failure.role}, HTTP {failure.status}: "
                f"{json.dumps(failure.request, ensure_ascii=True)[:700]}\n"
                f"    answer: {failure.answer[:300]}"
            )
            first = self.first[key]
            if first is not failure:
                lines.append(
                    f"    first, as {first.role}: {json.dumps(first.request, ensure_ascii=True)[:700]}"
                )
        return "\n".join(lines)

    def summary(self) -> str:
        return ", ".join(f"{outcome} {count}" for outcome, count in sorted(self.outcomes.items()))


class ServerCauses(logging.Handler):
    """Remembers, by request id, the exception the server logged for an `INTERNAL` answer, so
    failures are classed by cause (the live server runs in this process)."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.by_request: dict[str, str] = {}

    def emit(self, record: logging.LogRecord) -> None:
        found = re.search(r"\(request (\w+)\)", record.getMessage())
        if found and record.exc_info and record.exc_info[1] is not None:
            error = record.exc_info[1]
            self.by_request[found.group(1)] = f"{type(error).__name__}: {_cause(str(error))}"


def _detail(message: str) -> str:
    """An error message with its variable parts (numbers, quoted values) blanked: the class."""
    message = message.split(", found:")[0].split("\n")[0]
    return re.sub(r"\d+", "N", re.sub(r"'[^']*'|\"[^\"]*\"", "…", message))[:90]


def _cause(message: str) -> str:
    """An exception's message, names kept (they tell the cause), values of inputs blanked."""
    if isinstance(message, str) and message.startswith(
        ("Expected value", "Variable", "Int cannot", "Value cannot")
    ):
        return _detail(message)  # a coercion error quoting the input
    message = re.sub(
        r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<id>", message.split("\n")[0]
    )
    return re.sub(r"\d+", "N", message)[:120]


def _command_errors(data: Any) -> list[str]:
    """Codes of CommandErrors anywhere in the data."""
    found: list[str] = []
    if isinstance(data, dict):
        if data.get("__typename") == "CommandError":
            found.append(str(data.get(ERROR_ALIAS, "?")))
        for value in data.values():
            found += _command_errors(value)
    elif isinstance(data, list):
        for value in data:
            found += _command_errors(value)
    return found


@dataclass
class Fuzzer:
    """Sends operations as one of the `tokens`' roles and checks each answer."""

    url: str
    tokens: dict[str, str]
    events: Callable[[], int]  # the event store's max notification id
    causes: ServerCauses = field(default_factory=ServerCauses)
    findings: Findings = field(default_factory=Findings)

    def __post_init__(self) -> None:
        self.client = httpx.Client(timeout=60)

    def close(self) -> None:
        self.client.close()

    def call(self, operation: Operation, role: str) -> httpx.Response:
        body = operation.body()
        before = self.events()
        response = self.client.post(
            f"{self.url}/graphql", json=body, headers={"authorization": f"Bearer {self.tokens[role]}"}
        )
        written = self.events() - before
        self.findings.calls += 1
        self.check(operation, role, response, written)
        return response

    def check(self, operation: Operation, role: str, response: httpx.Response, written: int) -> None:
        def fail(kind: str, detail: str) -> None:
            self.findings.add(
                Failure(
                    kind, operation.field, detail, operation.body(), role, response.status_code, response.text
                )
            )

        if response.status_code >= 500:
            fail("5xx", f"HTTP {response.status_code}")
        try:
            answer = response.json()
        except ValueError:
            answer = None
        errors = (answer.get("errors") or []) if isinstance(answer, dict) else []
        for error in errors:
            code = (error.get("extensions") or {}).get("code")
            if code == "INTERNAL":
                request_id = (error.get("extensions") or {}).get("requestId", "")
                fail("INTERNAL", self.causes.by_request.get(request_id, "cause not logged"))
            elif not code:
                fail("untyped", _detail(str(error.get("message"))))
        refused = _command_errors(answer.get("data") if isinstance(answer, dict) else None)
        # An error below the root field (a nested field of a command's answer) does not undo
        # the command: its events stand if the root field answered data that is no CommandError.
        root_errors = [e for e in errors if len(e.get("path") or ()) <= 1]
        root_data = (answer.get("data") or {}).get(operation.field) if isinstance(answer, dict) else None
        answered_error = (
            bool(root_errors)
            or bool(refused)
            or response.status_code != 200
            or (bool(errors) and not root_data)
        )
        first_code = (errors[0].get("extensions") or {}).get("code") if errors else None
        self.findings.answered(
            f"HTTP {response.status_code}"
            if response.status_code != 200
            else f"{operation.kind} error {first_code}"
            if errors
            else f"refused {refused[0]}"
            if refused
            else f"{operation.kind} data" + (" + event(s)" if written else "")
        )
        if written and refused == [RECORDED]:
            # The one CommandError that says its event WAS recorded: a view could not apply it
            # (quarantined). No input may do that: it should have been refused before storing.
            fail(
                "quarantined", f"{operation.field}: a view could not apply the event it recorded ({RECORDED})"
            )
        elif written and answered_error:
            codes = sorted({str((e.get("extensions") or {}).get("code")) for e in errors} | set(refused))
            fail(
                "event-written",
                f"{operation.field} wrote event(s) while answering {codes or response.status_code}",
            )
        elif written and operation.kind == "query":
            fail("event-written", f"query {operation.field} wrote event(s)")
