"""Who is calling: the NIP in the bearer token and the tenant roles it carries."""

from dataclasses import dataclass, field

ADMIN_ROLE = "admin"  # the tenant's organisation division / personnel agency (Bagian Organisasi, BKPSDM)


@dataclass(frozen=True)
class Principal:
    nip: str
    roles: frozenset[str] = field(default_factory=frozenset)
    tenant: str = ""  # the government the token is for (its `tenant` claim)

    @property
    def is_admin(self) -> bool:
        return ADMIN_ROLE in self.roles
