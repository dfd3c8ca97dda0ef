"""Fields with a closed set of values are GraphQL enums, with the domain's values (issue 9
part 5): a front-end generating its types from schema.graphql gets exhaustive ones."""

import pytest
from graphql import GraphQLEnumType, get_named_type

from api.schema import build_schema
from domain.assignment_lifecycle import AssignmentStatus
from domain.decision import CapacityKind
from domain.escalation import EscalationStatus
from domain.evaluation import EvaluationStatus
from domain.profile import Action, Mode, Role, Scope
from domain.report import ReportRequestStatus
from domain.team import TeamStatus

ENUM_FIELDS = [
    ("Assignment", "mode", Mode),
    ("Assignment", "scope", Scope),
    ("Assignment", "status", AssignmentStatus),
    ("RouteStep", "role", Role),
    ("RouteStep", "action", Action),
    ("RouteCopy", "role", Role),
    ("LetterCopy", "role", Role),
    ("StepRecord", "role", Role),
    ("StepRecord", "action", Action),
    ("Team", "scope", Scope),
    ("Team", "status", TeamStatus),
    ("Escalation", "status", EscalationStatus),
    ("Evaluation", "status", EvaluationStatus),
    ("ReportRequest", "status", ReportRequestStatus),
    ("Capacity", "kind", CapacityKind),
    ("StepRecord", "capacityKind", CapacityKind),
    ("StepHolder", "via", CapacityKind),
    ("Assignment", "via", CapacityKind),
    ("EvaluationStep", "capacityKind", CapacityKind),
    ("HistoryEntry", "capacityKind", CapacityKind),
]


@pytest.mark.parametrize(
    ("type_name", "field", "domain_enum"), ENUM_FIELDS, ids=[f"{t}.{f}" for t, f, _ in ENUM_FIELDS]
)
def test_a_closed_set_of_values_is_an_enum_with_the_domains_values(type_name, field, domain_enum):
    schema = build_schema(development=False)._schema
    graphql_type = get_named_type(schema.get_type(type_name).fields[field].type)
    assert isinstance(graphql_type, GraphQLEnumType)
    assert set(graphql_type.values) == {member.name for member in domain_enum}
