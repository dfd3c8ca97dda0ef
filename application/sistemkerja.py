"""The application: every command of the system, grouped by feature."""

from application.assignment import AssignmentCommands
from application.escalation import EscalationCommands
from application.evaluation import EvaluationCommands
from application.idempotency import Idempotency
from application.organisation import OrganisationCommands
from application.placement import PlacementCommands


class SistemKerja(OrganisationCommands, PlacementCommands, AssignmentCommands, Idempotency,
                 EscalationCommands, EvaluationCommands):
    """One local government's Sistem Kerja (one tenant, one regulation profile)."""
