"""OrganisationUnit: an agency (Perangkat Daerah) or a unit inside one, and who heads it."""

from typing import Any

from eventsourcing.domain import Aggregate, event

from domain.ids import unit_id


class OrganisationUnit(Aggregate):
    @staticmethod
    def create_id(code: str, **_: Any):
        return unit_id(code)

    @event("Established")
    def __init__(
        self,
        code: str,
        name: str,
        kind: str,
        level: int,
        head_position: str,
        parent_code: str | None,
        ancestors: list[str],
        decision: dict,
    ):
        self.code = code
        self.name = name
        self.kind = kind
        self.level = level
        self.head_position = head_position
        self.parent_code = parent_code
        # Codes from the agency down to the parent; units are never re-parented, so the path
        # fixed at establishment answers "is X above Y" and "which agency" without walking.
        self.ancestors = ancestors
        self.head_nip: str | None = None
        # For an agency: how many structural levels (JPT, Administrator, Pengawas) it has; the
        # regulations place officials differently by it (placement rules' when.agency_levels).
        self.structure_levels = 1

    @event("StructureDeepened")
    def deepen_structure(self, levels: int, decision: dict) -> None:
        self.structure_levels = levels

    @property
    def agency_code(self) -> str:
        return self.ancestors[0] if self.ancestors else self.code

    @property
    def is_agency(self) -> bool:
        return self.parent_code is None

    def is_at_or_below(self, code: str) -> bool:
        return code == self.code or code in self.ancestors

    @event("HeadAppointed")
    def appoint_head(self, nip: str, previous_nip: str | None, decision: dict) -> None:
        self.head_nip = nip

    @event("HeadVacated")
    def vacate_head(self, nip: str, decision: dict) -> None:
        self.head_nip = None
