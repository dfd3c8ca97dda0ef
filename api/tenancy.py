"""Which government a request is served for. The token names its tenant; a Tenancy gives that
tenant's application and read models. One deployment serves one government (OneTenant, today's
settings) or many (infra.tenancy.tenants.Tenants, the registry)."""

from dataclasses import dataclass
from typing import Any, Protocol

from api.auth import AuthenticationError
from application.sistemkerja import SistemKerja
from projections.engine.store import ViewStore


@dataclass(frozen=True)
class Served:
    tenant: str
    app: SistemKerja
    store: ViewStore
    system: Any = None  # infra.bootstrap.System, for the routes that need more (GET /verify)


class Tenancy(Protocol):
    def serve(self, tenant: str) -> Served:
        """The tenant's system, built if needed; AuthenticationError if it is not served here."""

    def built(self, tenant: str) -> Served | None:
        """The tenant's system if it is built and may be served, without blocking; else None."""

    def served(self) -> list[Served]:
        """The tenants built so far (GET /ready, /metrics)."""


class OneTenant:
    """One government, the one the settings describe (the token's tenant is checked on decoding)."""

    def __init__(self, tenant: str, app: SistemKerja, store: ViewStore, system: Any = None):
        self.tenant = tenant
        self._served = Served(tenant, app, store, system)

    def serve(self, tenant: str) -> Served:
        if tenant != self.tenant:
            raise AuthenticationError("other_tenant", tenant=tenant, expected=self.tenant)
        return self._served

    def built(self, tenant: str) -> Served | None:
        return self.serve(tenant)

    def served(self) -> list[Served]:
        return [self._served]
