"""Two governments on one platform for the native cross-tenant route tests (ADR 0010): the owning
government (it requests; Kabupaten Banjarnegara unless told) and the official's (its official is
requested; Kabupaten Pemalang unless told) as two tenants, each with the route tests' world
(agencies A and B, a Setda whose head is Sekda and PyB, officials placed in A.U1.S1), on either
store."""

import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date

import psycopg
from psycopg import sql

from application.commands.assignments import RequestAssignment
from application.principal import Principal
from domain.profile import Mode, Role, Scope, load_profile
from infra.settings import Settings
from infra.tenancy.registry import Tenant, new_tenant
from infra.tenancy.tenants import Tenants
from tests.integration.assignment_walk import ADMIN, REQUEST_LETTER
from tests.support import World, build_world

SECRET = "test-secret-of-at-least-32-bytes-long"
OWNING_UNIT = "A.U2"


@dataclass
class Platform:
    settings: Settings
    tenants: Tenants
    owner: Tenant  # requests
    official: Tenant  # its official is requested
    own_world: World
    their_world: World

    @property
    def own_app(self):
        return self.tenants.system(self.owner.id).app

    @property
    def their_app(self):
        return self.tenants.system(self.official.id).app

    def request(self, mode: str = "APPOINTMENT", **counterpart) -> RequestAssignment:
        """The owner's unit A.U2 asks the other government for an official of its unit A.U1.S1."""
        return RequestAssignment(
            mode=mode,
            scope="CROSS_INSTITUTION",
            owning_unit_code=OWNING_UNIT,
            work="Penyusunan peta stunting",
            period_start=date(2025, 1, 1),
            period_end=date(2025, 6, 30),
            request_letter=REQUEST_LETTER,
            criteria="Pelaksana dengan keahlian analisis data",
            counterpart={
                "government": self.official.government,
                "tenant_side": "OWNING",
                "tenant": self.official.id,
                "unit": self.their_world.a.subunit,
            }
            | counterpart,
        )

    @property
    def ids(self) -> set[str]:
        """The relay of a test reads these two only: other tests' tenants share the database."""
        return {self.owner.id, self.official.id}

    @property
    def requester(self) -> Principal:
        """Who takes step 1 in the owner's regulation: the owning unit's head, or its agency's
        (Perbup Pemalang Pasal 11 ayat (5) huruf a)."""
        route = load_profile(self.owner.profile).assignment.route(Mode.APPOINTMENT, Scope.CROSS_INSTITUTION)
        first = route.steps[0].role if route else Role.OWNING_UNIT_HEAD
        unit = OWNING_UNIT if first is Role.OWNING_UNIT_HEAD else OWNING_UNIT.split(".")[0]
        return Principal(nip=self.own_world.heads[unit])

    # The default pair's names, as bench.crossing reads them (Banjarnegara asks Pemalang).
    bn = property(lambda self: self.owner)
    pm = property(lambda self: self.official)
    bn_app = property(lambda self: self.own_app)
    pm_app = property(lambda self: self.their_app)
    bn_world = property(lambda self: self.own_world)
    pm_world = property(lambda self: self.their_world)


@contextmanager
def platform(url: str, owner: str = "banjarnegara-2024", official: str = "pemalang-2023", **overrides):
    settings = Settings(
        database_url=url,
        multi_tenant=True,
        jwt_secret=SECRET,
        follow_interval_seconds=0.2,
        pool_size=3,
        **overrides,
    )
    suffix = uuid.uuid4().hex[:8]
    tenants = Tenants(settings)
    made = [
        tenants.add(new_tenant(f"{tag}-{suffix}", profile, schema=f"{tag}_{suffix}"))
        for tag, profile in (("own", owner), ("their", official))
    ]
    try:
        worlds = [build_world(tenants.system(t.id).app, ADMIN) for t in made]
        yield Platform(settings, tenants, *made, *worlds)
    finally:
        tenants.close()
        if not settings.is_sqlite:
            with psycopg.connect(url, autocommit=True) as conn:
                for tenant in made:
                    conn.execute(
                        sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(tenant.schema))
                    )
                ids = [t.id for t in made]
                conn.execute("DELETE FROM platform.tenants WHERE id = ANY(%s)", (ids,))
                conn.execute("DELETE FROM platform.crossing_cursors WHERE tenant = ANY(%s)", (ids,))
