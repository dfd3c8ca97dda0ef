"""Queries of assignments: one request, lists by status and unit, inboxes, workloads, offices."""

from datetime import date

import strawberry
from strawberry.types import Info

from api.assignments.types import Assignment, Offices, queries
from api.context import blocking, context
from api.enums import AssignmentState
from api.input_limits import query_id
from api.pagination import Connection, connection, decode_cursor, page_size
from api.permissions import (
    AssignmentParticipant,
    GovernmentMember,
    Oversight,
    Requires,
    SelfOrLine,
    SignedIn,
    UnitLine,
)


@strawberry.type
class AssignmentQuery:
    @strawberry.field(
        description="The offices configured for this government, if any.",
        extensions=[Requires(GovernmentMember())],
    )
    async def offices(self, info: Info) -> Offices | None:
        row = await blocking(queries(info).offices)
        return Offices.from_row(row) if row else None

    @strawberry.field(extensions=[Requires(AssignmentParticipant())])
    async def assignment(self, info: Info, id: strawberry.ID) -> Assignment | None:
        row = await blocking(queries(info).assignment, query_id(str(id), "id"))
        return Assignment.from_row(row) if row else None

    @strawberry.field(
        description="Requests in the order made, by status and unit (officials: a unit they head).",
        extensions=[Requires(UnitLine())],
    )
    async def assignments(
        self,
        info: Info,
        status: AssignmentState | None = None,
        unit_code: str | None = None,
        first: int = 50,
        after: str | None = None,
    ) -> Connection[Assignment]:
        size = page_size(first)
        rows = await blocking(
            queries(info).assignments,
            status=status,
            unit_code=unit_code,
            after=decode_cursor(after),
            limit=size + 1,
        )
        return connection(rows, size, "position", Assignment.from_row)

    @strawberry.field(
        description="Open steps waiting for the caller, as holder of the role or as a delegate.",
        extensions=[Requires(SignedIn())],
    )
    async def my_inbox(self, info: Info, first: int = 50, after: str | None = None) -> Connection[Assignment]:
        size = page_size(first)
        rows = await blocking(
            queries(info).inbox,
            context(info).principal.nip,
            date.today(),
            after=decode_cursor(after),
            limit=size + 1,
        )
        return connection(rows, size, "position", Assignment.from_row)

    @strawberry.field(
        description="Open steps the administrator records from a letter (other government, PPK).",
        extensions=[Requires(Oversight())],
    )
    async def awaiting_letters(
        self, info: Info, first: int = 50, after: str | None = None
    ) -> Connection[Assignment]:
        size = page_size(first)
        rows = await blocking(queries(info).awaiting_letters, after=decode_cursor(after), limit=size + 1)
        return connection(rows, size, "position", Assignment.from_row)

    @strawberry.field(description="Requests the caller made.", extensions=[Requires(SignedIn())])
    async def my_requests(
        self, info: Info, first: int = 50, after: str | None = None
    ) -> Connection[Assignment]:
        size = page_size(first)
        rows = await blocking(
            queries(info).outgoing, context(info).principal.nip, after=decode_cursor(after), limit=size + 1
        )
        return connection(rows, size, "position", Assignment.from_row)

    @strawberry.field(
        description="An official's assignments in force (letter issued, not ended).",
        extensions=[Requires(SelfOrLine())],
    )
    async def workload(self, info: Info, nip: str) -> list[Assignment]:
        rows = await blocking(queries(info).workload, nip.strip())
        return [Assignment.from_row(row) for row in rows]
