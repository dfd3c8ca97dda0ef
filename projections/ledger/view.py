"""The decision ledger: one row per decision event of any aggregate, in the order recorded.

Generic over events: any event carrying a `decision` dict (domain.decision) is a decision. Its
kind in people's terms comes from KINDS (other features add a line: `KINDS[Team.Formed] =
"team formed"`), else from the class name. The agency and unit concerned come from the event's
`unit_code` or from the aggregate's last known unit, kept in the view's own `ledger_subjects`
table, so the view reads no other view's tables (the rebuild may apply views in any order).
"""

import re
from datetime import datetime
from functools import lru_cache
from typing import Any

from eventsourcing.persistence import Notification

from domain.document import SignedDocument
from domain.ids import unit_id
from domain.official import Official
from domain.organisation import OrganisationUnit
from projections.engine.bulk import insert_rows, select_in
from projections.engine.store import Cursor

KINDS: dict[type, str] = {
    SignedDocument.Signed: "document signed",
    OrganisationUnit.Established: "unit established",
    OrganisationUnit.HeadAppointed: "head appointed",
    OrganisationUnit.HeadVacated: "head vacated",
    OrganisationUnit.StructureDeepened: "agency structure deepened",
    OrganisationUnit.StructureTypeDeclared: "structure type declared",
    OrganisationUnit.UnitKerjaMandiriDeclared: "unit kerja mandiri declared",
    Official.Registered: "official registered",
    Official.HeadshipAssumed: "headship assumed",
    Official.HeadshipEnded: "headship ended",
    Official.Placed: "placement",
    Official.DelegationGranted: "delegation granted",
    Official.DelegationRevoked: "delegation revoked",
    Official.AppraisalRecommended: "appraisal recommended",
}

# Where an event names the unit it concerns, and the official it is about (first field present).
# A feature whose events use other names adds them here.
UNIT_FIELDS = ["unit_code", "owning_unit"]
SUBJECT_FIELDS = ["nip", "official_nip", "subject_nip"]

LEDGER_COLUMNS = (
    "position",
    "kind",
    "event_type",
    "aggregate_type",
    "aggregate_id",
    "aggregate_version",
    "subject_nip",
    "agency_code",
    "unit_code",
    "actor_nip",
    "capacity_kind",
    "capacity_position",
    "capacity_unit",
    "delegation_id",
    "delegated_by",
    "recorded_at",
    "recorded_max",
    "recorded_lag",
    "effective_date",
    "legal_basis",
    "articles",
    "reason",
)
SUBJECT_COLUMNS = ("id", "aggregate_type", "code", "unit_code", "agency_code")

DDL = [
    "CREATE TABLE IF NOT EXISTS decision_ledger (position BIGINT PRIMARY KEY, kind TEXT NOT NULL,"
    " event_type TEXT NOT NULL, aggregate_type TEXT NOT NULL, aggregate_id TEXT NOT NULL,"
    " aggregate_version INTEGER NOT NULL, subject_nip TEXT, agency_code TEXT, unit_code TEXT,"
    " actor_nip TEXT NOT NULL, capacity_kind TEXT NOT NULL, capacity_position TEXT, capacity_unit TEXT,"
    " delegation_id TEXT, delegated_by TEXT, recorded_at TEXT NOT NULL,"
    " recorded_max TEXT NOT NULL, recorded_lag BIGINT NOT NULL, effective_date TEXT,"
    " legal_basis TEXT NOT NULL, articles TEXT NOT NULL, reason TEXT)",
    "CREATE TABLE IF NOT EXISTS ledger_subjects (id TEXT PRIMARY KEY, aggregate_type TEXT NOT NULL,"
    " code TEXT, unit_code TEXT, agency_code TEXT)",
    # One row per article a decision cites: the article filter reads its decisions in position
    # order from this key instead of matching `articles` with LIKE row by row (ADR 0012).
    "CREATE TABLE IF NOT EXISTS ledger_articles (article TEXT NOT NULL, position BIGINT NOT NULL,"
    " PRIMARY KEY (article, position))",
]
QUERY_INDEXES = [  # serve the ledger queries only; the view itself never reads by them
    "CREATE INDEX IF NOT EXISTS ledger_agency ON decision_ledger (agency_code, position)",
    "CREATE INDEX IF NOT EXISTS ledger_actor ON decision_ledger (actor_nip, position)",
    "CREATE INDEX IF NOT EXISTS ledger_subject ON decision_ledger (subject_nip, position)",
    "CREATE INDEX IF NOT EXISTS ledger_aggregate ON decision_ledger (aggregate_id, position)",
    # ADR 0012: every filter reads its rows in position order, so a page stops early
    "CREATE INDEX IF NOT EXISTS ledger_unit ON decision_ledger (unit_code, position)",
    "CREATE INDEX IF NOT EXISTS ledger_kind ON decision_ledger (kind, position)",
    "CREATE INDEX IF NOT EXISTS ledger_delegated_by ON decision_ledger (delegated_by, position)",
    "CREATE INDEX IF NOT EXISTS ledger_recorded ON decision_ledger (recorded_at, position)",
    "CREATE INDEX IF NOT EXISTS ledger_recorded_max ON decision_ledger (recorded_max, position)",
    "CREATE INDEX IF NOT EXISTS ledger_recorded_lag ON decision_ledger (recorded_lag)",
]
_ARTICLE = re.compile(r"\b(Pasal\s+\d+[A-Z]?|Lampiran\s+[A-Z0-9]+(?:\.[A-Za-z0-9]+)*)", re.IGNORECASE)


@lru_cache(maxsize=1024)
def _default_kind(event_class: type) -> str:
    """'Team.LeaderAppointed' -> 'team leader appointed' (the aggregate named once)."""
    words = _words(event_class.__name__)
    parts = event_class.__qualname__.split(".")
    owner = _words(parts[-2]) if len(parts) > 1 else ""
    return words if not owner or words.startswith(owner) else f"{owner} {words}"


def kind_of(event_class: type) -> str:
    """People's term for an event class: the registry, else words from the class names."""
    return KINDS.get(event_class) or _default_kind(event_class)


def _field(event: Any, names: list[str]) -> str | None:
    return next((value for name in names if isinstance(value := getattr(event, name, None), str)), None)


@lru_cache(maxsize=8192)
def _unit_key(code: str) -> str:
    return str(unit_id(code))


def _words(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", name).lower()


@lru_cache(maxsize=4096)
def articles(legal_basis: str) -> str:
    """'|Pasal 7|Lampiran B.1|': every article cited, delimited for an exact LIKE match."""
    found = dict.fromkeys(normalise_article(m) for m in _ARTICLE.findall(legal_basis or ""))
    return "|" + "|".join(found) + "|" if found else ""


def normalise_article(article: str) -> str:
    """'pasal  7' -> 'Pasal 7', 'lampiran b.1.a' -> 'Lampiran B.1.a'."""
    word, _, number = " ".join(article.split()).partition(" ")
    return f"{word.capitalize()} {number[:1].upper()}{number[1:]}".strip()


class RecordedClock:
    """The latest recorded time so far in position order. An event's time is taken before its
    position is assigned, so two commands committing together may be recorded out of order: each
    row keeps the running maximum (`recorded_max`, never decreasing with the position) and how
    far its own time lags behind it (`recorded_lag`, microseconds). The period filter turns its
    bounds into a range of positions with them (projections.ledger.queries, ADR 0012).

    The maximum so far is kept as a row of `ledger_subjects` (id `recorded-clock`): read and written with
    the batch's subjects, it costs no statement of its own."""

    ID = "recorded-clock"

    def __init__(self, known: dict[str, dict]):
        row = known.get(self.ID)
        self.latest = datetime.fromisoformat(row["code"]) if row else None

    def advance(self, recorded: datetime) -> dict[str, Any]:
        if self.latest is None or recorded > self.latest:
            self.latest = recorded
        lag = self.latest - recorded
        return {
            "recorded_max": _iso(self.latest),
            "recorded_lag": (lag.days * 86_400 + lag.seconds) * 1_000_000 + lag.microseconds,
        }

    def subject(self) -> dict[str, Any]:
        """Its row in ledger_subjects."""
        code = _iso(self.latest) if self.latest else None
        return {
            "id": self.ID,
            "aggregate_type": "RecordedClock",
            "code": code,
            "unit_code": None,
            "agency_code": None,
        }


def _iso(instant: datetime) -> str:
    return instant.isoformat(timespec="microseconds")


class DecisionLedgerView:
    tables = ["decision_ledger", "ledger_subjects", "ledger_articles"]
    replay_cost = 6.5  # seconds of a 100k-event replay (bench.rebuild): groups the rebuild's processes
    ddl = DDL + QUERY_INDEXES
    query_only_ddl = QUERY_INDEXES  # the rebuild's in-memory copy can do without them

    def apply(self, cursor: Cursor, event: Any, notification: Notification) -> None:
        self.apply_batch(cursor, [(event, notification)])

    def apply_batch(self, cursor: Cursor, items: list[tuple[Any, Notification]]) -> None:
        """Everything the batch needs is read in one query and written in a few multi-row
        statements: the same code serves the live path (batches of one) and the rebuild."""
        keyed = [
            (event, notification, str(event.originator_id), _field(event, UNIT_FIELDS))
            for event, notification in items
        ]
        known = self._load(cursor, keyed)
        changed: dict[str, dict] = {}
        rows = []
        clock = RecordedClock(known)
        for event, notification, key, unit_code in keyed:
            subject = self._track(event, key, unit_code, known, changed)
            if isinstance(getattr(event, "decision", None), dict):
                row = self._row(event, notification, subject, unit_code, known)
                rows.append({**row, **clock.advance(event.timestamp)})
        if rows:
            changed[RecordedClock.ID] = clock.subject()
        insert_rows(
            cursor,
            "ledger_subjects",
            SUBJECT_COLUMNS,
            list(changed.values()),
            conflict="(id) DO UPDATE SET code = excluded.code, unit_code = excluded.unit_code,"
            " agency_code = excluded.agency_code",
        )
        insert_rows(cursor, "decision_ledger", LEDGER_COLUMNS, rows)
        insert_rows(
            cursor,
            "ledger_articles",
            ("article", "position"),
            [
                {"article": article, "position": row["position"]}
                for row in rows
                for article in row["articles"].strip("|").split("|")
                if article
            ],
        )

    @staticmethod
    def _load(cursor: Cursor, keyed: list[tuple]) -> dict[str, dict]:
        """The subjects of the batch's aggregates and of the units they name, by primary key
        (a unit's id follows from its code: domain.ids)."""
        ids = {key for _, _, key, _ in keyed} | {_unit_key(code) for *_, code in keyed if code}
        ids.add(RecordedClock.ID)
        found = select_in(cursor, "SELECT * FROM ledger_subjects WHERE id IN ({ids})", "ids", sorted(ids))
        known = {row["id"]: row for row in found}
        known.update(
            {f"unit:{row['code']}": row for row in found if row["aggregate_type"] == "OrganisationUnit"}
        )
        return known

    @staticmethod
    def _track(
        event: Any, key: str, unit_code: str | None, known: dict[str, dict], changed: dict[str, dict]
    ) -> dict:
        """The aggregate's subject record after this event (its code, unit and agency)."""
        subject = known.get(key)
        if subject is None:
            subject = {
                "id": key,
                "aggregate_type": type(event).__qualname__.split(".")[0],
                "code": getattr(event, "code", None) or _field(event, SUBJECT_FIELDS),
                "unit_code": None,
                "agency_code": None,
            }
            if isinstance(event, OrganisationUnit.Established):
                subject.update(unit_code=event.code, agency_code=(event.ancestors or [event.code])[0])
                known[f"unit:{event.code}"] = subject
        if unit_code and subject["aggregate_type"] != "OrganisationUnit":
            unit = known.get(f"unit:{unit_code}")
            subject = {
                **subject,
                "unit_code": unit_code,
                "agency_code": unit["agency_code"] if unit else None,
            }
        if subject is not known.get(key):
            known[key] = changed[key] = subject
        return subject

    @staticmethod
    def _row(
        event: Any, notification: Notification, subject: dict, unit_code: str | None, known: dict[str, dict]
    ) -> dict:
        decision, capacity = event.decision, event.decision.get("capacity") or {}
        subject_nip = (
            subject["code"] if subject["aggregate_type"] == "Official" else _field(event, SUBJECT_FIELDS)
        )
        unit_code = unit_code or subject["unit_code"]
        unit = known.get(f"unit:{unit_code}") if unit_code else None
        return {
            "position": notification.id,
            "kind": kind_of(type(event)),
            "event_type": type(event).__qualname__,
            "aggregate_type": subject["aggregate_type"],
            "aggregate_id": subject["id"],
            "aggregate_version": event.originator_version,
            "subject_nip": subject_nip,
            "agency_code": unit["agency_code"] if unit else subject["agency_code"],
            "unit_code": unit_code,
            "actor_nip": decision["actor_nip"],
            "capacity_kind": capacity.get("kind", "UNKNOWN"),
            "capacity_position": capacity.get("position"),
            "capacity_unit": capacity.get("unit_code"),
            "delegation_id": capacity.get("delegation_id"),
            "delegated_by": capacity.get("delegated_by"),
            "recorded_at": _iso(event.timestamp),
            "effective_date": decision.get("effective_date"),
            "legal_basis": decision.get("legal_basis", ""),
            "articles": articles(decision.get("legal_basis", "")),
            "reason": decision.get("reason"),
        }
