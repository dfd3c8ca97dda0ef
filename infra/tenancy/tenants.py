"""The tenants one process serves (api.tenancy.Tenancy): each tenant's System built on first use
and kept, over one connection pool (PostgreSQL), followed by one background thread."""

from __future__ import annotations

import threading
import time
from typing import TYPE_CHECKING

from api.auth import AuthenticationError
from api.tenancy import Served
from infra.bootstrap import System, build
from infra.crossing.directory import Directory
from infra.crossing.relay import Relay, RelayThread
from infra.settings import Settings
from infra.tenancy.follow import TenantsFollower
from infra.tenancy.pool import shared_pool
from infra.tenancy.registry import Registry, Tenant

if TYPE_CHECKING:
    from psycopg_pool import ConnectionPool

# Seconds a registry row is trusted before it is read again: how long a disabled tenant may still
# be served by a process that had it.
REGISTRY_REFRESH = 5.0


def tenant_settings(settings: Settings, registry: Registry, tenant: Tenant) -> Settings:
    """The deployment's settings, narrowed to one tenant: its store, profile, time zone, letterhead."""
    return settings.model_copy(
        update={
            "database_url": registry.database_url_of(tenant),
            "db_schema": tenant.schema,
            "profile": tenant.profile,
            "time_zone": tenant.time_zone,
            "letterhead": tenant.letterhead,
            "tenant": tenant.id,
        }
    )


def current_settings(settings: Settings | None = None) -> Settings:
    """For the command-line tools: the settings as given, or with many tenants those of the tenant
    SISTEMKERJA_TENANT names (SystemExit with the reason if it names none that is active)."""
    settings = settings or Settings()
    if not settings.multi_tenant:
        return settings
    if not settings.tenant:
        raise SystemExit("SISTEMKERJA_MULTI_TENANT is on: name the tenant with SISTEMKERJA_TENANT")
    registry = Registry(settings.database_url)
    tenant = registry.get(settings.tenant)
    if tenant is None or not tenant.active:
        raise SystemExit(f"no active tenant {settings.tenant!r} (sistemkerja tenants list)")
    return tenant_settings(settings, registry, tenant)


class Tenants:
    def __init__(self, settings: Settings, registry: Registry | None = None):
        self.settings = settings
        self.registry = registry or Registry(settings.database_url)
        self.pool: ConnectionPool | None = (
            None
            if self.registry.dialect == "sqlite"
            else shared_pool(self.registry.conninfo, settings.pool_size)
        )
        self._systems: dict[str, System] = {}
        self._entries: dict[str, tuple[Tenant | None, float]] = {}
        self._lock = threading.Lock()
        self.follower = TenantsFollower(
            self,
            interval=settings.follow_interval_seconds,
            conninfo=None if self.registry.dialect == "sqlite" else self.registry.conninfo,
        )
        self.relay = RelayThread(Relay(self, built_only=True), interval=settings.follow_interval_seconds)

    def add(self, tenant: Tenant) -> Tenant:
        """Register the tenant and create its tables (one process, before any worker serves it)."""
        added = self.registry.add(tenant)
        build(tenant_settings(self.settings, self.registry, added), migrate=True).close()
        return added

    def _entry(self, tenant_id: str) -> Tenant:
        entry, read_at = self._entries.get(tenant_id, (None, 0.0))
        if entry is None or time.monotonic() - read_at > REGISTRY_REFRESH:
            entry = self.registry.get(tenant_id)
            self._entries[tenant_id] = (entry, time.monotonic())
        if entry is None:
            raise AuthenticationError("unknown_tenant", tenant=tenant_id)
        if not entry.active:
            raise AuthenticationError("tenant_disabled", tenant=tenant_id)
        return entry

    def _served(self, tenant_id: str, system: System) -> Served:
        return Served(tenant_id, system.app, system.store, system)

    def built(self, tenant_id: str) -> Served | None:
        system = self._systems.get(tenant_id)
        entry, read_at = self._entries.get(tenant_id, (None, 0.0))
        if (
            system is None
            or entry is None
            or not entry.active
            or time.monotonic() - read_at > REGISTRY_REFRESH
        ):
            return None
        return self._served(tenant_id, system)

    def serve(self, tenant_id: str) -> Served:
        entry = self._entry(tenant_id)
        with self._lock:
            system = self._systems.get(tenant_id)
            if system is None:
                system = build(
                    tenant_settings(self.settings, self.registry, entry), migrate=False, pool=self.pool
                )
                system.app.others.connect(Directory(self, tenant_id))  # native routes (ADR 0010)
                self._systems[tenant_id] = system
        return self._served(tenant_id, system)

    def served(self) -> list[Served]:
        return [self._served(tenant_id, system) for tenant_id, system in list(self._systems.items())]

    def system(self, tenant_id: str) -> System:
        """The tenant's System (infra.crossing's Directory)."""
        served = self.serve(tenant_id)
        assert served.system is not None
        return served.system

    def follow(self) -> None:
        """The background threads of a server process: the read models' follower and the
        cross-tenant relay (infra.crossing)."""
        if self.settings.follow_events:
            self.follower.start()
            self.relay.start()

    def close(self) -> None:
        self.relay.stop()
        self.follower.stop()
        for system in self._systems.values():
            system.close()
        self._systems.clear()
        if self.pool is not None:
            self.pool.close()
