"""Teams over GraphQL: queries, mutations, their inputs and types."""

from api.teams.mutations import TeamMutation
from api.teams.queries import TeamQuery

__all__ = ["TeamMutation", "TeamQuery"]
