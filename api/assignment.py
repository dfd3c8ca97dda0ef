"""Queries and mutations of assignments (penugasan). Every mutation takes one input with an
optional `idempotencyKey` and answers `AssignmentSuccess | CommandError`."""

import dataclasses
from datetime import date
from typing import Annotated, Any
from uuid import UUID

import strawberry
from strawberry.types import Info

from api.assignment_inputs import (
    ConfigureOfficesInput, EndAssignmentInput, NameOfficialsInput, RecordExternalStepInput, RejectStepInput,
    RequestAssignmentInput, StepInput, WithdrawAssignmentInput,
)
from api.assignment_types import Assignment, queries
from api.context import blocking, context
from api.enums import AssignmentState
from api.errors import CommandError, command_error
from api.idempotency import once
from api.input_limits import query_id
from api.pagination import Connection, connection, decode_cursor, page_size
from api.permissions import AssignmentParticipant, GovernmentMember, Oversight, Requires, SelfOrLine, SignedIn, UnitLine
from domain.assignment import Assignment as AssignmentAggregate
from domain.errors import DomainError


@strawberry.type
class AssignmentSuccess:
    assignment: Assignment


@strawberry.type(description="Offices the organisation tree cannot tell.")
class Offices:
    setda_code: str | None
    personnel_agency_code: str | None
    pyb_nip: str | None
    ppk_nip: str | None


AssignmentResult = Annotated[AssignmentSuccess | CommandError, strawberry.union("AssignmentResult")]
OfficesResult = Annotated[Offices | CommandError, strawberry.union("OfficesResult")]


def _offices(aggregate: Any) -> Offices | None:
    if aggregate is None:
        return None
    return Offices(setda_code=aggregate.setda_code, personnel_agency_code=aggregate.personnel_agency_code,
                   pyb_nip=aggregate.pyb_nip, ppk_nip=aggregate.ppk_nip)


def _plain(value: Any) -> Any:
    return dataclasses.asdict(value) if dataclasses.is_dataclass(value) else value


async def _run(info: Info, input: Any, fn, *args: Any, **kwargs: Any) -> AssignmentSuccess | CommandError:
    app = context(info).app

    def replay(ids: list[str]) -> AssignmentAggregate:
        return next(a for a in map(lambda i: app.repository.get(UUID(i)), ids) if isinstance(a, AssignmentAggregate))

    try:
        result = await once(info, input, replay, fn, context(info).principal, *args, **kwargs)
    except DomainError as error:
        return command_error(error)
    row = await blocking(queries(info).assignment, str(result.id))
    return AssignmentSuccess(assignment=Assignment.from_row(row))


@strawberry.type
class AssignmentMutation:
    @strawberry.mutation(description="Open a request along the route the regulation prescribes (step 1).")
    async def request_assignment(self, info: Info, input: RequestAssignmentInput) -> AssignmentResult:
        app = context(info).app
        return await _run(
            info, input, app.request_assignment, mode=input.mode, scope=input.scope,
            owning_unit_code=input.owning_unit_code, work=input.work, period_start=input.period_start,
            period_end=input.period_end, official_nips=input.official_nips, official_unit_code=input.official_unit_code,
            criteria=input.criteria, team=input.team, request_letter=_plain(input.request_letter),
            counterpart=_plain(input.counterpart), external_officials=[_plain(o) for o in input.external_officials or []],
            external_letter=_plain(input.external_letter))

    @strawberry.mutation(description="Approve, recommend or propose: the open step, by whoever holds it now.")
    async def approve_step(self, info: Info, input: StepInput) -> AssignmentResult:
        return await _run(info, input, context(info).app.approve_step, input.assignment_id, step=input.step)

    @strawberry.mutation(description="Refuse the open step with the reason why; ends the request.")
    async def reject_step(self, info: Info, input: RejectStepInput) -> AssignmentResult:
        return await _run(info, input, context(info).app.reject_step, input.assignment_id, step=input.step,
                          reason=input.reason)

    @strawberry.mutation(description="The target side names the officials who fit the request.")
    async def name_officials(self, info: Info, input: NameOfficialsInput) -> AssignmentResult:
        return await _run(info, input, context(info).app.name_officials, input.assignment_id, step=input.step,
                          nips=input.nips)

    @strawberry.mutation(description="Issue the assignment letter / fix the assignment (numbered, with copies).")
    async def issue_letter(self, info: Info, input: StepInput) -> AssignmentResult:
        return await _run(info, input, context(info).app.issue_letter, input.assignment_id, step=input.step)

    @strawberry.mutation(description="The official accepts the assignment.")
    async def accept_assignment(self, info: Info, input: StepInput) -> AssignmentResult:
        return await _run(info, input, context(info).app.accept_assignment, input.assignment_id, step=input.step)

    @strawberry.mutation(description="The requester withdraws a request not yet fixed.")
    async def withdraw_assignment(self, info: Info, input: WithdrawAssignmentInput) -> AssignmentResult:
        return await _run(info, input, context(info).app.withdraw_assignment, input.assignment_id, reason=input.reason)

    @strawberry.mutation(description="Administrator: record a step taken by letter (another government, the PPK).")
    async def record_external_step(self, info: Info, input: RecordExternalStepInput) -> AssignmentResult:
        return await _run(info, input, context(info).app.record_external_step, input.assignment_id, step=input.step,
                          approved=input.approved, letter=_plain(input.letter), reason=input.reason,
                          officials=[_plain(o) for o in input.officials or []], letter_number=input.letter_number)

    @strawberry.mutation(description="Administrator: end an assignment whose period has run out.")
    async def end_assignment(self, info: Info, input: EndAssignmentInput) -> AssignmentResult:
        return await _run(info, input, context(info).app.end_assignment, input.assignment_id, on=input.on)

    @strawberry.mutation(description="Administrator: which agency is the Setda, the personnel agency, the PyB and PPK.")
    async def configure_offices(self, info: Info, input: ConfigureOfficesInput) -> OfficesResult:
        ctx = context(info)
        try:
            offices = await once(info, input, lambda ids: ctx.app.offices(), ctx.app.configure_offices, ctx.principal,
                                 legal_basis=input.legal_basis, setda_code=input.setda_code,
                                 personnel_agency_code=input.personnel_agency_code, pyb_nip=input.pyb_nip,
                                 ppk_nip=input.ppk_nip)
        except DomainError as error:
            return command_error(error)
        return _offices(offices)


@strawberry.type
class AssignmentQuery:
    @strawberry.field(description="The offices configured for this government, if any.", extensions=[Requires(GovernmentMember())])
    async def offices(self, info: Info) -> Offices | None:
        row = await blocking(queries(info).offices)
        if not row:
            return None
        return Offices(setda_code=row["setda_code"], personnel_agency_code=row["personnel_agency_code"],
                       pyb_nip=row["pyb_nip"], ppk_nip=row["ppk_nip"])

    @strawberry.field(extensions=[Requires(AssignmentParticipant())])
    async def assignment(self, info: Info, id: strawberry.ID) -> Assignment | None:
        row = await blocking(queries(info).assignment, query_id(str(id), "id"))
        return Assignment.from_row(row) if row else None

    @strawberry.field(description="Requests in the order made, by status and unit (officials: a unit they head).",
                      extensions=[Requires(UnitLine())])
    async def assignments(self, info: Info, status: AssignmentState | None = None, unit_code: str | None = None,
                          first: int = 50, after: str | None = None) -> Connection[Assignment]:
        size = page_size(first)
        rows = await blocking(queries(info).assignments, status=status, unit_code=unit_code,
                              after=decode_cursor(after), limit=size + 1)
        return connection(rows, size, "position", Assignment.from_row)

    @strawberry.field(description="Open steps waiting for the caller, as holder of the role or as a delegate.",
                      extensions=[Requires(SignedIn())])
    async def my_inbox(self, info: Info, first: int = 50, after: str | None = None) -> Connection[Assignment]:
        size = page_size(first)
        rows = await blocking(queries(info).inbox, context(info).principal.nip, date.today(),
                              after=decode_cursor(after), limit=size + 1)
        return connection(rows, size, "position", Assignment.from_row)

    @strawberry.field(description="Open steps the administrator records from a letter (other government, PPK).",
                      extensions=[Requires(Oversight())])
    async def awaiting_letters(self, info: Info, first: int = 50, after: str | None = None) -> Connection[Assignment]:
        size = page_size(first)
        rows = await blocking(queries(info).awaiting_letters, after=decode_cursor(after), limit=size + 1)
        return connection(rows, size, "position", Assignment.from_row)

    @strawberry.field(description="Requests the caller made.", extensions=[Requires(SignedIn())])
    async def my_requests(self, info: Info, first: int = 50, after: str | None = None) -> Connection[Assignment]:
        size = page_size(first)
        rows = await blocking(queries(info).outgoing, context(info).principal.nip,
                              after=decode_cursor(after), limit=size + 1)
        return connection(rows, size, "position", Assignment.from_row)

    @strawberry.field(description="An official's assignments in force (letter issued, not ended).",
                      extensions=[Requires(SelfOrLine())])
    async def workload(self, info: Info, nip: str) -> list[Assignment]:
        rows = await blocking(queries(info).workload, nip.strip())
        return [Assignment.from_row(row) for row in rows]
