"""The evidence of a year: the dossier per official and period, the e-Kinerja export, dashboards."""

from api.evidence.queries import EvidenceQuery

__all__ = ["EvidenceQuery"]
