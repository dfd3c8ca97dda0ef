"""The application: every command of the system, grouped by feature."""

from application.organisation import OrganisationCommands
from application.placement import PlacementCommands


class SistemKerja(OrganisationCommands, PlacementCommands):
    """One local government's Sistem Kerja (one tenant, one regulation profile)."""
