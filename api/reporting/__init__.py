"""Reporting and escalation: queries, and mutations run through the decision pipeline."""

from api.reporting.mutations import ReportingMutation
from api.reporting.queries import ReportingQuery

__all__ = ["ReportingMutation", "ReportingQuery"]
