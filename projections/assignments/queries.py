"""Questions about assignments: one request, lists, an official's inbox ("waiting for me",
including as a delegate), outgoing requests, and workload. Who must act is resolved here
against today's organisation (units, placements, delegations, offices)."""

from datetime import date
from typing import Any

from domain.acting import BY_LETTER, DELEGABLE, DELEGATED_AUTHORITY, HELD_BY_POSITION, Target
from projections.engine.store import ViewStore

Row = dict[str, Any]

# Who holds each target kind of domain.acting by position, in SQL over today's organisation: per
# kind, the holder's NIP and the FROM clause over the open steps `w`. APPRAISER mirrors
# domain.acting.the_appraiser: the officials' one appraiser, else the head of their unit.
_BY_POSITION: dict[Target, tuple[str, str]] = {
    Target.UNIT_HEAD: ("u.head_nip", "w JOIN units u ON u.code = w.unit_code"),
    Target.AGENCY_HEAD: (
        "ag.head_nip",
        "w JOIN units u ON u.code = w.unit_code JOIN units ag ON ag.code = u.agency_code",
    ),
    Target.APPRAISER: (
        "CASE WHEN COUNT(DISTINCT o.appraiser_nip) = 1 THEN MIN(o.appraiser_nip) ELSE MIN(uh.head_nip) END",
        "w JOIN assignments a ON a.id = w.assignment_id"
        " LEFT JOIN units uh ON uh.code = a.official_unit"
        " LEFT JOIN officials o ON o.nip = w.official_nip",
    ),
    Target.SEKDA: (
        "su.head_nip",
        "w CROSS JOIN government_offices g JOIN units su ON su.code = g.setda_code",
    ),
    Target.PYB: (
        "COALESCE(g.pyb_nip, su.head_nip)",
        "w CROSS JOIN government_offices g LEFT JOIN units su ON su.code = g.setda_code",
    ),
    Target.PERSONNEL: (
        "pu.head_nip",
        "w CROSS JOIN government_offices g JOIN units pu ON pu.code = g.personnel_agency_code",
    ),
}
_ONE_PER_REQUEST = {Target.APPRAISER}  # an aggregate over the request's officials
if set(_BY_POSITION) != HELD_BY_POSITION:
    raise RuntimeError("every target domain.acting holds by position needs its SQL here")
_POSITIONS = "\n  UNION ALL\n  ".join(
    f"SELECT w.assignment_id, '{t.value}' AS target, {nip} AS nip FROM {joins} WHERE w.target = '{t.value}'"
    + (" GROUP BY w.assignment_id" if t in _ONE_PER_REQUEST else "")
    for t, (nip, joins) in _BY_POSITION.items()
)
_DELEGABLE = ", ".join(f"'{t.value}'" for t in sorted(DELEGABLE))
_BY_LETTER = ", ".join(f"'{t.value}'" for t in sorted(BY_LETTER))

# Every official who may take an open step now (domain.acting.who_may_act): by position, as the
# official, or as a delegate (in force today) of a holder whose target may be delegated.
_HOLDERS = """
WITH w AS (SELECT aw.* FROM assignment_waiting aw {where}),
pos AS (
  %s
),
holders AS (
  SELECT DISTINCT w.assignment_id, w.official_nip AS nip, 'SELF' AS via, CAST(NULL AS TEXT) AS delegated_by
    FROM w WHERE w.target = 'SELF'
  UNION
  SELECT DISTINCT assignment_id, nip, 'POSITION', CAST(NULL AS TEXT) FROM pos WHERE nip IS NOT NULL
  UNION
  SELECT DISTINCT p.assignment_id, d.delegate_nip, 'DELEGATION', p.nip FROM pos p
    JOIN delegations d ON d.grantor_nip = p.nip
   WHERE p.target IN (%s) AND d.revoked_at IS NULL AND d.authority = '%s'
     AND d.valid_from <= :today AND d.valid_until >= :today
)
""" % (_POSITIONS, _DELEGABLE, DELEGATED_AUTHORITY)


class AssignmentQueries:
    def __init__(self, store: ViewStore):
        self.store = store

    def assignment(self, assignment_id: str) -> Row | None:
        rows = self.store.query("SELECT * FROM assignments WHERE id = :id", {"id": assignment_id})
        return rows[0] if rows else None

    def assignments(
        self,
        *,
        status: str | None = None,
        unit_code: str | None = None,
        after: str | None = None,
        limit: int = 50,
    ) -> list[Row]:
        where, params = ["position > :after"], {"after": int(after or 0), "limit": limit}
        if status:
            where.append("status = :status")
            params["status"] = status
        if unit_code:
            where.append("(owning_unit = :unit OR official_unit = :unit)")
            params["unit"] = unit_code
        return self.store.query(
            f"SELECT * FROM assignments WHERE {' AND '.join(where)} ORDER BY position LIMIT :limit", params
        )

    def officials_of(self, assignment_id: str) -> list[Row]:
        return self.store.query(
            "SELECT nip, name, accepted FROM assignment_officials WHERE assignment_id = :id ORDER BY nip",
            {"id": assignment_id},
        )

    def history(self, assignment_id: str) -> list[Row]:
        return self.store.query(
            "SELECT s.*, c.tenant AS other_tenant, c.government AS other_government,"
            " c.position AS other_position, c.hash AS other_hash FROM assignment_steps s"
            " LEFT JOIN assignment_step_crossings c"
            " ON c.assignment_id = s.assignment_id AND c.version = s.version"
            " WHERE s.assignment_id = :id ORDER BY s.version",
            {"id": assignment_id},
        )

    def waiting_for(self, assignment_id: str, today: date) -> list[Row]:
        """Who may take the open step now; an EXTERNAL row means the other government: its letter
        recorded here (EXTERNAL_LETTER), or, in a native route, its officials in their tenant
        (OTHER_TENANT, ADR 0010)."""
        sql = _HOLDERS.format(where="WHERE aw.assignment_id = :id")
        rows = self.store.query(
            sql + "SELECT nip, via, delegated_by FROM holders ORDER BY via, nip",
            {"id": assignment_id, "today": today.isoformat()},
        )
        external = self.store.query(
            "SELECT 1 AS x FROM assignment_waiting WHERE assignment_id = :id AND target = 'EXTERNAL'",
            {"id": assignment_id},
        )
        native = self.store.query(
            "SELECT tenant FROM assignment_counterpart_tenants WHERE assignment_id = :id",
            {"id": assignment_id},
        )
        via = "OTHER_TENANT" if native else "EXTERNAL_LETTER"
        return rows + [{"nip": None, "via": via, "delegated_by": None} for _ in external]

    def inbox(self, nip: str, today: date, *, after: str | None = None, limit: int = 50) -> list[Row]:
        """Open requests waiting for `nip`, as holder of the role or as a delegate."""
        sql = _HOLDERS.format(where="")
        return self.store.query(
            # One row per request; one's own capacity (POSITION, SELF) wins over a delegation, as on
            # the write side (domain.acting.who_may_act).
            sql + "SELECT a.*, h.via, h.delegated_by FROM assignments a JOIN (SELECT assignment_id,"
            " MAX(via) AS via, CASE WHEN MAX(via) = 'DELEGATION' THEN MIN(delegated_by) END AS delegated_by"
            " FROM holders WHERE nip = :nip GROUP BY assignment_id) h ON h.assignment_id = a.id"
            " WHERE a.position > :after AND a.status IN"
            " ('PENDING', 'FIXED') ORDER BY a.position LIMIT :limit",
            {"nip": nip, "today": today.isoformat(), "after": int(after or 0), "limit": limit},
        )

    def awaiting_letters(self, *, after: str | None = None, limit: int = 50) -> list[Row]:
        """Open steps no official of this store can take: the other government's, or the PPK's
        (domain.acting.BY_LETTER). The administrator records them from their letters."""
        return self.store.query(
            "SELECT a.* FROM assignments a WHERE a.position > :after AND a.status IN ('PENDING', 'FIXED') AND"
            " EXISTS (SELECT 1 FROM assignment_waiting w WHERE w.assignment_id = a.id"
            f" AND w.target IN ({_BY_LETTER}))"
            " ORDER BY a.position LIMIT :limit",
            {"after": int(after or 0), "limit": limit},
        )

    def outgoing(self, nip: str, *, after: str | None = None, limit: int = 50) -> list[Row]:
        return self.store.query(
            "SELECT * FROM assignments WHERE requester_nip = :nip AND position > :after ORDER BY position"
            " LIMIT :limit",
            {"nip": nip, "after": int(after or 0), "limit": limit},
        )

    def workload(self, nip: str) -> list[Row]:
        """The official's assignments in force: letter issued, not ended (routine and incidental
        together; the profile's common.several_targets)."""
        return self.store.query(
            "SELECT a.* FROM assignments a JOIN assignment_officials o ON o.assignment_id = a.id"
            " WHERE o.nip = :nip AND a.status IN ('FIXED', 'ACTIVE') ORDER BY a.period_end, a.position",
            {"nip": nip},
        )

    def offices(self) -> Row | None:
        rows = self.store.query(
            "SELECT setda_code, personnel_agency_code, pyb_nip, ppk_name, ppk_office FROM government_offices",
            {},
        )
        return rows[0] if rows else None

    def letter(self, assignment_id: str) -> Row | None:
        rows = self.store.query(
            "SELECT * FROM assignment_letters WHERE assignment_id = :id", {"id": assignment_id}
        )
        return rows[0] if rows else None
