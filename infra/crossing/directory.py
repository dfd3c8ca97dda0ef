"""The other tenants of the platform, as one tenant's requests may name them (application.crossing)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from application.crossing import OtherTenant
from domain.errors import InvalidInput
from domain.ids import unit_id
from domain.profile import load_profile

if TYPE_CHECKING:
    from infra.tenancy.tenants import Tenants


class Directory:
    def __init__(self, tenants: Tenants, own: str):
        self.tenants, self.own = tenants, own

    def counterpart(self, tenant_id: str) -> OtherTenant:
        if tenant_id == self.own:
            raise InvalidInput("COUNTERPART_TENANT_INVALID", case="self", tenant=tenant_id)
        tenant = self.tenants.registry.get(tenant_id)
        if tenant is None:
            raise InvalidInput("COUNTERPART_TENANT_INVALID", case="unknown", tenant=tenant_id)
        if not tenant.active:
            raise InvalidInput("COUNTERPART_TENANT_INVALID", case="disabled", tenant=tenant_id)
        return OtherTenant(tenant.id, tenant.government, load_profile(tenant.profile))

    def has_unit(self, tenant_id: str, unit_code: str) -> bool:
        return self.tenants.system(tenant_id).app.repo.exists(unit_id(unit_code))
