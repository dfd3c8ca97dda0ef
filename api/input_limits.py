"""Every mutation input, field by field, against the limits of domain.limits — before anything runs.

KINDS declares the kind of every field of every input type; tests/unit/test_limits.py fails
if a mutation input field has none. Strings are normalised to NFC in place, so the command
and the idempotency fingerprint see the normalised value.
"""

import dataclasses
from collections.abc import Iterator
from datetime import date
from typing import Any

from graphql import (
    ArgumentNode,
    DocumentNode,
    ExecutionResult,
    GraphQLError,
    ListValueNode,
    ObjectValueNode,
    StringValueNode,
    ValueNode,
    Visitor,
    visit,
)
from strawberry.extensions import SchemaExtension
from strawberry.types.graphql import OperationType
from strawberry.utils.str_converters import to_camel_case

from api.language import caller_language
from domain import limits
from domain.errors import InvalidInput
from domain.limits import (
    CODE,
    DELEGATION_END,
    DONE,
    EFFECTIVE,
    ID,
    KEY,
    LINE,
    NAME,
    NIP,
    PERIOD,
    REFERENCE,
    TEXT,
    TITLE,
    DateKind,
    TextKind,
)

NESTED = "NESTED"  # an input object (or list of them), checked by its own entry
NUMBER = "NUMBER"  # GraphQL Int: bounded by the type itself
FLAG = "FLAG"  # Boolean

Kind = TextKind | DateKind | str

_KEYED: dict[str, Kind] = {"idempotency_key": KEY}

KINDS: dict[str, dict[str, Kind]] = {
    # organisation
    "EstablishUnitInput": {
        "code": CODE,
        "name": TITLE,
        "kind": CODE,
        "head_position": CODE,
        "legal_basis": LINE,
        "parent_code": CODE,
        "structure_type": CODE,
        "unit_kerja_mandiri": FLAG,
        **_KEYED,
    },
    "DeclareStructureTypeInput": {"agency_code": CODE, "structure_type": CODE, "legal_basis": LINE, **_KEYED},
    "DeclareAgencyAffairsInput": {"agency_code": CODE, "affairs": CODE, "legal_basis": LINE, **_KEYED},
    "DeclareUnitKerjaMandiriInput": {"unit_code": CODE, "mandiri": FLAG, "legal_basis": LINE, **_KEYED},
    "DecreeInput": {"number": REFERENCE, "date": EFFECTIVE, "signed_by": TITLE},
    "RegisterOfficialInput": {
        "nip": NIP,
        "name": NAME,
        "position_type": CODE,
        "position_title": TITLE,
        "rank": CODE,
        "education": CODE,
        "legal_basis": LINE,
        "employee_type": CODE,
        "grade": CODE,
        **_KEYED,
    },
    "AppointHeadInput": {
        "unit_code": CODE,
        "nip": NIP,
        "effective_date": EFFECTIVE,
        "legal_basis": LINE,
        "decree": NESTED,
        **_KEYED,
    },
    "PlaceOfficialInput": {
        "nip": NIP,
        "unit_code": CODE,
        "appraiser_nip": NIP,
        "effective_date": EFFECTIVE,
        "decree": NESTED,
        **_KEYED,
    },
    "RecommendAppraisalInput": {"nip": NIP, "year": NUMBER, "recommendation": TEXT, **_KEYED},
    "GrantDelegationInput": {
        "grantor_nip": NIP,
        "delegate_nip": NIP,
        "valid_from": EFFECTIVE,
        "valid_until": DELEGATION_END,
        "legal_basis": LINE,
        **_KEYED,
    },
    "RevokeDelegationInput": {"grantor_nip": NIP, "delegation_id": ID, "reason": TEXT, **_KEYED},
    # assignments
    "RequestLetterInput": {"purpose": TEXT, "competencies": TEXT, "expected_target": TEXT},
    "CounterpartInput": {"government": TITLE, "tenant_side": CODE, "unit": TITLE, "tenant": CODE},
    "ExternalOfficialInput": {"nip": NIP, "name": NAME},
    "LetterRecordInput": {"reference": REFERENCE, "signatory": TITLE, "date": DONE},
    "RequestAssignmentInput": {
        "mode": CODE,
        "scope": CODE,
        "owning_unit_code": CODE,
        "work": TEXT,
        "period_start": PERIOD,
        "period_end": PERIOD,
        "official_nips": NIP,
        "official_unit_code": CODE,
        "criteria": TEXT,
        "team": FLAG,
        "request_letter": NESTED,
        "counterpart": NESTED,
        "external_officials": NESTED,
        "external_letter": NESTED,
        "plan_item_id": ID,
        **_KEYED,
    },
    "StepInput": {"assignment_id": ID, "step": NUMBER, **_KEYED},
    "DesignateUnitInput": {"assignment_id": ID, "step": NUMBER, "unit_code": CODE, **_KEYED},
    "RejectStepInput": {"assignment_id": ID, "step": NUMBER, "reason": TEXT, **_KEYED},
    "NameOfficialsInput": {"assignment_id": ID, "step": NUMBER, "nips": NIP, **_KEYED},
    "WithdrawAssignmentInput": {"assignment_id": ID, "reason": TEXT, **_KEYED},
    "RecordExternalStepInput": {
        "assignment_id": ID,
        "step": NUMBER,
        "approved": FLAG,
        "letter": NESTED,
        "reason": TEXT,
        "officials": NESTED,
        "letter_number": REFERENCE,
        **_KEYED,
    },
    "EndAssignmentInput": {"assignment_id": ID, "on": DONE, **_KEYED},
    "ConfigureOfficesInput": {
        "legal_basis": LINE,
        "setda_code": CODE,
        "personnel_agency_code": CODE,
        "pyb_nip": NIP,
        "ppk_name": NAME,
        "ppk_office": TITLE,
        **_KEYED,
    },
    # teams
    "TargetInput": {"description": LINE, "measure": LINE, "code": CODE},
    "MemberRoleInput": {"nip": NIP, "role": TITLE},
    "PlannedMemberInput": {"nip": NIP, "role": TITLE, "task": LINE},
    "ExperienceInput": {"statement": TEXT, "evidence": TEXT},
    "FormTeamInput": {
        "owning_unit": CODE,
        "scope": CODE,
        "name": TITLE,
        "tasks": LINE,
        "targets": NESTED,
        "planned_members": NESTED,
        "period_start": PERIOD,
        "period_end": PERIOD,
        "decree": NESTED,
        "letter": NESTED,
        "plan_item_id": ID,
        **_KEYED,
    },
    "ProposeTeamLeaderInput": {"team_id": ID, "nip": NIP, **_KEYED},
    "AppointTeamLeaderInput": {
        "team_id": ID,
        "nip": NIP,
        "confirm_warnings": FLAG,
        "relevant_experience": NESTED,
        "letter": NESTED,
        **_KEYED,
    },
    "AppointTeamCoordinatorInput": {
        "team_id": ID,
        "nip": NIP,
        "relevant_experience": NESTED,
        "letter": NESTED,
        **_KEYED,
    },
    "DesignateTeamLeaderPptkInput": {
        "team_id": ID,
        "nip": NIP,
        "valid_from": PERIOD,
        "valid_until": PERIOD,
        "decree": NESTED,
        **_KEYED,
    },
    "TransformationMemberInput": {"nip": NIP, "role": CODE},
    "RecordTransformationTeamInput": {"name": TITLE, "decree": NESTED, "members": NESTED, **_KEYED},
    "ProposeTeamMembersInput": {"team_id": ID, "members": NESTED, **_KEYED},
    "AdmitTeamMembersInput": {"team_id": ID, "assignment_id": ID, "roles": NESTED, **_KEYED},
    "ChangeTeamMemberRoleInput": {"team_id": ID, "nip": NIP, "role": TITLE, **_KEYED},
    "RemoveTeamMemberInput": {"team_id": ID, "nip": NIP, "reason": TEXT, **_KEYED},
    "DissolveTeamInput": {"team_id": ID, "on": DONE, "reason": TEXT, **_KEYED},
    # reporting and escalation
    "ProgressInput": {"target": LINE, "progress": LINE},
    "SubmitReportInput": {
        "subject_id": ID,
        "period": CODE,
        "text": TEXT,
        "progress": NESTED,
        "attachments": LINE,
        "in_reply_to": ID,
        **_KEYED,
    },
    "ForwardReportInput": {"report_id": ID, "note": TEXT, **_KEYED},
    "RequestReportInput": {"official_nip": NIP, "subject_id": ID, "about": TEXT, **_KEYED},
    "PerformanceResultInput": {"target": LINE, "result": LINE},
    "ReportMemberPerformanceInput": {
        "team_id": ID,
        "period": CODE,
        "nip": NIP,
        "contribution": TEXT,
        "results": NESTED,
        **_KEYED,
    },
    "RaiseEscalationInput": {
        "subject_id": ID,
        "problems": TEXT,
        "alternatives": LINE,
        "other_units": CODE,
        **_KEYED,
    },
    "DecideEscalationInput": {
        "escalation_id": ID,
        "unit_code": CODE,
        "decision": TEXT,
        "reason": TEXT,
        "choice": CODE,
        **_KEYED,
    },
    # evaluation
    "ResultInput": {"target": LINE, "achieved": LINE, "note": TEXT},
    "SubmitResultsInput": {
        "subject_id": ID,
        "summary": TEXT,
        "results": NESTED,
        "attachments": LINE,
        **_KEYED,
    },
    "ReviewResultsInput": {"subject_id": ID, "level": NUMBER, "note": TEXT, **_KEYED},
    # work plans and PK targets
    "PkTargetInput": {"code": CODE, "description": LINE, "indicator": LINE, "target": LINE},
    "PkDocumentInput": {"number": REFERENCE, "date": EFFECTIVE, "signed_by": TITLE},
    "RecordPkTargetsInput": {
        "agency_code": CODE,
        "year": NUMBER,
        "targets": NESTED,
        "document": NESTED,
        "reason": TEXT,
        **_KEYED,
    },
    "PlanItemInput": {
        "id": ID,
        "code": CODE,
        "description": LINE,
        "indicator": LINE,
        "target": LINE,
        "pk_target_id": ID,
        "budget_activity": LINE,
    },
    "FixWorkPlanInput": {"unit_code": CODE, "year": NUMBER, "items": NESTED, **_KEYED},
    "AmendWorkPlanInput": {"plan_id": ID, "reason": TEXT, "items": NESTED, **_KEYED},
    "ReturnResultsInput": {"subject_id": ID, "level": NUMBER, "notes": TEXT, **_KEYED},
    # performance management
    "AgreedResultInput": {"rhk": LINE, "indicator": LINE, "target": LINE},
    "RecordExpectationsInput": {
        "subject_id": ID,
        "nip": NIP,
        "results": NESTED,
        "expectations": TEXT,
        **_KEYED,
    },
    "AgreeExpectationsInput": {"subject_id": ID, **_KEYED},
    "BreakdownItemInput": {"activity": LINE, "target": LINE, "member_nip": NIP},
    "RecordWorkBreakdownInput": {"team_id": ID, "items": NESTED, **_KEYED},
    "IndividualPlanItemInput": {"activity": LINE, "target": LINE},
    "RecordIndividualPlanInput": {"team_id": ID, "items": NESTED, **_KEYED},
    "GiveFeedbackInput": {"subject_id": ID, "receiver_nip": NIP, "text": TEXT, "result": LINE, **_KEYED},
}


def checked_command(input_object: Any, args: tuple, kwargs: dict) -> tuple[tuple, dict]:
    """Check the mutation's input; return the command's arguments with their text in NFC (the
    resolver built them from the input before the check)."""
    check_input(input_object)
    return limits.nfc(args), limits.nfc(kwargs)


def graphql_name(input_object: Any) -> str:
    definition = getattr(type(input_object), "__strawberry_definition__", None)
    return definition.name if definition else type(input_object).__name__


def check_input(input_object: Any, path: str = "") -> None:
    """Refuse (InvalidInput naming the field) or normalise, field by field, recursively."""
    type_name = graphql_name(input_object)
    declared = KINDS.get(type_name)
    if declared is None:  # a new input type nobody declared: refuse rather than let it through
        raise LookupError(f"{type_name} has no declared limits (api.input_limits.KINDS)")
    for field in dataclasses.fields(input_object):
        value = getattr(input_object, field.name)
        if value is None:
            continue
        name = f"{path}{to_camel_case(field.name)}"
        kind = declared[field.name]
        setattr(input_object, field.name, _checked(value, kind, name))


def _checked(value: Any, kind: Kind, name: str) -> Any:
    if isinstance(value, list):
        limits.items(value, name)
        return [_checked(item, kind, f"{name}[{i}]") for i, item in enumerate(value)]
    if kind == NESTED:
        check_input(value, f"{name}.")
        return value
    if isinstance(kind, TextKind):
        return limits.text(value, kind, name)
    if isinstance(kind, DateKind) and isinstance(value, date):
        return limits.day(value, kind, name)
    return value


def query_id(value: str | None, field: str) -> str | None:
    """A query's id argument: a malformed one is INVALID_ID, as in every mutation (None: not given)."""
    return None if value is None else limits.text(value, ID, field)


# Queries: their arguments are few and mostly codes and NIPs, but a NUL in any of them reaches
# PostgreSQL ("text fields cannot contain NUL") and came back INTERNAL. Every string a query
# carries (literal or variable) is checked once per request, before it runs.
_QUERY_TEXT = limits.TextKind(
    "QUERY_ARGUMENT", 2000, multiline=True, what_en="printable text", what_id="teks yang dapat dicetak"
)


def _strings(value: Any, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, f"{path}.{key}" if path else key)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _strings(item, f"{path}[{i}]")


class _Arguments(Visitor):
    """Collects the string literals of every argument in a document."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str]] = []

    def enter_argument(self, node: ArgumentNode, *_: Any) -> None:
        self.found.extend((node.name.value, value) for value in _string_nodes(node.value))


def _literal_strings(document: DocumentNode) -> list[tuple[str, str]]:
    collector = _Arguments()
    visit(document, collector)
    return collector.found


def _string_nodes(node: ValueNode) -> Iterator[str]:
    if isinstance(node, StringValueNode):
        yield node.value
    elif isinstance(node, ListValueNode):
        for item in node.values:
            yield from _string_nodes(item)
    elif isinstance(node, ObjectValueNode):
        for field in node.fields:
            yield from _string_nodes(field.value)


class QueryArgumentLimits(SchemaExtension):
    """Refuses a query whose arguments carry control or format characters (INVALID_VALUE, naming
    the argument or variable); mutations are checked field by field in `once` instead."""

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        if context.graphql_document is not None and context.operation_type is OperationType.QUERY:
            try:
                for name, value in [
                    *_strings(context.variables or {}, ""),
                    *_literal_strings(context.graphql_document),
                ]:
                    limits.text(value.replace("\t", " "), _QUERY_TEXT, name)
            except InvalidInput as error:
                context.result = ExecutionResult(
                    data=None,
                    errors=[
                        GraphQLError(
                            error.message(caller_language(context.context)),
                            extensions={
                                "code": error.code,
                                "pesan": error.message_id,
                                "field": error.details.get("field"),
                            },
                        )
                    ],
                )
        yield
