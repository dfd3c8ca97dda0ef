"""Assignments (penugasan) over GraphQL: inputs, types, mutations, queries."""

from api.assignments.mutations import AssignmentMutation
from api.assignments.queries import AssignmentQuery

__all__ = ["AssignmentMutation", "AssignmentQuery"]
