"""Official: a PNS or PPPK employee, their position, the unit they head, their placement
under an appraiser (kedudukan) and the authority they delegated.

One aggregate per person because every decision about a person (placing, assigning,
appraising) needs their current state, and an official's history is what the inspectorate asks
for. Delegations live on the grantor: "may X act for appraiser Y now?" loads Y.
"""

from enum import Enum
from typing import Any

from eventsourcing.domain import Aggregate, event

from domain.ids import official_id


class DelegationAuthority(str, Enum):
    """What an official may delegate ("pendelegasian wewenang"): the appraiser's authority."""

    APPRAISER = "APPRAISER"


class Official(Aggregate):
    @staticmethod
    def create_id(nip: str, **_: Any):
        return official_id(nip)

    @event("Registered")
    def __init__(
        self,
        nip: str,
        employee_type: str,
        name: str,
        position_type: str,
        position_title: str,
        grade: str | None,
        rank: str,
        education: str,
        decision: dict,
    ):
        self.nip = nip
        self.employee_type = employee_type
        self.name = name
        self.position_type = position_type
        self.position_title = position_title
        self.grade = grade
        self.rank = rank
        self.education = education
        self.head_of: str | None = None  # code of the unit this official heads
        self.placement: dict | None = None  # {unit_code, appraiser_nip, effective_date, decree}
        self.delegations: dict[str, dict] = {}  # granted by this official, by id

    @event("HeadshipAssumed")
    def assume_headship(self, unit_code: str, decision: dict) -> None:
        self.head_of = unit_code

    @event("HeadshipEnded")
    def end_headship(self, unit_code: str, decision: dict) -> None:
        self.head_of = None

    @event("Placed")
    def place(self, unit_code: str, appraiser_nip: str, previous: dict | None, decision: dict) -> None:
        self.placement = {
            "unit_code": unit_code,
            "appraiser_nip": appraiser_nip,
            "effective_date": decision.get("effective_date"),
            "decree": decision.get("decree"),  # the SK it rests on, where the administrator gave it
        }

    @event("AppraisalRecommended")
    def recommend_appraisal(self, year: int, unit_code: str, recommendation: str, decision: dict) -> None:
        """The placement unit's head's recommendation for appraising this official (the profile's
        placement.appraisal_recommendation); kept in the read model, not in the aggregate."""

    @event("DelegationGranted")
    def grant_delegation(
        self,
        delegation_id: str,
        delegate_nip: str,
        authority: str,
        valid_from: str,
        valid_until: str,
        decision: dict,
    ) -> None:
        self.delegations[delegation_id] = {
            "delegation_id": delegation_id,
            "delegate_nip": delegate_nip,
            "authority": authority,
            "valid_from": valid_from,
            "valid_until": valid_until,
            "revoked": False,
        }

    @event("DelegationRevoked")
    def revoke_delegation(self, delegation_id: str, decision: dict) -> None:
        self.delegations[delegation_id]["revoked"] = True
