"""The organisation over GraphQL: units, officials, placement, delegation."""

from api.organisation.mutations import OrganisationMutation
from api.organisation.queries import OrganisationQuery

__all__ = ["OrganisationMutation", "OrganisationQuery"]
