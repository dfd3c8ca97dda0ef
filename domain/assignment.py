"""Assignment (penugasan): a request that walks its route, step by step, to an assignment letter.

Every step names the step number it takes, so two officials racing on the same step produce
the same next version and the store keeps exactly one of them. The aggregate guards the order
of steps; who may take a step is the application's question (application.roles).
"""

from typing import Any
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate, event

from domain.assignment_lifecycle import FIXED, PENDING, Standing, evolve
from domain.errors import Conflict
from domain.ids import _NAMESPACE
from domain.official import DelegationAuthority
from domain.routes import next_step

OFFICES_ID = uuid5(_NAMESPACE, "government-offices")
APPRAISER_AUTHORITY = DelegationAuthority.APPRAISER.value  # the only delegable authority


class Assignment(Aggregate):
    @event("Requested")
    def __init__(
        self,
        mode: str,
        scope: str,
        route_citation: str,
        steps: list[dict],
        letter: dict,
        owning_unit: str,
        official_unit: str,
        counterpart: dict | None,
        officials: list[dict],
        criteria: str | None,
        team: bool,
        work: str,
        request_letter: dict | None,
        period_start: str,
        period_end: str,
        requester_nip: str,
        decision: dict,
        plan_item_id: str | None = None,
    ):
        self.mode, self.scope, self.route_citation = mode, scope, route_citation
        self.steps = steps  # [{role, action, citation}] as in force when requested
        self.letter_rule = letter  # {issued_at_step, copies: [role], citation}
        self.owning_unit, self.official_unit, self.counterpart = owning_unit, official_unit, counterpart
        self.officials = officials  # [{nip, name}]
        self.criteria, self.team, self.work = criteria, team, work
        self.request_letter = request_letter
        self.period_start, self.period_end = period_start, period_end
        self.requester_nip = requester_nip
        self.plan_item_id = plan_item_id  # the work-plan item it serves (None before it was kept)
        self.status = PENDING
        self.done = 1  # the request is step 1
        self.accepted: list[str] = []
        self.letter: dict | None = None

    @classmethod
    def mirror(cls, assignment_id: UUID, **fields: Any) -> "Assignment":
        """Another tenant's request of a native cross-tenant route, opened here under its own id
        (docs/adr/0010-native-cross-tenant-routes.md): the same Requested event as any request."""
        requested = cls.Requested  # type: ignore[attr-defined]  # made by @event("Requested")
        return cls._create(requested, id=assignment_id, **fields)

    # --- where the request stands ----------------------------------------------------------

    @property
    def other_tenant(self) -> str | None:
        """The other tenant of a native cross-tenant route (ADR 0010), else None."""
        return (self.counterpart or {}).get("tenant")

    @property
    def tenant_side(self) -> str | None:
        return self.counterpart["tenant_side"] if self.counterpart else None

    @property
    def current(self) -> tuple[int, dict] | None:
        return next_step(self.steps, self.done) if self.status in (PENDING, FIXED) else None

    def expect_step(self, step: int) -> dict:
        """The step about to be taken must be the current one (else someone was faster)."""
        current = self.current
        if current is None or current[0] != step:
            where = f"step {current[0]}" if current else f"status {self.status}"
            raise Conflict("STEP_ALREADY_TAKEN", step=step, status=self.status, where=where)
        return current[1]

    # --- events ----------------------------------------------------------------------------

    @event("StepApproved")
    def approve(
        self, step: int, role: str, action: str, decision: dict, official_unit: str | None = None
    ) -> None:
        """`official_unit`: the unit the step's holder designated (a step that `designates_unit`);
        the later official-side roles resolve against it."""
        if official_unit:
            self.official_unit = official_unit
        self._evolve("StepApproved", step=step)

    @event("OfficialsNamed")
    def name_officials(self, step: int, role: str, officials: list[dict], decision: dict) -> None:
        self.officials = officials
        self._evolve("OfficialsNamed", step=step)

    @event("LetterIssued")
    def issue_letter(
        self,
        step: int,
        role: str,
        action: str,
        number: str,
        issued_on: str,
        copies: list[dict],
        decision: dict,
    ) -> None:
        self.letter = {
            "number": number,
            "issued_on": issued_on,
            "copies": copies,
            "issuer_nip": decision["actor_nip"],
        }
        self._evolve("LetterIssued", step=step)

    @event("Accepted")
    def accept(self, step: int, nip: str, decision: dict) -> None:
        self.accepted = [*self.accepted, nip]
        self._evolve("Accepted", step=step, nip=nip)

    @event("StepRejected")
    def reject(self, step: int, role: str, action: str, decision: dict) -> None:
        self._evolve("StepRejected")

    @event("Withdrawn")
    def withdraw(self, decision: dict) -> None:
        self._evolve("Withdrawn")

    @event("Ended")
    def end(self, on: str, decision: dict) -> None:
        self._evolve("Ended")

    def _evolve(self, event_name: str, **facts: Any) -> None:
        """Status and steps taken after the event, by the one lifecycle (domain.assignment_lifecycle)."""
        standing = evolve(
            Standing(self.status, self.done, frozenset(self.accepted)),
            event_name,
            total=len(self.steps),
            officials=[o["nip"] for o in self.officials],
            **facts,
        )
        self.status, self.done = standing.status, standing.done

    def summary(self) -> dict[str, Any]:
        current = self.current
        return {"id": str(self.id), "status": self.status, "step": current[0] if current else None}


class LetterRegister(Aggregate):
    """The outgoing-letter register of one unit for one year: its version is the letter's
    sequence number, so two letters issued at once cannot take the same number."""

    @staticmethod
    def create_id(unit_code: str, year: int, **_: Any):
        return uuid5(_NAMESPACE, f"letters:{unit_code}:{year}")

    @event("Opened")
    def __init__(self, unit_code: str, year: int):
        self.unit_code, self.year = unit_code, year
        self.last = 0

    @event("Numbered")
    def number(self, seq: int, assignment_id: str) -> None:
        self.last = seq


class GovernmentOffices(Aggregate):
    """The tenant's offices that are not a unit's headship: one stream per tenant."""

    @staticmethod
    def create_id(**_: object):
        return OFFICES_ID

    @event("Configured")
    def __init__(self, decision: dict):
        self.setda_code: str | None = None
        self.personnel_agency_code: str | None = None
        self.pyb_nip: str | None = None
        self.ppk_name: str | None = None
        self.ppk_office: str | None = None

    @event("Changed")
    def change(
        self,
        setda_code: str | None,
        personnel_agency_code: str | None,
        pyb_nip: str | None,
        decision: dict,
        ppk_name: str | None = None,
        ppk_office: str | None = None,
        ppk_nip: str | None = None,
    ) -> None:
        """The PPK (Bupati / Wali Kota) is named with his office, never by a NIP: `ppk_nip` is only
        in events recorded before that (docs/adr/0008-the-ppk-has-no-nip.md) and is not read."""
        self.setda_code, self.personnel_agency_code = setda_code, personnel_agency_code
        self.pyb_nip, self.ppk_name, self.ppk_office = pyb_nip, ppk_name, ppk_office
