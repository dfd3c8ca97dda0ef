"""Typed codes for the client's mistakes that GraphQL itself finds before any resolver runs.

A document that does not parse, does not validate, or carries a variable value its type cannot
represent (a 30 February, a 2^31 `first`) is the client's fault: it is answered with a stable
`extensions.code` (and `pesan`, and `field` where one is named) instead of being masked as
INTERNAL, and logged at INFO without a traceback. Their `message` stays graphql-core's own English
text: it names the exact token, field or value.
"""

import re
from collections.abc import Callable, Iterator

from graphql import (
    SKIP,
    GraphQLError,
    GraphQLInputType,
    GraphQLSyntaxError,
    ValuesOfCorrectTypeRule,
    Visitor,
    visit,
)
from graphql.language import (
    ArgumentNode,
    DocumentNode,
    ObjectFieldNode,
    ValueNode,
    VariableDefinitionNode,
    VariableNode,
)
from graphql.language.visitor import VisitorAction
from graphql.utilities.validate_input_value import validate_input_literal
from strawberry.extensions import SchemaExtension

from domain.messages import render

INVALID_VALUE = "INVALID_VALUE"
PARSE_FAILED = "GRAPHQL_PARSE_FAILED"
VALIDATION_FAILED = "GRAPHQL_VALIDATION_FAILED"

# graphql-core's wording when coercing a variable's value, e.g. "Variable '$i' has invalid value
# at .period.start: ..." (validation errors about variables, like "never used", are worded otherwise).
_VARIABLE_ERROR = re.compile(
    r"^Variable '\$\w+' (?:(?:has|got) invalid (?:default )?value(?: at (?P<path>[^:]*))?"
    r"|of required type .+ was not provided|of non-null type .+ must not be null)"
)
_SUGGESTION = re.compile(r"\s*Did you mean .*$", re.DOTALL)


def classify(error: GraphQLError, document: DocumentNode | None) -> None:
    """Give a request-level error (no path: nothing was executed) its code, in place.
    Errors that already carry a code (domain errors, the query-cost limit) are left alone."""
    if error.path is not None or (error.extensions or {}).get("code"):
        return
    node = error.nodes[0] if error.nodes else None
    variable_error = _VARIABLE_ERROR.match(error.message)
    if isinstance(node, VariableDefinitionNode) and variable_error:
        _invalid_value(error, _variable_field(variable_error, node, document))
    elif isinstance(node, ValueNode):
        # A literal the scalar cannot parse (`effectiveDate: "2025-02-30"` written inline).
        _invalid_value(
            error,
            (error.extensions or {}).get("field") or _argument_named(document, lambda value: value is node),
        )
    elif isinstance(error, GraphQLSyntaxError):
        error.extensions = {"code": PARSE_FAILED, "pesan": render(PARSE_FAILED, "id", {})}
    elif error.original_error is None:
        error.extensions = {"code": VALIDATION_FAILED, "pesan": render(VALIDATION_FAILED, "id", {})}
    # Else an exception of ours before execution: left to be masked as INTERNAL and logged.


class ValuesOfCorrectTypeNamed(ValuesOfCorrectTypeRule):
    """graphql-core's rule, except that an error a scalar raises itself (a Date literal for
    30 February) keeps the literal's node and the input field it is in, like the rule's own errors."""

    def is_valid_value_node(self, node: ValueNode, input_type: GraphQLInputType | None) -> VisitorAction:
        if input_type:

            def on_error(error: GraphQLError, path: list[str | int]) -> None:
                fields = [step for step in path if isinstance(step, str)]
                self.report_error(
                    GraphQLError(
                        error.message,
                        error.nodes or node,
                        original_error=error.original_error,
                        extensions={"field": fields[-1]} if fields else None,
                    )
                )

            validate_input_literal(node, input_type, on_error, None, None, self.context.hide_suggestions)
        return SKIP


class NamedValueErrors(SchemaExtension):
    """Puts ValuesOfCorrectTypeNamed in the place of graphql-core's rule."""

    def on_operation(self) -> Iterator[None]:
        self.execution_context.validation_rules = tuple(
            ValuesOfCorrectTypeNamed if rule is ValuesOfCorrectTypeRule else rule
            for rule in self.execution_context.validation_rules
        )
        yield


def is_client_error(error: GraphQLError) -> bool:
    return (error.extensions or {}).get("code") in {INVALID_VALUE, PARSE_FAILED, VALIDATION_FAILED}


def hide_suggestions(error: GraphQLError) -> None:
    """ "Did you mean 'official', 'offices'…" lists the schema's names: not for production."""
    error.message = _SUGGESTION.sub("", error.message)


def _invalid_value(error: GraphQLError, field: str | None) -> None:
    pesan = render(INVALID_VALUE, "id", {"case": "graphql" if field else "graphql_unnamed", "field": field})
    error.extensions = {"code": INVALID_VALUE, "pesan": pesan, "field": field}
    # The scalar's exception is the client's doing, not ours: nothing to mask, no traceback.
    error.original_error = None


def _variable_field(match: re.Match[str], node: VariableDefinitionNode, document: DocumentNode | None) -> str:
    """The innermost input field named in the path, else the argument the variable is given to,
    else the variable itself."""
    names = re.findall(r"\.(\w+)", match.group("path") or "")
    if names:
        return names[-1]
    variable = node.variable.name.value
    return (
        _argument_named(
            document, lambda value: isinstance(value, VariableNode) and value.name.value == variable
        )
        or variable
    )


def _argument_named(document: DocumentNode | None, holds: Callable[[ValueNode], bool]) -> str | None:
    """The first argument or input field whose value `holds`."""
    if document is None:
        return None
    found: list[str] = []

    class _Find(Visitor):
        def enter_argument(self, node: ArgumentNode, *_: object) -> None:
            if holds(node.value):
                found.append(node.name.value)

        def enter_object_field(self, node: ObjectFieldNode, *_: object) -> None:
            if holds(node.value):
                found.append(node.name.value)

    visit(document, _Find())
    return found[0] if found else None
