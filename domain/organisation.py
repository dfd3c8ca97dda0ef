"""OrganisationUnit: an agency (Perangkat Daerah) or a unit inside one, and who heads it."""

from enum import Enum
from typing import Any

from eventsourcing.domain import Aggregate, event

from domain.ids import unit_id


class StructureType(str, Enum):
    """An agency's number of structural levels, as its SOTK declares it (the placement rules'
    `when.structure_types` read it; their citations give the articles). Declared, not counted from
    the units: a "1 (satu) level struktur" Dinas still has a Sekretaris and a Kasubbag."""

    ONE_LEVEL = "ONE_LEVEL"
    TWO_LEVELS = "TWO_LEVELS"
    MORE_THAN_TWO_LEVELS = "MORE_THAN_TWO_LEVELS"


class GovernmentAffair(str, Enum):
    """An urusan pemerintahan an agency carries out, as its SOTK states it, where a profile rule
    depends on it (e.g. teams.coordinator.agency_affair). Extended when a profile names another."""

    INVESTMENT = "INVESTMENT"  # urusan pemerintahan bidang penanaman modal


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
        # For an agency: its structure type as declared with its legal basis (StructureType); the
        # placement rules' when.structure_types read it. None until declared.
        self.structure_type: str | None = None
        # A "unit kerja mandiri": only the head of one may be a Pejabat Fungsional appraiser where
        # the profile says so (placement.fungsional_appraiser_mandiri, with its citation).
        self.unit_kerja_mandiri = False
        # For an agency: the government affairs (GovernmentAffair) it declared it carries out.
        self.affairs: list[str] = []

    @event("StructureDeepened")
    def deepen_structure(self, levels: int, decision: dict) -> None:
        """Recorded before structure types were declared (counted from the units); kept so those
        streams replay. Nothing reads the count any more."""

    @event("StructureTypeDeclared")
    def declare_structure_type(self, structure_type: str, decision: dict) -> None:
        self.structure_type = structure_type

    @event("UnitKerjaMandiriDeclared")
    def declare_unit_kerja_mandiri(self, mandiri: bool, decision: dict) -> None:
        self.unit_kerja_mandiri = mandiri

    @event("AffairsDeclared")
    def declare_affairs(self, affairs: list[str], decision: dict) -> None:
        self.affairs = list(affairs)

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
