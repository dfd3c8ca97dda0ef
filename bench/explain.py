"""EXPLAIN ANALYZE of the ledger's questions as the API asks them (ADR 0012 quotes the output).

    .venv/bin/python -m bench.explain --schema bench_queries_1000000

Every statement `LedgerQueries` sends is run under EXPLAIN (ANALYZE) instead, and the plan
printed; the statement is then run for real so that the question goes on as it would.
"""

import argparse
import importlib.util
import os
from datetime import datetime
from typing import Any

from bench.queries import URL
from infra.demo import ADMIN_NIP
from projections.engine.store import PostgresViewStore
from projections.ledger.queries import LedgerFilter, LedgerQueries


class Explaining:
    """A view store that prints the plan of every statement before running it."""

    def __init__(self, store: Any):
        self.store = store

    def query(self, sql: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        plan = self.store.query(f"EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) {sql}", params or {})
        print("\n".join(next(iter(row.values())) for row in plan), end="\n\n")
        return self.store.query(sql, params or {})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--schema", default="bench_queries_1000000")
    parser.add_argument("--database-url", default=URL)
    parser.add_argument(
        "--queries-module", help="another projections/ledger/queries.py (an earlier release's) to explain"
    )
    args = parser.parse_args()
    queries, where = LedgerQueries, LedgerFilter
    if args.queries_module:
        spec = importlib.util.spec_from_file_location("earlier_ledger_queries", args.queries_module)
        module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
        spec.loader.exec_module(module)  # type: ignore[union-attr]
        queries, where = module.LedgerQueries, module.LedgerFilter
    store = PostgresViewStore(args.database_url, args.schema, pool_size=1)
    try:
        query = store.query
        last = query("SELECT MAX(position) AS p FROM decision_ledger")[0]["p"]
        mid = datetime.fromisoformat(
            query(
                "SELECT recorded_at FROM decision_ledger WHERE position >= :p ORDER BY position LIMIT 1",
                {"p": last // 2},
            )[0]["recorded_at"]
        )
        staff = query(
            "SELECT subject_nip FROM decision_ledger WHERE kind = 'placement' AND position >= :p"
            " ORDER BY position LIMIT 1",
            {"p": last // 2},
        )[0]["subject_nip"]
        ledger = queries(Explaining(store))  # type: ignore[arg-type]
        questions: list[tuple[str, Any]] = [
            ('article "Pasal 6"', lambda: ledger.decisions(where(article="Pasal 6"), limit=51)),
            (
                'article "Pasal 99" (cited nowhere)',
                lambda: ledger.decisions(where(article="Pasal 99"), limit=51),
            ),
            ("period from the middle on", lambda: ledger.decisions(where(recorded_from=mid), limit=51)),
            (f"officialActivity({staff})", lambda: ledger.involving(staff, limit=51)),
            (
                f"officialActivity({ADMIN_NIP}), the actor of every decision",
                lambda: ledger.involving(ADMIN_NIP, limit=51),
            ),
        ]
        for title, ask in questions:
            print(f"-- {title} ({os.path.basename(args.schema)})")
            ask()
    finally:
        store.close()


if __name__ == "__main__":
    main()
