"""Which document a verification code names. Codes are derived (infra.documents.codes) and cannot
be inverted, so they are derived once for every decision that makes a document and kept in
`document_codes`, a cache of the ledger and the chain: each lookup derives only the codes of
decisions recorded since the last one. Dropping the table loses nothing (it is filled again).
"""

from typing import Any

from infra.documents.codes import normalise, verify_code
from infra.documents.kinds import EVENT_KINDS, DocumentKind, DocumentRef

DDL = (
    "CREATE TABLE IF NOT EXISTS document_codes (verify_code TEXT PRIMARY KEY, position BIGINT NOT NULL,"
    " aggregate_id TEXT NOT NULL, aggregate_version INTEGER NOT NULL, kind TEXT NOT NULL)"
)
_TYPES = {f"{owner}.{name}": kind for (owner, name), kind in EVENT_KINDS.items()}
_BATCH = 2000


def find(system: Any, code: str, hashes: Any) -> DocumentRef | None:
    """`hashes(system, positions) -> {position: chain hash}` (infra.documents.render)."""
    store = system.store
    with store.transaction() as cursor:
        cursor.execute(DDL)
    _catch_up(system, hashes)
    rows = store.query(
        "SELECT position, aggregate_id, aggregate_version, kind FROM document_codes WHERE verify_code = :c",
        {"c": normalise(code)},
    )
    if not rows:
        return None
    row = rows[0]
    return DocumentRef(
        row["aggregate_id"], row["position"], row["aggregate_version"], DocumentKind(row["kind"])
    )


def _catch_up(system: Any, hashes: Any) -> None:
    store, tenant = system.store, system.app.profile.id
    names = {f"t{i}": name for i, name in enumerate(_TYPES)}
    types = ", ".join(":" + n for n in names)
    while True:
        [done] = store.query("SELECT COALESCE(MAX(position), 0) AS p FROM document_codes")
        rows = store.query(
            "SELECT position, aggregate_id, aggregate_version, event_type FROM decision_ledger"
            f" WHERE position > :after AND event_type IN ({types}) ORDER BY position LIMIT :limit",
            {"after": done["p"], "limit": _BATCH, **names},
        )
        if not rows:
            return
        chain = hashes(system, [row["position"] for row in rows])
        with store.transaction() as cursor:
            for row in rows:
                kind = _TYPES[row["event_type"]]
                event_hash = chain.get(row["position"], bytes(32))
                cursor.execute(
                    "INSERT INTO document_codes (verify_code, position, aggregate_id,"
                    " aggregate_version, kind) VALUES (:c, :p, :a, :v, :k)"
                    " ON CONFLICT (verify_code) DO NOTHING",
                    {
                        "c": verify_code(tenant, kind.value, row["position"], event_hash),
                        "p": row["position"],
                        "a": row["aggregate_id"],
                        "v": row["aggregate_version"],
                        "k": kind.value,
                    },
                )
