"""The GraphQL enums: the domain's own enums, exposed under their names, so front-ends can
generate exhaustive types (issue 9 part 5). Read-model rows hold the values as text; strawberry
serialises such text by value, so the types below take either."""

import strawberry

from domain.assignment_lifecycle import AssignmentStatus
from domain.decision import CapacityKind
from domain.escalation import EscalationStatus
from domain.evaluation import EvaluationAction, EvaluationStatus
from domain.official import DelegationAuthority
from domain.positions import Education, EmployeeType, Grade, PositionType, UnitKind
from domain.profile import Action, Mode, Role, Scope
from domain.report import ReportLineKind, ReportRequestStatus, SubjectKind
from domain.routes import TenantSide
from domain.team import TeamStatus

AssignmentMode = strawberry.enum(
    Mode, name="AssignmentMode", description="APPOINTMENT (penunjukan) or VOLUNTARY (pengajuan sukarela)."
)
WorkScope = strawberry.enum(
    Scope,
    name="WorkScope",
    description="Within a unit, across units, agencies (Perangkat Daerah) or governments.",
)
RouteRole = strawberry.enum(
    Role, name="RouteRole", description="A role relative to the request, as the profiles name it."
)
StepAction = strawberry.enum(Action, name="StepAction", description="What a route step does.")
AssignmentState = strawberry.enum(AssignmentStatus, name="AssignmentStatus")
TeamState = strawberry.enum(TeamStatus, name="TeamStatus")
EscalationState = strawberry.enum(EscalationStatus, name="EscalationStatus")
EvaluationState = strawberry.enum(
    EvaluationStatus,
    name="EvaluationStatus",
    description="IN_PROGRESS (also when returned for rework), UNDER_REVIEW, COMPLETE.",
)
ReportRequestState = strawberry.enum(ReportRequestStatus, name="ReportRequestStatus")
ReportLine = strawberry.enum(
    ReportLineKind,
    name="ReportLine",
    description="MEMBER to the leader, LEADER up, INDIVIDUAL work up, ON_REQUEST "
    "(answering a request), FORWARDED one tier up.",
)
WorkSubjectKind = strawberry.enum(
    SubjectKind, name="SubjectKind", description="A team's work or an individual assignment."
)
EvaluationStepAction = strawberry.enum(EvaluationAction, name="EvaluationAction")
TenantSideType = strawberry.enum(
    TenantSide, name="TenantSide", description="This government's side of a cross-institution request."
)
CapacityKindType = strawberry.enum(
    CapacityKind,
    name="CapacityKind",
    description="Why the actor was (or is) entitled to act: ADMIN, POSITION, "
    "DELEGATION, SELF or EXTERNAL_LETTER (recorded from a letter).",
)
UnitKindType = strawberry.enum(
    UnitKind, name="UnitKind", description="The kind of a Perangkat Daerah or of a unit inside one."
)
PositionTypeType = strawberry.enum(
    PositionType,
    name="PositionType",
    description="JPT Pratama, Administrator, Pengawas, Fungsional or Pelaksana.",
)
GradeType = strawberry.enum(Grade, name="Grade", description="A functional position's grade (jenjang).")
EmployeeTypeType = strawberry.enum(EmployeeType, name="EmployeeType", description="PNS or PPPK.")
EducationType = strawberry.enum(Education, name="Education", description="Highest education completed.")
DelegationAuthorityType = strawberry.enum(
    DelegationAuthority,
    name="DelegationAuthority",
    description="The authority delegated: today only the appraiser's.",
)
