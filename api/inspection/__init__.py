"""Inspection over GraphQL: the decision ledger, history, and the organisation as of an instant."""

from api.inspection.queries import InspectionQuery

__all__ = ["InspectionQuery"]
