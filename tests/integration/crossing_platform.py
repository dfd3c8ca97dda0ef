"""Two governments on one platform for the native cross-tenant route tests (ADR 0010): Kabupaten
Banjarnegara and Kabupaten Pemalang as two tenants, each with the route tests' world (agencies A
and B, a Setda whose head is Sekda and PyB, officials placed in A.U1.S1), on either store."""

import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date

import psycopg
from psycopg import sql

from application.commands.assignments import RequestAssignment
from application.principal import Principal
from infra.settings import Settings
from infra.tenancy.registry import Tenant, new_tenant
from infra.tenancy.tenants import Tenants
from tests.integration.assignment_walk import ADMIN, REQUEST_LETTER
from tests.support import World, build_world

SECRET = "test-secret-of-at-least-32-bytes-long"


@dataclass
class Platform:
    settings: Settings
    tenants: Tenants
    bn: Tenant  # Banjarnegara: requests
    pm: Tenant  # Pemalang: its official is requested
    bn_world: World
    pm_world: World

    @property
    def bn_app(self):
        return self.tenants.system(self.bn.id).app

    @property
    def pm_app(self):
        return self.tenants.system(self.pm.id).app

    def request(self, **counterpart) -> RequestAssignment:
        """Banjarnegara's unit A.U2 asks Pemalang for an official of its unit A.U1.S1."""
        return RequestAssignment(
            mode="APPOINTMENT",
            scope="CROSS_INSTITUTION",
            owning_unit_code="A.U2",
            work="Penyusunan peta stunting",
            period_start=date(2025, 1, 1),
            period_end=date(2025, 6, 30),
            request_letter=REQUEST_LETTER,
            criteria="Pelaksana dengan keahlian analisis data",
            counterpart={
                "government": "Pemalang",
                "tenant_side": "OWNING",
                "tenant": self.pm.id,
                "unit": self.pm_world.a.subunit,
            }
            | counterpart,
        )

    @property
    def ids(self) -> set[str]:
        """The relay of a test reads these two only: other tests' tenants share the database."""
        return {self.bn.id, self.pm.id}

    @property
    def requester(self) -> Principal:
        return Principal(nip=self.bn_world.heads["A.U2"])


@contextmanager
def platform(url: str, **overrides):
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
    bn = tenants.add(new_tenant(f"bn-{suffix}", "banjarnegara-2024", schema=f"bn_{suffix}"))
    pm = tenants.add(new_tenant(f"pm-{suffix}", "pemalang-2023", schema=f"pm_{suffix}"))
    try:
        worlds = [build_world(tenants.system(t.id).app, ADMIN) for t in (bn, pm)]
        yield Platform(settings, tenants, bn, pm, *worlds)
    finally:
        tenants.close()
        if not settings.is_sqlite:
            with psycopg.connect(url, autocommit=True) as conn:
                for tenant in (bn, pm):
                    conn.execute(
                        sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(tenant.schema))
                    )
                ids = [bn.id, pm.id]
                conn.execute("DELETE FROM platform.tenants WHERE id = ANY(%s)", (ids,))
                conn.execute("DELETE FROM platform.crossing_cursors WHERE tenant = ANY(%s)", (ids,))
