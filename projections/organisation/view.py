"""Read models of the organisation: the unit tree with heads, the officials directory with each
official's current placement, the placement history, delegations, and the unit heads'
recommendations for appraisal."""

from typing import Any

from eventsourcing.persistence import Notification

from domain.official import Official
from domain.organisation import OrganisationUnit
from projections.engine.dispatch import eventmethod
from projections.engine.store import Cursor

DDL = [
    "CREATE TABLE IF NOT EXISTS units ("
    " code TEXT PRIMARY KEY, id TEXT NOT NULL UNIQUE, name TEXT NOT NULL, kind TEXT NOT NULL,"
    " level INTEGER NOT NULL, head_position TEXT NOT NULL, parent_code TEXT, agency_code TEXT NOT NULL,"
    " path TEXT NOT NULL, head_nip TEXT, head_since TEXT,"
    " head_decree_number TEXT, head_decree_date TEXT, head_decree_signed_by TEXT,"
    " structure_type TEXT, unit_kerja_mandiri INTEGER NOT NULL DEFAULT 0,"
    " established_at TEXT NOT NULL, legal_basis TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS units_parent ON units (parent_code, code)",
    "CREATE TABLE IF NOT EXISTS officials ("
    " nip TEXT PRIMARY KEY, id TEXT NOT NULL UNIQUE, employee_type TEXT NOT NULL, name TEXT NOT NULL,"
    " position_type TEXT NOT NULL, position_title TEXT NOT NULL, grade TEXT, rank TEXT NOT NULL,"
    " education TEXT NOT NULL, head_of TEXT, unit_code TEXT, appraiser_nip TEXT,"
    " placed_since TEXT, registered_at TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS officials_unit ON officials (unit_code, nip)",
    "CREATE INDEX IF NOT EXISTS officials_appraiser ON officials (appraiser_nip, nip)",
    "CREATE TABLE IF NOT EXISTS placement_history ("
    " nip TEXT NOT NULL, version INTEGER NOT NULL, unit_code TEXT NOT NULL, appraiser_nip TEXT NOT NULL,"
    " effective_date TEXT, recorded_at TEXT NOT NULL, actor_nip TEXT NOT NULL, legal_basis TEXT NOT NULL,"
    " decree_number TEXT, decree_date TEXT, decree_signed_by TEXT, PRIMARY KEY (nip, version))",
    "CREATE TABLE IF NOT EXISTS delegations ("
    " delegation_id TEXT PRIMARY KEY, grantor_nip TEXT NOT NULL, delegate_nip TEXT NOT NULL,"
    " authority TEXT NOT NULL, valid_from TEXT NOT NULL, valid_until TEXT NOT NULL,"
    " granted_at TEXT NOT NULL, legal_basis TEXT NOT NULL, revoked_at TEXT, revoke_reason TEXT)",
    "CREATE INDEX IF NOT EXISTS delegations_delegate ON delegations (delegate_nip)",
    # The government affairs an agency declared it carries out (OrganisationUnit.affairs).
    "CREATE TABLE IF NOT EXISTS unit_affairs (code TEXT NOT NULL, affair TEXT NOT NULL,"
    " legal_basis TEXT NOT NULL, PRIMARY KEY (code, affair))",
    "CREATE TABLE IF NOT EXISTS appraisal_recommendations ("
    " nip TEXT NOT NULL, version INTEGER NOT NULL, year INTEGER NOT NULL, unit_code TEXT NOT NULL,"
    " recommender_nip TEXT NOT NULL, recommendation TEXT NOT NULL, recorded_at TEXT NOT NULL,"
    " legal_basis TEXT NOT NULL, PRIMARY KEY (nip, version))",
]


def _when(event: Any) -> str:
    return event.timestamp.isoformat()


def _id(event: Any) -> str:
    return str(event.originator_id)


def _decree(event: Any) -> dict[str, str | None]:
    """The SK on the decision, where the administrator gave one."""
    decree = event.decision.get("decree") or {}
    return {
        "decree_number": decree.get("number"),
        "decree_date": decree.get("date"),
        "decree_signed_by": decree.get("signed_by"),
    }


class OrganisationView:
    replay_cost = 4.5  # seconds of a 100k-event replay (bench.rebuild): groups the rebuild's processes
    tables = [
        "unit_affairs",
        "appraisal_recommendations",
        "delegations",
        "placement_history",
        "officials",
        "units",
    ]
    ddl = DDL

    def apply(self, cursor: Cursor, event: Any, notification: Notification) -> None:
        self.on(event, cursor)

    @eventmethod
    def on(self, event: Any, cursor: Cursor) -> None:
        """Events of other aggregates do not change these views."""

    @on.register
    def _(self, event: OrganisationUnit.Established, cursor: Cursor) -> None:
        path = "/" + "/".join([*event.ancestors, event.code]) + "/"
        cursor.execute(
            "INSERT INTO units (code, id, name, kind, level, head_position, parent_code, agency_code, path,"
            " established_at, legal_basis) VALUES (:code, :id, :name, :kind, :level, :head_position,"
            " :parent_code, :agency_code, :path, :at, :legal_basis)",
            {
                "code": event.code,
                "id": str(event.originator_id),
                "name": event.name,
                "kind": event.kind,
                "level": event.level,
                "head_position": event.head_position,
                "parent_code": event.parent_code,
                "agency_code": event.ancestors[0] if event.ancestors else event.code,
                "path": path,
                "at": _when(event),
                "legal_basis": event.decision["legal_basis"],
            },
        )

    @on.register
    def _(self, event: OrganisationUnit.HeadAppointed, cursor: Cursor) -> None:
        cursor.execute(
            "UPDATE units SET head_nip = :nip, head_since = :since, head_decree_number = :decree_number,"
            " head_decree_date = :decree_date, head_decree_signed_by = :decree_signed_by WHERE id = :id",
            {
                "nip": event.nip,
                "since": event.decision.get("effective_date"),
                "id": _id(event),
                **_decree(event),
            },
        )

    @on.register
    def _(self, event: OrganisationUnit.StructureTypeDeclared, cursor: Cursor) -> None:
        cursor.execute(
            "UPDATE units SET structure_type = :type WHERE id = :id",
            {"type": event.structure_type, "id": _id(event)},
        )

    @on.register
    def _(self, event: OrganisationUnit.AffairsDeclared, cursor: Cursor) -> None:
        params = {"id": _id(event), "basis": event.decision["legal_basis"]}
        cursor.execute(
            "DELETE FROM unit_affairs WHERE code = (SELECT code FROM units WHERE id = :id)", params
        )
        for affair in event.affairs:
            cursor.execute(
                "INSERT INTO unit_affairs (code, affair, legal_basis)"
                " SELECT code, :affair, :basis FROM units WHERE id = :id",
                {**params, "affair": affair},
            )

    @on.register
    def _(self, event: OrganisationUnit.UnitKerjaMandiriDeclared, cursor: Cursor) -> None:
        cursor.execute(
            "UPDATE units SET unit_kerja_mandiri = :mandiri WHERE id = :id",
            {"mandiri": int(event.mandiri), "id": _id(event)},
        )

    @on.register
    def _(self, event: Official.Registered, cursor: Cursor) -> None:
        cursor.execute(
            "INSERT INTO officials (nip, id, employee_type, name, position_type, position_title, grade, rank,"
            " education, registered_at) VALUES (:nip, :id, :employee_type, :name, :position_type,"
            " :position_title, :grade, :rank, :education, :at)",
            {
                "nip": event.nip,
                "id": _id(event),
                "employee_type": event.employee_type,
                "name": event.name,
                "position_type": event.position_type,
                "position_title": event.position_title,
                "grade": event.grade,
                "rank": event.rank,
                "education": event.education,
                "at": _when(event),
            },
        )

    @on.register
    def _(self, event: Official.HeadshipAssumed, cursor: Cursor) -> None:
        cursor.execute(
            "UPDATE officials SET head_of = :code WHERE id = :id", {"code": event.unit_code, "id": _id(event)}
        )

    @on.register
    def _(self, event: Official.HeadshipEnded, cursor: Cursor) -> None:
        cursor.execute(
            "UPDATE officials SET head_of = NULL WHERE id = :id AND head_of = :code",
            {"code": event.unit_code, "id": _id(event)},
        )

    @on.register
    def _(self, event: Official.Placed, cursor: Cursor) -> None:
        effective = event.decision.get("effective_date")
        cursor.execute(
            "UPDATE officials SET unit_code = :unit, appraiser_nip = :appraiser, placed_since = :since"
            " WHERE id = :id",
            {"unit": event.unit_code, "appraiser": event.appraiser_nip, "since": effective, "id": _id(event)},
        )
        cursor.execute(
            "INSERT INTO placement_history (nip, version, unit_code, appraiser_nip, effective_date,"
            " recorded_at, actor_nip, legal_basis, decree_number, decree_date, decree_signed_by)"
            " SELECT nip, :version, :unit, :appraiser, :since, :at, :actor, :basis, :decree_number,"
            " :decree_date, :decree_signed_by FROM officials WHERE id = :id",
            {
                "id": _id(event),
                "version": event.originator_version,
                "unit": event.unit_code,
                "appraiser": event.appraiser_nip,
                "since": effective,
                "at": _when(event),
                "actor": event.decision["actor_nip"],
                "basis": event.decision["legal_basis"],
                **_decree(event),
            },
        )

    @on.register
    def _(self, event: Official.AppraisalRecommended, cursor: Cursor) -> None:
        cursor.execute(
            "INSERT INTO appraisal_recommendations (nip, version, year, unit_code, recommender_nip,"
            " recommendation, recorded_at, legal_basis) SELECT nip, :version, :year, :unit, :actor,"
            " :text, :at, :basis FROM officials WHERE id = :id",
            {
                "id": _id(event),
                "version": event.originator_version,
                "year": event.year,
                "unit": event.unit_code,
                "actor": event.decision["actor_nip"],
                "text": event.recommendation,
                "at": _when(event),
                "basis": event.decision["legal_basis"],
            },
        )

    @on.register
    def _(self, event: Official.DelegationGranted, cursor: Cursor) -> None:
        cursor.execute(
            "INSERT INTO delegations (delegation_id, grantor_nip, delegate_nip, authority, valid_from,"
            " valid_until, granted_at, legal_basis) SELECT :delegation_id, nip, :delegate, :authority,"
            " :valid_from, :valid_until, :at, :basis FROM officials WHERE id = :id",
            {
                "delegation_id": event.delegation_id,
                "id": _id(event),
                "delegate": event.delegate_nip,
                "authority": event.authority,
                "valid_from": event.valid_from,
                "valid_until": event.valid_until,
                "at": _when(event),
                "basis": event.decision["legal_basis"],
            },
        )

    @on.register
    def _(self, event: Official.DelegationRevoked, cursor: Cursor) -> None:
        cursor.execute(
            "UPDATE delegations SET revoked_at = :at, revoke_reason = :reason WHERE delegation_id = :id",
            {"at": _when(event), "reason": event.decision.get("reason"), "id": event.delegation_id},
        )
