"""Mutations of assignments (penugasan): each runs its command through the pipeline
(api.commands.run) and answers the assignment, or the offices, read back from the read model."""

from typing import Annotated

import strawberry
from strawberry.types import Info

from api.assignments.inputs import (
    ConfigureOfficesInput,
    DesignateUnitInput,
    EndAssignmentInput,
    NameOfficialsInput,
    RecordExternalStepInput,
    RejectStepInput,
    RequestAssignmentInput,
    StepInput,
    WithdrawAssignmentInput,
)
from api.assignments.types import Assignment, Offices, queries
from api.commands import run
from api.context import blocking
from api.errors import CommandError
from application.commands.assignments import (
    AcceptAssignment,
    ApproveStep,
    ConfigureOffices,
    DesignateUnit,
    EndAssignment,
    IssueLetter,
    NameOfficials,
    RecordExternalStep,
    RejectStep,
    RequestAssignment,
    WithdrawAssignment,
)


@strawberry.type
class AssignmentSuccess:
    assignment: Assignment


AssignmentResult = Annotated[AssignmentSuccess | CommandError, strawberry.union("AssignmentResult")]
OfficesResult = Annotated[Offices | CommandError, strawberry.union("OfficesResult")]


async def _assignment(info: Info, assignment_id: str) -> AssignmentSuccess:
    row = await blocking(queries(info).assignment, assignment_id)
    return AssignmentSuccess(assignment=Assignment.from_row(row))


async def _offices(info: Info, _: str) -> Offices:
    return Offices.from_row(await blocking(queries(info).offices))


@strawberry.type
class AssignmentMutation:
    @strawberry.mutation(description="Open a request along the route the regulation prescribes (step 1).")
    async def request_assignment(self, info: Info, input: RequestAssignmentInput) -> AssignmentResult:
        return await run(info, RequestAssignment, input, _assignment)

    @strawberry.mutation(description="Approve, recommend or propose: the open step, by whoever holds it now.")
    async def approve_step(self, info: Info, input: StepInput) -> AssignmentResult:
        return await run(info, ApproveStep, input, _assignment)

    @strawberry.mutation(
        description="Approve a step that designates the unit whose appraiser goes on, naming that unit."
    )
    async def designate_unit(self, info: Info, input: DesignateUnitInput) -> AssignmentResult:
        return await run(info, DesignateUnit, input, _assignment)

    @strawberry.mutation(description="Refuse the open step with the reason why; ends the request.")
    async def reject_step(self, info: Info, input: RejectStepInput) -> AssignmentResult:
        return await run(info, RejectStep, input, _assignment)

    @strawberry.mutation(description="The target side names the officials who fit the request.")
    async def name_officials(self, info: Info, input: NameOfficialsInput) -> AssignmentResult:
        return await run(info, NameOfficials, input, _assignment)

    @strawberry.mutation(
        description="Issue the assignment letter / fix the assignment (numbered, with copies)."
    )
    async def issue_letter(self, info: Info, input: StepInput) -> AssignmentResult:
        return await run(info, IssueLetter, input, _assignment)

    @strawberry.mutation(description="The official accepts the assignment.")
    async def accept_assignment(self, info: Info, input: StepInput) -> AssignmentResult:
        return await run(info, AcceptAssignment, input, _assignment)

    @strawberry.mutation(description="The requester withdraws a request not yet fixed.")
    async def withdraw_assignment(self, info: Info, input: WithdrawAssignmentInput) -> AssignmentResult:
        return await run(info, WithdrawAssignment, input, _assignment)

    @strawberry.mutation(
        description="Administrator: record a step taken by letter (another government, the PPK)."
    )
    async def record_external_step(self, info: Info, input: RecordExternalStepInput) -> AssignmentResult:
        return await run(info, RecordExternalStep, input, _assignment)

    @strawberry.mutation(description="Administrator: end an assignment whose period has run out.")
    async def end_assignment(self, info: Info, input: EndAssignmentInput) -> AssignmentResult:
        return await run(info, EndAssignment, input, _assignment)

    @strawberry.mutation(
        description="Administrator: which agency is the Setda, the personnel agency, the PyB and PPK."
    )
    async def configure_offices(self, info: Info, input: ConfigureOfficesInput) -> OfficesResult:
        return await run(info, ConfigureOffices, input, _offices)
