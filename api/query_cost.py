"""Query cost: refuse, before execution, a query that would resolve too many values.

Like GitHub's limit, the estimate multiplies down the tree: every field costs one per parent
value it is resolved for; a connection (a field with a `first` argument) loads `first` rows,
and the lists inside it (`edges`, `nodes`) have that many elements; any other list is
estimated at DEFAULT_LIST_SIZE elements. So 20 aliases of `organisationTree(first: 100)
{ edges { node { code } } }` cost 20 × (1 + 100 + 1 + 100 + 100 + 100) = 8,040, while a
page of 100 units with their heads' NIP and name costs 702.

It runs when execution starts rather than as a validation rule: `first` is usually a
variable, and validation (cached per document) does not see variable values.
"""

import logging
from collections.abc import Iterator
from typing import Any

from graphql import ExecutionResult as GraphQLExecutionResult
from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLList,
    GraphQLNonNull,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    VariableNode,
)
from strawberry.extensions import SchemaExtension

from api.language import caller_language
from api.pagination import MAX_PAGE
from domain.messages import render

log = logging.getLogger("sistemkerja.api")

DEFAULT_MAX_COST = 5_000
DEFAULT_LIST_SIZE = 10
QUERY_TOO_COSTLY = "QUERY_TOO_COSTLY"


class _Estimate:
    def __init__(
        self, schema: GraphQLSchema, fragments: dict[str, FragmentDefinitionNode], variables: dict[str, Any]
    ):
        self.schema, self.fragments, self.variables = schema, fragments, variables

    def selection_set(
        self, selection_set: SelectionSetNode | None, parent: Any, multiplier: int, page: int | None
    ) -> int:
        if selection_set is None:
            return 0
        return sum(
            self.field(node, parent, multiplier, page) for node in self._fields(selection_set, parent, set())
        )

    def field(self, node: FieldNode, parent: Any, multiplier: int, page: int | None) -> int:
        name = node.name.value
        definition = getattr(parent, "fields", {}).get(name)
        if definition is None or name.startswith("__"):
            return multiplier  # __typename, or introspection (development only)
        field_type = (
            definition.type.of_type if isinstance(definition.type, GraphQLNonNull) else definition.type
        )
        child_type = _named(field_type)
        cost = multiplier
        if "first" in definition.args:
            size = self._first(node, definition.args["first"].default_value)
            return (
                cost
                + multiplier * size
                + self.selection_set(node.selection_set, child_type, multiplier, size)
            )
        if isinstance(field_type, GraphQLList):
            elements = multiplier * (page or DEFAULT_LIST_SIZE)
            return cost + elements + self.selection_set(node.selection_set, child_type, elements, None)
        return cost + self.selection_set(node.selection_set, child_type, multiplier, None)

    def _first(self, node: FieldNode, default: Any) -> int:
        value: Any = default
        for argument in node.arguments or ():
            if argument.name.value == "first":
                given = argument.value
                if isinstance(given, VariableNode):
                    value = self.variables.get(given.name.value, default)
                else:
                    value = getattr(given, "value", default)
        try:
            size = int(value)
        except (TypeError, ValueError):
            return MAX_PAGE  # refused later anyway; estimate the worst that could run
        # Page sizes outside 1..MAX_PAGE are refused by the resolver: no more than MAX_PAGE runs.
        return min(max(size, 1), MAX_PAGE)

    def _fields(self, selection_set: SelectionSetNode, parent: Any, seen: set[str]) -> Iterator[FieldNode]:
        """The fields selected, fragments flattened (each named fragment once per selection)."""
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                yield selection
            elif isinstance(selection, InlineFragmentNode):
                yield from self._fields(
                    selection.selection_set, self._type(selection.type_condition, parent), seen
                )
            elif isinstance(selection, FragmentSpreadNode) and selection.name.value not in seen:
                seen.add(selection.name.value)
                fragment = self.fragments.get(selection.name.value)
                if fragment is not None:
                    yield from self._fields(
                        fragment.selection_set, self._type(fragment.type_condition, parent), seen
                    )

    def _type(self, condition: Any, parent: Any) -> Any:
        return self.schema.get_type(condition.name.value) if condition is not None else parent


def _named(field_type: Any) -> Any:
    while isinstance(field_type, (GraphQLList, GraphQLNonNull)):
        field_type = field_type.of_type
    return field_type


def query_cost(
    schema: GraphQLSchema, document: Any, operation_name: str | None, variables: dict[str, Any]
) -> int:
    fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if operation_name is not None:
        operations = [o for o in operations if o.name is not None and o.name.value == operation_name]
    if len(operations) != 1:
        return 0  # which operation runs is ambiguous: execution refuses it, with its own error
    operation = operations[0]
    root = schema.get_root_type(operation.operation)
    return _Estimate(schema, fragments, variables or {}).selection_set(operation.selection_set, root, 1, None)


class QueryCostLimiter(SchemaExtension):
    """Refuses an operation whose estimated cost is above `max_cost`, before any resolver runs."""

    def __init__(self, *, max_cost: int):
        self.max_cost = max_cost

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        if context.graphql_document is not None and context.result is None:
            cost = query_cost(
                context.schema._schema,
                context.graphql_document,
                context.operation_name,
                context.variables or {},
            )
            log.debug("query cost %s", cost)
            if cost > self.max_cost:
                # A result set here is returned instead of executing (strawberry's documented hook).
                details = {"cost": cost, "max_cost": self.max_cost}
                context.result = GraphQLExecutionResult(
                    data=None,
                    errors=[
                        GraphQLError(
                            render(QUERY_TOO_COSTLY, caller_language(context.context), details),
                            extensions={
                                "code": QUERY_TOO_COSTLY,
                                "pesan": render(QUERY_TOO_COSTLY, "id", details),
                                "cost": cost,
                                "maxCost": self.max_cost,
                            },
                        )
                    ],
                )
        yield
