"""The other governments on the same platform, as a request of this tenant may name them
(docs/adr/0010-native-cross-tenant-routes.md). The application asks; infra.crossing answers from
the tenant registry. With one tenant there is no other: `NoOtherTenants`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from domain.errors import InvalidInput
from domain.profile import Profile


@dataclass(frozen=True)
class OtherTenant:
    id: str
    government: str
    profile: Profile


class OtherTenants(Protocol):
    def counterpart(self, tenant_id: str) -> OtherTenant:
        """The active tenant of that id; InvalidInput COUNTERPART_TENANT_INVALID (self, unknown,
        disabled, one_tenant) otherwise."""

    def has_unit(self, tenant_id: str, unit_code: str) -> bool:
        """Whether that tenant's organisation has the unit (its SOTK is public: a Perda)."""


class NoOtherTenants:
    def counterpart(self, tenant_id: str) -> OtherTenant:
        raise InvalidInput("COUNTERPART_TENANT_INVALID", case="one_tenant", tenant=tenant_id)

    def has_unit(self, tenant_id: str, unit_code: str) -> bool:
        return False


class Others:
    """The slot the handlers are bound to; a multi-tenant deployment connects its directory."""

    def __init__(self) -> None:
        self.directory: OtherTenants = NoOtherTenants()

    def connect(self, directory: OtherTenants) -> None:
        self.directory = directory

    def counterpart(self, tenant_id: str) -> OtherTenant:
        return self.directory.counterpart(tenant_id)

    def has_unit(self, tenant_id: str, unit_code: str) -> bool:
        return self.directory.has_unit(tenant_id, unit_code)
