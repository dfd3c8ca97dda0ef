"""The history views (ADR 0011): each event of a unit, an official, a delegation, an assignment
or a team changes its subject's rows on both axes (projections.asof.bitemporal). The state kept
follows the aggregate's own event methods, so a full replay of the events gives the same answer
(tests/integration/test_asof_property.py)."""

from typing import Any

from eventsourcing.persistence import Notification

from domain.assignment import Assignment
from domain.assignment_lifecycle import Standing, evolve
from domain.official import Official
from domain.organisation import OrganisationUnit
from domain.team import Team, status_after
from projections.asof import rectangle
from projections.asof.bitemporal import History, Work, effective, recorded
from projections.engine.dispatch import eventmethod
from projections.engine.store import Cursor

UNITS = History("unit_history", "id", ("code", "agency_code", "path"))
OFFICIALS = History("official_history", "id", ("nip",))
DELEGATIONS = History("delegation_history", "delegation_id", ("grantor_nip", "delegate_nip"))
ASSIGNMENTS = History("assignment_history", "id")
TEAMS = History("team_history", "id")

DDL = [
    UNITS.ddl(" code TEXT NOT NULL, agency_code TEXT NOT NULL, path TEXT NOT NULL,"),
    "CREATE INDEX IF NOT EXISTS unit_history_agency ON unit_history (agency_code, recorded_from)",
    OFFICIALS.ddl(" nip TEXT NOT NULL,"),
    DELEGATIONS.ddl(" grantor_nip TEXT NOT NULL, delegate_nip TEXT NOT NULL,"),
    "CREATE INDEX IF NOT EXISTS delegation_history_delegate ON delegation_history (delegate_nip)",
    "CREATE INDEX IF NOT EXISTS delegation_history_grantor ON delegation_history (grantor_nip)",
    ASSIGNMENTS.ddl(),
    TEAMS.ddl(),
]


def _id(event: Any) -> str:
    return str(event.originator_id)


def _at(event: Any) -> str:
    return recorded(event.timestamp)


class Works(dict):
    """The `Work` of each history table for one batch, made on first use."""

    def __init__(self, cursor: Cursor):
        super().__init__()
        self.cursor = cursor

    def __missing__(self, history: History) -> Work:
        self[history] = work = Work(history, self.cursor)
        return work


def _subject(event: Any) -> tuple[History, str] | None:
    """The table and key an event reads first, so a batch loads them in one statement each."""
    aggregate = type(event).__qualname__.split(".")[0]
    if isinstance(event, Official.DelegationRevoked):
        return DELEGATIONS, event.delegation_id
    table = {"OrganisationUnit": UNITS, "Official": OFFICIALS, "Assignment": ASSIGNMENTS, "Team": TEAMS}
    return (table[aggregate], _id(event)) if aggregate in table else None


class AsOfHistoryView:
    tables = ["team_history", "assignment_history", "delegation_history", "official_history", "unit_history"]
    replay_cost = 9.0  # seconds of a 100k-event replay (bench.rebuild): groups the rebuild's processes
    ddl = DDL
    postgres_ddl = [rectangle.index("unit_history")]  # the whole tree as of a point (rectangle.py)

    def apply(self, cursor: Cursor, event: Any, notification: Notification) -> None:
        self.apply_batch(cursor, [(event, notification)])

    def apply_batch(self, cursor: Cursor, items: list[tuple[Any, Notification]]) -> None:
        """Set at a time: each table's rows read once per batch and written once (bitemporal.Work)."""
        work = Works(cursor)
        keys: dict[History, set[str]] = {}
        for event, _ in items:
            if (subject := _subject(event)) is not None:
                keys.setdefault(subject[0], set()).add(subject[1])
        for history, wanted in keys.items():
            work[history].load(wanted)
        for event, _ in items:
            self.on(event, work)
        for table in work.values():
            table.flush()

    def _set(self, history: History, work: Works, event: Any, key: str | None = None, **facts: Any) -> None:
        work[history].change(key or _id(event), _at(event), effective(event), lambda s: {**s, **facts})

    @eventmethod
    def on(self, event: Any, work: Works) -> None:
        """Events of other aggregates, and facts no as-of query asks about, change nothing here."""

    # --- units: existence, name, kind, level, parent (fixed at establishment) and head ------------

    @on.register
    def _(self, event: OrganisationUnit.Established, work: Works) -> None:
        state = {
            "name": event.name,
            "kind": event.kind,
            "level": event.level,
            "parent_code": event.parent_code,
            "head_nip": None,
        }
        work[UNITS].begin(
            _id(event),
            _at(event),
            effective(event, since_ever=True),
            state,
            code=event.code,
            agency_code=event.ancestors[0] if event.ancestors else event.code,
            path="/" + "/".join([*event.ancestors, event.code]) + "/",
        )

    @on.register
    def _(self, event: OrganisationUnit.HeadAppointed, work: Works) -> None:
        self._set(UNITS, work, event, head_nip=event.nip)

    @on.register
    def _(self, event: OrganisationUnit.HeadVacated, work: Works) -> None:
        self._set(UNITS, work, event, head_nip=None)

    # --- officials: position, headship, placement (unit, appraiser) ---------------------------------

    @on.register
    def _(self, event: Official.Registered, work: Works) -> None:
        state = {
            "name": event.name,
            "position_type": event.position_type,
            "head_of": None,
            "unit_code": None,
            "appraiser_nip": None,
            "placed_since": None,
        }
        work[OFFICIALS].begin(_id(event), _at(event), effective(event, since_ever=True), state, nip=event.nip)

    @on.register
    def _(self, event: Official.HeadshipAssumed, work: Works) -> None:
        self._set(OFFICIALS, work, event, head_of=event.unit_code)

    @on.register
    def _(self, event: Official.HeadshipEnded, work: Works) -> None:
        self._set(OFFICIALS, work, event, head_of=None)  # as the aggregate does

    @on.register
    def _(self, event: Official.Placed, work: Works) -> None:
        since = event.decision.get("effective_date")
        self._set(
            OFFICIALS,
            work,
            event,
            unit_code=event.unit_code,
            appraiser_nip=event.appraiser_nip,
            placed_since=since,
        )

    # --- delegations: held from their grant (their validity period dates them), until revoked -------

    @on.register
    def _(self, event: Official.DelegationGranted, work: Works) -> None:
        # The grantor's NIP, from this view's own rows (the event names only the aggregate).
        rows = work[OFFICIALS].rows(_id(event))
        grantor = rows[0]["nip"] if rows else ""
        state = {
            "authority": event.authority,
            "valid_from": event.valid_from,
            "valid_until": event.valid_until,
            "revoked": False,
        }
        work[DELEGATIONS].begin(
            event.delegation_id,
            _at(event),
            effective(event, since_ever=True),
            state,
            grantor_nip=grantor,
            delegate_nip=event.delegate_nip,
        )

    @on.register
    def _(self, event: Official.DelegationRevoked, work: Works) -> None:
        self._set(DELEGATIONS, work, event, key=event.delegation_id, revoked=True)

    # --- assignments: status, steps taken, officials --------------------------------------------------

    @on.register
    def _(self, event: Assignment.Requested, work: Works) -> None:
        state = {
            "status": Standing().status,
            "done": Standing().done,
            "total": len(event.steps),
            "accepted": [],
            "officials": event.officials,
            "owning_unit": event.owning_unit,
            "official_unit": event.official_unit,
            "letter_number": None,
        }
        work[ASSIGNMENTS].begin(_id(event), _at(event), effective(event), state)

    def _evolve(self, event: Any, work: Works, **more: Any) -> None:
        name = type(event).__name__
        facts = {k: getattr(event, k) for k in ("step", "nip") if hasattr(event, k)}

        def change(state: dict[str, Any]) -> dict[str, Any]:
            state = {**state, **more}
            standing = evolve(
                Standing(state["status"], state["done"], frozenset(state["accepted"])),
                name,
                total=state["total"],
                officials=[o["nip"] for o in state["officials"]],
                **facts,
            )
            return {
                **state,
                "status": standing.status,
                "done": standing.done,
                "accepted": sorted(standing.accepted),
            }

        work[ASSIGNMENTS].change(_id(event), _at(event), effective(event), change)

    @on.register
    def _(self, event: Assignment.StepApproved, work: Works) -> None:
        self._evolve(event, work, **({"official_unit": event.official_unit} if event.official_unit else {}))

    @on.register
    def _(self, event: Assignment.OfficialsNamed, work: Works) -> None:
        self._evolve(event, work, officials=event.officials)

    @on.register
    def _(self, event: Assignment.LetterIssued, work: Works) -> None:
        self._evolve(event, work, letter_number=event.number)

    @on.register
    def _(self, event: Assignment.Accepted, work: Works) -> None:
        self._evolve(event, work)

    @on.register
    def _(self, event: Assignment.StepRejected, work: Works) -> None:
        self._evolve(event, work)

    @on.register
    def _(self, event: Assignment.Withdrawn, work: Works) -> None:
        self._evolve(event, work)

    @on.register
    def _(self, event: Assignment.Ended, work: Works) -> None:
        self._evolve(event, work)

    # --- teams: status, head, members -----------------------------------------------------------

    @on.register
    def _(self, event: Team.Formed, work: Works) -> None:
        state = {
            "name": event.name,
            "owning_unit": event.unit_code,
            "status": status_after("Formed"),
            "leader_nip": None,
            "head_title": None,
            "members": {},
        }
        work[TEAMS].begin(_id(event), _at(event), effective(event), state)

    def _team(self, event: Any, work: Works, change: Any) -> None:
        work[TEAMS].change(_id(event), _at(event), effective(event), change)

    @on.register
    def _(self, event: Team.LeaderAppointed, work: Works) -> None:
        self._team(event, work, lambda s: {**s, "leader_nip": event.nip, "head_title": "KETUA_TIM"})

    @on.register
    def _(self, event: Team.CoordinatorAppointed, work: Works) -> None:
        self._team(event, work, lambda s: {**s, "leader_nip": event.nip, "head_title": "KOORDINATOR"})

    @on.register
    def _(self, event: Team.MemberJoined, work: Works) -> None:
        member = {"role": event.role, "unit_code": event.member_unit}
        self._team(event, work, lambda s: {**s, "members": {**s["members"], event.nip: member}})

    @on.register
    def _(self, event: Team.MemberRoleChanged, work: Works) -> None:
        def change(s: dict[str, Any]) -> dict[str, Any]:
            if event.nip not in s["members"]:
                return s
            return {
                **s,
                "members": {**s["members"], event.nip: {**s["members"][event.nip], "role": event.role}},
            }

        self._team(event, work, change)

    @on.register
    def _(self, event: Team.MemberLeft, work: Works) -> None:
        def change(s: dict[str, Any]) -> dict[str, Any]:
            members = {k: v for k, v in s["members"].items() if k != event.nip}
            if s["leader_nip"] == event.nip:
                return {**s, "members": members, "leader_nip": None, "head_title": None}
            return {**s, "members": members}

        self._team(event, work, change)

    @on.register
    def _(self, event: Team.Dissolved, work: Works) -> None:
        self._team(event, work, lambda s: {**s, "status": status_after("Dissolved", s["status"])})
