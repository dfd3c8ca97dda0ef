"""Queries of the organisation: units and officials, and the regulation in force."""

from datetime import date

import strawberry
from strawberry.types import Info

from api.context import blocking, context
from api.organisation.types import Official, Unit, load_official, load_unit
from api.pagination import Connection, connection, decode_cursor, page_size
from api.permissions import GovernmentMember, Requires, SignedIn


@strawberry.type(description="The regulation this government's Sistem Kerja runs under (its profile).")
class Regulation:
    profile_id: str
    government: str
    title: str
    in_force_since: date = strawberry.field(
        description="When it took effect: a decision dated earlier does not cite it."
    )
    in_force_citation: str = strawberry.field(description="The article that says so.")
    in_force_note: str | None


@strawberry.type
class OrganisationQuery:
    @strawberry.field(
        description="The regulation in force for this government and since when.",
        extensions=[Requires(SignedIn())],
    )
    def regulation(self, info: Info) -> Regulation:
        p = context(info).app.profile
        return Regulation(
            profile_id=p.id,
            government=p.government,
            title=p.regulation,
            in_force_since=p.in_force.since,
            in_force_citation=p.in_force.citation,
            in_force_note=p.in_force.note,
        )

    @strawberry.field(
        description="Units in tree order (agency, then its units depth-first).",
        extensions=[Requires(GovernmentMember())],
    )
    async def organisation_tree(
        self, info: Info, first: int = 50, after: str | None = None, agency_code: str | None = None
    ) -> Connection[Unit]:
        size = page_size(first)
        rows = await blocking(
            context(info).queries.units, agency_code=agency_code, after=decode_cursor(after), limit=size + 1
        )
        return connection(rows, size, "path", Unit.from_row)

    @strawberry.field(extensions=[Requires(GovernmentMember())])
    async def unit(self, info: Info, code: str) -> Unit | None:
        return await load_unit(info, code.strip().upper())

    @strawberry.field(extensions=[Requires(GovernmentMember())])
    async def official(self, info: Info, nip: str) -> Official | None:
        return await load_official(info, nip.strip())

    @strawberry.field(
        description="The caller, with their appraiser, unit head and agency head.",
        extensions=[Requires(SignedIn())],
    )
    async def me(self, info: Info) -> Official | None:
        return await load_official(info, context(info).principal.nip)

    @strawberry.field(
        description="Officials placed in a unit (or all), by NIP.", extensions=[Requires(GovernmentMember())]
    )
    async def officials(
        self,
        info: Info,
        unit_code: str | None = None,
        appraiser_nip: str | None = None,
        first: int = 50,
        after: str | None = None,
    ) -> Connection[Official]:
        size = page_size(first)
        rows = await blocking(
            context(info).queries.officials,
            unit_code=unit_code,
            appraiser_nip=appraiser_nip,
            after=decode_cursor(after),
            limit=size + 1,
        )
        return connection(rows, size, "nip", Official.from_row)
