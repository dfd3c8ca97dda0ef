"""The GraphQL schema, assembled from per-feature pieces, with safe limits.

Validation rules are built once and shared (a factory per request would rebuild them and
defeat the validation cache), and parsed and validated documents are cached. Unexpected errors
are masked and logged with the request id; validation errors and the domain's expected errors
are shown as they are.
"""

import logging

import strawberry
from graphql import GraphQLError
from graphql.validation import NoSchemaIntrospectionCustomRule
from strawberry.extensions import (
    AddValidationRules,
    MaskErrors,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    ValidationCache,
)

from api import request_errors
from api.assignments import AssignmentMutation, AssignmentQuery
from api.evaluation import EvaluationMutation, EvaluationQuery
from api.evidence import EvidenceQuery
from api.input_limits import QueryArgumentLimits
from api.inspection import InspectionQuery
from api.language import caller_language
from api.organisation import OrganisationMutation, OrganisationQuery
from api.performance import PerformanceMutation, PerformanceQuery
from api.query_cost import DEFAULT_MAX_COST, QueryCostLimiter
from api.read_models import ReadModelQuery
from api.reporting import ReportingMutation, ReportingQuery
from api.teams import TeamMutation, TeamQuery
from api.tracing import graphql_extension
from api.work_plan import WorkPlanMutation, WorkPlanQuery
from domain.errors import DomainError

log = logging.getLogger("sistemkerja.api")

MAX_DEPTH = 10
MAX_ALIASES = 20
MAX_TOKENS = 3000
CACHED_DOCUMENTS = 512


@strawberry.type
class Query(
    OrganisationQuery,
    AssignmentQuery,
    TeamQuery,
    ReportingQuery,
    EvaluationQuery,
    PerformanceQuery,
    InspectionQuery,
    ReadModelQuery,
    EvidenceQuery,
    WorkPlanQuery,
):
    pass


@strawberry.type
class Mutation(
    OrganisationMutation,
    AssignmentMutation,
    TeamMutation,
    ReportingMutation,
    EvaluationMutation,
    PerformanceMutation,
    WorkPlanMutation,
):
    pass


def _expected(error: GraphQLError) -> bool:
    original = error.original_error
    return original is None or isinstance(original, DomainError) or request_errors.is_client_error(error)


class MaskUnexpectedErrors(MaskErrors):
    def __init__(self) -> None:
        super().__init__(should_mask_error=lambda error: not _expected(error))

    def anonymise_error(self, error: GraphQLError) -> GraphQLError:
        request_id = getattr(self.execution_context.context, "request_id", "-")
        log.error("unexpected error (request %s)", request_id, exc_info=error.original_error)
        return GraphQLError(
            f"Unexpected error; quote reference {request_id} to the administrator.",
            nodes=error.nodes,
            path=error.path,
            extensions={"code": "INTERNAL", "requestId": request_id},
        )


def _domain_error_extensions(error: GraphQLError, language: str) -> GraphQLError:
    if isinstance(error.original_error, DomainError):
        original = error.original_error
        error.extensions = {"code": original.code, "pesan": original.message_id}
        error.message = original.message(language)
        if original.legal_basis:
            error.extensions["legalBasis"] = original.legal_basis
    return error


class Schema(strawberry.Schema):
    development = True

    def process_errors(self, errors, execution_context=None):  # type: ignore[no-untyped-def]
        document = execution_context.graphql_document if execution_context else None
        unexpected = []
        for error in errors:
            _domain_error_extensions(error, caller_language(getattr(execution_context, "context", None)))
            request_errors.classify(error, document)
            if not self.development:
                request_errors.hide_suggestions(error)
            if _expected(error):
                # The client's mistake (a refused read, an invalid value, a bad document):
                # one line at INFO, no traceback.
                request_id = getattr(getattr(execution_context, "context", None), "request_id", "-")
                log.info(
                    "refused (request %s): %s %s (%s)",
                    request_id,
                    (error.extensions or {}).get("code"),
                    error.message,
                    ".".join(map(str, error.path or [])),
                )
            else:
                unexpected.append(error)
        super().process_errors(unexpected, execution_context)


def build_schema(
    *, development: bool, max_query_cost: int = DEFAULT_MAX_COST, tracing: bool = False
) -> strawberry.Schema:
    rules = [
        *QueryDepthLimiter(max_depth=MAX_DEPTH).validation_rules,
        *MaxAliasesLimiter(max_alias_count=MAX_ALIASES).validation_rules,
    ]
    if not development:
        rules.append(NoSchemaIntrospectionCustomRule)
    schema = Schema(
        query=Query,
        mutation=Mutation,
        extensions=[
            lambda: AddValidationRules(rules),
            request_errors.NamedValueErrors,
            lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
            # Front-ends send the same documents over and over: parse and validate each once.
            # The cache key includes the rules, which is why they are built once above.
            lambda: ParserCache(maxsize=CACHED_DOCUMENTS),
            lambda: ValidationCache(maxsize=CACHED_DOCUMENTS),
            lambda: QueryCostLimiter(max_cost=max_query_cost),
            MaskUnexpectedErrors,
            QueryArgumentLimits,  # no NUL or other control character reaches a query (api.input_limits)
            *([graphql_extension()] if tracing else []),  # OpenTelemetry spans (api.tracing)
        ],
    )
    schema.development = development
    return schema
