"""Persistence factories to name in eventsourcing's PERSISTENCE_MODULE setting:

    infra.audit.chained:ChainedSQLiteFactory
    infra.audit.chained:ChainedPostgresFactory

Each creates, with the events table, the `event_chain` and `chain_checkpoint` tables, and
appends one chain row per stored event in the transaction that stores it.
"""

from infra.audit.postgres_chain import (
    ChainedPostgresApplicationRecorder,
    ChainedPostgresFactory,
    ChainedPostgresProcessRecorder,
)
from infra.audit.sqlite_chain import (
    ChainedSQLiteApplicationRecorder,
    ChainedSQLiteFactory,
    ChainedSQLiteProcessRecorder,
)

SQLITE_FACTORY_TOPIC = "infra.audit.chained:ChainedSQLiteFactory"
POSTGRES_FACTORY_TOPIC = "infra.audit.chained:ChainedPostgresFactory"
ChainedRecorder = ChainedSQLiteApplicationRecorder | ChainedPostgresApplicationRecorder

__all__ = [
    "POSTGRES_FACTORY_TOPIC",
    "SQLITE_FACTORY_TOPIC",
    "ChainedPostgresApplicationRecorder",
    "ChainedPostgresFactory",
    "ChainedPostgresProcessRecorder",
    "ChainedRecorder",
    "ChainedSQLiteApplicationRecorder",
    "ChainedSQLiteFactory",
    "ChainedSQLiteProcessRecorder",
]
